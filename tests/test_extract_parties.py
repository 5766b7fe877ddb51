"""Who takes part in an event and who is only named near it: topics, places, owners, compounds.

Sentences of our own, modelled on the curated set's misses (extractor lexicon 1.18.0, markers 1.7.0).
"""

from __future__ import annotations

import pytest

from bilateral.extract import extract
from bilateral.extract.pipeline import default_index


def _coded(text: str, date: str = "2024-03-01") -> set[tuple[str, str, str, str]]:
    """(actor1, actor2, PLOVER type, direction) of every interaction, as the extractor gives them."""
    return {
        (c.actor1, c.actor2, c.event_type.value, c.direction.value)
        for c in extract(text, date=date).interactions
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the topics came out as parties: Kenya -> Somalia, Kenya -> Sudan, Kenya -> Ethiopia, all CONSULT
        (
            "Tanzania hosted Kenya in Arusha for talks on Somalia, Sudan and Ethiopia.",
            {("TZA", "KEN", "CONSULT", "mutual")},  # hosting for talks is a meeting together (events 1.23.0)
        ),
        ("Chile and Peru held talks on Bolivia and Ecuador.", {("CHL", "PER", "CONSULT", "mutual")}),
        ("Chile held talks about Bolivia.", set()),
        # the partner named after the topic, or after a day, still takes part
        ("Chile held talks about Bolivia with Peru.", {("CHL", "PER", "CONSULT", "mutual")}),
        ("Chile held talks on Monday with Peru.", {("CHL", "PER", "CONSULT", "mutual")}),
        # a call between two is theirs, whatever it was about
        (
            "Chile and Peru spoke by phone about Bolivia's talks with Ecuador.",
            {("CHL", "PER", "CONSULT", "mutual")},
        ),
    ],
)
def test_what_talks_are_about_is_no_party_to_them(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the partner is a name the registry does not hold: Italy came out as China's partner
        ("Sullivan and Wang Yi held talks in Rome.", set()),
        ("Putin and Harrington discussed the war at a dinner in Paris.", set()),
        # a partner named after 'with' still counts; two known parties in a third capital, as before
        (
            "Harrington and Wang Yi held talks in Rome with Lavrov.",
            {("CHN_WANG_YI", "RUS_LAVROV", "CONSULT", "mutual")},
        ),
        ("Wang Yi and Lavrov held talks in Rome.", {("CHN_WANG_YI", "RUS_LAVROV", "CONSULT", "mutual")}),
    ],
)
def test_a_place_is_not_the_partner_of_one_the_registry_does_not_know(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the state before the company was taken as the party: HUAWEI -> RUS, GAZPROM left out
        ("Huawei signed a contract with Russia's MTS.", {("HUAWEI", "MTS", "AGREE", "mutual")}),
        ("The EU sanctioned Russia's Gazprom.", {("EU", "GAZPROM", "SANCTION", "directed")}),
        ("Russia's Gazprom cut off gas supplies to Ukraine.", {("GAZPROM", "UKR", "SANCTION", "directed")}),
    ],
)
def test_a_states_possessive_before_a_company_names_the_company(sentence, expected):
    assert _coded(sentence) == expected


