import csv
import html
import io
import re

import pytest
import sqlite_utils

from helpers import ROOT, datasette_for, parameters_of, project_metadata, saved_queries
from samples import SEED_PARAMETERS

QUERIES = saved_queries()
CHART_LINK = re.compile(r'href="(/newsclaims/(\w+)#g\.mark=[^"]+)"')


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_every_saved_query_returns_rows_on_the_seeds(ds, name):
    params = {p: SEED_PARAMETERS[p] for p in parameters_of(QUERIES[name])}
    response = await ds.client.get(f"/newsclaims/{name}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text
    assert len(response.json()) >= 1
    assert QUERIES[name]["title"] and QUERIES[name]["description"]


def test_the_readme_table_names_exactly_the_saved_queries_the_site_serves():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("\nSaved queries (", 1)[1].split("\n\n")[1]
    first_cells = re.findall(r"^\| (.*?) \|", table, re.M)[2:]  # below the header and its rule
    listed = {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)}
    assert listed == set(QUERIES)


async def test_home_page_links_every_chart_to_a_saved_query_with_several_rows(ds):
    home = (await ds.client.get("/")).text
    charts = CHART_LINK.findall(home.replace("&amp;", "&"))
    assert len(charts) >= 3
    for _url, name in charts:
        assert name in QUERIES
        params = {p: SEED_PARAMETERS[p] for p in parameters_of(QUERIES[name])}
        rows = (await ds.client.get(f"/newsclaims/{name}.json", params={**params, "_shape": "array"})).json()
        assert len(rows) > 1, f"chart {name} would plot {len(rows)} row"


