"""The report as one self-contained HTML page: a Jinja template (autoescaped) and its helpers."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from newsevents.report.charts import map_svg, timeline_svg, type_colour
from newsevents.report.data import ReportData, ReportFilter, collect, type_order
from newsevents.warehouse import connect

# the page's Jinja template and its stylesheet: package data beside this module
TEMPLATES = Path(__file__).resolve().parent / "templates"


def article_anchor(article_id: str) -> str:
    """The in-page id of an article in the article list (a safe, unique slug)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]", "_", article_id)
    if slug != article_id:  # keep slugs of different ids apart
        slug += "-" + hashlib.sha1(article_id.encode()).hexdigest()[:6]
    return f"article-{slug}"


def safe_url(url: str | None) -> str | None:
    """The url when it is an http(s) link; None otherwise (no ``javascript:`` links)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def party(value: dict[str, Any] | None) -> str:
    """``name (COUNTRY)`` of an actor, target or place struct; empty when unknown."""
    if not value:
        return ""
    name = value.get("name") or ""
    return f"{name} ({value['country']})" if value.get("country") else name


def evidence_html(evidence: str, date_text: str) -> Markup:
    """The evidence sentence, escaped, with the date expression marked when it is in it."""
    phrase = (date_text or "").strip()
    at = evidence.find(phrase) if phrase else -1
    if at < 0:
        return escape(evidence)
    end = at + len(phrase)
    return (
        escape(evidence[:at])
        + Markup("<mark>")
        + escape(phrase)
        + Markup("</mark>")
        + escape(evidence[end:])
    )


def render_html(data: ReportData, *, top_dyads: int = 20) -> str:
    """The report as one self-contained HTML page; every value from the data is escaped."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    template = env.get_template("report.html.j2")
    per_day = data.per_day()
    return template.render(
        data=data,
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        timeline=Markup(timeline_svg(data)),
        map=Markup(map_svg(data)),
        per_day=per_day,
        types=type_order(t for _, counts in per_day for t in counts),
        undated_events=sum(r["events"] for r in data.daily if r["date"] is None),
        dyads=data.dyads[:top_dyads],
        failing=data.failing_checks(),
        colour=type_colour,
        party=party,
        evidence=evidence_html,
        anchor=article_anchor,
        safe_url=safe_url,
    )


def write_report(db: Path, out: Path, flt: ReportFilter | None = None) -> ReportData:
    """Read the warehouse ``db`` read-only and write the HTML report to ``out``.

    Raises ``WarehouseError`` when the warehouse is missing or locked, OSError when ``out``
    cannot be written.
    """
    with connect(db, read_only=True) as con:
        data = collect(con, flt, warehouse=str(db))
    out.write_text(render_html(data), encoding="utf-8")
    return data
