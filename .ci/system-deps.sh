#!/bin/sh
# The system packages the guide needs beyond Python:
#   Pango (WeasyPrint draws the PDFs with it), fonts to embed, Chromium for the browser
#   tests (Playwright drives Debian's /usr/bin/chromium; it downloads no browser), Node.js
#   for the tests of the page scripts' logic (make test-js: node --test, nothing from npm) and
#   LibreOffice Calc without its GUI (soffice --headless), with which tests/test_xlsx.py prints
#   benchmark.xlsx to PDF to check its pages, and Java for the W3C Nu HTML checker
#   (tests/test_html_valid.py runs npm's vnu-jar over every built page).
# --check             exit 1 and name the packages when something is missing
# --install           install them with apt-get (as root, or through sudo)
# --check-or-install  install only when something is missing and we may (root or sudo)
set -eu
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core chromium nodejs libreoffice-calc-nogui openjdk-17-jre-headless"

missing() {
  out=""
  for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out="$out $p"
  done
  echo "$out"
}

install() {
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Missing system packages:$1. Install them as root: apt-get install$1" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $1 >/dev/null
}

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian or Ubuntu system: install Pango (1.44+), DejaVu fonts, Chromium, Node.js (with npm), LibreOffice Calc and Java 17 yourself." >&2
  exit 0
fi
need=$(missing)
case "${1:---check}" in
  --check)
    if [ -n "$need" ]; then echo "Missing system packages:$need. Run: sudo apt-get install$need" >&2; exit 1; fi ;;
  --install) install "$PACKAGES" ;;
  --check-or-install)
    if [ -n "$need" ]; then echo "Installing system packages:$need"; install "$need"; fi ;;
  *) echo "usage: $0 [--check|--install|--check-or-install]" >&2; exit 2 ;;
esac
