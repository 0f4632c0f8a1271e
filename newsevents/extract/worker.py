"""One supervised extraction worker: ``python -m newsevents.extract.worker MODEL PARENT_PID``.

The supervisor (:mod:`newsevents.extract.pool`) starts it with pipes on stdin and stdout and
speaks length-prefixed pickles over them (:mod:`newsevents.extract.channel`):

- worker to supervisor, once: ``("ready", pid)`` when the model is loaded, or
  ``("fatal", message)`` when it cannot be (then it exits);
- supervisor to worker: ``("chunk", serial, articles, parse_batch_size, max_chars)``;
- worker to supervisor, for article ``k`` of the chunk: ``("start", serial, k)`` once it is
  parsed and the rules begin, then ``("done", serial, k, outcome)`` with an
  :class:`ExtractionResult`, or an :class:`ExtractionFailure` (``extraction_error``) when the
  rules raised for that article alone; or ``("parse_error", serial, k, message)`` when the
  parser raised with article ``k`` next (the rest of the chunk is dropped; the supervisor
  sends it again).

The worker dies with its parent (``PR_SET_PDEATHSIG``, even on ``kill -9`` of the parent),
ignores SIGINT (the parent owns the stop) and keeps the protocol pipe to itself: anything
printed goes to stderr, which is the parent's.

Fault injection, for tests only: ``NEWSEVENTS_FAULT=ACTION:MARKER`` applies ACTION to each
article whose raw text contains MARKER. In the rules, after ``start``: ``sleep`` (an hour),
``raise`` (RuntimeError), ``exit`` (``os._exit(70)``), ``exit-once`` (exit only the first time
the article is seen, remembered by a file in ``NEWSEVENTS_FAULT_STATE``, else the temp folder).
While the parser reads the batch, before any ``start`` (so the supervisor cannot tell which
article of the batch it was): ``parse-sleep``, ``parse-raise``, ``parse-exit``. Unset, it
costs one ``None`` test per article.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.extract.channel import read_message, write_message
from schemas import Article, ExtractionFailure

if TYPE_CHECKING:
    from spacy.language import Language

FAULT_ENV = "NEWSEVENTS_FAULT"
FAULT_STATE_ENV = "NEWSEVENTS_FAULT_STATE"
FAULT_ACTIONS = frozenset(
    {"sleep", "raise", "exit", "exit-once", "parse-sleep", "parse-raise", "parse-exit"}
)
FAULT_EXIT_CODE = 70
_PR_SET_PDEATHSIG = 1

Fault = tuple[str, str]
Send = Callable[[tuple[Any, ...]], None]


def describe(exc: BaseException) -> str:
    """``Type: message (at file.py:line in function)``: enough to find the rule that failed."""
    text = f"{type(exc).__name__}: {exc}"
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        text += f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"
    return text


def parse_fault(spec: str | None) -> Fault | None:
    """``"ACTION:MARKER"`` as a pair; None when unset, unknown or without a marker."""
    if not spec:
        return None
    action, _, marker = spec.partition(":")
    if action not in FAULT_ACTIONS or not marker:
        print(f"newsevents worker: ignoring {FAULT_ENV}={spec!r}", file=sys.stderr)
        return None
    return action, marker


def _first_time(article: Article) -> bool:
    """True once per article content across processes (a file marks it seen)."""
    folder = Path(os.environ.get(FAULT_STATE_ENV) or tempfile.gettempdir())
    try:
        (folder / f"newsevents-fault-{article.content_hash}").open("x").close()
    except FileExistsError:
        return False
    return True


def inject(fault: Fault | None, article: Article, stage: str) -> None:
    """Apply the test-only fault to ``article`` if it carries the marker (see module doc)."""
    if fault is None or fault[1] not in article.raw_text:
        return
    action = fault[0]
    if stage == "parse":
        if not action.startswith("parse-"):
            return
        action = action.removeprefix("parse-")
    elif action.startswith("parse-"):
        return
    if action == "sleep":
        time.sleep(3600)
    elif action == "raise":
        raise RuntimeError(f"injected fault ({FAULT_ENV}) in article {article.article_id}")
    elif action == "exit" or (action == "exit-once" and _first_time(article)):
        os._exit(FAULT_EXIT_CODE)


def _texts(articles: Sequence[Article], fault: Fault | None) -> Iterator[str]:
    from newsevents.extract.nlp import body_text

    for art in articles:
        inject(fault, art, "parse")
        yield body_text(art)


def run_chunk(
    nlp: Language,
    articles: Sequence[Article],
    serial: int,
    batch_size: int,
    fault: Fault | None,
    send: Send,
) -> None:
    """Parse ``articles`` in ``nlp.pipe`` batches and report each article as it is done."""
    from newsevents.extract import extract_doc

    docs = nlp.pipe(_texts(articles, fault), batch_size=batch_size)
    for k, art in enumerate(articles):
        try:
            doc = next(docs)
        except Exception as exc:  # the parser (or its input) failed: the batch is lost
            send(("parse_error", serial, k, describe(exc)))
            return
        send(("start", serial, k))
        outcome: object
        try:
            inject(fault, art, "rules")
            outcome = extract_doc(art, doc)
        except Exception as exc:  # one article's rules failed: the others go on
            outcome = ExtractionFailure(reason="extraction_error", message=describe(exc))
        send(("done", serial, k, outcome))


def _die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent (thread) ends, however it ends."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the parent's atexit still reaps us
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def main(argv: list[str]) -> int:
    """Load the model, say ready, then run chunks until stdin closes."""
    model, parent = argv[0], int(argv[1])
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print must not corrupt the protocol pipe
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    try:
        from newsevents.extract.nlp import load_nlp

        nlp = load_nlp(model)
    except Exception as exc:
        write_message(out, ("fatal", describe(exc)))
        return 1
    write_message(out, ("ready", os.getpid()))
    fault = parse_fault(os.environ.get(FAULT_ENV))
    inp = sys.stdin.buffer

    def send(message: tuple[Any, ...]) -> None:
        write_message(out, message)

    while True:
        try:
            message = read_message(inp)
        except EOFError:
            return 0
        _, serial, articles, batch_size, max_chars = message
        # the supervisor has already held back longer texts; spaCy's own guard would raise E088
        nlp.max_length = max(nlp.max_length, max_chars)
        run_chunk(nlp, articles, serial, batch_size, fault, send)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # the supervisor went away mid-message
        os._exit(0)
