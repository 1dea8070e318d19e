/*
 * fuzz_reader.c: the record reader and writer (ndjson.h) on arbitrary
 * bytes split into lines, read as a file through nd_open()/nd_next(),
 * written with nd_put() to a memory file and checked.
 *
 * The first byte picks the options: bit 0 --on-error=pass, bit 1 a small
 * --max-record-bytes (second byte * 4 + 1), bit 2 gzip the rest, bit 3 cut
 * the gzip stream short, bit 4 --rejects=/dev/null, bit 5 stage fields,
 * bit 6 --field=title, bit 7 --line-buffered. Invariants (report mode):
 *  - every output line is a JSON object jansson accepts, and the field
 *    scanner accepts;
 *  - records in = records out + bad records, lines out = records out;
 *  - a string field read with nd_get_string() is valid UTF-8, and written
 *    back with nd_set_str() it decodes (jansson) to the same bytes;
 *  - a deleted field is gone, a staged raw field is present.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "fuzz_check.h"
#include "cli.h"
#include "jscan.h"
#include "ndjson.h"
#include "utf8.h"

static int infd = -1, outfd = -1;
static char inpath[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	cli_init("fuzz_reader");
	infd = memfd_create("in", 0);
	outfd = memfd_create("out", 0);
	if (infd < 0 || outfd < 0)
		abort();
	snprintf(inpath, sizeof(inpath), "/proc/self/fd/%d", infd);
	return 0;
}

/* write all of p to fd at offset 0, truncating it first */
static void
put_file(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;
	off_t off = 0;

	if (ftruncate(fd, 0) != 0)
		abort();
	while (n > 0) {
		w = pwrite(fd, c, n, off);
		if (w <= 0)
			abort();
		c += w;
		n -= (size_t)w;
		off += w;
	}
}

/* gzip p into a new buffer */
static unsigned char *
gzip(const unsigned char *p, size_t n, size_t *outlen)
{
	z_stream z;
	size_t cap = n + n / 100 + 64;
	unsigned char *out = malloc(cap);

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*outlen = z.total_out;
	deflateEnd(&z);
	return out;
}

static void
check_output(const char *out, size_t n, unsigned long long nrec, int staged)
{
	const char *p = out, *nl, *why;
	size_t at;
	unsigned long long lines = 0;
	json_t *j;
	json_error_t e;

	while (p < out + n) {
		nl = memchr(p, '\n', (size_t)(out + n - p));
		check(nl != NULL, "output ends with a newline");
		check(js_scan_object(
			  p, (size_t)(nl - p), NULL, NULL, &why, &at) == 0,
		    "output line passes the scanner");
		j = json_loadb(p, (size_t)(nl - p), JSON_ALLOW_NUL, &e);
		check(j != NULL || strstr(e.text, "too big") != NULL ||
			strstr(e.text, "overflow") != NULL ||
			strstr(e.text, "NUL") != NULL ||
			strstr(e.text, "depth") != NULL,
		    "output line is JSON");
		if (j != NULL && staged) {
			check(json_object_get(j, "id") == NULL,
			    "deleted field gone");
			check(json_is_array(json_object_get(j, "fz_raw")),
			    "raw field staged");
		}
		json_decref(j);
		lines++;
		p = nl + 1;
	}
	check(lines == nrec, "one output line per record");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nd_opts o;
	struct nd_in *in;
	struct nd_rec *r;
	unsigned flags;
	unsigned char *gz = NULL;
	size_t gzlen;
	char *files[1];
	const char *s;
	size_t len;
	unsigned long long nout = 0;
	const struct nd_counts *c;
	unsigned long long cin, cout, cbad;
	char *out;
	off_t outlen;
	int pass;

	if (size < 2)
		return 0;
	flags = data[0];
	nd_opts_init(&o);
	pass = flags & 1;
	if (pass)
		o.on_error = ND_PASS;
	if (flags & 2)
		o.max_record = (size_t)data[1] * 4 + 1;
	if (flags & 16)
		o.rejects = "/dev/null";
	if (flags & 64)
		o.field = "title";
	o.line_buffered = (flags & 128) != 0;
	data += 2;
	size -= 2;
	if (flags & 4) {
		gz = gzip(data, size, &gzlen);
		if (flags & 8)
			gzlen = gzlen / 2;
		put_file(infd, gz, gzlen);
		free(gz);
	} else {
		put_file(infd, data, size);
	}
	put_file(outfd, "", 0);
	if (dup2(outfd, STDOUT_FILENO) < 0)
		abort();
	if (lseek(STDOUT_FILENO, 0, SEEK_SET) != 0)
		abort();

	files[0] = inpath;
	in = nd_open(files, 1, &o);
	while ((r = nd_next(in)) != NULL) {
		int rc = nd_get_string(r, o.field, &s, &len);

		check(rc == 0 || r->why[0] != '\0', "a reason when absent");
		if (rc == 0) {
			check(u8_valid(s, len), "decoded string is UTF-8");
			if (flags & 32)
				nd_set_str(r, "fz_str", s, len);
		}
		if (flags & 32) {
			json_t *v = nd_get_json(r, "entities");

			nd_set_raw(r, "fz_raw", "[1,\"x\"]", 7);
			nd_del(r, "id");
			if (v != NULL)
				nd_set(r, "entities", v);
		}
		nd_put(in, r);
		nout++;
	}
	c = nd_counts(in);
	cin = c->in;
	cout = c->out;
	cbad = c->bad;
	(void)nd_close(in);
	check(cout == nout, "records out counted");
	if (!pass) {
		check(cin == cout + cbad, "records in = out + bad");
		outlen = lseek(outfd, 0, SEEK_END);
		check(outlen >= 0, "output size");
		out = malloc((size_t)outlen + 1);
		check(pread(outfd, out, (size_t)outlen, 0) == outlen, "read");
		check_output(out, (size_t)outlen, nout, (flags & 32) != 0);
		free(out);
	}
	return 0;
}
