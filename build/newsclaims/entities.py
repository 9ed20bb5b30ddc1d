"""Entity mentions with canonical names and types: one row for one real thing.

"Kiev" and "Kyiv" are one city; "US", "U.S." and "America" one country; in an
article that names "Vladimir Putin", a bare "Putin" or "Russian President
Vladimir Putin" is the same man. Aliases live in ``data/aliases.yml``.

A mention's type is a vote backed by evidence: a title ("Mr", "President"), a
head word ("Fund", "County"), a place list, the words around it ("in X",
"X said"), a full name it shortens, or else the small model's label. An entity
takes the weighted majority of its mentions' votes, in the article and again
across the database, so one mislabelled mention cannot retype it.

Everything here is pure: the store only applies what these functions decide.
"""
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeAlias

from gender_guesser.detector import Detector
from spacy.tokens import Doc, Span, Token

from .lexicon import cue_data
from .marks import marked_in
from .nlp import doc_text, load_data
from .numbers import past_qualifier, word_value
from .offsets import CharOffset, CharSpan, TokenIndex
from .text import line_bounds, outside, overlaps

NAMED_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "WEAPON"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
# How much one mention's evidence counts when the votes for an entity's type are added up.
EVIDENCE_WEIGHTS = {
    "title": 4, "link": 4, "head": 3, "places": 3, "given name": 3, "shape": 2, "surname": 2, "context": 2,
    "model": 1,
}
POSSESSIVE = re.compile(r"(?:['\u2018\u2019]s|(?<=s)['\u2019])$")
POSSESSIVE_TOKENS = {"'s", "\u2019s", "\u2018s"}
# Parts of speech that never start a name: "Without Moravec", "Certainly Anna Berg" in headlines.
FUNCTION_WORDS = {"ADP", "ADV", "VERB", "AUX", "CCONJ", "SCONJ", "PRON", "DET", "PART", "INTJ"}
# The words a title-case headline leaves in lower case.
SMALL_WORDS = {"ADP", "CCONJ", "SCONJ", "DET", "PRON", "PART"}
CONNECTORS = {"of", "on", "for", "and", "&"}
# Words that may stand between the words of a name, but never end it: "Bank of America", "Institute for the Study".
NAME_JOINERS = CONNECTORS | {"the"}
DETERMINERS = {"the", "this", "that", "these", "those", "a", "an"}
# Prepositions after which a name is a place: "talks in Vellmarsk".
PLACE_PREPOSITIONS = {"in", "near", "across", "throughout", "outside", "inside"}
DOTTED_INITIALS = re.compile(r"^(?:[A-Za-z]\.){2,}$")
ACRONYM = re.compile(r"^[A-Z]{2,5}$")
MIDDLE_INITIAL = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z]\. [A-Z][a-z]+")  # "Anna K. Berg"
# One word naming an idea or a fear, not a thing ("Russophobia", "Putinism"), a name's suffix alone ("Jr."), a stance
# ("pro-Berg", "anti-Nowak") or a link: no one's name.
NOT_A_NAME = re.compile(r"^(?:[A-Z][a-z]+(?:phobia|ism)|Jr\.?|Sr\.?|II|III|IV|(?:[Pp]ro|[Aa]nti|[Nn]on)-\S+)$|://|\bwww\.")
# The lexicon's words for people and papers; one of them in the plural is a description, never a name.
DESCRIPTION_WORDS = ("title_words", "person_nouns", "representative_nouns", "document_nouns", "government_nouns",
                     "reporting_nouns")
