"""An article's text as HTML with its spans marked: the one marking rule of the article and provenance pages.

Spans overlap (a figure inside a quote, a name inside both), so the text is
cut at every span edge and each piece carries the classes of every span that
covers it, linking where the innermost covering span links. One sweep over
the edges keeps only the spans open at each piece: the cost grows with the
article, not with its spans squared (25k spans took 40 s that way).
"""
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import TypeAlias

from markupsafe import Markup, escape

from .offsets import CharOffset

# (start, end, classes, link or None): a span of the text to mark, its CSS classes and where it links
MarkedSpan: TypeAlias = tuple[CharOffset, CharOffset, str, str | None]


def pieces(body: str, spans: Iterable[MarkedSpan]) -> list[tuple[str, str, str | None]]:
    """[(text, classes, link_or_None)] in order; spans are (start, end, classes, link_or_None)."""
    spans = sorted(spans, key=lambda span: (span[0], -span[1]))  # an enclosing span before the spans inside it
    edges = sorted({0, len(body), *[span[0] for span in spans], *[span[1] for span in spans]})
    opening: dict[CharOffset, list[MarkedSpan]] = {}
    for span in spans:
        opening.setdefault(span[0], []).append(span)
    covering: list[MarkedSpan] = []
    cut: list[tuple[str, str, str | None]] = []
    for start, end in pairwise(edges):
        covering = [span for span in covering if span[1] > start] + opening.get(start, [])
        classes = " ".join(sorted({name for span in covering for name in span[2].split()}))
        cut.append((body[start:end], classes, covering[-1][3] if covering else None))
    return cut


def body_html(body: str, spans: Iterable[MarkedSpan], href: Callable[[str], str],
              anchor_class: str | None = None) -> Markup:
    """The body as escaped HTML; ``href(link)`` makes each link a URL; the first piece of ``anchor_class`` gets
    id="target" so the page can scroll to it."""
    html, anchored = [], anchor_class is None
    for text, classes, link in pieces(body, spans):
        text = escape(text)
        if link:
            text = Markup(f'<a href="{escape(href(link))}">{text}</a>')
        if classes:
            anchor = ' id="target"' if not anchored and anchor_class in classes.split() else ""
            anchored = anchored or bool(anchor)
            text = Markup(f'<span class="{classes}"{anchor}>{text}</span>')
        html.append(text)
    return Markup("").join(html)
