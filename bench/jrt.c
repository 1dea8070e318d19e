/*
 * jrt.c: a benchmark floor, not a filter. Reads NDJSON (files or stdin),
 * parses each line with jansson and dumps it again compact, the
 * re-serialising round trip that the record contract's byte-exact
 * pass-through avoids. bench/run.sh builds it into a temporary directory.
 *
 *	cc -O2 -o jrt bench/jrt.c -ljansson
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static int
jrt_file(FILE *fp)
{
	json_error_t err;
	json_t *o;
	char *line = NULL, *s;
	size_t cap = 0;
	ssize_t n;
	int bad = 0;

	while ((n = getline(&line, &cap, fp)) != -1) {
		if ((o = json_loadb(line, (size_t)n, 0, &err)) == NULL) {
			bad = 1;
			continue;
		}
		if ((s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)) != NULL) {
			fputs(s, stdout);
			putchar('\n');
			free(s);
		}
		json_decref(o);
	}
	free(line);
	return bad;
}

int
main(int argc, char *argv[])
{
	FILE *fp;
	int i, bad = 0;

	if (argc < 2)
		return jrt_file(stdin) ? 65 : 0;
	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "r")) == NULL) {
			perror(argv[i]);
			return 66;
		}
		bad |= jrt_file(fp);
		fclose(fp);
	}
	if (fflush(stdout) != 0)
		return 74;
	return bad ? 65 : 0;
}
