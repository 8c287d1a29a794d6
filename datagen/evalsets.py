"""Evaluation sets: questions of five types with reference answers, generated from chunks, and their export.

Types (:data:`~datagen.evalsets_store.QTYPES`): ``true_false`` (reference ``"true"``/``"false"``),
``single_choice`` (options A–D, reference one letter), ``multiple_choice`` (options A–D, reference letters such
as ``"A,C"``), ``short_answer`` (a short reference phrase) and ``open`` (a reference answer and a grading
rubric). The first three are scored by exact match, the last two by an LLM judge (:mod:`datagen.evalrun`).

Generation is a stage (``evalset``) whose work units are (chunk, type) pairs: one call asks for ``per_type``
questions of one type about one chunk, the reply is parsed against the type's schema (an endpoint gets it as
``response_format``, the built-in model decodes under it), and the unit's questions are committed together
with its mark, so a killed run resumes with the units not done. A reply whose answer letter names no option is
recorded as a failure with the raw reply, never repaired.

Export: one record per question ``{id, type, question, options, answer, rubric, tag, context}`` (``options`` a
list, empty for the open types) to JSON, JSONL, CSV or Parquet; the files load with ``datasets``.
"""

from __future__ import annotations

import json
import string
from collections.abc import Sequence
from pathlib import Path

from datagen import evalsets_store as es
from datagen.errors import LLMOutputError
from datagen.formats import write_records
from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.guides import SENTENCE_PATTERN, question_pattern
from datagen.llm import ChatClient
from datagen.parsing import unwrap
from datagen.store import Store
from datagen.tags import match_tag, tag_choices, tag_lookup

STAGE = "evalset"
N_OPTIONS = 4
LETTERS = string.ascii_uppercase[:N_OPTIONS]
MAX_PER_TYPE = 10
STATEMENT_PATTERN = r'^[^"\\\n]{5,400}$'  # a true/false statement: one line of 5+ characters, no quote marks

# What each type is, for the generation prompt (``{kind}``), per data language.
KINDS = {
    "en": {
        "true_false": "true/false statements: each 'question' is a statement that is either true or false "
                      "according to the passage (write some false ones too); 'answer' is true or false",
        "single_choice": f"single-choice questions with exactly {N_OPTIONS} options, one of them correct; "
                         "'answer' is the letter of the correct option (A for the first)",
        "multiple_choice": f"multiple-choice questions with exactly {N_OPTIONS} options, of which two or more "
                           "are correct; 'answer' lists the letters of all correct options",
        "short_answer": "short-answer questions whose answer is a name, number, date or short phrase stated in "
                        "the passage; 'answer' is that phrase",
        "open": "open questions that need a few sentences to answer (explain, compare, describe why); 'answer' "
                "is a model answer and 'rubric' says what a good answer must contain",
    },
    "zh": {
        "true_false": "判断题：每个 question 是一个陈述，按原文判断真假（也要写一些错误的陈述）；answer 为 true 或 false",
        "single_choice": f"单选题：恰好 {N_OPTIONS} 个选项，其中一个正确；answer 为正确选项的字母（第一个为 A）",
        "multiple_choice": f"多选题：恰好 {N_OPTIONS} 个选项，其中两个或更多正确；answer 列出所有正确选项的字母",
        "short_answer": "简答题：答案是原文中的名称、数字、日期或短语；answer 为该短语",
        "open": "开放题：需要几句话回答（解释、比较、说明原因）；answer 为参考答案，rubric 说明好答案必须包含的要点",
    },
}


# ------------------------------------------------------------------------------------------ schemas

def _obj(properties: dict, required: Sequence[str] | None = None, strict: bool = True) -> dict:
    schema = {"type": "object", "properties": properties, "required": list(required or properties)}
    if strict:
        schema["additionalProperties"] = False
    return schema


