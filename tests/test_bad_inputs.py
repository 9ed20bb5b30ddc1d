"""Bad input files: each is reported by name and reason, counted, and costs no good article a single row.

Every bad file is generated here, not committed. "Same rows" is checked by
comparing every table (ids replaced by the slug or entity name they point at)
with a build of the good articles alone.
"""
import ctypes
import os
import sqlite3
import struct
import subprocess
import sys
import zlib

import pytest
from click.testing import CliRunner

from newsclaims import articles
from newsclaims.cli import cli

GOOD = {
    "geneva.txt": (
        "Ceasefire talks resume in Geneva\nBy Ana Lopes\n\n"
        "Russian President Vladimir Putin met envoys in Geneva on Monday. "
        "\u201cThe talks were useful,\u201d said Jens Stoltenberg.\n"
        "Officials in Kiev said 12 tanks were destroyed near Bakhmut.\n"
    ),
    "odesa.txt": "Grain ships leave Odesa\n\n"
                 "Three ships left Odesa for Istanbul with 90,000 tonnes of grain, the U.S. embassy said.\n",
    "lviv.txt": "Power returns to Lviv\n\n"
                "Power returned to 40 percent of homes in Lviv, the mayor Andriy Sadovyi said.\n",
}
TEXT = GOOD["geneva.txt"]


def png_bytes():
    """A real 1x1 PNG image."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def control_bytes():
    """Binary without a single NUL: control codes, as in many compressed formats."""
    return bytes(range(1, 32)) * 100


# name -> (how to create it in a folder, the reason the build must give)
BAD = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty file"),
    "blank.txt": (lambda p: p.write_bytes(b" \n\r\n\t  \n"), "contains only whitespace"),
    "image.txt": (lambda p: p.write_bytes(png_bytes()), "binary file (contains NUL bytes)"),
    "controls.txt": (lambda p: p.write_bytes(control_bytes()), "binary file (mostly control characters)"),
    "nul.txt": (lambda p: p.write_bytes(b"Talks resume\n\nOfficials\x00 met in Geneva.\n"),
                "binary file (contains NUL bytes)"),
    "latin.txt": (lambda p: p.write_bytes(b"Talks \x81\x8d\x8f\x90\x9d resume \xff\xfe\n"),
                  "not UTF-8, UTF-16 or cp1252 text"),
    "half-utf16.txt": (lambda p: p.write_bytes("Talks resume".encode("utf-16") + b"\x41"),
                       "starts with a utf-16 byte-order mark but does not decode"),
    "huge.txt": (lambda p: p.write_bytes(b"Officials met in Geneva. " * 800_000),
                 "too large (20.0 MB; the limit is 2 MB)"),
    "copy of geneva.txt": (lambda p: p.write_text(TEXT, encoding="utf-8"), "same text as article 'geneva'"),
    "broken.txt": (lambda p: p.symlink_to(p.parent / "gone" / "nowhere.txt"), "broken symbolic link (points to "),
    "pipe.txt": (lambda p: os.mkfifo(p), "not a regular file (a named pipe)"),
    "zero.txt": (lambda p: p.symlink_to("/dev/zero"), "a symbolic link to a file outside the input folders"),
    "other/geneva.txt": (lambda p: p.write_text(GOOD["odesa.txt"] + "More.\n", encoding="utf-8"),
                         "same slug 'geneva' as "),
}


def make_good(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def make_bad(folder, name):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    BAD[name][0](path)
    return path


def run(*args):
    return CliRunner().invoke(cli, ["build", "-q", *map(str, args)])


def snapshot(db_path):
    """Every row of every table, ids replaced by what they point at, so two builds compare by content."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    queries = {
        "articles": "select * from articles",
        "entities": "select * from entities",
        "mentions": "select m.*, a.slug as _article, e.name as _entity from mentions m "
                    "join articles a on a.id = m.article_id left join entities e on e.id = m.entity_id",
        "quotes": "select q.*, a.slug as _article, e.name as _speaker from quotes q "
                  "join articles a on a.id = q.article_id left join entities e on e.id = q.speaker_id",
        "figures": "select f.*, a.slug as _article, e.name as _claimant, q.start as _quote from figures f "
                   "join articles a on a.id = f.article_id left join entities e on e.id = f.claimant_id "
                   "left join quotes q on q.id = f.quote_id",
    }
    tables = {}
    for table, sql in queries.items():
        rows = [{k: row[k] for k in row.keys() if k != "id" and not k.endswith("_id") and k != "source_path"}
                for row in conn.execute(sql)]
        tables[table] = sorted(tuple(sorted(row.items(), key=lambda kv: kv[0])) for row in rows)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.close()
    return tables


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """The good articles alone, built once: what every build with a bad file must still hold."""
    root = tmp_path_factory.mktemp("good")
    db_path = root / "good.db"
    result = run(make_good(root / "articles"), "--db", db_path)
    assert result.exit_code == 0, result.output
    tables = snapshot(db_path)
    assert len(tables["articles"]) == 3 and tables["mentions"] and tables["figures"] and tables["quotes"]
    return db_path, tables


