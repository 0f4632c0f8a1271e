"""The commands that run flows or servers: run, backfill, serve and ui."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from newsevents.cli.common import (
    EXIT_CHECKS,
    EXIT_WAREHOUSE,
    DaskAddressOpt,
    InputOpt,
    PublishedFromOpt,
    PublishedToOpt,
    QuietOpt,
    ReprocessOpt,
    RunnerOpt,
    WarehouseOpt,
    console,
    err,
    fail,
    quietable,
)
from newsevents.settings import TASK_RUNNERS, configure_prefect_env, get_settings
from newsevents.staging import is_glob
from newsevents.summary import QuarantineGroup, quarantine_groups
from newsevents.values import date_range
from newsevents.warehouse import WarehouseError, connect, migrate
from schemas import RunSummary

if TYPE_CHECKING:
    from newsevents.preflight import Pending

# Here, not in common.py: only the commands that run flows have Prefect and Dask lines to show.
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose",
        help="Also print the run's INFO log lines on stderr: the flow's and tasks' (as the "
        "Prefect UI shows them) and Dask's.",
    ),
]
FullRebuildOpt = Annotated[
    bool,
    typer.Option(
        "--full-rebuild",
        help="Rebuild the deduplicated events over every mention, even when nothing changed "
        "(by default only the events the run's changes reach are rebuilt).",
    ),
]


def _stoppable(after: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Ctrl-C and SIGTERM stop the command within seconds, with no process it started left.

    SIGTERM is handled like Ctrl-C (see :mod:`newsevents.stopping`). Once the command has
    unwound, whatever it started and is still alive is stopped; the command prints one
    line (``after`` says what is kept) and exits 130 (SIGINT) or 143 (SIGTERM), the
    codes of a process killed by that signal, with no traceback.
    """

    def wrap(command: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(command)
        def stoppable(*args: Any, **kwargs: Any) -> None:
            from newsevents import stopping

            stopping.install()
            try:
                command(*args, **kwargs)
            except KeyboardInterrupt:
                signum = stopping.received() or signal.SIGINT
                stopping.stop_children()
                name = signal.Signals(signum).name
                err.print(f"[yellow]stopped[/] by {name}: {after}", soft_wrap=True)
                raise typer.Exit(stopping.exit_code(signum)) from None

        return stoppable

    return wrap


# What a stopped run or backfill leaves: each window is loaded in one transaction.
KEPT = (
    "the windows loaded before it are kept, the one in progress is not; running it again "
    "goes on from there"
)


def _answers(api: str, timeout: float) -> bool:
    """Whether a Prefect server answers its health check at ``api`` (``.../api``)."""
    import httpx

    try:
        return httpx.get(api.rstrip("/") + "/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def _check_prefect_api() -> None:
    """When ``PREFECT_API_URL`` is set, make sure a server answers there before running."""
    url = os.environ.get("PREFECT_API_URL", "").strip()
    if url and not _answers(url, timeout=5):
        raise fail(
            f"PREFECT_API_URL is {url}, but no Prefect server answers there. Start one with "
            "`newsevents ui` (in another terminal), or run without a server: "
            "`unset PREFECT_API_URL`."
        )


@_stoppable(KEPT)
@quietable
def run(
    input: InputOpt = None,
    warehouse: WarehouseOpt = None,
    reprocess: ReprocessOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    runner: RunnerOpt = None,
    dask_address: DaskAddressOpt = None,
    rehash: Annotated[
        bool,
        typer.Option(
            "--rehash",
            help="Read and hash every input file, ignoring the file manifest (size and mtime).",
        ),
    ] = False,
    preflight: Annotated[
        bool,
        typer.Option(
            help="Before starting Prefect, check whether anything changed; when nothing did, "
            "print the summary and exit 0 without a flow run.",
        ),
    ] = True,
    full_rebuild: FullRebuildOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Run the pipeline flow: ingest, extract and load.

    Example: newsevents run --input seeds/ --warehouse warehouse/events.duckdb --runner dask
    """
    settings = get_settings()
    folder = input or settings.input_dir
    if not folder.is_dir():
        raise fail(f"input folder {folder} does not exist")
    kind = _runner_kind(runner)
    db = warehouse or settings.warehouse
    rehash = rehash or settings.rehash
    try:  # an unwritable, full or locked warehouse fails here, before any staging or extraction
        with connect(db) as con:
            if preflight and not (reprocess or rehash or full_rebuild):
                migrate(con)
                idle = _nothing_to_do(con, folder)
                if isinstance(idle, RunSummary):
                    _report_idle(idle, folder, as_json)
                    if idle.check_failures:  # an error check, on rows an earlier run loaded
                        raise typer.Exit(EXIT_CHECKS)
                    return
                if kind == "thread" and idle.to_extract:
                    from newsevents.extract import warm_pool

                    # the workers (one for a small window) load the model while Prefect starts
                    warm_pool(articles=idle.to_extract)
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    configure_prefect_env(settings, verbose=verbose)
    _check_prefect_api()
    from flows.pipeline import pipeline
    from flows.runners import task_runner

    try:
        with _runner_options(kind, dask_address):
            summary = pipeline.with_options(task_runner=task_runner())(
                input_dir=folder,
                warehouse_path=db,
                reprocess=reprocess,
                rehash=rehash,
                keep_workers=False,  # one run, then the process exits
                full_rebuild=full_rebuild,
            )
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    if as_json:
        print(summary.model_dump_json(indent=1))
    else:
        _print_summary(summary)
    # loaded, but an error check (integrity) found rows; a warn check (extraction quality)
    # is printed and the run passes
    if summary.check_failures:
        raise typer.Exit(EXIT_CHECKS)


def _runner_kind(runner: str | None) -> str:
    """The task runner this command runs with: ``--runner``, or the settings'."""
    kind = runner or get_settings().task_runner
    if kind not in TASK_RUNNERS:
        raise fail(f"--runner {kind!r}: choose one of {', '.join(TASK_RUNNERS)}")
    return kind


@contextmanager
def _runner_options(kind: str, dask_address: str | None) -> Iterator[None]:
    """This command's ``--runner`` and ``--dask-address`` in the process's settings while it
    runs its flow: every flow run builds its task runner from them (:mod:`flows.runners`),
    a backfill's batches too. Restored afterwards, so they last one command."""
    settings = get_settings()
    before = settings.task_runner, settings.dask_address
    settings.task_runner = kind  # type: ignore[assignment]  # a name _runner_kind checked
    settings.dask_address = dask_address or settings.dask_address
    try:
        with _shared_temporary_api(kind != "thread"):
            yield
    finally:
        settings.task_runner, settings.dask_address = before


@contextmanager
def _shared_temporary_api(workers: bool) -> Iterator[None]:
    """With task runner ``workers`` and no ``PREFECT_API_URL``, start Prefect's temporary
    API now and point the worker processes at it.

    Each process or Dask worker would otherwise start a temporary server of its own when
    its first task reports (6-10 s each), and a worker stopped by a signal would leave it
    running. Prefect stops the server when this process exits.
    """
    if not workers or os.environ.get("PREFECT_API_URL", "").strip():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = SubprocessASGIServer()
    server.start()
    # the settings reach a process pool's workers, the environment a Dask cluster's
    os.environ["PREFECT_API_URL"] = server.api_url
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield


def _nothing_to_do(con: Any, folder: Path) -> RunSummary | Pending:
    """The preflight (spaCy and Prefect stay unimported): a summary when nothing changed."""
    from newsevents.preflight import nothing_to_do

    settings = get_settings()
    return nothing_to_do(
        con, folder, max_bytes=settings.max_file_bytes, window_size=settings.window_size
    )


def _report_idle(summary: RunSummary, folder: Path, as_json: bool) -> None:
    message = (
        f"nothing to do: the {summary.articles_staged} articles in {folder} are loaded and "
        f"unchanged, and its {summary.quarantined_total} quarantined inputs are recorded; "
        "no flow run was started (--no-preflight starts one anyway)"
    )
    if as_json:
        print(summary.model_dump_json(indent=1))
        err.print(message)
    else:
        _print_summary(summary)
        console.print(message)


def _print_quarantined(groups: list[QuarantineGroup]) -> None:
    """A few quarantined inputs of each reason, and how many more the warehouse lists."""
    from rich.markup import escape  # paths and messages may hold [brackets]

    more = ""
    for group in groups:
        for q in group.examples:
            console.print(
                f"[yellow]quarantined[/] {escape(q.source_path)}: {q.reason}: {escape(q.message)}"
            )
        if group.more:
            console.print(f"[yellow]quarantined[/] ... and {group.more} more {group.reason}")
            more = group.reason
    if more:
        console.print(
            "every quarantined input: newsevents query "
            f"\"SELECT source_path, message FROM quarantine WHERE reason = '{more}'\""
        )


def _print_summary(summary: RunSummary, title: str = "newsevents run") -> None:
    table = Table(title=title, show_header=False)
    table.add_row("articles seen", str(summary.articles_seen))
    table.add_row("articles extracted", str(summary.articles_extracted))
    table.add_row("unchanged (skipped)", str(summary.articles_unchanged))
    table.add_row("events", str(summary.events_total))
    for etype, n in summary.events_by_type.items():
        table.add_row(f"  {etype}", str(n))
    table.add_row("dates resolved from text", str(summary.dates_resolved))
    table.add_row("dates = publication date", str(summary.dates_fallback))
    table.add_row("dates unresolved", str(summary.dates_unresolved))
    table.add_row("quarantined", str(summary.quarantined_total))
    groups = quarantine_groups(summary)
    for group in groups:
        table.add_row(f"  {group.reason}", str(group.count))
    console.print(table)
    _print_quarantined(groups)
    for check, rows in summary.check_failures.items():
        console.print(f"[red]data check failed[/] {check}: {rows} rows")
    for check, rows in summary.check_warnings.items():
        console.print(f"[yellow]data check warning[/] {check}: {rows} rows")


@_stoppable(KEPT)
@quietable
def backfill(
    date_from: PublishedFromOpt = None,
    date_to: PublishedToOpt = None,
    input: Annotated[
        str | None,
        typer.Option(
            "--input", help="Archive folder, or a glob of article files (*.txt, *.html, *.jsonl)."
        ),
    ] = None,
    warehouse: WarehouseOpt = None,
    batch_days: Annotated[
        int | None, typer.Option("--batch-days", min=1, help="Days per batch (default 7).")
    ] = None,
    reprocess: ReprocessOpt = False,
    runner: RunnerOpt = None,
    dask_address: DaskAddressOpt = None,
    full_rebuild: FullRebuildOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Run the backfill flow: one subflow per batch of publication dates.

    Example: newsevents backfill --from 2020-02-01 --to 2020-02-29 --input seeds/
    """
    settings = get_settings()
    try:
        start, end = date_range(date_from, date_to)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    source = input or str(settings.input_dir)
    if not is_glob(source) and not Path(source).is_dir():
        raise fail(f"input folder {source} does not exist")
    kind = _runner_kind(runner)
    configure_prefect_env(settings, verbose=verbose)
    _check_prefect_api()
    from flows.backfill import backfill as backfill_flow

    try:
        with _runner_options(kind, dask_address):
            summaries = backfill_flow(
                input=source,
                start=start,
                end=end,
                reprocess=reprocess,
                batch_days=batch_days or settings.backfill_batch_days,
                warehouse_path=warehouse or settings.warehouse,
                full_rebuild=full_rebuild,
            )
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    except RuntimeError as exc:  # failed batches: the message names them
        raise fail(str(exc)) from exc
    table = Table(
        "batch",
        "articles",
        "extracted",
        "unchanged",
        "events",
        "quarantined",
        title="newsevents backfill",
    )
    for label, s in summaries.items():
        table.add_row(
            label,
            str(s.articles_staged),
            str(s.articles_extracted),
            str(s.articles_unchanged),
            str(s.events_total),
            str(s.quarantined_total),
        )
    console.print(table)
    for s in summaries.values():  # articles whose extraction failed (examples of each reason)
        for q in s.quarantined:
            console.print(
                f"[yellow]quarantined[/] {escape(f'{q.source_path}: {q.reason}: {q.message}')}"
            )


# A Prefect server this command starts may take this long to answer: its first start creates
# and migrates its database (about 12 s on a busy 2-core machine).
SERVER_START_SECONDS = 120.0
# A server that already answers on the port answers its health check at once.
HEALTH_PROBE_SECONDS = 1.0


def _server_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


@contextmanager
def _prefect_server(
    port: int, stdout: IO[str] | int | None = None, stderr: IO[str] | int | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``prefect server start`` on 127.0.0.1:``port`` (the environment's Prefect home)
    and own it: however the block ends, the server and what it started are terminated,
    then killed past a few seconds, so its port is free again.

    ``stdout`` and ``stderr`` are as :class:`subprocess.Popen`'s. The server runs
    in its own session: a terminal's Ctrl-C reaches the command alone, which may still need
    the server while it stops (``serve`` marks its runs Cancelled there), and stops it last.
    """
    import psutil

    from newsevents import stopping

    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1"]
    server = subprocess.Popen(
        [*cmd, "--port", str(port)],
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,
        preexec_fn=_term_with_parent if sys.platform.startswith("linux") else None,
    )
    try:
        yield server
    finally:
        if server.poll() is None:
            with contextlib.suppress(psutil.Error):
                stopping.kill_tree([psutil.Process(server.pid)], grace=5.0)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=5)


# prctl(2)'s option: the signal the kernel sends this process when its parent thread ends.
_PR_SET_PDEATHSIG = 1


def _term_with_parent() -> None:
    """In the server's process before it starts: SIGTERM it if the command dies unwinding
    nothing (SIGKILL, a crash), so that even then no server outlives it."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # no prctl: the normal stop remains
        ctypes.CDLL(None, use_errno=True).prctl(
            _PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGTERM), 0, 0, 0
        )


def _wait_until_healthy(server: subprocess.Popen[bytes], api: str, log: Path) -> None:
    """Wait, at most SERVER_START_SECONDS, until ``server`` answers at ``api``; else fail."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while not _answers(api, timeout=HEALTH_PROBE_SECONDS):
        code = server.poll()
        if code is not None:
            raise fail(f"the Prefect server exited ({code}) before answering at {api}; see {log}")
        if time.monotonic() > deadline:
            raise fail(
                f"the Prefect server did not answer at {api} within "
                f"{SERVER_START_SECONDS:.0f} s; see {log}"
            )
        time.sleep(0.25)


@contextmanager
def _serve_api(port: int) -> Iterator[str]:
    """The Prefect API ``serve`` registers with, and its words for the startup line.

    ``PREFECT_API_URL`` if set; else a server already answering on ``port`` (``newsevents
    ui``'s); else one started here (:func:`_prefect_server`), stopped when the block ends.
    Not Prefect's temporary API: it runs no scheduler, and nothing else can reach it to
    ask for a backfill. The URL chosen is set in the environment before Prefect is
    imported, so this process and the flow runs it starts report there.
    """
    url = os.environ.get("PREFECT_API_URL", "").strip()
    if url:
        _check_prefect_api()
        yield url
        return
    base = _server_url(port)
    api = f"{base}/api"
    if _answers(api, timeout=HEALTH_PROBE_SECONDS):
        os.environ["PREFECT_API_URL"] = api
        yield f"{api} (the Prefect server already answering there; UI: {base})"
        return
    home = Path(os.environ["PREFECT_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    log = home / "server.log"
    console.print(
        f"starting a Prefect server on {base} (its output: {escape(str(log))})", soft_wrap=True
    )
    with (
        log.open("w", encoding="utf-8") as out,
        _prefect_server(port, out, subprocess.STDOUT) as server,
    ):
        _wait_until_healthy(server, api, log)
        os.environ["PREFECT_API_URL"] = api
        try:
            yield f"{api}, a Prefect server started for serve and stopped with it (UI: {base})"
        finally:
            _send_held_logs()


def _send_held_logs() -> None:
    """Send the log lines Prefect still holds for the API in this process: it sends them
    in the background, the last ones at exit, too late for a server stopped before."""
    if "prefect" not in sys.modules:
        return
    from prefect.logging.handlers import APILogWorker

    with contextlib.suppress(Exception):  # the stop goes on: the server is stopped next
        APILogWorker.drain_all(timeout=5)


@_stoppable("no flow run is left running")
@quietable
def serve(
    inbox: Annotated[
        Path | None, typer.Option("--inbox", help="Folder the scheduled pipeline reads.")
    ] = None,
    cron: Annotated[
        str | None,
        typer.Option("--cron", help='Schedule of the pipeline (default "*/15 * * * *").'),
    ] = None,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive", help="Default input of the backfill deployment (default: the inbox)."
        ),
    ] = None,
    warehouse: WarehouseOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Serve the deployments pipeline/pipeline (on a cron schedule) and backfill/backfill.

    Runs until Ctrl-C, on the Prefect server at PREFECT_API_URL, else on the one answering
    at `newsevents ui`'s port, else on one it starts there and stops when it stops.

    Example: newsevents serve --inbox inbox/ --cron "*/15 * * * *"
    """
    settings = get_settings()
    folder = inbox or settings.inbox_dir
    folder.mkdir(parents=True, exist_ok=True)
    configure_prefect_env(settings)
    # the server outlives the deployments' stop, which marks the runs in progress there
    with _serve_api(settings.ui_port) as where:
        from flows.deployments import build_deployments
        from flows.deployments import serve as serve_deployments

        schedule = cron or settings.serve_cron
        deployments = build_deployments(
            folder, warehouse or settings.warehouse, schedule, archive=archive
        )
        console.print(
            f"serving pipeline/pipeline (cron {schedule}) and backfill/backfill on {escape(where)}",
            soft_wrap=True,
        )
        source = deployments[1].parameters["input"]
        default = "" if archive else " (the inbox: no --archive given)"
        console.print(
            f"backfill/backfill reads {escape(source)}{default} unless given input",
            soft_wrap=True,
        )
        # one line per flow run that ends: when it started, counts, state, duration
        serve_deployments(deployments, say=lambda line: console.print(escape(line), soft_wrap=True))


@_stoppable("the Prefect server has stopped")
@quietable
def ui(
    port: Annotated[int | None, typer.Option("--port", help="Port (default 4200).")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Start the Prefect server and UI on 127.0.0.1, with the project's Prefect home.

    Runs until Ctrl-C. Then, in another shell:
    export PREFECT_API_URL=http://127.0.0.1:4200/api; newsevents run

    Example: newsevents ui --port 4300
    """
    settings = get_settings()
    configure_prefect_env(settings)
    chosen = port or settings.ui_port
    url = _server_url(chosen)
    console.print(f"Prefect UI: {url}  (PREFECT_HOME={os.environ['PREFECT_HOME']})")
    console.print(f"To report runs there: export PREFECT_API_URL={url}/api")
    with _prefect_server(chosen, subprocess.DEVNULL if quiet else None) as server:
        code = server.wait()
    raise typer.Exit(code)
