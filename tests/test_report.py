"""The analyst's report: filters, escaping, charts' pure parts, Markdown, and the CLI's flags
and exit codes, on a small hand-built warehouse."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import report, warehouse
from newsevents.cli import app
from newsevents.staging import stage_text
from schemas import Article, Event, ExtractionResult, Location, Party, QuarantinedInput, Span

SCRIPT = "<script>alert(1)</script>"
A1 = (
    "Rebels shelled the town of Kafr Nabl on Tuesday.\n"
    "Erdogan met Putin in Ankara on Monday to discuss Idlib.\n"
)
A2 = f"The Kremlin said {SCRIPT} was a provocation.\nTurkish artillery hit a post at some point.\n"


def _article(article_id: str, text: str, published: dt.date, url: str | None) -> Article:
    art = stage_text(article_id, text, today=dt.date(2030, 1, 1))
    assert isinstance(art, Article)
    return art.model_copy(
        update={"published": published, "url": url, "title": f"Title of {article_id}"}
    )


def _event(art: Article, sentence: int, **kw: object) -> Event:
    line = art.raw_text.splitlines(keepends=True)
    start = sum(len(x) for x in line[:sentence])
    end = start + len(line[sentence].rstrip("\n"))
    fields: dict[str, object] = dict(
        event_id=f"{art.article_id}-{sentence}",
        article_id=art.article_id,
        evidence=art.raw_text[start:end],
        evidence_start=start,
        evidence_end=end,
        mentions=(Span(start=start, end=end),),
        confidence=0.9,
        status="occurred",
        date_text="",
        actor=None,
        target=None,
        location=None,
    )
    fields.update(kw)
    return Event(**fields)


def _result(art: Article, events: list[Event]) -> ExtractionResult:
    return ExtractionResult(
        article_id=art.article_id,
        content_hash=art.content_hash,
        extractor_version="v1",
        events=tuple(events),
        sentences=2,
    )


TUR = Party(name="Recep Tayyip Erdogan", country="TUR", sector="GOV")
RUS = Party(name="Vladimir Putin", country="RUS", sector="GOV")


@pytest.fixture
def built(db: Path) -> Path:
    """Two articles, four mentions: SYR attack, TUR->RUS talks, RUS statement (publication
    date, hostile evidence), undated TUR attack; and one quarantined input."""
    a1 = _article("a1", A1, dt.date(2020, 2, 11), "https://example.org/a1?x=1&y=2")
    a2 = _article("a2", A2, dt.date(2020, 3, 1), "javascript:alert(1)")
    e1 = [
        _event(a1, 0, type="attack", subtype="shelling", date=dt.date(2020, 2, 4),
               precision="day", date_text="on Tuesday",
               actor=Party(name="rebels", country="SYR", sector="REB"),
               location=Location(name="Kafr Nabl", country="SYR", lat=35.6, lon=36.6)),
        _event(a1, 1, type="talks", subtype="meeting", date=dt.date(2020, 2, 10),
               precision="day", date_text="on Monday", actor=TUR, target=RUS,
               location=Location(name="Ankara", country="TUR", lat=39.92, lon=32.85)),
    ]  # fmt: skip
    e2 = [
        _event(a2, 0, type="statement", subtype="comment", date=dt.date(2020, 3, 1),
               precision="day", actor=Party(name="Kremlin", country="RUS", sector="GOV")),
        _event(a2, 1, type="attack", subtype="shelling", date=None, precision="unknown",
               actor=Party(name="Turkish | artillery", country="TUR", sector="MIL")),
    ]  # fmt: skip
    bad = QuarantinedInput(source_path="x.txt", reason="empty", message=f"empty {SCRIPT}")
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        warehouse.load(con, [a1, a2], [_result(a1, e1), _result(a2, e2)], [bad])
    return db


def _collect(db: Path, flt: report.ReportFilter) -> report.ReportData:
    with warehouse.connect(db, read_only=True) as con:
        return report.collect(con, flt, warehouse=str(db))


@pytest.mark.parametrize(
    ("start", "end", "country", "mentions", "events_by_type"),
    [
        (None, None, None, 4, {"attack": 2, "talks": 1, "statement": 1}),
        ("2020-02-01", "2020-02-29", None, 2, {"attack": 1, "talks": 1}),
        ("2020-02-05", None, None, 2, {"talks": 1, "statement": 1}),
        (None, None, "tur", 2, {"attack": 1, "talks": 1}),  # actor TUR (undated kept: no bound)
        (None, None, "RUS", 2, {"talks": 1, "statement": 1}),  # target or actor RUS
        (None, None, "SYR", 1, {"attack": 1}),
        (None, "2020-02-29", "TUR", 1, {"talks": 1}),  # a bound drops the undated attack
        (None, None, "FRA", 0, {}),
    ],
)
def test_filters_select_events_by_date_and_country(
    built: Path,
    start: str | None,
    end: str | None,
    country: str | None,
    mentions: int,
    events_by_type: dict[str, int],
) -> None:
    data = _collect(built, report.ReportFilter.parse(start, end, country))
    assert len(data.events) == mentions
    assert data.events_by_type() == events_by_type
    page = report.render_html(data)
    assert len(re.findall(r'<tr class="event"', page)) == mentions


@pytest.mark.parametrize(
    ("start", "end", "country", "message"),
    [
        ("2020-02-30", None, None, "--from '2020-02-30' is not a date"),
        (None, "tomorrow", None, "--to 'tomorrow' is not a date"),
        ("2020-03-01", "2020-02-01", None, "--to 2020-02-01 is before --from 2020-03-01"),
        (None, None, "TR", "not an ISO-3 code"),
        (None, None, "T'R", "not an ISO-3 code"),
    ],
)
def test_filter_rejects_bad_values(
    start: str | None, end: str | None, country: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        report.ReportFilter.parse(start, end, country)


def test_html_escapes_evidence_messages_and_unsafe_urls(built: Path) -> None:
    page = report.render_html(_collect(built, report.ReportFilter()))
    assert "<script" not in page.lower()  # the page has no script of its own either
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # evidence and quarantine message
    assert "javascript:" not in page.split("<tbody>", 1)[1].split('id="articles"')[0]
    assert 'href="javascript:' not in page
    assert 'href="https://example.org/a1?x=1&amp;y=2"' in page
    # an article without a usable url links to its entry in the article list
    anchor = report.article_anchor("a2")
    assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page
    assert "<mark>on Tuesday</mark>" in page  # the date expression is marked in the evidence


def test_html_is_self_contained(built: Path) -> None:
    page = report.render_html(_collect(built, report.ReportFilter()))
    assert '<figure id="timeline"' in page and page.count("<svg") == 2
    assert not re.search(r"<link\b|<script\b|@import|url\(\s*['\"]?https?:", page, re.I)
    assert not re.search(r"\b(src|xlink:href)=\"https?:", page)


def test_data_quality_panel(built: Path) -> None:
    data = _collect(built, report.ReportFilter.parse("2020-02-01", "2020-02-29"))
    # the quality panel covers the whole warehouse whatever the filter
    assert [u["article_id"] for u in data.unresolved] == ["a2"]
    assert data.unresolved[0]["undated"] == 1 and data.unresolved[0]["publication_dated"] == 1
    assert [u["event_id"] for u in data.undated] == ["a2-1"]
    assert [q["reason"] for q in data.quarantine] == ["empty"]
    assert data.checks is not None and not data.failing_checks()
    page = report.render_html(data)
    assert 'id="quarantine"' in page and 'id="checks"' in page


def test_dyads_match_v_dyads_without_a_filter(built: Path) -> None:
    data = _collect(built, report.ReportFilter())
    with warehouse.connect(built, read_only=True) as con:
        view = con.execute(
            "SELECT actor, target, sum(events) FROM v_dyads GROUP BY 1, 2"
        ).fetchall()
    assert {(d["actor"], d["target"]): d["events"] for d in data.dyads} == {
        (a, t): n for a, t, n in view
    }
    assert data.dyads[0]["actor"] == "TUR" and data.dyads[0]["target"] == "RUS"


@pytest.mark.parametrize(
    ("days", "positions", "cuts"),
    [
        (["2020-02-01", "2020-02-03"], [0, 2], []),
        (["2020-02-01", "2020-03-02"], [0, 30], []),  # a 29-day gap is kept
        (["2015-11-01", "2020-02-01", "2020-02-02"], [0, 4, 5], [(2.0, 1552)]),
    ],
)
def test_timeline_cuts_only_long_empty_stretches(
    days: list[str], positions: list[float], cuts: list[tuple[float, int]]
) -> None:
    dates = [dt.date.fromisoformat(d) for d in days]
    pos, got_cuts = report.timeline_positions(dates)
    assert [pos[d] for d in dates] == positions
    assert got_cuts == cuts


def test_map_merges_places_at_one_point_and_keeps_a_sane_extent() -> None:
    points = report.map_points(
        [
            {"name": "Ankara", "country": "TUR", "lat": 39.92, "lon": 32.85, "events": 3},
            {"name": "Turkey", "country": "TUR", "lat": 39.92, "lon": 32.85, "events": 2},
            {"name": "Idlib", "country": "SYR", "lat": 35.85, "lon": 36.6, "events": 4},
            {"name": "Nowhere", "country": None, "lat": None, "lon": None, "events": 9},
        ]
    )
    assert [p["label"] for p in points] == ["Ankara, Turkey (5)", "Idlib (4)"]
    (x0, x1), (y0, y1) = report.map_extent([-121.6, 38.1], [33.5, 55.6])
    assert x0 < -121.6 and x1 > 38.1 and y0 < 33.5 and y1 > 55.6
    assert 0.29 < (y1 - y0) / (x1 - x0) < 0.76


def test_markdown_summary_has_types_dyads_and_days(built: Path) -> None:
    with warehouse.connect(built, read_only=True) as con:
        md = report.warehouse_markdown(con)
    assert "**4** events (deduplicated) from **4** mentions" in md
    assert "| attack | 2 |" in md and "| TUR | RUS | 1 | 1 | talks |" in md
    assert "| 2020-02-10 | 0 | 1 | 0 | 1 |" in md
    assert "<script>" not in md


# --- the command line ---------------------------------------------------------------------


def test_cli_report_writes_the_page_and_json(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["report", "--warehouse", str(built), "--out", str(out), "--country", "TUR", "--json"]
    got = CliRunner().invoke(app, args)
    assert got.exit_code == 0, got.output
    summary = json.loads(got.stdout)
    assert summary["mentions"] == 2 and summary["out"] == str(out)
    assert out.read_text(encoding="utf-8").count('<tr class="event"') == 2


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["report", "--out", "{tmp}/r.html", "--from", "2020-02-30"], 1, "not a date"),
        (["report", "--out", "{tmp}/no/r.html"], 1, "does not exist"),
        (["report", "--out", "{tmp}/r.html", "--warehouse", "{tmp}/none.duckdb"], 3, "no wareh"),
        (["export", "--out", "{tmp}/x", "--warehouse", "{tmp}/none.duckdb"], 3, "no warehouse"),
        (["export", "--out", "{tmp}/x", "--format", "xml"], 1, "choose a format"),
        (["query", "SELECT 1", "-p", "novalue"], 1, "NAME=VALUE"),
        (["report", "--bogus"], 2, "No such option"),  # click's usage error
    ],
)
def test_cli_exit_codes(built: Path, tmp_path: Path, args: list[str], code: int, said: str) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--warehouse" not in argv and "--bogus" not in argv:
        argv += ["--warehouse", str(built)]
    got = CliRunner().invoke(app, argv)
    assert got.exit_code == code, got.output
    assert said in " ".join(got.output.split())
    assert "Traceback" not in got.output


def test_cli_query_json_prints_one_object_a_line(built: Path) -> None:
    sql = (
        "SELECT type, count(*) AS n, min(date) AS first FROM v_event_timeline GROUP BY 1 ORDER BY 1"
    )
    got = CliRunner().invoke(app, ["query", sql, "--warehouse", str(built), "--json"])
    assert got.exit_code == 0, got.output
    rows = [json.loads(line) for line in got.stdout.splitlines()]
    assert rows[0] == {"type": "attack", "n": 2, "first": "2020-02-04"}
    assert [r["type"] for r in rows] == ["attack", "statement", "talks"]


def test_cli_quiet_prints_nothing(built: Path, tmp_path: Path) -> None:
    for args in (
        ["export", "--out", str(tmp_path / "e.jsonl"), "--quiet"],
        ["report", "--out", str(tmp_path / "r.html"), "-q"],
        ["query", "events_by_type", "--quiet"],
    ):
        got = CliRunner().invoke(app, [*args, "--warehouse", str(built)])
        assert got.exit_code == 0 and got.output == "", (args, got.output)
    assert (tmp_path / "e.jsonl").read_text().count("\n") == 4


def test_every_command_help_has_an_example() -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert "report" in names
    for name in names:
        got = CliRunner().invoke(app, [name, "--help"])
        assert got.exit_code == 0
        assert "Example" in got.output, name


def test_page_template_and_stylesheet_are_package_files(built: Path) -> None:
    page = report.render_html(_collect(built, report.ReportFilter()))
    css = (report.TEMPLATES / "report.css").read_text(encoding="utf-8")
    assert css.startswith(":root") and f"<style>\n{css}</style>" in page
    first_line = (report.TEMPLATES / "report.html.j2").read_text(encoding="utf-8").splitlines()[0]
    assert page.startswith(first_line)


def test_report_filter_macro_is_shared_and_temporary(built: Path) -> None:
    for path in sorted((warehouse.sql_dir() / "report").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        if "$from" in sql:  # the filter is written once, in the macro, and called with $from
            assert sql.count("report_filter(") == 1, path.name
    with warehouse.connect(built) as con:
        report.collect(con, report.ReportFilter.parse("2020-02-01", None, "TUR"))
        defined = "SELECT count(*) FROM duckdb_functions() WHERE function_name = 'report_filter'"
        assert con.execute(defined).fetchone() == (1,)
    with warehouse.connect(built, read_only=True) as con:  # nothing was stored in the warehouse
        assert con.execute(defined).fetchone() == (0,)
