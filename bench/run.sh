#!/bin/sh
# bench/run.sh: throughput, peak memory and start-up time of every filter
# in bin/ and of pipelines/analyze, beside same-run floors (cat, jq -c .,
# and bin/nop, the do-nothing filter built on common/).
#
#   sh bench/run.sh           full run on the throughput corpus (make bench)
#   sh bench/run.sh --quick   a 5 MB slice, under a minute (make bench-quick)
#
# Prints a markdown table on stdout and writes it to bench/results.md.
# It prints figures only: nothing here passes or fails on a time.
#
# Environment:
#   NP_BENCH_CORPUS   NDJSON corpus, plain or gzip (default: the shared
#                     throughput corpus beside the repository, else the
#                     bundled samples repeated to 20 MB)
#   NP_BENCH_RUNS     counted runs per command (default 5, quick 3)
#   NP_BENCH_OUT      where to write the table (default bench/results.md)
#   NP_BENCH_NOBUILD  set to skip `make -s all`
#   NP_BENCH_TIMEOUT  seconds a filter may take over a twentieth of the input
#                     before it is taken for hung (default: 0.1 MB/s, >= 30 s)
set -eu
set -f	# commands are split on spaces below; never glob them

quick=0
arg=${1:-}
case "${1:-}" in
--quick) quick=1 ;;
'') ;;
-h | --help)
	sed -n '2,18s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "bench/run.sh: unknown option: $1" >&2
	echo "Try 'sh bench/run.sh --help'." >&2
	exit 64
	;;
esac

REPO=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$REPO"

if [ "$quick" = 1 ]; then
	runs=${NP_BENCH_RUNS:-3}
	warm=0	# the slice was just written: it is in the page cache
	sruns=5
	slice=5000000
	mode="quick: 5 MB slice"
else
	runs=${NP_BENCH_RUNS:-5}
	warm=1
	sruns=20
	slice=
	mode="full"
fi
out=${NP_BENCH_OUT:-bench/results.md}

T=$(mktemp -d "${TMPDIR:-/tmp}/npbench.XXXXXX")
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

say() {
	printf '%s\n' "bench: $*" >&2
}

mb() {	# bytes -> MB (10^6), two decimals
	awk -v b="$1" 'BEGIN { printf "%.2f", b / 1e6 }'
}

# ---------------------------------------------------------------- build
if [ -z "${NP_BENCH_NOBUILD:-}" ]; then
	say "building (make -s all, release flags)"
	if ! make -s -k all >"$T/build.log" 2>&1; then
		say "make failed for some targets; measuring what was built:"
		tail -5 "$T/build.log" >&2
	fi
fi

# Measure a snapshot of bin/ and data/, so that a rebuild in the work tree
# while this runs (make in another shell) cannot change or break what is
# measured. Filters find data/ beside their bin/, analyze its stages in its
# own directory.
mkdir "$T/snap"
cp -p -R bin "$T/snap/" 2>/dev/null || mkdir "$T/snap/bin"
[ ! -d data ] || cp -p -R data "$T/snap/"
B=$T/snap/bin
# what was measured: the commit at the time of the snapshot
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
dirty=
git diff --quiet HEAD -- filters common data pipelines 2>/dev/null ||
    dirty=" (+ uncommitted changes)"

have() {	# an executable in the snapshot of bin/
	[ -x "$B/$1" ] && [ -f "$B/$1" ]
}

if have nop; then
	nop="$B/nop"
else
	nop=
	say "bin/nop not built: the nop floor and x-nop ratios are left out"
fi

# a jansson parse + compact dump of each line: the re-serialising round
# trip that byte-exact pass-through saves (bench/jrt.c)
jrt=
if cc -std=c11 -O2 -o "$T/jrt" bench/jrt.c -ljansson 2>"$T/jrt.log"; then
	jrt="$T/jrt"
else
	say "bench/jrt.c did not build: the jansson round trip floor is left out"
fi

# ---------------------------------------------------------------- input
corpus=${NP_BENCH_CORPUS:-$REPO/../shared/benchmarks/corpus/news.jsonl.gz}
in=$T/in.jsonl
if [ -r "$corpus" ]; then
	src="$(basename "$corpus")"
	if [ -n "$slice" ]; then
		# whole lines only: cut at 5 MB, drop the partial last line
		gzip -dcf "$corpus" | head -c "$slice" | sed '$d' >"$in" || true
		src="$src, first $(mb "$slice") MB"
	else
		gzip -dcf "$corpus" >"$in"
	fi
