"""The metadata an article's text states: title, published date, byline, outlet, dateline, furniture.

Nothing here guesses: each field is filled only when the text says it in one
of the forms below, and stays empty otherwise. Lines that are metadata or page
furniture (date lines, section labels, bylines, "3 Min Read") are recorded as
furniture spans, so no quote, figure or entity comes from them. Word lists
live in data/metadata.yml; month names and date lines are dates.py's.

The header is the first few lines: labels, date lines and bylines in any
order, then the title, if the first other line reads like a headline.
"""
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .dates import DateError, date_line, read_date
from .dates import lexicon as date_words
from .nlp import load_data
from .offsets import CharOffset
from .text import CLAUSE_END, CLOSING_QUOTES

if TYPE_CHECKING:
    from .articles import Article

HEADER_LINES = 6
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200
TITLE_CASE_SLIPS = 1  # words other than minor ones that Title Case may leave in lower case
# A line in sentence case that ends with a full stop is a headline only when short and with few articles:
# headlines drop "the" and "a", an opening sentence keeps them (measured on PolNeAR train).
MAX_SENTENCE_CASE_WORDS = 16
MAX_ARTICLES = 2
WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# " date 2023-02-15 Title of the piece" (the title is optional)
DATED_TITLE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(\S.*))?$", re.IGNORECASE)
# "By Jane Roe", "By JANE ROE and JOHN DOE, Reuters", "By Jane Roe | AP", "By Jane Roe for the Kyiv Independent"
BYLINE = re.compile(r"^\s*(?i:by)\s+(?P<rest>[A-Z\u00C0-\u024F].*?)\s*$")
# What comes between a byline's names and its outlet (or date)
OUTLET_MARK = re.compile(r"\s+(?:[|\u2022\u00b7]|[-\u2013\u2014]|for(?:\s+the)?)\s+")
NAME_JOINS = re.compile(r",\s*|\s+and\s+|\s*&\s*", re.IGNORECASE)
NAME = re.compile(r"[A-Z\u00C0-\u024F][\w\u00C0-\u024F.'\u2019-]*")
# "JANE ROE, SECRETARY OF STATE": a name and a role, all in capitals, on a line of their own
SIGNATURE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){1,3}),\s+(?P<role>[A-Z][A-Z.,' -]+)$")
# "BRUSSELS, November 27. /TASS/.", "KYIV (Reuters) -", "KYIV, 3 March 2023 [Ukrinform]."
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"  # KYIV, ST. PETERSBURG
    # , Ukraine / , Mass. / , D.C.
    r"(?:,\s+(?P<region>[A-Z][a-z]+\.?(?: [A-Z][a-z]+\.?)?|(?:[A-Z]\.){2,})(?!\.?\s*\d))?"
    # , Oct 12
    r"(?:,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))?"
    r"(?:\.?\s*/(?P<slashed>[A-Za-z][\w .&-]{0,30})/\.?"  # . /TASS/.
    r"|\s*[(\[](?P<bracketed>[A-Za-z][\w .&-]{0,30})[)\]]\s*[-\u2013\u2014.:]"  # (Reuters) -  [Ukrinform].
    r"|\s+(?P<dash>[-\u2013\u2014])\s)"  # - (no outlet)
)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """metadata.yml with its furniture patterns compiled and its word lists as sets."""
    data = load_data("metadata.yml")
    return {
        "furniture": [re.compile(pattern, re.IGNORECASE) for pattern in data["furniture"]],
        "section_labels": set(data["section_labels"]),
        "not_places": {word.upper() for word in data["not_places"]},
        "narration_words": set(data["narration_words"]) | set(date_words()["weekdays"]),
        "minor_words": set(data["minor_words"]),
        "articles": set(data["articles"]),
        "name_particles": set(data["name_particles"]),
        "roles": set(load_data("names.yml")["person_titles"]) - {"the"},
    }


def lines_with_offsets(body: str) -> Iterator[tuple[CharOffset, CharOffset, str]]:
    """(start, end, line) for every line of the body, end exclusive of the newline."""
    start = 0
    for line in body.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def read_metadata(article: "Article") -> None:
    """Fill title, published, byline, outlet, dateline and furniture from what the text states."""
    lines = [(s, e, line) for s, e, line in lines_with_offsets(article.body) if line.strip()]
    story_started = False
    for index, (start, end, line) in enumerate(lines):
        if is_furniture(line):
            article.furniture.append((start, end))
        elif index < HEADER_LINES:
            last = index + 1 == len(lines)  # a headline stands above a story, never alone
            story_started = read_header_line(article, start, line, story_started, last) or story_started
    if len(lines) > HEADER_LINES:
        read_signature(article, *lines[-1])


def read_header_line(article: "Article", start: CharOffset, line: str, story_started: bool, last: bool) -> bool:
    """One of the first lines: metadata, the title, or the story. True once the story has begun."""
    end = start + len(line)
    dated = DATED_TITLE.match(line)
    if dated and article.published is None and not story_started:
        article.published = dated.group(1)
        rest = dated.start(2) if dated.group(2) else end
        article.furniture.append((start, rest))  # the "date YYYY-MM-DD" prefix is metadata, not story text
        if dated.group(2) and reads_as_title(dated.group(2)):
            article.title = dated.group(2).strip()
        return bool(dated.group(2)) and article.title is None
    if read_date_line(article, line) or (not story_started and is_section_label(line)):
        article.furniture.append((start, end))
        return False
    if read_byline(article, start, line) or read_signature(article, start, end, line):
        return False
    dateline = DATELINE.match(line.strip())
    if dateline and article.dateline is None and is_dateline(dateline):
        read_dateline(article, start + len(line) - len(line.lstrip()), dateline)
        return True
    if not (story_started or last) and article.title is None and reads_as_title(line):
        article.title = line.strip()
        return False
    return True


def is_furniture(line: str) -> bool:
    return any(pattern.fullmatch(line.strip()) for pattern in lexicon()["furniture"])


def is_section_label(line: str) -> bool:
    """"World", "U.S. News", "World / Europe": labels a saved page prints above the story."""
    parts = re.split(r"\s+[/|>\u203a\u00bb-]\s+", line.strip().lower())
    return all(part in lexicon()["section_labels"] for part in parts)


def read_date_line(article: "Article", line: str) -> bool:
    """True when the line is only a date (and time); the first such date with a year is the published date."""
    try:
        published = date_line(line)
    except DateError:
        return False
    if article.published is None:
        article.published = published
    return True


def reads_as_title(line: str) -> bool:
    """Whether a header line reads as the article's headline: never a paragraph, and no narration if it ends
    like a sentence.

    Not text.in_headline, which tells a headline fragment in the body by its
    length and missing full stop alone: a title may end with a full stop, so
    this test also reads its case and its words.

    Headlines often end with a full stop or a question mark; what tells them
    from an opening sentence is their Title Case, or, in sentence case, what
    narration has and headlines leave out (said, was, on Monday, the, a).
    """
    stripped = line.strip()
    if len(stripped) > MAX_TITLE_CHARS or not 2 <= len(stripped.split()) <= MAX_TITLE_WORDS or stripped.endswith(":"):
        return False
    if not stripped.rstrip(CLOSING_QUOTES).endswith(tuple(CLAUSE_END)):
        return True
    words = WORD.findall(stripped)
    if is_title_case(words):
        return True
    lowered = [word.lower() for word in words]
    return (
        len(stripped.split()) <= MAX_SENTENCE_CASE_WORDS
        and sum(word in lexicon()["articles"] for word in lowered) <= MAX_ARTICLES
        and not any(word in lexicon()["narration_words"] for word in lowered)
    )


def is_title_case(words: list[str]) -> bool:
    """Every word other than minor ones ("of", "the") starts with a capital, but for a slip.

    Counting lower-case words, not capitals: a sentence full of names has
    many capitals but still its verbs in lower case.
    """
    major = [word for word in words if word.lower() not in lexicon()["minor_words"]]
    return len(major) > TITLE_CASE_SLIPS and sum(not word[0].isupper() for word in major) <= TITLE_CASE_SLIPS


def read_byline(article: "Article", start: CharOffset, line: str) -> bool:
    """ "By ..." with one or more names and perhaps an outlet; the names in normal case."""
    match = BYLINE.match(line)
    if not match or article.byline is not None:
        return False
    names, outlet = split_byline(match.group("rest"))
    if not is_names(names):
        return False
    article.byline = normal_case(names)
    article.furniture.append((start, start + len(line)))
    if outlet and read_date_line(article, outlet):
        return True  # "By Jane Roe | Aug. 8, 2022": a date, not an outlet
    if outlet and article.outlet is None:
        article.outlet = outlet
        outlet_start = start + line.rindex(outlet)
        article.outlet_span = (outlet_start, outlet_start + len(outlet))
    return True


def split_byline(text: str) -> tuple[str, str | None]:
    """(names, outlet or None). The outlet follows a bar, a dash or "for (the)", or a comma that closes
    a list of names ("JANE ROE and JOHN DOE, Reuters") or comes before one word ("Jane Roe, Reuters")."""
    parts = OUTLET_MARK.split(text, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    names, comma, last = text.rpartition(",")
    if comma and (re.search(r"\sand\s", names, re.IGNORECASE) or len(last.split()) == 1):
        return names.strip(), last.strip()
    return text.strip(), None


def is_names(text: str) -> bool:
    """Names joined by commas and "and": words with a capital or particles ("de", "van"), at most four a name."""
    particles = lexicon()["name_particles"]
    names = [name.split() for name in NAME_JOINS.split(text)]
    return all(
        0 < len(name) <= 4 and NAME.fullmatch(name[0]) and all(NAME.fullmatch(w) or w in particles for w in name[1:])
        for name in names
    )


def read_signature(article: "Article", start: CharOffset, end: CharOffset, line: str) -> bool:
    """A statement's signature block in capitals, "JANE ROE, SECRETARY OF STATE", names its author."""
    match = SIGNATURE.match(line)
    if not match or article.byline is not None or not is_role(match.group("role")):
        return False
    article.byline = normal_case(match.group("name"))
    article.furniture.append((start, end))
    return True


def is_role(text: str) -> bool:
    """A role names an office: one of the person titles the entity rules know (names.yml)."""
    words = re.findall(r"[a-z.]+", text.lower())
    return any(word in lexicon()["roles"] for word in words)


def normal_case(names: str) -> str:
    """ "JANE ROE and ANN O'NEIL" -> "Jane Roe and Ann O'Neil"; names not all in capitals stay as written."""
    if any(word.upper() != word for word in NAME_JOINS.split(names) if word):
        return names
    return re.sub(r"[^\W\d_]{2,}", lambda m: "and" if m.group().lower() == "and" else m.group().capitalize(), names)


def is_dateline(match: re.Match[str]) -> bool:
    """A place with a date, region or outlet; a bare "VIENNA —" only with a long dash and a real place."""
    if any(match.group(g) for g in ("region", "date", "slashed", "bracketed")):
        return True
    return match.group("dash") in "\u2013\u2014" and match.group("place") not in lexicon()["not_places"]


def read_dateline(article: "Article", offset: CharOffset, dateline: re.Match[str]) -> None:
    """Place, outlet and (when it has a year) date from a dateline starting at ``offset``."""
    article.dateline = dateline.group("place")
    group = "slashed" if dateline.group("slashed") else "bracketed"
    if dateline.group(group):
        article.outlet = dateline.group(group).strip()
        article.outlet_span = (offset + dateline.start(group), offset + dateline.start(group) + len(article.outlet))
    if article.published is None and dateline.group("date"):
        try:
            article.published = read_date(dateline.group("date"))
        except DateError:
            pass  # "Oct 12" with no year: never guess one