@pytest.mark.slow  # a real build for each kind of bad file
@pytest.mark.parametrize("name", list(BAD))
def test_bad_file_is_named_counted_and_costs_no_good_row(tmp_path, good_build, name):
    folder = make_good(tmp_path / "articles")
    make_bad(folder, name)
    db_path = tmp_path / "out.db"
    result = run(folder, "--db", db_path)
    assert result.exit_code == 1, result.output
    assert "3 added, 0 updated, 0 unchanged, 1 failed" in result.output
    if name == "copy of geneva.txt":
        # In a fresh build the first of two identical files (in sorted order) wins; the other is named.
        assert f"{folder / 'geneva.txt'}: same text as article 'copy of geneva'; skipped" in result.output
        assert without_slugs(snapshot(db_path)) == without_slugs(good_build[1])
        return
    assert f"{folder / name}: {BAD[name][1]}" in result.output
    assert snapshot(db_path) == good_build[1]


def without_slugs(tables):
    drop = {"slug", "_article", "label"}
    return {table: sorted(tuple(kv for kv in row if kv[0] not in drop) for row in rows)
            for table, rows in tables.items()}


@pytest.mark.slow  # two real builds for each kind of bad file
@pytest.mark.parametrize("name", list(BAD))
def test_rebuild_with_a_bad_file_added_keeps_every_row(tmp_path, good_build, name):
    folder = make_good(tmp_path / "articles")
    db_path = tmp_path / "out.db"
    assert run(folder, "--db", db_path).exit_code == 0
    make_bad(folder, name)
    result = run(folder, "--db", db_path)
    assert result.exit_code == 1, result.output
    assert "0 added, 0 updated, 3 unchanged, 1 failed" in result.output
    assert snapshot(db_path) == good_build[1]


def test_a_slug_stays_with_the_file_that_put_it_there_whatever_the_order(tmp_path, good_build):
    """Folder "b" built first; adding "a" (sorted before it) with the same slug must not replace b's rows."""
    make_good(tmp_path / "b")
    db_path = tmp_path / "out.db"
    assert run(tmp_path / "b", "--db", db_path).exit_code == 0
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "geneva.txt").write_text("Other story\n\nSomething else happened in Paris.\n", encoding="utf-8")
    result = run(tmp_path / "a", tmp_path / "b", "--db", db_path)
    assert f"{tmp_path / 'a' / 'geneva.txt'}: same slug 'geneva' as {tmp_path / 'b' / 'geneva.txt'}" in result.output
    assert snapshot(db_path) == good_build[1]


@pytest.mark.parametrize("spoil", [b"", b"\x89PNG\r\n\x1a\n\x00\x00", b"x" * (articles.MAX_BYTES + 1)])
def test_an_article_that_turns_bad_keeps_its_stored_rows(tmp_path, good_build, spoil):
    folder = make_good(tmp_path / "articles")
    db_path = tmp_path / "out.db"
    assert run(folder, "--db", db_path).exit_code == 0
    (folder / "geneva.txt").write_bytes(spoil)
    result = run(folder, "--db", db_path)
    assert result.exit_code == 1 and "geneva.txt: " in result.output
    assert "0 added, 0 updated, 2 unchanged, 1 failed" in result.output
    assert snapshot(db_path) == good_build[1]


