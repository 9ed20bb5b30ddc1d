"""Signatures: names that sign quoted words without a reporting verb.

A transcript's label ("MORO: Well, ..."), a headline's "Kovac: ‘...’", a
dash and a name after the closing mark ("“...” ― Ana Ruiz"), the name a
headline opens with ("Berg Sees ‘Betrayal’ in Vote"), a name just before
the colon that introduces them ("... than pollster Anna Berg: “...”") or the dashes that set them off
("including Piet Olsen -- “...” -- and").
A label in capitals speaks only when it is the surname of someone the
article names, so a dateline ("BERLIN:") or a place alone on a line never
does.
"""
from spacy.tokens import Doc, Span, Token

from .entities import in_title_case_line, name_words
from .marks import DOUBLE_OPEN, STRAIGHT, before_opening
from .offsets import CharOffset
from .referents import Context, Source, person_span, resolve
from .text import in_headline, is_dash, line_bounds, overlaps

# Entity labels of a name that never speaks when it stands alone as a label.
PLACE_LABELS = {"GPE", "LOC", "FAC", "DATE", "TIME"}
# Prepositions whose object a quote is about or addressed to, not said by: "Harbour Chief On Berg:", "wrote to Berg:".
TOPIC_PREPOSITIONS = {"on", "about", "over", "to", "toward", "towards", "against", "at", "with", "for"}


def label_before(ctx: Context, start: CharOffset) -> Span | None:
    """The "NAME:" that opens the line or the quoted words: "MORO: Well, ..." or "Kovac: ‘...’"."""
    doc, text = ctx.doc, ctx.text
    line_start = line_bounds(text, start)[0]
    head = doc.char_span(line_start, min(len(text), start + 60), alignment_mode="expand")
    if head is None:
        return None
    colon = next((t for t in head if t.text == ":" and t.i - head.start <= 5), None)
    if colon is None or (colon.idx >= start and colon.idx > start + 40):
        return None
    words = [t for t in doc[head.start:colon.i] if not t.is_punct or t.text in ".’'"]
    words = [t for t in words if t.text not in "“\"‘'"]
    name = speaker_name(doc, words)
    capitals = all(t.is_upper for t in name if t.is_alpha) if name is not None else False
    if name is None or capitals != (colon.idx >= start) or capitals and not names_a_person(ctx, name):
        return None  # inside the marks a transcript's capitals are a label; before them, capitals are a dateline
    if len(name) > 3 and not any(t.ent_type_ == "PERSON" for t in name) and not in_headline(text, start):
        return None  # a run-in subhead in the body, not a name: "Budget Rules Slow Harbour Works: ..."
    return name


def named_before_colon(ctx: Context, start: CharOffset) -> Span | None:
    """The person whose name ends the words that introduce a quote with a colon, on its line or closing the
    paragraph before: "... than pollster Anna Berg: “...”", "Wrote Berg:", "A lesson from Anna Berg: ‘...’"; not one
    the words are about or addressed to ("Harbour Chief On Berg: ‘...’", "wrote to Berg:")."""
    text, k = ctx.text, before_opening(ctx.text, start)
    if text[k] != ":" or text.count("\n", k, start) > 2:
        return None
    person = person_ending_at(ctx, k)
    if person is not None and person.root.dep_ == "pobj" and person.root.head.lower_ in TOPIC_PREPOSITIONS:
        return None
    return person


def named_before_aside(ctx: Context, start: CharOffset, end: CharOffset) -> Span | None:
    """The person named just before quoted words that dashes set off as an aside: "..., including the former
    governor Piet Olsen -- “...” -- and ..."."""
    text, k = ctx.text, before_opening(ctx.text, start)
    while k > 0 and text[k] in "' ":  # the two apostrophes that open a quote in some papers
        k -= 1
    after = end
    while after < len(text) and text[after] in "”\"’', \u00a0":
        after += 1
    if not (is_dash(text, k) and is_dash(text, after)):
        return None
    stop = k - 1 if text[k - 1:k + 1] == "--" else k
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    return person_ending_at(ctx, stop)


def person_ending_at(ctx: Context, stop: CharOffset) -> Span | None:
    """The person mention that ends exactly at ``stop``, or None."""
    before = ctx.doc.char_span(stop - 1, stop, alignment_mode="expand")
    person = ctx.person_at.get(before[-1].i) if before is not None else None
    return person if person is not None and person.end_char == stop else None


def headline_opener(ctx: Context, start: CharOffset) -> Span | None:
    """The person a headline opens with, who says its quoted words: "Moro Sees ‘Trap’ in Fare Deal".

    Headlines drop the reporting verb; the name that opens one is whose
    words it quotes, when the line is a headline (short, or in title case).
    """
    line_start = line_bounds(ctx.text, start)[0]
    opening = ctx.doc.char_span(line_start, start, alignment_mode="contract")
    if opening is None or not len(opening) or opening[0].i not in ctx.person_at:
        return None
    if not (in_headline(ctx.text, start) or in_title_case_line(opening[0])):
        return None
    person = ctx.person_at[opening[0].i]
    honorifics = name_words()["honorifics"]
    named = {p[-1].lower_ for p, _, titles, _ in ctx.people
             if len(p) > 1 or {t.rstrip(".") for t in titles} & honorifics}
    # one word opening a headline ("Harbour ‘now fully open’") is a person only if the article names them in full
    # or with an honorific ("Mr. Moro")
    return person if len(person) > 1 or person[-1].lower_ in named else None


