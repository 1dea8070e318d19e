/*
 * ingest: turn documents into records {"id","source","text"}.
 *
 * --format=text (default): each file is one document; directories are
 * walked recursively in byte order of names; gzip files are inflated.
 * --format=lines: each non-blank line is one document.
 * --format=ndjson: validate records and fill in a missing id.
 * The id is the hex of the 128-bit XXH3 of the normalised text (NFC,
 * white space collapsed, trimmed), so the same text always gets the same id.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xxhash.h>
#include <zlib.h>

#include "cli.h"
#include "ndjson.h"
#include "sbuf.h"
#include "utf8.h"

enum fmt { F_TEXT, F_LINES, F_NDJSON };

struct opts {
	struct nd_opts nd;
	enum fmt format;
	const char *source;	/* --source: the name given to stdin */
};

struct run {
	struct opts *o;
	struct sbuf doc, fixed, rec, norm;
	unsigned long long docs, repaired, empty;
	int status;
};

static const char help[] =
    "Usage: ingest [OPTION]... [FILE|DIR]...\n"
    "Turn documents into NDJSON records {\"id\",\"source\",\"text\"}.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "      --format=FMT       text: one file is one document (default);\n"
    "                         lines: one document per line;\n"
    "                         ndjson: validate records, fill in missing id\n"
    "      --source=NAME      the source name for standard input (default -)\n"
    ND_HELP_COMMON
    "\n"
    "Directories are walked recursively in byte order of names; names that\n"
    "start with '.' are skipped. Gzip files are inflated. Text that is not\n"
    "valid UTF-8 is repaired with U+FFFD and reported as a warning.\n"
    "Writes: id (hex of a 128-bit XXH3 of the normalised text, kept when the\n"
    "record has one), source (the path as given), text.\n"
    "\n"
    "Example:\n"
    "  ingest samples/ | clean | split-sentences | jq -c '.sentences|length'\n"
    "\n" ND_HELP_EXIT;

/* NFC, white space runs collapsed to one space, trimmed */
static void
normalise(const char *s, size_t n, struct sbuf *out)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t k;
	const char *p;
	size_t i, len;
	int sp = 0;

	struct sbuf safe = SBUF_INIT;

	sb_reset(out);
	/* linear time for storms of combining marks (UAX #15) */
	if (u8_stream_safe(s, n, &safe) > 0) {
		s = safe.p;
		n = safe.len;
	}
	k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (k < 0) {
		if (k == UTF8PROC_ERROR_NOMEM)
			die(EX_OSERR_, "out of memory");
		p = s;
		len = n;
	} else {
		p = (const char *)m;
		len = (size_t)k;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			sp = out->len > 0;
			continue;
		}
		if (sp)
			sb_addc(out, ' ');
		sp = 0;
		sb_addc(out, (char)c);
	}
	free(m);
	sb_free(&safe);
}

static void
text_id(struct run *r, const char *s, size_t n, char hex[33])
{
	XXH128_hash_t h;
	static const char d[] = "0123456789abcdef";
	int i;

	normalise(s, n, &r->norm);
	h = XXH3_128bits(r->norm.p ? r->norm.p : "", r->norm.len);
	for (i = 0; i < 8; i++) {
		hex[2 * i] = d[(h.high64 >> (56 - 8 * i)) >> 4 & 15];
		hex[2 * i + 1] = d[(h.high64 >> (56 - 8 * i)) & 15];
		hex[16 + 2 * i] = d[(h.low64 >> (56 - 8 * i)) >> 4 & 15];
		hex[16 + 2 * i + 1] = d[(h.low64 >> (56 - 8 * i)) & 15];
	}
	hex[32] = '\0';
}