@pytest.mark.parametrize("table", ["articles", "entities", "mentions", "quotes", "figures"])
async def test_csv_and_json_downloads_parse_for_every_table(ds, seeds_db, table):
    count = sqlite_utils.Database(seeds_db)[table].count
    response = await ds.client.get(f"/newsclaims/{table}.csv", params={"_stream": "on", "_size": "max"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == count
    response = await ds.client.get(f"/newsclaims/{table}.json", params={"_shape": "array", "_size": "max"})
    assert len(response.json()) == min(count, 5000)


async def test_saved_query_downloads_as_csv(ds):
    response = await ds.client.get("/newsclaims/top_speakers.csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {"speaker", "quotes"} <= set(rows[0])


async def test_search_input_is_escaped_not_parsed_as_fts_syntax(ds, seeds_db):
    """'we " AND (' searches for the words "we" and "and": the quotes a plain search for them finds."""
    async def found(search):
        response = await ds.client.get("/newsclaims/search_quotes.json", params={"search": search, "_shape": "array"})
        assert response.status_code == 200, response.text
        return sorted(row["id"] for row in response.json())

    quotes = await found('we " AND (')
    assert quotes and quotes == await found("we and")
    db = sqlite_utils.Database(seeds_db)
    for quote_id in quotes:
        text = db["quotes"].get(quote_id)["text"]
        assert re.search(r"\bwe\b", text, re.I) and re.search(r"\band\b", text, re.I), text


@pytest.mark.parametrize("table", ["quotes", "figures", "mentions"])
async def test_provenance_page_highlights_the_rows_span(ds, seeds_db, table):
    db = sqlite_utils.Database(seeds_db)
    row = next(db.query(f"select id, text from {table} order by id limit 1"))
    page = (await ds.client.get(f"/-/provenance/{table}/{row['id']}")).text
    body = page.split('<div class="article-body">', 1)[1]
    pieces = re.findall(r'<span class="[^"]*\btarget\b[^"]*"[^>]*>(.*?)</span>', body, re.S)
    assert html.unescape("".join(re.sub(r"<[^>]+>", "", piece) for piece in pieces)) == row["text"]
    assert page.count('id="target"') == 1
    assert "matches the article at characters" in page


async def test_span_tables_link_each_row_to_its_provenance_page(ds):
    page = (await ds.client.get("/newsclaims/quotes")).text
    assert re.search(r'href="/-/provenance/quotes/\d+">check in text</a>', page)


async def test_missing_provenance_row_is_404(ds):
    assert (await ds.client.get("/-/provenance/quotes/999999")).status_code == 404


async def test_hostile_article_renders_escaped(corpus, tmp_path):
    from newsclaims.build import build

    corpus("evil.txt", 'Hack <script>alert("x")</script> night\n\n'
                       'The minister said: "We saw <script>alert(1)</script> in Kyiv." Officials agreed.\n')
    db_path = tmp_path / "newsclaims.db"
    build([corpus.folder], db_path, warn=lambda message: None)
    ds = datasette_for(db_path)
    db = sqlite_utils.Database(db_path)
    mention = next(db.query("select id from mentions limit 1"))
    for path in (f"/-/provenance/mentions/{mention['id']}", "/newsclaims/articles/1", "/newsclaims/articles",
                 "/newsclaims/search_articles?search=minister"):
        page = (await ds.client.get(path)).text
        assert "<script>alert" not in page, path
        assert "&lt;script&gt;alert" in page, path


async def test_about_page_explains_the_data(ds):
    response = await ds.client.get("/-/about")
    assert response.status_code == 200
    assert "check in text" in response.text
    home = (await ds.client.get("/")).text
    assert 'href="/-/about"' in home and "creativecommons.org/licenses/by/4.0" in home


HOSTILE = '<img src=x onerror="alert(1)">'


async def test_hostile_names_and_quotes_render_escaped_everywhere(seeds_db, tmp_path):
    hostile_db = tmp_path / "newsclaims.db"
    hostile_db.write_bytes(seeds_db.read_bytes())
    db = sqlite_utils.Database(hostile_db)
    quote = next(db.query("select id, speaker_id from quotes where speaker_id is not null limit 1"))
    db.execute("update entities set name = ? where id = ?", [f"Evil {HOSTILE}", quote["speaker_id"]])
    db.execute("update quotes set text = ? where id = ?", [f"We said {HOSTILE}", quote["id"]])
    db.conn.commit()
    ds = datasette_for(hostile_db)
    pages = ["/newsclaims/quotes", f"/newsclaims/quotes/{quote['id']}", "/newsclaims/entities",
             f"/newsclaims/entities/{quote['speaker_id']}", "/newsclaims/quotes_by_speaker?speaker=Evil",
             "/newsclaims/top_speakers", f"/-/provenance/quotes/{quote['id']}"]
    for path in pages:
        response = await ds.client.get(path)
        assert response.status_code == 200, path
        assert HOSTILE not in response.text, path
        assert "&lt;img src=x" in response.text, path


async def test_saved_query_parameters_are_bound_not_pasted(ds, seeds_db):
    before = sqlite_utils.Database(seeds_db)["quotes"].count
    for value in ["' or 1=1 --", "x'); delete from quotes; --"]:
        response = await ds.client.get("/newsclaims/quotes_by_speaker.json",
                                       params={"speaker": value, "_shape": "array"})
        assert response.status_code == 200
        assert response.json() == []
    assert sqlite_utils.Database(seeds_db)["quotes"].count == before


async def test_site_is_read_only(ds, seeds_db):
    before = sqlite_utils.Database(seeds_db)["quotes"].count
    response = await ds.client.get("/newsclaims.json", params={"sql": "delete from quotes"})
    assert response.status_code == 400
    for path in ("/newsclaims/top_speakers", "/newsclaims/quotes", "/-/provenance/quotes/1"):
        response = await ds.client.post(path, data={"sql": "delete from quotes"})
        assert response.status_code == 405, path
    assert sqlite_utils.Database(seeds_db)["quotes"].count == before


@pytest.mark.parametrize("name", ["search_quotes", "search_articles"])
async def test_search_pages_open_with_an_explanation_and_no_error(ds, name):
    response = await ds.client.get(f"/newsclaims/{name}")
    assert response.status_code == 200
    assert "message-error" not in response.text and "fts5" not in response.text
    assert QUERIES[name]["description"][:40] in html.unescape(response.text)


async def test_home_page_lists_every_table_and_saved_query(ds):
    home = (await ds.client.get("/")).text
    tables = project_metadata()["databases"]["newsclaims"]["tables"]
    for table, options in tables.items():
        if not options.get("hidden"):
            assert f'href="/newsclaims/{table}"' in home, table
    for name in QUERIES:
        assert f'href="/newsclaims/{name}"' in home, name


async def test_articles_table_has_a_date_facet(ds):
    page = (await ds.client.get("/newsclaims/articles.json", params={"_extra": "facet_results"})).json()
    assert "published" in page["facet_results"]


async def test_quote_provenance_page_marks_the_speakers_words(ds, seeds_db):
    quote = next(sqlite_utils.Database(seeds_db).query(
        "select id, speaker_text from quotes where speaker_text_start is not null and kind = 'direct' limit 1"))
    page = (await ds.client.get(f"/-/provenance/quotes/{quote['id']}")).text
    body = page.split('<div class="article-body">', 1)[1]
    pieces = re.findall(r'<span class="[^"]*\bspeaker\b[^"]*"[^>]*>(.*?)</span>', body, re.S)
    assert html.unescape("".join(re.sub(r"<[^>]+>", "", piece) for piece in pieces)) == quote["speaker_text"]


async def test_every_bar_chart_on_the_home_page_draws_its_bars_largest_first(ds):
    """datasette-vega 0.6.2 sorts a bar chart's labels alphabetically, so the labels must sort as the values do."""
    home = (await ds.client.get("/")).text.replace("&amp;", "&")
    charts = re.findall(r'href="(/newsclaims/\w+)#g\.mark=bar&g\.x_column=(\w+)&g\.x_type=ordinal'
                        r'&g\.y_column=(\w+)', home)
    assert len(charts) == 3
    for path, label, value in charts:
        rows = (await ds.client.get(path + ".json", params={"_shape": "array"})).json()
        assert len(rows) > 1, path
        values = [row[value] for row in sorted(rows, key=lambda row: row[label])]
        assert values == sorted(values, reverse=True), path


async def test_figures_per_claimant_counts_unnamed_sources_apart_from_the_articles_own_voice(corpus, tmp_path):
    from newsclaims.build import build

    corpus("port.txt", "Harbour news\n\nThe port will handle 40 ships a day, a senior port official said. "
                       "It has 12 berths.\n")
    db_path = tmp_path / "newsclaims.db"
    build([corpus.folder], db_path, warn=lambda message: None)
    response = await datasette_for(db_path).client.get("/newsclaims/figures_per_claimant.json",
                                                        params={"_shape": "array"})
    counts = {row["claimant"]: row["figures"] for row in response.json()}
    assert counts == {"(the article itself)": 1, "(unnamed sources)": 1}
