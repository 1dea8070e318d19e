#!/usr/bin/env bats
# Hostile inputs and I/O faults for every filter, each with a time bound
# (and, outside the sanitizer build, a memory bound). The bounds and why
# they are what they are: docs/robustness.md. Big inputs are made on the
# fly in the test's temporary directory. Under `make asan` (ASAN_OPTIONS
# set) the sizes are divided by 10 and the 200 MB case is skipped.
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	BIN="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}"
	PATH="$BIN:$PATH"
	H="$BATS_TEST_DIRNAME/fixtures/hostile"
	T="$BATS_TEST_TMPDIR"
	# sanitizer builds are slower and use more memory: smaller inputs
	if [ -n "${ASAN_OPTIONS:-}" ]; then
		SAN=1
		DIV=10
	else
		SAN=
		DIV=1
	fi
}

# skip unless every named executable is built
need() {
	local f
	for f in "$@"; do
		[ -x "$BIN/$f" ] || skip "$f is not built"
	done
}

# bounded SECONDS OUT CMD...: run CMD with stdout to OUT, stderr to OUT.err,
# killed after SECONDS; sets $status, $rss (KB, or empty) and fails when the
# bound is exceeded
bounded() {
	local secs=$1 out=$2
	shift 2
	rss=
	if [ -z "$SAN" ] && [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$out.rss" timeout "$secs" "$@" \
		    >"$out" 2>"$out.err" && status=0 || status=$?
		rss=$(tail -1 "$out.rss")
	else
		timeout "$secs" "$@" >"$out" 2>"$out.err" && status=0 ||
		    status=$?
	fi
	if [ "$status" -eq 124 ]; then
		echo "$* did not finish within its bound of ${secs}s" >&2
		return 1
	fi
	return 0
}

# mem_bound KB: the last run stayed under KB of resident memory
mem_bound() {
	[ -z "$rss" ] && return 0
	if [ "$rss" -gt "$1" ]; then
		echo "resident memory ${rss} KB exceeds the bound of $1 KB" >&2
		return 1
	fi
}

# a record {"id":ID,"text":TEXT} from the raw UTF-8 file $2
to_record() {
	perl -e 'local $/; my $t = <STDIN>;
		$t =~ s/([\\"])/\\$1/g;
		$t =~ s/([\x00-\x1f])/sprintf("\\u%04x", ord($1))/ge;
		print "{\"id\":\"$ARGV[0]\",\"text\":\"$t\"}\n";' "$1" <"$2"
}

# check_spans FILE: every sentence and entity is the slice of the text
# its code point offsets name, inside the text
check_spans() {
	# explode: slicing an array of code points is O(slice), slicing the
	# string would be O(text) for every span
	run -0 jq -c '(.text | explode) as $cp | ($cp | length) as $n |
	    [(.sentences // [])[], (.entities // [])[] |
	     select(.start < 0 or .end < .start or .end > $n or
		(.text != null and ($cp[.start:.end] | implode) != .text))] |
	    select(length > 0) | {line: input_line_number, bad: .[0:3]}' "$1"
	assert_output ''
}

# chain SECONDS FILE: split-sentences | tag-entities | score-stance | dedup
# on FILE into $T/chain.out; $status is the first failing stage's
chain() {
	local secs=$1 in=$2
	bounded "$secs" "$T/chain.out" bash -c 'set -o pipefail
	    split-sentences "$1" | tag-entities | score-stance | dedup --by=id' \
	    bash "$in"
}

# ---- hostile text ----

@test "pcre2 backtracking bait: clean's rules end in bounded time" {
	need clean
	perl -e '
	my @p = ("share ", "facebook, ", "A ", "1 ", "a-", "Home > ",
	    "published: ", "300x250 ", "Tags: ", "also read: ", "5 min read ",
	    "updated ", "12.12.2020, ", "A- A A+ ", "comments (", "views: 1,",
	    "ISSN ", "\x{b7} ", "x \x{2013} back to home page ", "(*", "\\\\",
	    "\"", "Published on ", "12:30 ", "ago ", "By ", "\x{a0}");
	my $i = 0;
	for my $p (@p) {
		for my $x (($p x 20000) . "!",
		    "Title\n\n" . (($p x 40) . "\n") x 500 . "end") {
			my $s = $x;
			$s =~ s/\\/\\\\/g; $s =~ s/"/\\"/g; $s =~ s/\n/\\n/g;
			utf8::encode($s);
			print "{\"id\":\"bait", $i++, "\",\"text\":\"$s\"}\n";
		}
	}' >"$T/bait.ndjson"
	bounded 60 "$T/out" clean "$T/bait.ndjson"
	assert_equal "$status" 0
	run -0 wc -l <"$T/out"
	assert_output 54
}

@test "pcre2 match limit: a catastrophic user rule is a bad record with a reason" {
	need clean
	printf 'regex\tline\tevil\t(?:a|aa)+\n' >"$T/evil.tsv"
	perl -e 'print "{\"id\":\"e\",\"text\":\"Intro.\\n", "a" x 200,
	    "c\\nnext\"}\n{\"id\":\"ok\",\"text\":\"fine\"}\n"' >"$T/evil.ndjson"
	bounded 20 "$T/out" clean --rules="$T/evil.tsv" "$T/evil.ndjson"
	assert_equal "$status" 65
	run cat "$T/out.err"
	assert_output --partial 'evil.ndjson:1: '
	assert_output --partial 'limit'
	assert_output --partial 'id=e'
	run -0 jq -r .id "$T/out"
	assert_output ok
}

@test "a 200 MB text field: nop and split-sentences, bounded time and memory" {
	need nop split-sentences
	[ -z "$SAN" ] || skip "200 MB under the sanitizers is too slow"
	perl -e 'my $p = "Officials in Tehran said on Monday that the talks " .
	    "would resume. \\\"We are ready,\\\" one of them said.\\n";
	    print "{\"id\":\"big\",\"x\":0.10,\"text\":\"", $p x 2100000,
	    "end\"}\n"' >"$T/big.ndjson"
	bytes=$(wc -c <"$T/big.ndjson")
	[ "$bytes" -gt 200000000 ]
	bounded 60 "$T/out" nop "$T/big.ndjson"
	assert_equal "$status" 0
	mem_bound $((bytes / 1024 * 3 + 65536))
	cmp "$T/out" "$T/big.ndjson"
	bounded 150 "$T/out" split-sentences "$T/big.ndjson"
	assert_equal "$status" 0
	mem_bound $((bytes / 1024 * 12 + 65536))
	# one { per sentence, one for the record (the text has none); a
	# lower-case word after a single line break goes on the sentence
	run -0 sh -c "tr -cd '{' <'$T/out' | wc -c"
	assert_output 4200001
	run -0 sh -c "tail -c 200 '$T/out'"
	assert_output --partial 'one of them said.\nend"}]}'
}

@test "a 10 MB text field through every filter, bounded time and memory" {
	need clean split-sentences tag-entities dedup
	n=$((100000 / DIV))
	perl -e 'my $p = "Officials in Tehran said on Monday that the IRGC " .
	    "and the MEK met Israel\x27s envoy. ";
	    print "{\"id\":\"big\",\"text\":\"", $p x $ARGV[0], "\"}\n"' "$n" \
	    >"$T/big.ndjson"
	bytes=$(wc -c <"$T/big.ndjson")
	for f in clean split-sentences dedup; do
		bounded 120 "$T/out.$f" "$f" "$T/big.ndjson"
		assert_equal "$status" 0
		mem_bound $((bytes / 1024 * 24 + 65536))
	done
	bounded 120 "$T/out.tag" tag-entities "$T/out.split-sentences"
	assert_equal "$status" 0
	mem_bound $((bytes / 1024 * 40 + 65536))
	run -0 jq '.entities | length' "$T/out.tag"
	[ "$output" -ge "$((n * 3))" ]
}

@test "score-stance on a 2 MB record with 40,000 entities, bounded" {
	need split-sentences tag-entities score-stance
	n=$((20000 / DIV))
	perl -e 'my $p = "Officials in Tehran praised the IRGC. " .
	    "The MEK condemned the regime. ";
	    print "{\"id\":\"big\",\"text\":\"", $p x $ARGV[0], "\"}\n"' "$n" \
	    >"$T/big.ndjson"
	split-sentences "$T/big.ndjson" | tag-entities >"$T/tagged.ndjson"
	bounded 120 "$T/out" score-stance "$T/tagged.ndjson"
	assert_equal "$status" 0
	run -0 jq -c '.stance | keys' "$T/out"
	assert_output --partial 'iran-gov'
}

@test "a million tiny records: none lost, in order, bounded time" {
	need nop split-sentences
	n=$((1000000 / DIV))
	awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++)
	    printf "{\"id\":\"r%d\",\"text\":\"Word %d here.\"}\n", i, i }' \
	    >"$T/many.ndjson"
	for f in nop split-sentences; do
		bounded 120 "$T/out" "$f" "$T/many.ndjson"
		assert_equal "$status" 0
		mem_bound 262144
		run -0 wc -l <"$T/out"
		assert_output "$n"
		run -0 tail -1 "$T/out"
		assert_output --partial "\"id\":\"r$n\""
	done
}

@test "100,000 tiny records through clean, dedup, tag-entities, score-stance" {
	need clean split-sentences tag-entities score-stance dedup
	n=$((100000 / DIV))
	awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++)
	    printf "{\"id\":\"r%d\",\"text\":\"Iran %d said.\"}\n", i, i }' \
	    >"$T/many.ndjson"
	for f in clean "dedup --by=id"; do
		# shellcheck disable=SC2086
		bounded 120 "$T/out" $f "$T/many.ndjson"
		assert_equal "$status" 0
		run -0 wc -l <"$T/out"
		assert_output "$n"
	done
	split-sentences "$T/many.ndjson" >"$T/split.ndjson"
	bounded 120 "$T/tag" tag-entities "$T/split.ndjson"
	assert_equal "$status" 0
	bounded 120 "$T/out" score-stance "$T/tag"
	assert_equal "$status" 0
	mem_bound 262144
	run -0 wc -l <"$T/out"
	assert_output "$n"
}

