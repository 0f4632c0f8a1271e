"""Score extraction against gold events with the guideline's scorer (no Prefect), and the
bench scripts' shared parts: tables, gold diffs, snippet corpora and a guarded CLI run."""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType

from newsevents import staging, warehouse
from newsevents.extract import extract_articles


def load_scorer(path: Path) -> ModuleType:
    """Import the standard-library scorer ``score_events.py`` from ``path``."""
    spec = importlib.util.spec_from_file_location("score_events", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(input_dir: Path) -> list[dict]:
    """Stage, extract and load ``input_dir`` into a throwaway warehouse; return export rows."""
    staged = staging.stage_directory(input_dir)
    results = extract_articles(staged.articles)
    with (
        tempfile.TemporaryDirectory() as tmp,
        warehouse.connect(Path(tmp) / "eval.duckdb") as con,
    ):
        warehouse.migrate(con)
        warehouse.load(con, staged.articles, results, staged.quarantined)
        return warehouse.export_rows(con)


def score(gold_path: Path, scorer_path: Path, input_dir: Path) -> tuple[dict, list[dict]]:
    """Scores by type (the scorer's dict) and the predictions they were computed on."""
    scorer = load_scorer(scorer_path)
    preds = predict(input_dir)
    return scorer.score(scorer.load(str(gold_path)), preds), preds


# ---------------------------------------------------------------- shared by the bench scripts

SCORE_COLS = (
    "gold",
    "pred",
    "strict_p",
    "strict_r",
    "strict_f1",
    "lenient_f1",
    "date_acc",
    "actor_acc",
)
SCORE_KEYS = ("all", "attack", "talks", "statement", "deployment")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


class CliError(RuntimeError):
    """``newsevents run`` or ``export`` failed, or did not finish in time."""


def format_table(
    rows: Mapping[str, Mapping[str, object]],
    cols: Sequence[str],
    keys: Iterable[str] | None = None,
    head: str = "type",
    width: int = 11,
) -> str:
    """A fixed-width table: one line per key of ``rows`` (in ``keys`` order), one column per col
    (``-`` for a missing or None value)."""
    keys = [k for k in (rows if keys is None else keys) if k in rows]
    first = max([width, len(head) + 1, *(len(k) + 1 for k in keys)])
    widths = [max(width, len(c) + 1) for c in cols]
    lines = [f"{head:<{first}}" + "".join(f"{c:>{w}}" for c, w in zip(cols, widths, strict=True))]
    for k in keys:
        got = (rows[k].get(c) for c in cols)
        cells = (f"{'-' if v is None else v!s:>{w}}" for v, w in zip(got, widths, strict=True))
        lines.append(f"{k:<{first}}" + "".join(cells))
    return "\n".join(lines)


def _party(p: Mapping | None) -> str:
    return f"{(p or {}).get('name')}/{(p or {}).get('country')}"


def wrong_fields(scorer: ModuleType, pred: Mapping, gold: Mapping) -> dict[str, str]:
    """The fields of a paired prediction that disagree with its gold event: name -> gold>pred."""
    wrong = {}
    if not scorer.date_ok(pred, gold):
        wrong["date"] = f"{gold.get('date')}>{pred.get('date')}"
    if not scorer.actor_ok(pred, gold):
        wrong["actor"] = f"{scorer.country(gold.get('actor'))}>{scorer.country(pred.get('actor'))}"
    want, got = scorer.country(gold.get("target")), scorer.country(pred.get("target"))
    if want is not None and got != want:
        wrong["target"] = f"{want}>{got}"
    for f in ("subtype", "status"):
        if gold.get(f) and pred.get(f) != gold.get(f):
            wrong[f] = f"{gold.get(f)}>{pred.get(f)}"
    if not scorer.evidence_ok(pred, gold):
        wrong["evidence"] = f"overlap {scorer.overlap(pred, gold):.2f}"
    return wrong


def diff_lines(
    scorer: ModuleType, gold: list[dict], preds: list[dict], *, fields: bool = False
) -> list[str]:
    """Per gold article: each gold event OK/BAD against its paired prediction, then the misses
    (MISS) and false alarms (FP). ``fields`` adds the wrong fields of each pair and, for a
    miss, a prediction of another type with the same evidence (a wrong type)."""
    out: list[str] = []
    for art in sorted({g["article"] for g in gold}):
        golds = [g for g in gold if g["article"] == art]
        mine = [p for p in preds if p["article"] == art]
        pairs = scorer.pair(golds, mine)
        out += ["", f"=== {art}"]
        for g, p in pairs:
            ok = scorer.actor_ok(p, g) and scorer.date_ok(p, g)
            opt = " (opt)" if g.get("optional") else ""
            line = (
                f"{'OK ' if ok else 'BAD'} {g['id']}{opt} {g['type']} gold {g['date']} "
                f"{g['precision']} {(g['actor'] or {}).get('country')} | pred {p['date']} "
                f"{p['precision']} {_party(p['actor'])} [{p['date_text']}] :: {p['evidence'][:70]}"
            )
            wrong = wrong_fields(scorer, p, g) if fields else {}
            out.append(line + "".join(f" | {k} {v}" for k, v in wrong.items()))
        paired_g = {id(g) for g, _ in pairs}
        paired_p = {id(p) for _, p in pairs}
        loose = [p for p in mine if id(p) not in paired_p]
        for g in golds:
            if id(g) not in paired_g and not g.get("optional"):
                line = f"MISS {g['id']} {g['type']} {g['date']} :: {g['evidence'][:80]}"
                other = [p for p in loose if fields and scorer.evidence_ok(p, g)]
                out.append(line + "".join(f" | pred as {p['type']}/{p['subtype']}" for p in other))
        for p in loose:
            out.append(
                f"FP   {p['type']}/{p['subtype']} {p['date']} "
                f"{json.dumps(p['actor'])} :: {p['evidence'][:80]}"
            )
    return out


def require_shared(shared: Path, *parts: str) -> Path:
    """``shared/parts...``, or exit with a clear message when the evaluation material is absent."""
    path = shared.joinpath(*parts)
    if not path.exists():
        raise SystemExit(
            f"{path} not found: the bench reads the shared evaluation material at run time "
            f"(default {SHARED}; pass --shared DIR)"
        )
    return path


def write_corpus(
    folder: Path, items: Iterable[tuple[str, str]], published: str, source: str
) -> dict[str, list[str]]:
    """One ``.txt`` per distinct text plus ``articles.csv`` dated ``published``; return each
    article id with the item ids whose text it holds (staging would quarantine a repeat)."""
    folder.mkdir(parents=True, exist_ok=True)
    by_text: dict[str, str] = {}
    ids: dict[str, list[str]] = {}
    with (folder / "articles.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["article_id", "source", "title", "published", "url"])
        for item_id, text in items:
            art = by_text.get(text)
            if art is None:
                art = by_text[text] = f"d{len(by_text):05d}"
                (folder / f"{art}.txt").write_text(text, encoding="utf-8")
                out.writerow([art, source, "", published, ""])
                ids[art] = []
            ids[art].append(item_id)
    return ids


def cli_command() -> list[str]:
    """The ``newsevents`` beside this interpreter, else ``python -m newsevents.cli``."""
    exe = Path(sys.executable).with_name("newsevents")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "newsevents.cli"]


def call_cli(args: list[str], workdir: Path, timeout: float, ok: tuple[int, ...]) -> str:
    """Run one CLI command in its own process group; kill the group when it overruns."""
    env = dict(os.environ, PREFECT_HOME=str(workdir / "prefect-home"))
    env.pop("PREFECT_API_URL", None)  # always the ephemeral API: a bench leaves no flow runs
    proc = subprocess.Popen(
        [*cli_command(), *args],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # the extraction workers join the group, so one kill ends all
    )
    try:
        out, err = proc.communicate(timeout=max(timeout, 1.0))
    except subprocess.TimeoutExpired:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.communicate(timeout=10)
                break
            except subprocess.TimeoutExpired:
                continue
        raise CliError(
            f"newsevents {args[0]} did not finish within {timeout:.0f} s and was killed "
            "(a hang on some input? rerun with --limit to narrow it down)"
        ) from None
    if proc.returncode not in ok:
        raise CliError(f"newsevents {args[0]} exited {proc.returncode}:\n{err[-3000:]}")
    return out


def run_cli(input_dir: Path, workdir: Path, timeout: float) -> tuple[dict, list[dict]]:
    """``newsevents run`` (exit 0 or 4) then ``export`` over ``input_dir``, with a warehouse and
    Prefect home in ``workdir``: the run's JSON summary and the exported mentions."""
    deadline = time.monotonic() + timeout
    db, out = workdir / "w.duckdb", workdir / "events.jsonl"
    args = ["run", "--input", str(input_dir), "--warehouse", str(db), "--json"]
    printed = call_cli(args, workdir, timeout, ok=(0, 4))
    summary = json.loads(printed[printed.index("{") :])
    args = ["export", "--warehouse", str(db), "--out", str(out), "--quiet"]
    call_cli(args, workdir, deadline - time.monotonic(), ok=(0,))
    lines = out.read_text(encoding="utf-8").splitlines()
    return summary, [json.loads(line) for line in lines if line.strip()]


def bench_parser(doc: str) -> argparse.ArgumentParser:
    """The options every dev-material bench takes: --shared, --diff, --json, --timeout, --keep."""
    ap = argparse.ArgumentParser(
        description=doc.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=SHARED, help=f"evaluation folder ({SHARED})")
    ap.add_argument("--diff", action="store_true", help="list every miss, false alarm, wrong field")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds for run + export (900)")
    ap.add_argument("--keep", type=Path, help="work in this new folder and keep it (inputs, db)")
    return ap


@contextlib.contextmanager
def work_dir(keep: Path | None) -> Iterator[Path]:
    """``keep`` (new or empty, left in place) or a temporary folder removed afterwards."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
            yield Path(tmp)
        return
    if keep.exists() and any(keep.iterdir()):
        raise SystemExit(f"--keep {keep}: the folder is not empty")
    keep.mkdir(parents=True, exist_ok=True)
    yield keep


def run_snippets(
    items: Sequence[tuple[str, str]], published: str, source: str, timeout: float, work: Path
) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Run the CLI over ``(item id, text)`` snippets in ``work``: each item's exported mentions,
    and the quarantine reason of each item staging refused."""
    ids = write_corpus(work / "input", items, published, source)
    summary, preds = run_cli(work / "input", work, timeout)
    events: dict[str, list[dict]] = {item: [] for item, _ in items}
    for p in preds:
        for item in ids.get(p["article"], []):
            events[item].append(p)
    refused = {}
    for q in summary["quarantined"]:
        for item in ids.get(q.get("article_id") or Path(q["source_path"]).stem, []):
            refused[item] = q["reason"]
    return events, refused


EVENT_TYPES = SCORE_KEYS[1:]


def rate(hits: int, rows: int) -> float | None:
    """``hits / rows`` to 3 places; None for no rows."""
    return round(hits / rows, 3) if rows else None


def run_bench(
    name: str, args: argparse.Namespace, items: Sequence[tuple[str, str]], published: str
) -> tuple[dict[str, list[dict]], dict] | None:
    """:func:`run_snippets` with the bench options: each item's mentions and the run's facts
    (quarantined items, seconds, date), or None after saying why the CLI failed."""
    t0 = time.monotonic()
    with work_dir(args.keep) as work:
        try:
            events, refused = run_snippets(items, published, name, args.timeout, work)
        except CliError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            return None
    seconds = round(time.monotonic() - t0, 1)
    return events, {"quarantined": refused, "seconds": seconds, "date": _today()}


def _today() -> str:
    return time.strftime("%Y-%m-%d")
