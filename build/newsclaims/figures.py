"""Find numeric claims in a Doc: value, range, unit, and the attribution that holds them.

A figure is a number that counts or measures something ("54 tanks", "$325
million", "less than 0.2%"). Numbers that only name or date things are not
figures: dates and years, times, ordinals, model numbers (F-35), calibres
(155mm), labels (World War Two, Article 5), durations (six months) and page
furniture. Number grammar lives in numbers.py, word lists in data/units.yml.
"""
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import TypeAlias

from spacy.tokens import Doc, Span, Token

from .attribution import is_count
from .nlp import doc_text, load_data
from .numbers import Amount, Number, blocked_spans, is_code, is_date, is_identifier, is_label, read_number, units
from .offsets import CharOffset, CharSpan, TokenIndex
from .quotes import Quote
from .spans import SpanIndex
from .text import overlaps

# Entity labels that make a number part of a name rather than a count.
NAME_LABELS = {"EVENT", "LAW", "WORK_OF_ART", "FAC", "PRODUCT", "WEAPON", "ORG"}
# Dependency labels of a number standing for its own noun ("close to 5,000 have died").
BARE_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos"}
# A model designation written as one token: letters, optional hyphen, digits ("AS-90", "T-72s").
MODEL_CODE = re.compile(r"[A-Z][A-Za-z]{0,3}-?\d+[A-Za-z]{0,2}")
# unit_of's answer for numbers that measure time or calibre: never figures.
SKIP = "skip"
# Modifier labels inside a noun phrase: the counted noun is the token that is none of these.
MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod", "quantmod", "poss", "case"}


@dataclass(kw_only=True)
class Figure(Amount):
    """One number as written, by character offsets into the article body."""

    start: CharOffset
    end: CharOffset
    text: str
    unit: str | None = None  # singular noun counted, or USD/EUR..., percent, km2
    category: str | None = None  # equipment, personnel, casualties, money, area, share, other
    claimant_start: CharOffset | None = None  # where the claimant is named, as for Quote.speaker_*
    claimant_end: CharOffset | None = None
    claimant_text_start: CharOffset | None = None  # the source phrase as written, as for Quote.speaker_text_*
    claimant_text_end: CharOffset | None = None
    quote: Quote | None = None  # the speech quote the number stands in
    claimant: tuple[str, str] | None = None  # canonical (name, type) of the claimant's entity, from extract.py


# Quote kinds that say something; a scare quote claims nothing.
SPEECH_KINDS = ("direct", "partial", "indirect")
# (unit, category, counted noun) of what a number counts; unit is SKIP for a duration or calibre.
UnitGuess: TypeAlias = tuple[str | None, str | None, Token | None]
# The last figure with a counted noun, and the start of its sentence: a bare number after it may count the same.
Previous: TypeAlias = tuple[Figure, TokenIndex]


def find_figures(doc: Doc, quotes: list[Quote]) -> list[Figure]:
    """Every numeric claim in the Doc, in text order; ``quotes`` come from find_quotes."""
    blocked = blocked_spans(doc_text(doc))
    speech = SpanIndex((q.start, q.end) if q.kind in SPEECH_KINDS else None for q in quotes)
    figures: list[Figure] = []
    previous: Previous | None = None
    i = 0
    while i < len(doc):
        number = read_number(doc, i)
        if number is None:
            i += 1
            continue
        i = max(number.token_end, i + 1)
        if is_not_figure(doc, number, blocked):
            continue
        unit, category, head = unit_of(doc, number, previous)
        if unit == SKIP:
            continue  # a duration or a calibre
        if unit is None and not keeps_without_unit(doc, number):
            continue
        if number.in_words and not number.qualifier and (category is None or is_determiner(doc, number)) \
                and number.value < 10:
            continue  # "the two sides", "one senior official": ordinary language; "a dozen inspectors" counts
        figure = make_figure(doc, number, unit, category or "other")
        attribute(doc, figure, number, quotes, speech)
        figures.append(figure)
        if head is not None:
            previous = (figure, doc[number.value_start].sent.start)
    return figures


