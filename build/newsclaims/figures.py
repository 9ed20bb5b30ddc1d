"""Find numeric claims in a Doc: value, range, unit and who claims them."""
from dataclasses import dataclass


@dataclass
class Figure:
    """One number as written; offsets are character offsets into the article body."""

    start: int
    end: int
    text: str
    value: float
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None  # more than, over, less than, close to, roughly, about, up to, at least
    unit: str | None = None  # singular noun counted, or USD/EUR..., percent, km2
    category: str | None = None  # equipment, personnel, casualties, money, area, share, other
    claimant_start: int | None = None  # where the claimant is named, as for Quote.speaker_*
    claimant_end: int | None = None
    quote: int | None = None  # index into the article's quotes when the number stands in one


def find_figures(doc, quotes):
    """Every numeric claim in the Doc, in text order; ``quotes`` come from find_quotes."""
    return []
