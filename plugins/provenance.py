"""Provenance pages: any quote, figure or mention shown highlighted in its article.

``/-/provenance/<table>/<id>`` renders the article body with the row's span
marked and the other quotes and figures of the article marked lightly, each
linking to its own page. Text goes through Jinja's autoescaping, so HTML or
script inside an article shows as text.
"""
from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

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


def segments(body, target, neighbours):
    """Cut the body at every span edge: [(text, classes, link_or_None)] in order.

    Spans may overlap (a figure inside a quote), so each piece carries every
    class that covers it; the target wins the link.
    """
    spans = [(target["start"], target["end"], "target", None)]
    spans += [(n["start"], n["end"], f"neighbour {n['source']}", f"{PROVENANCE_PREFIX}{n['source']}/{n['id']}")
              for n in neighbours]
    edges = sorted({0, len(body), *[s for s, *_ in spans], *[e for _, e, *_ in spans]})
    pieces = []
    for start, end in zip(edges, edges[1:]):
        covering = [span for span in spans if span[0] <= start and end <= span[1]]
        classes = " ".join(sorted({span[2] for span in covering}))
        link = next((span[3] for span in covering if span[3]), None) if "target" not in classes else None
        pieces.append((body[start:end], classes, link))
    return pieces


async def provenance(request, datasette):
    table = request.url_vars["table"]
    row_id = int(request.url_vars["id"])
    db = page_database(datasette, request)
    row = (await db.execute(DETAIL_SQL[table], [row_id])).first()
    if row is None:
        raise NotFound(f"No {table} row {row_id}")
    row = dict(row)
    article = dict((await db.execute("select * from articles where id = ?", [row["article_id"]])).first())
    neighbours = [
        dict(n) for n in (await db.execute(NEIGHBOURS_SQL, {"article": article["id"]})).rows
        if not (n["source"] == table and n["id"] == row_id)
    ]
    body = article["body"]
    return Response.html(
        await datasette.render_template(
            "provenance.html",
            {
                "table": table,
                "row": row,
                "article": article,
                "pieces": segments(body, row, neighbours),
                "verified": body[row["start"]:row["end"]] == row["text"],
                "database": db.name,
            },
            request=request,
        )
    )


@hookimpl
def register_routes():
    return [(rf"^{PROVENANCE_PREFIX}(?P<table>{'|'.join(SPAN_TABLES)})/(?P<id>\d+)$", provenance)]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Link every span row to its provenance page: the text cell in tables, the provenance column in queries."""
    if column == "provenance" and isinstance(value, str) and value.startswith(PROVENANCE_PREFIX):
        return Markup(f'<a href="{escape(page_path(datasette, value, database))}">check in text</a>')
    if table in SPAN_TABLES and column == "text" and isinstance(value, str):
        href = page_path(datasette, f"{PROVENANCE_PREFIX}{table}/{row['id']}", database)
        return Markup(f'{escape(value)} <a class="provenance" href="{escape(href)}">check in text</a>')
    return None
