"""The dataset-studio tab's handlers for generation, review, quality, export, the endpoint and the KB:
:class:`Studio` completes :class:`~app_ui.studio_actions.StudioBase` with them."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from datagen import service
from datagen.generate import GenerationSettings
from datagen.llm import LOCAL_MODEL_NAME
from datagen.pipeline import STAGES

from .common import export_folder
from .studio_actions import (
    FAILURE_COLUMNS,
    HANDOFF_LIMIT,
    ITEM_COLUMNS,
    TRIPLE_COLUMNS,
    StudioBase,
    StudioSession,
    as_int,
    clip,
    guard,
    progress_for,
    split_options,
)
from .studio_report import reports_markdown, summary_markdown


class Studio(StudioBase):
    """All of the tab's handlers, each taking the session first."""

    # -------------------------------------------------------------------------------- generation

    def report_text(self, session: StudioSession, reports: list) -> str:
        return reports_markdown(session.say, reports)

    def failures_table(self, session: StudioSession) -> pd.DataFrame:
        rows = service.failures(self.store_of(session), self.pid(session), limit=50)
        data = [[r["stage"], r["key"], clip(r["error"], 200), clip(r["raw"], 200)] for r in rows]
        return pd.DataFrame(data, columns=session.columns(FAILURE_COLUMNS))

    @guard
    def generate(self, session: StudioSession, stages: list[str], lang: str, chars_per_question,
                 min_questions, max_questions, dedup_threshold, reasoning: bool, turns, parse_retries,
                 tag_mode: str, method: str, min_len, max_len, chunk_size, overlap, chunk_tokens,
                 token_overlap, separator: str, progress=gr.Progress()):
        """Run the selected stages (resumable) with a progress bar; the stop button sets the cancel flag."""
        if not stages:
            raise ValueError(session.say("no_stages"))
        settings = GenerationSettings(
            lang=lang, chars_per_question=as_int(chars_per_question, 400), min_questions=as_int(min_questions, 1),
            max_questions=as_int(max_questions, 10), dedup_threshold=float(dedup_threshold),
            reasoning=bool(reasoning), turns=as_int(turns, 1), parse_retries=as_int(parse_retries, 2),
            tag_mode=tag_mode)
        split_settings = service.SplitSettings(method, split_options(
            method, min_len, max_len, chunk_size, overlap, chunk_tokens, token_overlap, separator))
        session.cancel.clear()
        progress(0, desc=session.say("starting"))
        llm = self.session_llm(session)
        summary = service.run(self.store_of(session), self.pid(session), llm, settings,
                              stages=[s for s in STAGES if s in stages], split_settings=split_settings,
                              embed=self.embed, progress=progress_for(progress), cancel=session.cancel)
        return summary_markdown(session.say, summary), self.failures_table(session), ""

    def stop(self, session: StudioSession) -> str:
        session.cancel.set()
        return session.say("stopping")

    # ------------------------------------------------------------------------------------ review

    def items_page(self, session: StudioSession, tag: str | None, min_score, status: str, page, page_size):
        min_score = float(min_score) if min_score not in (None, "") and float(min_score) > 0 else None
        size = as_int(page_size, 20)
        result = service.list_items(self.store_of(session), self.pid(session), tag=tag or None, min_score=min_score,
                                    status=status or "all", page=max(1, as_int(page, 1)), page_size=size)
        if result.page > result.pages and result.total:
            result = service.list_items(self.store_of(session), self.pid(session), tag=tag or None, min_score=min_score,
                                        status=status or "all", page=result.pages, page_size=size)
        data = [[i["id"], i["status"], i["tag"] or "", clip(i["question"], 120), clip(i["answer"], 160),
                 i["rating"], i["judge_score"], None if i["rouge_l"] is None else round(i["rouge_l"], 3),
                 None if i["grounding"] is None else round(i["grounding"], 3), service.item_flag(i), i["confirmed"],
                 f"{i['genre']} / {i['audience']}" if i.get("genre") else ""]
                for i in result.items]
        info = session.say("page_info", page=result.page, pages=result.pages, total=result.total)
        return pd.DataFrame(data, columns=session.columns(ITEM_COLUMNS)), result.page, info

    @guard
    def review_page(self, session: StudioSession, tag, min_score, status, page, page_size):
        return self.items_page(session, tag, min_score, status, page, page_size)

    @guard
    def review_first(self, session: StudioSession, tag, min_score, status, page_size):
        return self.items_page(session, tag, min_score, status, 1, page_size)

    @guard
    def review_prev(self, session: StudioSession, tag, min_score, status, page, page_size):
        return self.items_page(session, tag, min_score, status, max(1, as_int(page, 1) - 1), page_size)

    @guard
    def review_next(self, session: StudioSession, tag, min_score, status, page, page_size):
        return self.items_page(session, tag, min_score, status, as_int(page, 1) + 1, page_size)

    def _own_item(self, session: StudioSession, item_id) -> dict:
        item = service.get_item(self.store_of(session), as_int(item_id, -1))
        if item["project_id"] != self.pid(session):
            raise ValueError(session.say("not_in_project", what="item", id=item_id))
        return item

    @guard
    def load_item(self, session: StudioSession, item_id):
        item = self._own_item(session, item_id)
        rating = "-" if item["rating"] is None else str(item["rating"])
        return (item["id"], item["question"], item["answer"] or "", item["reasoning"] or "",
                item["context"] or "", rating, item["confirmed"])

    @guard
    def save_item(self, session: StudioSession, item_id, question: str, answer: str, reasoning: str, rating,
                  confirmed: bool):
        item = self._own_item(session, item_id)
        qid = item["id"]
        service.edit_item(self.store_of(session), qid, question=question if question != item["question"] else None,
                          answer=answer if answer and answer != (item["answer"] or "") else None,
                          reasoning=reasoning if reasoning and reasoning != (item["reasoning"] or "")
                          else None)
        if answer or item["answer"]:
            service.rate_item(self.store_of(session), qid, None if rating in (None, "", "-") else int(rating))
            service.confirm_item(self.store_of(session), qid, bool(confirmed))
        elif confirmed or rating not in (None, "", "-"):
            raise ValueError(session.say("needs_answer", id=qid))
        return session.say("item_saved", id=qid)

    @guard
    def delete_item(self, session: StudioSession, item_id) -> str:
        item = self._own_item(session, item_id)
        service.delete_item(self.store_of(session), item["id"])
        return session.say("item_deleted", id=item["id"])

    @guard
    def confirm_page(self, session: StudioSession, tag, min_score, status, page, page_size):
        table, page, _info = self.items_page(session, tag, min_score, status, page, page_size)
        id_at, answer_at = ITEM_COLUMNS.index("id"), ITEM_COLUMNS.index("answer")  # headers are translated
        ids = [int(i) for i, answer in zip(table.iloc[:, id_at], table.iloc[:, answer_at], strict=True) if answer]
        for qid in ids:
            service.confirm_item(self.store_of(session), qid, True)
        return (*self.items_page(session, tag, min_score, status, page, page_size),
                session.say("page_confirmed", n=len(ids)))

    # ------------------------------------------------------------------------- bulk row actions

    @staticmethod
    def selection_choices(table: pd.DataFrame | None, selected: list | None):
        """The selection box offers the ids of the rows shown; ids no longer shown are dropped from it."""
        ids = _row_ids(table)
        return gr.update(choices=[(f"#{i}", i) for i in ids], value=[i for i in (selected or []) if i in ids])

    @staticmethod
    def select_all(table: pd.DataFrame | None):
        """Every row shown is selected (and offered)."""
        ids = _row_ids(table)
        return gr.update(choices=[(f"#{i}", i) for i in ids], value=ids)

    def _selection(self, session: StudioSession, selected: list | None) -> list[int]:
        ids = [as_int(i, -1) for i in selected or []]
        if not ids:
            raise ValueError(session.say("nothing_selected"))
        return ids

    @guard
    def confirm_selected(self, session: StudioSession, tag, min_score, status, page, page_size, selected,
                         open_id=None):
        """Confirm the selected rows; the open item's "confirmed" box follows when it is one of them."""
        ids = self._selection(session, selected)
        out = service.confirm_items(self.store_of(session), self.pid(session), ids)
        text = session.say("selected_confirmed", n=out["changed"])
        if out["unanswered"]:
            text += " " + session.say("selected_unanswered", ids=", ".join(f"#{i}" for i in out["unanswered"]))
        opened = as_int(open_id, -1)
        box = True if opened in ids and opened not in out["unanswered"] else gr.update()
        return (*self.items_page(session, tag, min_score, status, page, page_size), text, box)

    @guard
    def delete_selected(self, session: StudioSession, tag, min_score, status, page, page_size, selected):
        n = service.delete_items(self.store_of(session), self.pid(session), self._selection(session, selected))
        return (*self.items_page(session, tag, min_score, status, page, page_size),
                session.say("selected_deleted", n=n))

    @guard
    def regenerate_selected(self, session: StudioSession, tag, min_score, status, page, page_size, selected,
                            lang: str, reasoning: bool, progress=gr.Progress()):
        """New answers for the selected rows, with the Generate tab's language and reasoning settings."""
        ids = self._selection(session, selected)
        session.cancel.clear()
        settings = GenerationSettings(lang=lang, reasoning=bool(reasoning))
        report = service.regenerate_answers(self.store_of(session), self.pid(session),
                                            self.session_llm(session), settings, ids, progress=progress_for(progress, "answers"), cancel=session.cancel)
        return (*self.items_page(session, tag, min_score, status, page, page_size),
                self.report_text(session, [report]))

    # ----------------------------------------------------------------------------------- quality

    def quality_summary(self, session: StudioSession, threshold) -> str:
        rouge, bleu, judge, rated, below = [], [], [], 0, 0
        for item in service.iter_items(self.store_of(session), self.pid(session), status="answered"):
            if item["rouge_l"] is not None:
                rouge.append(item["rouge_l"])
                bleu.append(item["bleu"] or 0.0)
            if item["judge_score"] is not None:
                judge.append(item["judge_score"])
            rated += item["rating"] is not None
            below += item["score"] is not None and item["score"] < float(threshold)

        def mean(values: list) -> str:
            return f"{sum(values) / len(values):.3f}" if values else "–"

        return session.say("quality", grounded=len(rouge), rouge=mean(rouge), bleu=mean(bleu),
                           judged=len(judge), judge=mean(judge), rated=rated, below=below,
                           threshold=float(threshold))

    @guard
    def score(self, session: StudioSession, use_judge: bool, threshold, rejudge: bool, lang: str,
              progress=gr.Progress()):
        session.cancel.clear()
        llm = self.session_llm(session) if use_judge else None
        settings = GenerationSettings(lang=lang, judge_threshold=float(threshold))
        out = service.score(self.store_of(session), self.pid(session), llm, settings, judge=bool(use_judge),
                            rejudge=bool(rejudge), progress=progress_for(progress, "judge"),
                            cancel=session.cancel)
        lines = [session.say("grounding_done", n=out["grounding"])]
        if "judge" in out:
            lines.append(self.report_text(session, [out["judge"]]))
        return "\n\n".join([*lines, self.quality_summary(session, threshold)])

    # ------------------------------------------------------------------------------------ export

    @guard
    def export(self, session: StudioSession, fmt: str, file_type: str, name: str, system_prompt: str,
               include_reasoning: bool, only_confirmed: bool, min_score, test_ratio, seed, llamafactory: str,
               selection=None, file_id: int | None = None):
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (name or "").strip()) or "dataset"
        folder = export_folder("studio-export-")
        min_score = float(min_score) if min_score and float(min_score) > 0 else None
        result = service.export(self.store_of(session), self.pid(session), fmt, folder / f"{stem}{file_type}",
                                system_prompt=(system_prompt or "").strip() or None,
                                include_reasoning=bool(include_reasoning),
                                only_confirmed=bool(only_confirmed), min_score=min_score,
                                test_ratio=float(test_ratio or 0), seed=as_int(seed, 0),
                                llamafactory=(llamafactory or "").strip() or None, selection=selection,
                                file_id=file_id)
        info = folder / "dataset_info.json"
        counts = ", ".join(f"{k}: {v}" for k, v in result["counts"].items())
        text = session.say("exported", files=len(result["files"]), counts=counts)
        if result["skipped"]:
            text += " " + session.say("export_skipped", skipped=result["skipped"])
        return result["files"], text, info.read_text(encoding="utf-8") if info.exists() else ""

    # ---------------------------------------------------------------------------- endpoint, KB

    def endpoint_status(self, session: StudioSession) -> str:
        if not session.base_url:
            return session.say("endpoint_default", model=LOCAL_MODEL_NAME)
        return session.say("endpoint_set", base_url=session.base_url, model=session.model or "?",
                           key_state=session.say("key_set" if session.api_key else "key_unset"))

    @guard
    def save_endpoint(self, session: StudioSession, base_url: str, model: str, api_key: str, temperature,
                      max_tokens, concurrency):
        candidate = StudioSession()
        candidate.base_url = (base_url or "").strip() or None
        candidate.model = (model or "").strip() or None
        same_host = candidate.base_url is not None and candidate.base_url == session.base_url
        candidate.api_key = (api_key or "").strip() or (session.api_key if same_host else None)  # never to another host
        candidate.temperature, candidate.max_tokens = float(temperature), as_int(max_tokens, 1024)
        candidate.concurrency = as_int(concurrency, 4)
        candidate.llm_settings()  # validates; raises ValueError naming the bad value
        for attr in ("base_url", "model", "api_key", "temperature", "max_tokens", "concurrency"):
            setattr(session, attr, getattr(candidate, attr))
        return "", self.endpoint_status(session)  # the key box is cleared; the key stays in the session only

    @guard
    def test_endpoint(self, session: StudioSession) -> str:
        from datagen.generate import run_sync
        from datagen.llm import test_connection

        client = self.llm_factory(session.llm_settings())

        async def check() -> dict:
            try:
                return await test_connection(client)
            finally:
                await client.aclose()

        result = run_sync(check)
        if result["ok"]:
            text = session.say("connection_ok", model=result["model"], seconds=result["seconds"],
                               reply=clip(result.get("reply"), 80))
        else:
            text = session.say("connection_failed", error=result["error"])
        return text + ("\n\n" + session.say("local_notice") if result.get("notice") else "")

    def triples_view(self, session: StudioSession):
        pid = self.pid(session)
        rows = service.list_triples(self.store_of(session), pid, limit=200)
        total = service.counts(self.store_of(session), pid)["triples"]
        table = pd.DataFrame([[r[c] for c in TRIPLE_COLUMNS] for r in rows], columns=session.columns(TRIPLE_COLUMNS))
        return table, session.say("triples_count", shown=len(rows), total=total)

    @guard
    def extract_triples(self, session: StudioSession, lang: str, progress=gr.Progress()):
        session.cancel.clear()
        llm = self.session_llm(session)
        report = service.extract_triples(self.store_of(session), self.pid(session), llm, GenerationSettings(lang=lang),
                                         progress=progress_for(progress, "triples"), cancel=session.cancel)
        return (*self.triples_view(session), self.report_text(session, [report]))

    @guard
    def send_triples(self, session: StudioSession):
        rows = service.list_triples(self.store_of(session), self.pid(session), limit=HANDOFF_LIMIT)
        if not rows:
            raise ValueError(session.say("no_triples"))
        triples = [{k: str(r[k]) for k in TRIPLE_COLUMNS} for r in rows]
        return triples, session.say("triples_sent", n=len(triples), project=session.project)

    @guard
    def download_kb(self, session: StudioSession):
        folder = export_folder("studio-kb-")
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in session.project or "kb")
        return str(service.export_kb(self.store_of(session), self.pid(session), folder / f"{stem}_kb.csv"))


def _row_ids(table: pd.DataFrame | None) -> list[int]:
    """The item ids (first column) of the review table as shown."""
    if table is None or len(table) == 0:
        return []
    return [int(i) for i in table.iloc[:, 0].tolist() if str(i).strip().lstrip("-").isdigit()]
