"""Figure extraction on sentences written for these tests (not taken from the seeds)."""
import pytest
import sqlite_utils

from newsclaims.figures import Figure, find_figures
from newsclaims.quotes import Quote, find_quotes


def figures(nlp, text, quotes=None):
    """find_figures over text, with the quotes found in it unless given; every figure's text is its body slice."""
    doc = nlp(text)
    found = find_figures(doc, find_quotes(doc) if quotes is None else list(quotes))
    for f in found:
        assert isinstance(f, Figure)
        assert text[f.start:f.end] == f.text
    return found


def one(nlp, text, quotes=None):
    found = figures(nlp, text, quotes)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def claimant(text, figure):
    if figure.claimant_start is None:
        return None
    return text[figure.claimant_start:figure.claimant_end]


def figure_written(nlp, text, written):
    """The figure of text written exactly so."""
    return next(f for f in figures(nlp, text) if f.text == written)


def quote_of(text, clause, speaker, kind="indirect"):
    """A hand-built Quote covering clause, said by speaker."""
    s = text.index(clause)
    p = text.index(speaker)
    return Quote(s, s + len(clause), clause, kind, "said", p, p + len(speaker), None)


# --- values ------------------------------------------------------------------------

@pytest.mark.parametrize("text, written, value", [
    ("The convoy carried 1,250 shells to the front.", "1,250", 1250),
    ("Engineers cleared 0.5 percent of the minefield.", "0.5 percent", 0.5),
    ("Four helicopters landed at the base.", "Four", 4),
    ("The unit received twenty-five trucks.", "twenty-five", 25),
    ("A dozen drones circled the port.", "A dozen", 12),
    ("Volunteers rebuilt two hundred and fifty homes.", "two hundred and fifty", 250),
    ("The fund holds $2.4 billion in reserves.", "$2.4 billion", 2.4e9),
    ("The city council approved €30m for shelters.", "€30m", 30e6),
    ("The ministry spent 1.2bn euros on fuel.", "1.2bn", 1.2e9),
    ("Nearly 3 million people lost power.", "Nearly 3 million", 3e6),
    ("Half a million residents lost water.", "Half a million", 5e5),
    ("Kyiv received US$2 billion from the fund.", "US$2 billion", 2e9),
])
def test_values(nlp, text, written, value):
    f = one(nlp, text)
    assert f.text == written
    assert f.value == pytest.approx(value)


@pytest.mark.parametrize("text, written, low, high", [
    ("Each side lost 40,000 to 45,000 soldiers.", "40,000 to 45,000", 40000, 45000),
    ("The brigade needs between 12 and 18 howitzers.", "between 12 and 18", 12, 18),
    ("Crews repaired 3-4 tanks a day.", "3-4", 3, 4),
    ("Analysts expect $5 to 8 billion in damage.", "$5 to 8 billion", 5e9, 8e9),
])
def test_ranges_take_low_as_value(nlp, text, written, low, high):
    f = one(nlp, text)
    assert (f.text, f.low, f.high, f.value) == (written, low, high, low)


def test_vague_plural_is_a_range(nlp):
    f = one(nlp, "Hundreds of thousands of refugees crossed the border.")
    assert f.text == "Hundreds of thousands"
    assert (f.value, f.low, f.high) == (100000, 100000, 1000000)
    assert f.unit == "refugee"


def test_one_in_n_is_a_share(nlp):
    f = one(nlp, "Nearly one in four homes lost heating.")
    assert (f.text, f.value, f.unit, f.qualifier) == ("Nearly one in four", 25, "percent", "close to")


def test_from_to_is_a_change_not_a_range(nlp):
    found = figures(nlp, "Output rose from 20 percent to 35 percent.")
    assert [(f.text, f.low) for f in found] == [("20 percent", None), ("35 percent", None)]


# --- qualifiers ---------------------------------------------------------------------

@pytest.mark.parametrize("phrase, qualifier", [
    ("more than", "more than"), ("over", "over"), ("less than", "less than"),
    ("close to", "close to"), ("roughly", "roughly"), ("about", "about"),
    ("up to", "up to"), ("at least", "at least"), ("nearly", "close to"),
    ("almost", "close to"), ("some", "about"), ("around", "about"),
    ("approximately", "roughly"), ("fewer than", "less than"),
])
def test_qualifiers(nlp, phrase, qualifier):
    text = f"The navy moved {phrase} 60 warships to the coast."
    f = one(nlp, text)
    assert f.text == f"{phrase} 60"
    assert f.qualifier == qualifier
    assert f.unit == "warship"


