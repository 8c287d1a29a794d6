"""The studio tab's genre–audience pairs, mapped import and balanced export through its HTTP API (``demo()`` on
127.0.0.1 driven by ``gradio_client``, a scripted model injected through ``services["llm_factory"]``)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from fakes import ScriptedLLM, hash_embed, last_user
from gradio_client import handle_file
from studio_launch import running_studio, studio_client, table_rows

from datagen import formats

DOC = "# Tides\n\nThe moon's pull raises two tidal bulges on opposite sides of the Earth.\n"
SPLIT_MD = ("markdown", 20, 1500, 1000, 100, 256, 32, "")
_CALLS = itertools.count()
PAIRS = json.dumps({"pairs": [
    {"genre": "quiz", "genre_desc": "one line", "audience": "pupils", "audience_desc": "age 12"},
    {"genre": "lecture notes", "genre_desc": "formal", "audience": "undergraduates", "audience_desc": "year 1"}]})


def _questions(messages: list[dict]) -> str:
    genre = re.search(r"genre: (\w+)", last_user(messages)).group(1)
    n = next(_CALLS)
    return json.dumps([f"In {genre} style w{n}a: what raises w{n}b tides?", f"Which {genre} w{n}c w{n}d bulges?"])


def _answer(messages: list[dict]) -> str:
    return "For " + re.search(r"Write it for this audience, at their level of knowledge: (\w+)",
                              last_user(messages)).group(1)


def _factory(settings):
    return ScriptedLLM(by_purpose={"ga_pairs": PAIRS, "questions_ga": _questions, "answer_ga": _answer})


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("studio-mix-ws")
    with running_studio({"workspace": workspace, "llm_factory": _factory, "embed": hash_embed}) as url:
        yield url


_client, _rows = studio_client, table_rows


def test_pairs_questions_answers_review_and_pair_export(app, tmp_path):
    client = _client(app, "pairs")
    (tmp_path / "tides.md").write_text(DOC, encoding="utf-8")
    client.predict([handle_file(str(tmp_path / "tides.md"))], api_name="/studio_add_files")
    client.predict(*SPLIT_MD, False, False, 20, api_name="/studio_split")
    table, choices, msg = client.predict(2, 0, "en", api_name="/studio_ga_generate")
    assert [(r["genre"], r["audience"], r["source"]) for r in _rows(table)] == [
        ("quiz", "pupils", "generated"), ("lecture notes", "undergraduates", "generated")]
    table, _, msg = client.predict("faq", "", "parents", "", 0, api_name="/studio_ga_add")
    assert "Pair 3 saved" in msg
    table, _, _ = client.predict(3, api_name="/studio_ga_toggle")  # disabled: no questions for it
    assert [r["active"] for r in _rows(table)] == [True, True, False]
    table, _, msg = client.predict("en", 2, 2, 0.92, api_name="/studio_ga_questions")
    assert [r["questions"] for r in _rows(table)] == [2, 2, 0], msg
    client.predict(["answers"], "en", 20, 1, 2, 0.92, False, 1, 0, "rebuild", *SPLIT_MD, api_name="/studio_generate")
    review, _, _ = client.predict("", 0, "all", 1, 20, api_name="/studio_review_page")
    rows = _rows(review)
    assert sorted((r["pair"], r["answer"]) for r in rows) == [
        ("lecture notes / undergraduates", "For undergraduates")] * 2 + [("quiz / pupils", "For pupils")] * 2
    files, msg, _ = client.predict("alpaca", ".jsonl", "quiz", "", False, False, 0, 0, 0, "", "quiz / pupils", 0, 0,
                                   "", 0, api_name="/studio_export")
    records = formats.read_records(files[0])
    assert len(records) == 2 and {r["output"] for r in records} == {"For pupils"}
    files, msg, _ = client.predict("sharegpt", ".json", "split", "", False, False, 0, 0.5, 0, "lf", "", 0, 2,
                                   "pair", 0, api_name="/studio_export")
    assert "train: 2, test: 2" in msg
    test = formats.read_records(next(f for f in files if f.endswith("_test.json")))
    assert sorted(r["conversations"][1]["value"] for r in test) == ["For pupils", "For undergraduates"]
    files, msg, _ = client.predict("alpaca", ".json", "one", "", False, False, 0, 0, 0, "", "", 0, 1, "", 0,
                                   api_name="/studio_export")
    assert sorted(r["output"] for r in formats.read_records(files[0])) == ["For pupils", "For undergraduates"]



def test_import_preview_mapping_and_import(app, tmp_path):
    client = _client(app, "import")
    rows = [{"prompt": f"Question {i}?", "response": f"Answer {i}.", "why": f"Reason {i}.", "topic": "Tides"}
            for i in range(3)]
    path = formats.write_records(rows, tmp_path / "legacy.csv")
    table, info, *dropdowns = client.predict(handle_file(str(path)), "", api_name="/studio_import_preview")
    assert "3 rows from legacy.csv" in info and table["headers"] == ["prompt", "response", "why", "topic"]
    guessed = [d["value"] if isinstance(d, dict) else d for d in dropdowns]
    assert guessed[:3] == ["prompt", "", "response"]  # instruction, input, output guessed from the names
    chosen = ["prompt", "", "response", "", "", "", "why", "", "topic", "", "", "", ""]
    msg = client.predict(handle_file(str(path)), "", *chosen, api_name="/studio_import_mapped")
    assert "Imported 3 item(s); 0 were already present" in msg
    review, _, _ = client.predict("", 0, "all", 1, 20, api_name="/studio_review_page")
    assert sorted(r["tag"] for r in _rows(review)) == ["Tides"] * 3
    msg = client.predict(handle_file(str(path)), "", *chosen, api_name="/studio_import_mapped")
    assert "Imported 0 item(s); 3 were already present" in msg
    with pytest.raises(Exception, match="needs instruction and output"):
        client.predict(handle_file(str(path)), "", "prompt", *[""] * 12, api_name="/studio_import_mapped")


def test_pretrain_export_from_the_ui(app, tmp_path):
    client = _client(app, "pretrain")
    (tmp_path / "tides.md").write_text(DOC, encoding="utf-8")
    client.predict([handle_file(str(tmp_path / "tides.md"))], api_name="/studio_add_files")
    client.predict(*SPLIT_MD, False, False, 20, api_name="/studio_split")
    files, msg, info = client.predict("pretrain", ".jsonl", "corpus", "", False, False, 0, 0, 0, "corpus", "", 0,
                                      0, "", 0, api_name="/studio_export")
    assert formats.read_records(next(f for f in files if f.endswith(".jsonl"))) == [{"text": DOC.strip()}]
    assert json.loads(info)["corpus"]["columns"] == {"prompt": "text"} and Path(files[0]).exists()
