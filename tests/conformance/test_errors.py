"""Error behaviour: the exact error codes the client sees (it branches on some of them) and, on
the wire, the HTTP status and the JSON body {"error_code", "message"}."""

from __future__ import annotations

import pytest
from mlflow.entities import Metric, Param
from mlflow.exceptions import MlflowException
from mlflow.utils.rest_utils import verify_rest_response
from packaging.version import Version

from support import assert_error_response, raises_mlflow_error, unique_name

MISSING_RUN = "0123456789abcdef0123456789abcdef"
MISSING_EXPERIMENT = "987654321"
TS = 1_700_000_000_000


def test_unknown_run_is_resource_does_not_exist(client, rest):
    with raises_mlflow_error("RESOURCE_DOES_NOT_EXIST"):
        client.get_run(MISSING_RUN)
    with raises_mlflow_error("RESOURCE_DOES_NOT_EXIST"):
        client.log_param(MISSING_RUN, "a", "1")
    assert_error_response(
        rest.api("GET", "runs/get", {"run_id": MISSING_RUN}), 404, "RESOURCE_DOES_NOT_EXIST"
    )
    assert_error_response(
        rest.api("POST", "runs/log-parameter", {"run_id": MISSING_RUN, "key": "a", "value": "1"}),
        404,
        "RESOURCE_DOES_NOT_EXIST",
    )


def test_unknown_experiment_is_resource_does_not_exist(client, rest):
    with raises_mlflow_error("RESOURCE_DOES_NOT_EXIST"):
        client.get_experiment(MISSING_EXPERIMENT)
    assert_error_response(
        rest.api("GET", "experiments/get", {"experiment_id": MISSING_EXPERIMENT}),
        404,
        "RESOURCE_DOES_NOT_EXIST",
    )
    # The client turns exactly this answer into "no such experiment" (set_experiment relies on it).
    assert_error_response(
        rest.api("GET", "experiments/get-by-name", {"experiment_name": unique_name("none")}),
        404,
        "RESOURCE_DOES_NOT_EXIST",
    )
    assert client.get_experiment_by_name(unique_name("none")) is None
    with raises_mlflow_error("RESOURCE_DOES_NOT_EXIST"):
        client.create_run(MISSING_EXPERIMENT)


def test_missing_required_field_is_invalid_parameter_value(rest):
    assert_error_response(rest.api("GET", "runs/get", {}), 400, "INVALID_PARAMETER_VALUE")
    assert_error_response(
        rest.api("POST", "experiments/create", {}), 400, "INVALID_PARAMETER_VALUE"
    )