def _answer_schema(qtype: str, strict: bool) -> dict:
    """The ``answer`` (and ``rubric``) fields of one generated item of ``qtype``."""
    text = {"type": "string", "pattern": SENTENCE_PATTERN} if strict else {"type": "string", "minLength": 1}
    letter = {"type": "string", "enum": list(LETTERS)}
    # the guide asks for exactly N_OPTIONS options; a reply with fewer is read, and its answer checked against them
    options = {"type": "array", "items": text, "minItems": N_OPTIONS if strict else 2, "maxItems": N_OPTIONS}
    if qtype == "true_false":
        return {"answer": {"type": "boolean"}}
    if qtype == "single_choice":
        return {"options": options, "answer": letter}
    if qtype == "multiple_choice":
        return {"options": options,
                "answer": {"type": "array", "items": letter, "minItems": 1, "maxItems": N_OPTIONS}}
    if qtype == "short_answer":
        return {"answer": text}
    return {"answer": text, "rubric": text}


def item_schema(qtype: str, lang: str = "en", *, strict: bool = True) -> dict:
    """One generated item of ``qtype``: the strict guide shape, or (``strict=False``) the parse shape."""
    question = ({"type": "string", "pattern": question_pattern(lang) if qtype != "true_false" else STATEMENT_PATTERN}
                if strict else {"type": "string", "minLength": 5})
    return _obj({"question": question, **_answer_schema(qtype, strict)}, strict=strict)


def generation_guide(qtype: str, count: int, tags: Sequence[str], lang: str) -> dict:
    """``{"questions": [item, …]}`` with exactly ``count`` items of ``qtype`` (tags from ``tags`` only)."""
    item = item_schema(qtype, lang)
    if tags:
        item["properties"]["tag"] = {"type": "string", "enum": list(dict.fromkeys(tags))}
        item["required"].append("tag")
    return _obj({"questions": {"type": "array", "items": item, "minItems": count, "maxItems": count}})


def parse_schema(qtype: str) -> dict:
    """What a reply may look like: a bare list of items or ``{"questions": [...]}``."""
    item = item_schema(qtype, strict=False)
    item["properties"]["tag"] = {"type": ["string", "null"]}
    items = {"type": "array", "minItems": 1, "items": item}
    return {"anyOf": [items, {"type": "object", "required": ["questions"], "properties": {"questions": items}}]}


def shape_example(qtype: str) -> str:
    """A one-line JSON example of the reply for the prompt's ``{shape}``."""
    options = {"options": ["<option A>", "<option B>", "<option C>", "<option D>"]}
    answers = {"true_false": {"answer": True}, "single_choice": {**options, "answer": "B"},
               "multiple_choice": {**options, "answer": ["A", "C"]}, "short_answer": {"answer": "<short phrase>"},
               "open": {"answer": "<model answer>", "rubric": "<what a good answer must contain>"}}
    item = {"question": "<question>", **answers[qtype], "tag": "<one tag from the list>"}
    return json.dumps({"questions": [item]}, ensure_ascii=False)


# ------------------------------------------------------------------------------------- references

def reference_of(qtype: str, entry: dict) -> str:
    """The stored reference answer of a generated item; LLMOutputError when it names no option."""
    answer = entry["answer"]
    if qtype == "true_false":
        return "true" if answer else "false"
    if qtype in ("single_choice", "multiple_choice"):
        letters = [answer] if isinstance(answer, str) else list(answer)
        valid = LETTERS[: len(entry.get("options") or [])]
        bad = [x for x in letters if x not in valid]
        if bad or not letters:
            raise LLMOutputError(f"answer {answer!r} names no option among {', '.join(valid) or 'none'}")
        return ",".join(sorted(set(letters)))
    return " ".join(str(answer).split())


