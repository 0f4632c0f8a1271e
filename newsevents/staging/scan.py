"""A folder (or the files a glob picks) against the file manifest: which files hold articles,
their ids, which need reading, and every path confined to the input folder."""

from __future__ import annotations

import csv
import datetime as dt
import glob
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from newsevents.staging.article import stage_bytes, stage_jsonl
from newsevents.staging.metadata import (
    MANIFEST,
    ManifestRow,
    merge_meta,
    meta_key,
    read_manifest,
    read_sidecar,
)
from newsevents.staging.reasons import bad_id, id_problem, quarantine
from schemas import Article, QuarantinedInput

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SIDECAR_SUFFIX = ".json"

NESTED_ID_SEP = "__"
"""Joins a nested file's folders and stem into its id: ``2024-05/x.txt`` is ``2024-05__x``."""


class FileStat(NamedTuple):
    """A file's identity without its content: one row of the warehouse's file manifest.

    The same path, article id, size, modification time (ns) and metadata digest
    (``meta_key``: the sidecar and ``articles.csv`` rows that apply) mean the
    file stages to the article it staged to before. (Named tuples: one per file,
    100k in a large folder, and they are cheap to make.)
    """

    path: str
    article_id: str
    size: int
    mtime_ns: int
    meta_key: str


class Unread(NamedTuple):
    """An article file that was not read, because the warehouse already holds it unchanged."""

    article_id: str
    content_hash: str
    source_path: str
    published: dt.date | None = None


Known = Callable[[Sequence[FileStat]], dict[str, Unread]]
"""Given the stats of files about to be read, those that need not be, by path."""

StagedItem = Article | Unread | QuarantinedInput

# Files are stat-ed and looked up in the file manifest this many at a time: one warehouse
# query each, so a no-op rerun pays a few queries rather than one per window.
LOOKUP_CHUNK = 20_000


class ContentSeen:
    """The content hashes staged so far: an article repeating one is a duplicate."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}  # content hash -> the article id that staged it

    def check(self, art: Article | Unread) -> QuarantinedInput | None:
        """None for new content (now remembered); else the duplicate's quarantine record."""
        first = self._first.get(art.content_hash)
        if first is None:
            self._first[art.content_hash] = art.article_id
            return None
        return QuarantinedInput(
            source_path=art.source_path or art.article_id,
            article_id=art.article_id,
            content_hash=art.content_hash,
            reason="duplicate_content",
            message=f"same text as article {first!r}; stored once",
        )


