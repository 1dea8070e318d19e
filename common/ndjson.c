/*
 * ndjson.c: inputs (files, "-", gzip by content through zlib), lines of
 * any length, validation, bad-record policy, byte-exact output splicing.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cli.h"
#include "jscan.h"
#include "ndjson.h"
#include "sbuf.h"

#define CHUNK (256 * 1024)
#define OUTBUF (1024 * 1024)

struct staged {
	char *key;
	size_t off, len;	/* serialised value in stage buffer */
	int del;
	int done;		/* written during this nd_put */
};

struct nd_in {
	struct nd_opts o;
	char **files;
	int nfiles, fi;
	int fd;
	int gzip;		/* the input is gzip: inflate it */
	z_stream zs;
	int zend;		/* inflate reached the end of a member */
	unsigned char *raw;	/* compressed bytes read, not yet inflated */
	const char *name;	/* current input, for messages */
	int open;		/* an input is open */
	int first;		/* no line read yet from this input: BOM check */
	unsigned long lineno;
	char *buf;
	size_t cap, beg, end;
	int eof;
	int truncated;		/* a truncated gzip has been reported */
	FILE *rej;
	int status;		/* sticky 66 or 74 */
	int stop;		/* --on-error=fail hit */
	struct nd_counts c;
	struct nd_rec rec;
	size_t memcap;
	struct staged *st;
	size_t nst, stcap;
	struct sbuf stage;	/* staged values */
	struct sbuf out;	/* the line being built */
	char **strs;		/* decoded strings of the current record */
	size_t nstrs, strcap;
};

/* ---- output ---- */

static char outbuf[OUTBUF];
static size_t outlen;
static int out_failed;

static void
raw_write(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(STDOUT_FILENO, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE) {
				signal(SIGPIPE, SIG_DFL);
				raise(SIGPIPE);
			}
			if (!out_failed) {
				out_failed = 1;
				die(EX_IOERR_, "write error: %s",
				    strerror(errno));
			}
			exit(EX_IOERR_);
		}
		p += w;
		n -= (size_t)w;
	}
}

void
out_flush(void)
{
	if (outlen > 0) {
		size_t n = outlen;

		outlen = 0;
		raw_write(outbuf, n);
	}
}

void
out_write(const void *p, size_t n)
{
	if (outlen + n > sizeof(outbuf)) {
		out_flush();
		if (n >= sizeof(outbuf)) {
			raw_write(p, n);
			return;
		}
	}
	memcpy(outbuf + outlen, p, n);
	outlen += n;
}

/* ---- options ---- */

void
nd_opts_init(struct nd_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->on_error = ND_REPORT;
	o->max_record = (size_t)1 << 30;
	o->field = "text";
}

int
nd_opt(struct nd_opts *o, int c, const char *arg, const char *help)
{
	switch (c) {
	case ND_OPT_ON_ERROR:
		if (strcmp(arg, "report") == 0)
			o->on_error = ND_REPORT;
		else if (strcmp(arg, "fail") == 0)
			o->on_error = ND_FAIL;
		else if (strcmp(arg, "pass") == 0)
			o->on_error = ND_PASS;
		else
			usage_error("invalid --on-error mode '%s' "
			    "(report, fail or pass)", arg);
		return 1;
	case ND_OPT_REJECTS:
		o->rejects = arg;
		return 1;
	case ND_OPT_LINE_BUFFERED:
		o->line_buffered = 1;
		return 1;
	case ND_OPT_MAX_RECORD:
		o->max_record = cli_size("max-record-bytes", arg);
		return 1;
	case ND_OPT_FIELD:
		if (*arg == '\0')
			usage_error("--field needs a name");
		o->field = arg;
		return 1;
	case ND_OPT_STATS:
		o->stats = 1;
		return 1;
	case ND_OPT_DATA_DIR:
		cli_set_data_dir(arg);
		return 1;
	case 'h':
		cli_help(help);
	case 'V':
		cli_version();
	case '?':
	case ':':
		/* getopt_long has printed the reason */
		usage_error("invalid usage");
	default:
		return 0;
	}
}

/* ---- inputs ---- */

static void
close_input(struct nd_in *in)
{
	if (!in->open)
		return;
	if (in->gzip == 1)
		inflateEnd(&in->zs);
	close(in->fd);
	in->open = 0;
}

