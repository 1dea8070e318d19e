/* cli.h: program name, messages, exit codes, allocation, shared options */
#ifndef CLI_H
#define CLI_H

#include <stdarg.h>
#include <stddef.h>
#include <stdnoreturn.h>

#define PROJECT "newspipe"
#define VERSION "0.1.0"

/* sysexits.h, spelled out so that every file agrees */
enum {
	EX_OK_ = 0,
	EX_USAGE_ = 64,
	EX_DATAERR_ = 65,
	EX_NOINPUT_ = 66,
	EX_SOFTWARE_ = 70,
	EX_OSERR_ = 71,
	EX_CANTCREAT_ = 73,
	EX_IOERR_ = 74
};

extern const char *progname;

void cli_init(const char *argv0);
noreturn void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarnx(const char *fmt, va_list ap);
/* one line, then "Try 'prog --help'.", exit 64 */
noreturn void usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* print text (a --help page) to stdout and exit 0 */
noreturn void cli_help(const char *text);
/* print "prog (newspipe) X.Y.Z" and exit 0 */
noreturn void cli_version(void);

/* allocation: exit 71 on failure (the torture build fails them on purpose) */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* numbers from options: exit 64 with a message when not a number in range */
long long cli_number(const char *opt, const char *arg, long long min,
    long long max);
/* a size with an optional K, M or G suffix (powers of 1024) */
size_t cli_size(const char *opt, const char *arg);

/*
 * The data directory: --data-dir, else $NEWSPIPE_DATA, else ../data beside
 * the executable (a build tree), else ../share/newspipe beside it (an
 * installed tree), else the compiled-in DATADIR.
 */
const char *cli_data_dir(void);
void cli_set_data_dir(const char *dir);
/* DIR/rel in a buffer owned by the caller (free it) */
char *cli_data_path(const char *rel);

#endif
