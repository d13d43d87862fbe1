#!/usr/bin/env bash
# Builds dashboard/dist: installs the dashboard's two npm tools (uPlot, TypeScript) from its lock file when it changed,
# type-checks every // @ts-check source with tsc --noEmit, then copies the sources and the vendored uPlot (build.mjs).
# Needs only Node 20 and npm, which a fresh machine has. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../dashboard"

command -v node >/dev/null || { echo "build-dashboard: Node.js 20 or newer is required (with npm)" >&2; exit 1; }

stamp=node_modules/.mailflow-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "build-dashboard: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
npx --no-install tsc --noEmit -p tsconfig.json
node build.mjs
