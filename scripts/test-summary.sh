#!/usr/bin/env bash
# Prints one closing line for the whole run, 'N passed, N failed, N skipped', summed over every
# test project of `dotnet test` (which prints one summary per project).
set -euo pipefail
log=${1:?usage: test-summary.sh LOG}
passed=0; failed=0; skipped=0
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(sed -nE 's/.*Failed:[[:space:]]*([0-9]+), Passed:[[:space:]]*([0-9]+), Skipped:[[:space:]]*([0-9]+).*/\1 \2 \3/p' "$log")
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
