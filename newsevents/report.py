"""Reports: run summaries as table rows, and the analyst's HTML report of the warehouse.

``summary_rows`` and ``batch_rows`` feed the Prefect table artifacts of the pipeline and
backfill flows. :func:`collect` reads a warehouse (read-only is enough) through the queries
in ``sql/report/``; :func:`render_html` turns that into one self-contained HTML page (inline
CSS and SVG charts drawn with matplotlib, nothing fetched at view time); and
:func:`report_markdown` gives the compact Markdown version for a Prefect artifact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
from markupsafe import Markup, escape

from newsevents.summary import quarantine_groups
from newsevents.values import date_range
from newsevents.warehouse import connect, read_sql, records, run_checks
from schemas import RunSummary


def summary_rows(summary: RunSummary) -> list[dict[str, str | int]]:
    """Every count of a run as ``section | item | count | detail`` rows, in a fixed order."""
    rows: list[dict[str, str | int]] = []

    def add(section: str, item: str, count: int, detail: str = "") -> None:
        rows.append({"section": section, "item": item, "count": count, "detail": detail})

    add("articles", "seen", summary.articles_seen, "input files found")
    add("articles", "staged", summary.articles_staged, "read and validated")
    add("articles", "unchanged", summary.articles_unchanged, "same content and extractor: skipped")
    add("articles", "extracted", summary.articles_extracted)
    add("events", "total", summary.events_total)
    for etype in ("attack", "talks", "statement", "deployment"):
        add("events", etype, summary.events_by_type.get(etype, 0))
    for etype, n in summary.events_by_type.items():
        if etype not in ("attack", "talks", "statement", "deployment"):
            add("events", etype, n)
    add("dates", "resolved", summary.dates_resolved, "from a date expression in the text")
    add("dates", "fallback", summary.dates_fallback, "publication date used")
    add("dates", "unresolved", summary.dates_unresolved, "no date")
    add("quarantine", "total", summary.quarantined_total)
    for group in quarantine_groups(summary):  # a count per reason, with a few examples
        shown = [f"{q.source_path}: {q.message}" for q in group.examples]
        shown += [f"... and {group.more} more"] if group.more else []
        add("quarantine", group.reason, group.count, "; ".join(shown))
    add("data checks", "failing", len(summary.check_failures))
    for check, n in summary.check_failures.items():
        add("data checks", check, n, "offending rows")
    return rows


def batch_rows(
    batches: Sequence[tuple[str, str, RunSummary | None]],
) -> list[dict[str, str | int]]:
    """One row per backfill batch: ``(label, final state name, summary or None)``."""
    rows: list[dict[str, str | int]] = []
    for label, state, summary in batches:
        s = summary or RunSummary()
        rows.append(
            {
                "batch": label,
                "state": state,
                "articles": s.articles_staged,
                "extracted": s.articles_extracted,
                "unchanged": s.articles_unchanged,
                "events": s.events_total,
                "data checks failing": len(s.check_failures),
            }
        )
    return rows


# --- The analyst's report: one self-contained HTML file, and its Markdown summary -----------

EVENT_TYPES = ("attack", "talks", "statement", "deployment")
# Fixed colours per type, so the chart, the legend and the table badges agree in every report.
TYPE_COLOURS = {
    "attack": "#c0392b",
    "talks": "#2471a3",
    "statement": "#7f8c8d",
    "deployment": "#d68910",
}
OTHER_COLOURS = ("#8e44ad", "#16a085", "#2c3e50", "#a04000")
# Empty stretches longer than this are collapsed on the timeline, so a few old events do not
# squeeze a busy month into a sliver of the chart.
GAP_DAYS = 30
_ISO3 = re.compile(r"[A-Za-z]{3}")
# the page's Jinja template and its stylesheet, package data beside this module
TEMPLATES = Path(__file__).resolve().parent / "templates"
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


@dataclass(frozen=True)
class ReportFilter:
    """Which events a report covers: event dates in ``[start, end]`` and one country.

    A date bound leaves out undated events; the country matches the actor's, the target's
    or the place's country.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None

    @classmethod
    def parse(
        cls, start: str | None = None, end: str | None = None, country: str | None = None
    ) -> ReportFilter:
        """Validate command-line values; raises ValueError with a message for the user."""
        first, last = date_range(start, end)
        if country is not None and not _ISO3.fullmatch(country):
            raise ValueError(f"--country {country!r} is not an ISO-3 code such as TUR")
        return cls(first, last, country.upper() if country else None)

    def params(self) -> dict[str, str | None]:
        """The bound parameters of the ``sql/report`` queries."""
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "country": self.country,
        }

    def describe(self) -> str:
        """A short description, e.g. ``2020-02-01 to 2020-02-29, country TUR``."""
        parts = []
        if self.start or self.end:
            parts.append(f"{self.start or 'the first event'} to {self.end or 'the last event'}")
        if self.country:
            parts.append(f"country {self.country}")
        return ", ".join(parts) or "all events"


