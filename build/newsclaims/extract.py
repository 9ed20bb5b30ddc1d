"""One article and its parsed Doc -> the rows it contributes. Pure: no I/O, no database.

Keeping this a pure function of the text is what lets the build batch it
through ``nlp.pipe``, spread it over processes, or ship it to a cluster.
"""
from dataclasses import asdict, dataclass, field

from .articles import Article
from .entities import Mention, canonical_name, entity_for, find_mentions
from .figures import Figure, find_figures
from .quotes import Quote, find_quotes


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
    return [item for item in spans if not any(s < item.end and item.start < e for s, e in skip)]


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
    speakers = [entity_for(text, q.speaker_start, q.speaker_end, mentions, q.speaker_label) for q in quotes]
    claimants = [entity_for(text, f.claimant_start, f.claimant_end, mentions) for f in figures]
    return Rows(article, mentions, quotes, figures, speakers, claimants)