# Markup left in a story's text ('<tweet author="...">'): no name holds these.
MARKUP = re.compile(r"[<>=]")
DASHES = {"-", "\u2013", "\u2014", "\u2015"}
# Labels whose names may end in a number or run on past a comma: "Leopard 2", "Harbours, Ferries".
TITLED_WORKS = {"WEAPON", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"}
# (start token, end token, label) of one named entity in a Doc.
EntitySpan: TypeAlias = tuple[TokenIndex, TokenIndex, str]
# An entities row across the database: id, name, type and how many mentions it has.
EntityRow: TypeAlias = dict[str, Any]


@dataclass
class Mention:
    start: CharOffset
    end: CharOffset
    text: str
    name: str  # canonical
    type: str  # the entity's type as the article's evidence decides it
    vote: str = ""  # the type this mention's own evidence gives
    evidence: str = "model"  # which kind of evidence that is (see EVIDENCE_WEIGHTS)
    gender: str | None = None  # the gender its title gives ("Mr. Berg", "Ms Moro") or the "he" or "she" after it


@lru_cache(maxsize=1)
def name_words() -> dict[str, Any]:
    """data/names.yml with its lists as sets and place heads as {word: type}."""
    data = load_data("names.yml")
    words: dict[str, Any] = {key: set(values) for key, values in data.items() if isinstance(values, list)}
    words["place_heads"] = {word: type_ for type_, heads in data["place_heads"].items() for word in heads}
    words["heads"] = words["org_heads"] | set(words["place_heads"])
    words["honorific_titles"] = data["honorific_titles"]
    return words


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """Lower-cased alias -> canonical name, from data/aliases.yml."""
    table = {}
    for canonical, aliases in load_data("aliases.yml").items():
        table[canonical.lower()] = canonical
        for alias in aliases:
            table[alias.lower()] = canonical
    return table


@lru_cache(maxsize=1)
def known_types() -> dict[str, str]:
    """Canonical name -> type for the places list (data/places.yml) and the entity ruler's list (gazetteer.yml)."""
    known: dict[str, str] = {}
    for source in ("gazetteer.yml", "places.yml"):
        for type_, names in load_data(source).items():
            for name in names:
                known.setdefault(alias_table().get(name.lower(), name), type_)
    return known


@lru_cache(maxsize=1)
def known_spellings() -> dict[str, str]:
    """Lower-cased name -> its spelling in the lists, the one least in capitals: "LOS ANGELES" is "Los Angeles"."""
    return {name.lower(): name for name in sorted(known_types(), key=capital_words, reverse=True)}


def is_title(word: str) -> bool:
    """A person's title or honorific, with or without its stop: "Mr", "Mr.", "President"."""
    word = word.lower()
    return word.rstrip(".") in name_words()["honorifics"] or word in name_words()["person_titles"]


def gender_of_words(data: dict[str, Any], words: set[str]) -> str | None:
    """'female' or 'male' when a description says so ("the businessman", "the chairwoman"), else None."""
    female, male = bool(words & set(data["female_words"])), bool(words & set(data["male_words"]))
    return None if female == male else "female" if female else "male"


def gender_of_pronoun(word: str) -> str | None:
    """'female', 'male' or None for a pronoun."""
    if word in cue_data()["female_pronouns"]:
        return "female"
    return "male" if word in cue_data()["male_pronouns"] else None


@lru_cache(maxsize=1)
def first_names() -> Detector:
    """gender-guesser's list of first names (shipped with the package, read once)."""
    return Detector(case_sensitive=False)


def first_name_gender(word: str, only: bool = False) -> str | None:
    """'female' or 'male' when ``word`` is mostly given to one gender (``only``: to that gender alone), else None.

    A name given to one gender worldwide must not lean the other way in the United States, whose news
    this reads most: "Bernie" is mostly female worldwide, mostly male there; "Jan" male worldwide, mostly
    female there.
    """
    if not word[:1].isupper() or not word.isalpha():
        return None
    guess = first_names().get_gender(word)
    if guess not in ("female", "male") + (() if only else ("mostly_female", "mostly_male")):
        return None
    gender = guess.removeprefix("mostly_")
    american = first_names().get_gender(word, "usa").removeprefix("mostly_")
    return gender if american in (gender, "andy", "unknown") else None


def trim_span(text: str, start: CharOffset, end: CharOffset) -> CharSpan:
    """Offsets without a leading "the", a trailing possessive, or anything but a letter or digit at either end
    (a stop may end an abbreviation, "U.S."): the mention is the name itself."""
    while start < end:
        span = text[start:end]
        if not span[0].isalnum():
            start += 1
        elif not (span[-1].isalnum() or span[-1] == "."):
            end -= 1
        elif (lead := re.match(r"(?i)the\s+", span)) and end - start > lead.end():
            start += lead.end()
        elif (tail := POSSESSIVE.search(span)) and tail.start() > 0:
            end = start + tail.start()
        else:
            break
    return start, end


def has_org_head(tokens: Iterable[Token]) -> bool:
    """Whether a name holds the head word of an organisation's name: "Women's Caucus", "Cox Automotive"."""
    return any(t.lower_ in name_words()["org_heads"] for t in tokens)


def title_case(name: str) -> str:
    """ "LONDON" -> "London", "USA TODAY" -> "USA Today": words of four letters or fewer keep their capitals."""
    return " ".join(word if len(word) <= 4 else word.capitalize() for word in name.split(" "))


def group_form(name: str, label: str) -> str:
    """One spelling for a group and one for a weapon: "Russian" and "Russians" are "Russians" (a group is
    its people; "Swiss" and "Chinese" stay), "F-35s" is "F-35"."""
    if label == "NORP" and name[-1:].islower() and not name.endswith(("s", "sh", "ch", "ese", "x", "z", "tic")):
        return name + "s"
    if label in ("WEAPON", "PRODUCT") and name.endswith("s"):
        if re.search(r"[0-9A-Z]s$", name) or known_types().get(name[:-1]) == label:
            return name[:-1]
    return name


def canonical_name(text: str, label: str) -> str:
    """The canonical spelling: aliases resolved, whitespace and broken hyphens mended, titles,
    possessives, stops and plurals of groups dropped, a lower-case head word capitalised."""
    name = re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(text.split()))
    start, end = trim_span(name, 0, len(name))
    name = name[start:end] or name
    known = alias_table().get(name.lower())
    if known:
        return known
    words = name.split()
    if label == "PERSON":
        while len(words) > 1 and (is_title(words[0]) or words[0].lower() in name_words()["title_modifiers"]):
            words.pop(0)
    if len(words) > 1 and words[-1] in name_words()["heads"] and all(w[:1].isupper() for w in words[:-1]):
        words[-1] = words[-1].capitalize()
    name = " ".join(words)
    if DOTTED_INITIALS.match(name):
        name = name.replace(".", "").upper()
    name = name.rstrip(".")
    if label != "WEAPON" and name.lower() in known_spellings():  # "Brussels" is no plural; "Javelins" is
        return known_spellings()[name.lower()]
    name = group_form(name, label)
    return alias_table().get(name.lower()) or known_spellings().get(name.lower(), name)


def capitalised(token: Token) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper)


def title_run(doc: Doc, first: TokenIndex, last: TokenIndex) -> int:
    """How many leading tokens of doc[first:last] are a title to drop: "Russian President", "Mr", "Defense"
    (after "Secretary of"). None are dropped from an organisation's name ("Foreign Ministry")."""
    words = name_words()
    run = first
    while run < last - 1 and (is_title(doc[run].text) or doc[run].lower_ in words["title_modifiers"]):
        run += 1
    while run > first and doc[run - 1].lower_ in ("of", "the"):
        run -= 1
    if run == first or has_org_head(doc[run:last]):
        return 0
    if not any(capitalised(t) for t in doc[run:last]):
        return 0
    before = doc[first - 1].text if first else ""
    titled = any(is_title(t.text) for t in doc[first:run]) or is_title(before)
    after_role_of = before.lower() == "of" and first > 1 and is_title(doc[first - 2].text) \
        and doc[first].lower_ != "the"
    return run - first if titled or after_role_of else 0


