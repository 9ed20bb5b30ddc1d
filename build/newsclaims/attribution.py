"""Attribution: who says or claims what, found once for quotes and figures alike.

An Attribution joins a cue ("said", "according to", "estimated"), the source
phrase as written, who it names, and the content it attributes: quoted words,
a reported clause in any order ("X said that ...", "..., X said", "..., said
X"), the clause around "according to X", or a claim's object that holds a
number ("put losses at 40 tanks").

A quote's cue is found three ways, most reliable first: the reporting verb
that governs the quote in the dependency parse ("called it “catastrophic”"),
a cue right after the closing mark ("...,” Putin said"), or one just before
the opening mark ("Putin said: “...”", "According to him, “...”").
Sources are resolved to mentions in referents.py; the lexicon is data/cues.yml.
"""
from collections.abc import Callable, Collection
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from .lexicon import cue_data, may_report, verb_tag
from .marks import DOUBLE_OPEN, STRAIGHT, before_opening, lead_before, marked_in
from .nlp import doc_text
from .offsets import CharOffset, CharSpan, TokenIndex
from .referents import SUBJECTS, Context, Source, may_speak, read_as_plural_noun, resolve
from .signatures import (
    dash_after,
    headline_opener,
    label_before,
    labelled_lines,
    name_source,
    named_before_aside,
    named_before_colon,
)
from .text import CLOSING_QUOTES, SENTENCE_END, in_headline, is_dash, line_bounds

# Climbing the parse from a quote stops at these: the quote is then part of
# a subject or a relative clause, not what the verb reports.
STOP_DEPS = {"nsubj", "nsubjpass", "csubj", "relcl", "appos", "parataxis"}
# Phrases that name someone rather than say something: quoted words inside them are no one's sentence.
OWN_PHRASES = SUBJECTS + ("appos",)
# Verbs whose subject a dependent verb shares: "continues to insist", "and noted".
SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "dep"}
# Forms of "be" that make a clause a description ("Moro was “a con”"); the pipeline has no lemmatizer.
COPULAS = {"is", "was", "are", "were"}
# Words that open a clause of time or reason: "..., when Nowak attacked her" is no attribution of what came before.
SUBORDINATORS = {"when", "while", "after", "before", "because", "since", "until", "once", "whenever"}
# Prepositions that say where or when something was said, not what: "cited the figure [in the debate]".
CIRCUMSTANCES = {"in", "during", "after", "before", "since", "until", "amid", "while", "near", "throughout"}
# A report may open or end with quoted words: its marks stay with it.
OPENING_MARKS = ("“", '"', "‘", "''")
CLOSING_MARKS = ("”", '"', "’")
# The parts of speech of a title and a name between quoted words and their cue: '“...,” Lund fire Chief Olsen said'.
NAME_AND_TITLE_TAGS = ("PROPN", "NOUN", "ADJ", "DET")
# Marks that end the clause before them inside a sentence: what follows is a clause of its own.
CLAUSE_BREAKS = (":", ";")


@dataclass
class Attribution:
    """Who says or claims the content at [start, end); offsets index the article body."""

    start: CharOffset
    end: CharOffset
    kind: str  # direct | partial (quoted words) | indirect (a reported clause or claimed number)
    cue: str | None = None  # as written: "said", "told reporters", "according to"
    tag: str | None = None  # speech | claim, from the lexicon
    source: Source | None = None  # (start, end, label) of the mention the source names; label as in referents
    written: CharSpan | None = None  # (start, end) of the source phrase as the article wrote it


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in the Doc, in text order: quoted words first found from their marks."""
    text = doc_text(doc)
    marked = marked_in(doc)
    ctx = Context(doc, marked)
    found = [quoted(ctx, start, end) for start, end in marked]
    found += reported(ctx)
    found += [Attribution(start, end, kind, ":", "speech", name_source(ctx, name), (name.start_char, name.end_char))
              for start, end, name, kind in labelled_lines(ctx)]
    found.sort(key=lambda a: (a.start, a.end))
    continue_sources(text, found)
    return found


def attribute(ctx: Context, start: CharOffset, end: CharOffset, kind: str, cue: Token | None) -> Attribution:
    """The Attribution of [start, end) through this cue token, if any."""
    if cue is None:
        return Attribution(start, end, kind)
    head = cue_source(ctx, cue)
    if head is None:
        return Attribution(start, end, kind, cue_text(ctx, cue), cue_tag(ctx, cue))
    who = resolve(ctx, head, cue.idx) or None
    return Attribution(start, end, kind, cue_text(ctx, cue), cue_tag(ctx, cue), who, written_phrase(head))


def quoted(ctx: Context, start: CharOffset, end: CharOffset) -> Attribution:
    """The Attribution of one marked span: direct when it opens a sentence, else partial.

    With no cue that names someone, a signature names the speaker: a label
    before the words ("MORO: ...", "Kovac: ‘...’") or a dash and a name
    after them ("“...” ― Ana Ruiz"), a headline's opening name ("Moro
    Sees ‘Trap’ in Fare Deal"), or the name the words follow as an aside set
    off by dashes ("Piet Olsen -- “...” -- and"); failing that, the sentence that ends
    the paragraph before with a colon introduces them ("Kovac continued:").
    """
    kind = "direct" if starts_sentence(ctx.text, start) else "partial"
    found = attribute(ctx, start, end, kind, quote_cue(ctx, start, end))
    if found.source is not None:
        return found
    name = label_before(ctx, start) or dash_after(ctx, end) or headline_opener(ctx, start) \
        or named_before_colon(ctx, start) or named_before_aside(ctx, start, end)
    if name is not None:
        found.source, found.written = signature(ctx, name)
        return found
    intro = introduction(ctx, start) or said_before(ctx, start)
    return attribute(ctx, start, end, kind, intro) if intro is not None and found.cue is None else found


def signature(ctx: Context, name: Span) -> tuple[Source, CharSpan]:
    """The source and the phrase as written of a name that signs; a dash clinging to it ("-President Ruiz") is in
    neither."""
    start, end, label = name_source(ctx, name)

    def past_dash(i: CharOffset) -> CharOffset:
        return i + 1 if ctx.text[i] == "-" else i

    return (past_dash(start), end, label), (past_dash(name.start_char), name.end_char)


def introduction(ctx: Context, start: CharOffset) -> Token | None:
    """The verb of a sentence that introduces the quote with a colon: one that ends the paragraph before, when the
    quote opens its own ("Kovac continued:"), or one on the quote's line whose subject names someone ("Berg has
    since apologized for the delay: “...”")."""
    text = ctx.text
    line_start = line_bounds(text, start)[0]
    lead = lead_before(text, start)
    before = text[:line_start + len(lead)] if lead else text[:line_start].rstrip() if line_start >= 2 else ""
    if not before.endswith(":"):
        return None
    colon = ctx.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    # the verb the colon hangs on; the parser may run the sentence on into the quote, and hang on it what came before
    mark = colon[0]
    tops = [t for t in mark.sent if t.i < mark.i and t.head.i >= mark.i]
    # or made the verb a modifier of the speaker: "Anna Berg, the harbour master, [tweeted] in reply:"
    modifiers = [t for t in mark.sent if t.i < mark.i and t.dep_ == "acl" and t.head.i in ctx.person_at
                 and may_report(t.text, "quote")]
    for verb in [mark.head, mark.sent.root] + tops + modifiers:
        subject = subject_of(verb) if verb.pos_ in ("VERB", "AUX") and verb.i < mark.i else None
        if subject is not None and (not lead or resolve(ctx, subject, verb.idx)):
            return verb
    return None


def said_before(ctx: Context, start: CharOffset) -> Token | None:
    """The reporting verb of the sentence just before a quote that opens a sentence, when it reports nothing of its
    own: "Berg said in a statement. “The count will take two days.”" """
    if not starts_sentence(ctx.text, start):
        return None
    doc, k = ctx.doc, before_opening(ctx.text, start)
    last = doc.char_span(k, k + 1, alignment_mode="expand")
    if last is None or last[0].text != "." or ctx.text.count("\n", k, start) > 2:
        return None
    sent = last[0].sent
    if any(ctx.in_quote(t.idx) or t.is_quote for t in sent):
        return None
    verbs = [t for t in sent if is_cue_verb(ctx, t) and may_report(t.text, "quote") and subject_of(t) is not None
             and not any(c.dep_ in ("ccomp", "xcomp", "parataxis", "dobj") for c in t.children)]
    return verbs[0] if len(verbs) == 1 else None


def starts_sentence(text: str, start: CharOffset) -> bool:
    """Whether the quote opening just before ``start`` begins a sentence or follows a colon."""
    lead = lead_before(text, start)
    return not lead or lead[-1] in SENTENCE_END + ":"


# --- continuation --------------------------------------------------------------