@test "100,000 entities-to-be in one record: tagged, bounded time and memory" {
	need split-sentences tag-entities
	n=$((25000 / DIV))
	perl -e 'print "{\"id\":\"ents\",\"text\":\"",
	    "Tehran, Iran, IRGC and Israel. " x $ARGV[0], "\"}\n"' "$n" \
	    >"$T/ents.ndjson"
	split-sentences "$T/ents.ndjson" >"$T/split.ndjson"
	bounded 120 "$T/out" tag-entities "$T/split.ndjson"
	assert_equal "$status" 0
	mem_bound 1048576
	run -0 jq '.entities | length' "$T/out"
	[ "$output" -ge "$((n * 4))" ]
	check_spans "$T/out"
}

@test "one repeated character, 300 kB: every filter ends, one record out" {
	need clean split-sentences tag-entities score-stance dedup
	n=$((300000 / DIV))
	for c in a . ' ' '\\n' - "'" 'é' '😀' '\\u0000' '<' '&'; do
		perl -e 'print "{\"id\":\"rep\",\"text\":\"", $ARGV[0] x $ARGV[1],
		    "\"}\n"' "$c" $((n / ${#c})) >"$T/rep.ndjson"
		for f in clean split-sentences dedup; do
			bounded 60 "$T/out" "$f" "$T/rep.ndjson"
			assert_equal "$status" 0
			run -0 wc -l <"$T/out"
			assert_output 1
		done
		split-sentences "$T/rep.ndjson" >"$T/split.ndjson"
		bounded 60 "$T/tag" tag-entities "$T/split.ndjson"
		assert_equal "$status" 0
		check_spans "$T/tag"
		bounded 60 "$T/out" score-stance "$T/tag"
		assert_equal "$status" 0
	done
}