def no_word(token: Token) -> bool:
    """A token with no letter or digit: a mark, a dash, a quotation mark."""
    return not any(c.isalnum() for c in token.text)


def name_end(doc: Doc, first: TokenIndex, last: TokenIndex, label: str) -> TokenIndex:
    """Where a name ends inside a span: at a comma or a spaced dash between names ("Eau Claire, Wis.",
    "Olsen - Ivar Lund") and before a possessive that a number follows ("Berg's 2009")."""
    if label in TITLED_WORKS:
        return last
    for i in range(first + 1, last):
        token = doc[i]
        if token.text == "," or token.text in DASHES and doc[i - 1].whitespace_:
            return i
        if token.lower_ in POSSESSIVE_TOKENS and i + 1 < last and not capitalised(doc[i + 1]):
            return i
    return last


def name_bounds(doc: Doc, first: TokenIndex, last: TokenIndex, label: str) -> tuple[TokenIndex, TokenIndex, bool]:
    """(first, last, titled): the tokens of an entity that are its name, and whether a title came with it.

    Edge marks, possessives, determiners and titles go; so do trailing lower-case
    words ("think tank") unless they head the name ("Republican party"), a title
    after a place ("Lund Mayor"), and a headline's verb or a number after a name ("Berg Says", "Moro 41.2").
    """
    skip = title_run(doc, first, last)
    # "a key General Assembly debate"
    organisation = has_org_head(doc[first:last])
    titled = bool(skip) or (first > 0 and is_title(doc[first - 1].text) and not organisation)
    first += skip
    last = name_end(doc, first, last, label)
    while first < last - 1 and (no_word(doc[first]) or doc[first].lower_ in DETERMINERS
                                or doc[first].pos_ in FUNCTION_WORDS or inverted_cue(doc[first])):
        first += 1
    while last > first + 1:
        token = doc[last - 1]
        hyphened = doc[last - 2].text == "-" and not doc[last - 2].whitespace_  # "Lee Ji-won"
        lower_word = token.is_alpha and token.is_lower and token.lower_ not in name_words()["heads"] and not hyphened
        place_title = is_title(token.text) and doc[first:last - 1].text in known_types()  # "Lund Mayor"
        trailing = token.pos_ in ("VERB", "AUX") or token.like_num and label not in TITLED_WORKS or place_title
        if no_word(token) or token.lower_ in POSSESSIVE_TOKENS or lower_word or trailing:
            last -= 1
        else:
            break
    return first, last, titled


def inverted_cue(token: Token) -> bool:
    """A reporting verb, said or says, that opens a name the model ran on from it: "[Said] Berg:"."""
    forms = cue_data()["verb_forms"]
    return forms.get(token.lower_, token.lower_) != token.lower_


def in_capitals(body: str, start: CharOffset, end: CharOffset) -> bool:
    """Whether a mention stands in a line written in capitals (a headline) or opens a dateline
    ("LONDON (Reuters) -")."""
    line_start, line_end = line_bounds(body, start)[0], line_bounds(body, end)[1]
    line = body[line_start:line_end]
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= end - start and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return True
    opens = not body[line_start:start].strip()
    return opens and re.match(r"\s*[,(\u2014\u2013-]", body[end:end + 3]) is not None


def in_title_case_line(tok: Token) -> bool:
    """Whether a token stands in a headline written in title case: most longer words of its sentence capitalised.

    Sentences never run over a line break (nlp.paragraph_sentences), so a headline is one sentence or more.
    """
    return tok.sent.start in title_case_sentences(tok.doc)


def title_case_sentences(doc: Doc) -> frozenset[TokenIndex]:
    """Where each title-case sentence of the Doc starts: worked out once per Doc, asked of every mention."""
    if "title_case_sentences" not in doc.user_data:
        doc.user_data["title_case_sentences"] = frozenset(sent.start for sent in doc.sents if is_title_case(sent))
    return doc.user_data["title_case_sentences"]


