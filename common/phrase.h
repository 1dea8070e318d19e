/*
 * phrase.h: one matcher for gazetteer aliases, stance cues and
 * boilerplate phrases: a trie over normalised tokens (see token.h),
 * built once, matched longest-first in one pass over a text's tokens.
 */
#ifndef PHRASE_H
#define PHRASE_H

#include <stddef.h>

#include "token.h"

enum {
	PH_CASE = 1 << 0,	/* the text must match the alias's case exactly */
	PH_CAPS = 1 << 1,	/* each word of the text must start upper case */
};

struct phrase_set;

struct ph_hit {
	int payload;		/* the caller's value given to ph_add */
	unsigned flags;
};

struct ph_match {
	size_t t0, t1;		/* tokens [t0, t1) */
	const struct ph_hit *hits;	/* every entry for this alias */
	size_t nhits;
};

struct phrase_set *ph_new(void);
/* Add an alias; returns -1 if it has no tokens. The same alias may be
 * added with several payloads (ambiguous names). */
int ph_add(struct phrase_set *ps, const char *alias, size_t len,
    unsigned flags, int payload);
/* Longest match starting at token i that passes the case rules; 0 if none,
 * else the number of tokens matched (m filled in). */
size_t ph_match_at(const struct phrase_set *ps, const struct toks *t,
    const char *text, size_t i, struct ph_match *m);
/* All leftmost-longest non-overlapping matches, in order. *out grows. */
size_t ph_scan(const struct phrase_set *ps, const struct toks *t,
    const char *text, struct ph_match **out, size_t *cap);
size_t ph_size(const struct phrase_set *ps);	/* number of aliases */
void ph_free(struct phrase_set *ps);

#endif