# --- units and categories ----------------------------------------------------------

@pytest.mark.parametrize("text, unit, category", [
    ("The army sent 900 reserve troops north.", "troop", "personnel"),
    ("Raiders seized 14 armoured vehicles.", "vehicle", "equipment"),
    ("The clinic treated 35 wounded children.", "child", "casualties"),
    ("The school enrolled 35 children.", "child", "other"),
    ("Shelling killed 9 people in the market.", "person", "casualties"),
    ("The tally shows 7,100 casualties so far.", "casualty", "casualties"),
    ("Donors raised 40 million dollars.", "USD", "money"),
    ("Sweden pledged £75 million.", "GBP", "money"),
    ("Unemployment hit 11% in the region.", "percent", "share"),
    ("Fires burned 60 square kilometres of forest.", "km2", "area"),
    ("Floods covered 12 sq km of farmland.", "km2", "area"),
    ("The enclave has a population of 4,000.", "person", "other"),
    ("Some 300 foreign mercenaries arrived.", "mercenary", "personnel"),
])
def test_units(nlp, text, unit, category):
    f = one(nlp, text)
    assert (f.unit, f.category) == (unit, category)


def test_participles_count_casualties(nlp):
    found = figures(nlp, "The explosion left 4 dead and at least 17 injured.")
    assert [(f.value, f.unit, f.category) for f in found] == [(4, "casualty", "casualties"),
                                                             (17, "casualty", "casualties")]


def test_measuring_subject_gives_the_unit(nlp):
    f = one(nlp, "The death toll climbed to 63 on Friday.")
    assert (f.value, f.unit, f.category) == (63, "casualty", "casualties")


def test_partitive_takes_the_noun_after_of(nlp):
    found = figures(nlp, "Air defences downed 41 of the 44 missiles.")
    assert [(f.value, f.unit) for f in found] == [(41, "missile"), (44, "missile")]


def test_demonym_counts_people(nlp):
    f = one(nlp, "The fighting has displaced 2.3 million Syrians.")
    assert (f.value, f.unit) == (2.3e6, "person")


def test_model_is_the_unit(nlp):
    f = one(nlp, "Norway delivered six Norwegian F-16s to the training base.")
    assert (f.value, f.unit, f.category) == (6, "F-16", "equipment")


def test_code_designation_is_a_model(nlp):
    found = figures(nlp, "Warsaw ordered 18 K9 howitzers and 48 AH-64s.")
    assert [(f.value, f.unit) for f in found] == [(18, "howitzer"), (48, "AH-64")]


def test_hyphenated_measure_gives_the_unit(nlp):
    f = one(nlp, "Engineers dug a 900-km trench line.")
    assert (f.value, f.unit) == (900, "km")


def test_model_as_modifier_keeps_the_noun(nlp):
    f = one(nlp, "Berlin approved 14 Leopard tanks for the brigade.")
    assert (f.value, f.unit) == (14, "tank")


def test_elided_noun_comes_from_the_earlier_figure(nlp):
    found = figures(nlp, "About 700 conscripts deserted, and nearly 300 have surrendered.")
    assert [(f.text, f.unit) for f in found] == [("About 700", "conscript"), ("nearly 300", "conscript")]


def test_others_stand_for_the_earlier_noun(nlp):
    found = figures(nlp, "The raid killed 6 civilians and injured 14 others.")
    assert [(f.value, f.unit) for f in found] == [(6, "civilian"), (14, "civilian")]


# --- claimants ----------------------------------------------------------------------

def test_claimant_from_indirect_quote(nlp):
    text = "General Ivan Petrenko said the enemy had lost 48 tanks that week."
    quote = quote_of(text, "the enemy had lost 48 tanks that week", "Ivan Petrenko")
    f = one(nlp, text, [quote])
    assert claimant(text, f) == "Ivan Petrenko"
    assert f.quote is quote


