"""Score `newsevents run` on the CASE 2021 task-2 dev snippets (ACLED sub-types).

usage: python bench/case2021.py [--limit N] [--add-stop] [--diff] [--json] [--timeout S]

Writes each snippet of ../shared/case2021/dev.tsv as one article (published 2021-01-01),
runs the CLI over them and prints attack recall over the attack rows, the attack
false-alarm rate over the "none of ours" rows, deployment recall over HQ_ESTABLISHED rows,
and a table per ACLED sub-type (the share of its rows that yield each of our types).
The snippets are scored as written (most lack a final stop); ``--add-stop`` appends one to
those that lack it, for comparison. ``--diff`` lists the missed attack and deployment rows
with what was predicted, and the false alarms.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from newsevents.evaluate import EVENT_TYPES as TYPES
from newsevents.evaluate import bench_parser, format_table, rate, require_shared, run_bench

# ../shared/case2021/README.md: how ACLED's sub-types map onto our types.
ATTACK = frozenset(
    {
        "ARMED_CLASH",
        "AIR_STRIKE",
        "ART_MISS_ATTACK",
        "SUIC_BOMB",
        "REM_EXPLOS",
        "GRENADE",
        "CHEM_WEAP",
        "ATTACK",
        "GOV_REGAINS_TERIT",
        "NON_STATE_ACTOR_OVERTAKES_TER",
    }
)
DEPLOYMENT = frozenset({"HQ_ESTABLISHED"})
NONE_OF_OURS = frozenset(
    {"PEACE_PROTEST", "NATURAL_DISASTER", "AGREEMENT", "DIPLO", "MAN_MADE_DISASTER"}
)
PUBLISHED = "2021-01-01"
FINAL_STOP = re.compile(r"[.!?][\"'”’)\]]*\s*$")


class Row(NamedTuple):
    id: str
    text: str
    subtype: str


def group(subtype: str) -> str:
    """Which of our figures a sub-type's rows count in: attack, deployment, none or unscored."""
    if subtype in ATTACK:
        return "attack"
    if subtype in DEPLOYMENT:
        return "deployment"
    return "none" if subtype in NONE_OF_OURS else "unscored"


def read_rows(path: Path, limit: int | None = None) -> list[Row]:
    """The rows of ``dev.tsv`` (``id, EventSnippet, SubType``; tabs, no quoting)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [Row(*rec[:3]) for rec in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return rows[1 : None if limit is None else limit + 1]


def with_stop(text: str) -> str:
    """``text`` ending in a full stop (kept as it is when it already ends a sentence)."""
    return text if FINAL_STOP.search(text) else text.rstrip() + "."


def score_case(rows: Sequence[Row], events: Mapping[str, list[dict]]) -> dict:
    """The CASE figures: attack recall, attack false alarms, deployment recall, and per
    sub-type the rows and how many yield each of our types (or none)."""
    subtypes: dict[str, dict] = {}
    for row in rows:
        got = {e["type"] for e in events.get(row.id, [])}
        t = subtypes.setdefault(
            row.subtype,
            {"group": group(row.subtype), "rows": 0, **dict.fromkeys(TYPES, 0), "no_event": 0},
        )
        t["rows"] += 1
        t["no_event"] += not got
        for kind in got & set(TYPES):
            t[kind] += 1
    for t in subtypes.values():
        t["attack_rate"] = rate(t["attack"], t["rows"])

    def total(grp: str, kind: str) -> tuple[int, int]:
        picked = [t for t in subtypes.values() if t["group"] == grp]
        return sum(t[kind] for t in picked), sum(t["rows"] for t in picked)

    attack_hits, attack_rows = total("attack", "attack")
    false_alarms, none_rows = total("none", "attack")
    deploy_hits, deploy_rows = total("deployment", "deployment")
    return {
        "rows": len(rows),
        "attack_rows": attack_rows,
        "attack_hits": attack_hits,
        "attack_recall": rate(attack_hits, attack_rows),
        "none_rows": none_rows,
        "false_alarms": false_alarms,
        "false_alarm_rate": rate(false_alarms, none_rows),
        "deployment_rows": deploy_rows,
        "deployment_hits": deploy_hits,
        "deployment_recall": rate(deploy_hits, deploy_rows),
        "subtypes": dict(sorted(subtypes.items(), key=lambda kv: (kv[1]["group"], kv[0]))),
    }


def _event(e: dict) -> str:
    actor = (e.get("actor") or {}).get("country") or (e.get("actor") or {}).get("name")
    return f"{e['type']}/{e['subtype']} {actor} :: {e['evidence'][:90]}"


def diff_lines(rows: Sequence[Row], events: Mapping[str, list[dict]]) -> list[str]:
    """Missed attack rows, missed deployment rows and attack false alarms, with the snippet
    and every event predicted for it."""
    sections = (
        ("MISSED ATTACK", lambda r, got: group(r.subtype) == "attack" and "attack" not in got),
        ("MISSED DEPLOYMENT", lambda r, got: r.subtype in DEPLOYMENT and "deployment" not in got),
        ("FALSE ALARM", lambda r, got: group(r.subtype) == "none" and "attack" in got),
    )
    out: list[str] = []
    for title, wanted in sections:
        hits = [r for r in rows if wanted(r, {e["type"] for e in events.get(r.id, [])})]
        out += ["", f"=== {title} ({len(hits)})"]
        for r in hits:
            out.append(f"{r.id} {r.subtype} :: {r.text}")
            out += [f"    -> {_event(e)}" for e in events.get(r.id, [])] or ["    -> (no event)"]
    return out


def main() -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--limit", type=int, help="only the first N rows")
    ap.add_argument("--add-stop", action="store_true", help="end every snippet with a full stop")
    args = ap.parse_args()
    rows = read_rows(require_shared(args.shared, "case2021", "dev.tsv"), args.limit)
    items = [(r.id, with_stop(r.text) if args.add_stop else r.text) for r in rows]
    got = run_bench("case2021", args, items, PUBLISHED)
    if got is None:
        return 3
    events, facts = got
    res = score_case(rows, events) | facts | {"add_stop": args.add_stop}
    if args.json:
        print(json.dumps(res))
        return 0
    cols = ("group", "rows", "attack_rate", *TYPES, "no_event")
    print(format_table(res["subtypes"], cols, head="subtype"))
    print(
        f"\nattack recall {res['attack_recall']} ({res['attack_hits']}/{res['attack_rows']} "
        f"attack rows)\nattack false alarms {res['false_alarm_rate']} ({res['false_alarms']}/"
        f"{res['none_rows']} none-of-ours rows)\ndeployment recall {res['deployment_recall']} "
        f"({res['deployment_hits']}/{res['deployment_rows']} HQ_ESTABLISHED rows)\n"
        f"{res['rows']} rows, final stop {'added' if args.add_stop else 'as written'}, "
        f"{len(res['quarantined'])} quarantined {sorted(res['quarantined'].items())}, "
        f"{res['seconds']} s"
    )
    if args.diff:
        print("\n".join(diff_lines(rows, events)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
