/*
 * fuzz_check.h: the invariant test of the fuzz targets. check(ok, what)
 * aborts, naming the target's file and line and the invariant, so that
 * libFuzzer keeps the input as a crash.
 */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static inline void
fuzz_check(int ok, const char *what, const char *file, int line)
{
	if (!ok) {
		fprintf(
		    stderr, "%s:%d: invariant failed: %s\n", file, line, what);
		abort();
	}
}

#define check(ok, what) fuzz_check((ok), (what), __FILE__, __LINE__)

#endif
