#!/usr/bin/env bats
# Every executable in C under valgrind's memcheck, on the samples as each
# stage sees them and on bad lines: no invalid read or write, no use of
# uninitialised memory, and every block freed at exit (leaks of any kind
# are errors). Skipped under the sanitizer build (make asan covers that)
# and when valgrind is not installed.
bats_require_minimum_version 1.5.0

setup_file() {
	local B="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}" M="$BATS_FILE_TMPDIR"
	local F="$BATS_TEST_DIRNAME/fixtures"

	[ -z "${NP_BIN:-}" ] && command -v valgrind >/dev/null || return 0
	# each stage's input, made once by the plain build
	"$B/ingest" "$BATS_TEST_DIRNAME/../samples" >"$M/ingest.ndjson"
	"$B/clean" "$M/ingest.ndjson" >"$M/clean.ndjson"
	"$B/split-sentences" "$M/clean.ndjson" >"$M/split.ndjson"
	"$B/tag-entities" "$M/split.ndjson" >"$M/tag.ndjson"
	"$B/score-stance" "$M/tag.ndjson" >"$M/stance.ndjson"
	# bad lines of every kind the runtime meets
	cat "$F"/runtime/*.ndjson >"$M/bad.ndjson"
}

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	[ -z "${NP_BIN:-}" ] || skip "sanitizer build"
	command -v valgrind >/dev/null || skip "no valgrind"
	BIN="$BATS_TEST_DIRNAME/../bin"
	M="$BATS_FILE_TMPDIR"
	T="$BATS_TEST_TMPDIR"
}

# memcheck PROGRAM ARG...: run under valgrind; 99 is a memcheck error
memcheck() {
	run --separate-stderr valgrind -q --leak-check=full \
	    --errors-for-leak-kinds=all --error-exitcode=99 "$BIN/$@"
	refute_regex "$stderr" '==[0-9]+=='
	[ "$status" -ne 99 ]
}

# good input then the bad lines: statuses 0 and 65, both clean
good_and_bad() {	# PROGRAM INPUT [OPTION]...
	local p=$1 in=$2
	shift 2
	memcheck "$p" "$@" "$M/$in"
	assert_success
	memcheck "$p" "$@" --rejects="$T/rej" "$M/$in" "$M/bad.ndjson"
	assert_failure 65
	[ -s "$T/rej" ]
}

@test "nop and ingest" {
	good_and_bad nop ingest.ndjson
	memcheck ingest --format=ndjson "$M/ingest.ndjson"
	assert_success
	memcheck ingest "$BATS_TEST_DIRNAME/../samples"
	assert_success
}

@test "clean" {
	good_and_bad clean ingest.ndjson
}

@test "split-sentences" {
	good_and_bad split-sentences clean.ndjson
	memcheck split-sentences --explode "$M/clean.ndjson"
	assert_success
}

@test "tag-entities" {
	good_and_bad tag-entities split.ndjson
}

@test "score-stance, with escaped ids and --explain" {
	good_and_bad score-stance tag.ndjson --explain
	# ids and types written with escapes go through the string pool
	sed 's/"id":"org:/"id":"\\u006frg:/g' "$M/tag.ndjson" >"$T/esc.ndjson"
	memcheck score-stance "$T/esc.ndjson"
	assert_success
}

@test "dedup, with a state file and the dropped records" {
	cat "$M/stance.ndjson" "$M/stance.ndjson" >"$T/twice.ndjson"
	memcheck dedup --state="$T/state" --dropped="$T/dropped" \
	    "$T/twice.ndjson"
	assert_success
	[ "$(wc -l <"$T/dropped")" -eq 5 ]
	good_and_bad dedup stance.ndjson --state="$T/state"
}
