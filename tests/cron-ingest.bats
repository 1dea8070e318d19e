#!/usr/bin/env bats
# cron-ingest: incremental, single-instance, crash-safe runs over an inbox.
# Most tests use the stand-ins in fixtures/cron-ingest (stub-analyze: one
# record per file, a line "BAD" is a bad record; stub-dedup: exact ids), so
# that they test cron-ingest's own logic; the kill -9 loop uses the real
# bin/analyze and bin/dedup when they are built.

bats_require_minimum_version 1.5.0

setup() {
	bats_load_library bats-support
	bats_load_library bats-assert
	PATH="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}:$PATH"
	F="$BATS_TEST_DIRNAME/fixtures/cron-ingest"
	CI="${NP_BIN:-$BATS_TEST_DIRNAME/../bin}/cron-ingest"
	STUBS=(--analyze="$F/stub-analyze" --dedup="$F/stub-dedup")
	IN="$BATS_TEST_TMPDIR/in"
	OUT="$BATS_TEST_TMPDIR/out"
	mkdir -p "$IN"
}

# N distinct documents, each with a unique marker word mkNNN, under hostile
# names: spaces, a newline, a leading dash, non-UTF-8 bytes, a subdirectory.
make_inbox() {
	local n=$1 i name
	for ((i = 0; i < n; i++)); do
		case $((i % 6)) in
		0) name="doc $i.txt" ;;
		1) name=$'doc\n'"$i" ;;
		2) name="-doc$i" ;;
		3) name=$'doc\xff\xfe'"$i" ;;
		4) mkdir -p "$IN/sub dir"; name="sub dir/doc$i" ;;
		5) name="doc$i.txt" ;;
		esac
		awk -v seed="$i" -v mark="mk$(printf '%03d' "$i")" 'BEGIN {
			srand(seed + 1)
			split("ka lo mi ne su ta ri vo pe da zu", syl, " ")
			line = "Report " mark " said"
			for (w = 0; w < 60; w++) {
				word = ""
				for (s = 0; s < 2 + int(rand() * 3); s++)
					word = word syl[1 + int(rand() * 11)]
				line = line " " word
			}
			print line "."
		}' >"$IN/$name"
	done
}

# the marker words found in every output, one per record, sorted
markers() {
	local f
	for f in "$OUT"/[0-9][0-9][0-9][0-9]/*/*/*.jsonl.gz; do
		zcat -- "$f"
	done | jq -r '.text' | grep -o 'mk[0-9][0-9][0-9]' | sort
}

# the same for outputs and rejected inputs together
markers_all() {
	{
		markers
		find "$OUT/rejects" -type f ! -name '*.err' -exec cat {} + |
		    grep -o 'mk[0-9][0-9][0-9]'
	} | sort
}

@test "--help and --version" {
	run -0 "$CI" --help
	assert_line --partial 'Usage: cron-ingest [OPTION]... INBOX OUTDIR'
	assert_output --partial '--settle=SECONDS'
	run -0 "$CI" --version
	assert_output --regexp '^cron-ingest \(newspipe\) [0-9]'
}

@test "usage errors exit 64 with one line and a hint" {
	run -64 --separate-stderr "$CI" "$IN"
	[[ ${stderr_lines[0]} == 'cron-ingest: expected INBOX and OUTDIR' ]]
	[[ ${stderr_lines[1]} == "Try 'cron-ingest --help'." ]]
	run -64 --separate-stderr "$CI" --settle=soon "$IN" "$OUT"
	[[ $stderr == *"invalid settle: 'soon'"* ]]
	run -64 --separate-stderr "$CI" --bogus "$IN" "$OUT"
}

@test "OUTDIR inside INBOX is refused" {
	run -64 --separate-stderr "$CI" "${STUBS[@]}" "$IN" "$IN/out"
	[[ $stderr == *'OUTDIR must not be inside INBOX'* ]]
	run -64 --separate-stderr "$CI" "${STUBS[@]}" "$IN" "$IN"
}

@test "a run takes every settled file once, hostile names included" {
	make_inbox 12
	run -0 --separate-stderr "$CI" --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" '^cron-ingest: files=12 rejected=0 retry=0 in=12 out=12 bad=0 duplicates=0 seconds=[0-9.]+$'
	run -0 markers
	assert_equal "$(printf '%s\n' "$output" | uniq | wc -l)" 12
	assert_equal "${#lines[@]}" 12
	# one output file, named YYYY/MM/DD/HHMMSS-NNNN.jsonl.gz, no temporaries
	run -0 bash -c 'cd "$1" && find . -path ./.state -prune -o -type f -print' _ "$OUT"
	assert_output --regexp '^\./[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{6}-0001\.jsonl\.gz$'
	# inputs moved to INBOX/done/, names intact
	[[ -f $IN/done/-doc2 && -f $IN/done/$'doc\xff\xfe3' && -f $IN/done/$'doc\n1' ]]
	[[ -f "$IN/done/sub dir/doc4" ]]
	# the next run has nothing to do and writes nothing
	run -0 --separate-stderr "$CI" --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=0 '
	run -0 markers
	assert_equal "${#lines[@]}" 12
}

