"""The commands that read: the warehouse (export, query, report) and a text (timex)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.markup import escape

from newsevents.cli.common import (
    EXIT_INPUT,
    EXIT_WAREHOUSE,
    EventFromOpt,
    EventToOpt,
    QuietOpt,
    WarehouseOpt,
    console,
    err,
    fail,
    open_warehouse,
    progress,
)
from newsevents.cli.tables import fitted
from newsevents.settings import get_settings
from newsevents.values import json_default
from newsevents.warehouse import (
    EXPORT_FORMATS,
    EXPORT_VIEWS,
    WarehouseError,
    connect,
    export,
    named_query,
    run_query,
    sql_dir,
    user_sql_config,
)


def export_command(  # not `export`, the name of the warehouse function it calls
    out: Annotated[Path, typer.Option("--out", help="Output file.")],
    warehouse: WarehouseOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv (nested fields flattened) or parquet.")
    ] = "jsonl",
    what: Annotated[
        str,
        typer.Option(
            "--what",
            help="mentions (one row per event per article, v_event_export) or events "
            "(deduplicated, v_event_export_events).",
        ),
    ] = "mentions",
    quiet: QuietOpt = False,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"out", "rows", "format", "what"} as JSON.')
    ] = False,
) -> None:
    """Export event mentions (default: JSON lines, the guideline contract) or deduplicated events.

    Examples: newsevents export --out events.jsonl;
    newsevents export --format parquet --what events --out events.parquet --quiet
    """
    db = warehouse or get_settings().warehouse
    fmt, what = fmt.lower(), what.lower()
    if fmt not in EXPORT_FORMATS or what not in EXPORT_VIEWS:
        raise fail(
            f"--format {fmt!r} --what {what!r}: choose a format from "
            f"{', '.join(EXPORT_FORMATS)} and one of {', '.join(EXPORT_VIEWS)}",
            EXIT_INPUT,
        )
    with open_warehouse(db, read_only=True) as con, progress(not quiet and not as_json) as bar:
        bar.add_task(f"exporting {what} to {out}", total=None)
        try:
            n = export(con, out, fmt, what)
        except WarehouseError as exc:  # the output path: a folder, or a missing folder
            raise fail(str(exc), EXIT_INPUT) from exc
    if as_json:
        print(json.dumps({"out": str(out), "rows": n, "format": fmt, "what": what}))
    elif not quiet:
        console.print(f"[green]wrote[/] {n} {what} to {out}")


def query(
    sql_or_name: Annotated[str, typer.Argument(help="SQL text, or NAME of sql/queries/NAME.sql.")],
    warehouse: WarehouseOpt = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Named parameter k=v.")
    ] = None,
    quiet: QuietOpt = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the rows as JSON lines, one object a row.")
    ] = False,
    allow_files: Annotated[
        bool,
        typer.Option(
            "--allow-files",
            help="Let the SQL read and write other files too (read_csv, COPY ... TO, ATTACH, "
            "EXPORT DATABASE). Off by default, so that SQL from anywhere reads the warehouse "
            "and nothing else: it can neither read nor overwrite your files. Extensions are "
            "never installed or loaded either way.",
        ),
    ] = False,
) -> None:
    """Run a read-only query and print a table (or JSON lines with --json).

    The SQL sees the warehouse and nothing else: file reads and writes, extensions and
    settings changes are refused (exit 1) unless --allow-files lets it use files.

    Named queries (sql/queries/): events_by_type, attacks_per_week_by_country,
    talks_between (-p a=TUR -p b=RUS), statements_by_actor (-p actor=erdogan),
    deployments_by_place, event_timeline (-p from=2020-02-01 -p to=2020-02-29), top_dyads.
    Views: v_event_export, v_event_export_events, v_event_timeline, v_daily_counts, v_dyads,
    v_unresolved_dates.

    Examples: newsevents query talks_between -p a=TUR -p b=RUS;
    newsevents query "SELECT event_type, count(*) FROM fct_event GROUP BY 1" --json
    """
    db = warehouse or get_settings().warehouse
    bad = [p for p in (param or []) if "=" not in p]
    if bad:
        raise fail(f"-p {bad[0]!r}: write parameters as NAME=VALUE", EXIT_INPUT)
    params = dict(p.split("=", 1) for p in (param or []))
    try:
        named = named_query(sql_or_name)
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    if named is None and _looks_like_a_name(sql_or_name):
        raise _refuse(
            f"{sql_or_name!r} is not a named query; the named queries (sql/queries/) are "
            f"{', '.join(_query_names())}; or give SQL text"
        )
    sql = named or sql_or_name
    refused = _extension_statement(sql, allow_files=allow_files)
    if refused:
        raise _refuse(f"query does not install or load DuckDB extensions: {refused}")
    config = user_sql_config(allow_files=allow_files)
    try:
        with connect(db, read_only=True, config=config) as con:
            cols, rows = run_query(con, sql, params)
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    except duckdb.PermissionException as exc:
        raise _refuse(
            f"query reads the warehouse and nothing else ({_first_line(exc)}); "
            "--allow-files lets the SQL use other files"
        ) from exc
    except Exception as exc:  # bad SQL, a read-only write, a locked setting: no traceback
        raise _refuse(_first_line(exc)) from exc
    if as_json:
        for row in rows:
            record = dict(zip(cols, row, strict=True))
            # dates print as ISO text; other non-JSON values (decimals, intervals) as text
            sys.stdout.write(json.dumps(record, ensure_ascii=False, default=json_default) + "\n")
        return
    if quiet:
        return
    console.print(fitted(cols, rows, console))


def _looks_like_a_name(text: str) -> bool:
    """One identifier that is no SQL keyword: meant as a query name, not as SQL."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text.strip()):
        return False
    with duckdb.connect() as mem:
        keywords = mem.execute("SELECT keyword_name FROM duckdb_keywords()").fetchall()
    return text.strip().lower() not in {k for (k,) in keywords}


