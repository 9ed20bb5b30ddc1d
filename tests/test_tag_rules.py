"""TagRules gives every token the part of speech, morphology and lemma spaCy's AttributeRuler gives it."""
import pytest

from newsclaims.nlp import load_model
from newsclaims.tag_rules import TagRules, UnsupportedRule, check_supported

# Sentences that reach every kind of rule: tags alone, words with tags, two-word rules, dependency tests, spaces.
SENTENCES = [
    "The ministry said on Monday that 40 tanks were lost near the river.",
    "“We ai n't gon na stop,” she said. Let's see whether y'all come, because I do not know.",
    "There are 3,000 jobs at risk, and there is nothing we can do about it, the union said.",
    "He didn't say it; I did.  You got ta admit it was her.\n\nWhat happened? Nobody knows which one.",
    "It was theirs, not ours, whatever they claim: they've been wrong before and I'm sure of it.",
]
COLUMNS = ("pos_", "tag_", "dep_", "lemma_")


def tokens(doc):
    return [(t.text, str(t.morph)) + tuple(getattr(t, c) for c in COLUMNS) for t in doc]


@pytest.fixture(scope="module")
def both():
    """The stock model, and the same model with its AttributeRuler's patterns run by TagRules."""
    stock = load_model()
    rules = stock.get_pipe("attribute_ruler").patterns
    return stock, TagRules(stock.vocab, rules)


@pytest.mark.parametrize("text", SENTENCES)
def test_tag_rules_annotate_every_token_as_the_attribute_ruler_does(both, text):
    stock, tag_rules = both
    want = tokens(stock(text))
    with stock.select_pipes(disable=["attribute_ruler"]):
        doc = stock(text)
    assert tokens(tag_rules(doc)) == want
    assert {t.pos_ for t in doc} >= {"VERB", "PUNCT"}  # the parts of speech are really set


def test_the_pipeline_runs_tag_rules_in_place_of_the_attribute_ruler(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), TagRules)
    parts = [t.pos_ for t in nlp("Officials said 40 tanks were lost.")]
    assert parts == ["NOUN", "VERB", "NUM", "NOUN", "AUX", "VERB", "PUNCT"]


def test_a_pattern_with_an_unknown_test_is_refused_so_the_stock_ruler_stays():
    with pytest.raises(UnsupportedRule):
        check_supported([{"patterns": [[{"LOWER": {"FUZZY": "said"}}]], "attrs": {"POS": "VERB"}, "index": 0}])
    with pytest.raises(UnsupportedRule):
        check_supported([{"patterns": [[{"ORTH": "Said"}]], "attrs": {"POS": "VERB"}, "index": 0}])
