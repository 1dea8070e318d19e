/* lexicon.h: look-ups in the segmenter's word lists (see segment.h) */
#ifndef LEXICON_H
#define LEXICON_H

#include <stddef.h>

struct ss_lex;

#define SS_MAXWORD 64	/* longer words are never in a list */

/* 1 if s[0..n) (any case) is listed: sets its class and roles */
int ss_lex_find(const struct ss_lex *x, const char *s, size_t n, int *cls,
    unsigned *roles);

#endif