def make_figure(doc: Doc, number: Number, unit: str | None, category: str) -> Figure:
    """A Figure for the Number's tokens; text is always the body slice."""
    start, end = doc[number.token_start].idx, doc[number.token_end - 1].idx + len(doc[number.token_end - 1])
    amount = {f.name: getattr(number, f.name) for f in fields(Amount)}
    return Figure(**amount, start=start, end=end, text=doc[number.token_start:number.token_end].text, unit=unit,
                  category=category)


# --- what is not a figure -------------------------------------------------------

def is_not_figure(doc: Doc, number: Number, blocked: list[CharSpan]) -> bool:
    """Does this number only date, time, name or label something?"""
    tokens = doc[number.value_start:number.value_end]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if any(overlaps(start, end, s, e) for s, e in blocked):
        return True
    if any(t.ent_type_ in NAME_LABELS and t.ent_iob_ == "I" for t in tokens):
        return True  # inside a name ("World War Two"); a leading count is the model's slip

    def counts(noun: Token) -> bool:
        return category_of(singular(noun.text)) is not None

    return is_date(doc, number, counts) or is_identifier(doc, number, counts) or is_label(doc, number) \
        or is_code(doc, number)


def is_determiner(doc: Doc, number: Number) -> bool:
    """ "one" alone mostly works as a determiner ("one official", "one of them")."""
    return number.value_end - number.value_start == 1 \
        and doc[number.value_start].lower_ in units()["determiner_numbers"]


def keeps_without_unit(doc: Doc, number: Number) -> bool:
    """A number counting nothing named is kept only when qualified ("more than 50 have
    died"): bare ones are mostly ages, scores, votes and page numbers."""
    if number.in_words or not number.qualifier:
        return False
    return not any(t.ent_type_ in ("DATE", "TIME", "ORDINAL") for t in doc[number.value_start:number.value_end])


# --- units -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def unit_categories() -> dict[str, str]:
    """unit -> category, from units.yml."""
    return {unit: cat for cat, names in units()["categories"].items() for unit in names}


@lru_cache(maxsize=1)
def weapon_names() -> set[str]:
    """Model names from the gazetteer, to singularise "F-35s" and "Bradleys"."""
    return set(load_data("gazetteer.yml").get("WEAPON", []))


def category_of(unit: str) -> str | None:
    """Category of a unit, or None for a noun the lexicon does not track."""
    return unit_categories().get(unit)


def singular(word: str) -> str:
    """Singular, lower-case form of a plural noun (no lemmatizer in the pipeline)."""
    w = word.lower()
    irregular = units()["irregular_plurals"]
    if w in irregular:
        return irregular[w]
    for plural, single in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")):
        if w.endswith(plural) and len(w) > len(plural) + 1:
            return w[: -len(plural)] + single
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def is_model(token: Token) -> bool:
    """A weapon model: a gazetteer WEAPON or a letters-digits code ("AS-90", "T-72s")."""
    return token.ent_type_ == "WEAPON" or bool(MODEL_CODE.fullmatch(token.text))


def model_name(token: Token) -> str:
    """The weapon model a token belongs to, singular: "F-35s" -> "F-35"."""
    ent = entity_at(token.doc, token)
    name = ent.text if ent is not None else token.text
    if name.endswith("s") and (name[:-1] in weapon_names() or name[-2:-1].isdigit()):
        name = name[:-1]
    return name


