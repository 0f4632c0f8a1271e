"""Temporal engine: find date expressions in news text and normalise them against the DCT.

Public API: :func:`tag` (the expressions of a text, with TimeML values) and
:func:`value_to_date` (a value as its first day and precision). Pure Python; spaCy is optional.
The work is in :mod:`.tagger`, over :mod:`.patterns` (candidate spans), :mod:`.normalise`
(one handler per rule family), :mod:`.tense` and :mod:`.words` (word lists).
"""

from __future__ import annotations

from newsevents.temporal.tagger import tag, value_to_date

__all__ = ["tag", "value_to_date"]