static void
emit(struct run *r, const char *source, unsigned long line, const char *s,
    size_t n)
{
	char hex[33];
	size_t bad;
	size_t i;

	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
	}
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			break;
	if (i == n) {
		r->empty++;
		if (line)
			return;	/* blank lines are not documents */
		warnx("%s: empty document skipped", source);
		return;
	}
	if (!u8_valid(s, n)) {
		sb_reset(&r->fixed);
		bad = u8_repair(s, n, &r->fixed);
		s = r->fixed.p;
		n = r->fixed.len;
		r->repaired++;
		if (line)
			warnx("%s:%lu: invalid UTF-8 repaired (%zu "
			    "replacement%s)", source, line, bad,
			    bad == 1 ? "" : "s");
		else
			warnx("%s: invalid UTF-8 repaired (%zu replacement%s)",
			    source, bad, bad == 1 ? "" : "s");
	}
	text_id(r, s, n, hex);
	sb_reset(&r->rec);
	sb_adds(&r->rec, "{\"id\":\"");
	sb_add(&r->rec, hex, 32);
	sb_adds(&r->rec, "\",\"source\":");
	if (u8_valid(source, strlen(source))) {
		sb_json_str(&r->rec, source, strlen(source));
	} else {
		/* a file name that is not UTF-8: repaired for JSON */
		struct sbuf name = SBUF_INIT;

		u8_repair(source, strlen(source), &name);
		sb_json_str(&r->rec, name.p, name.len);
		sb_free(&name);
	}
	sb_adds(&r->rec, ",\"text\":");
	sb_json_str(&r->rec, s, n);
	sb_adds(&r->rec, "}\n");
	out_write(r->rec.p, r->rec.len);
	if (r->o->nd.line_buffered)
		out_flush();
	r->docs++;
}

/* read a whole input (plain or gzip) into r->doc; -1 on error */
static int
slurp(struct run *r, const char *path, int fd)
{
	gzFile gz;
	int n, err;
	const char *msg;

	if ((gz = gzdopen(fd, "rb")) == NULL)
		die(EX_OSERR_, "out of memory opening %s", path);
	sb_reset(&r->doc);
	for (;;) {
		sb_grow(&r->doc, 1 << 16);
		n = gzread(gz, r->doc.p + r->doc.len, 1 << 16);
		if (n <= 0)
			break;
		r->doc.len += (size_t)n;
	}
	msg = gzerror(gz, &err);
	if (n < 0 || (err != Z_OK && err != Z_BUF_ERROR)) {
		warnx("%s: read error: %s", path,
		    err == Z_ERRNO ? strerror(errno) : msg);
		gzclose_r(gz);
		r->status = EX_IOERR_;
		return -1;
	}
	if (gzclose_r(gz) == Z_BUF_ERROR || err == Z_BUF_ERROR) {
		warnx("%s: truncated gzip input", path);
		r->status = EX_IOERR_;
		return -1;
	}
	return 0;
}

