"""End to end: `newsclaims build` on a saved web page, a JSON Lines export and a CSV export.

Each input is written here, with boilerplate, odd field names and one bad record
apiece; the database is real SQLite.
"""
import csv
import json

import sqlite_utils
from click.testing import CliRunner

from newsclaims.cli import cli
from samples import BOILERPLATE, STORY, page

ODESA = "Three ships left Odesa for Istanbul with 90,000 tonnes of grain, the U.S. embassy said."
LVIV = "Power returned to 40 percent of homes in Lviv, the mayor Andriy Sadovyi said on Tuesday."
KHERSON = "\u201cWe have restored water to the city,\u201d said Oleksandr Prokudin, adding that 12 pumps were repaired."


def run(*args):
    return CliRunner().invoke(cli, ["build", "-q", *map(str, args)])


def rows(db_path, sql, params=()):
    return list(sqlite_utils.Database(db_path).query(sql, params))


def jsonl(records):
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


EXPORT = [
    {"story_id": "odesa-grain", "article_text": "Grain ships leave Odesa\n\n" + ODESA,
     "headline": "Grain ships leave Odesa", "publishedAt": "2023-02-16T08:00:00Z", "link": "https://example.com/odesa",
     "source": {"name": "Reuters"}, "authors": ["Maria Kovalenko"]},
    '{"story_id": "broken", "article_text": "Half a record',
    {"article_text": "Power returns to Lviv\nBy Ivan Petrov\n\n" + LVIV, "date": "17 February 2023",
     "source_domain": "kyivindependent.com"},
]


def write_inputs(folder):
    folder.mkdir()
    (folder / "geneva-talks.html").write_text(page(STORY), encoding="utf-8")
    (folder / "index.html").write_text(page([]), encoding="utf-8")  # a section front: no article on it
    (folder / "export.jsonl").write_text(jsonl(EXPORT), encoding="utf-8")
    with open(folder / "feed.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["guid", "Headline", "Body", "Pub Date", "Outlet", "Byline", "Link"],
            ["kherson-water", "Water returns to Kherson", "Water returns to Kherson\n\n" + KHERSON, "Feb 18, 2023",
             "AP", "Sam Mednick", "https://example.com/kherson"],
            ["no-body", "A headline without a story", "", "2023-02-18", "AP", "", ""],
        ])
    return folder


FIELDS = ["--field", "id=story_id", "--field", "body=article_text", "--field", "id=guid", "--field", "date=Pub Date"]


def test_html_jsonl_and_csv_build_with_metadata_slugs_and_provenance(tmp_path):
    folder = write_inputs(tmp_path / "inputs")
    db_path = tmp_path / "out.db"
    result = run(folder, "--db", db_path, "--field", "id=story_id", "--field", "body=article_text",
                 "--field", "published=Pub Date")
    # guid is not mapped here, so the CSV's slug comes from its file name and line.
    assert result.exit_code == 1, result.output
    assert "4 added, 0 updated, 0 unchanged, 3 failed" in result.output
    for message in (
        f"{folder / 'index.html'}: no main text found in the page (only menus, notices or links); skipped",
        f"{folder / 'export.jsonl'}:2: broken JSON (Unterminated string starting at column 40); skipped",
        f"{folder / 'feed.csv'}:5: no text (none of the fields 'article_text', 'text', 'body', 'content', 'maintext' "
        "has any); skipped",
    ):
        assert message in result.output

    articles = {r["slug"]: r for r in rows(db_path, "select * from articles")}
    assert set(articles) == {"geneva-talks", "odesa-grain", "export-3", "feed-2"}

    html = articles["geneva-talks"]
    assert all(sentence in html["body"] for sentence in STORY)
    assert not [junk for junk in BOILERPLATE if junk in html["body"]]
    assert (html["title"], html["published"], html["byline"], html["outlet"], html["url"], html["record"]) == (
        "Ceasefire talks resume in Geneva", "2023-02-15", "Ana Lopes", "World News Daily",
        "https://news.example.com/world/geneva-talks", None)
    assert html["source_path"] == str(folder / "geneva-talks.html")

    odesa = articles["odesa-grain"]
    assert odesa["body"] == "Grain ships leave Odesa\n\n" + ODESA
    assert (odesa["title"], odesa["published"], odesa["byline"], odesa["outlet"], odesa["url"]) == (
        "Grain ships leave Odesa", "2023-02-16", "Maria Kovalenko", "Reuters", "https://example.com/odesa")
    assert (odesa["source_path"], odesa["record"]) == (str(folder / "export.jsonl"), 1)

    lviv = articles["export-3"]  # no id: file name and line; no title or byline fields: the text's
    assert (lviv["title"], lviv["byline"], lviv["published"], lviv["outlet"], lviv["record"], lviv["url"]) == (
        "Power returns to Lviv", "Ivan Petrov", "2023-02-17", "kyivindependent.com", 3, None)

    kherson = articles["feed-2"]
    assert (kherson["title"], kherson["published"], kherson["byline"], kherson["outlet"], kherson["url"]) == (
        "Water returns to Kherson", "2023-02-18", "Sam Mednick", "AP", "https://example.com/kherson")
    assert (kherson["source_path"], kherson["record"]) == (str(folder / "feed.csv"), 2)

    for table in ("mentions", "quotes", "figures"):
        found = rows(db_path, f"select a.slug, a.body, t.start, t.[end], t.text from {table} t "
                              "join articles a on a.id = t.article_id")
        assert {r["slug"] for r in found} >= ({"geneva-talks", "odesa-grain", "feed-2"} if table != "quotes"
                                             else {"geneva-talks", "feed-2"}), table
        assert all(r["body"][r["start"]:r["end"]] == r["text"] for r in found), table
    values = {(r["slug"], r["value"]) for r in rows(db_path, "select a.slug, f.value from figures f "
                                                            "join articles a on a.id = f.article_id")}
    assert {("geneva-talks", 12), ("odesa-grain", 90000), ("export-3", 40), ("feed-2", 12)} <= values
    speakers = {r["name"] for r in rows(db_path, "select e.name from quotes q join entities e on e.id = q.speaker_id")}
    assert {"Jens Stoltenberg", "Oleksandr Prokudin"} <= speakers


