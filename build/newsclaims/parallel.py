"""Articles -> extracted rows, in this process or spread over several.

Extraction is a pure function of the text, so a worker needs nothing but the
articles: each one loads the pipeline once, parses a batch with ``nlp.pipe``
and sends back plain rows. At most two batches per worker are in flight, so
memory stays flat however long the stream of articles.
"""
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from .articles import Article
from .extract import extract
from .nlp import load_nlp


@dataclass
class Failure:
    """An article whose extraction raised: reported, never fatal."""

    article: Article
    reason: str


def extract_batch(articles, batch_size=32):
    """Rows (or a Failure) for each article, in order."""
    results = []
    docs = load_nlp().pipe(((a.body, a) for a in articles), as_tuples=True, batch_size=batch_size)
    for doc, article in docs:
        try:
            results.append(extract(article, doc))
        except Exception as error:  # one article's bug must not sink the build
            results.append(Failure(article, f"extraction failed: {type(error).__name__}: {error}"))
    return results


def batches(items, size):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_all(articles, processes=1, batch_size=32):
    """Yield Rows or Failure for every article, in input order."""
    if processes == 1:
        for batch in batches(articles, batch_size):
            yield from extract_batch(batch, batch_size)
        return
    load_nlp()  # loaded before the workers fork, so they share it
    with ProcessPoolExecutor(processes) as pool:
        in_flight = deque()
        for batch in batches(articles, batch_size):
            in_flight.append(pool.submit(extract_batch, batch, batch_size))
            if len(in_flight) >= 2 * processes:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