def continue_sources(text: str, found: list[Attribution]) -> None:
    """Quoted words with no cue of their own that open a sentence keep the last source.

    Reporters attribute a run of quoted sentences or paragraphs once; a
    later quote with no cue carries on the one before, within a few paragraphs.
    Failing that, the same words quoted elsewhere (headline and body) share a source.
    """
    reach = cue_data()["continuation_paragraphs"]
    for quote, following in pairwise(found):
        if following.source is None and quote.source is not None and runs_on(text, quote, following):
            copy_source(quote, following)  # named where the run opens: "MORO: ..." or "Berg said: “..."
    for quote, following in reversed(list(pairwise(found))):
        if quote.source is None and following.source is not None and runs_on(text, quote, following):
            copy_source(following, quote)
    for quote in found:
        if quote.source is None and quote.cue is None and quote.kind == "partial":
            around = [a for a in found if a.kind == "indirect" and a.source is not None
                      and a.start <= quote.start and quote.end <= a.end]
            if around:
                copy_source(min(around, key=lambda a: a.end - a.start), quote)  # quoted words inside a report
    last = None
    for quote in found:
        if quote.source is not None:
            last = quote
            continue
        if quote.cue is None and quote.kind == "direct" and last is not None:
            if text.count("\n", last.end, quote.start) <= reach:
                copy_source(last, quote)
                continue
        if quote.cue is None and quote.kind == "partial" and last is not None and (
                same_sentence(text, last, quote) or next_sentence(text, last, quote)):
            copy_source(last, quote)  # called it a "disgrace" and a "fraud": one speaker for the list
            continue
        same = text[quote.start:quote.end]
        twin = next((q for q in found if q is not quote and q.source is not None and text[q.start:q.end] == same), None)
        if twin:
            copy_source(twin, quote)


def same_sentence(text: str, earlier: Attribution, later: Attribution) -> bool:
    """Whether nothing but a few words of the same sentence separate two quotes."""
    between = text[earlier.end:later.start]
    return len(between) <= 40 and "\n" not in between \
        and not any(c in SENTENCE_END for c in between.strip(CLOSING_QUOTES + " "))


def next_sentence(text: str, earlier: Attribution, later: Attribution) -> bool:
    """Whether quoted words that end their sentence follow, in the same paragraph, the sentence of a direct quote:
    "“This is a big win,” said Berg. If the others stay in, “nobody can catch him.”" goes on with Berg."""
    between = text[earlier.end:later.start]
    ends = sum(c in SENTENCE_END for c in between.strip(CLOSING_QUOTES + " "))
    return earlier.kind == "direct" and "\n" not in between and ends <= 1 \
        and text[later.start:later.end].rstrip(CLOSING_QUOTES + " ")[-1:] in SENTENCE_END


def runs_on(text: str, quote: Attribution, following: Attribution) -> bool:
    """Whether a quote left open at its paragraph end goes on in the next paragraph's quote.

    By convention a quote running over paragraphs opens each one and closes
    only the last, where the speaker is usually named.
    """
    between = text[quote.end:following.start].removesuffix("''")
    opened = len(between) < len(text[quote.end:following.start]) or between[-1:] in tuple(DOUBLE_OPEN + STRAIGHT)
    return "\n" in between and opened and not between.rstrip(DOUBLE_OPEN + STRAIGHT).strip()


def copy_source(origin: Attribution, target: Attribution) -> None:
    """Give target the source of origin."""
    target.source, target.written = origin.source, origin.written


# --- cues ---------------------------------------------------------------------


def is_cue_verb(ctx: Context, tok: Token) -> bool:
    """A reporting verb ("said", "told", "warns") used as a verb.

    A past participle counts only with an auxiliary, a subject or whoever
    does it in the passive, not as a modifier ("the sum stated").
    """
    if tok.lower_ in ctx.data["verb_forms"] and read_as_plural_noun(tok):
        return True
    if tok.lower_ not in ctx.data["verb_forms"] or tok.pos_ not in ("VERB", "AUX") or used_as_noun(tok):
        return False
    if tok.tag_ != "VBN" or any(c.dep_ in ("aux", "nsubj", "agent") for c in tok.children):
        return True  # "has said", "Naryshkin stated", "was asked by Berg"
    if tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return True  # a sentence the parser left without a verb: "Berg, a Lund ally, [called] the plan ..."
    if tok.i and closes_quote(ctx, tok.doc[tok.i - 1]):
        return True  # the tagger's participle in an inverted cue: '“...,” tweeted ferry spokesman Ivar Berg'
    # the parser's "[a poll found] last week that ...": a document that reports a clause
    return tok.dep_ == "acl" and tok.head.lower_ in ctx.data["document_nouns"] \
        and any(c.dep_ == "ccomp" for c in tok.children)


def is_cue_noun(ctx: Context, tok: Token) -> bool:
    """A noun that reports speech: "claim", "statement"."""
    return tok.lower_ in ctx.data["reporting_nouns"] and (tok.pos_ in ("NOUN", "PROPN") or used_as_noun(tok))


def used_as_noun(tok: Token) -> bool:
    """A word the tagger took for a verb that the parse uses as a noun: "raised [its] growth forecast"."""
    return tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and any(c.dep_ in ("det", "poss") for c in tok.children)


def is_according(tok: Token) -> bool:
    """The "according" of "according to X"."""
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"


def in_document(ctx: Context, tok: Token) -> bool:
    """The "In" of a fronted "In the poll, ..." or "In its report, ...": the document is the source.

    Opening its sentence, it counts even where the parser made a noun the root ("In the survey, 64 percent
    [of voters] approved").
    """
    return tok.lower_ == "in" and tok.dep_ == "prep" and tok.i < tok.head.i \
        and (tok.head.pos_ in ("VERB", "AUX") or tok.i == tok.sent.start and tok.head == tok.sent.root) \
        and any(c.dep_ == "pobj" and c.lower_ in ctx.data["document_nouns"] for c in tok.children) \
        and not (is_cue_verb(ctx, tok.head) and not counted(tok.head))  # "In a statement, the ministry said"


def account_owner(ctx: Context, tok: Token) -> Token | None:
    """The owner of the account a "by" phrase gives: "By [his] own account, ...", "..., by the [Courier's] count";
    the sentence is theirs.

    Only an account someone owns, of the whole sentence: "by one estimate" names nobody, and in "Berg, who won
    by his own count, ..." the account is of the clause alone.
    """
    if tok.lower_ != "by" or tok.dep_ != "prep" or tok.head != tok.sent.root:
        return None
    accounts = [c for c in tok.children if c.dep_ == "pobj" and c.lower_ in ctx.data["account_nouns"]]
    return next((o for c in accounts for o in c.children if o.dep_ == "poss"), None)


def counted(verb: Token) -> bool:
    """Whether a verb's subject is a count of people: "In the poll, [79 percent of voters] said ..." speak for the
    poll, not for themselves."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return subject is not None and is_count(subject)


def is_count(head: Token) -> bool:
    """Whether a phrase counts people rather than naming one: "79 percent of voters", "two in three"; "one of the
    family's lawyers" is a person."""
    return any(t.ent_type_ in ("PERCENT", "CARDINAL") and t.lower_ != "one" for t in head.subtree)


def is_sourcing(ctx: Context, tok: Token) -> bool:
    """A phrase that names a source for the rest of its sentence: "according to X", "in the poll", "by his
    account"."""
    return is_according(tok) or in_document(ctx, tok) or account_owner(ctx, tok) is not None


def is_cue(ctx: Context, tok: Token) -> bool:
    """Any reporting cue token outside quotation marks."""
    if ctx.in_quote(tok.idx):
        return False
    return is_cue_verb(ctx, tok) or is_cue_noun(ctx, tok) or is_sourcing(ctx, tok)


def cue_text(ctx: Context, cue: Token) -> str:
    """The cue as written: "said", "told reporters", "according to"."""
    doc = ctx.doc
    if is_according(cue):
        return doc[cue.i:cue.i + 2].text
    audience = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i == cue.i + 1
                and c.lower_ in ctx.data["audience_nouns"]]
    return doc[cue.i:audience[0].i + 1].text if audience else cue.text


def cue_tag(ctx: Context, cue: Token) -> str:
    """speech or claim: a verb's tag in the lexicon, also for a noun spelled as the verb ("its forecast",
    "the estimates"); other nouns and "according to" report speech."""
    base = ctx.data["verb_forms"].get(cue.lower_) or ctx.data["verb_forms"].get(cue.lower_.removesuffix("s"))
    return ctx.data["verb_tags"][base] if base and (is_cue_verb(ctx, cue) or is_cue_noun(ctx, cue)) else "speech"


def quote_cue(ctx: Context, start: CharOffset, end: CharOffset) -> Token | None:
    """The cue token that attributes the quote at [start, end), or None.

    The first cue whose source names someone wins; failing that, the first
    cue found, whose source is anonymous ("a senior official said").
    """
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    found = None
    for finder in (governing_cue, after_cue, before_cue, persons_verb, dashed_aside):
        cue = finder(ctx, span)
        if cue is None or is_cue_verb(ctx, cue) and not (may_report(cue.text, "quote") or as_it(cue)
                                                         or quotes_its_clause(cue, span)):
            continue
        head = cue_source(ctx, cue)
        if head is not None and resolve(ctx, head, cue.idx):
            return cue
        found = found or cue
    return found