/* open the next input; 0 when there are no more */
static int
next_input(struct nd_in *in)
{
	const char *f;
	struct stat st;
	int fd;

	for (;;) {
		if (in->nfiles == 0 && in->fi == 0) {
			f = "-";
		} else if (in->fi >= in->nfiles) {
			return 0;
		} else {
			f = in->files[in->fi];
		}
		in->fi++;
		if (strcmp(f, "-") == 0) {
			fd = dup(STDIN_FILENO);
			in->name = "stdin";
		} else {
			fd = open(f, O_RDONLY);
			in->name = f;
		}
		if (fd < 0) {
			warnx("cannot open %s: %s", f, strerror(errno));
			in->status = in->status ? in->status : EX_NOINPUT_;
			continue;
		}
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			warnx("cannot read %s: Is a directory", f);
			close(fd);
			in->status = in->status ? in->status : EX_NOINPUT_;
			continue;
		}
		in->fd = fd;
		in->gzip = -1;	/* not known until the first bytes */
		in->open = 1;
		in->first = 1;
		in->eof = 0;
		in->truncated = 0;
		in->lineno = 0;
		return 1;
	}
}

/* read(2) that retries on EINTR; -1 reports and ends the input */
static ssize_t
xread(struct nd_in *in, void *p, size_t n)
{
	ssize_t r;

	do
		r = read(in->fd, p, n);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		warnx("%s: read error: %s", in->name, strerror(errno));
		in->status = EX_IOERR_;
	}
	return r;
}

/* inflate what is pending into buf[end..]; returns bytes made, -1 on error */
static ssize_t
inflate_some(struct nd_in *in)
{
	size_t before;
	int z;

	in->zs.next_out = (unsigned char *)in->buf + in->end;
	in->zs.avail_out = (uInt)CHUNK;
	before = in->zs.avail_out;
	while (in->zs.avail_in > 0 && in->zs.avail_out > 0) {
		if (in->zend) {
			/* another member follows (multi-member gzip) */
			if (inflateReset(&in->zs) != Z_OK)
				return -1;
			in->zend = 0;
		}
		z = inflate(&in->zs, Z_NO_FLUSH);
		if (z == Z_STREAM_END) {
			in->zend = 1;
			continue;
		}
		if (z == Z_BUF_ERROR)
			break;
		if (z != Z_OK) {
			warnx("%s: gzip data error: %s", in->name,
			    in->zs.msg ? in->zs.msg : "corrupt input");
			in->status = EX_IOERR_;
			return -1;
		}
	}
	in->end += before - in->zs.avail_out;
	return (ssize_t)(before - in->zs.avail_out);
}

/*
 * Read more bytes into buf[end..]; 0 at the end of the input. Returns
 * as soon as some bytes arrive, so that --line-buffered works on pipes.
 */
static size_t
fill(struct nd_in *in)
{
	ssize_t n, m;

	if (in->eof)
		return 0;
	if (in->cap - in->end < CHUNK) {
		if (in->beg > 0) {
			memmove(in->buf, in->buf + in->beg, in->end - in->beg);
			in->end -= in->beg;
			in->beg = 0;
		}
		if (in->cap - in->end < CHUNK) {
			in->cap = in->cap ? in->cap * 2 : 4 * CHUNK;
			in->buf = xrealloc(in->buf, in->cap);
		}
	}
	if (in->gzip == 0) {
		n = xread(in, in->buf + in->end, CHUNK);
		if (n <= 0) {
			in->eof = 1;
			return 0;
		}
		in->end += (size_t)n;
		return (size_t)n;
	}
	if (in->gzip < 0) {
		/* the first bytes decide: gzip magic or plain */
		n = xread(in, in->buf + in->end, CHUNK);
		if (n <= 0) {
			in->eof = 1;
			return 0;
		}
		if (n >= 2 && (unsigned char)in->buf[in->end] == 0x1f &&
		    (unsigned char)in->buf[in->end + 1] == 0x8b) {
			in->gzip = 1;
			if (in->raw == NULL)
				in->raw = xmalloc(CHUNK);
			memcpy(in->raw, in->buf + in->end, (size_t)n);
			memset(&in->zs, 0, sizeof(in->zs));
			if (inflateInit2(&in->zs, 15 + 16) != Z_OK)
				die(EX_OSERR_, "out of memory (zlib)");
			in->zs.next_in = in->raw;
			in->zs.avail_in = (uInt)n;
			in->zend = 0;
		} else {
			in->gzip = 0;
			in->end += (size_t)n;
			return (size_t)n;
		}
	}
	for (;;) {
		if (in->zs.avail_in > 0) {
			if ((m = inflate_some(in)) < 0) {
				in->eof = 1;
				return 0;
			}
			if (m > 0)
				return (size_t)m;
		}
		n = xread(in, in->raw, CHUNK);
		if (n < 0) {
			in->eof = 1;
			return 0;
		}
		if (n == 0) {
			in->eof = 1;
			if (!in->zend) {
				warnx("%s: truncated gzip input", in->name);
				in->truncated = 1;
				in->status = EX_IOERR_;
			}
			return 0;
		}
		if (in->zend) {
			/* bytes after a member: another member or junk */
			if (inflateReset(&in->zs) != Z_OK)
				die(EX_OSERR_, "zlib reset failed");
			in->zend = 0;
		}
		in->zs.next_in = in->raw;
		in->zs.avail_in = (uInt)n;
	}
}

