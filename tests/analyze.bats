#!/usr/bin/env bats
# analyze: the whole pipeline on the samples; -j N byte-identical to -j 1
# over many blocks; -o FILE (and .gz) written atomically; stage failures
# named; SIGPIPE from head is quiet; stages left out when absent; and the
# scale-out recipe of docs/scale.md (parallel --sshlogin --pipepart with a
# local stand-in for ssh).
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	BIN="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}"
	PATH="$BIN:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/analyze"
	S="$BATS_TEST_DIRNAME/../samples"
	T="$BATS_TEST_TMPDIR"
	M="$BATS_FILE_TMPDIR"
}

# $M/in.ndjson: 30 records, 6 numbered copies of each sample (175 kB), and
# $M/one.ndjson what analyze -j 1 makes of it, once for the file
setup_file() {
	local i f S="$BATS_TEST_DIRNAME/../samples" M="$BATS_FILE_TMPDIR"
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	for i in $(seq 1 6); do
		for f in "$S"/*.txt; do
			jq -Rsc --arg id "c$i-$(basename "$f" .txt)" --arg s "$f" \
			    --arg i "$i" '{id: $id, source: $s,
			    text: ("Copy " + $i + ".\n\n" + .)}' "$f"
		done
	done >"$M/in.ndjson"
	analyze -j 1 -f ndjson "$M/in.ndjson" >"$M/one.ndjson"
}

# a bin directory holding analyze and the named programs from $BIN
bindir() {
	local d=$1 p
	shift
	mkdir -p "$d"
	cp "$BIN/analyze" "$d/"
	for p in "$@"; do
		ln -s "$BIN/$p" "$d/$p"
	done
}

@test "samples: one record per article with every stage's fields" {
	run -0 analyze "$S"
	assert_equal "${#lines[@]}" 5
	run -0 jq -e -s 'all(.[]; (.id | type) == "string" and (.source | endswith(".txt"))
	    and (.sentences | length) > 5 and (.entities | length) > 5
	    and (.stance | type) == "object" and (.camp.label | type) == "string")' \
	    <<<"$output"
}

@test "-j 4 over many blocks is byte-identical to -j 1" {
	# 175 kB in blocks of 12 kB: more than 12 jobs
	[ "$(wc -c <"$M/in.ndjson")" -gt $((12 * 12288)) ]
	analyze -j 4 -b 12k -f ndjson "$M/in.ndjson" >"$T/four" 2>"$T/err"
	[ "$(wc -l <"$M/one.ndjson")" -eq 30 ]
	cmp "$M/one.ndjson" "$T/four"
}

@test "-o FILE and -o FILE.gz: written whole, through a temporary file" {
	analyze "$S" >"$T/want"
	run -0 analyze -o "$T/out.ndjson" "$S"
	assert_output ''
	cmp "$T/want" "$T/out.ndjson"
	run -0 analyze -j 2 --output="$T/out.ndjson.gz" "$S"
	gzip -t "$T/out.ndjson.gz"
	gzip -dc "$T/out.ndjson.gz" | cmp "$T/want" -
	run -0 ls -A "$T"
	refute_output --partial '.out.ndjson.'
}

@test "-o FILE: a failed run leaves the old FILE as it was" {
	mkdir "$T/o"
	echo old >"$T/o/out.ndjson"
	run -66 --separate-stderr analyze -o "$T/o/out.ndjson" "$S" "$T/missing"
	assert_regex "$stderr" 'analyze: ingest failed \(exit 66\)'
	run -0 cat "$T/o/out.ndjson"
	assert_output old
	run -0 ls -A "$T/o"
	assert_output out.ndjson
}

@test "a failing stage is named and its status is the pipeline's" {
	bindir "$T/b" ingest clean tag-entities score-stance
	cp "$F/failing-stage" "$T/b/split-sentences"
	run -70 --separate-stderr "$T/b/analyze" -j 1 "$S"
	assert_regex "$stderr" 'analyze: split-sentences failed \(exit 70\)'
	refute_regex "$stderr" 'analyze: (clean|tag-entities|score-stance|ingest) failed'
	FAIL_STATUS=65 run -65 --separate-stderr "$T/b/analyze" -j 2 -b 4k "$S"
	assert_regex "$stderr" 'analyze: split-sentences failed \(exit 65, in [0-9]+ jobs\)'
}

@test "inputs smaller than one block run without parallel; larger ones with it" {
	# a parallel that logs its calls, first in PATH
	mkdir "$T/p"
	printf '#!/bin/sh\necho called >>"%s"\nexec %s "$@"\n' "$T/calls" \
	    "$(command -v parallel)" >"$T/p/parallel"
	chmod +x "$T/p/parallel"
	PATH="$T/p:$PATH" run -0 analyze -j 2 "$S"
	assert_equal "${#lines[@]}" 5
	one=$output
	[ ! -e "$T/calls" ]
	PATH="$T/p:$PATH" run -0 --separate-stderr analyze -j 2 -b 4k "$S"
	assert_equal "$output" "$one"
	[ -s "$T/calls" ]
	# standard input is never measured
	rm -f "$T/calls"
	cat "$S"/*.txt | PATH="$T/p:$PATH" analyze -j 2 -f lines - >/dev/null
	[ -s "$T/calls" ]
}

@test "bad input records: reported by the stage, exit 65, the rest analyzed" {
	printf '%s\n' '{"id":"a","text":"The mayor of Tabriz opened the new bridge."}' \
	    '{"id":"b","text":"Rain fell on Shiraz all week."}' 'not json' >"$T/in"
	run -65 --separate-stderr analyze -f ndjson "$T/in"
	assert_equal "${#lines[@]}" 2
	assert_regex "$stderr" 'in:3: '
	assert_regex "$stderr" 'analyze: ingest failed \(exit 65\)'
}

@test "| head -1: quiet, and not an error" {
	run -0 --separate-stderr bash -c "set -o pipefail; analyze -j 1 -f ndjson '$M/in.ndjson' | head -1 | jq -r .id"
	assert_output c1-000_2a0455811b506170
	assert_equal "$stderr" ''
	run -0 --separate-stderr bash -c "set -o pipefail; analyze -j 2 -b 12k -f ndjson '$M/in.ndjson' | head -1 | jq -r .id"
	assert_output c1-000_2a0455811b506170
	refute_regex "$stderr" 'failed'
}

@test "stages that are not installed are left out" {
	bindir "$T/b" ingest clean
	run -0 "$T/b/analyze" "$S"
	assert_equal "${#lines[@]}" 5
	run -0 jq -c -s 'map(has("sentences") or has("entities")) | any' <<<"$output"
	assert_output false
	bindir "$T/c"
	run -0 "$T/c/analyze" - <<<'{"id":"x","text":"t"}'
	assert_output '{"id":"x","text":"t"}'
}

@test "standard input, lines format, hostile file names" {
	run -0 analyze -f lines - <<<'The ministry in Tehran said the talks in Vienna would resume.'
	run -0 jq -r '[.source, (.entities | map(.text) | join(","))] | @tsv' <<<"$output"
	assert_output --partial 'Tehran'
	cp "$S/001_3182de4ee06caf7f.txt" "$T/-a file
with newline.txt"
	run -0 analyze -- "$T/-a file
with newline.txt"
	assert_equal "${#lines[@]}" 1
}

@test "options: --help, --version, misuse" {
	run -0 analyze --help
	assert_line -n 0 'Usage: analyze [OPTION]... [FILE|DIR]...'
	run -0 analyze -V
	assert_output --regexp '^analyze \(newspipe\) [0-9.]+$'
	run -64 --separate-stderr analyze -j 0 "$S"
	assert_regex "$stderr" "Try 'analyze --help'"
	run -64 --separate-stderr analyze --jobs=x "$S"
	run -64 --separate-stderr analyze -f xml "$S"
	run -64 --separate-stderr analyze --frobnicate
	run -64 --separate-stderr analyze -o
	run -73 --separate-stderr analyze -o "$T/no/dir/out" "$S"
}

@test "scale-out: parallel --sshlogin --pipepart through a stand-in ssh equals one run" {
	# the recipe of docs/scale.md, with $F/fakessh for ssh
	FAKESSH_LOG="$T/hosts" run -0 --separate-stderr parallel --ssh "$F/fakessh" \
	    -S 1/alpha,1/beta --pipepart -a "$M/in.ndjson" --block 20k -k \
	    "$BIN/analyze" -j 1 -f ndjson
	cmp "$M/one.ndjson" <(printf '%s\n' "$output")
	# both "machines" did work
	run -0 sort -u "$T/hosts"
	assert_output $'alpha\nbeta'
}

@test "hadoop mapper: the script of docs/scale.md, run as a task would" {
	# the task's working directory: -files links, -archives data
	mkdir "$T/task"
	sed -n "/^cat > newspipe-map <<'EOF'\$/,/^EOF\$/p" \
	    "$BATS_TEST_DIRNAME/../docs/scale.md" | sed '1d;$d' >"$T/task/newspipe-map"
	grep -q '^./analyze -j 1 -f ndjson' "$T/task/newspipe-map"
	chmod +x "$T/task/newspipe-map"
	for p in analyze ingest clean split-sentences tag-entities score-stance; do
		ln -s "$BIN/$p" "$T/task/$p"
	done
	ln -s "$BATS_TEST_DIRNAME/../data" "$T/task/newspipe-data"
	# three input splits; the parts, in order, are one local run
	split -l 10 -d "$M/in.ndjson" "$T/split."
	for f in "$T"/split.*; do
		(cd "$T/task" && ./newspipe-map) <"$f" >"$f.out" 2>"$f.err"
	done
	cat "$T"/split.*.out | cmp "$M/one.ndjson" -
	run -0 cat "$T/split.00.err"
	assert_output 'reporter:counter:newspipe,bad records,0'
	# a bad line: the task succeeds, the counter and the log say so
	printf '%s\n' '{"id":"a","text":"Rain in Qom."}' '{"id":"b"' >"$T/bad"
	run -0 --separate-stderr bash -c "cd '$T/task' && ./newspipe-map <'$T/bad'"
	assert_equal "${#lines[@]}" 1
	assert_regex "$stderr" 'ingest: stdin:2: '
	assert_regex "$stderr" 'reporter:counter:newspipe,bad records,1'
}

@test "demo.sh: analyze, one line per sample, then the report" {
	run -0 --separate-stderr sh "$BATS_TEST_DIRNAME/../pipelines/demo.sh"
	assert_line --partial '5 records'
	run -0 grep -c '^00[0-4]_.*\.txt  sent=[0-9]*  ent=[0-9]*  top=' <<<"$output"
	assert_output 5
}