@test "--keep leaves inputs in place and still takes each once" {
	make_inbox 4
	run -0 --separate-stderr "$CI" --keep --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=4 '
	[[ ! -e $IN/done && -f "$IN/doc 0.txt" ]]
	echo 'A later report mkz99 said so.' >"$IN/later"
	run -0 --separate-stderr "$CI" --keep --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=1 '
	run -0 --separate-stderr "$CI" --keep --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=0 '
}

@test "files younger than --settle wait; hidden, .part and symlinks are skipped" {
	echo 'Fresh report mk001 said.' >"$IN/fresh"
	echo 'Old report mk002 said.' >"$IN/old"
	touch -d '-10 minutes' "$IN/old"
	echo 'Upload mk003.' >"$IN/.incoming"
	echo 'Upload mk004.' >"$IN/x.part"
	touch -d '-10 minutes' "$IN/.incoming" "$IN/x.part"
	echo 'Secret mk005 outside.' >"$BATS_TEST_TMPDIR/secret"
	ln -s "$BATS_TEST_TMPDIR/secret" "$IN/link"
	run -0 --separate-stderr "$CI" --settle=120 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=1 '
	run -0 markers
	assert_output 'mk002'
	[[ -f $IN/fresh && -f $IN/.incoming && -f $IN/x.part && -L $IN/link ]]
}

@test "a failing input goes to rejects/ with its error, once, and others pass" {
	make_inbox 3
	printf 'BAD\n' >"$IN/-bad name"
	run -0 --separate-stderr "$CI" --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=4 rejected=1 retry=0 in=3 out=3 bad=1 '
	run -0 markers
	assert_equal "${#lines[@]}" 3
	run -0 bash -c 'cat "$1"/rejects/*.err' _ "$OUT"
	assert_output --partial 'status: 65'
	assert_output --partial 'input: '"$IN"'/-bad\ name'
	assert_output --partial '/-bad name:1: bad record'
	run -0 bash -c 'cat "$1"/rejects/*[0-9]' _ "$OUT"
	assert_output 'BAD'
	[[ -f "$IN/done/-bad name" ]]
	run -0 --separate-stderr "$CI" --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=0 '
}

@test "an input whose analysis crashes is retried --max-tries times, then rejected" {
	echo 'Good report mk001 said.' >"$IN/good"
	echo 'Crashing report mk002.' >"$IN/crash"
	cat >"$BATS_TEST_TMPDIR/crashy" <<EOF
#!/usr/bin/env bash
for a; do [[ \$a == */crash ]] && { echo 'analyze: boom' >&2; exit 70; }; done
exec "$F/stub-analyze" "\$@"
EOF
	chmod +x "$BATS_TEST_TMPDIR/crashy"
	opts=(--settle=0 --max-tries=2 --analyze="$BATS_TEST_TMPDIR/crashy" --dedup="$F/stub-dedup")
	run -0 --separate-stderr "$CI" "${opts[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=2 rejected=0 retry=1 in=1 out=1 '
	[[ -f $IN/crash && -f $IN/done/good ]]
	run -0 --separate-stderr "$CI" "${opts[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=1 rejected=1 retry=0 in=0 out=0 '
	[[ -f $IN/done/crash ]]
	run -0 bash -c 'cat "$1"/rejects/*.err' _ "$OUT"
	assert_output --partial 'analyze: boom'
}

@test "analyze failing on every input is a retry later (75), nothing committed" {
	make_inbox 3
	run -75 --separate-stderr "$CI" --settle=0 --analyze=false --dedup="$F/stub-dedup" "$IN" "$OUT"
	[[ $stderr == *'analyze failed on every input (status 1)'* ]]
	[[ ! -e $IN/done && ! -e $OUT/.state/done ]]
	run -0 --separate-stderr "$CI" --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=3 rejected=0 '
}

@test "duplicates across runs are dropped by dedup's state and kept in dropped/" {
	make_inbox 2
	run -0 --separate-stderr "$CI" --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	cp "$IN/done/doc 0.txt" "$IN/again.txt"
	run -0 --separate-stderr "$CI" --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	assert_regex "$stderr" 'files=1 rejected=0 retry=0 in=1 out=0 bad=0 duplicates=1 '
	run -0 bash -c 'zcat "$1"/dropped/*/*/*/*.jsonl.gz' _ "$OUT"
	assert_output --partial 'mk000'
}

@test "a second concurrent run exits 0 at once with a log line" {
	make_inbox 2
	mkdir -p "$OUT/.state"
	exec 8>>"$OUT/.state/lock"
	flock -n 8
	run -0 --separate-stderr "$CI" --settle=0 "${STUBS[@]}" "$IN" "$OUT"
	[[ $stderr == *'another run holds'*'nothing to do' ]]
	exec 8>&-
	[[ ! -e $IN/done ]]
}

