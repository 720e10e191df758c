#!/usr/bin/env bash
# `npm test`: the whole suite. Installs what the tests need when missing (Chromium from Debian,
# a Python venv with the pinned MLflow client), then runs the checks from cheapest to slowest.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$1"; }

step "typecheck"
npx tsc --noEmit -p .

step "UI/server boundary"
node scripts/check-boundaries.mjs

step "unit tests (vitest)"
npx vitest run

step "build"
NEXT_TELEMETRY_DISABLED=1 npx next build > /tmp/runboard-build.log 2>&1 || { tail -50 /tmp/runboard-build.log; exit 1; }
echo "next build ok"

step "conformance (official MLflow client, pytest)"
bash scripts/conformance.sh -q

step "browser tests (Playwright, Debian Chromium)"
bash scripts/ensure-chromium.sh
npx playwright test

printf '\nall test stages passed\n'
