#!/usr/bin/env bash
# Prints one closing line for the whole run, 'N passed, N failed, N skipped', summed over the
# per-project summaries that `dotnet test` prints ("     Passed: N", "     Failed: N", "    Skipped: N").
set -euo pipefail
log=${1:?usage: test-summary.sh LOG}
sum() { sed -nE "s/^[[:space:]]+$1: ([0-9]+)[[:space:]]*$/\1/p" "$log" | awk '{s+=$1} END {print s+0}'; }
echo "$(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