def unit_of(doc: Doc, number: Number, previous: Previous | None) -> UnitGuess:
    """(unit, category, head token) of what the number counts; head is the counted noun."""
    if number.currency:
        return number.currency, "money", None
    if number.percent:
        return "percent", "share", None
    j = number.value_end
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j].whitespace_ == "":
        j += 1  # "155-mm", "two-decade", "1,300-km": the word after the hyphen is the unit
        hyphened = phrase_unit(doc, j)
        if hyphened:
            return hyphened
        unit = singular(doc[j].text)
        return unit, category_of(unit), doc[j]
    j = skip_partitive(doc, j)
    phrase = phrase_unit(doc, j)
    if phrase:
        return phrase
    described = units()["adjective_units"].get(doc[j].lower_) if j < len(doc) else None
    if described and not (j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN")):
        return described, category_of(described), doc[j]  # "3 dead", "20 injured"
    head = parsed_head(doc, number, j) or counted_noun(doc, j)
    if head is not None and head.lower_ in units()["elided_nouns"]:
        head = None  # "23 others": the noun is an earlier figure's
    if head is not None:
        return noun_unit(doc, head)
    measured = measure_unit(doc, number)
    if measured:
        return measured, category_of(measured), None
    if previous and (doc[number.value_start].dep_ in BARE_ROLES or followed_by_elided(doc, j)):
        figure, sent_start = previous
        if doc[number.value_start].sent.start - sent_start <= 1 and figure.unit:
            return figure.unit, casualty_or(doc, doc[number.value_start], figure.category), None
    return None, None, None


def skip_partitive(doc: Doc, j: TokenIndex) -> TokenIndex:
    """Past the "of the" in "32 of the 35 drones" or "tens of thousands of mercenaries"."""
    if j + 1 < len(doc) and doc[j].lower_ == "of":
        k = j + 1
        while k < len(doc) and (doc[k].pos_ in ("DET", "NUM") or doc[k].dep_ == "poss" or doc[k].like_num):
            k += 1
        return k
    return j


def followed_by_elided(doc: Doc, j: TokenIndex) -> bool:
    """Is the number followed by a word standing for an earlier noun ("23 others")?"""
    return j < len(doc) and doc[j].lower_ in units()["elided_nouns"]


def phrase_unit(doc: Doc, j: TokenIndex) -> UnitGuess | None:
    """A unit phrase right after the number: currency word, area, calibre or time."""
    data = units()
    word = doc[j].lower_ if j < len(doc) else ""
    two = " ".join(t.lower_ for t in doc[j:j + 2])
    if word in data["currencies"] and doc[j].is_alpha and word.islower():
        return data["currencies"][word], "money", None
    for phrase in (two, word):
        if phrase in data["area_words"]:
            unit = data["area_words"][phrase]
            return unit, "area", None
    if word in data["calibre_words"] or word in data["time_units"]:
        return SKIP, None, None
    return None


def parsed_head(doc: Doc, number: Number, j: TokenIndex) -> Token | None:
    """The noun the parser hangs the number on, when only modifiers stand between them.

    Catches compound modifiers the word scan stops at: "30 AS-90 self-propelled guns".
    """
    last = doc[number.value_end - 1]
    head = last.head
    if last.dep_ != "nummod" or head.pos_ not in ("NOUN", "PROPN") or not j <= head.i <= j + 5:
        return None
    between = doc[j:head.i]
    if all(t.dep_ in MODIFIER_DEPS | {"npadvmod", "punct"} and t.head.i in range(j, head.i + 1) or t.head == last
           for t in between):
        return head
    return None


def counted_noun(doc: Doc, j: TokenIndex) -> Token | None:
    """The head noun of the phrase right after the number, skipping adjectives and names."""
    k = j
    words: list[Token] = []
    while k < len(doc) and k - j < 6 and not (k > j and doc[k].is_sent_start):
        t = doc[k]
        if is_model(t) or t.pos_ in ("ADJ", "NOUN", "PROPN") or t.dep_ in ("amod", "compound") \
                or (t.text == "-" and words):
            words.append(t)
            k += 1
        else:
            break
    words = [t for t in words if t.text != "-"]
    for n, t in enumerate(words):
        inside = j <= t.head.i < k
        on_number = t.head.i < j and n + 1 < len(words)  # misparsed onto the number: "30 AS-90 guns"
        if not (t.dep_ in MODIFIER_DEPS and inside) and not on_number:
            return t if t.pos_ != "ADJ" or category_of(singular(t.text)) else None
    return words[-1] if words and words[-1].pos_ != "ADJ" else None


def noun_unit(doc: Doc, head: Token) -> UnitGuess:
    """(unit, category, head) for a counted noun token."""
    if is_model(head):
        return model_name(head), "equipment", head
    if head.ent_type_ == "NORP" and head.text.endswith("s"):
        return "person", casualty_or(doc, head, "other"), head  # "6.5 million Ukrainians"
    unit = singular(head.text)
    if unit in units()["time_units"] or head.lower_ in units()["time_units"]:
        return SKIP, None, head
    category = category_of(unit)
    if any(t.ent_type_ == "WEAPON" for t in head.lefts):
        category = "equipment"  # "F-35 fighters" are aircraft
    return unit, casualty_or(doc, head, category), head


def casualty_or(doc: Doc, token: Token, category: str | None) -> str | None:
    """People or troops counted by a verb of killing or dying are casualties."""
    if category not in ("personnel", "other"):
        return category
    verb = token.head
    if verb.lower_ in units()["casualty_verbs"] or any(c.lower_ in units()["casualty_verbs"] for c in token.children):
        return "casualties"
    return category


def measure_unit(doc: Doc, number: Number) -> str | None:
    """A unit from a measuring noun: "a population of roughly 20,000", "the toll rose to 54"."""
    nouns = units()["measure_nouns"]
    i = number.token_start
    if i >= 2 and doc[i - 1].lower_ == "of":
        two = f"{doc[i - 3].lower_} {doc[i - 2].lower_}" if i >= 3 else ""
        unit = nouns.get(two) or nouns.get(doc[i - 2].lower_)
        if unit:
            return unit
    verb = next((a for a in doc[number.value_start].ancestors if a.pos_ in ("VERB", "AUX")), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subject is not None and subject.lower_ in units()["measuring_subjects"]:
        return nouns[subject.lower_]
    return None


# --- claimants -------------------------------------------------------------------

def attribute(doc: Doc, figure: Figure, number: Number, quotes: list[Quote], speech: SpanIndex) -> None:
    """Take the claimant from the innermost attribution whose content holds the figure.

    Who says or claims what is decided in attribution.py; a figure outside
    every attribution is the outlet's own narration and keeps no claimant.
    """
    quote = holding_quote(doc, number, quotes, speech)
    if quote is None:
        return
    figure.quote = quote
    figure.claimant_start, figure.claimant_end = quote.speaker_start, quote.speaker_end
    figure.claimant_text_start, figure.claimant_text_end = quote.speaker_text_start, quote.speaker_text_end


def holding_quote(doc: Doc, number: Number, quotes: list[Quote], speech: SpanIndex) -> Quote | None:
    """The tightest speech quote overlapping the number itself, or None; ``speech`` indexes them.

    Quoted words nobody is said to speak lose to the statement around them, and so do the answers of a poll's
    respondents ("In the survey, 58 percent of riders said ..., against 27 percent ..."): the poll claims them.

    Overlap rather than containment: a reported clause's span may start after
    the figure's qualifier ("[20 Bradley tanks]" for "over 20 Bradley tanks").
    """
    start, end = doc[number.value_start].idx, doc[number.value_end - 1].idx + len(doc[number.value_end - 1])
    held = [(quotes[i].speaker_start is None and (quotes[i].speaker_text_start is None or counts(doc, quotes[i])),
             quotes[i].end - quotes[i].start, i) for i in speech.overlapping(start, end)]
    return quotes[min(held)[2]] if held else None  # the tightest with a source, else the tightest


def counts(doc: Doc, quote: Quote) -> bool:
    """Whether the quote's source phrase counts people rather than naming anyone."""
    if quote.speaker_text_start is None or quote.speaker_text_end is None:
        return False
    phrase = doc.char_span(quote.speaker_text_start, quote.speaker_text_end, alignment_mode="expand")
    return phrase is not None and is_count(phrase.root)


def entity_at(doc: Doc, token: Token) -> Span | None:
    """The named entity a token belongs to, or None.

    Walks the token's IOB tags: ``doc.ents`` rebuilds every entity on each call.
    """
    if not token.ent_type_:
        return None
    start, end = token.i, token.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)
