/* token.c: words and punctuation with offsets and normal forms */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "cli.h"
#include "token.h"
#include "utf8.h"

enum cls { C_SPACE, C_NL, C_WORD, C_JOIN, C_IGNORE, C_PUNCT };

static enum cls
classify_slow(int32_t cp);

/* classes of the ASCII bytes, filled in on first use */
static unsigned char ascii_cls[128];
static int ascii_ready;

static void
ascii_init(void)
{
	int c;

	for (c = 0; c < 128; c++)
		ascii_cls[c] = (unsigned char)classify_slow(c);
	ascii_ready = 1;
}

static enum cls
classify(int32_t cp)
{
	if (cp < 0x80)
		return (enum cls)ascii_cls[cp];
	return classify_slow(cp);
}

static enum cls
classify_slow(int32_t cp)
{
	const utf8proc_property_t *p;

	if (cp < 0x80) {
		if (cp == '\n')
			return C_NL;
		if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' ||
		    cp == '\v')
			return C_SPACE;
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return C_WORD;
		if (cp == '-' || cp == '\'')
			return C_JOIN;
		if (cp < 0x20 || cp == 0x7f)
			return C_SPACE;
		return C_PUNCT;
	}
	switch (cp) {
	case 0x2028: case 0x2029: case 0x85:
		return C_NL;
	case 0x00ad: case 0x200b: case 0x200c: case 0x200d: case 0x2060:
	case 0xfeff:
		return C_IGNORE;
	case 0x2010: case 0x2011: case 0x2018: case 0x2019: case 0x02bc:
		return C_JOIN;
	default:
		break;
	}
	p = utf8proc_get_property(cp);
	switch (p->category) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_WORD;
	case UTF8PROC_CATEGORY_ZS:
		return C_SPACE;
	case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
		return C_NL;
	case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_CS: case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CN:
		return C_IGNORE;
	default:
		return C_PUNCT;
	}
}

uint64_t
tok_hash(const char *s, size_t n)
{
	return XXH3_64bits(s, n);
}

uint64_t
tok_normalize(const char *s, size_t n, struct sbuf *out)
{
	size_t i;
	int ascii = 1;
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t k;

	sb_reset(out);
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80) {
			ascii = 0;
			break;
		}
	if (ascii) {
		sb_grow(out, n + 1);
		for (i = 0; i < n; i++) {
			char c = s[i];

			out->p[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		out->len = n;
	} else {
		struct sbuf safe = SBUF_INIT;

		/* linear time for storms of combining marks (UAX #15) */
		if (u8_stream_safe(s, n, &safe) > 0) {
			s = safe.p;
			n = safe.len;
		}
		k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
		    &m, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
		    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
		if (k < 0) {
			if (k == UTF8PROC_ERROR_NOMEM)
				die(EX_OSERR_, "out of memory");
			sb_add(out, s, n);
		} else {
			sb_add(out, m, (size_t)k);
		}
		free(m);
		sb_free(&safe);
	}
	sb_grow(out, 1);
	out->p[out->len] = '\0';
	return XXH3_64bits(out->p, out->len);
}

static unsigned
case_flags(const char *s, size_t n)
{
	size_t i = 0;
	int32_t cp;
	int first = 1, letters = 0, upper = 1;
	unsigned f = 0;
	utf8proc_category_t c;

	while (i < n) {
		cp = u8_decode(s, n, &i);
		c = utf8proc_category(cp);
		if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT) {
			if (first)
				f |= TK_CAP;
			letters++;
		} else if (c == UTF8PROC_CATEGORY_LL) {
			if (first)
				f |= TK_LOWER;
			upper = 0;
			letters++;
		} else if (c == UTF8PROC_CATEGORY_LO ||
		    c == UTF8PROC_CATEGORY_LM) {
			letters++;
		} else {
			continue;
		}
		first = 0;
	}
	if (letters > 0 && upper && (f & TK_CAP))
		f |= TK_UPPER;
	return f;
}

/* lower-case an ASCII word into out and return its case flags */
/* lower an ASCII word into out (n bytes and a NUL); returns case flags */
static unsigned
ascii_word(const char *s, size_t n, char *out)
{
	size_t i;
	unsigned f = 0;
	int upper = 1, letters = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z') {
			if (letters == 0)
				f |= TK_CAP;
			letters++;
			c = (char)(c + 32);
		} else if (c >= 'a' && c <= 'z') {
			if (letters == 0)
				f |= TK_LOWER;
			letters++;
			upper = 0;
		}
		out[i] = c;
	}
	out[n] = '\0';
	if (letters > 0 && upper && (f & TK_CAP))
		f |= TK_UPPER;
	return f;
}