def is_title_case(sent: Span) -> bool:
    """At least three longer words, three in four of them capitalised and the rest small words ("with", "from"):
    a sentence full of names whose verb or noun is lower case is running text ("Lund's Harbour Party leader Ines
    Moro wrote on Facebook")."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    lower = [t for t in words if not t.text[:1].isupper()]
    return len(words) >= 3 and len(lower) <= 0.25 * len(words) and all(t.pos_ in SMALL_WORDS for t in lower)


def running_words(doc: Doc) -> tuple[set[str], set[str]]:
    """The words the running text (outside title-case lines) capitalises inside a sentence, its names, and those it
    writes in lower case, read in one pass.

    A headline capitalises every word, so only the running text shows which are names.
    """
    if "running_words" not in doc.user_data:
        headlines = title_case_sentences(doc)
        capitalised: set[str] = set()
        lower: set[str] = set()
        for sent in (sent for sent in doc.sents if sent.start not in headlines):
            capitalised.update(t.lower_ for t in sent[1:] if t.is_alpha and t.text[:1].isupper())
            lower.update(t.lower_ for t in sent if t.is_alpha and t.is_lower)
        doc.user_data["running_words"] = capitalised, lower
    return doc.user_data["running_words"]


def headline_name(doc: Doc, first: TokenIndex, last: TokenIndex, label: str
                  ) -> tuple[TokenIndex, TokenIndex] | None:
    """A headline entity cut to the words the running text also capitalises: "Berg Breaks With Nowak" is
    "Berg", "Bank of Lund Joins" is "Bank of Lund", "Captains Rip Anna Berg" is "Anna Berg". None when none of
    its words has such evidence and the running text writes its words in lower case: any of a person's ("Ferry
    Strike Spreads" after "the strike spread"), all of another name's (an organisation is often named in common
    words), unless the word lists know the name or it opens with a given name."""
    if not in_title_case_line(doc[first]):
        return first, last
    names, lower = running_words(doc)
    start = next((i for i in range(first, last) if doc[i].lower_ in names), None)
    if start is None:
        words = [t.lower_ in lower for t in doc[first:last] if t.is_alpha and t.pos_ not in SMALL_WORDS]
        common = words and (any(words) if label == "PERSON" else all(words))
        # a given name opens a person's name however common its other words: "Rose Pace", though "pace" is a word
        listed = is_listed(doc[first:last].text) or doc[first].lower_ in name_words()["given_names"]
        return None if common and not listed else (first, last)
    end = start
    while end < last and (doc[end].lower_ in names or doc[end].lower_ in NAME_JOINERS or not doc[end].is_alpha):
        end += 1
    while end > start and (doc[end - 1].lower_ in NAME_JOINERS or not doc[end - 1].is_alpha):
        end -= 1
    # only a headline's verb or adjective goes from the front ("Rip"), never a given name or a mark, and a name of
    # two words or more must stay
    if start > first and (end - start < 2 or not all(
            t.is_alpha and t.lower_ not in name_words()["given_names"] for t in doc[first:start])):
        return first, last
    return start, end


def after_place_preposition(span: Span) -> bool:
    """ "in X", "near X": the mention is the object of a preposition of place."""
    return span.root.dep_ == "pobj" and span.root.head.lower_ in PLACE_PREPOSITIONS


def context_vote(span: Span, label: str) -> str | None:
    """The type the words around a mention give, or None: "in X" is a place, "X said" is no place
    (a person when it has two or three words, else an organisation; a bare surname joins its full name later) and
    no people either."""
    if after_place_preposition(span) and label not in PLACE_TYPES | {"NORP"}:
        return "GPE"
    root = span.root
    head = root.head
    reports = root.dep_ == "nsubj" and head.lower_ in cue_data()["verb_forms"]
    according = root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
    if (reports or according) and label in PLACE_TYPES and len(span) <= 3:
        return "PERSON" if len(span) > 1 else "ORG"  # one unknown word that speaks is seldom a person's whole name
    if reports and label == "NORP" and len(span) == 1 and root.tag_ == "NNP" and not any(
            c.dep_ == "det" for c in root.children):
        return "PERSON"  # "Moravec said": a surname the model took for a people, never "the Republican said"
    return None


def own_vote(span: Span, name: str, label: str, titled: bool) -> tuple[str, str]:
    """(type, evidence) from this one mention: a title, the places list, a head word, a given name,
    an acronym's shape, the words around it, else the model's label."""
    words = name.split()
    lower = [word.lower() for word in words]
    capitalised_words = len(words) > 1 and all(word[:1].isupper() for word in words)
    if titled:
        return "PERSON", "title"
    if name in known_types():
        return known_types()[name], "context" if after_place_preposition(span) else "places"
    if len(words) > 1 and lower[-1] in name_words()["place_heads"]:
        return name_words()["place_heads"][lower[-1]], "head"
    if len(words) > 1 and lower[-1] in name_words()["event_heads"]:
        return "EVENT", "head"
    if set(lower) & name_words()["org_heads"] or len(words) > 1 and lower[-1] in name_words()["media_heads"]:
        return "ORG", "head"
    alone = len(words) == 1 and words[0][1:].islower()  # "Christina told reporters", not "CHRISTINA"
    if (capitalised_words or alone) and lower[0].split("-")[0] in name_words()["given_names"]:
        return "PERSON", "given name"
    if MIDDLE_INITIAL.match(name):
        return "PERSON", "shape"
    if ACRONYM.match(name) and label in PLACE_TYPES | {"PERSON", "NORP"}:
        return "ORG", "shape"
    context = context_vote(span, label)
    if context:
        return context, "context"
    if label not in PLACE_TYPES | {"PERSON", "ORG"} and len(words) == 1 and surname_of_someone(span):
        return "PERSON", "surname"
    return label, "model"


def surname_of_someone(span: Span) -> bool:
    """Whether a one-word mention the model gave another type stands for a person the Doc names in full, as a noun
    of its own ("Crist said", "asked Crist"), not a modifier ("Cuban exiles"): ORG and place mentions link_people
    joins already."""
    if span.root.dep_ in ("amod", "compound") or span.root.tag_ != "NNP":  # not a people's plural, "Republicans"
        return False
    doc = span.doc
    if "surnames" not in doc.user_data:
        doc.user_data["surnames"] = {ent[-1].text for ent in doc.ents
                                     if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].tag_ == "NNP"}
    return span.text in doc.user_data["surnames"]


def weighted_type(votes: Counter[tuple[str, str]]) -> str:
    """The type with the most weight among ``votes`` ({(type, evidence): count}, never empty); ties go to the first
    seen."""
    totals: Counter[str] = Counter()
    for (type_, evidence), count in votes.items():
        totals[type_] += EVIDENCE_WEIGHTS.get(evidence, 1) * count
    return max(totals, key=totals.__getitem__)


def link_people(mentions: list[Mention], quoted: Collection[CharSpan] = ()) -> list[Mention]:
    """Point "Putin" (or "Vladimir", when one person has that given name) at "Vladimir Putin" when the article
    names him in full; of two people with that surname, at the one it names most, in full or by a title or pronoun
    that fits them alone (then the one named last before), never at one a title or pronoun rules out ("Mr. Berg" is
    not Anna Berg), nor untitled where the article names the one a title leaves out more often.

    A bare surname the model calls an ORG or a place joins him too, even a listed
    place ("Jordan said"), unless a head word or the words around it make it a
    place ("in Jordan").

    A name written only inside the ``quoted`` spans and not opening with a
    given name is no full name to link to: "Sleepy Anna Berg" is not her name.
    """
    written = {m.name for m in mentions if not nickname(m, quoted)}
    nicknames = {m.name for m in mentions if m.name not in written}
    full = [m for m in mentions if m.vote == "PERSON" and " " in m.name and m.name not in nicknames]

    def fitting(mention: Mention) -> set[str]:
        return {f.name for f in full if is_surname_of(mention.name, f.name) and may_have_gender(f.name, mention.gender)}
    gendered = [(m, fitting(m)) for m in mentions if m.gender]
    # "Mr. Berg" where the article names only Anna Berg in full is someone else, who may be meant untitled too
    someone_else = Counter(m.name for m, fits in gendered if not fits)
    named_in_full = Counter(m.name for m, fits in gendered if fits)
    # "Mrs. Berg", or "Berg said ... She said", where Anna and Peter Berg are named in full: one more for Anna
    votes = Counter(next(iter(fits)) for _, fits in gendered if len(fits) == 1)
    for mention in mentions:
        placed = mention.vote in PLACE_TYPES and mention.evidence not in ("model", "places")
        if placed or mention.vote not in PLACE_TYPES | {"PERSON", "ORG"} or mention.name.isupper():
            continue  # "SVP" is an acronym, not a surname
        fits = fitting(mention)
        surname_of = [m for m in full if m.name in fits]
        words = mention.name.lower().split()
        given_name_of = {m.name for m in full if len(words) == 1 and m.name.lower().split()[0] == words[0]
                         and mention.evidence != "places"}
        if surname_of and not mention.gender \
                and someone_else[mention.name] > len(surname_of) + named_in_full[mention.name]:
            continue  # "Berg" where "Mr. Berg" comes more often than Anna Berg
        if surname_of:
            named = Counter(m.name for m in surname_of)
            named.update({name: votes[name] for name in named})
            before = [m.name for m in surname_of if m.start < mention.start]
            mention.name = max(named, key=lambda name: (named[name], name in before[-1:]))
        elif len(given_name_of) == 1:
            mention.name = given_name_of.pop()
        else:
            continue
        mention.vote, mention.evidence = "PERSON", "link"
    return mentions


def may_have_gender(full_name: str, gender: str | None) -> bool:
    """Whether a surname known to be of ``gender`` may mean ``full_name``: "Mr. Berg" is not Anna Berg, but may be
    Lindsey Berg, a name given to both."""
    return gender is None or first_name_gender(full_name.split()[0], only=True) in (None, gender)


def is_surname_of(name: str, full_name: str) -> bool:
    """Whether ``name`` is the last words of ``full_name``, in any case: "De Graaf" opening a sentence, a
    transcript's "MORO"."""
    words, full = name.lower().split(), full_name.lower().split()
    return len(words) < len(full) and full[-len(words):] == words


