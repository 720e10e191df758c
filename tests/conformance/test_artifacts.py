"""Artifacts through the official client and the mlflow-artifacts proxy: text, dict, figure,
files and trees, listing, downloads (byte-exact) and a 50 MB upload."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import mlflow  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from support import unique_name  # noqa: E402

TREE = {
    "top.txt": b"top level\n",
    "data/values.csv": b"a,b\n1,2\n3,4\n",
    "data/empty.bin": b"",
    "data/deeper/blob.bin": bytes(range(256)) * 40,
    "data/deeper/deepest/note.md": "# ünïcode ✓\n".encode(),
    "other/x.json": b'{"x": 1}',
}
CONFIG = {"lr": 0.01, "layers": [64, 32], "name": "net", "nested": {"dropout": 0.5}}


def _write_tree(root: Path, files: dict[str, bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _read_tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def artifact_run(server, tmp_path_factory):
    """One finished run holding every kind of artifact, plus what was uploaded."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=server.uri)
    local = tmp_path_factory.mktemp("artifact-src")
    tree_root = local / "tree"
    _write_tree(tree_root, TREE)
    single = local / "single.txt"
    single.write_bytes(b"just one file\nwith two lines\n")

    mlflow.set_experiment(unique_name("artifacts"))
    with mlflow.start_run() as run:
        mlflow.log_text("hello artifacts\n", "notes/hello.txt")
        mlflow.log_dict(CONFIG, "config.json")
        mlflow.log_dict(CONFIG, "config/config.yaml")
        fig, ax = plt.subplots()
        ax.plot([0, 1, 2], [2, 1, 3])
        mlflow.log_figure(fig, "plots/curve.png")
        plt.close(fig)
        mlflow.log_artifact(str(single))  # at the root
        mlflow.log_artifact(str(single), artifact_path="copies/a")
        mlflow.log_artifacts(str(tree_root), artifact_path="tree")
    mlflow.end_run()
    return client, run.info.run_id, local


def test_run_artifact_uri_points_at_the_proxy(artifact_run):
    client, run_id, _ = artifact_run
    info = client.get_run(run_id).info
    # mlflow-artifacts: URIs make the client upload through the tracking server itself.
    assert info.artifact_uri.startswith("mlflow-artifacts:")
    assert info.artifact_uri.endswith(f"/{run_id}/artifacts")


def test_list_artifacts_at_root(artifact_run, tmp_path):
    client, run_id, local = artifact_run
    listing = {f.path: f for f in client.list_artifacts(run_id)}
    assert set(listing) == {
        "notes",
        "config.json",
        "config",
        "plots",
        "single.txt",
        "copies",
        "tree",
    }
    for directory in ("notes", "config", "plots", "copies", "tree"):
        assert listing[directory].is_dir is True
    for file_name in ("config.json", "single.txt"):
        assert listing[file_name].is_dir is False
    assert listing["single.txt"].file_size == (local / "single.txt").stat().st_size
    config_bytes = Path(client.download_artifacts(run_id, "config.json", str(tmp_path))).read_bytes()
    assert json.loads(config_bytes) == CONFIG
    assert listing["config.json"].file_size == len(config_bytes)


def test_list_artifacts_nested_paths_and_sizes(client, artifact_run):
    _, run_id, _ = artifact_run
    tree = {f.path: f for f in client.list_artifacts(run_id, "tree")}
    assert set(tree) == {"tree/top.txt", "tree/data", "tree/other"}
    assert tree["tree/data"].is_dir and not tree["tree/top.txt"].is_dir
    assert tree["tree/top.txt"].file_size == len(TREE["top.txt"])

    data = {f.path: f for f in client.list_artifacts(run_id, "tree/data")}
    assert set(data) == {"tree/data/values.csv", "tree/data/empty.bin", "tree/data/deeper"}
    assert data["tree/data/values.csv"].file_size == len(TREE["data/values.csv"])
    # The reference server leaves file_size out for empty files, so the client sees None.
    assert data["tree/data/empty.bin"].file_size in (0, None)
    assert data["tree/data/deeper"].is_dir

    deepest = client.list_artifacts(run_id, "tree/data/deeper/deepest")
    assert [(f.path, f.is_dir, f.file_size) for f in deepest] == [
        ("tree/data/deeper/deepest/note.md", False, len(TREE["data/deeper/deepest/note.md"]))
    ]
    nested_copy = client.list_artifacts(run_id, "copies/a")
    assert [f.path for f in nested_copy] == ["copies/a/single.txt"]
    assert [f.path for f in mlflow.artifacts.list_artifacts(run_id=run_id, artifact_path="plots")
            ] == ["plots/curve.png"]


def test_list_artifacts_of_missing_dir_is_empty(client, artifact_run):
    _, run_id, _ = artifact_run
    assert client.list_artifacts(run_id, "does/not/exist") == []
    fresh = client.create_run(client.get_run(run_id).info.experiment_id).info.run_id
    assert client.list_artifacts(fresh) == []


def test_text_dict_and_figure_round_trip(artifact_run, tmp_path):
    _, run_id, _ = artifact_run
    assert mlflow.artifacts.load_text(f"runs:/{run_id}/notes/hello.txt") == "hello artifacts\n"
    assert mlflow.artifacts.load_dict(f"runs:/{run_id}/config.json") == CONFIG
    yaml_path = mlflow.artifacts.download_artifacts(
        run_id=run_id, artifact_path="config/config.yaml", dst_path=str(tmp_path)
    )
    assert yaml.safe_load(Path(yaml_path).read_text()) == CONFIG
    png = Path(
        mlflow.artifacts.download_artifacts(
            run_id=run_id, artifact_path="plots/curve.png", dst_path=str(tmp_path)
        )
    ).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000


