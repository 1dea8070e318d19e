/*
 * fuzz_entities.c: tag-entities on arbitrary text
 * (fuzz-main: tag-entities). Odd-length inputs also carry sentences made
 * up from the text (fuzz_filter.h's ff_sentences), corrupted when the
 * text starts with '~'. Besides fuzz_filter.h's checks (each entity is
 * the slice of the text its offsets name): entities are in order and do
 * not overlap, each has a known type and a non-empty id, and its sentence
 * index is -1 or names a sentence.
 */
#define FF_ARGV \
	{ \
		"tag-entities", "--line-buffered", "--on-error=pass", \
		    "--dict=none", NULL \
	}
#define FF_SPANS \
	{ \
		"entities", NULL \
	}
#include "fuzz_filter.h"

static void
ff_record(const uint8_t *data, size_t size, struct sbuf *rec)
{
	struct sbuf t = SBUF_INIT;
	struct u8_map m;

	u8_repair((const char *)data, size, &t);
	sb_addc(&t, '\0');
	t.len--;
	sb_adds(rec, "{\"id\":\"fz\",\"text\":");
	sb_json_str(rec, t.p, t.len);
	if (size % 2 == 1) {
		u8_map_init(&m, t.p, t.len);
		ff_sentences(rec, t.p, t.len, &m, size > 0 && data[0] == '~');
		u8_map_free(&m);
	}
	sb_addc(rec, '}');
	sb_free(&t);
}

static void
ff_check(json_t *rec, const char *text, size_t len)
{
	static const char *types[] = { "PERSON", "ORG", "GPE", "LOC", "NORP" };
	json_t *a = json_object_get(rec, "entities"), *e, *sents;
	size_t i, k, nsent;
	long long prev = 0, s, sent;
	const char *ty, *id;

	sents = json_object_get(rec, "sentences");
	nsent = json_is_array(sents) ? json_array_size(sents) : 0;
	if (!json_is_array(a))
		ff_fail("no entities array", text, len);
	json_array_foreach(a, i, e)
	{
		s = ff_int(e, "start");
		if (s < prev)
			ff_fail(
			    "entities out of order or overlapping", text, len);
		prev = ff_int(e, "end");
		ty = json_string_value(json_object_get(e, "type"));
		for (k = 0; ty != NULL && k < 5; k++)
			if (strcmp(ty, types[k]) == 0)
				break;
		if (ty == NULL || k == 5)
			ff_fail("entity type", text, len);
		id = json_string_value(json_object_get(e, "id"));
		if (id == NULL || *id == '\0')
			ff_fail("entity id", text, len);
		sent = json_integer_value(json_object_get(e, "sentence"));
		if (sent < -1 || (sent >= 0 && (size_t)sent >= nsent))
			ff_fail("entity sentence index", text, len);
	}
}