else
	have ingest || {
		echo "bench/run.sh: no corpus and no bin/ingest to read samples/" >&2
		exit 66
	}
	say "no corpus at $corpus: using samples/ repeated to 20 MB"
	"$B/ingest" samples/ >"$T/one.jsonl"
	want=${slice:-20000000}
	n=0
	: >"$in"
	while [ "$(wc -c <"$in")" -lt "$want" ]; do
		n=$((n + 1))
		# a distinct id per copy, so that only dedup sees them as copies
		sed "s/^{\"id\":\"\([^\"]*\)\"/{\"id\":\"\1#$n\"/" "$T/one.jsonl" >>"$in"
	done
	src="samples/ x $n (bundled samples repeated)"
fi
: >"$T/empty.jsonl"
inbytes=$(wc -c <"$in")
inrecs=$(wc -l <"$in")
say "input: $src: $(mb "$inbytes") MB, $inrecs records"

# ---------------------------------------------------------------- timing
# GNU time gives the peak RSS; without it the memory columns stay empty
gtime="/usr/bin/time -f %M -a -o $T/rss.run"
if ! /usr/bin/time -f %M -o "$T/rss.run" true 2>/dev/null; then
	gtime=
	say "no GNU time at /usr/bin/time: memory is not measured"
fi

# time_cmd CMD [RUNS [WARMUP]]: prints "median min max cpu status rss": the
# median, min and max wall seconds and the mean CPU seconds (user + system)
# of CMD (split on spaces, its output to a pipe that is read and thrown
# away) after the warm-up runs, its worst exit status, and its peak RSS in
# kB over all runs (GNU time around each run).
if command -v hyperfine >/dev/null 2>&1; then
	timer="hyperfine $(hyperfine --version | awk '{ print $2 }')"
	time_cmd() {
		: >"$T/rss.run"
		hyperfine -N -i --style none --output=pipe --warmup "${3:-$warm}" \
		    --runs "${2:-$runs}" --export-json "$T/h.json" \
		    -- "$gtime $1" \
		    >/dev/null 2>>"$T/hyperfine.log"
		jq -r --arg rss "$(sort -n "$T/rss.run" | tail -1 | grep . || echo -)" '.results[0] |
		    "\(.median) \(.min) \(.max) \(.user + .system) \(.exit_codes | max) \($rss)"' \
		    "$T/h.json"
	}
else
	timer="shell loop over date +%s%N"
	time_cmd() {
		: >"$T/rss.run"
		: >"$T/times"
		worst=0
		i=0
		while [ "$i" -lt "$((${3:-$warm} + ${2:-$runs}))" ]; do
			st=0
			t0=$(date +%s%N)
			# shellcheck disable=SC2086 # split on purpose
			$gtime $1 >/dev/null 2>&1 || st=$?
			t1=$(date +%s%N)
			[ "$st" -le "$worst" ] || worst=$st
			[ "$i" -lt "${3:-$warm}" ] || echo "$(((t1 - t0) / 1000))" >>"$T/times"
			i=$((i + 1))
		done
		sort -n "$T/times" | awk -v st="$worst" \
		    -v rss="$(sort -n "$T/rss.run" | tail -1 | grep . || echo -)" '{ t[NR] = $1 / 1e6 }
		    END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		          printf "%.6f %.6f %.6f - %d %s\n", m, t[1], t[NR], st, rss }'
	}
fi

# rss_cmd CMD FILE COPIES: peak RSS in kB of CMD reading COPIES of FILE on
# stdin, under a time bound; its stderr goes to $T/stderr, its exit status
# to $T/rss.status (124: it did not finish in time).
rss_cmd() {
	i=0
	files=
	while [ "$i" -lt "$3" ]; do
		files="$files $2"
		i=$((i + 1))
	done
	: >"$T/rss.run"
	echo 0 >"$T/rss.status"
	# shellcheck disable=SC2086 # split on purpose
	cat $files | $gtime timeout "$(($3 * $(bound_of "$2")))" $1 2>"$T/stderr" \
	    >/dev/null || echo $? >"$T/rss.status"
	tail -1 "$T/rss.run" | grep -v 'status' | grep . || echo -
}

# ---------------------------------------------------------------- stages
# Each filter is timed on what it reads in the pipeline: clean on ingest's
# output, split-sentences on clean's, and so on. A stage that is not built
# is skipped and the next one reads the last stage that was.
notes=$T/notes
: >"$notes"
: >"$T/hung"
note() {
	printf -- '- %s\n' "$*" >>"$notes"
}