def test_the_owning_state_is_kept_as_a_modifier_with_its_reason():
    result = extract("Huawei signed a contract with Russia's MTS.", date="2024-03-01")
    assert "'Russia' says whose MTS it is here; MTS is the actor" in result.notes


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the separatists are not Russia: this was RUS -> UKR ASSAULT (-9)
        ("Pro-Russian separatists attacked Ukrainian forces near Donetsk.", set()),
        ("The EU imposed sanctions on pro-Russian separatists.", set()),
        ("Serbia condemned the anti-Western rally.", set()),
    ],
)
def test_a_state_inside_a_compound_describes_it_does_not_act(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 'one-China' was China acting: CHN -> TWN REJECT on 'opposes Taiwan independence'
        (
            "Lukashenko said Belarus adheres to the one-China principle and opposes Taiwan independence.",
            {("BLR", "CHN", "SUPPORT", "directed")},
        ),
        (
            "Serbia reaffirmed its commitment to the one-China policy.",
            {("SRB", "CHN", "SUPPORT", "directed")},
        ),
        ("Belarus opposes any form of Taiwan independence.", {("BLR", "CHN", "SUPPORT", "directed")}),
        # nothing else is read into the phrase
        ("Taiwan's independence movement held a rally.", set()),
    ],
)
def test_the_one_china_policy_and_opposing_taiwan_independence_support_china(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia cut gas to Moldova.", {("RUS", "MDA", "SANCTION", "directed")}),
        ("Azerbaijan cut oil deliveries to Armenia.", {("AZE", "ARM", "SANCTION", "directed")}),
        # a lower price or output is no sanction of anyone
        ("Russia cut gas prices for Moldova.", set()),
        ("Saudi Arabia cut oil output.", set()),
    ],
)
def test_cutting_gas_or_oil_to_a_party_is_a_sanction(sentence, expected):
    assert _coded(sentence) == expected


def test_the_registry_holds_the_codes_these_tests_use():
    """The sentences above name codes the registry holds; a missing one would make them vacuous."""
    actors = default_index().actors
    for code in ("TZA", "KEN", "CHL", "PER", "HUAWEI", "MTS", "GAZPROM", "BLR", "SRB", "MDA", "AZE", "ARM"):
        assert code in actors, code


