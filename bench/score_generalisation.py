"""Score extraction on the blind generalisation set (tests/data/generalisation).

usage: python bench/score_generalisation.py [--diff]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_seeds import main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    main(
        gold=ROOT / "tests" / "data" / "generalisation" / "gold.events.jsonl",
        input_dir=ROOT / "tests" / "data" / "generalisation",
    )
