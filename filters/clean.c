/*
 * clean: strip page furniture from each record's text, keep what was
 * removed in `boilerplate` with a reason, and lift title, byline, date,
 * dateline, links and origin into their own fields.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clean.h"
#include "cli.h"
#include "ndjson.h"

static const char HELP[] =
    "Usage: clean [OPTION]... [FILE]...\n"
    "Strip page furniture from each record's text; keep what was removed, "
    "with a reason.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "      --keep-raw         keep the original text in raw\n"
    "      --no-metadata      do not set title, byline, date, dateline, links, "
    "origin\n"
    "      --rules=FILE       more boilerplate rules (TSV, as "
    "data/clean/rules.tsv);\n"
    "                         may be given more than once\n"
    "      --now=DATE         reject dates after DATE (YYYY-MM-DD; default "
    "today)\n"
    ND_HELP_COMMON
    "\n"
    "Reads: text (or --field).\n"
    "Writes: text, boilerplate [{text, reason}], title, byline, date, "
    "dateline,\n"
    "links, origin; raw with --keep-raw.\n"
    "\n"
    "Example:\n"
    "  ingest samples/*.txt | clean | jq -c '{title, date, boilerplate}'\n"
    "\n"
    ND_HELP_EXIT;

enum {
	OPT_KEEP_RAW = ND_OPT_FIRST_FREE,
	OPT_NO_METADATA,
	OPT_RULES,
	OPT_NOW
};

static long
parse_now(const char *arg)
{
	char iso[16];
	long days;

	if (strlen(arg) != 10 || !cl_parse_date(arg, 10, iso, &days) ||
	    days < 0)
		usage_error("--now: want a date as YYYY-MM-DD, not '%s'", arg);
	return days;
}

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		ND_LONG_OPTIONS,
		{"keep-raw", no_argument, NULL, OPT_KEEP_RAW},
		{"no-metadata", no_argument, NULL, OPT_NO_METADATA},
		{"rules", required_argument, NULL, OPT_RULES},
		{"now", required_argument, NULL, OPT_NOW},
		{NULL, 0, NULL, 0}
	};
	struct nd_opts o;
	struct cl_opts co;
	struct cl_rules *rules;
	struct cl_work *work;
	const struct cl_result *res;
	const char **extra = NULL;
	int nextra = 0, keep_raw = 0, c;
	struct nd_in *in;
	struct nd_rec *r;

	nd_opts_init(&o);
	cli_init(argv[0]);
	co.metadata = 1;
	co.now_days = (long)(time(NULL) / 86400);
	while ((c = getopt_long(argc, argv, "hV", lo, NULL)) != -1) {
		if (nd_opt(&o, c, optarg, HELP))
			continue;
		switch (c) {
		case OPT_KEEP_RAW:
			keep_raw = 1;
			break;
		case OPT_NO_METADATA:
			co.metadata = 0;
			break;
		case OPT_RULES:
			extra = xreallocarray(extra, (size_t)nextra + 1,
			    sizeof(*extra));
			extra[nextra++] = optarg;
			break;
		case OPT_NOW:
			co.now_days = parse_now(optarg);
			break;
		default:
			usage_error("unknown option");
		}
	}

	rules = cl_rules_load(extra, nextra);	/* exits 65/66 on bad rules */
	work = cl_work_new(rules);
	in = nd_open(argv + optind, argc - optind, &o);
	while ((r = nd_next(in)) != NULL) {
		const char *text;
		size_t len;
		char why[200];

		if (nd_get_string(r, o.field, &text, &len) != 0) {
			nd_bad(in, r, "no string field %s", o.field);
			continue;
		}
		if (cl_page(work, &co, text, len, &res, why, sizeof(why)) != 0) {
			nd_bad(in, r, "%s", why);
			continue;
		}
		if (keep_raw)
			nd_set_str(r, "raw", text, len);
		nd_set_str(r, o.field, res->text.p ? res->text.p : "",
		    res->text.len);
		if (co.metadata) {
			if (res->has_title)
				nd_set_str(r, "title", res->title.p,
				    res->title.len);
			if (res->has_byline)
				nd_set_str(r, "byline", res->byline.p,
				    res->byline.len);
			if (res->has_date)
				nd_set_str(r, "date", res->date.p, res->date.len);
			if (res->has_dateline)
				nd_set_str(r, "dateline", res->dateline.p,
				    res->dateline.len);
			nd_set_raw(r, "links", res->links.p, res->links.len);
			if (res->has_origin)
				nd_set_str(r, "origin", res->origin.p,
				    res->origin.len);
		}
		nd_set_raw(r, "boilerplate", res->boiler.p, res->boiler.len);
		nd_put(in, r);
	}
	cl_work_free(work);
	cl_rules_free(rules);
	free(extra);
	return nd_close(in);
}
