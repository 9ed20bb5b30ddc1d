"""Who said it: reporting cues, speaker phrases and the mentions they refer to.

A quote's cue is found three ways, most reliable first: the reporting verb
that governs the quote in the dependency parse ("called it “catastrophic”"),
a cue right after the closing mark ("...,” Putin said"), or one just before
the opening mark ("Putin said: “...”", "According to him, “...”"). The cue's
subject is then turned into the span that NAMES the speaker: pronouns and
descriptions ("he", "the ministry", "the NATO secretary general") resolve to
an earlier mention. All word lists live in data/cues.yml.
"""
from bisect import bisect_right
from functools import lru_cache

from .nlp import load_data

SUBJECTS = ("nsubj",)
# Climbing the parse from a quote stops at these: the quote is then part of
# a subject or a relative clause, not what the verb reports.
STOP_DEPS = {"nsubj", "nsubjpass", "csubj", "relcl", "appos", "parataxis"}
# Verbs whose subject a dependent verb shares: "continues to insist", "and noted".
SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl"}
NP_PUNCT = {"’", "'", "-", "’s", "'s"}
NO_SPEAKER = (None, None, None)


@lru_cache(maxsize=1)
def cue_data():
    """cues.yml, plus every written form of each reporting verb."""
    data = load_data("cues.yml")
    data["verb_forms"] = verb_forms(data["reporting_verbs"], data["irregular_forms"])
    data["quote_only_forms"] = verb_forms(data["quote_only_verbs"], data["irregular_forms"])
    return data


def verb_forms(bases, irregular):
    """{written form: base} for base forms: say -> says, saying, sayed; plus irregulars."""
    forms = {}
    for base in bases:
        stem = base[:-1] if base.endswith("e") else base
        ed = base + "d" if base.endswith("e") else base + "ed"
        s = base + "es" if base.endswith(("s", "sh", "ch", "x")) else base + "s"
        for form in (base, s, stem + "ing", ed, *irregular.get(base, [])):
            forms[form] = base
    return forms


class Context:
    """One Doc with its quoted spans, entities and people, shared by every lookup."""

    def __init__(self, doc, marked):
        self.doc, self.text, self.marked = doc, doc.text, marked
        self.data = cue_data()
        self.starts = [s for s, _ in marked]
        self.ent_of = {t.i: ent for ent in doc.ents for t in ent}
        people = [p for p in person_mentions(doc, self.data) if not self.in_quote(p.start_char)]
        self.person_at = {t.i: p for p in people for t in p}
        self.people = [(p, is_subject(p), title_words(p)) for p in people if p.root.dep_ != "poss"]

    def in_quote(self, i):
        """Whether char offset i lies between quotation marks."""
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and self.marked[k][0] <= i < self.marked[k][1]

    def quoted_share(self, start, end):
        """The share of [start, end) that lies between quotation marks."""
        inside = sum(max(0, min(e, end) - max(s, start)) for s, e in self.marked)
        return inside / max(1, end - start)


def person_mentions(doc, data):
    """PERSON entities, plus names the model left unlabelled.

    The small model often tags a full name once and misses the bare surname
    later ("Stoltenberg said"), or misses a name entirely; a surname of a
    known person, or a two-word proper name as a subject, is a person too.
    """
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    taken = {t.i for e in doc.ents for t in e}
    surnames = {e[-1].text for e in people if len(e) > 1}
    # a bare name that reports speech ("Daalder added") is a person's surname
    surnames |= {t.text for t in doc if t.pos_ == "PROPN" and t.dep_ in SUBJECTS and t.i not in taken
                 and t.head.lower_ in data["verb_forms"] and t.text[:1].isupper() and not t.text.isupper()}
    own = {t.i for e in people for t in e}
    for tok in doc:
        if tok.i in own or tok.pos_ != "PROPN" or tok.dep_ == "compound":
            continue
        if tok.i in taken and tok.text not in surnames:
            continue  # another entity; but a known surname the model mislabelled is still the person
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                and (start - 1 not in taken or tok.text in surnames) and doc[start - 1].lower_ not in data["title_words"]:
            start -= 1
        named = tok.text in surnames or (tok.dep_ in SUBJECTS and start < tok.i)
        if named and tok.lower_ not in data["org_nouns"]:
            people.append(doc[start:tok.i + 1])
    return sorted(people, key=lambda p: p.start)


# --- cues ---------------------------------------------------------------------


