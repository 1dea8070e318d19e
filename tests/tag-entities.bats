#!/usr/bin/env bats
# tag-entities: every entity of the five sample articles with its id (checked
# by hand), every alias named in issue 5, the acronym, surname and metonymy
# rules, names found by cues, options, and the runtime matrix of STYLE.md.
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/tag-entities"
	S="$BATS_TEST_DIRNAME/../samples"
	T="$BATS_TEST_TMPDIR"
}

# the samples as records {id, text}, in name order
samples() {
	for f in "$S"/*.txt; do
		jq -Rsc --arg id "$(basename "$f" .txt)" '{id: $id, text: .}' "$f"
	done
}

# one record per argument, tagged; prints "text<TAB>type<TAB>id" lines
tag() {
	local opts=()
	while [ "$#" -gt 0 ] && [ "${1#--}" != "$1" ]; do
		opts+=("$1")
		shift
	done
	for s in "$@"; do
		jq -nc --arg t "$s" '{text: $t}'
	done | tag-entities "${opts[@]}" | jq -r '.entities[] | "\(.text)\t\(.type)\t\(.id)"'
}

@test "samples: every entity with its type and id, as checked by hand" {
	samples >"$T/in"
	run -0 bash -c "tag-entities '$T/in' | jq -r '.id as \$id | .entities[] | \"\(\$id)\t\(.start)\t\(.end)\t\(.text)\t\(.type)\t\(.id)\"'"
	expected=$(cat "$F/samples.expected")
	[ "$output" = "$expected" ] || {
		diff <(printf '%s\n' "$expected") <(printf '%s\n' "$output") | head -40
		false
	}
}

@test "samples: offsets are code points, .text[start:end] is the mention (curly quotes, NBSP)" {
	samples >"$T/in"
	run -0 bash -c "LC_ALL=C grep -c \$'\\xe2\\x80\\x99' '$T/in'"
	run -0 bash -c "tag-entities '$T/in' | jq -c '.text as \$t | .entities[] | select(\$t[.start:.end] != .text)'"
	assert_output ''
	run -0 bash -c "tag-entities '$T/in' | jq '[.entities[]] | length' | paste -sd+ | bc"
	[ "$output" -ge 400 ]
}

@test "every alias named in the issue resolves to its id" {
	grep -v '^#' "$F/aliases.tsv" >"$T/a"
	cut -f 3 "$T/a" | jq -Rc '{text: .}' | tag-entities >"$T/out"
	# one jq: the expected pairs beside the tagged records, in order
	run -0 bash -c "cut -f 1,2 '$T/a' | jq -Rc 'split(\"\\t\")' |
	    jq -sc --slurpfile r '$T/out' '. as \$want | range(length) as \$i |
	        select([\$r[\$i].entities[] | [.id, .text]] | index([\$want[\$i]]) | not) |
	        \"missing: \\(\$want[\$i])\"'"
	assert_output ''
	[ "$(wc -l <"$T/a")" -ge 90 ]
}

@test "titles and the possessive 's are outside spans; determiners too" {
	run -0 tag "Brigadier General Mohammad Kazemi's remarks were aired." \
	    "Supreme Leader Ayatollah Ali Khamenei spoke; the IRGC's chief listened."
	assert_line $'Mohammad Kazemi\tPERSON\tperson:mohammad-kazemi'
	assert_line $'Ali Khamenei\tPERSON\tperson:ali-khamenei'
	assert_line $'IRGC\tORG\torg:irgc'
	refute_output --partial 'Supreme Leader'
	refute_output --partial 'Brigadier'
}

@test "a title-like alias next to a name is a title; alone it is the person" {
	run -0 tag "Ayatollah Ali Khamenei, Leader of the Islamic Revolution, pardoned them." \
	    "The Supreme Leader and his office approved it."
	assert_line $'Ali Khamenei\tPERSON\tperson:ali-khamenei'
	refute_line --partial 'Leader of the Islamic Revolution'
	assert_line $'Supreme Leader\tPERSON\tperson:ali-khamenei'
}

@test "acronym rule: 'Long Name (ACR)' makes ACR an alias for the document" {
	run -0 tag "The Zagros Solidarity Front (ZSF) held a meeting. Later the ZSF issued a call."
	assert_line -n 0 $'Zagros Solidarity Front\tORG\torg:zagros-solidarity-front'
	assert_line -n 1 $'ZSF\tORG\torg:zagros-solidarity-front'
	assert_line -n 2 $'ZSF\tORG\torg:zagros-solidarity-front'
	run -0 tag "Militias such as Kata'ib Hizballah (K.H.) grew. The K.H. leaders met."
	assert_line -n 1 $'K.H.\tORG\torg:kataib-hezbollah'
	assert_line -n 2 $'K.H.\tORG\torg:kataib-hezbollah'
}

@test "acronym rule: the definition wins over the gazetteer; a common noun's acronym is no name" {
	run -0 tag "The Central Bank Indonesia (CBI) cut rates, and the CBI will meet again."
	assert_line -n 1 $'CBI\tORG\torg:central-bank-indonesia'
	assert_line -n 2 $'CBI\tORG\torg:central-bank-indonesia'
	run -0 tag "They want it listed as a foreign terrorist organisation (FTO) soon."
	assert_output ''
}

@test "surname rule: a later surname alone resolves to the full name" {
	run -0 tag "Colonel Farhad Nikpour spoke to reporters. Nikpour said the border was calm. According to Nikpour, it was."
	assert_line -n 0 $'Farhad Nikpour\tPERSON\tperson:farhad-nikpour'
	assert_line -n 1 $'Nikpour\tPERSON\tperson:farhad-nikpour'
	assert_line -n 2 $'Nikpour\tPERSON\tperson:farhad-nikpour'
}

@test "surname rule: a spelling one letter off resolves; a shared gazetteer surname follows the text" {
	run -0 tag "Colonel Farhad Nikpour spoke. Later Nikpuor denied it."
	assert_line -n 1 $'Nikpuor\tPERSON\tperson:farhad-nikpour'
	run -0 tag "Gholamreza Soleimani heads the Basij. Soleimani said the force was ready."
	assert_line -n 0 $'Gholamreza Soleimani\tPERSON\tperson:gholamreza-soleimani'
	assert_line -n 2 $'Soleimani\tPERSON\tperson:gholamreza-soleimani'
	run -0 tag "Soleimani was killed in Baghdad."
	assert_line -n 0 $'Soleimani\tPERSON\tperson:qasem-soleimani'
}

@test "a spelling one letter off a gazetteer name resolves to it" {
	run -0 tag "Officials met Pezeshkyan on Monday." "The Hezbolah militia fired." \
	    "They saw Rafsanjany there."
	assert_line -n 0 $'Pezeshkyan\tPERSON\tperson:masoud-pezeshkian'
	assert_line -n 1 $'Hezbolah\tORG\torg:hezbollah'
	assert_line -n 2 $'Rafsanjany\tPERSON\tperson:akbar-hashemi-rafsanjani'
}

@test "metonymy: a capital as the subject of a political verb is its government" {
	run -0 tag "Tehran has demanded an apology." \
	    "Washington and Riyadh have openly blamed Iran." \
	    "The sanctions increased pressure on Tehran." \
	    "Western capitals allowed Tehran to expand its programme." \
	    "Tehran's relations with its neighbours improved."
	assert_line -n 0 $'Tehran\tGPE\tgpe:iran'
	assert_line -n 1 $'Washington\tGPE\tgpe:united-states'
	assert_line -n 2 $'Riyadh\tGPE\tgpe:saudi-arabia'
	assert_line -n 4 $'Tehran\tGPE\tgpe:iran'
	assert_line -n 5 $'Tehran\tGPE\tgpe:iran'
	assert_line -n 6 $'Tehran\tGPE\tgpe:iran'
}

@test "metonymy: the place itself keeps the city id; --no-metonymy always does" {
	run -0 tag "TEHRAN - The talks ended." "She was speaking in Tehran on Monday." \
	    "Tehran's Friday Prayer was cancelled."
	assert_line -n 0 $'TEHRAN\tGPE\tgpe:tehran'
	assert_line -n 1 $'Tehran\tGPE\tgpe:tehran'
	assert_line -n 2 $'Tehran\tGPE\tgpe:tehran'
	run -0 tag --no-metonymy "Tehran has demanded an apology."
	assert_output $'Tehran\tGPE\tgpe:tehran'
}

@test "names outside the gazetteer: speech verbs, titles, head words, place words" {
	run -0 tag "The official, Qodtrat Diyalameh, said on Monday that Diyalameh's office was ready." \
	    "Governor Bahram Tavakoli visited the Zagros Cement Company in Kermanshah." \
	    "Floods hit Shahr-e Babak County again."
	assert_line $'Qodtrat Diyalameh\tPERSON\tperson:qodtrat-diyalameh'
	assert_line $'Diyalameh\tPERSON\tperson:qodtrat-diyalameh'
	assert_line $'Bahram Tavakoli\tPERSON\tperson:bahram-tavakoli'
	assert_line $'Zagros Cement Company\tORG\torg:zagros-cement-company'
	assert_line $'Kermanshah\tGPE\tgpe:kermanshah'
	assert_line $'Shahr-e Babak County\tGPE\tgpe:shahr-e-babak-county'
	run -0 tag "Rockets hit the Ain al-Asad air base." \
	    "The FDD Institute and the Foreign Policy Committee disagreed on the NPT."
	assert_line -n 0 $'Ain al-Asad\tLOC\tloc:ain-al-asad'
	assert_line -n 1 $'FDD Institute\tORG\torg:fdd'
	assert_line -n 2 $'Foreign Policy Committee\tORG\torg:foreign-policy-committee'
	refute_output --partial NPT
}

@test "common words starting a sentence, event names and headlines are not guessed" {
	run -0 tag "Yesterday Protesters Gathered Outside The Embassy In Large Numbers" \
	    "Despite the Islamic Revolution anniversary, crowds were small." \
	    "Meanwhile, officials said nothing."
	assert_output ''
}

@test "names of events hold no mentions; a named person stays" {
	run -0 tag "Thousands joined the Free Iran Rally in Berlin." \
	    "State TV covered the Quds Day march and the Tehran Peace Conference."
	assert_output $'Berlin\tGPE\tgpe:berlin'
}

@test "short forms (the Guards, the Corps) count only beside the full name" {
	run -0 tag "The IRGC said the Guards would respond; the Corps is ready." \
	    "The Guards won the match."
	assert_output $'IRGC\tORG\torg:irgc\nGuards\tORG\torg:irgc\nCorps\tORG\torg:irgc'
}

@test "a surname of one person in the gazetteer resolves without the full name" {
	run -0 tag "Officials said Pompeo and Mrs. Rajavi spoke, as did Jafari."
	assert_line -n 0 $'Pompeo\tPERSON\tperson:mike-pompeo'
	assert_line -n 1 $'Rajavi\tPERSON\tperson:maryam-rajavi'
	assert_line -n 2 $'Jafari\tPERSON\tperson:mohammad-ali-jafari'
	run -0 tag "Massoud Rajavi founded it; Rajavi led it for decades."
	assert_line -n 1 $'Rajavi\tPERSON\tperson:massoud-rajavi'
}

@test "NORP: demonyms and groups; 'Western' and 'Islamic' are not" {
	run -0 tag "Iranian, Kurdish and Baluch activists joined Shiite and Sunni clerics, Western diplomats said."
	assert_line -n 0 $'Iranian\tNORP\tnorp:iranian'
	assert_line -n 1 $'Kurdish\tNORP\tnorp:kurd'
	assert_line -n 2 $'Baluch\tNORP\tnorp:baluch'
	assert_line -n 3 $'Shiite\tNORP\tnorp:shia'
	assert_line -n 4 $'Sunni\tNORP\tnorp:sunni'
	refute_output --partial Western
}

@test "sentence: index into sentences when present, n of an exploded record, else -1" {
	run -0 bash -c "jq -nc '{text: \"Iran spoke. Then Iraq did.\", sentences: [{start:0,end:11,text:\"Iran spoke.\"},{start:12,end:26,text:\"Then Iraq did.\"}]}' | tag-entities | jq -c '[.entities[] | .sentence]'"
	assert_output '[0,1]'
	run -0 bash -c "jq -nc '{doc_id: \"d\", n: 7, start: 0, end: 4, text: \"Iran\"}' | tag-entities | jq -c '[.entities[] | .sentence]'"
	assert_output '[7]'
	run -0 bash -c "jq -nc '{text: \"Iran spoke.\"}' | tag-entities | jq -c '[.entities[] | .sentence]'"
	assert_output '[-1]'
}

@test "a title shorter than its word ends (MP. before a capital once looped)" {
	run -0 timeout 10 bash -c "jq -nc '{text: \"He was the first gay MP. On tape, Mr Smith spoke.\"}' | tag-entities | jq -c '[.entities[].text]'"
	assert_output '["Smith"]'
}

@test "a long record (one article 20 times) gives 20 times its mentions, offsets right" {
	f="$S/002_97257696b603aa94.txt"
	one=$(jq -Rsc '{text: .}' "$f" | tag-entities | jq '.entities | length')
	run -0 timeout 120 bash -c "jq -Rsc '{text: (. * 20)}' '$f' | tag-entities |
	    jq -c '.text as \$t | [(.entities | length), ([.entities[] | select(\$t[.start:.end] != .text)] | length)]'"
	assert_output "[$((one * 20)),0]"
}

@test "--gazetteer adds a domain, is repeatable, and a later file wins" {
	printf '# test\norg:zeta\tORG\tZeta Group|ZG\tnocase\n' >"$T/a.tsv"
	printf 'person:zed\tPERSON\tZeta Group\n' >"$T/b.tsv"
	run -0 tag --gazetteer="$T/a.tsv" "The ZG met; zeta group members came."
	assert_line -n 0 $'ZG\tORG\torg:zeta'
	assert_line -n 1 $'zeta group\tORG\torg:zeta'
	run -0 tag --gazetteer="$T/a.tsv" --gazetteer="$T/b.tsv" "The Zeta Group met."
	assert_output $'Zeta Group\tPERSON\tperson:zed'
}

@test "--no-default-gazetteer loads only the given files; --no-guess keeps to known names" {
	printf 'org:zeta\tORG\tZeta Group\n' >"$T/a.tsv"
	run -0 tag --no-default-gazetteer --gazetteer="$T/a.tsv" "The Zeta Group met in Tehran."
	assert_output $'Zeta Group\tORG\torg:zeta'
	run -0 tag --no-guess "Colonel Farhad Nikpour met the IRGC."
	assert_output $'IRGC\tORG\torg:irgc'
}

@test "a bad gazetteer row names file and line (65); a missing file is 66" {
	printf 'org:ok\tORG\tFine\nnot-an-id\tORG\tX\n' >"$T/bad.tsv"
	run -65 --separate-stderr tag-entities --gazetteer="$T/bad.tsv" </dev/null
	assert_regex "$stderr" "bad.tsv:2: id not-an-id of a ORG is not org:slug"
	printf 'org:x\tTHING\tX\n' >"$T/bad2.tsv"
	run -65 --separate-stderr tag-entities --gazetteer="$T/bad2.tsv" </dev/null
	assert_regex "$stderr" 'bad2.tsv:1: unknown type THING'
	run -66 --separate-stderr tag-entities --gazetteer="$T/nope.tsv" </dev/null
	assert_regex "$stderr" 'nope.tsv'
	run -66 --separate-stderr tag-entities --data-dir="$T/none" </dev/null
	assert_regex "$stderr" 'gazetteer'
}

@test "--dict: none works, a missing file is 66" {
	run -0 tag --dict=none "The IRGC met."
	assert_output $'IRGC\tORG\torg:irgc'
	run -66 --separate-stderr tag-entities --dict="$T/nope" </dev/null
	assert_regex "$stderr" 'nope'
}

@test "--field tags another field; --help agrees with the options; --version; bad option is 64" {
	run -0 bash -c "jq -nc '{title: \"The IRGC met\", text: \"nothing\"}' | tag-entities --field=title | jq -c '[.entities[].id]'"
	assert_output '["org:irgc"]'
	run -0 tag-entities --help
	for o in --gazetteer= --no-default-gazetteer --dict= --no-guess --no-metonymy --field= --on-error= --rejects= --line-buffered; do
		assert_output --partial -- "$o"
		sed 's/\\-/-/g' "$BATS_TEST_DIRNAME/../man/tag-entities.1" | grep -q -- "${o%=}"
	done
	run -0 tag-entities --version
	assert_output --partial 'tag-entities (newspipe)'
	run -64 --separate-stderr tag-entities --bogus
	assert_regex "$stderr" "Try 'tag-entities --help'"
}

@test "unknown fields pass byte for byte; entities is replaced, not doubled" {
	printf '%s\n' '{"n":12345678901234567890,"x":0.10,"text":"Iran.","entities":[1]}' >"$T/in"
	run -0 tag-entities "$T/in"
	assert_output --partial '"n":12345678901234567890,"x":0.10,'
	run -0 bash -c "tag-entities '$T/in' | grep -o '\"entities\"' | wc -l"
	assert_output 1
}

@test "not JSON, not an object, bad UTF-8, lone surrogate: reported, others kept" {
	{
		printf '%s\n' '{"id":"a","text":"Iran."}' 'not json' '[1]'
		printf '{"id":"b","text":"\xff"}\n'
		printf '%s\n' '{"id":"c","text":"\ud800"}' '{"id":"d","text":"Iraq."}' '{"id":"e"}'
	} >"$T/in"
	run -65 --separate-stderr tag-entities "$T/in"
	assert_line -n 0 --partial '"id":"a"'
	assert_line -n 1 --partial '"id":"d"'
	[ "${#lines[@]}" -eq 2 ]
	assert_regex "$stderr" 'in:2: '
	assert_regex "$stderr" 'in:7: .*text'
	run -0 bash -c "tag-entities --on-error=pass '$T/in' 2>/dev/null | wc -l"
	assert_output 7
}

@test "NUL in text, CRLF line ends, empty input" {
	printf '{"text":"Iran\\u0000Iraq"}\r\n' >"$T/in"
	run -0 bash -c "tag-entities '$T/in' | jq -c '[.entities[] | [.start, .end, .id]]'"
	assert_output '[[0,4,"gpe:iran"],[5,9,"gpe:iraq"]]'
	run -0 tag-entities </dev/null
	assert_output ''
}

@test "gzip input is read; a truncated gzip is an I/O error" {
	samples | gzip -c >"$T/s.gz"
	run -0 bash -c "tag-entities '$T/s.gz' | wc -l"
	assert_output 5
	head -c 3000 "$T/s.gz" >"$T/cut.gz"
	run -74 --separate-stderr tag-entities "$T/cut.gz"
}

@test "| head -1 ends quietly; /dev/full is an I/O error" {
	samples >"$T/in"
	run -0 bash -c "for i in 1 2 3 4 5 6 7 8 9 10; do cat '$T/in'; done | tag-entities 2>'$T/err' | head -1 | wc -l"
	assert_output 1
	[ ! -s "$T/err" ]
	run -74 bash -c "tag-entities '$T/in' >/dev/full"
}

@test "the same input gives the same bytes serially and under parallel --pipe -k" {
	samples >"$T/in"
	grep -v '^#' "$F/aliases.tsv" | cut -f 3 | jq -Rc '{text: .}' >>"$T/in"
	tag-entities "$T/in" >"$T/serial"
	parallel --pipe -k -N 7 tag-entities <"$T/in" >"$T/par"
	cmp "$T/serial" "$T/par"
}