def test_claimant_from_direct_quote(nlp):
    text = "“We destroyed 12 drones overnight,” Colonel Anna Moroz told reporters."
    quote = quote_of(text, "We destroyed 12 drones overnight,", "Anna Moroz", kind="direct")
    other = quote_of(text, "Colonel", "Colonel", kind="scare")
    f = one(nlp, text, [other, quote])
    assert claimant(text, f) == "Anna Moroz" and f.quote is quote


def test_tightest_quote_wins(nlp):
    text = "Marta Lis said her brother had written that “31 howitzers arrived”."
    outer = quote_of(text, "her brother had written that “31 howitzers arrived”", "Marta Lis")
    inner = quote_of(text, "31 howitzers arrived", "her brother", kind="partial")
    f = one(nlp, text, [outer, inner])
    assert f.quote is inner and claimant(text, f) == "her brother"


def test_quote_starting_after_the_qualifier_still_holds_it(nlp):
    text = "Colonel Ihor Bondar said over 20 trucks were lost."
    quote = quote_of(text, "20 trucks were lost", "Ihor Bondar")
    f = one(nlp, text, [quote])
    assert (f.text, claimant(text, f)) == ("over 20", "Ihor Bondar") and f.quote is quote


def test_scare_quotes_claim_nothing(nlp):
    text = "The so-called “500 volunteers” never arrived."
    quote = quote_of(text, "500 volunteers", "The", kind="scare")
    f = one(nlp, text, [quote])
    assert f.quote is None and claimant(text, f) is None


def test_claimant_from_according_to(nlp):
    text = "Over 2,300 buildings were destroyed, according to the Kharkiv regional administration."
    f = one(nlp, text)
    assert claimant(text, f) == "Kharkiv regional administration"


def test_claimant_of_a_clause_whose_subject_is_a_clause(nlp):
    text = "The Vellmark Trust says dredging the bay will cost more than 3,000 jobs."
    assert claimant(text, one(nlp, text)) == "The Vellmark Trust"


def test_claimant_from_reporting_verb(nlp):
    text = "The Canadian government announced it will buy another $40 million in drones."
    f = one(nlp, text)
    assert claimant(text, f) == "Canadian government"


def test_dateline_is_not_the_claimant(nlp):
    text = "LVIV, May 2 (Reuters) - Poland's army said 64 drones had crossed the border."
    f = one(nlp, text)
    assert claimant(text, f) == "Poland's army"


def test_claimant_through_pronoun(nlp):
    text = "Olena Kovalenko visited the plant on Monday. She said workers had built 95 generators."
    f = one(nlp, text)
    assert claimant(text, f) == "Olena Kovalenko"


def test_claimant_through_relative_pronoun(nlp):
    text = "Some 40 villages were shelled, according to the Polish army, which estimates that 900 have fled."
    found = figures(nlp, text)
    assert [claimant(text, f) for f in found] == ["Polish army", "Polish army"]


def test_anonymous_sources_name_no_claimant(nlp):
    text = "The blast killed 19 people, according to local officials."
    f = one(nlp, text)
    assert claimant(text, f) is None


def test_named_modifier_of_anonymous_source(nlp):
    text = "Some 870 tanks were lost, according to British intelligence estimates."
    f = one(nlp, text)
    assert claimant(text, f) == "British"


@pytest.mark.parametrize("text", [
    "Denmark added $90 million to the fund.",
    "Anna Berg boasts a lead of 45 points among ferry riders.",  # boasting a lead is having one
])
def test_object_of_a_reporting_verb_is_not_a_claim(nlp, text):
    f = one(nlp, text)
    assert claimant(text, f) is None


def test_trailing_attribution_claims_the_figure(nlp):
    text = "Four Polish jets escorted the bomber, the air force said."
    f = one(nlp, text)
    assert claimant(text, f) == "air force"


def test_narration_has_no_claimant(nlp):
    text = "Last winter's offensive involved 250,000 troops."
    f = one(nlp, text)
    assert claimant(text, f) is None and f.quote is None


