/*
 * tag.h: find the entity mentions of one text and write them as the
 * contract's `entities` array.
 */
#ifndef TAG_H
#define TAG_H

#include <stddef.h>

#include "gaz.h"
#include "sbuf.h"

/* a sentence as code point offsets [start, end) */
struct tg_sent {
	size_t start, end;
};

struct tg_opts {
	int guess;		/* find names outside the gazetteer */
	int metonymy;		/* capitals as governments */
};

struct tagger;

struct tagger *tg_new(const struct gaz *g, const struct tg_opts *o);
/*
 * Tag text[0..n) (valid UTF-8). sents (may be NULL) give each mention its
 * sentence index; without them every mention gets fixed_sentence. Writes
 * the JSON array to out (appended). Returns the number of mentions.
 */
size_t tg_run(struct tagger *tg, const char *text, size_t n,
    const struct tg_sent *sents, size_t nsents, long fixed_sentence,
    struct sbuf *out);
void tg_free(struct tagger *tg);

#endif
