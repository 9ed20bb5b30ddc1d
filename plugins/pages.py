"""The article page (/-/article/ID) and the entity page (/-/entity/ID, /-/entity/named/NAME), and links to them.

The article page shows the whole body with every quote, figure and mention
marked, each linking to its provenance page; the entity page gathers what a
person or organisation said and claimed across articles. Tables, row pages
and saved queries link article and entity names to these pages.
"""
import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from datasette.database import Database
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import BadRequest, NotFound, Request, Response
from jinja2 import Environment
from markupsafe import Markup, escape

from newsclaims.marking import body_html
from newsclaims.site import page_database, page_path

LIST_LIMIT = 1000  # rows per list on one page; the counts say how many there are in all
PART_CHARS = 100_000  # of article body per page: a longer article is shown in parts, ?part=2 and on
ARTICLE_SPANS_SQL = """
    select * from (
      select 'quote' as kind, start, "end", '/-/provenance/quotes/' || id as link
      from quotes where article_id = :id and kind != 'scare'
      union all
      select 'figure', start, "end", '/-/provenance/figures/' || id from figures where article_id = :id
      union all
      select 'mention', start, "end", '/-/provenance/mentions/' || id from mentions where article_id = :id
    ) where "end" > :first and start < :last
"""
QUOTES_SQL = """
    select q.id, q.text, q.kind, q.cue, q.speaker_id, e.name as speaker, q.speaker_text, q.article_id,
      a.label as article, a.published
    from quotes q left join entities e on e.id = q.speaker_id join articles a on a.id = q.article_id
    where {where} and q.kind != 'scare'
    order by q.article_id desc, q.start
    limit {limit}
"""
FIGURES_SQL = """
    select f.id, f.text, f.value, f.unit, f.category, f.claimant_id, e.name as claimant, f.claimant_text, f.article_id,
      a.label as article, a.published
    from figures f left join entities e on e.id = f.claimant_id join articles a on a.id = f.article_id
    where {where}
    order by f.article_id desc, f.start
    limit {limit}
"""
TOGETHER_SQL = """
    with shared as (
      select distinct article_id from mentions where entity_id = :id order by article_id desc limit 2000
    )
    select e.id, e.name, e.type, count(distinct m.article_id) as articles
    from shared s join mentions m on m.article_id = s.article_id join entities e on e.id = m.entity_id
    where m.entity_id != :id
    group by m.entity_id
    order by articles desc, e.name
    limit 30
"""
# Saved-query columns that hold an entity's name.
ENTITY_NAME_COLUMNS = {"speaker", "claimant", "appears_with", "entity"}


