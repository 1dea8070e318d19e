/*
 * ndjson.h: the record reader and writer every filter goes through.
 *
 * A record is one line holding one JSON object. The reader validates the
 * whole line (strict JSON, UTF-8, no lone surrogates, bounded nesting) with
 * the scanner in jscan.c, which also records where each top-level member
 * lies in the line. Only the fields a filter asks for are decoded. On
 * output, members the filter did not set are copied from the input line
 * byte for byte; the fields it set replace the old value in place, or are
 * appended in the order they were set.
 */
#ifndef NDJSON_H
#define NDJSON_H

#include <getopt.h>
#include <jansson.h>
#include <stddef.h>

#include "sbuf.h"

enum nd_on_error { ND_REPORT, ND_FAIL, ND_PASS };

struct nd_opts {
	enum nd_on_error on_error;
	const char *rejects;	/* --rejects=FILE or NULL */
	int line_buffered;
	size_t max_record;	/* --max-record-bytes, default 1 GiB */
	const char *field;	/* --field, default "text" */
	int stats;		/* --stats: summary line on stderr */
};

/* long option values shared by every filter (>= 1000, clear of letters) */
enum {
	ND_OPT_ON_ERROR = 1000,
	ND_OPT_REJECTS,
	ND_OPT_LINE_BUFFERED,
	ND_OPT_MAX_RECORD,
	ND_OPT_FIELD,
	ND_OPT_STATS,
	ND_OPT_DATA_DIR,
	ND_OPT_FIRST_FREE = 1100	/* a filter's own long-only options */
};

#define ND_LONG_OPTIONS \
	{"on-error", required_argument, NULL, ND_OPT_ON_ERROR}, \
	{"rejects", required_argument, NULL, ND_OPT_REJECTS}, \
	{"line-buffered", no_argument, NULL, ND_OPT_LINE_BUFFERED}, \
	{"max-record-bytes", required_argument, NULL, ND_OPT_MAX_RECORD}, \
	{"field", required_argument, NULL, ND_OPT_FIELD}, \
	{"stats", no_argument, NULL, ND_OPT_STATS}, \
	{"data-dir", required_argument, NULL, ND_OPT_DATA_DIR}, \
	{"help", no_argument, NULL, 'h'}, \
	{"version", no_argument, NULL, 'V'}

/* the lines of --help that describe the shared options */
#define ND_HELP_COMMON                                                       \
	"      --field=NAME       read and write NAME instead of text\n"        \
	"      --on-error=MODE    report (default), fail, or pass bad lines\n"  \
	"      --rejects=FILE     write bad input lines to FILE, byte for byte\n" \
	"      --max-record-bytes=N  longer lines are bad records (default 1G)\n" \
	"      --line-buffered    flush after every record\n"                   \
	"      --stats            print records in, out and bad on stderr\n"    \
	"      --data-dir=DIR     read data files from DIR\n"                   \
	"  -h, --help             show this help and exit\n"                    \
	"  -V, --version          show version and exit\n"

#define ND_HELP_EXIT                                                   \
	"Exit status: 0 ok, 64 usage, 65 bad records, 66 input not "   \
	"readable,\n70 internal error, 71 out of memory, 73 cannot "   \
	"create rejects, 74 I/O error.\n"

void nd_opts_init(struct nd_opts *o);
/*
 * Handle one getopt_long result shared by every filter: the ND_OPT_*
 * values, 'h' (prints help, exits 0), 'V' and '?' (usage error, exit 64).
 * Returns 1 when handled, 0 when the option is the filter's own.
 */
int nd_opt(struct nd_opts *o, int c, const char *arg, const char *help);

/* one top-level member of the current line */
struct nd_member {
	const char *key;	/* raw bytes between the quotes (escapes kept) */
	size_t klen;
	const char *val;	/* raw value bytes */
	size_t vlen;
};

struct nd_rec {
	const char *line;	/* the raw line, no newline, no CR */
	size_t len;
	const char *file;	/* input name as given ("-" for stdin) */
	unsigned long lineno;	/* 1-based line number in that input */
	struct nd_member *mem;
	size_t nmem;
	char why[256];		/* reason, when the record is bad */
	/* private */
	void *priv;
};

struct nd_in;

/* Open the inputs (argv-style list; none or "-" is stdin). Unreadable
 * files are reported when reached; nd_close returns 66. */
struct nd_in *nd_open(char **files, int nfiles, const struct nd_opts *o);

/* Next good record, or NULL at the end. Bad lines are handled inside
 * (reported, counted, rejected, passed) and never returned. */
struct nd_rec *nd_next(struct nd_in *in);

/* The member named key (last one wins, as in jansson), or NULL. */
const struct nd_member *nd_get(const struct nd_rec *r, const char *key);

/*
 * Decode the string member key into a buffer owned by the record (valid
 * until the next nd_next). Returns 0 and sets *s, *len; -1 if absent;
 * -2 if present but not a string (sets r->why).
 */
int nd_get_string(struct nd_rec *r, const char *key, const char **s,
    size_t *len);

/* Decode member key with jansson (new reference), NULL if absent or on
 * error (sets r->why when present but undecodable). */
json_t *nd_get_json(struct nd_rec *r, const char *key);

/*
 * Stage an owned field for output. nd_set steals the reference; nd_set_raw
 * takes serialised JSON (copied); nd_set_str a string value (copied and
 * escaped); nd_del removes the member. Setting a key again replaces the
 * staged value.
 */
void nd_set(struct nd_rec *r, const char *key, json_t *val);
void nd_set_raw(struct nd_rec *r, const char *key, const char *json,
    size_t len);
void nd_set_str(struct nd_rec *r, const char *key, const char *s,
    size_t len);
void nd_set_int(struct nd_rec *r, const char *key, long long v);
void nd_del(struct nd_rec *r, const char *key);
/* forget everything staged (for emitting several records from one) */
void nd_unstage(struct nd_rec *r);

/* Write the record: raw members spliced with the staged fields. Staged
 * fields stay staged until nd_unstage or the next nd_next. */
void nd_put(struct nd_in *in, struct nd_rec *r);

/* The record is bad: report "FILE:LINE: why (id=...)", count it, and act
 * on --on-error/--rejects. */
void nd_bad(struct nd_in *in, struct nd_rec *r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A warning about a good record: "prog: FILE:LINE: msg (id=...)". */
void nd_warn(struct nd_in *in, struct nd_rec *r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Write a whole output line (no newline in buf); for filters that make
 * records of their own, like ingest. */
void nd_write_line(struct nd_in *in, const char *buf, size_t len);

/* Flush, print --stats, close everything; returns the exit status:
 * 0, 65 bad records, 66 an input unreadable, 74 I/O error. */
int nd_close(struct nd_in *in);

/* counters, for filters that report more */
struct nd_counts {
	unsigned long long in, out, bad, skipped;
};
const struct nd_counts *nd_counts(const struct nd_in *in);

/* Mark the run as failed with status (66 or 74) without stopping. */
void nd_fail(struct nd_in *in, int status);

/* Output stream helpers used by nd_put and by filters writing raw lines. */
void out_write(const void *p, size_t n);
void out_flush(void);

#endif
