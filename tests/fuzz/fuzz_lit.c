/*
 * fuzz_lit.c: the required-literal screen of clean's rules
 * (filters/clean/lit.c; fuzz-engine: clean) against pcre2. Input: a rule's pattern, a
 * newline, then text. The text is normalised as clean normalises a page,
 * and each of its lines is a line clean would test. Invariant: when
 * lit.c gives the rule its strings and says a line holds none of them,
 * the pattern, compiled as clean compiles a "contains" rule, does not
 * match the line: the screen may let a hopeless line through, never turn
 * a matching one away.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "fuzz_check.h"
#include "rules.h"
#include "sbuf.h"
#include "utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size), *p, *end, *e;
	struct cl_prefilter *pf;
	struct sbuf pat = SBUF_INIT, utf = SBUF_INIT, norm = SBUF_INIT;
	struct sbuf tmp = SBUF_INIT;
	pcre2_code *re;
	pcre2_match_data *md;
	int ecode, rc;
	PCRE2_SIZE eoff;

	if (nl == NULL || memchr(data, '\0', (size_t)(nl - (const char *)data)))
		return 0;
	sb_add(&pat, data, (size_t)(nl - (const char *)data));
	sb_addc(&pat, '\0');
	re = pcre2_compile((PCRE2_SPTR)pat.p, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_DUPNAMES, &ecode, &eoff, NULL);
	if (re == NULL)
		goto out; /* clean refuses such a rule at load */
	pf = calloc(1, sizeof(*pf));
	pf->on = 1;
	lit_add_rule(pf, pat.p);
	if (pf->on) {
		md = pcre2_match_data_create(4, NULL);
		/* valid UTF-8, as the runtime hands clean its text */
		p = nl + 1;
		u8_repair(p, size - (size_t)(p - (const char *)data), &utf);
		cl_normalize(utf.p, utf.len, &norm, &tmp);
		for (p = norm.p, end = norm.p + norm.len; p < end; p = e + 1) {
			if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
				e = end;
			if (lit_maybe(pf, p, (size_t)(e - p)))
				continue;
			rc = pcre2_match(
			    re, (PCRE2_SPTR)p, (size_t)(e - p), 0, 0, md, NULL);
			check(rc < 0, /* no match, or an error: never a match */
			    "a line the screen turns away does not match");
		}
		pcre2_match_data_free(md);
	}
	free(pf);
	pcre2_code_free(re);
out:
	sb_free(&pat);
	sb_free(&utf);
	sb_free(&norm);
	sb_free(&tmp);
	return 0;
}
