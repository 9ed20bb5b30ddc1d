"""Who a source phrase names: pronouns, descriptions and titles resolved to a mention.

"he" and "she" go to the last person of a matching gender (from titles and
first names), "they" and "it" to the organisation or group last named, and
descriptions ("the ministry", "the NATO secretary general") to the fuller
mention the article gave earlier. Word lists live in data/cues.yml.
"""
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import Any, TypeAlias

from spacy.tokens import Doc, Span, Token

from .entities import (
    first_name_gender,
    gender_of_pronoun,
    gender_of_words,
    has_org_head,
    in_title_case_line,
    inverted_cue,
    name_words,
    possessor_split,
    pronoun_after,
)
from .lexicon import cue_data, may_report
from .nlp import doc_text
from .offsets import CharOffset, CharSpan, TokenIndex
from .spans import SpanIndex
from .text import is_dash, line_bounds

SUBJECTS = ("nsubj",)
# The lexicon's lists of nouns that name people or bodies, and those that name what they issue.
PEOPLE_NOUNS = ("person_nouns", "title_words", "representative_nouns", "government_nouns", "org_nouns")
DOCUMENT_NOUNS = ("document_nouns", "reporting_nouns")
# Entity labels that never name a source.
NO_SOURCE = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}

# (start, end, label) of the mention a source phrase names; label is None for a named entity,
# else the PERSON or ORG hint for a description.
Source: TypeAlias = tuple[CharOffset, CharOffset, str | None]
# A person mention: its span, whether it is a subject, its title words, and its gender or None.
Person: TypeAlias = tuple[Span, bool, set[str], str | None]


class Context:
    """One Doc with its quoted spans, entities and people, shared by every lookup."""

    def __init__(self, doc: Doc, marked: list[CharSpan]) -> None:
        self.doc, self.text, self.marked = doc, doc_text(doc), marked
        self.data = cue_data()
        self.starts = [s for s, _ in marked]
        self.ent_of = {t.i: ent for ent in doc.ents for t in ent}
        everyone: list[Person] = [(p, is_subject(p), titles, gender_of(self.data, p, titles))
                                  for p, titles in ((p, title_words(p)) for p in person_mentions(doc, self.data))]
        everyone = with_family_genders(everyone, self.data)  # names quoted in full count too
        self.surnames = {p[-1].lower_ for p, _, _, _ in everyone}
        people = [p for p, _, _, _ in everyone if not self.in_quote(p.start_char)]
        self.person_at = {t.i: p for p in people for t in p}
        self.people = [row for row in everyone if not self.in_quote(row[0].start_char) and stands_alone(row[0])]

    def in_quote(self, i: CharOffset) -> bool:
        """Whether char offset i lies between quotation marks."""
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and self.marked[k][0] <= i < self.marked[k][1]

    def quoted_share(self, start: CharOffset, end: CharOffset) -> float:
        """The share of [start, end) that lies between quotation marks."""
        inside = sum(min(e, end) - max(s, start)
                     for s, e in (self.marked[i] for i in self.quoted.overlapping(start, end)))
        return inside / max(1, end - start)

    def within_quote(self, start: CharOffset, end: CharOffset) -> bool:
        """Whether [start, end) lies inside one pair of quotation marks."""
        return any(self.marked[i][0] <= start and end <= self.marked[i][1] for i in self.quoted.overlapping(start, end))

    @cached_property
    def quoted(self) -> SpanIndex:
        return SpanIndex(self.marked)

    @cached_property
    def organisations(self) -> list[tuple[CharOffset, CharOffset]]:
        """(end, start) of each organisation named outside quotation marks, in order: what "the company" may mean."""
        return sorted((ent.end_char, ent.start_char) for ent in self.doc.ents if ent.label_ == "ORG"
                      and not self.in_quote(ent.start_char) and ent.start not in self.person_at)

    @cached_property
    def token_positions(self) -> dict[str, list[TokenIndex]]:
        """Lower-cased word -> the indices of its tokens, in order."""
        positions: dict[str, list[TokenIndex]] = {}
        for tok in self.doc:
            positions.setdefault(tok.lower_, []).append(tok.i)
        return positions


def person_mentions(doc: Doc, data: dict[str, Any]) -> list[Span]:
    """PERSON entities, plus names the model left unlabelled.

    The small model often tags a full name once and misses the bare surname
    later ("Stoltenberg said"), misses a name entirely or calls it an
    organisation; a surname of a known person, a two-word proper name as a
    subject, or a known first name with a surname is a person too.
    """
    taken = {t.i for e in doc.ents for t in e}
    # "Fox Radio's Ines Moro": the person after an organisation's possessive the model ran into one name
    pieces = [(doc[a:b], label) for e in doc.ents for a, b, label in possessor_split(doc, e.start, e.end, e.label_)]
    people = [with_given_names(doc, e[1:] if len(e) > 1 and inverted_cue(e[0]) else e, taken, data)
              for e, label in pieces if (label == "PERSON" or is_full_name(e)) and not has_org_head(e)]
    surnames = {e[-1].text for e in people if len(e) > 1}
    # a bare name that reports speech ("Daalder added") is a person's surname
    surnames |= {t.text for t in doc if t.pos_ == "PROPN" and t.dep_ in SUBJECTS and t.i not in taken
                 and t.head.lower_ in data["verb_forms"] and t.text[:1].isupper() and not t.text.isupper()}
    own = {t.i for e in people for t in e}
    for tok in doc:
        known = tok.text in surnames and tok.text[:1].isupper()  # "Waters tweeted": the parser's noun is a surname
        if tok.i in own or (tok.pos_ != "PROPN" and not known) or tok.dep_ == "compound" \
                and not read_as_plural_noun(tok.head):
            continue
        if tok.i in taken and tok.text not in surnames:
            continue  # another entity; but a known surname the model mislabelled is still the person
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                and (start - 1 not in taken or tok.text in surnames) \
                and doc[start - 1].lower_ not in data["title_words"]:
            start -= 1
        named = tok.text in surnames or (tok.dep_ in SUBJECTS and (start < tok.i or first_name_gender(tok.text)))
        if named and tok.lower_ not in data["org_nouns"]:
            people.append(doc[start:tok.i + 1])
    # the name without its possessive: "Berg's" is Berg, of the gender of "Anna Berg"
    return sorted((p[:-1] if len(p) > 1 and p[-1].tag_ == "POS" else p for p in people), key=lambda p: p.start)


