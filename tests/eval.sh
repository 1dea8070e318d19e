#!/bin/sh
# eval.sh (make eval): score bin/tag-entities on the entity benchmarks in
# ../shared/benchmarks/entities (outside the repository: third-party text,
# measured here, never copied in). Prints P/R/F1 per type for CoNLL-2003
# eng.testb (PERSON/ORG/LOC, GPE merged into LOC) and, when present, the
# Iran development set (all five types, with id accuracy).
# NP_SHARED overrides the shared directory; NP_BIN the binaries.
set -u
cd "$(dirname "$0")/.." || exit 70
shared=${NP_SHARED:-../shared}
dir=$shared/benchmarks/entities
bin=${NP_BIN:-bin}
if [ ! -f "$dir/score.py" ] || [ ! -f "$dir/conll2003_eng_testb.jsonl" ]; then
	echo "eval: $dir not found, skipped"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "eval: python3 not found, skipped"
	exit 0
fi
status=0
echo "== CoNLL-2003 eng.testb (PERSON, ORG, LOC; GPE counted as LOC)"
python3 "$dir/score.py" --merge-loc --types PERSON,ORG,LOC \
    "$dir/conll2003_eng_testb.jsonl" -- "$bin/tag-entities" || status=1
if [ -f "$dir/iran_dev.jsonl" ]; then
	echo "== Iran development set (all types, canonical ids)"
	python3 "$dir/score.py" "$dir/iran_dev.jsonl" -- "$bin/tag-entities" ||
	    status=1
fi
exit "$status"
