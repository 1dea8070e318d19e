#!/bin/sh
# tests/golden-rules.sh: run the 52 English "Golden Rules" of the
# pragmatic_segmenter project (MIT) through split-sentences with the
# benchmark's own scorer and print one line, "golden rules: N/52".
#
# The rules are public benchmark data: they are read from ../shared beside
# the repository at run time and never copied into it.
#
#   sh tests/golden-rules.sh       the count (and each failing rule)
#
# Environment: NP_BIN (binaries, default bin/), NP_SHARED (default
# ../shared). Exit 0 with the count, 77 when the data or python3 is absent.
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd -P)
BIN=${NP_BIN:-$REPO/bin}
DIR=${NP_SHARED:-$REPO/../shared}/benchmarks/sentences
GOLD=$DIR/golden_rules_en.jsonl
if [ ! -r "$GOLD" ] || [ ! -r "$DIR/score.py" ]; then
	echo "golden rules: skipped, $GOLD not found"
	exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "golden rules: skipped, no python3"
	exit 77
fi
out=$(python3 "$DIR/score.py" -v "$GOLD" -- "$BIN/split-sentences")
printf '%s\n' "$out" | grep -v '^golden ' || true
last=$(printf '%s\n' "$out" | tail -n 1)
case $last in
golden\ *) ;;
*)
	echo "golden rules: the scorer printed no summary" >&2
	exit 70
	;;
esac
count=${last#golden }
count=${count%% *}
echo "golden rules: $count"