def read_as_plural_noun(tok: Token) -> bool:
    """A verb in -s the tagger read as a plural noun heading the sentence, the name before it as its compound, a
    clause after it: "Olsen charges that ..."."""
    return tok.tag_ == "NNS" and tok.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in tok.children) \
        and any(c.dep_ == "compound" and c.i == tok.i - 1 and c.text[:1].isupper() for c in tok.children)


def with_family_genders(people: list[Person], data: dict[str, Any]) -> list[Person]:
    """A bare surname ("Berg said") takes the gender of the full names it shortens; one with a title keeps the
    title's ("Mrs. Berg")."""
    by_surname: dict[str, Counter[str]] = {}
    for person, _, _, gender in people:
        if gender and len(person) > 1 and person.root.dep_ != "poss":  # not "Ivar Berg's shipyard"
            by_surname.setdefault(person[-1].text, Counter())[gender] += 1
    return [(p, subj, titles, gender if gender_of_words(data, titles) else family_gender(by_surname, p, gender))
            for p, subj, titles, gender in people]


def family_gender(by_surname: dict[str, Counter[str]], person: Span, gender: str | None) -> str | None:
    """The gender of a bare surname from its full names: "Morgan" is no given name when "Laura Morgan" is near.
    Where the family has both, the one named more often in full as who acts; neither, when they are named as
    often."""
    if len(person) > 1 or person[-1].text not in by_surname:
        return gender
    counts = by_surname[person[-1].text].most_common()
    return counts[0][0] if len(counts) == 1 or counts[0][1] > counts[1][1] else None


def with_given_names(doc: Doc, person: Span, taken: set[TokenIndex], data: dict[str, Any]) -> Span:
    """A person's span widened over the given names the model left out: "Mr [Piotr] Nowak"."""
    not_given_names = data["title_words"] + data["female_words"] + data["male_words"]
    start = person.start
    while start > 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" \
            and doc[start - 1].dep_ == "compound" and doc[start - 1].lower_.rstrip(".") not in not_given_names:
        start -= 1
    return doc[start:person.end] if start < person.start else person