def is_cue_verb(ctx, tok):
    """A reporting verb ("said", "told", "warns") used as a verb.

    A past participle counts only with an auxiliary or a subject ("has said",
    a misparsed "Naryshkin stated"), not as a modifier ("the sum stated").
    """
    if tok.lower_ not in ctx.data["verb_forms"] or tok.pos_ not in ("VERB", "AUX"):
        return False
    return tok.tag_ != "VBN" or any(c.dep_ in ("aux", "nsubj") for c in tok.children)


def is_cue_noun(ctx, tok):
    """A noun that reports speech: "claim", "statement"."""
    return tok.lower_ in ctx.data["reporting_nouns"] and tok.pos_ in ("NOUN", "PROPN")


def is_according(tok):
    """The "according" of "according to X"."""
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"


def is_cue(ctx, tok):
    """Any reporting cue token outside quotation marks."""
    if ctx.in_quote(tok.idx):
        return False
    return is_cue_verb(ctx, tok) or is_cue_noun(ctx, tok) or is_according(tok)


def cue_text(ctx, cue):
    """The cue as written: "said", "told reporters", "according to"."""
    doc = ctx.doc
    if is_according(cue):
        return doc[cue.i:cue.i + 2].text
    audience = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i == cue.i + 1
                and c.lower_ in ctx.data["audience_nouns"]]
    return doc[cue.i:audience[0].i + 1].text if audience else cue.text


def quote_speaker(ctx, start, end):
    """(cue text, (speaker_start, speaker_end, label)) for the quote at [start, end)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, NO_SPEAKER
    found = None
    for finder in (governing_cue, after_cue, before_cue):
        cue = finder(ctx, span)
        if cue is None:
            continue
        who = cue_speaker(ctx, cue)
        if who:
            return cue_text(ctx, cue), who
        found = found or cue
    return (cue_text(ctx, found) if found else None), NO_SPEAKER


def governing_cue(ctx, span):
    """The reporting verb or noun above the quote in the parse, within its sentence."""
    for tok in span:
        if span.start <= tok.head.i < span.end or tok.is_punct:
            continue
        node = tok
        for _ in range(12):
            if node.dep_ in STOP_DEPS or node.head.i == node.i:
                break
            node = node.head
            if is_cue(ctx, node) and not (span.start <= node.i < span.end):
                return node
    return None


def after_cue(ctx, span):
    """A cue right after the closing mark: '...,” Putin said' or '...,” said Putin'.

    Everything between the mark and the verb must be the verb's subject or
    its adverbs, so a verb later in the narrator's sentence does not count.
    """
    doc = ctx.doc
    for tok in doc[span.end:span.end + 14]:
        if "\n" in tok.text or tok.text in ".!?" or ctx.in_quote(tok.idx):
            return None
        if is_cue_verb(ctx, tok):
            between = [t for t in doc[span.end:tok.i] if not t.is_punct]
            allowed = {t.i for c in tok.children if c.dep_ in SUBJECTS for t in c.subtree}
            allowed |= {c.i for c in tok.children if c.dep_ in ("advmod", "npadvmod", "aux", "neg")}
            return tok if all(t.i in allowed for t in between) else None
    return None


def before_cue(ctx, span):
    """A cue just before the opening mark: 'Putin said: “...”', 'According to him, “...”'."""
    doc = ctx.doc
    for tok in reversed(doc[max(0, span.start - 14):span.start]):
        if "\n" in tok.text_with_ws or tok.text in ".!?":
            return None
        if ctx.in_quote(tok.idx):
            continue
        if is_cue(ctx, tok):
            return tok
        if tok.pos_ == "VERB":
            return None
    return None


def subject_of(verb):
    """The subject of a verb, or of the verb it shares its subject with."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        # a misparse may hang the subject on a participle before the verb: "Russia, locked in ..., has accused"
        subjects += [g for c in verb.children if c.dep_ == "advcl" and c.i < verb.i
                     for g in c.children if g.dep_ in SUBJECTS and g.i < c.i]
        if subjects:
            # the nearest: a dateline ("KYIV, March 4 (Reuters) -") can parse as a second subject
            return min(subjects, key=lambda c: abs(verb.i - c.i))
        if verb.dep_ not in SHARED_SUBJECT_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def cue_speaker(ctx, cue):
    """(start, end, label) naming who speaks through this cue, or None."""
    if is_according(cue):
        objects = [c for c in cue.doc[cue.i + 1].children if c.dep_ == "pobj"]
        return resolve(ctx, objects[0], cue.idx) if objects else None
    if is_cue_noun(ctx, cue):
        # "called [Washington's claims] ..." reports the caller; "Lukashenko's claim" the possessor
        if cue.dep_ == "dobj" and is_cue_verb(ctx, cue.head):
            return cue_speaker(ctx, cue.head)
        owners = [c for c in cue.children if c.dep_ == "poss"]
        if owners:
            return resolve(ctx, owners[0], cue.idx)
        verb = cue.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = subject_of(verb)
        return resolve(ctx, subject, cue.idx) if subject is not None else None
    subject = subject_of(cue)
    return resolve(ctx, subject, cue.idx) if subject is not None else None