def _with_modality(text: str) -> set[tuple[str, str, str, str]]:
    """(actor1, actor2, PLOVER type, modality) of every interaction."""
    return {
        (c.actor1, c.actor2, c.event_type.value, c.modality.value)
        for c in extract(text, date="2024-03-01").interactions
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # each of these coded nothing
        ("The General Assembly deplored Serbia's attack.", {("UN", "SRB", "ACCUSE", "fact")}),
        ("Russia was helping Laos build a research reactor.", {("RUS", "LAO", "AID", "fact")}),
        ("Chile and Peru issued a joint statement on fishing.", {("CHL", "PER", "AGREE", "fact")}),
        (
            "Turkey said the Greek decision to close the border was a mistake.",
            {("TUR", "GRC", "ACCUSE", "fact")},
        ),
        # a threat's own modal is the threat made, not intent; a modal before it is
        ("Belarus said it would respond to the Polish ban.", {("BLR", "POL", "THREATEN", "fact")}),
        (
            "Blinken told Venezuelan officials that an attack would have serious consequences.",
            {("USA_BLINKEN", "VEN", "THREATEN", "fact")},
        ),
        ("Belarus may threaten Lithuania.", {("BLR", "LTU", "THREATEN", "intent")}),
        # a statement of one's own agrees with no one; co-sponsors back a text, not each other
        ("Chile issued a statement about Peru.", set()),
        (
            "Chile voted against the General Assembly resolution backed by Peru and Bolivia.",
            {("CHL", "PER", "REJECT", "fact"), ("CHL", "BOL", "REJECT", "fact")},
        ),
    ],
)
def test_the_curated_misses_named_by_their_cues(sentence, expected):
    assert _with_modality(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # only the one joined was read as acting
        (
            "Canada joined Britain in accusing Iran of hacking.",
            {("CAN", "IRN", "ACCUSE", "directed"), ("GBR", "IRN", "ACCUSE", "directed")},
        ),
        (
            "Armenia, a neighbour, joined Georgia in opening the railway.",
            {("ARM", "GEO", "COOPERATE", "mutual")},
        ),
        # exercises begun or held under a name, and joined past a longer name: these coded nothing
        (
            "The Indian navy joined France in the annual naval exercise.",
            {("IND", "FRA", "COOPERATE", "mutual")},  # an exercise joined is held together (events 1.21.0)
        ),
        (
            "Indian and French forces began the SHAKTI-2021 exercise in southern France.",
            {("IND", "FRA", "COOPERATE", "mutual")},
        ),
        # a sanctions list's words
        ("The US designated five Iranian banks.", {("USA", "IRN", "SANCTION", "directed")}),
        ("The EU blocked three Belarusian companies.", {("EU", "BLR", "SANCTION", "directed")}),
    ],
)
def test_who_joins_an_act_and_the_words_of_exercises_and_lists(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the accusation had no accuser: "after" ends a clause, and the subject stood before it
        (
            "Poland left the accord after accusing Belarus of breaching it.",
            {("POL", "BLR", "ACCUSE", "directed")},
        ),
        (
            "Chile and Peru quit the forum after accusing Bolivia of stalling.",
            {("CHL", "BOL", "ACCUSE", "directed"), ("PER", "BOL", "ACCUSE", "directed")},
        ),
        # halting talks is a sanction (CAMEO 164), not the talks: these were CONSULT, and RETREAT (+9)
        ("Serbia broke off talks with Kosovo.", {("SRB", "KSV", "SANCTION", "directed")}),
        ("Armenia walked out of the talks with Azerbaijan.", {("ARM", "AZE", "SANCTION", "directed")}),
        ("Venezuela pulled out of negotiations with Colombia.", {("VEN", "COL", "SANCTION", "directed")}),
        ("Chile and Peru left the talks.", set()),
    ],
)
def test_an_adjuncts_gerund_has_the_clauses_subject_and_halting_talks_is_a_sanction(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # acting against a party's requests or objections rejects that party: these coded nothing
        (
            "Ecuador granted the activist asylum despite British requests.",
            {("ECU", "GBR", "REJECT", "directed")},
        ),
        ("Serbia held the vote despite objections from Kosovo.", {("SRB", "KSV", "REJECT", "directed")}),
        (
            "Turkey went ahead with the drilling over Greek objections.",
            {("TUR", "GRC", "REJECT", "directed")},
        ),
        # where the protests or warnings were, or what they were of, is no party
        ("Iran went ahead despite protests in Iraq.", set()),
        # blocking a resolution answers its drafter, as a veto does, and shields its subject (SUPPORT)
        ("Russia blocked the French-drafted resolution.", {("RUS", "FRA", "REJECT", "directed")}),
        ("Russia blocked a draft on Mali.", {("RUS", "MLI", "SUPPORT", "directed")}),
        (
            "Russia and China blocked a UN statement on Mali.",
            {("RUS", "MLI", "SUPPORT", "directed"), ("CHN", "MLI", "SUPPORT", "directed")},
        ),
        ("Poland described Belarus as an aggressor.", {("POL", "BLR", "ACCUSE", "directed")}),
    ],
)
def test_acting_despite_a_partys_objections_rejects_it_and_blocking_a_draft_is_a_veto(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the listed parties, named in the cue, are the target, not the state they supply (that was all)
        (
            "Canada listed Iran-based entities supplying Russia's army.",
            {("CAN", "IRN", "SANCTION", "directed"), ("IRN", "RUS", "AID", "directed")},
        ),
        (
            "Japan added India-based firms to its list of entities supplying Russia's army.",
            {("JPN", "IND", "SANCTION", "directed"), ("IND", "RUS", "AID", "directed")},
        ),
        ("The EU widened restrictions on Belarusian potash makers.", {("EU", "BLR", "SANCTION", "directed")}),
        # a list as a noun lists no one
        ("The report gave a list of companies in Iran.", set()),
    ],
)
def test_listing_a_states_entities_sanctions_that_state(sentence, expected):
    assert _coded(sentence) == expected