static void
report(struct nd_in *in, const char *line, size_t len, const char *why);

/*
 * A line longer than max_record: stream it to the rejects file (and to
 * stdout with --on-error=pass) without holding it, up to its newline.
 */
static void
overlong(struct nd_in *in)
{
	char *nl;
	size_t n;
	char why[96];

	in->lineno++;
	in->c.in++;
	snprintf(why, sizeof(why), "line longer than %zu bytes "
	    "(--max-record-bytes)", in->o.max_record);
	report(in, NULL, 0, why);
	for (;;) {
		nl = memchr(in->buf + in->beg, '\n', in->end - in->beg);
		n = nl ? (size_t)(nl - (in->buf + in->beg)) : in->end - in->beg;
		if (in->rej != NULL)
			fwrite(in->buf + in->beg, 1, n, in->rej);
		if (in->o.on_error == ND_PASS)
			out_write(in->buf + in->beg, n);
		in->beg += n;
		if (nl != NULL) {
			in->beg++;
			break;
		}
		in->beg = in->end = 0;
		if (fill(in) == 0)
			break;
	}
	if (in->rej != NULL)
		fputc('\n', in->rej);
	if (in->o.on_error == ND_PASS)
		out_write("\n", 1);
}

/* next raw line of any input; 0 at the end of all inputs */
static int
read_line(struct nd_in *in, char **line, size_t *len)
{
	char *nl;
	size_t scanned = 0;

	for (;;) {
		if (!in->open) {
			if (in->stop || !next_input(in))
				return 0;
			in->beg = in->end = 0;
			scanned = 0;
		}
		nl = in->end > in->beg + scanned ?
		    memchr(in->buf + in->beg + scanned, '\n',
			in->end - in->beg - scanned) : NULL;
		if (nl != NULL) {
			*line = in->buf + in->beg;
			*len = (size_t)(nl - *line);
			in->beg += *len + 1;
			break;
		}
		scanned = in->end - in->beg;
		if (scanned > in->o.max_record) {
			overlong(in);
			scanned = 0;
			if (in->eof) {
				close_input(in);
			}
			continue;
		}
		if (fill(in) == 0) {
			if (in->end > in->beg) {
				/* a last line without a newline */
				*line = in->buf + in->beg;
				*len = in->end - in->beg;
				in->beg = in->end;
				if (in->truncated) {
					/* cut by truncation: incomplete */
					warnx("%s:%lu: incomplete last line "
					    "discarded (%zu bytes)", in->name,
					    in->lineno + 1, *len);
					close_input(in);
					continue;
				}
				break;
			}
			close_input(in);
			scanned = 0;
			continue;
		}
	}
	in->lineno++;
	if (*len > in->o.max_record) {
		/* whole line arrived in one read but is too long */
		in->c.in++;
		report(in, *line, *len, "line longer than --max-record-bytes");
		if (in->rej != NULL) {
			fwrite(*line, 1, *len, in->rej);
			fputc('\n', in->rej);
		}
		if (in->o.on_error == ND_PASS) {
			out_write(*line, *len);
			out_write("\n", 1);
		}
		return read_line(in, line, len);
	}
	return 1;
}

