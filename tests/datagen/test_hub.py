"""Hub I/O with the real huggingface_hub client: pulls from an olah offline mirror serving a local git repo,
pushes (and pulls) against the minimal Hub API server in hubserver.py; tokens never leak into errors or logs."""

from __future__ import annotations

import io
import json
import logging
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import hubserver
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datagen.errors import HubError
from datagen.hub import dataset_card, parse_card, pull_dataset, push_dataset, size_category

TOKEN = "hf_valid_test_token_7f3a"
SECRET = "hf_WRONG_secret_token_91bd"
TRAIN = [
    {"instruction": f"Question {i}?", "input": "", "output": f"Answer {i}.", "system": ""} for i in range(40)
]
TEST = [{"instruction": "Held out?", "input": "", "output": "Yes.", "system": ""}]


@pytest.fixture
def online(monkeypatch, tmp_path):
    """The test session runs with HF_HUB_OFFLINE=1; these tests talk to servers on 127.0.0.1 only."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_ENDPOINT", raising=False)


@pytest.fixture
def hub(online, tmp_path):
    with hubserver.serve(tmp_path / "hub", {TOKEN}) as server:
        yield server


def _files(server, repo_id: str) -> dict[str, dict]:
    return server.app.state.repos[("datasets", repo_id)].commits[-1].files


def _blob(server, tmp_path: Path, meta: dict) -> bytes:
    return (tmp_path / "hub" / "blobs" / meta["sha256"]).read_bytes()


# ---------------------------------------------------------------------------------------------- card


def test_dataset_card_front_matter_has_configs_and_metadata():
    text = dataset_card(
        "alice/qa",
        {"train": 40, "test": 1},
        configs=[{"config_name": "extra", "data_files": [{"split": "train", "path": "extra/train-*"}]}],
        license="mit",
        language="zh",
        tags=["medical"],
        format="alpaca",
        columns=["instruction", "output"],
    )
    meta = parse_card(text)
    assert meta["license"] == "mit" and meta["language"] == ["zh"] and meta["tags"] == ["medical"]
    assert meta["task_categories"] == ["question-answering", "text-generation"]
    assert meta["size_categories"] == ["n<1K"]
    assert meta["configs"][0] == {
        "config_name": "default",
        "data_files": [
            {"split": "train", "path": "data/train-00000-of-00001.parquet"},
            {"split": "test", "path": "data/test-00000-of-00001.parquet"},
        ],
    }
    assert meta["configs"][1]["config_name"] == "extra"
    assert "| train | 40 |" in text and 'load_dataset("alice/qa")' in text and "`alpaca`" in text


def test_size_categories_boundaries():
    assert [size_category(n) for n in (0, 999, 1000, 99_999, 100_000, 2_000_000)] == [
        "n<1K",
        "n<1K",
        "1K<n<10K",
        "10K<n<100K",
        "100K<n<1M",
        "1M<n<10M",
    ]


def test_parse_card_tolerates_missing_or_broken_front_matter():
    assert parse_card("# no front matter") == {}
    assert parse_card("---\n: : [\n---\nbody") == {}


# ---------------------------------------------------------------------------------------------- push


def test_push_writes_parquet_and_card_in_one_commit(hub, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", hub.url)  # honoured at call time
    url = push_dataset({"train": TRAIN, "test": TEST}, "alice/qa", token=TOKEN, card={"license": "cc-by-4.0"})
    assert url == f"{hub.url}/datasets/alice/qa"
    repo = hub.app.state.repos[("datasets", "alice/qa")]
    assert len(repo.commits) == 2  # the repo's initial commit + exactly one commit with everything
    files = _files(hub, "alice/qa")
    assert set(files) == {
        ".gitattributes",
        "README.md",
        "data/train-00000-of-00001.parquet",
        "data/test-00000-of-00001.parquet",
    }
    table = pq.read_table(io.BytesIO(_blob(hub, tmp_path, files["data/train-00000-of-00001.parquet"])))
    assert table.to_pylist() == TRAIN
    meta = parse_card(_blob(hub, tmp_path, files["README.md"]).decode("utf-8"))
    assert meta["license"] == "cc-by-4.0" and meta["language"] == ["en"]
    assert {d["split"] for d in meta["configs"][0]["data_files"]} == {"train", "test"}
    assert ("POST", "/api/datasets/alice/qa/commit/main") in hub.app.state.requests


def test_push_then_pull_private_repo(hub, tmp_path):
    rows = [{"question": "北京是哪个国家的首都？", "answer": "中国。", "turns": None}] * 3
    push_dataset({"train": rows}, "alice/private-qa", token=TOKEN, private=True, endpoint=hub.url)
    readme = _blob(hub, tmp_path, _files(hub, "alice/private-qa")["README.md"]).decode("utf-8")
    assert parse_card(readme)["language"] == ["zh"]  # guessed from the data when the caller gives none
    assert pull_dataset("alice/private-qa", token=TOKEN, endpoint=hub.url) == {"train": rows}
    with pytest.raises(HubError, match="repo alice/private-qa not found"):
        pull_dataset("alice/private-qa", endpoint=hub.url)  # no token: a private repo is invisible


def test_large_split_goes_through_git_lfs(online, tmp_path, monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_DISABLE_XET", True)  # the test server speaks LFS, not Xet
    rows = [{"instruction": f"q{i}", "output": "a long answer " * 20} for i in range(300)]
    with hubserver.serve(tmp_path / "hub", {TOKEN}, lfs_threshold=1024) as server:
        push_dataset({"train": rows}, "alice/big", token=TOKEN, endpoint=server.url)
        methods = server.app.state.requests
        assert ("POST", "/datasets/alice/big.git/info/lfs/objects/batch") in methods
        assert any(m == "PUT" and p.startswith("/lfs-upload/") for m, p in methods)
        assert _files(server, "alice/big")["data/train-00000-of-00001.parquet"]["lfs"] is True
        assert pull_dataset("alice/big", endpoint=server.url)["train"] == rows


def test_second_push_drops_stale_splits_and_keeps_other_configs(hub):
    push_dataset({"train": TRAIN, "test": TEST}, "alice/qa", token=TOKEN, endpoint=hub.url)
    push_dataset({"train": TEST}, "alice/qa", token=TOKEN, endpoint=hub.url, config_name="extra")
    push_dataset({"train": TRAIN[:5]}, "alice/qa", token=TOKEN, endpoint=hub.url)
    files = _files(hub, "alice/qa")
    assert "data/test-00000-of-00001.parquet" not in files
    assert "extra/train-00000-of-00001.parquet" in files
    assert pull_dataset("alice/qa", endpoint=hub.url) == {"train": TRAIN[:5]}
    assert pull_dataset("alice/qa", endpoint=hub.url, config_name="extra") == {"train": TEST}
    with pytest.raises(HubError, match="config 'nope' not in the dataset card"):
        pull_dataset("alice/qa", endpoint=hub.url, config_name="nope")


def test_corrupt_data_file_is_named(hub):
    from huggingface_hub import CommitOperationAdd, HfApi

    push_dataset({"train": TRAIN}, "alice/qa", token=TOKEN, endpoint=hub.url)
    broken = CommitOperationAdd("data/train-00000-of-00001.parquet", b"PAR1 garbage")
    HfApi(endpoint=hub.url, token=TOKEN).create_commit(
        "alice/qa", [broken], commit_message="break", repo_type="dataset"
    )
    with pytest.raises(
        HubError, match=r"repo alice/qa: data/train-00000-of-00001\.parquet: not a readable Parquet"
    ):
        pull_dataset("alice/qa", endpoint=hub.url)


def test_card_refused_by_the_hub_becomes_a_hub_error(hub, monkeypatch):
    import datagen.hub

    monkeypatch.setattr(datagen.hub, "dataset_card", lambda *a, **k: "---\nlicense: [unclosed\n---\nbody\n")
    with pytest.raises(HubError, match="could not push to repo alice/qa: ValueError: Invalid metadata"):
        push_dataset({"train": TRAIN}, "alice/qa", token=TOKEN, endpoint=hub.url)
    assert len(hub.app.state.repos[("datasets", "alice/qa")].commits) == 1  # nothing committed


def test_wrong_token_is_reported_without_the_token(hub, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(HubError) as push_error:
        push_dataset({"train": TRAIN}, "alice/qa", token=SECRET, endpoint=hub.url)
    push_dataset({"train": TRAIN}, "alice/qa", token=TOKEN, endpoint=hub.url)
    with pytest.raises(HubError) as pull_error:
        pull_dataset("alice/qa", token=SECRET, endpoint=hub.url)
    for error in (push_error.value, pull_error.value):
        assert "authentication failed (401) for repo alice/qa" in str(error)
        assert SECRET not in str(error) and SECRET not in repr(error)
        assert error.__cause__ is None and error.__suppress_context__  # the client's exception is not chained
    assert SECRET not in caplog.text


def test_bad_arguments_refused_before_any_request(hub):
    with pytest.raises(HubError, match="invalid repo id"):
        push_dataset({"train": TRAIN}, "no-namespace", token=TOKEN, endpoint=hub.url)
    with pytest.raises(HubError, match="invalid split name"):
        push_dataset({"train data": TRAIN}, "alice/qa", token=TOKEN, endpoint=hub.url)
    with pytest.raises(HubError, match="unknown dataset card field"):
        push_dataset({"train": TRAIN}, "alice/qa", token=TOKEN, endpoint=hub.url, card={"licence": "mit"})
    with pytest.raises(HubError, match="nothing to push"):
        push_dataset({}, "alice/qa", token=TOKEN, endpoint=hub.url)
    assert hub.app.state.requests == []


def test_unreachable_endpoint_is_a_network_error(online):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    started = time.monotonic()
    with pytest.raises(HubError, match="network error: cannot reach http://127.0.0.1"):
        push_dataset({"train": TRAIN}, "alice/qa", token=TOKEN, endpoint=f"http://127.0.0.1:{port}")
    assert time.monotonic() - started < 30


def test_offline_mode_is_named(tmp_path, monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(HubError, match="HF_HUB_OFFLINE"):
        push_dataset({"train": TRAIN}, "alice/qa", token=TOKEN, endpoint="http://127.0.0.1:9")
    with pytest.raises(HubError, match="HF_HUB_OFFLINE"):
        pull_dataset("alice/qa", endpoint="http://127.0.0.1:9")


# ---------------------------------------------------------------------------------------- olah mirror


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def _parquet(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), path)


def _make_mirror(root: Path) -> None:
    """Two dataset repos as local git repositories in olah's mirror layout: <root>/datasets/<org>/<name>."""
    with_card = root / "datasets" / "alice" / "kb-qa"
    _parquet(TRAIN, with_card / "data" / "train-00000-of-00001.parquet")
    _parquet(TEST, with_card / "data" / "test-00000-of-00001.parquet")
    (with_card / "README.md").write_text(
        dataset_card("alice/kb-qa", {"train": 40, "test": 1}), encoding="utf-8"
    )
    no_card = root / "datasets" / "bob" / "plain"
    no_card.mkdir(parents=True)
    (no_card / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in TRAIN[:3]), encoding="utf-8")
    _parquet(TEST, no_card / "data" / "validation-00000.parquet")
    (no_card / "config.json").write_text('{"note": "not records: skipped"}', encoding="utf-8")
    for repo in (with_card, no_card):
        _git(repo, "init", "-q", "-b", "main")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "dataset")


