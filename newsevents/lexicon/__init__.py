"""Lexical resources (actors, countries, agents, places, verbs) and their lookup API.

All data comes from committed files in ``newsevents/data`` (see ``ATTRIBUTION.md``);
nothing here reads outside the package at run time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Letters NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "ʿ": "'",
        "ʾ": "'",
        "‐": "-",
        "–": "-",
        "—": "-",
    }
)

# Words, single punctuation marks; hyphens are separators so "al-Assad" == "al Assad".
_TOKEN_RE = re.compile(r"\w+|[^\w\s-]")


def _build_fold_table() -> dict[int, str]:
    """Map every Latin letter with diacritics to its ASCII base, once, for ``str.translate``."""
    table: dict[int, str] = {}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base != ch:
            table[cp] = base
    table.update({k: v for k, v in _SPECIAL.items()})
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """ASCII-fold Latin letters and lowercase ("Çavuşoğlu" -> "cavusoglu")."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD).lower()


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, surface)`` tokens of ``text`` with offsets into ``text``."""
    for m in _TOKEN_RE.finditer(text):
        yield m.start(), m.end(), m.group()


def key_of(phrase: str) -> tuple[str, ...]:
    """Folded token tuple used as a lookup key for a phrase."""
    return tuple(fold(t) for _, _, t in tokens(phrase))


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of a committed TSV, skipping ``#`` comment lines."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")