struct nd_in *
nd_open(char **files, int nfiles, const struct nd_opts *o)
{
	struct nd_in *in;
	FILE *rej = NULL;

	/* "| head" must end us quietly even if our parent ignored SIGPIPE */
	signal(SIGPIPE, SIG_DFL);
	if (o->rejects != NULL && (rej = fopen(o->rejects, "w")) == NULL)
		die(EX_CANTCREAT_, "cannot create %s: %s", o->rejects,
		    strerror(errno));
	in = xcalloc(1, sizeof(*in));
	in->o = *o;
	in->files = files;
	in->nfiles = nfiles;
	in->rej = rej;
	in->rec.priv = in;
	return in;
}

/* ---- bad records ---- */

/* best-effort id of a line for messages: printable, at most 64 bytes */
static void
line_id(const char *line, size_t len, char *out, size_t outsz)
{
	const char *p, *end;
	size_t k = 0;

	out[0] = '\0';
	if (line == NULL)
		return;
	end = line + len;
	p = line;
	while ((p = memmem(p, (size_t)(end - p), "\"id\"", 4)) != NULL) {
		const char *q = p + 4;

		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < end && *q == ':') {
			q++;
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q < end && *q == '"') {
				q++;
				while (q < end && *q != '"' && k + 1 < outsz &&
				    k < 64) {
					unsigned char c = (unsigned char)*q++;

					out[k++] = (c < 0x20 || c == 0x7f ||
					    c == '\\') ? '?' : (char)c;
				}
				out[k] = '\0';
				return;
			}
		}
		p += 4;
	}
}

static void
report(struct nd_in *in, const char *line, size_t len, const char *why)
{
	char id[72];

	in->c.bad++;
	line_id(line, len, id, sizeof(id));
	if (id[0] != '\0')
		warnx("%s:%lu: %s (id=%s)", in->name, in->lineno, why, id);
	else
		warnx("%s:%lu: %s", in->name, in->lineno, why);
	if (in->o.on_error == ND_FAIL)
		in->stop = 1;
}

static void
bad_line(struct nd_in *in, const char *line, size_t len, const char *why)
{
	report(in, line, len, why);
	if (in->rej != NULL) {
		fwrite(line, 1, len, in->rej);
		fputc('\n', in->rej);
	}
	if (in->o.on_error == ND_PASS) {
		out_write(line, len);
		out_write("\n", 1);
		if (in->o.line_buffered)
			out_flush();
	}
}

void
nd_bad(struct nd_in *in, struct nd_rec *r, const char *fmt, ...)
{
	va_list ap;
	char why[512];

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	bad_line(in, r->line, r->len, why);
}

void
nd_warn(struct nd_in *in, struct nd_rec *r, const char *fmt, ...)
{
	va_list ap;
	char msg[512], id[72];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	line_id(r->line, r->len, id, sizeof(id));
	if (id[0] != '\0')
		warnx("%s:%lu: %s (id=%s)", in->name, r->lineno, msg, id);
	else
		warnx("%s:%lu: %s", in->name, r->lineno, msg);
}

/* ---- records ---- */

static void
add_member(void *arg, const struct nd_member *m)
{
	struct nd_in *in = arg;

	if (in->rec.nmem == in->memcap) {
		in->memcap = in->memcap ? in->memcap * 2 : 16;
		in->rec.mem = xreallocarray(in->rec.mem, in->memcap,
		    sizeof(*in->rec.mem));
	}
	in->rec.mem[in->rec.nmem++] = *m;
}

static void
free_strs(struct nd_in *in)
{
	size_t i;

	for (i = 0; i < in->nstrs; i++)
		free(in->strs[i]);
	in->nstrs = 0;
}

struct nd_rec *
nd_next(struct nd_in *in)
{
	char *line;
	size_t len, at, i;
	const char *why;
	char msg[160];

	nd_unstage(&in->rec);
	free_strs(in);
	while (!in->stop && read_line(in, &line, &len)) {
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (in->first) {
			in->first = 0;
			if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
				line += 3;
				len -= 3;
			}
		}
		for (i = 0; i < len; i++)
			if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
				break;
		if (i == len) {
			in->c.skipped++;
			continue;
		}
		in->c.in++;
		in->rec.line = line;
		in->rec.len = len;
		in->rec.file = in->name;
		in->rec.lineno = in->lineno;
		in->rec.nmem = 0;
		in->rec.why[0] = '\0';
		if (js_scan_object(line, len, add_member, in, &why, &at) != 0) {
			if (strcmp(why, "not a JSON object") == 0)
				snprintf(msg, sizeof(msg), "%s", why);
			else
				snprintf(msg, sizeof(msg), "%s at byte %zu",
				    why, at + 1);
			bad_line(in, line, len, msg);
			continue;
		}
		return &in->rec;
	}
	return NULL;
}

