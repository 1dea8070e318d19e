#!/bin/sh
# bench/profile.sh: where a filter spends its time, by instruction counts.
#
#   sh bench/profile.sh FILTER [BYTES]
#
# Takes the first BYTES (default 1000000, whole lines) of the throughput
# corpus (NP_BENCH_CORPUS, default ../shared/benchmarks/corpus/news.jsonl.gz
# beside the repository), runs the stages before FILTER over it so that
# FILTER reads what it reads in the pipeline, then runs FILTER under
# valgrind --tool=callgrind and prints the inclusive cost of the functions
# that take at least 1% of the instructions. Instruction counts do not
# depend on what else the machine is doing, unlike times.
# The callgrind file is left in $TMPDIR for callgrind_annotate or kcachegrind.
set -eu

[ $# -ge 1 ] || {
	echo "usage: sh bench/profile.sh FILTER [BYTES]" >&2
	exit 64
}
name=$1
bytes=${2:-1000000}
REPO=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$REPO"
corpus=${NP_BENCH_CORPUS:-$REPO/../shared/benchmarks/corpus/news.jsonl.gz}
[ -x "bin/$name" ] || {
	echo "bench/profile.sh: no bin/$name (make bin/$name)" >&2
	exit 66
}
command -v valgrind >/dev/null || {
	echo "bench/profile.sh: valgrind is not installed" >&2
	exit 69
}

T=$(mktemp -d "${TMPDIR:-/tmp}/npprof.XXXXXX")
trap 'rm -rf "$T"' EXIT
if [ -r "$corpus" ]; then
	gzip -dcf "$corpus" | head -c "$bytes" | sed '$d' >"$T/in" || true
else
	bin/ingest samples/ >"$T/in"
fi

# the stages before NAME, in pipeline order (dedup comes after analyze)
cur=$T/in
for s in ingest clean split-sentences tag-entities score-stance; do
	[ "$s" != "$name" ] || break
	[ -x "bin/$s" ] || continue
	args=
	[ "$s" != ingest ] || args=--format=ndjson
	# shellcheck disable=SC2086 # empty or one word
	bin/$s $args "$cur" >"$T/$s.out" 2>/dev/null || true
	cur=$T/$s.out
done
args=
[ "$name" != ingest ] || args=--format=ndjson

out=${TMPDIR:-/tmp}/callgrind.$name.out
echo "profile of $name on $(wc -c <"$cur") bytes, $(wc -l <"$cur") records" \
    "(from the first $bytes bytes of the corpus)"
# shellcheck disable=SC2086 # empty or one word
valgrind -q --tool=callgrind --callgrind-out-file="$out" \
    bin/$name $args "$cur" >/dev/null 2>"$T/err" || true
callgrind_annotate --auto=no --inclusive=yes "$out" 2>/dev/null |
    awk '/PROGRAM TOTALS/ { printf "%s instructions\n\n", $1; next }
	/^ *[0-9,]+ \( *[0-9.]+%\)  .*\]$/ {
		p = $0; sub(/^[^(]*\( */, "", p); sub(/%.*/, "", p)
		if (p + 0 < 1) next
		f = $0; sub(/^[^)]*\)  /, "", f); sub(/ \[.*/, "", f)
		if (f ~ /^\?\?\?:0x|below main|libc-start|^\?\?\?:_dl/) next
		o = $0; sub(/.*\[/, "", o); sub(/\]$/, "", o); sub(/.*\//, "", o)
		sub(/.*\//, "", f)
		if (f ~ /^\?\?\?:/) { sub(/^\?\?\?:/, "", f); f = f " (" o ")" }
		printf "%6.2f%%  %s\n", p, f
	}'
echo "callgrind file: $out"
