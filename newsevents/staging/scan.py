"""Staging: read article inputs into validated :class:`Article` objects, or quarantine them.

One interface, :func:`iter_stage` (or :func:`stage_directory`, all at once), reads a
folder holding any mix of

* ``NAME.txt`` plain-text articles, with metadata from ``articles.csv``;
* ``NAME.html``/``NAME.htm`` saved pages (main text extracted with trafilatura,
  metadata from the page's own tags);
* ``*.jsonl`` files, one article per line (``id``, ``text``, optional
  ``published``, ``source``, ``title``, ``url``);
* ``NAME.json`` sidecars beside ``NAME.txt``/``NAME.html`` with the manifest's fields.

Every input then goes through the same code path, :func:`stage_text`. Offsets
matter downstream (evidence spans index ``Article.raw_text``), so a ``.txt``
file's text is kept exactly as decoded (a leading BOM removed), and page
furniture is *marked* as outside the body rather than cut out. For HTML and
JSONL, ``raw_text`` is the extracted or given text, and offsets index that
(it is stored in ``stg_article_text``).

Anything that cannot be staged becomes a :class:`QuarantinedInput` with a
reason code from :data:`REASONS` and a readable message; staging never raises
on bad input.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

from schemas import Article, PublishedHow, QuarantinedInput, Span

MANIFEST = "articles.csv"

# Navigation and sign-up lines that news pages carry around the story.
_FURNITURE = re.compile(
    r"""^\s*(?:
        skip\ to\ (?:main\ )?content
      | related\ (?:articles|stories|content|coverage)
      | back\ to\ top(?:\ button)?
      | read\ more\b.*
      | (?:sign\ up|subscribe)\b.*
      | editor'?s?\ picks?
      | most\ (?:popular|read|viewed)
      | share\ (?:this|on)\b.*
      | (?:advertisement|advertising)
      | updated:.*
      | published:.*
      | (?:image|photo|pictures?):.*
      | follow\ us\b.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_DATE_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_MONTH_RE = r"(?P<month>(?i:" + "|".join(m[:3] + r"[a-z]*\.?" for m in _MONTHS) + r"))"
_UPDATED = re.compile(
    r"^\s*(?:updated|published|posted|first\ published)\s*(?:on)?\s*:?\s*"
    + r"(?:\w+day,?\s+)?(?:"
    + _MONTH_RE
    + r"\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+"
    + _MONTH_RE.replace("month", "month2")
    + r",?\s+(?P<y2>\d{4})|(?P<iso>\d{4}-\d{2}-\d{2}))",
    re.IGNORECASE | re.VERBOSE,
)
# "WASHINGTON, Feb. 7, 2020 (Reuters) -" and similar datelines with a full date.
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'/-]{1,40},\s+"
    + _MONTH_RE
    + r"\s+(?P<d1>\d{1,2}),\s+(?P<y1>\d{4})\s*(?:\([A-Za-z .]+\))?\s*[-–—]",
)


def content_hash(text: str) -> str:
    """Stable identity of an article's content (sha256 of its UTF-8 text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ManifestRow(NamedTuple):
    """One row of ``articles.csv``; ``published_raw`` is kept for error messages.

    A named tuple: a million-row ``articles.csv`` is held as one of these per row, and a
    tuple is both smaller and several times quicker to build than a frozen dataclass.
    """

    article_id: str
    source: str | None = None
    title: str | None = None
    published_raw: str | None = None
    url: str | None = None
    path: str | None = None
    """Optional ``path`` column: the article's file, relative to the input folder."""
    how: PublishedHow = "manifest"
    origin: str = MANIFEST
    """Where the row came from, for messages (``articles.csv``, a sidecar, a JSONL line)."""


# An article id is a value in the warehouse and in exports, never a path: a printable
# token of bounded length (spaces allowed, as in file names), with no path separator.
MAX_ID_CHARS = 200
NESTED_ID_SEP = "__"
"""Joins a nested file's folders and stem into its id: ``2024-05/x.txt`` is ``2024-05__x``."""


def id_problem(article_id: str) -> str | None:
    """Why ``article_id`` is not a valid article id, or None when it is."""
    if not article_id or article_id != article_id.strip():
        return "is blank or starts or ends with whitespace"
    if len(article_id) > MAX_ID_CHARS:
        return f"is {len(article_id)} characters long (at most {MAX_ID_CHARS})"
    if not article_id.isprintable():
        return "holds a newline, tab or other unprintable character"
    if "/" in article_id or "\\" in article_id:
        return "holds a path separator (/ or \\)"
    if not article_id.strip("."):
        return "is only dots"
    return None


