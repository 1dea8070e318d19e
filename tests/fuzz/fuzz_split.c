/*
 * fuzz_split.c: split-sentences on arbitrary text
 * (fuzz-main: split-sentences). Besides fuzz_filter.h's checks (each
 * sentence is the slice of the text its offsets name): sentences are in
 * order, do not overlap, and are not empty.
 */
#define FF_ARGV \
	{ \
		"split-sentences", "--line-buffered", "--on-error=pass", NULL \
	}
#include "fuzz_filter.h"

static void
ff_record(const uint8_t *data, size_t size, struct sbuf *rec)
{
	sb_adds(rec, "{\"id\":\"fz\",\"text\":");
	ff_json_text(data, size, rec);
	sb_adds(rec, ",\"z\":[{\"deep\":[[[]]]}]}");
}

static void
ff_check(json_t *rec, const char *text, size_t len)
{
	json_t *a = json_object_get(rec, "sentences"), *e;
	size_t i;
	long long prev = 0, s, en;

	(void)text;
	(void)len;
	if (!json_is_array(a))
		ff_fail("no sentences array", "", 0);
	json_array_foreach(a, i, e)
	{
		s = ff_int(e, "start");
		en = ff_int(e, "end");
		if (s < prev || en <= s)
			ff_fail("sentences out of order or empty", "", 0);
		prev = en;
	}
}
