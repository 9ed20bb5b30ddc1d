"""Extracted rows as JSON Lines shards: extract anywhere, load once.

``newsclaims extract`` turns articles into shards (one JSON object per
article per line) without touching a database, so the work can run on many
machines; ``newsclaims load`` writes shards into the database, skipping
articles whose text is unchanged, so loading the same shard twice is harmless.
"""
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .articles import text_name
from .extract import Rows
from .files import Unlisted, find_files
from .parallel import batches as chunks
from .sources import RecordError

SHARD_PATTERN = "rows-{:05d}.jsonl"
SHARD_SUFFIXES = (".jsonl",)


def shard_line(rows: Rows) -> str:
    """One article's Rows as a line of JSON (without the line end)."""
    return json.dumps(rows.to_dict(), ensure_ascii=False)


def write_shard(path: str | Path, rows: Iterable[Rows]) -> Path:
    """Write one shard atomically: a reader never sees half of it."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        for item in rows:
            handle.write(shard_line(item) + "\n")
    os.replace(partial, path)
    return path


def write_shards(rows: Iterable[Rows], folder: str | Path, shard_size: int = 1000) -> list[Path]:
    """Rows into numbered shards in ``folder``; returns the shard paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, shard in enumerate(chunks(rows, shard_size)):
        written.append(write_shard(folder / SHARD_PATTERN.format(index), shard))
    return written


def read_shards(paths: Sequence[str | Path]) -> Iterator[Rows | RecordError]:
    """Yield Rows, or a RecordError naming file:line, for every line of every shard.

    Shards are found as articles are (files.find_files): in nested folders too, such
    as one per machine that ran `newsclaims extract`. A link to a shard elsewhere is
    read; a folder that cannot be listed is a RecordError naming it.
    """
    unlisted: Unlisted = []
    files = find_files(paths, SHARD_SUFFIXES, unlisted, follow_links=True)
    for folder, reason in unlisted:
        yield RecordError(text_name(folder), reason)
    for path in files:
        name = text_name(path)
        with open(path, "rb") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield shard_rows(line, f"{name}:{number}")


def shard_rows(line: bytes, location: str) -> Rows | RecordError:
    """One shard line -> Rows, or a RecordError: a shard may be stale, edited by hand or cut short."""
    try:
        data = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        return RecordError(location, f"broken JSON ({error})")
    try:
        rows = Rows.from_dict(data)
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        return RecordError(location, f"not a row of `newsclaims extract` ({type(error).__name__}: {error})")
    problem = rows.misplaced()
    return RecordError(location, problem) if problem else rows
