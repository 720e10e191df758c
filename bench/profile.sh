#!/usr/bin/env bash
# CPU-profiles Runboard while one benchmark runs against it, then prints where the server's time
# went (self time by package and function, inclusive time by function).
#
#   bench/profile.sh ingest --only single --skip-verify
#   bench/profile.sh search --n 20000
#
# The first argument picks bench/ingest.mjs or bench/search.mjs; the rest is passed to it (--url
# and --label are set here). Runboard runs as `next start` under `node --cpu-prof` (Node refuses
# --cpu-prof in NODE_OPTIONS, so scripts/start.mjs cannot be used), with fresh data in a temp dir,
# or with the database in $PROFILE_DB (e.g. one seeded earlier; then pass --reuse to search).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
which="${1:?usage: bench/profile.sh ingest|search [bench options]}"
shift
case "$which" in ingest|search) ;; *) echo "first argument: ingest or search" >&2; exit 2 ;; esac

work="$(mktemp -d /tmp/runboard-profile.XXXXXX)"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
[ -f "$root/.next/BUILD_ID" ] || (cd "$root" && NEXT_TELEMETRY_DISABLED=1 npx next build >/dev/null)

cd "$root"
db="${PROFILE_DB:-$work/runboard.db}"
MLFLOW_BACKEND_STORE_URI="sqlite:///$db" MLFLOW_ARTIFACTS_DESTINATION="$work/artifacts" \
  RUNBOARD_BASE_DIR="$root" NEXT_TELEMETRY_DISABLED=1 \
  setsid node --cpu-prof --cpu-prof-dir="$work/prof" node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$port" \
  >"$work/server.log" 2>&1 &
pid=$!
trap 'kill -TERM -- -"$pid" 2>/dev/null || true' EXIT

node "$here/$which.mjs" --url "http://127.0.0.1:$port" --label runboard-profiled "$@" || true

# SIGINT makes next exit normally, which is when Node writes the profile.
kill -INT "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
trap - EXIT
prof="$(ls "$work"/prof/*.cpuprofile 2>/dev/null | head -1)"
[ -n "$prof" ] || { echo "no profile written; see $work/server.log" >&2; exit 1; }
echo
echo "profile: $prof"
node "$here/lib/cpuprofile-summary.mjs" "$prof"
