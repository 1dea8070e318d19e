/*
 * fuzz_filter.h: drive a whole filter, in process, as libFuzzer's target.
 *
 * The target file defines FF_ARGV (the filter's argv, NULL-terminated),
 * ff_record() (builds one input record from the fuzz bytes) and
 * optionally ff_check() (more invariants on one output record), then
 * includes this file; run.sh compiles filters/NAME.c with main renamed
 * filter_main ("fuzz-main: NAME").
 *
 * On the first input the filter's main() starts in a thread of its own,
 * reading standard input from a pipe and writing standard output to
 * another, with --on-error=pass and --line-buffered. Its data files are
 * loaded once, so each input costs one record, not a process start. For
 * each input we write the record and then a sentinel line that is not
 * JSON: --on-error=pass copies the sentinel through, so everything before
 * it is what the filter made of the record (0, 1 or more lines), even for
 * filters that drop or explode records. A filter that calls exit() (die)
 * ends the process: libFuzzer reports that as a crash, with the input.
 *
 * Invariants on every output line (ff_check_line):
 *  - it is the input line passed through as bad, or a JSON object;
 *  - every array member "sentences"/"entities" element with integer
 *    start/end has 0 <= start <= end <= code points of the text, and its
 *    "text", when there is one, is that slice of the record's text;
 *  - every number in the record is finite (jansson parses it).
 */
#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sbuf.h"
#include "utf8.h"

#ifndef FF_DATA
#define FF_DATA DATADIR
#endif

#define FF_SENTINEL "\001fuzz-sentinel"

int filter_main(int argc, char *argv[]);

static int ff_in = -1, ff_out = -1; /* our ends of the pipes */
static pthread_t ff_thread;
static struct sbuf ff_rbuf; /* bytes read, not yet used */

static void ff_record(const uint8_t *data, size_t size, struct sbuf *rec);
static void ff_check(json_t *rec, const char *text, size_t len);

static void
ff_fail(const char *what, const char *line, size_t len)
{
	fprintf(stderr, "fuzz_filter: invariant failed: %s\n  line: %.*s\n",
	    what, (int)(len > 2000 ? 2000 : len), line);
	abort();
}

static void *
ff_run(void *arg)
{
	static char *argv[] = FF_ARGV;
	int argc = 0;

	(void)arg;
	while (argv[argc] != NULL)
		argc++;
	filter_main(argc, argv);
	/* main returned: standard input was closed, which we never do */
	fprintf(stderr, "fuzz_filter: the filter's main returned\n");
	abort();
}

static void
ff_start(void)
{
	int in[2], out[2];

	if (pipe(in) != 0 || pipe(out) != 0)
		abort();
	if (dup2(in[0], STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0)
		abort();
	close(in[0]);
	close(out[1]);
	ff_in = in[1];
	ff_out = out[0];
	setenv("NEWSPIPE_DATA", FF_DATA, 1);
	if (pthread_create(&ff_thread, NULL, ff_run, NULL) != 0)
		abort();
}

static void
ff_write(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(ff_in, p, n)) <= 0)
			abort();
		p += w;
		n -= (size_t)w;
	}
}

/* the next output line (no newline) into line; 0 at the sentinel */
static int
ff_read_line(struct sbuf *line)
{
	char *nl;
	ssize_t r;
	size_t len;

	for (;;) {
		nl = ff_rbuf.len ? memchr(ff_rbuf.p, '\n', ff_rbuf.len) : NULL;
		if (nl != NULL)
			break;
		sb_grow(&ff_rbuf, 65536);
		r = read(ff_out, ff_rbuf.p + ff_rbuf.len, 65536);
		if (r <= 0)
			abort();
		ff_rbuf.len += (size_t)r;
	}
	len = (size_t)(nl - ff_rbuf.p);
	sb_reset(line);
	sb_add(line, ff_rbuf.p, len);
	memmove(ff_rbuf.p, nl + 1, ff_rbuf.len - len - 1);
	ff_rbuf.len -= len + 1;
	return !(len == sizeof(FF_SENTINEL) - 1 &&
	    memcmp(line->p, FF_SENTINEL, len) == 0);
}

/* integer member key of an object, or -1 */
static long long
ff_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? json_integer_value(v) : -1;
}

static void
ff_check_spans(json_t *rec, const char *field, const char *text, size_t len,
    const struct u8_map *m, const struct sbuf *line)
{
	json_t *arr = json_object_get(rec, field), *e, *t;
	size_t i, b0, b1;
	long long s, en;

	if (!json_is_array(arr))
		return;
	json_array_foreach(arr, i, e)
	{
		if (!json_is_object(e))
			continue;
		s = ff_int(e, "start");
		en = ff_int(e, "end");
		if (s < 0 && en < 0)
			continue;
		if (s < 0 || en < s || (size_t)en > m->ncp)
			ff_fail("span outside the text", line->p, line->len);
		t = json_object_get(e, "text");
		if (!json_is_string(t))
			continue;
		b0 = u8_map_byte(m, (size_t)s);
		b1 = u8_map_byte(m, (size_t)en);
		if (b1 - b0 != json_string_length(t) ||
		    memcmp(text + b0, json_string_value(t), b1 - b0) != 0)
			ff_fail("span text is not the slice of the text",
			    line->p, line->len);
	}
	(void)len;
}

static void
ff_check_line(const struct sbuf *line, const struct sbuf *rec)
{
	json_t *j, *t;
	json_error_t e;
	struct u8_map m;
	const char *text;
	size_t len;

	if (line->len == rec->len - 1 &&
	    memcmp(line->p, rec->p, line->len) == 0)
		return; /* passed through unchanged (bad, or nothing to do) */
	j = json_loadb(line->p, line->len, JSON_ALLOW_NUL, &e);
	if (j == NULL) {
		if (strstr(e.text, "too big") != NULL)
			return;
		ff_fail(e.text, line->p, line->len);
	}
	if (!json_is_object(j))
		ff_fail("output is not an object", line->p, line->len);
	t = json_object_get(j, "text");
	if (json_is_string(t)) {
		text = json_string_value(t);
		len = json_string_length(t);
		u8_map_init(&m, text, len);
		ff_check_spans(j, "sentences", text, len, &m, line);
		ff_check_spans(j, "entities", text, len, &m, line);
		ff_check(j, text, len);
		u8_map_free(&m);
	}
	json_decref(j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sbuf rec, line;
	int nlines = 0;

	if (ff_in < 0)
		ff_start();
	sb_reset(&rec);
	ff_record(data, size, &rec);
	sb_addc(&rec, '\n');
	ff_write(rec.p, rec.len);
	ff_write(FF_SENTINEL "\n", sizeof(FF_SENTINEL));
	while (ff_read_line(&line)) {
		ff_check_line(&line, &rec);
		nlines++;
	}
	(void)nlines;
	return 0;
}

/* helpers for ff_record */

/* the fuzz bytes as a JSON string of valid UTF-8 (bytes 0x00 become
 * \u0000, other invalid bytes U+FFFD) */
static void
ff_json_text(const uint8_t *data, size_t size, struct sbuf *rec)
{
	struct sbuf tmp = SBUF_INIT;

	u8_repair((const char *)data, size, &tmp);
	sb_json_str(rec, tmp.p != NULL ? tmp.p : "", tmp.len);
	sb_free(&tmp);
}
