"""Who said it: cues around the quote, the neighbourhood, pronouns, titles, registry names.

Texts are written for these tests; the people are fictional unless the test is about the
registry (then a real office holder appears in an invented sentence).
"""

from __future__ import annotations

import pytest

import parley


def _quotes(text: str, date: str | None = None) -> dict[str, object]:
    """quote text -> the Quote record, for one analysed text."""
    return {q.quote: q for q in parley.analyze(text, date=date).quotes}


def _speaker(text: str, quote: str, date: str | None = None) -> str | None:
    return _quotes(text, date)[quote].speaker


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        ('"We will not sit down with people who bomb markets," Amara Velic said on Friday in the capital.',
         "We will not sit down with people who bomb markets,", "Amara Velic"),
        ('"We will not sit down with people who bomb markets," said Gen. Ivo Darran, head of the northern army.',
         "We will not sit down with people who bomb markets,", "Ivo Darran"),
        ('Foreign Minister Teodor Lask told reporters in the capital: "The door to talks remains open to all."',
         "The door to talks remains open to all.", "Teodor Lask"),
        ('Amara Velic rejected the offer on Friday, telling reporters, "There is nothing to discuss with them."',
         "There is nothing to discuss with them.", "Amara Velic"),
        ('"Why should we negotiate with people who bomb markets?" Amara Velic asked during a visit to the port.',
         "Why should we negotiate with people who bomb markets?", "Amara Velic"),
        ('Teodor Lask, the foreign minister, said the talks were "a waste of everybody\'s time" and left the hall.',
         "a waste of everybody's time", "Teodor Lask"),
        ('The valley will stay closed, according to Ivo Darran, who said the army "will hold every road we have."',
         "will hold every road we have.", "Ivo Darran"),
    ],
)
def test_quotes_speakers_cue_before_after_inside(text, quote, speaker):
    assert _speaker(text, quote) == speaker


def test_quotes_speakers_split_quote_and_floating_quote_keep_the_speaker():
    text = (
        '"The valley is ours," Ivo Darran said at the rally in the northern hills on Sunday. '
        '"We will not leave it before the spring, whatever the army promises us."\n\n'
        '"And nobody in the capital will change that, not this year and not the next."'
    )
    got = _quotes(text)
    assert {q.speaker for q in got.values()} == {"Ivo Darran"}


def test_quotes_speakers_colon_in_the_sentence_before():
    text = (
        "Amara Velic addressed the council in the capital on Friday and ended with a warning:\n\n"
        '"Those who bomb markets will never sit at our table, whatever the mediators say."'
    )
    assert _speaker(text, "Those who bomb markets will never sit at our table, whatever the mediators say.") == (
        "Amara Velic"
    )


def test_quotes_speakers_pronoun_goes_to_the_person_who_spoke_not_the_last_name():
    text = (
        "Mara Quill said on Friday that her government had met Ivo Darran twice in Oslo last month.\n\n"
        '"He never came with a real offer, and we told the mediators so," she said after the meeting.\n\n'
        'Teodor Lask, who led the talks, said Ivo Darran had asked for more time. '
        '"We will give them one more week and no more than that," he said.'
    )
    got = _quotes(text)
    assert got["He never came with a real offer, and we told the mediators so,"].speaker == "Mara Quill"
    assert got["We will give them one more week and no more than that,"].speaker == "Teodor Lask"


def test_quotes_speakers_surname_resolves_to_the_full_name():
    text = (
        "Northern Front commander Ivo Darran arrived in the capital on Thursday for the first round of talks.\n\n"
        '"We came to listen, not to surrender anything at all," Darran told reporters at the airport.'
    )
    q = _quotes(text)["We came to listen, not to surrender anything at all,"]
    assert q.speaker == "Ivo Darran" and q.cue == "told reporters"


def test_quotes_speakers_title_gives_role_and_side():
    text = (
        '"Our door stays open to talks on every disputed question," Kremlin spokesman Dmitry Peskov told Izvestia '
        "on Thursday, as reported by Interfax."
    )
    q = _quotes(text, "2022-10-13")["Our door stays open to talks on every disputed question,"]
    assert (q.speaker, q.speaker_side, q.cue, q.medium) == ("Dmitry Peskov", "Russia", "told Izvestia", "Interfax")


