/*
 * fuzz_stance.c: score-stance on arbitrary text (fuzz-main: score-stance),
 * with sentences and entities made up from the text: a sentence ends
 * after . ! or ? and a space; every capitalised ASCII word is an entity
 * whose id is picked by its first letter from a list of target members
 * and others. When the text starts with '~' the spans are corrupted
 * (reversed, past the end, negative, wrong types, sentence out of range):
 * the filter must reject the record or ignore the span, never crash.
 * Besides fuzz_filter.h's checks: every stance score is in [-1, 1] and
 * every label is pro, anti or neutral.
 */
#define FF_ARGV \
	{ \
		"score-stance", "--line-buffered", "--on-error=pass", NULL \
	}
#define FF_SPANS \
	{ \
		NULL \
	}
#include "fuzz_filter.h"

static const char *ids[] = { "gpe:iran", "org:irgc", "person:ali-khamenei",
	"org:mek", "gpe:us", "gpe:israel", "org:un", "person:someone",
	"gpe:tehran", "norp:iranian" };
static const char *types[] = { "GPE", "ORG", "PERSON", "ORG", "GPE", "GPE",
	"ORG", "PERSON", "GPE", "NORP" };

static void
ff_record(const uint8_t *data, size_t size, struct sbuf *rec)
{
	struct sbuf t = SBUF_INIT;
	struct u8_map m;
	size_t i, cp, s0 = 0, nsent = 0, w, k, ne = 0;
	int bad = size > 0 && data[0] == '~';
	const char *s;

	u8_repair((const char *)data, size, &t);
	sb_addc(&t, '\0');
	t.len--;
	s = t.p;
	u8_map_init(&m, s, t.len);
	sb_adds(rec, "{\"id\":\"fz\",\"text\":");
	sb_json_str(rec, s, t.len);
	/* sentences */
	sb_adds(rec, ",\"sentences\":[");
	for (i = 0; i <= t.len; i++) {
		if (i < t.len &&
		    !((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
			i + 1 < t.len && s[i + 1] == ' '))
			continue;
		k = i < t.len ? i + 1 : t.len;
		if (k <= s0) {
			s0 = k + 1;
			continue;
		}
		if (nsent++ > 0)
			sb_addc(rec, ',');
		sb_adds(rec, "{\"start\":");
		sb_addu(rec, u8_map_cp(&m, s0));
		sb_adds(rec, ",\"end\":");
		sb_addu(rec, u8_map_cp(&m, k));
		sb_adds(rec, ",\"text\":");
		sb_json_str(rec, s + s0, k - s0);
		sb_addc(rec, '}');
		s0 = k + 1;
	}
	/* entities: capitalised ASCII words */
	sb_adds(rec, "],\"entities\":[");
	nsent = 0;
	for (i = 0; i < t.len; i = w) {
		w = i + 1;
		if (s[i] == '.' || s[i] == '!' || s[i] == '?')
			nsent++;
		if (s[i] < 'A' || s[i] > 'Z' ||
		    (i > 0 &&
			((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
			    (s[i - 1] >= 'A' && s[i - 1] <= 'Z'))))
			continue;
		while (w < t.len &&
		    ((s[w] >= 'a' && s[w] <= 'z') ||
			(s[w] >= 'A' && s[w] <= 'Z')))
			w++;
		k = (size_t)(s[i] - 'A') % (sizeof(ids) / sizeof(ids[0]));
		cp = u8_map_cp(&m, i);
		if (ne++ > 0)
			sb_addc(rec, ',');
		sb_adds(rec, "{\"start\":");
		if (bad && ne % 5 == 1)
			sb_adds(rec, "-3");
		else if (bad && ne % 5 == 2)
			sb_addu(rec, m.ncp + 7);
		else if (bad && ne % 5 == 3)
			sb_adds(rec, "\"x\"");
		else
			sb_addu(rec, cp);
		sb_adds(rec, ",\"end\":");
		if (bad && ne % 5 == 4)
			sb_addu(rec, cp > 0 ? cp - 1 : 0);
		else
			sb_addu(rec, u8_map_cp(&m, w));
		sb_adds(rec, ",\"text\":");
		sb_json_str(rec, s + i, w - i);
		sb_adds(rec, ",\"type\":\"");
		sb_adds(rec, types[k]);
		sb_adds(rec, "\",\"id\":");
		if (bad && ne % 5 == 0)
			sb_adds(rec, "null");
		else
			sb_json_str(rec, ids[k], strlen(ids[k]));
		sb_adds(rec, ",\"sentence\":");
		sb_addu(rec, bad && ne % 3 == 0 ? nsent + 1000 : nsent);
		sb_addc(rec, '}');
	}
	sb_adds(rec, "]}");
	u8_map_free(&m);
	sb_free(&t);
}

static void
ff_check(json_t *rec, const char *text, size_t len)
{
	json_t *st = json_object_get(rec, "stance"), *v, *sc, *lb;
	const char *key, *l;

	if (!json_is_object(st))
		ff_fail("no stance object", text, len);
	json_object_foreach(st, key, v)
	{
		sc = json_object_get(v, "score");
		lb = json_object_get(v, "label");
		if (!json_is_number(sc) || json_number_value(sc) < -1 ||
		    json_number_value(sc) > 1)
			ff_fail(
			    "stance score not in [-1, 1]", key, strlen(key));
		l = json_string_value(lb);
		if (l == NULL ||
		    (strcmp(l, "pro") != 0 && strcmp(l, "anti") != 0 &&
			strcmp(l, "neutral") != 0))
			ff_fail("stance label", key, strlen(key));
	}
}