def test_the_reason_a_listing_gives_is_reported():
    result = extract("Canada listed three Iranian firms for supplying drones to Russia.", date="2024-03-01")
    modes = {(c.actor1, c.actor2, c.event_type.value, c.modality.value) for c in result.interactions}
    assert modes == {("CAN", "IRN", "SANCTION", "fact"), ("IRN", "RUS", "AID", "reported")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # each of these coded nothing
        ("Lula attended Beijing's National Day parade as a guest.", {("BRA", "CHN", "SUPPORT", "directed")}),
        ("Serbia attended Belarus's Independence Day parade.", {("SRB", "BLR", "SUPPORT", "directed")}),
        (
            "Chile and Peru extended their fishing agreement for ten years.",
            {("CHL", "PER", "AGREE", "mutual")},
        ),
        (
            "Laos and Thailand opened their fourth cross-border road bridge.",
            {("LAO", "THA", "COOPERATE", "mutual")},
        ),
        # commercial gas deliveries are trade (lexicon 1.19.0), as the curated records code them
        ("Azerbaijan began pipeline gas deliveries to Georgia.", {("AZE", "GEO", "COOPERATE", "directed")}),
        ("Azerbaijan began aid deliveries to Georgia.", {("AZE", "GEO", "AID", "directed")}),
        (
            "About 300 Mongolian troops took part in India's Nomadic-2024 exercise.",
            {("MNG", "IND", "COOPERATE", "mutual")},  # together with its host (events 1.21.0)
        ),
        (
            "Britain linked the ransomware attack to a Russian intelligence unit.",
            {("GBR", "RUS", "ACCUSE", "directed")},
        ),
        (
            "Belarus designated the Polish broadcaster as an extremist organisation.",
            {("BLR", "POL", "COERCE", "directed")},
        ),
        (
            "Turkey revoked the broadcasting licence of Greece's state broadcaster.",
            {("TUR", "GRC", "COERCE", "directed")},
        ),
    ],
)
def test_parades_treaties_extended_deliveries_begun_attribution_and_foreign_agents(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # office holders of the 2010s and 2020s the PETRARCH gazetteer lacks (data/lexicon/world_extra.jsonl)
        ("Scholz telephoned Macron.", {("DEU", "FRA", "CONSULT", "mutual")}),
        ("Erdogan met Raisi in Tehran.", {("TUR", "IRN", "CONSULT", "mutual")}),
        ("Jake Sullivan and Dong Jun held talks in Vienna.", {("USA", "CHN", "CONSULT", "mutual")}),
        ("Kishida met Yoon Suk Yeol in Seoul.", {("JPN", "KOR", "CONSULT", "mutual")}),
        # a common surname alone stays unknown: "Sullivan" could be anyone
        ("Sullivan met Lula.", set()),
    ],
)
def test_office_holders_the_gazetteer_lacked(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # after "of", the parties were read as acted on, and the meeting had no one meeting
        ("The leaders of Chile and Peru met in Lima.", {("CHL", "PER", "CONSULT", "mutual")}),
        (
            "A group of Kenyan diplomats held a meeting with Ethiopia.",
            {("KEN", "ETH", "CONSULT", "mutual")},
        ),
        ("A delegation of Iranian officials visited Baku.", {("IRN", "AZE", "CONSULT", "directed")}),
        # a party after a verb's "of" is still acted on
        ("Serbia accused dozens of Kosovar officials.", {("SRB", "KSV", "ACCUSE", "directed")}),
    ],
)
def test_the_people_of_a_state_named_after_of_act_for_it(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the first verb's object was read as the second verb's subject: UKR -> POL THREATEN
        (
            "Serbia shelled Kosovar villages and threatened Albania.",
            {("SRB", "KSV", "ASSAULT", "directed"), ("SRB", "ALB", "THREATEN", "directed")},
        ),
        (
            "Canada imposed sanctions on Iranian banks and urged Iraq to stop trading with them.",
            {("CAN", "IRN", "SANCTION", "directed"), ("CAN", "IRQ", "REQUEST", "directed")},
        ),
        # the party after a second verb with its own object is that verb's: Peru was also "opposed"
        (
            "Chile said it opposed the new duties and accused Peru of protectionism.",
            {("CHL", "PER", "ACCUSE", "directed")},
        ),
        (
            "Latvia said it regretted the decision and stood by its pledge to Moldova.",
            {("LVA", "MDA", "AGREE", "directed")},
        ),
        # a joint act "by" two parties is theirs together, whoever is named before it
        (
            "The Indian ship was taking part in the first joint naval patrol by India and France.",
            {("IND", "FRA", "COOPERATE", "mutual")},
        ),
    ],
)
def test_a_second_verb_has_the_first_verbs_subject_and_its_own_object(sentence, expected):
    assert _coded(sentence) == expected


