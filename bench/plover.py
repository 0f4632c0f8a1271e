"""Score `newsevents run` on the PLOVER gold-standard records (CAMEO manual sentences).

usage: python bench/plover.py [--limit N] [--diff] [--json] [--timeout S]

Writes each record of ../shared/plover/gsr.jsonl as one article (no dates are annotated,
so every one is published 2016-01-01), runs the CLI over them and prints, per our type and
per PLOVER category: type recall (a record of a mapped category yields an event of that
type) and actor accuracy (of those, one such event's actor country is one of the record's
``actor`` codes; for talks, of either side). Categories mapped to none of ours show which
of our types they yield. ``--diff`` lists the misses per category with the text and the
predicted types and actors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Collection, Mapping, Sequence

from newsevents.evaluate import EVENT_TYPES as TYPES
from newsevents.evaluate import bench_parser, format_table, rate, require_shared, run_bench
from newsevents.lexicon.countries import IGO_CODES

PUBLISHED = "2016-01-01"
# The records' CAMEO codes that differ from ISO-3; "IGO" names no body, so any body code counts.
ALIASES = {"JAP": "JPN", "VTN": "VNM"}


def _codes(parties: Sequence[dict]) -> set[str]:
    return {ALIASES.get(c, c) for c in (str(p.get("country") or "").upper() for p in parties) if c}


def actor_ok(record: Mapping, events: Sequence[dict], igo_codes: Collection[str]) -> bool:
    """Whether one of ``events`` has an actor country among the record's actor codes (talks:
    actor or target codes); a record with no code accepts any actor."""
    want = _codes(record["actor"])
    if record["type"] == "talks":
        want |= _codes(record["target"])
    if not want:
        return True
    for e in events:
        got = str((e.get("actor") or {}).get("country") or "").upper()
        if got in want or ("IGO" in want and got in igo_codes):
            return True
    return False


def score_plover(
    records: Sequence[Mapping], events: Mapping[str, list[dict]], igo_codes: Collection[str]
) -> dict:
    """Per our type (and ``all`` mapped records) and per PLOVER category: rows, hits (an event of
    the mapped type), recall, actor_ok and actor accuracy over the hits; every category also
    counts the records yielding each of our types."""
    cats: dict[str, dict] = {}
    types: dict[str, dict] = {k: {"rows": 0, "hits": 0, "actor_ok": 0} for k in ("all", *TYPES)}
    for rec in records:
        mine = events.get(rec["id"], [])
        got = {e["type"] for e in mine}
        c = cats.setdefault(
            rec["plover_event"],
            {"type": rec["type"] or "-", "rows": 0, "hits": 0, "actor_ok": 0}
            | dict.fromkeys(TYPES, 0),
        )
        c["rows"] += 1
        for kind in got & set(TYPES):
            c[kind] += 1
        if rec["type"] is None:
            continue
        hit = rec["type"] in got
        ok = hit and actor_ok(rec, [e for e in mine if e["type"] == rec["type"]], igo_codes)
        types["all"]["rows"] += 1
        types[rec["type"]]["rows"] += 1
        for t in (c, types["all"], types[rec["type"]]):
            t["hits"] += hit
            t["actor_ok"] += ok
    for t in (*cats.values(), *types.values()):
        t["recall"] = rate(t["hits"], t["rows"]) if t.get("type") != "-" else None
        t["actor_acc"] = rate(t["actor_ok"], t["hits"])
    return {
        "types": {k: v for k, v in types.items() if v["rows"]},
        "categories": dict(sorted(cats.items(), key=lambda kv: (kv[1]["type"], kv[0]))),
    }


def _event(e: dict) -> str:
    actor = e.get("actor") or {}
    return f"{e['type']}/{e['subtype']} {actor.get('name')}/{actor.get('country')}"


def diff_lines(
    records: Sequence[Mapping], events: Mapping[str, list[dict]], igo_codes: Collection[str]
) -> list[str]:
    """Per mapped category: each record missed (no event of its type) or with a wrong actor,
    with its text, its actor codes and what was predicted."""
    out: list[str] = []
    for cat in sorted({r["plover_event"] for r in records if r["type"]}):
        recs = [r for r in records if r["plover_event"] == cat]
        out += ["", f"=== {cat} -> {recs[0]['type']}"]
        for r in recs:
            mine = events.get(r["id"], [])
            same = [e for e in mine if e["type"] == r["type"]]
            if same and actor_ok(r, same, igo_codes):
                continue
            want = sorted(
                _codes(r["actor"]) | (_codes(r["target"]) if r["type"] == "talks" else set())
            )
            flag = "ACTOR" if same else "MISS "
            out.append(f"{flag} {r['id']} want {r['type']} {'/'.join(want) or '-'} :: {r['text']}")
            out += [f"    -> {_event(e)}" for e in mine] or ["    -> (no event)"]
    return out


def main() -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--limit", type=int, help="only the first N records")
    args = ap.parse_args()
    path = require_shared(args.shared, "plover", "gsr.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()][: args.limit]
    igo_codes = frozenset(IGO_CODES.values())
    items = [(r["id"], r["text"]) for r in records]
    got = run_bench("plover", args, items, PUBLISHED)
    if got is None:
        return 3
    events, facts = got
    res = score_plover(records, events, igo_codes) | facts | {"rows": len(records)}
    if args.json:
        print(json.dumps(res))
        return 0
    cols = ("rows", "hits", "recall", "actor_ok", "actor_acc")
    print(format_table(res["types"], cols, ("all", *TYPES)))
    print()
    print(format_table(res["categories"], ("type", *cols, *TYPES), head="category"))
    print(
        f"\n{len(records)} records, {len(res['quarantined'])} quarantined "
        f"{sorted(res['quarantined'].items())}, "
        f"{res['seconds']} s"
    )
    if args.diff:
        print("\n".join(diff_lines(records, events, igo_codes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
