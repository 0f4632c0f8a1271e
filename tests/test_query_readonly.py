"""`newsevents query` reads the warehouse and nothing else: DuckDB's external access is off and
its configuration locked, so user SQL can neither write nor read other files, nor install or
load extensions, unless --allow-files lets it use files. `export` and `report` still write."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import warehouse as wh
from newsevents.cli import app
from newsevents.staging import stage_text
from schemas import Article, Event, ExtractionResult, Party, Span

SECRET = "hunter2-do-not-print"
TEXT = "Erdogan met Putin in Ankara on Monday.\nThe Kremlin said the talks went well.\n"


def _event(art: Article, line: int, **kw: object) -> Event:
    lines = art.raw_text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[:line])
    end = start + len(lines[line].rstrip("\n"))
    fields: dict[str, object] = dict(
        event_id=f"{art.article_id}-{line}",
        article_id=art.article_id,
        evidence=art.raw_text[start:end],
        evidence_start=start,
        evidence_end=end,
        mentions=(Span(start=start, end=end),),
        confidence=0.9,
        status="occurred",
        date=dt.date(2020, 2, 10),
        precision="day",
        date_text="on Monday",
    )
    return Event(**(fields | kw))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small warehouse: one article, a talks event and a statement."""
    art = stage_text("a1", TEXT, today=dt.date(2030, 1, 1))
    assert isinstance(art, Article)
    art = art.model_copy(update={"published": dt.date(2020, 2, 11), "title": "Talks"})
    tur = Party(name="Recep Tayyip Erdogan", country="TUR", sector="GOV")
    rus = Party(name="Kremlin", country="RUS", sector="GOV")
    events = (
        _event(art, 0, type="talks", subtype="meeting", actor=tur, target=rus),
        _event(art, 1, type="statement", subtype="comment", actor=rus, date_text=""),
    )
    result = ExtractionResult(
        article_id="a1", content_hash=art.content_hash, extractor_version="v1", events=events
    )
    path = tmp_path_factory.mktemp("readonly") / "events.duckdb"
    with wh.connect(path) as con:
        wh.migrate(con)
        wh.load(con, [art], [result])
    return path


@pytest.fixture
def area(tmp_path: Path) -> Path:
    """A folder of the user's: a secret to read and a file a query could overwrite."""
    (tmp_path / "secret.csv").write_text(f"password\n{SECRET}\n")
    (tmp_path / "keep.csv").write_text("precious\n")
    return tmp_path