def _shown(value: str) -> str:
    """``value`` for a message: quoted, and cut short when long (an id may be 5,000 characters)."""
    return repr(value) if len(value) <= 60 else repr(value[:60]) + f"... ({len(value)} characters)"


def _bad_id(where: str, what: str, article_id: str, problem: str) -> QuarantinedInput:
    # the bad id is not stored as the row's article_id: it is not an id
    return _quarantine(where, "bad_id", f"{what} {_shown(article_id)} {problem}")


def read_manifest(path: Path) -> tuple[dict[str, ManifestRow], list[QuarantinedInput]]:
    """Read ``articles.csv`` (``article_id,source,title,published,url[,path]``; extras ignored).

    Returns the rows by article id, and a ``bad_id`` quarantine for each row whose id is
    not a valid id (see :func:`id_problem`).
    """
    rows: dict[str, ManifestRow] = {}
    bad: list[QuarantinedInput] = []
    names = ("article_id", "source", "title", "published", "url", "path")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        # csv.reader with column positions rather than DictReader: a dict per row is
        # most of the cost of a 100k-row manifest
        reader = csv.reader(fh)
        header = next(reader, [])
        at = {name: i for i, name in enumerate(header)}  # a repeated column: the last wins
        width = len(header)
        # an absent column reads the blank cell padded on at index ``width``
        i_art, i_src, i_title, i_pub, i_url, i_path = (at.get(n, width) for n in names)
        pad = [""] * (width + 1)
        for rec in reader:
            if not rec:
                continue  # DictReader skips blank lines too
            if len(rec) <= width:
                rec += pad[len(rec) :]
            art = rec[i_art].strip()
            if not art:
                continue
            if problem := id_problem(art):
                where = f"{path}:{reader.line_num}"
                bad.append(_bad_id(where, f"{MANIFEST} line {reader.line_num}: id", art, problem))
                continue
            rows[art] = ManifestRow(
                art,
                # the same source and date recur across rows: one string each, not one a row
                sys.intern(rec[i_src].strip()) or None,
                rec[i_title].strip() or None,
                sys.intern(rec[i_pub].strip()) or None,
                rec[i_url].strip() or None,
                rec[i_path].strip() or None,
            )
    return rows, bad


def _blank_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, line)`` for each line, ``end`` excluding the newline."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(line)


def body_spans(text: str) -> tuple[Span, ...]:
    """Spans of the lines that are article body: furniture and repeated captions dropped."""
    seen: set[str] = set()
    spans: list[Span] = []
    for start, end, line in iter_lines(text):
        stripped = line.strip()
        if not stripped or _FURNITURE.match(stripped):
            continue
        if len(stripped) > 40 and stripped in seen:  # a caption printed twice
            continue
        if m := _DATE_STAMP.match(line):
            # Keep the headline that follows a "date YYYY-MM-DD" stamp on the same line.
            start += m.end()
            if not text[start:end].strip():
                continue
        seen.add(stripped)
        spans.append(Span(start=start, end=end))
    return tuple(spans)


def _month_number(token: str) -> int:
    return _MONTHS[next(m for m in _MONTHS if token.lower().startswith(m[:3]))]


def find_published(text: str) -> tuple[dt.date | None, PublishedHow]:
    """Find the publication date in the text itself.

    Looks, in order of trust, for a leading ``date YYYY-MM-DD`` stamp, an
    ``Updated:``/``Published:`` line and a dateline with a full date. A bare
    date at the top of a saved page is the day it was saved, not published,
    so it is never used.
    """
    lines = list(iter_lines(text))
    for _, _, line in lines[:3]:
        if m := _DATE_STAMP.match(line):
            if parsed := _safe_date(m.group(1)):
                return parsed, "text_stamp"
    for _, _, line in lines:
        if m := _UPDATED.match(line):
            if parsed := _date_from_match(m):
                return parsed, "updated_line"
    for _, _, line in lines[:15]:
        if m := _DATELINE.match(line.strip()):
            if parsed := _date_from_match(m):
                return parsed, "dateline"
    return None, "none"


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    if groups.get("iso"):
        return _safe_date(groups["iso"])
    try:
        if groups.get("y1"):
            return dt.date(int(groups["y1"]), _month_number(groups["month"]), int(groups["d1"]))
        if groups.get("y2"):
            return dt.date(int(groups["y2"]), _month_number(groups["month2"]), int(groups["d2"]))
    except (ValueError, StopIteration):
        return None
    return None


