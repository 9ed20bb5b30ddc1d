"""The database file a build writes: found wherever --db points, never swapped for another, never lost.

Each test reproduces a way an earlier build lost or damaged data silently.
"""
import json
import sqlite3
import stat

import pytest
import sqlite_utils
from click.testing import CliRunner

from newsclaims.cli import cli

pytestmark = pytest.mark.slow  # two or three real builds per test, of files it moves, links or locks down

GENEVA = "Talks resume in Geneva\n\nJens Stoltenberg met envoys in Geneva. \u201cWe are ready,\u201d he said.\n"
ODESA = "Grain ships leave Odesa\n\nThree ships left Odesa with 90,000 tonnes of grain, the U.S. embassy said.\n"
LVIV = "Power returns to Lviv\n\nPower returned to 40 percent of homes in Lviv, the mayor Andriy Sadovyi said.\n"


def run(*args):
    return CliRunner().invoke(cli, ["build", "-q", *map(str, args)])


def slugs(db_path):
    return sorted(row[0] for row in sqlite3.connect(db_path).execute("select slug from articles"))


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("folder", ["proj#2", "what?", "100%", "a b"])
def test_database_path_with_url_characters_keeps_every_article(tmp_path, folder):
    db_path = tmp_path / folder / "newsclaims.db"
    db_path.parent.mkdir()
    assert run(write(tmp_path / "a", "geneva.txt", GENEVA), "--db", db_path).exit_code == 0
    result = run(write(tmp_path / "b", "odesa.txt", ODESA), "--db", db_path)
    assert result.exit_code == 0, result.output
    assert slugs(db_path) == ["geneva", "odesa"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a", "b", folder])  # no stray file


def test_database_behind_a_symlink_is_updated_and_the_link_kept(tmp_path):
    target = tmp_path / "data" / "real.db"
    target.parent.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(target)
    assert run(write(tmp_path / "a", "geneva.txt", GENEVA), "--db", link).exit_code == 0
    assert run(write(tmp_path / "b", "odesa.txt", ODESA), "--db", link).exit_code == 0
    assert link.is_symlink()
    assert slugs(target) == ["geneva", "odesa"]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_database_keeps_its_permissions(tmp_path, mode):
    db_path = tmp_path / "newsclaims.db"
    assert run(write(tmp_path / "a", "geneva.txt", GENEVA), "--db", db_path).exit_code == 0
    db_path.chmod(mode)
    assert run(write(tmp_path / "b", "odesa.txt", ODESA), "--db", db_path).exit_code == 0
    assert stat.S_IMODE(db_path.stat().st_mode) == mode
    assert slugs(db_path) == ["geneva", "odesa"]


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    db_path = tmp_path / "accounts.db"
    other = sqlite_utils.Database(db_path)
    other["accounts"].insert({"id": 1, "owner": "Ana"}, pk="id")
    other.close()
    before = db_path.read_bytes()
    for extra in ([], ["--full"]):
        result = run(write(tmp_path / "a", "geneva.txt", GENEVA), "--db", db_path, *extra)
        assert result.exit_code == 3, result.output
        assert f"{db_path} is not a newsclaims database" in result.output
        assert "accounts" in result.output
        assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    db_path = tmp_path / "notes.db"
    db_path.write_text("my notes, not a database\n" * 100)
    before = db_path.read_bytes()
    result = run(write(tmp_path / "a", "geneva.txt", GENEVA), "--db", db_path)
    assert result.exit_code == 3, result.output
    assert f"{db_path} is not a newsclaims database" in result.output
    assert "Traceback" not in result.output
    assert db_path.read_bytes() == before


def test_same_file_name_in_another_folder_never_replaces_a_stored_article(tmp_path):
    db_path = tmp_path / "newsclaims.db"
    assert run(write(tmp_path / "A", "x.txt", GENEVA), "--db", db_path).exit_code == 0
    result = run(write(tmp_path / "B", "x.txt", ODESA), "--db", db_path)
    assert result.exit_code == 1
    assert "same slug 'x' as" in result.output and "A/x.txt" in result.output
    body = sqlite3.connect(db_path).execute("select body from articles where slug = 'x'").fetchone()[0]
    assert body == GENEVA


def test_records_without_ids_in_a_same_named_export_never_replace_stored_ones(tmp_path):
    db_path = tmp_path / "newsclaims.db"
    unquoted = GENEVA.replace("\u201c", "").replace("\u201d", "")
    a = write(tmp_path / "A", "export.jsonl", json.dumps({"text": unquoted}) + "\n")
    b = write(tmp_path / "B", "export.jsonl", json.dumps({"text": ODESA}) + "\n")
    assert run(a, "--db", db_path).exit_code == 0
    result = run(b, "--db", db_path)
    assert result.exit_code == 1
    assert "same slug 'export-1' as" in result.output
    assert "Talks resume in Geneva" in sqlite3.connect(db_path).execute("select body from articles").fetchone()[0]


def test_a_moved_file_takes_its_slug_with_it(tmp_path):
    """The stored source is gone, so the same name elsewhere is the same article, moved."""
    db_path = tmp_path / "newsclaims.db"
    old = write(tmp_path / "A", "x.txt", GENEVA)
    assert run(old, "--db", db_path).exit_code == 0
    old.unlink()
    result = run(write(tmp_path / "B", "x.txt", GENEVA + "More talks.\n"), "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "0 added, 1 updated" in result.output
    assert sqlite3.connect(db_path).execute("select source_path from articles").fetchone()[0].endswith("B/x.txt")


def ids(db_path, table):
    return {row[0]: row[1] for row in sqlite3.connect(db_path).execute(f"select id, text from {table}")}


def test_row_ids_are_never_given_to_other_rows(tmp_path):
    db_path = tmp_path / "newsclaims.db"
    folder = tmp_path / "a"
    write(folder, "geneva.txt", GENEVA)
    story = write(folder, "lviv.txt", LVIV)
    assert run(folder, "--db", db_path).exit_code == 0
    before = {table: ids(db_path, table) for table in ("quotes", "figures", "mentions")}
    story.write_text(LVIV.replace("40 percent", "55 percent"), encoding="utf-8")
    assert run(folder, "--db", db_path).exit_code == 0
    after = {table: ids(db_path, table) for table in ("quotes", "figures", "mentions")}
    for table in after:
        for row_id, text in after[table].items():
            assert before[table].get(row_id, text) == text, (table, row_id)
    assert "55 percent" in after["figures"].values()
    # The article is the same thing under the same slug, so its page keeps its address.
    assert sqlite3.connect(db_path).execute("select id from articles where slug = 'lviv'").fetchone()[0] == 2


def test_articles_whose_source_is_gone_are_reported_and_pruned_on_request(tmp_path):
    db_path = tmp_path / "newsclaims.db"
    folder = tmp_path / "a"
    write(folder, "geneva.txt", GENEVA)
    gone = write(folder, "odesa.txt", ODESA)
    assert run(folder, "--db", db_path).exit_code == 0
    gone.unlink()
    result = run(folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "1 stored article has no source any more (odesa); --prune removes it" in result.output
    assert slugs(db_path) == ["geneva", "odesa"]
    result = run(folder, "--db", db_path, "--prune")
    assert result.exit_code == 0, result.output
    assert "1 pruned" in result.output
    assert slugs(db_path) == ["geneva"]
    assert sqlite3.connect(db_path).execute("select count(*) from figures").fetchone()[0] == 0