def test_an_accusation_in_an_adjunct_leaves_the_main_act_a_fact():
    """'walked out of the talks after accusing Peru of stalling': the accusation's 'of' made the walk-out
    reported; it is the accusation that reports."""
    modes = _with_modality("Bolivia walked out of the talks with Chile after accusing Peru of stalling.")
    assert modes == {("BOL", "CHL", "SANCTION", "fact"), ("BOL", "PER", "ACCUSE", "reported")}
    # in its own clause the marker still reports
    assert _with_modality("Russia shelled Kyiv, according to Ukraine's military.") == {
        ("RUS", "UKR", "ASSAULT", "reported")
    }


def test_an_opening_attribution_without_a_comma_names_only_the_source():
    """'According to reports the UK is pushing hard for ...' had every actor after 'according to' taken for
    the report's source, so the sentence coded nothing; the attribution ends at its source's noun."""
    assert _with_modality("According to reports Chile is pushing hard for Peru to reopen the border.") == {
        ("CHL", "PER", "REQUEST", "reported")
    }
    assert _with_modality("According to Brazilian officials Chile attacked Peru.") == {
        ("CHL", "PER", "ASSAULT", "reported")
    }
    # with a comma, or at the end, the source is named up to it, as before
    assert _with_modality("According to Brazilian officials, Chile attacked Peru.") == {
        ("CHL", "PER", "ASSAULT", "reported")
    }
    assert _with_modality("Chile attacked Peru according to Brazilian officials.") == {
        ("CHL", "PER", "ASSAULT", "reported")
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the body a treaty creates was taken for the party: RUS_PUTIN -> EAEU, KAZ -> EAEU
        (
            "Lukashenko and Armenia's president signed the treaty creating the Eurasian Economic Union.",
            {("BLR_LUKASHENKO", "ARM", "AGREE", "mutual")},
        ),
        ("Chile and Peru signed the fisheries arrangement.", {("CHL", "PER", "AGREE", "mutual")}),
        ("The SCO admitted Laos as its eleventh member.", {("SCO", "LAO", "AGREE", "directed")}),
        (
            "Serbia expressed deep gratitude to Hungary for its support.",
            {("SRB", "HUN", "SUPPORT", "directed")},
        ),
        (
            "Norway conveyed grave national security concern to Moscow.",
            {("NOR", "RUS", "ACCUSE", "directed")},
        ),
        # the parties barred are named in the cue, not after it
        (
            "The EU barred large Belarusian state banks from raising capital in the EU.",
            {("EU", "BLR", "SANCTION", "directed")},
        ),
    ],
)
def test_signers_together_admissions_gratitude_and_bars(sentence, expected):
    assert _coded(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        # a bare "Kim" in Kim Jong Un's time is him (as "Bush" or "Hu" in theirs); before it, no one
        (
            "Kim and Lukashenko held talks in Pyongyang.",
            "2023-09-13",
            {("PRK_KIM", "BLR_LUKASHENKO", "CONSULT", "mutual")},
        ),
        ("Kim and Lukashenko held talks.", "2005-06-01", set()),
        # who attends "alongside" another attends with it: the host is whom the attendance supports
        (
            "Kim attended Minsk's Independence Day parade alongside Lukashenko.",
            "2023-07-03",
            {("PRK_KIM", "BLR", "SUPPORT", "directed")},
        ),
    ],
)
def test_kim_in_his_time_and_attending_alongside_another(sentence, date, expected):
    assert _coded(sentence, date) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # each of these coded nothing, or no act alleged
        ("Lavrov lashed out at the EU over its visa rules.", {("RUS_LAVROV", "EU", "ACCUSE", "fact")}),
        ("Lukashenko called Putin his closest ally.", {("BLR_LUKASHENKO", "RUS_PUTIN", "SUPPORT", "fact")}),
        (
            "Canada accused Iran of helping Russia rebuild its drone fleet.",
            {("CAN", "IRN", "ACCUSE", "reported"), ("IRN", "RUS", "AID", "reported")},
        ),
        # a call for something, or a move called something, is no friendship
        ("Serbia called the move a provocation.", set()),
    ],
)
def test_lashing_out_calling_a_friend_and_helping_rebuild(sentence, expected):
    assert _with_modality(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # each of these coded nothing
        ("Turkish banks curbed payments from Russian clients.", {("TUR", "RUS", "SANCTION", "directed")}),
        ("Russia resumed imports of Moldovan wine.", {("RUS", "MDA", "CONCEDE", "directed")}),
        (
            "Brazil sent a special envoy to Caracas and Bogota.",
            {("BRA", "VEN", "CONSULT", "directed"), ("BRA", "COL", "CONSULT", "directed")},
        ),
    ],
)
def test_curbed_payments_resumed_imports_and_envoys_sent(sentence, expected):
    assert _coded(sentence) == expected


