#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine. Idempotent: a second run changes nothing.
# Today the tests need only the .NET SDK (restored packages come from NuGet during build).
set -euo pipefail
command -v dotnet >/dev/null || { echo "install-test-deps: the .NET SDK is required (global.json pins 10.0.401)" >&2; exit 1; }
mkdir -p "$(dirname "$0")/../artifacts"
