"""The build: files -> articles -> rows (parallel.py) -> database (store.py).

Articles stream through one batch at a time, so memory stays flat however
large the corpus. Unchanged articles (same slug, same sha256) are not
parsed again; a bad file is reported and skipped, never fatal.
"""
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from .articles import Article, ArticleError, text_name
from .extract import Rows
from .files import Unlisted, find_files, within
from .parallel import Failure, extract_all
from .rulefiles import check_rule_files
from .shards import read_shards, write_shards
from .sources import SUFFIXES, RecordError, read_source
from .store import (
    build_lock,
    build_transaction,
    database_path,
    delete_article,
    extracted_before,
    known_articles,
    known_sources,
    tidy,
    write_rows,
)

# For tests of interrupted builds only; unset in every real build. See pause_if_asked.
PAUSE_AFTER_VARIABLE = "NEWSCLAIMS_TEST_PAUSE_AFTER"

Warn = Callable[[str], object]
# article field -> the columns of JSON Lines and CSV records to read it from, in order (sources.parse_field_map)
FieldMap = dict[str, list[str]]
# progress(files) -> a progress bar over that many files: a context manager with update(n)
Progress = Callable[[int], AbstractContextManager[Any]]


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    pruned: int = 0
    reextracted: int = 0  # of the updated: same text, extracted by another version of newsclaims before
    quotes: int = 0
    figures: int = 0
    entities: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        pruned = f", {self.pruned} pruned" if self.pruned else ""
        again = f" ({self.reextracted} by a new version of newsclaims)" if self.reextracted else ""
        return (
            f"{self.added} added, {self.updated} updated{again}, {self.unchanged} unchanged, {self.failed} failed"
            f"{pruned}; "
            f"database holds {self.quotes} quotes, {self.figures} figures, {self.entities} entities"
        )


class Reader:
    """Reads files in order, deciding for each article (a file, or a record of one): new, changed, unchanged, or
    failed."""

    def __init__(self, known: dict[str, str], summary: Summary, warn: Warn, sources: dict[str, str] | None = None,
                 field_map: FieldMap | None = None, tell: Warn | None = None,
                 extracted_before: set[str] | None = None) -> None:
        self.known = known  # slug -> sha256 already in the database
        self.extracted_before = extracted_before or set()  # slugs another version of newsclaims extracted
        self.tell = tell  # names each article as it is written (--verbose), or None
        self.sources = sources or {}  # slug -> source_path of the file that put it there
        self.summary = summary
        self.warn = warn
        self.field_map = field_map  # article field -> column name in JSON Lines and CSV records
        self.slug_paths: dict[str, Path] = {}
        self.slug_places: dict[str, str] = {}  # slug -> where this run read it (file, or file:line)
        self.hash_slugs = {sha: slug for slug, sha in known.items()}

    def fail(self, path: str | Path, reason: str) -> None:
        self.summary.failed += 1
        name = text_name(path)
        self.summary.problems.append((name, reason))
        self.warn(f"{name}: {reason}; skipped")

    def owners(self, files: list[Path]) -> dict[str, Path]:
        """slug -> path, for slugs whose stored article came from one of ``files``.

        When two files share a slug, the one already in the database keeps it
        whatever the order, so adding a clashing file never replaces rows.
        """
        by_name = {text_name(path): path for path in files}
        # stored source_path -> one of ``files`` or None; a JSON Lines file owns many slugs
        by_stored: dict[str, Path | None] = {}
        resolved: dict[Path | None, Path] | None = None
        owners: dict[str, Path] = {}
        for slug, stored in self.sources.items():
            if stored not in by_stored:
                path = by_name.get(stored)
                if path is None:
                    if resolved is None:
                        resolved = {resolve(p): p for p in files}
                    target = resolve(stored)
                    path = None if target is None else resolved.get(target)
                by_stored[stored] = path
            owner = by_stored[stored]
            if owner is not None:
                owners[slug] = owner
        return owners

    def articles(self, files: list[Path], advance: Callable[[], object]) -> Iterator[Article]:
        """Yield the articles that need parsing; count the rest."""
        self.slug_paths = self.owners(files)
        for path in files:
            advance()
            for article in read_source(path, self.field_map):
                if isinstance(article, RecordError):
                    self.fail(article.location, article.reason)
                    continue
                if isinstance(article, ArticleError):
                    self.fail(path, str(article))
                    continue
                place = article.location
                owner = self.slug_paths.get(article.slug) or self.stored_elsewhere(article.slug, path)
                if owner not in (None, path):
                    self.fail(place, f"same slug '{article.slug}' as {owner}")
                    continue
                if article.slug in self.slug_places:  # twice in one file: two records with the same id
                    self.fail(place, f"same slug '{article.slug}' as {self.slug_places[article.slug]}")
                    continue
                self.slug_paths[article.slug] = path
                self.slug_places[article.slug] = place
                if self.needs_parsing(article, place):
                    yield article

    def stored_elsewhere(self, slug: str, path: Path) -> str | None:
        """The stored source of ``slug`` when it is another file that still exists, else None.

        A slug names one article for good: a second file of the same name in
        another folder is a clash, whichever build reads it. When the stored
        file is gone, the article has moved and the new file takes it over.
        """
        stored = self.sources.get(slug)
        if stored is None or resolve(stored) == resolve(path) or not os.path.exists(stored):
            return None
        return stored

    def needs_parsing(self, article: Article, origin: str | Path) -> bool:
        """False for an unchanged article, or one whose text another slug already holds (reported)."""
        twin = self.hash_slugs.get(article.sha256)
        if twin is not None and twin != article.slug:
            self.fail(origin, f"same text as article '{twin}'")
            return False
        self.hash_slugs[article.sha256] = article.slug
        if self.known.get(article.slug) == article.sha256:
            if article.slug not in self.extracted_before:
                self.summary.unchanged += 1
                return False
            self.summary.reextracted += 1
        return True

    def written(self, article: Article) -> None:
        updated = article.slug in self.known
        if updated:
            self.summary.updated += 1
        else:
            self.summary.added += 1
        if self.tell:
            self.tell(f"{'updated' if updated else 'added'} {article.location}")


