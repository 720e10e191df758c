#!/usr/bin/env bash
# The UI benchmark: Runboard's and MLflow's web UIs in Chromium, side by side, over the same demo
# data. See bench/README.md ("UI") and `bench/ui/run.sh --help`.
#
#   bench/ui/run.sh                     # both UIs, 5 cold loads of each page (seeds on first use)
#   bench/ui/run.sh --skip-mlflow       # Runboard only
#   bench/ui/run.sh --reps 3 --scenarios table
#
# It starts each server itself (one at a time, free port, data under --reuse DIR, default
# /tmp/runboard-bench-ui), seeds it with `scripts/demo.mjs --size large --seed 7` the first time
# (Runboard: a few minutes; MLflow: 15-25 minutes) and reuses that data afterwards. Runboard is
# started through scripts/start.mjs, which runs `next build` first when the build is missing or
# older than the sources.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec node "$here/ui-bench.mjs" "$@"
