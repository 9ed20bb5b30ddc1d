"""What the text states about an article: title, published date, byline, outlet, dateline, furniture.

Every line here is written for the test.
"""
import pytest

from newsclaims.articles import parse_article
from newsclaims.dates import DateError, iso_date, read_date


def parse(text):
    return parse_article(text.encode("utf-8"), slug="a")


def furniture(article):
    return [article.body[s:e] for s, e in article.furniture]


BODY = "\n\nThe harbour authority said on Tuesday that ferries would run again from next week.\n"


@pytest.mark.parametrize("headline", [
    "Harbour Bridge Will Reopen By Spring, Mayor Vows.",
    "Ferry crews end strike over night shifts.",
    "Minister calls the port plan \u2018a fantasy.\u2019",
    "Can the harbour reopen before winter?",
    "Mayor: \u2018We Were Never Told About The Closure.\u2019",
    "Dock Workers Were Paid Late, Union Says.",
    "Ferries return; harbour traders count losses;",
])
def test_headline_with_or_without_final_stop_is_the_title(headline):
    article = parse(headline + BODY)
    assert article.title == headline


@pytest.mark.parametrize("opening", [
    "The port shut on Monday after winds rose to record levels.",
    "According to the harbour authority, the ferry was late because its engine failed.",
    "Ferry crews said they would not return until night shifts were paid at the full rate.",
    "The ferry left the harbour at dawn with a full load of grain.",
    "Ferry crews across the region go back to work after union leaders accept a new deal on pay for night shifts.",
    "Mayor Anna Berg and Port Chief Jan Nowak thanked crews who kept the ferries running through the storm.",
    "The harbour authority, which runs the ferries and the two bridges over the estuary, said that crews "
    "had been told to stay at home until the storm passed and that no ferry would sail before the weekend",
])
def test_a_sentence_or_paragraph_first_is_no_title(opening):
    article = parse(opening + "\nCrews went home.\n")
    assert article.title is None


@pytest.mark.parametrize("line, published", [
    ("Aug. 8, 2022 / 3:31 PM", "2022-08-08"),
    ("Sept. 8, 2022", "2022-09-08"),
    ("8 August 2022 14:05 BST", "2022-08-08"),
    ("Monday, August 8, 2022 at 3:31 p.m. ET", "2022-08-08"),
    ("Published: 2022-08-08T15:31:00Z", "2022-08-08"),
    ("Updated 08 Aug 2022, 15:31", "2022-08-08"),
])
def test_date_and_time_line_gives_published_and_is_never_the_title(line, published):
    title = "Port of Odesa reopens to grain ships"
    for text in (f"{line}\n{title}{BODY}", f"{title}\n{line}{BODY}"):
        article = parse(text)
        assert article.title == title
        assert article.published == published
        assert line in furniture(article)


def test_a_time_line_is_never_the_title():
    article = parse(f"6:01 p.m.\nPort of Odesa reopens to grain ships{BODY}")
    assert (article.title, article.published) == ("Port of Odesa reopens to grain ships", None)
    assert furniture(article) == ["6:01 p.m."]


@pytest.mark.parametrize("label", ["World", "Politics", "U.S. News", "World / Europe", "BREAKING NEWS", "Opinion"])
def test_section_label_is_furniture_not_the_title(label):
    article = parse(f"{label}\nPort of Odesa reopens to grain ships{BODY}")
    assert article.title == "Port of Odesa reopens to grain ships"
    assert furniture(article) == [label]


def test_date_line_without_a_title_gives_published_and_no_title():
    article = parse(" date 2022-08-02\nThe port shut on Monday after winds rose to record levels.\n")
    assert (article.title, article.published) == (None, "2022-08-02")
    assert furniture(article) == [" date 2022-08-02"]


def test_date_line_then_headline_gives_both():
    article = parse("date 2022-08-02\nPort of Odesa reopens to grain ships" + BODY)
    assert (article.title, article.published) == ("Port of Odesa reopens to grain ships", "2022-08-02")


