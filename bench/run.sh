#!/usr/bin/env bash
# Runs the benchmarks against Runboard and a real `mlflow server`, side by side, and prints a
# table (metric | Runboard | MLflow | ratio). See bench/README.md.
#
#   bench/run.sh                       # ingest + search, N = 100000 (MLflow seeded for <= 15 min)
#   bench/run.sh --bench ingest        # ingest only (a few minutes)
#   bench/run.sh --bench search --n 20000
#
# The servers run one at a time (never both at once: on 2 cores an idle peer's background
# threads would still steal CPU), each on a free port with its own fresh data, and are stopped
# afterwards. Before each server starts, the script waits for the machine to be quiet.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

BENCH=all
N=100000
PEER_N=
PEER_BUDGET=900
MLFLOW_WORKERS=4
REPS=30
DATA_DIR=
OUT=
QUIET_WAIT=900
INGEST_ARGS=
ONLY=both
MLFLOW_BIN="$root/.venv/bin/mlflow"

usage() {
  cat <<EOF
Usage: bench/run.sh [options]
  --bench ingest|search|all   which benchmark(s) to run (default all)
  --n N                       runs to seed for the search benchmark (default 100000)
  --peer-n N                  seed exactly N runs into MLflow instead of using a time budget
  --peer-seed-budget S        stop seeding MLflow after S seconds (default 900); if that leaves
                              it below --n, Runboard is also measured at MLflow's N
  --mlflow-workers W          mlflow server --workers (default 4, MLflow's own default)
  --reps R                    timed repetitions per search query (default 30)
  --data-dir DIR              keep server data in DIR and reuse databases seeded by earlier
                              runs with the same N (search --reuse); default: fresh temp data
  --out DIR                   where result JSON and server logs go (default: a temp dir)
  --quiet-wait S              wait up to S seconds for a quiet machine before each server (default 900; 0: don't)
  --ingest-args "ARGS"        extra arguments for bench/ingest.mjs (e.g. "--seq-batches 50")
  --only runboard|mlflow      measure one server only; the table takes the other's figures from
                              earlier results in --out (e.g. to re-measure Runboard after a change
                              without re-seeding the slow peer)
  --mlflow PATH               the mlflow executable (default .venv/bin/mlflow)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --bench) BENCH="$2"; shift 2 ;;
    --n) N="$2"; shift 2 ;;
    --peer-n) PEER_N="$2"; shift 2 ;;
    --peer-seed-budget) PEER_BUDGET="$2"; shift 2 ;;
    --mlflow-workers) MLFLOW_WORKERS="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --quiet-wait) QUIET_WAIT="$2"; shift 2 ;;
    --ingest-args) INGEST_ARGS="$2"; shift 2 ;;
    --mlflow) MLFLOW_BIN="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$BENCH" in ingest|search|all) ;; *) echo "--bench must be ingest, search or all" >&2; exit 2 ;; esac
case "$ONLY" in runboard|mlflow|both) ;; *) echo "--only must be runboard or mlflow" >&2; exit 2 ;; esac
wants() { [ "$ONLY" = both ] || [ "$ONLY" = "$1" ]; }
[ -x "$MLFLOW_BIN" ] || { echo "no mlflow at $MLFLOW_BIN (see --mlflow)" >&2; exit 2; }

work="$(mktemp -d /tmp/runboard-bench.XXXXXX)"
OUT="${OUT:-$work/results}"
mkdir -p "$OUT"
REUSE=
if [ -n "$DATA_DIR" ]; then mkdir -p "$DATA_DIR"; DATA_DIR="$(cd "$DATA_DIR" && pwd)"; REUSE=--reuse; else DATA_DIR="$work/data"; fi

say() { printf '\n== %s\n' "$*"; }

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

SERVER_PID=
SERVER_URL=
SERVER_VERSION=

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  # The server was started with setsid: its pid is its process group, which holds all its workers.
  kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 -- "-$SERVER_PID" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
trap stop_server EXIT
trap 'exit 130' INT TERM

wait_quiet() {
  [ "$QUIET_WAIT" -gt 0 ] || return 0
  node "$here/lib/wait-quiet.mjs" --max-wait "$QUIET_WAIT"
}

