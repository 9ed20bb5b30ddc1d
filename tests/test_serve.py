"""Any database the build made is served with every saved query, chart and page, whatever its file name."""
import pytest

from helpers import datasette_for, parameters_of, saved_queries
from newsclaims.site import metadata_for
from samples import SEED_PARAMETERS

QUERIES = saved_queries()


@pytest.fixture(scope="module")
def renamed_db(seeds_db, tmp_path_factory):
    """The seeds database under a name of the reader's own."""
    path = tmp_path_factory.mktemp("renamed") / "my-claims.db"
    path.write_bytes(seeds_db.read_bytes())
    return path


@pytest.fixture(scope="module")
def renamed_ds(renamed_db):
    return datasette_for(renamed_db)


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_a_database_named_otherwise_serves_every_saved_query(ds, renamed_ds, name):
    params = {p: SEED_PARAMETERS[p] for p in parameters_of(QUERIES[name])}
    response = await renamed_ds.client.get(f"/my-claims/{name}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text
    seeds = await ds.client.get(f"/newsclaims/{name}.json", params={**params, "_shape": "array"})
    assert response.json() == seeds.json() != []


async def test_pages_of_a_database_named_otherwise_answer(renamed_ds):
    home = (await renamed_ds.client.get("/")).text
    assert 'href="/my-claims/top_speakers#g.mark=bar' in home
    assert "/newsclaims/" not in home
    for path in ("/-/about", "/my-claims", "/my-claims/quotes", "/my-claims/articles/1", "/-/provenance/quotes/1"):
        response = await renamed_ds.client.get(path)
        assert response.status_code == 200, path
    assert 'href="/my-claims/quotes"' in (await renamed_ds.client.get("/-/about")).text


async def test_several_databases_are_served_at_once(seeds_db, renamed_db):
    ds = datasette_for(seeds_db, renamed_db)
    for database in ("newsclaims", "my-claims"):
        response = await ds.client.get(f"/{database}/top_speakers.json", params={"_shape": "array"})
        assert response.status_code == 200 and response.json(), database


def test_metadata_is_keyed_to_each_served_name():
    metadata = metadata_for(["a", "b"])
    assert set(metadata["databases"]) == {"a", "b"}
    assert metadata["databases"]["a"]["queries"] == metadata["databases"]["b"]["queries"] == QUERIES


async def test_pages_of_the_second_database_show_its_own_rows(seeds_db, renamed_db):
    ds = datasette_for(seeds_db, renamed_db)
    table = (await ds.client.get("/my-claims/quotes")).text
    assert "/-/provenance/quotes/1?database=my-claims" in table
    assert "/-/article/1?database=my-claims" in (await ds.client.get("/my-claims/articles")).text
    query = (await ds.client.get("/my-claims/quotes_by_speaker", params={"speaker": "Putin"})).text
    assert "?database=my-claims" in query
    for path in ("/-/provenance/quotes/1", "/-/article/1", "/-/entity/1"):
        assert (await ds.client.get(path, params={"database": "my-claims"})).status_code == 200, path
        assert (await ds.client.get(path, params={"database": "nothing"})).status_code == 404, path
    assert "?database=" not in (await ds.client.get("/newsclaims/quotes")).text
