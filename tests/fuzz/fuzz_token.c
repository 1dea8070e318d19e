/*
 * fuzz_token.c: the tokenizer (token.h) and the phrase matcher (phrase.h).
 * Input: aliases, one a line, then a 0xff byte, then the text (both made
 * valid UTF-8 with u8_repair first; an input without 0xff is all text
 * and uses a few fixed aliases). Invariants:
 *  - tokens are non-empty, in order, do not overlap, and their code point
 *    offsets are the u8_map images of their byte offsets;
 *  - a punctuation token is one code point; the normal form is valid,
 *    NUL-terminated UTF-8 and hashes to the token's hash;
 *  - ph_scan() matches are in order, do not overlap, carry >= 1 hit with a
 *    payload that was added, and agree with ph_match_at();
 *  - every alias that was added matches itself, whole.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "phrase.h"
#include "sbuf.h"
#include "token.h"
#include "utf8.h"

#define MAXA 256

static const char *fixed[] = {
	"Islamic Revolution Guards Corps",
	"IRGC",
	"People's Mojahedin Organization of Iran",
	"Mujahedin-e-Khalq",
	"United States",
	"U.S.",
	"Tehran",
	"condemned",
	"so-called",
};

static void
check_tokens(const struct toks *t, const char *s, size_t n)
{
	struct u8_map m;
	size_t i, prev = 0;
	const struct tok *k;
	const char *norm;

	u8_map_init(&m, s, n);
	for (i = 0; i < t->n; i++) {
		k = &t->v[i];
		check(k->b0 < k->b1 && k->b1 <= n, "token bytes in range");
		check(k->b0 >= prev, "tokens in order");
		check(k->c0 < k->c1, "token code points non-empty");
		check(k->c0 == u8_map_cp(&m, k->b0), "c0 maps to b0");
		check(k->c1 == u8_map_cp(&m, k->b1), "c1 maps to b1");
		if (k->flags & TK_PUNCT)
			check(k->c1 == k->c0 + 1, "punctuation is one char");
		check(k->norm + k->nlen < t->normbuf.len, "norm in normbuf");
		norm = tok_norm(t, i);
		check(norm[k->nlen] == '\0', "norm NUL-terminated");
		check(u8_valid(norm, k->nlen), "norm is UTF-8");
		check(tok_hash(norm, k->nlen) == k->hash, "norm hash");
		prev = k->b1;
	}
	u8_map_free(&m);
}

static int
has_para(const struct toks *t)
{
	size_t i;

	for (i = 1; i < t->n; i++)
		if (t->v[i].flags & TK_PARA)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = memchr(data, 0xff, size);
	struct sbuf al = SBUF_INIT, tx = SBUF_INIT;
	struct toks t = TOKS_INIT, at = TOKS_INIT;
	struct phrase_set *ps = ph_new();
	struct ph_match *mv = NULL, one;
	size_t cap = 0, nm, i, na = 0, prev = 0, len;
	const char *p, *end, *nl;
	unsigned flags;
	unsigned char ok[MAXA];
	size_t nline = 0;

	if (sep != NULL) {
		u8_repair((const char *)data, (size_t)(sep - data), &al);
		u8_repair((const char *)sep + 1,
		    size - (size_t)(sep - data) - 1, &tx);
	} else {
		for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
			sb_adds(&al, fixed[i]), sb_addc(&al, '\n');
		u8_repair((const char *)data, size, &tx);
	}
	sb_addc(&al, '\n');
	sb_addc(&tx, '\0');
	tx.len--;

	/* aliases: flags from the line's length, payload its number */
	for (p = al.p, end = al.p + al.len; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)(nl - p);
		flags = (unsigned)(len % 3 == 1 ? PH_CASE :
			len % 3 == 2		? PH_CAPS :
						  0);
		ok[nline < MAXA ? nline : MAXA - 1] = 0;
		if (len > 0 && ph_add(ps, p, len, flags, (int)na) == 0) {
			na++;
			if (nline < MAXA)
				ok[nline] = 1;
		}
		nline++;
	}
	check(ph_size(ps) == na, "ph_size counts the aliases");

	tok_run(&t, tx.p, tx.len);
	check_tokens(&t, tx.p, tx.len);
	nm = ph_scan(ps, &t, tx.p, &mv, &cap);
	for (i = 0; i < nm; i++) {
		check(
		    mv[i].t0 >= prev && mv[i].t0 < mv[i].t1 && mv[i].t1 <= t.n,
		    "matches in order, inside the tokens");
		check(mv[i].nhits >= 1 && mv[i].hits != NULL, "hits");
		check(mv[i].hits[0].payload >= 0 &&
			(size_t)mv[i].hits[0].payload < na,
		    "payload was added");
		check(ph_match_at(ps, &t, tx.p, mv[i].t0, &one) ==
			mv[i].t1 - mv[i].t0,
		    "ph_match_at agrees");
		prev = mv[i].t1;
	}

	/* each alias that was added matches itself, whole */
	nline = 0;
	for (p = al.p, end = al.p + al.len; p < end; p = nl + 1, nline++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)(nl - p);
		if (len == 0 || nline >= MAXA || !ok[nline])
			continue;
		tok_run(&at, p, len);
		check_tokens(&at, p, len);
		if (has_para(&at))
			continue;
		check(ph_match_at(ps, &at, p, 0, &one) == at.n,
		    "an alias matches itself");
	}

	free(mv);
	toks_free(&t);
	toks_free(&at);
	ph_free(ps);
	sb_free(&al);
	sb_free(&tx);
	return 0;
}
