"""Multi-turn dialogue exports, the multimodal image-QA export and evaluation sets, loaded by LLaMA-Factory's own
dataset loader (0.9.5 in ``.lf/``: ``make llamafactory``) through the ``dataset_info.json`` entries the studio writes.

One folder holds every export (one dialogue and one image export through ``python -m datagen dialogs export`` and
``images export``) and one subprocess (``lf_loader.py``) loads them all. Dialogues (two styles in
one project: 3 rounds with a system prompt, 1 round without; one turn edited in review) must come back with
every turn, in order, with its role, and the system prompt, as ShareGPT, OpenAI messages and Alpaca with
history, in JSON, JSONL and Parquet. Image QA must come back with ``_images`` resolved by LLaMA-Factory against
its default ``media_dir`` (the dataset folder) to the copied files, one ``<image>`` placeholder per image at the
head of the user turn, and the answer (with its ``<think>`` block when reasoning is exported). Evaluation sets
(all five question types) must come back as the question with its lettered options, answered by the reference.
"""

from __future__ import annotations

import json
from itertools import count
from pathlib import Path

import pytest
from fakes import ScriptedLLM
from test_evalsets import generated
from test_llamafactory import lf_load
from test_media import picture

from datagen import cli, dialogs, image_qa, service
from datagen import evalsets_service as evalsvc
from datagen import evalsets_store as es
from datagen import images as media
from datagen.errors import DatagenError, FormatError
from datagen.generate import GenerationSettings
from datagen.llm import ChatResult

DIALOG_CASES = [  # (dataset name, format, file, export options)
    ("dlg_sharegpt_jsonl", "sharegpt", "dlg_sharegpt.jsonl", {}),
    ("dlg_sharegpt_parquet", "sharegpt", "dlg_sharegpt.parquet", {}),
    ("dlg_openai_json", "openai", "dlg_openai.json", {"system_prompt": "Default system."}),
    ("dlg_openai_jsonl", "openai", "dlg_openai.jsonl", {}),
    ("dlg_alpaca_json", "alpaca", "dlg_alpaca.json", {}),
    ("dlg_alpaca_parquet", "alpaca", "dlg_alpaca.parquet", {"system_prompt": "Default system."}),
    ("dlg_alpaca_confirmed", "alpaca", "dlg_alpaca_confirmed.jsonl", {"only_confirmed": True}),
]
CLI_DIALOG = ("dlg_cli", "sharegpt", "dlg_cli.json", {"system_prompt": "Default system."})  # through the CLI
IMAGE_CASES = [  # (dataset name, export options)
    ("shapes", {}),
    ("shapes_sys", {"system_prompt": "Look closely.", "include_reasoning": True}),
]
CLI_IMAGES = ("shapes_cli", {})
EVAL_CASES = ["eval_json.json", "eval_csv.csv", "eval_parquet.parquet"]  # the dataset name is the file's stem


def _dialogues(store, pid) -> None:
    """Three finished dialogues through a scripted model: two of 3 rounds with a system prompt, one of 1 round
    without; every message is unique (its number), some with a line break and non-ASCII text."""
    n = count()
    llm = ScriptedLLM(by_purpose={"dialog_user": lambda m: f"Q{next(n)}: why does lava flow?\nSay it simply.",
                                  "dialog_assistant": lambda m: f"A{next(n)}: because it is molten — 1200 °C."})
    chunks = [c["id"] for c in store.list_chunks(pid)]
    long = dialogs.DialogSettings(rounds=3, system_prompt="Be brief.", user_role="student", assistant_role="tutor")
    report = dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), long, chunk_ids=chunks[:2])
    assert (report.done, report.failed) == (2, 0)
    report = dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), dialogs.DialogSettings(rounds=1),
                                      chunk_ids=chunks[2:])
    assert (report.done, report.failed) == (1, 0)
    first = dialogs.list_dialogs(store, pid)[0][0]
    dialogs.edit_turn(store, first["id"], 3, "Edited in review: A3.")
    dialogs.confirm_dialog(store, first["id"])


