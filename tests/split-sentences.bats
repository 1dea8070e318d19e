#!/usr/bin/env bats
# split-sentences: boundaries on our own trap sentences and the sample
# articles (checked by hand), code point offsets, --explode, --abbrev, the
# Golden Rules count, and the runtime matrix of STYLE.md.
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/split-sentences"
	S="$BATS_TEST_DIRNAME/../samples"
	T="$BATS_TEST_TMPDIR"
}

# the samples as records {id, text}, in name order
samples() {
	for f in "$S"/*.txt; do
		jq -Rsc --arg id "$(basename "$f" .txt)" '{id: $id, text: .}' "$f"
	done
}

@test "golden rules: all 52 pass (count printed)" {
	run sh "$BATS_TEST_DIRNAME/golden-rules.sh"
	[ "$status" -ne 77 ] || skip "$output"
	[ "$status" -eq 0 ]
	count=$(printf '%s\n' "$output" | sed -n 's|^golden rules: \([0-9]*\)/52$|\1|p')
	echo "# golden rules: $count/52" >&3
	[ -n "$count" ]
	[ "$count" -ge 52 ] || {
		echo "$output"
		false
	}
}

@test "trap sentences: titles, initials, U.S., a.m., numbers, ellipses, quotes, lists, lines" {
	run -0 bash -c "split-sentences '$F/traps.ndjson' |
	    jq -c 'select([.sentences[].text] != .expect) | {id, got: [.sentences[].text], expect}'"
	assert_output ''
	run -0 bash -c "split-sentences '$F/traps.ndjson' | wc -l"
	assert_output "$(wc -l <"$F/traps.ndjson")"
}

@test "sample articles: every sentence list as checked by hand" {
	samples >"$T/in"
	run -0 bash -c "split-sentences '$T/in' | jq -r '.id as \$id | .sentences | to_entries[] | \"\(\$id)\t\(.key)\t\(.value.text|tojson)\"'"
	expected=$(cat "$F/samples.expected")
	[ "$output" = "$expected" ] || {
		diff <(printf '%s\n' "$expected") <(printf '%s\n' "$output") | head -40
		false
	}
}

@test "offsets are code points: .text[start:end] is the sentence, in order, trimmed (non-ASCII text)" {
	samples >"$T/in"
	cat "$F/traps.ndjson" >>"$T/in"
	# the samples have curly quotes, NBSP, ellipses, accented letters
	run -0 bash -c "LC_ALL=C grep -c \$'\\xe2\\x80\\x9c' '$T/in'"
	run -0 bash -c "split-sentences '$T/in' | jq -r '.text as \$t | .id as \$id
	    | [.sentences[] | select(\$t[.start:.end] != .text)] as \$bad
	    | [range(1; .sentences | length) as \$k | select(.sentences[\$k].start < .sentences[\$k - 1].end)] as \$order
	    | [.sentences[] | select(.text | test(\"^[\\\\s\\u00a0]|[\\\\s\\u00a0]\$\"))] as \$untrimmed
	    | select((\$bad + \$order + \$untrimmed | length) > 0) | \$id'"
	assert_output ''
	# and a hand-computed case: é and “ are one code point each
	run -0 bash -c "printf '{\"text\":\"Café “Noon.” Next… Done!\"}\n' | split-sentences | jq -c '[.sentences[] | [.start, .end, .text]]'"
	assert_output '[[0,12,"Café “Noon.”"],[13,18,"Next…"],[19,24,"Done!"]]'
}

@test "--explode: one record per sentence that reassembles into the nested form" {
	samples >"$T/in"
	split-sentences "$T/in" | jq -c '{id, sentences}' >"$T/nested"
	split-sentences --explode "$T/in" >"$T/exploded"
	run -0 bash -c "jq -sc 'group_by(.doc_id) | map({id: .[0].doc_id, sentences: map({start, \"end\": .end, text})})[]' '$T/exploded' | cmp - '$T/nested'"
	# n counts from 0 within a document; id and sentences are not copied
	run -0 bash -c "jq -sc '[group_by(.doc_id)[] | (map(.n) == [range(length)])] | all' '$T/exploded'"
	assert_output 'true'
	run -0 bash -c "jq -c 'select(has(\"id\") or has(\"sentences\"))' '$T/exploded'"
	assert_output ''
}

@test "--explode keeps the parent's other fields byte for byte; no id: doc_id is the ordinal" {
	printf '{"id":"a1","text":"One. Two.","source":"x","v":0.10,"big":123456789012345678901}\n{"text":"Three."}\n' >"$T/in"
	run -0 split-sentences --explode "$T/in"
	assert_line -n 0 --partial '"v":0.10,"big":123456789012345678901'
	[ "${#lines[@]}" -eq 3 ]
	run -0 bash -c "split-sentences --explode '$T/in' | jq -c '[.doc_id, .n, .start, .end, .text, .source]'"
	assert_output $'["a1",0,0,4,"One.","x"]\n["a1",1,5,9,"Two.","x"]\n[2,0,0,6,"Three.",null]'
	# a sentence exploded again keeps its doc_id
	run -0 bash -c "split-sentences --explode '$T/in' | split-sentences --explode | jq -c '[.doc_id, .n, .text]'"
	assert_output $'["a1",0,"One."]\n["a1",0,"Two."]\n[2,0,"Three."]'
}

@test "--abbrev=FILE adds an abbreviation, and class plain takes one out" {
	printf '{"text":"The talk by Ayat. Jannati ended. Gen. Bagheri left."}\n' >"$T/in"
	run -0 bash -c "split-sentences '$T/in' | jq -c '[.sentences[].text]'"
	assert_output '["The talk by Ayat.","Jannati ended.","Gen. Bagheri left."]'
	printf '# mine\nAyat.\ttitle\nGen\tplain\n' >"$T/ab.tsv"
	run -0 bash -c "split-sentences --abbrev='$T/ab.tsv' '$T/in' | jq -c '[.sentences[].text]'"
	assert_output '["The talk by Ayat. Jannati ended.","Gen.","Bagheri left."]'
}

@test "--abbrev: a bad class is exit 65 naming file:line; a missing file is 66" {
	printf 'Ayat\ttitle\nGen\tnoble\n' >"$T/bad.tsv"
	run -65 --separate-stderr split-sentences --abbrev="$T/bad.tsv" /dev/null
	assert_regex "$stderr" "bad.tsv:2: unknown class 'noble'"
	printf 'et al\tend\n' >"$T/two.tsv"
	run -65 --separate-stderr split-sentences --abbrev="$T/two.tsv" /dev/null
	assert_regex "$stderr" "two.tsv:1: 'et al': an abbreviation is one word"
	run -66 --separate-stderr split-sentences --abbrev="$T/none.tsv" /dev/null
	assert_regex "$stderr" 'none.tsv'
}

@test "--data-dir: the lists are read from there; a missing list is 66" {
	mkdir -p "$T/d/sentences"
	cp "$BATS_TEST_DIRNAME/../data/sentences/"*.tsv "$T/d/sentences/"
	printf 'Jannati\ttitle\n' >>"$T/d/sentences/abbrev.tsv"
	run -0 bash -c "printf '{\"text\":\"He met Jannati. Then he left.\"}\n' | split-sentences --data-dir='$T/d' | jq -c '[.sentences[].text]'"
	assert_output '["He met Jannati. Then he left."]'
	rm "$T/d/sentences/words.tsv"
	run -66 --separate-stderr split-sentences --data-dir="$T/d" /dev/null
	assert_regex "$stderr" 'words.tsv'
}

@test "--field=NAME reads and explodes another field" {
	printf '{"id":"b","body":"First one. Second one.","text":"Ignored. Here."}\n' >"$T/in"
	run -0 bash -c "split-sentences --field=body '$T/in' | jq -c '[.sentences[].text]'"
	assert_output '["First one.","Second one."]'
	run -0 bash -c "split-sentences --field=body --explode '$T/in' | jq -c '[.body, .text]'"
	assert_output $'["First one.","Ignored. Here."]\n["Second one.","Ignored. Here."]'
}

@test "good record: sentences added at the end, other fields byte for byte" {
	printf '{"id":"g","x":0.1,"n":12345678901234567890,"text":"It rained. It stopped."}\n' >"$T/in"
	run -0 split-sentences "$T/in"
	assert_output '{"id":"g","x":0.1,"n":12345678901234567890,"text":"It rained. It stopped.","sentences":[{"start":0,"end":10,"text":"It rained."},{"start":11,"end":22,"text":"It stopped."}]}'
}

@test "a second run replaces sentences in place" {
	printf '{"text":"A b. C d."}\n' | split-sentences >"$T/once"
	run -0 bash -c "split-sentences '$T/once' | cmp - '$T/once'"
}

@test "no text field, or text not a string: bad record, others kept, exit 65" {
	printf '{"id":"a","text":"Ok."}\n{"id":"b"}\n{"id":"c","text":5}\n{"id":"d","text":"Fine."}\n' >"$T/in"
	run -65 --separate-stderr split-sentences "$T/in"
	assert_line -n 0 --partial '"id":"a"'
	assert_line -n 1 --partial '"id":"d"'
	[ "${#lines[@]}" -eq 2 ]
	assert_regex "$stderr" 'in:2: no field text'
	assert_regex "$stderr" 'in:3: '
}

@test "not JSON, not an object: reported with file:line, exit 65" {
	printf '{"text":"A."}\nnot json\n[1]\n"s"\n{"text":"B."}\n' >"$T/in"
	run -65 --separate-stderr split-sentences "$T/in"
	[ "${#lines[@]}" -eq 2 ]
	assert_regex "$stderr" 'in:2: '
	assert_regex "$stderr" 'in:3: '
	assert_regex "$stderr" 'in:4: '
}

@test "invalid UTF-8 and lone surrogates are bad records" {
	printf '{"text":"caf\xe9."}\n{"text":"x \\ud800 y."}\n{"text":"ok \\ud83d\\ude00. Yes."}\n' >"$T/in"
	run -65 --separate-stderr bash -c "set -o pipefail; split-sentences '$T/in' | jq -c '[.sentences[].text]'"
	assert_output '["ok 😀.","Yes."]'
	assert_regex "$stderr" 'in:1: '
	assert_regex "$stderr" 'in:2: '
}

@test "NUL inside the text is kept, escaped, and counted as one code point" {
	printf '{"text":"a\\u0000bc. Next."}\n' >"$T/in"
	run -0 split-sentences "$T/in"
	assert_output --partial '"sentences":[{"start":0,"end":5,"text":"a\u0000bc."},{"start":6,"end":11,"text":"Next."}]'
}

@test "CRLF records and CRLF inside text" {
	printf '{"text":"One.\\r\\n\\r\\nTwo\\r\\nThree."}\r\n{"text":"Four."}\r\n' >"$T/in"
	run -0 bash -c "split-sentences '$T/in' | jq -c '[.sentences[].text]'"
	assert_output $'["One.","Two","Three."]\n["Four."]'
}

@test "empty input: no output, exit 0; empty text: no sentences" {
	run -0 split-sentences /dev/null
	assert_output ''
	run -0 bash -c "printf '{\"text\":\"\"}\n{\"text\":\" \\\\n \"}\n' | split-sentences"
	assert_output $'{"text":"","sentences":[]}\n{"text":" \\n ","sentences":[]}'
	run -0 bash -c "printf '{\"text\":\"\"}\n' | split-sentences --explode"
	assert_output ''
}

@test "gzip input is read; truncated gzip is exit 74" {
	samples | gzip -c >"$T/in.gz"
	run -0 bash -c "split-sentences '$T/in.gz' | wc -l"
	assert_output 5
	seq 1 3000 | awk '{ printf "{\"id\":\"r%d\",\"text\":\"Line %d. Ends here.\"}\n", $1, $1 }' | gzip -c >"$T/full.gz"
	head -c $(($(stat -c %s "$T/full.gz") / 2)) "$T/full.gz" >"$T/cut.gz"
	run -74 --separate-stderr split-sentences "$T/cut.gz"
	assert_regex "$stderr" 'cut.gz'
}

@test "| head -1 ends quietly with 141; > /dev/full is exit 74" {
	yes '{"text":"Ab cd. Ef gh."}' | head -n 20000 >"$T/many"
	run --separate-stderr bash -c "set -o pipefail; split-sentences '$T/many' | head -1"
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
	run -74 --separate-stderr bash -c "split-sentences '$T/many' >/dev/full"
	assert_regex "$stderr" 'write error'
}

@test "--on-error=pass and fail, --rejects, --stats, --line-buffered, --max-record-bytes" {
	printf '{"text":"A."}\nbad\n{"text":"B."}\n' >"$T/in"
	run -65 --separate-stderr split-sentences --on-error=pass "$T/in"
	assert_line -n 1 'bad'
	[ "${#lines[@]}" -eq 3 ]
	run -65 --separate-stderr split-sentences --on-error=fail "$T/in"
	[ "${#lines[@]}" -eq 1 ]
	run -65 --separate-stderr split-sentences --rejects="$T/rej" "$T/in"
	[ "${#lines[@]}" -eq 2 ]
	run -0 cat "$T/rej"
	assert_output 'bad'
	run -65 --separate-stderr split-sentences --stats "$T/in"
	assert_regex "$stderr" 'records in 3, out 2, bad 1'
	run -0 bash -c "printf '{\"text\":\"A.\"}\n' | split-sentences --line-buffered"
	assert_output '{"text":"A.","sentences":[{"start":0,"end":2,"text":"A."}]}'
	run -65 --separate-stderr split-sentences --max-record-bytes=10 "$T/in"
	[ "${#lines[@]}" -eq 0 ]
}

@test "usage: unknown option and bad values are 64; --help and --version" {
	run -64 --separate-stderr split-sentences --no-such-option
	assert_regex "$stderr" "Try 'split-sentences --help'"
	run -64 --separate-stderr split-sentences --on-error=maybe
	run -0 split-sentences --help
	assert_line -n 0 'Usage: split-sentences [OPTION]... [FILE]...'
	assert_output --partial -- '--explode'
	assert_output --partial -- '--abbrev=FILE'
	run -0 split-sentences --version
	assert_output --regexp '^split-sentences \(newspipe\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "same bytes serially and under parallel --pipe -k" {
	samples >"$T/one"
	cat "$T/one" "$T/one" "$T/one" "$T/one" "$T/one" "$T/one" "$T/one" "$T/one" >"$T/in"
	split-sentences "$T/in" >"$T/serial"
	parallel --pipe -k --block 20k split-sentences <"$T/in" >"$T/par"
	run cmp "$T/serial" "$T/par"
	assert_success
}

@test "hostile text: long runs of dots, quotes, spaces and newlines end fast and cover the text" {
	python3 -c '
import json
parts = ["." * 100000, " ." * 50000, "\u201d" * 30000 + ". A", "\n \n" * 30000,
         "a." * 50000, "1) " * 20000 + "1) x 2) y", "U.S." * 20000 + " The"]
for p in parts:
    print(json.dumps({"text": "Start. " + p + " End."}))
' >"$T/in" || skip "no python3"
	run -0 bash -c "split-sentences '$T/in' | jq -r '.text as \$t | [.sentences[] | (\$t[.start:.end] == .text)] | all'"
	refute_output --partial false
}

@test "valgrind: no leaks or errors on good and bad input, with --explode" {
	[ -z "${NP_BIN:-}" ] || skip "sanitizer build"
	command -v valgrind >/dev/null || skip "no valgrind"
	{ samples; cat "$F/traps.ndjson"; printf 'bad\n{"id":1}\n'; } >"$T/in"
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 split-sentences "$T/in"
	[ "$status" -eq 65 ]
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 split-sentences --explode "$T/in"
	[ "$status" -eq 65 ]
}