# The stages run once over the input in chunks of whole records (50, 20 with
# --quick), each
# under a time bound, so that a filter that hangs on some record costs one
# chunk, not the run: the chunk is left out of every measurement (filters
# are one record in, one record out, so chunk N is the same records at
# every stage) and the hang is reported.
mkdir "$T/c"
nchunks=50
[ "$quick" = 0 ] || nchunks=20
chunk=$(((inrecs + nchunks - 1) / nchunks))
split -a 3 -d -l "$chunk" "$in" "$T/c/s0."
(cd "$T/c" && ls) | sed 's/^s0\.//' >"$T/alive"

bound_of() {	# seconds allowed for FILE once: 0.1 MB/s, at least 30 s
	awk -v b="$(wc -c <"$1")" -v t="${NP_BENCH_TIMEOUT:-}" \
	    'BEGIN { if (t != "") print t; else print (b / 1e5 > 30) ? int(b / 1e5) : 30 }'
}

# stage NAME CMD FROM TO: run CMD over chunks $T/c/FROM.* into $T/c/TO.*;
# prints the prefix the next stage reads (TO, or FROM when NAME is not
# built or wrote nothing)
stage() {
	if ! have "$1"; then
		echo "$3"
		return
	fi
	say "precomputing $1 output"
	told=
	wrote=
	nhung=0
	cp "$T/alive" "$T/alive.run"
	while read -r id; do
		st=0
		# shellcheck disable=SC2086 # split on purpose
		timeout "$(bound_of "$T/c/$3.$id")" $2 "$T/c/$3.$id" \
		    >"$T/c/$4.$id" 2>"$T/stage.err" || st=$?
		if [ "$st" = 124 ]; then
			nhung=$((nhung + 1))
			grep -vx "$id" "$T/alive" >"$T/alive.new" || true
			mv "$T/alive.new" "$T/alive"
			echo "$1 did not finish chunk $id ($(wc -l <"$T/c/$3.$id") records from id $(head -1 "$T/c/$3.$id" | jq -r .id 2>/dev/null)) in $(bound_of "$T/c/$3.$id") s: a hang? Those records are left out of every figure" >>"$T/hung.$1"
		elif [ "$st" != 0 ] && [ -z "$told" ]; then
			told=1
			note "$1 exited $st while precomputing its output: $(head -1 "$T/stage.err")"
		fi
		[ ! -s "$T/c/$4.$id" ] || wrote=1
	done <"$T/alive.run"
	if [ "$nhung" -gt "$((nchunks / 10))" ]; then
		# not one odd record: the filter as a whole is too slow or hangs
		cp "$T/alive.run" "$T/alive"
		echo "$1" >>"$T/hung"
		note "$1 did not finish $nhung of $(wc -l <"$T/alive.run") chunks in time: left out, and the next stage reads $1's input"
		echo "$3"
		return
	fi
	if [ -s "$T/hung.$1" ]; then
		while read -r line; do
			note "$line"
		done <"$T/hung.$1"
	fi
	if [ -n "$wrote" ]; then
		echo "$4"
	else
		note "$1 wrote nothing: the next stage reads $1's input instead"
		echo "$3"
	fi
}

p_clean=$(stage ingest "$B/ingest --format=ndjson" s0 s1)
p_split=$(stage clean "$B/clean" "$p_clean" s2)
p_tag=$(stage split-sentences "$B/split-sentences" "$p_split" s3)
p_stance=$(stage tag-entities "$B/tag-entities" "$p_tag" s4)
p_dedup=$(stage score-stance "$B/score-stance" "$p_stance" s5)

# each stage's input as one file, over the chunks that every stage finished
join_chunks() {	# join_chunks PREFIX: prints the file
	if [ "$1" = s0 ]; then
		f=$in
	else
		f=$T/$1.jsonl
	fi
	if [ ! -e "$f" ] || [ "$1" = s0 ]; then
		: >"$f.new"
		while read -r id; do
			cat "$T/c/$1.$id" >>"$f.new"
		done <"$T/alive"
		mv "$f.new" "$f"
	fi
	echo "$f"
}
s_ingest=$(join_chunks s0)
s_clean=$(join_chunks "$p_clean")
s_split=$(join_chunks "$p_split")
s_tag=$(join_chunks "$p_tag")
s_stance=$(join_chunks "$p_stance")
s_dedup=$(join_chunks "$p_dedup")
if [ "$(wc -l <"$in")" != "$inrecs" ]; then
	note "$(($(wc -l <"$in") * 100 / inrecs))% of the input's records are measured: $(wc -l <"$in") of $inrecs"
	inbytes=$(wc -c <"$in")
	inrecs=$(wc -l <"$in")