def quotes_its_clause(cue: Token, span: Span) -> bool:
    """Whether quoted words are the clause a reporting verb governs: "a study found that “half of the advice was
    wrong”" quotes the study, though "found" takes no quote alone."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and may_report(cue.text, "clause") and any(
        c.dep_ == "ccomp" and c.left_edge.i <= words[0].i and words[-1].i <= c.right_edge.i for c in cue.children)


def dashed_aside(ctx: Context, span: Span) -> Token | None:
    """The verb of the clause a quote is set off from by a dash, when its subject is a person: "Berg also backed a
    curfew -- “It is the least we can do.”" """
    before = [t for t in ctx.doc[span.sent.start:span.start] if not t.is_quote]
    if not before or not is_dash(ctx.text, before[-1].idx):
        return None
    verbs = [t for t in before if t.pos_ == "VERB" and has_subject(t)]
    return verbs[-1] if verbs and is_person(ctx, subject_of(verbs[-1])) else None


def as_it(verb: Token) -> bool:
    """ "as the magazine put it": any verb of the lexicon, put this way, attributes the words it frames."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def governing_cue(ctx: Context, span: Span) -> Token | None:
    """The reporting verb or noun above the quote in the parse, within its sentence; not one in an aside before it
    (“— as Nowak denies — “why not?” asked Moro”), where a cue after the quote may come first."""
    for tok in span:
        if span.start <= tok.head.i < span.end or tok.is_punct:
            continue
        node = tok
        for _ in range(12):
            noun = noun_before_clause(ctx, node)
            if noun is not None:
                return noun  # "his statement on Monday that “...”", the clause hung on the verb above
            if node.dep_ in STOP_DEPS or node.head.i == node.i:
                break
            node = node.head
            if is_cue(ctx, node) and not (span.start <= node.i < span.end):
                aside = node.i < span.start and in_aside(ctx, node, span.start)
                return None if aside or opened_after(node, span.end) else node
    return None


def opened_after(verb: Token, start: TokenIndex) -> bool:
    """Whether a subordinating word between ``start`` and the verb opens the verb's clause: in '“That makes me
    thrifty,” when Nowak attacked her', the attack is when the words were said, not who said them."""
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in SUBORDINATORS and start <= c.i < verb.i
               for c in verb.children)


def in_aside(ctx: Context, tok: Token, end: TokenIndex) -> bool:
    """Whether a token stands between two dashes before ``end``, in an aside of its sentence: "— as skippers
    believe, but Nowak denies —"."""
    def dashed(tokens: Span) -> bool:
        return any(is_dash(ctx.text, t.idx) for t in tokens)
    return dashed(ctx.doc[tok.sent.start:tok.i]) and dashed(ctx.doc[tok.i + 1:end])


def persons_verb(ctx: Context, span: Span) -> Token | None:
    """The verb above quoted words whose subject is a person: "Kall compared him to a coach “bending the
    rules”" quotes Kall, whatever the verb.

    The climb passes nouns and embedded clauses up to the clause's own verb, and gives up inside a subject
    or an appositive, whose words are no one's sentence.
    """
    node = next((t for t in span if not t.is_punct and not span.start <= t.head.i < span.end), None)
    while node is not None and node.dep_ not in OWN_PHRASES and node.head.i != node.i and (
            node.pos_ not in ("VERB", "AUX") or node.dep_ in ("relcl", "acl", "ccomp", "xcomp", "advcl", "pcomp")):
        node = node.head
    if node is None or node.pos_ != "VERB" or node.dep_ in OWN_PHRASES or span.start <= node.i < span.end:
        return None
    return node if is_person(ctx, subject_of(node)) else None


def is_person(ctx: Context, subject: Token | None) -> bool:
    """Whether a subject is someone: a person the article names, or "he" or "she"."""
    return subject is not None and (subject.i in ctx.person_at or subject.lower_ in ctx.data["person_pronouns"])


def after_cue(ctx: Context, span: Span) -> Token | None:
    """A cue right after the closing mark: '...,” Putin said' or '...,” said Putin'.

    Everything between the mark and the verb must be the verb's subject or
    its adverbs, so a verb later in the narrator's sentence does not count.
    After quoted words that close on a comma any verb so placed is the cue:
    '...,” Berg joked', '...,” the mayor riffed'.
    """
    doc, last = ctx.doc, closing_punct(ctx, span)
    for tok in doc[span.end:span.end + 14]:
        if "\n" in tok.text or tok.text in SENTENCE_END or ctx.in_quote(tok.idx):
            return None
        reporting = is_cue_verb(ctx, tok)
        if reporting or tok.tag_ in ("VBD", "VBZ") and tok.pos_ == "VERB" and last == "," \
                and not any(c.dep_ in SUBJECTS and c.lower_ in ctx.data["relative_pronouns"] for c in tok.children):
            between = [t for t in doc[span.end:tok.i] if not t.is_punct]
            allowed = {t.i for c in tok.children if c.dep_ in SUBJECTS for t in c.subtree}
            allowed |= {c.i for c in tok.children if c.dep_ in ("advmod", "npadvmod", "aux", "neg")
                        and c.lower_ not in SUBORDINATORS}
            if reporting and (named_just_before(ctx, tok) or named_between(ctx, span.end, tok) is not None):
                allowed |= {t.i for t in between}  # a name the parser broke up: '...,” Lund fire Chief Olsen said'
            introduces = tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"  # "Berg said: “...”" is the next quote's
            if all(t.i in allowed for t in between) and (reporting or between) and not introduces \
                    and not (last == "." and (acts_on_a_thing(ctx, tok) or reports_its_own(tok))):
                return tok
            if reporting:
                return None
    return None


def named_just_before(ctx: Context, verb: Token) -> bool:
    """Whether the words from the closing mark to the verb are a person's name and title, nouns all, whatever the
    parser made of them."""
    words = []
    for tok in reversed(verb.doc[:verb.i]):
        if tok.is_quote or tok.is_punct:
            break
        words.append(tok)
    return bool(words) and words[0].ent_type_ == "PERSON" \
        and all(t.pos_ in NAME_AND_TITLE_TAGS or t.ent_type_ for t in words)


def named_between(ctx: Context, start: TokenIndex, verb: Token) -> Token | None:
    """The person named from a closing mark at ``start`` to the verb, with a title before the name and an
    apposition after it but no verb, however the parser hung them: '“...,” Olsen, 58, told the radio'."""
    first = next((ctx.person_at[i] for i in range(start, verb.i) if i in ctx.person_at), None)
    if first is None:
        return None
    title = [t for t in ctx.doc[start:first.start] if not (t.is_punct or t.is_space)]
    apposition = ctx.doc[first.end:verb.i]
    if all(t.pos_ in NAME_AND_TITLE_TAGS for t in title) and (not apposition or apposition[0].text == ",") \
            and not any(t.pos_ in ("VERB", "AUX") for t in apposition):
        return ctx.doc[first.end - 1]
    return None


def reports_its_own(verb: Token) -> bool:
    """A verb with a clause of its own after it: "Moro said she would have fired him" opens a report of its own
    after “....”, where "Moro said." may still be the cue."""
    return any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def closing_punct(ctx: Context, span: Span) -> str:
    """The last character before quoted words' closing marks: "," for “... the answer's no,”."""
    return ctx.text[span.start_char:span.end_char].rstrip("”’\"' ")[-1:]


def acts_on_a_thing(ctx: Context, verb: Token) -> bool:
    """A verb with an object that is no one spoken to: "Moro praised [the plan]" opens a sentence of its own after
    “....”, where "Moro told [reporters]" may still be the cue."""
    return any(c.dep_ == "dobj" and not (is_person(ctx, c) or c.ent_type_ in ("PERSON", "NORP") or c.tag_ == "NNS")
               for c in verb.children)


def before_cue(ctx: Context, span: Span) -> Token | None:
    """A cue just before the opening mark: 'Putin said: “...”', 'According to him, “...”'."""
    doc = ctx.doc
    for tok in reversed(doc[max(0, span.start - 14):span.start]):
        if "\n" in tok.text_with_ws or tok.text in SENTENCE_END:
            return None
        if ctx.in_quote(tok.idx) or is_cue_noun(ctx, tok) and tok.dep_ == "pobj":
            continue  # "... put it in a long report, “...”": the report is where, not who
        if is_cue(ctx, tok):
            return tok
        if tok.pos_ == "VERB":
            return None
    return None


