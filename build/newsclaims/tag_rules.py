"""The model's attribute rules (tag -> part of speech, morphology, lemma), applied column-wise.

en_core_web_sm maps its fine tags to parts of speech with an AttributeRuler:
179 Matcher patterns run over every token, about a tenth of the time of
parsing. The patterns are simple (one or two tokens; exact, IN, NOT_IN and
REGEX tests on TAG, LOWER, DEP and IS_SPACE), so this component evaluates
each one as a numpy mask over the Doc's attribute columns and writes the
results back in one ``Doc.from_array``. Later patterns win, as in the
AttributeRuler; tests/test_tag_rules.py checks both give the same tokens.
"""
import re
from typing import Any, cast

import numpy
from numpy.typing import NDArray
from spacy.attrs import DEP, IDS, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.types import Ints2d

# The token columns the rules read, and the ones they may set.
READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
WRITTEN = ("POS", "MORPH", "LEMMA", "TAG", "DEP")


# An AttributeRuler rule: {"patterns": [[{ATTR: test}, ...]], "attrs": {ATTR: value}, "index": int}
Rule = dict[str, Any]
# A token's test in a pattern: an exact value, or {"IN": [...]}, {"NOT_IN": [...]} or {"REGEX": "..."}
Test = Any


class UnsupportedRule(ValueError):
    """A pattern this component cannot evaluate: keep spaCy's own AttributeRuler."""


def check_supported(rules: list[Rule]) -> None:
    """Raise UnsupportedRule unless every pattern uses only the tests implemented here."""
    for rule in rules:
        if set(rule["attrs"]) - set(WRITTEN):
            raise UnsupportedRule(f"sets {sorted(rule['attrs'])}")
        for pattern in rule["patterns"]:
            for token in pattern:
                for key, test in token.items():
                    if key not in READ or isinstance(test, dict) and set(test) - {"IN", "NOT_IN", "REGEX"}:
                        raise UnsupportedRule(f"tests {key}: {test}")


class TagRules:
    """AttributeRuler patterns as column masks: same output, a fraction of the time."""

    def __init__(self, vocab: Vocab, rules: list[Rule]) -> None:
        check_supported(rules)
        self.vocab, self.rules = vocab, rules
        self.columns = list(READ)
        # pattern -> {string hash: passes}; bounded by the vocabulary
        self.regex_results: dict[str, dict[int, bool]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # The columns hold uint64 ids, whatever spaCy's stub of to_array says (float64).
        read: NDArray[Any] = doc.to_array([READ[name] for name in self.columns])
        written: NDArray[Any] = doc.to_array([IDS[name] for name in WRITTEN])
        present = {name: set(numpy.unique(read[:, k]).tolist()) for k, name in enumerate(self.columns)}
        for rule in self.rules:
            targets = numpy.zeros(len(doc), dtype=bool)
            for pattern in rule["patterns"]:
                if all(self.may_occur(present[key], test) for token in pattern for key, test in token.items()):
                    targets |= self.matches(read, pattern, rule["index"])
            if targets.any():
                for name, value in rule["attrs"].items():
                    written[targets, WRITTEN.index(name)] = self.vocab.strings.add(value)
        doc.from_array([IDS[name] for name in WRITTEN], cast(Ints2d, written))
        return doc

    def matches(self, read: NDArray[Any], pattern: list[dict[str, Test]], index: int) -> NDArray[numpy.bool_]:
        """Tokens at ``index`` of a match of a one- or two-token pattern."""
        size, width = len(read), len(pattern)
        if size < width:
            return numpy.zeros(size, dtype=bool)
        starts = numpy.ones(size - width + 1, dtype=bool)
        for offset, token in enumerate(pattern):
            for key, test in token.items():
                column = read[offset:size - width + 1 + offset, self.columns.index(key)]
                starts &= self.test(column, key, test)
        hits = numpy.zeros(size, dtype=bool)
        shift = index % width
        hits[shift:shift + len(starts)] = starts
        return hits

    def may_occur(self, present: set[int], test: Test) -> bool:
        """False when an exact or IN test asks for values the Doc lacks: the rule cannot match, skip its masks."""
        if isinstance(test, str):
            return self.vocab.strings.add(test) in present
        if isinstance(test, dict) and "IN" in test:
            return any(self.vocab.strings.add(v) in present for v in test["IN"])
        return True

    def test(self, column: NDArray[Any], key: str, test: Test) -> NDArray[numpy.bool_]:
        """Mask of the column's values that pass one test."""
        if key == "IS_SPACE":
            return column == int(test)
        if not isinstance(test, dict):
            return column == self.vocab.strings.add(test)
        if "IN" in test:
            return numpy.isin(column, [self.vocab.strings.add(v) for v in test["IN"]])
        if "NOT_IN" in test:
            return ~numpy.isin(column, [self.vocab.strings.add(v) for v in test["NOT_IN"]])
        passes = self.regex_results.setdefault(test["REGEX"], {})
        values = numpy.unique(column).tolist()
        for value in values:
            if value not in passes:
                passes[value] = re.search(test["REGEX"], self.vocab.strings[value]) is not None
        # only this Doc's values: the remembered results grow with the vocabulary over a build
        return numpy.isin(column, [value for value in values if passes[value]])


@Language.factory("tag_rules", default_config={"rules": []})
def make_tag_rules(nlp: Language, name: str, rules: list[Rule]) -> TagRules:
    return TagRules(nlp.vocab, rules)


def replace_attribute_ruler(nlp: Language) -> None:
    """Swap the model's AttributeRuler for TagRules, when it has one and its patterns are supported."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    rules = cast(AttributeRuler, nlp.get_pipe("attribute_ruler")).patterns
    try:
        check_supported(rules)
    except UnsupportedRule:
        return
    nlp.replace_pipe("attribute_ruler", "tag_rules", config={"rules": rules})
