#!/bin/sh
# Run every bats suite under tests/ and end with "N passed, N failed".
# NP_BIN selects the binaries under test (make asan sets it).
set -u
cd "$(dirname "$0")/.." || exit 70
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
status=0
for f in tests/*.bats; do
	printf '== %s\n' "$f"
	bats --tap "$f" >"$out" 2>&1 || status=1
	cat "$out"
	cat "$out" >>"$out.all"
done
passed=$(grep -c '^ok ' "$out.all" || true)
failed=$(grep -c '^not ok ' "$out.all" || true)
rm -f "$out.all"
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