def test_a_grown_jsonl_export_only_processes_the_new_records(tmp_path):
    folder = write_inputs(tmp_path / "inputs")
    db_path = tmp_path / "out.db"
    assert "4 added, 0 updated, 0 unchanged, 3 failed" in run(folder, "--db", db_path, *FIELDS).output
    first = {r["slug"]: r["id"] for r in rows(db_path, "select slug, id from articles")}
    with open(folder / "export.jsonl", "a", encoding="utf-8") as handle:
        handle.write(jsonl([{"story_id": "kyiv-metro", "article_text": "Kyiv metro reopens\n\n"
                             "The Kyiv metro reopened 52 stations on Sunday, the city council said."}]))
    result = run(folder, "--db", db_path, *FIELDS)
    assert "1 added, 0 updated, 4 unchanged, 3 failed" in result.output
    after = {r["slug"]: (r["id"], r["record"]) for r in rows(db_path, "select slug, id, record from articles")}
    assert {slug: id_ for slug, (id_, _) in after.items() if slug in first} == first  # untouched rows keep their ids
    assert after["kyiv-metro"][1] == 4


def test_one_changed_record_is_updated_alone(tmp_path):
    folder = write_inputs(tmp_path / "inputs")
    db_path = tmp_path / "out.db"
    run(folder, "--db", db_path, *FIELDS)
    path = folder / "export.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace("90,000", "95,000"), encoding="utf-8")
    result = run(folder, "--db", db_path, *FIELDS)
    assert "0 added, 1 updated, 3 unchanged, 3 failed" in result.output
    assert "95,000" in rows(db_path, "select body from articles where slug = 'odesa-grain'")[0]["body"]


def test_two_records_with_one_id_and_a_record_copying_another_are_reported(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "dupes.jsonl").write_text(jsonl([
        {"id": "a", "text": ODESA}, {"id": "a", "text": LVIV}, {"id": "b", "text": ODESA},
    ]), encoding="utf-8")
    db_path = tmp_path / "out.db"
    result = run(folder, "--db", db_path)
    assert result.exit_code == 1
    assert f"{folder / 'dupes.jsonl'}:2: same slug 'a' as {folder / 'dupes.jsonl'}:1; skipped" in result.output
    assert f"{folder / 'dupes.jsonl'}:3: same text as article 'a'; skipped" in result.output
    assert "1 added, 0 updated, 0 unchanged, 2 failed" in result.output


def test_field_option_with_an_unknown_name_is_a_usage_error(tmp_path):
    result = run(tmp_path, "--db", tmp_path / "out.db", "--field", "colour=paint")
    assert result.exit_code == 2
    assert "NAME=COLUMN" in result.output