@dataclass
class ReportData:
    """Everything a report shows, as read from the warehouse by :func:`collect`."""

    filter: ReportFilter
    events: list[dict[str, Any]]
    daily: list[dict[str, Any]]
    dyads: list[dict[str, Any]]
    locations: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    undated: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    checks: dict[str, int] | None = None
    checks_note: str = ""
    warehouse: str = ""
    generated_at: dt.datetime | None = None

    @property
    def deduplicated_events(self) -> int:
        """Deduplicated events in the filter, dated or not."""
        return sum(r["events"] for r in self.daily)

    def events_by_type(self) -> dict[str, int]:
        """Deduplicated events per type, in the fixed type order."""
        counts: Counter[str] = Counter()
        for r in self.daily:
            counts[r["type"]] += r["events"]
        return {t: counts[t] for t in _type_order(counts)}

    def per_day(self) -> list[tuple[dt.date, dict[str, int]]]:
        """Dated deduplicated events as ``(day, {type: count})`` in date order."""
        days: dict[dt.date, dict[str, int]] = defaultdict(dict)
        for r in self.daily:
            if r["date"] is not None:
                days[r["date"]][r["type"]] = r["events"]
        return sorted(days.items())

    def failing_checks(self) -> dict[str, int]:
        """Data checks with offending rows."""
        return {k: v for k, v in (self.checks or {}).items() if v}


def _type_order(types: Iterable[str]) -> list[str]:
    present = set(types)
    return [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))


def type_colour(etype: str) -> str:
    """The colour of an event type in charts and badges."""
    if etype in TYPE_COLOURS:
        return TYPE_COLOURS[etype]
    digest = int(hashlib.sha1(etype.encode()).hexdigest(), 16)
    return OTHER_COLOURS[digest % len(OTHER_COLOURS)]


def _rows(con: duckdb.DuckDBPyConnection, name: str, flt: ReportFilter) -> list[dict[str, Any]]:
    """Run ``sql/report/NAME.sql``, binding the filter parameters it uses."""
    sql = read_sql(f"report/{name}.sql")
    wanted = set(_PARAM.findall(sql))
    params = {k: v for k, v in flt.params().items() if k in wanted}
    return records(con.execute(sql, params) if params else con.execute(sql))


def collect(
    con: duckdb.DuckDBPyConnection,
    flt: ReportFilter | None = None,
    *,
    warehouse: str = "",
    now: dt.datetime | None = None,
) -> ReportData:
    """Read everything the report shows; a read-only connection is enough.

    The data-quality parts (unresolved dates, quarantine, checks) cover the whole
    warehouse, whatever the filter.
    """
    flt = flt or ReportFilter()
    # the filter macro the queries share; temporary, so a read-only connection can define it
    con.execute(read_sql("report/filter_macro.sql"))
    data = ReportData(
        filter=flt,
        events=_rows(con, "events", flt),
        daily=_rows(con, "daily_counts", flt),
        dyads=_rows(con, "dyads", flt),
        locations=_rows(con, "locations", flt),
        articles=_rows(con, "articles", flt),
        unresolved=_rows(con, "unresolved_dates", flt),
        undated=_rows(con, "undated_mentions", flt),
        quarantine=_rows(con, "quarantine", flt),
        warehouse=warehouse,
        generated_at=now or dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None),
    )
    try:
        data.checks = run_checks(con)
    except duckdb.Error as exc:  # e.g. a warehouse from an older schema: report without them
        data.checks_note = f"data checks skipped: {str(exc).splitlines()[0]}"
    return data


# --- charts -----------------------------------------------------------------------------------


def _svg(fig: Any, salt: str) -> str:
    """A matplotlib figure as an inline ``<svg>`` element (text drawn as paths: no fonts)."""
    import matplotlib

    buf = io.StringIO()
    # a fixed salt per chart keeps ids stable between runs and distinct between the two charts
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buf.getvalue()
    return text[text.index("<svg") :]