fi
rm -rf "$T/c"

label() {	# a file's name in the tables: the stage that wrote it
	case "$1" in
	"$in" | "$T/s0.jsonl") echo "corpus" ;;
	"$T/s1.jsonl") echo "ingest out" ;;
	"$T/s2.jsonl") echo "clean out" ;;
	"$T/s3.jsonl") echo "split out" ;;
	"$T/s4.jsonl") echo "tag out" ;;
	"$T/s5.jsonl") echo "stance out" ;;
	*) echo "?" ;;
	esac
}

# ---------------------------------------------------------------- floors
floors=$T/floors.tsv	# file label bytes records cat jq nop jrt (medians, s)
: >"$floors"
rows=$T/rows.tsv	# name label bytes med min max jq nop rss1 rss4 start status goal cpu jqcpu
: >"$rows"

floor_of() {	# floor_of FILE COLUMN(5=cat 6=jq 7=nop 8=jrt) [all]: median seconds
	awk -F '\t' -v f="$1" -v c="$2" -v all="${3:-}" '$1 == f {
		if (all == "") sub(/ .*/, "", $c)
		print $c
	}' "$floors"
}

# row NAME CMD FILE GOAL MEM4 [TIMES]: time, memory and start-up of CMD on
# FILE. MEM4: yes, a run on FILE four times over for memory (and warm-up);
# once, a warm-up run on FILE that keeps stderr; no. TIMES: time_cmd's
# figures, when the floors already timed it.
row() {
	name=$1 cmd=$2 file=$3 goal=$4 mem4=$5 given=${6:-}
	say "measuring $name on $(label "$file")"
	# start-up on an empty file; a filter that fails there failed as a whole
	sfig=$(time_cmd "$cmd $T/empty.jsonl" "$sruns" 1)
	start=$(echo "$sfig" | awk '{ printf "%.1f", $1 * 1000 }')
	status=$(echo "$sfig" | awk '{ print $5 }')
	case $status in
	0 | 65) ;;
	*)
		# shellcheck disable=SC2086 # split on purpose
		note "$name exited $status on an empty input: $($cmd "$T/empty.jsonl" 2>&1 >/dev/null | head -1)"
		printf '%s\t%s\t%s\t-\t-\t-\t\t\t-\t-\t%s\t%s\t%s\t-\t\n' "$name" \
		    "$(label "$file")" "$(wc -c <"$file")" "$start" "$status" "$goal" >>"$rows"
		return
		;;
	esac
	r4=-
	if [ "$mem4" = once ]; then
		# a warm-up run that keeps its stderr, for the notes
		rss_cmd "$cmd" "$file" 1 >/dev/null
	elif [ "$mem4" = yes ]; then
		r4=$(rss_cmd "$cmd" "$file" 4)
		if [ "$(cat "$T/rss.status")" = 124 ]; then
			note "$name did not finish 4 copies of $(label "$file") in $((4 * $(bound_of "$file"))) s (a hang?): not timed"
			printf '%s\t%s\t%s\t-\t-\t-\t\t\t-\t-\t%s\t%s\t%s\t-\t\n' "$name" \
			    "$(label "$file")" "$(wc -c <"$file")" "$start" "hung" "$goal" >>"$rows"
			return
		fi
	fi
	# the 4x memory run, when there is one, is the warm-up
	w=$warm
	[ "$r4" = - ] && [ "$mem4" != once ] || w=0
	times=${given:-$(time_cmd "$cmd $file" "$runs" "$w")}
	# shellcheck disable=SC2086 # median min max cpu status rss
	set -- $times
	if [ "$5" != 0 ]; then
		msg=
		[ "$mem4" = no ] || msg=": $(head -1 "$T/stderr")"
		note "$name exited $5 on $(label "$file")$msg"
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
	    "$name" "$(label "$file")" "$(wc -c <"$file")" "$1" "$2" "$3" \
	    "$(floor_of "$file" 6)" "$(floor_of "$file" 7)" "$6" "$r4" "$start" \
	    "$5" "$goal" "$4" "$(floor_of "$file" 6 all | awk '{ print $4 }')" >>"$rows"
}

