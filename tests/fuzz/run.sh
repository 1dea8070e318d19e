#!/bin/sh
# tests/fuzz/run.sh [SECONDS]: build the libFuzzer targets tests/fuzz/fuzz_*.c
# into build/fuzz/ (clang -fsanitize=fuzzer,address,undefined) and run each
# for SECONDS (default 30), FUZZ_JOBS (default 2) at a time.
#
# A target links the runtime (every common/*.c that compiles) and, when its
# source says so in a line "fuzz-engine: NAME", the engine filters/NAME/*.c;
# "fuzz-main: NAME" also compiles filters/NAME.c with main renamed
# filter_main. A target whose filter is not in the tree yet is skipped.
#
# Seeds: tests/fuzz/corpus/TARGET/ (committed, read only) plus
# tests/fixtures/hostile/fuzz-TARGET-* (crash reproducers: every one is run
# first, so a fixed crash stays fixed). New inputs go to
# build/fuzz/corpus/TARGET/, crashes to build/fuzz/artifacts/.
# FUZZ_ONLY="fuzz_jscan fuzz_utf8" limits the targets; FUZZ_BUILD=DIR builds
# elsewhere (with FUZZ_SAN_EXTRA=-fno-sanitize=... for a campaign past a
# known report); FUZZ_BUILD_ONLY=1 only builds.
# Exit status: 0 when every target ran clean, 1 otherwise.
set -u

secs=${1:-30}
case $secs in
'' | 0 | *[!0-9]*)
	echo "fuzz: SECONDS must be a positive number, not '$secs'" >&2
	exit 64
	;;