def _safe_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


# Reason codes of quarantined inputs, with what each means (the README lists them too).
REASONS: dict[str, str] = {
    "empty": "the file or record is empty or whitespace only",
    "binary": "NUL or control bytes: binary data, not text",
    "undecodable": "not UTF-8, and not recognisably Windows-1252 or Latin-1 text",
    "too_large": "over the max_file_bytes limit",
    "no_body": "only page furniture, or an HTML page with no article text",
    "not_english": "the text is not in English",
    "bad_manifest_date": "articles.csv gives a publication date that is not YYYY-MM-DD",
    "bad_date": "a sidecar or JSONL record gives a publication date that is not YYYY-MM-DD",
    "future_date": "the publication date is after today",
    "unknown_article": "articles.csv lists an article that has no input",
    "outside_input": "the path leaves the input folder (a symlink or ../)",
    "duplicate_content": "same text as another article, which is stored instead",
    "duplicate_id": "a second input with an article id already staged",
    "bad_json": "a JSONL line that is not a JSON object",
    "missing_text": "a JSONL record without a string `text`",
    "missing_id": "a JSONL record without an `id`",
    "bad_id": "an article id that is not a printable token of at most 200 characters "
    "without / or \\ (a JSONL `id`, an articles.csv id, or a file's name)",
    "bad_sidecar": "a NAME.json sidecar that is not a JSON object of metadata",
    "orphan_sidecar": "a NAME.json sidecar with no NAME.txt or NAME.html beside it",
    "unreadable": "the operating system refused to read the file",
}

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SIDECAR_SUFFIX = ".json"


@dataclass
class StagingResult:
    """Articles staged from one input, plus the inputs quarantined on the way."""

    articles: list[Article] = field(default_factory=list)
    quarantined: list[QuarantinedInput] = field(default_factory=list)

    def add(self, item: Article | QuarantinedInput) -> None:
        """Append an article or a quarantined input to the right list."""
        if isinstance(item, Article):
            self.articles.append(item)
        else:
            self.quarantined.append(item)


def _quarantine(
    where: str, reason: str, message: str, article_id: str | None = None
) -> QuarantinedInput:
    return QuarantinedInput(
        source_path=where, article_id=article_id, reason=reason, message=message
    )


# --- decoding -------------------------------------------------------------------------------

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


_DECODE_MESSAGES = {
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


# --- HTML -----------------------------------------------------------------------------------

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|td|tr|table|head|body|script|style|meta|link|img|h[1-6])\b[^>]*>",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """True for a saved web page: it opens with ``<!DOCTYPE html>``/``<html>``, or is mostly tags.

    A plain article that mentions a tag or two stays plain text.
    """
    if _HTML_START.match(text[:2000]):
        return True
    tags = _TAG.findall(text[:200_000])
    return len(tags) >= 20 and sum(map(len, tags)) > 0.1 * min(len(text), 200_000)


@dataclass(frozen=True)
class PageMeta:
    """Metadata read from a page's own tags (each None when the page lacks it)."""

    title: str | None = None
    published_raw: str | None = None
    url: str | None = None
    source: str | None = None


class _MetaParser(HTMLParser):
    """Collects ``<title>``, Open Graph / article meta tags, canonical link and ``<time>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.time: str | None = None
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            name = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if name and a.get("content"):
                self.meta.setdefault(name, a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"]
        elif tag == "time" and a.get("datetime") and self.time is None:
            self.time = a["datetime"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)


def page_meta(html: str) -> PageMeta:
    """Read title, publication time, URL and site name from a page's tags."""
    parser = _MetaParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # a malformed page yields what was read before the error
        pass
    m = parser.meta
    title = " ".join("".join(parser.title_parts).split()) or None
    return PageMeta(
        title=_blank_none(m.get("og:title")) or title,
        published_raw=_blank_none(m.get("article:published_time") or m.get("datepublished"))
        or parser.time,
        url=_blank_none(m.get("og:url")) or parser.canonical,
        source=_blank_none(m.get("og:site_name")),
    )


def html_text(html: str) -> str:
    """The main text of a page (trafilatura), or ``""`` when it finds none."""
    import trafilatura  # heavy import: only when a page is staged

    try:
        text = trafilatura.extract(
            html,
            include_comments=False,
            include_images=False,
            deduplicate=False,
            favor_precision=True,
        )
        if not text:
            text = trafilatura.baseline(html)[1]
    except Exception:  # the parser fails on some malformed pages: treat as no text
        return ""
    return text or ""


# --- staging one article --------------------------------------------------------------------


