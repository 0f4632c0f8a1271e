"""Staging: read article inputs into validated :class:`Article` objects, or quarantine them.

One interface, :func:`iter_input` (a folder or a glob; :func:`iter_stage` for a folder, or
:func:`stage_directory`, all at once), reads a folder holding any mix of

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

The modules, one job each: ``decoding`` (bytes to text, the English check), ``html``
(saved pages), ``metadata`` (``articles.csv``, sidecars, precedence, the date a text
states), ``article`` (one article), ``scan`` (a folder or glob against the file
manifest), ``batching`` (windows), ``changes`` (what a window needs extracted) and
``reasons`` (quarantine reasons, valid ids).
"""

from newsevents.staging.article import stage_bytes, stage_text
from newsevents.staging.batching import (
    StagedBatch,
    StagingResult,
    batched,
    batches,
    collect,
    stage_directory,
    stage_input,
)
from newsevents.staging.changes import Ingested, needs_extraction, window_changes
from newsevents.staging.reasons import REASONS
from newsevents.staging.scan import (
    FileStat,
    Known,
    StagedItem,
    Unread,
    is_glob,
    iter_input,
    iter_stage,
)

__all__ = [
    "REASONS",
    "FileStat",
    "Ingested",
    "Known",
    "StagedBatch",
    "StagedItem",
    "StagingResult",
    "Unread",
    "batched",
    "batches",
    "collect",
    "is_glob",
    "iter_input",
    "iter_stage",
    "needs_extraction",
    "stage_bytes",
    "stage_directory",
    "stage_input",
    "stage_text",
    "window_changes",
]
