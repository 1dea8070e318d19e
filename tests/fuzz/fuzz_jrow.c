/*
 * fuzz_jrow.c: the raw array reader (jrow.c) against jansson. Arbitrary
 * bytes are one line; when js_scan_object() accepts it and jansson decodes
 * it, every top-level member that is an array is walked both ways:
 *  - jr_begin() accepts exactly the arrays; jr_next() yields as many
 *    elements as jansson holds, each decoding alone to the same value;
 *  - for each element, jr_fields() fails exactly on non-objects, and each
 *    wanted key's value is the one jansson kept (last duplicate wins);
 *  - jr_int() succeeds exactly on jansson integers, with the same value;
 *  - jr_str() agrees with jansson's strings.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "jrow.h"
#include "jscan.h"
#include "ndjson.h"

#define MAXMEM 256

static const char *const keys[] = { "start", "end", "id", "a", "text" };
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

struct seen {
	size_t n;
	struct nd_member mem[MAXMEM];
};

static void
on_member(void *arg, const struct nd_member *m)
{
	struct seen *s = arg;

	if (s->n < MAXMEM)
		s->mem[s->n++] = *m;
}

static void
check_value(struct jr_pool *pool, const struct jr_span *v, json_t *jv)
{
	long long x;
	const char *str;
	size_t len;

	check((v->p == NULL) == (jv == NULL), "key found iff jansson has it");
	if (jv == NULL)
		return;
	if (jr_int(v, &x) == 0)
		check(json_is_integer(jv) && json_integer_value(jv) == x,
		    "jr_int agrees");
	else
		check(!json_is_integer(jv), "jr_int refuses only non-integers");
	if (jr_str(pool, v, &str, &len) == 0) {
		check(json_is_string(jv) && json_string_length(jv) == len &&
			memcmp(json_string_value(jv), str, len) == 0,
		    "jr_str agrees");
	} else {
		check(!json_is_string(jv), "jr_str refuses only non-strings");
	}
}

static void
check_array(struct jr_pool *pool, const struct nd_member *m, json_t *ja)
{
	struct jr_arr a;
	struct jr_span v[NKEYS];
	const char *el;
	size_t len, i = 0, k;
	json_t *je, *alone;

	if (jr_begin(&a, m->val, m->vlen) != 0) {
		check(!json_is_array(ja), "jr_begin refuses only non-arrays");
		return;
	}
	check(json_is_array(ja), "jr_begin accepts only arrays");
	while (jr_next(&a, &el, &len)) {
		check(i < json_array_size(ja), "no more elements than jansson");
		je = json_array_get(ja, i);
		alone =
		    json_loadb(el, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		check(alone != NULL && json_equal(alone, je),
		    "an element decodes alone to jansson's");
		json_decref(alone);
		if (jr_fields(el, len, keys, NKEYS, v) != 0) {
			check(!json_is_object(je),
			    "jr_fields refuses non-objects");
		} else {
			check(json_is_object(je), "jr_fields accepts objects");
			for (k = 0; k < NKEYS; k++)
				check_value(
				    pool, &v[k], json_object_get(je, keys[k]));
		}
		i++;
	}
	check(i == json_array_size(ja), "as many elements as jansson");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen *s = malloc(sizeof(*s));
	struct jr_pool pool = JR_POOL_INIT;
	const char *why;
	size_t at, i;
	json_t *j, *jv;

	s->n = 0;
	j = json_loadb((const char *)data, size, JSON_ALLOW_NUL, NULL);
	if (js_scan_object((const char *)data, size, on_member, s, &why, &at) ==
		0 &&
	    j != NULL) {
		for (i = 0; i < s->n; i++) {
			const struct nd_member *m = &s->mem[i];
			char *key = malloc(m->klen + 2);
			size_t klen = js_unescape(m->key - 1, m->klen + 2, key);

			jv = json_object_getn(j, key, klen);
			free(key);
			if (jv == NULL || !json_is_array(jv))
				continue;
			/* a duplicate key: check the member jansson kept */
			{
				json_t *alone = json_loadb(m->val, m->vlen,
				    JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
				int same =
				    alone != NULL && json_equal(alone, jv);

				json_decref(alone);
				if (!same)
					continue;
			}
			check_array(&pool, m, jv);
			jr_pool_reset(&pool);
		}
	}
	json_decref(j);
	jr_pool_free(&pool);
	free(s);
	return 0;
}
