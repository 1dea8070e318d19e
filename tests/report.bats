#!/usr/bin/env bats
# report: md, tsv, json and an HTML page with SVG charts from analyzed records.
# fixtures/report/analyzed.ndjson: eight hand-written records, three outlets,
#   three camps, aliases MKO/MEK/PMOI/"the hypocrites" of org:mek and more.
# fixtures/report/samples.ndjson: samples/*.txt through ingest | clean |
#   split-sentences | tag-entities | score-stance (a frozen snapshot).
# fixtures/report/hostile.ndjson: markup, pipes, tabs, newlines, backslashes.

bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/report"
	R="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}/report"
}

# well-formed XML: the page, and each inline SVG on its own
check_page() {
	xmllint --noout "$1"
	local n i
	n=$(grep -c '<svg xmlns=' "$1")
	((n >= 2))
	for ((i = 1; i <= n; i++)); do
		awk -v want="$i" '/<svg xmlns=/ { k++ } k == want && !done { print } /<\/svg>/ && k == want { done = 1 }' "$1" |
		    xmllint --noout - || return 1
	done
	# self-contained: no script, no external resource
	! grep -Eq '<script|<link|src=|href=|url\(|@import' "$1"
}

@test "--help, --version, usage errors" {
	run -0 "$R" --help
	assert_line 'Usage: report [OPTION]... [FILE]...'
	assert_output --partial '--html=FILE'
	run -0 "$R" --version
	assert_output --regexp '^report \(newspipe\) [0-9]'
	run -64 --separate-stderr "$R" --format=xml "$F/analyzed.ndjson"
	[[ $stderr == *"invalid format: 'xml'"*"Try 'report --help'."* ]]
	run -64 --separate-stderr "$R" --top=0
	run -66 --separate-stderr "$R" "$F/nonexistent"
	run -66 --separate-stderr "$R" "$F"
	[[ $stderr == *'is a directory'* ]]
	gzip -c "$F/samples.ndjson" | head -c 20000 >"$BATS_TEST_TMPDIR/cut.gz"
	run -74 --separate-stderr "$R" "$BATS_TEST_TMPDIR/cut.gz"
	[[ $stderr == *'cut.gz: read error'* ]]
}

@test "md: documents per source and camp" {
	run -0 "$R" "$F/analyzed.ndjson"
	assert_line '8 documents from 4 sources.'
	assert_line '| source | state | opposition | independent | total |'
	assert_line '| statewire.example | 3 | 0 | 0 | 3 |'
	assert_line '| resistance-news.example | 0 | 2 | 0 | 2 |'
	assert_line '| field notes\|1.txt | 0 | 0 | 1 | 1 |'
	assert_line '| **total** | **3** | **2** | **3** | **8** |'
}

@test "md: mean stance per target by camp and by source, with counts" {
	run -0 "$R" "$F/analyzed.ndjson"
	# mek: state -0.8 and -0.9; opposition 0.8 and 0.6
	assert_line '| camp | state | 2 | -0.85 | 0 | 2 | 0 |'
	assert_line '| camp | opposition | 2 | +0.70 | 2 | 0 | 0 |'
	assert_line '| source | resistance-news.example | 2 | +0.70 | 2 | 0 | 0 |'
	# iran-gov, independent: -0.1, 0.0, -0.1 over three documents
	assert_line '| camp | independent | 3 | -0.07 | 0 | 0 | 3 |'
}

@test "md: top entities per camp and the contested-names table" {
	run -0 "$R" "$F/analyzed.ndjson"
	assert_line '### opposition (2 documents)'
	assert_line '| 1 | org:mek | ORG | 3 | 2 | 1.50 |'
	assert_line '### org:mek'
	assert_line 'Contested; most used by camp: state *MKO*; opposition *MEK*; independent *MEK*.'
	assert_line 'Contested; most used by camp: state *Zionist regime*; independent *Israel*.'
	assert_line 'Most used by camp: state *United States*; independent *United States*.'
	assert_line '| MKO | 2 | 0 | 1 | 3 | statewire.example 2, globalreport.example 1 |'
	assert_line '| PMOI | 0 | 1 | 0 | 1 | resistance-news.example 1 |'
	assert_line '| The hypocrites | 1 | 0 | 0 | 1 | statewire.example 1 |'
	assert_line '| The Leader | 2 | 0 | 0 | 2 | statewire.example 2 |'
	# an entity named one way is not contested
	refute_line '### gpe:paris'
}

@test "md: strongest evidence, strongest first, --top limits" {
	run -0 "$R" --top=2 "$F/analyzed.ndjson"
	assert_output --partial '## Strongest evidence'
	assert_line '| -1.00 | mek | statewire.example | state | terrorists | The MKO terrorists were condemned by Tehran. |'
	assert_line --regexp '^\| -0\.90 \| (iran-gov|mek) \|'
	refute_line --partial '| +0.80 |'
	run -0 --separate-stderr bash -c '"$1" --top=1 "$2" | grep -c "^| 1 |"' _ "$R" "$F/analyzed.ndjson"
	assert_output 3
}

