"""sources.read_source: saved web pages, JSON Lines and CSV exports -> articles or located errors.

Every input is written by the tests (here or in samples.py); nothing is mocked.
"""
import csv
import json

import pytest

from newsclaims import articles
from newsclaims.articles import Article, ArticleError
from newsclaims.dates import iso_date
from newsclaims.sources import parse_field_map, read_source
from samples import BOILERPLATE, STORY, page


def results(path, **kw):
    return list(read_source(path, **kw))


def test_html_page_gives_main_text_and_stated_metadata_without_boilerplate(tmp_path):
    path = tmp_path / "geneva-talks.html"
    path.write_text(page(STORY), encoding="utf-8")
    [article] = results(path)
    assert isinstance(article, Article), article
    for sentence in STORY:
        assert sentence in article.body
    for junk in BOILERPLATE:
        assert junk not in article.body, junk
    assert article.slug == "geneva-talks" and article.source_path == str(path) and article.record is None
    assert article.title == "Ceasefire talks resume in Geneva"
    assert article.published == "2023-02-15"
    assert article.byline == "Ana Lopes"
    assert article.outlet == "World News Daily"
    assert article.url == "https://news.example.com/world/geneva-talks"


def test_html_without_metadata_keeps_what_the_text_states(tmp_path):
    path = tmp_path / "bare.htm"
    path.write_text(page(["By Ana Lopes", "BRUSSELS, November 27. /TASS/. NATO ministers met on Monday in the city.",
                          *STORY], head=False), encoding="utf-8")
    [article] = results(path)
    assert article.byline == "Ana Lopes"
    assert article.outlet == "TASS" and article.dateline == "BRUSSELS"
    start, end = article.outlet_span
    assert article.body[start:end] == "TASS"
    assert article.url is None


