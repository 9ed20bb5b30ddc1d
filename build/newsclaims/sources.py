"""Input files -> articles: plain text, saved web pages, JSON Lines and CSV exports.

``read_source(path)`` yields an Article or an ArticleError for each article a
file holds: one for a ``.txt`` or ``.html`` file, one per record for
``.jsonl``/``.ndjson`` and ``.csv``. A bad record's error names its line
(``export.jsonl:17: broken JSON (...)``) and the records around it still come
through.

Metadata a record or a page states in fields (title, date, author, outlet,
URL) wins over what metadata.read_metadata reads from the text; the text
fills whatever the fields leave empty. Dates become ISO (YYYY-MM-DD).
"""
import csv
import io
import json
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from io import BufferedReader
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from . import articles
from .articles import MAX_BYTES, SAMPLE_BYTES, Article, ArticleError, article_from_text, check_text, decode, text_name
from .dates import DateError, iso_date
from .extract import SHARD_KEYS
from .text import CLAUSE_END, CLOSING_QUOTES

if TYPE_CHECKING:
    from trafilatura.settings import Document  # imported when a page is read: it is slow

    from .build import FieldMap  # build imports this module

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES

# A saved page carries scripts, styles and markup around the article; its text is still held to MAX_BYTES.
MAX_HTML_BYTES = 10 * MAX_BYTES
# A JSON line or CSV record escapes its text (\u00e9, doubled quotes); the body is still held to MAX_BYTES.
MAX_RECORD_BYTES = 4 * MAX_BYTES

# Article field -> the names exports usually give it, tried in this order (case does not matter).
FIELDS = {
    "body": ("text", "body", "content", "maintext"),
    "title": ("title", "headline"),
    "published": ("published", "date", "date_publish", "publishedAt"),
    "url": ("url", "link"),
    "outlet": ("source", "outlet", "source_domain"),
    "byline": ("author", "byline", "authors"),
    "id": ("id",),
}
ALIASES = {name.lower(): target for target, names in FIELDS.items() for name in names}
# One record of a JSON Lines or CSV file: its fields as the file names them.
Record: TypeAlias = dict[str, Any]
# (line number, its text or why it cannot be read) of a record file.
NumberedLine: TypeAlias = tuple[int, str | ArticleError]

# Boilerplate trafilatura could take for text when a page has no article: consent banners, share bars, newsletters.
PRUNE_XPATH = [
    "//*[" + " or ".join(
        f"contains(@class, '{word}') or contains(@id, '{word}')"
        for word in ("cookie", "consent", "gdpr", "share", "social", "newsletter", "subscribe", "related", "promo")
    ) + "]"
]


class RecordError(ArticleError):
    """One bad record of a file: ``location`` is file:line, ``reason`` says what is wrong."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location, self.reason = location, reason


def read_source(path: str | Path, field_map: "FieldMap | None" = None) -> Iterator[Article | ArticleError]:
    """Yield an Article or an ArticleError for each article in the file at ``path``.

    An error about one record is a RecordError, which names its file and line.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield attempt(read_html, path)
    elif suffix in JSONL_SUFFIXES:
        yield from read_records(path, jsonl_records, field_map)
    elif suffix in CSV_SUFFIXES:
        yield from read_records(path, csv_records, field_map)
    else:
        yield attempt(articles.read_article, path)


def attempt(function: Callable[[Path], Article], path: Path) -> Article | ArticleError:
    try:
        return function(path)
    except ArticleError as error:
        return error


def parse_field_map(specs: Iterable[str] | None) -> "FieldMap":
    """["body=article_text", "id=uid", "id=guid"] -> {"body": ["article_text"], "id": ["uid", "guid"]}.

    NAME may be a field or any usual name for it; a field given several columns tries them in order.
    """
    field_map: FieldMap = {}
    for spec in specs or ():
        name, sep, column = spec.partition("=")
        target = name.strip() if name.strip() in FIELDS else ALIASES.get(name.strip().lower())
        if not sep or not column.strip() or target is None:
            raise ValueError(
                f"'{spec}' is not NAME=COLUMN with NAME one of {', '.join(FIELDS)} (e.g. body=article_text)")
        field_map.setdefault(target, []).append(column.strip())
    return field_map


