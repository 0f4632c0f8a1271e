"""The bad-input catalogue end to end: `newsevents run` over tests/data/bad_inputs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import staging
from newsevents import warehouse as wh
from newsevents.cli import app

BAD = Path(__file__).resolve().parent / "data" / "bad_inputs"

# One file (or line, or manifest row) per case; see tests/data/bad_inputs.
EXPECTED_REASONS = {
    "bad_id": 1,
    "bad_json": 1,
    "bad_manifest_date": 1,
    "binary": 1,
    "duplicate_content": 1,
    "empty": 2,
    "future_date": 1,
    "missing_id": 1,
    "missing_text": 1,
    "no_body": 1,
    "not_english": 1,
    "orphan_sidecar": 1,
    "outside_input": 2,
    "too_large": 1,
    "undecodable": 1,
    "unknown_article": 1,
}
GOOD = {
    "2024-05__nested",  # 2024-05/nested.txt: a subfolder is staged, its name in the id
    "bom",
    "cp1252",
    "dup_a",
    "good_talks",
    "jsonl_good",
    "no_events",
    "page",
    "page_saved_as",
}


def test_bad_inputs_folder_stages_each_case() -> None:
    result = staging.stage_directory(BAD, today=dt.date(2026, 1, 1))
    assert {a.article_id for a in result.articles} == GOOD
    assert dict(Counter(q.reason for q in result.quarantined)) == EXPECTED_REASONS
    by_id = {a.article_id: a for a in result.articles}
    assert "“threats”" in by_id["cp1252"].raw_text  # cp1252 decoded, not mangled
    assert by_id["bom"].raw_text.startswith("NATO")  # BOM removed, offsets after it
    assert by_id["page"].published_how == "sidecar"
    assert by_id["page_saved_as"].raw_text.startswith("Army deploys troops")
    dup = next(q for q in result.quarantined if q.reason == "duplicate_content")
    assert dup.article_id == "dup_b" and "'dup_a'" in dup.message
    bad_lines = sorted(
        q.source_path.rsplit(":", 1)[1] for q in result.quarantined if ".jsonl:" in q.source_path
    )
    assert bad_lines == ["2", "3", "4", "5"]
    assert by_id["2024-05__nested"].published == dt.date(2024, 5, 14)
    for q in result.quarantined:
        assert q.reason in staging.REASONS and q.message


@pytest.mark.slow
def test_cli_run_over_bad_inputs(prefect_harness: None, db: Path) -> None:
    got = CliRunner().invoke(app, ["run", "--input", str(BAD), "--warehouse", str(db)])
    assert got.exit_code == 0, got.output
    assert "Traceback" not in got.output
    lines = [" ".join(line.strip("│┃ ").split()) for line in got.output.splitlines()]
    for reason, n in EXPECTED_REASONS.items():  # the per-reason count lines of the summary
        assert any(line.replace("│", "").split() == [reason, str(n)] for line in lines), reason
    with wh.connect(db, read_only=True) as con:
        loaded = dict(
            con.execute(
                "SELECT d.article_id, count(m.mention_id) FROM dim_article d "
                "LEFT JOIN fct_event_mention m USING (article_id) GROUP BY 1"
            ).fetchall()
        )
        quarantined = Counter(r[0] for r in con.execute("SELECT reason FROM quarantine").fetchall())
        stored = con.execute(
            "SELECT t.raw_text FROM stg_article_text t JOIN dim_article d USING (content_hash) "
            "WHERE d.article_id = 'page'"
        ).fetchone()
    assert set(loaded) == GOOD
    assert loaded["no_events"] == 0  # no events is not an error
    assert loaded["good_talks"] > 0
    assert dict(quarantined) == EXPECTED_REASONS
    assert stored[0].startswith("Saudi air strikes") and "<" not in stored[0]


def test_cli_run_fails_on_unwritable_warehouse_before_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_: object, **__: object) -> None:
        raise AssertionError("staging ran before the warehouse check")

    monkeypatch.setattr(staging.scan, "iter_stage", boom)
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    got = CliRunner().invoke(
        app, ["run", "--input", str(BAD), "--warehouse", str(not_a_dir / "events.duckdb")]
    )
    assert got.exit_code == 3
    assert "cannot write the warehouse" in got.output
    assert got.exception is None or isinstance(got.exception, SystemExit)