def subject_of(verb: Token, quoted: Callable[[Token], bool] = lambda subject: False) -> Token | None:
    """The subject of a verb, or of the verb it shares its subject with; never one that is ``quoted``."""
    asked, raised = verb, False
    if verb.tag_ == "VBG" and verb.dep_ in SUBJECTS and verb.head.i > verb.i:
        verb = verb.head  # the parser's ", writing “…”": the participle as the subject of the quote after it
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.i != asked.i]
        # a misparse may hang the subject on a participle before the verb: "Russia, locked in ..., has accused";
        # never before the verb's own ("Moro, after the dispute flared, insisted")
        subjects = subjects or [g for c in verb.children if c.dep_ == "advcl" and c.i < verb.i
                                for g in c.children if g.dep_ in SUBJECTS and g.i < c.i]
        subjects = subjects or stray_subjects(verb, verb is asked)
        if raised:  # "Berg is reported to have called ...": the subject of the passive it is raised to
            subjects = subjects or [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb is asked and has_said(verb):
            subjects = subjects or [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
        if verb is asked and verb.lower_ in cue_data()["verb_forms"]:
            # "Berg was asked by Olsen whether ...": Olsen asks
            subjects = subjects or [o for c in verb.children if c.dep_ == "agent" for o in c.children
                                    if o.dep_ == "pobj"]
        if subjects and all(quoted(c) for c in subjects):
            # the parser made a quote's verb the head of the narration before it ("Berg settled nothing, treating it
            # as a joke -- “That was funny” -- and asserting ..."): who acts in that narration
            subjects = [g for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and not quoted(c)
                        for g in c.children if g.dep_ in SUBJECTS and not quoted(g)]
        if subjects:
            return nearest_subject(verb, subjects)
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            noun = verb.head
            intended = any(c.lower_ == "to" for c in verb.children)  # "plans to fix": what is meant, not who
            if not intended and (may_speak(noun) or not (noun.dep_ == "pobj" and noun.tag_ == "NN")):
                return noun  # "a statement calling the test a violation": the statement speaks
            verb = verb_above(noun)  # "in one segment calling ...", "his plans to fix the port by calling ...": who
            continue
        if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "began by saying": whoever began
            continue
        if verb.dep_ == "parataxis" and verb.head.tag_ == "VBG" and verb.head.i < verb.i:
            verb = verb.head  # the parser's "Berg, noting the delays, [said]": whoever notes says
            continue
        cue = cue_before_participle(verb)
        if cue is not None:
            verb = cue
            continue
        if verb.dep_ not in SHARED_SUBJECT_DEPS or verb.head.i == verb.i or impersonal(verb):
            return None
        opener = subordinate_subject(verb)
        if opener is not None:
            return opener
        shown = verb.doc[verb.i - 1] if verb.i else verb
        if verb is asked and verb.tag_ == "VBG" and shown.dep_ == "pobj" and shown.head.lower_ == "of" \
                and shown.ent_type_ == "PERSON":
            return shown  # "footage of Anna Berg asking, “...”": the parser hung her words on "uses"; not "to Berg"
        if verb.dep_ == "xcomp" and verb.head.lower_ not in cue_data()["verb_forms"]:
            told = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i
                    and (c.pos_ == "PROPN" or c.lower_ in cue_data()["person_pronouns"])]
            if told:
                # "forced Nowak to admit that ...": Nowak admits ("used strong words to deny": the user; "urged Nowak
                # to deny": the urging is the speech, Nowak's denial its content)
                return told[0]
        raised = verb.dep_ == "xcomp"
        verb = verb.head.head if beside_the_report(verb) else verb.head
    return None


def cue_before_participle(verb: Token) -> Token | None:
    """The reporting verb just before a participle and its comma, where the parser hung the participle on a verb
    further on: in '“...,” Berg said, going on to say that ... people want ...', Berg goes on, not the people."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    cue = doc[verb.i - 2]
    if cue.pos_ != "VERB" or cue.lower_ not in cue_data()["verb_forms"] or cue.i == verb.head.i:
        return None
    return cue if any(c.dep_ in SUBJECTS for c in cue.children) else None


def impersonal(verb: Token) -> bool:
    """An infinitive after "it is" and an adjective: in "It is fair to say that ..." or "it would be wrong to claim
    ...", "it" is nobody, and the sentence names no one who says it."""
    if verb.dep_ != "xcomp" or not infinitive(verb):
        return False
    copula = verb.head.head if verb.head.dep_ == "acomp" else verb.head
    return copula.lower_ in COPULAS | {"be"} and any(c.dep_ == "acomp" for c in copula.children) \
        and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children)


def subordinate_subject(verb: Token) -> Token | None:
    """The name a subordinating word opens that the parser read as its object, when the verb after it is joined to
    the main verb without "and" or "but": in "Berg has stayed away from the quay since Olsen, at a meeting, cited
    ...", Olsen cites."""
    head = verb.head
    if verb.dep_ != "conj" or any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children):
        return None
    return next((o for c in head.children if c.dep_ == "prep" and c.lower_ in ("since", "after", "before", "until")
                 and head.i < c.i < verb.i for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)


def has_said(verb: Token) -> bool:
    """ "He's said he ...": a verb whose "'s" the parser read as a passive "is", though a clause of its own follows
    (unlike "it's said that")."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in verb.children) and reports_its_own(verb)


def nearest_subject(verb: Token, subjects: list[Token]) -> Token:
    """The subject nearest the verb, as a dateline ("KYIV, March 4 (Reuters) -") can parse as a second one; but
    after a closing mark the one after the verb, as the quote's own words say nobody ('“Yikes,” wrote a fan'), and a
    name rather than the description the parser made a second subject beside it ("Kim Su-bin, the harbour
    master, vowed")."""
    doc = verb.doc
    if verb.i and doc[verb.i - 1].is_quote:
        subjects = [c for c in subjects if c.i > verb.i] or subjects
    nearest = after_dateline(min(subjects, key=lambda c: abs(verb.i - c.i)))
    named = [c for c in subjects if c.pos_ == "PROPN" and c.i < nearest.i and doc[c.right_edge.i + 1].text == ","
             and nearest.left_edge.i == c.right_edge.i + 2]
    return named[0] if named and nearest.pos_ == "NOUN" else nearest


def spaced_dash(tok: Token) -> bool:
    """A dash with a space before it, as after a dateline ("LUND - "), not a hyphen inside a word."""
    spaced = tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
    return spaced and (tok.text == "-" or is_dash(doc_text(tok.doc), tok.idx))


def after_dateline(subject: Token) -> Token:
    """The name after a dateline the parser made the subject, the name joined to it ("LUND, Sweden - Tomas Berg,
    the harbour chief, said"); else the subject, as after a name and a dashed aside ("Berg -- a pilot -- said")."""
    doc = subject.doc
    dateline = subject.text.isupper() and len(subject) > 1
    opens_line = dateline and line_bounds(doc_text(doc), subject.idx)[0] == doc[subject.left_edge.i].idx
    joined = (c for c in subject.children if c.dep_ in ("conj", "appos") and c.i > subject.i
              and any(spaced_dash(t) for t in doc[subject.i + 1:c.left_edge.i]))
    return next(joined, subject) if opens_line else subject


def beside_the_report(verb: Token) -> bool:
    """A finite verb the parser joined to the verb of a reported clause it cannot share a modal with, the same
    reporting verb again, or a reporting participle hung on the clause: in "Berg said that the country would leave
    and suggested that ...", "Berg said the closure was ordered by Olsen and said, “...”" and "Berg argued that the
    delays were rare, explaining ...", the second verb goes with the first."""
    clause, forms = verb.head, cue_data()["verb_forms"]
    if clause.dep_ != "ccomp":
        return False
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.lower_ in forms:
        # "argued that the delays were rare, explaining ...": who argued explains; not a quote's verb after it, which
        # the parser made govern the narration before the quote
        return clause.head.lower_ in forms and clause.head.i < clause.i
    if verb.dep_ == "conj" and disagrees(verb, clause) and not disagrees(verb, clause.head):
        return True  # "pilots fear that Berg has lost and warn that ...": Berg cannot "warn", the pilots can
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ"):
        return False
    repeated = verb.lower_ in forms and forms[verb.lower_] == forms.get(clause.head.lower_)
    # "tweeted that Moro was “a con” and encouraged voters to ...": a description is said, not done
    described = verb.lower_ in forms and clause.lower_ in COPULAS and verb.tag_ == clause.head.tag_
    return repeated or described or clause.tag_ == "VB" and any(c.tag_ == "MD" for c in clause.children)


def disagrees(verb: Token, clause: Token) -> bool:
    """A present-tense verb that cannot take the clause's subject: "warn" after "Berg", "warns" after "pilots"; a
    base form joined to a tensed verb ("Berg has lost and warn") is the tagger's reading of a present one."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    tag = "VBP" if verb.tag_ == "VB" and clause.tag_ in ("VBD", "VBN", "VBZ") else verb.tag_
    if subject is None or tag not in ("VBZ", "VBP"):
        return False
    joined = any(c.dep_ == "conj" for c in subject.children)  # "Berg and Holm"
    singular = subject.lower_ in ("he", "she", "it") or subject.tag_ in ("NN", "NNP") and not joined
    return singular != (tag == "VBZ")


def stray_subjects(verb: Token, asked: bool) -> list[Token]:
    """Subjects a misparse put beside a verb rather than under it: on the clause after a cue that follows a quote
    ("…,” said retired pilot Ines Moro, asked about …"), on the quote's second half or as its object, or, for the
    verb asked about itself, a name just before a finite verb that the parser hung on the name before it ("her
    husband, Piotr Berg, former governor Ines Moro said ...") or on a fronted phrase ("In a letter to the Gazette,
    her adviser, Tomas Vellmark, said"), and for any verb one it joined to an object before it ("charged him with
    theft and Noble fired ..."), or the name the parser made a subject of its own relative clause ("Nowak, who sits
    on the board, said")."""
    if verb.i == 0:
        return []
    named = subject_read_as_noun(verb)
    if named is not None:
        return [named]
    before = verb.doc[verb.i - 1]
    if before.is_quote:
        after = [g for c in verb.children if c.i > verb.i for g in c.children
                 if g.dep_ in SUBJECTS and g.left_edge.i == verb.i + 1 and g.i < c.i]
        # "“The danger,” said Olsen, an economist, “is that ...”": the parser gives the name to the quote's second half
        after += [g for g in verb.head.children if verb.head.i > verb.i and g.dep_ in SUBJECTS
                  and g.left_edge.i == verb.i + 1]
        # "“Is it over?” asked Ines Moro": the parser reads who asks as whom
        after = after or [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"
                          and c.left_edge.i == verb.i + 1 and verb.tag_ in ("VBD", "VBZ")]
        if after:
            return after
    clause = relative_clause_misparse(verb) if asked else None
    if clause is not None:
        return [c for c in clause.children if c.dep_ in SUBJECTS][:1]
    auxiliaries = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i]  # "had said"
    start = min([verb.i] + [c.i for c in auxiliaries])
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)  # "Berg, ..., was criticized by"
    if start > 1 and verb.doc[start - 1].text == "," and not passive:
        before = apposition_name(verb.doc[start - 2]) or before  # the aside's closing comma
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in [verb] + auxiliaries)
    # "charged the treasurer with theft and Noble fired ...": the parser joined the name to the object before it
    joined = before.dep_ == "conj" and verb.dep_ == "conj" and verb.head.i < before.head.i
    if (asked or joined) and finite and before.pos_ == "PROPN" \
            and before.dep_ in ("appos", "conj", "pobj") and before.head.i < before.i \
            and before.ent_type_ in ("PERSON", "ORG", "NORP"):
        return [before]
    return []


