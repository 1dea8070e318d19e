#!/usr/bin/env bats
# dedup: exact (id, normalised text) and near (SimHash) duplicates on short
# news items written for these tests (fixtures/dedup), the --dropped file,
# the --state file across runs, and the runtime's test matrix.
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/dedup"
	T="$BATS_TEST_TMPDIR"
}

# ids of the records in an NDJSON file or stdin, one line
ids() {
	jq -r .id "$@" | paste -sd ' '
}

@test "day 1: the first of each story is kept, in input order, byte for byte" {
	run -0 dedup --dropped="$T/dropped" "$F/day1.ndjson"
	assert_equal "$(printf '%s\n' "$output" | ids)" \
	    "harbour-1 orchard-1 harbour-related"
	# kept records are the input lines themselves
	grep -Fx -- "${lines[0]}" "$F/day1.ndjson"
	grep -Fx -- "${lines[2]}" "$F/day1.ndjson"
}

@test "day 1: each dropped record says which id it duplicates and how" {
	run -0 dedup --dropped="$T/dropped" "$F/day1.ndjson"
	run -0 jq -c '[.id, .duplicate_of, .dedup.by]' "$T/dropped"
	assert_equal "${#lines[@]}" 3
	assert_line -n 0 '["harbour-copy","harbour-1","text"]'
	assert_line -n 1 '["harbour-near","harbour-1","near"]'
	assert_line -n 2 '["orchard-1","orchard-1","id"]'
}

@test "exact: case, punctuation and white space do not matter" {
	run -0 bash -c "sed -n '1p;3p' '$F/day1.ndjson' | dedup --by=text"
	assert_equal "$(printf '%s\n' "$output" | ids)" "harbour-1"
}

@test "exact: a changed word is not an exact duplicate" {
	run -0 bash -c "sed -n '1p;4p' '$F/day1.ndjson' | dedup --by=id,text"
	assert_equal "$(printf '%s\n' "$output" | ids)" "harbour-1 harbour-near"
}

@test "near: one changed word is found, with its distance and similarity" {
	run -0 bash -c "sed -n '1p;4p' '$F/day1.ndjson' |
	    dedup --by=near --dropped=/dev/stdout >/dev/null"
	run -0 jq -e '.dedup.by == "near" and .dedup.distance <= 7
	    and .dedup.similarity > 0.85 and .duplicate_of == "harbour-1"' \
	    <<<"$output"
}

@test "near: a different story on the same subject is kept" {
	run -0 bash -c "sed -n '1p;5p' '$F/day1.ndjson' | dedup"
	assert_equal "$(printf '%s\n' "$output" | ids)" "harbour-1 harbour-related"
}

@test "--near: a stricter threshold keeps the edited copy" {
	run -0 bash -c "sed -n '1p;4p' '$F/day1.ndjson' | dedup --near=0.97"
	assert_equal "$(printf '%s\n' "$output" | ids)" "harbour-1 harbour-near"
	run -0 bash -c "sed -n '1p;4p' '$F/day1.ndjson' | dedup --near=1"
	assert_equal "$(printf '%s\n' "$output" | ids)" "harbour-1 harbour-near"
}

@test "--by=text,near: the same id with another text is kept" {
	run -0 dedup --by=text,near "$F/day1.ndjson"
	assert_equal "$(printf '%s\n' "$output" | ids)" \
	    "harbour-1 orchard-1 harbour-related orchard-1"
}

@test "--by=id: only ids count" {
	run -0 dedup --by=id "$F/day1.ndjson"
	assert_equal "$(printf '%s\n' "$output" | ids)" \
	    "harbour-1 orchard-1 harbour-copy harbour-near harbour-related"
}

@test "--dropped keeps unknown fields byte for byte" {
	run -0 dedup --dropped="$T/d" "$F/extra.ndjson"
	assert_output --partial '"n":12345678901234567890,"f":0.10,'
	run -0 cat "$T/d"
	assert_output '{"n":12345678901234567891,"id":"x2","text":"SNOW closed the northern pass for the third time this month -- and the border post sent its staff home!","f":1e3,"tags":[],"duplicate_of":"x1","dedup":{"by":"text"}}'
}

