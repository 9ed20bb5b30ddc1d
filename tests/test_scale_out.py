"""The same rows whether extraction runs here, in worker processes, via shards, or on a Dask cluster."""
import pytest
import sqlite_utils
from click.testing import CliRunner

from newsclaims import nlp as pipeline
from newsclaims.articles import Article
from newsclaims.cli import cli
from newsclaims.extract import extract
from newsclaims.parallel import article_batches

ARTICLES = {
    "talks.txt": "Talks stall in Geneva\n\n“We will not sign this,” Foreign Minister Elena Marchetti said on Monday.\n"
                 "She said Italy had sent 40 armoured vehicles since March.\n"
                 "Marchetti described the offer as a “waste of everyone's time” on Tuesday.\n",
    "front.txt": "Shelling hits Kharkiv\n\nShelling hit Kharkiv on Tuesday, killing 11 people, officials said.\n"
                 "According to the defence ministry, more than 300 drones were shot down.\n",
    "aid.txt": "Allies pledge aid\n\nThe United States announced another $400 million in aid.\n"
               "“This is a decisive moment,” said NATO Secretary General Karl Lindqvist.\n",
    "port.txt": "Port reopens\n\nThree ships left Odesa for Istanbul, the port authority said.\n",
}
TABLE_SQL = {
    "articles": "select slug, body, title from articles order by slug",
    # part_of and quote_id as the start of the quote they point at: ids may differ, the quote may not
    "quotes": "select a.slug, q.start, q.[end], q.kind, e.name, (select start from quotes where id = q.part_of) "
              "from quotes q join articles a on a.id = q.article_id left join entities e on e.id = q.speaker_id "
              "order by 1, 2",
    "figures": "select a.slug, f.start, f.value, f.unit, e.name, (select start from quotes where id = f.quote_id) "
               "from figures f join articles a on a.id = f.article_id left join entities e on e.id = f.claimant_id "
               "order by 1, 2",
    "mentions": "select a.slug, m.start, e.name from mentions m join articles a on a.id = m.article_id "
                "join entities e on e.id = m.entity_id order by 1, 2",
}


def contents(db_path):
    db = sqlite_utils.Database(db_path)
    return {table: [tuple(row.values()) for row in db.query(sql)] for table, sql in TABLE_SQL.items()}


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def write_corpus(corpus):
    for name, text in ARTICLES.items():
        corpus(name, text)
    return corpus.folder


@pytest.mark.slow  # worker processes
def test_two_processes_give_the_same_rows_as_one(corpus, tmp_path):
    folder = write_corpus(corpus)
    invoke("build", folder, "--db", tmp_path / "one.db", "--batch-size", 1)
    invoke("build", folder, "--db", tmp_path / "two.db", "--batch-size", 1, "-j", 2)
    one = contents(tmp_path / "one.db")
    assert one["quotes"] and one["figures"] and one["mentions"]
    assert contents(tmp_path / "two.db") == one


def test_extract_then_load_equals_build_and_loading_twice_changes_nothing(corpus, tmp_path):
    folder = write_corpus(corpus)
    invoke("build", folder, "--db", tmp_path / "built.db")
    built = contents(tmp_path / "built.db")
    assert any(q[-1] is not None for q in built["quotes"]) and any(f[-1] is not None for f in built["figures"])
    output = invoke("extract", folder, "--out", tmp_path / "shards", "--shard-size", 3)
    assert "(2 shards)" in output and "4 added" in output
    assert "4 added" in invoke("load", tmp_path / "shards", "--db", tmp_path / "loaded.db")
    assert contents(tmp_path / "loaded.db") == contents(tmp_path / "built.db")
    assert "0 added, 0 updated, 4 unchanged" in invoke("load", tmp_path / "shards", "--db", tmp_path / "loaded.db")
    assert contents(tmp_path / "loaded.db") == contents(tmp_path / "built.db")


def test_build_and_extract_then_load_find_the_same_files_in_nested_folders(corpus, tmp_path):
    """One rule finds files for all three: folders are searched recursively, shards as articles."""
    for index, (name, text) in enumerate(ARTICLES.items()):
        corpus(f"{'east' if index % 2 else 'west'}/2024/{name}", text)
    assert "4 added" in invoke("build", corpus.folder, "--db", tmp_path / "built.db")
    for part in ("east", "west"):  # two machines, each with its part of the corpus and a folder of shards
        assert "2 added" in invoke("extract", corpus.folder / part, "--out", tmp_path / "shards" / part)
    assert "4 added" in invoke("load", tmp_path / "shards", "--db", tmp_path / "loaded.db")
    assert contents(tmp_path / "loaded.db") == contents(tmp_path / "built.db")


@pytest.mark.slow  # a local Dask cluster of worker processes
def test_dask_cluster_extracts_partitions_that_load_into_the_same_database(corpus, tmp_path):
    from distributed import Client, LocalCluster

    from newsclaims.cluster import extract_with_dask

    folder = write_corpus(corpus)
    invoke("build", folder, "--db", tmp_path / "built.db")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            shards = extract_with_dask([folder], tmp_path / "shards", partitions=2)
    assert len(shards) == 2
    invoke("load", *shards, "--db", tmp_path / "loaded.db")
    assert contents(tmp_path / "loaded.db") == contents(tmp_path / "built.db")


def test_building_from_shards_says_to_load_them_instead(corpus, tmp_path):
    folder = write_corpus(corpus)
    invoke("extract", folder, "--out", tmp_path / "shards")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "shards"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert ("rows-00000.jsonl: rows from `newsclaims extract`, not articles: load it with `newsclaims load`"
            in result.output)
    assert result.output.count("skipped") == 1


def test_a_batch_stops_at_its_character_budget_and_a_long_article_goes_alone():
    sizes = [100, 100, 250, 900, 50, 50, 50]
    articles = [Article(slug=f"a{i}", body="x" * size) for i, size in enumerate(sizes)]
    grouped = [[len(a.body) for a in batch] for batch in article_batches(articles, size=2, max_chars=300)]
    assert grouped == [[100, 100], [250], [900], [50, 50], [50]]


@pytest.mark.slow  # the model over a long article, twice
def test_a_long_article_parsed_in_pieces_gives_the_rows_of_one_parse(nlp):
    body = "Talks in Geneva\n\n" + "\n\n".join(
        f"\u201cWe will rebuild within {i + 2} years,\u201d said Jens Stoltenberg on Monday. "
        f"Officials in Kyiv said {i + 3} drones were shot down near Odesa." for i in range(40)) + "\n"
    article = Article(slug="long", body=body)
    whole = extract(article, nlp(body))
    assert len(list(pipeline.pieces(body, 500))) > 10
    [doc] = list(pipeline.parse(nlp, [body], piece_chars=500))
    assert doc.text == body
    assert extract(article, doc) == whole