def _files(*folders: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folders`` (size and mtime), to show nothing was written."""
    seen = {}
    for top in folders:
        for folder, _, files in os.walk(top):
            for entry in [folder, *(os.path.join(folder, f) for f in files)]:
                st = os.stat(entry)
                seen[entry] = (st.st_size, st.st_mtime_ns)
    return seen


def _query(warehouse: Path, sql: str, *extra: str) -> object:
    return CliRunner().invoke(app, ["query", sql, "--warehouse", str(warehouse), *extra])


NOT_THE_WAREHOUSE = "reads the warehouse and nothing else"
NO_EXTENSIONS = "does not install or load DuckDB extensions"
LOCKED = "the configuration has been locked"

# One statement per way out of the warehouse; {area} is the user's folder, {db} the warehouse.
REFUSED = [
    ("copy_to", "COPY (SELECT * FROM dim_article) TO '{area}/stolen.csv'", NOT_THE_WAREHOUSE),
    ("copy_overwrites", "COPY (SELECT 1 AS x) TO '{area}/keep.csv'", NOT_THE_WAREHOUSE),
    ("copy_parquet", "COPY fct_event TO '{area}/e.parquet' (FORMAT parquet)", NOT_THE_WAREHOUSE),
    ("export_database", "EXPORT DATABASE '{area}/dump'", NOT_THE_WAREHOUSE),
    ("read_csv", "SELECT * FROM read_csv('{area}/secret.csv')", NOT_THE_WAREHOUSE),
    ("file_as_table", "SELECT * FROM '{area}/secret.csv'", NOT_THE_WAREHOUSE),
    ("read_text", "SELECT content FROM read_text('{area}/secret.csv')", NOT_THE_WAREHOUSE),
    ("read_blob", "SELECT content FROM read_blob('{area}/secret.csv')", NOT_THE_WAREHOUSE),
    ("glob", "SELECT * FROM glob('{area}/*')", NOT_THE_WAREHOUSE),
    ("url", "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')", NOT_THE_WAREHOUSE),
    ("spill_folder", "COPY (SELECT 1 AS x) TO '{db}.tmp/x.csv'", NOT_THE_WAREHOUSE),
    ("attach", "ATTACH '{area}/other.duckdb' AS other", NOT_THE_WAREHOUSE),
    ("install_httpfs", "INSTALL httpfs", NO_EXTENSIONS),
    ("load_httpfs", "LOAD httpfs", NO_EXTENSIONS),
    ("install_after_select", "SELECT 1; FORCE INSTALL httpfs", NO_EXTENSIONS),
    ("update_extensions", "UPDATE EXTENSIONS", NOT_THE_WAREHOUSE),
    ("set_external_access", "SET enable_external_access = true", LOCKED),
    ("reset_external_access", "RESET enable_external_access", LOCKED),
    ("unlock", "SET lock_configuration = false", LOCKED),
    ("autoinstall", "SET autoinstall_known_extensions = true", LOCKED),
    ("write_warehouse", "DELETE FROM dim_article", "read-only mode"),
]


@pytest.mark.parametrize(("name", "sql", "said"), REFUSED, ids=[r[0] for r in REFUSED])
def test_query_refuses_to_leave_the_warehouse(
    warehouse: Path, area: Path, name: str, sql: str, said: str
) -> None:
    (Path(f"{warehouse}.tmp")).mkdir(exist_ok=True)  # DuckDB's spill folder, present
    watched = (area, warehouse.parent)
    before = _files(*watched)
    got = _query(warehouse, sql.format(area=area, db=warehouse))
    assert got.exit_code == 1, got.output
    assert isinstance(got.exception, SystemExit) and "Traceback" not in got.output
    assert said in got.stderr
    assert len(got.stderr.strip().splitlines()) == 1, got.stderr  # one line, unwrapped
    assert got.stdout == "" and SECRET not in got.output
    assert _files(*watched) == before  # nothing written, nothing overwritten
    assert (area / "keep.csv").read_text() == "precious\n"


def test_refusal_names_the_flag_that_allows_files(warehouse: Path, area: Path) -> None:
    got = _query(warehouse, f"SELECT * FROM read_csv('{area}/secret.csv')")
    assert "--allow-files" in got.stderr and f"{area}/secret.csv" in got.stderr


def test_duckdb_text_is_not_read_as_markup(warehouse: Path) -> None:
    got = _query(warehouse, 'SELECT "[red]nope[/red]" FROM dim_article')
    assert got.exit_code == 1 and "Traceback" not in got.output
    assert '"[red]nope[/red]" not found' in got.stderr


def test_allow_files_reads_and_writes_files_but_installs_nothing(
    warehouse: Path, area: Path
) -> None:
    got = _query(warehouse, f"SELECT * FROM read_csv('{area}/secret.csv')", "--allow-files")
    assert got.exit_code == 0 and SECRET in got.stdout, got.output
    out = area / "mentions.csv"
    sql = f"COPY (SELECT event_id FROM v_event_export ORDER BY 1) TO '{out}'"
    got = _query(warehouse, sql, "--allow-files")
    assert got.exit_code == 0, got.output
    assert out.read_text().split() == ["event_id", "a1-0", "a1-1"]
    for sql, said in [("INSTALL httpfs", NO_EXTENSIONS), ("UPDATE EXTENSIONS", NO_EXTENSIONS)]:
        got = _query(warehouse, sql, "--allow-files")
        assert got.exit_code == 1 and said in got.stderr, (sql, got.output)
    got = _query(warehouse, "SET autoinstall_known_extensions = true", "--allow-files")
    assert got.exit_code == 1 and LOCKED in got.stderr
    got = _query(warehouse, "DELETE FROM dim_article", "--allow-files")
    assert got.exit_code == 1 and "read-only" in got.stderr


def test_every_table_and_view_can_still_be_read(warehouse: Path) -> None:
    got = _query(
        warehouse,
        "SELECT table_name FROM information_schema.tables ORDER BY 1",
        "--json",
    )
    assert got.exit_code == 0, got.output
    names = [json.loads(line)["table_name"] for line in got.stdout.splitlines()]
    assert {"dim_article", "fct_event", "v_event_export", "v_event_timeline"} <= set(names)
    counts = {}
    for name in names:
        got = _query(warehouse, f'SELECT count(*) AS n FROM "{name}"', "--json")
        assert got.exit_code == 0, (name, got.output)
        counts[name] = json.loads(got.stdout)["n"]
    assert counts["dim_article"] == 1 and counts["fct_event_mention"] == 2
    assert counts["v_event_export"] == 2


NAMED = {
    "talks_between": ["-p", "a=TUR", "-p", "b=RUS"],
    "statements_by_actor": ["-p", "actor=kremlin"],
    "event_timeline": ["-p", "from=2020-02-01", "-p", "to=2020-02-29"],
}


@pytest.mark.parametrize("name", sorted(p.stem for p in (wh.sql_dir() / "queries").glob("*.sql")))
def test_named_queries_still_run(warehouse: Path, name: str) -> None:
    got = _query(warehouse, name, *NAMED.get(name, []), "--json")
    assert got.exit_code == 0, got.output
    rows = [json.loads(line) for line in got.stdout.splitlines()]
    if name in {"talks_between", "events_by_type", "event_timeline"}:
        assert rows, name  # the warehouse holds a talks event in February 2020


def test_export_and_report_still_write_their_outputs(warehouse: Path, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"events.{fmt}"
        args = ["export", "--warehouse", str(warehouse), "--format", fmt, "--out", str(out)]
        got = CliRunner().invoke(app, [*args, "--json"])
        assert got.exit_code == 0, got.output
        assert json.loads(got.stdout)["rows"] == 2 and out.stat().st_size > 0
    out = tmp_path / "report.html"
    got = CliRunner().invoke(app, ["report", "--warehouse", str(warehouse), "--out", str(out)])
    assert got.exit_code == 0, got.output
    assert "Erdogan" in out.read_text(encoding="utf-8")
