/*
 * gaz.h: the loaded resources of tag-entities: gazetteer entries (id,
 * type, aliases in one phrase trie), cue words (titles, speech verbs,
 * organisation head words...) and the common-word dictionary.
 */
#ifndef GAZ_H
#define GAZ_H

#include <stddef.h>
#include <stdint.h>

#include "phrase.h"
#include "sbuf.h"

enum gz_type { GZ_PERSON, GZ_ORG, GZ_GPE, GZ_LOC, GZ_NORP, GZ_NTYPES };

/* cue kinds, as bits */
enum {
	CUE_TITLE = 1 << 0,
	CUE_SAID = 1 << 1,
	CUE_ORGHEAD = 1 << 2,
	CUE_PLACEHEAD = 1 << 3,
	CUE_PLACEPREP = 1 << 4,
	CUE_POLVERB = 1 << 5,
	CUE_GOVPREP = 1 << 6,
	CUE_STOP = 1 << 7,
	CUE_GIVEN = 1 << 8,
	CUE_CONN = 1 << 9,
	CUE_EVENT = 1 << 10,
	CUE_NKINDS = 11,
	CUE_FIRST = 16		/* shift: the word starts a phrase cue */
};

/* alias flags, packed into the phrase payload with the entry index */
enum {
	GA_TITLE = 1 << 0,	/* a title-like name: not next to a person */
	GA_LOW = 1 << 1,	/* yields to other entries of the same alias */
	GA_SHORT = 1 << 2,	/* a short form: only where the entry is named
				 * in full in the same text ("the Guards") */
	GA_SHIFT = 3
};

/* entry flags */
enum {
	GE_COUNTRY = 1 << 0,	/* a country (country=) */
	GE_CITY = 1 << 1,	/* a city (city, or a capital with gov=) */
	GE_SUBDIV = 1 << 2,	/* a subdivision (low) */
};

struct gz_ent {
	char *id;
	enum gz_type type;
	int gov;		/* entry of the government (gov=), or -1 */
	unsigned flags;		/* GE_* */
};

/* a set of 64-bit word hashes */
struct wset {
	uint64_t *v;
	size_t mask, n;
};

/* bits of the filter of cue words: a power of two */
#define GZ_CUEBITS (1u << 15)

struct gaz {
	struct gz_ent *ent;
	size_t nent, entcap;
	struct phrase_set *names;	/* payload: entry << GA_SHIFT | GA_* */
	struct phrase_set *cues;	/* payload: CUE_* bit index */
	/* spelling variants: the hash of each one-word PERSON or ORG alias
	 * of seven letters or more, and of it with one letter deleted ->
	 * entry (-1 when two entries share a key) */
	uint64_t *fzkey;
	int *fzent;
	size_t fzmask, nfz;
	/* surnames: the last word of each full PERSON alias -> entry
	 * (-1 when two people share it) */
	uint64_t *snkey;
	int *snent;
	size_t snmask, nsn;
	struct sbuf scratch;
	/* word hash -> cue bits: the kinds of one-word cues, and (shifted
	 * by CUE_FIRST) the kinds of phrases that start with the word */
	uint64_t *cuekey;
	uint32_t *cuebits;
	size_t cuemask, ncue;
	uint64_t cuefilt[GZ_CUEBITS / 64];	/* a clear bit: no cue */
	struct wset lower;	/* dictionary words in lower case */
	struct wset proper;	/* dictionary words only capitalised */
	/* id -> entry, open addressing */
	int *idtab;
	size_t idmask;
	char **govref;		/* pending gov= ids, one per entry */
};

extern const char *const gz_type_name[GZ_NTYPES];
extern const char *const gz_kind_name[GZ_NTYPES];

struct gaz *gz_new(void);
/* Load one gazetteer TSV file (exits 65 on a bad row, 66 if unreadable). */
void gz_load(struct gaz *g, const char *path);
/* Load every *.tsv file of a directory, in name order; -1 if no directory. */
int gz_load_dir(struct gaz *g, const char *dir);
/* Load the word list (one word a line); -1 if it cannot be read. */
int gz_load_dict(struct gaz *g, const char *path);
/* Resolve gov= references; call once after loading. */
void gz_finish(struct gaz *g);
void gz_free(struct gaz *g);

int gz_find(const struct gaz *g, const char *id, size_t len);
int ws_has(const struct wset *s, uint64_t h);
void ws_add(struct wset *s, uint64_t h);
/* the one gazetteer person whose full name ends in the word, or -1 */
int gz_surname(const struct gaz *g, uint64_t hash);
/* the entry a word is a one-edit spelling variant of, or -1 */
int gz_fuzzy(const struct gaz *g, const char *norm, size_t len);
/* cue bits of one normalised word (CUE_* and CUE_* << CUE_FIRST) */
unsigned gz_cue_word(const struct gaz *g, uint64_t hash);

/* the cue bits of a word, as gz_cue_word, mostly without a lookup */
static inline unsigned
gz_cue(const struct gaz *g, uint64_t hash)
{
	size_t b = (size_t)(hash >> 40) & (GZ_CUEBITS - 1);

	if (!((g->cuefilt[b / 64] >> (b % 64)) & 1))
		return 0;
	return gz_cue_word(g, hash);
}

#endif
