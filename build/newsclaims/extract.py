"""One article and its parsed Doc -> the rows it contributes. Pure: no I/O, no database.

Keeping this a pure function of the text is what lets the build batch it
through ``nlp.pipe``, spread it over processes, or ship it to a cluster.
"""
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from spacy.tokens import Doc

from .articles import Article
from .entities import Mention, canonical_name, entity_for, find_mentions, trim_span
from .figures import Figure, find_figures
from .offsets import CharOffset, CharSpan
from .quotes import Quote, find_quotes
from .spans import SpanIndex
from .text import outside


@dataclass
class Rows:
    article: Article
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, for shipping rows between processes or machines.

        A reference to a quote (Quote.part_of, Figure.quote) travels as the
        quote's position in ``quotes``, which travels with it.
        """
        positions = {id(quote): i for i, quote in enumerate(self.quotes)}
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = [plain(item, positions) for item in value] if isinstance(value, list) \
                else plain(value, positions)
        return data

    def misplaced(self) -> str | None:
        """What breaks the offset rule (body[start:end] == text), or None.

        Rows from a shard can be stale or edited; the database must never hold them.
        """
        body = self.article.body
        tables: dict[str, Sequence[Mention | Quote | Figure]] = {
            "mentions": self.mentions, "quotes": self.quotes, "figures": self.figures}
        for table, items in tables.items():
            for number, item in enumerate(items, 1):
                if body[item.start:item.end] != item.text:
                    return f"{table} row {number} does not match the body at {item.start}:{item.end}"
        return None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Rows":
        """The inverse of to_dict (JSON turns tuples into lists; nothing reads them as tuples).

        Other keys mean another version's shard, whose speakers would be lost: refused.
        """
        if data.keys() != SHARD_KEYS:
            raise ValueError(f"keys {sorted(data)}, not {sorted(SHARD_KEYS)}: extract it again with this version")
        quotes = [Quote(**q) for q in data["quotes"]]
        figures = [Figure(**f) for f in data["figures"]]
        for quote in quotes:
            quote.part_of = quote_at(quotes, quote.part_of)
        for figure in figures:
            figure.quote = quote_at(quotes, figure.quote)
        return cls(Article(**data["article"]), [Mention(**m) for m in data["mentions"]], quotes, figures)


# What every line of an extract shard holds: such a file is rows, not articles.
SHARD_KEYS = frozenset(f.name for f in fields(Rows))


def plain(item: Article | Mention | Quote | Figure, positions: dict[int, int]) -> dict[str, Any]:
    """A row's fields as a dict, with a reference to a quote replaced by the quote's position."""
    return {f.name: positions[id(value)] if isinstance(value := getattr(item, f.name), Quote) else value
            for f in fields(item)}


def quote_at(quotes: list[Quote], position: object) -> Quote | None:
    """The quote at a shard's position, or None; a position the article's quotes lack is a broken shard."""
    if position is None:
        return None
    if type(position) is not int or not 0 <= position < len(quotes):
        raise ValueError(f"a reference to quote {position!r}, of {len(quotes)}")
    return quotes[position]


def extract(article: Article, doc: Doc) -> Rows:
    """All rows for one article. ``doc`` is the parsed ``article.body``."""
    skip = article.furniture
    mentions = find_mentions(doc, skip)
    if article.outlet_span and article.outlet is not None:  # read together from the dateline or byline
        start, end = article.outlet_span
        mentions.append(Mention(start, end, article.body[start:end], canonical_name(article.outlet, "ORG"), "ORG"))
    quotes = find_quotes(doc, skip=skip)
    figures = outside(find_figures(doc, quotes), skip)
    text = article.body
    index = SpanIndex((m.start, m.end) for m in mentions)
    people = sorted({m.name for m in mentions if m.type == "PERSON"})

    def named(start: CharOffset | None, end: CharOffset | None, label: str | None = None) -> tuple[str, str] | None:
        """entity_for over the mentions inside [start, end), found without scanning them all."""
        inside = [] if start is None or end is None else [mentions[i] for i in index.within(start, end)]
        return entity_for(text, start, end, inside, label, people)

    for quote in quotes:
        quote.speaker = named(quote.speaker_start, quote.speaker_end, quote.speaker_label)
    for figure in figures:
        figure.claimant = named(figure.claimant_start, figure.claimant_end)
    sources = [(q.speaker_start, q.speaker_end, q.speaker) for q in quotes]
    sources += [(f.claimant_start, f.claimant_end, f.claimant) for f in figures]
    mentions += source_mentions(text, sources, index)
    return Rows(article, mentions, quotes, figures)


def source_mentions(text: str, sources: list[tuple[CharOffset | None, CharOffset | None, tuple[str, str] | None]],
                    index: SpanIndex) -> list[Mention]:
    """A Mention for each source the model did not tag, where its name is written ("according to
    ClearVotePolitics", "Sen. Anna Berg said"): the entity is named there, and counts so when spellings merge."""
    found: dict[CharSpan, Mention] = {}
    for start, end, entity in sources:
        if start is None or end is None or entity is None or index.overlapping(start, end):
            continue
        name, label = entity
        start, end = trim_span(text, start, end)
        if text[start:end].endswith(name) and (start, end) not in found:
            found[(start, end)] = Mention(end - len(name), end, name, name, label, label, "source")
    return list(found.values())