def test_releasing_detained_people_is_a_concession_not_a_detention():
    """'released two detained Canadians' was China coercing Canada (COERCE, -7) on the word 'detained'."""
    assert _coded("Chile released three detained Peruvians.") == {("CHL", "PER", "CONCEDE", "directed")}
    assert _coded("Chile freed two jailed Bolivians.") == {("CHL", "BOL", "CONCEDE", "directed")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # what is discussed is a topic; the partner is named after "with", or is the acting pair
        (
            "Macron and Scholz met in Berlin and discussed Libya and migration.",
            {("FRA", "DEU", "CONSULT", "mutual")},
        ),
        ("Erdogan discussed Syria with Raisi by phone.", {("TUR", "IRN", "CONSULT", "mutual")}),
        # a rejection "over" a state names what it is about, not whom it rejects
        (
            "Brazil and Mexico agreed in opposing the use or threat of use of force over Venezuela.",
            {("BRA", "MEX", "AGREE", "mutual")},
        ),
        ("Chile rejected Peru's claim over Bolivia.", {("CHL", "PER", "REJECT", "directed")}),
    ],
)
def test_what_is_discussed_or_opposed_over_is_no_party(sentence, expected):
    """'Bush and Putin met in Shanghai and discussed Afghanistan' had each consult Afghanistan; 'agreed in
    opposing the use or threat of use of nuclear weapons over Ukraine' had both reject (then threaten)
    Ukraine."""
    assert _coded(sentence) == expected


def test_a_gerund_adjunct_ends_the_main_verbs_clause_for_its_modality_whatever_word_opens_it():
    """The adjunct words are declared once: 'upon accusing' ended the walk-out's clause for who acts
    (parties.GERUND_ADJUNCT) but not for its modality, so the walk-out was 'reported'."""
    result = extract(
        "Bolivia walked out of the talks with Chile upon accusing Peru of stalling.", date="2024-03-01"
    )
    walk_out = [c for c in result.interactions if c.event_type.value == "SANCTION"]
    assert [(c.actor1, c.actor2, c.modality.value) for c in walk_out] == [("BOL", "CHL", "fact")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a request of someone unnamed: the party is in the act asked for ("urged the countries concerned to
        # stop military action against Iraq" was China asking Iraq)
        ("Brazil urged the countries concerned to stop military action against Venezuela.", set()),
        ("Brazil urged all parties to respect Bolivia's sovereignty.", set()),
        ("Brazil urged Chile to respect Bolivia's sovereignty.", {("BRA", "CHL", "REQUEST", "directed")}),
        # what a resolution voted on would do is no act ("vetoed the Western-drafted resolution to sanction
        # Syria" also had the West sanctioning Syria; "the draft resolution on its invasion of Ukraine" Russia
        # invading Ukraine on the day of the vote)
        (
            "Cuba vetoed the French-drafted resolution to sanction Venezuela.",
            {("CUB", "FRA", "REJECT", "directed")},
        ),
        ("Cuba vetoed the draft resolution on its blockade of Haiti.", set()),
        # what is said to a meeting is no partner of it ("told the summit that the Ukraine crisis ...")
        ("Lula told the summit that Venezuela held fair elections.", set()),
    ],
)
def test_what_is_asked_voted_on_or_told_is_no_party(sentence, expected):
    assert _coded(sentence) == expected


