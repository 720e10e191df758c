"""search_runs over a few hundred generated runs: every filter and ordering is checked against
the answer computed in Python from the data that was logged."""

from __future__ import annotations

import functools
import operator
import random
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import mlflow
import pytest
from mlflow.entities import Metric, Param, RunTag, ViewType

from support import unique_name

N_RUNS = 300
BASE_TS = 1_650_000_000_000
SEED = 424242


@dataclass
class Rec:
    run_id: str
    run_name: str
    start_time: int
    status: str
    end_time: int | None
    metrics: dict = field(default_factory=dict)  # latest values only
    params: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)


def _generate(i: int, rng: random.Random) -> dict:
    """The data for run i; several keys are absent on purpose."""
    spec = {
        # Pairs share a start_time so the run_id tie-break is exercised.
        "start_time": BASE_TS + (i // 2) * 1000,
        "run_name": f"run-{i:03d}-{['alpha', 'Beta', 'GAMMA'][i % 3]}",
        "status": ["FINISHED", "FAILED", "RUNNING"][i % 3],
        "metrics": {},
        "loss_history": None,
        "params": {},
        "tags": {},
    }
    if rng.random() < 0.9:
        spec["metrics"]["acc"] = round(rng.random(), 4)
    if rng.random() < 0.75:
        # Two points: only the one at the higher step counts in search.
        spec["loss_history"] = (round(rng.random(), 4), round(rng.random(), 4))
        spec["metrics"]["loss"] = spec["loss_history"][1]
    if rng.random() < 0.5:
        spec["metrics"]["my metric"] = round(rng.uniform(-1, 1), 3)
    if rng.random() < 0.8:
        spec["metrics"]["epoch"] = float(rng.randint(0, 9))
    if rng.random() < 0.85:
        spec["params"]["model"] = rng.choice(["rf", "lr", "xgb", "XGB", "x_b", "svm", "SVM-rbf"])
    if rng.random() < 0.8:
        spec["params"]["lr"] = rng.choice(["0.1", "0.01", "0.001"])
    if rng.random() < 0.7:
        spec["params"]["depth"] = str(rng.randint(1, 20))
    if rng.random() < 0.8:
        spec["tags"]["team"] = rng.choice(["alpha", "beta", "Gamma", "gamma-ray"])
    if rng.random() < 0.5:
        spec["tags"]["owner-name"] = rng.choice(["bob", "alice"])
    return spec


def _create(client, experiment_id: str, spec: dict) -> Rec:
    run = client.create_run(
        experiment_id, start_time=spec["start_time"], run_name=spec["run_name"]
    )
    run_id = run.info.run_id
    ts = spec["start_time"] + 10
    metrics = [Metric(k, v, ts, 0) for k, v in spec["metrics"].items() if k != "loss"]
    if spec["loss_history"]:
        first, last = spec["loss_history"]
        metrics += [Metric("loss", first, ts, 0), Metric("loss", last, ts + 1, 1)]
    client.log_batch(
        run_id,
        metrics=metrics,
        params=[Param(k, v) for k, v in spec["params"].items()],
        tags=[RunTag(k, v) for k, v in spec["tags"].items()],
    )
    end_time = None
    if spec["status"] != "RUNNING":
        end_time = spec["start_time"] + 5000
        client.set_terminated(run_id, status=spec["status"], end_time=end_time)
    return Rec(
        run_id=run_id,
        run_name=spec["run_name"],
        start_time=spec["start_time"],
        status=spec["status"],
        end_time=end_time,
        metrics=dict(spec["metrics"]),
        params=dict(spec["params"]),
        tags=dict(spec["tags"]),
    )


@pytest.fixture(scope="module")
def corpus(server):
    """N_RUNS runs in one fresh experiment, plus the Python-side record of what each holds."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=server.uri)
    experiment_id = client.create_experiment(unique_name("search"))
    rng = random.Random(SEED)
    specs = [_generate(i, rng) for i in range(N_RUNS)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        records = list(pool.map(lambda s: _create(client, experiment_id, s), specs))
    return experiment_id, records


# ---------------------------------------------------------------------------------------------
# Python reference semantics


def _like(pattern: str, flags: int = 0):
    regex = "".join(
        ".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern
    )
    compiled = re.compile(regex, flags | re.DOTALL)
    return lambda value: compiled.fullmatch(value) is not None


OPS = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def metric(key, op, value):
    return lambda r: key in r.metrics and OPS[op](r.metrics[key], value)


def param(key, op, value):
    if op in ("LIKE", "ILIKE"):
        match = _like(value, re.IGNORECASE if op == "ILIKE" else 0)
        return lambda r: key in r.params and match(r.params[key])
    return lambda r: key in r.params and OPS[op](r.params[key], value)


def tag(key, op, value):
    if op in ("LIKE", "ILIKE"):
        match = _like(value, re.IGNORECASE if op == "ILIKE" else 0)
        return lambda r: key in r.tags and match(r.tags[key])
    return lambda r: key in r.tags and OPS[op](r.tags[key], value)


def attr(name, op, value):
    def get(r):
        return getattr(r, name)

    if op in ("LIKE", "ILIKE"):
        match = _like(value, re.IGNORECASE if op == "ILIKE" else 0)
        return lambda r: get(r) is not None and match(get(r))
    return lambda r: get(r) is not None and OPS[op](get(r), value)


def all_of(*preds):
    return lambda r: all(p(r) for p in preds)


def _value_getter(field_spec: str):
    kind, _, key = field_spec.partition(".")
    key = key.strip("`")
    if kind == "metrics":
        return lambda r: r.metrics.get(key)
    if kind == "params":
        return lambda r: r.params.get(key)
    if kind == "tags":
        return lambda r: r.tags.get(key)
    if kind == "attributes":
        return lambda r: getattr(r, key)
    raise ValueError(field_spec)


def _split_order_item(item: str) -> tuple[str, bool]:
    """'metrics.`my metric` DESC' → ('metrics.`my metric`', True)."""
    head, _, last = item.strip().rpartition(" ")
    if head and last.upper() in ("ASC", "DESC"):
        return head.strip(), last.upper() == "DESC"
    return item.strip(), False


def expected_order(records, order_by=()):
    """Order as the reference server sorts: each key with missing values last (in both
    directions), then start_time DESC, then run_id ASC."""
    items = [_split_order_item(item) for item in order_by]
    keys = [(_value_getter(name), desc) for name, desc in items]
    if not any(name == "attributes.start_time" for name, _ in items):
        keys.append((lambda r: r.start_time, True))
    keys.append((lambda r: r.run_id, False))

    def compare(a, b):
        for get, desc in keys:
            va, vb = get(a), get(b)
            if va is None or vb is None:
                if va is None and vb is None:
                    continue
                return 1 if va is None else -1
            if va != vb:
                result = -1 if va < vb else 1
                return -result if desc else result
        return 0

    return [r.run_id for r in sorted(records, key=functools.cmp_to_key(compare))]


def _search_all(client, experiment_ids, filter_string="", order_by=None, max_results=1000, **kw):
    return client.search_runs(
        experiment_ids,
        filter_string=filter_string,
        order_by=order_by,
        max_results=max_results,
        **kw,
    )


# ---------------------------------------------------------------------------------------------
# Filters


def _context(records) -> dict:
    """Values some filters need from the generated data."""
    some = [r.run_id for r in records[10:20]]
    return {
        "some": some,
        "some_in": ", ".join(f"'{x}'" for x in some),
        "acc_value": next(r.metrics["acc"] for r in records if "acc" in r.metrics),
        "name7": records[7].run_name,
        "id3": records[3].run_id,
        "t_lo": BASE_TS + 40_000,
        "t_hi": BASE_TS + 90_000,
    }


# (filter template, predicate factory taking the context); templates use str.format.
FILTERS = [
    ("metrics.acc > 0.5", lambda c: metric("acc", ">", 0.5)),
    ("metrics.acc <= 0.25", lambda c: metric("acc", "<=", 0.25)),
    ("metrics.loss < 0.3", lambda c: metric("loss", "<", 0.3)),  # the latest value only
    ("metrics.epoch = 3", lambda c: metric("epoch", "=", 3.0)),
    ("metrics.epoch != 3", lambda c: metric("epoch", "!=", 3.0)),  # missing → excluded
    ("metrics.acc = {acc_value!r}", lambda c: metric("acc", "=", c["acc_value"])),
    (
        "metrics.acc >= 0.2 AND metrics.acc < 0.6",
        lambda c: all_of(metric("acc", ">=", 0.2), metric("acc", "<", 0.6)),
    ),
    ("metrics.`my metric` > 0.5", lambda c: metric("my metric", ">", 0.5)),
    ("metric.`my metric` <= -0.5", lambda c: metric("my metric", "<=", -0.5)),
    ("params.model = 'xgb'", lambda c: param("model", "=", "xgb")),
    ("params.model != 'xgb'", lambda c: param("model", "!=", "xgb")),  # missing → excluded
    ("params.model LIKE 'x%'", lambda c: param("model", "LIKE", "x%")),  # case-sensitive
    ("params.model LIKE '_gb'", lambda c: param("model", "LIKE", "_gb")),  # xgb, not XGB
    ("params.model ILIKE 'svm%'", lambda c: param("model", "ILIKE", "svm%")),
    ("params.depth LIKE '1_'", lambda c: param("depth", "LIKE", "1_")),
    ('params."lr" = "0.1"', lambda c: param("lr", "=", "0.1")),
    ("param.lr = '0.01'", lambda c: param("lr", "=", "0.01")),
    ("tags.team = 'alpha'", lambda c: tag("team", "=", "alpha")),
    ("tags.team != 'alpha'", lambda c: tag("team", "!=", "alpha")),  # missing → excluded
    ("tags.team ILIKE 'GAMMA%'", lambda c: tag("team", "ILIKE", "GAMMA%")),
    ("tags.team LIKE '%a'", lambda c: tag("team", "LIKE", "%a")),
    ("tags.`owner-name` = 'bob'", lambda c: tag("owner-name", "=", "bob")),
    ("attributes.status = 'FINISHED'", lambda c: attr("status", "=", "FINISHED")),
    ("attributes.status != 'RUNNING'", lambda c: attr("status", "!=", "RUNNING")),
    ("status = 'FAILED'", lambda c: attr("status", "=", "FAILED")),
    ("attributes.run_name LIKE 'run-01%'", lambda c: attr("run_name", "LIKE", "run-01%")),
    ("attributes.run_name ILIKE '%-gamma'", lambda c: attr("run_name", "ILIKE", "%-gamma")),
    ("run_name = '{name7}'", lambda c: attr("run_name", "=", c["name7"])),
    (
        "attributes.start_time >= {t_lo} AND attributes.start_time < {t_hi}",
        lambda c: all_of(attr("start_time", ">=", c["t_lo"]), attr("start_time", "<", c["t_hi"])),
    ),
    ("attributes.end_time > {t_lo}", lambda c: attr("end_time", ">", c["t_lo"])),
    ("run_id IN ({some_in})", lambda c: lambda r: r.run_id in c["some"]),
    ("attributes.run_id NOT IN ({some_in})", lambda c: lambda r: r.run_id not in c["some"]),
    ("run_id = '{id3}'", lambda c: lambda r: r.run_id == c["id3"]),
    (
        "params.lr = '0.01' and tags.team = 'beta' and metrics.acc > 0.3",
        lambda c: all_of(
            param("lr", "=", "0.01"), tag("team", "=", "beta"), metric("acc", ">", 0.3)
        ),
    ),
    (
        "params.model = 'rf' AND metrics.loss <= 0.5 AND attributes.status = 'FAILED'",
        lambda c: all_of(
            param("model", "=", "rf"), metric("loss", "<=", 0.5), attr("status", "=", "FAILED")
        ),
    ),
    ("params.model = 'no-such-model'", lambda c: lambda r: False),
]


def test_corpus_was_created(corpus):
    experiment_id, records = corpus
    assert len(records) == N_RUNS
    assert len({r.run_id for r in records}) == N_RUNS


@pytest.mark.parametrize("template, make_predicate", FILTERS, ids=[f[0] for f in FILTERS])
def test_search_filter_matches_python_reference(client, corpus, template, make_predicate):
    experiment_id, records = corpus
    context = _context(records)
    filter_string = template.format(**context)
    predicate = make_predicate(context)
    expected = sorted(r.run_id for r in records if predicate(r))
    assert expected or "no-such-model" in filter_string, "the corpus should exercise the filter"
    found = _search_all(client, [experiment_id], filter_string)
    assert sorted(r.info.run_id for r in found) == expected, filter_string
    # Results are complete runs: spot-check that the data matches the record.
    by_id = {r.run_id: r for r in records}
    for run in list(found)[:5]:
        rec = by_id[run.info.run_id]
        assert run.data.params == rec.params
        assert run.data.metrics == rec.metrics
        assert {k: v for k, v in run.data.tags.items() if not k.startswith("mlflow.")} == rec.tags
        assert run.info.run_name == rec.run_name
        assert run.info.status == rec.status


ORDERINGS = [
    [],
    ["metrics.acc DESC"],
    ["metrics.acc ASC"],
    ["metrics.loss"],
    ["metrics.`my metric` DESC"],
    ["params.model ASC"],
    ["params.model DESC"],
    ["params.lr DESC", "metrics.acc ASC"],
    ["tags.team ASC"],
    ["attributes.start_time ASC"],
    ["attributes.start_time DESC"],
    ["attributes.run_name DESC"],
    ["attributes.end_time ASC"],
]


@pytest.mark.parametrize("order_by", ORDERINGS, ids=lambda o: ",".join(o) or "default")
def test_search_order_by_matches_python_reference(client, corpus, order_by):
    experiment_id, records = corpus
    found = _search_all(client, [experiment_id], order_by=order_by or None)
    assert [r.info.run_id for r in found] == expected_order(records, order_by)


def test_search_filter_and_order_combined(client, corpus):
    experiment_id, records = corpus
    found = _search_all(
        client,
        [experiment_id],
        "params.model != 'xgb' AND params.model ILIKE '_%' AND params.model LIKE '%r%'",
        order_by=["metrics.loss ASC"],
    )
    expected = [r for r in records if "r" in r.params.get("model", "")]  # rf, lr, SVM-rbf
    assert [r.info.run_id for r in found] == expected_order(expected, ["metrics.loss ASC"])


@pytest.mark.parametrize(
    "filter_string, order_by",
    [("", None), ("", ["metrics.acc DESC"]), ("params.lr != '0.1'", ["params.model ASC"])],
)
def test_paging_with_page_token_matches_one_big_search(client, corpus, filter_string, order_by):
    experiment_id, records = corpus
    everything = [
        r.info.run_id for r in _search_all(client, [experiment_id], filter_string, order_by)
    ]
    paged, token, pages = [], None, 0
    while True:
        page = client.search_runs(
            [experiment_id],
            filter_string=filter_string,
            order_by=order_by,
            max_results=7,
            page_token=token,
        )
        assert len(page) <= 7
        paged.extend(r.info.run_id for r in page)
        pages += 1
        token = page.token
        if not token:
            break
        assert pages <= N_RUNS, "paging does not terminate"
    assert paged == everything
    assert pages in (-(-len(everything) // 7), -(-len(everything) // 7) + 1)


def test_max_results_up_to_50000_is_accepted(client, corpus):
    experiment_id, records = corpus
    found = client.search_runs([experiment_id], max_results=50000)
    assert len(found) == N_RUNS
    assert not found.token
    limited = client.search_runs([experiment_id], max_results=10)
    assert len(limited) == 10
    assert limited.token


def test_pandas_search_runs(corpus):
    experiment_id, records = corpus
    df = mlflow.search_runs(
        experiment_ids=[experiment_id],
        filter_string="params.model = 'xgb'",
        order_by=["metrics.acc DESC"],
    )
    expected = [r for r in records if r.params.get("model") == "xgb"]
    assert list(df["run_id"]) == expected_order(expected, ["metrics.acc DESC"])
    by_id = {r.run_id: r for r in expected}
    for _, row in df.iterrows():
        rec = by_id[row["run_id"]]
        assert row["params.model"] == "xgb"
        assert row["status"] == rec.status
        assert row["tags.mlflow.runName"] == rec.run_name
        if "acc" in rec.metrics:
            assert row["metrics.acc"] == rec.metrics["acc"]
        if "team" in rec.tags:
            assert row["tags.team"] == rec.tags["team"]

    everything = mlflow.search_runs(experiment_ids=[experiment_id])
    assert len(everything) == N_RUNS
    as_list = mlflow.search_runs(
        experiment_ids=[experiment_id], output_format="list", filter_string="tags.team = 'beta'"
    )
    assert sorted(r.info.run_id for r in as_list) == sorted(
        r.run_id for r in records if r.tags.get("team") == "beta"
    )


def test_search_spans_several_experiments(client, corpus):
    experiment_id, records = corpus
    other = client.create_experiment(unique_name("search-other"))
    extra = client.create_run(other, start_time=BASE_TS - 1).info.run_id
    client.log_param(extra, "model", "xgb")
    found = _search_all(client, [experiment_id, other], "params.model = 'xgb'")
    expected = [r.run_id for r in records if r.params.get("model") == "xgb"] + [extra]
    assert sorted(r.info.run_id for r in found) == sorted(expected)
    # The oldest start_time sorts last in the default order.
    assert found[-1].info.run_id == extra


def test_search_run_view_types_in_corpus(client, corpus):
    experiment_id, records = corpus
    other = client.create_experiment(unique_name("views"))
    alive = client.create_run(other).info.run_id
    gone = client.create_run(other).info.run_id
    client.delete_run(gone)
    assert [r.info.run_id for r in client.search_runs([other])] == [alive]
    assert [
        r.info.run_id for r in client.search_runs([other], run_view_type=ViewType.DELETED_ONLY)
    ] == [gone]
    assert sorted(
        r.info.run_id for r in client.search_runs([other], run_view_type=ViewType.ALL)
    ) == sorted([alive, gone])
