from spacy.tokens import Span

from newsclaims.entities import canonical_name, find_mentions


def names(nlp, text, skip=()):
    return {(m.name, m.type) for m in find_mentions(nlp(text), skip)}


def test_old_spelling_of_kyiv_is_kyiv(nlp):
    assert ("Kyiv", "GPE") in names(nlp, "Officials in Kiev said the talks would resume.")


def test_every_spelling_of_the_united_states_is_one_name():
    for spelling in ("US", "U.S.", "America", "the United States", "United States of America"):
        assert canonical_name(spelling.removeprefix("the "), "GPE") == "United States"


def test_titles_are_not_part_of_a_persons_name():
    assert canonical_name("Russian President Vladimir Putin", "PERSON") == "Vladimir Putin"
    assert canonical_name("Mr Stoltenberg", "PERSON") == "Stoltenberg"


def test_surname_links_to_full_name_in_same_article(nlp):
    text = ("French President Emmanuel Macron arrived in Warsaw on Monday. "
            "Macron said the alliance would hold.")
    mentions = find_mentions(nlp(text))
    people = {m.text: m.name for m in mentions if m.type == "PERSON"}
    assert set(people.values()) == {"Emmanuel Macron"}


def test_weapon_systems_come_from_the_gazetteer(nlp):
    found = names(nlp, "The package includes HIMARS launchers, Leopard tanks and F-16 jets.")
    assert {("HIMARS", "WEAPON"), ("Leopard", "WEAPON"), ("F-16", "WEAPON")} <= found


def test_possessive_and_article_are_trimmed_from_mentions(nlp):
    mentions = find_mentions(nlp("The Kremlin's spokesman spoke about Ukraine's grain."))
    assert {m.text for m in mentions} >= {"Kremlin", "Ukraine"}


def test_organisation_name_missed_by_the_model_is_found(nlp):
    found = names(nlp, "A report by the Maritime Safety Council on Coastal Affairs was published.")
    assert ("Maritime Safety Council on Coastal Affairs", "ORG") in found


def test_person_run_into_an_organisation_name_is_split_off(nlp):
    doc = nlp("Earlier, the head of the Atlantic Council on Foreign Affairs Maria Jansen urged calm.")
    first = [t.text for t in doc].index("the", 3)
    doc.ents = [Span(doc, first, first + 8, label="ORG")]  # the small model sometimes runs them together
    found = {(m.text, m.type) for m in find_mentions(doc)}
    assert found == {("Atlantic Council on Foreign Affairs", "ORG"), ("Maria Jansen", "PERSON")}


def test_mentions_in_skipped_spans_are_left_out(nlp):
    text = "FILE - Ships in Odesa. (AP Photo/Jo Doe)\nGrain left Odesa."
    skip = [(0, text.index("\n"))]
    mentions = find_mentions(nlp(text), skip)
    assert [m.start for m in mentions if m.name == "Odesa"] == [text.rindex("Odesa")]


def test_every_mention_slices_the_text(nlp):
    text = "NATO Secretary General Jens Stoltenberg met U.S. officials in Brussels and Kiev's envoy."
    for mention in find_mentions(nlp(text)):
        assert text[mention.start:mention.end] == mention.text


def test_organisation_name_runs_on_through_for_the(nlp):
    found = names(nlp, "Economists at the Marine Institute for the Baltic Economy said trade had slowed.")
    assert ("Marine Institute for the Baltic Economy", "ORG") in found


def test_organisation_name_starts_after_a_title_and_of_the(nlp):
    doc = nlp("Earlier, the head of the Nordic Council on Energy Affairs spoke in Oslo.")
    found = {(m.text, m.type) for m in find_mentions(doc)}
    assert ("Nordic Council on Energy Affairs", "ORG") in found
    assert not any(text.startswith(("head", "the head")) for text, _ in found)


def test_a_source_span_with_a_person_inside_names_the_person():
    from newsclaims.entities import Mention, entity_for
    text = "Pentagon press secretary Pat Ryder said"
    mentions = [Mention(0, 8, "Pentagon", "Pentagon", "ORG"), Mention(25, 34, "Pat Ryder", "Pat Ryder", "PERSON")]
    assert entity_for(text, 0, 34, mentions) == ("Pat Ryder", "PERSON")
    assert entity_for(text, 9, 24, mentions) is None  # "press secretary": a description names nobody
