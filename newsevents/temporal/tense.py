"""Tense of the clause governing a temporal expression: 'past', 'future', 'present' or None."""

from __future__ import annotations

import re
from typing import Any

_FUTURE_WORDS = re.compile(
    r"\b(?:will|wo|'ll|’ll|shall|going\s+to|gonna|is\s+due|are\s+due|due\s+to|expected\s+to|"
    r"expects?\s+to|plans?\s+to|planning\s+to|as\s+soon\s+as|as\s+early\s+as|scheduled|set\s+to|intends?\s+to|"
    r"aims?\s+to|hopes?\s+to|would|next(?!\s+to\b)|upcoming|coming|will\s+be|to\s+be\s+held|"
    r"is\s+to|are\s+to|tomorrow|planned\s+(?:to|for)|planning\s+to|(?:is|are)\s+supposed\s+to|"
    r"slated|payable|effective|(?:planning|preparing|preparations?|prepare)\s+for"
    r"|(?:forecast|projected|predicted|likely|poised)\s+to"
    # a postponement, extension or grant of time points past the time it was decided
    # ("extended ... until", "gave them until")
    r"|(?:postpon|delay|defer|extend|adjourn|giv|gave)\w*\b[^.;:]{0,60}?\b(?:until|till|through))\b",
    re.I,
)
_PAST_WORDS = re.compile(
    r"\b(?:(?:was|were|had\s+been)\s+(?:due|expected|scheduled|set|supposed|planned|forecast"
    r"|projected|predicted|likely|poised)\s+to|was|were|had|did|said|told|ago|last|yesterday|earlier|previously|"
    r"came|went|took|gave|made|met|held|began|began|won|lost|fell|rose|saw|left|"
    r"announced|reported|killed|added|agreed|spoke|wrote|sent|found|got|struck|hit|"
    r"brought|bought|sold|told|thought|fought|caught|taught|sought|kept|felt|led|paid|"
    r"ran|rang|sang|sat|stood|understood|knew|grew|threw|drew|flew|blew|broke|chose|"
    r"drove|rode|wore|tore|swore|froze|stole|woke|forgot|became|overcame|shot|quit|"
    r"fled|fed|bled|slid|hid|bit|built|lent|spent|bent|meant|dealt|heard|held|"
    r"withdrew|undertook|overtook|mistook|shook|forbade|forgave|gave|ate|fought|"
    r"dug|hung|stuck|struck|swung|won|spun|slept|swept|wept|crept|leapt|dreamt|"
    r"[a-z]{3,}ed)\b",
    re.I,
)
_INFINITIVE = re.compile(
    r"\bto\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b|our\b|my\b|this\b|that\b|these\b"
    r"|those\b|be\b|death\b|power\b|office\b|court\b|prison\b|jail\b|date\b|trial\b|war\b"
    r"|hospital\b|school\b|work\b|town\b|justice\b|\d)[a-z]+\b"
)
# A participle after a form of "be" takes its tense from the auxiliary ("will be paid", "is
# heard"); "was"/"were" are past cues of their own.
_BE_BEFORE = re.compile(r"\b(?:be|being|is|are|am|was|were)\s+(?:\w+ly\s+)?$", re.I)
# "a still unspecified date", "the proposed plan": an -ed adjective inside a noun phrase
_DET_BEFORE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our|this|these|those)\s+(?:\w+ly\s+|still\s+|newly\s+)?$",
    re.I,
)
# A full stop ends a clause unless it closes an initial or a common abbreviation ("Mr.", "Feb.").
_CLAUSE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)"
    r"(?<!\bGov)(?<!\bCol)(?<!\bCo)(?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bJan)(?<!\bFeb)(?<!\bAug)"
    r"(?<!\bSept)(?<!\bSep)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\bU\.S)(?<!\bNo)(?<!\bLt)(?<!\bvs)"
    r"\.(?!\d)|[;:!?\n]|\s[–—-]\s"
)
_NOT_PAST_ED = frozenset({"need", "indeed", "speed", "seed", "feed", "bed", "red", "shed", "proceed",
                          "exceed", "succeed", "hundred", "united", "based", "related",
                          "limited", "concerned", "interested", "expected", "scheduled",
                          "planned", "slated", "advanced", "armed", "backed", "supported", "led"})  # fmt: skip


# News writes scheduled events in the simple present: "the leaders meet Monday", "the court
# opens hearings on Tuesday". Reporting verbs ("says") are left out: they report the past.
_SCHEDULED = re.compile(
    r"\b(?:meet|visit|travel|arrive|leave|begin|start|hold|resume|return|vote|open|close|fly"
    r"|convene|gather|host|head|go|sign|launch|reopen|debate|decide|rule|hear|play|face"
    r"|take\s+office|step\s+down)(?:s|es)?(?:\s+\w+ly)?(?:\s+(?:on|at))?\s+$",
    re.I,
)
_PAST_BEFORE = re.compile(r"\b(?:was|were|had|did)\b[^.;]*$", re.I)
# A copula before the day also schedules: "the vote is Thursday", "talks are set for Monday".
_SCHEDULED_BE = re.compile(
    r"\b(?:is|are)(?:\s+\w+ly)?(?:\s+(?:set|scheduled|slated|due|planned|expected))?"
    r"(?:\s+(?:for|on|in|by))?\s+$"
    r"|\bset\s+for\s+$",
    re.I,
)
# "last" is a verb after a modal or "to" ("expected to last until Friday"), not "last week"
_LAST_VERB = re.compile(
    r"\b(?:to|will|would|could|can|may|might|should|must|not|'ll|’ll)\s+$", re.I
)


