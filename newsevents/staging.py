"""Staging: read article files and their manifest into validated :class:`Article` objects.

Offsets matter downstream (evidence spans index the raw text), so the text is
decoded exactly as stored and page furniture is *marked* as outside the body
rather than cut out.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass(frozen=True)
class ManifestRow:
    """One row of ``articles.csv``; ``published_raw`` is kept for error messages."""

    article_id: str
    source: str | None = None
    title: str | None = None
    published_raw: str | None = None
    url: str | None = None


@dataclass
class StagingResult:
    """Articles staged from one input, plus the inputs quarantined on the way."""

    articles: list[Article] = field(default_factory=list)
    quarantined: list[QuarantinedInput] = field(default_factory=list)


def read_manifest(path: Path) -> dict[str, ManifestRow]:
    """Read ``articles.csv`` (``article_id,source,title,published,url``; extras ignored)."""
    rows: dict[str, ManifestRow] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh):
            art = (rec.get("article_id") or "").strip()
            if not art:
                continue
            rows[art] = ManifestRow(
                article_id=art,
                source=_blank_none(rec.get("source")),
                title=_blank_none(rec.get("title")),
                published_raw=_blank_none(rec.get("published")),
                url=_blank_none(rec.get("url")),
            )
    return rows


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
        if _DATE_STAMP.match(line):
            # Keep the headline that follows a "date YYYY-MM-DD" stamp on the same line.
            start += _DATE_STAMP.match(line).end()
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


def stage_text(
    article_id: str,
    text: str,
    *,
    meta: ManifestRow | None = None,
    source_path: str | None = None,
    today: dt.date | None = None,
) -> Article | QuarantinedInput:
    """Stage one decoded article, or quarantine it with the reason."""
    where = source_path or article_id
    if not text.strip():
        return QuarantinedInput(
            source_path=where, article_id=article_id, reason="empty", message="the file is empty"
        )
    spans = body_spans(text)
    if not spans:
        return QuarantinedInput(
            source_path=where,
            article_id=article_id,
            reason="no_body",
            message="only page furniture, no article text",
        )
    published, how = None, "none"
    if meta and meta.published_raw:
        published = _safe_date(meta.published_raw)
        if published is None:
            return QuarantinedInput(
                source_path=where,
                article_id=article_id,
                reason="bad_manifest_date",
                message=f"articles.csv gives publication date {meta.published_raw!r}, "
                "which is not YYYY-MM-DD",
            )
        how = "manifest"
    else:
        published, how = find_published(text)
    if published and published > (today or dt.date.today()):
        return QuarantinedInput(
            source_path=where,
            article_id=article_id,
            reason="future_date",
            message=f"publication date {published} is in the future",
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
        source_path=source_path,
        body=spans,
    )


def _first_line(text: str, spans: tuple[Span, ...]) -> str | None:
    return text[spans[0].start : spans[0].end].strip()[:300] if spans else None


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Decode article bytes; return ``(text, None)`` or ``(None, reason)``."""
    if b"\x00" in data:
        return None, "binary"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Windows-1252 is what mis-saved news pages almost always are (smart quotes at 0x91-0x94).
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        return None, "not_utf8"


_DECODE_MESSAGES = {
    "binary": "the file holds NUL bytes: binary, not text",
    "not_utf8": "the file is neither UTF-8 nor Windows-1252 text",
}


def stage_directory(
    folder: Path, *, max_bytes: int = 5_000_000, today: dt.date | None = None
) -> StagingResult:
    """Stage every ``*.txt`` in ``folder`` with metadata from ``articles.csv`` when present."""
    folder = folder.resolve()
    manifest_path = folder / MANIFEST
    manifest = read_manifest(manifest_path) if manifest_path.exists() else {}
    result = StagingResult()
    files = sorted(folder.glob("*.txt"))
    for path in files:
        result_item = _stage_file(path, manifest.get(path.stem), max_bytes=max_bytes, today=today)
        if isinstance(result_item, Article):
            result.articles.append(result_item)
        else:
            result.quarantined.append(result_item)
    present = {p.stem for p in files}
    for missing in sorted(set(manifest) - present):
        result.quarantined.append(
            QuarantinedInput(
                source_path=str(manifest_path),
                article_id=missing,
                reason="unknown_article",
                message=f"articles.csv lists {missing!r} but there is no {missing}.txt",
            )
        )
    result.articles, dupes = dedupe_content(result.articles)
    result.quarantined.extend(dupes)
    return result


def _stage_file(
    path: Path, meta: ManifestRow | None, *, max_bytes: int, today: dt.date | None
) -> Article | QuarantinedInput:
    size = path.stat().st_size
    if size > max_bytes:
        return QuarantinedInput(
            source_path=str(path),
            article_id=path.stem,
            reason="too_large",
            message=f"{size} bytes is over the {max_bytes}-byte limit",
        )
    text, problem = decode(path.read_bytes())
    if text is None:
        return QuarantinedInput(
            source_path=str(path),
            article_id=path.stem,
            reason=problem or "unreadable",
            message=_DECODE_MESSAGES.get(problem or "", "unreadable"),
        )
    return stage_text(path.stem, text, meta=meta, source_path=str(path), today=today)


def dedupe_content(articles: Iterable[Article]) -> tuple[list[Article], list[QuarantinedInput]]:
    """Keep the first article per content hash; record the others as duplicates."""
    first: dict[str, Article] = {}
    dupes: list[QuarantinedInput] = []
    for art in articles:
        if art.content_hash in first:
            dupes.append(
                QuarantinedInput(
                    source_path=art.source_path or art.article_id,
                    article_id=art.article_id,
                    content_hash=art.content_hash,
                    reason="duplicate_content",
                    message=f"same text as article {first[art.content_hash].article_id!r}; "
                    "stored once",
                )
            )
        else:
            first[art.content_hash] = art
    return list(first.values()), dupes