def resolve(ctx: Context, head: Token, pos: CharOffset) -> Source | None:
    """(start, end, label) of the mention that names the phrase headed by ``head``.

    label is None when the span is (or holds) a named entity, else the
    PERSON/ORG hint for a descriptive phrase such as "defence ministry".
    """
    low, data = head.lower_, ctx.data
    if low in data["person_pronouns"]:
        return subject_ahead(ctx, head) or last_person(ctx, pos, gender_of_pronoun(low), pronoun=True)
    if low in data["relative_pronouns"] and head.head.dep_ == "relcl":
        antecedent = head.head.head
        people = ctx.doc[antecedent.head.i - 1] if antecedent.dep_ == "pobj" and antecedent.head.i \
            and antecedent.head.lower_ in ("in", "on", "at", "from") else None
        if low == "who" and people is not None and (people.ent_type_ == "NORP" or people.tag_ in ("NNS", "NNPS")):
            antecedent = people  # "Republicans in Ohio, who": the people before the place, however parsed
        return resolve(ctx, antecedent, pos)
    if low in data["group_pronouns"]:
        reporters = reporting_subject(ctx, head)
        plural = low in ("they", "them", "their")
        return last_group(ctx, pos, plural) if reporters is None else resolve(ctx, reporters, pos)
    person = ctx.person_at.get(head.i)
    if person is not None:
        return person_span(ctx, person)
    ent = ctx.ent_of.get(head.i)
    # the name in apposition, which the parser may hang on the last noun before it: "his friend from Lund, Piet
    # Olsen", "LUND -- Mayor Berg"; an organisation's apposition only describes it ("Vellco, a firm Olsen founded")
    phrases = [o for c in head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    apposed = [c for h in [head] + phrases for c in h.children if c.dep_ == "appos"]
    apposed += [c for a in apposed for c in a.children if c.dep_ == "appos"]  # "one rider, her brother Ivar Berg"
    if head.dep_ in SUBJECTS and head.head.i < head.i and ent is None:
        # "wrote the ambassador at the time, Tomas Berg": the parser hung the name on the verb before its subject
        apposed += [c for c in head.head.children if c.i > head.i and c.i in ctx.person_at
                    and ctx.doc[c.left_edge.i - 1].text == ","]
    named = None if ent is not None and ent.label_ == "ORG" else person_in(apposed, ctx)
    if ent is None and not named and named_word(head) and apposed \
            and not any(c.lower_ in data["org_nouns"] for c in apposed):
        return noun_phrase(head, "PERSON")  # "Halvorsen, a Moro ally": a name the model missed, described as someone
    lefts = list(ctx.doc[head.left_edge.i:head.i])
    named = named or person_in(lefts, ctx)
    if named:
        return named
    example = named_example(ctx, head)
    if ent is None and example is not None:
        return resolve(ctx, example, pos)  # "critics like Olsen", "groups, including the Harbour Union"
    if ent is not None and not any(t.text[:1].isupper() for t in ent if t.dep_ != "det"):
        ent = None  # the small model's "the defence ministry" is a description: find whose
    if ent is not None and ent.label_ == "NORP" and one_member(head):
        # "the Ohio Republican" is the person in view, "a Texas Democrat" someone unnamed: not the party
        return last_person(ctx, pos, gender_of_words(data, {t.lower_ for t in lefts}),
                           others=subjects_above(ctx, head)) if definite(lefts) else None
    if ent is not None:
        return ent.start_char, ent.end_char, None
    return describe(ctx, head, lefts, pos)


def reporting_subject(ctx: Context, pronoun: Token) -> Token | None:
    """The plural subject of the verb that reports the clause "they" opens: in "Harbour workers said they believe
    ...", they are the workers, whoever was named last."""
    clause = pronoun.head
    if pronoun.lower_ != "they" or pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp" \
            or clause.head.lower_ not in ctx.data["verb_forms"]:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.tag_ in ("NNS", "NNPS") else None


def named_example(ctx: Context, head: Token) -> Token | None:
    """The named member a group is given by: "experts like [Moravec]", "groups, including [the Harbour Union]";
    the group speaks through the one it names."""
    if head.tag_ != "NNS":
        return None
    return next((o for c in head.children if c.dep_ == "prep" and c.lower_ in ("like", "including")
                 for o in c.children if o.dep_ == "pobj" and (o.i in ctx.person_at or o.i in ctx.ent_of
                                                              and ctx.ent_of[o.i].label_ not in NO_SOURCE)), None)


def subject_ahead(ctx: Context, pronoun: Token) -> Source | None:
    """The person a possessive in a fronted phrase looks ahead to: "In his speech, [Nowak] praised Berg"."""
    phrase = pronoun.head.head if pronoun.dep_ == "poss" and pronoun.head.dep_ == "pobj" else None
    if phrase is None or phrase.dep_ != "prep" or phrase.head.i < phrase.i:
        return None
    subject = next((c for c in phrase.head.children if c.dep_ in SUBJECTS and c.i > phrase.i), None)
    person = ctx.person_at.get(subject.i) if subject is not None else None
    if person is None or not gender_fits(ctx, person.start_char, gender_of_pronoun(pronoun.lower_)):
        return None
    return person_span(ctx, person)


def with_entity(ctx: Context, head: Token, phrase: Source) -> Source:
    """A noun phrase widened to cover the whole named entity its head belongs to."""
    start, end, label = phrase
    ent = ctx.ent_of.get(head.i)
    if ent is None:
        return phrase
    return min(start, ent.start_char), max(end, ent.end_char), None


def person_in(tokens: Iterable[Token], ctx: Context) -> Source | None:
    """The span of the last PERSON entity among tokens, or None."""
    people = [ctx.person_at[t.i] for t in tokens if t.i in ctx.person_at]
    if not people:
        return None
    return person_span(ctx, people[-1])


def person_span(ctx: Context, person: Span) -> Source:
    """(start, end, label) for a person mention; the PERSON hint when it is no entity."""
    return person.start_char, person.end_char, None if person.start in ctx.ent_of else "PERSON"


def describe(ctx: Context, head: Token, lefts: list[Token], pos: CharOffset) -> Source | None:
    """A speaker given by description: a document, an organisation or a title."""
    data, low = ctx.data, head.lower_
    boss = employer_of(data, head)
    if boss is not None:
        found = resolve(ctx, boss, pos)
        if found:
            return found  # "her advisers", "aides to Mr. Nowak": whoever they work for
    if low in data["document_nouns"]:
        issuer = issuer_of(ctx, head, lefts)
        if issuer is not None:
            return issuer
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None:
            return resolve(ctx, owner, pos)  # "the party's complaint": whoever the party is
        maker = proper_run(lefts)
        if maker is not None:
            return maker  # "a Ledger-KVN News survey": a maker the model did not tag
        if lefts and lefts[0].lower_ in ("the", "this", "that"):
            # "the poll" is the poll the article named with its maker: "a Vellmark poll"
            earlier = (t for t in reversed(ctx.doc[:head.i]) if t.lower_ == low and not ctx.in_quote(t.idx))
            found = next(filter(None, (issuer_of(ctx, t, list(ctx.doc[t.left_edge.i:t.i])) for t in earlier)), None)
            if found is not None:
                return found
        org = [t for t in lefts if t.lower_ in data["org_nouns"]]
        if org:
            return describe(ctx, org[-1], list(ctx.doc[org[-1].left_edge.i:org[-1].i]), pos)
        verb = issuing_verb(head)
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.i != head.i and not may_report(verb.text, "disputes"):
            return resolve(ctx, subject, pos)  # "the council issued a statement": the council; not "denied a report"
    words = description_words(lefts, head)
    specific = any(t.dep_ not in ("det", "punct") for t in lefts)
    if member_noun(data, low) or low in data["government_nouns"]:
        employer = organisation_of(ctx, head)
        if employer:
            return employer  # "analysts at the International Institute for Strategic Studies"
        body = next((t for t in reversed(lefts) if t.dep_ == "compound" and t.lower_ in data["org_nouns"]), None)
        if body is not None and head.tag_ == "NNS":
            # "campaign officials", "party leaders": the campaign or party in view speaks through them
            return describe(ctx, body, [t for t in lefts if t.i < body.i], pos)
    if low in data["org_nouns"]:
        if any(t.text[:1].isupper() for t in lefts if t.dep_ not in ("det", "punct")):
            return noun_phrase(head, "ORG")
        # "the ministry" or "the air force": the fuller phrase named earlier, if any; else the organisation last named
        modifiers = {t.lower_ for t in lefts if t.dep_ not in ("det", "punct")}
        return earlier_phrase(ctx, head, pos, modifiers) or (definite(lefts) and last_organisation(ctx, pos)) \
            or noun_phrase(head, "ORG")
    if low in data["title_words"]:
        if lefts and lefts[0].lower_ in ("a", "an"):
            # "a senior official" is someone new: the one the next sentence names with that title, if any ("a top
            # US general has said. General ...")
            following = head.doc[head.sent.end].sent if head.sent.end < len(head.doc) else head.sent
            return person_by_title(ctx, words, low, pos, until=following.end_char)
        # "the official" is nobody we can name; "the former minister of transport" is the person in view, "the Kyiv
        # regional governor" one office
        named = any(t.pos_ == "PROPN" or t.i in ctx.ent_of for t in lefts)
        # but the office of a body it names is someone else's ("the deputy head of China's delegation"), unlike a
        # title's own "of" ("the former minister of Transport")
        elsewhere = any(o.dep_ == "pobj" and any(d.dep_ in ("det", "poss") for d in o.children)
                        for c in head.rights if c.dep_ == "prep" for o in c.children) \
            or any(t.dep_ == "poss" for t in lefts)
        return person_by_title(ctx, words, low, pos) or (noun_phrase(head, "PERSON") if named else None) \
            or (last_person(ctx, pos, description_gender(ctx, head, words), others=subjects_above(ctx, head))
                if definite(lefts) and specific and not elsewhere else None)
    if definite(lefts) and (low in data["person_nouns"] or low in data["role_nouns"] and specific):
        # "the Liberal nominee", "the businessman": the person in view, never a woman for "the businessman"
        return last_person(ctx, pos, description_gender(ctx, head, words), others=subjects_above(ctx, head))
    if definite(lefts) and head.tag_ == "NN" and not any(c.dep_ == "prep" for c in head.rights):
        called = person_called(ctx, low, pos)
        if called is not None:
            return called  # "the judge": the person the article calls a judge ("the city of X" is no title)
    if named_word(head):
        return noun_phrase(head, "ORG")
    spoken = low in data["reporting_nouns"]
    owner = next((c for c in head.children if c.dep_ == "poss" and (c.ent_type_ == "ORG" or spoken)), None)
    if owner is not None:
        # "the Ledger's polling unit", "the party's platform": the body it belongs to; "his remarks": the speaker's
        return resolve(ctx, owner, pos)
    return None  # "reports", "the items": things, not speakers


def description_gender(ctx: Context, head: Token, words: set[str]) -> str | None:
    """The gender a description of a person gives ("the businessman"), else that of the "he" or "she" opening the
    next sentence with nobody named between ("The nominee proposes ... He also wants ...")."""
    gender = gender_of_words(ctx.data, words)
    pronoun = None if gender else pronoun_after(head)
    if pronoun is None or any(head.idx < person.start_char < pronoun.idx for person, *_ in ctx.people):
        return gender
    return gender_of_pronoun(pronoun.lower_)


def issuer_of(ctx: Context, head: Token, lefts: list[Token]) -> Source | None:
    """The named maker of a document: "a Kremlin readout", "a study by the Loyola Law School", "data from the
    bureau"."""
    own = [(c, o) for c in head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    makers = [o for c, o in own if c.lower_ in ("by", "from", "of")]
    # "research conducted by the Harbour Institute" or "for the Agency", "a study that appeared in the Journal",
    # "an article in the Herald", "a lawsuit filed by Anna Berg"
    clauses = [(c, o) for clause in head.children if clause.dep_ in ("acl", "relcl", "amod") for c in clause.children
               if c.dep_ in ("agent", "prep") for o in c.children if o.dep_ == "pobj"]
    # "a survey of 850 riders carried out by X": the parser hangs the maker's clause on what the document is of
    clauses += [(c, o) for p, inner in own if p.lower_ == "of" for clause in inner.children if clause.dep_ == "acl"
                for c in clause.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    # "a speech Anna Berg gave": the subject of a relative clause
    clauses += [(c, c) for clause in head.children if clause.dep_ == "relcl" for c in clause.children
                if c.dep_ in SUBJECTS]
    makers += [o for c, o in clauses + own
               if (c.dep_ in ("agent",) + SUBJECTS or c.lower_ in ("by", "in", "for", "from"))
               and ctx.ent_of.get(o.i) is not None and ctx.ent_of[o.i].label_ in ("ORG", "PERSON")]
    issuers = [ctx.ent_of[t.i] for t in lefts if t.i in ctx.ent_of and ctx.ent_of[t.i].label_ not in NO_SOURCE] or [
        ctx.ent_of[t.i] for o in makers for t in o.doc[o.left_edge.i:o.i + 1]
        if t.i in ctx.ent_of and ctx.ent_of[t.i].label_ not in NO_SOURCE]
    if issuers:
        return named_run(issuers[-1], head)
    # "results of exit polls conducted by X", "the average of polls compiled by X": the inner document's maker
    inner = (o for o in makers if o.lower_ in ctx.data["document_nouns"] and o.head.lower_ == "of")
    found = next(filter(None, (issuer_of(ctx, o, list(o.doc[o.left_edge.i:o.i])) for o in inner)), None)
    if found:
        return found
    # "data from the 2014 Vellmark Household Survey", "an article in FactTally": a maker the model did not tag is its
    # proper nouns
    untagged = next((o for o in makers + [o for c, o in own if c.lower_ == "in"] if named_word(o) and not o.ent_type_),
                    None)
    if untagged is not None:
        return proper_run(list(head.doc[untagged.left_edge.i:untagged.i + 1]))
    # "a study by economists at Lund University", "figures her campaign filed", "a letter she sent": a maker
    # given by description or as "he" or "she"
    described = [o for c, o in clauses + own if (o.pos_ == "NOUN" or o.lower_ in ctx.data["person_pronouns"])
                 and (c.dep_ in ("agent",) + SUBJECTS or c.lower_ in ("by", "from"))]
    return next(filter(None, (resolve(ctx, o, o.idx) for o in described)), None)


def issuing_verb(document: Token) -> Token:
    """The verb whose subject made a document: "[issued] a statement", "[fired off] a string of tweets", "In a
    statement, Berg [was] blunt"."""
    if document.dep_ == "pobj" and document.head.lower_ == "in":
        return document.head.head
    if document.dep_ == "pobj" and document.head.lower_ == "of" and document.head.head.dep_ == "dobj":
        return document.head.head.head
    return document.head if document.dep_ == "dobj" else document


def named_run(ent: Span, head: Token) -> Source:
    """An entity before a document noun, widened over the untagged names that follow it: the model's "USA" in
    "a Canada NOW review" is the paper."""
    end = ent.end
    while end < head.i and named_word(head.doc[end]) and not head.doc[end].ent_type_:
        end += 1
    if end == ent.end:
        return ent.start_char, ent.end_char, None
    return ent.start_char, head.doc[end - 1].idx + len(head.doc[end - 1]), "ORG"


def proper_run(lefts: list[Token]) -> Source | None:
    """(start, end, "ORG") of the proper nouns that run up to a document noun, joined by hyphens or slashes,
    none of them in an entity (a tagged maker is issuer_of's; "a Monday poll" names none)."""
    run: list[Token] = []
    for tok in reversed(lefts):
        if tok.ent_type_:
            break
        if named_word(tok) or run and tok.text in ("-", "/", "&") and tok.whitespace_ == "":
            run.insert(0, tok)
        elif run:
            break
    while run and not named_word(run[0]):
        run = run[1:]
    return (run[0].idx, run[-1].idx + len(run[-1]), "ORG") if run else None


def named_word(tok: Token) -> bool:
    """A proper noun, or an acronym or a word with capitals inside that the tagger calls a noun ("an ICE
    spokeswoman", "according to ClearVotePolitics")."""
    letters = re.sub(r"[’'.-]", "", tok.text)  # "D’Arcy", "Data-X"
    return tok.pos_ == "PROPN" or letters.isalpha() and len(letters) > 1 and (
        letters.isupper() or letters[0].isupper() and any(c.isupper() for c in letters[1:]))


def employer_of(data: dict[str, Any], head: Token) -> Token | None:
    """Whom a representative ("her advisers", "a spokesman for Anna Berg", "lawyers with the Harbour Union") works
    for, or None."""
    if not one_or_more(head.lower_, data["representative_nouns"]):
        return None
    owners = [c for c in head.children if c.dep_ == "poss"]
    owners += [o for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "to", "of", "with", "at")
               for o in c.children if o.dep_ == "pobj"]
    return owners[0] if owners else None


def member_noun(data: dict[str, Any], word: str) -> bool:
    """Whether a word names people who speak for where they work: "official(s)", "analysts"."""
    return one_or_more(word, data["title_words"])


def may_speak(noun: Token) -> bool:
    """Whether a noun can say something: a name, a document, a body, or someone by role ("the mayor", "aides")."""
    return may_be_someone(noun) or any(one_or_more(noun.lower_, cue_data()[words]) for words in DOCUMENT_NOUNS)


def may_be_someone(noun: Token) -> bool:
    """Whether a noun can name who acts: a name, a body, or someone by role; not a document or a thing."""
    return bool(noun.ent_type_) or any(one_or_more(noun.lower_, cue_data()[words]) for words in PEOPLE_NOUNS)


def may_be_one_person(noun: Token) -> bool:
    """Whether a noun can be "he" or "she": someone named or by role ("Berg's lawyer"), not a body or several
    ("Berg's campaign", "her aides"), whose owner a later "he" or "she" means."""
    data = cue_data()
    if noun.tag_ in ("NNS", "NNPS"):
        return False
    if noun.ent_type_ not in ("", "ORG", "NORP"):
        return True
    return not one_or_more(noun.lower_, data["org_nouns"]) \
        and any(one_or_more(noun.lower_, data[words]) for words in PEOPLE_NOUNS)


def one_or_more(word: str, words: list[str]) -> bool:
    """Whether ``word`` is one of ``words`` or its plural in -s: "aide", "aides"."""
    return word in words or (word.endswith("s") and word[:-1] in words)


def description_words(lefts: list[Token], head: Token) -> set[str]:
    """The lower-case words of a description but its article: "the former first lady" -> former, first, lady."""
    return {t.lower_ for t in lefts + [head] if t.dep_ != "det"}


def definite(lefts: list[Token]) -> bool:
    """Whether a noun phrase opens with "the" or "this": a description of someone in view."""
    return bool(lefts) and lefts[0].lower_ in ("the", "this")


def organisation_of(ctx: Context, head: Token) -> Source | None:
    """The named organisation in "<people> at|from|with|for <ORG>" or "<ORG> <people>", the nation or party of
    "<NORP> <people>", or None.

    Officials in or from a place speak for its government, as the place itself does: "officials in Kyiv", "U.S.
    officials", "the city of Lund".
    """
    governs = head.lower_ in ctx.data["government_nouns"]
    modifier = named_modifier(ctx, head)
    # "Saudi officials", "Republican senators": people of a nation or party speak as its members; one of them
    # ("the Russian leader") is a person the article names
    if modifier is not None and (modifier.label_ == "ORG" or modifier.label_ == "GPE" and governs
                                 or modifier.label_ == "NORP" and head.tag_ == "NNS"):
        return modifier.start_char, modifier.end_char, None
    preps = ("at", "from", "with", "for", "in", "of")
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = ctx.ent_of.get(obj.i)
            if ent is None:
                continue
            # "analysts at the Institute"; "of" a body only for those who govern it ("the city of Bergen")
            body = ent.label_ == "ORG" and prep.lower_ != "in" and (prep.lower_ != "of" or governs)
            if body or ent.label_ == "GPE" and governs:
                return ent.start_char, ent.end_char, None
    return None


def named_modifier(ctx: Context, head: Token) -> Span | None:
    """The entity that modifies a noun, across the plain nouns between: "NATO officials", "U.S. intelligence
    officials"; none across a title ("the UN secretary general" is one person) and none for those who have left
    ("former Vellco officials")."""
    if any(t.lower_ == "former" for t in head.lefts):
        return None
    for tok in reversed(head.doc[head.left_edge.i:head.i]):
        if tok.i in ctx.ent_of:
            return ctx.ent_of[tok.i]
        if tok.dep_ != "compound" or tok.pos_ != "NOUN" or one_or_more(tok.lower_, ctx.data["title_words"]):
            return None
    return None


def noun_phrase(head: Token, label: str) -> Source:
    """The head and its modifiers, without a leading article: "Netherlands’ defence ministry"."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].dep_ in ("det", "punct") or doc[start].is_punct):
        start += 1
    return doc[start].idx, head.idx + len(head.text), label


# "the ministry" looks back over this many earlier uses of "ministry" at most: a description means a
# phrase the reader has just seen, and a long article must not cost the square of its length.
LOOKBACK = 50


def earlier_phrase(ctx: Context, head: Token, pos: CharOffset, modifiers: set[str] | frozenset[str] = frozenset()
                   ) -> Source | None:
    """The last fuller phrase or named organisation with the same head noun: "the ministry" -> "the Netherlands’
    defence ministry"."""
    positions = ctx.token_positions[head.lower_]
    before = bisect_left(positions, head.i)
    for i in reversed(positions[max(0, before - LOOKBACK):before]):
        tok = ctx.doc[i]
        if tok.idx >= pos or ctx.in_quote(tok.idx):
            continue
        ent = ctx.ent_of.get(tok.i)
        if ent is not None and ent.label_ != "ORG":
            continue
        lefts = ctx.doc[tok.left_edge.i:tok.i]
        words = {t.lower_ for t in lefts} | ({t.lower_ for t in ent} if ent is not None else set())
        fuller = any(t.dep_ not in ("det", "punct") and t.lower_ not in modifiers for t in lefts)
        if modifiers <= words and (fuller or ent is not None):
            # "the institute" -> "Kiel Institute for the World Economy"; "the air force" -> "Ukraine's air force"
            return with_entity(ctx, tok, noun_phrase(tok, "ORG"))
    return None


def one_member(head: Token) -> bool:
    """Whether a group's name is used for one of its members: "the Republican", "one senior Democrat"."""
    return head.tag_ in ("NN", "NNP") and any(c.dep_ in ("det", "nummod") for c in head.children)


def stands_alone(person: Span) -> bool:
    """Whether a mention is the person, not a word about something of theirs: "Berg's plan", "the Berg campaign".

    Only such a mention can be what a later "he" or "she" means.
    """
    root = person.root
    return root.dep_ != "poss" and not (root.dep_ == "compound" and root.head.pos_ == "NOUN") \
        or owns_the_subject(person)


def owns_the_subject(person: Span) -> bool:
    """Whether a person is named as the owner of a thing that is their sentence's subject: "Berg's lawsuit demands
    ...", "Berg's office denied ...", whose "he" is Berg; not of someone who speaks ("Berg's lawyer said he ...")
    nor in a clause a sentence reports ("Moro said Berg's plan was vague. She ...")."""
    root, data = person.root, cue_data()
    thing = root.head
    main = thing.sent.root
    reported = any(c.dep_ == "parataxis" and c.lower_ in data["verb_forms"] for c in main.children)  # ", Olsen said,"
    return root.dep_ == "poss" and thing.dep_ in ("nsubj", "nsubjpass") and thing.head == main and not reported \
        and not may_be_one_person(thing)


def is_subject(ent: Span) -> bool:
    """Whether a PERSON mention is the subject of its clause (a likely antecedent), not its possessor: the
    parser reads "Moss’ plan" as a noun modifier of the plan."""
    node = ent.root
    if owns_the_subject(ent) or node.dep_ == "attr" and any(c.dep_ == "expl" for c in node.head.children):
        return True  # "Then there's Olsen.": who the story turns to
    if node.dep_ == "nmod" and ent.end < len(ent.doc) and ent.doc[ent.end].text in ("’", "'"):
        return False
    for _ in range(6):  # the subject itself, or named inside the subject phrase
        if node.dep_ in ("nsubj", "nsubjpass") or node.dep_ == "compound" and node.head.pos_ == "VERB" \
                and node.head.i > node.i:  # the parser's "[Lind] bristles at ...": a name compounded with a verb
            return True
        if node.dep_ not in ("appos", "pobj", "prep", "compound", "conj", "nmod") or node.head.i == node.i:
            break
        node = node.head
    root = ent.root
    return any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children)
               for c in root.children)