def merge_meta(*rows: ManifestRow | PageMeta | None) -> ManifestRow | None:
    """Field-wise merge, earlier rows winning; the publication date keeps its origin."""
    present = [r for r in rows if r is not None]
    if not present:
        return None
    # one constructor call: staging merges once per file, 100k times for a large folder
    fields: dict[str, str | None] = {"article_id": "", "how": "none", "origin": ""}
    for row in reversed(present):
        for k in ("source", "title", "url"):
            if (value := getattr(row, k, None)) is not None:
                fields[k] = value
        if row.published_raw:
            fields["published_raw"] = row.published_raw
            fields["how"] = row.how if isinstance(row, ManifestRow) else "page_meta"
            fields["origin"] = row.origin if isinstance(row, ManifestRow) else "the page's tags"
        if isinstance(row, ManifestRow) and row.article_id:
            fields["article_id"] = row.article_id
    return ManifestRow(**fields)  # type: ignore[arg-type]


def stage_text(
    article_id: str,
    text: str,
    *,
    meta: ManifestRow | None = None,
    source_path: str | None = None,
    today: dt.date | None = None,
) -> Article | QuarantinedInput:
    """Stage one decoded article, or quarantine it with the reason.

    This is the single path every input format goes through.
    """
    where = source_path or article_id
    if not text.strip():
        return _quarantine(where, "empty", "the file is empty", article_id)
    if looks_binary(text):
        return _quarantine(where, "binary", _DECODE_MESSAGES["binary"], article_id)
    spans = body_spans(text)
    if not spans:
        return _quarantine(where, "no_body", "only page furniture, no article text", article_id)
    body = "\n".join(text[s.start : s.end] for s in spans)
    if not is_english(body):
        return _quarantine(
            where,
            "not_english",
            "the text does not read as English (too few common English words)",
            article_id,
        )
    published, how = None, "none"
    if meta and meta.published_raw:
        published = _safe_date(meta.published_raw)
        if published is None:
            reason = "bad_manifest_date" if meta.origin == MANIFEST else "bad_date"
            return _quarantine(
                where,
                reason,
                f"{meta.origin} gives publication date {meta.published_raw!r}, "
                "which is not YYYY-MM-DD",
                article_id,
            )
        how = meta.how
    else:
        published, how = find_published(text)
    if published and published > (today or dt.date.today()):
        return _quarantine(
            where, "future_date", f"publication date {published} is in the future", article_id
        )
    return Article(
        article_id=article_id,
        raw_text=text,
        content_hash=content_hash(text),
        published=published,
        published_how=how,
        source=meta.source if meta else None,
        title=(meta.title if meta else None) or _first_line(text, spans),
        url=meta.url if meta else None,
        language="en",
        source_path=source_path,
        body=spans,
    )


def _first_line(text: str, spans: tuple[Span, ...]) -> str | None:
    return text[spans[0].start : spans[0].end].strip()[:300] if spans else None


def stage_bytes(
    article_id: str,
    data: bytes,
    *,
    html: bool = False,
    meta: ManifestRow | None = None,
    source_path: str | None = None,
    max_bytes: int = 5_000_000,
    today: dt.date | None = None,
) -> Article | QuarantinedInput:
    """Stage the bytes of one ``.txt`` (or, with ``html``, ``.html``) file.

    HTML saved as ``.txt`` is detected and routed to the HTML extractor, so
    its article text is staged rather than its markup.
    """
    where = source_path or article_id
    if len(data) > max_bytes:
        return _quarantine(
            where, "too_large", f"{len(data)} bytes is over the {max_bytes}-byte limit", article_id
        )
    if not data.strip():
        return _quarantine(where, "empty", "the file is empty", article_id)
    text, problem = decode(data)
    if text is None:
        reason = problem or "undecodable"
        return _quarantine(where, reason, _DECODE_MESSAGES[reason], article_id)
    if html or looks_like_html(text):
        extracted = html_text(text)
        if not extracted.strip():
            return _quarantine(
                where, "no_body", "no article text found in the HTML page", article_id
            )
        return stage_text(
            article_id,
            extracted,
            meta=merge_meta(meta, page_meta(text)),
            source_path=source_path,
            today=today,
        )
    return stage_text(article_id, text, meta=meta, source_path=source_path, today=today)


# --- one folder -----------------------------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _outside(where: Path, article_id: str | None, target: str) -> QuarantinedInput:
    return _quarantine(
        str(where),
        "outside_input",
        f"{target} resolves outside the input folder; only files inside it are read",
        article_id,
    )