def test_quotes_speakers_unknown_person_gets_a_side_from_the_demonym():
    text = (
        'Tajik Prime Minister Farrukh Odinaev said his country would "ask its neighbours for their view first" '
        "before it let foreign planes refuel at its bases."
    )
    q = _quotes(text)["ask its neighbours for their view first"]
    assert (q.speaker, q.speaker_side, q.kind) == ("Farrukh Odinaev", "Tajikistan", "partial")


def test_quotes_speakers_description_resolves_by_date_through_the_registry():
    text = (
        "The attack in the capital was the third in a month, and the security services were blamed for it.\n\n"
        '"Those behind this will be tracked down and punished without mercy," the Russian president said in a speech.'
    )
    q = _quotes(text, "2004-02-08")["Those behind this will be tracked down and punished without mercy,"]
    assert q.speaker == "Vladimir Putin"
    q = _quotes(text, "2010-05-01")["Those behind this will be tracked down and punished without mercy,"]
    assert q.speaker == "Dmitry Medvedev"


def test_quotes_speakers_we_inside_a_quote_is_the_speakers_side():
    text = '"We are ready to talk as soon as the shelling stops," Ukrainian Foreign Minister Dmytro Kuleba said.'
    a = parley.analyze(text, date="2022-03-01")
    draft_side = a.quotes[0].speaker_side
    assert draft_side == "Ukraine"


def test_quotes_speakers_anonymous_source_is_not_named():
    text = (
        "Talks between the two delegations resumed in Geneva on Monday after a pause of three weeks.\n\n"
        '"Nothing has been agreed and nothing will be before the weekend," a senior official said.'
    )
    q = _quotes(text)["Nothing has been agreed and nothing will be before the weekend,"]
    assert q.speaker is None and q.speaker_role == "a senior official" and q.cue == "said"


def test_quotes_speakers_group_after_the_group_is_named():
    text = (
        "The Northern Liberation Front issued a statement on Sunday after the ceasefire collapsed in the hills.\n\n"
        '"The ceasefire was broken by the army, not by our fighters," the group said in the statement.'
    )
    assert _speaker(text, "The ceasefire was broken by the army, not by our fighters,") == "Northern Liberation Front"


def test_quotes_speakers_dash_signature():
    text = '"Peace will come when the army leaves our valley and not before." ― Lena Morrow, teacher'
    assert _speaker(text, "Peace will come when the army leaves our valley and not before.") == "Lena Morrow"


def test_quotes_speakers_quote_offsets_point_into_the_input():
    text = "Some words first.\n\n\"We will not move from the valley,\" Ivo Darran said on Sunday morning."
    for q in parley.analyze(text).quotes:
        assert text[q.start : q.end] == q.quote


def test_quotes_speakers_the_reporter_of_a_chain_speaks():
    text = ('Teodor Lask said that Ivo Darran had told him the movement was ready to "hand over every weapon '
            'it holds" before the summer.')
    assert _speaker(text, "hand over every weapon it holds") == "Teodor Lask"


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        ("Teodor Lask said during a long rally in the northern port city that Amara Velic once described the "
         "treaty as “the best deal ever made” in public.", "the best deal ever made", "Teodor Lask"),
        ("“The text was ready,” lamented the spokesman of the council, Ivo Darran, before going on to state that "
         "President Amara Velic considered it “obvious” that “the walkout was ordered from abroad”.",
         "the walkout was ordered from abroad", "Ivo Darran"),
    ],
)
def test_quotes_speakers_the_reporter_of_a_chain_speaks_across_asides(text, quote, speaker):
    assert _speaker(text, quote) == speaker