# --- never a figure -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The talks resumed in March 2021 in Geneva.",
    "The report is dated 2021-03-04.",
    "Leaders meet on June 12-13 in Madrid.",
    "The ceremony is held every 9 May.",
    "In 2019, the bridge was opened.",
    "The convoy left at 06:45 and again at 7 p.m.",
    "The 24th brigade took the 3rd line of trenches, the first success.",
    "Pilots trained on the F-16, the T-80 and the MiG-29.",
    "Crews fired 152mm rounds all night.",
    "The shells are 155-mm calibre.",
    "Veterans of World War Two gathered.",
    "The treaty invokes Article 5 and Section 12.",
    "5 Min Read",
    "Call +1 202 555 0147 for the press office.",
    "The siege lasted eight months.",
    "Talks ended after 3 weeks and two days.",
    "The two sides met in one of the three halls.",
    "One senior diplomat left early.",
    "Page 4 of 9",
    "The colonel, 52, was shelled 30 times in Donetsk.",
    "The final vote was 311 to 112.",
    "Ministers held 2+2 talks on a 24/7 hotline.",
    "Before the ferry sank, a 112 caller told the harbour police what she saw from an 808 bus.",
])
def test_not_figures(nlp, text):
    assert figures(nlp, text) == []


@pytest.mark.parametrize("text, written", [
    ("Berg ordered a 40 mile detour.", "40"),
    ("The fare saw a 12 percent rise.", "12 percent"),
    ("Olsen held a 7 percentage-point edge over Moro in the harbour wards.", "7"),
    ("The harbour board cites a 350,000 total for ferry trips.", "350,000"),
    ("A 61% share of riders backs the night ferry.", "61%"),
    ("Fares rose, a 13 percentage point jump.", "13 percentage point"),
])
def test_a_number_after_a_measures_or_counts(nlp, text, written):
    assert one(nlp, text).text == written


def test_hyphenated_modifiers_do_not_hide_the_counted_noun(nlp):
    f = one(nlp, "Oslo will deliver 24 K9 self-propelled howitzers next spring.")
    assert (f.value, f.unit) == (24, "howitzer")


def test_spelled_dozen_counts_even_an_unlisted_noun(nlp):
    f = one(nlp, "A dozen inspectors have rotated through the plant.")
    assert (f.text, f.value, f.unit) == ("A dozen", 12, "inspector")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\u2009"])
def test_thousands_separated_by_spaces_are_one_number(nlp, space):
    drones = one(nlp, f"Russia launched 12{space}000 drones at Kyiv.")
    assert (drones.text, drones.value, drones.unit) == (f"12{space}000", 12000, "drone")
    people = one(nlp, f"Some 1{space}500{space}000 people fled the region.")
    assert (people.value, people.unit) == (1_500_000, "person")


def test_a_year_beside_a_number_stays_apart(nlp):
    soldiers = one(nlp, "In 2022 400 soldiers deserted, the report found.")
    assert (soldiers.text, soldiers.value) == ("400", 400)


# --- one attribution for quotes and figures ------------------------------------------

@pytest.mark.parametrize("verb", ["said", "admitted", "estimated", "announced"])
def test_he_means_the_man_whoever_the_subject_was(nlp, verb):
    text = f"Ms Anna Berg met Mr Piotr Nowak on Monday. He {verb} 40 tanks were lost."
    f = one(nlp, text)
    assert claimant(text, f) == "Piotr Nowak"


def test_she_means_the_woman_by_her_first_name(nlp):
    text = "Piotr Nowak met Anna Berg on Monday. She said 40 tanks were lost."
    f = one(nlp, text)
    assert claimant(text, f) == "Anna Berg"


def test_trailing_report_of_a_share_claims_it(nlp):
    text = "Unemployment fell to 5.1% in May, the Nordland statistics office said on Tuesday."
    f = one(nlp, text)
    assert claimant(text, f) == "Nordland statistics office"


def test_claim_verb_with_a_number_in_its_object(nlp):
    text = "The Baltic Fisheries Agency estimated the losses at 4,000 tonnes of cod."
    f = one(nlp, text)
    assert claimant(text, f).removeprefix("The ") == "Baltic Fisheries Agency"


def test_anonymous_source_is_kept_as_written(nlp):
    text = "About 300 soldiers crossed the river, a senior army official said."
    f = one(nlp, text)
    assert claimant(text, f) is None
    assert text[f.claimant_text_start:f.claimant_text_end] == "a senior army official"


def test_a_document_that_reports_speaks_for_its_issuer(nlp):
    text = "Shares fell after a Baltic Herald report that the port had lost $4 million in May."
    f = one(nlp, text)
    assert claimant(text, f) == "Baltic Herald"


def test_a_documents_maker_is_the_whole_name_the_model_cut_short(nlp):
    text = "Donations to the party reached $2 million in May, a Canada NOW review of the filings shows."
    f = one(nlp, text)
    assert claimant(text, f) == "Canada NOW"


