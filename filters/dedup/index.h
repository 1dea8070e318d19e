/*
 * index.h: the fingerprints of the documents kept so far, and the state
 * file that carries them from one run to the next.
 *
 * Per kept document the index holds: the XXH3-128 of its normalised text
 * (16 bytes), its SimHash and one chain link in each of the four SimHash
 * tables (24), the offset of its id (4), its share of the id table (4-byte
 * slots at a load of 0.67 to 0.75: 6) and the id itself (1 + its length,
 * at most DD_ID_MAX). That is 50 bytes plus the id; the four tables' heads
 * are 1 MiB. A million documents with 18-byte ids take about 70 MB.
 *
 * Near-duplicate search is multi-index hashing (Manku, Jain and Das Sarma
 * 2007; Norouzi et al. 2012): the 64 bits are cut into four 16-bit blocks;
 * two hashes at most k bits apart agree within floor(k / 4) bits on at
 * least one block, so a lookup probes, in each block's table, the buckets
 * at that small distance from its own block, and compares only the
 * documents found there.
 */
#ifndef DD_INDEX_H
#define DD_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "fp.h"

#define DD_ID_MAX 255		/* longer ids are kept as "xxh3:" + 32 hex */
#define DD_BLOCKS 4

enum dd_by {
	DD_NONE = 0,
	DD_ID,			/* same id */
	DD_EXACT,		/* same normalised text */
	DD_NEAR			/* SimHash within the threshold */
};

struct dd_match {
	enum dd_by by;
	uint32_t doc;		/* the kept document it duplicates */
	int distance;		/* SimHash bits apart (DD_NEAR, DD_EXACT: 0) */
};

struct dd_index;

struct dd_index *dd_index_new(void);
void dd_index_free(struct dd_index *x);
size_t dd_index_count(const struct dd_index *x);

/*
 * Look a document up: by id first (when id is not NULL), then, when exact
 * is set, by text hash, then, when maxdist >= 0, by SimHash within maxdist
 * bits (the closest kept document; the earliest among equals). Fills m and
 * returns m->by (DD_NONE: not a duplicate).
 */
enum dd_by dd_index_find(const struct dd_index *x, const char *id,
    size_t idlen, const struct dd_fp *fp, int exact, int maxdist,
    struct dd_match *m);
/* Add a kept document; returns its number. */
uint32_t dd_index_add(struct dd_index *x, const char *id, size_t idlen,
    const struct dd_fp *fp);
/* The id of document doc (not NUL-terminated), len 0 when it had none. */
const char *dd_index_id(const struct dd_index *x, uint32_t doc, size_t *len);

/*
 * The state file. dd_state_load returns 0, or -1 when the file does not
 * exist (an empty index is fine then), and dies with 66 when it cannot be
 * read and 65 when it is not a dedup state file or is damaged.
 * dd_state_save writes path atomically: a temporary file in the same
 * directory, fsync, rename, fsync of the directory. It returns 0, or an
 * exit status (73 cannot create, 74 write error) after saying why.
 */
int dd_state_load(struct dd_index *x, const char *path);
int dd_state_save(const struct dd_index *x, const char *path);

#endif