def _segments(days: Sequence[dt.date], gap: int = GAP_DAYS) -> list[tuple[dt.date, dt.date]]:
    """Runs of days with no empty stretch longer than ``gap`` days."""
    segs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if segs and (day - segs[-1][1]).days <= gap:
            segs[-1] = (segs[-1][0], day)
        else:
            segs.append((day, day))
    return segs


def timeline_positions(
    days: Sequence[dt.date], gap: int = GAP_DAYS, break_width: float = 3.0
) -> tuple[dict[dt.date, float], list[tuple[float, int]]]:
    """x positions of days on a time axis whose long empty stretches are cut out.

    Returns ``(position of every day inside a run, [(x of each cut, days cut out)])``.
    Inside a run a day is one unit wide, so the bars keep their true spacing.
    """
    positions: dict[dt.date, float] = {}
    cuts: list[tuple[float, int]] = []
    offset = 0.0
    segs = _segments(days, gap)
    for i, (first, last) in enumerate(segs):
        if i:
            prev_last = segs[i - 1][1]
            cuts.append((offset + break_width / 2 - 0.5, (first - prev_last).days - 1))
            offset += break_width
        for k in range((last - first).days + 1):
            positions[first + dt.timedelta(days=k)] = offset + k
        offset += (last - first).days + 1
    return positions, cuts


def _ticks(
    days: Sequence[dt.date], positions: dict[dt.date, float], most: int = 16
) -> list[tuple[float, dt.date]]:
    """Tick days: each run's first day, then evenly spaced days, at most about ``most``."""
    segs = _segments(days)
    span = sum((last - first).days + 1 for first, last in segs)
    step = next((s for s in (1, 2, 7, 14, 30, 61, 91, 182, 365) if span / s <= most), 730)
    ticks = []
    for first, last in segs:
        day = first
        while day <= last:
            ticks.append(day)
            day += dt.timedelta(days=step)
    return [(positions[d], d) for d in ticks]


def timeline_svg(data: ReportData) -> str:
    """Stacked bars of deduplicated events per day and type, as an inline SVG."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    per_day = data.per_day()
    fig = Figure(figsize=(11, 3.8), dpi=100)
    ax = fig.add_subplot()
    if not per_day:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No dated events in this report", ha="center", va="center")
        return _svg(fig, "newsevents-timeline")
    days = [d for d, _ in per_day]
    pos, cuts = timeline_positions(days)
    xs = [pos[d] for d in days]
    bottom = [0] * len(days)
    for etype in _type_order(t for _, counts in per_day for t in counts):
        heights = [counts.get(etype, 0) for _, counts in per_day]
        colour = type_colour(etype)
        ax.bar(xs, heights, width=0.8, bottom=bottom, color=colour, label=etype, linewidth=0)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, skipped in cuts:
        ax.axvline(x, color="#999999", linestyle=(0, (2, 2)), linewidth=1)
        ax.text(
            x,
            max(bottom) * 0.98,
            f" {skipped} days\n not shown",
            fontsize=7,
            va="top",
            ha="center",
            color="#666666",
        )
    ticks = _ticks(days, pos)
    ax.set_xticks(
        [x for x, _ in ticks],
        [d.isoformat() for _, d in ticks],
        rotation=45,
        ha="right",
        fontsize=8,
    )
    ax.set_xlim(min(xs) - 1, max(xs) + 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("events per day")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylim(0, max(bottom) * 1.08 + 0.5)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, ncols=4, fontsize=9)
    return _svg(fig, "newsevents-timeline")


def _label_offsets() -> list[tuple[float, float, str, str]]:
    # candidate label positions around a point, in points: (dx, dy, ha, va)
    return [
        (7, 5, "left", "bottom"),
        (7, -5, "left", "top"),
        (-7, 5, "right", "bottom"),
        (-7, -5, "right", "top"),
        (0, 11, "center", "bottom"),
        (0, -11, "center", "top"),
        (14, 16, "left", "bottom"),
        (-14, -16, "right", "top"),
    ]


def map_points(locations: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places with coordinates, merged when they share a point (e.g. a country and its
    capital), as ``{"lat", "lon", "label", "events"}`` with the busiest first."""
    merged: dict[tuple[float, float], dict[str, Any]] = {}
    for loc in locations:
        if loc["lat"] is None or loc["lon"] is None:
            continue
        point = (round(loc["lat"], 2), round(loc["lon"], 2))
        entry = merged.setdefault(
            point, {"lat": loc["lat"], "lon": loc["lon"], "names": [], "events": 0}
        )
        entry["names"].append(loc["name"])
        entry["events"] += loc["events"]
    out = []
    for entry in merged.values():
        names = entry.pop("names")
        entry["label"] = f"{', '.join(names)} ({entry['events']})"
        out.append(entry)
    return sorted(out, key=lambda e: (-e["events"], e["label"]))