def test_put_the_figure_at_is_a_claim(nlp):
    text = "The Nordic Tax Institute puts the cost at $498 million over a decade."
    f = one(nlp, text)
    assert claimant(text, f).removeprefix("The ") == "Nordic Tax Institute"


@pytest.mark.parametrize("text, who", [
    ("FactWatch rated 32% of the mayor's claims as false.", "FactWatch"),
    ("Governor Paul Berg called for cutting the harbour fee to 12 percent.", "Paul Berg"),
    ("Governor Paul Berg wants to hire 500 nurses next year.", "Paul Berg"),
    ("Senator Ida Berg advocates a levy of $40 million on cruise ships.", "Ida Berg"),
])
def test_claims_of_numbers_by_rating_calling_wanting_and_advocating(nlp, text, who):
    f = one(nlp, text)
    assert claimant(text, f).removeprefix("The ") == who


def test_the_poll_is_the_poll_the_article_named(nlp):
    text = ("A new Baltic Herald poll was released on Monday. "
            "The mayor leads with 46 percent, according to the poll.")
    f = one(nlp, text)
    assert claimant(text, f) == "Baltic Herald"


def test_a_statement_with_a_source_beats_sourceless_quoted_words_inside_it(nlp):
    text = "Governor Paul Berg said the storm had cost “40 million euros” in damage."
    outer = quote_of(text, "the storm had cost “40 million euros” in damage", "Paul Berg")
    start = text.index("40 million euros")
    inner = Quote(start, start + len("40 million euros"), "40 million euros", "partial")
    f = one(nlp, text, [outer, inner])
    assert f.quote is outer and claimant(text, f) == "Paul Berg"


@pytest.mark.parametrize("text, who", [
    ("Nordavia Airlines Inc. reported record losses in May. The airline will cut about 1,200 jobs, the company said.",
     "Nordavia Airlines Inc."),
    ("The Baltic Herald published the leaked budget on Friday. It showed a gap of $40 million, the newspaper said.",
     "Baltic Herald"),
])
def test_a_description_names_the_organisation_the_article_named(nlp, text, who):
    found = [f for f in figures(nlp, text) if f.claimant_start is not None]
    assert [claimant(text, f).removeprefix("The ") for f in found] == [who]


def test_a_briefing_keeps_its_sources_sentence_after_sentence(nlp):
    text = ("The Ukrainian defence ministry held a briefing on Monday. Spokesman Ivan Petrenko said 12 drones were "
            "shot down overnight. He added that three missiles had hit Odesa. The ministry also reported 40 strikes.")
    assert [(f.text, claimant(text, f).removeprefix("The ")) for f in figures(nlp, text)] == [
        ("12", "Ivan Petrenko"), ("three", "Ivan Petrenko"), ("40", "Ukrainian defence ministry")]


def test_in_the_poll_the_poll_claims_the_rest_of_the_sentence(nlp):
    text = "In the new Baltic Herald poll, the mayor leads with 46 percent of the vote."
    f = one(nlp, text)
    assert claimant(text, f) == "Baltic Herald"


def test_a_poll_that_shows_someone_at_a_number_claims_it(nlp):
    text = "The Baltic Herald poll showed the mayor at 46 percent."
    f = one(nlp, text)
    assert claimant(text, f) == "Baltic Herald"


def test_a_poll_claims_every_result_it_lists(nlp):
    text = ("A Harbour Ledger survey showed Berg topping the list of candidates at 38 percent, followed by Olsen at 21 "
            "percent, Moro at 12 percent and Vellmark at 5 percent.")
    assert [claimant(text, f) for f in figures(nlp, text)] == ["Harbour Ledger"] * 4


@pytest.mark.parametrize("text", [
    "A Harbour Ledger poll in May showed Berg ahead of Olsen among ferry riders, 52 percent to 31 percent.",
    "The latest Harbour Ledger survey showed Moro with a narrow edge in the harbour wards, taking 44 percent against "
    "Nowak's 41 percent.",
])
def test_a_poll_claims_the_figures_the_parser_hung_on_its_verb(nlp, text):
    assert [claimant(text, f) for f in figures(nlp, text)] == ["Harbour Ledger"] * 2


