"""Quotation-mark grammar: where quoted passages start and end in a text.

Found from the marks themselves, not the parse, which is unreliable around
marks. Straight marks open or close by what stands beside them; a quote may
run over paragraphs by the convention of reopening each one.
"""
from spacy.tokens import Doc

from .lexicon import cue_data
from .nlp import doc_text
from .offsets import CharOffset, CharSpan
from .text import line_bounds

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
# A straight mark after one of these starts a quotation rather than ending one.
OPENING_CONTEXT = "([{—–-/“‘«"
# Single-quoted passages are headline fragments or nicknames: never long.
MAX_SINGLE_CHARS = 400
# What the second apostrophe of a '' mark reads as: not a space, not a mark.
PAIR_REST = "\u2060"


def marked_in(doc: Doc) -> list[CharSpan]:
    """find_marked over a Doc's text, worked out once per Doc: entities and attribution both read it."""
    if "marked" not in doc.user_data:
        doc.user_data["marked"] = find_marked(doc_text(doc))
    return doc.user_data["marked"]


def find_marked(text: str) -> list[CharSpan]:
    """[start, end) of every quoted passage: the text between its marks.

    Double marks first; single marks count only outside them (inside a
    quotation they quote someone else, and they are mostly apostrophes).
    """
    paired = pair_marks(text)
    doubles = [(s + (paired[s] == PAIR_REST), e) for s, e in double_quoted(paired, cue_data()["max_quote_chars"])]
    singles = [s for s in single_quoted(paired) if not any(a <= s[0] < b for a, b in doubles)]
    spans = [s for s in doubles + singles if any(c.isalnum() for c in text[s[0]:s[1]])]
    return sorted(spans)


def pair_marks(text: str) -> str:
    """The text with each two-apostrophe double mark ('') read as one straight mark, offsets kept.

    Some wire and archive copy writes ''quoted words'' with two apostrophes;
    the first becomes the mark and the second a placeholder that is no space.
    """
    return text.replace("''", STRAIGHT + PAIR_REST)


def lead_before(text: str, start: CharOffset) -> str:
    """The line's text before the quotation opening at ``start``, without the marks."""
    return text[line_bounds(text, start)[0]:start].rstrip(DOUBLE_OPEN + STRAIGHT + SINGLE_OPEN + PAIR_REST).rstrip()


def before_opening(text: str, start: CharOffset) -> CharOffset:
    """The offset of the last character before the quotation opening at ``start`` that is no space and no opening
    mark: where a colon or full stop that introduces it stands."""
    k = start - 1
    while k > 0 and (text[k].isspace() or text[k] in DOUBLE_OPEN + STRAIGHT + SINGLE_OPEN):
        k -= 1
    return k


def mark_role(text: str, i: CharOffset) -> str | None:
    """'open', 'close' or None for the double quotation mark at text[i].

    A straight mark works by where it stands; so does a curly one typed the
    wrong way round ("rate is 12 percent.“" closes, "”We will" opens).
    """
    c = text[i]
    if c not in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT:
        return None
    if opens_word(text, i):
        return "open"
    if c == STRAIGHT or ends_word(text, i):
        return "close"
    return "open" if c in DOUBLE_OPEN else "close"


def neighbours(text: str, i: CharOffset) -> tuple[str, str]:
    """The characters just before and after text[i], a space beyond either end."""
    return text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "


def opens_word(text: str, i: CharOffset) -> bool:
    """A mark opens when a word follows it and none precedes it."""
    before, after = neighbours(text, i)
    return (before.isspace() or before in OPENING_CONTEXT) and not after.isspace()


def ends_word(text: str, i: CharOffset) -> bool:
    """A mark closes when a word or its punctuation precedes it and no word follows."""
    before, after = neighbours(text, i)
    return not before.isspace() and before not in OPENING_CONTEXT and not after.isalnum()