def apposition_name(last: Token) -> Token | None:
    """The name of an aside that ends with ``last``: the name itself ("her adviser, Tomas Vellmark,"), the name a
    description stands beside ("Col. Ivar Berg, a navy spokesman in Lund,") or the name just before a participle
    aside the parser hung elsewhere ("Piet Nowak, asked about the delays,")."""
    doc = last.doc

    def participle_aside(node: Token) -> bool:
        first = node.left_edge.i
        return node.pos_ == "VERB" and not any(c.dep_ in SUBJECTS for c in node.children) and first > 1 \
            and doc[first - 1].text == ","

    while last.dep_ != "appos" and not participle_aside(last) and last.head.i < last.i:
        last = last.head
    if last.dep_ == "appos":
        return last if last.pos_ == "PROPN" or last.head.pos_ != "PROPN" else last.head
    named = doc[last.left_edge.i - 2] if participle_aside(last) else None
    return named if named is not None and named.pos_ == "PROPN" else None


def subject_read_as_noun(verb: Token) -> Token | None:
    """A name the parser hung on a finite verb as a compound, reading the verb as a noun: the verb's subject
    ('“...,” Olsen notes', "that Berg needs to ...", "Olsen charges that ...")."""
    if read_as_plural_noun(verb):
        return verb.doc[verb.i - 1]
    if verb.tag_ not in ("VBD", "VBZ"):
        return None
    return next((c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < verb.i), None)


def relative_clause_misparse(verb: Token) -> Token | None:
    """The clause before a verb that the parser built from the verb's subject and a relative clause on it, both
    as its subjects: "Nowak, who sits on the board, said ..."; that clause is no report."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i):
        subjects = [s for s in clause.children if s.dep_ in SUBJECTS and s.i < clause.i]
        if len(subjects) == 2 and subjects[1].lower_ in cue_data()["relative_pronouns"]:
            return clause
    return None


def cue_source(ctx: Context, cue: Token) -> Token | None:
    """The token heading the phrase that names who speaks through this cue, or None."""
    owner = account_owner(ctx, cue)
    if owner is not None:
        return owner
    if is_sourcing(ctx, cue):
        objects = [c for c in (cue.doc[cue.i + 1] if is_according(cue) else cue).children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    if is_cue_noun(ctx, cue):
        # "called [Washington's claims] ..." reports the caller; "Lukashenko's claim" and
        # "rejected Berg's claim that ..." the possessor, whose claim the clause says
        owners = [c for c in cue.children if c.dep_ == "poss" or c.i < cue.i and possessive(c)]
        said = any(c.dep_ in ("acl", "ccomp") for c in cue.children)
        verb = verb_above(cue)
        disputed = may_report(verb.text, "disputes")  # "Nowak rejected the claim that ...": not Nowak's claim
        if cue.dep_ == "dobj" and is_cue_verb(ctx, cue.head) and not disputed and not (owners and said):
            return cue_source(ctx, cue.head)
        if owners:
            return owners[0]
        if cue.lower_ in ctx.data["document_nouns"]:
            return cue  # "a Times report that ...": the document speaks for whoever issued it
        return None if disputed else subject_of(verb)
    # a subject wholly inside quoted words is theirs, where the parser joined the cue to them: '“We lost,” Moro told'
    outside = not ctx.in_quote(cue.idx)
    return subject_of(cue, lambda subject: outside and ctx.within_quote(subject.left_edge.idx,
                                                                        subject.idx + len(subject))) \
        or name_after(ctx, cue) or name_before(ctx, cue) or fragment_subject(ctx, cue)


def fragment_subject(ctx: Context, cue: Token) -> Token | None:
    """The subject of the sentence before a participle that opens a sentence with no subject of its own: in "Moro
    stated that the report was weak. Adding, “...”" the full stop cuts what is one sentence (the parser may hang the
    participle on the quote's verb); not "Criticizing the police will cost votes", a subject itself."""
    sent = cue.sent
    if cue.tag_ != "VBG" or cue.i != sent.start or sent.start == 0 \
            or not (cue.dep_ == "ROOT" or ctx.in_quote(cue.head.idx)) \
            or any(t.dep_ in SUBJECTS and not ctx.in_quote(t.idx) for t in sent):
        return None
    return subject_of(cue.doc[sent.start - 1].sent.root)


def possessive(noun: Token) -> bool:
    """A noun marked with "'s", whatever the parser made it: "Lund police’s earlier claim" (read as its subject)."""
    return any(c.dep_ == "case" and c.lower_ in ("'s", "’s", "'", "’") for c in noun.children)


def name_before(ctx: Context, cue: Token) -> Token | None:
    """A person named between the closing mark just before a cue and the cue ('“...,” Olsen, 58, told')."""
    for tok in reversed(cue.doc[max(0, cue.i - 14):cue.i]):
        if closes_quote(ctx, tok):
            return named_between(ctx, tok.i + 1, cue)
    return None


def closes_quote(ctx: Context, tok: Token) -> bool:
    """Whether a token is the mark that closes quoted words."""
    return tok.is_quote and ctx.in_quote(tok.idx - 1)


def name_after(ctx: Context, cue: Token) -> Token | None:
    """A person named right after an inverted cue, whatever the parser made of the words: a surname in -ly read as
    an adverb ('“...,” said Sweetly'), the cue read as an adjective on the title ('“...,” tweeted ferry spokesman Ivar
    Berg')."""
    doc = cue.doc
    if not (cue.i and closes_quote(ctx, doc[cue.i - 1])):
        return None
    for tok in doc[cue.i + 1:cue.i + 6]:
        if tok.i in ctx.person_at:
            name = doc[ctx.person_at[tok.i].end - 1]
            return None if name.head.i == cue.i and name.dep_ in ("dobj", "dative") else name  # "thanked Berg"
        if tok.pos_ not in NAME_AND_TITLE_TAGS:
            return None
    return None


def written_phrase(head: Token) -> CharSpan:
    """[start, end) of the source phrase as written: the head with its modifiers.

    Relative clauses, appositives and anything after a comma stay out:
    "a senior official, who asked not to be named" is "a senior official";
    others joined by "and" stay in ("developers and supporters in the council").
    """
    doc = head.doc
    first, last = phrase_tokens(head)
    return doc[first].idx, doc[last].idx + len(doc[last])


