"""Metric ingestion and history: big batches, non-finite values, replays, ordering and the
"latest value" rule."""

from __future__ import annotations

import math
import random
import sys

import mlflow
from mlflow.entities import Metric

from support import unique_name

BASE_TS = 1_700_000_000_000
DBL_MAX = sys.float_info.max


def assert_same_value(expected: float, actual: float, where: str = "") -> None:
    """Exact equality, NaN-aware.

    The reference server stores +/-Infinity as +/-DBL_MAX (its SQL store clamps them), so an
    infinite value may come back either way; every other value must round-trip bit for bit.
    """
    if math.isnan(expected):
        assert math.isnan(actual), (where, expected, actual)
    elif math.isinf(expected):
        assert actual in (expected, math.copysign(DBL_MAX, expected)), (where, expected, actual)
    else:
        assert actual == expected, (where, expected, actual)


def _value_for(step: int, rng: random.Random) -> float:
    if step % 97 == 0:
        return math.nan
    if step % 89 == 0:
        return math.inf
    if step % 83 == 0:
        return -math.inf
    special = {5: 1e-300, 6: -2.5e-310, 7: 123456789.123456789, 8: 2.0**53 + 2, 9: -0.0, 10: 0.0}
    if step in special:
        return special[step]
    return rng.uniform(-1e6, 1e6)


def test_log_batch_of_1000_metrics_keeps_every_point_exactly(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    rng = random.Random(20240501)
    points = [
        Metric("a" if step % 3 else "b", _value_for(step, rng), BASE_TS + step, step)
        for step in range(1000)
    ]
    assert any(math.isnan(p.value) for p in points)
    assert any(p.value == math.inf for p in points) and any(p.value == -math.inf for p in points)

    client.log_batch(run_id, metrics=points)

    for key in ("a", "b"):
        sent = sorted((p for p in points if p.key == key), key=lambda p: p.step)
        history = sorted(client.get_metric_history(run_id, key), key=lambda m: m.step)
        assert len(history) == len(sent)
        for exp, got in zip(sent, history):
            assert (got.key, got.step, got.timestamp) == (key, exp.step, exp.timestamp)
            assert_same_value(exp.value, got.value, f"{key}@{exp.step}")
    latest = client.get_run(run_id).data.metrics
    for key in ("a", "b"):
        newest = max((p for p in points if p.key == key), key=lambda p: p.step)
        assert_same_value(newest.value, latest[key], f"latest {key}")


def test_replayed_log_batch_adds_no_duplicate_points(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    points = [
        Metric("r", v, BASE_TS + i, i)
        for i, v in enumerate([1.0, math.nan, math.inf, -math.inf, 0.25] * 20)
    ]
    client.log_batch(run_id, metrics=points)
    client.log_batch(run_id, metrics=points)  # what a client retry after a lost response sends
    assert len(client.get_metric_history(run_id, "r")) == len(points)

    client.log_metric(run_id, "single", 3.0, timestamp=BASE_TS, step=4)
    client.log_metric(run_id, "single", 3.0, timestamp=BASE_TS, step=4)
    assert len(client.get_metric_history(run_id, "single")) == 1


def test_distinct_values_at_same_step_and_timestamp_are_all_kept(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_batch(
        run_id, metrics=[Metric("k", 1.0, BASE_TS, 0), Metric("k", 2.0, BASE_TS, 0)]
    )
    assert sorted(m.value for m in client.get_metric_history(run_id, "k")) == [1.0, 2.0]
    # Same step and timestamp: the larger value counts as the latest.
    assert client.get_run(run_id).data.metrics["k"] == 2.0


def test_latest_value_is_decided_by_step_then_timestamp(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_metric(run_id, "by_step", 10.0, timestamp=BASE_TS, step=10)
    client.log_metric(run_id, "by_step", 5.0, timestamp=BASE_TS + 60_000, step=5)
    client.log_metric(run_id, "by_time", 1.0, timestamp=BASE_TS + 10, step=3)
    client.log_metric(run_id, "by_time", 2.0, timestamp=BASE_TS + 20, step=3)
    client.log_metric(run_id, "by_time", 0.5, timestamp=BASE_TS + 5, step=3)
    metrics = client.get_run(run_id).data.metrics
    assert metrics["by_step"] == 10.0
    assert metrics["by_time"] == 2.0


def test_metric_history_with_many_steps_in_order(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    rng = random.Random(7)
    points = [Metric("long", rng.random(), BASE_TS + step * 10, step) for step in range(3000)]
    shuffled = points[:]
    rng.shuffle(shuffled)

    client.log_batch(run_id, metrics=shuffled)  # the client splits this into 1000-metric requests

    history = client.get_metric_history(run_id, "long")
    # The whole history comes back in one call, oldest first.
    assert [(m.step, m.timestamp, m.value) for m in history] == [
        (p.step, p.timestamp, p.value) for p in points
    ]
    assert client.get_run(run_id).data.metrics["long"] == points[-1].value
    assert client.get_metric_history(run_id, "never-logged") == []


def test_fluent_log_metric_with_steps_builds_history(client):
    mlflow.set_experiment(unique_name("fluent-steps"))
    values = [1.0 / (step + 1) for step in range(60)]
    with mlflow.start_run() as run:
        for step, value in enumerate(values):
            mlflow.log_metric("curve", value, step=step)
        mlflow.log_metrics({"curve2": 1.0, "curve3": math.nan}, step=7)

    history = client.get_metric_history(run.info.run_id, "curve")
    assert sorted((m.step, m.value) for m in history) == list(enumerate(values))
    # Timestamps come from the client clock and never decrease along the steps.
    ordered = sorted(history, key=lambda m: m.step)
    assert all(a.timestamp <= b.timestamp for a, b in zip(ordered, ordered[1:]))
    metrics = client.get_run(run.info.run_id).data.metrics
    assert metrics["curve"] == values[-1]
    assert metrics["curve2"] == 1.0
    assert math.isnan(metrics["curve3"])
    [nan_point] = client.get_metric_history(run.info.run_id, "curve3")
    assert nan_point.step == 7 and math.isnan(nan_point.value)