def dash_after(ctx: Context, end: CharOffset) -> Span | None:
    """The name signed after the closing mark, or on the line below it: "“...” ― Ana Ruiz", "-President Ruiz"."""
    doc, text = ctx.doc, ctx.text
    k = end
    while k < len(text) and (text[k] in "”\"’'.,!? \u00a0\n"):
        k += 1
    if k >= len(text) or text[k] not in "―—–-" or text.count("\n", end, k) > 2:
        return None
    line_end = line_bounds(text, k)[1]
    tail = doc.char_span(k + 1, line_end, alignment_mode="expand")
    if tail is None:
        return None
    words: list[Token] = []
    for tok in tail:
        if tok.is_space or tok.text in "\u00a0":
            continue
        if tok.is_punct and tok.text not in ".":
            break
        words.append(tok)
    while words and words[-1].text == ".":
        words.pop()
    return speaker_name(doc, words)


def labelled_lines(ctx: Context) -> list[tuple[CharOffset, CharOffset, Span, str]]:
    """(start, end, name, kind) of each line a speaker's label opens: a transcript's name in capitals
    ("HOLM: Will you ...", direct), or a headline's person or organisation the article names ("Berg: Ferry fares
    will rise", indirect, the paper's summary of what they said)."""
    text = ctx.text
    found: list[tuple[CharOffset, CharOffset, Span, str]] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        colon = text.find(":", start, min(end, start + 40))
        said = colon + 1
        while colon > start and said < end and text[said] in " \u00a0":
            said += 1
        if colon > start and len(text[said:end].split()) >= 3 and not ctx.in_quote(said) \
                and text[said] not in DOUBLE_OPEN + STRAIGHT:
            label = ctx.doc.char_span(start, colon, alignment_mode="expand")
            name = speaker_name(ctx.doc, list(label)) if label is not None else None
            kind = label_kind(ctx, name, not text[:start].strip(), said, end) if name is not None else None
            if name is not None and kind is not None:
                found.append((said, len(text[:end].rstrip()), name, kind))
        start = end + 1
    return found


def label_kind(ctx: Context, name: Span, headline: bool, said: CharOffset, end: CharOffset) -> str | None:
    """How a line's label speaks for the words after it, if it does: a transcript's surname in capitals says them
    (direct); a headline's person or organisation is summed up by them (indirect) unless they are a quote."""
    if all(t.is_upper for t in name if t.is_alpha):
        return "direct" if names_a_person(ctx, name) else None
    if headline and ctx.quoted_share(said, end) < 0.8 and named_elsewhere(ctx, name, end) \
            and not any(t.pos_ in ("VERB", "AUX") for t in name):  # "Berg Backs Olsen: ..." is a headline's clause
        return "indirect"
    return None


def named_elsewhere(ctx: Context, name: Span, after: CharOffset) -> bool:
    """Whether a headline's label is someone the article goes on to name: a person, or an organisation whose name
    comes again ("FactTally: ..."); not the label of a section ("Live Updates: ...")."""
    if any(t.i in ctx.person_at for t in name) or name[-1].lower_ in ctx.surnames:
        return True
    return name.root.ent_type_ == "ORG" and name.text in ctx.text[after:]


def names_a_person(ctx: Context, name: Span) -> bool:
    """Whether a label in capitals is the surname of someone the article names ("MORO" for Ines Moro).

    Datelines ("BERLIN:") are capitals before a colon too, but name no person.
    """
    return name[-1].lower_ in ctx.surnames


def speaker_name(doc: Doc, tokens: list[Token]) -> Span | None:
    """The tokens as a span when they are a name that can speak: proper nouns, no place or date alone."""
    tokens = [t for t in tokens if not t.is_space]
    if not 1 <= len(tokens) <= 5 or not all(
            t.text.lstrip("-")[:1].isupper() and (t.pos_ == "PROPN" or t.is_upper or t.text.rstrip(".").isalpha())
            for t in tokens):  # a signature's dash may cling to the name: "-President Ruiz"
        return None
    name = doc[tokens[0].i:tokens[-1].i + 1]
    if all(t.ent_type_ in PLACE_LABELS for t in name):
        return None  # "WASHINGTON:" or a place alone on a line is a dateline, not a speaker
    return name


def name_source(ctx: Context, name: Span) -> Source:
    """(start, end, label) for a name given in a signature or label."""
    person = next((ctx.person_at[t.i] for t in name if t.i in ctx.person_at), None)
    if person is not None and name.start <= person.start and person.end <= name.end:
        return person_span(ctx, person)
    ent = ctx.ent_of.get(name.root.i)
    if ent is not None and name.start <= ent.start and ent.end <= name.end:
        return ent.start_char, ent.end_char, None  # the name itself, not a name the parser hung on it
    found = resolve(ctx, name.root, name.start_char)
    if found is None or overlaps(found[0], found[1], name.start_char, name.end_char) and (
            found[2] is not None or not name.start_char <= found[0] < found[1] <= name.end_char):
        # a name that signs speaks as a person, though the model ran it on ("HOLM: Mayor") or missed it
        return name.start_char, name.end_char, "PERSON"
    return found
