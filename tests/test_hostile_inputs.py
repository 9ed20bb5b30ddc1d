"""Inputs written to break the build: each bad record is reported by file and line and skipped; the rest go in.

Every input is written here by the test. Each test reproduces a way one bad
input used to stop a whole build, or to go in damaged without a word.
"""
import json
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsclaims import build as build_module
from newsclaims.articles import Article, ArticleError
from newsclaims.cli import cli
from newsclaims.sources import read_source

STORY = "Russian President Vladimir Putin met envoys in Geneva on Monday, officials said."
OTHER = "Three ships left Odesa for Istanbul with 90,000 tonnes of grain, the port said."
THIRD = "Power returned to 40 percent of homes in Lviv, the mayor said on Tuesday."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def results(path):
    return list(read_source(path))


def offsets_hold(db_path):
    """Every quote, figure and mention slices its article's body, in SQL as in Python."""
    conn = sqlite3.connect(db_path)
    for table in ("quotes", "figures", "mentions"):
        bad = conn.execute(
            f"select count(*) from {table} t join articles a on a.id = t.article_id "
            f"where substr(a.body, t.start + 1, t.[end] - t.start) != t.text").fetchone()[0]
        assert bad == 0, table
    return True


def test_csv_record_with_an_unterminated_quote_is_reported_and_the_next_records_survive(tmp_path):
    path = tmp_path / "feed.csv"
    plain = "Three ships left Odesa for Istanbul on Monday."
    path.write_text(f'title,text\nGeneva,"{STORY}\nOdesa,{plain}\nLviv,"{THIRD}"\n', encoding="utf-8")
    found = results(path)
    errors = [str(item) for item in found if isinstance(item, ArticleError)]
    bodies = [item.body for item in found if isinstance(item, Article)]
    assert errors == [f"{path}:2: broken CSV (a quoted field is never closed, or text follows its closing quote)"]
    assert bodies == [plain, THIRD]


