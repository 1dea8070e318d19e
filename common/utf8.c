/* utf8.c: validation, decoding and code point <-> byte offsets */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cli.h"
#include "sbuf.h"
#include "utf8.h"

size_t
u8_seqlen(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		if (n < 2 || (s[1] & 0xc0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xf0) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0;	/* overlong */
		if (c == 0xed && s[1] >= 0xa0)
			return 0;	/* surrogate */
		return 3;
	}
	if (c < 0xf5) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && s[1] < 0x90)
			return 0;
		if (c == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

int
u8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		/* ASCII fast path, 8 bytes at a time */
		while (i + 8 <= n) {
			unsigned long long w;

			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = u8_seqlen(p + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

int32_t
u8_decode(const char *s, size_t n, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t k = u8_seqlen(p, n - *i);
	int32_t cp;

	switch (k) {
	case 1: cp = p[0]; break;
	case 2: cp = (p[0] & 0x1f) << 6 | (p[1] & 0x3f); break;
	case 3:
		cp = (p[0] & 0x0f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		break;
	case 4:
		cp = (p[0] & 0x07) << 18 | (p[1] & 0x3f) << 12 |
		    (p[2] & 0x3f) << 6 | (p[3] & 0x3f);
		break;
	default:
		*i += 1;
		return 0xfffd;
	}
	*i += k;
	return cp;
}

size_t
u8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t
u8_count(const char *s, size_t n)
{
	size_t i, c = 0;

	/* count the bytes that are not continuation bytes */
	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

void
u8_map_init(struct u8_map *m, const char *s, size_t n)
{
	size_t i, cp;

	m->s = s;
	m->n = n;
	m->cp_of_byte = NULL;
	m->byte_of_cp = NULL;
	m->ncp = u8_count(s, n);
	if (m->ncp == n)
		return;		/* ASCII: offsets are the same */
	if (n >= UINT32_MAX)
		die(EX_SOFTWARE_, "text too long for offsets (%zu bytes)", n);
	m->cp_of_byte = xreallocarray(NULL, n + 1, sizeof(uint32_t));
	m->byte_of_cp = xreallocarray(NULL, m->ncp + 1, sizeof(uint32_t));
	cp = 0;
	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			m->byte_of_cp[cp++] = (uint32_t)i;
		/* a byte inside a sequence maps to the code point it starts */
		m->cp_of_byte[i] = (uint32_t)(cp - 1);
	}
	m->cp_of_byte[n] = (uint32_t)cp;
	m->byte_of_cp[cp] = (uint32_t)n;
}

size_t
u8_map_cp(const struct u8_map *m, size_t byte)
{
	if (byte > m->n)
		byte = m->n;
	if (m->cp_of_byte == NULL)
		return byte;
	return m->cp_of_byte[byte];
}

size_t
u8_map_byte(const struct u8_map *m, size_t cp)
{
	if (cp > m->ncp)
		cp = m->ncp;
	if (m->byte_of_cp == NULL)
		return cp;
	return m->byte_of_cp[cp];
}

void
u8_map_free(struct u8_map *m)
{
	free(m->cp_of_byte);
	free(m->byte_of_cp);
	m->cp_of_byte = m->byte_of_cp = NULL;
}

size_t
u8_repair(const char *s, size_t n, struct sbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, start, bad = 0;

	sb_grow(out, n);
	while (i < n) {
		start = i;
		while (i < n && (k = u8_seqlen(p + i, n - i)) != 0)
			i += k;
		sb_add(out, s + start, i - start);
		if (i < n) {
			sb_add(out, "\xef\xbf\xbd", 3);
			bad++;
			i++;
		}
	}
	return bad;
}

/*
 * Unicode's stream-safe text format (UAX #15): no more than 30
 * non-starters in a row; U+034F COMBINING GRAPHEME JOINER is inserted
 * after each 30. Normalisation sorts a run of combining marks, which is
 * quadratic in the run's length, so every text goes through this before
 * NFC or NFKC: a storm of marks then costs time in proportion to its
 * length. Returns the number of joiners inserted (0: out is untouched).
 */
size_t
u8_stream_safe(const char *s, size_t n, struct sbuf *out)
{
	size_t i = 0, prev, run = 0, copied = 0, added = 0;
	int32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			run = 0;
			i++;
			continue;
		}
		prev = i;
		cp = u8_decode(s, n, &i);
		if (utf8proc_get_property(cp)->combining_class == 0) {
			run = 0;
			continue;
		}
		if (++run <= 30)
			continue;
		/* a 31st non-starter: a joiner goes before it */
		if (added == 0)
			sb_reset(out);
		sb_add(out, s + copied, prev - copied);
		sb_add(out, "\xcd\x8f", 2);
		copied = prev;
		added++;
		run = 1;
	}
	if (added > 0)
		sb_add(out, s + copied, n - copied);
	return added;
}
