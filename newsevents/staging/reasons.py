"""Why an input is quarantined: the reason codes, the record, and what a valid article id is."""

from __future__ import annotations

from schemas import QuarantinedInput

# Reason codes of quarantined inputs, with what each means (docs/inputs.md lists them too).
REASONS: dict[str, str] = {
    "empty": "the file or record is empty or whitespace only",
    "binary": "NUL or control bytes: binary data, not text",
    "undecodable": "not UTF-8, and not recognisably Windows-1252 or Latin-1 text",
    "too_large": "over the max_file_bytes limit",
    "no_body": "only page furniture, or an HTML page with no article text",
    "not_english": "the text is not in English",
    "bad_manifest_date": "articles.csv gives a publication date that is not YYYY-MM-DD",
    "bad_date": "a sidecar or JSONL record gives a publication date that is not YYYY-MM-DD",
    "future_date": "the publication date is after today",
    "unknown_article": "articles.csv lists an article that has no input",
    "outside_input": "the path leaves the input folder (a symlink or ../)",
    "duplicate_content": "same text as another article, which is stored instead",
    "duplicate_id": "a second input with an article id already staged",
    "bad_json": "a JSONL line that is not a JSON object",
    "missing_text": "a JSONL record without a string `text`",
    "missing_id": "a JSONL record without an `id`",
    "bad_id": "an article id that is not a printable token of at most 200 characters "
    "without / or \\ (a JSONL `id`, an articles.csv id, or a file's name)",
    "bad_sidecar": "a NAME.json sidecar that is not a JSON object of metadata",
    "orphan_sidecar": "a NAME.json sidecar with no NAME.txt or NAME.html beside it",
    "unreadable": "the operating system refused to read the file",
}

# An article id is a value in the warehouse and in exports, never a path: a printable
# token of bounded length (spaces allowed, as in file names), with no path separator.
MAX_ID_CHARS = 200


def id_problem(article_id: str) -> str | None:
    """Why ``article_id`` is not a valid article id, or None when it is."""
    if not article_id or article_id != article_id.strip():
        return "is blank or starts or ends with whitespace"
    if len(article_id) > MAX_ID_CHARS:
        return f"is {len(article_id)} characters long (at most {MAX_ID_CHARS})"
    if not article_id.isprintable():
        return "holds a newline, tab or other unprintable character"
    if "/" in article_id or "\\" in article_id:
        return "holds a path separator (/ or \\)"
    if not article_id.strip("."):
        return "is only dots"
    return None


def _shown(value: str) -> str:
    """``value`` for a message: quoted, and cut short when long (an id may be 5,000 characters)."""
    return repr(value) if len(value) <= 60 else repr(value[:60]) + f"... ({len(value)} characters)"


def bad_id(where: str, what: str, article_id: str, problem: str) -> QuarantinedInput:
    """The ``bad_id`` quarantine of ``what`` (e.g. "articles.csv line 3: id"), shown in full."""
    # the bad id is not stored as the row's article_id: it is not an id
    return quarantine(where, "bad_id", f"{what} {_shown(article_id)} {problem}")


def quarantine(
    where: str, reason: str, message: str, article_id: str | None = None
) -> QuarantinedInput:
    """The record of an input that cannot be staged (``reason`` is one of :data:`REASONS`)."""
    return QuarantinedInput(
        source_path=where, article_id=article_id, reason=reason, message=message
    )
