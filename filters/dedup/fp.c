/* fp.c: normalised-text hash and SimHash of word shingles */
#include <string.h>

#include <xxhash.h>

#include "fp.h"

/* the finaliser of MurmurHash3 / SplitMix64: every input bit reaches every
 * output bit, so the shingle hashes' bits are independent enough for SimHash */
static uint64_t
mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t
shingle_hash(const uint64_t *w, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = mix64(h ^ w[i]) + (uint64_t)i;
	return mix64(h);
}

/* one SimHash from counts of set bits among n feature hashes; a bit is set
 * when more than half the features have it; a tie takes the bit of tie (a
 * hash of the whole text), so that short texts' bits are not biased to 0 */
static uint64_t
simhash_of(const uint32_t cnt[64], size_t n, uint64_t tie)
{
	uint64_t h = 0;
	int b;

	for (b = 0; b < 64; b++)
		if (2 * (uint64_t)cnt[b] > n ||
		    (2 * (uint64_t)cnt[b] == n && (tie >> b & 1)))
			h |= 1ULL << b;
	return h;
}

static void
count_bits(uint32_t cnt[64], uint64_t h)
{
	int b;

	for (b = 0; b < 64; b++)
		cnt[b] += (uint32_t)((h >> b) & 1);
}

void
dd_fingerprint(const char *text, size_t len, struct dd_scratch *s,
    struct dd_fp *fp)
{
	uint64_t win[DD_SHINGLE] = {0};
	uint32_t cnt[64];
	XXH128_hash_t th;
	size_t i, nw, nfeat;
	const struct tok *t;

	tok_run(&s->toks, text, len);
	sb_reset(&s->norm);
	memset(cnt, 0, sizeof(cnt));
	nw = nfeat = 0;
	for (i = 0; i < s->toks.n; i++) {
		t = &s->toks.v[i];
		if (!(t->flags & (TK_WORD | TK_NUM)))
			continue;
		if (nw > 0)
			sb_addc(&s->norm, ' ');
		sb_add(&s->norm, tok_norm(&s->toks, i), t->nlen);
		/* slide the window; count a shingle once it is full */
		memmove(win, win + 1, sizeof(win) - sizeof(win[0]));
		win[DD_SHINGLE - 1] = t->hash;
		nw++;
		if (nw >= DD_SHINGLE) {
			count_bits(cnt, shingle_hash(win, DD_SHINGLE));
			nfeat++;
		}
	}
	/* a text shorter than one shingle is one feature of all its words */
	if (nw > 0 && nw < DD_SHINGLE) {
		count_bits(cnt, shingle_hash(win + DD_SHINGLE - nw, nw));
		nfeat++;
	}
	th = XXH3_128bits(s->norm.p != NULL ? s->norm.p : "", s->norm.len);
	fp->th[0] = th.high64;
	fp->th[1] = th.low64;
	fp->sim = nfeat > 0 ? simhash_of(cnt, nfeat, mix64(th.low64)) : 0;
	fp->nwords = nw;
}

void
dd_scratch_free(struct dd_scratch *s)
{
	toks_free(&s->toks);
	sb_free(&s->norm);
}
