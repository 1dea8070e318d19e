/*
 * nop: the do-nothing filter. Reads and validates every record through
 * the runtime and writes it back unchanged: the floor that make bench
 * measures the other filters against, and a record validator for shell
 * pipelines ("nop --rejects=bad.ndjson < in > good.ndjson").
 */
#include <getopt.h>

#include "cli.h"
#include "ndjson.h"

static const char help[] =
    "Usage: nop [OPTION]... [FILE]...\n"
    "Validate records and copy them unchanged (the benchmark floor).\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n" ND_HELP_COMMON
    "\n"
    "Reads: every line as one JSON object. Writes: the same record.\n"
    "\n"
    "Example:\n"
    "  nop --rejects=bad.ndjson in.ndjson.gz > good.ndjson\n"
    "\n" ND_HELP_EXIT;

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {ND_LONG_OPTIONS, {NULL, 0, NULL, 0}};
	struct nd_opts o;
	struct nd_in *in;
	struct nd_rec *r;
	int c;

	cli_init(argv[0]);
	nd_opts_init(&o);
	while ((c = getopt_long(argc, argv, "hV", lo, NULL)) != -1)
		if (!nd_opt(&o, c, optarg, help))
			usage_error("unknown option");
	in = nd_open(argv + optind, argc - optind, &o);
	while ((r = nd_next(in)) != NULL)
		nd_put(in, r);
	return nd_close(in);
}