def test_quotes_speakers_a_long_unbroken_token_in_a_chain_reads_in_one_pass():
    # a run of letters between two cues once had exponentially many readings as "words before that"
    text = ("Teodor Lask said at kestriaharbourguildnoticesandbulletinsforthepublic Amara Velic described the "
            "treaty as “the best deal ever made” in public.")
    assert _speaker(text, "the best deal ever made") == "Teodor Lask"


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        ("When Amara Velic noted that the port had been closed for a month, Teodor Lask boasted, “That makes the "
         "blockade work.”", "That makes the blockade work.", "Teodor Lask"),
        ("In its Weekly Notice announcing that the harbour had been closed, the Harbour Guild said that it had “moved every "
         "ship to the southern quay.”", "moved every ship to the southern quay.", "Harbour Guild"),
    ],
)
def test_quotes_speakers_a_cue_in_an_opening_adverbial_is_no_reporter(text, quote, speaker):
    assert _speaker(text, quote) == speaker


def test_quotes_speakers_a_cue_in_an_opening_adverbial_comes_after_the_main_clause():
    text = ("With party leaders increasingly worried about turnout in the north, President Teodor Lask is trying out "
            "a new and more personal line: “This vote is about me.”")
    assert _speaker(text, "This vote is about me.") == "Teodor Lask"


def test_quotes_speakers_outlet_quoting_someone_unnamed_is_a_medium():
    text = (
        "The cabinet met for three hours on Sunday to discuss the prisoner exchange with the Northern Front.\n\n"
        '"We may never get a better deal than this one, and we know it," Israeli newspaper Haaretz quoted.'
    )
    q = _quotes(text)["We may never get a better deal than this one, and we know it,"]
    assert q.speaker is None and q.cue == "quoted"


def test_quotes_speakers_owners_and_bodies_speak_for_their_office():
    text = (
        "Norway's foreign ministry confirmed on Tuesday that four aid workers had been freed near the border.\n\n"
        'The ministry said Norway had "facilitated the handover at the request of the families" of the workers.\n\n'
        'Amara Velic\'s office said the president "will not comment on the exchange before it is completed."'
    )
    got = _quotes(text)
    assert got["facilitated the handover at the request of the families"].speaker == "Norway"
    assert got["will not comment on the exchange before it is completed."].speaker == "Amara Velic"


def test_quotes_speakers_gender_is_learnt_from_the_article():
    text = (
        "Dana Orvik, who leads the delegation, said her team would stay in Geneva until Friday.\n\n"
        "Defence Minister Tomas Brel watched from the other side of the hall. "
        'He said the talks had been "handled correctly by both sides so far."\n\n'
        '"We are not leaving without a paper," she told reporters afterwards in the lobby of the hotel.'
    )
    got = _quotes(text)
    assert got["handled correctly by both sides so far."].speaker == "Tomas Brel"
    assert got["We are not leaving without a paper,"].speaker == "Dana Orvik"


def test_quotes_speakers_lower_case_cue_after_a_full_stop_still_attributes():
    text = (
        "The army withdrew from the valley on Monday after three weeks of shelling.\n\n"
        '"We will rebuild every house. Nobody will be left outside this winter." said Mayor Lena Morrow.'
    )
    assert _speaker(text, "We will rebuild every house. Nobody will be left outside this winter.") == "Lena Morrow"


def test_quotes_speakers_description_with_adjectives_finds_its_holder():
    text = (
        "Hardline Northern Front leader Ivo Darran, who returned from exile in May, addressed the rally.\n\n"
        '"No dialogue is possible while the army stays," the veteran separatist leader told reporters.'
    )
    assert _speaker(text, "No dialogue is possible while the army stays,") == "Ivo Darran"


def test_quotes_speakers_lower_case_demonym_description_goes_through_the_registry():
    text = (
        "The two neighbours have argued about border policing for years.\n\n"
        '"We hold him in esteem, yet our border is ours to guard," said the mexican ruler at '
        "his morning briefing."
    )
    q = _quotes(text, "2023-03-03")["We hold him in esteem, yet our border is ours to guard,"]
    assert q.speaker == "Andres Manuel Lopez Obrador"


