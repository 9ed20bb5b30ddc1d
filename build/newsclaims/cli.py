"""The command line: ``newsclaims build ARTICLES... --db PATH``."""
import sys
import traceback

import click

from .build import build as run_build
from .nlp import ModelMissing
from .store import BuildLocked

EXIT_SOME_FAILED = 1
EXIT_NOT_BUILT = 3


@click.group()
@click.version_option(package_name="newsclaims")
def cli():
    """Turn news articles into a SQLite database of quotes, figures and entities."""


@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--db", "db_path", default="newsclaims.db", show_default=True, type=click.Path(dir_okay=False),
              help="Database file to create or update.")
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating changed articles only.")
@click.option("-j", "--processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for parsing and extraction.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per spaCy batch.")
@click.option("--wait", default=60.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another build of the same database to finish.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; problems and the summary only.")
def build(articles, db_path, full, processes, batch_size, wait, quiet):
    """Build or update the database from ARTICLES: .txt files and folders of them.

    Unchanged articles are skipped. A bad file is reported and skipped; the
    rest still go in. The database file is replaced only when the build
    finishes, so an interrupted build leaves the previous one intact.

    Exit status: 0 all went in; 1 some files were skipped (see the messages);
    3 nothing was built (another build holds the database, no model, or the build failed).
    """
    warn = lambda message: click.echo(message, err=True)  # noqa: E731

    def progress(length):
        return click.progressbar(length=length, label="Articles", file=sys.stderr, show_pos=True)

    try:
        summary = run_build(
            articles, db_path, full=full, processes=processes, batch_size=batch_size, warn=warn,
            progress=None if quiet or not sys.stderr.isatty() else progress, wait=wait,
            on_wait=lambda: warn(f"Waiting for another build of {db_path} to finish..."),
        )
    except (BuildLocked, ModelMissing) as error:
        warn(f"Error: {error}")
        sys.exit(EXIT_NOT_BUILT)
    except Exception as error:  # a crash must not exit 1, which says the database was built
        traceback.print_exc()
        warn(f"Error: the build failed ({type(error).__name__}: {error}); {db_path} was not changed")
        sys.exit(EXIT_NOT_BUILT)
    click.echo(f"{db_path}: {summary.line()}", err=True)
    if summary.failed:
        sys.exit(EXIT_SOME_FAILED)
