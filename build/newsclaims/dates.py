"""Dates as articles and exports write them -> ISO "YYYY-MM-DD".

Day/month order must be unambiguous: "02/03/2023" is refused, never guessed.
"""
import email.utils
import re
from datetime import date, datetime

DATE_FORMATS = (
    "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%b. %d, %Y",
    "%Y/%m/%d", "%Y.%m.%d", "%d %B, %Y",
)


class DateError(ValueError):
    """A date that cannot be read without guessing."""


def iso_date(value):
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
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise DateError(f"date '{value}' is not one I can read (write it as YYYY-MM-DD)")