def phrase_tokens(head: Token) -> tuple[TokenIndex, TokenIndex]:
    """The first and last token indices of written_phrase."""
    doc = head.doc
    last = head.i
    for child in head.rights:
        if child.dep_ not in ("prep", "amod", "compound", "nummod", "pobj", "case", "cc", "conj") or any(
                t.is_punct and t.text not in "’'-." for t in doc[last + 1:child.i]):
            break
        # one joined by "and" as written, without its own aside: "Berg and Holm, a pilot,"
        last = phrase_tokens(child)[1] if child.dep_ == "conj" else child.right_edge.i
    first = head.left_edge.i
    # a dateline or a lead-in the parser joined to the name: "LUND - Tomas Berg"; not a name before a description
    # ("Berg - a harbour pilot")
    dash = max([t.i for t in doc[first:head.i] if spaced_dash(t)], default=None)
    named = dash is not None and any(t.pos_ == "PROPN" and not t.is_upper for t in doc[first:dash])
    if dash is not None and not (named and head.pos_ != "PROPN"):
        first = dash + 1
    while first < head.i and (doc[first].is_punct or doc[first].dep_ == "cc"):  # "But Sen. Anna Berg"
        first += 1
    while last > head.i and doc[last].is_punct:
        last -= 1
    return first, last


# --- reported speech ---------------------------------------------------------------


def reported(ctx: Context) -> list[Attribution]:
    """An Attribution for each reported clause or claimed number outside quotation marks.

    The content is what a reporting verb or noun governs ("said [Russia had
    lost 54 tanks]", "[...], the army said", "his claim that [...]"), the rest
    of the sentence around "according to X", or a claim's object holding a
    number. Clauses that are mostly quoted are quotes already.
    """
    found = []
    for tok in ctx.doc:
        if not is_cue(ctx, tok) or in_headline(ctx.text, tok.idx):
            continue
        content = reported_content(ctx, tok)
        if content is None:
            continue
        start, end = through_quotes(ctx, *content)
        inside_quote = ctx.within_quote(start, end)
        if end <= start or inside_quote or ctx.quoted_share(start, end) > 0.5 and not framed(ctx, start, end):
            continue
        if not ctx.data["indirect_with_quotes"] and ctx.quoted_share(start, end) > 0:
            continue
        attribution = attribute(ctx, start, end, "indirect", tok)
        if attribution.written is not None:  # a report needs someone reporting, named or not
            found.append(attribution)
    return found


def through_quotes(ctx: Context, start: CharOffset, end: CharOffset) -> CharSpan:
    """[start, end) run on to the close of quoted words it opens: "said she expects “to win.”"

    The parser hangs the closing period and mark on the cue, so the clause
    would stop inside the quote it frames.
    """
    for i in ctx.quoted.overlapping(start, end):
        opened, closed = ctx.marked[i]
        if start < opened and end < closed:
            end = closed + len(closing_mark(ctx.text, closed))
    return start, end


def closing_mark(text: str, at: CharOffset) -> str:
    """The quotation mark that closes quoted words at ``at``: "''" for two straight single marks."""
    if text.startswith("''", at):
        return "''"
    return text[at] if at < len(text) and text[at] in CLOSING_QUOTES else ""


def reported_content(ctx: Context, cue: Token) -> CharSpan | None:
    """[start, end) of what this cue reports, or None."""
    if is_sourcing(ctx, cue):
        return according_clause(ctx, cue)
    if is_cue_noun(ctx, cue):
        # a "relcl" whose "that" is a mark, not its subject or object, is the report's content too
        clauses = [c for c in cue.children
                   if c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" for m in c.children)]
        clauses = [c for c in clauses if has_subject(c)] or that_clause_after_noun(cue)
        return token_range(clauses[0], own_reports(ctx, clauses[0])) if clauses else revised_estimate(cue)
    if (may_report(cue.text, "clause") or as_it(cue)) and framed_by_as(cue):
        return clause_around(cue.head, cue)
    finding = document_finding(ctx, cue)
    if finding is not None:
        return finding
    if may_report(cue.text, "clause"):
        clause = reported_clause(ctx, cue)
        if clause is not None:
            return clause
    if may_report(cue.text, "number") and not set_as_task(cue):
        number = claimed_number(cue)
        if number is not None:
            return number
    if may_report(cue.text, "object"):
        return spoken_object(cue)
    return quoted_complement(ctx, cue) if may_report(cue.text, "quote") else None


def complement(cue: Token) -> Span | None:
    """The words of a verb's object and what follows it: "called [the plan a disgrace]"."""
    parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in ("dobj", "prep", "oprd", "attr", "xcomp", "dative",
                                                                    "ccomp") or goes_on_to(c))
             and not is_date_phrase(c) and not is_occasion(c)]
    tokens = sorted((t for c in parts for t in c.subtree), key=lambda t: t.i)
    # the parser may hang the occasion on the object: "cited the figure [at the forum]"
    occasion = next((k for k, t in enumerate(tokens) if k and t.dep_ == "prep" and is_occasion(t) and t.head in parts),
                    len(tokens))
    tokens = without_end_punct(tokens[:occasion])
    if not tokens:
        return None
    # "$19, which Nowak claimed as the typical gift": the object a relative pronoun stands for opens the words
    relative = relative_object(cue)
    return cue.doc[relative.left_edge.i if relative is not None else tokens[0].i:tokens[-1].i + 1]


def relative_object(cue: Token) -> Token | None:
    """The noun a claiming verb's relative-pronoun object stands for: "[$19], which Nowak claimed as ...", or None;
    not one a verb only calls something ("$3 billion, which Nowak called a joke") or disputes."""
    if cue.dep_ != "relcl" or not any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in cue.children) \
            or not (may_report(cue.text, "clause") or verb_tag(cue.text) == "claim") \
            or may_report(cue.text, "disputes"):
        return None
    return cue.head


def is_occasion(prep: Token) -> bool:
    """A phrase of where or when something was said: "in the debate", "at the forum"; "at 40 tanks" is a claim."""
    numbered = any(o.like_num or any(c.dep_ == "nummod" for c in o.children) for o in prep.children if o.dep_ == "pobj")
    return prep.lower_ in CIRCUMSTANCES or prep.lower_ == "at" and not numbered


def infinitive(verb: Token) -> bool:
    """A verb with its "to": "to spend", "to say"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def goes_on_to(clause: Token) -> bool:
    """An infinitive the parser hung on the verb, not its object: "promised on Friday [to spend 9m crowns]"."""
    return clause.dep_ == "advcl" and infinitive(clause)


def spoken_object(cue: Token) -> CharSpan | None:
    """[start, end) of what a speech act is about: "accused [Russia of shelling the plant]", "called for [talks]".

    A bare pronoun ("called him") says nothing worth a row.
    """
    words = complement(cue)
    if words is None or sum(t.is_alpha and t.pos_ != "PRON" for t in words) < 2:
        return None
    return words.start_char, words.end_char


def quoted_complement(ctx: Context, cue: Token) -> CharSpan | None:
    """[start, end) of what a verb says about something in quoted words: "called [the plan a “disgrace”]".

    The verb's object and what follows it, when quoted words stand in them;
    the quote alone would drop who or what the words are about.
    """
    words = complement(cue)
    return (words.start_char, words.end_char) if words is not None and framed(ctx, words.start_char, words.end_char) \
        else None


def framed(ctx: Context, start: CharOffset, end: CharOffset) -> bool:
    """Whether quoted words stand inside [start, end) with words of the reporter's own around them."""
    inside = [ctx.marked[i] for i in ctx.quoted.within(start, end)]
    if not inside:
        return False
    rest = ctx.text[start:end]
    for s, e in sorted(inside, reverse=True):
        rest = rest[:s - start] + rest[e - start:]
    return sum(w.isalpha() for w in rest.split()) >= 2


def framed_by_as(cue: Token) -> bool:
    """ "As Berg noted, ...", "The plan, as Berg put it, ...", "As reported by the Courier, ...": a cue that frames
    the sentence it hangs on; not one that relays what the sentence reports ('“...,” Moro said, as reported by
    the Courier')."""
    relayed = cue.head.lower_ in cue_data()["verb_forms"] and any(t.is_quote for t in cue.sent if t.i < cue.i)
    return cue.dep_ == "advcl" and cue.head.pos_ in ("VERB", "AUX") and has_subject(cue.head) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
        and any(c.dep_ in SUBJECTS or c.dep_ == "agent" and not relayed for c in cue.children)


def clause_around(head: Token, inner: Token) -> CharSpan | None:
    """[start, end) of the clause ``head`` heads, without ``inner``'s clause when it opens or closes it
    ("As Berg noted, ...", "..., as Berg noted"); one set off in the middle stays, as in set_off."""
    tokens = list(head.subtree)
    words_before = sum(not t.is_punct for t in tokens if t.i < inner.left_edge.i)
    words_after = sum(not t.is_punct for t in tokens if t.i > inner.right_edge.i)
    if not words_after:
        tokens = [t for t in tokens if t.i < inner.left_edge.i]
    elif words_before <= 1:  # "As Berg noted, ..." or "Yet, as Berg noted, ..."
        tokens = [t for t in tokens if t.i > inner.right_edge.i]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    return char_range(without_end_punct(tokens))