@pytest.mark.parametrize(
    "text",
    [
        '"There is no chance of a final agreement this year," Ivo Darran of the Crisis Group, told Reuters.',
        'Talks resumed on Monday. "There is no chance of a final agreement this year," told Reuters one analyst.',
    ],
)
def test_quotes_speakers_the_addressee_of_told_never_speaks(text):
    speaker = _speaker(text, "There is no chance of a final agreement this year,")
    assert speaker != "Reuters"
    if "Darran" in text:
        assert speaker == "Ivo Darran"


def test_quotes_speakers_the_statement_speaks_for_whoever_issued_it():
    text = (
        '"We invite every armed group to lay down its weapons," the Kestrian junta said in a statement on Friday.\n\n'
        "The offer came after two years of fighting in the hills.\n\n"
        'Armed groups should choose "the road of ballot boxes and open debate rather than rifles", the statement said.'
    )
    assert _speaker(text, "the road of ballot boxes and open debate rather than rifles") == "Kestrian junta"


def test_quotes_speakers_statement_issued_by_a_body_and_an_unattributed_statement():
    text = (
        '"Both delegations confirmed that they prefer a settlement reached by talks," according to a statement issued by '
        "Kestria’s so-called Secretariat for Harmony Talks.\n\n"
        'Elsewhere in the hills, "the guns in the hills have not fallen silent once this week," a statement said.'
    )
    got = _quotes(text)
    assert got["Both delegations confirmed that they prefer a settlement reached by talks,"].speaker == (
        "Secretariat for Harmony Talks"
    )
    unnamed = got["the guns in the hills have not fallen silent once this week,"]
    assert unnamed.speaker is None and unnamed.speaker_role == "a statement"


def test_quotes_speakers_joint_statement_names_its_parties():
    text = ('A joint statement from Harbourline, the Kestrian Nurses Union and the Royal Guild said: "The '
            'walkout is on hold for as long as the talks last."')
    assert _speaker(text, "The walkout is on hold for as long as the talks last.") == (
        "Harbourline, Kestrian Nurses Union and Royal Guild"
    )


def test_quotes_speakers_an_unnamed_spokesman_speaks_for_the_body():
    text = (
        "A spokesman for Norway’s Council for the Peaceful Union of the Isles said no talks could be held while "
        "the naval drills went on.\n\n"
        '"With warships at our door, how could anyone sit down and talk?" the spokesman was quoted as saying.\n\n'
        '"Nobody has asked us to the table and we have asked nobody," a Taliban spokesman told reporters in Doha.'
    )
    got = _quotes(text, "2023-05-01")
    assert got["With warships at our door, how could anyone sit down and talk?"].speaker == (
        "Council for the Peaceful Union of the Isles"
    )
    assert got["Nobody has asked us to the table and we have asked nobody,"].speaker == "Taliban"


def test_quotes_speakers_according_to_then_a_new_subject_is_no_apposition():
    text = ("According to a Taliban spokesman, the movement’s deputy Mullah Karim Zahed received the envoy and the "
            'two men went over "the main points of a political settlement".')
    assert _speaker(text, "the main points of a political settlement", "2020-01-01") == "Taliban"


def test_quotes_speakers_it_said_is_the_organisation_that_spoke_last():
    text = (
        "In a regulatory filing, Kestrel Consumer Products said that the company was holding no talks, as "
        "a wire service had claimed on Monday.\n\n"
        '"We have nothing to add to what we have already told the market," it said.'
    )
    assert _speaker(text, "We have nothing to add to what we have already told the market,") == (
        "Kestrel Consumer Products"
    )


def test_quotes_speakers_joint_statement_of_the_parties_named_before():
    text = ("Negotiators for both Armenia and Azerbaijan agreed to reopen the border crossings, a joint statement said, "
            'adding that "the parties will meet again in Oslo next month".')
    assert _speaker(text, "the parties will meet again in Oslo next month") == "Armenia and Azerbaijan"


def test_quotes_speakers_joint_statement_parties_named_by_description():
    text = ("The Armenian government restored the truce in the hills on Sunday.\n\n"
            "Envoys of both the government and the Lowland Liberation Front will return to the table in spring, "
            "a joint statement said.\n\n"
            '"The parties shall meet again in Oslo within a month," the statement said.')
    assert _speaker(text, "The parties shall meet again in Oslo within a month,") == (
        "Armenia and Lowland Liberation Front"
    )


