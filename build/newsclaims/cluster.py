"""Extraction on a Dask cluster: the same pure extraction, partitioned with ``dask.bag``.

A user with millions of articles points this at a real cluster (a
``distributed.Client`` for it); each partition reads its files, parses and
extracts them, and the results land as JSON Lines shards for
``newsclaims load``. Dask is an optional dependency: ``pip install
'newsclaims[cluster]'``.
"""
import json
from pathlib import Path

from .articles import ArticleError
from .build import find_files
from .parallel import Failure, extract_batch
from .sources import RecordError, read_source


def extract_partition(paths):
    """JSON lines of rows for the article files in one partition; bad files are skipped with a message."""
    articles = []
    for path in paths:
        for item in read_source(path):  # one article per .txt or .html file, one per JSON Lines or CSV record
            if isinstance(item, RecordError):
                print(f"{item}; skipped")
            elif isinstance(item, ArticleError):
                print(f"{path}: {item}; skipped")
            else:
                articles.append(item)
    lines = []
    for result in extract_batch(articles):
        if isinstance(result, Failure):
            print(f"{result.article.location}: {result.reason}; skipped")
            continue
        lines.append(json.dumps(result.to_dict(), ensure_ascii=False))
    return lines


def extract_with_dask(paths, folder, partitions):
    """Extract every article under ``paths`` into shards ``folder/rows-N.jsonl``; returns their paths.

    Runs on the active ``distributed.Client`` if there is one, else on Dask's local scheduler.
    """
    import dask.bag

    files = [str(path) for path in find_files(paths)]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    bag = dask.bag.from_sequence(files, npartitions=max(1, min(partitions, len(files))))
    bag.map_partitions(extract_partition).to_textfiles(str(folder / "rows-*.jsonl"))
    return sorted(folder.glob("rows-*.jsonl"))