# --- HTML ---------------------------------------------------------------------------------------------------------


def read_html(path: Path) -> Article:
    """A saved web page -> Article: trafilatura finds the main text and the page's metadata."""
    import trafilatura  # a second or so to import; only pages need it

    name = text_name(path)
    data = articles.read_bytes(path, limit=MAX_HTML_BYTES)
    check_text(data, "HTML")
    html, encoding = decode_page(data)
    try:
        # a Document or None without as_dict, which trafilatura's one annotation for both cases does not tell
        page = cast("Document | None", trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            prune_xpath=PRUNE_XPATH, date_extraction_params={"extensive_search": False, "original_date": True},
        ))
    except Exception as error:  # trafilatura's parser is not ours to trust on every page
        raise ArticleError(f"HTML could not be read: {type(error).__name__}: {error}") from None
    text = (page.text or "") if page is not None else ""
    if page is None or not has_sentence(text):
        raise ArticleError("no main text found in the page (only menus, notices or links)")
    check_size(text)
    article = article_from_text(text, text_name(path.stem), name, encoding)
    apply_fields(article, {
        "title": page.title, "published": page.date, "byline": page.author, "outlet": page.sitename,
        "url": page.url,
    })
    return article


DECLARED_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_page(data: bytes) -> tuple[str, str]:
    """Bytes of a page -> (text, encoding): a byte-order mark or valid UTF-8 first, then the charset the page
    declares (windows-1251, koi8-r, ...), then cp1252."""
    declared = DECLARED_CHARSET.search(data[:4096])
    if declared and not articles.marked_encoding(data):
        charset = declared.group(1).decode("ascii").lower()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return data.decode(charset), charset
            except (LookupError, UnicodeDecodeError):
                pass  # an unknown or wrong declaration: fall back to the usual guesses
    return decode(data)


# How a line of prose ends: a clause end, or a closing mark after one; not an apostrophe, which there more
# often ends a plural possessive ("the players'") than a quotation.
PROSE_LINE_END = tuple(CLAUSE_END + CLOSING_QUOTES.replace("'", ""))


def has_sentence(text: str) -> bool:
    """True when the text holds at least one line that reads as a sentence, not a menu entry."""
    return any(len(line.split()) >= 5 and line.rstrip().endswith(PROSE_LINE_END) for line in text.split("\n"))


# --- records --------------------------------------------------------------------------------------------------------


def read_records(path: Path, records: Callable[[BufferedReader], Iterator[tuple[int, Record | ArticleError]]],
                 field_map: "FieldMap | None") -> Iterator[Article | ArticleError]:
    """Articles from a file of records; ``records`` yields (line, dict or ArticleError)."""
    name = text_name(path)
    try:
        handle = articles.open_regular(path)
    except ArticleError as error:
        yield error
        return
    with handle:
        try:
            for line, record in records(handle):
                if isinstance(record, ArticleError):
                    yield RecordError(f"{name}:{line}", str(record))
                    continue
                if SHARD_KEYS <= record.keys():
                    yield ArticleError("rows from `newsclaims extract`, not articles: load it with `newsclaims load`")
                    return
                try:
                    yield record_article(record, path, line, field_map or {})
                except ArticleError as error:
                    yield RecordError(f"{name}:{line}", str(error))
        except ArticleError as error:  # the file as a whole: binary, empty, unreadable part way
            yield error
        except OSError as error:
            yield ArticleError(f"cannot be read: {error.strerror or error}")


