"""The article page and the entity page, and the links that lead readers to them."""
import html
import re

import pytest
import sqlite_utils
from datasette.utils import tilde_encode

from helpers import datasette_for, with_big_article


def text_of(page):
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def busiest_article(seeds_db):
    return next(sqlite_utils.Database(seeds_db).query(
        "select * from articles where quotes > 0 and figures > 0 order by claims desc limit 1"))


def most_quoted(seeds_db):
    return next(sqlite_utils.Database(seeds_db).query(
        "select * from entities where quotes > 0 and figures > 0 order by quotes desc limit 1"))


async def test_article_page_shows_the_article_with_its_quotes_and_figures(ds, seeds_db):
    db = sqlite_utils.Database(seeds_db)
    article = busiest_article(seeds_db)
    response = await ds.client.get(f"/-/article/{article['id']}")
    assert response.status_code == 200
    page = response.text
    shown = text_of(page)
    for field in ("label", "outlet", "published", "byline"):
        if article[field]:
            assert article[field] in shown, field
    quotes = list(db.query("select id, text from quotes where article_id = ? and kind != 'scare'", [article["id"]]))
    figures = list(db.query("select id, text from figures where article_id = ?", [article["id"]]))
    mentions = db.execute("select count(*) from mentions where article_id = ?", [article["id"]]).fetchone()[0]
    for table, rows in (("quotes", quotes), ("figures", figures)):
        for row in rows:
            assert f'href="/-/provenance/{table}/{row["id"]}"' in page, (table, row["id"])
    body = page.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    assert text_of(body) == article["body"]
    assert len(re.findall(r'class="[^"]*\bquote\b', body)) >= len(quotes)
    assert len(re.findall(r'class="[^"]*\bfigure\b', body)) >= len(figures)
    assert len(re.findall(r'class="[^"]*\bmention\b', body)) >= mentions > 0


async def test_entity_page_shows_everything_the_entity_said_and_claimed(ds, seeds_db):
    db = sqlite_utils.Database(seeds_db)
    entity = most_quoted(seeds_db)
    response = await ds.client.get(f"/-/entity/{entity['id']}")
    assert response.status_code == 200
    page = response.text
    assert entity["name"] in text_of(page)
    for table, column in (("quotes", "speaker_id"), ("figures", "claimant_id")):
        ids = [row["id"] for row in db.query(f"select id from {table} where {column} = ?", [entity["id"]])]
        assert ids
        for row_id in ids:
            assert f'href="/-/provenance/{table}/{row_id}"' in page, (table, row_id)
    together = next(db.query("""
        select m.entity_id from mentions m
        where m.article_id in (select article_id from mentions where entity_id = :id) and m.entity_id != :id
        group by m.entity_id order by count(distinct m.article_id) desc limit 1""", {"id": entity["id"]}))
    assert f'href="/-/entity/{together["entity_id"]}"' in page
    assert f"{entity['quotes']} quote" in text_of(page)


async def test_unknown_article_and_entity_are_404(ds):
    for path in ("/-/article/999999", "/-/entity/999999", "/-/entity/named/Nobody~20At~20All"):
        assert (await ds.client.get(path)).status_code == 404, path


async def test_entity_page_is_found_by_name(ds, seeds_db):
    entity = most_quoted(seeds_db)
    response = await ds.client.get("/-/entity/named/" + tilde_encode(entity["name"]))
    assert response.status_code == 200
    assert 'href="/-/provenance/quotes/' in response.text


async def test_saved_queries_link_articles_and_speakers_to_their_pages(ds):
    page = (await ds.client.get("/newsclaims/quotes_by_speaker", params={"speaker": "Putin"})).text
    assert re.search(r'<a href="/-/article/\d+">', page)
    assert '<a href="/-/entity/named/Vladimir+Putin">Vladimir Putin</a>' in page
    page = (await ds.client.get("/newsclaims/top_speakers")).text
    assert re.search(r'<a href="/-/entity/named/[^"]+">', page)


async def test_tables_and_row_pages_link_to_article_and_entity_pages(ds, seeds_db):
    article = busiest_article(seeds_db)
    entity = most_quoted(seeds_db)
    assert f'href="/-/article/{article["id"]}"' in (await ds.client.get(f"/newsclaims/articles/{article['id']}")).text
    assert f'href="/-/article/{article["id"]}"' in (await ds.client.get("/newsclaims/articles")).text
    assert f'href="/-/entity/{entity["id"]}"' in (await ds.client.get(f"/newsclaims/entities/{entity['id']}")).text
    assert f'href="/-/entity/{entity["id"]}"' in (await ds.client.get("/newsclaims/entities")).text


async def test_foreign_keys_show_names_not_numbers(ds, seeds_db):
    figure = next(sqlite_utils.Database(seeds_db).query(
        "select f.id, q.text from figures f join quotes q on q.id = f.quote_id limit 1"))
    page = (await ds.client.get(f"/newsclaims/figures/{figure['id']}")).text
    assert html.escape(figure["text"][:30]) in page


async def test_provenance_page_links_its_article_page(ds, seeds_db):
    quote = next(sqlite_utils.Database(seeds_db).query("select id, article_id from quotes limit 1"))
    page = (await ds.client.get(f"/-/provenance/quotes/{quote['id']}")).text
    assert f'href="/-/article/{quote["article_id"]}"' in page


@pytest.mark.slow  # a copy of the seeds with a 1.5 MB article
async def test_long_article_page_comes_in_parts_each_of_bounded_size(seeds_db, tmp_path):
    db_path = with_big_article(seeds_db, tmp_path)
    article = next(sqlite_utils.Database(db_path).query("select id, body from articles order by length(body) desc"))
    ds = datasette_for(db_path)
    parts = -(-len(article["body"]) // 100_000)
    assert parts > 10
    for part in (1, 2, parts):
        response = await ds.client.get(f"/-/article/{article['id']}", params={"part": part})
        assert response.status_code == 200
        assert len(response.text) < 1_000_000
        assert f"part {part} of {parts}" in response.text
        body = response.text.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
        assert text_of(body) == article["body"][(part - 1) * 100_000:part * 100_000]
        assert ("next part" in response.text) == (part < parts)
    assert (await ds.client.get(f"/-/article/{article['id']}", params={"part": parts + 1})).status_code == 404
    assert (await ds.client.get(f"/-/article/{article['id']}", params={"part": "abc"})).status_code == 400