def iter_stage(
    folder: Path,
    *,
    max_bytes: int = 5_000_000,
    today: dt.date | None = None,
    known: Known | None = None,
    chunk: int = LOOKUP_CHUNK,
    recursive: bool = True,
) -> Iterator[tuple[StagedItem, FileStat | None]]:
    """Stage ``folder`` one input at a time: ``*.txt``, ``*.html``, ``*.jsonl``.

    Yields each staged article, unread article or quarantined input with, for an
    article read from a ``.txt``/``.html`` file, the file's stat taken before the
    read (the manifest row to record). ``known`` names the files that need not be
    read; they are yielded as :class:`Unread`. Only ids, content hashes and
    manifest metadata are held across the folder, never article text.

    Metadata comes from, in order of precedence, a ``NAME.json`` sidecar,
    ``articles.csv``, the record itself (JSONL) or the page's tags (HTML), and
    finally the text. Every path is resolved and must stay inside ``folder``.
    A second article with the same content is quarantined where it is met.
    With ``recursive``, subfolders are staged too (see :func:`walk`): a nested
    file's id joins its folders and stem with :data:`NESTED_ID_SEP`.
    """
    folder = folder.resolve()
    manifest_path = folder / MANIFEST
    manifest: dict[str, ManifestRow] = {}
    if manifest_path.is_symlink() and not _inside(manifest_path, folder):
        yield _outside(manifest_path, None, f"{MANIFEST} (a symlink)"), None
    elif manifest_path.exists():
        try:
            manifest, bad_rows = read_manifest(manifest_path)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            yield quarantine(str(manifest_path), "unreadable", f"{MANIFEST}: {exc}"), None
        else:
            yield from ((q, None) for q in bad_rows)
    files: dict[str, tuple[str, str]] = {}  # article file path -> (article id, sidecar key)
    seen: set[str] = set()  # ids answered by some input, staged or quarantined
    staged: set[str] = set()
    content = ContentSeen()
    base = str(folder)
    for row in manifest.values():
        if row.path is None:
            continue
        target = folder / row.path
        if not _inside(target, folder):
            yield _outside(target, row.article_id, f"articles.csv path {row.path!r}"), None
            seen.add(row.article_id)
        elif target.is_file():
            path = os.path.normpath(target)
            files[path] = (row.article_id, _file_id(os.path.relpath(path, base)))
    sidecars: dict[str, str] = {}  # sidecar key (its file's id) -> sidecar path
    article_suffixes = TEXT_SUFFIXES + HTML_SUFFIXES
    jsonl: list[str] = []
    for found in walk(base, recursive=recursive):
        if isinstance(found, QuarantinedInput):
            yield found, None
            continue
        entry, art_id = found
        suffix = os.path.splitext(entry.name)[1].lower()
        if suffix not in article_suffixes + JSONL_SUFFIXES + (SIDECAR_SUFFIX,):
            continue
        if entry.is_symlink() and not _inside(Path(entry.path), folder):
            yield _outside(Path(entry.path), art_id, f"{entry.name} (a symlink)"), None
            seen.add(art_id)
        elif suffix == SIDECAR_SUFFIX:
            sidecars[art_id] = entry.path  # the last of two spellings, as before
        elif entry.is_file():
            if suffix in JSONL_SUFFIXES:
                jsonl.append(entry.path)
            elif entry.path in files:
                pass  # an articles.csv row names this file, and its id
            elif problem := id_problem(art_id):
                yield bad_id(entry.path, "the id from the file name", art_id, problem), None
            else:
                files[entry.path] = (art_id, art_id)
    # the order of Path objects: by path component
    ordered = sorted(files.items(), key=lambda kv: kv[0].split(os.sep))
    del files
    for first in range(0, len(ordered), chunk):
        part = ordered[first : first + chunk]
        prepared = [
            _prepare(path, art_id, sidecars.pop(key, None), manifest)
            for path, (art_id, key) in part
        ]
        stats = [s for _, s in prepared if s is not None and s.size <= max_bytes]
        unread = known(stats) if known is not None and stats else {}
        for (path, (art_id, _)), (meta, stat) in zip(part, prepared, strict=True):
            item: StagedItem
            if isinstance(meta, QuarantinedInput):
                item, stat = meta, None
            elif stat is not None and stat.path in unread:
                item = unread[stat.path]
            else:
                merged = merge_meta(meta, manifest.get(art_id))
                item = _stage_file(Path(path), art_id, merged, max_bytes=max_bytes, today=today)
            out = _admit(item, art_id, seen, staged, content)
            # an article admitted as it is keeps its stat; a duplicate's quarantine does not
            yield out, (stat if isinstance(out, Article) else None)
    for path in sorted(jsonl, key=lambda p: p.split(os.sep)):
        try:
            for item in stage_jsonl(Path(path), manifest, max_bytes=max_bytes, today=today):
                yield _admit(item, item.article_id, seen, staged, content), None
        except OSError as exc:
            yield quarantine(path, "unreadable", f"cannot read: {exc.strerror}"), None
    for key, side in sorted(sidecars.items()):
        stem = os.path.splitext(os.path.basename(side))[0]
        yield (
            quarantine(
                side,
                "orphan_sidecar",
                f"{os.path.basename(side)} has no {stem}.txt or {stem}.html beside it",
                key,
            ),
            None,
        )
    # every id in row order, not the set of those unanswered: a million-row articles.csv
    # would hold a second copy of its ids
    for missing in sorted(manifest):
        if missing in seen:
            continue
        yield (
            quarantine(
                str(manifest_path),
                "unknown_article",
                f"articles.csv lists {missing!r} but there is no {missing}.txt, "
                f"{missing}.html or JSONL record with that id",
                missing,
            ),
            None,
        )


def _file_id(relative: str) -> str:
    """The article id of a file from its path relative to the input folder."""
    parts = relative.split(os.sep)
    parts[-1] = os.path.splitext(parts[-1])[0]
    return NESTED_ID_SEP.join(parts)


def walk(
    folder: str, *, recursive: bool = True
) -> Iterator[tuple[os.DirEntry[str], str] | QuarantinedInput]:
    """The entries of ``folder`` with the article id each one's name gives, in name order.

    With ``recursive``, each subfolder's entries follow, depth first, their ids prefixed
    with the folders' names (``2024-05/x.txt`` is ``2024-05__x``). A subfolder is never
    entered through a symlink (its files are staged where they really are); one that
    leads outside ``folder`` is quarantined as ``outside_input``. Folders whose name
    starts with a dot (``.git``, editor caches) are skipped; a folder that cannot be
    listed is quarantined as ``unreadable``. Each folder is listed once, so the walk ends
    even on a tree a bind mount loops.
    """
    root = Path(folder)
    todo: list[tuple[str, str]] = [(folder, "")]  # (folder path, id prefix of its entries)
    listed: set[tuple[int, int]] = set()
    while todo:
        path, prefix = todo.pop()
        try:
            st = os.stat(path)
            if (st.st_dev, st.st_ino) in listed:
                continue
            listed.add((st.st_dev, st.st_ino))
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield quarantine(path, "unreadable", f"cannot list the folder: {exc.strerror}")
            continue
        subfolders: list[tuple[str, str]] = []
        for entry in entries:
            if path == folder and entry.name == MANIFEST:
                continue
            if not entry.is_dir(follow_symlinks=False):
                if entry.is_symlink() and entry.is_dir():
                    if recursive and not _inside(Path(entry.path), root):
                        yield _outside(Path(entry.path), None, f"{entry.name} (a symlinked folder)")
                    continue  # its files are staged where they are, inside the folder
                yield entry, prefix + os.path.splitext(entry.name)[0]
            elif recursive and not entry.name.startswith("."):
                subfolders.append((entry.path, prefix + entry.name + NESTED_ID_SEP))
        todo.extend(reversed(subfolders))  # popped in name order