def title_words(ent: Span) -> set[str]:
    """Lower-case words that describe a person: their title and appositive, honorifics spelled out.

    A possessor in them is someone else: "her husband, Bill" says nothing of Bill's gender.
    """
    root = ent.root
    tokens = list(ent) + list(ent.doc[root.left_edge.i:ent.start])
    tokens += [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    if root.dep_ == "appos":
        tokens += list(root.head.subtree)[: root.head.right_edge.i - root.head.left_edge.i]
    others = {t.i for owner in tokens if owner.dep_ == "poss" for t in owner.subtree}
    words = {t.lower_.rstrip(".") for t in tokens if t.i not in others}  # "Mrs." is "mrs", as the word lists spell it
    spelled_out = name_words()["honorific_titles"]
    return words | {spelled_out[w] for w in words if w in spelled_out}  # "Sen." is a senator


def person_called(ctx: Context, word: str, pos: CharOffset) -> Source | None:
    """The last person before ``pos`` the article calls ``word`` right beside their name: "Judge Anna Berg",
    "Berg, the judge"."""
    for ent, _, _, _ in reversed(ctx.people):
        root = ent.root
        beside = [t.lower_ for t in ent.doc[min(root.left_edge.i, ent.start):ent.end - 1]]
        beside += [c.lower_ for c in root.children if c.dep_ == "appos"]
        beside += [root.head.lower_] if root.dep_ == "appos" else []
        if ent.end_char <= pos and word in beside:
            return person_span(ctx, ent)
    return None


def person_by_title(ctx: Context, words: set[str], head_word: str, pos: CharOffset,
                    until: CharOffset | None = None) -> Source | None:
    """The person last described with this title ("the NATO secretary general").

    The best overlap of title words wins, the latest one before ``pos``, never a lesser office ("the president" is
    not the vice president);
    a description may also come first ("a top US general ... General X"), and an indefinite one must, named
    before ``until``.
    """
    lesser = name_words()["lesser_office_words"]
    fits = [(len(words & titles), ent) for ent, _, titles, _ in ctx.people if head_word in titles
            and not (titles & lesser) - words and (until is None or pos < ent.start_char < until)]
    before = [f for f in fits if f[1].end_char <= pos]
    pool = before or [f for f in fits if f[1].start_char > pos][:1]
    if not pool:
        return None
    best = max(score for score, _ in pool)
    return person_span(ctx, [e for score, e in pool if score == best][-1 if before else 0])


def is_full_name(ent: Span) -> bool:
    """A two- or three-word proper name opening with a first name, whatever the model's label.

    Places stay places ("Virginia Beach"); the small model's organisation
    "Olena Kovalenko" is a person.
    """
    return ent.label_ not in ("GPE", "LOC", "DATE", "TIME") and 2 <= len(ent) <= 3 \
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent) \
        and first_name_gender(ent[0].text) is not None \
        and not any(t.lower_ in cue_data()["org_nouns"] for t in ent)  # "Christopher Newport University"