def double_quoted(text: str, cap: int) -> list[CharSpan]:
    """Spans between double marks, at most ``cap`` characters long.

    An unclosed quote at the end of a paragraph goes on into the next line
    when that line closes it (a quote broken by a line break), or closes at
    the paragraph end when the next paragraph opens a quote (the convention
    for a quote running over paragraphs). Otherwise the mark was stray.
    Marks of the other kind inside a quotation ("... “Harbour Lights” ...") quote
    someone else within it, and so do marks of the same kind closed before the
    outer one; they stand alone only if the outer mark was stray.
    """
    spans: list[CharSpan] = []
    inner: list[CharSpan] = []
    open_at = inner_at = None
    for i, c in enumerate(text):
        if open_at is not None and i - open_at > cap:
            open_at, inner_at = None, None
            spans += inner
            inner = []
        if c == "\n" and open_at is not None:
            line_role = first_mark_role(text, i + 1)
            if line_role != "close":
                if line_role == "leading open":
                    spans.append((open_at + 1, i))
                else:
                    spans += inner
                open_at, inner_at, inner = None, None, []
        elif c in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT:
            role = mark_role(text, i)
            if role == "open" and open_at is not None and inner_at is None and i > open_at + 1 \
                    and (straight(c) != straight(text[open_at]) or closes_twice(text, i)):  # '"“' opens once
                inner_at = i
            elif role == "open":
                spans += inner
                open_at, inner_at, inner = i, None, []  # a second opener means the first one was stray
            elif role == "close" and inner_at is not None:
                inner.append((inner_at + 1, i))
                inner_at = None
            elif role == "close" and open_at is not None:
                spans.append((open_at + 1, i))
                open_at, inner = None, []
    return [trim_end(text, s, e) for s, e in spans + inner]


def closes_twice(text: str, i: CharOffset) -> bool:
    """Whether the next two marks after text[i] on its line both close: the mark at i opens a quotation
    inside another of the same kind (“... “hell” ...”), not a fresh one after a stray mark."""
    end = text.find("\n", i)
    end = len(text) if end < 0 else end
    roles = [mark_role(text, k) for k in range(i + 1, end) if text[k] in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT]
    return roles[:2] == ["close", "close"]


def straight(mark: str) -> bool:
    """Whether a double mark is the typewriter kind: the two kinds nest, each inside the other."""
    return mark in STRAIGHT


def first_mark_role(text: str, start: CharOffset) -> str | None:
    """How the line at ``start`` begins a quote: 'leading open', 'close', 'open' or None."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end]
    if line.lstrip()[:1] in DOUBLE_OPEN + STRAIGHT:
        return "leading open"
    for i in range(start, end):
        if text[i] in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT:
            return mark_role(text, i)
    return None


def single_quoted(text: str) -> list[CharSpan]:
    """Spans between single marks on one line; apostrophes are left alone.

    An opening mark starts a word (‘has lost’) and a closing mark ends one
    without a letter after it, so Russia’s, didn’t and they’ve never count.
    A mark still open at the end of the line was an apostrophe ('90s).
    """
    spans, open_at = [], None
    for i, c in enumerate(text):
        if c == "\n":
            open_at = None
            continue
        if c not in SINGLE_OPEN + SINGLE_CLOSE:
            continue
        before, after = neighbours(text, i)
        starts = c in SINGLE_OPEN and (before.isspace() or before in OPENING_CONTEXT) and after.isalnum()
        ends = c in SINGLE_CLOSE and not before.isspace() and not after.isalnum()
        if open_at is not None and ends and i - open_at <= MAX_SINGLE_CHARS:
            spans.append((open_at + 1, i))
            open_at = None
        elif starts:
            open_at = i
    return [trim_end(text, s, e) for s, e in spans]


def trim_end(text: str, start: CharOffset, end: CharOffset) -> CharSpan:
    """Drop trailing white space, which a quote closed at a paragraph end may carry."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

