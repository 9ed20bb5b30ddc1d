"""One article and its parsed Doc -> the rows it contributes. Pure: no I/O, no database.

Keeping this a pure function of the text is what lets the build batch it
through ``nlp.pipe``, spread it over processes, or ship it to a cluster.
"""
from dataclasses import asdict, dataclass, field

from .articles import Article
from .entities import Mention, canonical_name, entity_for, find_mentions
from .figures import Figure, find_figures
from .quotes import Quote, find_quotes
from .spans import SpanIndex
from .text import overlaps


@dataclass
class Rows:
    article: Article
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # canonical (name, type) of each quote's speaker and each figure's claimant, or None
    speakers: list[tuple[str, str] | None] = field(default_factory=list)
    claimants: list[tuple[str, str] | None] = field(default_factory=list)

    def to_dict(self):
        """A JSON-ready dict, for shipping rows between processes or machines."""
        return asdict(self)

    def misplaced(self):
        """What breaks the offset rule (body[start:end] == text) or pairs rows wrongly, or None.

        Rows from a shard can be stale or edited; the database must never hold them.
        """
        if len(self.speakers) != len(self.quotes) or len(self.claimants) != len(self.figures):
            return "speakers or claimants do not pair with the quotes or figures"
        body = self.article.body
        for table, items in (("mentions", self.mentions), ("quotes", self.quotes), ("figures", self.figures)):
            for number, item in enumerate(items, 1):
                if body[item.start:item.end] != item.text:
                    return f"{table} row {number} does not match the body at {item.start}:{item.end}"
        if any(f.quote is not None and not 0 <= f.quote < len(self.quotes) for f in self.figures):
            return "a figure points at a quote the article does not have"
        return None

    @classmethod
    def from_dict(cls, data):
        """The inverse of to_dict (JSON turns tuples into lists; nothing reads them as tuples)."""
        return cls(
            article=Article(**data["article"]),
            mentions=[Mention(**m) for m in data["mentions"]],
            quotes=[Quote(**q) for q in data["quotes"]],
            figures=[Figure(**f) for f in data["figures"]],
            speakers=data["speakers"],
            claimants=data["claimants"],
        )


def outside(spans, skip):
    """Items whose [start, end) overlaps none of the skipped spans."""
    return [item for item in spans if not any(overlaps(item.start, item.end, s, e) for s, e in skip)]


def extract(article, doc):
    """All rows for one article. ``doc`` is the parsed ``article.body``."""
    skip = article.furniture
    mentions = find_mentions(doc, skip)
    if article.outlet_span:
        start, end = article.outlet_span
        mentions.append(Mention(start, end, article.body[start:end], canonical_name(article.outlet, "ORG"), "ORG"))
    quotes = outside(find_quotes(doc), skip)
    figures = find_figures(doc, quotes)
    figures = outside(figures, skip)
    text = article.body
    index = SpanIndex((m.start, m.end) for m in mentions)

    def named(start, end, label=None):
        """entity_for over the mentions inside [start, end), found without scanning them all."""
        inside = [] if start is None else [mentions[i] for i in index.within(start, end)]
        return entity_for(text, start, end, inside, label)

    speakers = [named(q.speaker_start, q.speaker_end, q.speaker_label) for q in quotes]
    claimants = [named(f.claimant_start, f.claimant_end) for f in figures]
    return Rows(article, mentions, quotes, figures, speakers, claimants)
