#!/usr/bin/env bats
# clean: boilerplate removal and metadata on the samples and on small
# hand-written pages (fixtures/clean/pages), the nothing-is-lost property,
# and the runtime's test matrix.
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/clean"
	P="$F/pages"
	S="$BATS_TEST_DIRNAME/../samples"
	T="$BATS_TEST_TMPDIR"
}

# page FILE: one record {"id","text"} holding the file
page() {
	jq -cRs --arg id "$(basename "$1" .txt)" '{id: $id, text: .}' "$1"
}

# clean one page file with --now fixed; the record on stdout
cleanp() {
	page "$1" | clean --now=2024-06-01 "${@:2}"
}

# reasons FILE: "reason|text" lines of what clean removed
reasons() {
	cleanp "$1" | jq -r '.boilerplate[] | "\(.reason)|\(.text)"'
}

# ---------- the samples ----------

@test "samples: the exact boilerplate lines, reasons and metadata" {
	for f in "$S"/*.txt; do page "$f"; done >"$T/in.ndjson"
	run -0 bash -c "clean --now=2024-06-01 '$T/in.ndjson' |
	    jq -cS '{id,title,byline,date,dateline,origin,links,boilerplate}'"
	diff <(printf '%s\n' "$output") "$F/samples.expected.ndjson"
}

@test "samples: each leftover named in the issue is removed with a reason" {
	run -0 bash -c "for f in '$S'/*.txt; do jq -cRs '{text:.}' \"\$f\"; done |
	    clean | jq -r '.boilerplate[] | \"\(.reason)|\(.text)\"'"
	assert_line 'nav-phrase|Accessibility links'
	assert_line 'nav-phrase|Breaking News'
	assert_line 'ad-slot|728 x 90'
	assert_line 'caption|Image'
	assert_line 'caption|Iranian regime supreme leader Ali Khamenei'
	assert_line 'byline|Written by Mahmoud Hakamian'
	assert_line 'reading-time|Two-minute read'
	assert_line 'byline|By Shahriar kia'
	assert_line 'bare-url|https://youtu.be/lHQHzmCXIus'
	assert_line 'comments|Comments'
	assert_line 'related-list|Popular posts from this blog'
	assert_line 'bio|Political analyst writing about Iran and the Middle East. ... Member of Iranianopposition.'
	assert_line 'origin|This article was first published by ncr-iran'
	assert_line --partial 'licence-footer|All Content by Mehr News Agency is licensed under'
	assert_line 'repeated-line|Countering Iran’s Threat, Strategies for Regional Stability'
	assert_line 'dateline|TEHRAN-'
}

@test "samples: article bodies intact, subheads kept, doubled hyphens made single" {
	run -0 bash -c "jq -cRs '{text:.}' '$S/004_3f9cf636cd48761c.txt' | clean | jq -r .text"
	assert_line 'Silent on the pandemic'
	assert_line 'Why so much fear?'
	assert_line --partial 'As Iran braces for the first anniversary'
	refute_line --partial 'Analysis by'
	run -0 bash -c "jq -cRs '{text:.}' '$S/003_eb850ee6110e02d2.txt' | clean | jq -r .text"
	assert_line 'Iranian terror apparatus functions in tandem with the Foreign Ministry'
	assert_output --partial 'the 21-rocket attack'
	assert_output --partial 'Qias Al-Khazali, Akram Al-Kaabi'
	assert_line --partial 'On Sunday morning, April 14, the Iranian regime'
	run -0 bash -c "jq -cRs '{text:.}' '$S/000_2a0455811b506170.txt' | clean | jq -r .text"
	assert_output --regexp '^Up to 20 foreign spy services'
	assert_output --regexp 'during the riots\.$'
	run -0 bash -c "jq -cRs '{text:.}' '$S/001_3182de4ee06caf7f.txt' | clean | jq -c .boilerplate"
	assert_output '[]'
}

# ---------- hand-written pages ----------

@test "page furniture: navigation, byline, date, share, widget, tags, related, comments, footer" {
	run -0 reasons "$P/furniture.txt"
	assert_line 'nav-phrase|Skip to content'
	assert_line 'nav-phrase|Menu'
	assert_line 'title|Port Workers Strike Over Unpaid Wages'
	assert_line 'byline|By Laila Ahmadi and Tom Becker'
	assert_line 'date-line|Published: March 3, 2021 14:20'
	assert_line 'reading-time|4 min read'
	assert_line 'share|Share this article'
	assert_line 'widget|A- A A+'
	assert_line 'caption|Workers gather at the port gate on Tuesday'
	assert_line 'caption|AP file photo'
	assert_line 'related-list|Also Read: Fuel prices rise for the third month'
	assert_line 'tags|Tags: labour, ports, strikes'
	assert_line 'related-list|Related'
	assert_line 'related-list|New bridge opens after years of delay'
	assert_line 'comments|Leave a Reply'
	assert_line 'comments|Your email address will not be published.'
	assert_line 'comments|Post a Comment'
	assert_line 'nav-phrase|Back to top'
	assert_line 'meta|News ID 123456'
	assert_line 'licence-footer|© 2021 Example News. All rights reserved.'
	run -0 bash -c "page() { jq -cRs '{text:.}' \"\$1\"; }; page '$P/furniture.txt' | clean --now=2024-06-01 | jq -c '[.title,.byline,.date]'"
	assert_output '["Port Workers Strike Over Unpaid Wages","Laila Ahmadi and Tom Becker","2021-03-03"]'
}

@test "content that looks like boilerplate stays: a one-line quote, a subhead, a list of facts" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/furniture.txt' | clean | jq -r .text"
	assert_line '"We will not go back until we are paid," one worker said.'
	assert_line 'What the workers want'
	assert_line "The union's report listed its main findings:"
	assert_line '- 40 percent of households had no savings.'
	assert_line '- Rents rose by a fifth in two years.'
	assert_line '- Most workers earn less than the minimum wage.'
	assert_line --partial 'Officials at the port authority said'
	[ "${#lines[@]}" -eq 9 ]
}

@test "page tail: author box, bio, origin, bare URL, headline repeated in a list, licence" {
	run -0 reasons "$P/tail.txt"
	assert_line 'nav-phrase|Breaking News'
	assert_line 'byline|Analysis by Sara Lindqvist'
	assert_line 'title|Rivers Run Low as Summer Heat Lingers'
	assert_line 'title-dup|Rivers Run Low as Summer Heat Lingers'
	assert_line 'bare-url|https://www.example.org/video/river-level'
	assert_line 'byline|Sara Lindqvist'
	assert_line 'bio|Sara Lindqvist is a reporter covering farming and the environment for the paper.'
	assert_line 'origin|This article was first published by Valley Courier'
	assert_line 'related-list|Town council approves new school budget'
	assert_line 'tags|Labels: drought, farming'
	assert_line 'paywall|Subscribe'
	assert_line 'related-list|Read More:'
	assert_line --partial 'licence-footer|All content on this site is licensed under'
	run -0 bash -c "jq -cRs '{text:.}' '$P/tail.txt' | clean | jq -c '[.byline,.origin,.links]'"
	assert_output '["Sara Lindqvist","Valley Courier",["https://www.example.org/video/river-level","https://water.example.org/plan"]]'
}

@test "inline URLs stay in the text and are listed in links" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/tail.txt' | clean | jq -r .text"
	assert_output --partial 'Details of the plan are at https://water.example.org/plan and'
	refute_output --partial 'https://www.example.org/video/river-level'
}

@test "datelines: CITY-, Place, Month D, YYYY— and CITY, Mon. D (AGENCY) – are lifted" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/datelines.txt' | clean | jq -c '[.dateline,.date,.text]'"
	assert_output '["BAGHDAD",null,"Officials opened the new water plant on the edge of the city on Sunday, promising cleaner water for a million homes by the end of next year."]'
	run -0 bash -c "jq -cRs '{text:.}' '$P/dateline2.txt' | clean | jq -c '[.dateline,.date,.boilerplate]'"
	assert_output '["Iraq, May 2, 2019","2019-05-02",[{"text":"Iraq, May 2, 2019—","reason":"dateline"}]]'
	run -0 bash -c "jq -cRs '{text:.}' '$P/dateline3.txt' | clean | jq -c '[.dateline,.date]'"
	assert_output '["CAIRO, Jan. 5 (ABC)","--01-05"]'
}

@test "dates: a date without a year stays partial; future dates are rejected against --now" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/dates.txt' | clean | jq -c '[.date,.title]'"
	assert_output '["--04-24","Talks Resume on Border Crossing"]'
	run -0 bash -c "jq -cRs '{text:.}' '$P/future.txt' | clean --now=2024-06-01 | jq -c '[.date, .boilerplate[0].reason]'"
	assert_output '[null,"date-line"]'
	run -0 bash -c "jq -cRs '{text:.}' '$P/future.txt' | clean --now=2031-12-31 | jq -c .date"
	assert_output '"2031-03-03"'
}

@test "date formats: ISO, day month year with a clock, d.m.y, abbreviated month" {
	for pair in '2023-06-02|2023-06-02' '31 October 2017 19:54|2017-10-31' \
	    'Posted on Dec. 30, 2019|2019-12-30' 'Mon, October 09, 2017|2017-10-09' \
	    'Date: 01.04.2024|2024-04-01' 'Dec. 30|--12-30'; do
		in=${pair%%|*} want=${pair#*|}
		run -0 bash -c "printf '%s\n\n%s\n' '$in' 'The talks resumed at the border post on Wednesday for the first time since the winter.' |
		    jq -cRs '{text:.}' | clean --now=2024-06-01 | jq -r .date"
		assert_output "$want"
	done
}

@test "a hard-wrapped paragraph is one unit; a list of names after the body stays" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/wrapped.txt' | clean | jq -c '[.title, .dateline, [.boilerplate[].reason]]'"
	assert_output '["HARBOUR BOARD RAISES FEES FOR CARGO SHIPS","LISBON, March 6",["title","dateline","footer"]]'
	run -0 bash -c "jq -cRs '{text:.}' '$P/wrapped.txt' | clean | jq -r .text"
	assert_line -n 0 'The harbour board said it would raise the'
	assert_line 'the eastern quay.'
	assert_line --partial 'Squad: Ana Costa (Porto)'
}

@test "a site description at the end of the page goes; the same words inside the body stay" {
	run -0 bash -c "printf '%s\n\n%s\n\n%s\n\n%s\n\n%s\n' \
	    'The council met on Monday and agreed to repair the bridge before the rains came this autumn.' \
	    'The Courier is an independent news website, the mayor said, and should not get council money.' \
	    'The work will take two months and will close the road to lorries for most of that time.' \
	    'The council will meet again in March to look at the cost of the work.' \
	    'Valley Courier is an independent news website covering the north of the valley since 2009.' |
	    jq -cRs '{text:.}' | clean | jq -r '.boilerplate[] | \"\(.reason)|\(.text)\"'"
	assert_output 'site-description|Valley Courier is an independent news website covering the north of the valley since 2009.'
}

@test "promotions, follow-us lines, photo credits, symbol lines; a section break inside the body stays" {
	run -0 reasons "$P/promo.txt"
	assert_line 'nav-phrase|Valley Courier - back to home page'
	assert_line 'label||'
	assert_line 'nav|Politics Business Science Health Culture'
	assert_line 'title|Bakers Protest Flour Prices in the Capital'
	assert_line 'date-line|2020-03-20T10:32:00Z'
	assert_line 'caption|A baker carries a banner near the ministry (Photo by Omar Haddad)'
	assert_line 'promo|Click here to read our coverage of the wheat subsidy'
	assert_line 'paywall|Sign up for our daily newsletter'
	assert_line 'share|Follow us on Twitter for the latest news'
	assert_line 'nav-phrase|Download our app'
	assert_line 'footer|...'
	run -0 bash -c "jq -cRs '{text:.}' '$P/promo.txt' | clean | jq -r '.date, .text'"
	assert_line -n 0 '2020-03-20'
	assert_line '* * *'
	assert_line "The ministry said it would meet the bakers' union next week."
}

@test "a Key Points header goes, its bullets above the body stay" {
	run -0 bash -c "printf 'Key Points\n\n- Prices rose by a tenth.\n- Wages stayed flat.\n\nThe council met on Monday and agreed to repair the bridge before the rains came this autumn.\n' |
	    jq -cRs '{text:.}' | clean | jq -c '[.boilerplate, .text]'"
	assert_output '[[{"text":"Key Points","reason":"label"}],"- Prices rose by a tenth.\n- Wages stayed flat.\n\nThe council met on Monday and agreed to repair the bridge before the rains came this autumn."]'
}

@test "title: a menu above the headline is not taken for it" {
	run -0 bash -c "printf 'Home\n\nWorld News Today\n\nMiddle East And Africa\n\nShips Turned Back at the Northern Strait\n\nThe council met on Monday and agreed to repair the bridge before the rains came this autumn.\n' |
	    jq -cRs '{text:.}' | clean | jq -c '[.title, [.boilerplate[].reason]]'"
	assert_output '["Ships Turned Back at the Northern Strait",["nav-phrase","label","nav","title"]]'
}

@test "title: a site suffix after a dash or bar goes, a dash inside the headline stays" {
	for pair in 'Iran - EU Talks Resume in Vienna=>Iran - EU Talks Resume in Vienna' \
	    'Iran Says It Will Respond - Tehran Times=>Iran Says It Will Respond' \
	    'Ferry Service Restored After Storm | The Coast Courier=>Ferry Service Restored After Storm' \
	    'Strike Ends at the Northern Mine – example.com=>Strike Ends at the Northern Mine'; do
		in=${pair%%=>*} want=${pair#*=>}
		run -0 bash -c "printf '%s\n\n%s\n' '$in' 'The council met on Monday and agreed to repair the bridge before the rains came.' |
		    jq -cRs '{text:.}' | clean | jq -r .title"
		assert_output "$want"
	done
}

@test "near copies: a pull quote and a restated lead go, the paragraphs they copy stay" {
	run -0 reasons "$P/pullquote.txt"
	assert_line 'repeated-line|"the best we could get without losing the winter"'
	assert_line --partial 'repeated-line|- NORTHVILLE, May 3, 2022 /Wire Service/ -- The company said today'
	run -0 bash -c "jq -cRs '{text:.}' '$P/pullquote.txt' | clean | jq -r .text"
	assert_line --partial 'Miners at the northern copper pit went back underground on Monday'
	assert_line --partial "The union's leader said the deal was"
	assert_line --partial 'Output is expected to return to normal'
	[ "${#lines[@]}" -eq 3 ]
}

@test "a two-paragraph wire item with no furniture is kept whole" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/nofurniture.txt' | clean | jq -c '[.text,.boilerplate,.title]'"
	assert_output '["The ministry said on Monday that twelve people had been arrested after the protest, and that all of them had since been released on bail.\n\nA court hearing is expected next month.",[],null]'
}

@test "normalisation: NFC, space runs, doubled hyphens, soft hyphen and zero-width out, quotes and dashes kept" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/normalise.txt' | clean | jq -r .text"
	assert_output "$(printf 'The caf\xc3\xa9 owner, Jos\xc3\xa9 Mart\xc3\xadnez, said the price of coffee had doubled since spring.\n\nThe Al-Rashid brigade fired a 12-round volley, he said -- and the neighbours left their homes \xe2\x80\x9cquietly\xe2\x80\x9d \xe2\x80\x94 at night.')"
}

@test "a long sentence-like paragraph is never dropped, whatever rule it looks like" {
	text='Related to the strike, the union said that all rights reserved to workers under the old contract had been taken away by the new owners of the port last year.'
	run -0 bash -c "jq -cn --arg t '$text' '{text:\$t}' | clean | jq -c '[.text == \$t, .boilerplate]' --arg t '$text'"
	assert_output '[true,[]]'
}

@test "a short label inside the body goes, a sentence-case subhead stays" {
	run -0 bash -c "printf '%s\n\n%s\n\n%s\n\n%s\n\n%s\n' \
	    'The first paragraph of the report is long enough to be a sentence of the body text.' \
	    'National Security' \
	    'The second paragraph of the report is long enough to be a sentence of the body text.' \
	    'What happens next' \
	    'The third paragraph of the report is long enough to be a sentence of the body text.' |
	    jq -cRs '{text:.}' | clean | jq -r '.boilerplate[] | \"\(.reason)|\(.text)\"'"
	assert_output 'label|National Security'
}

# ---------- nothing vanishes ----------

# every ASCII word of the input is in text or in boilerplate, as often;
# prints the ids of the records where it does not hold
prop_check() {
	clean --keep-raw "$@" | jq -r 'select(
	    ([.raw | scan("[A-Za-z0-9]+")] | sort) !=
	    ([(.text, .boilerplate[].text) | scan("[A-Za-z0-9]+")] | sort)) | .id'
}

@test "property: nothing vanishes from the samples and the pages" {
	for f in "$S"/*.txt "$P"/*.txt; do
		case $f in */normalise.txt) continue ;; esac
		page "$f"
	done >"$T/pages.ndjson"
	run -0 prop_check "$T/pages.ndjson"
	assert_output ''
	run -0 prop_check --no-metadata "$T/pages.ndjson"
	assert_output ''
	[ "$(wc -l <"$T/pages.ndjson")" -ge 15 ]
}

