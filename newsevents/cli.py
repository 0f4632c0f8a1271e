"""The ``newsevents`` command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsevents.settings import configure_prefect_env, get_settings
from newsevents.warehouse import WarehouseError

app = typer.Typer(
    help="News articles to a DuckDB history of dated, attributed political and military events.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)

InputOpt = Annotated[
    Path | None, typer.Option("--input", help="Folder of *.txt articles (+ articles.csv).")
]
WarehouseOpt = Annotated[
    Path | None, typer.Option("--warehouse", help="DuckDB file (default warehouse/events.duckdb).")
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


@app.command()
def run(
    input: InputOpt = None,
    warehouse: WarehouseOpt = None,
    reprocess: Annotated[
        bool, typer.Option(help="Re-extract articles loaded by an older extractor version.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Run the pipeline flow: stage, extract and load.

    Example: newsevents run --input seeds/ --warehouse warehouse/events.duckdb
    """
    settings = get_settings()
    folder = input or settings.input_dir
    if not folder.is_dir():
        raise _fail(f"input folder {folder} does not exist")
    configure_prefect_env(settings)
    from flows.pipeline import pipeline

    try:
        summary = pipeline(
            input_dir=folder, warehouse_path=warehouse or settings.warehouse, reprocess=reprocess
        )
    except WarehouseError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        print(summary.model_dump_json(indent=1))
        return
    table = Table(title="newsevents run", show_header=False)
    table.add_row("articles seen", str(summary.articles_seen))
    table.add_row("articles extracted", str(summary.articles_extracted))
    table.add_row("unchanged (skipped)", str(summary.articles_unchanged))
    table.add_row("events", str(summary.events_total))
    for etype, n in summary.events_by_type.items():
        table.add_row(f"  {etype}", str(n))
    table.add_row("dates resolved from text", str(summary.dates_resolved))
    table.add_row("dates = publication date", str(summary.dates_fallback))
    table.add_row("dates unresolved", str(summary.dates_unresolved))
    table.add_row("quarantined", str(len(summary.quarantined)))
    console.print(table)
    for q in summary.quarantined:
        console.print(f"[yellow]quarantined[/] {q.source_path}: {q.reason}: {q.message}")
    for check, rows in summary.check_failures.items():
        console.print(f"[red]data check failed[/] {check}: {rows} rows")


@app.command()
def export(
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
) -> None:
    """Export event mentions (default: JSON lines, the guideline contract) or deduplicated events.

    Examples: newsevents export --out events.jsonl;
    newsevents export --format parquet --what events --out events.parquet
    """
    from newsevents import warehouse as wh

    db = warehouse or get_settings().warehouse
    try:
        with wh.connect(db, read_only=True) as con:
            n = wh.export(con, out, fmt.lower(), what.lower())
    except WarehouseError as exc:
        raise _fail(str(exc)) from exc
    console.print(f"wrote {n} {what.lower()} to {out}")


@app.command()
def query(
    sql_or_name: Annotated[str, typer.Argument(help="SQL text, or NAME of sql/queries/NAME.sql.")],
    warehouse: WarehouseOpt = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Named parameter k=v.")
    ] = None,
) -> None:
    """Run a read-only query and print a table.

    Named queries (sql/queries/): events_by_type, attacks_per_week_by_country,
    talks_between (-p a=TUR -p b=RUS), statements_by_actor (-p actor=erdogan),
    deployments_by_place, event_timeline (-p from=2020-02-01 -p to=2020-02-29), top_dyads.
    Views: v_event_export, v_event_export_events, v_event_timeline, v_daily_counts, v_dyads,
    v_unresolved_dates.

    Examples: newsevents query talks_between -p a=TUR -p b=RUS;
    newsevents query "SELECT type, count(*) FROM fct_event GROUP BY 1"
    """
    from newsevents import warehouse as wh

    db = warehouse or get_settings().warehouse
    params = dict(p.split("=", 1) for p in (param or []))
    try:
        sql = wh.named_query(sql_or_name)
        with wh.connect(db, read_only=True) as con:
            cols, rows = wh.run_query(con, sql or sql_or_name, params)
    except WarehouseError as exc:
        raise _fail(str(exc)) from exc
    except Exception as exc:  # duckdb errors: show the message, not a traceback
        raise _fail(str(exc).splitlines()[0]) from exc
    table = Table(*cols)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


@app.command()
def timex(
    dct: Annotated[str, typer.Option("--dct", help="Document creation time, YYYY-MM-DD.")],
    text_file: Annotated[Path, typer.Option("--text-file", help="Text to tag.")],
) -> None:
    """Print the date expressions in a text, one JSON object a line.

    Example: newsevents timex --dct 2020-02-26 --text-file seeds/000_0a4181eb25ee23d2.txt
    """
    from newsevents import temporal

    try:
        anchor = dt.date.fromisoformat(dct)
    except ValueError as exc:
        raise _fail(f"--dct {dct!r} is not YYYY-MM-DD") from exc
    text = text_file.read_bytes().decode("utf-8")
    for tx in temporal.tag(text, anchor):
        fields = {"start": tx.start, "end": tx.end, "text": tx.text, "type": tx.type}
        sys.stdout.write(json.dumps({**fields, "value": tx.value}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    app()
