#!/usr/bin/env bats
# The shared runtime (common/), exercised through nop, the do-nothing
# filter, and through every executable in bin/ where the point is shared.
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	BIN="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}"
	PATH="$BIN:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/runtime"
	T="$BATS_TEST_TMPDIR"
}

@test "good record: copied unchanged, exit 0" {
	run -0 nop "$F/exact.ndjson"
	assert_output '{"text":"a","x":0.1,"n":12345678901234567890,"z":[1E6]}'
}

@test "byte-exact pass-through: 0.1, a 20-digit integer and 1E6 survive every filter" {
	for f in "$BIN"/*; do
		name=$(basename "$f")
		case $name in
		ingest) args="--format=ndjson" ;;
		nop|clean|split-sentences|tag-entities|dedup) args="" ;;
		*) continue ;;
		esac
		# shellcheck disable=SC2086
		run -0 "$f" $args "$F/exact.ndjson"
		assert_output --partial '"x":0.1,'
		assert_output --partial '"n":12345678901234567890,'
		assert_output --partial '"z":[1E6]'
	done
	if [ -x "$BIN/score-stance" ] && [ -x "$BIN/split-sentences" ] && [ -x "$BIN/tag-entities" ]; then
		run -0 bash -c "split-sentences '$F/exact.ndjson' | tag-entities | score-stance"
		assert_output --partial '"x":0.1,'
		assert_output --partial '"n":12345678901234567890,'
		assert_output --partial '"z":[1E6]'
	fi
}

@test "bad middle line: reported with file and line, counted, others kept in order, exit 65" {
	run -65 --separate-stderr nop "$F/bad-middle.ndjson"
	assert_line -n 0 '{"id":"a","text":"first"}'
	assert_line -n 1 '{"id":"c","text":"third"}'
	[ "${#lines[@]}" -eq 2 ]
	assert_regex "$stderr" '^nop: .*bad-middle.ndjson:2: invalid JSON'
}

@test "not an object: [1] and \"s\" are bad records" {
	run -65 --separate-stderr nop "$F/not-object.ndjson"
	assert_output '{"id":"ok","text":"y"}'
	assert_regex "$stderr" 'not-object.ndjson:1: not a JSON object'
	assert_regex "$stderr" 'not-object.ndjson:2: not a JSON object'
}

@test "invalid UTF-8 is a bad record naming line and id" {
	run -65 --separate-stderr nop "$F/utf8.ndjson"
	assert_line -n 0 --partial '"id":"u1"'
	assert_line -n 1 --partial '"id":"u3"'
	assert_regex "$stderr" 'utf8.ndjson:2: invalid UTF-8 .*\(id=u2\)'
}

@test "lone surrogate escape is bad; a surrogate pair is fine" {
	run -65 --separate-stderr nop "$F/surrogate.ndjson"
	assert_output --partial '"id":"s2"'
	assert_regex "$stderr" 'surrogate.ndjson:1: lone surrogate escape.*id=s1'
}

@test "raw NUL byte is bad; an escaped \\u0000 is kept" {
	run -65 --separate-stderr nop "$F/nul.ndjson"
	assert_output '{"id":"n2","text":"escaped \u0000 nul is fine"}'
	assert_regex "$stderr" 'nul.ndjson:1: .*(NUL|control)'
}

@test "nesting past 2048 levels is a bad record, 2000 levels is fine" {
	python3 -c 'print("{\"a\":" + "["*3000 + "]"*3000 + "}"); print("{\"b\":" + "["*2000 + "]"*2000 + "}")' >"$T/deep.ndjson"
	run -65 --separate-stderr nop "$T/deep.ndjson"
	assert_output --partial '{"b":[[[['
	assert_regex "$stderr" 'deep.ndjson:1: nesting deeper than 2048'
}

@test "--on-error=fail stops at the first bad line" {
	run -65 --separate-stderr nop --on-error=fail "$F/bad-middle.ndjson"
	assert_output '{"id":"a","text":"first"}'
	assert_regex "$stderr" 'bad-middle.ndjson:2:'
}

@test "--on-error=pass copies the bad line through unchanged, in order" {
	run -65 --separate-stderr nop --on-error=pass "$F/bad-middle.ndjson"
	run cmp <(nop --on-error=pass "$F/bad-middle.ndjson" 2>/dev/null) "$F/bad-middle.ndjson"
	assert_success
}

@test "--rejects receives the raw bad lines byte for byte" {
	cat "$F/bad-middle.ndjson" "$F/utf8.ndjson" "$F/nul.ndjson" >"$T/mixed.ndjson"
	run -65 --separate-stderr nop --rejects="$T/rej" "$T/mixed.ndjson"
	printf 'not json at all\n{"id":"u2","text":"bad \377 byte"}\n{"id":"n1","text":"nul\000here"}\n' >"$T/want"
	run cmp "$T/rej" "$T/want"
	assert_success
}

@test "--rejects into a directory that does not exist: exit 73" {
	run -73 --separate-stderr nop --rejects=/nonexistent/dir/rej "$F/exact.ndjson"
	assert_regex "$stderr" 'cannot create /nonexistent/dir/rej'
}

@test "unreadable file among good ones: reported, the others processed, exit 66" {
	run -66 --separate-stderr nop "$F/exact.ndjson" /nonexistent.ndjson "$F/crlf.ndjson"
	assert_line -n 0 --partial '"x":0.1'
	assert_line -n 1 '{"id":"a","text":"x"}'
	assert_line -n 2 '{"id":"b","text":"y"}'
	assert_regex "$stderr" 'cannot open /nonexistent.ndjson: No such file'
}

@test "a directory operand is reported as unreadable (66)" {
	run -66 --separate-stderr nop "$F"
	assert_regex "$stderr" 'Is a directory'
}

@test "gzip input is detected by content, multi-member gzip works" {
	gzip -c "$F/crlf.ndjson" >"$T/a.gz"
	gzip -c "$F/exact.ndjson" >>"$T/a.gz"
	cp "$T/a.gz" "$T/no-suffix"
	run -0 nop "$T/no-suffix"
	assert_line -n 0 '{"id":"a","text":"x"}'
	assert_line -n 2 --partial '"n":12345678901234567890'
	[ "${#lines[@]}" -eq 3 ]
}

@test "truncated gzip: complete lines before the cut are emitted, then exit 74" {
	for i in $(seq 1 2000); do printf '{"id":"r%d","text":"line number %d of a long file"}\n' "$i" "$i"; done | gzip -c >"$T/full.gz"
	size=$(stat -c %s "$T/full.gz")
	head -c $((size / 2)) "$T/full.gz" >"$T/cut.gz"
	run -74 --separate-stderr nop "$T/cut.gz"
	assert_regex "$stderr" 'cut.gz: truncated gzip input'
	[ "${#lines[@]}" -gt 10 ]
	# every line emitted is complete and in order
	n=1
	for l in "${lines[@]}"; do
		[ "$l" = "{\"id\":\"r$n\",\"text\":\"line number $n of a long file\"}" ]
		n=$((n + 1))
	done
}

@test "a 100 MB line passes whole; over --max-record-bytes it is a bad record, rejected whole" {
	python3 -c 'import sys; sys.stdout.write("{\"id\":\"big\",\"text\":\"" + "a" * (100 * 1024 * 1024) + "\"}\n{\"id\":\"after\",\"text\":\"b\"}\n")' >"$T/big.ndjson"
	run -0 bash -c "nop '$T/big.ndjson' | cmp - '$T/big.ndjson'"
	run -65 --separate-stderr bash -c "nop --max-record-bytes=50M --rejects='$T/rej' '$T/big.ndjson'"
	assert_output '{"id":"after","text":"b"}'
	assert_regex "$stderr" 'big.ndjson:1: line longer than'
	head -n 1 "$T/big.ndjson" >"$T/want"
	run cmp "$T/rej" "$T/want"
	assert_success
	rm -f "$T/big.ndjson" "$T/rej" "$T/want"
}

@test "--max-record-bytes rejects a bad value with 64" {
	run -64 --separate-stderr nop --max-record-bytes=lots
	assert_regex "$stderr" "Try 'nop --help'"
}

@test "empty input: no output, exit 0; blank lines are skipped" {
	run -0 nop </dev/null
	assert_output ''
	run -0 bash -c "printf '\n  \n{\"a\":1}\n\n' | nop"
	assert_output '{"a":1}'
}

@test "CRLF is accepted and a BOM at the start of an input is skipped" {
	run -0 nop "$F/crlf.ndjson" "$F/bom.ndjson"
	assert_line -n 0 '{"id":"a","text":"x"}'
	assert_line -n 1 '{"id":"b","text":"y"}'
	assert_line -n 2 '{"id":"bom","text":"x"}'
}

@test "| head -1 ends quietly with 141, also when SIGPIPE was ignored" {
	for i in $(seq 1 50000); do echo '{"id":"x","text":"y"}'; done >"$T/many.ndjson"
	run --separate-stderr bash -c "set -o pipefail; nop '$T/many.ndjson' | head -1"
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
	run --separate-stderr bash -c "trap '' PIPE; set -o pipefail; nop '$T/many.ndjson' | head -1"
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
}

@test "> /dev/full is a write error: one message, exit 74" {
	run -74 --separate-stderr bash -c "nop '$F/exact.ndjson' >/dev/full"
	assert_regex "$stderr" '^nop: write error: No space left on device$'
}

@test "--stats prints records in, out and bad" {
	run -65 --separate-stderr nop --stats "$F/bad-middle.ndjson"
	assert_regex "$stderr" 'records in 3, out 2, bad 1'
}

@test "--line-buffered flushes each record before the next arrives" {
	mkfifo "$T/fifo"
	nop --line-buffered <"$T/fifo" >"$T/out" &
	pid=$!
	exec 5>"$T/fifo"
	echo '{"n":1}' >&5
	for _ in $(seq 1 100); do [ -s "$T/out" ] && break; sleep 0.05; done
	run cat "$T/out"
	exec 5>&-
	wait "$pid"
	assert_output '{"n":1}'
}

@test "unknown option: one line, Try --help, exit 64 (every executable)" {
	for f in "$BIN"/*; do
		[ -x "$f" ] || continue
		run -64 --separate-stderr "$f" --no-such-option
		assert_regex "$stderr" "Try '$(basename "$f") --help'"
	done
}

@test "--help and --version of every executable in bin/" {
	for f in "$BIN"/*; do
		[ -x "$f" ] || continue
		name=$(basename "$f")
		run -0 --separate-stderr "$f" --help
		assert_regex "$output" "^Usage: $name "
		[ -z "$stderr" ]
		run -0 "$f" --version
		assert_regex "$output" "^$name \(newspipe\) [0-9]+\.[0-9]+\.[0-9]+$"
	done
}

@test "every executable has a man page that names its options" {
	for f in "$BIN"/*; do
		name=$(basename "$f")
		[ "$name" = nop ] && continue
		[ -f "$BATS_TEST_DIRNAME/../man/$name.1" ]
		run -0 bash -c "MANWIDTH=80 man -l '$BATS_TEST_DIRNAME/../man/$name.1' 2>/dev/null | col -b"
		assert_output --partial "$name"
		assert_output --partial -- "--help"
	done
}

@test "the same input gives the same bytes split across processes (parallel --pipe -k)" {
	for i in $(seq 1 3000); do printf '{"id":"r%d","v":%d.50,"text":"t %d"}\n' "$i" "$i" "$i"; done >"$T/in"
	nop "$T/in" >"$T/serial"
	parallel --pipe -k --block 20k nop <"$T/in" >"$T/par"
	run cmp "$T/serial" "$T/par"
	assert_success
}

@test "valgrind: the runtime frees everything on good and bad input" {
	[ -z "${NP_BIN:-}" ] || skip "sanitizer build"
	command -v valgrind >/dev/null || skip "no valgrind"
	cat "$F"/*.ndjson >"$T/all"
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 nop --rejects="$T/rej" "$T/all"
	[ "$status" -eq 65 ]
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 ingest "$BATS_TEST_DIRNAME/../samples"
	[ "$status" -eq 0 ]
}

@test "make install: installed filters find their data without being told" {
	[ -z "${NP_BIN:-}" ] || skip "sanitizer build"
	root="$BATS_TEST_DIRNAME/.."
	run make -s -C "$root" install DESTDIR="$T/dest" PREFIX=/usr
	assert_success
	[ -x "$T/dest/usr/bin/ingest" ]
	[ -f "$T/dest/usr/share/man/man1/ingest.1" ]
	[ -d "$T/dest/usr/share/newspipe" ]
	for f in "$T"/dest/usr/bin/*; do
		run -0 "$f" --version
	done
	if [ -x "$T/dest/usr/bin/tag-entities" ]; then
		run -0 bash -c "echo '{\"text\":\"Tehran and Israel\"}' | '$T/dest/usr/bin/tag-entities'"
		assert_output --partial 'gpe:israel'
	fi
}