def read_sidecar(path: Path, article_id: str) -> ManifestRow | QuarantinedInput:
    """Read ``NAME.json`` metadata (``source``, ``title``, ``published``, ``url``)."""
    try:
        rec = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return _quarantine(
            str(path), "bad_sidecar", f"{path.name} is not valid JSON: {exc}", article_id
        )
    if not isinstance(rec, dict):
        return _quarantine(
            str(path), "bad_sidecar", f"{path.name} is not a JSON object", article_id
        )
    return ManifestRow(
        article_id=article_id,
        source=_str_field(rec.get("source")),
        title=_str_field(rec.get("title")),
        published_raw=_str_field(rec.get("published")),
        url=_str_field(rec.get("url")),
        how="sidecar",
        origin=path.name,
    )


def _str_field(value: object) -> str | None:
    if value is None:
        return None
    return _blank_none(value if isinstance(value, str) else json.dumps(value))


def stage_jsonl(
    path: Path,
    manifest: dict[str, ManifestRow] | None = None,
    *,
    max_bytes: int = 5_000_000,
    today: dt.date | None = None,
) -> Iterator[Article | QuarantinedInput]:
    """Stage each line of a JSON Lines file; a bad line is quarantined with its number."""
    manifest = manifest or {}
    with path.open("rb") as fh:
        lineno = 0
        while True:
            raw = fh.readline(max_bytes + 1)
            if not raw:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the over-long line
                yield _quarantine(
                    where, "too_large", f"line {lineno} is over the {max_bytes}-byte limit"
                )
                continue
            if not raw.strip():
                continue  # a blank line holds no record
            yield _stage_record(raw, lineno, where, manifest, max_bytes=max_bytes, today=today)


def _stage_record(
    raw: bytes,
    lineno: int,
    where: str,
    manifest: dict[str, ManifestRow],
    *,
    max_bytes: int,
    today: dt.date | None,
) -> Article | QuarantinedInput:
    line, problem = decode(raw)
    try:
        if line is None:
            raise ValueError(_DECODE_MESSAGES[problem or "undecodable"])
        rec = json.loads(line)
    except ValueError as exc:
        return _quarantine(where, "bad_json", f"line {lineno} is not valid JSON: {exc}")
    if not isinstance(rec, dict):
        return _quarantine(where, "bad_json", f"line {lineno} is not a JSON object")
    raw_id = rec.get("id")
    if isinstance(raw_id, str):
        raw_id = raw_id.strip()
    if raw_id is None or raw_id == "":
        return _quarantine(where, "missing_id", f"line {lineno} has no `id`")
    # a string, or an integer (read as its digits); a number with a fraction, a boolean, a
    # list or an object is no id
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        shown = json.dumps(raw_id)
        return _bad_id(where, f"line {lineno}: `id`", shown, "is not a string or an integer")
    art_id = str(raw_id)
    if problem := id_problem(art_id):
        return _bad_id(where, f"line {lineno}: `id`", art_id, problem)
    text = rec.get("text")
    if not isinstance(text, str):
        return _quarantine(where, "missing_text", f"line {lineno} has no string `text`", art_id)
    own = ManifestRow(
        article_id=art_id,
        source=_str_field(rec.get("source")),
        title=_str_field(rec.get("title")),
        published_raw=_str_field(rec.get("published")),
        url=_str_field(rec.get("url")),
        how="jsonl",
        origin=f"line {lineno}",
    )
    return stage_text(
        art_id, text, meta=merge_meta(own, manifest.get(art_id)), source_path=where, today=today
    )


# --- streaming, and the file manifest -------------------------------------------------------


class FileStat(NamedTuple):
    """A file's identity without its content: one row of the warehouse's file manifest.

    The same path, article id, size, modification time (ns) and metadata digest
    (``meta_key``: the sidecar and ``articles.csv`` rows that apply) mean the
    file stages to the article it staged to before. (Named tuples: one per file,
    100k in a large folder, and they are cheap to make.)
    """

    path: str
    article_id: str
    size: int
    mtime_ns: int
    meta_key: str


class Unread(NamedTuple):
    """An article file that was not read, because the warehouse already holds it unchanged."""

    article_id: str
    content_hash: str
    source_path: str
    published: dt.date | None = None


Known = Callable[[Sequence[FileStat]], dict[str, Unread]]
"""Given the stats of files about to be read, those that need not be, by path."""

StagedItem = Article | Unread | QuarantinedInput

# Files are stat-ed and looked up in the file manifest this many at a time: one warehouse
# query each, so a no-op rerun pays a few queries rather than one per window.
LOOKUP_CHUNK = 20_000


