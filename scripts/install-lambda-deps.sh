#!/usr/bin/env bash
# Installs the cross toolchain that Native AOT needs to build linux-arm64 (Graviton) bundles on an x64 machine:
# clang (the linker driver) and the aarch64 GNU binutils and C runtime (DESIGN.md §4). Idempotent.
set -euo pipefail
packages=(clang-14 gcc-aarch64-linux-gnu libc6-dev-arm64-cross zlib1g-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-lambda-deps: apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