@test "--dropped replaces old duplicate_of and dedup fields" {
	printf '%s\n' '{"id":"a","text":"one two three four"}' \
	    '{"dedup":1,"id":"b","duplicate_of":"zz","text":"One two, three four."}' >"$T/in"
	run -0 dedup --dropped="$T/d" "$T/in"
	run -0 jq -c . "$T/d"
	assert_output '{"id":"b","text":"One two, three four.","duplicate_of":"a","dedup":{"by":"text"}}'
}

@test "a kept record without id: duplicate_of is null" {
	printf '%s\n' '{"text":"The ferry was late again."}' \
	    '{"id":"b","text":"the ferry was late again"}' >"$T/in"
	run -0 dedup --dropped="$T/d" "$T/in"
	run -0 jq -c '[.id, .duplicate_of]' "$T/d"
	assert_output '["b",null]'
}

@test "texts without words are exact duplicates of each other, near nothing" {
	printf '%s\n' '{"id":"a","text":""}' '{"id":"b","text":" -- "}' \
	    '{"id":"c","text":"word"}' >"$T/in"
	run -0 dedup "$T/in"
	assert_equal "$(printf '%s\n' "$output" | ids)" "a c"
}

@test "state: day 2 drops what day 1 kept, across runs" {
	run -0 dedup --state="$T/seen" "$F/day1.ndjson"
	[ -s "$T/seen" ]
	run -0 dedup --state="$T/seen" --dropped="$T/d2" "$F/day2.ndjson"
	assert_equal "$(printf '%s\n' "$output" | ids)" "rail-1"
	run -0 jq -c '[.id, .duplicate_of, .dedup.by]' "$T/d2"
	assert_line -n 0 '["orchard-again","orchard-1","near"]'
	assert_line -n 1 '["harbour-1","harbour-1","id"]'
	assert_line -n 2 '["rail-copy","rail-1","text"]'
	# a third run of day 2 has nothing new; nothing left behind
	run -0 dedup --state="$T/seen" "$F/day2.ndjson"
	assert_output ''
	run -0 ls -A "$T"
	refute_output --partial '.tmp.'
}

@test "state: the same input gives the same state bytes; two days = one run" {
	dedup --state="$T/a" "$F/day1.ndjson" >/dev/null
	dedup --state="$T/a" "$F/day2.ndjson" >/dev/null
	dedup --state="$T/b" "$F/day1.ndjson" "$F/day2.ndjson" >/dev/null
	cmp "$T/a" "$T/b"
}

@test "--state-out: the loaded state is left alone" {
	dedup --state="$T/s" "$F/day1.ndjson" >/dev/null
	cp "$T/s" "$T/s.orig"
	run -0 dedup --state="$T/s" --state-out="$T/s2" "$F/day2.ndjson"
	cmp "$T/s" "$T/s.orig"
	run -0 dedup --state="$T/s2" "$F/day2.ndjson"
	assert_output ''
}

@test "state: a damaged or foreign state file is exit 65, nothing written" {
	dedup --state="$T/s" "$F/day1.ndjson" >/dev/null
	head -c 100 "$T/s" >"$T/short"
	run -65 --separate-stderr dedup --state="$T/short" "$F/day2.ndjson"
	assert_output ''
	assert_regex "$stderr" 'short: state file truncated'
	cp "$T/s" "$T/flip"
	printf 'X' | dd of="$T/flip" bs=1 seek=40 conv=notrunc 2>/dev/null
	run -65 --separate-stderr dedup --state="$T/flip" "$F/day2.ndjson"
	assert_regex "$stderr" 'damaged'
	run -65 --separate-stderr dedup --state="$F/day1.ndjson" "$F/day2.ndjson"
	assert_regex "$stderr" 'not a dedup state file'
}

@test "state: not saved when the output cannot be written" {
	run -74 --separate-stderr bash -c "dedup --state='$T/s' '$F/day1.ndjson' >/dev/full"
	[ ! -e "$T/s" ]
}

@test "state: a directory that cannot take the state is exit 73" {
	run -73 --separate-stderr dedup --state="$T/no/such/dir/s" "$F/day1.ndjson"
	assert_regex "$stderr" 'no/such/dir/s.tmp'
}