# every scalar value of plane $1 (no surrogates), 64 to a line
plane() {
	perl -CO -X -e 'my $p = $ARGV[0]; my $s = "";
	    for my $c ($p * 65536 .. $p * 65536 + 65535) {
		next if $c >= 0xd800 && $c <= 0xdfff;
		$s .= chr($c);
		$s .= "\n" if $c % 64 == 63;
	    }
	    print $s;' "$1"
}

@test "all Unicode planes: offsets stay correct through the chain" {
	need clean split-sentences tag-entities score-stance dedup
	: >"$T/planes.ndjson"
	: >"$T/planes.txt"
	for p in 0 1 2 3 14 15 16; do
		plane "$p" >"$T/plane.txt"
		to_record "plane$p" "$T/plane.txt" >>"$T/planes.ndjson"
		cat "$T/plane.txt" >>"$T/planes.txt"
	done
	bounded 60 "$T/clean" clean "$T/planes.ndjson"
	assert_equal "$status" 0
	run -0 wc -l <"$T/clean"
	assert_output 7
	chain 120 "$T/planes.ndjson"
	assert_equal "$status" 0
	run -0 wc -l <"$T/chain.out"
	assert_output 7
	check_spans "$T/chain.out"
	# the text comes through unchanged: 65536 code points less 2048
	# surrogates, and a newline after every 64
	run -0 jq -r '.text | length' "$T/chain.out"
	assert_line -n 0 64480
	assert_line -n 1 66560
	run -0 sh -c "jq -j '.text' '$T/chain.out' | cmp - '$T/planes.txt'"
}