def _vision_llm() -> ScriptedLLM:
    questions = ChatResult(text=json.dumps({"questions": ["What colour is it?", "Is it plain?"]}), model="v")
    answers = count()
    return ScriptedLLM(by_purpose={
        "image_questions": lambda m: questions,
        "image_answer": lambda m: ChatResult(text=f"Answer {next(answers)}.", reasoning="I looked.", model="v")})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    store = service.open_workspace(tmp_path_factory.mktemp("lfm") / "ws", create=True)
    pid = service.project(store)
    fid, _ = store.add_file(pid, name="d.md", stored_path="d.md", kind="md", sha256="x", size=1, text="t",
                            outline=[], meta={})
    store.replace_chunks(pid, fid, [{"text": f"Passage number {i} about lava."} for i in range(3)])
    store.add_tag(pid, "Even", store.add_tag(pid, "Numbers"))
    _dialogues(store, pid)
    report = evalsvc.generate(store, pid, ScriptedLLM(by_purpose={"eval_questions": generated}),
                              GenerationSettings(), per_type=2)
    assert (report.created, report.failed) == (30, 0)
    for colour in ("red", "blue"):
        media.add_image(store, pid, picture(colour), f"{colour}.png")
    image_qa.generate_image_qa(store, pid, _vision_llm(), GenerationSettings(), per_image=2)
    yield store, pid
    store.close()


def _expected_dialogues(store, pid, options: dict) -> list[dict]:
    rows = []
    for d in dialogs.list_dialogs(store, pid, status="confirmed" if options.get("only_confirmed") else "done")[0]:
        turns = [{"role": t["role"], "content": t["content"]} for t in d["turns"]]
        rows.append({"_prompt": turns[:-1], "_response": turns[-1:],
                     "_system": d["system"] or options.get("system_prompt") or ""})
    return rows


def _expected_images(store, pid, out: Path, options: dict) -> list[dict]:
    rows = []
    for pair in image_qa.list_image_qa(store, pid):
        answer = pair["answer"]
        if options.get("include_reasoning"):
            answer = f"<think>\n{pair['reasoning']}\n</think>\n\n{answer}"
        rows.append({"_prompt": [{"role": "user", "content": "<image>" + pair["question"]}],
                     "_response": [{"role": "assistant", "content": answer}],
                     "_system": options.get("system_prompt", ""),
                     "_images": [str(out / "images" / Path(pair["stored_path"]).name)]})
    return rows