async def rows(db: Database, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return [dict(row) for row in (await db.execute(sql, params or {})).rows]


async def render(datasette: Datasette, request: Request, template: str, context: dict[str, Any]) -> Response:
    return Response.html(await datasette.render_template(template, context, request=request))


def article_part(request: Request, parts: int) -> int:
    """?part=N, 1 to ``parts``: 400 for anything but a number, 404 past the last part."""
    value = request.args.get("part", "1")
    if not value.isdigit() or len(value) > 6:
        raise BadRequest("part must be a whole number")
    if not 1 <= int(value) <= parts:
        raise NotFound(f"This article has {parts} part{'s' if parts > 1 else ''}")
    return int(value)


async def article_page(request: Request, datasette: Datasette) -> Response:
    db = page_database(datasette, request)
    article_id = int(request.url_vars["id"])
    found = await rows(db, "select * from articles where id = :id", {"id": article_id})
    if not found:
        raise NotFound(f"No article {article_id}")
    article = found[0]
    parts = max(1, -(-len(article["body"]) // PART_CHARS))
    part = article_part(request, parts)
    first, last = (part - 1) * PART_CHARS, part * PART_CHARS
    spans = [(max(span["start"], first) - first, min(span["end"], last) - first, span["kind"], span["link"])
             for span in await rows(db, ARTICLE_SPANS_SQL, {"id": article_id, "first": first, "last": last})]
    # Marking up a long body is CPU work: a thread keeps the event loop answering other readers.
    html = await asyncio.to_thread(body_html, article["body"][first:last], spans,
                                   lambda link: page_path(datasette, link, db.name))
    return await render(datasette, request, "article.html", {
        "article": article,
        "database": db.name,
        "body_html": html,
        "part": part,
        "parts": parts,
        "quotes": await rows(db, QUOTES_SQL.format(where="q.article_id = :id", limit=LIST_LIMIT), {"id": article_id}),
        "figures": await rows(db, FIGURES_SQL.format(where="f.article_id = :id", limit=LIST_LIMIT), {"id": article_id}),
    })


async def entity_page(request: Request, datasette: Datasette) -> Response:
    db = page_database(datasette, request)
    key: str | int
    if "name" in request.url_vars:
        sql, key = "select * from entities where name = :key", tilde_decode(request.url_vars["name"])
    else:
        sql, key = "select * from entities where id = :key", int(request.url_vars["id"])
    found = await rows(db, sql, {"key": key})
    if not found:
        raise NotFound(f"No entity {key}")
    entity = found[0]
    params = {"id": entity["id"]}
    return await render(datasette, request, "entity.html", {
        "entity": entity,
        "database": db.name,
        "limit": LIST_LIMIT,
        "quotes": await rows(db, QUOTES_SQL.format(where="q.speaker_id = :id", limit=LIST_LIMIT), params),
        "figures": await rows(db, FIGURES_SQL.format(where="f.claimant_id = :id", limit=LIST_LIMIT), params),
        "together": await rows(db, TOGETHER_SQL, params),
    })


@hookimpl
def prepare_jinja2_environment(env: Environment, datasette: Datasette) -> None:
    """``path|page(database)`` in templates: links that stay in the database the page shows."""
    env.filters["page"] = lambda path, database: page_path(datasette, path, database)


@hookimpl
def register_routes() -> list[tuple[str, Callable[..., Awaitable[Response]]]]:
    return [
        (r"^/-/article/(?P<id>\d+)$", article_page),
        (r"^/-/entity/(?P<id>\d+)$", entity_page),
        (r"^/-/entity/named/(?P<name>[^/]+)$", entity_page),
    ]


def link(datasette: Datasette, path: str, text: str, database: str) -> Markup:
    return Markup(f'<a href="{escape(page_path(datasette, path, database))}">{escape(text)}</a>')


def entity_path(name: str) -> str:
    return "/-/entity/named/" + tilde_encode(name)


# The page each table's rows are best read on, where there is one besides the row page.
PAGE_OF_TABLE = {"articles": "/-/article/{}", "entities": "/-/entity/{}"}


async def labelled_key(datasette: Datasette, database: str, table: str, column: str, value: int) -> Markup | None:
    """A row page's foreign key as its label, linked: Datasette 0.65 expands them on table pages only."""
    db = datasette.get_database(database)
    key = next((fk for fk in await db.foreign_keys_for_table(table) if fk["column"] == column), None)
    if key is None:
        return None
    other = key["other_table"]
    label_column = await db.label_column_for_table(other)
    found = await rows(db, f"select [{label_column}] as label from [{other}] where [{key['other_column']}] = :v",
                       {"v": value}) if label_column else []
    if not found:
        return None
    page = PAGE_OF_TABLE.get(other)
    href = page_path(datasette, page.format(value), database) if page else datasette.urls.row(database, other, value)
    return Markup(f'<a href="{escape(href)}">{escape(found[0]["label"])}</a>&nbsp;<em>{escape(value)}</em>')


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Datasette
                ) -> Markup | Awaitable[Markup | None] | None:
    """Article labels and entity names link to their pages, in tables and in saved queries."""
    if value is None or value == "":
        return None
    if table in PAGE_OF_TABLE and column == ("label" if table == "articles" else "name"):
        return link(datasette, PAGE_OF_TABLE[table].format(row["id"]), value, database)
    if table and isinstance(value, int) and column.endswith("_id"):
        return labelled_key(datasette, database, table, column, value)
    if table is None and column == "article" and "article_id" in row.keys():
        return link(datasette, f"/-/article/{row['article_id']}", value, database)
    if table is None and column in ENTITY_NAME_COLUMNS and isinstance(value, str) and not value.startswith("("):
        return link(datasette, entity_path(value), value, database)
    return None