@test "combining-mark storms: bounded, offsets correct" {
	need split-sentences tag-entities score-stance dedup
	perl -CO -e 'print "Z", "\x{301}\x{302}\x{303}\x{334}\x{35c}" x 20000,
	    " Tehran. ", "I\x{308}" x 5000, "ran said. \x{301}\x{302} Start ",
	    "with a mark. ", ("a\x{300}" x 50 . " ") x 200, "end."' \
	    >"$T/marks.txt"
	to_record marks "$T/marks.txt" >"$T/marks.ndjson"
	chain 60 "$T/marks.ndjson"
	assert_equal "$status" 0
	check_spans "$T/chain.out"
	run -0 jq -r '.sentences | length' "$T/chain.out"
	[ "$output" -ge 3 ]
}

@test "combining-mark storm (100,000 marks) through clean and the pipeline: linear (UAX #15 stream-safe)" {
	need clean split-sentences tag-entities ingest
	perl -CO -e 'print "Z", "\x{301}\x{302}\x{303}\x{334}\x{35c}" x 20000,
	    " Tehran."' >"$T/marks.txt"
	to_record marks "$T/marks.txt" >"$T/marks.ndjson"
	bounded 20 "$T/out" clean "$T/marks.ndjson"
	assert_equal "$status" 0
	bounded 20 "$T/out" clean "$H/clean-mark-storm.ndjson"
	assert_equal "$status" 0
	# a joiner after every 30 marks, nothing else changed
	run -0 bash -c "jq -j .text '$T/out' | grep -o $'\xcd\x8f' | wc -l"
	[ "$output" -ge 600 ]
	bounded 20 "$T/out" bash -c 'split-sentences "$1" | tag-entities' _ "$T/marks.ndjson"
	assert_equal "$status" 0
	bounded 20 "$T/out" ingest "$T/marks.txt"
	assert_equal "$status" 0
}

@test "RTL and zero-width characters: offsets correct, entities kept" {
	need clean split-sentences tag-entities score-stance dedup
	perl -CO -e 'print "\x{202e}Tehran\x{202c} said. ",
	    "\x{200f}\x{627}\x{644}\x{639}\x{631}\x{628}\x{64a}\x{629} \x{5e9}\x{5dc}\x{5d5}\x{5dd}. ",
	    "Ir\x{200b}an and Is\x{200d}rael met. \x{feff}The IRGC\x{2066} spoke\x{2069}. ",
	    "\x{200e}\x{200f}\x{061c}" x 3000, " Israel. ", "\x{200b}" x 10000, "."' \
	    >"$T/rtl.txt"
	to_record rtl "$T/rtl.txt" >"$T/rtl.ndjson"
	bounded 60 "$T/clean" clean "$T/rtl.ndjson"
	assert_equal "$status" 0
	chain 60 "$T/rtl.ndjson"
	assert_equal "$status" 0
	check_spans "$T/chain.out"
	run -0 jq -r '[.entities[].text] | join("|")' "$T/chain.out"
	assert_output --partial 'Israel'
}

@test "NUL via \\u0000 in text: handled, offsets count it" {
	need split-sentences tag-entities score-stance dedup
	printf '%s\n' '{"id":"nul","text":"Iran\u0000 said so. Then\u0000 Israel\u0000 spoke. \u0000"}' \
	    >"$T/nul.ndjson"
	chain 20 "$T/nul.ndjson"
	assert_equal "$status" 0
	check_spans "$T/chain.out"
	# "Iran\0 said so." is 14 code points, the NUL one of them
	run -0 jq -c '[.sentences[] | [.start, .end]][0:2]' "$T/chain.out"
	assert_output '[[0,14],[15,35]]'
	run -0 jq -c '.sentences[1].text' "$T/chain.out"
	assert_output '"Then\u0000 Israel\u0000 spoke."'
	run -0 jq -c '.text | length' "$T/chain.out"
	assert_output 37
}

@test "NUL via \\u0000: clean keeps the record and says what it did with it" {
	need clean
	printf '%s\n' '{"id":"nul","text":"Iran\u0000 said so.\u0000"}' \
	    >"$T/nul.ndjson"
	bounded 20 "$T/out" clean "$T/nul.ndjson"
	assert_equal "$status" 0
	run -0 jq -r '.id' "$T/out"
	assert_output nul
}

