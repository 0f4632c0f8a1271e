"""``python -m newsevents.cli``: the command line, where no ``newsevents`` script is installed."""

from newsevents.cli import app

app()
