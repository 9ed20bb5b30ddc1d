"""Read a number as written in news text, token by token.

figures.py decides whether a number is a claim; this module only knows number
grammar: digits ("156,000", "0.2", "1.5bn"), words ("Two", "twenty-five",
"a dozen"), scale words ("325 million"), vague plurals ("tens of thousands"),
ranges ("70,000 to 80,000", "5-10", "between 5 and 10"), the qualifier before
("more than", "roughly") and the currency sign or percent word around it.
It also knows the shapes of numbers that only date, name or label: dates,
years, times, codes glued to letters and labels such as "Article 5".
All lookup words live in data/units.yml.
"""
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeAlias

from spacy.language import Language
from spacy.tokens import Doc, Token

from .nlp import doc_text, load_data
from .offsets import CharSpan, TokenIndex

# Thousands written "12 000": a space, no-break space, narrow no-break space or thin space between groups.
GROUP_SPACES = " \u00a0\u202f\u2009"
SPACED_GROUPS = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?:\.\d+)?(?![\d]|[.,]\d)")
DIGITS = re.compile(rf"^(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+|\d+)(?:\.\d+)?$")
SUFFIXED = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$")

# A number read without its range, qualifier or signs: (end, value, in_words); a vague plural's value is (low, high).
PlainNumber: TypeAlias = tuple[TokenIndex, float | tuple[float, float], bool]


@lru_cache(maxsize=1)
def units() -> dict[str, Any]:
    """The units.yml lookup tables, read once."""
    return load_data("units.yml")


@dataclass
class Amount:
    """What a number says, wherever it was read: a Number in the Doc, a Figure in the body.

    The value of a range is its low end; ``low``/``high`` keep both ends.
    """

    value: float
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None  # more than, over, less than, close to, roughly, about, up to, at least


@dataclass(kw_only=True)
class Number(Amount):
    """A number found in a Doc, by token indices, end-exclusive.

    ``value_start``/``value_end`` bound the number itself; ``token_start``/``token_end``
    also take in the qualifier, currency sign and percent word, i.e. Figure.text.
    """

    token_start: TokenIndex
    token_end: TokenIndex
    value_start: TokenIndex
    value_end: TokenIndex
    currency: str | None = None
    percent: bool = False
    in_words: bool = False  # spelled out ("Two"), no digit in it


def word_value(word: str) -> float | None:
    """Value of one number word or digit string, or None."""
    w = word.lower()
    if DIGITS.match(w):
        return float(re.sub(rf"[,{GROUP_SPACES}]", "", w))
    m = SUFFIXED.match(w)
    if m and m.group(2) in units()["scale_suffixes"]:
        return float(m.group(1).replace(",", "")) * units()["scale_suffixes"][m.group(2)]
    return units()["number_words"].get(w)


@Language.component("spaced_thousands")
def spaced_thousands(doc: Doc) -> Doc:
    """Make "12 000" and "1 500 000" one token, as "12,000" is: the tokenizer splits them at the spaces."""
    spans = [doc.char_span(m.start(), m.end()) for m in SPACED_GROUPS.finditer(doc.text)]
    with doc.retokenize() as retokenizer:
        for span in spans:
            if span is not None and len(span) > 1:
                retokenizer.merge(span)
    return doc


NEEDS_NEXT_WORD = {"a", "half"}  # begin a number only before a scale word: "a million", "half a million"


def is_number_start(token: Token) -> bool:
    """Can a number begin at this token?"""
    w = token.lower_
    data = units()
    if w not in NEEDS_NEXT_WORD and w not in data["vague_plurals"]:
        return word_value(w) is not None or w in data["scale_words"]  # most tokens: no neighbour read

    def word(n: int) -> str:
        return token.nbor(n).lower_ if token.i + n < len(token.doc) else ""

    if w == "a":  # "a dozen", "a million"
        return word(1) in data["scale_words"]
    if w == "half":  # "half a million"
        return word(1) == "a" and word(2) in data["scale_words"]
    return word(1) == "of"


def read_plain(doc: Doc, i: TokenIndex) -> PlainNumber | None:
    """Read one number (no range) from token i: (end index, value, in_words) or None.

    Classic word-number arithmetic: small numbers add up, "hundred" multiplies
    the running group, larger scale words close it ("two hundred thousand").
    """
    data = units()
    scales = data["scale_words"]
    if doc[i].lower_ in data["vague_plurals"]:
        return read_vague(doc, i)
    total, group, j, in_words, last_small = 0.0, None, i, True, None
    if doc[i].lower_ == "a":
        group, j = 1.0, i + 1
    elif doc[i].lower_ == "half":
        group, j = 0.5, i + 2
    while j < len(doc):
        w = doc[j].lower_
        v = word_value(w)
        if w in data["scale_suffixes"] and j > i and doc[j - 1].whitespace_ == "" and doc[j - 1].like_num:
            total += (group or 1) * data["scale_suffixes"][w]  # "£200m", split by the tokenizer
            group, last_small = None, None
        elif w in scales:
            if scales[w] == 100:
                group = (group or 1) * 100
            else:
                total += (group or 1) * scales[w]
                group = None
            last_small = None
        elif v is not None and group is None and last_small is None and (j == i or in_words and not w[0].isdigit()):
            # digits only begin a number: "325 million 5 tanks" is two numbers
            group, last_small = v, v
            in_words = in_words and not any(c.isdigit() for c in w)
        elif v is not None and in_words and v < 100 and group is not None and can_add(group, last_small, v):
            group, last_small = group + v, None  # twenty-five, two hundred and fifty
        elif w in ("-", "and") and in_words and joins_words(doc, j, group):
            j += 1
            continue
        else:
            break
        j += 1
    if j == i or (group is None and total == 0 and doc[j - 1].lower_ not in scales):
        return None
    return j, total + (group or 0), in_words