@test "deeply nested unknown fields: kept byte for byte, too deep is a bad record" {
	need nop clean split-sentences tag-entities score-stance dedup
	perl -e 'print "{\"id\":\"d\",\"text\":\"Iran said.\",\"x\":",
	    "[{\"a\":" x 1000, "1", "}]" x 1000, "}\n"' >"$T/deep.ndjson"
	perl -e 'print "{\"id\":\"dd\",\"text\":\"Iran said.\",\"x\":",
	    "[" x 200000, "]" x 200000, "}\n"' >"$T/deeper.ndjson"
	x=$(perl -e 'print "[{\"a\":" x 1000, "1", "}]" x 1000')
	for f in nop clean split-sentences dedup; do
		bounded 20 "$T/out" "$f" "$T/deep.ndjson"
		assert_equal "$status" 0
		grep -qF "\"x\":$x" "$T/out"
		bounded 20 "$T/out" "$f" "$T/deeper.ndjson"
		assert_equal "$status" 65
		run cat "$T/out.err"
		assert_output --partial 'nesting deeper than'
	done
	chain 20 "$T/deep.ndjson"
	assert_equal "$status" 0
	grep -qF "\"x\":$x" "$T/chain.out"
}

@test "regression (fuzz_jscan): a raw NUL byte after a number is a bad record" {
	need nop
	run -65 --separate-stderr nop "$H/fuzz-fuzz_jscan-nul-after-number"
	assert_output ''
	assert_regex "$stderr" 'nul-after-number:1: .*(id=x)'
}

@test "regression (fuzz_reader): an overlong last line without a newline is a bad record" {
	need nop
	printf 'xxx' >"$T/long"
	run -65 --separate-stderr nop --max-record-bytes=1 "$T/long"
	assert_output ''
	assert_regex "$stderr" 'long:1: line longer than'
}

@test "empty text, empty arrays: every filter keeps the record" {
	need clean split-sentences tag-entities score-stance dedup
	printf '%s\n' '{"id":"e","text":""}' >"$T/empty.ndjson"
	for f in clean split-sentences tag-entities dedup; do
		bounded 20 "$T/out" "$f" "$T/empty.ndjson"
		assert_equal "$status" 0
		run -0 jq -r .id "$T/out"
		assert_output e
	done
	# regression: qsort(NULL, 0) under UBSan (fuzz_stance, fixed in 05f4d3e)
	bounded 20 "$T/out" score-stance "$H/score-stance-empty.ndjson"
	assert_equal "$status" 0
	run -0 jq -c '[.id, (.stance | type)]' "$T/out"
	assert_output '["e","object"]'
}

# ---- I/O faults ----

# $T/tagged.ndjson: one record every filter reads (sentences, entities)
tagged_record() {
	need nop clean split-sentences tag-entities score-stance dedup
	printf '%s\n' '{"id":"a","text":"Iran said so."}' >"$T/one.ndjson"
	split-sentences "$T/one.ndjson" | tag-entities >"$T/tagged.ndjson"
}

@test "stdout on a full disk (/dev/full): exit 74 with a message, every filter" {
	tagged_record
	for f in nop clean split-sentences tag-entities score-stance dedup; do
		run -74 --separate-stderr sh -c "$f '$T/tagged.ndjson' >/dev/full"
		assert_regex "$stderr" "^$f: .*(write error|No space left)"
	done
}

@test "a closed stdout: exit 74 with a message, every filter" {
	tagged_record
	for f in nop clean split-sentences tag-entities score-stance dedup; do
		run -74 --separate-stderr sh -c "$f '$T/tagged.ndjson' >&-"
		assert_regex "$stderr" "^$f: .*write error"
	done
}

@test "a rejects file on a full disk: exit 74, good records still out" {
	need nop clean split-sentences dedup
	printf '%s\n' '{"id":"a","text":"Iran said so."}' 'not json' \
	    '{"id":"c","text":"Israel too."}' >"$T/mixed.ndjson"
	for f in nop clean split-sentences dedup; do
		run -74 --separate-stderr "$f" --rejects=/dev/full "$T/mixed.ndjson"
		assert_regex "$stderr" '/dev/full: write error'
		assert_regex "$stderr" 'mixed.ndjson:2: '
		assert_equal "${#lines[@]}" 2
	done
}