def gender_of(data: dict[str, Any], person: Span, titles: set[str]) -> str | None:
    """A person's gender from their titles ("Ms", "spokesman"), else from their first name, or None."""
    titled = gender_of_words(data, titles)
    if titled:
        return titled
    given = [first_name_gender(t.text) for t in (person[:-1] if len(person) > 1 else person)
             if t.lower_ not in data["title_words"]]
    return next((g for g in given if g), None)


def last_person(ctx: Context, pos: CharOffset, gender: str | None = None, depth: int = 0,
                pronoun: bool = False, others: frozenset[str] = frozenset()) -> Source | None:
    """The person "he" or "she" (``pronoun``), or a description ("the nominee") at ``pos`` most likely means.

    "she" never means a man, nor "he" a woman. The last PERSON of a
    compatible gender that was the subject of a clause
    before pos; else the last person mentioned; else (a lead that quotes
    first) the first subject after. A pronoun goes on with a person described
    as a subject since then ("the president looked tired"). A description is none of the ``others``, the
    surnames subjects_above gives, and rather another person its sentence names before it.
    """
    people = [(p, subj) for p, subj, _, known in ctx.people
              if not (gender and known and known != gender) and p[-1].text not in others
              and not (pronoun and gender and is_family(p))]
    before = [(ent, subj) for ent, subj in people if ent.end_char <= pos]
    if others:  # "Nowak took on Berg after the front-runner had said ...": the other person of the sentence
        here = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
        same = [ent for ent, _ in before if here is not None and ent.start_char >= here.sent.start_char]
        if same:
            return person_span(ctx, same[-1])
    subjects = [ent for ent, subj in before if subj]
    after = [ent for ent, subj in people if subj and ent.start_char > pos]
    earlier = subjects or [e for e, _ in before]
    if pronoun and gender and before and subjects and before[-1][0].start_char > subjects[-1].end_char:
        latest = before[-1][0]
        if beside_a_subject_of_the_other_gender(ctx, latest, pos, gender):
            # of the sentence's people of this gender, the one nearest its root: "she had to tell Nowak, who knew he
            # would not succeed Olsen. And he ..." is Nowak
            named = [e for e, _ in before if e.sent == latest.sent and known_gender(ctx, e.start) == gender]
            earlier = [min(named, key=tree_depth)] if named else earlier
    pick = earlier[-1] if earlier else after[0] if after else None
    if pick is None:
        return None
    described = described_subject(ctx, pick.end_char, pos, gender) if pronoun and pick.end_char <= pos else None
    if described is not None:
        return described
    main = main_subject(ctx, pick, pos, gender)
    if main is not None and main.i in ctx.person_at and ctx.person_at[main.i][-1].text in others:
        main = None
    if main is not None and main.lower_ in ctx.data["person_pronouns"]:
        return last_person(ctx, main.idx, gender, depth + 1, pronoun) if depth < 3 else None  # "he" goes on the chain
    if main is not None:
        return person_span(ctx, ctx.person_at[main.i])
    return person_span(ctx, pick)