def _query_names() -> list[str]:
    return sorted(p.stem for p in (sql_dir() / "queries").glob("*.sql"))


def _extension_statement(sql: str, *, allow_files: bool) -> str | None:
    """The first INSTALL or LOAD statement of ``sql`` (it could reach the network), else None.

    With --allow-files DuckDB's configuration would let ``INSTALL`` download, so they are
    refused before the SQL runs (without it DuckDB refuses them too, less clearly). With
    --allow-files a statement the duckdb module cannot name (``UPDATE EXTENSIONS``) is too.
    """
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error:
        return None  # a parse error: running it reports the error itself
    for statement in statements:
        try:
            kind = statement.type
        except ValueError:  # a statement type newer than the Python binding's enum
            kind = None
        if kind == duckdb.StatementType.LOAD or (kind is None and allow_files):
            return " ".join(statement.query.split())[:80]
    return None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _refuse(message: str) -> typer.Exit:
    """A refused or failed query: one unwrapped line on stderr (DuckDB's text is not markup)."""
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(EXIT_INPUT)


def report(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")],
    date_from: EventFromOpt = None,
    date_to: EventToOpt = None,
    country: Annotated[
        str | None,
        typer.Option("--country", help="ISO-3 code: events whose actor, target or place has it."),
    ] = None,
    warehouse: WarehouseOpt = None,
    quiet: QuietOpt = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was written as one JSON object.")
    ] = False,
) -> None:
    """Write a self-contained HTML report: timeline, dyads, places, events and data quality.

    It reads the warehouse read-only, and the page needs no network to view.

    Example: newsevents report --from 2020-02-01 --to 2020-02-29 --country TUR --out report.html
    """
    from newsevents.report import ReportFilter, collect, render_html

    try:
        flt = ReportFilter.parse(date_from, date_to, country)
    except ValueError as exc:
        raise fail(str(exc), EXIT_INPUT) from exc
    if not out.parent.is_dir():
        raise fail(f"cannot write {out}: the folder {out.parent} does not exist", EXIT_INPUT)
    db = warehouse or get_settings().warehouse
    with progress(not quiet and not as_json) as bar:
        step = bar.add_task("reading the warehouse", total=3)
        with open_warehouse(db, read_only=True) as con:
            data = collect(con, flt, warehouse=str(db))
        bar.update(step, advance=1, description="drawing the charts")
        page = render_html(data)
        bar.update(step, advance=1, description=f"writing {out}")
        try:
            out.write_text(page, encoding="utf-8")
        except OSError as exc:
            raise fail(f"cannot write {out}: {exc.strerror}", EXIT_INPUT) from exc
        bar.update(step, advance=1)
    summary = {
        "out": str(out),
        "filter": flt.describe(),
        "events": data.deduplicated_events,
        "mentions": len(data.events),
        "events_by_type": data.events_by_type(),
        "quarantined": len(data.quarantine),
        "check_failures": data.failing_checks(),
        "check_warnings": data.warning_checks(),
    }
    if as_json:
        print(json.dumps(summary))
    elif not quiet:
        console.print(
            f"[green]wrote[/] {out}: {summary['events']} events ({summary['mentions']} mentions)"
            f" for {summary['filter']}"
        )
        if data.failing_checks():
            failing = ", ".join(f"{k} ({v})" for k, v in data.failing_checks().items())
            console.print(f"[red]data checks failing[/]: {failing}")
        if data.warning_checks():
            warned = ", ".join(f"{k} ({v})" for k, v in data.warning_checks().items())
            console.print(f"[yellow]data check warnings[/]: {warned}")


def timex(
    dct: Annotated[str, typer.Option("--dct", help="Document creation time, YYYY-MM-DD.")],
    text_file: Annotated[Path, typer.Option("--text-file", help="Text to tag.")],
    quiet: QuietOpt = False,
) -> None:
    """Print the date expressions in a text, one JSON object a line.

    Example: newsevents timex --dct 2020-02-26 --text-file seeds/000_0a4181eb25ee23d2.txt
    """
    from newsevents import temporal

    try:
        anchor = dt.date.fromisoformat(dct)
    except ValueError as exc:
        raise fail(f"--dct {dct!r} is not YYYY-MM-DD") from exc
    try:
        text = text_file.read_bytes().decode("utf-8")
    except OSError as exc:  # missing, a folder, unreadable: one line, as everywhere
        raise fail(f"cannot read --text-file {text_file}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise fail(f"--text-file {text_file} is not UTF-8 text ({exc.reason})") from exc
    if quiet:
        return
    for tx in temporal.tag(text, anchor):
        fields = {"start": tx.start, "end": tx.end, "text": tx.text, "type": tx.type}
        sys.stdout.write(json.dumps({**fields, "value": tx.value}, ensure_ascii=False) + "\n")