def can_add(group: float, last_small: float | None, v: float) -> bool:
    """May v add onto the running group? Only "twenty" + "five" or "hundred" + "fifty"."""
    if last_small is not None:
        return last_small >= 20 and last_small % 10 == 0 and v < 10
    return group % 100 == 0


def joins_words(doc: Doc, j: TokenIndex, group: float | None) -> bool:
    """Is token j ("-" or "and") inside a spelled-out number ("twenty-five")?"""
    if j + 1 >= len(doc) or doc[j + 1].lower_ not in units()["number_words"]:
        return False
    if doc[j].lower_ == "-":
        return doc[j - 1].whitespace_ == "" and doc[j].whitespace_ == ""
    return group is not None and group >= 100 and group % 100 == 0


def read_vague(doc: Doc, i: TokenIndex) -> PlainNumber:
    """ "tens of thousands", "hundreds of", "dozens of": a range, value = low."""
    data = units()
    low, high = data["vague_plurals"][doc[i].lower_]
    j = i + 1
    if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in data["vague_plurals"]:
        inner = doc[j + 1].lower_.rstrip("s")
        if inner in data["scale_words"]:  # tens of thousands
            scale = data["scale_words"][inner]
            return j + 2, (low * scale, high * scale), True
    return j, (low, high), True


def currency_before(doc: Doc, i: TokenIndex) -> tuple[str | None, TokenIndex]:
    """ISO code of a currency sign or code right before token i, and where it starts."""
    if i > 0:
        prev = doc[i - 1]
        code = units()["currencies"].get(prev.lower_)
        # a sign ("$") or a code in capitals ("USD 5m"); "dollars" comes after
        if code and (not prev.is_alpha or prev.text.isupper()):
            return code, i - 1
    return None, i


def qualifier_before(doc: Doc, i: TokenIndex) -> tuple[str | None, TokenIndex]:
    """Normalised qualifier whose words end right before token i, and where it starts."""
    best = (None, i)
    for phrase, norm in units()["qualifiers"].items():
        words = phrase.split()
        s = i - len(words)
        if s >= 0 and [t.lower_ for t in doc[s:i]] == words and s < best[1]:
            best = (norm, s)
    return best


def past_qualifier(words: list[str]) -> list[str]:
    """Words from the number on, past a qualifier or a focus word before it: "Some 20 percent", "Only 24 percent"
    -> "20 percent", "24 percent"."""
    lower = [w.lower() for w in words]
    for phrase in [*units()["qualifiers"], *units()["focus_words"]]:
        if lower[:len(phrase.split())] == phrase.split():
            return words[len(phrase.split()):]
    return words


def percent_after(doc: Doc, j: TokenIndex) -> TokenIndex | None:
    """End index of a percent word ("%", "per cent") starting at token j, or None."""
    for phrase in units()["percent_words"]:
        words = phrase.split()
        if [t.lower_ for t in doc[j:j + len(words)]] == words:
            return j + len(words)
    return None


def read_number(doc: Doc, i: TokenIndex) -> Number | None:
    """The full Number starting at token i (range, qualifier, currency, percent), or None."""
    if not is_number_start(doc[i]):
        return None
    first = read_plain(doc, i)
    if first is None:
        return None
    j, value, in_words = first
    low = high = None
    if isinstance(value, tuple):
        low, high = value
        value = low
    start = i
    between = i > 0 and doc[i - 1].lower_ == "between"
    joined = read_range_end(doc, j, between, after_from=i > 0 and doc[i - 1].lower_ == "from")
    if joined and low is None:
        j, high_value, high_words, scale = joined
        if scale and value * scale <= high_value and word_value(doc[i].lower_) == value:
            value *= scale  # "5 to 10 million": the scale covers both ends
        low, high = value, high_value
        in_words = in_words and high_words
        if between:
            start = i - 1
    ratio = read_ratio(doc, j, value) if low is None else None
    if ratio:
        j, value = ratio
    currency, start = currency_before(doc, start)
    qualifier, start = qualifier_before(doc, start)
    end = j
    pct = percent_after(doc, j)
    if pct:
        end = pct
    return Number(value=value, low=low, high=high, qualifier=qualifier, token_start=start, token_end=end, value_start=i,
                  value_end=j, currency=currency, percent=bool(pct or ratio), in_words=in_words)