def beside_a_subject_of_the_other_gender(ctx: Context, person: Span, pos: CharOffset, gender: str) -> bool:
    """Whether ``person`` is named, in the sentence of ``pos`` or the one before, in a sentence whose subject is of
    the other gender: in "Berg clashed with Nowak. She drew his anger, and he called her weak", "he" is Nowak, not a
    man the story named as a subject before."""
    here = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    sent = person.sent
    if here is None or sent != here.sent and not (here.sent.start and sent == ctx.doc[here.sent.start - 1].sent):
        return False
    subject = next((c for c in sent.root.children if c.dep_ in SUBJECTS and c.i < person.start), None)
    if subject is None:
        return False
    if subject.lower_ in ctx.data["person_pronouns"]:
        return gender_of_pronoun(subject.lower_) not in (None, gender)
    known = known_gender(ctx, subject.i)
    return known is not None and known != gender


def tree_depth(person: Span) -> int:
    """How many words a mention's head lies below its sentence's root."""
    return sum(1 for _ in person.root.ancestors)


def known_gender(ctx: Context, i: TokenIndex, missing: str | None = None) -> str | None:
    """The gender known of the person mentioned at token ``i``: None when unknown, ``missing`` when no one is."""
    return next((g for p, _, _, g in ctx.people if p.start <= i < p.end), missing)