const struct nd_member *
nd_get(const struct nd_rec *r, const char *key)
{
	size_t i;

	for (i = r->nmem; i-- > 0;)
		if (js_key_eq(r->mem[i].key, r->mem[i].klen, key))
			return &r->mem[i];
	return NULL;
}

int
nd_get_string(struct nd_rec *r, const char *key, const char **s,
    size_t *len)
{
	struct nd_in *in = r->priv;
	const struct nd_member *m;
	char *buf;

	if ((m = nd_get(r, key)) == NULL) {
		snprintf(r->why, sizeof(r->why), "no field \"%s\"", key);
		return -1;
	}
	if (m->val[0] != '"') {
		snprintf(r->why, sizeof(r->why), "field \"%s\" is not a string",
		    key);
		return -2;
	}
	if (memchr(m->val, '\\', m->vlen) == NULL) {
		*s = m->val + 1;
		*len = m->vlen - 2;
		return 0;
	}
	buf = xmalloc(m->vlen);
	*len = js_unescape(m->val, m->vlen, buf);
	if (in->nstrs == in->strcap) {
		in->strcap = in->strcap ? in->strcap * 2 : 4;
		in->strs = xreallocarray(in->strs, in->strcap, sizeof(char *));
	}
	in->strs[in->nstrs++] = buf;
	*s = buf;
	return 0;
}