def resolve(path: str | Path) -> Path | None:
    """The absolute path a stored source_path names (relative paths resolve from here), or None."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return None


def orphans(sources: dict[str, str], paths: Iterable[str | Path]) -> list[str]:
    """Slugs of stored articles whose source file, inside one of ``paths``, no longer exists."""
    roots = [os.path.abspath(path) for path in paths]
    return sorted(slug for slug, source in sources.items()
                  if source and within(os.path.abspath(source), roots) and not os.path.lexists(source))


def prune_or_report(db: Database, reader: Reader, paths: Iterable[str | Path], prune: bool) -> None:
    """Remove (--prune) or name the stored articles whose source file is gone: never kept in silence."""
    gone = orphans(reader.sources, paths)
    if not gone:
        return
    if prune:
        for slug in gone:
            delete_article(db, slug)
        reader.summary.pruned = len(gone)
        return
    shown = ", ".join(gone[:10]) + (", ..." if len(gone) > 10 else "")
    one = len(gone) == 1
    reader.warn(f"{len(gone)} stored article{'' if one else 's'} {'has' if one else 'have'} no source any more "
                f"({shown}); --prune removes {'it' if one else 'them'}")


def count_rows(db: Database, summary: Summary) -> None:
    summary.quotes = db["quotes"].count
    summary.figures = db["figures"].count
    summary.entities = db["entities"].count


@contextmanager
def extracted(paths: Sequence[str | Path], reader: Reader, processes: int, batch_size: int, progress: Progress | None,
              follow_links: bool = False) -> Iterator[Iterator[Rows | Failure]]:
    """Rows (or a Failure) for every article under ``paths`` that needs parsing, with a bar over the files."""
    unlisted: Unlisted = []
    files = find_files(paths, SUFFIXES, unlisted, follow_links)
    for folder, reason in unlisted:
        reader.fail(folder, reason)
    with (progress(len(files)) if progress else NoProgress()) as bar:
        articles = reader.articles(files, advance=lambda: bar.update(1))
        yield extract_all(articles, processes, batch_size)


def build(paths: Sequence[str | Path], db_path: str | Path, full: bool = False, processes: int = 1,
          batch_size: int = 32, warn: Warn = print, progress: Progress | None = None, wait: float = 60.0,
          on_wait: Callable[[], object] | None = None, field_map: FieldMap | None = None, prune: bool = False,
          follow_links: bool = False, tell: Warn | None = None) -> Summary:
    """Build or update ``db_path`` from article files and folders; returns a Summary.

    ``progress(files)`` may wrap the file list in a progress bar; it must
    return an object with ``update(n)`` usable as a context manager.
    ``field_map`` names the columns of JSON Lines and CSV records (see sources.FIELDS).
    ``prune`` removes stored articles whose source file under ``paths`` is gone;
    ``follow_links`` reads links in folders to files outside them; ``tell``, if
    given, is called with a line naming each article as it is written.
    """
    check_rule_files()
    summary = Summary()
    db_path = database_path(db_path)
    with build_lock(db_path, wait=wait, on_wait=on_wait), build_transaction(db_path, fresh=full) as db:
        reader = Reader(known_articles(db), summary, warn, known_sources(db), field_map, tell, extracted_before(db))
        entity_ids: dict[str, int] = {}  # name -> id, for every write of this build
        with extracted(paths, reader, processes, batch_size, progress, follow_links) as results:
            for written, rows in enumerate(succeeded(results, reader), 1):
                write_rows(db, rows, entity_ids)
                pause_if_asked(written)
        prune_or_report(db, reader, paths, prune)
        tidy(db)
        count_rows(db, summary)
    return summary


def pause_if_asked(written: int) -> None:
    """With NEWSCLAIMS_TEST_PAUSE_AFTER=n set, stop this process (SIGSTOP) once ``written`` reaches n, saying so
    on stderr first: a test then kills or signals the build at that known point, uncommitted, instead of racing it."""
    if os.environ.get(PAUSE_AFTER_VARIABLE) == str(written):
        print(f"paused after writing {written} articles", file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGSTOP)


def extract_to_shards(paths: Sequence[str | Path], folder: str | Path, shard_size: int = 1000, processes: int = 1,
                      batch_size: int = 32, warn: Warn = print, progress: Progress | None = None,
                      field_map: FieldMap | None = None) -> tuple[Summary, list[Path]]:
    """Articles -> JSON Lines shards in ``folder``, no database involved; returns (Summary, shard paths)."""
    check_rule_files()
    summary = Summary()
    reader = Reader({}, summary, warn, field_map=field_map)
    with extracted(paths, reader, processes, batch_size, progress) as results:
        shards = write_shards(succeeded(results, reader), folder, shard_size)
    return summary, shards


def succeeded(results: Iterable[Rows | Failure], reader: Reader) -> Iterator[Rows]:
    """The Rows among ``results``, each counted as added or updated; a Failure is reported and skipped."""
    for item in results:
        if isinstance(item, Failure):
            reader.fail(item.article.location, item.reason)
            continue
        reader.written(item.article)
        yield item


def load_shards(paths: Sequence[str | Path], db_path: str | Path, wait: float = 60.0,
                on_wait: Callable[[], object] | None = None, warn: Warn = print) -> Summary:
    """Write shards into ``db_path``; an article whose text is already stored is left alone."""
    summary = Summary()
    db_path = database_path(db_path)
    with build_lock(db_path, wait=wait, on_wait=on_wait), build_transaction(db_path) as db:
        reader = Reader(known_articles(db), summary, warn, known_sources(db))
        entity_ids: dict[str, int] = {}  # name -> id, for every write of this build
        for rows in read_shards(paths):
            if isinstance(rows, RecordError):
                reader.fail(rows.location, rows.reason)
                continue
            if reader.needs_parsing(rows.article, rows.article.source_path or rows.article.slug):
                write_rows(db, rows, entity_ids)
                reader.written(rows.article)
        tidy(db)
        count_rows(db, summary)
    return summary


class NoProgress:
    """Stands in for a progress bar when nobody watches."""

    def __enter__(self) -> "NoProgress":
        return self

    def __exit__(self, *exc: object) -> Literal[False]:
        return False

    def update(self, n: int) -> None:
        pass