def test_secretaries_and_speakers_the_registry_names_act_for_their_state():
    """Kerry (Secretary of State 2013-2017) and Pelosi (Speaker) were unknown: 'Kerry and Lavrov agreed a
    plan' coded no agreement, and 'the Pelosi visit to Taiwan' was Russia's foreign ministry visiting."""
    agreed = _coded("Kerry and Lavrov agreed a plan on Syria's chemical weapons.", date="2013-09-14")
    assert ("USA_KERRY", "RUS_LAVROV", "AGREE", "mutual") in agreed
    visit = _coded("Russia's foreign ministry called the Pelosi visit to Taiwan unwise.", date="2022-08-03")
    assert visit == {("USA_PELOSI", "TWN", "CONSULT", "directed")}


def test_a_move_coordinated_with_a_party_is_the_clause_subjects():
    """'EU states expelled Russian diplomats, in a move coordinated with Britain' had Russia coordinating
    with Britain: the move is the act of the clause's subject."""
    assert _coded("Japan expelled Chinese diplomats, in a move coordinated with Australia.") == {
        ("JPN", "CHN", "COERCE", "directed"),
        ("JPN", "AUS", "COOPERATE", "mutual"),  # coordinating is done together (events 1.21.0)
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a state's protest after or when another acted accuses the one who acted ("Beijing protested after a
        # US destroyer sailed through the Taiwan Strait" coded nothing; "Japan protested strongly when ..."
        # was a demonstration)
        (
            "Hanoi protested after a Chinese survey ship entered Vietnam's waters.",
            {("VNM", "CHN", "ACCUSE", "directed")},
        ),
        (
            "Manila protested strongly when Chinese vessels fired water cannon.",
            {("PHL", "CHN", "ACCUSE", "directed")},
        ),
        # not whoever is named later in the clause: the subject of the clause answered
        ("Hanoi protested after talks with China collapsed.", set()),
        # a response scrambled after an act answers all who acted ("Russian and Chinese bombers")
        (
            "Seoul scrambled fighter jets after Russian and Chinese bombers flew near its airspace.",
            {("KOR", "RUS", "MOBILIZE", "directed"), ("KOR", "CHN", "MOBILIZE", "directed")},
        ),
        # the one who leads a delegation acts ("a Russian delegation led by Lavrov arrived in Beijing for
        # talks with Wang Yi" coded nothing: Lavrov was the object of "by")
        (
            "A delegation led by Erdogan arrived in Cairo for talks.",
            {("TUR", "EGY", "CONSULT", "directed")},
        ),
    ],
)
def test_a_protest_after_an_act_accuses_who_acted(sentence, expected):
    assert _coded(sentence) == expected


