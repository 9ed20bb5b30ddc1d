"""Find quotations and reported speech in a Doc, with who said them.

Quoted speech is found from the quotation marks in the text (not the parse,
which is unreliable around marks); who said it comes from the dependency
parse via ``speakers.py``. Reported speech without marks ("Putin said Russia
had lost 54 tanks") is the clause a reporting verb governs.
"""
from dataclasses import dataclass

from . import speakers
from .speakers import cue_data

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
# A straight mark after one of these starts a quotation rather than ending one.
OPENING_CONTEXT = "([{—–-/“‘«"
SENTENCE_END = ".!?"
# Single-quoted passages are headline fragments or nicknames: never long.
MAX_SINGLE_CHARS = 400


@dataclass
class Quote:
    """One piece of speech; offsets are character offsets into the article body."""

    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect | scare (quotation marks that report no speech)
    cue: str | None = None  # the reporting verb or phrase as written: "said", "according to"
    speaker_start: int | None = None  # where the speaker is named (the antecedent, for "he said")
    speaker_end: int | None = None
    speaker_label: str | None = None  # PERSON or ORG, when the speaker phrase is no entity


def find_quotes(doc):
    """Every quote in the Doc, in text order."""
    text = doc.text
    marked = find_marked(text)
    ctx = speakers.Context(doc, marked)
    quotes = [quoted(ctx, start, end) for start, end in marked]
    quotes += [Quote(s, e, text[s:e], "indirect", cue, *who) for s, e, cue, who in speakers.reported_clauses(ctx)]
    quotes.sort(key=lambda q: (q.start, q.end))
    continue_speakers(text, quotes)
    for quote in quotes:
        if quote.kind != "indirect":
            mark_scare(text, quote)
    return quotes


# --- quotation marks -------------------------------------------------------


def find_marked(text):
    """[start, end) of every quoted passage: the text between its marks.

    Double marks first; single marks count only outside them (inside a
    quotation they quote someone else, and they are mostly apostrophes).
    """
    doubles = double_quoted(text, cue_data()["max_quote_chars"])
    singles = [s for s in single_quoted(text) if not any(a <= s[0] < b for a, b in doubles)]
    spans = [s for s in doubles + singles if any(c.isalnum() for c in text[s[0]:s[1]])]
    return sorted(spans)


def mark_role(text, i):
    """'open', 'close' or None for the double quotation mark at text[i]."""
    c = text[i]
    if c in DOUBLE_OPEN:
        return "open"
    if c in DOUBLE_CLOSE:
        return "close"
    if c == STRAIGHT:
        return "open" if opens_word(text, i) else "close"
    return None


def opens_word(text, i):
    """A straight mark opens when a word follows it and none precedes it."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in OPENING_CONTEXT) and not after.isspace()


def double_quoted(text, cap):
    """Spans between double marks, at most ``cap`` characters long.

    An unclosed quote at the end of a paragraph goes on into the next line
    when that line closes it (a quote broken by a line break), or closes at
    the paragraph end when the next paragraph opens a quote (the convention
    for a quote running over paragraphs). Otherwise the mark was stray.
    """
    spans, open_at = [], None
    for i, c in enumerate(text):
        if open_at is not None and i - open_at > cap:
            open_at = None
        if c == "\n" and open_at is not None:
            line_role = first_mark_role(text, i + 1)
            if line_role != "close":
                if line_role == "leading open":
                    spans.append((open_at + 1, i))
                open_at = None
        elif c in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT:
            role = mark_role(text, i)
            if role == "open":
                open_at = i  # a second opener means the first one was stray
            elif role == "close" and open_at is not None:
                spans.append((open_at + 1, i))
                open_at = None
    return [trim_end(text, s, e) for s, e in spans]


def first_mark_role(text, start):
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


def single_quoted(text):
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
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        starts = c in SINGLE_OPEN and (before.isspace() or before in OPENING_CONTEXT) and after.isalnum()
        ends = c in SINGLE_CLOSE and not before.isspace() and not after.isalnum()
        if open_at is not None and ends and i - open_at <= MAX_SINGLE_CHARS:
            spans.append((open_at + 1, i))
            open_at = None
        elif starts:
            open_at = i
    return [trim_end(text, s, e) for s, e in spans]


def trim_end(text, start, end):
    """Drop trailing white space, which a quote closed at a paragraph end may carry."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- kinds ------------------------------------------------------------------


