"""One article: bytes or text (a file, or a JSONL record) to a staged :class:`Article`, or its
quarantine.

Every input goes through :func:`stage_text`. Offsets matter downstream (evidence spans
index ``Article.raw_text``), so a ``.txt`` file's text is kept exactly as decoded (a leading
BOM removed), and page furniture is *marked* as outside the body rather than cut out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from newsevents.staging.decoding import DECODE_MESSAGES, decode, is_english, looks_binary
from newsevents.staging.html import html_text, looks_like_html, page_meta
from newsevents.staging.metadata import (
    DATE_STAMP,
    MANIFEST,
    ManifestRow,
    find_published,
    iter_lines,
    json_meta,
    merge_meta,
    safe_date,
)
from newsevents.staging.reasons import bad_id, id_problem, quarantine
from schemas import Article, QuarantinedInput, Span

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


def content_hash(text: str) -> str:
    """Stable identity of an article's content (sha256 of its UTF-8 text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
        if m := DATE_STAMP.match(line):
            # Keep the headline that follows a "date YYYY-MM-DD" stamp on the same line.
            start += m.end()
            if not text[start:end].strip():
                continue
        seen.add(stripped)
        spans.append(Span(start=start, end=end))
    return tuple(spans)


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
        return quarantine(where, "empty", "the file is empty", article_id)
    if looks_binary(text):
        return quarantine(where, "binary", DECODE_MESSAGES["binary"], article_id)
    spans = body_spans(text)
    if not spans:
        return quarantine(where, "no_body", "only page furniture, no article text", article_id)
    body = "\n".join(text[s.start : s.end] for s in spans)
    if not is_english(body):
        return quarantine(
            where,
            "not_english",
            "the text does not read as English (too few common English words)",
            article_id,
        )
    published, how = None, "none"
    if meta and meta.published_raw:
        published = safe_date(meta.published_raw)
        if published is None:
            reason = "bad_manifest_date" if meta.origin == MANIFEST else "bad_date"
            return quarantine(
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
        return quarantine(
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
        return quarantine(
            where, "too_large", f"{len(data)} bytes is over the {max_bytes}-byte limit", article_id
        )
    if not data.strip():
        return quarantine(where, "empty", "the file is empty", article_id)
    text, problem = decode(data)
    if text is None:
        reason = problem or "undecodable"
        return quarantine(where, reason, DECODE_MESSAGES[reason], article_id)
    if html or looks_like_html(text):
        extracted = html_text(text)
        if not extracted.strip():
            return quarantine(
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
                yield quarantine(
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
            raise ValueError(DECODE_MESSAGES[problem or "undecodable"])
        rec = json.loads(line)
    except ValueError as exc:
        return quarantine(where, "bad_json", f"line {lineno} is not valid JSON: {exc}")
    if not isinstance(rec, dict):
        return quarantine(where, "bad_json", f"line {lineno} is not a JSON object")
    raw_id = rec.get("id")
    if isinstance(raw_id, str):
        raw_id = raw_id.strip()
    if raw_id is None or raw_id == "":
        return quarantine(where, "missing_id", f"line {lineno} has no `id`")
    # a string, or an integer (read as its digits); a number with a fraction, a boolean, a
    # list or an object is no id
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        shown = json.dumps(raw_id)
        return bad_id(where, f"line {lineno}: `id`", shown, "is not a string or an integer")
    art_id = str(raw_id)
    if problem := id_problem(art_id):
        return bad_id(where, f"line {lineno}: `id`", art_id, problem)
    text = rec.get("text")
    if not isinstance(text, str):
        return quarantine(where, "missing_text", f"line {lineno} has no string `text`", art_id)
    own = json_meta(rec, art_id, "jsonl", f"line {lineno}")
    return stage_text(
        art_id, text, meta=merge_meta(own, manifest.get(art_id)), source_path=where, today=today
    )