def test_a_party_added_to_another_s_list_is_listed_by_it():
    """'Huawei was added to the US Entity List' had Huawei sanctioning the United States: in the passive
    the list's owner lists the one added."""
    assert _coded("Three Iranian firms were added to the EU sanctions list.") == {
        ("EU", "IRN", "SANCTION", "directed")
    }
    assert _coded("Britain added three Iranian firms to its sanctions list.") == {
        ("GBR", "IRN", "SANCTION", "directed")
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a judgement of a party's act accuses the act's author, the first party of the clause judged, not
        # the one nearest the judgement ("NATO's expansion toward Russia's borders was a provocation" named
        # no one: Russia was nearest, Putin's own state)
        (
            "Erdogan said Greece's build-up near Turkey's coast was a provocation.",
            {("TUR", "GRC", "ACCUSE", "directed")},
        ),
        # the act judged is no act of the speaker ("Lavrov said the deployment of US missiles in Germany was a
        # mistake" had Lavrov deploying them)
        (
            "Lula said the deployment of US troops in Peru was a mistake.",
            {("BRA", "USA", "ACCUSE", "directed")},
        ),
        # calling a party's act a mistake or a provocation names its author inside
        (
            "Lula called the US-led operation in Haiti a serious mistake.",
            {("BRA", "USA", "ACCUSE", "directed")},
        ),
        # a hearer named before "that" is not the subject of what is said
        (
            "Lula told Boric that Peruvian support for the coup must stop.",
            {("BRA", "PER", "REQUEST", "directed")},
        ),
    ],
)
def test_a_judgement_of_an_act_accuses_its_author(sentence, expected):
    assert {c for c in _coded(sentence) if c[2] in ("ACCUSE", "REQUEST", "MOBILIZE")} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a clause of time after the act has its own subject and object: "as Biden visited Tokyo" made the
        # United States and Japan partners of the patrol
        (
            "Iranian and Syrian jets flew a joint patrol over the Golan as Blinken visited Amman.",
            {("IRN", "SYR", "COOPERATE", "mutual"), ("USA_BLINKEN", "JOR", "CONSULT", "directed")},
        ),
        (
            "Egypt and Sudan held joint drills while Ethiopia filled the dam.",
            {("EGY", "SDN", "COOPERATE", "mutual")},
        ),
        # guards: a role after "as" ("as Putin's principal guest") and a list after "such as" stay parties
        ("Lula attended the parade as Modi's guest of honour.", {("BRA", "IND_MODI", "SUPPORT", "directed")}),
        (
            "Chile imposed curbs on imports from countries such as Peru.",
            {("CHL", "PER", "SANCTION", "directed")},
        ),
        # a capital is a place when a visitor meets that state's own official in it: "Lavrov arrived in
        # Beijing for two days of talks with Wang Yi" coded nothing (Beijing acted, China met China)
        (
            "Blinken arrived in New Delhi for two days of talks with Modi.",
            {("USA_BLINKEN", "IND_MODI", "CONSULT", "mutual")},
        ),
        # a demonym at a state's edge names that state ("massed troops near the Ukrainian border" coded
        # nothing: the demonym described the border)
        ("Russia massed troops near the Estonian border.", {("RUS", "EST", "MOBILIZE", "directed")}),
        ("China deployed warships along the Vietnamese coast.", {("CHN", "VNM", "MOBILIZE", "directed")}),
        ("Refugees crossed the Thai border.", set()),
        ("Cambodian troops captured a rebel camp on the Thai border.", set()),  # a place, after no mobilising
        # what two parties are urged to do is asked for, no agreement of theirs ("urged Moscow and Kyiv to
        # return to the negotiating table" came out as their AGREE)
        (
            "Ankara urged Baku and Yerevan to return to the negotiating table.",
            {("TUR", "AZE", "REQUEST", "directed"), ("TUR", "ARM", "REQUEST", "directed")},
        ),
        # whom cooperation is aimed at is no partner of it
        (
            "Seoul and Tokyo agreed to deepen missile defence cooperation against North Korea.",
            {("KOR", "JPN", "AGREE", "mutual")},
        ),
        # a state naming a contingency, a crisis or a question describes it (markers 1.11.0)
        ("Manila said a Taiwan contingency could threaten Philippine security.", set()),
        # drills held with a party are held together, as joint drills are
        ("The Indian navy held drills with the French navy.", {("IND", "FRA", "COOPERATE", "mutual")}),
    ],
)
def test_clauses_of_time_capitals_edges_and_drills_held_with(sentence, expected):
    assert _coded(sentence, date="2024-06-01") == expected
