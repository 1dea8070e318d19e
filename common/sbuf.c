/* sbuf.c: growable byte buffer and JSON writing */
#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sbuf.h"

void
sb_grow(struct sbuf *b, size_t need)
{
	size_t cap;

	if (b->len + need <= b->cap)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + need) {
		if (cap > SIZE_MAX / 2)
			die(EX_OSERR_, "out of memory (buffer of %zu bytes)",
			    b->len + need);
		cap *= 2;
	}
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
sb_add(struct sbuf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	sb_grow(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
sb_addc(struct sbuf *b, int c)
{
	sb_grow(b, 1);
	b->p[b->len++] = (char)c;
}

void
sb_adds(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
sb_addu(struct sbuf *b, unsigned long long v)
{
	char tmp[24];
	int i = (int)sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	sb_add(b, tmp + i, sizeof(tmp) - (size_t)i);
}

static const char hexd[] = "0123456789abcdef";

void
sb_json_str(struct sbuf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, run;

	sb_grow(b, n + 2);
	b->p[b->len++] = '"';
	for (i = 0; i < n;) {
		/* copy the longest run that needs no escape in one go */
		run = i;
		while (run < n && p[run] >= 0x20 && p[run] != '"' &&
		    p[run] != '\\' && p[run] != 0x7f)
			run++;
		sb_add(b, s + i, run - i);
		if (run == n)
			break;
		i = run;
		sb_grow(b, 6);
		b->p[b->len++] = '\\';
		switch (p[i]) {
		case '"': b->p[b->len++] = '"'; break;
		case '\\': b->p[b->len++] = '\\'; break;
		case '\n': b->p[b->len++] = 'n'; break;
		case '\r': b->p[b->len++] = 'r'; break;
		case '\t': b->p[b->len++] = 't'; break;
		case '\b': b->p[b->len++] = 'b'; break;
		case '\f': b->p[b->len++] = 'f'; break;
		default:
			b->p[b->len++] = 'u';
			b->p[b->len++] = '0';
			b->p[b->len++] = '0';
			b->p[b->len++] = hexd[p[i] >> 4];
			b->p[b->len++] = hexd[p[i] & 15];
			break;
		}
		i++;
	}
	sb_addc(b, '"');
}

void
sb_json_num(struct sbuf *b, double v)
{
	char tmp[32];
	int n;

	if (!isfinite(v))
		v = 0;
	if (v == 0)
		v = 0;	/* no "-0" */
	n = snprintf(tmp, sizeof(tmp), "%.6f", v);
	/* trim trailing zeros, keep at least one digit after the point */
	while (n > 1 && tmp[n - 1] == '0' && tmp[n - 2] != '.')
		n--;
	if (strcmp(tmp, "-0.0") == 0 || (n == 4 && memcmp(tmp, "-0.0", 4) == 0)) {
		sb_add(b, "0.0", 3);
		return;
	}
	sb_add(b, tmp, (size_t)n);
}

void
sb_reset(struct sbuf *b)
{
	b->len = 0;
}

void
sb_free(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
