"""Print the seed-gold scores per type, and optionally the unmatched events.

usage: python bench/score_seeds.py [--diff]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsevents.evaluate import SCORE_COLS, SCORE_KEYS, diff_lines, format_table, load_scorer, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "seeds.events.jsonl"
SCORER = ROOT / "tests" / "gold" / "score_events.py"


def main(gold: Path = GOLD, input_dir: Path = ROOT / "seeds") -> None:
    """Print the per-type score table for ``input_dir`` against ``gold``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--diff", action="store_true", help="list gold and predictions per article")
    args = ap.parse_args()
    res, preds = score(gold, SCORER, input_dir)
    print(format_table(res, SCORE_COLS, SCORE_KEYS))
    if args.diff:
        scorer = load_scorer(SCORER)
        print("\n".join(diff_lines(scorer, scorer.load(str(gold)), preds)))


if __name__ == "__main__":
    main()