# --- speaker phrases -----------------------------------------------------------


def resolve(ctx, head, pos):
    """(start, end, label) of the mention that names the phrase headed by ``head``.

    label is None when the span is (or holds) a named entity, else the
    PERSON/ORG hint for a descriptive phrase such as "defence ministry".
    """
    low, data = head.lower_, ctx.data
    if low in data["person_pronouns"]:
        return last_person(ctx, pos, gender_of_pronoun(ctx, low))
    if low in data["relative_pronouns"] and head.head.dep_ == "relcl":
        return resolve(ctx, head.head.head, pos)
    if low in data["group_pronouns"]:
        return last_group(ctx, pos)
    person = ctx.person_at.get(head.i)
    if person is not None:
        return person_span(ctx, person)
    ent = ctx.ent_of.get(head.i)
    appositive = person_in([t for c in head.children if c.dep_ == "appos" for t in c.subtree], ctx)
    lefts = list(ctx.doc[head.left_edge.i:head.i])
    named = appositive or person_in(lefts, ctx)
    if named:
        return named
    if ent is not None and not any(t.text[:1].isupper() for t in ent if t.dep_ != "det"):
        ent = None  # the small model's "the defence ministry" is a description: find whose
    if ent is not None:
        return ent.start_char, ent.end_char, None
    return describe(ctx, head, lefts, pos)


def with_entity(ctx, head, phrase):
    """A noun phrase widened to cover the whole named entity its head belongs to."""
    start, end, label = phrase
    ent = ctx.ent_of.get(head.i)
    if ent is None:
        return phrase
    return min(start, ent.start_char), max(end, ent.end_char), None


def person_in(tokens, ctx):
    """The span of the last PERSON entity among tokens, or None."""
    people = [ctx.person_at[t.i] for t in tokens if t.i in ctx.person_at]
    if not people:
        return None
    return person_span(ctx, people[-1])


def person_span(ctx, person):
    """(start, end, label) for a person mention; the PERSON hint when it is no entity."""
    return person.start_char, person.end_char, None if person.start in ctx.ent_of else "PERSON"


def describe(ctx, head, lefts, pos):
    """A speaker given by description: a document, an organisation or a title."""
    data, low = ctx.data, head.lower_
    if low in data["document_nouns"]:
        issuers = [ctx.ent_of[t.i] for t in lefts if t.i in ctx.ent_of and ctx.ent_of[t.i].label_ != "DATE"]
        if issuers:
            return issuers[-1].start_char, issuers[-1].end_char, None
        org = [t for t in lefts if t.lower_ in data["org_nouns"]]
        if org:
            return describe(ctx, org[-1], list(ctx.doc[org[-1].left_edge.i:org[-1].i]), pos)
    words = {t.lower_ for t in lefts + [head] if t.dep_ != "det"}
    specific = any(t.dep_ not in ("det", "punct") for t in lefts)
    if member_noun(data, low):
        employer = organisation_of(ctx, head)
        if employer:
            return employer  # "analysts at the International Institute for Strategic Studies"
    if low in data["org_nouns"]:
        if any(t.text[:1].isupper() for t in lefts if t.dep_ not in ("det", "punct")):
            return noun_phrase(head, "ORG")
        # "the ministry" or "the air force": the fuller phrase named earlier, if any
        modifiers = {t.lower_ for t in lefts if t.dep_ not in ("det", "punct")}
        return earlier_phrase(ctx, head, pos, modifiers) or noun_phrase(head, "ORG")
    if low in data["title_words"]:
        # "a senior official" or "the official" is nobody we can name; "the regional governor" is one office
        named = any(t.pos_ == "PROPN" or t.i in ctx.ent_of for t in lefts) or (
            specific and lefts[0].lower_ == "the")
        return person_by_title(ctx, words, low, pos) or (noun_phrase(head, "PERSON") if named else None)
    if head.pos_ == "PROPN":
        return noun_phrase(head, "ORG")
    return None  # "reports", "the items": things, not speakers


def member_noun(data, word):
    """Whether a word names people who speak for where they work: "official(s)", "analysts"."""
    return word in data["title_words"] or (word.endswith("s") and word[:-1] in data["title_words"])