def meta_key(sidecar: ManifestRow | None, listed: ManifestRow | None) -> str:
    """A digest of the metadata rows an article file is staged with (sidecar, articles.csv).

    It digests the rows rather than their merge, so a skipped file needs no merge.
    """
    raw = f"{_meta_text(sidecar)}\x1e{_meta_text(listed)}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _meta_text(r: ManifestRow | None) -> str:
    if r is None:
        return "-"
    return f"{r.source}\x1f{r.title}\x1f{r.published_raw}\x1f{r.url}\x1f{r.path}"


class ContentSeen:
    """The content hashes staged so far: an article repeating one is a duplicate."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}  # content hash -> the article id that staged it

    def check(self, art: Article | Unread) -> QuarantinedInput | None:
        """None for new content (now remembered); else the duplicate's quarantine record."""
        first = self._first.get(art.content_hash)
        if first is None:
            self._first[art.content_hash] = art.article_id
            return None
        return QuarantinedInput(
            source_path=art.source_path or art.article_id,
            article_id=art.article_id,
            content_hash=art.content_hash,
            reason="duplicate_content",
            message=f"same text as article {first!r}; stored once",
        )


def iter_stage(
    folder: Path,
    *,
    max_bytes: int = 5_000_000,
    today: dt.date | None = None,
    known: Known | None = None,
    chunk: int = LOOKUP_CHUNK,
    recursive: bool = True,
) -> Iterator[tuple[StagedItem, FileStat | None]]:
    """Stage ``folder`` one input at a time: ``*.txt``, ``*.html``, ``*.jsonl``.

    Yields each staged article, unread article or quarantined input with, for an
    article read from a ``.txt``/``.html`` file, the file's stat taken before the
    read (the manifest row to record). ``known`` names the files that need not be
    read; they are yielded as :class:`Unread`. Only ids, content hashes and
    manifest metadata are held across the folder, never article text.

    Metadata comes from, in order of precedence, a ``NAME.json`` sidecar,
    ``articles.csv``, the record itself (JSONL) or the page's tags (HTML), and
    finally the text. Every path is resolved and must stay inside ``folder``.
    A second article with the same content is quarantined where it is met.
    With ``recursive``, subfolders are staged too (see :func:`walk`): a nested
    file's id joins its folders and stem with :data:`NESTED_ID_SEP`.
    """
    folder = folder.resolve()
    manifest_path = folder / MANIFEST
    manifest: dict[str, ManifestRow] = {}
    if manifest_path.is_symlink() and not _inside(manifest_path, folder):
        yield _outside(manifest_path, None, f"{MANIFEST} (a symlink)"), None
    elif manifest_path.exists():
        try:
            manifest, bad_rows = read_manifest(manifest_path)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            yield _quarantine(str(manifest_path), "unreadable", f"{MANIFEST}: {exc}"), None
        else:
            yield from ((q, None) for q in bad_rows)
    files: dict[str, tuple[str, str]] = {}  # article file path -> (article id, sidecar key)
    seen: set[str] = set()  # ids answered by some input, staged or quarantined
    staged: set[str] = set()
    content = ContentSeen()
    base = str(folder)
    for row in manifest.values():
        if row.path is None:
            continue
        target = folder / row.path
        if not _inside(target, folder):
            yield _outside(target, row.article_id, f"articles.csv path {row.path!r}"), None
            seen.add(row.article_id)
        elif target.is_file():
            path = os.path.normpath(target)
            files[path] = (row.article_id, _file_id(os.path.relpath(path, base)))
    sidecars: dict[str, str] = {}  # sidecar key (its file's id) -> sidecar path
    article_suffixes = TEXT_SUFFIXES + HTML_SUFFIXES
    jsonl: list[str] = []
    for found in walk(base, recursive=recursive):
        if isinstance(found, QuarantinedInput):
            yield found, None
            continue
        entry, art_id = found
        suffix = os.path.splitext(entry.name)[1].lower()
        if suffix not in article_suffixes + JSONL_SUFFIXES + (SIDECAR_SUFFIX,):
            continue
        if entry.is_symlink() and not _inside(Path(entry.path), folder):
            yield _outside(Path(entry.path), art_id, f"{entry.name} (a symlink)"), None
            seen.add(art_id)
        elif suffix == SIDECAR_SUFFIX:
            sidecars[art_id] = entry.path  # the last of two spellings, as before
        elif entry.is_file():
            if suffix in JSONL_SUFFIXES:
                jsonl.append(entry.path)
            elif entry.path in files:
                pass  # an articles.csv row names this file, and its id
            elif problem := id_problem(art_id):
                yield _bad_id(entry.path, "the id from the file name", art_id, problem), None
            else:
                files[entry.path] = (art_id, art_id)
    # the order of Path objects: by path component
    ordered = sorted(files.items(), key=lambda kv: kv[0].split(os.sep))
    del files
    for first in range(0, len(ordered), chunk):
        part = ordered[first : first + chunk]
        prepared = [
            _prepare(path, art_id, sidecars.pop(key, None), manifest)
            for path, (art_id, key) in part
        ]
        stats = [s for _, s in prepared if s is not None and s.size <= max_bytes]
        unread = known(stats) if known is not None and stats else {}
        for (path, (art_id, _)), (meta, stat) in zip(part, prepared, strict=True):
            item: StagedItem
            if isinstance(meta, QuarantinedInput):
                item, stat = meta, None
            elif stat is not None and stat.path in unread:
                item = unread[stat.path]
            else:
                merged = merge_meta(meta, manifest.get(art_id))
                item = _stage_file(Path(path), art_id, merged, max_bytes=max_bytes, today=today)
            out = _admit(item, art_id, seen, staged, content)
            # an article admitted as it is keeps its stat; a duplicate's quarantine does not
            yield out, (stat if isinstance(out, Article) else None)
    for path in sorted(jsonl, key=lambda p: p.split(os.sep)):
        try:
            for item in stage_jsonl(Path(path), manifest, max_bytes=max_bytes, today=today):
                yield _admit(item, item.article_id, seen, staged, content), None
        except OSError as exc:
            yield _quarantine(path, "unreadable", f"cannot read: {exc.strerror}"), None
    for key, side in sorted(sidecars.items()):
        stem = os.path.splitext(os.path.basename(side))[0]
        yield (
            _quarantine(
                side,
                "orphan_sidecar",
                f"{os.path.basename(side)} has no {stem}.txt or {stem}.html beside it",
                key,
            ),
            None,
        )
    # every id in row order, not the set of those unanswered: a million-row articles.csv
    # would hold a second copy of its ids
    for missing in sorted(manifest):
        if missing in seen:
            continue
        yield (
            _quarantine(
                str(manifest_path),
                "unknown_article",
                f"articles.csv lists {missing!r} but there is no {missing}.txt, "
                f"{missing}.html or JSONL record with that id",
                missing,
            ),
            None,
        )


