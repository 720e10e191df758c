#!/usr/bin/env bash
# Official-client conformance suite: runs the unmodified MLflow Python client against a server.
#
#   bash scripts/conformance.sh                          # against Runboard (node scripts/start.mjs)
#   CONFORMANCE_TARGET=mlflow bash scripts/conformance.sh -x -q   # against the reference `mlflow server`
#   CONFORMANCE_TRACKING_URI=http://127.0.0.1:5000 bash scripts/conformance.sh  # an already running server
#
# Extra arguments go to pytest. The venv lives in .venv at the repo root; it is (re)installed
# whenever tests/conformance/requirements.txt changes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
REQUIREMENTS="tests/conformance/requirements.txt"
STAMP="$VENV/.conformance-requirements.sha256"

if [ ! -x "$VENV/bin/python" ]; then
  echo "conformance: creating $VENV" >&2
  python3 -m venv "$VENV"
fi

wanted="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$wanted" ]; then
  echo "conformance: installing $REQUIREMENTS into $VENV" >&2
  "$VENV/bin/pip" install -q -r "$REQUIREMENTS"
  echo "$wanted" > "$STAMP"
fi

exec "$VENV/bin/python" -m pytest tests/conformance "$@"