def reported_clause(ctx: Context, cue: Token) -> CharSpan | None:
    """[start, end) of the clause a reporting verb governs, before or after it.

    "said [it had shot down 30 drones]"; "[30 drones were shot down], the
    army said", where the parser makes the report the verb's complement or
    hangs the verb on the report ("parataxis").
    """
    misparse = relative_clause_misparse(cue)
    clauses = [c for c in cue.children if c.dep_ == "ccomp" and c != misparse] or that_clause_after_phrase(cue)
    subject = object_as_subject(cue, clauses)
    if subject is not None:
        # "explaining [the firings] amounted to ...": the parser took the clause's subject for the verb's object
        return words_between(cue.doc, subject.left_edge.i, clauses[0].right_edge.i)
    # a clause before its cue ("..., the army said") is a report whatever the parser made of its subject, unless the
    # cue opens a quote after it ("..., Nowak said, “...”")
    clauses = [c for c in clauses if has_subject(c) or c.i < cue.i and c.pos_ in ("VERB", "AUX")]
    if opens_quote_after(ctx, cue):
        clauses = [c for c in clauses if c.i > cue.i]
    # a colon or semicolon ends the clause before it: "Olsen likes the night ferries: he said he sold 9,000 tickets"
    clauses = [c for c in clauses if c.i > cue.i
               or not any(t.text in CLAUSE_BREAKS for t in cue.doc[c.right_edge.i + 1:cue.i])]
    if clauses:
        span = token_range(clauses[0], own_reports(ctx, clauses[0]) | narration_after(cue, clauses[0]))
        more = [token_range(c) for c in cue.children if continues_report(cue, clauses[0], c)]
        listed = next((c for c in cue.children if continues_list(clauses[0], c)), None)
        if listed is not None:  # the list runs to the end of the cue's phrase: "..., Moro at 12 percent [and Olsen]"
            more.append(words_between(cue.doc, listed.left_edge.i, cue.right_edge.i))
        return (span[0], max([span[1]] + [m[1] for m in more if m])) if span else None
    gerund = gerund_as_complement(cue)
    if gerund is not None:
        return gerund
    head = cue.head
    if cue.dep_ == "parataxis" and head.pos_ in ("VERB", "AUX") and has_subject(head) \
            and any(c.dep_ in SUBJECTS for c in cue.children):
        if head.i < cue.i:
            return token_range(head, {t.i for t in cue.subtree} | own_reports(ctx, head))
        return token_range(head)  # "Acts of protest, he said, are acts of patriotism": the report runs around its cue
    return set_off(cue)


def gerund_as_complement(cue: Token) -> CharSpan | None:
    """[start, end) of a clause whose gerund subject the parser made the verb's complement, hanging the clause's
    verb on it: "said [having Berg on the ticket] puts seats at risk"."""
    gerund = next((c for c in cue.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == cue.i + 1), None)
    if gerund is None:
        return None
    clause = next((c for c in gerund.children if c.dep_ == "ccomp" and c.i > gerund.i
                   and c.tag_ in ("VBD", "VBZ", "VBP") and not has_subject(c)), None)
    return None if clause is None else words_between(cue.doc, gerund.i, clause.right_edge.i)


def opens_quote_after(ctx: Context, cue: Token) -> bool:
    """Whether quoted words open right after the cue and a comma or colon: 'said, “...”', 'said: “...”'."""
    doc = cue.doc
    k = cue.i + 1
    while k < len(doc) and doc[k].text in (",", ":"):
        k += 1
    return k < len(doc) and doc[k].is_quote and ctx.in_quote(doc[k].idx + len(doc[k].text))


def object_as_subject(cue: Token, clauses: list[Token]) -> Token | None:
    """The verb's object that the parser took from the subjectless clause right after it, or None; a verb that
    may have an object of its own ("telling reporters ...") keeps it. A count read as the verb's preposition is
    such a subject too: "says [about a third of the fleet] needs repair"."""
    if not clauses or has_subject(clauses[0]) or clauses[0].i < cue.i or may_report(cue.text, "object"):
        return None
    objects = [c for c in cue.children if (c.dep_ == "dobj" or c.dep_ == "prep" and is_count(c))
               and cue.i < c.i < clauses[0].i and c.right_edge.i + 1 == clauses[0].left_edge.i]
    return objects[0] if objects else None


def set_off(cue: Token) -> CharSpan | None:
    """[start, end) of the sentence a cue is set off inside by commas: "These workers, Berg said at the
    hearing, were well paid".

    The parser may make such a cue the root and the report its parts, so the
    commas decide: words of the report on both sides.
    """
    doc, sent = cue.doc, cue.sent
    subject = next((c for c in cue.children if c.dep_ in SUBJECTS and c.i < cue.i), None)
    if subject is None:
        return None
    opening = subject.left_edge.i - 1
    closing = max([cue.i] + [t.i for c in cue.children if c.i > cue.i and c.dep_ in ("advmod", "npadvmod", "prep")
                              for t in c.subtree]) + 1
    if opening <= sent.start or closing >= sent.end or doc[opening].text != "," or doc[closing].text != ",":
        return None
    if sum(t.is_alpha for t in doc[sent.start:opening]) < 2 or sum(t.is_alpha for t in doc[closing:sent.end]) < 2:
        return None
    return token_range(sent.root)


def document_finding(ctx: Context, cue: Token) -> CharSpan | None:
    """[start, end) of what a poll, study or report shows: all its verb governs after it, however the parser hung
    the figures ("a poll showed Berg ahead, [52 percent to 31 percent]", "showed Moro with an edge, [taking 44
    percent]"). A document does nothing but report, so the rest of its clause is its finding; a clause joined with a
    subject of its own is not."""
    documents = ctx.data["document_nouns"]
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in documents or cue_tag(ctx, cue) != "claim" \
            or not is_cue_verb(ctx, cue):
        return None

    def method(clause: Token) -> bool:
        """How the document was made, not what it found: "using [surveys] from 14 towns"."""
        return clause.dep_ == "advcl" and any(c.dep_ == "dobj" and c.lower_ in documents for c in clause.children)
    parts = [c for c in cue.children if c.i > cue.i and c.dep_ not in ("punct", "cc") and not method(c)
             and not (c.dep_ in ("conj", "parataxis") and has_subject(c))]
    if not parts:
        return None
    tokens = list(cue.doc[parts[0].left_edge.i:parts[-1].right_edge.i + 1])

    def opens_clause(k: int) -> bool:
        """A colon or semicolon before a clause of its own: "surveys show X: a survey in June found Y", not "what
        a pass would cost: 900 crowns"."""
        return tokens[k].text in CLAUSE_BREAKS and any(
            t.pos_ in ("VERB", "AUX") and t.head.i < tokens[k].i
            and any(c.dep_ in SUBJECTS and c.i > tokens[k].i for c in t.children)
            for t in tokens[k + 1:])
    tokens = without_end_punct(next((tokens[:k] for k in range(len(tokens)) if opens_clause(k)), tokens))
    return char_range(tokens[1:] if tokens and tokens[0].dep_ == "mark" else tokens)


def set_as_task(verb: Token) -> bool:
    """An infinitive under a verb that reports nothing: "will need to find $500 a month" is a task, not a finding."""
    return verb.dep_ == "xcomp" and infinitive(verb) and verb.head.lower_ not in cue_data()["verb_forms"]


def claimed_number(cue: Token) -> CharSpan | None:
    """[start, end) of a claim's object when it holds a number: "estimated [losses at 40 tanks]"."""
    if not any(c.i > cue.i and (c.dep_ in ("dobj", "xcomp") or c.lower_ == "for") for c in cue.children):
        return None  # an object, a plan ("wants to hire 500"), or a call "for" something
    words = complement(cue)
    if words is None or not any(t.like_num and t.ent_type_ not in ("DATE", "TIME", "ORDINAL") for t in words):
        return None
    return words.start_char, words.end_char


def own_reports(ctx: Context, clause: Token) -> set[TokenIndex]:
    """Token indices of clauses hung on ``clause`` that are reports of their own.

    "said it had shot down 30 drones, while officials in Odesa said ...": the
    "while" clause has its own speaker and is no part of the first report; "said
    it was late and that the report did not show ..." is the first speaker's
    second clause.
    """
    cut = set()
    for child in clause.children:
        if child.dep_ in ("advcl", "conj") and child.i > clause.i and is_cue_verb(ctx, child) \
                and any(c.dep_ in SUBJECTS and c.i < child.i for c in child.children) \
                and not any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            cut |= {t.i for t in child.subtree}
    return cut


