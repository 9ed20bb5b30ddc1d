"""Numbers on HTML pages read as people write them; downloads keep the stored values."""
import csv
import io
import re

import sqlite_utils


def big_figure(seeds_db):
    return next(sqlite_utils.Database(seeds_db).query(
        "select id, value, article_id from figures where value >= 1000000 order by value desc limit 1"))


async def test_html_pages_show_numbers_with_thousands_separators(ds, seeds_db):
    figure = big_figure(seeds_db)
    readable = f"{int(figure['value']):,}"
    for path in ("/newsclaims/figures", f"/newsclaims/figures/{figure['id']}", f"/-/article/{figure['article_id']}"):
        page = (await ds.client.get(path)).text
        assert f">{readable}<" in page, path
        assert f"{figure['value']}<" not in page, path


async def test_ids_and_offsets_stay_plain(ds, seeds_db):
    page = (await ds.client.get("/newsclaims/mentions", params={"_size": "max"})).text
    assert not re.search(r'<td class="col-(start|end)[^"]*">\d{1,3},\d{3}</td>', page)


async def test_shares_show_as_percentages(ds, seeds_db):
    share = next(sqlite_utils.Database(seeds_db).query(
        "select id, value from figures where unit = 'percent' limit 1"), None)
    assert share, "the seeds state a percentage"
    page = (await ds.client.get(f"/newsclaims/figures/{share['id']}")).text
    assert f">{share['value']:g}%<" in page


async def test_csv_and_json_keep_raw_values(ds, seeds_db):
    figure = big_figure(seeds_db)
    rows = list(csv.DictReader(io.StringIO((await ds.client.get("/newsclaims/figures.csv")).text)))
    assert float(next(r for r in rows if int(r["id"]) == figure["id"])["value"]) == figure["value"]
    assert "," not in next(r for r in rows if int(r["id"]) == figure["id"])["value"]
    data = (await ds.client.get("/newsclaims/figures.json", params={"_shape": "array"})).json()
    assert next(r for r in data if r["id"] == figure["id"])["value"] == figure["value"]