def test_quotes_speakers_a_body_inside_the_description_before_the_name_is_no_speaker():
    text = ('His former business partner at Brinley Care, Tomas Arden, said: "He put together deals that nobody '
            'else in the valley could."')
    assert _speaker(text, "He put together deals that nobody else in the valley could.") == "Tomas Arden"


def test_quotes_speakers_a_dated_line_announcing_the_quote_under_it():
    text = ("The fact-checkers at Brinley Watch were busy on Monday.\n\n"
            "On July 6, 2015, Lena Morrow made the following comment:\n\n"
            "\u201cFor young people who have left school, the rate is far higher than anyone admits.\u201d")
    assert _speaker(text, "For young people who have left school, the rate is far higher than anyone admits.") == (
        "Lena Morrow"
    )


def test_quotes_speakers_a_caption_between_paragraphs_holds_no_antecedent():
    text = ('"These talks are a first step, but the road is long," Ivo Darran told the Herald after the meeting.\n\n'
            "President Teodor Lask: Appeared to have dropped the plan\n\n"
            "He said every topic of the war had been discussed.\n\n"
            '"We were looking for a way to make the next round possible," he said.')
    assert _speaker(text, "We were looking for a way to make the next round possible,") == "Ivo Darran"


def test_quotes_speakers_a_family_speaks_as_itself_not_as_a_member():
    text = ("Tomas Arden was hurt in a fall at the depot on Tuesday. His wife, Lena Arden, saw it happen.\n\n"
            "Arden's family wants the depot's owners to publish the camera footage “as a matter of the public good” "
            "and asked for calm.")
    assert _speaker(text, "as a matter of the public good") == "Arden's family"


def test_quotes_speakers_crowds_are_nobody_named_and_continue_needs_a_clause():
    text = (
        "Lt. Ivo Darran said the van had stood by the bridge for an hour.\n\n"
        'Several women wailed "Bring our sons back to us before the winter!" as the smoke rose.\n\n'
        "Teodor Lask said the cabinet hoped that Norway would stay on as go-between. "
        'The envoy later said the talks had "come to a hard moment for all of us".'
    )
    got = _quotes(text)
    assert got["Bring our sons back to us before the winter!"].speaker is None
    assert got["come to a hard moment for all of us"].speaker != "Norway"


def test_quotes_speakers_partial_quote_without_cue_takes_its_sentence_subject():
    text = (
        "The talks with the rebels were suspended in May.\n\n"
        "Last month, Teodor Lask decided to delay the next round so that the government could "
        '"consult the wider table of the peace process, the citizens themselves".\n\n'
        'In exchange, Kestria also released a "Norland intelligence asset" held for twenty years.'
    )
    got = _quotes(text)
    assert got["consult the wider table of the peace process, the citizens themselves"].speaker == "Teodor Lask"
    assert got["Norland intelligence asset"].speaker is None


def test_quotes_speakers_the_year_of_an_opening_date_is_no_subject():
    text = ("The port was quiet.\n\nOn March 3, 2021, Lena Morrow decided to close the port to "
            "\u201cevery ship that flies their flag\u201d before the summer.")
    assert _speaker(text, "every ship that flies their flag") == "Lena Morrow"


def test_quotes_speakers_nickname_parenthesis_and_apposition_after_the_quote():
    text = ('As he greeted the crowd, Hale was opening his campaign.\n\n"This is the season for our man, '
            'Robin Hale!" Hale\'s cousin, state Del. Margit "Gigi" Pell (D-Port Arden), called out to the hall.\n\n'
            'During a speech on defence that morning, Ivo Darran attacked Lena Morrow for her votes, '
            'saying, "She is reckless and far too erratic."')
    got = _quotes(text)
    assert got["This is the season for our man, Robin Hale!"].speaker == "Margit Pell"
    assert got["She is reckless and far too erratic."].speaker == "Ivo Darran"


