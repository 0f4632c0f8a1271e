"""Bytes to text: the encoding of an article file, binary data, and the English check."""

from __future__ import annotations

import re

# C0 controls other than tab, newlines, vertical tab and form feed, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Bytes that only Windows-1252 gives printable meaning: smart quotes, dashes, ellipsis, euro.
_CP1252_MARKS = re.compile(rb"[\x80\x85\x91-\x97]")
# C1 control range: never text in Latin-1, so a file using it is not Latin-1.
_C1 = re.compile(rb"[\x80-\x9f]")


def looks_binary(text: str) -> bool:
    """True when decoded text holds a NUL or more than a trace of control characters."""
    if "\x00" in text:
        return True
    return len(_CONTROL.findall(text)) > max(2, len(text) // 200)


def _plausible_text(text: str) -> bool:
    # Mis-decoded bytes turn into a soup of accented letters and symbols; real
    # Western European text is overwhelmingly ASCII.
    if not text or looks_binary(text):
        return False
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return non_ascii <= max(3, len(text) // 5)


def detect_encoding(data: bytes) -> str | None:
    """The codec that decodes ``data`` as text, or None when none plausibly does.

    UTF-8 (with or without BOM) and BOM-marked UTF-16 are taken as they are.
    Otherwise Windows-1252 is chosen only when the bytes use its typical
    punctuation (0x91-0x97 smart quotes and dashes, 0x85, 0x80) and decode
    cleanly; Latin-1 only when no C1 control byte appears and the result reads
    as text. Anything else is undecidable.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return "utf-16"
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    if _CP1252_MARKS.search(data):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None  # 0x81, 0x8D, 0x8F, 0x90 or 0x9D: undefined in cp1252
        return "cp1252" if _plausible_text(text) else None
    if not _C1.search(data) and _plausible_text(data.decode("latin-1")):
        return "latin-1"
    return None


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Decode article bytes; return ``(text, None)`` or ``(None, reason)``.

    A leading byte-order mark is removed, so offsets count from the first
    character after it.
    """
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "binary"
    codec = detect_encoding(data)
    if codec is None:
        return None, "undecodable"
    text = data.decode(codec).removeprefix("\ufeff")
    if looks_binary(text):
        return None, "binary"
    return text, None


DECODE_MESSAGES = {
    "binary": "the file holds NUL or control bytes: binary, not text",
    "undecodable": "the file is not UTF-8, and not recognisably Windows-1252 or Latin-1 text",
}

# --- language -------------------------------------------------------------------------------

_EN_STOPWORDS = frozenset(
    """a about after against all also an and any are as at be been before between both but by
    can could did do does during each for from had has have he her his how i if in into is it
    its more most no not of on one only or other our out over said says she should so some such
    than that the their them then there these they this those through to under up was we were
    what when where which while who will with would you""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS_FOR_LANGUAGE = 25
MIN_STOPWORD_RATIO = 0.12


def is_english(text: str) -> bool:
    """A light check: enough Latin letters and enough common English function words.

    Running English prose has 30-50% of its words among :data:`_EN_STOPWORDS`;
    French, Spanish, German and the like have under 10%. Texts under
    :data:`MIN_WORDS_FOR_LANGUAGE` words are too short to judge and pass.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 50 and sum(ch.isascii() for ch in letters) < 0.7 * len(letters):
        return False  # mostly non-Latin script: Cyrillic, Arabic, CJK...
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return True
    return sum(w in _EN_STOPWORDS for w in words) / len(words) >= MIN_STOPWORD_RATIO