# start_server runboard|mlflow NAME: a server with data in $DATA_DIR/NAME, on a free port.
start_server() {
  local kind="$1" name="$2" port data
  wait_quiet
  port="$(free_port)"
  data="$DATA_DIR/$name"
  mkdir -p "$data"
  SERVER_URL="http://127.0.0.1:$port"
  if [ "$kind" = runboard ]; then
    (cd "$root" && exec setsid node scripts/start.mjs --host 127.0.0.1 --port "$port" \
      --backend-store-uri "sqlite:///$data/runboard.db" --artifacts-destination "$data/artifacts") \
      >"$OUT/server-$name.log" 2>&1 &
  else
    (cd "$data" && exec setsid "$MLFLOW_BIN" server --host 127.0.0.1 --port "$port" --workers "$MLFLOW_WORKERS" \
      --backend-store-uri "sqlite:///$data/mlflow.db" --artifacts-destination "$data/artifacts") \
      >"$OUT/server-$name.log" 2>&1 &
  fi
  SERVER_PID=$!
  if [ "$kind" = runboard ]; then SERVER_VERSION="$RUNBOARD_VERSION"; else SERVER_VERSION="$MLFLOW_VERSION"; fi
  local t=0
  until curl -sf "$SERVER_URL/health" >/dev/null 2>&1; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "$kind server exited; see $OUT/server-$name.log" >&2; tail -20 "$OUT/server-$name.log" >&2; exit 1; fi
    t=$((t + 1)); [ "$t" -lt 1200 ] || { echo "$kind server did not start in 5 minutes" >&2; exit 1; }
    sleep 0.25
  done
  echo "$kind ($name) up at $SERVER_URL, pid $SERVER_PID, data in $data"
}

# What each server runs, recorded in the JSON. Runboard: the commit, "+dirty" if files outside
# bench/ differ from it (the build is made from the working tree).
RUNBOARD_VERSION="runboard $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(cd "$root" && git status --porcelain -- . ':!bench' 2>/dev/null | grep -v '^??' || true)" ]; then RUNBOARD_VERSION="$RUNBOARD_VERSION+dirty"; fi
MLFLOW_VERSION="$("$MLFLOW_BIN" --version 2>/dev/null | sed 's/, version / /') --workers $MLFLOW_WORKERS"

say "benchmark run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores; results in $OUT"
echo "node $(node --version); $RUNBOARD_VERSION; $MLFLOW_VERSION"

# Build Runboard up front, so no build lands inside a measurement.
if [ ! -f "$root/.next/BUILD_ID" ]; then say "building Runboard"; (cd "$root" && NEXT_TELEMETRY_DISABLED=1 npx next build >"$OUT/build.log" 2>&1); fi

if [ "$BENCH" = ingest ] || [ "$BENCH" = all ]; then
  for kind in runboard mlflow; do
    wants "$kind" || continue
    say "ingest: $kind"
    # Ingest always starts from empty data, even with --data-dir.
    rm -rf "$DATA_DIR/ingest-$kind"
    start_server "$kind" "ingest-$kind"
    # shellcheck disable=SC2086
    node "$here/ingest.mjs" --url "$SERVER_URL" --label "$kind" --server-pid "$SERVER_PID" --server-version "$SERVER_VERSION" \
      --json "$OUT/ingest-$kind.json" $INGEST_ARGS || echo "(ingest against $kind reported a problem)"
    stop_server
  done
fi

if [ "$BENCH" = search ] || [ "$BENCH" = all ]; then
  if wants mlflow; then
    say "search: mlflow"
    start_server mlflow "search-mlflow"
    if [ -n "$PEER_N" ]; then
      peer_args=(--n "$PEER_N")
    else
      peer_args=(--n "$N" --seed-budget "$PEER_BUDGET")
    fi
    node "$here/search.mjs" --url "$SERVER_URL" --label mlflow --server-pid "$SERVER_PID" --server-version "$SERVER_VERSION" \
      --reps "$REPS" "${peer_args[@]}" $REUSE --json "$OUT/search-mlflow.json" || echo "(search against mlflow reported a problem)"
    stop_server
  fi
  # MLflow's N: from this run, or from earlier results in --out when only Runboard is measured.
  peer_n="$(node -e "try{const r=JSON.parse(require('fs').readFileSync(process.argv[1]));console.log(r.n??'')}catch{console.log('')}" "$OUT/search-mlflow.json")"

  if wants runboard && [ -n "$peer_n" ] && [ "$peer_n" != "$N" ]; then
    say "search: runboard at MLflow's N = $peer_n (same-N comparison)"
    start_server runboard "search-runboard-$peer_n"
    node "$here/search.mjs" --url "$SERVER_URL" --label runboard --server-pid "$SERVER_PID" --server-version "$SERVER_VERSION" \
      --reps "$REPS" --n "$peer_n" $REUSE --json "$OUT/search-runboard-peer-n.json" || echo "(search against runboard reported a problem)"
    stop_server
  fi

  if wants runboard; then
    say "search: runboard at N = $N"
    start_server runboard "search-runboard-$N"
    node "$here/search.mjs" --url "$SERVER_URL" --label runboard --server-pid "$SERVER_PID" --server-version "$SERVER_VERSION" \
      --reps "$REPS" --n "$N" $REUSE --json "$OUT/search-runboard.json" || echo "(search against runboard reported a problem)"
    stop_server
  fi
fi

say "results"
node "$here/report.mjs" "$OUT"
echo
echo "JSON and server logs: $OUT"
[ -n "$REUSE" ] || rm -rf "$work/data"
