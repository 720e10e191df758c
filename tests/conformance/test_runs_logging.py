"""Runs through the fluent API and MlflowClient: creation, params, metrics, tags, names,
nested runs, datasets, updates and delete/restore."""

from __future__ import annotations

import re
import time

import mlflow
import numpy as np
import pandas as pd
from mlflow.entities import Metric, Param, RunStatus, RunTag, ViewType

from support import raises_mlflow_error, unique_name

RUN_ID = re.compile(r"^[0-9a-f]{32}$")


def test_fluent_run_records_params_metrics_tags_and_status(client):
    exp = mlflow.set_experiment(unique_name("fluent"))
    started = int(time.time() * 1000) - 60_000

    with mlflow.start_run(run_name="my-first-run") as run:
        mlflow.log_params({"lr": 0.01, "optimizer": "adam", "layers": 3})
        mlflow.log_param("batch_size", 32)
        # Steps arrive out of order: the run's metric value is the one at the highest step.
        mlflow.log_metric("loss", 0.9, step=2)
        mlflow.log_metric("loss", 0.5, step=5)
        mlflow.log_metric("loss", 0.7, step=3)
        mlflow.log_metrics({"acc": 0.8, "f1": 0.75}, step=1)
        mlflow.log_metrics({"acc": 0.85, "f1": 0.7}, step=2)
        mlflow.log_metric("no_step", 42.5)
        mlflow.set_tags({"team": "vision", "priority": "high"})
        mlflow.set_tag("release", "candidate")
        assert mlflow.active_run().info.run_id == run.info.run_id

    assert mlflow.active_run() is None
    fetched = client.get_run(run.info.run_id)
    info, data = fetched.info, fetched.data

    assert RUN_ID.match(info.run_id)
    assert info.experiment_id == exp.experiment_id
    assert info.run_name == "my-first-run"
    assert info.status == "FINISHED"
    assert info.lifecycle_stage == "active"
    assert info.start_time >= started
    assert info.end_time is not None and info.end_time >= info.start_time
    assert info.artifact_uri

    assert data.params == {"lr": "0.01", "optimizer": "adam", "layers": "3", "batch_size": "32"}
    assert data.metrics == {"loss": 0.5, "acc": 0.85, "f1": 0.7, "no_step": 42.5}
    assert data.tags["team"] == "vision"
    assert data.tags["priority"] == "high"
    assert data.tags["release"] == "candidate"
    assert data.tags["mlflow.runName"] == "my-first-run"
    # Context tags the client sends at creation come back untouched.
    assert data.tags["mlflow.source.type"] == "LOCAL"
    assert "mlflow.user" in data.tags

    loss = client.get_metric_history(info.run_id, "loss")
    assert sorted((m.step, m.value) for m in loss) == [(2, 0.9), (3, 0.7), (5, 0.5)]
    assert [m.step for m in client.get_metric_history(info.run_id, "no_step")] == [0]


def test_run_without_name_gets_a_generated_name(client):
    mlflow.set_experiment(unique_name("noname"))
    with mlflow.start_run() as run:
        pass
    info = client.get_run(run.info.run_id).info
    assert isinstance(info.run_name, str) and info.run_name.strip()
    assert client.get_run(run.info.run_id).data.tags["mlflow.runName"] == info.run_name

    created = client.create_run(run.info.experiment_id)
    assert created.info.run_name.strip()
    assert created.info.status == "RUNNING"
    assert created.info.lifecycle_stage == "active"
    assert created.info.end_time in (None, 0)
    assert RUN_ID.match(created.info.run_id)
    assert created.info.run_id != run.info.run_id


def test_client_create_run_with_name_tags_and_start_time(client, experiment_id):
    run = client.create_run(
        experiment_id, start_time=1_600_000_000_123, tags={"k": "v"}, run_name="named"
    )
    fetched = client.get_run(run.info.run_id)
    assert fetched.info.run_name == "named"
    assert fetched.info.start_time == 1_600_000_000_123
    assert fetched.data.tags["k"] == "v"
    assert fetched.data.tags["mlflow.runName"] == "named"

    # The name may also come only from the mlflow.runName tag.
    by_tag = client.create_run(experiment_id, tags={"mlflow.runName": "from-tag"})
    assert client.get_run(by_tag.info.run_id).info.run_name == "from-tag"


def test_run_ids_are_32_char_hex_and_unique(client, experiment_id):
    ids = {client.create_run(experiment_id).info.run_id for _ in range(5)}
    assert len(ids) == 5
    assert all(RUN_ID.match(i) for i in ids)


def test_failed_run_status_and_set_terminated(client, experiment_id):
    mlflow.set_experiment(experiment_id=experiment_id)
    try:
        with mlflow.start_run() as failed:
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert client.get_run(failed.info.run_id).info.status == "FAILED"

    run_id = client.create_run(experiment_id).info.run_id
    client.set_terminated(run_id, status="KILLED", end_time=1_700_000_000_000)
    info = client.get_run(run_id).info
    assert info.status == "KILLED"
    assert info.end_time == 1_700_000_000_000