def test_huge_file_is_refused_by_size_without_reading_it(tmp_path, monkeypatch):
    path = make_bad(tmp_path, "huge.txt")
    monkeypatch.setattr(articles, "decode", lambda data: pytest.fail("a 20 MB file was decoded"))
    with pytest.raises(articles.ArticleError, match="too large"):
        articles.read_article(path)


# Encodings and names that are awkward but fine: each must go in with the same body and rows as plain UTF-8.
ODD = {
    "cp1252.txt": lambda text: text.encode("cp1252"),
    "utf16.txt": lambda text: text.encode("utf-16"),  # with a byte-order mark
    "utf16-be.txt": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "utf8-bom.txt": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "crlf.txt": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "old-mac.txt": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "name with spaces.txt": lambda text: text.encode("utf-8"),
    "Київ – новини ü.txt": lambda text: text.encode("utf-8"),
}


def article_rows(db_path):
    """The one article's rows without its name and encoding."""
    tables = without_slugs(snapshot(db_path))
    return {table: [tuple(kv for kv in row if kv[0] != "encoding") for row in rows] for table, rows in tables.items()}


@pytest.fixture(scope="module")
def plain_rows(tmp_path_factory):
    root = tmp_path_factory.mktemp("plain")
    (root / "a").mkdir()
    (root / "a" / "plain.txt").write_text(TEXT, encoding="utf-8")
    assert run(root / "a", "--db", root / "plain.db").exit_code == 0
    return article_rows(root / "plain.db")


@pytest.mark.slow  # a real build for each encoding (test_articles reads them without the model)
@pytest.mark.parametrize("name", list(ODD))
def test_awkward_encodings_and_names_go_in_unchanged(tmp_path, plain_rows, name):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / name).write_bytes(ODD[name](TEXT))
    db_path = tmp_path / "out.db"
    result = run(folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    slug, body = sqlite3.connect(db_path).execute("select slug, body from articles").fetchone()
    assert slug == name[:-len(".txt")]
    assert body == TEXT
    assert article_rows(db_path) == plain_rows


def test_file_name_that_is_not_utf8_gets_a_readable_slug(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9.txt"  # a Latin-1 name, as from an old Windows share
    with open(raw, "wb") as handle:
        handle.write(GOOD["odesa.txt"].encode("utf-8"))
    db_path = tmp_path / "out.db"
    result = run(folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    slug, source = sqlite3.connect(db_path).execute("select slug, source_path from articles").fetchone()
    assert slug == "café" and source.endswith("café.txt")


def test_folder_named_like_an_article_is_searched_not_read(tmp_path):
    folder = tmp_path / "notes.txt"
    folder.mkdir()
    (folder / "odesa.txt").write_text(GOOD["odesa.txt"], encoding="utf-8")
    db_path = tmp_path / "out.db"
    result = run(folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output


def drop_file_read_override():
    """In the child, before exec: give up root's power to read any file, so chmod 000 means unreadable."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for cap in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.mark.slow  # a build in a subprocess without root's capabilities
def test_unreadable_file_and_folder_are_reported_by_a_real_build(tmp_path, good_build):
    """chmod 000 for real: root reads anything, so the build runs without the capabilities that allow it."""
    folder = make_good(tmp_path / "articles")
    locked = folder / "locked.txt"
    locked.write_text("Secret talks\n\nNobody may read this.\n", encoding="utf-8")
    locked.chmod(0)
    private = folder / "private"
    private.mkdir()
    (private / "hidden.txt").write_text("Hidden talks\n\nNobody may list this.\n", encoding="utf-8")
    private.chmod(0)
    db_path = tmp_path / "out.db"
    result = subprocess.run(
        [sys.executable, "-m", "newsclaims", "build", "-q", str(folder), "--db", str(db_path)],
        capture_output=True, text=True, timeout=120,
        preexec_fn=drop_file_read_override if os.geteuid() == 0 else None,
    )
    assert result.returncode == 1, result.stderr
    assert f"{locked}: cannot be read: Permission denied; skipped" in result.stderr
    assert f"{private}: folder cannot be listed: Permission denied; skipped" in result.stderr
    assert "3 added, 0 updated, 0 unchanged, 2 failed" in result.stderr
    assert snapshot(db_path) == good_build[1]
