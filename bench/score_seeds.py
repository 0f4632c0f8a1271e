"""Print the seed-gold scores per type, and optionally the unmatched events.

usage: python bench/score_seeds.py [--diff]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsevents.evaluate import load_scorer, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "seeds.events.jsonl"
SCORER = ROOT / "tests" / "gold" / "score_events.py"


def main(gold: Path = GOLD, input_dir: Path = ROOT / "seeds") -> None:
    """Print the per-type score table for ``input_dir`` against ``gold``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--diff", action="store_true", help="list gold and predictions per article")
    args = ap.parse_args()
    res, preds = score(gold, SCORER, input_dir)
    cols = (
        "gold",
        "pred",
        "strict_p",
        "strict_r",
        "strict_f1",
        "lenient_f1",
        "date_acc",
        "actor_acc",
    )
    print(f"{'type':<11}" + "".join(f"{c:>11}" for c in cols))
    for key in ("all", "attack", "talks", "statement", "deployment"):
        if key in res:
            print(f"{key:<11}" + "".join(f"{res[key][c]:>11}" for c in cols))
    if args.diff:
        scorer = load_scorer(SCORER)
        gold = scorer.load(str(gold))
        for art in sorted({g["article"] for g in gold}):
            golds = [g for g in gold if g["article"] == art]
            mine = [p for p in preds if p["article"] == art]
            pairs = scorer.pair(golds, mine)
            print(f"\n=== {art}")
            for g, p in pairs:
                ok = scorer.actor_ok(p, g) and scorer.date_ok(p, g)
                flag = "OK " if ok else "BAD"
                opt = " (opt)" if g.get("optional") else ""
                print(
                    f"{flag} {g['id']}{opt} {g['type']} gold {g['date']} {g['precision']} "
                    f"{(g['actor'] or {}).get('country')} | pred {p['date']} {p['precision']} "
                    f"{(p['actor'] or {}).get('name')}/{(p['actor'] or {}).get('country')} "
                    f"[{p['date_text']}] :: {p['evidence'][:70]}"
                )
            paired_g = {id(g) for g, _ in pairs}
            paired_p = {id(p) for _, p in pairs}
            for g in golds:
                if id(g) not in paired_g and not g.get("optional"):
                    print(f"MISS {g['id']} {g['type']} {g['date']} :: {g['evidence'][:80]}")
            for p in mine:
                if id(p) not in paired_p:
                    print(
                        f"FP   {p['type']}/{p['subtype']} {p['date']} "
                        f"{json.dumps(p['actor'])} :: {p['evidence'][:80]}"
                    )


if __name__ == "__main__":
    main()