def test_resume_run_by_id(client, experiment_id):
    mlflow.set_experiment(experiment_id=experiment_id)
    with mlflow.start_run() as run:
        mlflow.log_param("a", "1")
    with mlflow.start_run(run_id=run.info.run_id):
        assert client.get_run(run.info.run_id).info.status == "RUNNING"
        mlflow.log_param("b", "2")
    fetched = client.get_run(run.info.run_id)
    assert fetched.info.status == "FINISHED"
    assert fetched.data.params == {"a": "1", "b": "2"}


def test_param_same_value_is_idempotent(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_param(run_id, "p", "same")
    client.log_param(run_id, "p", "same")
    client.log_batch(run_id, params=[Param("p", "same")])
    assert client.get_run(run_id).data.params == {"p": "same"}


def test_log_batch_params_tags_and_metrics_together(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    ts = int(time.time() * 1000)
    client.log_batch(
        run_id,
        metrics=[Metric("m1", 1.5, ts, 0), Metric("m1", 2.5, ts + 1, 1), Metric("m2", -3.0, ts, 0)],
        params=[Param(f"p{i}", f"v{i}") for i in range(100)],
        tags=[RunTag("t1", "a"), RunTag("t2", "b")],
    )
    data = client.get_run(run_id).data
    assert data.params == {f"p{i}": f"v{i}" for i in range(100)}
    assert data.metrics == {"m1": 2.5, "m2": -3.0}
    assert data.tags["t1"] == "a" and data.tags["t2"] == "b"


def test_key_charset_edges_are_accepted(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    keys = ["with space", "dash-key", "dot.key", "slash/key", "colon:key", "k" * 250]
    for key in keys:
        client.log_param(run_id, key, "v")
        client.log_metric(run_id, key, 1.0)
        client.set_tag(run_id, key, "t")
    data = client.get_run(run_id).data
    for key in keys:
        assert data.params[key] == "v"
        assert data.metrics[key] == 1.0
        assert data.tags[key] == "t"


def test_long_param_and_tag_values_round_trip(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    param_value = "p" * 6000
    tag_value = "t" * 8000
    client.log_param(run_id, "long", param_value)
    client.set_tag(run_id, "long", tag_value)
    data = client.get_run(run_id).data
    assert data.params["long"] == param_value
    assert data.tags["long"] == tag_value


def test_unicode_values_round_trip(client, experiment_id):
    run_id = client.create_run(experiment_id, run_name="прогон-🚀").info.run_id
    client.log_param(run_id, "text", "naïve café – 日本語 🚀")
    client.set_tag(run_id, "note", "multi\nline\ttext")
    fetched = client.get_run(run_id)
    assert fetched.info.run_name == "прогон-🚀"
    assert fetched.data.params["text"] == "naïve café – 日本語 🚀"
    assert fetched.data.tags["note"] == "multi\nline\ttext"


def test_nested_runs_have_parent_tag_and_are_found_by_search(client):
    exp = mlflow.set_experiment(unique_name("nested"))
    with mlflow.start_run(run_name="parent") as parent:
        with mlflow.start_run(run_name="child-1", nested=True) as child1:
            mlflow.log_metric("m", 1)
        with mlflow.start_run(run_name="child-2", nested=True) as child2:
            with mlflow.start_run(run_name="grandchild", nested=True) as grandchild:
                pass
    with mlflow.start_run(run_name="unrelated"):
        pass

    parent_id = parent.info.run_id
    for child in (child1, child2):
        tags = client.get_run(child.info.run_id).data.tags
        assert tags["mlflow.parentRunId"] == parent_id
    assert client.get_run(grandchild.info.run_id).data.tags["mlflow.parentRunId"] == (
        child2.info.run_id
    )
    assert "mlflow.parentRunId" not in client.get_run(parent_id).data.tags

    for filter_string in (
        f"tags.mlflow.parentRunId = '{parent_id}'",
        f"tags.`mlflow.parentRunId` = '{parent_id}'",
    ):
        found = client.search_runs([exp.experiment_id], filter_string=filter_string)
        assert sorted(r.info.run_id for r in found) == sorted(
            [child1.info.run_id, child2.info.run_id]
        )
    pandas_found = mlflow.search_runs(
        [exp.experiment_id], filter_string=f"tags.mlflow.parentRunId = '{parent_id}'"
    )
    assert sorted(pandas_found["run_id"]) == sorted([child1.info.run_id, child2.info.run_id])


def test_dataset_inputs_are_recorded_and_searchable(client):
    exp = mlflow.set_experiment(unique_name("datasets"))
    train_name, eval_name = unique_name("train"), unique_name("eval")
    df = pd.DataFrame({"x1": [1.0, 2.0, 3.0, 4.0], "x2": [0, 1, 0, 1], "y": [0, 1, 1, 0]})
    train = mlflow.data.from_pandas(df, name=train_name, targets="y")
    evaluation = mlflow.data.from_numpy(
        np.arange(12, dtype=np.float64).reshape(6, 2), name=eval_name, targets=np.arange(6)
    )

    with mlflow.start_run() as run:
        mlflow.log_input(train, context="training")
        mlflow.log_input(evaluation, context="eval")
    with mlflow.start_run() as other:
        mlflow.log_metric("x", 1)

    inputs = client.get_run(run.info.run_id).inputs.dataset_inputs
    by_name = {i.dataset.name: i for i in inputs}
    assert set(by_name) == {train_name, eval_name}
    for ds, context in ((train, "training"), (evaluation, "eval")):
        recorded = by_name[ds.name]
        assert recorded.dataset.digest == ds.digest
        assert recorded.dataset.source_type == ds.source._get_source_type()
        assert recorded.dataset.source  # JSON description of the source
        assert recorded.dataset.schema  # the pandas/numpy schema is sent and kept
        assert {t.key: t.value for t in recorded.tags} == {"mlflow.data.context": context}
    assert client.get_run(other.info.run_id).inputs.dataset_inputs == []

    def found(filter_string):
        return [r.info.run_id for r in client.search_runs([exp.experiment_id], filter_string)]

    assert found("datasets.context = 'training'") == [run.info.run_id]
    assert found("datasets.context = 'eval'") == [run.info.run_id]
    assert found("datasets.context = 'testing'") == []
    assert found(f"datasets.name = '{train_name}'") == [run.info.run_id]
    assert found(f"datasets.digest = '{train.digest}'") == [run.info.run_id]
    assert found(f"datasets.name IN ('{eval_name}', 'nope')") == [run.info.run_id]

    # The same dataset logged again to the same run is recorded once.
    with mlflow.start_run(run_id=run.info.run_id):
        mlflow.log_input(train, context="training")
    assert len(client.get_run(run.info.run_id).inputs.dataset_inputs) == 2


def test_rename_run_updates_name_and_tag(client, experiment_id):
    run_id = client.create_run(experiment_id, run_name="before").info.run_id

    client.update_run(run_id, name="after")

    fetched = client.get_run(run_id)
    assert fetched.info.run_name == "after"
    assert fetched.data.tags["mlflow.runName"] == "after"
    assert fetched.info.status == "RUNNING"  # only the given field changes
    found = client.search_runs([experiment_id], filter_string="attributes.run_name = 'after'")
    assert [r.info.run_id for r in found] == [run_id]

    client.update_run(run_id, status="FINISHED")
    fetched = client.get_run(run_id)
    assert fetched.info.status == "FINISHED"
    assert fetched.info.run_name == "after"


def test_set_run_name_tag_renames_run(client, experiment_id):
    run_id = client.create_run(experiment_id, run_name="before").info.run_id
    client.set_tag(run_id, "mlflow.runName", "via-tag")
    assert client.get_run(run_id).info.run_name == "via-tag"


def test_run_tag_delete(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.set_tag(run_id, "keep", "1")
    client.set_tag(run_id, "drop", "2")

    client.delete_tag(run_id, "drop")

    tags = client.get_run(run_id).data.tags
    assert tags["keep"] == "1"
    assert "drop" not in tags
    with raises_mlflow_error("RESOURCE_DOES_NOT_EXIST"):
        client.delete_tag(run_id, "drop")


def test_delete_and_restore_run(client, experiment_id):
    kept = client.create_run(experiment_id).info.run_id
    doomed = client.create_run(experiment_id).info.run_id

    def ids(view_type=ViewType.ACTIVE_ONLY):
        return sorted(r.info.run_id for r in client.search_runs([experiment_id], "", view_type))

    client.delete_run(doomed)

    assert client.get_run(doomed).info.lifecycle_stage == "deleted"
    assert ids() == [kept]
    assert ids(ViewType.DELETED_ONLY) == [doomed]
    assert ids(ViewType.ALL) == sorted([kept, doomed])
    assert list(mlflow.search_runs([experiment_id])["run_id"]) == [kept]
    deleted_df = mlflow.search_runs([experiment_id], run_view_type=ViewType.DELETED_ONLY)
    assert list(deleted_df["run_id"]) == [doomed]

    client.restore_run(doomed)

    assert client.get_run(doomed).info.lifecycle_stage == "active"
    assert ids() == sorted([kept, doomed])
    assert ids(ViewType.DELETED_ONLY) == []


def test_logging_to_a_deleted_run_fails(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_param(run_id, "before", "1")
    client.delete_run(run_id)

    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.log_param(run_id, "after", "1")
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.log_metric(run_id, "after", 1.0)
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.set_tag(run_id, "after", "1")
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.log_batch(run_id, metrics=[Metric("after", 1.0, 0, 0)])
    data = client.get_run(run_id).data
    assert data.params == {"before": "1"}
    assert data.metrics == {}
    assert "after" not in data.tags

    # The fluent API refuses to resume it at all.
    mlflow.set_experiment(experiment_id=experiment_id)
    try:
        mlflow.start_run(run_id=run_id)
        raise AssertionError("resuming a deleted run must fail")
    except mlflow.exceptions.MlflowException:
        pass


def test_run_status_values_round_trip(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    for status in ("SCHEDULED", "RUNNING", "FAILED", "KILLED", "FINISHED"):
        client.update_run(run_id, status=status)
        assert client.get_run(run_id).info.status == status
        assert RunStatus.from_string(status) is not None
