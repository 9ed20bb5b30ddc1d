"""Read article files: decode them, normalise line ends, and read the metadata the text states.

The metadata (title, date, byline, outlet, dateline, furniture) is metadata.py's.
"""
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from io import BufferedReader
from pathlib import Path

from .metadata import read_metadata
from .offsets import CharSpan

MAX_BYTES = 2_000_000  # about 300,000 words; far beyond any real article
SAMPLE_BYTES = 4096  # the head of a file that check_text samples for control codes; a record file shows no more
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class ArticleError(Exception):
    """A file that cannot become an article; the message names the reason."""


@dataclass
class Article:
    slug: str
    body: str
    source_path: str = ""
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    encoding: str = "utf-8"
    url: str | None = None  # where the article was published, when the input says so
    record: int | None = None  # line of source_path where the article's record starts (JSON Lines, CSV)
    outlet_span: CharSpan | None = None  # where the dateline names the outlet
    # [start, end) spans of page furniture and metadata lines: no quote, figure or entity comes from them
    furniture: list[CharSpan] = field(default_factory=list)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    @property
    def label(self) -> str:
        """The title, or the opening words when the text states none: what a reader recognises."""
        if self.title:
            return self.title
        opening = self.body.strip().split("\n")[0]
        return opening if len(opening) <= 80 else opening[:80].rsplit(" ", 1)[0] + "…"

    @property
    def location(self) -> str:
        """Where the article was read from, for messages: the file, or file:line for a record."""
        return f"{self.source_path}:{self.record}" if self.record else self.source_path

    @property
    def words(self) -> int:
        return len(self.body.split())


def check_text(data: bytes, kind: str = "text") -> str | None:
    """The encoding ``data``'s byte-order mark names, or None; an ArticleError when no text file holds such bytes.

    The one check of every input format (.txt, pages, record files), so each
    refuses an empty, blank or binary file in the same words. ``data`` is a
    whole file or its first SAMPLE_BYTES.
    """
    if not data.strip():
        raise ArticleError("empty file" if not data else "contains only whitespace")
    encoding = marked_encoding(data)
    if looks_binary(data[:SAMPLE_BYTES].decode(encoding or "latin-1", errors="replace")):
        raise ArticleError(f"binary file (mostly control characters), not {kind}")
    return encoding


def marked_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, or None.

    A NUL byte outside UTF-16 (which is read only with its mark) means binary: no other text holds one.
    """
    encoding = next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)
    if encoding != "utf-16" and b"\x00" in data:
        raise ArticleError("binary file (contains NUL bytes)")
    return encoding


def undecodable(encoding: str, error: UnicodeDecodeError) -> ArticleError:
    """The error for text whose byte-order mark promises an encoding its bytes break."""
    return ArticleError(f"starts with a {encoding} byte-order mark but does not decode: {error.reason}")


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    encoding = marked_encoding(data)
    if encoding:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            raise undecodable(encoding, error) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise ArticleError("not UTF-8, UTF-16 or cp1252 text; re-save it as UTF-8") from None


# Control codes that real text carries: Word's soft returns and page breaks, terminal colour escapes.
TEXT_CONTROLS = "\n\t\r\f\v\x1b"
ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])")
# Left after line ends and escapes are handled: NUL, bell, backspace, DEL... never text, and a NUL
# cuts the body short in SQL's substr.
STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def looks_binary(text: str) -> bool:
    """True when many characters are control codes: an image or archive decoded as cp1252."""
    sample = text[:4000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in TEXT_CONTROLS)
    return controls > max(2, len(sample) // 100)


def normalise(text: str) -> str:
    """The text as it will be stored: CRLF, CR, vertical tab and form feed -> LF; colour escapes and other
    control codes removed.

    Offsets are taken on this text, so they stay honest.
    """
    text = ANSI_ESCAPE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    return STRAY_CONTROLS.sub("", text)


def read_article(path: str | Path) -> Article:
    """A file becomes an Article, or an ArticleError saying why not."""
    path = Path(path)
    data = read_bytes(path)
    return parse_article(data, slug=text_name(path.stem), source_path=text_name(path))


def read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an ArticleError.

    The size is checked before any byte is read so a huge file costs nothing.
    The read is bounded too, in case the file grows after the check.
    """
    with open_regular(path, limit) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise ArticleError(f"cannot be read: {error.strerror or error}") from None
    if len(data) > limit:
        raise ArticleError(too_large(len(data), limit))
    return data


def open_regular(path: str | Path, limit: int | None = None) -> BufferedReader:
    """A binary handle on a regular file (of at most ``limit`` bytes), or an ArticleError.

    Opened without blocking and checked with fstat before reading: a FIFO would
    block forever and a device such as /dev/zero never ends.
    """
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise ArticleError(f"broken symbolic link (points to {text_name(os.readlink(path))})")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise ArticleError(f"cannot be read: {error.strerror or error}") from None
    try:  # checked on the open file, which may have become a folder since it was listed
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(f"not a regular file ({file_kind(info.st_mode)})")
        if limit is not None and info.st_size > limit:
            raise ArticleError(too_large(info.st_size, limit))
        return os.fdopen(fd, "rb")
    except OSError as error:
        os.close(fd)
        raise ArticleError(f"cannot be read: {error.strerror or error}") from None
    except ArticleError:
        os.close(fd)
        raise


def too_large(size: int, limit: int = MAX_BYTES) -> str:
    return f"too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)"


def file_kind(mode: int) -> str:
    """A word for what a non-regular file is, for the message."""
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a file"


def text_name(path: str | Path) -> str:
    """A file name as printable text, for slugs, messages and the database.

    Linux file names are bytes; one that is not UTF-8 reaches Python with
    surrogate escapes, which SQLite and terminals refuse. Decode those bytes as
    cp1252, as for article text, so the name stays readable.
    """
    raw = os.fsencode(str(path))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def printable(message: str) -> str:
    """``message`` with control and formatting characters escaped (\\n, \\x1b, \\u202e): one honest line.

    File names may hold newlines or terminal escapes; printed raw, they could
    forge or hide lines of the build's report.
    """
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message)


def parse_article(data: bytes, slug: str, source_path: str = "") -> Article:
    """Bytes of one article -> Article with metadata and furniture spans."""
    check_text(data)
    text, encoding = decode(data)
    return article_from_text(text, slug, source_path, encoding)


def article_from_text(text: str, slug: str, source_path: str = "", encoding: str = "utf-8") -> Article:
    """Decoded text -> Article with line ends normalised and the metadata the text states."""
    body = normalise(text)
    if not body.strip():
        raise ArticleError("contains only whitespace")
    article = Article(slug=slug, body=body, source_path=source_path, encoding=encoding)
    read_metadata(article)
    return article