def test_html_page_without_main_text_is_an_error_not_an_empty_article(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(page([]), encoding="utf-8")
    [error] = results(path)
    assert isinstance(error, ArticleError)
    assert "no main text" in str(error)


@pytest.mark.parametrize("content, reason", [(b"", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00" * 20, "binary file")])
def test_bad_html_file_gets_the_text_file_reasons(tmp_path, content, reason):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    [error] = results(path)
    assert isinstance(error, ArticleError) and reason in str(error)


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b" \r\n\t\n", "contains only whitespace"),
    (b"\xef\xbb\xbfOfficials met\x00 in Geneva on Monday, the ministry said.\n", "binary file (contains NUL bytes)"),
    (bytes(range(1, 32)) * 100, "binary file (mostly control characters), not "),
])
def test_every_format_refuses_a_bad_file_in_the_same_words(tmp_path, content, reason):
    messages = []
    for suffix in (".txt", ".html", ".jsonl", ".csv"):
        path = tmp_path / f"bad{suffix}"
        path.write_bytes(content)
        [error] = results(path)
        assert isinstance(error, ArticleError)
        messages.append(str(error))
    assert all(message.startswith(reason) for message in messages), messages


BROKEN = '{"uid": "a2", "article_text": "Grain ships left Odesa on Monday, the port said.", "headline": '


def jsonl_lines():
    """A scraper's export: odd field names, a NewsAPI-style source object, one broken line, a blank line."""
    return [
        json.dumps({"uid": "a1", "article_text": "\n".join(STORY), "headline": "Talks in Geneva",
                    "publishedAt": "2023-02-15T09:30:00Z", "link": "https://example.com/a1",
                    "source": {"id": "wnd", "name": "World News Daily"}, "authors": ["Ana Lopes", "Ivan Petrov"]}),
        BROKEN,
        "",
        json.dumps({"article_text": "Grain ships leave Odesa\nBy Maria Kovalenko\n\n"
                                    "Three ships left Odesa for Istanbul, the U.S. embassy said.\n",
                    "date": "16 February 2023", "source_domain": "example.org"}),
        json.dumps({"uid": "a4", "headline": "No text here"}),
        json.dumps({"uid": "a5", "article_text": ["not", "a", "string"]}),
        json.dumps(["a list", "not an object"]),
        json.dumps({"uid": "a7", "article_text": "Power returned to Lviv, the mayor said.", "date": "02/03/2023"}),
    ]


def test_jsonl_records_become_articles_and_bad_lines_errors_with_line_numbers(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    found = results(path, field_map=parse_field_map(["body=article_text", "id=uid"]))
    good = [r for r in found if isinstance(r, Article)]
    errors = [str(r) for r in found if isinstance(r, ArticleError)]
    assert [(a.slug, a.record) for a in good] == [("a1", 1), ("export-4", 4)]
    first, second = good
    assert first.body == "\n".join(STORY)
    assert (first.title, first.published, first.url, first.outlet, first.byline) == (
        "Talks in Geneva", "2023-02-15", "https://example.com/a1", "World News Daily", "Ana Lopes, Ivan Petrov")
    assert first.source_path == str(path) and first.location == f"{path}:1"
    # The record states no title or byline: the text's headline and "By" line fill them; its date and outlet win.
    assert (second.title, second.byline, second.published, second.outlet) == (
        "Grain ships leave Odesa", "Maria Kovalenko", "2023-02-16", "example.org")
    assert errors == [
        f"{path}:2: broken JSON (Expecting value at column {len(BROKEN) + 1})",
        f"{path}:5: no text (none of the fields 'article_text', 'text', 'body', 'content', 'maintext' has any)",
        f"{path}:6: field 'article_text' is a list, not text",
        f"{path}:7: a JSON list, not an object with fields",
        f"{path}:8: date '02/03/2023' is not one I can read (write it as YYYY-MM-DD)",
    ]


def test_jsonl_usual_field_names_need_no_mapping(tmp_path):
    path = tmp_path / "news.ndjson"
    record = {"id": 7, "maintext": STORY[0], "title": "Talks", "date_publish": "2023-02-15 09:30:00",
              "url": "https://example.com/7", "outlet": "Reuters", "byline": "Ana Lopes"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = results(path)
    stated = (article.slug, article.body, article.title, article.published, article.url, article.outlet, article.byline)
    assert stated == ("7", STORY[0], "Talks", "2023-02-15", "https://example.com/7", "Reuters", "Ana Lopes")


def test_stated_outlet_replaces_the_dateline_outlet_and_its_mention_span(tmp_path):
    path = tmp_path / "tass.jsonl"
    text = "BRUSSELS, November 27. /TASS/. NATO ministers met on Monday, officials said."
    records = [{"text": text, "source": "tass.com"}, {"text": text + " More.", "source": "tass"}]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    other, same = results(path)
    assert other.outlet == "tass.com" and other.outlet_span is None and other.dateline == "BRUSSELS"
    assert same.outlet == "tass" and same.body[slice(*same.outlet_span)] == "TASS"


def test_binary_or_empty_jsonl_is_one_error_not_one_per_line(tmp_path):
    binary = tmp_path / "archive.jsonl"
    binary.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(1, 32)) * 50 + b"\n" * 30)
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert [str(e) for e in results(binary)] == ["binary file (contains NUL bytes)"]
    assert [str(e) for e in results(empty)] == ["empty file"]


def test_record_longer_than_the_article_limit_is_refused(tmp_path):
    path = tmp_path / "big.jsonl"
    huge = "Officials met in Geneva. " * (articles.MAX_BYTES // 25 + 10)
    path.write_text(json.dumps({"text": huge}) + "\n" + json.dumps({"text": STORY[0]}) + "\n", encoding="utf-8")
    error, article = results(path)
    assert str(error).startswith(f"{path}:1: too large (2.0 MB; the limit is 2 MB)")
    assert article.slug == "big-2"


def write_csv(path, rows, delimiter=","):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)


def test_csv_records_span_lines_and_a_bad_record_is_reported_by_its_line(tmp_path):
    path = tmp_path / "feed.csv"
    write_csv(path, [
        ["Headline", "Story", "Pub Date", "Link", "Outlet", "Byline"],
        ["Talks in Geneva", "\n".join(STORY), "Feb 15, 2023", "https://example.com/1", "Reuters", "Ana Lopes"],
        ["Too few values", "only two"],
        ["", "Grain ships left Odesa on Monday, the \"port\" said.", "2023-02-16", "", "", ""],
    ], delimiter=";")
    found = results(path, field_map=parse_field_map(["text=Story", "date=Pub Date"]))
    first, error, second = found
    stated = (first.slug, first.record, first.body, first.title, first.published, first.url, first.outlet,
              first.byline)
    assert stated == ("feed-2", 2, "\n".join(STORY), "Talks in Geneva", "2023-02-15", "https://example.com/1",
                      "Reuters", "Ana Lopes")
    assert str(error) == f"{path}:5: 2 values for 6 columns"  # the first record's text spans lines 2-4
    assert (second.slug, second.record) == ("feed-6", 6)
    assert second.body == 'Grain ships left Odesa on Monday, the "port" said.'
    assert second.title is None and second.published == "2023-02-16"


def test_csv_in_cp1252_with_crlf_line_ends(tmp_path):
    path = tmp_path / "excel.csv"
    text = "id,text\r\nx1,\"Caf\u00e9 owners in Kyiv said 40 percent of sales were lost.\r\nSecond line.\"\r\n"
    path.write_bytes(text.encode("cp1252"))
    [article] = results(path)
    assert article.slug == "x1" and article.encoding == "utf-8"
    assert article.body == "Caf\u00e9 owners in Kyiv said 40 percent of sales were lost.\nSecond line."


def test_txt_still_reads_as_before(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Talks resume\nBy Ana Lopes\n\n" + STORY[0] + "\n", encoding="utf-8")
    [article] = results(path)
    assert (article.slug, article.title, article.byline, article.record, article.url) == (
        "plain", "Talks resume", "Ana Lopes", None, None)


def test_field_option_names_are_checked():
    assert parse_field_map(["body=article_text", "author=writer", "publishedAt=pub", "id=uid", "id=guid"]) == {
        "body": ["article_text"], "byline": ["writer"], "published": ["pub"], "id": ["uid", "guid"]}
    for bad in ["body", "colour=paint", "body="]:
        with pytest.raises(ValueError, match="NAME=COLUMN"):
            parse_field_map([bad])


@pytest.mark.parametrize("value, iso", [
    ("2023-02-15", "2023-02-15"), ("2023-02-15T23:30:00-05:00", "2023-02-15"),
    ("2023-02-15T09:30:00.123Z", "2023-02-15"), ("Wed, 15 Feb 2023 09:30:00 GMT", "2023-02-15"),
    ("15 February 2023", "2023-02-15"), ("February 15, 2023", "2023-02-15"),
])
def test_dates_become_iso(value, iso):
    assert iso_date(value) == iso
