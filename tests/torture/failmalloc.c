/*
 * failmalloc.c: an LD_PRELOAD shim that makes the k-th allocation fail
 * (curl's torture method). Every malloc, calloc, realloc, strdup and
 * aligned allocation made after the shim's constructor ran is counted,
 * whoever makes it: the program, jansson, pcre2, utf8proc, zlib, stdio.
 *
 *	NP_FAIL_AT=k		the k-th allocation (1-based) returns NULL with
 *				errno ENOMEM; 0 or unset: none fails
 *	NP_ALLOC_COUNT=FILE	at exit, write the number of allocations seen
 *				(a run with NP_FAIL_AT=0 gives N for the loop)
 *	NP_FAIL_TRACE=1		print the stack of the failed allocation on
 *				standard error (to find who ignored it)
 *
 * Built as a shared object and preloaded in front of the sanitizer
 * runtime (ASAN_OPTIONS=verify_asan_link_order=0), it forwards to the
 * next malloc in the search order, so AddressSanitizer still tracks
 * every block.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);

/* dlsym may allocate before the real functions are known */
static _Alignas(16) char boot[8192];
static size_t bootused;
static int resolving;

static int armed;
static unsigned long long count, fail_at;
static const char *count_file;
static int trace;

static int
in_boot(const void *p)
{
	return (const char *)p >= boot && (const char *)p < boot + sizeof(boot);
}

static void *
boot_alloc(size_t n)
{
	void *p;

	/* a 16-byte header holds the size, for realloc */
	n = (n + 15) & ~(size_t)15;
	if (n + 16 > sizeof(boot) - bootused)
		return NULL;
	p = boot + bootused + 16;
	memcpy(boot + bootused, &n, sizeof(n));
	bootused += n + 16;
	return p;
}

static void
resolve(void)
{
	if (real_malloc != NULL || resolving)
		return;
	resolving = 1;
	real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
	real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
	real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	real_posix_memalign = (int (*)(void **, size_t, size_t))dlsym(
	    RTLD_NEXT, "posix_memalign");
	real_aligned_alloc =
	    (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
	real_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
	real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
	resolving = 0;
}

/* 1 if this allocation is the one that must fail */
static int
fail_now(void)
{
	if (!armed)
		return 0;
	count++;
	if (fail_at != 0 && count == fail_at) {
		if (trace) {
			void *pc[32];
			int n;

			armed = 0; /* backtrace() may allocate once */
			n = backtrace(pc, 32);
			backtrace_symbols_fd(pc, n, 2);
			armed = 1;
		}
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

static void
report(void)
{
	char buf[32];
	int fd, len;

	armed = 0;
	if (count_file == NULL)
		return;
	fd = open(count_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	len = snprintf(buf, sizeof(buf), "%llu\n", count);
	if (write(fd, buf, (size_t)len) != len)
		(void)0;
	close(fd);
}

__attribute__((constructor(101))) static void
init(void)
{
	const char *s;

	resolve();
	s = getenv("NP_FAIL_AT");
	fail_at = s != NULL ? strtoull(s, NULL, 10) : 0;
	count_file = getenv("NP_ALLOC_COUNT");
	trace = getenv("NP_FAIL_TRACE") != NULL;
	armed = 1;
}

/* destructors run on exit() as well as on return from main */
__attribute__((destructor(101))) static void
fini(void)
{
	report();
}

void *
malloc(size_t n)
{
	resolve();
	if (real_malloc == NULL)
		return boot_alloc(n);
	if (fail_now())
		return NULL;
	return real_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	void *p;

	resolve();
	if (real_calloc == NULL) {
		if (size != 0 && n > SIZE_MAX / size)
			return NULL;
		p = boot_alloc(n * size);
		if (p != NULL)
			memset(p, 0, n * size);
		return p;
	}
	if (fail_now())
		return NULL;
	return real_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	void *q;
	size_t old;

	resolve();
	if (in_boot(p)) {
		memcpy(&old, (char *)p - 16, sizeof(old));
		q = malloc(n);
		if (q != NULL)
			memcpy(q, p, n < old ? n : old);
		return q;
	}
	if (real_realloc == NULL)
		return boot_alloc(n);
	if (fail_now())
		return NULL;
	return real_realloc(p, n);
}

void
free(void *p)
{
	if (p == NULL || in_boot(p))
		return;
	resolve();
	if (real_free != NULL)
		real_free(p);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
	resolve();
	if (fail_now())
		return ENOMEM;
	return real_posix_memalign(out, align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
	resolve();
	if (fail_now())
		return NULL;
	return real_aligned_alloc(align, n);
}

void *
memalign(size_t align, size_t n)
{
	resolve();
	if (fail_now())
		return NULL;
	return real_memalign(align, n);
}

char *
strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

char *
strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *p = malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}
