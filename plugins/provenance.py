"""Provenance pages: any quote, figure or mention shown highlighted in its article.

``/-/provenance/<table>/<id>`` renders the article body with the row's span
marked and the other quotes and figures of the article marked lightly, each
linking to its own page. Text goes through Jinja's autoescaping, so HTML or
script inside an article shows as text.
"""
import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from datasette.utils.asgi import NotFound, Request, Response
from markupsafe import Markup, escape

from newsclaims.marking import MarkedSpan, body_html
from newsclaims.offsets import CharOffset
from newsclaims.site import page_database, page_path

SPAN_TABLES = ("quotes", "figures", "mentions")
PROVENANCE_PREFIX = "/-/provenance/"
DETAIL_SQL = {
    "quotes": """
        select q.*, e.name as speaker from quotes q left join entities e on e.id = q.speaker_id where q.id = ?
    """,
    "figures": """
        select f.*, e.name as claimant from figures f left join entities e on e.id = f.claimant_id where f.id = ?
    """,
    "mentions": """
        select m.*, e.name as entity, e.type as entity_type from mentions m join entities e on e.id = m.entity_id
        where m.id = ?
    """,
}
NEIGHBOURS_SQL = """
    select 'quotes' as source, id, start, "end" from quotes where article_id = :article and kind != 'scare'
    union all
    select 'figures', id, start, "end" from figures where article_id = :article
    order by start
"""


MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer: any bigger id names no row
CONTEXT_CHARS = 10_000  # of article shown either side of the span; a long article is trimmed to this window
EXCERPT_SQL = """
    select *, length(body) as length, substr(body, :first + 1, :last - :first) as excerpt,
      substr(body, :start + 1, :end - :start) = :text as verified
    from articles where id = :article
"""
WINDOW_SQL = """
    select * from ({}) where "end" > :first and start < :last
""".format(NEIGHBOURS_SQL.replace("order by start", "")) + " order by start"


def window_spans(row: dict[str, Any], table: str, neighbours: Sequence[Any], first: CharOffset) -> list[MarkedSpan]:
    """The target, its neighbours and a quote's source as written, as spans relative to the window at ``first``."""
    spans: list[MarkedSpan] = [(row["start"] - first, row["end"] - first, "target", None)]
    spans += [(max(n["start"], first) - first, n["end"] - first, f"neighbour {n['source']}",
               f"{PROVENANCE_PREFIX}{n['source']}/{n['id']}")
              for n in neighbours if not (n["source"] == table and n["id"] == row["id"])]
    if table == "quotes" and row.get("speaker_text_start") is not None and row["speaker_text_start"] >= first:
        spans.append((row["speaker_text_start"] - first, row["speaker_text_end"] - first, "speaker", None))
    return spans


async def provenance(request: Request, datasette: Datasette) -> Response:
    table = request.url_vars["table"]
    row_id = int(request.url_vars["id"])
    if row_id > MAX_ROW_ID:
        raise NotFound(f"No {table} row {row_id}")
    db = page_database(datasette, request)
    row = (await db.execute(DETAIL_SQL[table], [row_id])).first()
    if row is None:
        raise NotFound(f"No {table} row {row_id}")
    row = dict(row)
    first = max(0, row["start"] - CONTEXT_CHARS)
    window = {"first": first, "last": row["end"] + CONTEXT_CHARS, "start": row["start"], "end": row["end"],
              "text": row["text"], "article": row["article_id"]}
    article = dict((await db.execute(EXCERPT_SQL, window)).first())
    window["last"] = min(window["last"], article["length"])
    neighbours = (await db.execute(WINDOW_SQL, window)).rows
    spans = window_spans(row, table, neighbours, first)
    # Marking up a long excerpt is CPU work: a thread keeps the event loop answering other readers.
    html = await asyncio.to_thread(body_html, article["excerpt"], spans,
                                   lambda link: page_path(datasette, link, db.name), "target")
    return Response.html(
        await datasette.render_template(
            "provenance.html",
            {"table": table, "row": row, "article": article, "body_html": html, "window": window,
             "verified": bool(article["verified"]), "database": db.name},
            request=request,
        )
    )


@hookimpl
def register_routes() -> list[tuple[str, Callable[..., Awaitable[Response]]]]:
    return [(rf"^{PROVENANCE_PREFIX}(?P<table>{'|'.join(SPAN_TABLES)})/(?P<id>\d{{1,19}})$", provenance)]


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Datasette
                ) -> Markup | None:
    """Link every span row to its provenance page: the text cell in tables, the provenance column in queries."""
    if column == "provenance" and isinstance(value, str) and value.startswith(PROVENANCE_PREFIX):
        return Markup(f'<a href="{escape(page_path(datasette, value, database))}">check in text</a>')
    if table in SPAN_TABLES and column == "text" and isinstance(value, str):
        href = page_path(datasette, f"{PROVENANCE_PREFIX}{table}/{row['id']}", database)
        return Markup(f'{escape(value)} <a class="provenance" href="{escape(href)}">check in text</a>')
    return None
