"""Names and kind nouns the twenty-second session's held-out fresh KBs (CODATA constants, keyboard layouts) missed on
first contact: a constant named as people name it ("Planck's constant", "the mass of a proton", "the speed of light in
a vacuum", "the Klitzing constant", "standard gravity") was refused as an unknown name, and "the X layout" took the
"layout" of a "layout code" for the property asked."""

from __future__ import annotations

from kblam.entities import NameIndex
from kblam.name_forms import spoken_forms
from kblam.wording import kind_noun_dropped

CONSTANTS = ["Planck constant", "proton mass", "neutron mass", "muon mass", "speed of light in vacuum",
             "von Klitzing constant", "standard acceleration of gravity", "vacuum mag. permeability", "electron g factor",
             "Wien wavelength displacement law constant", "molar gas constant", "Boltzmann constant"]


def names(index: NameIndex, question: str) -> list[str]:
    mentions, _ = index.find(question)
    return [index.display[m.name] for m in mentions]


def test_a_name_is_found_as_people_write_it():
    index = NameIndex(CONSTANTS)
    for question, name in (("Planck's constant unit?", "Planck constant"),
                           ("Give me the mass of a proton.", "proton mass"),
                           ("What units is the neutron's mass given in?", "neutron mass"),
                           ("What's the speed of light in a vacuum, as a number?", "speed of light in vacuum"),
                           ("In what unit is the Klitzing constant expressed?", "von Klitzing constant"),
                           ("What's standard gravity g_n equal to?", "standard acceleration of gravity"),
                           ("what's the 1-sigma error on mu_0, the vacuum permeability?", "vacuum mag. permeability"),
                           ("Wien displacement constant value?", "Wien wavelength displacement law constant"),
                           ("gas constant R - what units is it in?", "molar gas constant")):
        assert names(index, question) == [name], question
        assert not index.find(question)[0][0].exact  # so the answer says which entity it assumed


def test_other_things_named_alike_are_still_near_misses():
    index = NameIndex(CONSTANTS)
    for question in ("What is the muon g factor?", "What is the helion mass?",
                     "What's the muon vacuum permeability?",  # a part of a name after a word of another name
                     "What's the mass of a helion?"):
        mentions, misses = index.find(question)
        assert mentions == [] and misses, question


def test_only_names_of_words_get_other_forms():
    # an identifier joined by symbols is one word: no part of it is a name
    assert spoken_forms(["large", "function", "growth"], frozenset()) != ([], [])
    index = NameIndex(["--param=large-function-growth", "--param=max-inline-insns"])
    assert names(index, "What does function growth mean?") == []
    # a name of two words: turned round and possessive; no part of it is a name
    whole, partial = spoken_forms(["proton", "mass"], frozenset({"of", "a", "the"}))
    assert {"mass of a proton", "proton s mass"} <= set(whole) and partial == []


def test_the_kind_noun_after_the_entity_is_not_the_property_asked():
    props = ["layout code", "short label", "languages", "countries", "number of variants"]
    for question in ("What abbreviation does the X layout display in the tray?",
                     "What language code is the X layout tagged with?", "X layout - what two-letter tag is shown?"):
        assert "layout" not in kind_noun_dropped(question, props), question
    # a property written after the name is still asked ("X body encoding?")
    assert kind_noun_dropped("X body encoding?", ["body encoding", "header encoding"]) == "X body encoding?"


def test_a_whole_name_that_is_also_a_part_of_a_longer_one_is_found_after_a_word():
    # "gas constant" is a KB name of its own: "the ideal gas constant" names it, not a near miss of "molar gas constant"
    index = NameIndex(["gas constant", "molar gas constant", "proton mass"])
    assert names(index, "What is the ideal gas constant?") == ["gas constant"]
    assert names(index, "What is the molar gas constant?") == ["molar gas constant"]
