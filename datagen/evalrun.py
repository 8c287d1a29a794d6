"""Evaluation of a model against a project's evaluation set, with a score table per type and per tag.

The model under test (any OpenAI-compatible endpoint or the built-in model) answers every question of the set.
Closed types are scored by exact match after normalising the reply: the endpoint is asked for a JSON reply
(``{"answer": "B"}``, ``{"answer": ["A", "C"]}``, ``{"answer": true}``; sent as ``response_format``, and the
built-in model decodes under it), and a reply in prose is still read: "A", "(b)", "A, C", "AC", "True", "no",
"正确", or the text of one option. An unreadable reply scores 0 and is kept as it was. Short-answer and open
questions are graded by an LLM judge (any endpoint, default: the model under test) against the reference answer
and a rubric, 0–5, stored as 0–1.

Resumable: each reply is stored as soon as it arrives and each judgement as soon as it is made, so re-running
(the same run id, or the latest unfinished run of the same model on the same selection) asks only the questions
without a reply and judges only the replies without a score. The run row keeps the score table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datagen import evalsets_store as es
from datagen.errors import LLMError, LLMOutputError, StoreError
from datagen.evalsets import LETTERS
from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.guides import JUDGE_GUIDE
from datagen.llm import ChatClient
from datagen.parsing import JUDGE_SCHEMA, extract_json
from datagen.store import Store

STAGE = "eval"
JUDGE_STAGE = "eval_judge"
PASS_SCORE = 0.6  # a judged answer counts as correct from 3 of 5

INSTRUCTIONS = {
    "en": {"true_false": 'Is the statement true or false? Reply with one JSON object: {"answer": true} or '
                         '{"answer": false}.',
           "single_choice": 'Choose the one correct option. Reply with one JSON object: {"answer": "B"}.',
           "multiple_choice": 'Choose every correct option (there may be several). Reply with one JSON object: '
                              '{"answer": ["A", "C"]}.'},
    "zh": {"true_false": '这个陈述是真是假？只回复一个 JSON 对象：{"answer": true} 或 {"answer": false}。',
           "single_choice": '选出唯一正确的选项。只回复一个 JSON 对象：{"answer": "B"}。',
           "multiple_choice": '选出所有正确的选项（可能有多个）。只回复一个 JSON 对象：{"answer": ["A", "C"]}。'},
}
DEFAULT_RUBRIC = {
    "en": {"short_answer": "The answer must give the same fact as the reference; other wording or extra correct "
                           "detail is fine, a different value is wrong.",
           "open": "The answer must make the points of the reference answer, without contradicting it."},
    "zh": {"short_answer": "答案必须给出与参考答案相同的事实；措辞不同或补充正确细节均可，数值不同即为错误。",
           "open": "答案必须涵盖参考答案的要点，且不得与之矛盾。"},
}

_TRUE = {"true", "yes", "correct", "t", "y", "right", "对", "正确", "是", "真"}
_FALSE = {"false", "no", "incorrect", "f", "n", "wrong", "错", "错误", "否", "假"}
_WORD = re.compile(r"[A-Za-z]+|[\u4e00-\u9fff]+")


# ------------------------------------------------------------------------------------ normalising

def _truth(value) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    words = [w.lower() for w in _WORD.findall(str(value))]
    if words and words[0] in _TRUE | _FALSE:
        return "true" if words[0] in _TRUE else "false"
    said = {("true" if w in _TRUE else "false") for w in words if w in ("true", "false", "正确", "错误")}
    return said.pop() if len(said) == 1 else None


def _letters(value, options: Sequence[str]) -> list[str]:
    valid = LETTERS[: len(options)] or LETTERS
    if isinstance(value, list):
        found = [str(v).strip().strip("().").upper() for v in value]
        return sorted({v for v in found if len(v) == 1 and v in valid})
    text = str(value).strip()
    compact = re.sub(r"[\s,;、，()（）.]+", "", text)
    if compact and re.fullmatch(f"[{valid}]+", compact, re.IGNORECASE) and len(compact) <= len(valid):
        return sorted(set(compact.upper()))
    found = set(re.findall(rf"(?<![A-Za-z])([{valid}])(?![A-Za-z])", text))
    if found:
        return sorted(found)
    folded = " ".join(text.casefold().split()).rstrip(".")
    return [LETTERS[i] for i, option in enumerate(options) if " ".join(option.casefold().split()) == folded]


def normalise_reply(qtype: str, reply: str, options: Sequence[str] = ()) -> str | None:
    """The reference-comparable form of a closed-type reply (``"true"``, ``"B"``, ``"A,C"``), or None."""
    try:
        value = extract_json(reply)
        if isinstance(value, dict):
            value = value.get("answer", "")
    except LLMOutputError:
        value = reply
    if qtype == "true_false":
        return _truth(value)
    letters = _letters(value, options)
    if qtype == "single_choice":
        return letters[0] if len(letters) == 1 else None
    return ",".join(letters) or None


def closed_guide(qtype: str, n_options: int) -> dict:
    """The JSON shape asked of the model under test for a closed question."""
    letter = {"type": "string", "enum": list(LETTERS[:n_options])}
    answer = {"true_false": {"type": "boolean"}, "single_choice": letter,
              "multiple_choice": {"type": "array", "items": letter, "minItems": 1, "maxItems": n_options}}[qtype]
    return {"type": "object", "properties": {"answer": answer}, "required": ["answer"], "additionalProperties": False}


def options_text(options: Sequence[str]) -> str:
    return "\n".join(f"{LETTERS[i]}. {option}" for i, option in enumerate(options))


# -------------------------------------------------------------------------------------- the table

def score_table(rows: Sequence[dict], total: int) -> dict:
    """Scores per type, per tag and overall from result rows (``qtype``, ``tag``, ``score``)."""
    def cell(group: Sequence[dict]) -> dict:
        scored = [r["score"] for r in group if r["score"] is not None]
        return {"n": len(group), "scored": len(scored),
                "score": round(sum(scored) / len(scored), 4) if scored else None,
                "correct": sum(1 for s in scored if s >= PASS_SCORE)}

    by_type = {t: cell([r for r in rows if r["qtype"] == t]) for t in es.QTYPES if any(r["qtype"] == t for r in rows)}
    tags = sorted({r["tag"] or "(no tag)" for r in rows})
    by_tag = {tag: cell([r for r in rows if (r["tag"] or "(no tag)") == tag]) for tag in tags}
    return {"total": total, "answered": len(rows), "overall": cell(rows), "by_type": by_type, "by_tag": by_tag}


def format_table(summary: dict) -> str:
    """The score table as Markdown (one section per type, one per tag)."""
    def pct(value) -> str:
        return "-" if value is None else f"{100 * value:.1f}%"

    lines = [f"answered {summary['answered']}/{summary['total']}; overall score {pct(summary['overall']['score'])} "
             f"({summary['overall']['correct']}/{summary['overall']['scored']} correct)", ""]
    for title, key in (("type", "by_type"), ("tag", "by_tag")):
        lines += [f"| {title} | questions | scored | correct | score |", "|---|---:|---:|---:|---:|"]
        lines += [f"| {name} | {c['n']} | {c['scored']} | {c['correct']} | {pct(c['score'])} |"
                  for name, c in summary[key].items()]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def run_summary(store: Store, run_id: int) -> dict:
    """The score table of a run as stored now (also for a run still going or interrupted)."""
    run = es.get_eval_run(store, run_id)
    return score_table(es.result_rows(store, run_id), run["total"])


# ----------------------------------------------------------------------------------------- the run

async def _ask_model(job: Job, q: dict, key: str, temperature: float):
    lang = job.lang
    if q["qtype"] in es.CLOSED_TYPES:
        options = q["options"] if q["qtype"] != "true_false" else []
        fields = {"question": q["question"], "options": options_text(options),
                  "instruction": INSTRUCTIONS[lang][q["qtype"]]}
        return await job.ask("eval_closed", fields, key=key, guide=closed_guide(q["qtype"], len(options) or 2),
                             temperature=temperature)
    return await job.ask("eval_open", {"question": q["question"]}, key=key, temperature=temperature)


def _selection(store: Store, project_id: int, params: dict) -> list[dict]:
    return es.list_eval_questions(store, project_id, qtypes=params.get("types") or None,
                                  tag_ids=params.get("tag_ids"))


def resumable_run(store: Store, project_id: int, model: str, params: dict) -> int | None:
    """The latest unfinished run of ``model`` on the same selection, if the last run of it did not finish."""
    for run in es.list_eval_runs(store, project_id):
        if run["model"] == model and run["params"] == params:
            return run["id"] if run["status"] != "done" else None
    return None


def _open_run(store: Store, project_id: int, llm: ChatClient, judge: ChatClient, settings: GenerationSettings,
              qtypes: Sequence[str] | None, tag_ids: Sequence[int] | None,
              run_id: int | None) -> tuple[int, list[dict]]:
    """The run to work on (given, the resumable one, or a new one) and its questions."""
    model = llm.describe()
    params = {"types": sorted(qtypes) if qtypes else None, "tag_ids": sorted(tag_ids) if tag_ids is not None else None,
              "judge": judge.describe(), "lang": settings.lang}
    if run_id is None:
        run_id = resumable_run(store, project_id, model, params)
    if run_id is not None:
        run = es.get_eval_run(store, run_id)
        if run["project_id"] != project_id:
            raise StoreError(f"evaluation run {run_id} belongs to another project")
        params = run["params"]
    questions = _selection(store, project_id, params)
    if not questions:
        raise StoreError("the evaluation set is empty: generate questions first (`python -m datagen eval generate`)")
    if run_id is None:
        run_id = es.start_eval_run(store, project_id, model=model, endpoint=getattr(llm.settings, "base_url", None),
                                   judge_model=judge.describe(), params=params, total=len(questions))
    return run_id, questions


def evaluate(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
             judge: ChatClient | None = None, qtypes: Sequence[str] | None = None,
             tag_ids: Sequence[int] | None = None, run_id: int | None = None, temperature: float = 0.0,
             progress=None, cancel=None) -> tuple[int, StageReport]:
    """Evaluate ``llm`` on the project's eval set (or resume run ``run_id``); returns (run id, stage report).

    Without ``run_id`` the latest unfinished run of the same model on the same selection is resumed, else a new
    run starts. The run row gets its status and score table at the end (also when it stops early)."""
    judge = judge or llm
    run_id, questions = _open_run(store, project_id, llm, judge, settings, qtypes, tag_ids, run_id)
    existing = es.run_results(store, run_id)
    pending = [q for q in questions if existing.get(q["id"], {}).get("score") is None]
    job = Job(store, project_id, llm, settings, stage=STAGE, progress=progress, cancel=cancel)
    judge_job = Job(store, project_id, judge, settings, stage=JUDGE_STAGE, cancel=cancel)

    async def worker(q: dict) -> None:
        key = f"run:{run_id}:question:{q['id']}"
        judge_job.task_id = job.task_id
        result = existing.get(q["id"])
        if result is None:
            got = await _ask_model(job, q, key, temperature)
            if got is None:
                return
            reply, chat = got
            parsed = normalise_reply(q["qtype"], reply, q["options"]) if q["qtype"] in es.CLOSED_TYPES else None
            score = float(parsed == q["answer"]) if q["qtype"] in es.CLOSED_TYPES else None
            es.save_reply(store, run_id, q["id"], reply=reply, reasoning=chat.reasoning, parsed=parsed, score=score)
            job.report.created += 1
            result = {"reply": reply}
        if q["qtype"] in es.CLOSED_TYPES:
            return
        rubric = q["rubric"] or DEFAULT_RUBRIC[judge_job.lang][q["qtype"]]
        got = await judge_job.ask("eval_judge", {"question": q["question"], "reference": q["answer"],
                                                 "rubric": rubric, "answer": result["reply"]},
                                  key=key, schema=JUDGE_SCHEMA, guide=JUDGE_GUIDE, temperature=0.0)
        if got is not None:
            es.save_judgement(store, run_id, q["id"], round(float(got[0]["score"]) / 5, 4),
                              str(got[0].get("reason") or ""))

    status = "interrupted"
    try:
        report = run_stage(job, pending, worker, skipped=len(questions) - len(pending),
                           params={"run": run_id, "questions": len(questions)})
        status = report.status
    except LLMError:
        status = "failed"
        raise
    finally:
        _add_judge_usage(job.report, judge_job.report)
        summary = run_summary(store, run_id)
        if status == "done" and summary["overall"]["scored"] < len(questions):
            status = "incomplete"  # some questions failed (recorded); re-running retries exactly those
        es.finish_eval_run(store, run_id, status, summary)
    return run_id, report


def _add_judge_usage(report: StageReport, judge: StageReport) -> None:
    report.calls += judge.calls
    report.prompt_tokens += judge.prompt_tokens
    report.completion_tokens += judge.completion_tokens
    report.failed += judge.failed
    report.failures += judge.failures[: max(0, 20 - len(report.failures))]
