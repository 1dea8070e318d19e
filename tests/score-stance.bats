#!/usr/bin/env bats
bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/score-stance"
	T="$BATS_TEST_TMPDIR"
	export NEWSPIPE_DATA="$BATS_TEST_DIRNAME/../data"
}

# one record from one sentence of hand-written text; entities as given
rec() {
	jq -cn --arg t "$1" --argjson e "${2:-[]}" \
	    '{id:"u",text:$t,sentences:[{start:0,end:($t|length),text:$t}],entities:$e}'
}
# an entity over the first occurrence of NAME in TEXT (ASCII text)
ent() {
	jq -cn --arg t "$1" --arg n "$2" --arg id "$3" --arg ty "$4" \
	    '[($t|index($n)) as $s | {start:$s,end:($s+($n|length)),text:$n,type:$ty,id:$id,sentence:0}]'
}
# label of target T for TEXT ("absent" when the target is not mentioned)
label() {
	rec "$1" "${3:-[]}" | score-stance | jq -r --arg t "$2" '.stance[$t].label // "absent"'
}
score() {
	rec "$1" "${3:-[]}" | score-stance | jq -r --arg t "$2" '.stance[$t].score // "absent"'
}
camp() {
	rec "$1" | score-stance | jq -r '.camp.label'
}

# ---- the five samples against hand-written expectations (expect.tsv)

@test "samples: camp and every target's label match expect.tsv" {
	score-stance "$F/samples.ndjson" >"$T/out.ndjson"
	fails=0
	while IFS=$'\t' read -r s what want why; do
		case "$s" in '#'* | '') continue ;; esac
		if [ "$what" = camp ]; then
			got=$(jq -r --arg s "$s" 'select(.id|startswith($s)) | .camp.label' "$T/out.ndjson")
		else
			got=$(jq -r --arg s "$s" --arg t "$what" 'select(.id|startswith($s)) | .stance[$t].label // "absent"' "$T/out.ndjson")
		fi
		if [ "$got" != "$want" ]; then
			echo "sample $s $what: want $want, got $got ($why)"
			fails=$((fails + 1))
		fi
	done <"$F/expect.tsv"
	[ "$fails" -eq 0 ]
}

@test "samples: every target the text mentions is listed in expect.tsv, no other" {
	score-stance "$F/samples.ndjson" |
	    jq -r '.id[0:3] as $s | .stance | keys[] | $s + " " + .' | sort >"$T/got"
	grep -v '^#' "$F/expect.tsv" | awk -F'\t' '$2 != "camp" {print $1 " " $2}' | sort >"$T/want"
	run diff "$T/want" "$T/got"
	assert_success
}