def test_quotes_speakers_quote_after_a_cueless_sentence_takes_its_subject():
    text = (
        '"We will vote against the budget," Ivo Darran said on Monday.\n\n'
        "On Sunday, Senator Lena Morrow named exhaustion with the war as the reason voters should turn out. "
        '"The younger people are sick and tired of this war and of everyone who started it."'
    )
    assert _speaker(text, "The younger people are sick and tired of this war and of everyone who started it.") == (
        "Lena Morrow"
    )


def test_quotes_speakers_a_report_speaks_for_its_named_author():
    text = ('The fund cut its forecast for the region.\n\n"While markets took the news calmly, the cost is still '
            'hard to judge," the IMF report stated.\n\n"The minister\'s excuses carry no weight at all," said '
            "Flight 209 widow Hanna Rusk.")
    got = _quotes(text)
    assert got["While markets took the news calmly, the cost is still hard to judge,"].speaker == (
        "International Monetary Fund"
    )
    assert got["The minister's excuses carry no weight at all,"].speaker == "Hanna Rusk"


def test_quotes_speakers_coordinated_speakers_speak_together():
    text = ('Armenia and Azerbaijan said in a joint statement that they "will keep negotiating through the expert '
            'working groups".\n\n"We have agreed to extend the truce by a month," Ivo Darran and Lena Morrow told '
            "reporters.")
    got = _quotes(text)
    assert got["will keep negotiating through the expert working groups"].speaker == "Armenia and Azerbaijan"
    assert got["We have agreed to extend the truce by a month,"].speaker == "Ivo Darran and Lena Morrow"


def test_quotes_speakers_joint_speakers_carry_their_parties_for_the_signal_layer():
    from parley.actors.registry import load_registry
    from parley.actors.resolve import Resolver

    text = 'Armenia and Azerbaijan said they would "keep negotiating through the expert working groups".'
    a = parley.analyze(text)
    assert a.quotes[0].speaker == "Armenia and Azerbaijan" and a.quotes[0].speaker_side is None
    resolver = Resolver(load_registry())
    apart = resolver.resolve("Armenia and Azerbaijan", 0)
    assert apart is None or apart.name != "Armenia and Azerbaijan"  # holders of signals stay apart
    joint = resolver.resolve("Armenia and Azerbaijan", 0, together=True)
    assert [p.side for p in joint.parties] == ["Armenia", "Azerbaijan"]


def test_quotes_speakers_partial_quotes_keep_to_their_own_sentence():
    text = (
        "The Northern Front announced the suspension of the talks with the government on Monday.\n\n"
        'According to the guerrillas, the deal covered talks within "one process for the whole country", but a '
        "separate dialogue was opened in the south.\n\n"
        "The maritime firm gave no figure for the sailors aboard. The coastguard said on Tuesday that "
        'the vessel reported "being struck by two drones".\n\n'
        'Ivo Darran told the rally to vote early. He’s claiming that postal voting is "a huge, huge scandal in this '
        'state".\n\n'
        'After saying her ankle was "so stiff I could hardly stand," she was "rushed off to the harbour clinic" '
        "for scans, Lena Morrow wrote."
    )
    got = _quotes(text)
    assert got["one process for the whole country"].speaker == "Northern Front"
    assert got["being struck by two drones"].speaker != "maritime firm"
    assert got["a huge, huge scandal in this state"].speaker == "Ivo Darran"
    assert got["so stiff I could hardly stand,"].speaker == "Lena Morrow"


def test_quotes_speakers_a_surname_without_accents_finds_a_double_surname():
    text = ("Gang boss Evaristo Núñez Ordóñez phoned a regional radio station on Wednesday to offer a truce."
            '\n\n"All we ask for is a quiet town and calm streets," Nunez told the station.')
    assert _speaker(text, "All we ask for is a quiet town and calm streets,") == "Evaristo Núñez Ordóñez"


def test_quotes_speakers_dashed_asides_places_and_unnamed_persons():
    text = (
        "The channel is carried on cable in towns like Port Arden, Vellmoor and Marrow Bay.\n\n"
        "Jonas Pike, the chief executive of Bellwether Media -- the firm that owns the show -- told me, "
        '"We sell our programmes to anyone who is willing to pay for them."\n\n'
        "A third person said the bid was weak, adding, "
        '"The firm is thought of as a biscuit maker and little else besides."'
    )
    got = _quotes(text)
    assert got["We sell our programmes to anyone who is willing to pay for them."].speaker == (
        "Jonas Pike"
    )
    assert got["The firm is thought of as a biscuit maker and little else besides."].speaker is None


