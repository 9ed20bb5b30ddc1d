"""Articles -> extracted rows, in this process or spread over several.

Extraction is a pure function of the text, so a worker needs nothing but the
articles: each one loads the pipeline once, parses a batch with ``nlp.pipe``
and sends back plain rows. At most two batches per worker are in flight, so
memory stays flat however long the stream of articles. Workers die with the
build, however it ends: a killed build never leaves workers holding its lock.
"""
import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TypeVar

from .articles import Article
from .extract import Rows, extract
from .nlp import load_nlp, parse


@dataclass
class Failure:
    """An article whose extraction raised: reported, never fatal."""

    article: Article
    reason: str


Item = TypeVar("Item")


def extract_batch(articles: list[Article], batch_size: int = 32) -> list[Rows | Failure]:
    """Rows (or a Failure) for each article, in order."""
    results: list[Rows | Failure] = []
    docs = parse(load_nlp(), [a.body for a in articles], batch_size)
    for doc, article in zip(docs, articles, strict=True):
        try:
            results.append(extract(article, doc))
        except Exception as error:  # one article's bug must not sink the build
            results.append(Failure(article, f"extraction failed: {type(error).__name__}: {error}"))
    return results


# spaCy's memory grows with the text it parses at once (about 3 MB per KB): a batch stops at this
# many characters (or at batch_size articles), so a few long articles are never parsed together.
BATCH_CHARS = 200_000


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def article_batches(articles: Iterable[Article], size: int, max_chars: int = BATCH_CHARS) -> Iterator[list[Article]]:
    """Lists of at most ``size`` articles and ``max_chars`` characters of text (one longer article goes alone)."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) == size or chars + len(article.body) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.body)
    if batch:
        yield batch


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def start_worker(build_pid: int) -> None:
    """In each worker: be killed when the build process dies, even by SIGKILL; leave Ctrl-C to the build.

    The build's own handlers for SIGTERM and SIGHUP (unwind and clean up) come with the fork; a worker must simply
    die when the pool terminates it, not raise in the middle of sending a batch and print a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the build still terminates its workers whenever it can run code
    if os.getppid() != build_pid:  # the build died before the line above took effect
        os._exit(1)


def extract_all(articles: Iterable[Article], processes: int = 1, batch_size: int = 32) -> Iterator[Rows | Failure]:
    """Yield Rows or Failure for every article, in input order."""
    if processes == 1:
        for batch in article_batches(articles, batch_size):
            yield from extract_batch(batch, batch_size)
        return
    load_nlp()  # loaded before the workers fork, so they share it
    pool = multiprocessing.get_context("fork").Pool(processes, initializer=start_worker, initargs=(os.getpid(),))
    try:
        in_flight: deque[AsyncResult[list[Rows | Failure]]] = deque()
        for batch in article_batches(articles, batch_size):
            in_flight.append(pool.apply_async(extract_batch, (batch, batch_size)))
            if len(in_flight) >= 2 * processes:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()
        pool.close()
    except BaseException:  # an error, Ctrl-C, SIGTERM or the caller stopping early: stop the workers now
        pool.terminate()
        raise
    finally:
        pool.join()