def _file_id(relative: str) -> str:
    """The article id of a file from its path relative to the input folder."""
    parts = relative.split(os.sep)
    parts[-1] = os.path.splitext(parts[-1])[0]
    return NESTED_ID_SEP.join(parts)


def walk(
    folder: str, *, recursive: bool = True
) -> Iterator[tuple[os.DirEntry[str], str] | QuarantinedInput]:
    """The entries of ``folder`` with the article id each one's name gives, in name order.

    With ``recursive``, each subfolder's entries follow, depth first, their ids prefixed
    with the folders' names (``2024-05/x.txt`` is ``2024-05__x``). A subfolder is never
    entered through a symlink (its files are staged where they really are); one that
    leads outside ``folder`` is quarantined as ``outside_input``. Folders whose name
    starts with a dot (``.git``, editor caches) are skipped; a folder that cannot be
    listed is quarantined as ``unreadable``. Each folder is listed once, so the walk ends
    even on a tree a bind mount loops.
    """
    root = Path(folder)
    todo: list[tuple[str, str]] = [(folder, "")]  # (folder path, id prefix of its entries)
    listed: set[tuple[int, int]] = set()
    while todo:
        path, prefix = todo.pop()
        try:
            st = os.stat(path)
            if (st.st_dev, st.st_ino) in listed:
                continue
            listed.add((st.st_dev, st.st_ino))
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield _quarantine(path, "unreadable", f"cannot list the folder: {exc.strerror}")
            continue
        subfolders: list[tuple[str, str]] = []
        for entry in entries:
            if path == folder and entry.name == MANIFEST:
                continue
            if not entry.is_dir(follow_symlinks=False):
                if entry.is_symlink() and entry.is_dir():
                    if recursive and not _inside(Path(entry.path), root):
                        yield _outside(Path(entry.path), None, f"{entry.name} (a symlinked folder)")
                    continue  # its files are staged where they are, inside the folder
                yield entry, prefix + os.path.splitext(entry.name)[0]
            elif recursive and not entry.name.startswith("."):
                subfolders.append((entry.path, prefix + entry.name + NESTED_ID_SEP))
        todo.extend(reversed(subfolders))  # popped in name order