def test_changing_a_param_value_is_rejected_and_old_value_kept(client, rest, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_param(run_id, "lr", "0.1")

    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.log_param(run_id, "lr", "0.2")
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.log_batch(run_id, params=[Param("lr", "0.3")])
    assert_error_response(
        rest.api("POST", "runs/log-parameter", {"run_id": run_id, "key": "lr", "value": "0.4"}),
        400,
        "INVALID_PARAMETER_VALUE",
    )
    assert client.get_run(run_id).data.params == {"lr": "0.1"}


def test_over_limit_metric_batch_is_rejected_and_writes_nothing(client, rest, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    body = {
        "run_id": run_id,
        "metrics": [{"key": "m", "value": 1.0, "timestamp": TS, "step": i} for i in range(1001)],
        "params": [{"key": "p", "value": "v"}],
    }
    assert_error_response(rest.api("POST", "runs/log-batch", body), 400, "INVALID_PARAMETER_VALUE")
    run = client.get_run(run_id)
    assert run.data.metrics == {}
    assert run.data.params == {}
    assert client.get_metric_history(run_id, "m") == []

    # Exactly at the limit is fine.
    body = {"run_id": run_id, "metrics": body["metrics"][:1000]}
    assert rest.api("POST", "runs/log-batch", body).status_code == 200
    assert len(client.get_metric_history(run_id, "m")) == 1000


def test_over_limit_param_batch_is_rejected_and_writes_nothing(client, rest, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    body = {"run_id": run_id, "params": [{"key": f"p{i}", "value": "v"} for i in range(101)]}
    assert_error_response(rest.api("POST", "runs/log-batch", body), 400, "INVALID_PARAMETER_VALUE")
    assert client.get_run(run_id).data.params == {}

    tags = {"run_id": run_id, "tags": [{"key": f"t{i}", "value": "v"} for i in range(101)]}
    assert_error_response(rest.api("POST", "runs/log-batch", tags), 400, "INVALID_PARAMETER_VALUE")
    assert not any(k.startswith("t") for k in client.get_run(run_id).data.tags)

    # 1001 entities in total, each kind within its own limit.
    mixed = {
        "run_id": run_id,
        "metrics": [{"key": "m", "value": 1.0, "timestamp": TS, "step": i} for i in range(900)],
        "params": [{"key": f"p{i}", "value": "v"} for i in range(100)],
        "tags": [{"key": "t", "value": "v"}],
    }
    assert_error_response(rest.api("POST", "runs/log-batch", mixed), 400, "INVALID_PARAMETER_VALUE")
    assert client.get_run(run_id).data.params == {}
    assert client.get_metric_history(run_id, "m") == []


def test_client_splits_big_batches_itself(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_batch(
        run_id,
        metrics=[Metric("m", float(i), TS, i) for i in range(1500)],
        params=[Param(f"p{i}", "v") for i in range(150)],
    )
    assert len(client.get_metric_history(run_id, "m")) == 1500
    assert len(client.get_run(run_id).data.params) == 150


def test_duplicate_param_keys_in_one_batch_are_rejected(client, rest, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    body = {"run_id": run_id, "params": [{"key": "d", "value": "1"}, {"key": "d", "value": "2"}]}
    assert_error_response(rest.api("POST", "runs/log-batch", body), 400, "INVALID_PARAMETER_VALUE")
    assert client.get_run(run_id).data.params == {}


@pytest.mark.parametrize(
    "bad_filter",
    [
        "metrics.x >> 1",
        "params.a = 1 OR params.b = 2",
        "params.a = '1' OR params.b = '2'",
        "params.model = rf",  # unquoted string
        "metrics.acc = 'high'",  # quoted number
        "params.model > 'a'",  # ordering on a string
        "lifecycle_stage = 'active'",  # not a searchable attribute
        "tags.team IN ('a', 'b')",  # lists only for run_id
        "(params.a = '1')",
    ],
)
def test_malformed_run_filter_is_invalid_parameter_value(client, rest, experiment_id, bad_filter):
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.search_runs([experiment_id], filter_string=bad_filter)
    assert_error_response(
        rest.api("POST", "runs/search", {"experiment_ids": [experiment_id], "filter": bad_filter}),
        400,
        "INVALID_PARAMETER_VALUE",
    )


def test_malformed_order_by_and_experiment_filter(client, experiment_id):
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.search_runs([experiment_id], order_by=["metrics.acc SIDEWAYS"])
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        client.search_experiments(filter_string="name = 'a' OR name = 'b'")


def test_search_max_results_above_50000_is_rejected(rest, experiment_id):
    assert_error_response(
        rest.api("POST", "runs/search", {"experiment_ids": [experiment_id], "max_results": 50001}),
        400,
        "INVALID_PARAMETER_VALUE",
    )
    ok = rest.api("POST", "runs/search", {"experiment_ids": [experiment_id], "max_results": 50000})
    assert ok.status_code == 200, ok.text


def test_duplicate_experiment_name_is_resource_already_exists(client, rest):
    name = unique_name("dup")
    client.create_experiment(name)
    with raises_mlflow_error("RESOURCE_ALREADY_EXISTS"):
        client.create_experiment(name)
    assert_error_response(
        rest.api("POST", "experiments/create", {"name": name}), 400, "RESOURCE_ALREADY_EXISTS"
    )
    # Renaming onto a taken name fails too. The reference server answers 400 BAD_REQUEST here
    # (a leaked database error) where RESOURCE_ALREADY_EXISTS would be right; accept both.
    other_name = unique_name("dup-other")
    other = client.create_experiment(other_name)
    with pytest.raises(MlflowException) as info:
        client.rename_experiment(other, name)
    assert info.value.error_code in ("RESOURCE_ALREADY_EXISTS", "BAD_REQUEST"), info.value
    assert client.get_experiment(other).name == other_name


@pytest.mark.parametrize("kind", ["param", "metric", "tag", "batch-metric"])
def test_over_long_key_is_invalid_parameter_value(client, experiment_id, kind):
    run_id = client.create_run(experiment_id).info.run_id
    key = "k" * 251
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        if kind == "param":
            client.log_param(run_id, key, "v")
        elif kind == "metric":
            client.log_metric(run_id, key, 1.0)
        elif kind == "tag":
            client.set_tag(run_id, key, "v")
        else:
            client.log_batch(run_id, metrics=[Metric(key, 1.0, TS, 0)])
    data = client.get_run(run_id).data
    assert key not in data.params and key not in data.metrics and key not in data.tags


@pytest.mark.parametrize(
    "rpc, limit, read_back",
    [
        ("runs/log-parameter", 6000, lambda data: data.params),
        ("runs/set-tag", 8000, lambda data: data.tags),
    ],
    ids=["param", "tag"],
)
def test_over_long_value_is_rejected_or_truncated(client, rest, experiment_id, rpc, limit,
                                                   read_back):
    """The reference server truncates over-long param/tag values to the limit (its default);
    rejecting them with INVALID_PARAMETER_VALUE is the other acceptable answer."""
    run_id = client.create_run(experiment_id).info.run_id
    value = "abcdefghij" * (limit // 10) + "overflow"
    resp = rest.api("POST", rpc, {"run_id": run_id, "key": "long", "value": value})
    stored = read_back(client.get_run(run_id).data)
    if resp.status_code == 200:
        assert stored["long"] == value[:limit]
    else:
        assert_error_response(resp, 400, "INVALID_PARAMETER_VALUE")
        assert "long" not in stored


@pytest.mark.parametrize("key", ["", "a//b", "./a", "a/", "/abs", ".."])
def test_invalid_key_is_invalid_parameter_value(rest, client, experiment_id, key):
    run_id = client.create_run(experiment_id).info.run_id
    assert_error_response(
        rest.api("POST", "runs/log-parameter", {"run_id": run_id, "key": key, "value": "v"}),
        400,
        "INVALID_PARAMETER_VALUE",
    )


def test_writes_to_deleted_run_are_invalid_parameter_value(client, rest, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.delete_run(run_id)
    assert_error_response(
        rest.api(
            "POST",
            "runs/log-metric",
            {"run_id": run_id, "key": "m", "value": 1.0, "timestamp": TS, "step": 0},
        ),
        400,
        "INVALID_PARAMETER_VALUE",
    )


def test_unknown_route_is_404_endpoint_not_found(rest):
    """Either an ENDPOINT_NOT_FOUND JSON body or a non-JSON 404 (the reference server sends an
    HTML page); both read as ENDPOINT_NOT_FOUND in the client, which drives its fallbacks."""
    for method in ("GET", "POST"):
        resp = rest.session.request(
            method, rest.url("/api/2.0/mlflow/nope"), json={} if method == "POST" else None
        )
        assert resp.status_code == 404, resp.text[:300]
        try:
            body = resp.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            assert body.get("error_code") == "ENDPOINT_NOT_FOUND", body
        with raises_mlflow_error("ENDPOINT_NOT_FOUND"):
            verify_rest_response(resp, "/api/2.0/mlflow/nope")


def test_health_and_version(rest):
    health = rest.get("/health")
    assert health.status_code == 200
    assert health.text.strip() == "OK"

    version = rest.get("/version")
    assert version.status_code == 200
    parsed = Version(version.text.strip())
    assert parsed.major == 3


def test_non_finite_and_string_encoded_numbers_on_the_wire(client, rest, experiment_id):
    """Protobuf JSON: NaN/Infinity as strings, int64 as numbers or decimal strings."""
    run_id = client.create_run(experiment_id).info.run_id
    for step, value in ((1, "NaN"), (2, "Infinity"), (3, "-Infinity")):
        resp = rest.api(
            "POST",
            "runs/log-metric",
            {"run_id": run_id, "key": "w", "value": value, "timestamp": str(TS), "step": str(step)},
        )
        assert resp.status_code == 200, resp.text
    resp = rest.api("GET", "metrics/get-history", {"run_id": run_id, "metric_key": "w"})
    assert resp.status_code == 200, resp.text
    points = sorted(resp.json()["metrics"], key=lambda m: int(m["step"]))
    assert [int(m["timestamp"]) for m in points] == [TS, TS, TS]
    assert points[0]["value"] == "NaN"
    # The reference server clamps infinities to +/-DBL_MAX; "Infinity" is the exact encoding.
    assert points[1]["value"] in ("Infinity", 1.7976931348623157e308)
    assert points[2]["value"] in ("-Infinity", -1.7976931348623157e308)


def test_run_uuid_alias_is_accepted(client, rest, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    resp = rest.api("GET", "runs/get", {"run_uuid": run_id})
    assert resp.status_code == 200, resp.text
    info = resp.json()["run"]["info"]
    assert info["run_id"] == run_id
    assert info["lifecycle_stage"] == "active"
    assert info["artifact_uri"]
    assert info["run_name"]
