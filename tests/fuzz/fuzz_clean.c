/*
 * fuzz_clean.c: the clean filter on arbitrary text (fuzz-main: clean).
 * Besides fuzz_filter.h's checks: boilerplate is an array of
 * {"text","reason"} strings, links an array of strings, and title,
 * byline, date, dateline are strings when present.
 */
#define FF_ARGV \
	{ \
		"clean", "--line-buffered", "--on-error=pass", \
		    "--now=2030-01-01", NULL \
	}
#include "fuzz_filter.h"

static void
ff_record(const uint8_t *data, size_t size, struct sbuf *rec)
{
	sb_adds(rec, "{\"id\":\"fz\",\"source\":\"fuzz\",\"n\":1.50,\"text\":");
	ff_json_text(data, size, rec);
	sb_addc(rec, '}');
}

static void
ff_check(json_t *rec, const char *text, size_t len)
{
	static const char *str[] = { "title", "byline", "date", "dateline" };
	json_t *a, *e;
	size_t i;

	(void)text;
	(void)len;
	a = json_object_get(rec, "boilerplate");
	if (!json_is_array(a))
		ff_fail("boilerplate is not an array", "", 0);
	json_array_foreach(a, i, e)
	{
		if (!json_is_string(json_object_get(e, "text")) ||
		    !json_is_string(json_object_get(e, "reason")))
			ff_fail("boilerplate item without text, reason", "", 0);
	}
	a = json_object_get(rec, "links");
	if (a != NULL) {
		if (!json_is_array(a))
			ff_fail("links is not an array", "", 0);
		json_array_foreach(a, i, e)
		{
			if (!json_is_string(e))
				ff_fail("a link is not a string", "", 0);
		}
	}
	for (i = 0; i < sizeof(str) / sizeof(str[0]); i++) {
		e = json_object_get(rec, str[i]);
		if (e != NULL && !json_is_string(e))
			ff_fail(
			    "metadata is not a string", str[i], strlen(str[i]));
	}
	e = json_object_get(rec, "n");
	if (!json_is_real(e))
		ff_fail("unknown field lost", "", 0);
}
