#!/usr/bin/env bash
# Set up .venv (if needed) and run the tests. Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# A PostgreSQL server for the loader tests (skipped with a message when it cannot be started).
bash scripts/postgres.sh || echo "postgres: not available, PostgreSQL tests will be skipped"
# A headless Chromium for the review-site tests (skipped with a message when it cannot be installed).
bash scripts/browser.sh || echo "browser: not available, browser tests will be skipped"
exec .venv/bin/python -m pytest -q "$@"
