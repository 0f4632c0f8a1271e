"""Score `newsevents run` on the 24 real-news articles with the guideline's scorer.

usage: python bench/score_realnews.py [--shared DIR] [--diff] [--json] [--timeout S] [--keep DIR]

Copies ../shared/realnews/articles into a temporary folder, runs the CLI over it into a
throwaway warehouse, exports the mentions and scores them against
../shared/realnews/gold.jsonl with ../shared/gold/score_events.py: strict and lenient F1,
date and actor accuracy, overall and per type. ``--diff`` lists per article each gold event
OK/BAD with its wrong fields, each miss and each false alarm.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import time
from types import ModuleType

from newsevents.evaluate import (
    SCORE_COLS,
    SCORE_KEYS,
    CliError,
    bench_parser,
    diff_lines,
    format_table,
    load_scorer,
    require_shared,
    run_cli,
    work_dir,
)


def score_realnews(scorer: ModuleType, gold: list[dict], preds: list[dict]) -> dict:
    """The scorer's figures per key (``all`` and each type) for ``preds`` against ``gold``."""
    return scorer.score(gold, preds)


def main() -> int:
    args = bench_parser(__doc__).parse_args()
    articles = require_shared(args.shared, "realnews", "articles")
    gold_path = require_shared(args.shared, "realnews", "gold.jsonl")
    scorer = load_scorer(require_shared(args.shared, "gold", "score_events.py"))
    t0 = time.monotonic()
    with work_dir(args.keep) as work:
        shutil.copytree(articles, work / "input")
        try:
            summary, preds = run_cli(work / "input", work, args.timeout)
        except CliError as exc:
            print(f"realnews: {exc}", file=sys.stderr)
            return 3
    seconds = round(time.monotonic() - t0, 1)
    gold = scorer.load(str(gold_path))
    res = score_realnews(scorer, gold, preds)
    quarantined = [q.get("article_id") or q.get("source_path") for q in summary["quarantined"]]
    if args.json:
        today = dt.date.today().isoformat()
        print(
            json.dumps(
                {"date": today, "scores": res, "quarantined": quarantined, "seconds": seconds}
            )
        )
        return 0
    print(format_table(res, SCORE_COLS, SCORE_KEYS))
    print(f"\n{len(preds)} mentions, {len(quarantined)} quarantined, run + export {seconds} s")
    if args.diff:
        print("\n".join(diff_lines(scorer, gold, preds, fields=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