def text_lines(handle: BufferedReader) -> Iterator[NumberedLine]:
    """(line number, text) for each line of a record file, line ends kept (csv needs them).

    UTF-8 with or without BOM and cp1252 are decoded line by line, so one
    undecodable line costs only its own record; UTF-16 (with BOM) as a whole.
    """
    if check_text(handle.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]) == "utf-16":
        try:
            for number, line in enumerate(io.TextIOWrapper(handle, encoding="utf-16", newline=""), 1):
                yield number, line
        except UnicodeDecodeError as error:
            raise articles.undecodable("utf-16", error) from None
        return
    for number, raw in enumerate(bounded_lines(handle, MAX_RECORD_BYTES), 1):
        if isinstance(raw, int):
            yield number, ArticleError(articles.too_large(raw, MAX_RECORD_BYTES))
            continue
        try:
            yield number, decode(raw)[0]
        except ArticleError as error:
            yield number, error


def bounded_lines(handle: BufferedReader, limit: int) -> Iterator[bytes | int]:
    """Each line of a binary file, or the size of a line longer than ``limit``, which is skipped unread:
    a 2 GB line costs no memory."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while (line := handle.readline(1 << 20)) and not line.endswith(b"\n"):
            size += len(line)
        yield size + len(line)


def jsonl_records(handle: BufferedReader) -> Iterator[tuple[int, Record | ArticleError]]:
    """(line, dict or ArticleError) for each non-blank line of a JSON Lines file."""
    for number, line in text_lines(handle):
        if isinstance(line, ArticleError) or not line.strip():
            if isinstance(line, ArticleError):
                yield number, line
            continue
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            at = "" if error.msg.endswith(" at") else " at"  # "Unterminated string starting at"
            yield number, ArticleError(f"broken JSON ({error.msg}{at} column {error.colno})")
            continue
        except RecursionError:
            yield number, ArticleError("broken JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            yield number, ArticleError(f"a JSON {json_kind(record)}, not an object with fields")
            continue
        yield number, record


def csv_records(handle: BufferedReader) -> Iterator[tuple[int, Record | ArticleError]]:
    """(line where the record starts, dict or ArticleError) for each row after the header of a CSV file."""
    lines = text_lines(handle)
    first = next(lines, (1, ""))
    try:  # only the delimiter: quoting stays Excel's, which a header line cannot show
        delimiter = csv.Sniffer().sniff(first[1] if isinstance(first[1], str) else "", delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    rows = strict_csv_rows(chain([first], lines), delimiter)
    _, header = next(rows, (1, None))
    if header is None or isinstance(header, ArticleError):
        raise ArticleError("no header row")
    header = [column.strip() for column in header]
    if not any(header):
        raise ArticleError("no header row (the first line is empty)")
    for start, values in rows:
        if isinstance(values, ArticleError):
            yield start, values
        elif not any(value.strip() for value in values):
            continue  # a blank line
        elif len(values) != len(header):
            yield start, ArticleError(f"{len(values)} values for {len(header)} columns")
        else:
            yield start, dict(zip(header, values, strict=True))


def strict_csv_rows(lines: Iterator[NumberedLine], delimiter: str
                    ) -> Iterator[tuple[int, list[str] | ArticleError]]:
    """(first line, values or ArticleError) for each CSV record of ``lines``, (number, text or ArticleError) pairs.

    A quoted field that is never closed would swallow the records after it.
    Read strictly, it is one broken record, and reading starts again on the
    line after the one where it began, so the records it swallowed come through.
    An undecodable line is reported in its place.
    """
    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))
    replay: deque[NumberedLine] = deque()  # lines to read again after a broken record
    taken: list[NumberedLine] = []  # the lines of the record being read

    def source() -> Iterator[str]:
        while (item := replay.popleft() if replay else next(lines, None)) is not None:
            taken.append(item)
            yield "\n" if isinstance(item[1], ArticleError) else item[1]

    while True:
        try:
            for values in csv.reader(source(), csv.excel, delimiter=delimiter, strict=True):
                yield from ((number, line) for number, line in taken if isinstance(line, ArticleError))
                yield taken[0][0], values
                taken.clear()
            return
        except csv.Error as error:
            yield taken[0][0], ArticleError(f"broken CSV ({csv_problem(error)})")
            replay.extendleft(reversed(taken[1:]))
            taken.clear()


def csv_problem(error: csv.Error) -> str:
    """Python's csv message in a reader's words."""
    message = str(error)
    if "expected after" in message or "unexpected end of data" in message:
        return "a quoted field is never closed, or text follows its closing quote"
    if "field larger than field limit" in message:
        return articles.too_large(MAX_RECORD_BYTES + 1, MAX_RECORD_BYTES).replace("1.0 MB; t", "t")
    return message


def json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    kinds: dict[type, str] = {list: "list", dict: "object", str: "string"}
    return kinds[type(value)]


def record_article(record: Record, path: Path, line: int, field_map: "FieldMap") -> Article:
    """One record (a dict of field -> value) -> Article, or an ArticleError naming the field at fault."""
    fields = record_fields(record, field_map)
    body = fields.pop("body")
    if body is None or not body.strip():
        names = list(field_map.get("body", ())) + list(FIELDS["body"])
        raise ArticleError(f"no text (none of the fields {', '.join(repr(n) for n in names)} has any)")
    check_size(body)
    slug = fields.pop("id") or f"{text_name(path.stem)}-{line}"
    article = article_from_text(body, slug, text_name(path))
    article.record = line
    apply_fields(article, fields)
    return article


def record_fields(record: Record, field_map: "FieldMap") -> dict[str, str | None]:
    """field -> text (or None) for every article field, checking each value's type."""
    lowered = {str(key).lower(): key for key in record}
    fields = {}
    for target, usual in FIELDS.items():
        names = list(field_map.get(target, ())) + list(usual)
        key = next((lowered[n.lower()] for n in names
                    if n.lower() in lowered and record[lowered[n.lower()]] not in (None, "")), None)
        fields[target] = None if key is None else field_text(target, key, record[key])
    return fields