@test "samples: every non-neutral label and every camp carries evidence" {
	run -0 bash -c "score-stance '$F/samples.ndjson' | jq -c '
	    (.stance | to_entries[] | select(.value.label != \"neutral\" and (.value.evidence|length) == 0) | .key),
	    (select((.camp.evidence|length) == 0) | \"camp\")'"
	assert_output ''
}

@test "samples: evidence items point at a sentence that holds the cue" {
	run -0 bash -c "score-stance '$F/samples.ndjson' | jq -c '. as \$r | .stance[] | .evidence[] |
	    select(.cue as \$c | \$r.sentences[.sentence].text | contains(\$c) | not)'"
	assert_output ''
}

@test "samples: the same text three times over scores alike (normalised by mentions)" {
	jq -c 'select(.id|startswith("003")) | (.text|length) as $n |
	    .text = (.text + .text + .text) |
	    .sentences = [range(3) as $k | .sentences[] | .start += $k*$n | .end += $k*$n] |
	    .entities = [range(3) as $k | .entities[] | .start += $k*$n | .end += $k*$n]' \
	    "$F/samples.ndjson" >"$T/three"
	one=$(score-stance "$F/samples.ndjson" | jq -c 'select(.id|startswith("003")) | .stance | map_values(.label)')
	three=$(score-stance "$T/three" | jq -c '.stance | map_values(.label)')
	[ "$one" = "$three" ]
	run -0 bash -c "paste <(score-stance '$F/samples.ndjson' | jq -r 'select(.id|startswith(\"003\")) | .stance[].score') \
	    <(score-stance '$T/three' | jq -r '.stance[].score') | awk '{ d = \$1 - \$2; if (d < -0.1 || d > 0.1) print }'"
	assert_output ''
}

@test "samples: 004 records Khamenei's own stance on the MEK as quoted, not the outlet's" {
	run -0 bash -c "score-stance '$F/samples.ndjson' | jq -r 'select(.id|startswith(\"004\")) | .stance_quoted[\"person:ali-khamenei\"].mek, .stance.mek.label'"
	assert_line -n 1 pro
	# the speaker's own words about the MEK are hostile
	awk 'NR == 1 { exit !($1 < 0) }' <<<"$output"
}

@test "own articles (hand-written, one per camp): camp and the main targets" {
	# own.ndjson: three short articles we wrote in each camp's house style,
	# run through clean | split-sentences | tag-entities
	run -0 bash -c "score-stance '$F/own.ndjson' | jq -r '[.id, .camp.label, .stance[\"iran-gov\"].label, .stance.mek.label] | join(\" \")'"
	# state: MKO, hypocrites, Zionist regime, the Leader; intelligence forces credited
	assert_line -n 0 'own-state state pro anti'
	# opposition: mullahs' regime, brutal crackdown; Resistance Units courageous
	assert_line -n 1 'own-opp opposition anti pro'
	# wire: Reuters, state media, did not provide evidence; labels only attributed
	assert_line -n 2 'own-wire independent neutral neutral'
}

@test "own articles that break the stereotype: stance is read, not guessed from camp" {
	run -0 bash -c "score-stance '$F/own.ndjson' | jq -r 'select(.id|test(\"ind-hostile|state-talks|opp-congress\")) |
	    [.id, .camp.label, (.stance | to_entries | map(.key + \"=\" + .value.label) | join(\",\"))] | join(\" \")'"
	# an independent paper hostile to Tehran in its own voice (brutal, hanged)
	assert_line -n 0 'own-ind-hostile independent iran-gov=anti'
	# a state text on nuclear talks, neutral about the US (its camp has no
	# vocabulary to show: read as independent, a known limit)
	assert_line -n 1 'own-state-talks independent iran-gov=neutral,us=neutral'
	# an opposition release praising Congress: pro-US, by the enemy-of-my-enemy
	# rule (condemning the regime) and "supporting the Iranian people"
	assert_line -n 2 'own-opp-congress opposition iran-gov=anti,mek=pro,us=pro'
}

@test "own articles: an independent exposé against the MEK, a column for it, a state text against the US" {
	run -0 bash -c "score-stance '$F/own.ndjson' | jq -r 'select(.id|test(\"^(ind|state)-\")) |
	    [.id, (.stance | to_entries | map(.key + \"=\" + .value.label) | join(\",\"))] | join(\" \")'"
	# "cult-like organisation" in the sentence after the MEK is named
	assert_line -n 0 'ind-anti-mek mek=anti'
	# "the best organised opposition", "paid dearly"; "brutal rulers" is Tehran
	assert_line -n 1 'ind-pro-mek iran-gov=anti,mek=pro'
	# "economic terrorism", "hostile policies have failed"
	assert_line -n 2 'state-anti-us iran-gov=pro,us=anti'
}

@test "direction: a predicate judges its clause's subject" {
	t='The regime'"'"'s desperate attempts to demonize the Iranian Resistance have failed.'
	run label "$t" iran-gov
	assert_output anti
	run label "$t" mek
	assert_output pro
}

# ---- target direction

@test "direction: 'The MEK terrorists attacked IRGC posts' is anti-MEK, not anti-IRGC" {
	t='The MEK terrorists attacked IRGC posts near the border.'
	run label "$t" mek
	assert_output anti
	run label "$t" iran-gov
	assert_output neutral
}

@test "direction: the mirror sentence turns it round" {
	t='The IRGC terrorists attacked MEK camps near the border.'
	run label "$t" iran-gov
	assert_output anti
	run label "$t" mek
	assert_output neutral
}

@test "direction: a victim after 'against' takes no blame" {
	t='Regime agents plotted a bomb attack against the PMOI rally in Paris.'
	run label "$t" iran-gov
	assert_output anti
	run score "$t" mek
	awk '{ exit !($1 >= 0) }' <<<"$output"
}

@test "direction: the possessive and the of-phrase carry the cue to their owner" {
	run label "The regime's criminal policies in Iraq continue." iran-gov
	assert_output anti
	run label "The crimes of the Zionist regime in Gaza go on." israel
	assert_output anti
}

@test "direction: a cue about an actor that is no target stays off the targets" {
	t='Iran condemned the brutal Syrian regime of Bashar al-Assad.'
	run label "$t" iran-gov
	refute_output anti
}

@test "direction: 'especially' hands a list's judgement to its members" {
	run label "The sanctions are the work of the enemies of Islam, especially the United States." us
	assert_output anti
}

@test "direction: coordinated actors share the judgement" {
	t='The United States and the Zionist regime are warmongers.'
	run label "$t" us
	assert_output anti
	run label "$t" israel
	assert_output anti
}

@test "direction: a verb's doer is its clause's subject, not the nearer object" {
	t='Iran exposed CIA agents and dismantled their networks.'
	run label "$t" iran-gov
	assert_output pro
	run label "$t" us
	assert_output neutral
}

@test "direction: a deed noun blames its doer, never its target" {
	t='The Israeli attack on Iranian nuclear facilities drew protests.'
	run label "$t" israel
	assert_output anti
	t='The officials said that the rocket attack on the US embassy in Baghdad injured no one.'
	run label "$t" us
	assert_output neutral
}

@test "direction: a patient verb judges a near object, not an act or a far one" {
	run label "The rally condemned banning the PMOI in Europe." mek
	assert_output neutral
	run label "The rally condemned the PMOI." mek
	assert_output anti
	run label "Lawmakers backed a bill condemning the clerical regime for its crimes." iran-gov
	assert_output anti
}

@test "direction: victims stay victims across a list" {
	t='The group carried out acts of terror against Iranian civilians and government officials.'
	run label "$t" iran-gov
	assert_output neutral
}

# ---- contested names, and one word pointing both ways

@test "names: 'Zionist regime' is Israel, not Tehran, and is state framing" {
	t='The Zionist regime bombed a school in Gaza.'
	run label "$t" israel
	assert_output anti
	run label "$t" iran-gov
	assert_output absent
	run camp "$t"
	assert_output state
}

@test "names: 'US regime' is Washington; bare 'regime' is Tehran" {
	run label "The US regime imposed new sanctions." us
	assert_output anti
	run label "The US regime imposed new sanctions." iran-gov
	assert_output absent
	run label "The regime arrested more students." iran-gov
	assert_output anti
}

@test "names: 'MKO' and 'the hypocrites' are anti-MEK state names; 'Iranian Resistance' the reverse" {
	run label "The MKO held a meeting in Albania." mek
	assert_output anti
	run camp "The hypocrites of the MKO held a meeting in Albania."
	assert_output state
	run label "The Iranian Resistance held a rally in Berlin." mek
	assert_output pro
	run camp "The Resistance Units in Tehran marked the anniversary of the uprising."
	assert_output opposition
}

@test "names: 'Leader of the Islamic Revolution' honours; 'the mullahs' regime' scorns" {
	run label "The Leader of the Islamic Revolution pardoned a large number of prisoners." iran-gov
	assert_output pro
	run label "The mullahs' regime fears another uprising." iran-gov
	assert_output anti
	run camp "The mullahs' regime fears another uprising."
	assert_output opposition
}

@test "names: 'terrorist' aimed either way" {
	run label "The terrorist MKO killed civilians in Tehran." mek
	assert_output anti
	run label "The terrorist MKO killed civilians in Tehran." iran-gov
	refute_output anti
	run label "The terrorist Quds Force killed civilians in Iraq." iran-gov
	assert_output anti
}

@test "names: the state's 'Resistance Axis' is not the MEK's 'Resistance'; 'Hezbollah Leader' is not the Leader" {
	t='The Resistance Axis stood firm, said Hezbollah Leader Hassan Nasrallah.'
	run label "$t" mek
	assert_output absent
	run label "$t" iran-gov "$(ent "$t" Hezbollah org:hezbollah ORG)"
	assert_output absent
	run label 'The Iranian Resistance and the Resistance Units met in Paris.' mek
	assert_output pro
}

@test "names: a target the text never names is absent, not neutral" {
	run -0 bash -c "$(declare -f rec); rec 'The IRGC held drills in the Gulf.' | score-stance | jq -c '.stance | keys'"
	assert_output '["iran-gov"]'
}

# ---- reported speech

@test "reported: a wire's 'X said' carries the harsh words at low weight" {
	t='Khamenei said the MEK are the worst terrorists in the world, Reuters reported.'
	run label "$t" mek "$(ent "$t" Khamenei person:ali-khamenei PERSON)"
	assert_output neutral
}

@test "reported: the speaker's own stance goes to stance_quoted" {
	t='Khamenei said the MEK are the worst terrorists in the world, Reuters reported.'
	run -0 bash -c "$(declare -f rec ent); rec '$t' \"\$(ent '$t' Khamenei person:ali-khamenei PERSON)\" |
	    score-stance | jq -r '.stance_quoted[\"person:ali-khamenei\"].mek'"
	awk '{ exit !($1 < 0) }' <<<"$output"
}

@test "reported: distancing verbs are independent framing, not stance" {
	t='The ministry claimed, without presenting any evidence, that the MEK was behind the attack.'
	run camp "$t"
	assert_output independent
	run label "$t" mek
	assert_output neutral
}

@test "reported: the outlet's own voice outweighs the same words quoted" {
	own=$(score "The MEK is a terrorist cult." mek)
	quoted=$(score 'Officials said: "The MEK is a terrorist cult that must be destroyed."' mek)
	awk -v a="$own" -v b="$quoted" 'BEGIN { exit !(a < b) }'
}

# ---- negation, hedges, intensifiers, and their traps

@test "negation: 'not a terrorist group' is not anti" {
	run label "The MEK is not a terrorist group." mek
	refute_output anti
	run label "The MEK is a terrorist group." mek
	assert_output anti
}

@test "negation: 'denied that ... was a terrorist cult' is not anti" {
	run label "Lawyers denied that the MEK was a terrorist cult." mek
	refute_output anti
}

@test "negation trap: 'not only brutal but also corrupt' stays anti" {
	run label "The regime is not only brutal but also corrupt." iran-gov
	assert_output anti
}

@test "negation trap: 'not normal terrorists' does not flip 'terrorists'" {
	run label "The MEK are not normal terrorists." mek
	assert_output anti
}

@test "negation trap: 'never-ending' is no negator" {
	run label "The never-ending brutality of the regime goes on." iran-gov
	assert_output anti
}

@test "intensifier and hedge: 'most ruthless' > 'ruthless' > 'may be ruthless'" {
	a=$(score "The most ruthless regime hanged them." iran-gov)
	b=$(score "The ruthless regime hanged them." iran-gov)
	c=$(score "The regime may be ruthless." iran-gov)
	awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN { exit !(a < b && b < c && c < 0) }'
}

@test "scare quotes turn praise round: the regime's \"achievements\"" {
	run label 'The government spoke again of its "achievements" abroad.' iran-gov
	refute_output pro
	run label 'The government spoke again of its achievements abroad.' iran-gov
	assert_output pro
}

# ---- options

@test "--explain adds a readable line to every evidence item" {
	run -0 bash -c "score-stance --explain '$F/samples.ndjson' | jq -r '.stance[].evidence[].explain, .camp.evidence[].explain' | grep -vc ' = ' || true"
	assert_output 0
	run -0 bash -c "score-stance --explain '$F/samples.ndjson' | jq -r 'select(.id|startswith(\"000\")) | .stance.israel.evidence[0].explain'"
	assert_output --partial "israel 'Zionist regime' (name cue"
}

@test "--targets replaces the target set" {
	printf '# two targets\nirgc\torg:irgc\t1\tstate\nisrael\tgpe:israel\n' >"$T/targets.tsv"
	run -0 bash -c "score-stance --targets='$T/targets.tsv' '$F/samples.ndjson' | jq -c '.stance | keys' | sort -u"
	assert_line '["irgc","israel"]'
	refute_output --partial mek
}

@test "--lexicon loads an AFINN-style file instead of the evaluative lexicon" {
	printf 'wonderful\t4\n' >"$T/afinn.txt"
	t='The wonderful IRGC held drills in the Gulf.'
	run -0 bash -c "$(declare -f rec); rec '$t' | score-stance --lexicon='$T/afinn.txt' | jq -r '.stance[\"iran-gov\"].label'"
	assert_output pro
	run -0 bash -c "$(declare -f rec); rec 'The brutal IRGC held drills.' | score-stance --lexicon='$T/afinn.txt' | jq -r '.stance[\"iran-gov\"].label'"
	assert_output neutral
}

@test "--lexicon: a bad row names file and line, exit 65" {
	printf 'wonderful\t4\nawful\tvery\n' >"$T/bad.txt"
	run -65 --separate-stderr bash -c "score-stance --lexicon='$T/bad.txt' </dev/null"
	assert_regex "$stderr" 'bad.txt:2: '
}

@test "--help agrees with the options; --version; bad option is 64" {
	run -0 score-stance --help
	assert_output --partial 'Usage: score-stance [OPTION]... [FILE]...'
	assert_output --partial '--explain'
	assert_output --partial '--targets=FILE'
	assert_output --partial '--lexicon=FILE'
	run -0 score-stance --version
	assert_output --regexp '^score-stance \(newspipe\) [0-9]'
	run -64 --separate-stderr score-stance --bogus
	assert_regex "$stderr" "Try 'score-stance --help'"
}

@test "--field reads another text field" {
	jq -cn --arg t 'The brutal regime hanged them.' '{body:$t,sentences:[{start:0,end:($t|length)}],entities:[]}' >"$T/in"
	run -0 bash -c "score-stance --field=body '$T/in' | jq -r '.stance[\"iran-gov\"].label'"
	assert_output anti
	run -65 --separate-stderr score-stance "$T/in"
	assert_regex "$stderr" 'no text field'
}

@test "a missing data file exits 66 naming it" {
	run -66 --separate-stderr score-stance --data-dir="$T/nowhere" </dev/null
	assert_regex "$stderr" 'nowhere/stance/'
}

# ---- record contract

@test "a record without sentences or entities is bad, with the reason" {
	printf '{"id":"a","text":"The IRGC.","entities":[]}\n{"id":"b","text":"x","sentences":[]}\n' >"$T/in"
	run -65 --separate-stderr score-stance "$T/in"
	assert_output ''
	assert_regex "$stderr" 'in:1: no sentences array: run split-sentences first'
	assert_regex "$stderr" 'in:2: no entities array: run tag-entities first'
}

@test "bad records follow --on-error=pass, --rejects and --on-error=fail" {
	printf '{"id":"a","text":"x","entities":[]}\n' >"$T/in"
	rec 'The IRGC held drills.' >>"$T/in"
	run -65 --separate-stderr score-stance --on-error=pass "$T/in"
	assert_line -n 0 '{"id":"a","text":"x","entities":[]}'
	assert_line -n 1 --partial '"stance":{"iran-gov"'
	run -65 --separate-stderr score-stance --rejects="$T/rej" "$T/in"
	[ "${#lines[@]}" -eq 1 ]
	run cat "$T/rej"
	assert_output '{"id":"a","text":"x","entities":[]}'
	run -65 --separate-stderr score-stance --on-error=fail "$T/in"
	assert_output ''
}

@test "malformed sentences or entities are bad records, others go on" {
	{
		echo '{"id":"a","text":"x","sentences":[{"start":"0"}],"entities":[]}'
		echo '{"id":"b","text":"x","sentences":[],"entities":[7]}'
		rec 'The IRGC held drills.'
	} >"$T/in"
	run -65 --separate-stderr score-stance "$T/in"
	assert_regex "$stderr" 'in:1: sentences\[0\]'
	assert_regex "$stderr" 'in:2: entities\[0\]'
	[ "${#lines[@]}" -eq 1 ]
}

@test "the exploded per-sentence form is accepted" {
	t='The MEK terrorists attacked IRGC posts.'
	jq -cn --arg t "$t" '{doc_id:"d",n:4,start:100,end:140,text:$t,entities:[]}' >"$T/in"
	run -0 bash -c "score-stance '$T/in' | jq -c '[.doc_id, .n, .stance.mek.label, .stance.mek.evidence[0].sentence]'"
	assert_output '["d",4,"anti",4]'
}

@test "unknown fields pass byte for byte; stance fields are replaced, not doubled" {
	printf '{"x":0.1,"big":12345678901234567890,"text":"The IRGC.","sentences":[],"entities":[],"stance":1,"camp":2}\n' >"$T/in"
	run -0 score-stance "$T/in"
	assert_output --partial '"x":0.1,"big":12345678901234567890,'
	[ "$(grep -o '"stance":' <<<"$output" | wc -l)" -eq 1 ]
	[ "$(grep -o '"camp":' <<<"$output" | wc -l)" -eq 1 ]
}

@test "not JSON, not an object, bad UTF-8, lone surrogate: reported, others kept" {
	good=$(rec 'The IRGC held drills.')
	{
		echo 'not json'
		echo '[1]'
		printf '{"text":"\xff"}\n'
		echo '{"text":"\ud800"}'
		echo "$good"
	} >"$T/in"
	run -65 --separate-stderr score-stance "$T/in"
	[ "${#lines[@]}" -eq 1 ]
	assert_regex "$stderr" 'in:1: '
	assert_regex "$stderr" 'in:4: '
}

@test "NUL in text, CRLF line ends, empty input" {
	printf '{"text":"The IRGC\\u0000 is brutal.","sentences":[{"start":0,"end":20}],"entities":[]}\r\n' >"$T/in"
	run -0 bash -c "score-stance '$T/in' | jq -r '.stance[\"iran-gov\"].label'"
	assert_output anti
	run -0 score-stance </dev/null
	assert_output ''
}

@test "gzip input is read; a truncated gzip is an I/O error" {
	gzip -c "$F/samples.ndjson" >"$T/s.gz"
	run -0 bash -c "score-stance '$T/s.gz' | wc -l"
	assert_output 5
	head -c 20000 "$T/s.gz" >"$T/cut.gz"
	run -74 --separate-stderr score-stance "$T/cut.gz"
}

@test "| head -1 ends quietly; /dev/full is an I/O error" {
	run -0 bash -c "for i in 1 2 3 4 5 6 7 8; do cat '$F/samples.ndjson'; done | score-stance 2>'$T/err' | head -1 | wc -l"
	assert_output 1
	[ ! -s "$T/err" ]
	run -74 bash -c "score-stance '$F/samples.ndjson' >/dev/full"
}

@test "the same input gives the same bytes serially and under parallel --pipe -k" {
	for i in 1 2 3; do cat "$F/samples.ndjson"; done >"$T/in"
	score-stance "$T/in" >"$T/a"
	parallel --pipe -k -N2 score-stance <"$T/in" >"$T/b"
	cmp "$T/a" "$T/b"
}

@test "sentences and entities are read from the raw line: escapes, spaces, member order" {
	head -1 "$F/samples.ndjson" >"$T/a.in"
	jq -c '.entities |= map({id, type, "end": .end, start, text})
	    | .sentences |= map({"end": .end, start})' "$T/a.in" |
	    sed 's/"type":"ORG"/"type" : "\\u004FRG"/g
	    s/"id":"org:/"id":"\\u006frg:/g' >"$T/b.in"
	grep -q '"type" : "\\u004FRG"' "$T/b.in"
	grep -q '"id":"\\u006frg:irgc"' "$T/b.in"
	run -0 bash -c "score-stance '$T/a.in' | jq -c '[.stance, .camp, .stance_quoted]'"
	assert_output --partial '"mek":{"score"'
	a=$output
	run -0 bash -c "score-stance '$T/b.in' | jq -c '[.stance, .camp, .stance_quoted]'"
	assert_equal "$output" "$a"
}

@test "an offset that is no integer a long holds is a bad record that says where" {
	for v in 99999999999999999999 1.0 1e2 -1 '"3"'; do
		run -65 --separate-stderr score-stance <<<"{\"id\":\"big\",\"text\":\"x\",\"entities\":[{\"start\":0,\"end\":1},{\"start\":$v,\"end\":1}],\"sentences\":[]}"
		assert_regex "$stderr" 'stdin:1: entities\[1\]: not an object with integer start <= end.*\(id=big\)'
	done
	run -65 --separate-stderr score-stance <<<'{"id":"s","text":"x","entities":[],"sentences":[{"start":0,"end":1e9}]}'
	assert_regex "$stderr" 'sentences\[0\]: not an object with integer start <= end'
	run -65 --separate-stderr score-stance <<<'{"id":"s","text":"x","entities":{},"sentences":[]}'
	assert_regex "$stderr" 'entities is not an array'
}
