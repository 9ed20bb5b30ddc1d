"""The command line: ``newsclaims build ARTICLES... --db PATH``, ``newsclaims serve DB...``, and extract/load for
clusters."""
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

import click

from .articles import printable
from .build import FieldMap, Progress, Summary, extract_to_shards, load_shards
from .build import build as run_build
from .nlp import ModelMissing
from .rulefiles import RuleFileError
from .sources import parse_field_map
from .store import BuildLocked, NotOurDatabase

EXIT_SOME_FAILED = 1
EXIT_NOT_BUILT = 3


@click.group()
@click.version_option(package_name="newsclaims")
def cli() -> None:
    """Turn news articles into a SQLite database of quotes, figures and entities."""


def warn(message: str) -> None:
    click.echo(printable(message), err=True)


def progress_bar(quiet: bool) -> Progress | None:
    """A progress bar on stderr, or None when quiet or nobody watches."""
    if quiet or not sys.stderr.isatty():
        return None
    return lambda length: click.progressbar(length=length, label="Articles", file=sys.stderr, show_pos=True)


class Stopped(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so the staging copy and the workers are cleaned up."""


def stop(signum: int, frame: FrameType | None) -> NoReturn:
    raise Stopped(signal.Signals(signum).name)


@contextmanager
def reported_errors(target: str) -> Iterator[None]:
    """Turn failures and interruptions into one clear line and exit status 3: ``target`` was not changed."""
    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    except (KeyboardInterrupt, Stopped) as error:
        warn(f"Interrupted ({str(error) or 'SIGINT'}): {target} was not changed")
        sys.exit(EXIT_NOT_BUILT)
    except (BuildLocked, ModelMissing, NotOurDatabase, RuleFileError) as error:
        warn(f"Error: {error}")
        sys.exit(EXIT_NOT_BUILT)
    except Exception as error:  # a crash must not exit 1, which says the database was built
        traceback.print_exc()
        warn(f"Error: {type(error).__name__}: {error}; {target} was not changed")
        sys.exit(EXIT_NOT_BUILT)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def finish(target: str, summary: Summary) -> None:
    warn(f"{target}: {summary.line()}")
    if summary.failed:
        sys.exit(EXIT_SOME_FAILED)


processes_option = click.option("-j", "--processes", default=1, show_default=True, type=click.IntRange(1, 64),
                                help="Worker processes for parsing and extraction.")
batch_option = click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000),
                            help="Articles per spaCy batch.")
wait_option = click.option("--wait", default=60.0, show_default=True, type=click.FloatRange(0),
                           help="Seconds to wait for another build of the same database to finish.")
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bar; problems and the summary only.")
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Name each article as it is written (for logs).")


def field_map_option(context: click.Context, parameter: click.Parameter, specs: tuple[str, ...]) -> FieldMap:
    try:
        return parse_field_map(specs)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


field_option = click.option(
    "--field", "field_map", multiple=True, metavar="NAME=COLUMN", callback=field_map_option,
    help="Read article field NAME (body, title, published, url, outlet, byline, id) from COLUMN of "
         "JSON Lines and CSV records, e.g. --field body=article_text. Repeatable.")
db_option = click.option("--db", "db_path", default="newsclaims.db", show_default=True,
                         type=click.Path(dir_okay=False), help="Database file to create or update.")


@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating changed articles only.")
@click.option("--prune", is_flag=True,
              help="Remove stored articles whose source file, inside the ARTICLES named, no longer exists.")
@click.option("--follow-links", is_flag=True,
              help="Read symbolic links inside the folders that point at files outside them (refused by default).")
@processes_option
@batch_option
@wait_option
@field_option
@quiet_option
@verbose_option
def build(articles: tuple[str, ...], db_path: str, full: bool, prune: bool, follow_links: bool, processes: int,
          batch_size: int, wait: float, field_map: FieldMap, quiet: bool, verbose: bool) -> None:
    """Build or update the database from ARTICLES: files and folders of them.

    An article is a .txt file, a saved web page (.html, .htm), or one record
    of a JSON Lines (.jsonl, .ndjson) or CSV (.csv) export.

    Unchanged articles are skipped. A bad file or record is reported and
    skipped; the rest still go in. The build is one transaction: an interrupted
    build leaves the previous database intact, and readers see the new articles
    only when it finishes.

    Exit status: 0 all went in; 1 some files were skipped (see the messages);
    3 nothing was built (another build holds the database, no model, a rule file
    under data/ or $NEWSCLAIMS_DATA_DIR breaks its schema, or the build failed).
    """
    with reported_errors(db_path):
        summary = run_build(
            articles, db_path, full=full, processes=processes, batch_size=batch_size, warn=warn,
            progress=progress_bar(quiet), wait=wait,
            on_wait=lambda: warn(f"Waiting for another build of {db_path} to finish..."), field_map=field_map,
            prune=prune, follow_links=follow_links, tell=warn if verbose else None,
        )
    finish(db_path, summary)


@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "folder", required=True, type=click.Path(file_okay=False),
              help="Folder for the shards (rows-00000.jsonl, ...).")
@click.option("--shard-size", default=1000, show_default=True, type=click.IntRange(1),
              help="Articles per shard.")
@processes_option
@batch_option
@field_option
@quiet_option
def extract(articles: tuple[str, ...], folder: str, shard_size: int, processes: int, batch_size: int,
            field_map: FieldMap, quiet: bool) -> None:
    """Extract rows from ARTICLES into JSON Lines shards, without a database.

    Run it on as many machines as you like over parts of a corpus, then
    `newsclaims load` the shards. Exit status as for build.
    """
    with reported_errors(folder):
        summary, shards = extract_to_shards(articles, folder, shard_size, processes, batch_size, warn=warn,
                                            progress=progress_bar(quiet), field_map=field_map)
    finish(f"{folder} ({len(shards)} shards)", summary)


@cli.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@db_option
@wait_option
def load(shards: tuple[str, ...], db_path: str, wait: float) -> None:
    """Load SHARDS (.jsonl files from `newsclaims extract`, or folders searched for them recursively) into the database.

    Articles whose text is already stored are skipped, so loading twice is harmless.
    """
    with reported_errors(db_path):
        summary = load_shards(shards, db_path, wait=wait, warn=warn,
                              on_wait=lambda: warn(f"Waiting for another build of {db_path} to finish..."))
    finish(db_path, summary)


@cli.command()
@click.argument("databases", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("-h", "--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 to be reachable from other machines.")
@click.option("-p", "--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("-w", "--workers", default=os.cpu_count() or 1, show_default="one per CPU", type=click.IntRange(1, 64),
              help="Processes answering requests; each keeps its own cache of pages.")
def serve(databases: tuple[str, ...], host: str, port: int, workers: int) -> None:
    """Publish DATABASES (built by `newsclaims build`, any file name) as the newsclaims site.

    Each is served read-only at /NAME (its file name without .db) with every
    saved query, chart and page; a build that commits later shows up at once.
    """
    from .site import serve as serve_site

    serve_site(databases, host, port, workers)
