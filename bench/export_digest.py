"""Digests of what the CLI exports on the seeds, the generalisation set and ../shared/realnews.

A behaviour-preserving change leaves every export byte-identical:

    python bench/export_digest.py --save /tmp/before.json    # on the commit before
    python bench/export_digest.py --check /tmp/before.json   # after: exit 1 when one differs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from newsevents.evaluate import SHARED, call_cli, work_dir

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "seeds": ROOT / "seeds",
    "generalisation": ROOT / "tests" / "data" / "generalisation",
    "realnews": SHARED / "realnews" / "articles",
}
EXPORTS = [("mentions", "jsonl"), ("events", "jsonl"), ("mentions", "csv"), ("events", "csv")]


def digests(input_dir: Path, work: Path, timeout: float) -> dict[str, str]:
    """sha256 of each export of ``input_dir`` after a run into a fresh warehouse in ``work``."""
    db = work / "w.duckdb"
    call_cli(["run", "--input", str(input_dir), "--warehouse", str(db)], work, timeout, (0, 4))
    out: dict[str, str] = {}
    for what, fmt in EXPORTS:
        path = work / f"{what}.{fmt}"
        args = ["export", "--warehouse", str(db), "--out", str(path), "--what", what]
        call_cli([*args, "--format", fmt, "--quiet"], work, timeout, (0,))
        out[f"{what}.{fmt}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--save", type=Path, help="write the digests to this JSON file")
    ap.add_argument("--check", type=Path, help="compare with digests saved earlier")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per command (900)")
    args = ap.parse_args()
    found: dict[str, dict[str, str]] = {}
    for name, folder in SETS.items():
        if not folder.is_dir():
            print(f"{name}: {folder} not found, skipped")
            continue
        with work_dir(None) as work:
            found[name] = digests(folder, work, args.timeout)
        for export, digest in found[name].items():
            print(f"{name:<15} {export:<15} {digest[:16]}")
    if args.save:
        args.save.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    if args.check:
        saved = json.loads(args.check.read_text(encoding="utf-8"))
        changed = [
            f"{name} {export}"
            for name, exports in saved.items()
            for export, digest in exports.items()
            if found.get(name, {}).get(export) != digest
        ]
        print("identical" if not changed else "changed: " + ", ".join(changed))
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