esac
jobs=${FUZZ_JOBS:-2}
cd "$(dirname "$0")/../.." || exit 1
root=$(pwd)
B=${FUZZ_BUILD:-build/fuzz}
CC=${FUZZ_CC:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined ${FUZZ_SAN_EXTRA:-}"
CFLAGS="-std=c11 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE -Icommon $SAN"
DATADEF="-DDATADIR=\"$root/data\""
LIBS="-pthread -ljansson -lpcre2-8 -lz -lutf8proc -lxxhash -lm"

if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz: $CC not found" >&2
	exit 1
fi
mkdir -p "$B/obj" "$B/corpus" "$B/artifacts" "$B/log" || exit 1

# the runtime, instrumented for coverage; a file that does not compile yet
# (work in progress) is left out with a warning
objs=
for c in common/*.c; do
	[ -f "$c" ] || continue
	o="$B/obj/$(basename "$c" .c).o"
	if [ ! -f "$o" ] || [ -n "$(find "$c" common -name '*.[ch]' \
	    -newer "$o" 2>/dev/null)" ]; then
		# shellcheck disable=SC2086
		if ! $CC $CFLAGS "$DATADEF" -fsanitize=fuzzer-no-link -c -o "$o" "$c" \
		    2>"$B/log/$(basename "$c" .c).build"; then
			echo "fuzz: warning: $c does not compile, left out" >&2
			rm -f "$o"
			continue
		fi
	fi
	objs="$objs $o"
done
rm -f "$B/libnewspipe.a"
# shellcheck disable=SC2086
ar rcs "$B/libnewspipe.a" $objs || exit 1

# build one target; prints its name when it is ready to run
build() {
	t=$1
	name=$(basename "$t" .c)
	extra=
	inc=
	eng=$(sed -n 's/.*fuzz-engine: *\([a-z0-9-]*\).*/\1/p' "$t" | head -1)
	mainf=$(sed -n 's/.*fuzz-main: *\([a-z0-9-]*\).*/\1/p' "$t" | head -1)
	for f in $eng $mainf; do
		if [ ! -f "filters/$f.c" ]; then
			echo "fuzz: $name: skipped, filters/$f.c not in the tree yet" >&2
			return 0
		fi
		inc="$inc -Ifilters/$f"
		for e in "filters/$f"/*.c; do
			[ -f "$e" ] && extra="$extra $e"
		done
	done
	if [ -n "$mainf" ]; then
		# the filter's main(), renamed, plus any static helpers it has
		o="$B/obj/main-$mainf.o"
		# shellcheck disable=SC2086
		$CC $CFLAGS "$DATADEF" -fsanitize=fuzzer-no-link $inc -Dmain=filter_main \
		    -c -o "$o" "filters/$mainf.c" 2>"$B/log/$name.build" ||
		    { echo "fuzz: $name: build failed, see $B/log/$name.build" >&2
		    return 1; }
		extra="$extra $o"
	fi
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS "$DATADEF" -fsanitize=fuzzer $inc -Itests/fuzz -o "$B/$name" \
	    "$t" $extra "$B/libnewspipe.a" $LIBS 2>>"$B/log/$name.build"; then
		echo "fuzz: $name: build failed, see $B/log/$name.build" >&2
		return 1
	fi
	echo "$name"
}

# run one target for $secs seconds; one summary line
run() {
	name=$1
	seeds="tests/fuzz/corpus/$name"
	work="$B/corpus/$name"
	regr="$B/regress/$name"
	mkdir -p "$work" "$regr"
	rm -f "$regr"/*
	for f in tests/fixtures/hostile/fuzz-"$name"-*; do
		[ -f "$f" ] && cp "$f" "$regr/"
	done
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	[ -d "$seeds" ] || seeds=
	# per-target libFuzzer flags, e.g. -max_len=4096
	opts=
	[ -f "tests/fuzz/$name.options" ] && opts=$(cat "tests/fuzz/$name.options")
	log="$B/log/$name.log"
	# CPU seconds used (user + system), when /usr/bin/time is there
	timer=
	[ -x /usr/bin/time ] && timer="/usr/bin/time -f %U+%S -o $B/log/$name.cpu"
	# shellcheck disable=SC2086
	$timer "$B/$name" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
	    -max_len="${FUZZ_MAX_LEN:-65536}" -close_fd_mask=3 \
	    -print_final_stats=1 -artifact_prefix="$B/artifacts/$name-" \
	    $dict $opts "$work" $seeds "$regr" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	cpu=
	[ -f "$B/log/$name.cpu" ] &&
	    cpu=", $(tail -1 "$B/log/$name.cpu" | bc 2>/dev/null) s CPU"
	if [ "$rc" -eq 0 ]; then
		echo "fuzz: $name: clean, ${runs:-?} runs in ${secs}s${cpu}, ${cov:-cov: ?}"
	else
		echo "fuzz: $name: FAILED (status $rc), see $log:"
		grep -E 'ERROR|invariant|SUMMARY|Test unit written' "$log" |
		    head -5 | sed 's/^/    /'
	fi
	return "$rc"
}

ready=
status=0
for t in tests/fuzz/fuzz_*.c; do
	[ -f "$t" ] || continue
	if [ -n "${FUZZ_ONLY:-}" ]; then
		case " $FUZZ_ONLY " in
		*" $(basename "$t" .c) "*) ;;
		*) continue ;;
		esac
	fi
	if n=$(build "$t"); then
		[ -n "$n" ] && ready="$ready $n"
	else
		status=1
	fi
done
if [ -n "${FUZZ_BUILD_ONLY:-}" ]; then
	exit "$status"
fi

export B secs
# run the targets $jobs at a time; each prints its own summary line
results="$B/results"
: >"$results"
rm -f "$results.st"
i=0
pids=
for n in $ready; do
	(run "$n" >>"$results"; echo "$n $?" >>"$results.st") &
	pids="$pids $!"
	i=$((i + 1))
	if [ "$i" -ge "$jobs" ]; then
		wait
		i=0
	fi
done
wait
cat "$results"
if [ -f "$results.st" ]; then
	if grep -qv ' 0$' "$results.st"; then
		status=1
	fi
	rm -f "$results.st"
fi
nt=$(echo "$ready" | wc -w)
echo "fuzz: $nt targets, ${secs}s each: $([ "$status" -eq 0 ] && echo clean || echo FAILURES)"
exit "$status"