def organisation_of(ctx, head):
    """The named organisation in "<people> at|from|with|for <ORG>", or None."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("at", "from", "with", "for")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = ctx.ent_of.get(obj.i)
            if ent is not None and ent.label_ == "ORG":
                return ent.start_char, ent.end_char, None
    return None


def noun_phrase(head, label):
    """The head and its modifiers, without a leading article: "Netherlands’ defence ministry"."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].dep_ in ("det", "punct") or doc[start].is_punct):
        start += 1
    return doc[start].idx, head.idx + len(head.text), label


def earlier_phrase(ctx, head, pos, modifiers=frozenset()):
    """The last fuller phrase or named organisation with the same head noun: "the ministry" -> "the Netherlands’ defence ministry"."""
    for tok in reversed(ctx.doc[:head.i]):
        if tok.idx >= pos or tok.lower_ != head.lower_ or ctx.in_quote(tok.idx):
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


def is_subject(ent):
    """Whether a PERSON mention is the subject of its clause (a likely antecedent)."""
    node = ent.root
    for _ in range(6):  # the subject itself, or named inside the subject phrase
        if node.dep_ in ("nsubj", "nsubjpass"):
            return True
        if node.dep_ not in ("appos", "pobj", "prep", "compound", "conj", "nmod") or node.head.i == node.i:
            break
        node = node.head
    root = ent.root
    return any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children)
               for c in root.children)


def title_words(ent):
    """Lower-case words that describe a person: their title and appositive."""
    root = ent.root
    tokens = list(ent) + list(ent.doc[root.left_edge.i:ent.start])
    tokens += [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    if root.dep_ == "appos":
        tokens += list(root.head.subtree)[: root.head.right_edge.i - root.head.left_edge.i]
    return {t.lower_ for t in tokens}


def person_by_title(ctx, words, head_word, pos):
    """The person last described with this title ("the NATO secretary general").

    The best overlap of title words wins, the latest one before ``pos``;
    a description may also come first ("a top US general ... General X").
    """
    fits = [(len(words & titles), ent) for ent, _, titles in ctx.people if head_word in titles]
    before = [f for f in fits if f[1].end_char <= pos]
    pool = before or [f for f in fits if f[1].start_char > pos][:1]
    if not pool:
        return None
    best = max(score for score, _ in pool)
    return person_span(ctx, [e for score, e in pool if score == best][-1 if before else 0])


def gender_of_pronoun(ctx, word):
    """'female', 'male' or None for a pronoun."""
    if word in ctx.data["female_pronouns"]:
        return "female"
    return "male" if word in ctx.data["male_pronouns"] else None


def gender_clash(ctx, titles, gender):
    """Whether a person's title words ("Ms", "spokesman") rule out this pronoun's gender."""
    female = bool(titles & set(ctx.data["female_words"]))
    male = bool(titles & set(ctx.data["male_words"]))
    return (gender == "male" and female and not male) or (gender == "female" and male and not female)


def last_person(ctx, pos, gender=None):
    """The person "he" or "she" at ``pos`` most likely means.

    The last PERSON of a compatible gender that was the subject of a clause
    before pos; else the last person mentioned; else (a lead that quotes
    first) the first subject after.
    """
    people = [(p, subj, titles) for p, subj, titles in ctx.people if not gender_clash(ctx, titles, gender)]
    before = [(ent, subj) for ent, subj, _ in people if ent.end_char <= pos]
    subjects = [ent for ent, subj in before if subj]
    after = [ent for ent, subj, _ in people if subj and ent.start_char > pos]
    pick = (subjects or [e for e, _ in before] or [None])[-1] or (after[0] if after else None)
    if pick is None:
        return None
    return person_span(ctx, pick)


def last_group(ctx, pos):
    """What "they" or "it" at ``pos`` refers to: the last subject that is no pronoun."""
    for tok in reversed(ctx.doc[:ctx.doc.char_span(0, pos, alignment_mode="expand").end]):
        if tok.idx >= pos or tok.dep_ not in SUBJECTS or tok.pos_ == "PRON" or ctx.in_quote(tok.idx):
            continue
        return resolve(ctx, tok, tok.idx)
    return None


# --- reported speech ---------------------------------------------------------------


def reported_clauses(ctx):
    """(start, end, cue, speaker) for each reported clause outside quotation marks.

    The clause is what a reporting verb or noun governs ("said [Russia had
    lost 54 tanks]", "his claim that [...]") or, for "according to X", the
    rest of the sentence. Clauses that are mostly quoted are quotes already.
    """
    found = []
    for tok in ctx.doc:
        if not is_cue(ctx, tok) or in_headline(tok):
            continue
        clause = reported_clause(ctx, tok)
        if clause is None:
            continue
        start, end = clause
        if end <= start or ctx.in_quote(start) or ctx.quoted_share(start, end) > 0.5:
            continue
        if not ctx.data["indirect_with_quotes"] and ctx.quoted_share(start, end) > 0:
            continue
        if any(s <= start and end <= e for s, e, _, _ in found):
            continue
        who = cue_speaker(ctx, tok)
        if who:  # a report needs someone reporting
            found.append((start, end, cue_text(ctx, tok), who))
    return found


def in_headline(tok):
    """Whether tok stands in a headline: a line that does not end in a full stop."""
    line = [t for t in tok.sent if not t.is_space]
    return bool(line) and line[-1].text not in ".!?”\"’'" 


def reported_clause(ctx, cue):
    """[start, end) of the clause this cue reports, or None."""
    if is_according(cue):
        return according_clause(ctx, cue) if ctx.data["according_to_indirect"] else None
    if is_cue_noun(ctx, cue):
        clauses = [c for c in cue.children if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children)]
    elif cue.lower_ in ctx.data["quote_only_forms"]:
        return None
    else:
        if cue.tag_ == "VBG" and not any(c.dep_ in SUBJECTS for c in cue.children):
            return None  # "..., saying X": a participle, not a report of its own
        subject = subject_of(cue)
        inverted = subject is not None and subject.i > cue.i
        clauses = [c for c in cue.children if c.dep_ == "ccomp" and (c.i > cue.i or inverted)]
        clauses = clauses or that_clause_after_phrase(cue)
    clauses = [c for c in clauses if has_subject(c)]
    return token_range(clauses[0], own_reports(ctx, clauses[0])) if clauses else None