def _rows(qtype: str, chunk: dict, value, count: int, lookup: dict) -> list[dict]:
    rows = []
    for i, entry in enumerate(unwrap(value, "questions")[:count]):
        rows.append({"key": f"chunk:{chunk['id']}:{qtype}:{i}", "qtype": qtype,
                     "question": " ".join(entry["question"].split()), "options": entry.get("options") or [],
                     "answer": reference_of(qtype, entry), "rubric": entry.get("rubric"), "chunk_id": chunk["id"],
                     "context": chunk["text"], "tag_id": match_tag(lookup, entry.get("tag"), chunk["heading_path"])})
    return rows


def generate_eval_questions(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                            qtypes: Sequence[str] = es.QTYPES, per_type: int = 2,
                            chunk_ids: Sequence[int] | None = None, progress=None, cancel=None) -> StageReport:
    """Eval questions of each type in ``qtypes`` (``per_type`` per chunk) for every (chunk, type) not done."""
    unknown = [t for t in qtypes if t not in es.QTYPES]
    if unknown or not qtypes:
        raise ValueError(f"unknown question type(s) {unknown}; choose from {', '.join(es.QTYPES)}")
    if not 1 <= per_type <= MAX_PER_TYPE:
        raise ValueError(f"per_type must be between 1 and {MAX_PER_TYPE}, got {per_type}")
    done = store.done_units(project_id, STAGE)
    chunks = store.list_chunks(project_id)
    if chunk_ids is not None:
        chunks = [c for c in chunks if c["id"] in set(chunk_ids)]
    units = [(c, t) for c in chunks for t in qtypes if f"chunk:{c['id']}:{t}" not in done]
    job = Job(store, project_id, llm, settings, stage=STAGE, progress=progress, cancel=cancel)
    lookup, labels = tag_lookup(store, project_id), tag_choices(store, project_id)
    tags_text = "; ".join(labels) or "(no tags yet: leave the tag empty)"

    async def worker(unit: tuple[dict, str]) -> None:
        chunk, qtype = unit
        key = f"chunk:{chunk['id']}:{qtype}"
        heading = " / ".join(chunk["heading_path"]) or chunk.get("file") or "-"
        fields = {"text": chunk["text"], "heading": heading, "count": per_type, "tags": tags_text,
                  "kind": KINDS[settings.lang][qtype], "shape": shape_example(qtype)}
        got = await job.ask("eval_questions", fields, key=key, schema=parse_schema(qtype),
                            guide=generation_guide(qtype, per_type, labels, settings.lang))
        if got is None:
            return
        try:
            rows = _rows(qtype, chunk, got[0], per_type, lookup)
        except LLMOutputError as exc:
            job.fail(key, f"eval_questions: {exc}", json.dumps(got[0], ensure_ascii=False))
            return
        for row in rows:
            row["model"] = got[1].model
        ids = es.add_eval_questions(store, project_id, rows, unit=(STAGE, key), task_id=job.task_id)
        job.report.created += len(ids)

    return run_stage(job, units, worker, skipped=len(chunks) * len(qtypes) - len(units),
                     params={"types": list(qtypes), "per_type": per_type, "lang": settings.lang})


# ------------------------------------------------------------------------------------------- export

def eval_records(items: Sequence[dict]) -> list[dict]:
    """Export records of eval questions (one flat shape for every type)."""
    return [{"id": i["id"], "type": i["qtype"], "question": i["question"], "options": list(i["options"]),
             "answer": i["answer"], "rubric": i["rubric"] or "", "tag": i["tag"] or "", "context": i["context"] or ""}
            for i in items]


def export_eval_set(store: Store, project_id: int, path: str | Path, *, qtypes: Sequence[str] | None = None,
                    tag_ids: Sequence[int] | None = None) -> tuple[Path, int]:
    """Write the project's eval questions to ``path`` (.json/.jsonl/.csv/.parquet); returns (path, count)."""
    items = es.list_eval_questions(store, project_id, qtypes=qtypes, tag_ids=tag_ids)
    return write_records(eval_records(items), path), len(items)