floor() {	# measure cat, jq -c . and nop once per distinct input
	if [ -n "$(floor_of "$1" 6)" ]; then
		return
	fi
	say "floors on $(label "$1")"
	# jq is the slowest floor: 3 runs on the later stages' larger inputs
	if [ "$1" = "$in" ]; then
		j=$(time_cmd "jq -c . $1")
	else
		j=$(time_cmd "jq -c . $1" 3)
	fi
	n=
	[ -n "$nop" ] && n=$(time_cmd "$nop $1")
	# the jansson round trip on the corpus only, cat too with --quick
	c=
	r=
	if [ "$quick" = 0 ] || [ "$1" = "$in" ]; then
		c=$(time_cmd "cat $1")
	fi
	if [ -n "$jrt" ] && [ "$1" = "$in" ]; then
		r=$(time_cmd "$jrt $1")
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(label "$1")" \
	    "$(wc -c <"$1")" "$(wc -l <"$1")" "$c" "$j" "$n" "$r" >>"$floors"
}

# the floors as rows of the main table, on the corpus
floor "$in"
row cat "cat" "$in" "floor" no "$(floor_of "$in" 5 all)"
row "jq -c ." "jq -c ." "$in" "floor" no "$(floor_of "$in" 6 all)"
if [ -n "$jrt" ]; then
	row "jansson round trip" "$jrt" "$in" "floor" no "$(floor_of "$in" 8 all)"
fi
if [ -n "$nop" ]; then
	row nop "$nop" "$in" "floor" yes "$(floor_of "$in" 7 all)"
fi

# ---------------------------------------------------------------- filters
# filter NAME FILE GOAL [ARGS [EXPECTED]]: EXPECTED is the label of the
# input it reads in the full pipeline
filter() {
	if ! have "$1"; then
		note "$1: not built yet, skipped"
		return
	fi
	if grep -qx -- "$1" "$T/hung"; then
		printf '%s\t%s\t%s\t-\t-\t-\t\t\t-\t-\t-\t%s\t%s\t-\t\n' "$1" \
		    "$(label "$2")" "$(wc -c <"$2")" "hung" "$3" >>"$rows"
		return
	fi
	if [ -n "${5:-}" ] && [ "$(label "$2")" != "$5" ]; then
		note "$1 read $(label "$2"), not $5: an earlier stage is not built"
	fi
	floor "$2"
	row "$1${4:+ $4}" "$B/$1${4:+ $4}" "$2" "$3" yes
}

filter ingest "$s_ingest" "-" "--format=ndjson"
filter clean "$s_clean" ">= 1.0x jq" "" "ingest out"
filter split-sentences "$s_split" ">= 1.0x jq" "" "clean out"
filter tag-entities "$s_tag" ">= 0.7x jq" "" "split out"
filter score-stance "$s_stance" ">= 1.0x jq" "" "tag out"
filter dedup "$s_dedup" ">= 1.0x jq" "" "stance out"