def continues_report(cue: Token, clause: Token, child: Token) -> bool:
    """Whether a verb the parser joined to the cue goes on with the report: "says it would X but would add Y",
    "said the town needs X, but that she would not back Y".

    It opens with "that", or it has no subject of its own and the report's
    modal ("would", "will"), which the cue lacks.
    """
    def modals(verb: Token) -> set[str]:
        return {c.lower_ for c in verb.children if c.tag_ == "MD"}
    if child.dep_ != "conj" or child.i < clause.i:
        return False
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children) \
        or not any(c.dep_ in SUBJECTS for c in child.children) and bool(modals(child) & modals(clause)) \
        and not modals(cue)


def continues_list(clause: Token, child: Token) -> bool:
    """Whether a phrase the parser hung on the cue after the report, past a comma, goes on with the figures the
    report lists: "a poll showed Berg ahead at 38 percent, followed by Olsen at 21 percent, [Moro at 12 percent]"."""
    def numbered(head: Token) -> bool:
        return any(t.like_num for t in head.subtree)
    return child.i > clause.right_edge.i and child.dep_ in ("npadvmod", "appos", "dobj") \
        and child.doc[child.left_edge.i - 1].text == "," and numbered(clause) and numbered(child)


def narration_after(cue: Token, clause: Token) -> set[TokenIndex]:
    """Token indices of what the reporter goes on to say the speaker did: "said the plan had failed, then left".

    A verb joined to the report with no subject of its own, in the tense of
    the cue and not of the report, is the speaker's next act, not their words.
    """
    cut = set()
    for child in clause.children:
        if child.dep_ in ("conj", "dep") and child.i > clause.i and child.tag_ == cue.tag_ != clause.tag_ \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in child.children) \
                and not any(c.dep_ == "aux" for c in cue.children):
            cut |= {t.i for t in child.subtree}
            cut |= {c.i for c in clause.children if c.dep_ in ("advmod", "cc") and child.i - 2 <= c.i < child.i}
    return cut


def has_subject(clause: Token) -> bool:
    """A finite reported clause has its own subject ("Russia had lost", "[dredging the bay] will cost"); "pledging
    ..." has none."""
    # the parser may hang the subject on the clause's auxiliary: "the boy [was] pepper-sprayed"
    heads = [clause] + [c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.i < clause.i]
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for h in heads for c in h.children) \
        or subject_read_as_noun(clause) is not None


def revised_estimate(noun: Token) -> CharSpan | None:
    """[start, end) of what is done to someone's own estimate, with its number: "raised [its forecast to 3.1%]".

    The estimate stays its owner's claim whoever the sentence's subject is.
    """
    if noun.dep_ != "dobj" or not any(c.dep_ == "poss" for c in noun.children):
        return None
    return claimed_number(noun.head)


def verb_above(noun: Token) -> Token:
    """The verb a noun hangs on, climbing the parse; the root when none is."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def that_clause_after_noun(noun: Token) -> list[Token]:
    """The "that" clause right after a reporting noun, which the parser hung on the verb above it:
    "seized on a Ledger report [that the council had lost $9m]"."""
    after = noun.right_edge.i + 1
    when = next((c for c in verb_above(noun).children if c.dep_ == "prep" and c.i == after and is_date_phrase(c)), None)
    if when is not None:
        after = when.right_edge.i + 1  # "his claim on Monday that ...": the day the parser hung on the verb
    return [c for c in verb_above(noun).children if c.dep_ == "ccomp" and c.left_edge.i == after
            and c.left_edge.lower_ == "that" and has_subject(c)]


def noun_before_clause(ctx: Context, clause: Token) -> Token | None:
    """The reporting noun whose "that" clause this is, where the parser hung it on the verb above the noun."""
    if clause.dep_ != "ccomp" or clause.left_edge.lower_ != "that" or not clause.left_edge.i:
        return None
    before = clause.doc[clause.left_edge.i - 1]
    if before.dep_ == "pobj" and is_date_phrase(before.head) and before.head.i:
        before = clause.doc[before.head.i - 1]  # over "on Monday"
    node = before
    while node.right_edge.i == before.i and node.head.i != node.i:
        if is_cue_noun(ctx, node) and clause in that_clause_after_noun(node):
            return node
        node = node.head
    return None


def that_clause_after_phrase(cue: Token) -> list[Token]:
    """A "that" clause the parser hung on a phrase after the verb: "stated during the meeting that ...", "said
    following a vote in May that ..." (where "that" opens the clause rather than standing in it)."""
    phrases = [c for c in cue.children if c.i > cue.i and (c.dep_ == "prep" or c.tag_ == "VBG" and c.dep_ == "xcomp")]
    for phrase in phrases:
        for noun in (c for c in phrase.children if c.dep_ in ("pobj", "dobj")):
            for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
                first = clause.left_edge
                if first.lower_ == "that" and (first.i == noun.i + 1 or first.dep_ == "mark"):
                    return [clause]
    return []


def token_range(head: Token, cut: Collection[TokenIndex] = frozenset()) -> CharSpan | None:
    """Char range of a clause's subtree, without a leading "that" or edge punctuation.

    It ends before the first ``cut`` token (a report of its own that follows).
    """
    tokens = [t for t in head.subtree]
    if cut:
        tokens = tokens[:next((k for k, t in enumerate(tokens) if t.i in cut), len(tokens))]
    # "that Moro was “rude” [and] encouraged ...": the parser may leave a conjunction to the clause before
    while tokens and tokens[-1].dep_ in ("cc", "mark", "punct") and tokens[-1].text not in CLOSING_MARKS:
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct and tokens[0].text not in OPENING_MARKS or tokens[0].lower_ == "that"):
        tokens = tokens[1:]
    if tokens and tokens[0].dep_ == "prep" and tokens[0].head.i == head.i and is_date_phrase(tokens[0]) \
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tokens[0].i for c in head.children):
        # "said on Monday it had ...": the parser hangs the day of saying on the clause
        last = tokens[0].right_edge.i
        tokens = [t for t in tokens if t.i > last]
        while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that"):
            tokens = tokens[1:]
    return char_range(without_end_punct(tokens))


def char_range(tokens: list[Token]) -> CharSpan | None:
    """[start, end) from the first token to the last, or None for no tokens."""
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if tokens else None


def words_between(doc: Doc, first: TokenIndex, last: TokenIndex) -> CharSpan | None:
    """[start, end) of the tokens from ``first`` to ``last``, without the punctuation that ends them."""
    return char_range(without_end_punct(list(doc[first:last + 1])))


def without_end_punct(tokens: list[Token]) -> list[Token]:
    """``tokens`` without the punctuation and line breaks that end them, a closing quotation mark and a percent sign
    kept."""
    while tokens and (tokens[-1].is_space or tokens[-1].is_punct and tokens[-1].text not in CLOSING_MARKS + ("%",)):
        tokens = tokens[:-1]
    return tokens


def is_date_phrase(prep: Token) -> bool:
    """Whether a prepositional phrase names a day or time: "on Monday", "late on Friday"."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def stray_appositive(phrase: Span) -> Token | None:
    """The subject of the clause after "According to X, ..." that the parser hung on X as an appositive:
    "According to the league, [412 of its 600 members] voted"; a count is never a description of X, whatever
    stands between it and the verb ("..., 412 of its 600 members — a group of pilots — voted")."""
    verb = phrase.root.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i < phrase.start:  # "..., according to X, two of its heads"
        return None
    appositives = [t for t in phrase if t.dep_ == "appos" and t.left_edge.i - 1 > phrase.start
                   and (t.tag_ == "CD" or t.right_edge.i + 1 == verb.i and not has_subject(verb))]
    return appositives[0] if appositives else None


def according_clause(ctx: Context, cue: Token) -> CharSpan | None:
    """The sentence around "according to X" (or "in the poll"), minus that phrase when it stands at either end."""
    sent = cue.sent
    phrase = cue.doc[cue.i:(cue.doc[cue.i + 1] if is_according(cue) else cue).right_edge.i + 1]
    subject = stray_appositive(phrase)
    if subject is not None:
        phrase = cue.doc[phrase.start:subject.left_edge.i]
    elif cue.i == sent.start and (all(t.is_punct or t.is_space for t in cue.doc[phrase.end:sent.end])
                                  or any(t.dep_ == "acl" and t.tag_ in ("VBD", "VBZ", "VBP") for t in phrase)):
        # the parser hung the sentence, or its verb as a modifier, on "According to X": X ends at the first comma
        comma = next((t for t in phrase[2:] if t.text == ","), None)
        phrase = phrase if comma is None else cue.doc[phrase.start:comma.i]
    before = [t for t in sent if t.i < phrase.start and not t.is_space]
    after = [t for t in sent if t.i >= phrase.end and not t.is_space]
    if any(not t.is_punct for t in before) and any(not t.is_punct for t in after):
        rest = before + list(phrase) + after  # "The fund, according to its filing, lost $5bn."
    else:
        rest = after if not [t for t in before if not t.is_punct] else before
    rest = [t for t in rest if "\n" not in t.text]
    while rest and rest[0].is_punct:
        rest = rest[1:]
    while rest and rest[-1].is_punct:
        rest = rest[:-1]
    return char_range(rest)