def is_family(person: Span) -> bool:
    """ "the Bergs": one name in the plural after "the", a family or a people, never "he" or "she"."""
    return len(person) == 1 and person.text.endswith("s") and person.start > 0 \
        and person.doc[person.start - 1].lower_ == "the"


def subjects_above(ctx: Context, head: Token) -> frozenset[str]:
    """The surnames of the people who are subjects, before it, of the clauses a description stands in: in "Berg
    called for a vote after the businessman spoke", the businessman is not Berg, whom a writer would call "she"; but
    a relative clause or a dashed aside may look back at its sentence's subject ("Berg called for sanctions, which
    the senator said ...", "Berg called for sanctions -- meddling the senator said ...")."""
    names, node, doc = set(), head, ctx.doc
    while node.head.i != node.i and node.dep_ not in ("relcl", "acl") \
            and not (node.left_edge.i and is_dash(ctx.text, doc[node.left_edge.i - 1].idx)):
        child, node = node, node.head
        for subject in (c for c in node.children if c.dep_ in SUBJECTS and c.i != child.i and c.i < head.i):
            found = resolve(ctx, subject, subject.idx)
            words = ctx.text[found[0]:found[1]].split() if found is not None else []
            names.update(words[-1:])
    return frozenset(names)


def described_subject(ctx: Context, start: CharOffset, pos: CharOffset, gender: str | None) -> Source | None:
    """The person last described, not named, as a subject between ``start`` and ``pos``, when the article gave
    them that title: after "President Ana Ruiz ... After the vote, the president looked tired.", "she" is Ruiz."""
    data, span = ctx.data, ctx.doc.char_span(start, pos, alignment_mode="contract")
    for tok in reversed(span or []):
        lefts = list(ctx.doc[tok.left_edge.i:tok.i])
        if tok.dep_ in SUBJECTS and definite(lefts) and tok.lower_ in data["title_words"] \
                and not ctx.in_quote(tok.idx):
            found = person_by_title(ctx, description_words(lefts, tok), tok.lower_, tok.idx)
            return found if found is None or gender_fits(ctx, found[0], gender) else None
    return None


