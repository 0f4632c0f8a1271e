"""Score extraction against gold events with the guideline's scorer (no Prefect)."""

from __future__ import annotations

import importlib.util
import tempfile
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
