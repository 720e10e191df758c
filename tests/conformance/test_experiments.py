"""Experiments through the official client: default experiment, set/create, rename, tags,
delete/restore and search_experiments."""

from __future__ import annotations

import time

import mlflow
import pytest
from mlflow.entities import ViewType

from support import raises_mlflow_error, unique_name


def test_default_experiment_0_named_default_exists(client):
    exp = client.get_experiment("0")
    assert exp.experiment_id == "0"
    assert exp.name == "Default"
    assert exp.lifecycle_stage == "active"
    assert client.get_experiment_by_name("Default").experiment_id == "0"


def test_set_experiment_creates_then_reuses(client):
    name = unique_name("set-exp")
    assert client.get_experiment_by_name(name) is None

    created = mlflow.set_experiment(name)
    assert created.name == name
    assert created.lifecycle_stage == "active"
    assert isinstance(created.experiment_id, str) and created.experiment_id

    reused = mlflow.set_experiment(name)
    assert reused.experiment_id == created.experiment_id
    assert client.get_experiment_by_name(name).experiment_id == created.experiment_id
    assert len(client.search_experiments(filter_string=f"name = '{name}'")) == 1

    with mlflow.start_run() as run:
        pass
    assert run.info.experiment_id == created.experiment_id


def test_set_experiment_by_id_selects_that_experiment(client):
    exp_id = client.create_experiment(unique_name("by-id"))
    exp = mlflow.set_experiment(experiment_id=exp_id)
    assert exp.experiment_id == exp_id
    with mlflow.start_run() as run:
        pass
    assert client.get_run(run.info.run_id).info.experiment_id == exp_id


def test_create_experiment_stores_name_tags_and_timestamps(client):
    name = unique_name("create")
    before = int(time.time() * 1000) - 60_000
    exp_id = client.create_experiment(name, tags={"team": "vision", "stage": "dev"})

    exp = client.get_experiment(exp_id)
    assert exp.name == name
    assert exp.lifecycle_stage == "active"
    assert exp.tags["team"] == "vision"
    assert exp.tags["stage"] == "dev"
    assert exp.creation_time >= before
    assert exp.last_update_time >= exp.creation_time
    assert exp.artifact_location  # runs derive their artifact_uri from it


def test_rename_experiment(client):
    old, new = unique_name("old"), unique_name("new")
    exp_id = client.create_experiment(old)

    client.rename_experiment(exp_id, new)

    assert client.get_experiment(exp_id).name == new
    assert client.get_experiment_by_name(new).experiment_id == exp_id
    assert client.get_experiment_by_name(old) is None


def test_experiment_tags_set_overwrite_and_delete(client):
    exp_id = client.create_experiment(unique_name("tags"))

    client.set_experiment_tag(exp_id, "owner", "alice")
    client.set_experiment_tag(exp_id, "mlflow.note.content", "# Notes\nmarkdown")
    client.set_experiment_tag(exp_id, "owner", "bob")  # upsert
    tags = client.get_experiment(exp_id).tags
    assert tags["owner"] == "bob"
    assert tags["mlflow.note.content"] == "# Notes\nmarkdown"

    client.delete_experiment_tag(exp_id, "owner")
    tags = client.get_experiment(exp_id).tags
    assert "owner" not in tags
    assert tags["mlflow.note.content"] == "# Notes\nmarkdown"


def test_fluent_set_experiment_tag(client):
    exp = mlflow.set_experiment(unique_name("fluent-tag"))
    mlflow.set_experiment_tags({"a": "1", "b": "2"})
    mlflow.set_experiment_tag("c", "3")
    tags = client.get_experiment(exp.experiment_id).tags
    assert {k: tags[k] for k in "abc"} == {"a": "1", "b": "2", "c": "3"}


def _search_ids(client, name, view_type):
    return [
        e.experiment_id
        for e in client.search_experiments(view_type=view_type, filter_string=f"name = '{name}'")
    ]


def test_delete_and_restore_experiment(client):
    name = unique_name("delete")
    exp_id = client.create_experiment(name)
    run_id = client.create_run(exp_id).info.run_id

    client.delete_experiment(exp_id)

    assert client.get_experiment(exp_id).lifecycle_stage == "deleted"
    assert _search_ids(client, name, ViewType.ACTIVE_ONLY) == []
    assert _search_ids(client, name, ViewType.DELETED_ONLY) == [exp_id]
    assert _search_ids(client, name, ViewType.ALL) == [exp_id]
    # The runs of a deleted experiment count as deleted too.
    assert client.get_run(run_id).info.lifecycle_stage == "deleted"
    assert client.search_runs([exp_id]) == []
    assert [r.info.run_id for r in client.search_runs([exp_id], run_view_type=ViewType.ALL)] == [
        run_id
    ]

    client.restore_experiment(exp_id)

    assert client.get_experiment(exp_id).lifecycle_stage == "active"
    assert _search_ids(client, name, ViewType.ACTIVE_ONLY) == [exp_id]
    assert _search_ids(client, name, ViewType.DELETED_ONLY) == []
    assert client.get_run(run_id).info.lifecycle_stage == "active"
    assert [r.info.run_id for r in client.search_runs([exp_id])] == [run_id]


