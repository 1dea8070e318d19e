#!/bin/sh
# tests/torture.sh: `make torture`, allocation-failure torture (curl's method).
#
# Builds every filter with -fsanitize=address,undefined into
# build/torture/bin (gcc: the sanitizer runtime is a shared library, so the
# shim tests/torture/failmalloc.so can be preloaded in front of it and see
# every malloc, calloc, realloc and strdup: the program's, jansson's,
# pcre2's, utf8proc's, zlib's and stdio's). For each executable it runs the
# fixture once to count the allocations N, then once for each k in 1..N
# with the k-th allocation failing, and accepts only:
#   - exit 71 (out of memory) with a message on stderr, or
#   - the same exit status (0 or 65) and the same output as the run without
#     a failure (an allocation the program can do without, such as a stdio
#     buffer);
# and in every case no AddressSanitizer or UndefinedBehaviorSanitizer
# report. Leaks are errors unless the status is 71 (die() exits without
# unwinding). When N > TORTURE_MAX (default 150), k = 1..TORTURE_MAX/2 and
# TORTURE_MAX/2 values spread evenly over the rest are run.
#
# Fixture: tests/torture/NAME.ndjson, else tests/torture/default.ndjson.
# Arguments: tests/torture/NAME.args (words; @F@ is the fixture path),
# else the fixture path alone. TORTURE_ONLY="a b" limits the executables.
set -u
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
T=build/torture
max=${TORTURE_MAX:-150}
CC=${TORTURE_CC:-gcc}
SAN=${TORTURE_SAN:-'-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined'}

mkdir -p "$T/log" || exit 1
"$CC" -shared -fPIC -O1 -g -Wall -Wextra -o "$T/failmalloc.so" \
    tests/torture/failmalloc.c -ldl || exit 1
# -k: a filter that does not build yet is reported and left out
make --no-print-directory -k CC="$CC" B="$T/obj" BIN="$T/bin" OPT=-O1 \
    CFLAGS="$SAN" all >"$T/log/build" 2>&1 ||
    echo "torture: warning: some executables did not build, see $T/log/build" >&2

export NEWSPIPE_DATA="$root/data"
export ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1:abort_on_error=0:allocator_may_return_null=1
export LSAN_OPTIONS=exitcode=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
shim="$root/$T/failmalloc.so"

status=0
for f in filters/*.c; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .c)
	if [ -n "${TORTURE_ONLY:-}" ]; then
		case " $TORTURE_ONLY " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	if [ ! -x "$T/bin/$name" ]; then
		echo "torture: $name: not built, skipped"
		continue
	fi
	fix=tests/torture/$name.ndjson
	[ -f "$fix" ] || fix=tests/torture/default.ndjson
	if [ -f "tests/torture/$name.args" ]; then
		args=$(sed "s|@F@|$fix|g" "tests/torture/$name.args")
	else
		args=$fix
	fi
	# the baseline: no failure
	# (env, so that the shim is loaded into the filter, not into timeout)
	rm -f "$T/log/$name.count"
	# shellcheck disable=SC2086
	timeout 60 env NP_FAIL_AT=0 NP_ALLOC_COUNT="$T/log/$name.count" \
	    LD_PRELOAD="$shim" "$T/bin/$name" $args >"$T/log/$name.base" \
	    2>"$T/log/$name.baseerr" </dev/null
	base=$?
	n=$(cat "$T/log/$name.count" 2>/dev/null || echo 0)
	if [ "$base" -ne 0 ] && [ "$base" -ne 65 ]; then
		echo "torture: $name: FAILED: the run without failures exits $base:"
		head -5 "$T/log/$name.baseerr" | sed 's/^/    /'
		status=1
		continue
	fi
	if grep -q -e 'Sanitizer' -e 'runtime error:' "$T/log/$name.baseerr"; then
		echo "torture: $name: FAILED: sanitizer report without failures:"
		grep -m 5 -e 'ERROR' -e 'runtime error:' "$T/log/$name.baseerr"
		status=1
		continue
	fi
	# the k to run
	if [ "$n" -le "$max" ]; then
		ks=$(seq 1 "$n")
	else
		h=$((max / 2))
		ks=$( (seq 1 "$h"; awk -v h="$h" -v n="$n" 'BEGIN {
		    for (i = 1; i <= h; i++) print h + int(i * (n - h) / h) }') |
		    sort -nu)
	fi
	runs=0
	n71=0
	nsame=0
	bad=0
	for k in $ks; do
		runs=$((runs + 1))
		# shellcheck disable=SC2086
		timeout 60 env NP_FAIL_AT="$k" LD_PRELOAD="$shim" \
		    "$T/bin/$name" $args >"$T/log/$name.out" \
		    2>"$T/log/$name.err" </dev/null
		rc=$?
		why=
		if grep -q -e 'AddressSanitizer' -e 'runtime error:' \
		    "$T/log/$name.err"; then
			why="sanitizer report"
		elif [ "$rc" -ne 71 ] &&
		    grep -q 'LeakSanitizer' "$T/log/$name.err"; then
			why="leak with exit $rc"
		elif [ "$rc" -eq 71 ]; then
			if [ -s "$T/log/$name.err" ]; then
				n71=$((n71 + 1))
			else
				why="exit 71 without a message"
			fi
		elif [ "$rc" -eq "$base" ] &&
		    cmp -s "$T/log/$name.out" "$T/log/$name.base"; then
			nsame=$((nsame + 1))
		elif [ "$rc" -eq 0 ] || [ "$rc" -eq 65 ]; then
			why="exit $rc but the output differs from the run without failures (exit $base)"
		else
			why="exit $rc"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			status=1
			if [ "$bad" -le 3 ]; then
				echo "torture: $name: k=$k: $why:"
				grep -m 3 -v '^ *#' "$T/log/$name.err" |
				    sed 's/^/    /'
				echo "    repeat: NP_FAIL_AT=$k LD_PRELOAD=$shim" \
				    "ASAN_OPTIONS=$ASAN_OPTIONS $T/bin/$name $args"
				cp "$T/log/$name.err" "$T/log/$name.k$k.err"
			fi
		fi
	done
	if [ "$bad" -eq 0 ]; then
		echo "torture: $name: clean: $n allocations, $runs runs ($n71 exit 71, $nsame unaffected)"
	else
		echo "torture: $name: FAILED: $bad of $runs runs ($n allocations)"
	fi
done
exit "$status"
