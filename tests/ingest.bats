#!/usr/bin/env bats
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	S="$BATS_TEST_DIRNAME/../samples"
	T="$BATS_TEST_TMPDIR"
}

@test "the five samples become five records in name order" {
	run -0 bash -c "ingest '$S' | jq -r .source"
	assert_line -n 0 --partial '/000_2a0455811b506170.txt'
	assert_line -n 4 --partial '/004_3f9cf636cd48761c.txt'
	[ "${#lines[@]}" -eq 5 ]
	run -0 bash -c "ingest '$S/001_3182de4ee06caf7f.txt' | jq -j .text | cmp - '$S/001_3182de4ee06caf7f.txt'"
}

@test "id: 32 hex digits, the same for the same text whatever its white space" {
	printf 'The IRGC said so.\n' >"$T/a.txt"
	printf '  The IRGC   said\tso.  \r\n\n' >"$T/b.txt"
	printf 'The IRGC said no.\n' >"$T/c.txt"
	run -0 bash -c "ingest '$T/a.txt' '$T/b.txt' '$T/c.txt' | jq -r .id"
	assert_regex "${lines[0]}" '^[0-9a-f]{32}$'
	[ "${lines[0]}" = "${lines[1]}" ]
	[ "${lines[0]}" != "${lines[2]}" ]
}

@test "acceptance: --format=ndjson prints the good record, names line 2, exits 65" {
	run -65 --separate-stderr bash -c "printf '{\"text\":\"a\"}\nnot json\n' | ingest --format=ndjson"
	assert_output --regexp '^\{"text":"a","id":"[0-9a-f]{32}"\}$'
	assert_regex "$stderr" 'stdin:2: invalid JSON'
}

@test "--format=ndjson keeps an existing id and passes other fields byte for byte" {
	run -0 bash -c "printf '{\"id\":\"mine\",\"text\":\"a\",\"x\":0.1}\n' | ingest --format=ndjson"
	assert_output '{"id":"mine","text":"a","x":0.1}'
}

@test "--format=lines: one document per non-blank line" {
	printf 'first doc\n\nsecond doc\r\n' >"$T/l.txt"
	run -0 bash -c "ingest --format=lines '$T/l.txt' | jq -r .text"
	assert_output $'first doc\nsecond doc'
}

@test "gzip files are inflated; directories are walked recursively, dotfiles skipped" {
	mkdir -p "$T/d/sub"
	printf 'zipped text\n' | gzip -c >"$T/d/sub/z.txt.gz"
	printf 'plain text\n' >"$T/d/a.txt"
	printf 'hidden\n' >"$T/d/.hidden"
	run -0 bash -c "ingest '$T/d' | jq -r '.source + \" \" + .text'"
	assert_line -n 0 "$T/d/a.txt plain text"
	assert_line -n 1 "$T/d/sub/z.txt.gz zipped text"
	[ "${#lines[@]}" -eq 2 ]
}

@test "invalid UTF-8 is repaired with U+FFFD and reported, never dropped" {
	printf 'caf\xe9 au lait\n' >"$T/latin1.txt"
	run -0 --separate-stderr ingest "$T/latin1.txt"
	assert_output --partial $'"text":"caf\xef\xbf\xbd au lait\\n"'
	assert_regex "$stderr" 'latin1.txt: invalid UTF-8 repaired \(1 replacement\)'
}

@test "stdin is one document, named by --source" {
	run -0 bash -c "printf 'from a pipe' | ingest --source=feed.txt | jq -r .source"
	assert_output 'feed.txt'
}

@test "an unreadable operand: reported, others processed, exit 66" {
	printf 'ok\n' >"$T/ok.txt"
	run -66 --separate-stderr ingest /nonexistent "$T/ok.txt"
	assert_output --partial '"text":"ok\n"'
	assert_regex "$stderr" 'cannot open /nonexistent'
}

@test "output is deterministic" {
	run -0 bash -c "cmp <(ingest '$S') <(ingest '$S')"
}

@test "a file name that is not UTF-8 is repaired in source, so the record stays valid" {
	mkdir -p "$T/n"
	printf 'body text\n' >"$T/n/$(printf 'caf\351.txt')"
	run -0 bash -c "ingest '$T/n' | nop | jq -r .source"
	assert_output "$T/n/caf"$'\xef\xbf\xbd'".txt"
}