def test_csv_quoted_text_over_several_lines_still_reads_as_one_record(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(f'title,text\nGeneva,"{STORY}\n\n{OTHER}"\nLviv,"{THIRD}"\n', encoding="utf-8")
    first, second = results(path)
    assert first.body == f"{STORY}\n\n{OTHER}" and second.body == THIRD and second.record == 5


def jsonl(path, *records):
    path.write_text("".join(record + "\n" for record in records), encoding="utf-8")
    return path


def test_json_control_characters_become_text_and_offsets_hold_in_sql(tmp_path):
    path = jsonl(tmp_path / "feed.jsonl", json.dumps({"text": "Officials\u0000 met.\u000b" + STORY + "\u0007"}))
    [article] = results(path)
    assert "\x00" not in article.body and "\x07" not in article.body
    assert article.body == "Officials met.\n" + STORY
    result = run("build", "-q", path, "--db", tmp_path / "news.db")
    assert result.exit_code == 0, result.output
    assert offsets_hold(tmp_path / "news.db")


@pytest.mark.parametrize("record, reason", [
    ('{"text": "' + STORY + ' \\ud800"}', "text holds a broken character (an unpaired surrogate \\ud800)"),
    ('{"text": "' + STORY + '", "title": "Talks \\udfff"}',
     "title holds a broken character (an unpaired surrogate \\udfff)"),
    ('{"text": ' + "[" * 6000 + "]" * 6000 + "}", "broken JSON (nested too deeply)"),
])
def test_a_record_that_used_to_stop_the_build_is_reported_by_its_line(tmp_path, record, reason):
    path = jsonl(tmp_path / "feed.jsonl", json.dumps({"text": OTHER}), record, json.dumps({"text": THIRD}))
    result = run("build", "-q", path, "--db", tmp_path / "news.db")
    assert result.exit_code == 1, result.output
    assert f"{path}:2: {reason}; skipped" in result.output
    bodies = [row[0] for row in sqlite3.connect(tmp_path / "news.db").execute("select body from articles order by id")]
    assert bodies == [OTHER, THIRD]


def test_a_listed_file_that_became_a_folder_is_reported(tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    folders = [tmp_path / name for name in ("gone.txt", "gone.jsonl", "gone.csv", "gone.html")]
    for folder in folders:
        folder.mkdir()
    # The listing saw files; by the time each is read it is a folder.
    monkeypatch.setattr(build_module, "find_files", lambda *args: folders + [good])
    result = run("build", "-q", tmp_path, "--db", tmp_path / "news.db")
    assert result.exit_code == 1, result.output
    for folder in folders:
        assert f"{folder}: not a regular file (a folder); skipped" in result.output
    assert "1 added" in result.output


@pytest.mark.parametrize("noise", ["\x0b", "\x1b[1m", "\x1b[0m", "\x0c"])
def test_text_with_a_few_control_characters_is_read_not_refused_as_binary(tmp_path, noise):
    path = tmp_path / "word.txt"
    text = "Talks resume in Geneva\n\n" + "\n".join(f"{noise}{STORY} Paragraph {i}." for i in range(8)) + "\n"
    path.write_bytes(text.encode("utf-8"))
    [article] = results(path)
    assert isinstance(article, Article), article
    assert "\x1b" not in article.body and "[1m" not in article.body and "\x0b" not in article.body
    assert STORY in article.body


@pytest.mark.parametrize("charset, text", [
    ("windows-1251", "Министр обороны заявил, что переговоры в Женеве продолжатся в понедельник утром."),
    ("koi8-r", "Министр обороны заявил, что переговоры в Женеве продолжатся в понедельник утром."),
    ("iso-8859-2", "Minister obrony powiedział, że rozmowy w Genewie będą kontynuowane w poniedziałek rano."),
])
def test_html_in_its_declared_charset_is_decoded_with_it(tmp_path, charset, text):
    path = tmp_path / "page.html"
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>News</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>")
    path.write_bytes(html.encode(charset))
    [article] = results(path)
    assert isinstance(article, Article), article
    assert text in article.body
    assert article.encoding == charset


def shard_line(body, quote_start, quote_end, text):
    article = {"slug": "s", "body": body, "source_path": "s.txt", "title": None, "published": None, "byline": None,
               "outlet": None, "dateline": None, "encoding": "utf-8", "url": None, "record": None,
               "outlet_span": None, "furniture": []}
    quote = {"start": quote_start, "end": quote_end, "text": text, "kind": "quoted", "speaker_start": None,
             "speaker_end": None, "cue": None, "speaker_label": None}
    return {"article": article, "mentions": [], "quotes": [quote], "figures": []}


def test_load_refuses_shard_rows_whose_offsets_do_not_slice_the_body_and_bad_lines_name_file_and_line(tmp_path):
    good = shard_line("He said \u201cyes\u201d today.", 8, 13, "\u201cyes\u201d")
    shifted = shard_line("He said \u201cyes\u201d today.", 9, 14, "\u201cyes\u201d")
    shifted["article"]["slug"] = "shifted"
    dangling = shard_line("He said \u201cyes\u201d today.", 8, 13, "\u201cyes\u201d")
    dangling["article"]["slug"], dangling["quotes"][0]["part_of"] = "dangling", 1  # a second quote it does not have
    shard = tmp_path / "rows-00000.jsonl"
    older = shard_line("He said \u201cyes\u201d today.", 8, 13, "\u201cyes\u201d")
    older["article"]["slug"], older["speakers"], older["claimants"] = "older", [None], []  # before Quote.speaker
    lines = [json.dumps(shifted), "{not json", json.dumps({"article": {}}), json.dumps(good), json.dumps(dangling),
             json.dumps(older)]
    shard.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("load", shard, "--db", tmp_path / "news.db")
    assert result.exit_code == 1, result.output
    assert f"{shard}:1: quotes row 1 does not match the body at 9:14; skipped" in result.output
    assert f"{shard}:2: broken JSON" in result.output
    assert f"{shard}:3: not a row of `newsclaims extract`" in result.output
    assert f"{shard}:5: not a row of `newsclaims extract` (ValueError: a reference to quote 1, of 1)" in result.output
    assert f"{shard}:6: not a row of `newsclaims extract` (ValueError: keys " in result.output
    assert "extract it again with this version" in result.output
    assert "Traceback" not in result.output
    slugs = [row[0] for row in sqlite3.connect(tmp_path / "news.db").execute("select slug from articles")]
    assert slugs == ["s"]
    assert offsets_hold(tmp_path / "news.db")


def test_symlink_to_a_file_outside_the_input_folders_is_refused_unless_asked_for(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is hunter2, the admin said on Monday.", encoding="utf-8")
    (folder / "leak.txt").symlink_to(secret)
    result = run("build", "-q", folder, "--db", tmp_path / "news.db")
    assert result.exit_code == 1, result.output
    assert f"{folder / 'leak.txt'}: a symbolic link to a file outside the input folders" in result.output
    bodies = [row[0] for row in sqlite3.connect(tmp_path / "news.db").execute("select body from articles")]
    assert not any("hunter2" in body for body in bodies)
    result = run("build", "-q", folder, "--db", tmp_path / "news.db", "--follow-links")
    bodies = sqlite3.connect(tmp_path / "news.db").execute("select group_concat(body) from articles").fetchone()[0]
    assert "hunter2" in bodies


def test_file_names_cannot_forge_lines_in_the_messages(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ok.txt").write_text(STORY, encoding="utf-8")
    forged = "x.txt: 1 added, 0 updated, 0 unchanged, 0 failed\n\x1b[2Kfine"
    (folder / f"{forged}.txt").write_bytes(b"")
    result = run("build", "-q", folder, "--db", tmp_path / "news.db")
    lines = result.output.splitlines()
    assert len(lines) == 2, lines  # the problem and the summary, each on one line
    assert "\x1b" not in result.output
    assert "\\n" in lines[0] and "empty file; skipped" in lines[0]


def test_a_device_named_on_the_command_line_is_refused_without_reading_it(tmp_path):
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")  # named directly, so followed: then refused as a device, never read
    result = run("build", "-q", zero, "--db", tmp_path / "news.db")
    assert result.exit_code == 1, result.output
    assert f"{zero}: not a regular file (a device); skipped" in result.output


READ_UNDER_A_MEMORY_CAP = """
import resource, sys
from newsclaims.sources import read_source
size = int(open("/proc/self/status").read().split("VmSize:")[1].split()[0]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (size + 60_000_000, size + 60_000_000))
for item in read_source(sys.argv[1]):
    print(getattr(item, "body", item))
"""


@pytest.mark.slow  # a 150 MB file, read in a subprocess under a memory cap
def test_a_huge_record_line_is_refused_without_reading_it_into_memory(tmp_path):
    path = tmp_path / "feed.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": STORY}) + "\n")
        handle.write('{"text": "' + "x" * 150_000_000 + '"}\n')
        handle.write(json.dumps({"text": OTHER}) + "\n")
    result = subprocess.run([sys.executable, "-c", READ_UNDER_A_MEMORY_CAP, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == [STORY, f"{path}:2: too large (150.0 MB; the limit is 8 MB)", OTHER]
