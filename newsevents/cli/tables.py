"""Query results fitted to the terminal: a table of truncated cells, or one block a record.

A table whose columns are squeezed to a few characters each is unreadable, and one row
is easier to read as ``name  value`` lines. So a result is drawn as a table when every
column keeps at least :data:`MIN_COLUMN` characters (long text truncated with an
ellipsis), and otherwise, or when it has exactly one row, as records whose values wrap.
``--json`` prints the values whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Column, Table
from rich.text import Text

# A column narrower than this (or than its own widest value) shows too little to recognise
# a value, so the result is drawn as records instead.
MIN_COLUMN = 8
_SPACE = re.compile(r"\s+")


def cell_text(value: object) -> str:
    """A value as one line of table text: NULL is empty, runs of whitespace one space."""
    return "" if value is None else _SPACE.sub(" ", str(value)).strip()


def table_overhead(columns: int) -> int:
    """Characters a rich table with its default box spends besides the cells: one border
    character per column and one more, and one space of padding either side of each cell."""
    return 3 * columns + 1


def fit_widths(natural: Sequence[int], room: int, least: int = MIN_COLUMN) -> list[int] | None:
    """Column widths that sum to at most ``room``, or None when they cannot be readable.

    Columns narrower than an equal share keep their natural width; the wider ones share
    what is left equally. None when a column would get fewer than ``least`` characters
    (or fewer than its natural width, when that is smaller).
    """
    widths = list(natural)
    left = room
    by_width = sorted(range(len(natural)), key=lambda i: natural[i])
    for done, i in enumerate(by_width):
        share = left // (len(by_width) - done)
        widths[i] = min(natural[i], share)
        if widths[i] < min(natural[i], least):
            return None
        left -= widths[i]
    return widths


def _cut(text: str, width: int) -> Text:
    out = Text(text)  # Text, not a str: a value's [brackets] are not rich markup
    out.truncate(width, overflow="ellipsis")
    return out


def _table(cols: Sequence[str], cells: list[list[str]], widths: list[int]) -> Table:
    table = Table(
        *(
            Column(header=_cut(c, w), width=w, no_wrap=True, overflow="ellipsis")
            for c, w in zip(cols, widths, strict=True)
        )
    )
    for row in cells:
        table.add_row(*(_cut(v, w) for v, w in zip(row, widths, strict=True)))
    return table


def _records(
    cols: Sequence[str], rows: Sequence[Sequence[object]], width: int, console: Console
) -> Text:
    """Each row as ``name  value`` lines; a long value wraps under itself."""
    name_width = min(max(cell_len(c) for c in cols), max(MIN_COLUMN, width // 3))
    value_width = max(1, width - name_width - 2)
    out = Text()
    for n, row in enumerate(rows, 1):
        if len(rows) > 1:
            out.append(f"-[ row {n} ]\n", style="dim")
        for name, value in zip(cols, row, strict=True):
            label = _cut(name, name_width)
            label.pad_right(name_width - label.cell_len + 2)
            label.stylize("bold", 0, name_width)
            lines = Text("" if value is None else str(value)).wrap(
                console, value_width, overflow="fold"
            )
            for k, line in enumerate(lines or [Text()]):
                out.append_text(label if k == 0 else Text(" " * (name_width + 2)))
                line.rstrip()
                out.append_text(line)
                out.append("\n")
    out.rstrip()
    return out


def fitted(
    cols: Sequence[str], rows: Sequence[Sequence[object]], console: Console
) -> RenderableType:
    """A query result drawn to fit the console's width: a table, or records (see above)."""
    width = console.width
    if not cols:
        return Text("(no columns)")
    if len(rows) != 1:
        cells = [[cell_text(v) for v in row] for row in rows]
        natural = [max([cell_len(c), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(cols)]
        widths = fit_widths(natural, width - table_overhead(len(cols)))
        if widths is not None:
            return _table(cols, cells, widths)
        if not rows:
            return Text(f"(no rows; columns: {', '.join(cols)})")
    return _records(cols, rows, width, console)
