"""What every command shares: the consoles, the common options, exit codes, failing."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

from newsevents.settings import TASK_RUNNERS
from newsevents.warehouse import WarehouseError, connect

console = Console()
err = Console(stderr=True)

InputOpt = Annotated[
    Path | None, typer.Option("--input", help="Folder of *.txt articles (+ articles.csv).")
]
WarehouseOpt = Annotated[
    Path | None, typer.Option("--warehouse", help="DuckDB file (default warehouse/events.duckdb).")
]
# run and backfill: where the flow runs' extract tasks run (flows/runners.py)
RunnerOpt = Annotated[
    str | None,
    typer.Option(
        "--runner",
        help=f"Where extraction tasks run: {', '.join(TASK_RUNNERS[:-1])} or {TASK_RUNNERS[-1]}.",
    ),
]
DaskAddressOpt = Annotated[
    str | None,
    typer.Option("--dask-address", help="Dask scheduler, tcp://HOST:8786 (with --runner dask)."),
]
ReprocessOpt = Annotated[
    bool, typer.Option(help="Re-extract articles loaded by an older extractor version.")
]


def _date_options(what: str) -> tuple[Any, Any]:
    """The ``--from`` and ``--to`` options of a range of ``what`` dates, both inclusive."""
    first = Annotated[str | None, typer.Option("--from", help=f"First {what} date, YYYY-MM-DD.")]
    last = Annotated[
        str | None, typer.Option("--to", help=f"Last {what} date, YYYY-MM-DD (inclusive).")
    ]
    return first, last


EventFromOpt, EventToOpt = _date_options("event")
PublishedFromOpt, PublishedToOpt = _date_options("publication")


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``error: message`` as one unwrapped line on stderr; the Exit to raise.

    The message is not markup: a path or value in it may hold [brackets].
    """
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


# Exit codes, documented in docs/cli.md "Exit codes". 2 is click's own code for a usage error
# (unknown option, missing value), so the warehouse and data-check codes come after it.
EXIT_INPUT = 1
EXIT_WAREHOUSE = 3
EXIT_CHECKS = 4
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print nothing but errors; see the exit code.")
]


def quietable(command: Callable[..., None]) -> Callable[..., None]:
    """Silence the standard-output console while a command that declares ``quiet: QuietOpt``
    runs with ``--quiet``; errors, on stderr, still print. Restored after, for the next
    command run in the same process (the tests)."""

    @functools.wraps(command)
    def quiet_command(*args: Any, **kwargs: Any) -> None:
        before = console.quiet
        console.quiet = before or bool(kwargs.get("quiet"))
        try:
            command(*args, **kwargs)
        finally:
            console.quiet = before

    return quiet_command


@contextmanager
def open_warehouse(db: Path, *, read_only: bool) -> Iterator[Any]:
    """Open the warehouse; a missing, locked or unwritable one exits with EXIT_WAREHOUSE."""
    stack = ExitStack()
    try:
        con = stack.enter_context(connect(db, read_only=read_only))
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    with stack:
        yield con


def progress(enabled: bool) -> Progress:
    """A transient progress display on stderr, shown only on a terminal."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        console=err,
        transient=True,
        disable=not (enabled and err.is_terminal),
    )