@pytest.mark.parametrize("opening, outlet, published", [
    ("KYIV, March 3. /Ukrinform/. The ministry said the grid held overnight.", "Ukrinform", None),
    ("KYIV, March 3, 2023. /Ukrinform/. The ministry said the grid held overnight.", "Ukrinform", "2023-03-03"),
    ("KYIV, March 3 (Ukrinform) - The ministry said the grid held overnight.", "Ukrinform", None),
    ("KYIV, March 3, 2023 [Ukrinform]. The ministry said the grid held overnight.", "Ukrinform", "2023-03-03"),
    ("KYIV (Ukrinform). The ministry said the grid held overnight.", "Ukrinform", None),
    ("KYIV, 3 March 2023 (Ukrinform) \u2014 The ministry said the grid held overnight.", "Ukrinform", "2023-03-03"),
    ("KYIV, Kyiv Obl., Dec. 11, 2023 (UPI) \u2014 The ministry said the grid held overnight.", "UPI", "2023-12-11"),
    ("KYIV, Ukraine, Dec. 11 (UPI) \u2014 The ministry said the grid held overnight.", "UPI", None),
])
def test_dateline_opening_the_first_paragraph_gives_place_outlet_and_dated_year(opening, outlet, published):
    article = parse(opening + " " + "The repairs went on through the night in every district. " * 4 + "\n")
    assert article.title is None
    assert (article.dateline, article.outlet, article.published) == ("KYIV", outlet, published)
    start, end = article.outlet_span
    assert article.body[start:end] == outlet


def test_a_dateline_without_a_year_leaves_the_date_lines_date():
    article = parse("Aug. 8, 2022\nGrid holds\nKYIV, Aug. 7 (Ukrinform) - The ministry said the grid held.\n")
    assert (article.published, article.dateline, article.title) == ("2022-08-08", "KYIV", "Grid holds")


def test_a_date_line_without_a_year_gives_no_date():
    article = parse("Aug. 8 / 3:31 PM\nGrid holds\nThe ministry said the grid held.\n")
    assert (article.published, article.title) == (None, "Grid holds")
    assert furniture(article) == ["Aug. 8 / 3:31 PM"]


@pytest.mark.parametrize("line, byline, outlet", [
    ("By JANE ROE and JOHN DOE, Reuters", "Jane Roe and John Doe", "Reuters"),
    ("By Jane Roe, John Doe and Ann O'Neil", "Jane Roe, John Doe and Ann O'Neil", None),
    ("BY ANN O'NEIL-SMITH", "Ann O'Neil-Smith", None),
    ("By Ana de Souza and Jan van der Berg", "Ana de Souza and Jan van der Berg", None),
    ("By Jane Roe | Associated Press", "Jane Roe", "Associated Press"),
    ("By Jane Roe and John Doe for the Kyiv Independent", "Jane Roe and John Doe", "Kyiv Independent"),
])
def test_byline_gives_names_in_normal_case_and_the_outlet(line, byline, outlet):
    article = parse(f"Grid holds in the capital\n{line}\n\nThe ministry said the grid held.\n")
    assert (article.byline, article.outlet) == (byline, outlet)
    assert line in furniture(article)
    if outlet:
        start, end = article.outlet_span
        assert article.body[start:end] == outlet


@pytest.mark.parametrize("line", ["By Jane Roe | Aug. 8, 2022 3:31 PM", "By Jane Roe \u2022 8 August 2022"])
def test_byline_with_a_date_gives_published_not_an_outlet(line):
    article = parse(f"Grid holds in the capital\n{line}\n\nThe ministry said the grid held.\n")
    assert (article.byline, article.outlet, article.published) == ("Jane Roe", None, "2022-08-08")


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_signature_block_in_capitals_is_the_byline(where):
    signature = "JANE ROE, SECRETARY OF STATE"
    story = "The department said the talks would resume on Friday.\nBoth sides agreed.\n"
    body = f"{signature}\n{story}" if where == "top" else f"{story}{signature}\n"
    text = f"Statement on the talks\n{body}"
    article = parse(text)
    assert article.byline == "Jane Roe"
    assert signature in furniture(article)


def test_a_place_in_capitals_is_no_signature():
    article = parse("Storm update\nSAN FRANCISCO, CALIFORNIA\nThe storm passed.\n")
    assert article.byline is None


@pytest.mark.parametrize("value, iso", [
    ("Aug. 8, 2022", "2022-08-08"), ("Sept. 8, 2022", "2022-09-08"), ("8 August 2022", "2022-08-08"),
    ("Monday, 8 August 2022", "2022-08-08"), ("August 8 2022", "2022-08-08"),
])
def test_dates_as_news_writes_them(value, iso):
    assert read_date(value) == iso
    assert iso_date(value) == iso


def test_month_and_day_without_a_year_is_no_date():
    with pytest.raises(DateError, match="no year"):
        read_date("March 3")
