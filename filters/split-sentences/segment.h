/*
 * segment.h: the sentence segmenter behind split-sentences.
 *
 * One pass over the bytes of a text finds the places where a sentence may
 * end (. ? ! ... and line breaks) and decides each one from the word before
 * it, the word after it and a few word lists (struct ss_lex) loaded once.
 * The result is a list of sentences as byte and code point spans, trimmed
 * of white space, in order.
 */
#ifndef SEGMENT_H
#define SEGMENT_H

#include <stddef.h>

/* how an abbreviation behaves before the next word */
enum ss_class {
	SS_PLAIN = 0,	/* not an abbreviation: an ordinary word */
	SS_TITLE,	/* Mr. Gen. Dr.: never ends a sentence before a word */
	SS_NUMBER,	/* No. p. Art.: an abbreviation only before a number */
	SS_INNER,	/* e.g. i.e. vs.: never ends a sentence */
	SS_END,		/* Inc. etc. Jr. Jan.: ends one before a capital */
	SS_JOIN,	/* U.S. St. Mt.: ends one only before a sentence opener */
	SS_TIME,	/* a.m. p.m.: like SS_END, but a weekday or zone goes on */
	SS_NCLASS
};

/* roles of a following word (bits) */
enum {
	SS_W_OPENER = 1 << 0,	/* The, He, But: opens sentences, names rarely */
	SS_W_INTRO = 1 << 1,	/* At, By, After: opens a time phrase */
	SS_W_TIME = 1 << 2,	/* Monday, GMT: goes on after a.m./p.m. */
	SS_W_SAY = 1 << 3,	/* said, asked: "Why?" Smith asked. */
	SS_W_CONT = 1 << 4,	/* the, of, and: a line ending so goes on */
	SS_W_FOLLOW = 1 << 5,	/* CEO, Chairman: goes on after Inc. Co. */
};

struct ss_lex;

struct ss_lex *ss_lex_new(void);
/* Add an abbreviation as written, without its final period ("U.S",
 * "Gen"); case does not matter. Returns -1 if it is not usable. */
int ss_lex_abbrev(struct ss_lex *x, const char *s, size_t n,
    enum ss_class cls);
/* Add roles to a word (case does not matter). Returns -1 if unusable. */
int ss_lex_word(struct ss_lex *x, const char *s, size_t n, unsigned roles);
/* class names as used in the data files: "title", "number", ... */
int ss_class_parse(const char *name);
void ss_lex_free(struct ss_lex *x);

struct ss_span {
	size_t b0, b1;		/* bytes [b0, b1) */
	size_t c0, c1;		/* code points [c0, c1) */
};

struct ss_spans {
	struct ss_span *v;
	size_t n, cap;
	/* scratch, reused between calls */
	size_t *cut;
	size_t ncut, capcut;
	size_t *list;
	size_t nlist, caplist;
};

#define SS_SPANS_INIT {NULL, 0, 0, NULL, 0, 0, NULL, 0, 0}

/* Split s[0..n) (valid UTF-8) into sentences, replacing out's contents. */
void ss_split(const struct ss_lex *x, const char *s, size_t n,
    struct ss_spans *out);
void ss_spans_free(struct ss_spans *out);

#endif