def _is_headline(text: str, pos: int) -> bool:
    """A line with no closing full stop: headlines use the present for past events."""
    end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1 : len(text) if end == -1 else end].rstrip()
    return not line.endswith((".", "!", "?", '"', "”", "'"))


def tense_from_window(text: str, start: int, end: int) -> str | None:
    """Guess tense from cue words in the clause around ``text[start:end]``.

    The nearest cue wins; future cues (modals, "is due to", "plans to") beat past ones at
    equal distance because a future modal outranks an embedding "said".
    """
    lo = max(0, start - 90)
    left = text[lo:start]
    if not _is_headline(text, start):
        for rx in (_SCHEDULED, _SCHEDULED_BE):
            sched = rx.search(left)
            if sched and not _PAST_BEFORE.search(left, 0, sched.start()):
                return "future"
    cut = [m.end() for m in _CLAUSE_END.finditer(left)]
    if cut:
        left = left[cut[-1] :]
    right = text[end : end + 80]
    m = _CLAUSE_END.search(right)
    if m:
        right = right[: m.start()]
    best: tuple[int, str] | None = None
    for seg, is_left in ((left, True), (right, False)):
        # past first so "was due to" beats the "due to" inside it at equal distance
        for rx, label in ((_PAST_WORDS, "past"), (_FUTURE_WORDS, "future")):
            for mm in rx.finditer(seg):
                word = mm.group(0).lower()
                if label == "past" and word in _NOT_PAST_ED:
                    continue
                if word == "last" and _LAST_VERB.search(seg, 0, mm.start()):
                    continue
                if label == "past" and (
                    _BE_BEFORE.search(seg, 0, mm.start())
                    or (word.endswith("ed") and _DET_BEFORE.search(seg, 0, mm.start()))
                ):
                    continue  # a passive participle: "will be named" takes its tense from "will"
                dist = len(seg) - mm.end() if is_left else mm.start() + 30
                if best is None or dist < best[0]:
                    best = (dist, label)
                    if is_left and label == "past" and _INFINITIVE.search(seg, mm.end()):
                        # "decided to admit them in March": the past verb does not date the
                        # unrealised infinitive event
                        best = (dist, "")
    return best[1] or None if best else None


_FUT_LEMMAS = frozenset({"plan", "expect", "schedule", "intend", "aim", "hope", "due", "set",
                         "prepare", "want", "seek", "propose", "agree", "decide", "vow",
                         "promise", "threaten", "pledge"})  # fmt: skip


def _verb_tense(tok: Any) -> str | None:
    """Tense of one verb token from its tag and auxiliaries."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    for a in auxes:
        low = a.lower_
        if a.tag_ == "MD":
            if low in ("will", "'ll", "’ll", "shall", "wo", "would", "'d", "’d"):
                return "future"
            return None
    # the perfect first: "have been searching since" is past, not a progressive future
    if any(a.lemma_ == "have" for a in auxes):
        return "past"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if tok.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
        return "future"  # the present progressive of a plan: "is meeting him on Sunday"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"  # "is expected", "are held": the auxiliary carries the tense
    if tok.tag_ in ("VBD", "VBN"):
        return "past"
    if tok.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _governing_verb(tok: Any) -> Any:
    """The nearest verb at or above ``tok`` that is not itself an auxiliary, or None."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:  # the root (spaCy makes a new Token per access: compare .i)
            return None
        tok = tok.head
    return None


def _infinitive_tense(inf: Any) -> str | None:
    """Tense of an infinitive ("to meet on Sunday") from the verb it depends on.

    A plan word (plan, expect, due, agree...) looks forward unless the plan itself is told in
    the past with an auxiliary ("had been due to expire Friday", "was scheduled to"). Any
    other infinitive under a past verb is a purpose or result ("staged celebrations to mark
    the entry on Friday") and takes no tense of its own.
    """
    head = inf.head
    if head.i == inf.i:
        return "future"  # a headline infinitive: "Ministers to meet Sunday"
    gov = _governing_verb(head)
    gt = _verb_tense(gov) if gov is not None else None
    if head.lemma_ in _FUT_LEMMAS or head.lower_ == "due":
        # "was due to", "had been scheduled to": the plan word is a complement or takes an
        # auxiliary; a bare past decision verb ("agreed to buy in May") still looks ahead
        auxed = gov is not None and (
            gov.i != head.i
            or any(c.dep_ in ("aux", "auxpass") for c in (*gov.children, *head.children))
        )
        return "past" if gt == "past" and auxed else "future"
    if gt == "future" or head.lower_ == "going":
        return "future"
    if head.lemma_ == "be" and inf.dep_ == "xcomp" and gt != "past":
        return "future"  # "the talks are to resume Monday"; not a subject ("to join ... was")
    if gt == "past":
        return None
    return "future"


def tense_from_doc(doc: Any, start: int, end: int) -> str | None:
    """Tense of the verb governing the expression, from a spaCy Doc over the same text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = _governing_verb(span.root)
    if tok is None:
        return None
    # "to meet", and at a headline's root the perfect "Troops to have left Kabul by Sunday"
    if (tok.tag_ == "VB" or tok.head.i == tok.i) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    ):
        return _infinitive_tense(tok)
    t = _verb_tense(tok)
    if t == "present":
        # "is expected to", "is going to": look at the xcomp.
        for c in tok.children:
            if c.dep_ == "xcomp" and c.tag_ == "VB":
                return "future"
        if tok.lemma_ == "be":
            for c in tok.children:
                if c.lower_ in ("due",):
                    return "future"
    return t