def test_download_single_file_byte_exact(client, artifact_run, tmp_path):
    _, run_id, local = artifact_run
    path = client.download_artifacts(run_id, "copies/a/single.txt", str(tmp_path))
    assert Path(path).name == "single.txt"
    assert Path(path).read_bytes() == (local / "single.txt").read_bytes()


def test_download_directory_byte_exact(client, artifact_run, tmp_path):
    _, run_id, _ = artifact_run
    path = client.download_artifacts(run_id, "tree", str(tmp_path / "client"))
    assert _read_tree(Path(path)) == TREE

    fluent = mlflow.artifacts.download_artifacts(
        run_id=run_id, artifact_path="tree/data", dst_path=str(tmp_path / "fluent")
    )
    assert _read_tree(Path(fluent)) == {
        k.removeprefix("data/"): v for k, v in TREE.items() if k.startswith("data/")
    }

    by_uri = mlflow.artifacts.download_artifacts(
        artifact_uri=f"runs:/{run_id}/tree/other", dst_path=str(tmp_path / "uri")
    )
    assert _read_tree(Path(by_uri)) == {"x.json": TREE["other/x.json"]}


def test_download_whole_run(client, artifact_run, tmp_path):
    _, run_id, local = artifact_run
    root = Path(mlflow.artifacts.download_artifacts(run_id=run_id, dst_path=str(tmp_path)))
    files = _read_tree(root)
    assert files["single.txt"] == (local / "single.txt").read_bytes()
    assert files["notes/hello.txt"] == b"hello artifacts\n"
    for rel, content in TREE.items():
        assert files[f"tree/{rel}"] == content


def test_overwrite_artifact_replaces_content(client, experiment_id, tmp_path):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_text(run_id, "first version", "file.txt")
    client.log_text(run_id, "second", "file.txt")
    assert mlflow.artifacts.load_text(f"runs:/{run_id}/file.txt") == "second"
    [info] = client.list_artifacts(run_id)
    assert (info.path, info.file_size) == ("file.txt", len("second"))


def test_50mb_file_round_trips_byte_exact(client, experiment_id, tmp_path):
    run_id = client.create_run(experiment_id).info.run_id
    big = tmp_path / "big.bin"
    digest = hashlib.sha256()
    with open(big, "wb") as out:
        for _ in range(50):
            chunk = os.urandom(1024 * 1024)
            digest.update(chunk)
            out.write(chunk)

    client.log_artifact(run_id, str(big), artifact_path="large")

    [info] = client.list_artifacts(run_id, "large")
    assert (info.path, info.is_dir, info.file_size) == ("large/big.bin", False, 50 * 1024 * 1024)
    downloaded = Path(client.download_artifacts(run_id, "large/big.bin", str(tmp_path / "dl")))
    got = hashlib.sha256()
    with open(downloaded, "rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            got.update(block)
    assert downloaded.stat().st_size == 50 * 1024 * 1024
    assert got.hexdigest() == digest.hexdigest()


# --- the proxy and tracking endpoints the client and UI call, checked on the wire -------------


def _proxy_path(artifact_uri: str) -> str:
    assert artifact_uri.startswith("mlflow-artifacts:")
    rest = artifact_uri[len("mlflow-artifacts:"):]
    if rest.startswith("//"):  # mlflow-artifacts://host:port/path
        rest = rest[2:].split("/", 1)[1]
    return rest.lstrip("/")


def test_proxy_listing_returns_basenames_and_is_dir(rest, artifact_run):
    client, run_id, _ = artifact_run
    base = _proxy_path(client.get_run(run_id).info.artifact_uri)

    resp = rest.get("/api/2.0/mlflow-artifacts/artifacts", params={"path": f"{base}/tree/data"})
    assert resp.status_code == 200, resp.text
    files = {f["path"]: f for f in resp.json()["files"]}
    assert set(files) == {"values.csv", "empty.bin", "deeper"}
    assert files["deeper"]["is_dir"] is True
    assert files["values.csv"]["is_dir"] is False
    assert int(files["values.csv"]["file_size"]) == len(TREE["data/values.csv"])

    missing = rest.get("/api/2.0/mlflow-artifacts/artifacts", params={"path": f"{base}/nope"})
    assert missing.status_code == 200, missing.text
    assert missing.json().get("files", []) == []

    download = rest.get(f"/api/2.0/mlflow-artifacts/artifacts/{base}/tree/data/values.csv")
    assert download.status_code == 200
    assert download.content == TREE["data/values.csv"]


def test_tracking_artifacts_list_returns_run_relative_paths(rest, artifact_run):
    _, run_id, _ = artifact_run
    resp = rest.api("GET", "artifacts/list", {"run_id": run_id, "path": "tree/data"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["root_uri"].endswith(f"/{run_id}/artifacts")
    files = {f["path"]: f for f in body["files"]}
    assert set(files) == {"tree/data/values.csv", "tree/data/empty.bin", "tree/data/deeper"}
    assert files["tree/data/deeper"]["is_dir"] is True