def own_reports(ctx, clause):
    """Token indices of clauses hung on ``clause`` that are reports of their own.

    "said it had shot down 30 drones, while officials in Odesa said ...": the
    "while" clause has its own speaker and is no part of the first report.
    """
    cut = set()
    for child in clause.children:
        if child.dep_ in ("advcl", "conj") and child.i > clause.i and is_cue_verb(ctx, child) \
                and any(c.dep_ in SUBJECTS and c.i < child.i for c in child.children):
            cut |= {t.i for t in child.subtree}
    return cut


def has_subject(clause):
    """A finite reported clause has its own subject ("Russia had lost"); "pledging ..." has none."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)


def that_clause_after_phrase(cue):
    """A "that" clause the parser hung on a phrase after the verb: "stated during the meeting that ..."."""
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.i > cue.i):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
                first = clause.left_edge
                if first.lower_ == "that" and first.i == noun.i + 1:
                    return [clause]
    return []


def token_range(head, cut=frozenset()):
    """Char range of a clause's subtree, without a leading "that" or edge punctuation.

    It ends before the first ``cut`` token (a report of its own that follows).
    """
    tokens = [t for t in head.subtree]
    if cut:
        tokens = tokens[:next((k for k, t in enumerate(tokens) if t.i in cut), len(tokens))]
        while tokens and tokens[-1].dep_ in ("cc", "mark", "punct") and tokens[-1].text not in "”\"’":
            tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that"):
        tokens = tokens[1:]
    if tokens and tokens[0].dep_ == "prep" and tokens[0].head.i == head.i and is_date_phrase(tokens[0]) \
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tokens[0].i for c in head.children):
        # "said on Monday it had ...": the parser hangs the day of saying on the clause
        last = tokens[0].right_edge.i
        tokens = [t for t in tokens if t.i > last]
        while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that"):
            tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in "”\"’":
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def is_date_phrase(prep):
    """Whether a prepositional phrase names a day or time: "on Monday", "late on Friday"."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def according_clause(ctx, cue):
    """The sentence around "according to X", minus that phrase."""
    sent = cue.sent
    phrase = cue.doc[cue.i:cue.doc[cue.i + 1].right_edge.i + 1]
    before = [t for t in sent if t.i < phrase.start and not t.is_space]
    after = [t for t in sent if t.i >= phrase.end and not t.is_space]
    rest = after if not [t for t in before if not t.is_punct] else before
    rest = [t for t in rest if "\n" not in t.text]
    while rest and rest[0].is_punct:
        rest = rest[1:]
    while rest and rest[-1].is_punct:
        rest = rest[:-1]
    if not rest or (before and [t for t in before if not t.is_punct] and [t for t in after if not t.is_punct]):
        return None
    return rest[0].idx, rest[-1].idx + len(rest[-1].text)
