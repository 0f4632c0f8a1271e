"""Every example a user is shown runs: each command's ``--help`` example(s), and the shell
lines of README.md and docs/cli.md.

The examples run in-process (typer's CliRunner), as written, in a temporary folder laid
out like a checkout after ``make run``: ``seeds/`` (a link to the seeds, only read) and
``warehouse/events.duckdb``, a fresh copy for each example of a warehouse loaded from the
seeds. So ``newsevents run --input seeds/ ...`` finds nothing to do and starts no flow
run (the flows are tested in test_flow.py and test_orchestration.py); the reading
commands read real events.

A line that is not run must be listed in SKIPPED with the reason, which keeps the list
short and honest: a new example in a --help or in the README is run, or this test fails.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from newsevents import staging
from newsevents import warehouse as wh
from newsevents.cli import app
from newsevents.settings import get_settings

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow  # the seeds are extracted once (spaCy): ~10 s

# The documents whose shell blocks are examples: the front door and the command manual.
PAGES = [ROOT / "README.md", ROOT / "docs" / "cli.md"]
SHELL_FENCE = re.compile(r"^```(?:bash|sh|shell|console)\n(.*?)^```", re.M | re.S)
# What is not run here, by the command line's first words, and why.
SKIPPED = {
    "make": "builds .venv and runs the whole suite: that is what CI's .ci/run does",
    "newsevents serve": "serves until stopped: tests/test_serve_stop.py starts and stops it",
    "newsevents ui": "serves until stopped: tests/test_serve_stop.py starts and stops it",
    "newsevents backfill": "runs Prefect flows: test_orchestration.py backfills the seeds",
    "prefect deployment run": "asks a served deployment for a flow run: needs `serve` running",
}
# An example that is right to exit non-zero, and the code it must exit with.
EXIT_CODES: dict[str, int] = {}


def help_examples(command: str) -> list[str]:
    """The command lines after ``Example:``/``Examples:`` in ``newsevents COMMAND --help``
    (several are separated by ``;``)."""
    shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "500"})
    assert shown.exit_code == 0, shown.output
    text = shown.stdout.split("╭", 1)[0]  # the docstring, above the option panels
    paragraphs = re.split(r"\n\s*\n", text)
    found = []
    for para in paragraphs:
        flat = " ".join(para.split())
        match = re.search(r"\bExamples?: (.+)$", flat)
        if match:
            found += [c.strip() for c in re.split(r";\s*(?=newsevents\s)", match.group(1))]
    return found


def page_examples(page: Path) -> list[str]:
    """The command lines of the page's shell blocks (comments and continuations joined)."""
    lines = []
    for block in SHELL_FENCE.findall(page.read_text(encoding="utf-8")):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words:
                lines.append(shlex.join(words))
    return lines


def skipped(line: str) -> str | None:
    """The reason ``line`` is not run here, or None."""
    for prefix, why in SKIPPED.items():
        if line == prefix or line.startswith(prefix + " "):
            return why
    return None


COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]
HELP = [(f"{c} --help", line) for c in COMMANDS for line in help_examples(c)]
PAGE = [(p.name, line) for p in PAGES for line in page_examples(p)]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse loaded from the seeds the way `run` stages them (file manifest and
    all), staged from ``seeds/`` relative to a checkout-like folder."""
    from newsevents.extract import extract_articles

    here = tmp_path_factory.mktemp("checkout")
    (here / "seeds").symlink_to(SEEDS, target_is_directory=True)
    db = here / "events.duckdb"
    cwd = Path.cwd()
    os.chdir(here)
    try:
        with wh.connect(db) as con:
            wh.migrate(con)
            for part in staging.batched(staging.iter_stage(Path("seeds/")), 100):
                results = extract_articles(part.articles)
                wh.load(con, part.articles, results, part.quarantined, files=part.files)
    finally:
        os.chdir(cwd)
    return db


@pytest.fixture
def checkout(pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The working folder of one example: seeds/, a fresh warehouse/events.duckdb, and the
    settings' defaults (warehouse/events.duckdb, seeds/) relative to it, as in a checkout."""
    (tmp_path / "seeds").symlink_to(SEEDS, target_is_directory=True)
    (tmp_path / "warehouse").mkdir()
    shutil.copy(pristine, tmp_path / "warehouse" / "events.duckdb")
    monkeypatch.chdir(tmp_path)
    # absolute, so that no example can reach the checkout's warehouse whatever its folder
    monkeypatch.setenv("NEWSEVENTS_WAREHOUSE", str(tmp_path / "warehouse" / "events.duckdb"))
    monkeypatch.setenv("NEWSEVENTS_INPUT_DIR", "seeds")
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_every_command_shows_an_example() -> None:
    shown = {where.split()[0] for where, _ in HELP}
    assert shown == set(COMMANDS)
    assert len(PAGE) >= 5  # the README's quick start and cli.md's report lines at least


def test_nothing_is_skipped_without_a_reason() -> None:
    unknown = [
        line
        for _, line in HELP + PAGE
        if not line.startswith("newsevents ") and skipped(line) is None
    ]
    assert unknown == [], "run these in test_examples.py, or add them to SKIPPED with a reason"


@pytest.mark.parametrize(("where", "line"), HELP + PAGE, ids=[f"{w}: {x}" for w, x in HELP + PAGE])
def test_example_runs(where: str, line: str, checkout: Path) -> None:
    why = skipped(line)
    if why is not None:
        pytest.skip(why)
    words = shlex.split(line)
    got = CliRunner().invoke(app, words[1:], env={"COLUMNS": "120"})
    want = EXIT_CODES.get(line, 0)
    assert got.exit_code == want, f"{where}: {line}\n{got.output}"
    assert got.exception is None or isinstance(got.exception, SystemExit)
    for flag in ("--out", "--text-file"):  # what it wrote or read is there
        if flag in words:
            assert (checkout / words[words.index(flag) + 1]).exists()