static void
push(struct toks *t, size_t b0, size_t b1, size_t c0, size_t c1,
    unsigned flags, const char *s, struct sbuf *scratch)
{
	struct tok *k;
	unsigned char first = (unsigned char)s[b0];
	size_t n = b1 - b0, len;
	char *dst;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	k = &t->v[t->n++];
	k->b0 = (uint32_t)b0;
	k->b1 = (uint32_t)b1;
	k->c0 = (uint32_t)c0;
	k->c1 = (uint32_t)c1;
	if (!(flags & TK_PUNCT) && c1 - c0 == n) {
		/* an ASCII word or number: lowered straight into normbuf */
		len = n;
		sb_grow(&t->normbuf, len + 1);
		dst = t->normbuf.p + t->normbuf.len;
		flags |= ascii_word(s + b0, n, dst);
		k->hash = XXH3_64bits(dst, len);
	} else {
		k->hash = tok_normalize(s + b0, n, scratch);
		if (!(flags & TK_PUNCT))
			flags |= case_flags(s + b0, n);
		len = scratch->len;
		sb_grow(&t->normbuf, len + 1);
		dst = t->normbuf.p + t->normbuf.len;
		memcpy(dst, scratch->p, len + 1);
	}
	if (!(flags & TK_PUNCT))
		flags |= (first >= '0' && first <= '9') ? TK_NUM : TK_WORD;
	if (t->normbuf.len + len + 1 > UINT32_MAX)
		die(EX_SOFTWARE_, "text too long to tokenize");
	k->norm = (uint32_t)t->normbuf.len;
	k->nlen = (uint32_t)len;
	t->normbuf.len += len + 1;
	k->flags = flags;
}

/* the flags for the white space before a token, which is then used up */
static unsigned
gap_flags(int *space, size_t *nls)
{
	unsigned f = 0;

	if (*space)
		f |= TK_SPACE;
	if (*nls >= 1)
		f |= TK_NEWLINE;
	if (*nls >= 2)
		f |= TK_PARA;
	*space = 0;
	*nls = 0;
	return f;
}

void
tok_run(struct toks *t, const char *s, size_t n)
{
	struct sbuf *scratch = &t->scratch;
	size_t i = 0, j, cp = 0, w0 = 0, wc0 = 0, nls = 0;
	int inword = 0, space = 0;
	unsigned pend = 0;	/* flags for the next token */
	int32_t c;
	enum cls k;

	if (!ascii_ready)
		ascii_init();
	if (n >= UINT32_MAX)
		die(EX_SOFTWARE_, "text too long to tokenize (%zu bytes)", n);
	t->n = 0;
	sb_reset(&t->normbuf);
	while (i < n) {
		if (inword) {
			/* the rest of an ASCII word in one go */
			while (i < n && (unsigned char)s[i] < 0x80 &&
			    ascii_cls[(unsigned char)s[i]] == C_WORD) {
				i++;
				cp++;
			}
			if (i >= n)
				break;
		}
		if ((unsigned char)s[i] < 0x80) {
			c = (unsigned char)s[i];
			j = i + 1;
			k = (enum cls)ascii_cls[c];
		} else {
			j = i;
			c = u8_decode(s, n, &j);
			k = classify(c);
		}
		if (inword && k == C_WORD) {
			i = j;
			cp++;
			continue;
		}
		if (inword && k == C_IGNORE) {
			/* a soft hyphen or zero-width char inside a word */
			i = j;
			cp++;
			continue;
		}
		if (inword && (k == C_JOIN || c == '.' || c == ',')) {
			/* joiner between word chars; . and , inside numbers */
			size_t j2 = j;
			int32_t c2 = j < n ? u8_decode(s, n, &j2) : 0;
			int digits = (c == '.' || c == ',');

			if (j < n && classify(c2) == C_WORD &&
			    (!digits || ((unsigned char)s[w0] >= '0' &&
			    (unsigned char)s[w0] <= '9' && c2 >= '0' &&
			    c2 <= '9'))) {
				if (digits) {
					i = j;
					cp++;
					continue;
				}
				push(t, w0, i, wc0, cp, pend, s, scratch);
				pend = TK_JOINED;
				inword = 0;
				i = j;
				cp++;
				continue;
			}
		}
		if (inword) {
			push(t, w0, i, wc0, cp, pend, s, scratch);
			pend = 0;
			inword = 0;
		}
		switch (k) {
		case C_WORD:
			inword = 1;
			w0 = i;
			wc0 = cp;
			pend |= gap_flags(&space, &nls);
			break;
		case C_NL:
			nls++;
			space = 1;
			break;
		case C_SPACE:
			space = 1;
			break;
		case C_IGNORE:
			break;
		case C_JOIN:
		case C_PUNCT:
			pend |= gap_flags(&space, &nls);
			push(t, i, j, cp, cp + 1, pend | TK_PUNCT, s, scratch);
			pend = 0;
			break;
		}
		i = j;
		cp++;
	}
	if (inword)
		push(t, w0, i, wc0, cp, pend, s, scratch);
	sb_free(scratch);
}

void
toks_free(struct toks *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
	sb_free(&t->normbuf);
	sb_free(&t->scratch);
}
