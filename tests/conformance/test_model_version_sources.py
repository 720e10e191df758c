"""Security: which ``source`` a model version may be created from (raw REST
``POST /api/2.0/mlflow/model-versions/create`` after ``registered-models/create``).

A version's source is later resolved by the server (``get-download-uri``) and downloaded by
clients, so a source that escapes the artifact store, points at the server's own files, or points
into a run or logged model other than the one the request names must be refused with 400
``INVALID_PARAMETER_VALUE``, and a refused request writes nothing: no version appears and no
version number is used up.

mlflow 3.17.2 (SQL store, ``--artifacts-destination``) already refuses local paths and ``file:``
URIs outside the named run's artifact directory, ``..`` segments (also percent-encoded once or
twice), NUL bytes, host-addressed schemes (``http``, ``ftp``, ``hdfs``, remote
``mlflow-artifacts``), and ``runs:/``, ``models:/`` and ``mlflow-artifacts:`` sources that are not
inside the ``run_id`` / ``model_id`` sent with the request. Runboard goes further on purpose: it
accepts only allow-listed schemes that resolve inside its own artifact store, so the cases the
reference server does not refuse with a 4xx are marked ``runboard_only`` and skipped when
validating the suite against it (``CONFORMANCE_TARGET=mlflow``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote

import mlflow
import pytest

from support import assert_error_response, raises_mlflow_error, unique_name

# The reference server does not refuse these sources; Runboard does, by design. (A marker cannot be
# registered from a test module, and conftest.py / pytest.ini are shared, so this is a plain skip.)
runboard_only = pytest.mark.skipif(
    os.environ.get("CONFORMANCE_TARGET", "").strip().lower() == "mlflow",
    reason="the reference MLflow server does not refuse this source; Runboard allow-lists sources",
)

MISSING_RUN = "0123456789abcdef0123456789abcdef"
MISSING_MODEL = "m-00000000000000000000000000000000"


@dataclass
class Target:
    name: str  # the registered model, created empty
    experiment_id: str
    run_id: str
    model_id: str  # a READY logged model of run_id
    other_run_id: str  # a second run in the same experiment
    other_model_id: str  # a logged model of other_run_id
    artifact_root: str | None  # the server's local artifact directory, when the suite started it

    def fill(self, template: str) -> str:
        return template.format(
            exp=self.experiment_id,
            run=self.run_id,
            model=self.model_id,
            other_run=self.other_run_id,
            other_model=self.other_model_id,
            root=self.artifact_root,
        )


@pytest.fixture
def target(client, server) -> Target:
    experiment_id = client.create_experiment(unique_name("mv-sources"))
    run_ids, model_ids = [], []
    for _ in range(2):
        run_id = client.create_run(experiment_id).info.run_id
        model = mlflow.initialize_logged_model(
            name="model", source_run_id=run_id, experiment_id=experiment_id
        )
        client.finalize_logged_model(model.model_id, "READY")
        run_ids.append(run_id)
        model_ids.append(model.model_id)
    name = unique_name("mv-sources")
    client.create_registered_model(name)
    # conftest.py starts the server with --artifacts-destination <data dir>/artifacts and writes
    # its log to <data dir>/server.log.
    root = str(server.log_path.parent / "artifacts") if server.log_path else None
    return Target(name, experiment_id, run_ids[0], model_ids[0], run_ids[1], model_ids[1], root)


def create(rest, target: Target, source: str, ids: str):
    """``ids`` says which ids go with the source: "run", "model" (model_id plus its run_id, as the
    client sends them), or "" for none."""
    body = {"name": target.name, "source": source}
    if ids in ("run", "model"):
        body["run_id"] = target.run_id
    if ids == "model":
        body["model_id"] = target.model_id
    return rest.api("POST", "model-versions/create", body)


def assert_nothing_written(client, rest, target: Target) -> None:
    assert client.search_model_versions(f"name = '{target.name}'") == []
    assert client.get_registered_model(target.name).latest_versions == []
    # The refused attempts used up no version number.
    first = create(rest, target, f"runs:/{target.run_id}/model", "run")
    assert first.status_code == 200, first.text
    assert first.json()["model_version"]["version"] == "1"


ESCAPE = "../../../../../../../../etc/passwd"

# (id, source template, ids sent with it)
REJECTED = [
    ("local-path", "/etc/passwd", "run"),
    ("local-path-with-model-id", "/etc/passwd", "model"),
    ("local-path-without-ids", "/etc/passwd", ""),
    ("file-uri", "file:///etc/passwd", "run"),
    ("relative-path", "../../etc/passwd", "run"),
    ("artifacts-dotdot-from-root", "mlflow-artifacts:/0/../../etc/passwd", "run"),
    ("artifacts-dotdot-out-of-run", "mlflow-artifacts:/{exp}/{run}/artifacts/" + ESCAPE, "run"),
    (
        "artifacts-percent-encoded-dotdot",
        "mlflow-artifacts:/{exp}/{run}/artifacts/" + ESCAPE.replace("..", "%2e%2e"),
        "run",
    ),
    (
        "artifacts-upper-percent-encoded-dotdot",
        "mlflow-artifacts:/{exp}/{run}/artifacts/" + ESCAPE.replace("..", "%2E%2E"),
        "run",
    ),
    (
        "artifacts-double-encoded-dotdot",
        "mlflow-artifacts:/{exp}/{run}/artifacts/" + ESCAPE.replace("..", "%252e%252e"),
        "run",
    ),
    (
        "artifacts-encoded-slash-dotdot",
        "mlflow-artifacts:/{exp}/{run}/artifacts/..%2f..%2f..%2fetc%2fpasswd",
        "run",
    ),
    ("runs-dotdot", "runs:/{run}/../../x", "run"),
    ("runs-percent-encoded-dotdot", "runs:/{run}/%2e%2e/%2e%2e/x", "run"),
    ("runs-double-encoded-dotdot", "runs:/{run}/%252e%252e/%252e%252e/x", "run"),
    ("models-dotdot", "models:/{model}/../../x", "model"),
    ("runs-nul-byte", "runs:/{run}/model\x00.pkl", "run"),
    ("runs-percent-encoded-nul", "runs:/{run}/model%00.pkl", "run"),
    ("artifacts-nul-byte", "mlflow-artifacts:/{exp}/{run}/artifacts/model\x00", "run"),
    ("http", "http://127.0.0.1:1/model", "run"),
    (
        "remote-mlflow-artifacts",
        "mlflow-artifacts://attacker.example:5000/{exp}/{run}/artifacts/model",
        "run",
    ),
]

# A source that is well-formed but lies outside the run or logged model the request names (or
# names none): the reference server refuses these too ("The run_id request parameter must
# identify the resource that contains the source").
OUTSIDE_NAMED_RESOURCE = [
    ("other-run", "runs:/{other_run}/model", "run"),
    ("other-run-artifacts", "mlflow-artifacts:/{exp}/{other_run}/artifacts/model", "run"),
    ("run-under-other-experiment", "mlflow-artifacts:/0/{run}/artifacts/model", "run"),
    ("other-logged-model", "models:/{other_model}", "model"),
    ("run-artifacts-named-as-model", "mlflow-artifacts:/{exp}/{run}/artifacts/model", "model"),
    ("runs-uri-without-run-id", "runs:/{run}/model", ""),
    ("models-uri-without-model-id", "models:/{model}", ""),
    ("artifacts-without-run-id", "mlflow-artifacts:/{exp}/{run}/artifacts/model", ""),
]

# What the reference server accepts and Runboard deliberately does not.
RUNBOARD_REJECTED = [
    ("s3", "s3://bucket/model", "run"),
    ("s3-without-ids", "s3://bucket/model", ""),
    ("gcs", "gs://bucket/model", ""),
    ("dbfs", "dbfs:/model", ""),
]

ACCEPTED = [
    ("logged-model", "models:/{model}", "model"),
    ("runs-uri", "runs:/{run}/model", "run"),
    ("run-artifacts", "mlflow-artifacts:/{exp}/{run}/artifacts/model", "run"),
    ("logged-model-artifacts", "mlflow-artifacts:/{exp}/models/{model}/artifacts", "model"),
]


def _params(cases):
    return [pytest.param(source, ids, id=case_id) for case_id, source, ids in cases]


@pytest.mark.parametrize(("template", "ids"), _params(REJECTED))
def test_unsafe_source_is_rejected_and_nothing_written(client, rest, target, template, ids):
    resp = create(rest, target, target.fill(template), ids)
    assert_error_response(resp, 400, "INVALID_PARAMETER_VALUE")
    assert_nothing_written(client, rest, target)


@pytest.mark.parametrize(("template", "ids"), _params(OUTSIDE_NAMED_RESOURCE))
def test_source_outside_the_named_run_or_model_is_rejected(client, rest, target, template, ids):
    resp = create(rest, target, target.fill(template), ids)
    assert_error_response(resp, 400, "INVALID_PARAMETER_VALUE")
    assert_nothing_written(client, rest, target)


@pytest.mark.parametrize(
    "template",
    [
        pytest.param("{root}/{exp}/{run}/artifacts/model", id="local-path"),
        pytest.param("file://{root}/{exp}/{run}/artifacts/model", id="file-uri"),
    ],
)
def test_local_path_into_the_servers_own_artifact_store_is_rejected(client, rest, target, template):
    """Runs here have ``mlflow-artifacts:`` artifact URIs, so even the local directory that backs a
    run's artifacts is not a location inside that run as far as the API is concerned."""
    if target.artifact_root is None:
        pytest.skip("the server's artifact directory is unknown (CONFORMANCE_TRACKING_URI)")
    resp = create(rest, target, target.fill(template), "run")
    assert_error_response(resp, 400, "INVALID_PARAMETER_VALUE")
    assert_nothing_written(client, rest, target)


