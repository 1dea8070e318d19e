/*
 * fp.h: the fingerprints dedup compares.
 *
 * The normalised text is the text's word and number tokens (common/token.h:
 * NFKC case-folded, diacritics removed; punctuation, white space and markup
 * of hyphens and apostrophes dropped) joined by single spaces. Its XXH3-128
 * hash finds exact duplicates. The SimHash is Charikar's 64-bit sketch of
 * the multiset of word 3-shingles of the same tokens: texts that share most
 * of their shingles get hashes a few bits apart.
 */
#ifndef DD_FP_H
#define DD_FP_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"
#include "token.h"

#define DD_SHINGLE 3		/* words per shingle */

struct dd_fp {
	uint64_t th[2];		/* XXH3-128 of the normalised text: high, low */
	uint64_t sim;		/* SimHash of the shingles */
	size_t nwords;		/* word and number tokens */
};

/* scratch space reused from record to record */
struct dd_scratch {
	struct toks toks;
	struct sbuf norm;
};

#define DD_SCRATCH_INIT {TOKS_INIT, SBUF_INIT}

/* Fingerprint text[0..len) (valid UTF-8). */
void dd_fingerprint(const char *text, size_t len, struct dd_scratch *s,
    struct dd_fp *fp);
void dd_scratch_free(struct dd_scratch *s);

/* Bits in which two SimHashes differ. */
static inline int
dd_distance(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}

#endif
