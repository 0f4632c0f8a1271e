"""Event trigger lexicon: verb lemmas, phrasal verbs and nouns to (type, subtype, CAMEO).

``verbs.tsv`` is generated from CAMEO.2.0.txt (verb blocks whose code maps to one of our
four event types) plus hand-written rows that refine CAMEO's coarse codes. CAMEO roots map:

* 01 make statement -> statement/comment (015 acknowledge -> announcement, 016 deny ->
  rejection); 02 appeal -> statement/appeal; 03 intent to cooperate -> statement/commitment.
* 04 consult -> talks: 040/044 meeting, 041 phone_call, 042/043 visit, 045 mediate and 046
  negotiate -> negotiation; 057 sign agreement -> talks/negotiation.
* 10 demand -> statement/demand; 11 disapprove -> statement/accusation (110 criticise, 112
  accuse); 12 reject -> statement/rejection; 13 threaten -> statement/threat.
* 15 force posture (150-154) -> deployment/troops; 0874 retreat -> deployment/withdrawal.
* 18 assault -> attack (180-182 clash, 183 bombing, 185/186 killing); 19 fight -> attack
  (190/193/196 clash, 191/192 ground_assault, 194 shelling, 195 airstrike); 20 mass
  violence -> attack/killing. Other roots (05-09 cooperation/aid, 14 protest, 16-17
  sanctions/coercion) are dropped.

Nouns come from ``nouns.tsv`` (hand-written). Markers such as "call off" (cancellation) are
returned by :func:`marker`, not as event classes.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from newsevents.lexicon import fold, read_tsv

_GENERIC = {"clash", "comment", "meeting"}
# Verb (+ particle) that cancels or postpones the event it governs.
_MARKERS: dict[tuple[str, str], str] = {
    ("call", "off"): "cancel",
    ("cancel", ""): "cancel",
    ("scrap", ""): "cancel",
    ("scrub", ""): "cancel",
    ("abandon", ""): "cancel",
    ("postpone", ""): "postpone",
    ("delay", ""): "postpone",
    ("put", "off"): "postpone",
    ("push", "back"): "postpone",
    ("suspend", ""): "cancel",
}


class VerbClass(NamedTuple):
    """An event class for a trigger word: our (type, subtype) and the CAMEO code."""

    type: str
    subtype: str
    cameo: str


def _specificity(vc: VerbClass) -> int:
    return len(vc.cameo) + (0 if vc.subtype in _GENERIC else 2)


@functools.lru_cache(maxsize=1)
def _verbs() -> dict[tuple[str, str], list[VerbClass]]:
    table: dict[tuple[str, str], list[VerbClass]] = {}
    rows = list(read_tsv("verbs.tsv"))
    # Hand-written rows first: they refine CAMEO's block-level codes.
    rows.sort(key=lambda r: 0 if r[5] == "manual" else 1)
    for lemma, particle, cameo, typ, sub, _src in rows:
        vc = VerbClass(typ, sub, cameo)
        bucket = table.setdefault((lemma, particle), [])
        if all(b[:2] != vc[:2] for b in bucket):
            bucket.append(vc)
    for key, bucket in table.items():
        table[key] = sorted(bucket, key=_specificity, reverse=True)
    return table


@functools.lru_cache(maxsize=1)
def _nouns() -> dict[str, list[VerbClass]]:
    table: dict[str, list[VerbClass]] = {}
    for lemma, typ, sub, cameo in read_tsv("nouns.tsv"):
        table.setdefault(lemma, []).append(VerbClass(typ, sub, cameo))
    return table


def _split(lemma: str) -> tuple[str, str]:
    parts = fold(lemma).replace("_", " ").split()
    if not parts:
        return "", ""
    return parts[0], " ".join(parts[1:])


def verb_classes(lemma: str) -> list[VerbClass]:
    """Event classes for a verb lemma, most specific first.

    Args:
        lemma: e.g. "shell", "meet", "accuse"; "shoot down" is treated as phrasal.

    Returns:
        e.g. ``[VerbClass("attack", "shelling", "194")]``; empty if not a trigger.
    """
    head, particle = _split(lemma)
    return list(_verbs().get((head, particle), ()))


def phrasal(lemma: str, particle: str) -> list[VerbClass]:
    """Event classes for a phrasal verb such as ("shoot", "down") or ("pull", "out")."""
    return list(_verbs().get((fold(lemma), fold(particle)), ()))


def marker(lemma: str, particle: str = "") -> str | None:
    """ "cancel"/"postpone" for verbs that cancel the event they govern ("call off")."""
    return _MARKERS.get((fold(lemma), fold(particle)))


def noun_classes(lemma: str) -> list[VerbClass]:
    """Event classes for a nominal trigger ("airstrike", "talks", "phone call").

    Args:
        lemma: noun or noun compound; plural "clashes"/"talks" are listed as is, other
            regular plurals fall back to the singular.

    Returns:
        List of :class:`VerbClass`, most specific first; empty if not a trigger.
    """
    key = " ".join(fold(lemma).replace("-", " ").split())
    table = _nouns()
    hit = table.get(key) or table.get(key.replace(" ", "-"))
    if hit is None and key.endswith("s"):
        hit = table.get(key[:-1])
    if hit is None and key.replace(" ", "") in table:
        hit = table[key.replace(" ", "")]
    return sorted(hit or (), key=_specificity, reverse=True)
