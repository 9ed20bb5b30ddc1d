"""Extraction on a Dask cluster: the same pure extraction, partitioned with ``dask.bag``.

A user with millions of articles points this at a real cluster (a
``distributed.Client`` for it); each partition reads its files, parses and
extracts them, and the results land as JSON Lines shards for
``newsclaims load``. Dask is an optional dependency: ``pip install
'newsclaims[cluster]'``.
"""
from collections.abc import Sequence
from pathlib import Path

from .build import Reader, Summary, succeeded
from .files import find_files
from .parallel import extract_batch
from .rulefiles import check_rule_files
from .shards import shard_line
from .sources import SUFFIXES


def extract_partition(paths: list[str]) -> list[str]:
    """JSON lines of rows for the article files in one partition; bad files and records are skipped with a message."""
    reader = Reader({}, Summary(), warn=print)
    articles = list(reader.articles([Path(path) for path in paths], advance=lambda: None))
    return [shard_line(rows) for rows in succeeded(extract_batch(articles), reader)]


def extract_with_dask(paths: Sequence[str | Path], folder: str | Path, partitions: int) -> list[Path]:
    """Extract every article under ``paths`` into shards ``folder/rows-N.jsonl``; returns their paths.

    Runs on the active ``distributed.Client`` if there is one, else on Dask's local scheduler.
    """
    import dask.bag

    check_rule_files()
    files = [str(path) for path in find_files(paths, SUFFIXES)]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    bag = dask.bag.from_sequence(files, npartitions=max(1, min(partitions, len(files))))
    bag.map_partitions(extract_partition).to_textfiles(str(folder / "rows-*.jsonl"))
    return sorted(folder.glob("rows-*.jsonl"))
