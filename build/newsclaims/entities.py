"""Entity mentions with canonical names: one name for one real thing.

"Kiev" and "Kyiv" are one city; "US", "U.S." and "America" one country; in an
article that names "Vladimir Putin", a bare "Putin" or "Russian President
Vladimir Putin" is the same man. Aliases live in ``data/aliases.yml``.
"""
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .nlp import load_data

NAMED_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "WEAPON"}
POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
CONNECTORS = {"of", "on", "for", "and", "&"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    name: str  # canonical
    type: str


@lru_cache(maxsize=1)
def name_words():
    """(organisation head nouns, person titles) from data/names.yml."""
    data = load_data("names.yml")
    return set(data["org_heads"]), set(data["person_titles"])


@lru_cache(maxsize=1)
def alias_table():
    """Lower-cased alias -> canonical name, from data/aliases.yml."""
    table = {}
    for canonical, aliases in load_data("aliases.yml").items():
        table[canonical.lower()] = canonical
        for alias in aliases:
            table[alias.lower()] = canonical
    return table


def trim_span(text, start, end):
    """Offsets without a leading "the" and a trailing possessive, so the mention is the name itself."""
    lead = re.match(r"(?i)the\s+", text[start:end])
    if lead and end - start > lead.end():
        start += lead.end()
    tail = POSSESSIVE.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    return start, end


def canonical_name(text, label):
    """The canonical spelling: aliases resolved, whitespace collapsed, person titles dropped."""
    name = " ".join(text.split())
    known = alias_table().get(name.lower())
    if known:
        return known
    if label == "PERSON":
        words = name.split()
        titles = name_words()[1]
        while len(words) > 1 and words[0].lower() in titles:
            words.pop(0)
        name = " ".join(words)
    return alias_table().get(name.lower(), name)


def link_people(mentions):
    """Point "Putin" at "Vladimir Putin" when the article names him in full.

    ORG mentions take part too: the small model often calls a bare surname an ORG.
    """
    full_names = sorted({m.name for m in mentions if m.type == "PERSON" and " " in m.name}, key=len, reverse=True)
    for mention in mentions:
        if mention.type not in ("PERSON", "ORG"):
            continue
        words = mention.name.split()
        for full in full_names:
            full_words = full.split()
            if len(words) < len(full_words) and full_words[-len(words):] == words:
                mention.name, mention.type = full, "PERSON"
                break
    return mentions


def settle_types(mentions):
    """One type per canonical name in an article: the most common label wins.

    The small model calls the same city GPE in one sentence and PERSON in the
    next; a user wants one row for it.
    """
    votes = {}
    for mention in mentions:
        votes.setdefault(mention.name, Counter())[mention.type] += 1
    for mention in mentions:
        mention.type = votes[mention.name].most_common(1)[0][0]
    return mentions


def capitalised(token):
    return token.is_alpha and (token.is_title or token.is_upper)


def connects(doc, i):
    """A connector inside a name: "of", "for the", "on" followed by a capitalised word."""
    word = doc[i].lower_
    if word == "the" and i > 0 and doc[i - 1].lower_ in CONNECTORS:
        return i + 1 < len(doc) and capitalised(doc[i + 1])
    if word not in CONNECTORS:
        return False
    k = i + 2 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else i + 1
    return k < len(doc) and capitalised(doc[k])


def organisation_names(doc):
    """Capitalised phrases ending in an organisation noun: (first token, end token) pairs.

    "Foreign Intelligence Service", "Chicago Council on Global Affairs",
    "Institute for the Study of War": names the small model misses, splits,
    or runs into the person named after them.
    """
    heads = name_words()[0]
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


def entity_spans(doc):
    """(start token, end token, label) of named entities, with organisation names added or split off.

    An organisation name swallowed into a longer entity is split from what
    follows it ("Chicago Council on Global Affairs Ivo Daalder" -> ORG + PERSON).
    """
    spans = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in NAMED_TYPES]
    for start, end in organisation_names(doc):
        clashes = [s for s in spans if s[0] < end and start < s[1] and s[2] in ("ORG", "PERSON")]
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


def find_mentions(doc, skip=()):
    """Named-entity mentions in the Doc with canonical names, outside the ``skip`` spans."""
    mentions = []
    body = doc.text  # Doc.text joins every token: read it once
    for first, last, label in entity_spans(doc):
        span = doc[first:last]
        start, end = trim_span(body, span.start_char, span.end_char)
        if any(s < end and start < e for s, e in skip):
            continue
        text = body[start:end]
        if not any(c.isalpha() for c in text):
            continue
        mentions.append(Mention(start, end, text, canonical_name(text, label), label))
    return settle_types(link_people(mentions))


def entity_for(text, start, end, mentions, label=None):
    """The canonical (name, type) named at [start, end).

    A person inside the span wins ("Pentagon press secretary Pat Ryder"); then
    a mention that is the whole span; then a phrase with a name in it becomes
    an entity ("the Netherlands' defence ministry").
    """
    if start is None or end is None:
        return None
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    people = [m for m in inside if m.type == "PERSON"]
    if people:
        return people[-1].name, "PERSON"
    start, end = trim_span(text, start, end)
    whole = [m for m in mentions if (m.start, m.end) == (start, end)]
    if whole:
        return whole[0].name, whole[0].type
    phrase = text[start:end].strip()
    if phrase == phrase.lower():
        return None  # "the prime minister" unresolved: a description names nobody, never make one up
    if label is None and len(inside) == 1 and len(phrase) - len(inside[0].text) <= 2:
        return inside[0].name, inside[0].type
    label = label or "ORG"
    return canonical_name(phrase, label), label