def read_ratio(doc: Doc, j: TokenIndex, value: float) -> tuple[TokenIndex, float] | None:
    """ "one in five" is a share: (end, percent value), or None."""
    if j + 1 >= len(doc) or doc[j].lower_ != "in" or not is_number_start(doc[j + 1]):
        return None
    second = read_plain(doc, j + 1)
    if second is None or isinstance(second[1], tuple) or second[1] <= value:
        return None
    return second[0], round(100 * value / second[1], 6)


def read_range_end(doc: Doc, j: TokenIndex, between: bool, after_from: bool
                   ) -> tuple[TokenIndex, float, bool, float | None] | None:
    """The second half of a range from token j: (end, value, in_words, scale) or None.

    "from 5 to 10" reports a change, not a range, so it is left as two numbers.
    """
    if j + 1 >= len(doc) or after_from:
        return None
    joiner = doc[j].lower_
    if between:
        ok = joiner == "and"
    else:
        ok = joiner in units()["range_joiners"]
    if not ok:
        return None
    k = j + 1
    if doc[k].lower_ in units()["currencies"] and not doc[k].is_alpha:
        k += 1  # "$5 to $10"
    if k >= len(doc) or not is_number_start(doc[k]):
        return None
    second = read_plain(doc, k)
    if second is None:
        return None
    end, value, in_words = second
    if isinstance(value, tuple):
        return None  # a vague plural ("5 to dozens of") ends no range
    scale = units()["scale_words"].get(doc[end - 1].lower_) if end - 1 > k else None
    return end, value, in_words, scale


# --- numbers that date, name or label rather than count ------------------------

@lru_cache(maxsize=1)
def blocked_patterns() -> list[re.Pattern[str]]:
    """Compiled regexes for dates, times, phone numbers, codes and page furniture."""
    return [re.compile(p, re.IGNORECASE) for p in units()["blocked_patterns"]]


def blocked_spans(text: str) -> list[CharSpan]:
    """Character spans where digits are dates, times, codes or phone numbers."""
    return [m.span() for p in blocked_patterns() for m in p.finditer(text)]


def is_month(token: Token) -> bool:
    """A capitalised month name ("May", not "may")."""
    return token.text[:1].isupper() and token.lower_.rstrip(".") in units()["months"]


def is_date(doc: Doc, number: Number, counts: Callable[[Token], bool]) -> bool:
    """ "7 February", "February 2022", "May 23, 2022", "November 28-29", "in 2020"."""
    i, j = number.value_start, number.value_end
    if i > 0 and is_month(doc[i - 1]):
        return True
    if j < len(doc) and is_month(doc[j]) or j + 1 < len(doc) and doc[j].lower_ == "of" and is_month(doc[j + 1]):
        return True
    if i > 2 and doc[i - 1].text == "," and doc[i - 2].like_num and is_month(doc[i - 3]):
        return True
    return looks_like_year(doc, number, counts)


def looks_like_year(doc: Doc, number: Number, counts: Callable[[Token], bool]) -> bool:
    """A bare four-digit number from 1800 to 2100 is a year unless it counts something:
    ``counts(token)`` says whether the plural noun after it is a tracked unit ("2000 troops")."""
    text = doc[number.value_start].text
    if number.value_end - number.value_start != 1 or not re.fullmatch(r"1[89]\d\d|20\d\d|2100", text):
        return False
    if number.currency or number.percent or number.qualifier:
        return False
    nxt = doc[number.value_end] if number.value_end < len(doc) else None
    return not (nxt is not None and nxt.pos_ == "NOUN" and nxt.text.lower().endswith("s") and counts(nxt))


def is_identifier(doc: Doc, number: Number, counts: Callable[[Token], bool]) -> bool:
    """A number that names one thing: "a 112 caller", "an 808 bus". A count takes a plural, and "a 40 mile drive"
    or "a 5 percent rise" measures in a unit (``counts``)."""
    i, j = number.value_start, number.value_end
    if i == 0 or j + 1 >= len(doc) or j - i > 1 or not doc[i].text.isdigit() or number.qualifier \
            or number.currency or number.percent:
        return False  # "a 350,000 total", "a 2.5 rating", "a 40K grant", "a 61% share" are amounts
    noun = doc[j]
    return doc[i - 1].lower_ in ("a", "an") and noun.tag_ == "NN" and not counts(noun) \
        and doc[j + 1].text != "-"  # "a 7 percentage-point edge" measures


def is_label(doc: Doc, number: Number) -> bool:
    """A number naming its word: "World War Two", "Article 5", "Section 3"."""
    i = number.value_start
    prev = doc[i - 1] if i > 0 else None
    return bool(prev is not None and prev.text[:1].isupper() and prev.lower_ in units()["label_words"]
                and not number.qualifier)


def is_code(doc: Doc, number: Number) -> bool:
    """A number glued to letters by a hyphen: "T-72", "IL-20M", split by the tokenizer."""
    start = doc[number.value_start].idx
    text = doc_text(doc)
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha() and not doc[number.value_start].is_alpha
