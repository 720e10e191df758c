"""Session fixtures for the official-client conformance suite.

The suite drives the unmodified MLflow Python client against a tracking server that this file
starts on a free port with throw-away storage. Pick the server with ``CONFORMANCE_TARGET``:

* ``runboard`` (default): ``node scripts/start.mjs`` from the repo root.
* ``mlflow``: the reference ``mlflow server`` from the same venv, to validate the tests themselves.

``CONFORMANCE_TRACKING_URI=http://host:port`` skips the start-up and uses a running server.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Client settings must be in place before mlflow is first imported (support.py imports it).
# Fail fast instead of letting the client retry 5xx answers for minutes: a conformant server
# never needs a retry on localhost, and a retried 500 would hide a bug. Overridable from outside.
os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "120")
os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
# No usage telemetry from tests; its background thread also edits os.environ while requests
# iterates it, which makes client calls fail at random with a KeyError.
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
# The suite must not depend on whoever ran it before: no inherited experiment or run selection.
for _var in ("MLFLOW_EXPERIMENT_NAME", "MLFLOW_EXPERIMENT_ID", "MLFLOW_RUN_ID"):
    os.environ.pop(_var, None)

import pytest  # noqa: E402
import requests  # noqa: E402

from support import Rest, unique_name  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 240  # Runboard's first start may run `next build`.


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_command(target: str, port: int, data_dir: Path) -> list[str]:
    common = [
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--artifacts-destination",
        str(data_dir / "artifacts"),
    ]
    if target == "runboard":
        return [
            "node",
            "scripts/start.mjs",
            *common,
            "--backend-store-uri",
            f"sqlite:///{data_dir / 'runboard.db'}",
        ]
    if target == "mlflow":
        mlflow_bin = Path(sys.executable).parent / "mlflow"
        launcher = [str(mlflow_bin)] if mlflow_bin.exists() else [sys.executable, "-m", "mlflow"]
        return [
            *launcher,
            "server",
            *common,
            "--backend-store-uri",
            f"sqlite:///{data_dir / 'mlflow.db'}",
            "--workers",
            "1",
        ]
    raise pytest.UsageError(f"CONFORMANCE_TARGET must be 'runboard' or 'mlflow', got {target!r}")


def _tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "<no log>"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


@dataclass
class Server:
    target: str
    uri: str
    log_path: Path | None


@pytest.fixture(scope="session")
def server():
    """The tracking server under test; sets MLFLOW_TRACKING_URI for the client."""
    import mlflow

    external = os.environ.get("CONFORMANCE_TRACKING_URI")
    if external:
        srv = Server(target="external", uri=external.rstrip("/"), log_path=None)
        os.environ["MLFLOW_TRACKING_URI"] = srv.uri
        mlflow.set_tracking_uri(srv.uri)
        yield srv
        return

    target = os.environ.get("CONFORMANCE_TARGET", "runboard").strip().lower()
    port = _free_port()
    data_dir = Path(tempfile.mkdtemp(prefix=f"conformance-{target}-"))
    cmd = _server_command(target, port, data_dir)
    log_path = data_dir / "server.log"
    uri = f"http://127.0.0.1:{port}"

    env = dict(os.environ)
    # The server must not pick up the client-side settings of this process.
    env.pop("MLFLOW_TRACKING_URI", None)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # own process group, so teardown kills workers too
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.exit(
                    f"{target} server exited with code {proc.returncode} during start-up "
                    f"({' '.join(cmd)}).\n--- tail of {log_path} ---\n{_tail(log_path)}",
                    returncode=3,
                )
            try:
                if requests.get(f"{uri}/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                _stop(proc)
                pytest.exit(
                    f"{target} server did not answer GET /health with 200 within "
                    f"{STARTUP_TIMEOUT_S}s ({' '.join(cmd)}).\n"
                    f"--- tail of {log_path} ---\n{_tail(log_path)}",
                    returncode=3,
                )
            time.sleep(0.5)

        os.environ["MLFLOW_TRACKING_URI"] = uri
        mlflow.set_tracking_uri(uri)
        yield Server(target=target, uri=uri, log_path=log_path)
    finally:
        _stop(proc)
        if os.environ.get("CONFORMANCE_KEEP_DATA"):
            print(f"\nconformance: server data and log kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _isolated_client_state(request, server):
    """Every test starts without an active run left over from another test. When a test fails,
    the server log lines written during it are attached to the report (the client hides the
    body of 5xx answers behind "too many 500 error responses")."""
    import mlflow

    while mlflow.active_run() is not None:
        mlflow.end_run()
    log_offset = server.log_path.stat().st_size if server.log_path else 0
    yield
    while mlflow.active_run() is not None:
        mlflow.end_run()
    report = getattr(request.node, "_report_call", None)
    if server.log_path and report is not None and report.failed:
        with open(server.log_path, "rb") as log:
            log.seek(log_offset)
            text = log.read(20_000).decode(errors="replace").strip()
        if text:
            report.sections.append(("server log during this test", text))


@pytest.fixture
def client(server):
    from mlflow import MlflowClient

    return MlflowClient(tracking_uri=server.uri)


@pytest.fixture
def experiment_id(client) -> str:
    """A fresh, empty experiment for one test."""
    return client.create_experiment(unique_name("exp"))


@pytest.fixture
def rest(server) -> Rest:
    return Rest(server.uri)
