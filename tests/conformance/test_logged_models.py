"""MLflow 3 logged models through the official client: log_model inside a run creates a model
with its own id, uploads its files through the artifact proxy, links it to the run's outputs and
the run's metrics, and the model loads back by id. (The registry side is a later suite.)"""

from __future__ import annotations

import mlflow
import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from support import assert_error_response, raises_mlflow_error, unique_name


@pytest.fixture
def trained():
    rng = np.random.default_rng(7)
    X = rng.random((80, 4))
    y = (X[:, 0] + X[:, 1] > 1).astype(int)
    return LogisticRegression().fit(X, y), X


def test_log_model_creates_a_ready_logged_model_linked_to_its_run(client, trained):
    model, X = trained
    mlflow.set_experiment(unique_name("lm"))
    with mlflow.start_run() as run:
        mlflow.log_param("C", 1.0)
        mlflow.log_metric("accuracy", 0.91)
        info = mlflow.sklearn.log_model(model, name="model", input_example=X[:3])

    assert info.model_uri == f"models:/{info.model_id}"
    logged = mlflow.get_logged_model(info.model_id)
    assert logged.status.to_proto() == 2  # LOGGED_MODEL_READY
    assert logged.source_run_id == run.info.run_id
    assert logged.name == "model"
    assert logged.params["C"] == "1.0"
    assert [(m.key, m.value, m.model_id, m.run_id) for m in logged.metrics] == [
        ("accuracy", 0.91, info.model_id, run.info.run_id)
    ]
    assert logged.artifact_location.endswith(f"/models/{info.model_id}/artifacts")

    outputs = client.get_run(run.info.run_id).outputs.model_outputs
    assert [(o.model_id, o.step) for o in outputs] == [(info.model_id, 0)]
    # Linking re-logs the run's metrics with the model id; the history gains no points.
    assert len(client.get_metric_history(run.info.run_id, "accuracy")) == 1


def test_logged_model_loads_by_id_and_predicts_like_the_trained_model(trained):
    model, X = trained
    mlflow.set_experiment(unique_name("lm"))
    with mlflow.start_run():
        info = mlflow.sklearn.log_model(model, name="clf")
    loaded = mlflow.pyfunc.load_model(f"models:/{info.model_id}")
    assert (loaded.predict(X) == model.predict(X)).all()


def test_model_files_are_listed_under_the_run_and_the_model(client, trained):
    model, _ = trained
    mlflow.set_experiment(unique_name("lm"))
    with mlflow.start_run() as run:
        info = mlflow.sklearn.log_model(model, name="model")
    run_listing = {f.path for f in client.list_artifacts(run.info.run_id, "model")}
    assert "model/MLmodel" in run_listing
    model_listing = {f.path for f in client.list_logged_model_artifacts(info.model_id)}
    assert {"MLmodel", "requirements.txt"} <= model_listing


def test_search_logged_models_filters_pages_and_orders(client):
    experiment_id = client.create_experiment(unique_name("lm-search"))
    run = client.create_run(experiment_id)
    created = []
    for i in range(7):
        m = mlflow.initialize_logged_model(
            name="even" if i % 2 == 0 else "odd",
            source_run_id=run.info.run_id,
            experiment_id=experiment_id,
            params={"i": str(i)},
            tags={"parity": "even" if i % 2 == 0 else "odd"},
        )
        created.append(m.model_id)

    found = mlflow.search_logged_models(
        experiment_ids=[experiment_id],
        filter_string=f"source_run_id = '{run.info.run_id}' AND name = 'even'",
        output_format="list",
    )
    assert sorted(m.model_id for m in found) == sorted(created[0::2])

    by_tag = mlflow.search_logged_models(
        experiment_ids=[experiment_id], filter_string="tags.parity = 'odd'", output_format="list"
    )
    assert sorted(m.model_id for m in by_tag) == sorted(created[1::2])

    pages, token = [], None
    while True:
        page = client.search_logged_models(experiment_ids=[experiment_id], max_results=3, page_token=token)
        pages.extend(m.model_id for m in page)
        token = page.token
        if not token:
            break
    assert pages == list(reversed(created))  # newest first


def test_logged_model_errors(rest, client):
    with raises_mlflow_error("RESOURCE_DOES_NOT_EXIST"):
        client.get_logged_model("m-does-not-exist")
    assert_error_response(rest.api("POST", "logged-models/search", {}), 400, "INVALID_PARAMETER_VALUE")
    assert_error_response(
        rest.api("POST", "logged-models/search", {"experiment_ids": ["0"], "filter": "name = "}),
        400,
        "INVALID_PARAMETER_VALUE",
    )
