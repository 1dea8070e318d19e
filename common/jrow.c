/*
 * jrow.c: arrays of flat objects read from validated raw JSON. Every
 * function trusts the input to be valid JSON: the scanner only needs to
 * find where each value ends, so it skips strings by their quotes and
 * containers by their brackets.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jrow.h"
#include "jscan.h"

#define CHUNK 16384

struct jr_chunk {
	struct jr_chunk *next;
	size_t used, cap;
	char data[];
};

static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return p;
}

/*
 * at the opening quote; returns the byte after the closing one: the first
 * quote after an even run of backslashes (memchr finds quotes far faster
 * than a loop over the bytes of a long text)
 */
static const char *
skip_string(const char *p, const char *end)
{
	const char *q, *k;

	for (p++; p < end; p = q + 1) {
		if ((q = memchr(p, '"', (size_t)(end - p))) == NULL)
			break;
		for (k = q; k[-1] == '\\'; k--)
			;	/* the opening quote ends the run */
		if ((q - k) % 2 == 0)
			return q + 1;
	}
	return end;
}

/* at the first byte of a value; returns the byte after its last */
static const char *
skip_value(const char *p, const char *end)
{
	size_t depth = 0;

	if (p >= end)
		return end;
	if (*p == '"')
		return skip_string(p, end);
	if (*p != '{' && *p != '[') {
		while (p < end && *p != ',' && *p != ']' && *p != '}' &&
		    *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		return p;
	}
	while (p < end) {
		switch (*p) {
		case '"':
			p = skip_string(p, end);
			continue;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth == 0)
				return p + 1;
			break;
		}
		p++;
	}
	return end;
}

int
jr_begin(struct jr_arr *a, const char *v, size_t n)
{
	const char *end = v + n;

	v = skip_ws(v, end);
	if (v >= end || *v != '[')
		return -1;
	a->p = v + 1;
	a->end = end;
	a->i = 0;
	return 0;
}

int
jr_next(struct jr_arr *a, const char **el, size_t *n)
{
	const char *p = skip_ws(a->p, a->end);

	if (p >= a->end || *p == ']') {
		a->p = p;
		return 0;
	}
	*el = p;
	p = skip_value(p, a->end);
	*n = (size_t)(p - *el);
	p = skip_ws(p, a->end);
	if (p < a->end && *p == ',')
		p++;
	a->p = p;
	a->i++;
	return 1;
}

/* the raw key bytes k[0..kn) (between the quotes) equal key[0..len) */
static int
key_is(const char *k, size_t kn, const char *key, size_t len)
{
	if (kn == len && memcmp(k, key, len) == 0)
		return 1;
	return memchr(k, '\\', kn) != NULL && js_key_eq(k, kn, key);
}

int
jr_fields(const char *o, size_t n, const char *const *keys, size_t nkeys,
    struct jr_span *out)
{
	const char *end = o + n, *p, *k, *v;
	size_t i, kn, len[JR_MAX_KEYS];

	if (nkeys > JR_MAX_KEYS)
		die(EX_SOFTWARE_, "jr_fields: %zu keys (at most %d)", nkeys,
		    JR_MAX_KEYS);
	for (i = 0; i < nkeys; i++) {
		out[i].p = NULL;
		out[i].n = 0;
		len[i] = strlen(keys[i]);
	}
	p = skip_ws(o, end);
	if (p >= end || *p != '{')
		return -1;
	for (p = skip_ws(p + 1, end); p < end && *p == '"';) {
		k = p + 1;
		/* most keys are a wanted one, written plainly */
		for (i = 0; i < nkeys; i++)
			if ((size_t)(end - k) > len[i] && k[len[i]] == '"' &&
			    (len[i] == 0 || k[len[i] - 1] != '\\') &&
			    memcmp(k, keys[i], len[i]) == 0)
				break;
		p = i < nkeys ? k + len[i] + 1 : skip_string(p, end);
		kn = (size_t)(p - 1 - k);
		p = skip_ws(p, end);
		p = skip_ws(p + 1, end);	/* the colon */
		v = p;
		p = skip_value(p, end);
		for (i = 0; i < nkeys; i++)
			if (key_is(k, kn, keys[i], len[i])) {
				out[i].p = v;
				out[i].n = (size_t)(p - v);
			}
		p = skip_ws(p, end);
		if (p < end && *p == ',')
			p = skip_ws(p + 1, end);
	}
	return 0;
}

int
jr_int(const struct jr_span *s, long long *v)
{
	const char *p = s->p, *end;
	unsigned long long x = 0, lim = LLONG_MAX;
	int neg = 0;

	if (p == NULL || s->n == 0)
		return -1;
	end = p + s->n;
	if (*p == '-') {
		neg = 1;
		lim = (unsigned long long)LLONG_MAX + 1;
		p++;
	}
	if (p >= end)
		return -1;
	for (; p < end; p++) {
		unsigned d = (unsigned)(unsigned char)*p - '0';

		if (d > 9 || x > (lim - d) / 10)
			return -1;	/* a fraction, an exponent, too big */
		x = x * 10 + d;
	}
	if (neg)
		*v = x == lim ? LLONG_MIN : -(long long)x;
	else
		*v = (long long)x;
	return 0;
}

/* n bytes in the pool */
static char *
pool_alloc(struct jr_pool *pool, size_t n)
{
	struct jr_chunk *c = pool->head;

	if (c == NULL || c->cap - c->used < n) {
		size_t cap = n > CHUNK ? n : CHUNK;

		c = xmalloc(sizeof(*c) + cap);
		c->cap = cap;
		c->used = 0;
		c->next = pool->head;
		pool->head = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

int
jr_str(struct jr_pool *pool, const struct jr_span *s, const char **str,
    size_t *len)
{
	char *out;

	if (s->p == NULL || s->n < 2 || s->p[0] != '"')
		return -1;
	if (memchr(s->p, '\\', s->n) == NULL) {
		*str = s->p + 1;
		*len = s->n - 2;
		return 0;
	}
	out = pool_alloc(pool, s->n);	/* decoding never grows a string */
	*len = js_unescape(s->p, s->n, out);
	*str = out;
	return 0;
}

void
jr_pool_reset(struct jr_pool *pool)
{
	struct jr_chunk *c, *next;

	if (pool->head == NULL)
		return;
	/* keep one ordinary chunk for the next record */
	for (c = pool->head->next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	pool->head->next = NULL;
	if (pool->head->cap > CHUNK) {
		free(pool->head);
		pool->head = NULL;
		return;
	}
	pool->head->used = 0;
}

void
jr_pool_free(struct jr_pool *pool)
{
	struct jr_chunk *c, *next;

	for (c = pool->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	pool->head = NULL;
}
