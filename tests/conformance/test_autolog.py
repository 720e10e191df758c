"""``mlflow.sklearn.autolog()`` through the official client on the breast-cancer data: a plain
estimator, a Pipeline and a GridSearchCV (a parent run plus one child run per parameter
combination). Autologging drives many endpoints at once (params, training metrics with dataset and
model ids, dataset inputs, artifacts, a logged model per fit, nested runs, the post-training
``score`` metric), and the models it logs must load and predict like the fitted estimators."""

from __future__ import annotations

from dataclasses import dataclass

import mlflow
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, ParameterGrid, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from support import unique_name

# 3 x 2 x 2 = 12 combinations, so 12 child runs.
PARAM_GRID = {"n_estimators": [5, 10, 20], "max_depth": [2, 4], "criterion": ["gini", "entropy"]}


@dataclass
class Split:
    X_train: pd.DataFrame
    X_test: pd.DataFrame
    y_train: pd.Series
    y_test: pd.Series


@pytest.fixture(scope="module")
def data() -> Split:
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    return Split(*train_test_split(X, y, test_size=0.25, random_state=0, stratify=y))


@pytest.fixture
def autolog():
    """Turns sklearn autologging on for one test and always off again: it patches sklearn
    globally, and other test modules fit estimators without wanting runs."""
    mlflow.set_experiment(unique_name("autolog"))

    def enable(**kwargs):
        mlflow.sklearn.autolog(silent=True, **kwargs)

    yield enable
    mlflow.sklearn.autolog(disable=True)


def accuracy(model, X, y) -> float:
    # Computed by hand: calling model.score or sklearn.metrics here would log more autolog metrics.
    return float(np.mean(model.predict(X) == y.to_numpy()))


def run_models(run_id: str):
    return mlflow.search_logged_models(filter_string=f"source_run_id = '{run_id}'", output_format="list")


def test_autolog_plain_estimator(client, autolog, data):
    autolog()
    with mlflow.start_run() as run:
        rf = RandomForestClassifier(n_estimators=20, random_state=0).fit(data.X_train, data.y_train)
        X_test, y_test = data.X_test, data.y_test
        test_score = rf.score(X_test, y_test)
    run_id = run.info.run_id

    logged_run = client.get_run(run_id)
    params, metrics, tags = logged_run.data.params, logged_run.data.metrics, logged_run.data.tags
    assert (params["n_estimators"], params["random_state"], params["max_depth"]) == ("20", "0", "None")
    assert tags["estimator_name"] == "RandomForestClassifier"
    assert tags["estimator_class"] == "sklearn.ensemble._forest.RandomForestClassifier"
    assert metrics["training_accuracy_score"] == pytest.approx(accuracy(rf, data.X_train, data.y_train))
    assert {"training_precision_score", "training_recall_score", "training_f1_score",
            "training_log_loss", "training_roc_auc", "training_score"} <= set(metrics)
    # model.score(...) after fit is logged to the same run; the client names the metric after the
    # estimator and the caller's variable holding the data.
    assert metrics["RandomForestClassifier_score_X_test"] == pytest.approx(test_score)

    [dataset_input] = logged_run.inputs.dataset_inputs
    assert {t.key: t.value for t in dataset_input.tags} == {"mlflow.data.context": "train"}
    artifacts = {f.path for f in client.list_artifacts(run_id)}
    assert {"estimator.html", "training_confusion_matrix.png"} <= artifacts

    [model] = run_models(run_id)
    assert model.name == "model"
    assert [o.model_id for o in logged_run.outputs.model_outputs] == [model.model_id]
    linked = {m.key: m for m in mlflow.get_logged_model(model.model_id).metrics}
    assert linked["training_accuracy_score"].value == pytest.approx(metrics["training_accuracy_score"])
    assert linked["training_accuracy_score"].run_id == run_id
    assert linked["training_accuracy_score"].dataset_name == "dataset"

    loaded = mlflow.pyfunc.load_model(f"models:/{model.model_id}")
    np.testing.assert_array_equal(loaded.predict(data.X_test), rf.predict(data.X_test))


