"""Staging: read article inputs into validated articles, or quarantine them."""

from newsevents.staging.scan import *  # noqa: F403  (split into modules in the next commit)