def test_deleted_experiment_name_stays_taken(client):
    name = unique_name("taken")
    exp_id = client.create_experiment(name)
    client.delete_experiment(exp_id)

    with raises_mlflow_error("RESOURCE_ALREADY_EXISTS"):
        client.create_experiment(name)
    # get-by-name still finds it, so set_experiment refuses instead of creating a second one.
    assert client.get_experiment_by_name(name).experiment_id == exp_id
    with raises_mlflow_error("INVALID_PARAMETER_VALUE"):
        mlflow.set_experiment(name)


@pytest.fixture(scope="module")
def experiment_family(server):
    """Twelve experiments sharing a unique prefix, tagged so filters have something to split on."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=server.uri)
    prefix = unique_name("family")
    created = []
    for i in range(12):
        name = f"{prefix}-{i:02d}-{'Red' if i % 3 == 0 else 'blue'}"
        tags = {"team": ["alpha", "beta", "Gamma"][i % 3], "idx": str(i)}
        if i % 4 == 0:
            tags["special key"] = "yes"
        exp_id = client.create_experiment(name, tags=tags)
        created.append({"id": exp_id, "name": name, "tags": tags})
    return prefix, created


def test_search_experiments_filters(client, experiment_family):
    prefix, family = experiment_family
    scope = f"name LIKE '{prefix}%'"

    def ids(filter_string):
        found = client.search_experiments(filter_string=filter_string, max_results=1000)
        return sorted(e.experiment_id for e in found)

    def expected(pred):
        return sorted(e["id"] for e in family if pred(e))

    assert ids(scope) == expected(lambda e: True)
    assert ids(f"name = '{family[5]['name']}'") == [family[5]["id"]]
    assert ids(f"{scope} AND name != '{family[5]['name']}'") == expected(lambda e: e is not family[5])
    assert ids(f"{scope} AND name LIKE '%-Red'") == expected(lambda e: e["name"].endswith("-Red"))
    assert ids(f"{scope} AND name ILIKE '%-red'") == expected(lambda e: e["name"].endswith("-Red"))
    assert ids(f"{scope} AND tags.team = 'beta'") == expected(lambda e: e["tags"]["team"] == "beta")
    assert ids(f"{scope} AND tags.team != 'beta'") == expected(
        lambda e: e["tags"]["team"] != "beta"
    )
    assert ids(f"{scope} AND tags.team ILIKE 'gam%'") == expected(
        lambda e: e["tags"]["team"] == "Gamma"
    )
    assert ids(f"{scope} AND tags.`special key` = 'yes'") == expected(
        lambda e: "special key" in e["tags"]
    )
    assert ids(f"{scope} AND tags.team = 'alpha' AND tags.idx = '3'") == [family[3]["id"]]


def test_search_experiments_order_by_and_paging(client, experiment_family):
    prefix, family = experiment_family
    scope = f"name LIKE '{prefix}%'"

    by_name_desc = client.search_experiments(filter_string=scope, order_by=["name DESC"])
    assert [e.name for e in by_name_desc] == sorted((e["name"] for e in family), reverse=True)
    by_name_asc = client.search_experiments(filter_string=scope, order_by=["name ASC"])
    assert [e.name for e in by_name_asc] == sorted(e["name"] for e in family)
    # Created one after another, so newest-first means reverse creation order.
    by_creation = client.search_experiments(filter_string=scope, order_by=["creation_time DESC"])
    assert [e.experiment_id for e in by_creation] == [e["id"] for e in reversed(family)]
    default_order = client.search_experiments(filter_string=scope)
    assert [e.experiment_id for e in default_order] == [e["id"] for e in reversed(family)]

    for order_by in (["name ASC"], None):
        everything = client.search_experiments(filter_string=scope, order_by=order_by)
        paged, token, pages = [], None, 0
        while True:
            page = client.search_experiments(
                filter_string=scope, order_by=order_by, max_results=5, page_token=token
            )
            assert len(page) <= 5
            paged.extend(page)
            pages += 1
            token = page.token
            if not token:
                break
            assert pages < 10, "paging does not terminate"
        assert pages == 3
        assert [e.experiment_id for e in paged] == [e.experiment_id for e in everything]


def test_search_experiments_view_types(client):
    prefix = unique_name("views")
    active = client.create_experiment(f"{prefix}-active")
    deleted = client.create_experiment(f"{prefix}-deleted")
    client.delete_experiment(deleted)
    scope = f"name LIKE '{prefix}%'"

    def ids(view_type):
        return sorted(
            e.experiment_id
            for e in client.search_experiments(view_type=view_type, filter_string=scope)
        )

    assert ids(ViewType.ACTIVE_ONLY) == [active]
    assert ids(ViewType.DELETED_ONLY) == [deleted]
    assert ids(ViewType.ALL) == sorted([active, deleted])
    # Fluent API: default view is active-only.
    assert [e.experiment_id for e in mlflow.search_experiments(filter_string=scope)] == [active]
