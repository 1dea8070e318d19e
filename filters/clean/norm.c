/* norm.c: text normalisation for clean */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "clean.h"
#include "cli.h"
#include "utf8.h"

/* code points that are dropped: soft hyphen, zero-width characters, BOM */
static int
is_invisible(int32_t c)
{
	return c == 0xAD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 ||
	    c == 0xFEFF || c == 0x180E;
}

/* horizontal white space, collapsed to one ASCII space */
static int
is_hspace(int32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
	    c == 0x3000 || c == '\v' || c == '\f';
}

static int
is_alnum_cp(int32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 32) >= 'a' &&
		    (c | 32) <= 'z');
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
		return 1;
	default:
		return 0;
	}
}

/* 1 when s may not be in NFC already (conservative) */
static int
needs_nfc(const char *s, size_t n)
{
	size_t i = 0, k;
	int32_t c;

	while (i < n) {
		uint64_t w8;

		/* eight ASCII bytes at a time */
		if (i + 8 <= n) {
			memcpy(&w8, s + i, 8);
			if ((w8 & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = i;
		c = u8_decode(s, n, &k);	/* i stays in a register */
		i = k;
		if (c < 0x300 || (c >= 0x2010 && c <= 0x2027) ||
		    (c >= 0x2030 && c <= 0x205F) || is_invisible(c) ||
		    (c >= 0x20A0 && c <= 0x20C0))
			continue;
		return 1;
	}
	return 0;
}

void
cl_normalize(const char *s, size_t n, struct sbuf *out, struct sbuf *tmp)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t r;
	size_t i, linestart;
	int32_t c;
	int space = 0;
	char *o, *base;

	sb_reset(out);
	if (needs_nfc(s, n)) {
		struct sbuf safe = SBUF_INIT;

		/* linear time for storms of combining marks (UAX #15) */
		if (u8_stream_safe(s, n, &safe) > 0) {
			sb_reset(tmp);
			sb_add(tmp, safe.p, safe.len);
			s = tmp->p;
			n = tmp->len;
		}
		sb_free(&safe);
		r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
		    &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (r == UTF8PROC_ERROR_NOMEM)
			die(EX_OSERR_, "out of memory (NFC)");
		if (r >= 0) {
			sb_reset(tmp);
			sb_add(tmp, nfc, (size_t)r);
			s = tmp->p;
			n = tmp->len;
		}
		free(nfc);
	}
	/* the output is never longer than the input */
	sb_grow(out, n + 1);
	base = o = out->p;
	linestart = 0;
	for (i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];

		/*
		 * Printable ASCII but '-'. A space goes out at once unless it
		 * starts a line or follows a space; the space flag is only set
		 * by the other white space, which the slow path handles.
		 */
		if (b >= ' ' && b < 0x7F && b != '-' && !space) {
			*o = (char)b;
			if (b != ' ' || ((size_t)(o - base) > linestart &&
			    o[-1] != ' '))
				o++;
			i++;
			continue;
		}
		if (b < 0x80) {
			c = b;
			i++;
		} else {
			size_t k = i;

			/* through k: i itself stays in a register */
			c = u8_decode(s, n, &k);
			i = k;
		}
		if (c == '\r') {
			if (i < n && s[i] == '\n')
				continue;
			c = '\n';
		}
		if (c == '\n' || c == 0x2028 || c == 0x2029 || c == 0x85) {
			while ((size_t)(o - base) > linestart && o[-1] == ' ')
				o--;
			*o++ = '\n';
			linestart = (size_t)(o - base);
			space = 0;
			continue;
		}
		if (is_hspace(c)) {
			space = 1;
			continue;
		}
		if (is_invisible(c) || (c < 0x20) || (c >= 0x7F && c < 0xA0))
			continue;
		if (space) {
			if ((size_t)(o - base) > linestart && o[-1] != ' ')
				*o++ = ' ';
			space = 0;
		}
		if (c == '-' && i + 1 < n && s[i] == '-' && s[i + 1] != '-' &&
		    (size_t)(o - base) > linestart && o[-1] != '-') {
			/* a doubled hyphen inside a word or number */
			size_t k = i + 1, pk = (size_t)(o - base) - 1;
			int32_t nx = u8_decode(s, n, &k), pv;

			while (pk > linestart && ((unsigned char)base[pk] & 0xC0) ==
			    0x80)
				pk--;
			pv = u8_decode(base, (size_t)(o - base), &pk);
			if (is_alnum_cp(nx) && is_alnum_cp(pv)) {
				*o++ = '-';
				i++;
				continue;
			}
		}
		if (c < 0x80)
			*o++ = (char)c;
		else
			o += u8_encode(c, o);
	}
	while ((size_t)(o - base) > linestart && o[-1] == ' ')
		o--;
	*o = '\0';
	out->len = (size_t)(o - base);
}