def _prepare(
    path: str, article_id: str, side: str | None, manifest: dict[str, ManifestRow]
) -> tuple[ManifestRow | QuarantinedInput | None, FileStat | None]:
    """An article file's sidecar metadata (or its quarantine) and its stat, before any read."""
    side_meta = None if side is None else read_sidecar(Path(side), article_id)
    if isinstance(side_meta, QuarantinedInput):
        return side_meta, None
    try:
        st = os.stat(path)
    except OSError:
        return side_meta, None  # the read reports it
    key = meta_key(side_meta, manifest.get(article_id))
    return side_meta, FileStat(path, article_id, st.st_size, st.st_mtime_ns, key)


def _admit(
    item: StagedItem,
    art_id: str | None,
    seen: set[str],
    staged: set[str],
    content: ContentSeen,
) -> StagedItem:
    # ``seen`` holds every id some input answered (a quarantined input still answers its
    # manifest row); the ids staged as articles are the ones a second input may not reuse.
    if art_id is not None and art_id in staged and not isinstance(item, QuarantinedInput):
        return quarantine(
            item.source_path or art_id,
            "duplicate_id",
            f"article id {art_id!r} was already staged from another input; this one is skipped",
            art_id,
        )
    if art_id is not None:
        seen.add(art_id)
    if isinstance(item, QuarantinedInput):
        return item
    staged.add(item.article_id)
    return content.check(item) or item


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _outside(where: Path, article_id: str | None, target: str) -> QuarantinedInput:
    return quarantine(
        str(where),
        "outside_input",
        f"{target} resolves outside the input folder; only files inside it are read",
        article_id,
    )


def _stage_file(
    path: Path, article_id: str, meta: ManifestRow | None, *, max_bytes: int, today: dt.date | None
) -> Article | QuarantinedInput:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return quarantine(
                str(path),
                "too_large",
                f"{size} bytes is over the {max_bytes}-byte limit",
                article_id,
            )
        data = path.read_bytes()
    except OSError as exc:
        return quarantine(str(path), "unreadable", f"cannot read: {exc.strerror}", article_id)
    return stage_bytes(
        article_id,
        data,
        html=path.suffix.lower() in HTML_SUFFIXES,
        meta=meta,
        source_path=str(path),
        max_bytes=max_bytes,
        today=today,
    )


# --- globs ----------------------------------------------------------------------------------


def is_glob(pattern: str) -> bool:
    """Whether ``pattern`` is a glob rather than a plain folder path."""
    return any(ch in pattern for ch in "*?[")


ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


def _from_file(source_path: str | None, chosen: set[str]) -> bool:
    # A JSONL record's source path is "FILE:LINE".
    where = source_path or ""
    return where in chosen or where.rsplit(":", 1)[0] in chosen


def iter_input(
    pattern: str,
    *,
    max_bytes: int,
    known: Known | None = None,
    today: dt.date | None = None,
) -> Iterator[tuple[StagedItem, FileStat | None]]:
    """Stage a folder, or the article files a glob matches, one input at a time.

    A folder is staged with its subfolders (nested files' ids carry their folders).
    For a glob, each matched file's folder is staged on its own, without its
    subfolders (the glob chooses those, with ``**``), so a file's id is its name; its
    metadata comes from that folder, and manifest rows of files outside the glob are
    not reported as missing: choosing a subset of a folder is the point of the glob.
    Content repeated across folders is quarantined as a duplicate too. See
    :func:`iter_stage`.
    """
    if not is_glob(pattern):
        yield from iter_stage(Path(pattern), max_bytes=max_bytes, known=known, today=today)
        return
    chosen = {
        str(Path(p).resolve())
        for p in glob.glob(pattern, recursive=True)
        if Path(p).suffix.lower() in ARTICLE_SUFFIXES and Path(p).is_file()
    }
    content = ContentSeen()
    ids: set[str] = set()  # staged from an earlier folder: x.txt in two folders is one id
    for folder in sorted({str(Path(p).parent) for p in chosen}):
        items = iter_stage(
            Path(folder), max_bytes=max_bytes, known=known, today=today, recursive=False
        )
        for item, stat in items:
            if not _from_file(item.source_path, chosen):
                continue
            dup = None
            if not isinstance(item, QuarantinedInput):
                dup = _id_taken(item, ids) or content.check(item)
                ids.add(item.article_id)
            yield (dup, None) if dup else (item, stat)


def _id_taken(item: Article | Unread, ids: set[str]) -> QuarantinedInput | None:
    if item.article_id not in ids:
        return None
    return QuarantinedInput(
        source_path=item.source_path or item.article_id,
        article_id=item.article_id,
        reason="duplicate_id",
        message=f"article id {item.article_id!r} was already staged from another folder; "
        "this one is skipped",
    )
