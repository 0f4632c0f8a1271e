"""newsevents: news articles to a queryable history of political and military events."""

__version__ = "0.1.0"
