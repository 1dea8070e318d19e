/* cli.c: program name, messages, exit codes, allocation, data directory */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/newspipe"
#endif

const char *progname = "newspipe";
static char *data_dir;
static int data_dir_set;

void
cli_init(const char *argv0)
{
	const char *p;

	if (argv0 != NULL && *argv0 != '\0') {
		p = strrchr(argv0, '/');
		progname = p != NULL ? p + 1 : argv0;
	}
}

void
vwarnx(const char *fmt, va_list ap)
{
	char buf[4096];
	int n;

	n = snprintf(buf, sizeof(buf), "%s: ", progname);
	if (n < 0 || (size_t)n >= sizeof(buf))
		n = 0;
	vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	n = (int)strlen(buf);
	buf[n++] = '\n';
	/* one write, so that lines from parallel jobs do not interleave */
	if (write(STDERR_FILENO, buf, (size_t)n) < 0)
		return;
}

void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	exit(status);
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;
	char buf[256];
	int n;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	n = snprintf(buf, sizeof(buf), "Try '%s --help'.\n", progname);
	if (n > 0 && write(STDERR_FILENO, buf, (size_t)n) < 0)
		exit(EX_USAGE_);
	exit(EX_USAGE_);
}

static void
flush_or_die(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		die(EX_IOERR_, "write error: %s", strerror(errno));
	if (fclose(stdout) != 0)
		die(EX_IOERR_, "write error: %s", strerror(errno));
}

void
cli_help(const char *text)
{
	fputs(text, stdout);
	flush_or_die();
	exit(0);
}

void
cli_version(void)
{
	printf("%s (%s) %s\n", progname, PROJECT, VERSION);
	flush_or_die();
	exit(0);
}

static void
oom(size_t n)
{
	die(EX_OSERR_, "out of memory (%zu bytes)", n);
}

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n ? n : 1)) == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n ? n : 1, size ? size : 1)) == NULL)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q;

	if ((q = realloc(p, n ? n : 1)) == NULL)
		oom(n);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	return xrealloc(p, n * size);
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

long long
cli_number(const char *opt, const char *arg, long long min, long long max)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || v < min || v > max)
		usage_error("invalid value for --%s: '%s' (want %lld..%lld)", opt,
		    arg, min, max);
	return v;
}

size_t
cli_size(const char *opt, const char *arg)
{
	char *end;
	unsigned long long v, mul = 1;

	errno = 0;
	if (*arg == '-')
		usage_error("invalid size for --%s: '%s'", opt, arg);
	v = strtoull(arg, &end, 10);
	if (end == arg || errno != 0)
		usage_error("invalid size for --%s: '%s'", opt, arg);
	switch (*end) {
	case 'K': case 'k': mul = 1ULL << 10; end++; break;
	case 'M': case 'm': mul = 1ULL << 20; end++; break;
	case 'G': case 'g': mul = 1ULL << 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v == 0 || v > SIZE_MAX / mul)
		usage_error("invalid size for --%s: '%s'", opt, arg);
	return (size_t)(v * mul);
}

void
cli_set_data_dir(const char *dir)
{
	free(data_dir);
	data_dir = xstrdup(dir);
	data_dir_set = 1;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
free_data_dir(void)
{
	free(data_dir);
	data_dir = NULL;
}

const char *
cli_data_dir(void)
{
	char exe[PATH_MAX], cand[PATH_MAX + 32], *slash;
	const char *env;
	ssize_t n;

	if (data_dir_set)
		return data_dir;
	data_dir_set = 1;
	atexit(free_data_dir);
	if ((env = getenv("NEWSPIPE_DATA")) != NULL && *env != '\0') {
		data_dir = xstrdup(env);
		return data_dir;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			/* bin/ in a build tree, build/asan/bin in a sanitizer tree */
			snprintf(cand, sizeof(cand), "%s/../data", exe);
			if (is_dir(cand)) {
				data_dir = xstrdup(cand);
				return data_dir;
			}
			snprintf(cand, sizeof(cand), "%s/../../../data", exe);
			if (is_dir(cand) && strstr(exe, "/build/") != NULL) {
				data_dir = xstrdup(cand);
				return data_dir;
			}
			snprintf(cand, sizeof(cand), "%s/../share/newspipe", exe);
			if (is_dir(cand)) {
				data_dir = xstrdup(cand);
				return data_dir;
			}
		}
	}
	data_dir = xstrdup(DATADIR);
	return data_dir;
}

char *
cli_data_path(const char *rel)
{
	const char *d;
	size_t n;
	char *p;

	if (rel[0] == '/')
		return xstrdup(rel);
	d = cli_data_dir();
	n = strlen(d) + strlen(rel) + 2;
	p = xmalloc(n);
	snprintf(p, n, "%s/%s", d, rel);
	return p;
}