@test "property: nothing vanishes from shuffled pages" {
	ls "$S"/*.txt "$P"/*.txt | grep -v normalise | xargs cat >"$T/all.txt"
	for seed in 1 2 3 4 5 6 7 8; do
		awk -v seed="$seed" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' "$T/all.txt" |
		    sort -n | cut -f2- | head -n $((seed * 12)) |
		    jq -cRs --arg id "seed$seed" '{id: $id, text: .}'
	done >"$T/shuffled.ndjson"
	run -0 prop_check "$T/shuffled.ndjson"
	assert_output ''
}

# ---------- options ----------

@test "--no-metadata: no metadata fields, lines still removed, dateline kept in text" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/dateline2.txt' | clean --no-metadata"
	assert_output --partial '"text":"Iraq, May 2, 2019—The election commission'
	refute_output --partial '"dateline"'
	refute_output --partial '"links"'
	run -0 bash -c "jq -cRs '{text:.}' '$P/furniture.txt' | clean --no-metadata | jq -c '[has(\"title\"), has(\"byline\"), has(\"date\"), .boilerplate[4]]'"
	assert_output '[false,false,false,{"text":"Port Workers Strike Over Unpaid Wages","reason":"title"}]'
}

@test "--keep-raw keeps the original text in raw" {
	run -0 bash -c "jq -cRs '{text:.}' '$P/furniture.txt' | clean --keep-raw | jq -r .raw"
	diff <(printf '%s\n' "$output") "$P/furniture.txt"
}

@test "--rules=FILE adds phrase and regex rules with their own reasons" {
	printf 'phrase\tline\tweather-box\tWeather today\nregex\tprefix\tpromo\t(?i)win a trip to\n' >"$T/extra.tsv"
	run -0 bash -c "printf 'Weather today\n\nWin a trip to the coast now\n\nThe council met on Monday and agreed to repair the bridge before the rains.\n' |
	    jq -cRs '{text:.}' | clean --rules='$T/extra.tsv' | jq -r '.boilerplate[] | \"\(.reason)|\(.text)\"'"
	assert_line 'weather-box|Weather today'
	assert_line 'promo|Win a trip to the coast now'
}

@test "contains rules: caseless matches through Unicode case folding; unreadable patterns still run" {
	body='The council met on Monday and agreed to repair the bridge before the rains came.'
	printf 'regex\tcontains\tkiosk\t(?i)secret kiosk\n' >"$T/c.tsv"
	run -0 bash -c "printf 'A \xc5\xbfecret kiosk here\n\nThe secret \xe2\x84\xaaiosk there\n\nThe SECRET KIOSK again\n\n$body\n' |
	    jq -cRs '{text:.}' | clean --rules='$T/c.tsv' | jq -r '.boilerplate[] | \"\(.reason)|\(.text)\"'"
	assert_line $'kiosk|A \xc5\xbfecret kiosk here'
	assert_line 'kiosk|The secret Kiosk there'	# NFC made the Kelvin sign K
	assert_line 'kiosk|The SECRET KIOSK again'
	printf 'regex\tcontains\todd\t\\Qodd [text]\\E\n' >"$T/q.tsv"
	run -0 bash -c "printf 'One odd [text] here\n\n$body\n' |
	    jq -cRs '{text:.}' | clean --rules='$T/q.tsv' | jq -r '.boilerplate[] | \"\(.reason)|\(.text)\"'"
	assert_line 'odd|One odd [text] here'
	# a '[' inside a class (pcre2's POSIX-class rules) is not read: the
	# rule runs (fixtures/hostile/fuzz-fuzz_lit-posix-class-in-class)
	printf 'regex\tcontains\tbracket\tie[[:]:]|]\n' >"$T/b.tsv"
	run -0 bash -c "printf 'See note ]\n\n$body\n' |
	    jq -cRs '{text:.}' | clean --rules='$T/b.tsv' | jq -r '.boilerplate[] | \"\(.reason)|\(.text)\"'"
	assert_line 'bracket|See note ]'
}

@test "--rules: a bad row names file and line (65); a missing file is 66" {
	printf '# comment\nphrase\tnowhere\tx\tWeather\n' >"$T/bad.tsv"
	run -65 --separate-stderr clean --rules="$T/bad.tsv" /dev/null
	assert_regex "$stderr" 'bad.tsv:2: unknown scope'
	printf 'regex\tline\tx\t(unclosed\n' >"$T/bad2.tsv"
	run -65 --separate-stderr clean --rules="$T/bad2.tsv" /dev/null
	assert_regex "$stderr" 'bad2.tsv:1: bad pattern'
	run -66 --separate-stderr clean --rules="$T/none.tsv" /dev/null
	assert_regex "$stderr" 'none.tsv'
}

@test "a pattern hitting its match limit makes a bad record, not a hang" {
	printf 'regex\tline\tslow\t(?:a|a|aa)+b\n' >"$T/slow.tsv"
	printf '{"id":"s","text":"%s"}\n{"id":"ok","text":"fine"}\n' "$(printf 'a%.0s' $(seq 40))" >"$T/slow.ndjson"
	run -65 --separate-stderr clean --rules="$T/slow.tsv" "$T/slow.ndjson"
	assert_output --partial '"id":"ok"'
	assert_regex "$stderr" ':1: rule pattern: .*limit.*id=s'
}

@test "--now must be a date" {
	run -64 --separate-stderr clean --now=tomorrow /dev/null
	assert_regex "$stderr" 'now'
}

@test "--field reads and writes another field" {
	run -0 bash -c "printf '{\"body\":\"Menu\\\\n\\\\nThe council met on Monday and agreed to repair the bridge before the rains.\",\"text\":\"x\"}\n' | clean --field=body"
	assert_output --partial '"body":"The council met on Monday and agreed to repair the bridge before the rains."'
	assert_output --partial '"text":"x"'
}

@test "--help and --version; a bad option is a usage error" {
	run -0 clean --help
	assert_line -n 0 'Usage: clean [OPTION]... [FILE]...'
	assert_output --partial '--rules=FILE'
	assert_output --partial '--no-metadata'
	run -0 clean --version
	assert_output --regexp '^clean \(newspipe\) '
	run -64 --separate-stderr clean --bogus
	assert_regex "$stderr" "Try 'clean --help'"
}

@test "--data-dir without the rules is an input error" {
	run -66 --separate-stderr clean --data-dir="$T" /dev/null
	assert_regex "$stderr" 'cannot open'
}

# ---------- the runtime matrix ----------

@test "good record: unknown fields survive byte for byte; fields are added" {
	run -0 bash -c "printf '{\"id\":\"a\",\"n\":12345678901234567890,\"x\":0.1,\"text\":\"Menu\\\\n\\\\nThe council met on Monday and agreed to repair the bridge.\"}\n' | clean"
	assert_output --partial '"n":12345678901234567890,"x":0.1,'
	assert_output --partial '"boilerplate":[{"text":"Menu","reason":"nav-phrase"}]'
	assert_output --partial '"links":[]'
}

@test "not JSON, not an object, no text: bad records, others kept in order (65)" {
	printf '{"id":"a","text":"one"}\nnot json\n[1]\n{"id":"b"}\n{"id":"c","text":"two"}\n' >"$T/mix.ndjson"
	run -65 --separate-stderr clean "$T/mix.ndjson"
	assert_line -n 0 --partial '"id":"a"'
	assert_line -n 1 --partial '"id":"c"'
	[ "${#lines[@]}" -eq 2 ]
	assert_regex "$stderr" 'mix.ndjson:2: '
	assert_regex "$stderr" 'mix.ndjson:3: '
	assert_regex "$stderr" 'mix.ndjson:4: no string field text'
}

@test "invalid UTF-8 and a lone surrogate are bad records" {
	printf '{"id":"u","text":"a\xff"}\n{"id":"s","text":"\\ud800"}\n{"id":"ok","text":"fine"}\n' >"$T/u.ndjson"
	run -65 --separate-stderr clean "$T/u.ndjson"
	assert_output --partial '"id":"ok"'
	assert_regex "$stderr" 'u.ndjson:1: '
	assert_regex "$stderr" 'u.ndjson:2: '
}

@test "NUL in the text is dropped, CRLF lines are read" {
	printf '{"id":"n","text":"The council\\u0000 met on Monday."}\r\n{"id":"c","text":"a\\r\\nb"}\r\n' >"$T/nul.ndjson"
	run -0 clean "$T/nul.ndjson"
	assert_line -n 0 --partial '"text":"The council met on Monday."'
	assert_line -n 1 --partial '"text":"a\nb"'
}

@test "--on-error=pass copies bad lines, fail stops, --rejects keeps them" {
	printf '{"id":"a","text":"one"}\nnot json\n{"id":"c","text":"two"}\n' >"$T/bad.ndjson"
	run -65 --separate-stderr clean --on-error=pass "$T/bad.ndjson"
	assert_line -n 1 'not json'
	[ "${#lines[@]}" -eq 3 ]
	run -65 --separate-stderr clean --on-error=fail "$T/bad.ndjson"
	[ "${#lines[@]}" -eq 1 ]
	run -65 --separate-stderr clean --rejects="$T/rej" "$T/bad.ndjson"
	run -0 cat "$T/rej"
	assert_output 'not json'
}

@test "empty input gives empty output; --stats and --line-buffered work" {
	run -0 clean /dev/null
	assert_output ''
	run -0 --separate-stderr bash -c "cleanp() { jq -cRs '{text:.}' \"\$1\"; }; cleanp '$P/tail.txt' | clean --stats --line-buffered"
	assert_output --partial '"title":"Rivers Run Low as Summer Heat Lingers"'
	assert_regex "$stderr" '1'
}

@test "--max-record-bytes: a longer line is a bad record" {
	run -65 --separate-stderr bash -c "jq -cRs '{text:.}' '$P/tail.txt' | clean --max-record-bytes=100"
	assert_output ''
	assert_regex "$stderr" 'stdin:1:|-:1:'
}

@test "gzip input is read; a truncated gzip is an I/O error (74)" {
	page "$P/furniture.txt" | gzip >"$T/p.gz"
	run -0 clean "$T/p.gz"
	assert_output --partial '"title":"Port Workers Strike Over Unpaid Wages"'
	for f in "$S"/*.txt; do page "$f"; done | gzip >"$T/s.gz"
	head -c 3000 "$T/s.gz" >"$T/t.gz"
	run -74 --separate-stderr clean "$T/t.gz"
}

@test "| head -1 ends quietly; /dev/full is an I/O error" {
	rec=$(page "$P/furniture.txt")
	for i in $(seq 200); do printf '%s\n' "$rec"; done >"$T/many.ndjson"
	run --separate-stderr bash -c "clean '$T/many.ndjson' | head -1 >/dev/null; echo \${PIPESTATUS[0]}"
	assert_output '141'
	assert_equal "$stderr" ''
	run -74 --separate-stderr bash -c "clean '$T/many.ndjson' >/dev/full"
}

@test "same input, same bytes: serial run equals parallel --pipe -k" {
	for f in "$S"/*.txt "$P"/*.txt; do page "$f"; done >"$T/one.ndjson"
	cat "$T/one.ndjson" "$T/one.ndjson" "$T/one.ndjson" >"$T/all.ndjson"
	clean "$T/all.ndjson" >"$T/serial"
	parallel --pipe -k -N 7 clean <"$T/all.ndjson" >"$T/par"
	cmp "$T/serial" "$T/par"
}
