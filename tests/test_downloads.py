"""Downloads of whole tables: every row exactly once, however the table is sorted by default.

Datasette pages through a table by its sort column; a column with NULLs and
ties (most articles state no date) used to make a streamed CSV skip and
repeat rows.
"""
import csv
import io

import pytest
import sqlite_utils

from helpers import datasette_for
from newsclaims.store import create_schema

pytestmark = pytest.mark.slow  # 12,000-row tables, read whole a dozen times

ARTICLES = 12_000


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    """ARTICLES articles, two in three with no date and the rest sharing a few dates; entities with tied counts."""
    db_path = tmp_path_factory.mktemp("big") / "newsclaims.db"
    db = sqlite_utils.Database(db_path)
    create_schema(db)
    db["articles"].insert_all(
        {"id": i, "slug": f"a{i}", "body": f"Story {i}.", "sha256": f"{i:064x}", "title": f"Story {i}",
         "published": None if i % 3 else f"2023-0{1 + i % 4}-01", "quotes": 0, "figures": 1, "claims": 1}
        for i in range(1, ARTICLES + 1))
    db["entities"].insert_all({"id": i, "name": f"Entity {i}", "type": "ORG", "mentions": i % 5}
                              for i in range(1, ARTICLES + 1))
    db["figures"].insert_all(
        {"id": i, "article_id": i, "start": 0, "end": 5, "text": "Story", "value": None if i % 2 else i % 7}
        for i in range(1, ARTICLES + 1))
    db.close()
    return db_path


@pytest.mark.parametrize("table", ["articles", "entities", "figures"])
@pytest.mark.parametrize("size", [{}, {"_size": "max"}, {"_size": "70"}])
async def test_streamed_csv_holds_every_row_once(big_db, table, size):
    ds = datasette_for(big_db)
    response = await ds.client.get(f"/newsclaims/{table}.csv", params={"_stream": "on", **size})
    assert response.status_code == 200
    ids = [int(row["id"]) for row in csv.DictReader(io.StringIO(response.text))]
    assert len(ids) == ARTICLES
    assert len(set(ids)) == ARTICLES


@pytest.mark.parametrize("table", ["articles", "entities", "figures"])
async def test_json_pages_hold_every_row_once(big_db, table):
    ds = datasette_for(big_db)
    ids, path = [], f"/newsclaims/{table}.json?_size=max&_shape=objects"
    while path:
        page = (await ds.client.get(path)).json()
        ids.extend(row["id"] for row in page["rows"])
        path = page["next_url"] and page["next_url"].split("localhost", 1)[-1]
    assert len(ids) == ARTICLES
    assert len(set(ids)) == ARTICLES