def test_a_finding_that_ends_in_a_percent_sign_holds_it(nlp):
    text = "A Lund University study found that ferry fares take the largest bite out of pensions in the north: 14%."
    assert claimant(text, figure_written(nlp, text, "14%")) == "Lund University"


def test_how_a_poll_was_made_is_not_its_finding(nlp):
    text = "The Lund Radio average shows Moro ahead by 6 percentage points, using surveys from 14 towns."
    assert claimant(text, figure_written(nlp, text, "6 percentage points")) == "Lund Radio"
    assert claimant(text, figure_written(nlp, text, "14")) is None


def test_a_colon_ends_what_polls_show(nlp):
    text = ("Surveys show riders souring on the levy: a Lund Radio survey in June found support down by 12 percentage "
            "points.")
    assert claimant(text, figure_written(nlp, text, "12 percentage points")) == "Lund Radio"


def test_a_colon_before_the_answer_goes_on_with_the_finding(nlp):
    text = ("A Harbour Board slide shows what a season pass would cost under the new levy: 900 crowns, which riders "
            "call too much.")
    assert claimant(text, figure_written(nlp, text, "900")) == "Harbour Board"


def test_whole_values_are_stored_as_integers_and_fractions_as_reals(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    stored = list(db.query("select value, typeof(value) as type from figures where value is not null"))
    assert {row["type"] for row in stored} == {"integer", "real"}
    for row in stored:
        assert (row["type"] == "integer") == (row["value"] == int(row["value"])), row


@pytest.mark.parametrize("text", [
    # a reporting participle hung on the clause another verb reports goes with that verb's speaker
    "Olsen tried on Monday to argue that the delays were rare, explaining the closures amounted to 3 percent of the "
    "40,000 sailings each year.",
])
def test_a_participle_that_explains_a_report_claims_for_the_reporter(nlp, text):
    assert claimant(text, figure_written(nlp, text, "3 percent")) == "Olsen"


@pytest.mark.parametrize("text, written, who", [
    ("Piotr Nowak promised on Friday to put a further $9 million into the Harbour Fund.",
     "$9 million", "Piotr Nowak"),
    # agreeing to do something commits to it as promising does
    ("At last Vellco agreed to lend the harbour board $5 million, and the pilots' union also stepped in.",
     "$5 million", "Vellco"),
    ("The ministry put the cost at $5 billion.", "$5 billion", "ministry"),
    ("The Harbour Ledger pegged the dredging bill at $4.6 billion.", "$4.6 billion", "Harbour Ledger"),
    ("Anna Berg cited the figure at the Harbour Forum, a hearing streamed to 2.3 million people.",
     "2.3 million", None),
])
def test_a_claim_holds_its_object_but_not_where_it_was_made(nlp, text, written, who):
    assert claimant(text, figure_written(nlp, text, written)) == who


@pytest.mark.parametrize("text, issuer", [
    ("Anna Berg is pouncing on a Daily Ledger report that the council ran a deficit of more than $640 million.",
     "Daily Ledger"),
    ("Ines Berg is pouncing on a Lund Courier report that Piotr Nowak ran a deficit of $640 million.",
     "Lund Courier"),
])
def test_a_report_that_the_parser_cut_from_its_clause_still_claims_the_figure(nlp, text, issuer):
    figure = next(f for f in figures(nlp, text) if "640" in f.text)
    assert claimant(text, figure) == issuer


@pytest.mark.parametrize("text, written, owner", [
    ("The Vellmark Fund met on Monday. It raised its forecast for the region by 0.1 points to 4.2 percent.",
     "4.2 percent", "The Vellmark Fund"),
    ("Slow exports kept the Vellmark Fund's estimate of freight flat at 2.6 percent.", "2.6 percent",
     "the Vellmark Fund's"),
    # the tagger reads "forecast" here as a participle: its determiner and role make it a noun
    ("The Vellmark Fund met on Monday. But on Friday, it lifted its Nordic freight forecast by 0.4 points "
     "to 3.3 percent.", "3.3 percent", "The Vellmark Fund"),
])
def test_a_revised_estimate_is_its_owners_claim(nlp, text, written, owner):
    assert claimant(text, figure_written(nlp, text, written)) == owner


@pytest.mark.parametrize("text, written, who", [
    ("In a Ledger News survey published last Friday, 68 percent of riders said the fares were fair.",
     "68 percent", "Ledger News"),
    ("A Lund University survey showed on Monday that Anna Berg would defeat Piotr Nowak 52 to 37 percent.",
     "52 to 37 percent", "Lund University"),
    ("In a note to reporters, one of the crew's lawyers, Piotr Nowak, said 31 guards were on the pier.", "31",
     "Piotr Nowak"),
    ("According to a Daily Ledger-NRK survey, 57 percent of riders said they would back Anna Berg.",
     "57 percent", "Daily Ledger-NRK"),
    ("Of the 140 ferries inspected, 63 have been withdrawn, according to an NHA spokeswoman.", "63", "NHA"),
    # the parser makes "percent" the root and "approved" a modifier of the voters
    ("In the latest Vellmark/Tribune survey, 64 percent of Berg supporters approved of the harbour plan.", "64 percent",
     "Vellmark/Tribune"),
    # what the counted respondents say is the poll's finding too
    ("In a Harbour Ledger survey, 58 percent of riders said they would take the ferry, against 27 percent for the bus.",
     "27 percent", "Harbour Ledger"),
])
def test_a_poll_claims_what_its_respondents_say_and_what_it_found(nlp, text, written, who):
    assert claimant(text, figure_written(nlp, text, written)) == who


@pytest.mark.parametrize("text, written, maker", [
    ("According to partial results of exit polls conducted by the Daily Ledger, 58 percent of riders backed Berg.",
     "58 percent", "the Daily Ledger"),
    ("According to a count by the Daily Ledger, Anna Berg leads Piotr Nowak by 88 seats.", "88",
     "the Daily Ledger"),
    ("According to a Daily Ledger tally, Anna Berg has won 758 delegates.", "758", "Daily Ledger"),
    ("According to the average of recent surveys compiled by the Daily Ledger, Anna Berg leads by 5 points.", "5",
     "the Daily Ledger"),
    # a named document the model did not tag speaks for itself
    ("Data from the 2014 Vellmark Household Survey show that about 41 percent of lawyers are women.",
     "about 41 percent", "Vellmark Household Survey"),
    # the parser hangs the maker's clause on what the poll is of
    ("Ferry use dropped, according to a survey of 850 riders carried out in March by Harbour Insight. Some 58 "
     "percent of riders in Vellmark dislike the timetable, the survey found.", "Some 58 percent", "Harbour Insight"),
])
def test_a_count_or_result_speaks_for_whoever_made_it(nlp, text, written, maker):
    assert claimant(text, figure_written(nlp, text, written)) == maker


@pytest.mark.parametrize("text, written", [
    # the parser found no verb and hung the sentence on "According"
    ("Council vote\n\nAccording to the Harbour Gazette, 57 of the 71 Liberal councillors — a body of senior "
     "party figures — supported Berg, with fewer than 10 yet to decide.", "57"),
    # a count the parser made an appositive of the source, a dashed aside between it and the verb
    ("Council vote\n\nAccording to the Harbour Gazette, 57 of the 71 ferry pilots — a guild of senior "
     "skippers — backed Nowak, with fewer than 10 still undecided.", "57"),
    # the parser made the clause's verb a modifier inside the source's phrase
    ("Council vote\n\nAccording to the Harbour Gazette, 388 of the 502 Liberal delegates — a body drawn from local "
     "party leaders — backed Nowak, with 143 still uncommitted.", "388"),
])
def test_the_sentence_after_according_to_x_is_its_claim_however_parsed(nlp, text, written):
    assert claimant(text, figure_written(nlp, text, written)) == "the Harbour Gazette"


def test_a_count_after_a_closing_according_to_x_describes_x(nlp):
    text = ("The new deal applies to some 100 dockers at six quays in Lund, according to the Harbour Workers Union, "
            "one of three unions for the crews.")
    claim = "The new deal applies to some 100 dockers at six quays in Lund"
    assert [q.text for q in find_quotes(nlp(text))] == [claim]


def test_a_figure_in_a_headline_after_a_persons_label_is_theirs(nlp):
    text = "Berg: Ferry fares to rise by 30 percent.\n\nAnna Berg said on Monday that fares would rise."
    assert claimant(text, figure_written(nlp, text, "30 percent")) == "Berg"


@pytest.mark.parametrize("text, written, who", [
    ("By Berg's own admission, the ferry loses 400 crowns on every crossing.", "400", "Berg"),
    ("By his own account, Olsen sold 9,000 tickets last year.", "9,000", "Olsen"),
    ("The harbour lost 3,100 jobs, by the Lund Courier's count.", "3,100", "Lund Courier"),
    ("By Nowak's reckoning, the bridge will cost 80 million crowns more than the ferry.", "80 million", "Nowak"),
])
def test_by_someones_own_account_is_their_claim(nlp, text, written, who):
    assert claimant(text, figure_written(nlp, text, written)) == who


@pytest.mark.parametrize("text", [
    "By one estimate, the harbour lost 3,000 jobs.",  # no one named
    "The pier was built by Moro's firm for 12 million crowns.",  # a maker, not an account
    "The ferry, which Olsen ran at a loss by his own account, carried 800 riders a day.",  # his account of the loss
])
def test_by_an_account_of_nobody_claims_nothing(nlp, text):
    assert claimant(text, one(nlp, text)) is None


@pytest.mark.parametrize("text", [
    "As reported by the Harbour Ledger, there are 150 sailings at stake on Tuesday.",
    "There are 150 sailings at stake on Tuesday, as reported by the Harbour Ledger.",
])
def test_as_reported_by_someone_is_their_claim(nlp, text):
    assert claimant(text, one(nlp, text)) == "Harbour Ledger"




@pytest.mark.parametrize("text, who", [
    ("At least 12 crews have new licences, according to lawyers with the Harbour Workers Legal Project.",
     "the Harbour Workers Legal Project"),
    ("A lawyer with 20 years at sea said 40 ferries were unsafe.", None),
])
def test_representatives_with_a_body_speak_for_it(nlp, text, who):
    figure = next(f for f in figures(nlp, text) if f.text in ("At least 12", "40"))
    assert claimant(text, figure) == who


@pytest.mark.parametrize("text", [
    *(f"Senator Anna Berg {verb} ferry boss Tom Nowak on Friday over a ticket fraud in which clerks sold more "
      "than 2 million fake passes."
      for verb in ("grilled", "scolded", "rebuked", "berated", "chastised", "excoriated")),
    "And Anna Berg railed against the sway of ferry lobbies, including the one behind Nowak that raised more than 2 "
    "million crowns.",
    "Yet Anna Berg keeps bragging about her grip on the more than 2 million riders of her ferries.",
    "In the debate Anna Berg referred to the more than 2 million riders the ferries lost.",
])
def test_what_a_rebuke_or_boast_is_about_holds_the_speakers_numbers(nlp, text):
    assert claimant(text, figure_written(nlp, text, "more than 2 million")) == "Anna Berg"


@pytest.mark.parametrize("text, written, who", [
    # a second that-clause the parser joined to the cue goes on with the report
    ("Harbour chief Anna Berg said the town needs to dredge the bay, but that she would not support closing the "
     "entire 40-berth quay.", "40", "Anna Berg"),
    # a figure a relative clause claims: "which he claimed as", not "which he called a disgrace"
    ("Each rider gave $19, which Nowak claimed as the typical gift to the ferry fund.", "$19", "Nowak"),
    ("The Ledger put her fortune at $3.4 billion, which Nowak called a joke.", "$3.4 billion", "Ledger"),
])
def test_a_figure_a_report_goes_on_to_or_a_relative_clause_claims(nlp, text, written, who):
    assert claimant(text, figure_written(nlp, text, written)) == who


def test_a_ruling_claims_what_it_finds(nlp):
    text = "The appeals court ruled on Friday that the harbour fee of $40 a berth was unlawful."
    assert claimant(text, figure_written(nlp, text, "$40")) == "appeals court"


@pytest.mark.parametrize("text, written, who", [
    # a task set by a verb that reports nothing
    ("Anna Berg and Ivo Holm run the ferry fund. For parents with a child at a college that costs 100,000 crowns in "
     "all, they will need to find roughly 500 crowns each month.", "roughly 500", None),
    # under a verb of the lexicon it is still a claim
    ("Anna Berg expects to find 40 more berths in the old harbour.", "40", "Anna Berg"),
])
def test_an_infinitive_under_a_verb_that_reports_nothing_claims_no_number(nlp, text, written, who):
    assert claimant(text, figure_written(nlp, text, written)) == who
