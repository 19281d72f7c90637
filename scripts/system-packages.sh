#!/usr/bin/env bash
# Debian packages Tripartite needs beyond Python: Chromium for the browser tests and the
# Noto fonts that render names in every script; LibreOffice (Writer, headless) turns letters
# from Word into PDF. Installs what is missing when run as root; otherwise says what is missing
# and what it disables (the tests that need it are then skipped, and fail in CI).
set -euo pipefail
missing=()
declare -A disables=(
  [chromium]="the browser tests"
  [fonts-noto-core]="names in non-Latin scripts in PDFs and badges (they print as boxes)"
  [fonts-noto-cjk]="Chinese, Japanese and Korean names in PDFs and badges (they print as boxes)"
  [libreoffice-writer-nogui]="PDF letters and the PDF information document (Word still works)"
  [haproxy]="the cluster tests (scripts/cluster.sh: two servers behind a proxy)"
)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing Debian packages (install them as root: apt-get install ${missing[*]}):"
  for package in "${missing[@]}"; do echo "  - $package: without it, no ${disables[$package]}"; done
  exit 0
fi
echo "Installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
