#!/usr/bin/env bash
# A headless browser for the review-site tests (tests/review/): Debian's chromium and chromium-driver.
#
#   bash scripts/browser.sh      install them with apt-get when missing and possible; print what is there
#
# Like scripts/postgres.sh: installs only as root with apt-get, and never fails the caller: without a
# browser the browser tests skip with the reason (pipeline/review/browser.py says why). A CJK font
# (fonts-wqy-microhei, 1.6 MB) comes along when the machine has none, so that Chinese renders in the
# screenshots; POLICY_EXTRACT_CHROMIUM / POLICY_EXTRACT_CHROMEDRIVER point the tests at other binaries.
set -uo pipefail

say() { echo "browser.sh: $*" >&2; }

have_browser() {
  { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } \
    && { command -v chromedriver >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromedriver ]; }
}
have_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; }

if have_browser && have_cjk_font; then
  say "chromium and chromedriver present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  have_browser && { say "chromium present (no CJK font: Chinese may render as boxes)"; exit 0; }
  say "no chromium and cannot install it here (needs root and apt-get): browser tests will be skipped"
  exit 0
fi
pkgs=()
have_browser || pkgs+=(chromium chromium-driver)
have_cjk_font || pkgs+=(fonts-wqy-microhei)
say "installing ${pkgs[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq >&2 && apt-get install -y -qq "${pkgs[@]}" >&2; then
  say "installed ${pkgs[*]}"
else
  say "apt-get install ${pkgs[*]} failed: browser tests will be skipped"
fi
exit 0