def gender_fits(ctx: Context, start: CharOffset, gender: str | None) -> bool:
    """Whether the person mentioned at ``start`` may be "he" or "she" of this gender: never a known other one."""
    known = next((g for p, _, _, g in ctx.people if p.start_char == start), None)
    return not (gender and known and known != gender)


def main_subject(ctx: Context, person: Span, pos: CharOffset, gender: str | None) -> Token | None:
    """The subject of the main clause of the sentence naming ``person``, when it is another of the same gender.

    "Ryan said he does believe McConnell is right": the sentence is about
    Ryan; the person named in the reported clause is not what "he" goes on with.
    """
    root = person.sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECTS and c.idx < pos), None)
    if subject is None:
        subject = subject_of_report(ctx, root, pos)
    elif person.root.head.i == root.i:
        return None
    if subject is not None and subject.i not in ctx.person_at:
        # "Moro's lawyer, Piet Olsen, said ...": the person in apposition is the subject
        subject = next((c for c in subject.children if c.dep_ == "appos" and c.i in ctx.person_at), subject)
    if subject is None or subject.i in range(person.start, person.end):
        return None
    if subject.lower_ in ctx.data["person_pronouns"]:
        return subject if gender_of_pronoun(subject.lower_) == gender and gender else None
    known = known_gender(ctx, subject.i, missing="none")
    same_gender = not (gender and known and known != gender)
    return subject if subject.i in ctx.person_at and known != "none" and same_gender else None


def subject_of_report(ctx: Context, root: Token, pos: CharOffset) -> Token | None:
    """The subject of a reporting verb the parser hung on a sentence's root: in '“...,” Nowak said, not once stopping
    to credit Berg', the sentence is Nowak's."""
    verbs = ctx.data["verb_forms"]
    return next((s for c in root.children if c.dep_ == "parataxis" and c.lower_ in verbs
                 for s in c.children if s.dep_ in SUBJECTS and s.idx < pos), None)


def last_group(ctx: Context, pos: CharOffset, plural: bool) -> Source | None:
    """What "they" or "it" at ``pos`` refers to: the last subject that is no pronoun and no one person; for
    "they" (``plural``) people joined by "and" too ("Berg and Holm say ..., they say"), given by the first.

    A subject that names nobody ("the reports") is passed over for the one before, and so is the
    subject of a complement clause: after "the fund warned that the Nowak plan could fail", "it" is the fund,
    and a headline's, whose capitals the model may read as one long name.
    """
    before = ctx.doc.char_span(0, pos, alignment_mode="expand")
    if before is None:
        return None  # nothing comes before the start of the text
    for tok in reversed(ctx.doc[:before.end]):
        people = plural and any(c.dep_ == "conj" and c.i in ctx.person_at for c in tok.children)
        if tok.idx >= pos or tok.dep_ not in SUBJECTS or tok.pos_ == "PRON" or ctx.in_quote(tok.idx) \
                or tok.i in ctx.person_at and not people or tok.head.dep_ == "ccomp" or title_line(ctx, tok) \
                or describes_one_person(ctx.data, tok):
            continue
        found = resolve(ctx, tok, tok.idx)
        if found:
            return found
    return None


def describes_one_person(data: dict[str, Any], noun: Token) -> bool:
    """Whether a noun describes one person ("the candidate", "the senator"), whom "it" or "they" never means."""
    return noun.tag_ == "NN" and (noun.lower_ in data["person_nouns"] or noun.lower_ in data["title_words"])


def title_line(ctx: Context, tok: Token) -> bool:
    """Whether a token stands in a line of its own written in title case: a headline, full stop or not."""
    start, end = line_bounds(ctx.text, tok.idx)
    return in_title_case_line(tok) and ctx.text[start:end].strip() == tok.sent.text.strip()


def last_organisation(ctx: Context, pos: CharOffset) -> Source | None:
    """The organisation named last before ``pos``, outside quotation marks: what "the company" means."""
    last = bisect_right(ctx.organisations, (pos, len(ctx.text))) - 1
    if last < 0:
        return None
    end, start = ctx.organisations[last]
    return start, end, None
