"""The ``newsevents`` command line: the Typer ``app``, with every command registered.

The commands live beside it: :mod:`.runs` (run, backfill, serve, ui) and :mod:`.reading`
(export, query, report, timex); :mod:`.common` holds what they share.
"""

from __future__ import annotations

import typer

from newsevents.cli.reading import export_command, query, report, timex
from newsevents.cli.runs import backfill, run, serve, ui

__all__ = ["app"]

app = typer.Typer(
    help="News articles to a DuckDB history of dated, attributed political and military events.",
    no_args_is_help=True,
    add_completion=False,
)
# registered in this order, which `newsevents --help` lists them in
app.command()(run)
app.command("export")(export_command)
app.command()(query)
app.command()(report)
app.command()(timex)
app.command()(backfill)
app.command()(serve)
app.command()(ui)
