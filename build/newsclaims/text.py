"""Small tests on article text that quotes, figures, entities and metadata share.

Each is written once, so every part of the build agrees on what overlaps,
what a headline line is and what ends a sentence.
"""
from collections.abc import Collection, Iterable
from typing import Protocol, TypeVar

from .offsets import CharOffset, CharSpan

# The marks that end a sentence: inside a paragraph, nothing else does.
SENTENCE_END = ".!?"
# What ends a whole line of prose: a sentence end, or a colon or semicolon before a list or a quote.
# Two sets, because a colon inside a line goes on with the sentence ('Berg said: “...”').
CLAUSE_END = SENTENCE_END + ":;"
# Marks that may close a sentence after its full stop ('...,” he said').
CLOSING_QUOTES = "\"'\u201d\u2019"
# A line longer than this is a paragraph, never a headline.
MAX_HEADLINE_WORDS = 20


class Spanned(Protocol):
    """Anything with character offsets into the article body: a quote, a figure, a mention."""

    start: CharOffset
    end: CharOffset


Item = TypeVar("Item", bound=Spanned)


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """True when [start, end) and [other_start, other_end) share a position; both in the same unit."""
    return other_start < end and start < other_end


def outside(items: Iterable[Item], skip: Collection[CharSpan]) -> list[Item]:
    """The items (anything with ``start`` and ``end``) that overlap none of the skipped [start, end) spans."""
    return [item for item in items if not any(overlaps(item.start, item.end, s, e) for s, e in skip)]


def line_bounds(text: str, i: CharOffset) -> CharSpan:
    """[start, end) of the line (paragraph) holding position i."""
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return start, len(text) if end < 0 else end


def in_headline(text: str, i: CharOffset) -> bool:
    """Whether position i stands in a short line that does not end like a sentence: a headline or sub-headline.

    Quotation marks there set off a fragment ("Kovac: ‘Talks are over’"), and
    a verb there reports no speech of its own.
    """
    start, end = line_bounds(text, i)
    line = text[start:end].strip()
    return len(line.split()) <= MAX_HEADLINE_WORDS and line[-1:] not in SENTENCE_END + CLOSING_QUOTES


def is_dash(text: str, at: CharOffset) -> bool:
    """Whether a dash stands at ``at``: one of the dash characters, or two hyphens."""
    return at < len(text) and (text[at] in "―—–" or text[at] == "-" and "--" in text[at - 1:at + 2])
