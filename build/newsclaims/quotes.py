"""Quote rows: every attribution in a Doc as the quotes table stores it.

Who said what is decided once, in ``attribution.py``; this module turns each
attribution into a row and tells quotation marks that report no speech
(scare quotes, titles, headline fragments) from speech.
"""
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc

from .attribution import Attribution, find_attributions
from .lexicon import cue_data
from .marks import lead_before
from .nlp import doc_text
from .offsets import CharOffset, CharSpan
from .spans import SpanIndex
from .text import in_headline, outside


@dataclass
class Quote:
    """One piece of speech; offsets are character offsets into the article body."""

    start: CharOffset
    end: CharOffset
    text: str
    kind: str  # direct | partial | indirect | scare (quotation marks that report no speech)
    cue: str | None = None  # the reporting verb or phrase as written: "said", "according to"
    speaker_start: CharOffset | None = None  # where the speaker is named (the antecedent, for "he said")
    speaker_end: CharOffset | None = None
    speaker_label: str | None = None  # PERSON or ORG, when the speaker phrase is no entity
    speaker_text_start: CharOffset | None = None  # the source phrase as written ("a senior official", "he")
    speaker_text_end: CharOffset | None = None
    part_of: "Quote | None" = None  # the statement this one repeats or lies inside: counted once
    cue_tag: str | None = None  # speech or claim, as the lexicon tags the cue
    speaker: tuple[str, str] | None = None  # canonical (name, type) of the speaker's entity, from extract.py


def find_quotes(doc: Doc, attributions: list[Attribution] | None = None,
                skip: Collection[CharSpan] = ()) -> list[Quote]:
    """Every quote in the Doc outside the ``skip`` spans, in text order; ``attributions`` from find_attributions
    when given.

    The skipped ones go before repeats are linked, so no quote is part of one the article does not keep.
    """
    text = doc_text(doc)
    quotes = [quote_row(text, a) for a in (find_attributions(doc) if attributions is None else attributions)]
    quotes = outside(quotes, skip)
    for quote in quotes:
        if quote.kind != "indirect":
            mark_scare(text, quote)
    link_repeats(quotes)
    return quotes


def link_repeats(quotes: list[Quote]) -> None:
    """Point a quote that adds no statement of its own at the one it belongs to.

    Words quoted inside a reported clause by the same source ("said the losses
    were “catastrophic”") and the same words quoted again (headline and body)
    stay rows of their own, searchable, but a speaker's statements count once.
    """
    reports = SpanIndex((q.start, q.end) if q.kind == "indirect" else None for q in quotes)
    same_text: dict[str, list[int]] = {}  # quoted words -> the positions of the quotes of them
    for i, quote in enumerate(quotes):
        same_text.setdefault(quote.text, []).append(i)
    for i, quote in enumerate(quotes):
        if quote.kind == "scare":
            continue
        # Only a report around the quote, or an earlier quote of the same words, can be what it belongs to.
        candidates = set(reports.overlapping(quote.start, quote.end)) | {j for j in same_text[quote.text] if j < i}
        for j in sorted(candidates):
            other = quotes[j]
            if j == i or other.kind == "scare" or other.part_of is not None:
                continue
            inside = other.kind == "indirect" and quote.kind != "indirect" and other.start <= quote.start \
                and quote.end <= other.end and same_source(quote, other)
            if inside or (j < i and other.text == quote.text):
                quote.part_of = other
                break


def same_source(a: Quote, b: Quote) -> bool:
    """Whether two quotes name the same source (the same mention, or the same phrase as written)."""
    if a.speaker_start is not None:
        return (a.speaker_start, a.speaker_end) == (b.speaker_start, b.speaker_end)
    return a.speaker_text_start is not None and (a.speaker_text_start, a.speaker_text_end) == (
        b.speaker_text_start, b.speaker_text_end)


def quote_row(text: str, attribution: Attribution) -> Quote:
    """The Quote for one Attribution."""
    a = attribution
    speaker_start, speaker_end, speaker_label = a.source or (None, None, None)
    speaker_text_start, speaker_text_end = a.written or (None, None)
    return Quote(a.start, a.end, text[a.start:a.end], a.kind, a.cue, speaker_start, speaker_end, speaker_label,
                 speaker_text_start, speaker_text_end, cue_tag=a.tag)


def mark_scare(text: str, quote: Quote) -> None:
    """Quotation marks around a term or title, with no one saying it, are scare quotes.

    A short quoted phrase with no cue and no speaker, anything after a term
    opener ("so-called", "known as") unless someone is its subject ("Berg
    dubbed “...”"), and a speakerless fragment in a headline report no speech.
    """
    lead = lead_before(text, quote.start).lower().split()
    openers = [phrase for phrase in cue_data()["term_openers"] if ends_with_phrase(lead, [phrase])]
    # "who she dubbed “...”": the opener is the verb of someone who names the thing, and these are their words
    named_by_source = quote.cue is not None and openers == [quote.cue.lower()] and quote.speaker_text_start is not None
    if openers and not named_by_source:
        quote.kind, quote.cue, quote.cue_tag = "scare", None, None
        quote.speaker_start = quote.speaker_end = quote.speaker_label = None
        quote.speaker_text_start = quote.speaker_text_end = None
        return
    if quote.speaker_start is not None or quote.speaker_text_start is not None:
        return
    short = len(quote.text.split()) <= cue_data()["scare_max_words"]
    opener = ends_with_phrase(lead, cue_data()["scare_openers"])
    if quote.cue is None and (short or opener) or in_headline(text, quote.start):
        quote.kind = "scare"


def ends_with_phrase(words: list[str], phrases: list[str]) -> bool:
    """Whether ``words`` end with one of ``phrases``, compared word for word: "known as" needs both words."""
    return any(words[-len(phrase.split()):] == phrase.split() for phrase in phrases)
