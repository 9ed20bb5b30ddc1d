"""Repeated pages come from memory until a database changes; errors, live pages and oversized responses never do."""
import asyncio
import importlib.util
import shutil

import pytest
import sqlite_utils

from helpers import ROOT, datasette_for

CACHE = "x-newsclaims-cache"


@pytest.fixture
def copied(seeds_db, tmp_path):
    db_path = tmp_path / "newsclaims.db"
    shutil.copy(seeds_db, db_path)
    return db_path


def cache_module():
    spec = importlib.util.spec_from_file_location("cache_plugin", ROOT / "plugins" / "cache.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_a_repeated_page_is_answered_from_memory_with_the_same_body(copied):
    ds = datasette_for(copied)
    first, second = [await ds.client.get("/newsclaims/top_speakers") for _ in range(2)]
    assert (first.headers[CACHE], second.headers[CACHE]) == ("miss", "hit")
    assert first.text == second.text and second.status_code == 200


async def test_a_page_shows_new_data_as_soon_as_a_build_commits(copied):
    ds = datasette_for(copied)
    before = (await ds.client.get("/newsclaims/articles/1.json", params={"_shape": "array"})).json()[0]
    sqlite_utils.Database(copied)["articles"].update(1, {"title": "A title changed by a later build"})
    after = await ds.client.get("/newsclaims/articles/1.json", params={"_shape": "array"})
    assert after.headers[CACHE] == "miss"
    assert after.json()[0]["title"] == "A title changed by a later build" != before["title"]


async def test_identical_requests_arriving_together_run_once(copied):
    ds = datasette_for(copied)
    responses = await asyncio.gather(*[ds.client.get("/newsclaims/figures_per_unit") for _ in range(10)])
    assert sorted(response.headers[CACHE] for response in responses) == ["hit"] * 9 + ["miss"]
    assert len({response.text for response in responses}) == 1


async def test_errors_and_live_pages_are_never_kept(copied):
    ds = datasette_for(copied)
    for path in ("/newsclaims/no_such_table", "/-/threads", "/-/versions.json"):
        responses = [await ds.client.get(path) for _ in range(2)]
        assert CACHE not in responses[1].headers or responses[1].headers[CACHE] == "miss", path


def test_memory_is_bounded_least_recently_used_first_and_renewed_when_the_data_moves():
    cache = cache_module()
    kept = cache.ResponseCache()
    kept.renew(version=1)
    entry = cache.MAX_TOTAL_BYTES // 3
    for key in ("a", "b", "c"):
        kept.put(key, 200, [], b"x" * entry)
    kept.get("a")
    kept.put("d", 200, [], b"x" * entry)
    assert set(kept.responses) == {"a", "c", "d"}  # b was used least recently
    assert kept.bytes <= cache.MAX_TOTAL_BYTES
    kept.renew(version=2)
    assert kept.responses == {} and kept.bytes == 0


async def test_a_hard_reload_is_made_anew_and_refreshes_the_kept_copy(copied):
    ds = datasette_for(copied)
    await ds.client.get("/newsclaims/top_speakers")
    reload = await ds.client.get("/newsclaims/top_speakers", headers={"cache-control": "no-cache"})
    assert reload.headers[CACHE] == "miss"
    assert (await ds.client.get("/newsclaims/top_speakers")).headers[CACHE] == "hit"
