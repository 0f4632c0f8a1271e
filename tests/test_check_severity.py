"""Data checks with severities (issue 18): ``warn`` checks are reported, ``error`` ones fail.

The severity is declared in each ``sql/checks/*.sql`` header; an extraction-quality finding
(an event dated after its article) is a warning that leaves ``run`` at exit 0, an integrity
finding (a key that joins to nothing) fails it with exit 4.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import report, staging
from newsevents import warehouse as wh
from newsevents.cli import app
from newsevents.report import summary_rows
from newsevents.summary import RunCounts, summary_markdown
from schemas import CheckResult, ExtractionResult, RunSummary

from .test_warehouse import _event

CHECKS = wh.sql_dir() / "checks"
WARN = {"occurred_after_publication", "planned_before_publication", "unknown_actor_country"}
ERROR = {"orphan_keys", "event_orphan_keys", "mention_without_evidence"}


# --- the header parser --------------------------------------------------------------------

BODY = "SELECT 1 WHERE false;\n"


@pytest.mark.parametrize(
    ("sql", "severity", "why"),
    [
        ("-- What it finds.\n-- severity: warn\n-- why: quality\n" + BODY, "warn", "quality"),
        ("-- severity: error\n" + BODY, "error", ""),
        ("\n  --severity:error  \n--why:  a b \n" + BODY, "error", "a b"),
        # a blank line inside the header still belongs to it
        ("-- What it finds.\n\n-- severity: warn\n" + BODY, "warn", ""),
    ],
)
def test_parse_check_reads_the_header(sql: str, severity: str, why: str) -> None:
    check = wh.parse_check("c", sql)
    assert (check.name, check.severity, check.why, check.sql) == ("c", severity, why, sql)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("-- What it finds.\n" + BODY, "no '-- severity"),
        ("", "no '-- severity"),
        ("-- severity: fatal\n" + BODY, "unknown severity 'fatal'"),
        ("-- severity: Warn\n" + BODY, "unknown severity 'Warn'"),
        ("-- severity:\n" + BODY, "unknown severity ''"),
        ("-- severity: warn\n-- severity: error\n" + BODY, "2 '-- severity"),
        # only the leading comments are the header: one after the SQL starts does not count
        ("SELECT 1\n-- severity: warn\n;", "no '-- severity"),
        ("-- a note\nSELECT 1; -- severity: warn\n", "no '-- severity"),
    ],
)
def test_parse_check_rejects_a_missing_or_unknown_severity(sql: str, message: str) -> None:
    with pytest.raises(wh.WarehouseError, match=f"data check bad: {message}"):
        wh.parse_check("bad", sql)


def test_every_check_file_declares_its_severity_and_why() -> None:
    checks = {c.name: c for c in wh.load_checks()}
    assert {n for n, c in checks.items() if c.severity == "warn"} == WARN
    assert {n for n, c in checks.items() if c.severity == "error"} == ERROR
    assert all(c.why for c in checks.values()), "every check says why it has its severity"
    readme = (CHECKS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in checks), "sql/checks/README.md lists each"


def test_a_check_without_severity_fails_at_load_before_any_check_runs(tmp_path: Path) -> None:
    (tmp_path / "a_fine.sql").write_text("-- severity: warn\nSELECT 1;\n")
    (tmp_path / "b_unclassified.sql").write_text("-- Finds something.\nSELECT 1;\n")
    with pytest.raises(wh.WarehouseError, match="b_unclassified: no '-- severity"):
        wh.load_checks(tmp_path)


# --- the summary: warnings apart from failures ----------------------------------------------


def _results(**rows: int) -> list[CheckResult]:
    return [
        CheckResult(name=n, severity="warn" if n in WARN else "error", rows=r)
        for n, r in rows.items()
    ]


@pytest.mark.parametrize(
    ("rows", "failures", "warnings"),
    [
        ({"orphan_keys": 0, "occurred_after_publication": 0}, {}, {}),
        (
            {"orphan_keys": 0, "occurred_after_publication": 1},
            {},
            {"occurred_after_publication": 1},
        ),
        ({"orphan_keys": 2, "occurred_after_publication": 0}, {"orphan_keys": 2}, {}),
        (
            {"mention_without_evidence": 1, "unknown_actor_country": 3},
            {"mention_without_evidence": 1},
            {"unknown_actor_country": 3},
        ),
    ],
)
def test_summary_splits_failures_from_warnings(
    rows: dict[str, int], failures: dict[str, int], warnings: dict[str, int]
) -> None:
    summary = RunCounts().summary(_results(**rows), None)
    assert (summary.check_failures, summary.check_warnings) == (failures, warnings)
    data = json.loads(summary.model_dump_json())
    assert data["check_failures"] == failures and data["check_warnings"] == warnings
    assert {c["name"]: c["severity"] for c in data["checks"]} == {
        n: "warn" if n in WARN else "error" for n in rows
    }
    assert RunSummary.model_validate(data) == summary  # the JSON reads back


def test_markdown_artifact_and_table_show_warnings_with_their_severity() -> None:
    summary = RunCounts().summary(_results(orphan_keys=0, occurred_after_publication=1), None)
    md = summary_markdown(summary)
    assert "| data checks failing (error) | 0 |" in md
    assert "| data check warnings (warn) | 1 |" in md
    assert "| occurred_after_publication | warn | 1 |" in md and "orphan_keys" not in md
    rows = {(r["section"], r["item"]): r for r in summary_rows(summary)}
    assert rows["data checks", "failing"]["count"] == 0
    assert rows["data checks", "warnings"]["count"] == 1
    assert rows["data checks", "occurred_after_publication"]["detail"].startswith("warn")


# --- a real warehouse, through `newsevents run` (no flow run: nothing changed) ---------------

TEXT = "Published: 2020-02-03\nRebels shelled the town of Kafr Nabl on Tuesday, officials said.\n"


def _warehouse(tmp_path: Path, event_date: dt.date) -> tuple[Path, Path]:
    """A folder of one article (published 2020-02-03) loaded with one occurred shelling."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    with wh.connect(db) as con:
        wh.migrate(con)
        (part,) = list(staging.batched(staging.iter_stage(folder), 10))
        (art,) = part.articles
        start = art.raw_text.index("Rebels")
        end = art.raw_text.index(",", start)
        event = _event(art, start, end, event_id="e1", date=event_date)
        result = ExtractionResult(
            article_id=art.article_id,
            content_hash=art.content_hash,
            extractor_version="0.1.0",
            events=(event,),
        )
        wh.load(con, part.articles, [result], files=part.files)
    return folder, db