def nickname(mention: Mention, quoted: Collection[CharSpan]) -> bool:
    """Whether a name is a nickname the model read as one with the name after it: written only inside quotation
    marks, its first word no given name ("Sleepy Anna Berg" in a quoted post)."""
    return any(s <= mention.start and mention.end <= e for s, e in quoted) \
        and not is_given_name(mention.name.split()[0])


def is_given_name(word: str) -> bool:
    """Whether a word is a given name (one the name list knows, for either gender) or an initial ("J.")."""
    return bool(re.fullmatch(r"[A-Z]\.?", word)) or word[:1].isupper() and word.isalpha() \
        and first_names().get_gender(word) != "unknown"


def link_organisations(mentions: list[Mention]) -> list[Mention]:
    """Point a bare "Times" at "New York Times" when it is the last word of one organisation the article names."""
    full_names = {m.name for m in mentions if m.vote == "ORG" and " " in m.name}
    for mention in mentions:
        if mention.vote == "ORG" and " " not in mention.name:
            ends = [full for full in full_names if full.split()[-1] == mention.name]
            if len(ends) == 1:
                mention.name, mention.evidence = ends[0], "link"
    return mentions


def settle_types(mentions: list[Mention]) -> list[Mention]:
    """One type per canonical name in an article: the weighted vote of its mentions."""
    votes: dict[str, Counter[tuple[str, str]]] = {}
    for mention in mentions:
        votes.setdefault(mention.name, Counter())[mention.vote, mention.evidence] += 1
    for mention in mentions:
        mention.type = weighted_type(votes[mention.name])
    return mentions


def connects(doc: Doc, i: TokenIndex) -> bool:
    """A connector inside a name: "of", "for the", "on" followed by a capitalised word."""
    word = doc[i].lower_
    if word == "the" and i > 0 and doc[i - 1].lower_ in CONNECTORS:
        return i + 1 < len(doc) and capitalised(doc[i + 1])
    if word not in CONNECTORS:
        return False
    k = i + 2 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else i + 1
    return k < len(doc) and capitalised(doc[k])


