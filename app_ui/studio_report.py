"""How the dataset-studio tab shows the outcome of a run: a Markdown table per stage and short status lines in
the session's UI language (never the command-line summary, which names CLI commands)."""

from __future__ import annotations

from datagen.generate import StageReport
from datagen.pipeline import PipelineSummary

from .common import md_text


def stage_table(say, reports: list[StageReport]) -> str:
    """One row per stage: units done of total, items created, failures, tokens/s, seconds and status."""
    if not reports:
        return say("nothing_done")
    rows = [say("report_header"), "|" + "---|" * 7]
    for r in reports:
        created = f"{r.created}" + (f" (−{r.removed})" if r.removed else "")
        rows.append(f"| {md_text(r.stage)} | {r.done}/{r.total} | {created} | {r.failed} | "
                    f"{r.tokens_per_second:.1f} | {r.seconds:.1f} | {_status(say, r.status)} |")
    return "\n".join(rows)


def _status(say, status: str) -> str:
    try:
        return say("status_" + status)
    except KeyError:  # a status this catalogue does not name
        return md_text(status)


def stage_notes(say, reports: list[StageReport]) -> list[str]:
    """The first failures and any stop message of each stage, as list items."""
    lines = []
    for report in reports:
        lines += [f"- {md_text(f)}" for f in report.failures[:5]]
        if report.message:
            lines.append(f"- {md_text(report.message)}")
    return lines


def reports_markdown(say, reports: list[StageReport]) -> str:
    """The outcome of one or more stage runs (tags, triples, judge, re-generated answers)."""
    parts = [stage_table(say, reports), "\n".join(stage_notes(say, reports))]
    if any(r.notice for r in reports):
        parts.append(say("local_notice"))
    return "\n\n".join(p for p in parts if p)


def summary_markdown(say, summary: PipelineSummary) -> str:
    """The outcome of a pipeline run: the stage table, the run's totals, what failed and how to go on."""
    t = summary.tokens
    parts = [stage_table(say, summary.reports),
             say("run_totals", failures=summary.failures, calls=t["calls"], prompt=t["prompt_tokens"],
                 completion=t["completion_tokens"], seconds=f"{summary.seconds:.1f}", model=summary.model or "-")]
    notes = stage_notes(say, summary.reports) + [f"- {md_text(e)}" for e in summary.ingest_errors]
    if notes:
        parts.append("\n".join(notes))
    if summary.failures:
        parts.append(say("run_failures_hint"))
    if summary.cancelled:
        parts.append(say("run_cancelled"))
    if summary.error:
        parts.append(say("run_stopped", error=summary.error))
    if summary.notice:
        parts.append(say("local_notice"))
    return "\n\n".join(parts)