@pytest.fixture
def olah_mirror(online, tmp_path):
    mirrors = tmp_path / "mirrors"
    _make_mirror(mirrors)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    config = tmp_path / "olah.toml"
    config.write_text(
        "[basic]\n"
        f'host = "127.0.0.1"\nport = {port}\n'
        f'repos-path = "{tmp_path / "olah-cache"}"\n'
        f'mirrors-path = ["{mirrors}"]\n'
        f'mirror-netloc = "127.0.0.1:{port}"\nmirror-lfs-netloc = "127.0.0.1:{port}"\n'
        "[accessibility]\noffline = true\n",
        encoding="utf-8",
    )
    log = open(tmp_path / "olah.log", "wb")  # noqa: SIM115 - closed in the teardown below
    process = subprocess.Popen(
        [sys.executable, "-m", "olah.server", "-c", str(config), "--log-path", str(tmp_path / "olah-logs")],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"{url}/api/datasets/alice/kb-qa/revision/main", timeout=2
                ) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"olah did not start: {(tmp_path / 'olah.log').read_text(errors='replace')}"
                )
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_pull_from_olah_uses_card_configs(olah_mirror, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", olah_mirror)
    assert pull_dataset("alice/kb-qa", revision="main") == {"train": TRAIN, "test": TEST}


def test_pull_from_olah_infers_splits_from_file_names(olah_mirror):
    splits = pull_dataset("bob/plain", endpoint=olah_mirror, revision="main")
    assert splits == {"train": TRAIN[:3], "validation": TEST}


def test_pull_missing_repo_from_olah(olah_mirror):
    with pytest.raises(HubError, match="repo carol/none not found"):
        pull_dataset("carol/none", endpoint=olah_mirror, revision="main")
