"""Character spans ([start, end) offsets into an article) found by position in logarithmic time.

Quotes, figures and mentions are looked up by where they lie many times per
article; a scan of every span for every lookup made a long article cost the
square of its length.
"""
from bisect import bisect_left
from collections.abc import Iterable

from .offsets import CharOffset, CharSpan


class SpanIndex:
    """Positions (indices into the list given) of spans that overlap, or lie within, a range."""

    def __init__(self, spans: Iterable[CharSpan | None]) -> None:
        # (start, end) pairs by their position in ``spans``; None there is an item that is never to be found
        self.spans = {i: span for i, span in enumerate(spans) if span is not None}
        self.order = sorted(self.spans, key=self.spans.__getitem__)
        self.starts = [self.spans[i][0] for i in self.order]
        self.longest = max((self.spans[i][1] - self.spans[i][0] for i in self.order), default=0)

    def overlapping(self, start: CharOffset, end: CharOffset) -> list[int]:
        """Indices of the spans that share a character with [start, end), in order of their start."""
        # A span that starts more than ``longest`` before ``start`` has ended before it.
        first, last = bisect_left(self.starts, start - self.longest), bisect_left(self.starts, end)
        return [i for i in self.order[first:last] if self.spans[i][1] > start]

    def within(self, start: CharOffset, end: CharOffset) -> list[int]:
        """Indices of the spans inside [start, end), in order of their start."""
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [i for i in self.order[first:last] if self.spans[i][1] <= end]