# any other filter in bin/ (a filters/NAME.c), on ingest's output
set +f
for f in filters/*.c; do
	[ -f "$f" ] || continue
	n=$(basename "$f" .c)
	case "$n" in
	nop | ingest | clean | split-sentences | tag-entities | score-stance | dedup) ;;
	*)
		filter "$n" "$s_clean" "-"
		! have "$n" || note "$n: an unlisted filter, measured on ingest's output"
		;;
	esac
done
set -f

# ---------------------------------------------------------------- analyze
if have analyze && [ -s "$T/hung" ]; then
	note "pipelines/analyze: left out, because $(tr '\n' ' ' <"$T/hung")did not finish"
elif have analyze; then
	# analyze runs ingest first; it reads NDJSON when told so
	if "$B/analyze" --help 2>/dev/null | grep -q -- '--format'; then
		acmd="$B/analyze --format=ndjson"
	else
		acmd="$B/analyze"
		note "analyze has no --format option: it was given the NDJSON file as it is"
	fi
	# no 4x memory run (each filter's own shows whether memory is flat)
	# and 3 runs: it is the longest command here
	if "$B/analyze" --help 2>/dev/null | grep -q -- '--jobs'; then
		aname="analyze (-j $(nproc))"
	else
		aname=analyze
	fi
	runs_was=$runs
	runs=3
	row "$aname" "$acmd" "$in" ">= 0.5x jq" once
	runs=$runs_was
	note "analyze: 3 runs; its memory is that of its largest single process (GNU time follows the children); its cpu s is the sum over its processes, so its x jq cpu is no throughput ratio"
else
	note "pipelines/analyze: not built yet, skipped"
fi

# ---------------------------------------------------------------- report
cpu=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)

{
	echo "# Benchmark results"
	echo
	echo "Written by \`sh bench/run.sh${arg:+ $arg}\` ($mode) on $(date -u '+%Y-%m-%d %H:%M UTC')."
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| machine | $(nproc) CPUs ($(uname -m)), ${cpu:-unknown CPU}, $(uname -sr) |"
	echo "| load average | $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null) at the end (a shared machine: read medians, not single runs) |"
	echo "| build | \`make -s all\` (-O2), commit $rev$dirty when the run began |"
	echo "| input | $src: $(mb "$inbytes") MB, $inrecs records |"
	echo "| timing | $timer: $runs runs each (jq on later stages and analyze: 3) after $warm warm-up (the 4x memory run where there is one), output to a pipe; start-up: $sruns runs on an empty file |"
	echo "| memory | peak RSS (GNU time %M): 1x is the largest over the timed runs, 4x a run with the input four times over on stdin |"
	echo
	echo "MB/s is of the bytes each command reads. Each filter reads what it reads in"
	echo "the pipeline (clean reads ingest's output, split-sentences reads clean's, ...),"
	echo "and its \`x jq\` and \`x nop\` are throughput ratios to \`jq -c .\` and \`bin/nop\`"
	echo "timed on that same input in the same run (table 2). Higher is faster."
	echo "\`cpu s\` is the mean user + system time: when it is well under the wall"
	echo "median on a one-process command, the machine was busy with other work, and"
	echo "\`x jq cpu\` (the same ratio on CPU time) is the steadier figure."
	echo
	echo "## 1. Throughput, memory, start-up"
	echo
	awk -F '\t' '
	function mbps(b, t) { return t > 0 ? sprintf("%.1f", b / 1e6 / t) : "-" }
	function ratio(f, t) { return (f != "" && t > 0) ? sprintf("%.2f", f / t) : "-" }
	function mb(k) { return (k ~ /^[0-9]+$/) ? sprintf("%.1f", k / 1024) : "-" }
	BEGIN {
		print "| command | input | MB | median s (min-max) | cpu s | MB/s | x jq | x jq cpu | x nop | RSS 1x MB | RSS 4x MB | start ms | exit | goal |"
		print "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
	}
	$4 == "-" {
		printf "| %s | %s | %.1f | failed | - | - | - | - | - | - | - | %s | %s | %s |\n",
		    $1, $2, $3 / 1e6, $11, $12, $13
		next
	}
	{
		cpu = ($14 == "-") ? "" : $14
		jqcpu = ($15 == "-") ? "" : $15
		printf "| %s | %s | %.1f | %.3f (%.3f-%.3f) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
		    $1, $2, $3 / 1e6, $4, $5, $6, (cpu == "" ? "-" : sprintf("%.3f", cpu)),
		    mbps($3, $4), ratio($7, $4), ratio(jqcpu, cpu), ratio($8, $4),
		    mb($9), mb($10), $11, $12, $13
	}' "$rows"
	echo
	echo "## 2. Floors on each stage's input"
	echo
	awk -F '\t' '
	function mbps(b, t) { return t > 0 ? sprintf("%.1f", b / 1e6 / t) : "-" }
	BEGIN {
		print "| input | MB | records | cat MB/s | jq -c . MB/s | jansson round trip MB/s | nop MB/s |"
		print "|---|--:|--:|--:|--:|--:|--:|"
	}
	{
		printf "| %s | %.1f | %d | %s | %s | %s | %s |\n", $2, $3 / 1e6, $4,
		    mbps($3, $5), mbps($3, $6), mbps($3, $8), mbps($3, $7)
	}' "$floors"
	echo
	echo "Goals (issue 9): clean, split-sentences, score-stance, dedup >= 1.0x jq;"
	echo "tag-entities >= 0.7x jq; analyze >= 0.5x jq end to end; peak RSS <= 32 MB,"
	echo "flat from 1x to 4x; start-up < 20 ms on an empty input."
	if [ -s "$notes" ]; then
		echo
		echo "## Notes"
		echo
		cat "$notes"
	fi
} >"$T/results.md"

cat "$T/results.md"
cp "$T/results.md" "$out"
say "wrote $out"