def line_bounds(text, i):
    """[start, end) of the line (paragraph) holding position i."""
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return start, len(text) if end < 0 else end


def starts_sentence(text, start):
    """Whether the quote opening just before ``start`` begins a sentence or follows a colon."""
    lead = text[line_bounds(text, start)[0]:start - 1].rstrip()
    return not lead or lead[-1] in SENTENCE_END + ":"


def is_headline(text, start):
    """A short line without a full stop: a headline or sub-headline."""
    s, e = line_bounds(text, start)
    line = text[s:e].strip()
    return len(line.split()) <= 20 and line[-1:] not in SENTENCE_END + "”\"’'"


def quoted(ctx, start, end):
    """The Quote for one marked span, with its cue and speaker when found."""
    text = ctx.text
    kind = "direct" if starts_sentence(text, start) else "partial"
    cue, who = speakers.quote_speaker(ctx, start, end)
    return Quote(start, end, text[start:end], kind, cue, *who)


def continue_speakers(text, quotes):
    """A quote with no cue of its own that opens a sentence keeps the last speaker.

    Reporters attribute a run of quoted sentences or paragraphs once; a
    later quote with no cue carries on the one before, within a few paragraphs.
    Failing that, the same words quoted elsewhere (headline and body) share a speaker.
    """
    reach = cue_data()["continuation_paragraphs"]
    for quote, following in reversed(list(zip(quotes, quotes[1:]))):
        if quote.speaker_start is None and following.speaker_start is not None and runs_on(text, quote, following):
            copy_speaker(following, quote)
    last = None
    for quote in quotes:
        if quote.speaker_start is not None:
            last = quote
            continue
        if quote.cue is None and quote.kind == "direct" and last is not None:
            if text.count("\n", last.end, quote.start) <= reach:
                copy_speaker(last, quote)
                continue
        twin = next((q for q in quotes if q is not quote and q.speaker_start is not None and q.text == quote.text), None)
        if twin:
            copy_speaker(twin, quote)


def runs_on(text, quote, following):
    """Whether a quote left open at its paragraph end goes on in the next paragraph's quote.

    By convention a quote running over paragraphs opens each one and closes
    only the last, where the speaker is usually named.
    """
    between = text[quote.end:following.start]
    return "\n" in between and len(between) >= 2 and between[-1] in DOUBLE_OPEN + STRAIGHT and not between[:-1].strip()


def copy_speaker(source, target):
    """Give target the speaker of source."""
    target.speaker_start, target.speaker_end = source.speaker_start, source.speaker_end
    target.speaker_label = source.speaker_label


def mark_scare(text, quote):
    """Quotation marks around a term or title, with no one saying it, are scare quotes.

    A short quoted phrase with no cue and no speaker, anything after
    "so-called", and a speakerless fragment in a headline report no speech.
    """
    lead = text[line_bounds(text, quote.start)[0]:quote.start - 1].lower().split()
    if lead and lead[-1] in ("so-called", "dubbed", "nicknamed", "termed"):
        quote.kind, quote.cue = "scare", None
        quote.speaker_start = quote.speaker_end = quote.speaker_label = None
        return
    if quote.speaker_start is not None:
        return
    short = len(quote.text.split()) <= cue_data()["scare_max_words"]
    opener = bool(lead) and lead[-1] in cue_data()["scare_openers"]
    if quote.cue is None and (short or opener) or is_headline(text, quote.start):
        quote.kind = "scare"