def organisation_names(doc: Doc) -> list[tuple[TokenIndex, TokenIndex]]:
    """Capitalised phrases ending in an organisation noun: (first token, end token) pairs.

    "Foreign Intelligence Service", "Chicago Council on Global Affairs",
    "Institute for the Study of War": names the small model misses, splits,
    or runs into the person named after them.
    """
    heads = name_words()["org_heads"]
    found = []
    i = 0
    while i < len(doc):
        if not capitalised(doc[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and (capitalised(doc[j + 1]) or connects(doc, j + 1)):
            j += 1
        head_positions = [k for k in range(i, j + 1) if doc[k].lower_ in heads]
        if head_positions:
            first_head, last_head = head_positions[0], head_positions[-1]
            # "President of the Chicago Council": the name starts after the last connector before its head
            start = max([i] + [k + 1 for k in range(i, first_head) if not capitalised(doc[k])])
            # a head followed by "for/of (the) ..." names the rest too: "Institute for the Study of War"
            end = j + 1 if last_head < j and doc[last_head + 1].lower_ in CONNECTORS else last_head + 1
            if end - start >= 2:  # a lone "Council" names nothing
                found.append((start, end))
        i = j + 1
    return found


def possessor_split(doc: Doc, first: TokenIndex, last: TokenIndex, label: str) -> list[EntitySpan]:
    """One span, or two where an organisation's possessive runs into a person's name:
    "the Green Party's Ines Moro" and "Harbour News’ Ishra Vantoor" name a party or paper and a person."""
    for i in range(first + 1, last - 1):
        possessive = doc[i].lower_ in POSSESSIVE_TOKENS or doc[i].text in ("’", "'") and doc[i - 1].lower_[-1:] == "s"
        if possessive and (doc[i + 1].lower_ in name_words()["given_names"] or name_shaped(doc[i + 1:last])):
            return [(first, i, "ORG" if label == "PERSON" else label), (i + 1, last, "PERSON")]
    return [(first, last, label)]


def name_shaped(words: Span) -> bool:
    """Two or three capitalised words, none the head of an organisation's or a place's name: a person's name."""
    heads = name_words()["heads"] | name_words()["media_heads"]
    return 2 <= len(words) <= 3 and all(capitalised(t) and t.lower_ not in heads for t in words)


def entity_spans(doc: Doc) -> list[EntitySpan]:
    """(start token, end token, label) of named entities, with organisation names added or split off.

    An organisation name swallowed into a longer entity is split from what
    follows it ("Chicago Council on Global Affairs Ivo Daalder" -> ORG + PERSON).
    """
    spans = []
    for e in doc.ents:
        if e.label_ in NAMED_TYPES:
            spans += possessor_split(doc, e.start, e.end, e.label_)
    for start, end in organisation_names(doc):
        clashes = [s for s in spans if overlaps(start, end, s[0], s[1]) and s[2] in ("ORG", "PERSON")]
        if all(s[2] == "ORG" and start <= s[0] + (doc[s[0]].lower_ == "the") and s[1] <= end for s in clashes):
            for clash in clashes:
                spans.remove(clash)  # the model's pieces of a longer name
            spans.append((start, end, "ORG"))
            continue
        for clash in clashes:
            rest = clash[1] - end
            lead = doc[clash[0]:start]
            if all(t.is_lower for t in lead) and 2 <= rest <= 3 and all(capitalised(t) for t in doc[end:clash[1]]):
                spans.remove(clash)
                spans += [(start, end, "ORG"), (end, clash[1], "PERSON")]
    return sorted(spans)


def is_listed(name: str) -> bool:
    """Whether the word lists know a name as written: the places and gazetteer, or the aliases."""
    return name in known_types() or name.lower() in alias_table()


def part_of_a_title(doc: Doc, first: TokenIndex, last: TokenIndex) -> bool:
    """Whether the words are a title's own ("German Defence Minister"): title words, with a title after them."""
    words = doc[first:last]
    listed = is_listed(words.text)
    all_title_words = all(is_title(t.text) or t.lower_ in name_words()["title_modifiers"] for t in words)
    return all_title_words and not listed and last < len(doc) and is_title(doc[last].text)


def mention_at(doc: Doc, body: str, first: TokenIndex, last: TokenIndex, label: str) -> Mention | None:
    """The Mention for one entity span, or None when no name is left once it is cleaned."""
    if is_handle(body, doc[first:last]):
        return None
    first, last, titled = name_bounds(doc, first, last, label)
    bounds = headline_name(doc, first, last, label)
    if bounds is None:
        return None
    first, last = bounds
    span = doc[first:last]
    start, end = trim_span(body, span.start_char, span.end_char)
    text = body[start:end]
    if not any(c.isalpha() for c in text) or not any(c.isupper() or c.isdigit() for c in text):
        return None
    if no_name(text) or part_of_a_title(doc, first, last):
        return None
    headline_capitals = text.isupper() and in_capitals(body, start, end) and text.lower() not in alias_table()
    written = title_case(text) if headline_capitals else text
    name = canonical_name(written, "PERSON" if titled else label)
    vote, evidence = own_vote(span, name, label, titled)
    if vote == "PERSON" != label:
        name = canonical_name(written, vote)  # a person's name, not the plural a people is named by
    return Mention(start, end, text, name, vote, vote, evidence, title_gender(doc, first))


def no_name(text: str) -> bool:
    """Words no one is named by, whatever the model tagged: an idea, a stance, a link, markup, a plural description."""
    return bool(NOT_A_NAME.search(text) or MARKUP.search(text)) or plural_description(text)


def is_handle(body: str, span: Span) -> bool:
    """Whether a name holds or is a social-media handle ("@harbourBerg Twitter feed", "on Twitter @lundnews"): an
    account, not the name of who or what runs it."""
    return "@" in body[max(0, span.start_char - 1):span.end_char]


def plural_description(text: str) -> bool:
    """One plural word of the lexicon for people or papers ("Aides", "Authorities", "Remarks", "Ads"), which the
    model may tag at the start of a sentence or headline: a description of several, no one's name."""
    word, words = text.lower(), description_words()
    return " " not in word and word.endswith("s") and (word in words or word[:-1] in words or word[:-2] in words)


@lru_cache(maxsize=1)
def description_words() -> frozenset[str]:
    """The lexicon's words for people and papers, read once."""
    return frozenset().union(*(cue_data()[kind] for kind in DESCRIPTION_WORDS))


def title_gender(doc: Doc, first: TokenIndex) -> str | None:
    """The gender the titles before a name give ("Mr. Berg", "Ms Moro"), or None ("President Berg")."""
    words = set()
    while first > 0 and is_title(doc[first - 1].text):
        first -= 1
        words.add(doc[first].lower_.rstrip("."))
    return gender_of_words(cue_data(), words)


def find_mentions(doc: Doc, skip: Collection[CharSpan] = ()) -> list[Mention]:
    """Named-entity mentions in the Doc with canonical names and settled types, outside the ``skip`` spans."""
    body = doc_text(doc)
    found = (mention_at(doc, body, first, last, label) for first, last, label in entity_spans(doc))
    mentions = outside([mention for mention in found if mention], skip)
    return settle_types(link_organisations(link_people(with_pronoun_genders(doc, mentions), marked_in(doc))))


def with_pronoun_genders(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Give a bare surname that is its sentence's subject the gender of the "he" or "she" that opens the next
    sentence, with nobody named between ("Berg said X. She said Y."), as evidence of who it is."""
    for k, mention in enumerate(mentions):
        name = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        pronoun = None if mention.gender or " " in mention.name or name is None else pronoun_after(name.root)
        if pronoun is None or k + 1 < len(mentions) and mentions[k + 1].start < pronoun.idx:
            continue
        mention.gender = gender_of_pronoun(pronoun.lower_)
    return mentions


def pronoun_after(subject: Token) -> Token | None:
    """The "he", "she" or "his" that opens the sentence after the one ``subject`` is the subject of, which most
    often goes on with it: evidence of its gender where a name or description gives none."""
    doc = subject.doc
    if subject.dep_ != "nsubj" or subject.sent.end >= len(doc):
        return None
    opening = doc[subject.sent.end]
    return opening if gender_of_pronoun(opening.lower_) else None


def entity_for(text: str, start: CharOffset | None, end: CharOffset | None, mentions: list[Mention],
               label: str | None = None, people: Collection[str] = ()) -> tuple[str, str] | None:
    """The canonical (name, type) named at [start, end).

    A person inside the span wins ("Pentagon press secretary Pat Ryder"); then
    a mention that is the whole span; then the one person among ``people`` (the
    article's) whose surname a person's phrase is ("MORO: ..."); then a phrase
    with a name in it becomes an entity ("the Netherlands' defence ministry").
    """
    if start is None or end is None:
        return None
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    persons = [m for m in inside if m.type == "PERSON"]
    if persons:
        return persons[-1].name, "PERSON"
    start, end = trim_span(text, start, end)
    whole = [m for m in mentions if (m.start, m.end) == (start, end)]
    if whole:
        return whole[0].name, whole[0].type
    phrase = text[start:end].strip()
    if phrase == phrase.lower() or counts_nobody(phrase) or no_name(phrase) \
            or phrase.lower() in cue_data()["document_nouns"]:
        return None  # "the prime minister" unresolved, or "Poll" opening a headline: a description names nobody
    full = [name for name in people if is_surname_of(phrase, name)] if label == "PERSON" else []
    if len(full) == 1:
        return full[0], "PERSON"
    if label is None and len(inside) == 1 and len(phrase) - len(inside[0].text) <= 2:
        return inside[0].name, inside[0].type
    label = label or "ORG"
    return canonical_name(phrase, label), label


def counts_nobody(phrase: str) -> bool:
    """A count of people that opens its sentence: "Two in three", "One of her aides", "Sixty-seven percent of
    voters", "Some 20 percent"; "One Nation" is a name."""
    words = past_qualifier(phrase.split())
    return bool(words) and all(word_value(part) is not None for part in words[0].split("-")) \
        and (len(words) == 1 or words[1] == words[1].lower())


# Across the database: which entities are one thing, what type each is, why an alias is folded in.

ACRONYM_FILLERS = {"of", "for", "the", "and", "on", "in", "&"}


def fold_key(name: str) -> str:
    """What is left of a name once case, possessives, hyphens, stops and spaces are folded away."""
    key = unicodedata.normalize("NFKC", name).casefold().replace("\u2019", "'").replace("\u2018", "'")
    key = re.sub(r"'s\b|'$", "", key)
    return re.sub(r"[\W_]", "", key)


def plural_base(key: str) -> str:
    """A folded name without a final "s": "f35s" and "f35" are one weapon, "russians" and "russian" one group."""
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


def initials(name: str) -> str:
    """ "International Atomic Energy Agency" -> "IAEA"; filler words do not count."""
    return "".join(word[0].upper() for word in name.split() if word.lower() not in ACRONYM_FILLERS)


def capital_words(name: str) -> int:
    """How many words of two letters or more a name writes in capitals: "USA TODAY" 2, "USA Today" 1."""
    return sum(len(word) > 1 and word.isupper() for word in re.findall(r"[A-Za-z]+", name))


def fold_groups(entities: list[EntityRow]) -> list[list[EntityRow]]:
    """Lists of entities that are one thing because their names fold together (case, possessive,
    hyphenation, a plural). Two organisations or people named by one plain word a final "s" apart stay apart
    ("Time" is not "Times", the Bergs are a family, not Berg); an acronym's or a brand's plural is the same thing
    ("PACs", "iPhones")."""
    by_key: dict[str, list[EntityRow]] = {}
    for entity in entities:
        by_key.setdefault(fold_key(entity["name"]), []).append(entity)
    groups: dict[str, list[EntityRow]] = {}
    for key, members in sorted(by_key.items(), key=lambda item: len(item[0])):
        base = plural_base(key)
        singular_group = groups.get(base) if base != key else None
        pair = (singular_group or []) + members
        plain_words = all(" " not in e["name"] and e["name"][1:].islower() for e in pair)
        if singular_group is not None and not ({e["type"] for e in pair} <= {"ORG", "PERSON"} and plain_words):
            singular_group.extend(members)
        else:
            groups[key] = list(members)
    return list(groups.values())


def looks_like_a_person(words: list[str]) -> bool:
    """Two or three capitalised words and no head word: a name the model may have called an organisation."""
    heads = name_words()["heads"] | name_words()["media_heads"] | name_words()["event_heads"]
    return len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words) \
        and not {w.lower() for w in words} & heads


def person_and_acronym_merges(entities: list[EntityRow]) -> dict[int, int]:
    """{id: id} for a bare surname that only one person in the database has ("Putin" -> "Vladimir Putin"),
    and an acronym that only one organisation spells out ("IAEA")."""
    by_surname: dict[str, list[int]] = {}
    by_initials: dict[str, list[int]] = {}
    for entity in entities:
        words = entity["name"].split()
        if len(words) > 1 and (entity["type"] == "PERSON" or entity["type"] == "ORG" and looks_like_a_person(words)):
            by_surname.setdefault(words[-1], []).append(entity["id"])
        if entity["type"] == "ORG" and len(words) >= 2:
            by_initials.setdefault(initials(entity["name"]), []).append(entity["id"])
    merges = {}
    for entity in entities:
        name = entity["name"]
        if entity["type"] == "PERSON" and " " not in name and not name.isupper() and not is_title(name):
            matches = by_surname.get(name, [])
        elif entity["type"] == "ORG" and 3 <= len(name) <= 8 and name.isupper() and name.isalpha():
            matches = by_initials.get(name, [])
        else:
            continue
        if len(matches) == 1:
            merges[entity["id"]] = matches[0]
    return merges


def middle_name_merges(entities: list[EntityRow]) -> dict[int, int]:
    """{id: id} for a person named with and without a middle name or initial ("Anna M. Berg", "Anna Berg") where
    the database has one such fuller name: the one with fewer mentions joins the other. "George Berg" stays apart
    where both "George W. Berg" and "George H. Berg" are named."""
    people = [e for e in entities if e["type"] == "PERSON" and len(e["name"].split()) >= 2]
    fuller: dict[tuple[str, str], list[EntityRow]] = {}
    for person in people:
        if len(person["name"].split()) >= 3:
            fuller.setdefault(first_and_last(person["name"]), []).append(person)
    merges = {}
    for person in people:
        matches = fuller.get(first_and_last(person["name"]), []) if len(person["name"].split()) == 2 else []
        if len(matches) == 1:
            keep, join = sorted([person, matches[0]], key=lambda e: (-e["mentions"], e["id"]))
            merges[join["id"]] = keep["id"]
    return merges


def first_and_last(name: str) -> tuple[str, str]:
    """A person's given name and surname, without the middle names or initials between them."""
    words = name.split()
    return words[0], words[-1]


def entity_merges(entities: list[EntityRow]) -> tuple[dict[int, int], dict[int, str]]:
    """({merged id: kept id}, {kept id: new name}) for entities (dicts of id, name, type, mentions) that are one thing.

    The entity with the most mentions keeps its id (ids are never reused); it
    takes the spelling least in capitals, then the commonest, then the shortest.
    """
    merges, renames, kept = {}, {}, []
    for group in fold_groups(entities):
        keeper = min(group, key=lambda e: (-e["mentions"], e["id"]))
        best = min(group, key=lambda e: (capital_words(e["name"]), -e["mentions"], len(fold_key(e["name"])), e["id"]))
        merges.update({e["id"]: keeper["id"] for e in group if e is not keeper})
        if best["name"] != keeper["name"]:
            renames[keeper["id"]] = best["name"]
        kept.append({**keeper, "name": best["name"]})
    # a middle name first, so that a bare surname then sees one person where there was one
    for rule in (middle_name_merges, person_and_acronym_merges):
        for old, new in rule(kept).items():
            merges.update({k: new for k, v in merges.items() if v == old})
            merges[old] = new
            renames.pop(old, None)
        kept = [e for e in kept if e["id"] not in merges]
    return merges, renames


def entity_types(votes: dict[int, dict[tuple[str, str], int]]) -> dict[int, str]:
    """{entity id: type} from {entity id: {(type, evidence): mentions}}: the weighted majority across the database."""
    return {entity_id: weighted_type(Counter(counts)) for entity_id, counts in votes.items() if counts}


def alias_reason(alias: str, name: str) -> str:
    """Why a spelling written in an article is folded into the entity ``name``, in a reader's words."""
    if alias_table().get(alias.lower()) == name:
        return "alias list"
    if alias.lower() == name.lower():
        return "case"
    if fold_key(alias) == fold_key(name):
        return "hyphenation" if re.sub(r"[\s\-\u2010]", "", alias) == re.sub(r"[\s\-\u2010]", "", name) else "spelling"
    if plural_base(fold_key(alias)) == plural_base(fold_key(name)):
        return "plural"
    if len(alias.split()) < len(name.split()) and name.split()[-len(alias.split()):] == alias.split():
        return "surname"
    if len(alias.split()) > 1 and first_and_last(alias) == first_and_last(name):
        return "middle name"
    if alias.isupper() and initials(name) == alias:
        return "acronym"
    return "linked in its article"