static void
one_input(struct run *r, const char *path, int fd)
{
	const char *src = path;
	char *p, *nl, *end;
	unsigned long line = 0;

	if (strcmp(path, "-") == 0)
		src = r->o->source;
	if (slurp(r, src, fd) != 0)
		return;
	if (r->o->format == F_TEXT) {
		emit(r, src, 0, r->doc.p ? r->doc.p : "", r->doc.len);
		return;
	}
	p = r->doc.p;
	end = p + r->doc.len;
	while (p != NULL && p < end) {
		size_t len;

		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		line++;
		if (len > 0 && p[len - 1] == '\r')
			len--;
		emit(r, src, line, p, len);
		p = nl ? nl + 1 : end;
	}
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
walk(struct run *r, const char *path)
{
	struct stat st;
	struct dirent **ents;
	int n, i, fd;
	char *sub;
	size_t len;

	if (strcmp(path, "-") == 0) {
		if ((fd = dup(STDIN_FILENO)) < 0)
			die(EX_OSERR_, "cannot read stdin: %s", strerror(errno));
		one_input(r, path, fd);
		return;
	}
	if (stat(path, &st) != 0) {
		warnx("cannot open %s: %s", path, strerror(errno));
		if (r->status == 0)
			r->status = EX_NOINPUT_;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		if ((fd = open(path, O_RDONLY)) < 0) {
			warnx("cannot open %s: %s", path, strerror(errno));
			if (r->status == 0)
				r->status = EX_NOINPUT_;
			return;
		}
		one_input(r, path, fd);
		return;
	}
	if ((n = scandir(path, &ents, NULL, by_name)) < 0) {
		warnx("cannot read directory %s: %s", path, strerror(errno));
		if (r->status == 0)
			r->status = EX_NOINPUT_;
		return;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			len = strlen(path) + strlen(ents[i]->d_name) + 2;
			sub = xmalloc(len);
			if (len > 2 && path[strlen(path) - 1] == '/')
				snprintf(sub, len, "%s%s", path, ents[i]->d_name);
			else
				snprintf(sub, len, "%s/%s", path, ents[i]->d_name);
			/* do not follow symbolic links to directories */
			if (lstat(sub, &st) == 0 && S_ISLNK(st.st_mode) &&
			    stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
				warnx("%s: symbolic link to a directory "
				    "skipped", sub);
			else
				walk(r, sub);
			free(sub);
		}
		free(ents[i]);
	}
	free(ents);
}

/* --format=ndjson: the runtime validates; fill in a missing id */
static int
ndjson(struct run *r, char **files, int nfiles)
{
	struct nd_in *in;
	struct nd_rec *rec;
	const char *text;
	size_t len;
	char hex[35];

	in = nd_open(files, nfiles, &r->o->nd);
	while ((rec = nd_next(in)) != NULL) {
		if (nd_get(rec, "id") == NULL) {
			if (nd_get_string(rec, r->o->nd.field, &text, &len) != 0) {
				nd_bad(in, rec, "%s, cannot make an id", rec->why);
				continue;
			}
			hex[0] = '"';
			text_id(r, text, len, hex + 1);
			hex[33] = '"';
			nd_set_raw(rec, "id", hex, 34);
		}
		nd_put(in, rec);
	}
	return nd_close(in);
}

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		ND_LONG_OPTIONS,
		{"format", required_argument, NULL, ND_OPT_FIRST_FREE},
		{"source", required_argument, NULL, ND_OPT_FIRST_FREE + 1},
		{NULL, 0, NULL, 0}
	};
	struct opts o;
	struct run r;
	int c, i, status;

	cli_init(argv[0]);
	memset(&o, 0, sizeof(o));
	nd_opts_init(&o.nd);
	o.source = "-";
	while ((c = getopt_long(argc, argv, "hV", lo, NULL)) != -1) {
		if (nd_opt(&o.nd, c, optarg, help))
			continue;
		if (c == ND_OPT_FIRST_FREE) {
			if (strcmp(optarg, "text") == 0)
				o.format = F_TEXT;
			else if (strcmp(optarg, "lines") == 0)
				o.format = F_LINES;
			else if (strcmp(optarg, "ndjson") == 0)
				o.format = F_NDJSON;
			else
				usage_error("invalid --format '%s' (text, lines "
				    "or ndjson)", optarg);
		} else if (c == ND_OPT_FIRST_FREE + 1) {
			o.source = optarg;
		}
	}
	memset(&r, 0, sizeof(r));
	r.o = &o;
	signal(SIGPIPE, SIG_DFL);
	if (o.format == F_NDJSON) {
		status = ndjson(&r, argv + optind, argc - optind);
	} else {
		if (optind == argc)
			walk(&r, "-");
		for (i = optind; i < argc; i++)
			walk(&r, argv[i]);
		out_flush();
		if (o.nd.stats)
			warnx("documents %llu, repaired %llu, empty %llu",
			    r.docs, r.repaired, r.empty);
		status = r.status;
	}
	sb_free(&r.doc);
	sb_free(&r.fixed);
	sb_free(&r.rec);
	sb_free(&r.norm);
	return status;
}
