/*
 * jrow.h: read arrays of flat objects (sentences, entities, boilerplate)
 * straight from the raw bytes of a line that ndjson.c has validated,
 * without building a jansson tree. A filter that only needs a few integer
 * and string members of each element reads them here at a fraction of the
 * cost of json_loadb (no allocation per node, no hashing of keys).
 *
 *	struct jr_arr a;
 *	const char *el;
 *	size_t len;
 *	struct jr_span v[2];
 *	static const char *const keys[] = {"start", "end"};
 *
 *	if (jr_begin(&a, m->val, m->vlen) != 0)
 *		... not an array ...
 *	while (jr_next(&a, &el, &len))
 *		if (jr_fields(el, len, keys, 2, v) != 0 || ...)
 *
 * The input must be valid JSON (every line nd_next returns is).
 */
#ifndef JROW_H
#define JROW_H

#include <stddef.h>

/* the raw bytes of one value; p is NULL when the member is absent */
struct jr_span {
	const char *p;
	size_t n;
};

/* iterating over the elements of an array */
struct jr_arr {
	const char *p, *end;
	size_t i;		/* index of the element jr_next returns next */
};

/* Start on the raw value v[0..n): 0, or -1 if it is not an array. */
int jr_begin(struct jr_arr *a, const char *v, size_t n);

/* The next element's raw bytes: 1, or 0 at the end of the array. */
int jr_next(struct jr_arr *a, const char **el, size_t *n);

#define JR_MAX_KEYS 16

/*
 * In the raw object o[0..n), find the members named keys[0..nkeys) (at
 * most JR_MAX_KEYS plain keys, without quote or backslash; escaped keys in
 * the input are compared decoded) and set out[k] to each one's raw value,
 * or {NULL, 0} when absent; the last of duplicate keys wins, as in
 * jansson. Returns 0, or -1 if o is not an object.
 */
int jr_fields(const char *o, size_t n, const char *const *keys,
    size_t nkeys, struct jr_span *out);

/* An integer (no fraction, no exponent) that fits a long long: 0 and *v,
 * else -1 (absent, another type, or out of range). */
int jr_int(const struct jr_span *s, long long *v);

/*
 * Strings decoded from escapes live in a pool of stable chunks, so that
 * pointers into it stay valid until jr_pool_reset (say, once a record).
 */
struct jr_chunk;
struct jr_pool {
	struct jr_chunk *head;
};

#define JR_POOL_INIT {NULL}

/* A string: 0 with *str, *len (it points into the line when there is no
 * escape, else into the pool; not NUL-terminated), -1 if not a string. */
int jr_str(struct jr_pool *pool, const struct jr_span *s, const char **str,
    size_t *len);

void jr_pool_reset(struct jr_pool *pool);
void jr_pool_free(struct jr_pool *pool);

#endif
