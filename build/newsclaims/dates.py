"""Dates as articles and exports write them -> ISO "YYYY-MM-DD".

Day/month order must be unambiguous: "02/03/2023" is refused, never guessed,
and so is a year: "March 3" alone gives no date.
Month names and date-line labels live in data/dates.yml.
"""
import email.utils
import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .nlp import load_data

NUMERIC_FORMATS = ("%Y/%m/%d", "%Y.%m.%d")


class DateError(ValueError):
    """A date that cannot be read without guessing."""


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    return load_data("dates.yml")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """'aug' -> 8, 'august' -> 8, for every name in dates.yml."""
    return {name: int(number) for number, names in lexicon()["months"].items() for name in names}


def alternatives(words: Iterable[str]) -> str:
    """A regex group matching any of ``words`` (longest first), with spaces as any run of spaces."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered) + ")"


@lru_cache(maxsize=1)
def patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(written date, date-and-time line) regexes, built from dates.yml."""
    words = lexicon()
    month, day, year = alternatives(month_numbers()), r"\d{1,2}(?:st|nd|rd|th)?", r"\d{4}"
    weekday = rf"(?:{alternatives(words['weekdays'])}\.?,?\s+)?"
    written = (
        rf"{weekday}(?:(?P<month>{month})\.?\s+(?P<day>{day})(?:,?\s+(?P<year>{year}))?"  # Aug. 8, 2022 / March 3
        rf"|(?P<day2>{day})\s+(?P<month2>{month})\.?(?:,?\s+(?P<year2>{year}))?)"  # 8 August 2022
    )
    iso = r"(?P<iso>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    zone = rf"(?:\s+\(?{alternatives(words['time_zones'])}(?:[+-]\d{{1,2}})?\)?)?"
    clock = rf"(?:\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?|\d{{1,2}}\s*[ap]\.?m\.?){zone}"
    label = rf"(?:{alternatives(words['date_labels'])}\s*:?\s+(?:on\s+)?)?"
    line = rf"{label}(?:(?:{written}|{iso})(?:\s*[,/|\u2022\u00b7\u2013\u2014-]?\s*(?:at\s+)?{clock})?|{clock})\.?"
    return re.compile(written + r"\.?", re.IGNORECASE), re.compile(line, re.IGNORECASE)


def written_parts(match: re.Match[str]) -> tuple[int | None, int, int]:
    """(year or None, month, day) from a match of the written-date pattern."""
    month = match.group("month") or match.group("month2")
    day = re.sub(r"\D", "", match.group("day") or match.group("day2"))  # "3rd" -> "3"
    year = match.group("year") or match.group("year2")
    return (int(year) if year else None), month_numbers()[month.lower()], int(day)


def make_date(year: int, month: int, day: int, value: str) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise DateError(f"date '{value}' does not exist") from None


def read_date(value: str) -> str:
    """A date written in words ("Aug. 8, 2022", "8 August 2022", "Monday, 8 August 2022") -> ISO.

    "March 3" states no year: a DateError, as a year is never guessed.
    """
    match = patterns()[0].fullmatch(value.strip())
    if not match:
        raise DateError(f"date '{value}' is not one I can read (write it as YYYY-MM-DD)")
    year, month, day = written_parts(match)
    if year is None:
        raise DateError(f"date '{value}' has no year")
    return make_date(year, month, day, value)


def date_line(line: str) -> str | None:
    """For a line that is only a date and/or time: its ISO date, or None when it states no year or no date.

    A line that is not a date line is a DateError: callers try a line and move on.
    """
    match = patterns()[1].fullmatch(line.strip())
    if not match:
        raise DateError(f"'{line.strip()}' is not a date line")
    if match.group("iso"):
        return iso_date(match.group("iso"))
    if not (match.group("month") or match.group("month2")):
        return None  # a time alone
    year, month, day = written_parts(match)
    return make_date(year, month, day, line) if year else None


def iso_date(value: str) -> str:
    """A date as written -> 'YYYY-MM-DD', or a DateError."""
    text = value.strip()
    try:
        return datetime.fromisoformat(re.sub(r"Z$", "+00:00", text)).date().isoformat()
    except ValueError:
        pass
    if re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):  # a time fromisoformat cannot read (Python 3.10): the date part
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            pass
    if re.match(r"[A-Za-z]{3},? \d", text):
        try:
            return email.utils.parsedate_to_datetime(text).date().isoformat()  # RFC 2822, as in RSS
        except (TypeError, ValueError, IndexError):
            pass
    for pattern in NUMERIC_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return read_date(text)
