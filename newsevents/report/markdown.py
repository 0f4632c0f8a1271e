"""The report's compact Markdown summary, for a Prefect artifact."""

from __future__ import annotations

import duckdb

from newsevents.report.data import ReportData, ReportFilter, collect, type_order


def _md(value: object) -> str:
    """A value made safe for a Markdown table cell."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def report_markdown(data: ReportData, *, top: int = 10, days: int = 31) -> str:
    """A compact Markdown summary: events per type, top dyads and the latest per-day counts."""
    types = type_order(data.events_by_type())
    lines = [
        f"# newsevents report: {_md(data.filter.describe())}",
        "",
        f"**{data.deduplicated_events}** events (deduplicated) from **{len(data.events)}** "
        f"mentions; {len(data.quarantine)} quarantined inputs; "
        f"{len(data.failing_checks())} failing data checks, "
        f"{len(data.warning_checks())} data check warnings.",
        "",
        "## Events per type",
        "",
        "| type | events |",
        "|---|---:|",
        *(f"| {_md(t)} | {n} |" for t, n in data.events_by_type().items()),
        "",
        f"## Top {top} actor → target dyads",
        "",
    ]
    if data.dyads:
        lines += ["| actor | target | events | reports | types |", "|---|---|---:|---:|---|"]
        for d in data.dyads[:top]:
            kinds = ", ".join(d["types"])
            lines.append(
                f"| {_md(d['actor'])} | {_md(d['target'])} | {d['events']} | {d['reports']} "
                f"| {_md(kinds)} |"
            )
    else:
        lines.append("No event names both an actor and a target.")
    per_day = data.per_day()
    shown = per_day[-days:]
    lines += ["", "## Events per day", ""]
    if len(per_day) > len(shown):
        lines += [f"The latest {len(shown)} of {len(per_day)} days with events.", ""]
    if shown:
        lines += [
            "| day | " + " | ".join(_md(t) for t in types) + " | total |",
            "|---|" + "---:|" * (len(types) + 1),
        ]
        for day, counts in shown:
            cells = " | ".join(str(counts.get(t, 0)) for t in types)
            lines.append(f"| {day} | {cells} | {sum(counts.values())} |")
    else:
        lines.append("No dated events.")
    return "\n".join(lines) + "\n"


def warehouse_markdown(con: duckdb.DuckDBPyConnection, flt: ReportFilter | None = None) -> str:
    """:func:`report_markdown` of the warehouse behind ``con`` (read-only is enough)."""
    return report_markdown(collect(con, flt))
