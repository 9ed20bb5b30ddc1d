import pytest

from newsclaims.articles import ArticleError, parse_article, read_article


def parse(text, slug="a"):
    return parse_article(text.encode("utf-8") if isinstance(text, str) else text, slug=slug)


def test_dated_first_line_gives_published_date_and_title():
    article = parse(" date 2024-03-01 Grain talks stall in Ankara\nOfficials met on Friday.\n")
    assert article.published == "2024-03-01"
    assert article.title == "Grain talks stall in Ankara"
    start, end = article.furniture[0]
    assert article.body[start:end] == " date 2024-03-01 "


def test_headline_line_without_full_stop_is_the_title():
    article = parse("Storm closes port of Gdansk\n\nThe port shut on Monday after winds rose.\n")
    assert article.title == "Storm closes port of Gdansk"
    assert article.published is None


def test_first_line_that_is_a_sentence_is_not_a_title():
    article = parse("The port shut on Monday after winds rose to record levels.\nIt reopened later.\n")
    assert article.title is None


def test_byline_and_read_time_are_metadata_not_story():
    text = "Ferry strike ends\nBy Ana Lopes\n4 Min Read\n\nCrews went back to work.\nShare This Article\n"
    article = parse(text)
    assert article.byline == "Ana Lopes"
    furniture = [article.body[s:e] for s, e in article.furniture]
    assert furniture == ["By Ana Lopes", "4 Min Read", "Share This Article"]


def test_dateline_gives_place_and_outlet():
    text = "Talks resume\nGENEVA, March 3. /TASS/. Delegations met again on Tuesday.\n"
    article = parse(text)
    assert article.dateline == "GENEVA"
    assert article.outlet == "TASS"
    start, end = article.outlet_span
    assert article.body[start:end] == "TASS"


def test_agency_dateline_in_brackets():
    article = parse("KYIV (Reuters) - Air raid sirens sounded across the capital.\n")
    assert (article.dateline, article.outlet) == ("KYIV", "Reuters")


def test_unstated_metadata_stays_empty():
    article = parse("Air raid sirens sounded across the capital overnight.\n")
    assert (article.title, article.published, article.byline, article.outlet, article.dateline) == (None,) * 5


def test_photo_caption_and_tags_are_furniture():
    text = ("Port reopens\nFILE - A crane stands at the port, March 2, 2021. (AP Photo/Jane Roe, File)\n"
            "Work resumed.\nTAGGED: ports, shipping\n")
    article = parse(text)
    assert len(article.furniture) == 2
    assert all(article.body[s:e].startswith(("FILE", "TAGGED")) for s, e in article.furniture)


def test_crlf_becomes_lf_and_bom_is_dropped():
    article = parse("\ufeffHeadline here\r\nFirst line.\r\nSecond line.\r\n".encode("utf-8"))
    assert article.body == "Headline here\nFirst line.\nSecond line.\n"
    assert article.title == "Headline here"


def test_utf16_with_bom_is_decoded():
    article = parse("Sirens sound in Kharkiv \u2014 \u201cstay inside\u201d.\n".encode("utf-16"))
    assert "\u201cstay inside\u201d" in article.body
    assert article.encoding == "utf-16"


def test_cp1252_with_curly_quotes_is_decoded():
    article = parse("He said \u201cenough\u201d and left.\n".encode("cp1252"))
    assert article.body == "He said \u201cenough\u201d and left.\n"
    assert article.encoding == "cp1252"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\n ", "contains only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (bytes(range(1, 32)) * 50, "binary file"),
    ],
)
def test_bad_bytes_raise_a_clear_error(data, reason):
    with pytest.raises(ArticleError, match=reason):
        parse(data)


def test_unreadable_path_raises_a_clear_error(tmp_path):
    with pytest.raises(ArticleError, match="cannot be read"):
        read_article(tmp_path / "missing.txt")


def test_slug_is_the_file_name_without_extension(tmp_path):
    path = tmp_path / "2024 talks é.txt"
    path.write_text("Talks went on.\n", encoding="utf-8")
    assert read_article(path).slug == "2024 talks é"


@pytest.mark.parametrize(
    "line, place, outlet, published",
    [
        ("STOCKHOLM, Oct 12 (Reuters) - Sweden will send more aid.", "STOCKHOLM", "Reuters", None),
        ("GENEVA, June 9, 2023 (AP) \u2014 The agency said so.", "GENEVA", "AP", "2023-06-09"),
        ("KYIV, Ukraine (AP) \u2014 Russia fired missiles overnight.", "KYIV", "AP", None),
        ("ST. PETERSBURG, May 2 - Talks opened on Monday.", "ST. PETERSBURG", None, None),
        ("VIENNA \u2014 The agency said the plant lost power.", "VIENNA", None, None),
    ],
)
def test_agency_datelines_give_place_outlet_and_dated_year(line, place, outlet, published):
    article = parse(f"Headline here\n{line}\n")
    assert (article.dateline, article.outlet, article.published) == (place, outlet, published)


@pytest.mark.parametrize("line", ["UPDATE - the vote was delayed again.", "BREAKING \u2014 The vote was delayed."])
def test_capitalised_word_and_dash_is_not_a_dateline(line):
    article = parse(f"Headline here\n{line}\n")
    assert article.dateline is None