@test "| head -1 ends every filter quietly (141)" {
	need nop clean split-sentences tag-entities score-stance dedup
	awk 'BEGIN { for (i = 1; i <= 20000; i++)
	    printf "{\"id\":\"r%d\",\"text\":\"Iran %d said.\"}\n", i, i }' \
	    >"$T/many.ndjson"
	split-sentences "$T/many.ndjson" | tag-entities >"$T/tagged.ndjson"
	for f in nop clean split-sentences tag-entities score-stance dedup; do
		run --separate-stderr bash -c \
		    "set -o pipefail; $f '$T/tagged.ndjson' | head -1 >/dev/null"
		assert_equal "$status" 141
		assert_equal "$stderr" ''
	done
}

@test "an input deleted mid-run: read to the end, nothing lost" {
	need split-sentences
	n=$((300000 / DIV))
	awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++)
	    printf "{\"id\":\"r%d\",\"text\":\"Word %d here.\"}\n", i, i }' \
	    >"$T/gone.ndjson"
	# opened here, so that it is open before it is deleted
	exec {fd}<"$T/gone.ndjson"
	split-sentences <&"$fd" >"$T/out" 2>"$T/err" &
	pid=$!
	exec {fd}<&-
	# delete it once the filter has written something (or at the latest
	# after 10 s, when the run is slow)
	i=0
	while [ ! -s "$T/out" ] && [ "$i" -lt 1000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	rm "$T/gone.ndjson"
	wait "$pid"
	assert_equal "$?" 0
	run -0 wc -l <"$T/out"
	assert_output "$n"
	run -0 tail -1 "$T/out"
	assert_output --partial "\"id\":\"r$n\""
}

@test "an input truncated mid-line: the torn record is reported, not dropped" {
	need nop
	printf '%s\n' '{"id":"a","text":"one"}' '{"id":"b","text":"two"}' \
	    >"$T/torn.ndjson"
	printf '%s' '{"id":"c","te' >>"$T/torn.ndjson"
	run -65 --separate-stderr nop "$T/torn.ndjson"
	assert_equal "${#lines[@]}" 2
	assert_regex "$stderr" 'torn.ndjson:3: '
}

@test "a stopped and continued reader and writer lose nothing" {
	need split-sentences
	awk 'BEGIN { for (i = 1; i <= 50000; i++)
	    printf "{\"id\":\"r%d\",\"text\":\"Word %d here.\"}\n", i, i }' \
	    >"$T/many.ndjson"
	mkfifo "$T/in"
	split-sentences "$T/in" >"$T/out" 2>"$T/err" &
	pid=$!
	{
		head -25000 "$T/many.ndjson"
		kill -STOP "$pid"
		kill -CONT "$pid"
		tail -25000 "$T/many.ndjson"
		kill -STOP "$pid"
		kill -CONT "$pid"
	} >"$T/in"
	wait "$pid"
	assert_equal "$?" 0
	run -0 wc -l <"$T/out"
	assert_output 50000
}

# ---- scripts ----

@test "cron-ingest: OUTDIR inside INBOX is refused, however it is spelt" {
	need cron-ingest analyze dedup
	mkdir -p "$T/in/sub"
	ln -s "$T/in/sub" "$T/link"
	printf 'News from Tehran.\n' >"$T/in/a.txt"
	for out in "$T/in" "$T/link/out" "$T/in/../in/x" "$T/in/./sub/y"; do
		run -64 --separate-stderr cron-ingest --settle=0 --keep \
		    "$T/in" "$out"
		assert_regex "$stderr" 'OUTDIR must not be inside INBOX'
	done
}

@test "cron-ingest: symlinks out of INBOX are not followed, hostile names are data" {
	need cron-ingest analyze dedup
	mkdir -p "$T/in" "$T/secret"
	printf 'Secret words from elsewhere.\n' >"$T/secret/s.txt"
	ln -s "$T/secret" "$T/in/dir-link"
	ln -s "$T/secret/s.txt" "$T/in/file-link.txt"
	printf 'Real news from Tehran.\n' >"$T/in/\$(touch pwned) -rf;a.txt"
	printf 'Officials met in Paris on Monday.\n' >"$T/in/-n
b.txt"
	cd "$T"
	run -0 --separate-stderr cron-ingest --settle=0 --keep in out
	[ ! -e "$T/pwned" ] && [ ! -e "$T/in/pwned" ]
	run -0 sh -c "find out -name '*.jsonl.gz' -exec zcat {} + | jq -r .text"
	assert_line 'Real news from Tehran.'
	assert_line 'Officials met in Paris on Monday.'
	refute_output --partial 'Secret'
}
