"""How the site is launched, in one place: `newsclaims serve`, `make serve`, the tests and bench/ all come here.

metadata.yml describes one database under the name ``newsclaims``; at launch
that block is given to every database served, under the name Datasette gives
it (its file name without .db), so a database built under any name gets every
saved query, chart and description.
"""
import copy
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import urlencode

import yaml
from datasette.app import Datasette
from datasette.database import Database
from datasette.utils import tilde_encode
from datasette.utils.asgi import Request
from markupsafe import escape

ROOT = Path(__file__).resolve().parents[2]  # the checkout: metadata.yml, settings.json, plugins/, templates/
METADATA_NAME = "newsclaims"  # the database name metadata.yml is written for

# ASGI, as the plugins' wrappers see it
Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
App: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]


def served_names(paths: Sequence[str | Path]) -> list[str]:
    """The names Datasette gives the files: file name without extension, a second my.db becomes my_2."""
    names: list[str] = []
    for path in paths:
        suggestion = name = Path(path).stem
        number = 2
        while name in names:
            name, number = f"{suggestion}_{number}", number + 1
        names.append(name)
    return names


def contents_html(block: dict[str, Any], route: str) -> str:
    """Links to every table and every saved query, so none hides behind Datasette's "..." on the home page."""
    tables = [name for name, options in block["tables"].items() if not options.get("hidden")]
    table_links = " · ".join(f'<a href="/{route}/{name}">{name}</a>' for name in tables)
    query_links = " · ".join(f'<a href="/{route}/{name}">{escape(query["title"])}</a>'
                             for name, query in block["queries"].items())
    return f"\n<p><strong>Tables:</strong> {table_links}</p>\n<p><strong>All saved queries:</strong> {query_links}</p>"


def metadata_for(names: list[str]) -> dict[str, Any]:
    """metadata.yml with its database block under each name; home-page links point at the first."""
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    block = metadata["databases"].pop(METADATA_NAME)
    metadata["databases"] = {name: copy.deepcopy(block) for name in names}
    route = tilde_encode(names[0])
    for key in ("description_html", "source_url"):
        metadata[key] = metadata[key].replace(f"/{METADATA_NAME}/", f"/{route}/")
    metadata["description_html"] += contents_html(block, route)
    return metadata


def settings() -> dict[str, Any]:
    return json.loads((ROOT / "settings.json").read_text(encoding="utf-8"))


def datasette(*paths: str | Path) -> Datasette:
    """The site over ``paths``: read-only, each database seen as soon as a build commits to it."""
    files = [str(path) for path in dict.fromkeys(paths)]
    return Datasette(
        files=files,
        metadata=metadata_for(served_names(files)),
        plugins_dir=str(ROOT / "plugins"),
        template_dir=str(ROOT / "templates"),
        settings=settings(),
    )


SERVE_PATHS = "NEWSCLAIMS_SERVE_PATHS"  # how `serve` hands the database paths to each worker process


def app_from_environment() -> Any:
    """The ASGI app a uvicorn worker process builds, over the paths `serve` left in the environment."""
    return datasette(*json.loads(os.environ[SERVE_PATHS])).app()


def serve(paths: Sequence[str | Path], host: str, port: int, workers: int = 1) -> None:
    """Serve until interrupted, as `datasette serve` does, in ``workers`` processes sharing the port.

    One process answers on one core at a time (Python holds one lock for
    its pages); a second process on a second core answers twice the readers.
    """
    import uvicorn

    os.environ[SERVE_PATHS] = json.dumps([str(path) for path in paths])
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="info", lifespan="on")


def page_database(datasette: Datasette, request: Request) -> Database:
    """The database a /-/ page shows: ?database=NAME, else the first served (the only one, usually)."""
    from datasette.utils.asgi import NotFound

    name = request.args.get("database")
    if name is None:
        return datasette.get_database()
    if name not in datasette.databases or name == "_internal":
        raise NotFound(f"No database {name}")
    return datasette.get_database(name)


def page_path(datasette: Datasette, path: str, database: str | None) -> str:
    """A /-/ page's path for a row of ``database``: names the database unless it is the first served."""
    if database is None or database == datasette.get_database().name:
        return datasette.urls.path(path)
    return datasette.urls.path(path) + "?" + urlencode({"database": database})