json_t *
nd_get_json(struct nd_rec *r, const char *key)
{
	const struct nd_member *m;
	json_error_t err;
	json_t *v;

	if ((m = nd_get(r, key)) == NULL)
		return NULL;
	v = json_loadb(m->val, m->vlen, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	/*
	 * The scanner has validated the value, so jansson can only refuse it
	 * for what it cannot represent (an integer past 2^63, a NUL in a key,
	 * its own depth limit): a bad record. Anything else is an allocation
	 * that failed inside the parser, which does not always say so.
	 */
	if (v == NULL) {
		enum json_error_code c = json_error_code(&err);

		if (c != json_error_numeric_overflow &&
		    c != json_error_null_byte_in_key &&
		    c != json_error_stack_overflow)
			die(EX_OSERR_, "out of memory decoding field \"%s\"",
			    key);
	}
	if (v == NULL)
		snprintf(r->why, sizeof(r->why), "field \"%s\": %s", key,
		    err.text);
	return v;
}

/* ---- staging and output ---- */

static struct staged *
stage_slot(struct nd_rec *r, const char *key)
{
	struct nd_in *in = r->priv;
	size_t i;

	for (i = 0; i < in->nst; i++)
		if (strcmp(in->st[i].key, key) == 0)
			return &in->st[i];
	if (in->nst == in->stcap) {
		in->stcap = in->stcap ? in->stcap * 2 : 8;
		in->st = xreallocarray(in->st, in->stcap, sizeof(*in->st));
	}
	in->st[in->nst].key = xstrdup(key);
	in->st[in->nst].del = 0;
	return &in->st[in->nst++];
}

void
nd_set_raw(struct nd_rec *r, const char *key, const char *json, size_t len)
{
	struct nd_in *in = r->priv;
	struct staged *s = stage_slot(r, key);

	s->del = 0;
	s->off = in->stage.len;
	s->len = len;
	sb_add(&in->stage, json, len);
}

static int
dump_cb(const char *buf, size_t size, void *data)
{
	sb_add(data, buf, size);
	return 0;
}

void
nd_set(struct nd_rec *r, const char *key, json_t *val)
{
	struct nd_in *in = r->priv;
	struct staged *s = stage_slot(r, key);

	s->del = 0;
	s->off = in->stage.len;
	if (val == NULL ||
	    json_dump_callback(val, dump_cb, &in->stage,
		JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(12)) != 0)
		die(EX_SOFTWARE_, "cannot serialise field %s", key);
	s->len = in->stage.len - s->off;
	json_decref(val);
}

void
nd_set_str(struct nd_rec *r, const char *key, const char *str, size_t len)
{
	struct nd_in *in = r->priv;
	struct staged *s = stage_slot(r, key);

	s->del = 0;
	s->off = in->stage.len;
	sb_json_str(&in->stage, str, len);
	s->len = in->stage.len - s->off;
}

void
nd_set_int(struct nd_rec *r, const char *key, long long v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%lld", v);

	nd_set_raw(r, key, tmp, (size_t)n);
}

void
nd_del(struct nd_rec *r, const char *key)
{
	struct staged *s = stage_slot(r, key);

	s->del = 1;
	s->len = 0;
}

void
nd_unstage(struct nd_rec *r)
{
	struct nd_in *in = r->priv;
	size_t i;

	for (i = 0; i < in->nst; i++)
		free(in->st[i].key);
	in->nst = 0;
	sb_reset(&in->stage);
}

static void
put_member(struct sbuf *o, int *first, const char *key, size_t klen,
    const char *val, size_t vlen)
{
	if (!*first)
		sb_addc(o, ',');
	*first = 0;
	sb_addc(o, '"');
	sb_add(o, key, klen);
	sb_add(o, "\":", 2);
	sb_add(o, val, vlen);
}

void
nd_put(struct nd_in *in, struct nd_rec *r)
{
	struct sbuf *o = &in->out;
	size_t i, j;
	int first = 1, hit;

	sb_reset(o);
	sb_addc(o, '{');
	for (j = 0; j < in->nst; j++)
		in->st[j].done = 0;
	for (i = 0; i < r->nmem; i++) {
		const struct nd_member *m = &r->mem[i];

		hit = 0;
		for (j = 0; j < in->nst; j++) {
			struct staged *s = &in->st[j];

			if (!js_key_eq(m->key, m->klen, s->key))
				continue;
			hit = 1;
			if (!s->del && !s->done)
				put_member(o, &first, s->key, strlen(s->key),
				    in->stage.p + s->off, s->len);
			s->done = 1;
			break;
		}
		if (!hit)
			put_member(o, &first, m->key, m->klen, m->val, m->vlen);
	}
	for (j = 0; j < in->nst; j++) {
		struct staged *s = &in->st[j];

		if (!s->del && !s->done) {
			if (!first)
				sb_addc(o, ',');
			first = 0;
			sb_json_str(o, s->key, strlen(s->key));
			sb_addc(o, ':');
			sb_add(o, in->stage.p + s->off, s->len);
		}
	}
	sb_add(o, "}\n", 2);
	out_write(o->p, o->len);
	in->c.out++;
	if (in->o.line_buffered)
		out_flush();
}

void
nd_write_line(struct nd_in *in, const char *buf, size_t len)
{
	out_write(buf, len);
	out_write("\n", 1);
	in->c.out++;
	if (in->o.line_buffered)
		out_flush();
}

const struct nd_counts *
nd_counts(const struct nd_in *in)
{
	return &in->c;
}

void
nd_fail(struct nd_in *in, int status)
{
	if (in->status != EX_IOERR_)
		in->status = status;
}

int
nd_close(struct nd_in *in)
{
	int status;

	if (in->open) {
		in->eof = 1;
		close_input(in);
	}
	out_flush();
	if (in->rej != NULL) {
		if (fflush(in->rej) != 0 || ferror(in->rej)) {
			warnx("%s: write error: %s", in->o.rejects,
			    strerror(errno));
			in->status = EX_IOERR_;
		}
		if (fclose(in->rej) != 0 && in->status != EX_IOERR_) {
			warnx("%s: write error: %s", in->o.rejects,
			    strerror(errno));
			in->status = EX_IOERR_;
		}
	}
	if (in->o.stats)
		warnx("records in %llu, out %llu, bad %llu, blank %llu",
		    in->c.in, in->c.out, in->c.bad, in->c.skipped);
	if (in->status == EX_IOERR_)
		status = EX_IOERR_;
	else if (in->status == EX_NOINPUT_)
		status = EX_NOINPUT_;
	else if (in->c.bad > 0)
		status = EX_DATAERR_;
	else
		status = in->status;
	nd_unstage(&in->rec);
	free_strs(in);
	free(in->strs);
	free(in->st);
	sb_free(&in->stage);
	sb_free(&in->out);
	free(in->rec.mem);
	free(in->buf);
	free(in->raw);
	free(in);
	return status;
}