def map_extent(
    lons: Sequence[float], lats: Sequence[float], *, flattest: float = 0.3, tallest: float = 0.75
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Padded ``((lon0, lon1), (lat0, lat1))`` around the points, widened so that its
    height/width ratio lies in ``[flattest, tallest]`` and clipped to the globe."""
    pad = max(4.0, 0.1 * max(max(lons) - min(lons), max(lats) - min(lats)))
    x0, x1 = min(lons) - pad, max(lons) + pad
    y0, y1 = min(lats) - pad, max(lats) + pad

    def widen(lo: float, hi: float, size: float, limit: float) -> tuple[float, float]:
        size = min(size, 2 * limit)
        mid = min(max((lo + hi) / 2, -limit + size / 2), limit - size / 2)
        return mid - size / 2, mid + size / 2

    if (y1 - y0) < flattest * (x1 - x0):
        y0, y1 = widen(y0, y1, flattest * (x1 - x0), 90)
    elif (y1 - y0) > tallest * (x1 - x0):
        x0, x1 = widen(x0, x1, (y1 - y0) / tallest, 180)
    return (max(x0, -180), min(x1, 180)), (max(y0, -90), min(y1, 90))


def map_svg(data: ReportData) -> str:
    """Event places on an equirectangular lon/lat plot, labelled, as an inline SVG."""
    from matplotlib.figure import Figure

    points = map_points(data.locations)
    if not points:
        fig = Figure(figsize=(11, 1.2), dpi=100)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No event place has coordinates", ha="center", va="center")
        return _svg(fig, "newsevents-map")
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    (x0, x1), (y0, y1) = map_extent(lons, lats)
    # the figure takes the extent's shape, so equal degrees on both axes fill it
    fig = Figure(figsize=(11, 0.5 + 9.5 * (y1 - y0) / (x1 - x0)), dpi=100)
    ax = fig.add_subplot()
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    # equal degrees on both axes: the plate carrée (equirectangular) projection
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor("#eef4f8")
    ax.grid(color="#ffffff", linewidth=1)
    ax.set_axisbelow(True)
    biggest = max(p["events"] for p in points)
    ax.scatter(
        lons,
        lats,
        s=[30 + 270 * (p["events"] / biggest) for p in points],
        color="#c0392b",
        alpha=0.75,
        edgecolor="#7b241c",
        linewidth=0.8,
        zorder=3,
    )
    _place_labels(fig, ax, points)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    return _svg(fig, "newsevents-map")


def _place_labels(fig: Any, ax: Any, points: Sequence[dict[str, Any]]) -> None:
    """Label each point at the first candidate position whose box overlaps no earlier label."""
    ax.apply_aspect()
    to_px = ax.transData.transform
    scale = fig.dpi / 72  # points to pixels
    placed: list[tuple[float, float, float, float]] = []
    fontsize = 8
    for p in points:
        px, py = to_px((p["lon"], p["lat"]))
        width = 0.55 * fontsize * len(p["label"]) * scale
        height = 1.3 * fontsize * scale
        choice = _label_offsets()[0]
        for dx, dy, ha, va in _label_offsets():
            x0 = px + dx * scale - {"left": 0, "center": width / 2, "right": width}[ha]
            y0 = py + dy * scale - {"bottom": 0, "top": height}[va]
            box = (x0, y0, x0 + width, y0 + height)
            if not any(_overlap(box, other) for other in placed):
                choice = (dx, dy, ha, va)
                placed.append(box)
                break
        dx, dy, ha, va = choice
        ax.annotate(
            p["label"],
            (p["lon"], p["lat"]),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=fontsize,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- HTML -------------------------------------------------------------------------------------


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
        types=_type_order(t for _, counts in per_day for t in counts),
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


# --- Markdown (the Prefect artifact) ------------------------------------------------------------


def _md(value: object) -> str:
    """A value made safe for a Markdown table cell."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def report_markdown(data: ReportData, *, top: int = 10, days: int = 31) -> str:
    """A compact Markdown summary: events per type, top dyads and the latest per-day counts."""
    types = _type_order(data.events_by_type())
    lines = [
        f"# newsevents report: {_md(data.filter.describe())}",
        "",
        f"**{data.deduplicated_events}** events (deduplicated) from **{len(data.events)}** "
        f"mentions; {len(data.quarantine)} quarantined inputs; "
        f"{len(data.failing_checks())} failing data checks.",
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