def _run(folder: Path, db: Path, *args: str) -> tuple[int, str]:
    got = CliRunner().invoke(app, ["run", "--input", str(folder), "--warehouse", str(db), *args])
    assert "Traceback" not in got.output
    return got.exit_code, got.output


def test_an_event_after_publication_is_a_warning_and_the_run_passes(tmp_path: Path) -> None:
    folder, db = _warehouse(tmp_path, dt.date(2020, 2, 11))  # a week after publication
    code, out = _run(folder, db, "--json")
    assert code == 0, out
    summary = RunSummary.model_validate_json(out[out.index("{") : out.rindex("}") + 1])
    assert summary.check_warnings == {"occurred_after_publication": 1}
    assert summary.check_failures == {}
    assert '"severity": "warn"' in out
    code, out = _run(folder, db)
    assert code == 0, out
    assert "data check warning occurred_after_publication: 1 rows" in " ".join(out.split())
    assert "data check failed" not in out


def test_an_orphan_key_fails_the_run_with_exit_4(tmp_path: Path) -> None:
    folder, db = _warehouse(tmp_path, dt.date(2020, 2, 1))  # dated before publication: no warning
    assert _run(folder, db)[0] == 0
    with wh.connect(db) as con:
        con.execute("DELETE FROM dim_actor")  # the mention's actor key now joins to nothing
    code, out = _run(folder, db, "--json")
    assert code == 4, out
    summary = RunSummary.model_validate_json(out[out.index("{") : out.rindex("}") + 1])
    assert summary.check_failures["orphan_keys"] == 1 and not summary.check_warnings
    code, out = _run(folder, db)
    assert code == 4 and "data check failed orphan_keys: 1 rows" in " ".join(out.split())


def test_run_after_a_flow_exits_4_on_errors_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The path after a flow run (``--no-preflight``): the exit code follows the severity."""
    import flows.pipeline
    from newsevents.cli import runs

    class FakePipeline:
        summary = RunSummary()

        def with_options(self, **_: object) -> FakePipeline:
            return self

        def __call__(self, **_: object) -> RunSummary:
            return self.summary

    fake = FakePipeline()
    monkeypatch.setattr(flows.pipeline, "pipeline", fake)
    monkeypatch.setattr(runs, "_check_prefect_api", lambda: None)
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "w.duckdb"
    fake.summary = RunCounts().summary(_results(orphan_keys=0, occurred_after_publication=2), None)
    assert _run(folder, db, "--no-preflight")[0] == 0
    fake.summary = RunCounts().summary(_results(orphan_keys=1, occurred_after_publication=2), None)
    code, out = _run(folder, db, "--no-preflight")
    assert code == 4 and "data check failed orphan_keys: 1 rows" in " ".join(out.split())


# --- the report's data-quality section ---------------------------------------------------------


def test_report_shows_each_check_with_its_severity(tmp_path: Path) -> None:
    _, db = _warehouse(tmp_path, dt.date(2020, 2, 11))
    with wh.connect(db, read_only=True) as con:
        data = report.collect(con)
    assert data.failing_checks() == {} and data.warning_checks() == {
        "occurred_after_publication": 1
    }
    page = report.render_html(data)
    assert '"card"><b id="n-failing">0</b>' in page
    assert '"card caution"><b id="n-warnings">1</b>' in page
    row = page.split('<tr class="check-warn"><td>occurred_after_publication</td>', 1)[1]
    row = row.split("</tr>", 1)[0]
    assert "<td>warn</td>" in row and 'class="num warn">1<' in row and "extraction quality" in row
    assert page.count('<tr class="check-error">') == len(ERROR)
    assert "1 data check warnings" in report.report_markdown(data)
