"""The actor registry and the resolver: canonical names, sides, metonyms, dated roles, user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.actors.registry import load_registry, parse_registry
from parley.actors.resolve import Resolver, split_title
from parley.errors import ConfigError


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_actors_registry_is_large_and_covers_the_main_conflicts(registry):
    assert len(registry) > 500
    for name in ("Russia", "Ukraine", "Hamas", "Hezbollah", "Taliban", "FARC", "ELN", "Rapid Support Forces",
                 "Houthis", "TPLF", "M23", "Arakan Army", "NATO", "European Union", "Qatar", "North Korea"):
        assert registry.get(name) is not None, name


@pytest.mark.parametrize(
    "alias, side",
    [("the Kremlin", "Russia"), ("Moscow", "Russia"), ("Kyiv", "Ukraine"), ("Kiev", "Ukraine"),
     ("the Kiev regime", "Ukraine"), ("Washington", "United States"), ("the White House", "United States"),
     ("the West", "West"), ("Tehran", "Iran"), ("Doha", "Qatar"), ("Ansar Allah", "Houthis")],
)
def test_actors_metonyms_map_to_sides(registry, alias, side):
    assert registry.get(alias).side == side


@pytest.mark.parametrize("demonym, state", [("Tajik", "Tajikistan"), ("Russian", "Russia"), ("Azeri", "Azerbaijan"),
                                            ("Filipino", "Philippines"), ("Congolese", "Democratic Republic of the Congo")])
def test_actors_demonyms_point_at_states(registry, demonym, state):
    assert registry.country_of(demonym) == state


@pytest.mark.parametrize(
    "title, side, date, holder",
    [("president", "Russia", "2004-02-06", "Vladimir Putin"), ("president", "Russia", "2010-06-01", "Dmitry Medvedev"),
     ("prime minister", "Russia", "2010-06-01", "Vladimir Putin"), ("president", "United States", "2001-09-15",
     "George W. Bush"), ("foreign minister", "Russia", "2001-09-15", "Igor Ivanov"),
     ("president", "Ukraine", "2023-01-01", "Volodymyr Zelensky")],
)
def test_actors_roles_resolve_by_date(registry, title, side, date, holder):
    assert registry.holder_of(title, side, date).name == holder


def test_actors_find_respects_case_longer_names_and_possessives(registry):
    text = "We ate turkey. Turkey and the Kremlin's envoy met Petro Poroshenko and Putin's aide in Kyiv."
    found = [(m.text, m.actor.name) for m in registry.find(text)]
    assert ("turkey", "Turkey") not in found and ("Turkey", "Turkey") in found
    assert ("Petro Poroshenko", "Petro Poroshenko") in found and ("Putin", "Vladimir Putin") in found
    assert all(text[m.start : m.end] == m.text for m in registry.find(text))


def test_actors_split_title_separates_role_from_name():
    assert split_title("Kremlin spokesman Dmitry Peskov") == ("Kremlin spokesman", "Dmitry Peskov")
    assert split_title("Tajik Prime Minister Farrukh Odinaev") == ("Tajik Prime Minister", "Farrukh Odinaev")
    assert split_title("President Hassan Sheikh Omar") == ("President", "Hassan Sheikh Omar")


def test_actors_split_title_a_place_after_a_preposition_ends_the_title():
    assert split_title("UN envoy for Varga Martin Holm") == ("UN envoy for Varga", "Martin Holm")
    assert split_title("ambassador to Kestria Ana Ruiz Ortega") == ("ambassador to Kestria", "Ana Ruiz Ortega")
    assert split_title("a spokesman for John Paul Holm") == ("a spokesman for", "John Paul Holm")


def test_actors_resolver_titles_sides_and_surnames(registry):
    r = Resolver(registry, "2022-10-13")
    peskov = r.resolve("Kremlin spokesman Dmitry Peskov", 0)
    assert (peskov.name, peskov.side, peskov.kind) == ("Dmitry Peskov", "Russia", "person")
    nazarov = r.resolve("Tajik Prime Minister Rustam Nazarov", 10)
    assert (nazarov.name, nazarov.side, nazarov.role) == ("Rustam Nazarov", "Tajikistan", "prime minister")
    assert r.resolve("Nazarov", 50).name == "Rustam Nazarov"
    assert r.resolve("the Kremlin", 60).name == "Russia"


@pytest.mark.parametrize(("text", "side"), [
    ("Taliban spokesman Ilyas Varrow told reporters the talks were over. Varrow said more.", "Taliban"),
    ("U.S. envoy Dana Orvik met the delegation on Monday. Orvik said more.", "United States"),
    ("Ukrainian negotiator Petro Halyn left early. Halyn said more.", "Ukraine"),
    ("The plan was drafted by Ilyas Varrow of the Taliban last week. Varrow said more.", "Taliban"),
])
def test_actors_scan_reads_the_owner_of_a_title_before_a_name(registry, text, side):
    """A state, group or body that owns the title before a name gives the person a side, and
    a later mention by surname keeps it."""
    r = Resolver(registry)
    r.scan(text, [0, text.index(". ") + 2], [0])
    later = text.rindex(" said more") - len(text.split()[-3])
    assert r.resolve(text.split()[-3], later).side == side


def test_actors_scan_needs_a_title_for_an_owner(registry):
    text = "Taliban Ilyas Varrow told reporters nothing. Varrow said more."
    r = Resolver(registry)
    r.scan(text, [0, text.index(". ") + 2], [0])
    found = r.resolve("Varrow", text.rindex("Varrow"))
    assert found is None or found.side is None


def test_actors_resolver_pronouns_follow_gender_and_who_spoke(registry):
    text = "Elena Quill said the envoys had met Ivan Darran twice. Later he said nothing."
    r = Resolver(registry)
    r.scan(text, [0, text.index("Later")], [0])
    assert r.pronoun("she", text.index("Later")).name == "Elena Quill"
    assert r.pronoun("he", text.index("Later")).name == "Ivan Darran"


def test_actors_user_file_adds_and_overrides(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- name: Kestria\n  kind: state\n  side: Kestria\n  aliases: [Kestria City]\n  demonyms: [Kestrian]\n"
        "- name: Amara Velic\n  kind: person\n  side: Kestria\n  gender: f\n  aliases: [Velic]\n"
        "  roles:\n    - {title: president, side: Kestria, start: '2021'}\n",
        encoding="utf-8",
    )
    registry = load_registry([path])
    assert registry.get("Velic").name == "Amara Velic" and registry.gender("Amara Velic") == "f"
    assert registry.country_of("Kestrian") == "Kestria"
    assert registry.holder_of("president", "Kestria", "2024-01-01").name == "Amara Velic"
    assert registry.get("Russia") is not None  # the bundled registry is still there


@pytest.mark.parametrize(
    "text, line, why",
    [
        ("- name: A\n  kind: person\n- name: B\n  kind: wizard\n", 3, "'kind' must be one of"),
        ("- name: A\n  kind: person\n  colour: red\n", 1, "unknown key"),
        ("- name: [unclosed\n", 2, "not valid YAML"),
        ("name: A\n", 1, "expected a list of actors"),
        ("- name: A\n  kind: person\n  gender: x\n", 1, "'gender' must be f or m"),
        ("- name: A\n  kind: person\n  roles: [{side: Russia}]\n", 1, "each role needs 'title'"),
    ],
)
def test_actors_malformed_file_names_the_line(text, line, why):
    with pytest.raises(ConfigError) as err:
        parse_registry(text, "mine.yaml")
    assert f"mine.yaml line {line}" in str(err.value) and why in str(err.value) and err.value.code == "P402"


def test_actors_cli_reports_a_malformed_actor_file(tmp_path: Path, capsys):
    from parley.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: X\n  kind: person\n- name: Y\n  kind: wizard\n", encoding="utf-8")
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Some text about talks that went nowhere at all today."}\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        import sys

        sys.argv = ["parley", "extract", str(src), "-o", str(tmp_path / "out.jsonl"), "--actors", str(bad)]
        main()
    err = capsys.readouterr().err
    assert exit_.value.code != 0 and "bad.yaml line 3" in err and "Traceback" not in err


def test_actors_acronym_spelt_out_after_other_words_keeps_the_full_name(registry):
    text = ("Envoys from the Intergovernmental Authority on Development (IGAD) met on Tuesday. "
            "Envoys of the Northern Kestrian Relief Council (NKRC) arrived later. IGAD said the talks went well.")
    r = Resolver(registry)
    r.scan(text, [0], [0], registry.find(text))
    igad = r.resolve("IGAD", text.index("IGAD said"))
    assert (igad.name, igad.side) == ("Intergovernmental Authority on Development", "IGAD")
    assert r.resolve("the Intergovernmental Authority on Development", 5).name == igad.name
    assert r.resolve("NKRC", len(text)).name == "Northern Kestrian Relief Council"


def test_actors_headline_verbs_end_a_name(registry):
    text = "Amara Velic Speaks Directly To The Valley\n\nEthiopia Gives Badme Town To Eritrea\n\nVelic spoke at noon."
    r = Resolver(registry)
    r.scan(text, [0, text.index("Ethiopia"), text.index("Velic spoke")], [0], registry.find(text))
    assert [m.who.name for m in r.order] == ["Amara Velic", "Amara Velic"]


@pytest.mark.parametrize("text", [
    "said Foreign Minister ", "the bloc's envoy\t", "word\n", "two words  \n", "no space", "   ", "",
    "U.S. Secretary ", "al-Qadir’s deputy ", "x² \u00a0", "٣٤ ", "deputy_head \u2003", "(Reuters) -- ",
])
def test_actors_last_word_finds_what_the_title_regex_finds(text):
    from parley.actors.resolve import _LAST_WORD, last_word

    for hi in range(len(text) + 1):
        lo = max(0, hi - 8)
        m = _LAST_WORD.search(text[lo:hi])
        want = (hi - len(m.group(0)), hi - len(m.group(0)) + len(m.group(1))) if m else (hi, hi)
        assert last_word(text, lo, hi) == want
