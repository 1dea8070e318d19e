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
 *  - every element of the FF_SPANS array members (default "sentences"
 *    and "entities") with integer
 *    start/end has 0 <= start <= end <= code points of the text, and its
 *    "text", when there is one, is that slice of the record's text;
 *  - every number in the record is finite (jansson parses it).
 */
#include <jansson.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
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

/* the fields whose spans the filter writes (its input's may be corrupt) */
#ifndef FF_SPANS
#define FF_SPANS \
	{ \
		"sentences", "entities", NULL \
	}
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
	sigset_t all, old;

	if (pipe(in) != 0 || pipe(out) != 0)
		abort();
	if (dup2(in[0], STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0)
		abort();
	close(in[0]);
	close(out[1]);
	ff_in = in[1];
	ff_out = out[0];
	setenv("NEWSPIPE_DATA", FF_DATA, 1);
	/* libFuzzer's timers (SIGALRM) go to this thread, not the filter's:
	 * the thread inherits a mask that blocks every signal */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (pthread_create(&ff_thread, NULL, ff_run, NULL) != 0)
		abort();
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void
ff_write(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(ff_in, p, n)) < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			ff_fail("write to the filter failed", "", 0);
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
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			ff_fail("the filter closed its output", "", 0);
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
	static const char *spans[] = FF_SPANS;
	json_t *j, *t;
	json_error_t e;
	struct u8_map m;
	const char *text;
	size_t len, i;

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
		for (i = 0; spans[i] != NULL; i++)
			ff_check_spans(j, spans[i], text, len, &m, line);
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

/*
 * ,"sentences":[...] for text s: a sentence ends after . ! or ? and a
 * space. With bad, some spans are corrupted: reversed, past the end,
 * negative, not numbers.
 */
static void
ff_sentences(
    struct sbuf *rec, const char *s, size_t n, const struct u8_map *m, int bad)
{
	size_t i, k, s0 = 0, ns = 0;

	sb_adds(rec, ",\"sentences\":[");
	for (i = 0; i <= n; i++) {
		if (i < n &&
		    !((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
			i + 1 < n && s[i + 1] == ' '))
			continue;
		k = i < n ? i + 1 : n;
		if (k <= s0) {
			s0 = k + 1;
			continue;
		}
		if (ns++ > 0)
			sb_addc(rec, ',');
		sb_adds(rec, "{\"start\":");
		if (bad && ns % 4 == 1)
			sb_adds(rec, "-1");
		else if (bad && ns % 4 == 2)
			sb_addu(rec, m->ncp + 3);
		else
			sb_addu(rec, u8_map_cp(m, s0));
		sb_adds(rec, ",\"end\":");
		if (bad && ns % 4 == 3)
			sb_adds(rec, "\"9\"");
		else
			sb_addu(rec, u8_map_cp(m, k));
		sb_adds(rec, ",\"text\":");
		sb_json_str(rec, s + s0, k - s0);
		sb_addc(rec, '}');
		s0 = k + 1;
	}
	sb_addc(rec, ']');
}
