import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
import sqlite_utils
from click.testing import CliRunner

from newsclaims import rulefiles, store
from newsclaims.build import build
from newsclaims.cli import cli

STORY = (
    "Ceasefire talks resume in Geneva\n"
    "By Ana Lopes\n\n"
    "Russian President Vladimir Putin met envoys in Geneva on Monday. "
    "Officials in Kiev said the talks were useful.\n"
    "Putin later left for Moscow.\n"
)
OTHER = "Grain ships leave Odesa\n\nThree ships left Odesa for Istanbul, the U.S. embassy said.\n"


def run(*args):
    result = CliRunner().invoke(cli, ["build", *map(str, args)])
    return result


def rows(db_path, sql, params=()):
    return list(sqlite_utils.Database(db_path).query(sql, params))


def test_cli_builds_a_database_from_a_folder(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    corpus("odesa.txt", OTHER)
    db_path = tmp_path / "out.db"
    result = run(corpus.folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "2 added, 0 updated, 0 unchanged, 0 failed" in result.output
    articles = rows(db_path, "select slug, title, byline from articles order by slug")
    assert articles == [
        {"slug": "geneva", "title": "Ceasefire talks resume in Geneva", "byline": "Ana Lopes"},
        {"slug": "odesa", "title": "Grain ships leave Odesa", "byline": None},
    ]


def test_entities_are_canonical_across_the_database(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    corpus("odesa.txt", OTHER)
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    names = {r["name"] for r in rows(db_path, "select name from entities")}
    assert {"Vladimir Putin", "Kyiv", "United States", "Odesa"} <= names
    assert not {"Putin", "Kiev", "U.S."} & names
    putin = rows(db_path, "select mentions from entities where name = 'Vladimir Putin'")[0]["mentions"]
    assert putin == 2


def test_every_mention_offset_slices_the_body(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    found = rows(db_path, "select a.body, m.start, m.[end], m.text from mentions m "
                          "join articles a on a.id = m.article_id")
    assert found
    assert all(r["body"][r["start"]:r["end"]] == r["text"] for r in found)


def test_schema_has_foreign_keys_indexes_and_fts(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    db = sqlite_utils.Database(db_path)
    for table in ("mentions", "quotes", "figures"):
        indexed = {tuple(index.columns) for index in db[table].indexes}
        for fk in db[table].foreign_keys:
            assert (fk.column,) in indexed, f"{table}.{fk.column} has no index"
    assert {fk.column for fk in db["figures"].foreign_keys} == {"article_id", "claimant_id", "quote_id"}
    assert db["articles"].detect_fts() == "articles_fts"
    assert db["quotes"].detect_fts() == "quotes_fts"
    hits = list(db.query("select slug from articles where rowid in "
                         "(select rowid from articles_fts where articles_fts match 'envoy')"))
    assert hits == [{"slug": "geneva"}]  # porter stemming: "envoys" matches "envoy"


def test_unchanged_articles_are_skipped_and_changed_ones_replaced(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    path = corpus("odesa.txt", OTHER)
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    first_id = rows(db_path, "select id from articles where slug = 'geneva'")[0]["id"]
    path.write_text(OTHER.replace("Istanbul", "Haifa"), encoding="utf-8")
    result = run(corpus.folder, "--db", db_path)
    assert "0 added, 1 updated, 1 unchanged, 0 failed" in result.output
    assert rows(db_path, "select id from articles where slug = 'geneva'")[0]["id"] == first_id
    body = rows(db_path, "select body from articles where slug = 'odesa'")[0]["body"]
    assert "Haifa" in body
    mention_texts = {r["text"] for r in rows(db_path, "select text from mentions m join articles a "
                                                      "on a.id = m.article_id where a.slug = 'odesa'")}
    assert "Haifa" in mention_texts and "Istanbul" not in mention_texts
    assert not rows(db_path, "select * from entities where name = 'Istanbul'")


def test_full_rebuild_reprocesses_everything(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    result = run(corpus.folder, "--db", db_path, "--full")
    assert "1 added, 0 updated, 0 unchanged" in result.output


def test_failed_build_leaves_previous_database_intact(corpus, tmp_path, monkeypatch):
    corpus("geneva.txt", STORY)
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    before = db_path.read_bytes()
    corpus("odesa.txt", OTHER)

    def broken_tidy(db):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("newsclaims.build.tidy", broken_tidy)
    with pytest.raises(RuntimeError):
        build([corpus.folder], db_path, warn=lambda message: None)
    assert db_path.read_bytes() == before
    assert sqlite3.connect(db_path).execute("pragma integrity_check").fetchone() == ("ok",)
    assert not list(tmp_path.glob(".out.db.*"))


def test_second_build_waits_for_the_lock_then_fails_clearly(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    db_path = tmp_path / "out.db"
    with store.build_lock(db_path):
        with pytest.raises(store.BuildLocked, match="another build is writing"):
            with store.build_lock(db_path, wait=0.1):
                pass


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n  \t", "contains only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
    ],
)
def test_bad_file_is_reported_and_the_rest_still_builds(corpus, tmp_path, name, content, reason):
    corpus("geneva.txt", STORY)
    corpus(name, content)
    db_path = tmp_path / "out.db"
    result = run(corpus.folder, "--db", db_path)
    assert result.exit_code == 1
    assert f"{name}: {reason}" in result.output
    assert "1 added, 0 updated, 0 unchanged, 1 failed" in result.output
    assert [r["slug"] for r in rows(db_path, "select slug from articles")] == ["geneva"]


def test_duplicate_text_under_another_name_is_reported(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    corpus("geneva-copy.txt", STORY)
    db_path = tmp_path / "out.db"
    result = run(corpus.folder, "--db", db_path)
    assert result.exit_code == 1
    assert "geneva.txt: same text as article 'geneva-copy'" in result.output


def test_same_slug_in_two_folders_is_reported(corpus, tmp_path):
    corpus("a/geneva.txt", STORY)
    corpus("b/geneva.txt", OTHER)
    db_path = tmp_path / "out.db"
    result = run(corpus.folder, "--db", db_path)
    assert "b/geneva.txt: same slug 'geneva' as" in result.output
    assert len(rows(db_path, "select slug from articles")) == 1


def test_missing_path_is_reported_not_fatal(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    db_path = tmp_path / "out.db"
    result = run(corpus.folder, tmp_path / "nope.txt", "--db", db_path)
    assert result.exit_code == 1
    assert "nope.txt: cannot be read" in result.output
    assert len(rows(db_path, "select slug from articles")) == 1


def test_locked_database_exits_with_status_three(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    db_path = tmp_path / "out.db"
    with store.build_lock(db_path):
        result = run(corpus.folder, "--db", db_path, "--wait", "0")
    assert result.exit_code == 3
    assert "another build is writing" in result.output
    assert not db_path.exists()


def test_database_from_an_older_schema_is_upgraded_in_place(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    expected = rows(db_path, "select slug, quotes, figures, unattributed, claims from articles")
    db = sqlite_utils.Database(db_path)
    for index in ("idx_articles_claims", "idx_articles_published_quotes_figures"):
        db.execute(f"drop index {index}")
    db["articles"].transform(drop={"quotes", "figures", "unattributed", "claims"})
    db["units"].drop()
    db.conn.commit()
    result = run(corpus.folder, "--db", db_path)
    assert "0 added, 0 updated, 1 unchanged" in result.output
    assert rows(db_path, "select slug, quotes, figures, unattributed, claims from articles") == expected
    assert sqlite_utils.Database(db_path)["units"].exists()


def test_acronym_joins_the_organisation_it_abbreviates(corpus, tmp_path):
    corpus("plant.txt", "Plant loses power\n\nThe International Atomic Energy Agency said the plant lost power. "
                        "The IAEA said its inspectors were safe.\n")
    corpus("later.txt", "Inspectors return\n\nThe IAEA said inspectors returned to the site on Friday.\n")
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    names = {r["name"] for r in rows(db_path, "select name from entities where type = 'ORG'")}
    assert "International Atomic Energy Agency" in names and "IAEA" not in names
    linked = rows(db_path, "select m.text from mentions m join entities e on e.id = m.entity_id "
                           "where e.name = 'International Atomic Energy Agency'")
    assert sorted(r["text"] for r in linked) == ["IAEA", "IAEA", "International Atomic Energy Agency"]


def test_unresolved_description_is_no_speaker(corpus, tmp_path):
    corpus("vote.txt", "Vote delayed\n\nThe prime minister said on Tuesday that the vote would wait. "
                       "\u201cWe need more time,\u201d the spokesman added.\n")
    db_path = tmp_path / "out.db"
    run(corpus.folder, "--db", db_path)
    names = {r["name"] for r in rows(db_path, "select name from entities")}
    assert not names & {"minister", "prime minister", "spokesman"}
    speakers = rows(db_path, "select speaker_id from quotes where kind in ('direct', 'indirect')")
    assert speakers and all(r["speaker_id"] is None for r in speakers)


def test_a_quote_inside_the_same_speakers_report_counts_once(corpus, tmp_path):
    corpus("port.txt", "Harbour news\n\nMayor Anna Kovac said the new crane was “a real turning point” for the port.\n")
    db_path = tmp_path / "out.db"
    build([corpus.folder], db_path, warn=lambda message: None)
    quotes = rows(db_path, "select kind, part_of from quotes order by start")
    assert [q["kind"] for q in quotes] == ["indirect", "partial"]
    assert quotes[1]["part_of"] is not None
    assert rows(db_path, "select quotes from entities where name = 'Anna Kovac'") == [{"quotes": 1}]
    assert rows(db_path, "select quotes from articles") == [{"quotes": 1}]


def test_anonymous_sources_are_stored_as_written(corpus, tmp_path):
    corpus("port.txt", "Harbour news\n\nThe port will handle 40 ships a day, a senior port official said.\n")
    db_path = tmp_path / "out.db"
    build([corpus.folder], db_path, warn=lambda message: None)
    quote = rows(db_path, "select speaker_id, speaker_text, speaker_text_start, speaker_text_end from quotes")[0]
    body = rows(db_path, "select body from articles")[0]["body"]
    assert quote["speaker_id"] is None and quote["speaker_text"] == "a senior port official"
    assert body[quote["speaker_text_start"]:quote["speaker_text_end"]] == quote["speaker_text"]
    figure = rows(db_path, "select claimant_id, claimant_text from figures")[0]
    assert figure == {"claimant_id": None, "claimant_text": "a senior port official"}


def test_a_figure_an_unnamed_source_claims_is_not_the_articles_own(corpus, tmp_path):
    corpus("port.txt", "Harbour news\n\nThe port will handle 40 ships a day, a senior port official said. "
                       "It has 12 berths.\n")
    db_path = tmp_path / "out.db"
    build([corpus.folder], db_path, warn=lambda message: None)
    assert rows(db_path, "select figures, unattributed from articles") == [{"figures": 2, "unattributed": 1}]
    db = sqlite_utils.Database(db_path)  # a database from before the counts were kept counts them once, the same
    db.execute("update articles set quotes = null, unattributed = null")
    store.count_everything_once(db)
    db.conn.commit()
    assert rows(db_path, "select unattributed from articles") == [{"unattributed": 1}]


def test_a_source_the_model_missed_is_a_mention_and_keeps_its_spelling(corpus, tmp_path):
    corpus("poll.txt", "Poll news\n\nBerg leads Nowak by 5 points, according to ClearVotePolitics.\n")
    corpus("race.txt", "Race news\n\nClear Vote Politics, a website, listed the race as close on Monday.\n"
                       "Clear Vote Politics said Berg led.\n")
    corpus("more.txt", "More news\n\nNowak trails by 4 points, according to ClearVotePolitics.\n"
                       "The gap grew to 6 points, according to ClearVotePolitics.\n")
    db_path = tmp_path / "out.db"
    build([corpus.folder], db_path, warn=lambda message: None)
    body = rows(db_path, "select body from articles where slug = 'poll'")[0]["body"]
    mention = rows(db_path, "select m.start, m.end, m.evidence from mentions m join articles a on a.id = m.article_id "
                            "where a.slug = 'poll' and m.text = 'ClearVotePolitics'")
    assert [(body[m["start"]:m["end"]], m["evidence"]) for m in mention] == [("ClearVotePolitics", "source")]
    claimants = rows(db_path, "select distinct e.name from figures f join entities e on e.id = f.claimant_id")
    assert claimants == [{"name": "ClearVotePolitics"}]


def summary_tables(db_path):
    return {
        "entities": rows(db_path, "select name, type, mentions, quotes, figures from entities order by name"),
        "units": rows(db_path, "select * from units order by unit"),
        "unnamed_sources": rows(db_path,
                                "select source, statements, figures, articles from unnamed_sources order by 1"),
        "articles": rows(db_path, "select slug, quotes, figures, unattributed, claims from articles order by slug"),
    }


def test_an_update_leaves_the_counts_and_units_a_fresh_build_gives(corpus, tmp_path):
    corpus("geneva.txt", STORY)
    corpus("odesa.txt", OTHER)
    lviv = corpus("lviv.txt", "Power returns\n\nThe mayor Andriy Sadovyi said 40 tanks and 12 drones were lost. "
                          "A senior official said 9 drones were lost.\n")
    db_path = tmp_path / "out.db"
    assert run(corpus.folder, "--db", db_path).exit_code == 0
    lviv.write_text("Power returns\n\n"
                    "Putin said 7 drones were lost near Lviv. A senior official said 3 tanks burned.\n",
                    encoding="utf-8")
    (corpus.folder / "odesa.txt").unlink()
    corpus("kremlin.txt", "Kremlin talks\n\nPresident Andriy Sadovyi said 20 tanks were lost, the IAEA said.\n")
    assert run(corpus.folder, "--db", db_path, "--prune").exit_code == 0
    fresh = tmp_path / "fresh.db"
    assert run(corpus.folder, "--db", fresh).exit_code == 0
    assert summary_tables(db_path) == summary_tables(fresh)
    assert summary_tables(db_path)["unnamed_sources"] == [
        {"source": "a senior official", "statements": 1, "figures": 1, "articles": 1}]


def test_each_quote_says_whether_its_cue_reports_speech_or_a_claim(corpus, tmp_path):
    corpus("port.txt", "Harbour news\n\nMayor Anna Kovac said the port would reopen. "
                       "The Baltic Harbour Authority estimated the losses at 4,000 tonnes of cargo.\n")
    db_path = tmp_path / "out.db"
    build([corpus.folder], db_path, warn=lambda message: None)
    assert rows(db_path, "select cue, cue_tag from quotes order by start") == [
        {"cue": "said", "cue_tag": "speech"}, {"cue": "estimated", "cue_tag": "claim"}]


def stored(db_path, *mentions):
    """A database holding one article per (text, name, vote, evidence) mention, tidied as a build tidies it."""
    from newsclaims.articles import Article
    from newsclaims.entities import Mention
    from newsclaims.extract import Rows

    with store.build_transaction(db_path) as db:
        for number, (text, name, vote, evidence) in enumerate(mentions):
            body = f"{text} spoke (article {number})."
            mention = Mention(0, len(text), text, name, vote, vote, evidence)
            store.write_rows(db, Rows(Article(f"a{number}", body), [mention]), {})
        store.tidy(db)


def test_aliases_table_lists_the_spellings_folded_into_each_entity(tmp_path):
    db_path = tmp_path / "out.db"
    stored(db_path, ("LISBON", "LISBON", "GPE", "model"), ("Lisbon", "Lisbon", "GPE", "model"))
    assert rows(db_path, "select name from entities") == [{"name": "Lisbon"}]
    aliases = rows(db_path, "select e.name, a.alias, a.mentions, a.reason from aliases a "
                            "join entities e on e.id = a.entity_id")
    assert aliases == [{"name": "Lisbon", "alias": "LISBON", "mentions": 1, "reason": "case"}]


def test_an_entity_takes_the_type_most_of_its_mentions_vote_for_across_articles(tmp_path):
    db_path = tmp_path / "out.db"
    stored(db_path, ("Okonjwe", "Okonjwe", "GPE", "model"), ("Okonjwe", "Okonjwe", "PERSON", "title"),
           ("Okonjwe", "Okonjwe", "GPE", "model"))
    assert rows(db_path, "select type from entities") == [{"type": "PERSON"}]


def test_an_article_another_version_extracted_is_extracted_again(corpus, tmp_path):
    """Rules edited (as an upgrade would) make the next build re-extract the same text, once."""
    corpus("grain.txt", OTHER)
    data = tmp_path / "data"
    shutil.copytree(rulefiles.data_folder(), data)
    env = {**os.environ, rulefiles.DATA_DIR_VARIABLE: str(data)}
    db_path = tmp_path / "out.db"

    def build_again():
        done = subprocess.run([sys.executable, "-m", "newsclaims", "build", str(corpus.folder), "--db", str(db_path),
                               "-q"], env=env, capture_output=True, text=True, check=True)
        return done.stdout + done.stderr

    assert "1 added" in build_again()
    assert rows(db_path, "select kind from quotes") == [{"kind": "indirect"}]
    cues = data / "cues.yml"
    cues.write_text(cues.read_text(encoding="utf-8").replace("  say: speech quote clause", "  say: speech quote"),
                    encoding="utf-8")
    assert "0 added, 1 updated (1 by a new version of newsclaims), 0 unchanged" in build_again()
    assert rows(db_path, "select kind from quotes") == []
    assert "0 added, 0 updated, 1 unchanged" in build_again()