def test_dialogue_and_image_exports_load_in_llamafactorys_own_loader(project, tmp_path):
    store, pid = project
    out = tmp_path / "data"
    for name, fmt, file_name, options in DIALOG_CASES:
        result = dialogs.export_dialogs(store, pid, fmt, out / file_name, llamafactory=name, **options)
        assert result["rows"] == (1 if options.get("only_confirmed") else 3), name
    with pytest.raises(FormatError, match=r"dlg\.csv: LLaMA-Factory reads nested conversations from JSON"):
        dialogs.export_dialogs(store, pid, "alpaca", out / "dlg.csv", llamafactory="dlg_csv")
    for name, options in IMAGE_CASES:
        assert image_qa.export_image_qa(store, pid, out, name=name, **options)["records"] == 4
    ws = str(store.root)
    assert cli.main(["dialogs", "export", "--format", CLI_DIALOG[1], "--out", str(out / CLI_DIALOG[2]),
                     "--system-prompt", "Default system.", "--llamafactory", CLI_DIALOG[0], "-w", ws]) == 0
    assert cli.main(["images", "export", str(out), "--name", CLI_IMAGES[0], "-w", ws, "-q"]) == 0
    for file_name in EVAL_CASES[1:]:
        assert evalsvc.export(store, pid, out / file_name, llamafactory=Path(file_name).stem)[1] == 30
    assert cli.main(["eval", "export", "--out", str(out / EVAL_CASES[0]), "--llamafactory", "eval_json",
                     "-w", ws]) == 0
    dialog_cases, image_cases = [*DIALOG_CASES, CLI_DIALOG], [*IMAGE_CASES, CLI_IMAGES]
    eval_names = [Path(f).stem for f in EVAL_CASES]
    info = json.loads((out / "dataset_info.json").read_text())
    assert set(info) == {c[0] for c in dialog_cases} | {c[0] for c in image_cases} | set(eval_names)

    (tmp_path / "cache").mkdir()
    loaded = lf_load(out, [c[0] for c in dialog_cases] + [c[0] for c in image_cases] + eval_names,
                     tmp_path / "cache")
    for name in eval_names:
        assert loaded[name]["rows"] == _expected_eval(store, pid), name
    for name, _, _, options in dialog_cases:
        rows, expected = loaded[name]["rows"], _expected_dialogues(store, pid, options)
        assert not loaded[name]["ranking"] and len(rows) == len(expected) > 0, name
        assert rows == expected, name
        for row in rows:  # every turn, alternating user/assistant, ending on the assistant
            roles = [m["role"] for m in row["_prompt"] + row["_response"]]
            assert roles == ["user", "assistant"] * (len(roles) // 2) and len(roles) in (2, 6), name
    assert {len(r["_prompt"]) for r in loaded["dlg_sharegpt_jsonl"]["rows"]} == {1, 5}
    assert "Edited in review: A3." in json.dumps(loaded["dlg_alpaca_confirmed"]["rows"])

    for name, options in image_cases:
        assert loaded[name]["media_dir"] == str(out)  # LLaMA-Factory's default: the dataset folder
        rows = loaded[name]["rows"]
        assert rows == _expected_images(store, pid, out, options), name
        for row in rows:
            image = Path(row["_images"][0])
            assert image.is_file() and image.read_bytes() == (store.root / _stored(store, image.name)).read_bytes()
            assert sum(m["content"].count("<image>") for m in row["_prompt"]) == len(row["_images"]) == 1
    assert len({r["_images"][0] for r in loaded["shapes"]["rows"]}) == 2  # each pair carries its own picture


def _expected_eval(store, pid) -> list[dict]:
    """Each eval question as ``eval run`` shows it (question, then ``A. option`` lines) and its reference."""
    rows = []
    for q in evalsvc.list_questions(store, pid):
        options = q["options"] if q["qtype"] != "true_false" else []
        prompt = "\n".join([q["question"], *(f"{'ABCD'[i]}. {o}" for i, o in enumerate(options))])
        rows.append({"_prompt": [{"role": "user", "content": prompt}],
                     "_response": [{"role": "assistant", "content": q["answer"]}], "_system": ""})
    assert {q["qtype"] for q in evalsvc.list_questions(store, pid)} == set(es.QTYPES)
    assert {r["_response"][0]["content"] for r in rows} >= {"true", "false", "B", "A,C"}
    return rows


def _stored(store, file_name: str) -> str:
    rows = [r["stored_path"] for r in store.query("SELECT stored_path FROM images") if
            Path(r["stored_path"]).name == file_name]
    assert len(rows) == 1, file_name
    return rows[0]


def test_image_export_keeps_a_corrupt_dataset_info_and_names_it(project, tmp_path):
    """The image-QA export merges its entry like every other export: a broken ``dataset_info.json`` is named
    (file and line) and left as it was, instead of a bare JSON traceback."""
    store, pid = project
    (tmp_path / "dataset_info.json").write_text('{"mine": {"file_name": "a.json"},\n oops}', encoding="utf-8")
    with pytest.raises(FormatError, match=r"dataset_info\.json: line 2: invalid JSON.*not overwriting it"):
        image_qa.export_image_qa(store, pid, tmp_path, name="shapes")
    assert (tmp_path / "dataset_info.json").read_text(encoding="utf-8").endswith("oops}")
    (tmp_path / "dataset_info.json").write_text('{"mine": {"file_name": "a.json"}}', encoding="utf-8")
    image_qa.export_image_qa(store, pid, tmp_path, name="shapes")
    assert set(json.loads((tmp_path / "dataset_info.json").read_text(encoding="utf-8"))) == {"mine", "shapes"}


def test_an_empty_eval_set_writes_no_llamafactory_entry(tmp_path):
    store = service.open_workspace(tmp_path / "ws", create=True)
    pid = service.project(store)
    with pytest.raises(DatagenError, match="nothing to export: the evaluation set is empty"):
        evalsvc.export(store, pid, tmp_path / "out" / "eval.jsonl", llamafactory="eval")
    with pytest.raises(FormatError, match="LLaMA-Factory dataset name is empty"):
        evalsvc.export(store, pid, tmp_path / "out" / "eval.jsonl", llamafactory=" ")
    assert not (tmp_path / "out" / "dataset_info.json").exists() and not (tmp_path / "out" / "eval.jsonl").exists()
    store.close()
