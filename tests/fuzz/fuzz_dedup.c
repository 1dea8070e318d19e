/*
 * fuzz_dedup.c: dedup on arbitrary text (fuzz-main: dedup). The filter
 * keeps its index across inputs, as in a long run. Each record has the id
 * of its bytes' hash, so a repeated input is a duplicate by id. Besides
 * fuzz_filter.h's checks: a kept record comes out unchanged.
 */
#define FF_ARGV \
	{ \
		"dedup", "--line-buffered", "--on-error=pass", NULL \
	}
#include "fuzz_filter.h"

static void
ff_record(const uint8_t *data, size_t size, struct sbuf *rec)
{
	unsigned long long h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211ULL;
	sb_adds(rec, "{\"id\":\"");
	sb_addu(rec, h);
	sb_adds(rec, "\",\"text\":");
	ff_json_text(data, size, rec);
	sb_addc(rec, '}');
}

static void
ff_check(json_t *rec, const char *text, size_t len)
{
	(void)rec;
	(void)text;
	(void)len;
	/* a kept record is the input line itself (ff_check_line returns
	 * before parsing); any other output line is an error */
	ff_fail("dedup changed a record", text, len);
}