def test_quotes_speakers_relative_clauses_belong_to_the_last_name():
    text = (
        "The opening drew singers like Anna Vik, Lena Morrow and Ivo Darran, who teased of the new hall, "
        '"I have not been inside yet, but I will be."\n\n'
        "Linda Marsh Tolliver, 61, of Brinley, Md., who followed the opening on a big screen, said the day recalled "
        'for her "all the people who are gone now who worked to bring us this far."'
    )
    got = _quotes(text)
    assert got["I have not been inside yet, but I will be."].speaker == "Ivo Darran"
    assert got["all the people who are gone now who worked to bring us this far."].speaker == "Linda Marsh Tolliver"


def test_quotes_speakers_the_statement_of_a_body_that_issued_one():
    text = ("After a late meeting, the Northern Liberation Front issued a statement on the talks. The statement "
            'noted the group would take "stronger steps of its own" if the shelling went on.')
    assert _speaker(text, "stronger steps of its own") == "Northern Liberation Front"


def test_quotes_speakers_an_official_of_a_named_state_speaks_as_the_description():
    text = ('"The differences between the parties have been narrowed a great deal," one U.S. official said. '
            '"Nothing will come of this at all," a French diplomatic source said. '
            '"We will talk to them when the shelling stops," a Hamas official said.')
    got = _quotes(text)
    official = got["The differences between the parties have been narrowed a great deal,"]
    assert (official.speaker, official.speaker_side) == ("U.S. official", "United States")
    assert got["Nothing will come of this at all,"].speaker is None  # a source stays unnamed
    assert got["We will talk to them when the shelling stops,"].speaker is None  # a group's official too


def test_quotes_speakers_a_line_announcing_the_quote_under_it():
    text = ("The miners' unions, the Salt Workers of Vargas and NSWU, are calling on the government to talk.\n"
            "Ivo Darran, president of NSWU, stated:\n"
            "“Our talk with the minister proved that nothing moves. The back pay must be settled in full.”\n")
    assert _speaker(text, "Our talk with the minister proved that nothing moves. The back pay must be settled "
                    "in full.") == "Ivo Darran"


def test_quotes_speakers_state_officials_opening_a_sentence_speak_its_partial_quote():
    text = ("Even days before the visit was announced, Chinese officials started warning the harbour authority "
            "that it was “stepping onto thin ice that will break” if the ships docked there.")
    assert _speaker(text, "stepping onto thin ice that will break") == "Chinese officials"


def test_quotes_speakers_an_opening_time_phrase_is_no_subject():
    text = ("Weeks before the vote, Amara Velic told her party that the coalition was “a marriage that cannot "
            "last” and left the room.")
    assert _speaker(text, "a marriage that cannot last") == "Amara Velic"


def test_quotes_speakers_he_after_a_description_of_someone_named_in_an_apposition():
    text = (
        "The Peruvian president, Oskar Melnik, ruled out on Friday any bargaining with the smuggling rings.\n\n"
        "Melnik spoke a day after the Chilean ambassador to Peru, Tomas Brell, praised his own country's "
        'policy of "open hands" towards the gangs.\n\n'
        '"Our coasts are not their mountains, and what works there need not work here," said the Peruvian '
        "president at his weekly press briefing.\n\n"
        "On Thursday, after a trade fair in the port city (Callao, on the coast), the Chilean ambassador "
        "called the policy the one road out of the bloodshed.\n\n"
        '"We had no choice left, because the killings were eating away at everything," he told reporters.'
    )
    got = _quotes(text)
    assert got["Our coasts are not their mountains, and what works there need not work here,"].speaker == (
        "Oskar Melnik"
    )
    assert got["We had no choice left, because the killings were eating away at everything,"].speaker == (
        "Tomas Brell"
    )
