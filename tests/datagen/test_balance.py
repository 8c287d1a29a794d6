"""Balanced exports (caps per tag and per genre–audience pair), genre/audience filters, stratified train/test
splits and raw-chunk (pretrain) exports; every export loads in ``datasets``."""

from __future__ import annotations

import pytest
from datasets import load_dataset
from mixdata import CHUNKS, populate

from datagen import balance, formats, service
from datagen.balance import Selection
from datagen.errors import FormatError
from datagen.store import Store


@pytest.fixture
def ws(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    ids = populate(store, pid, per_tag={"Oceans": 12, "Geology": 4, "Rivers": 2})
    yield store, pid, ids
    store.close()


def _load(path):
    kind = {".jsonl": "json", ".json": "json", ".csv": "csv", ".parquet": "parquet"}[path.suffix]
    return load_dataset(kind, data_files=str(path), split="train")


def test_caps_per_tag_and_pair_keep_a_seeded_choice_in_order():
    items = [{"id": i, "tag": "a" if i < 8 else "b", "genre": "quiz" if i % 2 else "story",
              "audience": "kids"} for i in range(10)]
    capped = balance.select(items, Selection(cap_per_tag=3), seed=1)
    assert balance.counts_by(capped, "tag") == {"a": 3, "b": 2}
    assert [i["id"] for i in capped] == sorted(i["id"] for i in capped)  # original order
    assert capped == balance.select(items, Selection(cap_per_tag=3), seed=1)  # same seed, same choice
    assert any(balance.select(items, Selection(cap_per_tag=3), seed=s) != capped for s in range(2, 8))
    both = balance.select(items, Selection(cap_per_tag=4, cap_per_pair=2))
    assert balance.counts_by(both, "pair") == {"quiz / kids": 2, "story / kids": 2}
    assert [i["id"] for i in balance.select(items, Selection(genre="QUIZ"))] == [1, 3, 5, 7, 9]
    with pytest.raises(ValueError, match="cap_per_tag must be >= 1"):
        Selection(cap_per_tag=0)
    with pytest.raises(ValueError, match="stratify must be one of tag, pair"):
        Selection(stratify="file")


def test_stratified_split_puts_every_group_in_train_and_test():
    items = [{"id": i, "tag": ["a", "b", "c"][i % 3] if i < 18 else "rare"} for i in range(20)]
    train, test = balance.stratified_split(items, 0.25, seed=3, by="tag")
    assert sorted(i["id"] for i in train + test) == list(range(20))
    assert balance.counts_by(test, "tag") == {"a": 2, "b": 2, "c": 2, "rare": 1}
    plain_test = balance.stratified_split(items, 0.25, seed=3)[1]
    assert len(plain_test) == 5 and plain_test == formats.train_test_split(items, 0.25, 3)[1]


def test_balanced_export_with_pair_filter_and_stratified_split_loads_in_datasets(ws, tmp_path):
    store, pid, _ = ws
    out = tmp_path / "bal.jsonl"
    result = service.export(store, pid, "alpaca", out, selection=Selection(cap_per_tag=3))
    assert result["counts"] == {"all": 3 + 3 + 2} and _load(out).num_rows == 8
    result = service.export(store, pid, "sharegpt", tmp_path / "quiz.parquet",
                            selection=Selection(genre="exam question", audience="high-school students"))
    assert result["counts"] == {"all": 9}  # every other item of 18 has this pair
    result = service.export(store, pid, "openai", tmp_path / "split.jsonl", test_ratio=0.25,
                            selection=Selection(stratify="tag"))
    train, test = _load(tmp_path / "split_train.jsonl"), _load(tmp_path / "split_test.jsonl")
    assert (train.num_rows, test.num_rows) == (18 - 5, 5) == (result["counts"]["train"], result["counts"]["test"])
    questions = {m[1]["content"] if m[0]["role"] == "system" else m[0]["content"] for m in test["messages"]}
    tags = {i["question"]: i["tag"] for i in service.collect_items(store, pid)}
    assert sorted(tags[q] for q in questions) == ["Geology", "Oceans", "Oceans", "Oceans", "Rivers"]
    with pytest.raises(FormatError, match="genre=poem"):
        service.export(store, pid, "alpaca", tmp_path / "none.json", selection=Selection(genre="poem"))
    assert not (tmp_path / "none.json").exists()


def test_pretrain_exports_one_text_per_chunk_and_imports_back(ws, tmp_path):
    store, pid, ids = ws
    for ext in (".jsonl", ".csv", ".parquet"):
        path = tmp_path / f"pt{ext}"
        result = service.export(store, pid, "pretrain", path, llamafactory="corpus")
        assert result["counts"] == {"all": 3} and _load(path)["text"] == CHUNKS
    other, _ = store.add_file(pid, name="b.md", stored_path="", kind="markdown", sha256="b", size=1, text="Other.",
                              outline=[], meta={})
    store.replace_chunks(pid, other, [{"text": "Other chunk."}])
    service.export(store, pid, "pretrain", tmp_path / "one.json", file_id=other)
    assert formats.read_records(tmp_path / "one.json") == [{"text": "Other chunk."}]
    copy = store.create_project("copy")
    assert service.import_file(store, copy, tmp_path / "pt.jsonl") == {"imported": 3, "already_present": 0,
                                                                       "format": "pretrain"}
    assert [c["text"] for c in store.list_chunks(copy)] == CHUNKS
    assert store.list_files(copy)[0]["name"] == "import:pt.jsonl"
    assert service.import_file(store, copy, tmp_path / "pt.jsonl")["already_present"] == 3
    with pytest.raises(FormatError, match="pretrain format holds raw chunks"):
        formats.to_records(service.collect_items(store, pid), "pretrain")
