"""The reporting lexicon (data/cues.yml): cues, their tags and what they may attribute.

One list serves quotes and figures alike. The pipeline has no lemmatizer, so
each verb is listed in its base form and its written forms are derived here.
"""
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .nlp import load_data


@lru_cache(maxsize=1)
def cue_data() -> dict[str, Any]:
    """cues.yml, plus {written form: base} for every reporting verb and each verb's tag and kinds.

    ``verb_kinds`` maps a base form to the kinds of content it may attribute
    (quote, clause, number); ``verb_tags`` to speech or claim.
    """
    data = load_data("cues.yml")
    entries = {base: line.split() for base, line in data["verbs"].items()}
    data["verb_tags"] = {base: words[0] for base, words in entries.items()}
    data["verb_kinds"] = {base: set(words[1:]) for base, words in entries.items()}
    data["verb_forms"] = verb_forms(entries, data["irregular_forms"])
    return data


def verb_forms(bases: Iterable[str], irregular: dict[str, list[str]]) -> dict[str, str]:
    """{written form: base} for base forms: say -> says, saying, sayed; plus irregulars."""
    forms = {}
    for base in bases:
        stem = base[:-1] if base.endswith("e") else base
        ed = base + "d" if base.endswith("e") else base + "ed"
        s = base + "es" if base.endswith(("s", "sh", "ch", "x")) else base + "s"
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            ed, s = base[:-1] + "ied", base[:-1] + "ies"  # reply -> replied, replies
        for form in (base, s, stem + "ing", ed, *irregular.get(base, [])):
            forms[form] = base
    return forms


def may_report(word: str, kind: str) -> bool:
    """Whether the reporting verb written ``word`` may attribute this kind of content."""
    base = cue_data()["verb_forms"].get(word.lower())
    return base is not None and kind in cue_data()["verb_kinds"][base]


def verb_tag(word: str) -> str | None:
    """speech or claim: the lexicon's tag of the reporting verb written ``word``, or None."""
    base = cue_data()["verb_forms"].get(word.lower())
    return cue_data()["verb_tags"][base] if base is not None else None
