"""Saved web pages: whether a text is one, its main text (trafilatura) and its tags' metadata."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from newsevents.staging.metadata import PageMeta, blank_none

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
        title=blank_none(m.get("og:title")) or title,
        published_raw=blank_none(m.get("article:published_time") or m.get("datepublished"))
        or parser.time,
        url=blank_none(m.get("og:url")) or parser.canonical,
        source=blank_none(m.get("og:site_name")),
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
