/*
 * token.h: one tokenizer for every filter. A token is a run of letters,
 * marks and digits (a word or number), or one other visible character
 * (punctuation). Hyphens and apostrophes inside words split them but are
 * not tokens, so "Mujahedin-e-Khalq", "Mujahedin-e Khalq" and
 * "Mujahedin e Khalq" give the same tokens, and "IRGC's" gives "irgc" "s".
 * Each token has byte and code point offsets into the text and a
 * normalised form: NFKC case-folded with diacritics removed ("Āz̄ārbāyjān"
 * -> "azarbayjan").
 */
#ifndef TOKEN_H
#define TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

enum {
	TK_WORD = 1 << 0,	/* letters (maybe with digits) */
	TK_NUM = 1 << 1,	/* starts with a digit */
	TK_PUNCT = 1 << 2,	/* one punctuation or symbol character */
	TK_CAP = 1 << 3,	/* first letter upper or title case */
	TK_UPPER = 1 << 4,	/* every letter upper case (and >= 1 letter) */
	TK_LOWER = 1 << 5,	/* first letter lower case */
	TK_SPACE = 1 << 6,	/* white space before it */
	TK_NEWLINE = 1 << 7,	/* a line break before it */
	TK_PARA = 1 << 8,	/* a blank line (paragraph break) before it */
	TK_JOINED = 1 << 9,	/* a hyphen or apostrophe joined it to the previous */
};

/* offsets are 32-bit: a text longer than 4 GiB is refused (exit 70) */
struct tok {
	uint32_t b0, b1;	/* bytes [b0, b1) in the text */
	uint32_t c0, c1;	/* code points [c0, c1) */
	uint32_t norm;		/* offset of the NUL-terminated normal form in normbuf */
	uint32_t nlen;
	uint64_t hash;		/* XXH3 of the normal form */
	unsigned flags;
};

struct toks {
	struct tok *v;
	size_t n, cap;
	struct sbuf normbuf;
	struct sbuf scratch;	/* private */
};

#define TOKS_INIT {NULL, 0, 0, SBUF_INIT, SBUF_INIT}

/* Tokenize s[0..n) (valid UTF-8) into t, replacing its old contents. */
void tok_run(struct toks *t, const char *s, size_t n);
static inline const char *
tok_norm(const struct toks *t, size_t i)
{
	return t->normbuf.p + t->v[i].norm;
}
void toks_free(struct toks *t);

/* The normal form of one word, into out (reset first); returns its hash. */
uint64_t tok_normalize(const char *s, size_t n, struct sbuf *out);
uint64_t tok_hash(const char *s, size_t n);

#endif