UNPAIRED_SURROGATE = re.compile("[\ud800-\udfff]")


def field_text(target: str, key: str, value: object) -> str | None:
    """A field's value as text, or an ArticleError for a value of the wrong type or a broken character."""
    if isinstance(value, str):
        broken = UNPAIRED_SURROGATE.search(value)
        if broken:  # JSON's "\ud800" alone: no character at all, and SQLite cannot store it
            raise ArticleError(f"{key} holds a broken character (an unpaired surrogate \\u{ord(broken.group()):04x})")
        return value.strip() if target != "body" else value
    if target == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if target == "byline" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value if v.strip()) or None
    if target == "outlet" and isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"].strip() or None  # NewsAPI: "source": {"id": ..., "name": "BBC News"}
    expected = "text or a list of names" if target == "byline" else "text or a number" if target == "id" else "text"
    raise ArticleError(f"field '{key}' is a {json_kind(value)}, not {expected}")


# --- shared ---------------------------------------------------------------------------------------------------------


def check_size(text: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise ArticleError(articles.too_large(size))


def apply_fields(article: Article, fields: dict[str, str | None]) -> None:
    """Stated metadata wins over what the text heuristics read; None leaves the heuristics' value."""
    published = fields.get("published")
    if published:
        try:
            article.published = iso_date(published)
        except DateError as error:
            raise ArticleError(str(error)) from None
    for name in ("title", "byline", "url"):
        if fields.get(name):
            setattr(article, name, fields[name])
    outlet = fields.get("outlet")
    if outlet:
        if article.outlet and article.outlet.lower() != outlet.lower():
            article.outlet_span = None  # the dateline names another outlet than the one stored
        article.outlet = outlet