def test_autolog_pipeline_model_loads_and_predicts_like_the_pipeline(client, autolog, data):
    autolog()
    pipe = Pipeline([("scaler", StandardScaler()), ("clf", LogisticRegression(max_iter=1000))])
    with mlflow.start_run() as run:
        pipe.fit(data.X_train, data.y_train)
        X_test, y_test = data.X_test, data.y_test
        test_score = pipe.score(X_test, y_test)
    run_id = run.info.run_id

    logged_run = client.get_run(run_id)
    params, metrics = logged_run.data.params, logged_run.data.metrics
    assert logged_run.data.tags["estimator_name"] == "Pipeline"
    assert params["scaler__with_mean"] == "True"
    assert params["clf__max_iter"] == "1000"
    assert params["clf"] == "LogisticRegression(max_iter=1000)"
    train_accuracy = accuracy(pipe, data.X_train, data.y_train)
    assert metrics["training_accuracy_score"] == pytest.approx(train_accuracy)
    assert metrics["Pipeline_score_X_test"] == pytest.approx(test_score)

    [model] = run_models(run_id)
    pyfunc = mlflow.pyfunc.load_model(f"models:/{model.model_id}")
    np.testing.assert_array_equal(pyfunc.predict(data.X_test), pipe.predict(data.X_test))
    native = mlflow.sklearn.load_model(f"models:/{model.model_id}")
    assert [name for name, _ in native.steps] == ["scaler", "clf"]
    np.testing.assert_allclose(native.predict_proba(data.X_test), pipe.predict_proba(data.X_test))


def test_autolog_grid_search_creates_one_child_run_per_combination(client, autolog, data):
    autolog(max_tuning_runs=None)
    search = GridSearchCV(RandomForestClassifier(random_state=0), PARAM_GRID, cv=2)
    with mlflow.start_run() as parent:
        search.fit(data.X_train, data.y_train)
        X_test, y_test = data.X_test, data.y_test
        test_score = search.score(X_test, y_test)
    parent_id, experiment_id = parent.info.run_id, parent.info.experiment_id

    children = mlflow.search_runs(
        experiment_ids=[experiment_id],
        filter_string=f"tags.mlflow.parentRunId = '{parent_id}'",
        output_format="list",
    )
    assert len(children) == 12
    assert all(c.info.status == "FINISHED" for c in children)
    assert all(c.data.tags["mlflow.autologging"] == "sklearn" for c in children)

    def combo(params) -> tuple[str, str, str]:
        return (str(params["n_estimators"]), str(params["max_depth"]), str(params["criterion"]))

    expected_scores = {
        combo(p): s
        for p, s in zip(search.cv_results_["params"], search.cv_results_["mean_test_score"])
    }
    assert {combo(c.data.params) for c in children} == {combo(p) for p in ParameterGrid(PARAM_GRID)}
    for child in children:
        assert child.data.metrics["mean_test_score"] == pytest.approx(
            expected_scores[combo(child.data.params)]
        )
    # The same children through the other spellings of the filter.
    backticked = client.search_runs(
        [experiment_id], f"tags.`mlflow.parentRunId` = '{parent_id}'", max_results=100
    )
    assert {r.info.run_id for r in backticked} == {c.info.run_id for c in children}

    parent_run = client.get_run(parent_id)
    assert "mlflow.parentRunId" not in parent_run.data.tags
    assert {k: parent_run.data.params[f"best_{k}"] for k in PARAM_GRID} == {
        k: str(v) for k, v in search.best_params_.items()
    }
    assert parent_run.data.params["cv"] == "2"
    assert parent_run.data.metrics["best_cv_score"] == pytest.approx(search.best_score_)
    assert parent_run.data.metrics["GridSearchCV_score_X_test"] == pytest.approx(test_score)
    assert "cv_results.csv" in {f.path for f in client.list_artifacts(parent_id)}

    models = {m.name: m for m in run_models(parent_id)}
    assert set(models) == {"model", "best_estimator"}
    best = mlflow.pyfunc.load_model(f"models:/{models['best_estimator'].model_id}")
    np.testing.assert_array_equal(best.predict(data.X_test), search.best_estimator_.predict(data.X_test))