@test "tsv: the tables, one header per table" {
	run -0 "$R" --format=tsv "$F/analyzed.ndjson"
	assert_line -n 0 "$(printf '# meta\trecords\tbad')"
	assert_line "$(printf 'meta\t8\t0')"
	assert_line "$(printf 'docs\tstatewire.example\tstate\t3')"
	assert_line "$(printf 'stance\tmek\tcamp\tstate\t2\t-0.850\t0\t2\t0')"
	assert_line "$(printf 'entity\topposition\torg:mek\tORG\t3\t2\t1.500')"
	assert_line "$(printf 'alias\torg:mek\tMKO\tcamp\tstate\t2\t3\t1')"
	assert_line "$(printf 'alias\torg:mek\tMKO\tsource\tglobalreport.example\t1\t3\t1')"
	assert_line "$(printf 'alias\tgpe:us\tWashington\tcamp\tstate\t1\t1\t0')"
	assert_line "$(printf 'evidence\tmek\tstatewire.example\tstate\t-1\tterrorists\tThe MKO terrorists were condemned by Tehran.')"
	run -0 bash -c '"$1" -f tsv "$2" | grep -c "^# "' _ "$R" "$F/analyzed.ndjson"
	assert_output 6
}

@test "json: one object with every table" {
	run -0 "$R" --format=json "$F/analyzed.ndjson"
	run -0 jq -c '[.records, .bad, (.documents | length),
	    (.stance[] | select(.target == "mek" and .by == "camp" and .group == "state") | .mean),
	    (.contested[] | select(.id == "org:mek") | .aliases[] | select(.alias == "MKO") | .camps),
	    (.contested[] | select(.id == "gpe:israel") | [.contested, .preferred.state]),
	    (.contested | map(.contested) | index(false)), (.contested | length),
	    .evidence[0].weight, (.entities | map(select(.camp == "state")) | .[0].id)]' <<<"$output"
	assert_output '[8,0,4,-0.85,{"state":2,"independent":1},[true,"Zionist regime"],5,6,-1,"gpe:iran"]'
}

@test "html: one self-contained page, well-formed, with both charts" {
	run -0 "$R" --html="$BATS_TEST_TMPDIR/r.html" --format=tsv "$F/analyzed.ndjson"
	assert_line "$(printf 'meta\t8\t0')"
	check_page "$BATS_TEST_TMPDIR/r.html"
	run -0 cat "$BATS_TEST_TMPDIR/r.html"
	assert_output --partial '<title>Stance toward mek by outlet</title>'
	assert_output --partial '<title>Entity mentions per document by camp</title>'
	# a bar per outlet: statewire's mek bar is red (state) and points left
	assert_output --regexp '<rect x="[0-9.]+" y="[0-9]+" width="[0-9.]+" height="16" fill="#b03a2e"><title>statewire.example: -0.85, n=2</title>'
}

@test "the analyzed samples in every format" {
	run -0 "$R" "$F/samples.ndjson"
	assert_line '5 documents from 5 sources.'
	assert_line --regexp '^\| 000_2a0455811b506170\.txt \| 1 \| 0 \| 0 \| 1 \|$'
	assert_output --partial '### org:mek'
	run -0 "$R" -f tsv "$F/samples.ndjson"
	assert_line "$(printf 'meta\t5\t0')"
	assert_line --regexp "^stance	iran-gov	camp	opposition	3	-0\.[0-9]+	0	3	0$"
	run -0 "$R" -f json "$F/samples.ndjson"
	run -0 jq -r '[.records, (.documents | map(.camp) | unique | join(","))] | @tsv' <<<"$output"
	assert_output "$(printf '5\tindependent,opposition,state')"
	run -0 "$R" --html=- "$F/samples.ndjson"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/s.html"
	check_page "$BATS_TEST_TMPDIR/s.html"
}

@test "the pipeline's own output, when the filters are built" {
	command -v score-stance >/dev/null || skip "filters not built"
	run -0 bash -c 'ingest "$1"/samples | clean | split-sentences | tag-entities | score-stance | "$2" -f json' \
	    _ "$BATS_TEST_DIRNAME/.." "$R"
	run -0 jq '.records' <<<"$output"
	assert_output 5
}

@test "hostile strings: markup, pipes, tabs, newlines, backslashes" {
	run -0 "$R" "$F/hostile.ndjson"
	assert_line '| -0.75 | us | odd-host.example | state | \<cue\> | Tabs here, a pipe \| and \<b\>tags\</b\> & "quotes"; ünïcödé — ok. New line. |'
	assert_line '| +0.30 | us | -dash name.txt | opposition | c\d | Backslash \ and \t literal. |'
	assert_line '| A\|B | 2 | 0 | 2 | odd-host.example 2 |'
	run -0 "$R" -f json "$F/hostile.ndjson"
	run -0 jq -r '.evidence[1].sentence, (.documents[] | select(.camp == "opposition") | .source)' <<<"$output"
	assert_output "$(printf 'Backslash \\ and \\t literal.\n-dash\nname.txt')"
	run -0 "$R" --html="$BATS_TEST_TMPDIR/h.html" "$F/hostile.ndjson"
	check_page "$BATS_TEST_TMPDIR/h.html"
	run -0 grep -c '&lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;' "$BATS_TEST_TMPDIR/h.html"
}