@test "ENOSPC writing the output commits nothing" {
	[[ -w /dev/full ]] || skip "no /dev/full"
	make_inbox 2
	cat >"$BATS_TEST_TMPDIR/fulldedup" <<'EOF'
#!/usr/bin/env bash
cat >/dev/full
EOF
	chmod +x "$BATS_TEST_TMPDIR/fulldedup"
	run -70 --separate-stderr "$CI" --settle=0 --analyze="$F/stub-analyze" --dedup="$BATS_TEST_TMPDIR/fulldedup" "$IN" "$OUT"
	[[ ! -e $IN/done && ! -e $OUT/.state/done ]]
	run -0 bash -c 'find "$1" -name "work.*" -o -name ".cron-ingest.*"' _ "$OUT"
	assert_output ''
}

@test "with the real analyze and dedup: analyzed records, hostile names" {
	command -v analyze >/dev/null && command -v dedup >/dev/null &&
	    command -v score-stance >/dev/null || skip "analyze, dedup or the filters not built"
	make_inbox 6
	cp "$IN/doc 0.txt" "$IN/copy of doc 0"
	run -0 --separate-stderr "$CI" --settle=0 --jobs=1 "$IN" "$OUT"
	# every document is read, the one with a non-UTF-8 name included
	# (ingest repairs the name in source); the copy is the one duplicate
	assert_regex "$stderr" '^cron-ingest: files=7 rejected=0 retry=0 in=7 out=6 bad=0 duplicates=1 seconds=[0-9.]+$'
	run -0 bash -c 'zcat "$1"/[0-9]*/*/*/*.jsonl.gz | jq -c "[.source, .camp.label, (.sentences | length > 0)]"' _ "$OUT"
	assert_line "[\"$IN/-doc2\",\"independent\",true]"
	assert_line "[\"$IN/doc\\n1\",\"independent\",true]"
	run -0 markers_all
	assert_output "$(seq -f 'mk%03g' 0 5)"
}

# Start RUNS runs of cron-ingest OPTS... and SIGKILL each at a random instant
# between its start and 1.2 times the length of an undisturbed run (the
# first run, not killed, measures it); then run until a run finds nothing.
kill_loop() {
	local runs=$1 i pid t0 t1 span delay
	shift
	t0=$EPOCHREALTIME
	"$CI" "$@" "$IN" "$OUT" 2>>"$BATS_TEST_TMPDIR/log"
	t1=$EPOCHREALTIME
	span=$(((${t1/./} - ${t0/./}) / 1000 * 6 / 5))	# milliseconds
	for ((i = 1; i < runs; i++)); do
		setsid "$CI" "$@" "$IN" "$OUT" 2>>"$BATS_TEST_TMPDIR/log" &
		pid=$!
		delay=$(((RANDOM * 32768 + RANDOM) % span))
		sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
		# half the time only the script (children finish as orphans),
		# half the time the whole process group (a power cut)
		if ((i % 2)); then
			kill -9 "$pid" 2>/dev/null || true
		else
			kill -9 -- "-$pid" 2>/dev/null || true
		fi
		wait "$pid" || true
		# orphans hold the lock until they are done: wait for them
		[[ ! -e $OUT/.state/lock ]] || flock "$OUT/.state/lock" true
	done
	for ((i = 0; i < 30; i++)); do
		run -0 --separate-stderr "$CI" "$@" "$IN" "$OUT"
		[[ $stderr != *'files=0 '* ]] || break
	done
	assert_regex "$stderr" 'files=0 '
}

# each of N documents exactly once in outputs and rejects, none analyzed
# twice (dedup would have dropped it, hiding the repeat), nothing left over
assert_exactly_once() {
	run -0 markers_all
	assert_equal "$output" "$(seq -f 'mk%03g' 0 $(($1 - 1)))"
	run -0 find "$OUT" -path "$OUT/dropped/*" -type f
	assert_output ''
	run -0 bash -c 'find "$1" -name "work.*" -o -name ".cron-ingest.*" -o -name journal' _ "$OUT"
	assert_output ''
}

@test "kill -9 at random instants over 24 runs: every document exactly once" {
	make_inbox 30
	kill_loop 24 --settle=0 --max-files=4 "${STUBS[@]}"
	assert_exactly_once 30
	run -0 bash -c 'cd "$1" && find . -path ./done -prune -o -type f -print' _ "$IN"
	assert_output ''
}

@test "kill -9 over 20 runs with --keep: the list of inputs done is exact" {
	make_inbox 18
	kill_loop 20 --keep --settle=0 --max-files=3 "${STUBS[@]}"
	assert_exactly_once 18
	[[ ! -e $IN/done ]]
}

@test "the man page names every option of --help" {
	run -0 "$CI" --help
	for opt in $(grep -o -- '--[a-z][a-z-]*' <<<"$output" | sort -u); do
		grep -q -- "${opt//-/\\\\-}" "$BATS_TEST_DIRNAME/../man/cron-ingest.1" || fail "man page lacks $opt"
	done
}