@test "bad lines are reported and counted, the rest deduplicated" {
	printf '%s\n' '{"id":"a","text":"The bridge opened today."}' 'not json' \
	    '{"id":"b","text":1}' '{"id":"c","text":"the bridge opened today"}' \
	    '{"id":"d","text":"Rain is expected later."}' >"$T/in"
	run -65 --separate-stderr dedup "$T/in"
	assert_equal "$(printf '%s\n' "$output" | ids)" "a d"
	assert_regex "$stderr" 'in:2: '
	assert_regex "$stderr" 'in:3: .*text'
}

@test "invalid UTF-8, lone surrogate, NUL and CRLF" {
	printf '{"id":"a","text":"caf\xe9"}\n{"id":"b","text":"\\ud800"}\n' >"$T/in"
	printf '{"id":"c","text":"x\\u0000y"}\r\n{"id":"d","text":"x\\u0000y"}\r\n' >>"$T/in"
	run -65 --separate-stderr dedup "$T/in"
	assert_equal "$(printf '%s\n' "$output" | ids)" "c"
}

@test "empty input, gzip input, truncated gzip" {
	run -0 dedup </dev/null
	assert_output ''
	gzip -c "$F/day1.ndjson" >"$T/d.gz"
	run -0 dedup "$T/d.gz"
	assert_equal "${#lines[@]}" 3
	head -c 300 "$T/d.gz" >"$T/cut.gz"
	run -74 --separate-stderr dedup --state="$T/s" "$T/cut.gz"
	[ ! -e "$T/s" ]
}

@test "| head -1 ends quietly; /dev/full is an I/O error" {
	awk 'BEGIN { for (i = 0; i < 20000; i++)
		printf "{\"id\":\"n%d\",\"text\":\"item %d\"}\n", i, i }' >"$T/in"
	run -141 --separate-stderr bash -c "set -o pipefail; dedup '$T/in' | head -1"
	assert_output '{"id":"n0","text":"item 0"}'
	assert_equal "$stderr" ''
	run -74 --separate-stderr bash -c "dedup '$F/day1.ndjson' >/dev/full"
}

@test "options: --help, --version, misuse" {
	run -0 dedup --help
	assert_line -n 0 'Usage: dedup [OPTION]... [FILE]...'
	assert_output --partial '--state=FILE'
	run -0 dedup --version
	assert_output --regexp '^dedup \(newspipe\) [0-9.]+$'
	run -64 --separate-stderr dedup --near=0.2
	assert_regex "$stderr" 'near'
	run -64 --separate-stderr dedup --near=abc
	run -64 --separate-stderr dedup --by=title
	assert_regex "$stderr" "Try 'dedup --help'"
	run -73 --separate-stderr dedup --dropped="$T/no/dir/d" "$F/day1.ndjson"
}

@test "--stats: kept, dropped by kind, fingerprints" {
	run -0 --separate-stderr dedup --stats "$F/day1.ndjson"
	assert_regex "$stderr" 'kept 3, dropped 3 \(id 1, text 1, near 1\), fingerprints 3'
}

@test "many documents: every distinct one kept, every copy dropped, state grows" {
	# 3000 distinct made-up items, then all of them again in another case
	awk 'BEGIN { for (i = 0; i < 3000; i++) {
		printf "{\"id\":\"n%d\",\"text\":\"item %d: the %s of %d was %d\"}\n",
		    i, i, (i % 2 ? "price" : "count"), i * 7, i * 13 } }' >"$T/in"
	jq -c '.id += "-again" | .text |= ascii_upcase' "$T/in" >"$T/again"
	run -0 dedup --state="$T/s" --dropped="$T/d" "$T/in" "$T/again"
	assert_equal "${#lines[@]}" 3000
	run -0 jq -s 'map(select(.duplicate_of + "-again" == .id)) | length' "$T/d"
	assert_output 3000
	# fingerprint, id and framing: well under 100 bytes a document on disk
	size=$(wc -c <"$T/s")
	[ "$size" -lt $((3000 * 40)) ]
}