@test "bad lines are reported and counted, the rest is reported, exit 65" {
	printf '%s\n' '{"source":"a","camp":{"label":"state"}}' 'not json' '[1]' '{"source":"b"}' >"$BATS_TEST_TMPDIR/bad.ndjson"
	run -65 --separate-stderr "$R" -f tsv "$BATS_TEST_TMPDIR/bad.ndjson"
	assert_line "$(printf 'meta\t2\t2')"
	assert_line "$(printf 'docs\tb\tunknown\t1')"
	[[ ${stderr_lines[0]} == 'report: line 2: '* ]]
	[[ ${stderr_lines[1]} == 'report: line 3: '* ]]
	[[ ${stderr_lines[2]} == 'report: 2 bad input lines skipped, 2 records reported' ]]
}

@test "stdin, gzip, several files, empty input" {
	run -0 bash -c '"$1" -f tsv <"$2"' _ "$R" "$F/analyzed.ndjson"
	assert_line "$(printf 'meta\t8\t0')"
	gzip -c "$F/analyzed.ndjson" >"$BATS_TEST_TMPDIR/a.gz"
	run -0 "$R" -f tsv "$BATS_TEST_TMPDIR/a.gz" - "$F/samples.ndjson" <"$F/analyzed.ndjson"
	assert_line "$(printf 'meta\t21\t0')"
	assert_line "$(printf 'docs\tstatewire.example\tstate\t6')"
	run -0 "$R" -f json </dev/null
	run -0 jq -c '[.records, .documents]' <<<"$output"
	assert_output '[0,[]]'
	run -0 "$R" --html=- </dev/null
	printf '%s\n' "$output" | xmllint --noout -
}

@test "--outlet: host, dir, source" {
	run -0 "$R" -f tsv --outlet=source "$F/analyzed.ndjson"
	assert_line "$(printf 'docs\thttps://www.statewire.example/news/101\tstate\t1')"
	run -0 "$R" -f tsv --outlet=dir "$F/analyzed.ndjson"
	assert_line "$(printf 'docs\tnews\tstate\t3')"
	assert_line "$(printf 'docs\tinbox\tindependent\t1')"
	run -0 "$R" -f tsv --outlet=host "$F/analyzed.ndjson"
	assert_line "$(printf 'docs\t-\tindependent\t1')"
}

@test "a big file split over jq jobs gives the same report as one job" {
	for i in $(seq 40); do cat "$F/analyzed.ndjson" "$F/samples.ndjson"; done >"$BATS_TEST_TMPDIR/big.ndjson"
	run -0 "$R" -f tsv -j 1 "$BATS_TEST_TMPDIR/big.ndjson"
	one=$output
	NEWSPIPE_REPORT_SPLIT=1 run -0 "$R" -f tsv -j 3 "$BATS_TEST_TMPDIR/big.ndjson"
	assert_equal "$output" "$one"
	assert_line "$(printf 'meta\t520\t0')"
}

@test "| head ends quietly; a full disk is an I/O error" {
	run -0 --separate-stderr bash -c '"$1" "$2" | head -1' _ "$R" "$F/samples.ndjson"
	assert_output '# newspipe report'
	assert_equal "$stderr" ''
	run -74 --separate-stderr bash -c '"$1" "$2" >/dev/full' _ "$R" "$F/analyzed.ndjson"
	[[ $stderr == *'report: write error'* ]]
}

@test "a screenshot of the page with headless chromium" {
	browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
	[[ -n $browser ]] || skip "no chromium"
	"$R" --html="$BATS_TEST_TMPDIR/s.html" "$F/samples.ndjson" >/dev/null
	cd "$BATS_TEST_TMPDIR"
	HOME=$BATS_TEST_TMPDIR timeout 60 "$browser" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --hide-scrollbars --window-size=1000,1400 \
	    --screenshot="$BATS_TEST_TMPDIR/s.png" "file://$BATS_TEST_TMPDIR/s.html" 2>/dev/null
	run -0 od -An -c -N 4 "$BATS_TEST_TMPDIR/s.png"
	assert_output --partial 'P   N   G'
	(($(stat -c %s "$BATS_TEST_TMPDIR/s.png") > 20000))
}

@test "the man page names every option of --help" {
	run -0 "$R" --help
	for opt in $(grep -o -- '--[a-z][a-z-]*' <<<"$output" | sort -u); do
		grep -q -- "${opt//-/\\\\-}" "$BATS_TEST_DIRNAME/../man/report.1" || fail "man page lacks $opt"
	done
}
