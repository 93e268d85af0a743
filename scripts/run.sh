#!/usr/bin/env bash
# Set up .venv (if needed) and run the main job on the bundled corpus, writing to outputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
shopt -s nullglob
pages=(corpus/html/*.html corpus/html/*.htm corpus/html/*.html.gz)
[ -d corpus/html/pages ] && pages+=(corpus/html/pages)
.venv/bin/policy-extract run corpus/docs "${pages[@]}" --out outputs "$@"
echo "wrote outputs/documents.jsonl and outputs/errors.jsonl"
# the review site of the run, and the README's screenshots of it when a headless Chromium is there
.venv/bin/policy-extract review outputs --out outputs/review >/dev/null   # says how to open it
.venv/bin/python -m pipeline.review.screenshots outputs/review outputs \
  || echo "screenshots in outputs/ not updated (bash scripts/browser.sh installs a headless Chromium)"