def _prepare(
    path: str, article_id: str, side: str | None, manifest: dict[str, ManifestRow]
) -> tuple[ManifestRow | QuarantinedInput | None, FileStat | None]:
    """An article file's sidecar metadata (or its quarantine) and its stat, before any read."""
    side_meta = None if side is None else read_sidecar(Path(side), article_id)
    if isinstance(side_meta, QuarantinedInput):
        return side_meta, None
    try:
        st = os.stat(path)
    except OSError:
        return side_meta, None  # the read reports it
    key = meta_key(side_meta, manifest.get(article_id))
    return side_meta, FileStat(path, article_id, st.st_size, st.st_mtime_ns, key)


def _admit(
    item: StagedItem,
    art_id: str | None,
    seen: set[str],
    staged: set[str],
    content: ContentSeen,
) -> StagedItem:
    # ``seen`` holds every id some input answered (a quarantined input still answers its
    # manifest row); the ids staged as articles are the ones a second input may not reuse.
    if art_id is not None and art_id in staged and not isinstance(item, QuarantinedInput):
        return _quarantine(
            item.source_path or art_id,
            "duplicate_id",
            f"article id {art_id!r} was already staged from another input; this one is skipped",
            art_id,
        )
    if art_id is not None:
        seen.add(art_id)
    if isinstance(item, QuarantinedInput):
        return item
    staged.add(item.article_id)
    return content.check(item) or item


@dataclass
class StagedBatch:
    """One window of staged input: up to ``size`` articles, read or unread, and quarantines."""

    articles: list[Article] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    quarantined: list[QuarantinedInput] = field(default_factory=list)
    files: list[tuple[FileStat, str]] = field(default_factory=list)
    """The manifest rows of the articles read from files: each file's stat and content hash."""

    def __len__(self) -> int:
        return len(self.articles) + len(self.unread)


# A window is also cut at this many quarantined inputs: a folder whose articles.csv lists a
# million ids with no file would otherwise hand them all over in one window.
QUARANTINE_WINDOW = 10_000


def batched(
    items: Iterable[tuple[StagedItem, FileStat | None]], size: int
) -> Iterator[StagedBatch]:
    """Group staged items into windows of ``size`` articles (quarantined inputs ride along,
    at most :data:`QUARANTINE_WINDOW` of them a window)."""
    batch = StagedBatch()
    for item, stat in items:
        if isinstance(item, Article):
            batch.articles.append(item)
            if stat is not None:
                batch.files.append((stat, item.content_hash))
        elif isinstance(item, Unread):
            batch.unread.append(item)
        else:
            batch.quarantined.append(item)
        if len(batch) >= size or len(batch.quarantined) >= QUARANTINE_WINDOW:
            yield batch
            batch = StagedBatch()
    if len(batch) or batch.quarantined:
        yield batch


def collect(items: Iterable[tuple[StagedItem, FileStat | None]]) -> StagingResult:
    """Every staged item in one result, duplicate-content quarantines last (as listed before)."""
    result = StagingResult()
    dupes: list[QuarantinedInput] = []
    for item, _ in items:
        if isinstance(item, Unread):
            raise TypeError("collect() holds staged articles only; stage without `known`")
        if isinstance(item, QuarantinedInput) and item.reason == "duplicate_content":
            dupes.append(item)
        else:
            result.add(item)
    result.quarantined.extend(dupes)
    return result


def stage_directory(
    folder: Path, *, max_bytes: int = 5_000_000, today: dt.date | None = None
) -> StagingResult:
    """Stage every article input in ``folder`` at once (see :func:`iter_stage`).

    This holds every article's text; the pipeline streams with :func:`iter_stage`.
    """
    return collect(iter_stage(folder, max_bytes=max_bytes, today=today))


def _stage_file(
    path: Path, article_id: str, meta: ManifestRow | None, *, max_bytes: int, today: dt.date | None
) -> Article | QuarantinedInput:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _quarantine(
                str(path),
                "too_large",
                f"{size} bytes is over the {max_bytes}-byte limit",
                article_id,
            )
        data = path.read_bytes()
    except OSError as exc:
        return _quarantine(str(path), "unreadable", f"cannot read: {exc.strerror}", article_id)
    return stage_bytes(
        article_id,
        data,
        html=path.suffix.lower() in HTML_SUFFIXES,
        meta=meta,
        source_path=str(path),
        max_bytes=max_bytes,
        today=today,
    )
