"""Re-running never erases question labels (issue 12, finding 1): the default tag mode keeps a built tree, and an
explicit rebuild re-attaches every labelled question to the new tag of the same path or name, saying so."""

from __future__ import annotations

from fakes import ScriptedLLM, hash_embed
from test_pipeline import _llm  # noqa: F401 - the scripted model of the pipeline tests

from datagen import service
from datagen.generate import GenerationSettings
from datagen.pipeline import SplitSettings
from datagen.tags import build_tags

DOC = ("# Planets\n\n## Mars\n\nMars is the fourth planet from the Sun and has two moons, Phobos and Deimos.\n\n"
       "## Venus\n\nVenus is the hottest planet, with a thick carbon dioxide atmosphere.\n")
SETTINGS = GenerationSettings(chars_per_question=60, max_questions=2, parse_retries=0, dedup_threshold=1.0)


def _project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "planets.md").write_text(DOC, encoding="utf-8")
    store = service.open_workspace(tmp_path / "ws", create=True)
    pid = service.project(store)
    service.add_files(store, pid, [tmp_path / "docs"])
    return store, pid


def _labels(store, pid) -> dict[str, str | None]:
    return {item["question"]: item["tag"] for item in store.list_items(pid, page_size=100).items}


def test_plain_rerun_keeps_every_label(tmp_path):
    store, pid = _project(tmp_path)
    split = SplitSettings("markdown", {"min_len": 10, "max_len": 400})
    first = service.run(store, pid, _llm(), SETTINGS, embed=hash_embed, split_settings=split,
                        stages=("split", "tags", "questions"))
    assert first.error is None
    before = _labels(store, pid)
    assert len(before) >= 3 and all(before.values())  # every question labelled
    tree = store.list_tags(pid)
    again = service.run(store, pid, ScriptedLLM(), SETTINGS, embed=hash_embed, split_settings=split,
                        stages=("split", "tags", "questions"))  # no replies scripted: nothing may be asked
    assert again.error is None and _labels(store, pid) == before
    assert [(t["id"], t["path"]) for t in store.list_tags(pid)] == [(t["id"], t["path"]) for t in tree]
    assert "kept the existing tree" in again.text() and "labels unchanged" in again.text()
    store.close()


def test_explicit_rebuild_reattaches_labels_and_reports_it(tmp_path):
    store, pid = _project(tmp_path)
    service.run(store, pid, _llm(), SETTINGS, embed=hash_embed, stages=("split", "tags", "questions"),
                split_settings=SplitSettings("markdown", {"min_len": 10, "max_len": 400}))
    before = _labels(store, pid)
    new_tree = '{"tags": [{"name": "Solar system", "children": ["Mars", "Jupiter"]}]}'  # Venus is gone
    report = build_tags(store, pid, ScriptedLLM(by_purpose={"tags": new_tree}), SETTINGS, mode="rebuild")
    after = _labels(store, pid)
    mars = [q for q, tag in before.items() if tag == "Mars"]
    venus = [q for q, tag in before.items() if tag == "Venus"]
    assert mars and venus
    assert all(after[q] == "Mars" for q in mars)  # same leaf name in the new tree: re-attached
    assert all(after[q] is None for q in venus)
    assert (f"{len(before)} labelled questions: {len(mars)} kept their tag, {len(venus)} lost it"
            in report.message)
    store.close()