def test_rejected_source_is_rejected_through_the_client_as_well(client, target):
    """The official client surfaces the refusal as INVALID_PARAMETER_VALUE and creates nothing."""
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.create_model_version(
            target.name, f"runs:/{target.run_id}/../../x", run_id=target.run_id
        )
    assert client.search_model_versions(f"name = '{target.name}'") == []


@runboard_only
@pytest.mark.parametrize(("template", "ids"), _params(RUNBOARD_REJECTED))
def test_source_outside_the_artifact_store_is_rejected(client, rest, target, template, ids):
    # mlflow 3.17.2 accepts object-store URIs (s3, gs, dbfs, ...) as version sources without
    # checking them and hands them out as download locations. Runboard serves versions only from
    # its own artifact store.
    resp = create(rest, target, target.fill(template), ids)
    assert_error_response(resp, 400, "INVALID_PARAMETER_VALUE")
    assert_nothing_written(client, rest, target)


@runboard_only
@pytest.mark.parametrize(
    "body",
    [
        # mlflow 3.17.2 answers 500 INTERNAL_ERROR for an unknown logged model (so the client
        # retries a request that can never succeed) ...
        pytest.param(
            {"source": f"models:/{MISSING_MODEL}", "model_id": MISSING_MODEL},
            id="unknown-logged-model",
        ),
        # ... and accepts a runs:/ source of a run that does not exist.
        pytest.param({"source": f"runs:/{MISSING_RUN}/model", "run_id": MISSING_RUN}, id="unknown-run"),
    ],
)
def test_source_naming_a_missing_run_or_logged_model_is_a_client_error(client, rest, target, body):
    resp = rest.api("POST", "model-versions/create", {"name": target.name, **body})
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.text[:500])
    code = resp.json()["error_code"]
    assert code in ("INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST"), resp.text
    assert_nothing_written(client, rest, target)


@pytest.mark.parametrize(("template", "ids"), _params(ACCEPTED))
def test_source_inside_the_named_run_or_logged_model_is_accepted(client, rest, target, template, ids):
    source = target.fill(template)
    resp = create(rest, target, source, ids)
    assert resp.status_code == 200, resp.text
    created = resp.json()["model_version"]
    assert (created["name"], created["version"], created["source"]) == (target.name, "1", source)
    assert created["run_id"] == target.run_id
    assert created["status"] == "READY"

    [listed] = client.search_model_versions(f"name = '{target.name}'")
    assert (listed.version, listed.source, listed.run_id) == ("1", source, target.run_id)
    fetched = client.get_model_version(target.name, "1")
    assert (fetched.source, fetched.run_id) == (source, target.run_id)


def test_percent_encoded_harmless_path_is_accepted(client, rest, target):
    """Counterpart of the encoded cases above: the refusals are about ``..`` and NUL once decoded,
    not about ``%`` itself."""
    source = f"mlflow-artifacts:/{target.experiment_id}/{target.run_id}/artifacts/{quote('model dir')}"
    resp = create(rest, target, source, "run")
    assert resp.status_code == 200, resp.text
    assert resp.json()["model_version"]["source"] == source
