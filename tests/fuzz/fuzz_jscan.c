/*
 * fuzz_jscan.c: the strict field scanner js_scan_object() against
 * jansson. Arbitrary bytes are one line. Invariants:
 *  - members lie inside the line, in order, values non-empty;
 *  - the scanner accepts the line iff jansson decodes it to an object
 *    (except where jansson has limits of its own: integers beyond 64 bits,
 *    reals that overflow, NUL in keys, depth; and except raw NUL bytes,
 *    which jansson lets through after a number);
 *  - when both accept, the members decoded with js_unescape() and jansson
 *    are the same keys with equal values (last duplicate wins);
 *  - js_key_eq() agrees with js_unescape() on escaped keys.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "jscan.h"
#include "ndjson.h"

#define MAXMEM 4096

struct seen {
	const char *line;
	size_t n;
	size_t nmem;
	size_t last_end;
	struct nd_member mem[MAXMEM];
};

static void
on_member(void *arg, const struct nd_member *m)
{
	struct seen *s = arg;

	check(m->key > s->line && m->key + m->klen < s->line + s->n,
	    "key inside the line");
	check(m->key[-1] == '"' && m->key[m->klen] == '"', "key quoted");
	check((size_t)(m->key - s->line) >= s->last_end, "members in order");
	check(m->vlen > 0, "value not empty");
	check(m->val > m->key + m->klen && m->val + m->vlen <= s->line + s->n,
	    "value inside the line");
	s->last_end = (size_t)(m->val + m->vlen - s->line);
	if (s->nmem < MAXMEM)
		s->mem[s->nmem] = *m;
	s->nmem++;
}

/* jansson refuses some valid JSON for limits of its own */
static int
jansson_limit(const json_error_t *e)
{
	return strstr(e->text, "too big") != NULL ||
	    strstr(e->text, "overflow") != NULL ||
	    strstr(e->text, "NUL") != NULL || strstr(e->text, "depth") != NULL;
}

static void
compare_members(const struct seen *s, json_t *obj)
{
	size_t i, j, klen;
	char *key;
	json_t *v, *jv;
	json_error_t e;
	int later;

	for (i = 0; i < s->nmem && i < MAXMEM; i++) {
		const struct nd_member *m = &s->mem[i];

		key = malloc(m->klen + 2);
		klen = js_unescape(m->key - 1, m->klen + 2, key);
		check(klen <= m->klen, "unescaped key not longer");
		if (memchr(key, '\0', klen) == NULL && m->klen <= 256) {
			key[klen] = '\0';
			check(js_key_eq(m->key, m->klen, key),
			    "js_key_eq on its own key");
		}
		/* the last member with this key is the one jansson kept */
		later = 0;
		for (j = i + 1; j < s->nmem && j < MAXMEM; j++)
			if (s->mem[j].klen == m->klen &&
			    memcmp(s->mem[j].key, m->key, m->klen) == 0)
				later = 1;
		if (!later) {
			jv = json_object_getn(obj, key, klen);
			check(jv != NULL, "scanner key present in jansson");
			v = json_loadb(m->val, m->vlen,
			    JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
			check(v != NULL, "member value decodes alone");
			check(json_equal(v, jv), "member value equal");
			if (json_is_string(v)) {
				char *out = malloc(m->vlen);
				size_t olen = js_unescape(m->val, m->vlen, out);

				check(olen == json_string_length(v) &&
					memcmp(out, json_string_value(v),
					    olen) == 0,
				    "js_unescape of a string value");
				free(out);
			}
			json_decref(v);
		}
		free(key);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen *s;
	const char *why = NULL;
	size_t at = 0;
	int rc;
	json_t *j;
	json_error_t e;

	s = malloc(sizeof(*s));
	s->line = (const char *)data;
	s->n = size;
	s->nmem = 0;
	s->last_end = 0;
	rc = js_scan_object((const char *)data, size, on_member, s, &why, &at);
	if (rc != 0) {
		check(why != NULL && *why != '\0', "a reason");
		check(at <= size, "error offset inside the line");
	}
	j = json_loadb((const char *)data, size, JSON_ALLOW_NUL, &e);
	if (rc == 0) {
		check(j != NULL || jansson_limit(&e),
		    "scanner accepts only what jansson accepts");
		if (j != NULL) {
			check(json_is_object(j), "an object");
			if (s->nmem <= MAXMEM)
				compare_members(s, j);
		}
	} else if (j != NULL && json_is_object(j) &&
	    memchr(data, '\0', size) == NULL) {
		/* jansson takes a raw NUL byte after a number for a
		 * delimiter (fixtures/hostile/fuzz-fuzz_jscan-nul-after-number);
		 * the scanner rightly rejects it */
		check(0, "scanner rejects an object jansson accepts");
	}
	json_decref(j);
	free(s);
	return 0;
}
