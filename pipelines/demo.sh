#!/bin/sh
# demo.sh: what `make demo` runs. Analyze the sample articles, show one
# line per article, then the analyst's report (when bin/report exists).
# Run from anywhere: paths are taken from this script's place.
set -eu

top=$(cd -- "$(dirname -- "$0")/.." && pwd)
bin=${NP_BIN:-$top/bin}
samples=${1:-$top/samples}
out=$(mktemp "${TMPDIR:-/tmp}/newspipe-demo.XXXXXX")
trap 'rm -f -- "$out"' EXIT INT TERM

printf '$ analyze %s > analyzed.ndjson\n' "$samples"
"$bin/analyze" -- "$samples" >"$out"
printf '%s records\n\n' "$(wc -l <"$out" | tr -d ' ')"

printf '$ jq: source, sentences, entities, top entity, stance, camp\n'
jq -r '
	def top: (.entities // []) | group_by(.id) | map({id: .[0].id, n: length})
	    | sort_by(-.n, .id) | first | if . then "\(.id)x\(.n)" else "-" end;
	def stances: (.stance // {}) | to_entries
	    | map("\(.key)=\(.value.label)") | join(",");
	[(.source | split("/") | last),
	 "sent=\(.sentences // [] | length)",
	 "ent=\(.entities // [] | length)",
	 "top=\(top)",
	 "stance=\(stances)",
	 "camp=\(.camp.label // "-")"] | join("  ")
' "$out"

if [ -x "$bin/report" ]; then
	printf '\n$ report analyzed.ndjson\n'
	"$bin/report" "$out"
fi
