"""What the twenty-third session's held-out fresh KBs (X.509 object identifiers, GGML tensor types, TeX math symbols,
torch distributions) missed on first contact: names written with a namespace added ("GGML_TYPE_Q5_0") or a short
head left off ("ecPublicKey" of "id-ecPublicKey"), a letter typed for the digit it looks like ("TQ1_O"), a value
asked for by its notation ("which U+ value?", "its dotted form"), "which group" for a kind, "range of values" for a
distribution's support, and two properties joined as "its code point and its official Unicode name"; then (the
second batch: spinners, the tz database's countries) a duration asked for in other words ("the delay between
frames"), "how many tz database zones" for a "number of time zones", "&" written "and", and "the US Virgin Islands"
beside the KB's "Virgin Islands (UK)"."""

from __future__ import annotations

import pytest
from test_matching_words import asker

from kblam import value_fit
from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.typos import _typo
from kblam.wording import conjoined, context_dropped, mask


def names(index: NameIndex, question: str) -> list[str]:
    mentions, _ = index.find(question)
    return [index.display[m.name] for m in mentions]


def test_a_namespace_prefix_or_a_dropped_head_still_names_the_entity():
    index = NameIndex(["Q5_0", "Q4_K", "TQ1_0", "id-ecPublicKey", "id-qt-unotice", "dsa-with-sha1", "ecdsa-with-SHA1"])
    for question, name in (("GGML_TYPE_Q5_0 id number?", "Q5_0"), ("OID for ecPublicKey?", "id-ecPublicKey"),
                           ("what's the qt-unotice python constant?", "id-qt-unotice"),
                           ("How many bytes is one TQ1_O block?", "TQ1_0")):
        assert names(index, question) == [name], question
        assert not index.find(question)[0][0].exact, question  # the answer says which entity it assumed
    # a lower-case word before the name is no namespace ("leaky_relu" is not "relu"); a head's rest starting with an
    # English word is no name of its own ("with-sha1")
    assert names(NameIndex(["relu", "gelu"]), "What does leaky_relu return?") == []
    assert names(index, "What's the OID of with-sha1?") == []


def test_a_letter_for_the_digit_it_looks_like_is_a_typo_both_ways():
    assert _typo("tq1_o", "tq1_0") and _typo("nb_n0", "nb_no")
    assert not _typo("lo", "10")  # too short to tell


@pytest.mark.realmodel
def test_a_value_asked_for_by_its_notation(minilm, monkeypatch):
    rows = [Triple(n, p, v) for n, c, code, uname in (("\\dddot", "\u20db", "U+20DB", "COMBINING FOUR DOTS ABOVE"),
                                                      ("\\prime", "\u2032", "U+2032", "PRIME"),
                                                      ("\\leadsto", "\u219d", "U+219D", "RIGHTWARDS WAVE ARROW"),
                                                      ("\\quad", "\u2003", "U+2003", "EM SPACE"))
            for p, v in (("character", c), ("code point", code), ("Unicode name", uname))]
    rows += [Triple(n, p, v) for n, oid, kind in (("commonName", "2.5.4.3", "name attribute"),
                                                  ("countryName", "2.5.4.6", "name attribute"),
                                                  ("keyUsage", "2.5.29.15", "certificate extension"))
             for p, v in (("OID", oid), ("kind", kind))]
    chosen = asker(rows, minilm)
    assert chosen("dddot -> which U+ value?") == [("\\dddot", "code point")]
    assert chosen("what's the dotted number for commonName?") == [("commonName", "OID")]
    monkeypatch.setattr(value_fit, "NOTATIONS", ())  # without the notations both are refused
    chosen = asker(rows, minilm)
    assert chosen("dddot -> which U+ value?") == chosen("what's the dotted number for commonName?") == []


def test_other_words_for_a_kind_and_for_the_values_a_thing_can_take():
    assert intended("X: which group does it belong to?", ["OID", "kind", "Python constant"]) == ["kind"]
    props = ["summary", "parameters", "support", "reparameterised sampling"]
    for question in ("X range of values?", "What's the set of possible outcomes for X in pytorch?"):
        assert intended(question, props) == ["support"], question


def test_two_properties_joined_with_an_adjective_between():
    index = NameIndex(["\\measuredangle"])
    question = "For \\measuredangle, give me both its code point and its official Unicode name."
    mentions, _ = index.find(question)
    assert mask(question, mentions).count("X") == 1
    assert set(conjoined(question, mentions, ["character", "code point", "Unicode name"])) == {"code point",
                                                                                                 "Unicode name"}


def test_what_about_the_lowercase_one_takes_the_previous_question():
    index = NameIndex(["\\Supset", "\\supset"])
    turns = [{"role": "user", "content": "What symbol does \\Supset give?"},
             {"role": "assistant", "content": "It gives \u22d1."},
             {"role": "user", "content": "What about lowercase \\supset?"}]
    assert resolve(turns, index).question == "What symbol does \\supset give?"


# ---- second batch: rich's spinners, the tz database's countries -----------------------------------------------------
SPINNERS = [("material", "17 ms", "█▁▁▁ ██▁▁ ███▁", "3"), ("simpleDots", "400 ms", ". .. ...", "3"),
            ("arc", "100 ms", "◜◠◝◞◡◟", "6"), ("earth", "180 ms", "🌍🌎🌏", "3"), ("toggle6", "300 ms", "ဝ၀", "2")]


@pytest.mark.realmodel
def test_a_duration_asked_for_is_the_property_holding_times(minilm):
    rows = [Triple(n, p, v) for n, interval, frames, count in SPINNERS
            for p, v in (("interval", interval), ("frames", frames), ("number of frames", count))]
    chosen = asker(rows, minilm)
    for question, name in (("What's the delay between frames for the material spinner?", "material"),
                           ("how long is each frame shown in simpleDots", "simpleDots"),
                           ("How often does the earth spinner advance to its next frame?", "earth"),
                           ("toggle6 speed?", "toggle6")):
        assert chosen(question) == [(name, "interval")], question
    # "how many ms between frames" counts milliseconds, not the frames
    assert ("earth", "interval") in chosen("How fast does the earth spinner tick? like how many ms between frames?")
    # the frames themselves, asked for as the symbols they are made of, and their count
    assert chosen("Tell me the characters that make up the arc animation.") == [("arc", "frames")]
    assert chosen("How many frames does earth have?") == [("earth", "number of frames")]


@pytest.mark.realmodel
def test_how_many_of_a_listed_thing_is_its_count(minilm):
    rows = [Triple(n, p, v) for n, code, zones in (("Australia", "AU", "Australia/Sydney, Australia/Perth"),
                                                   ("Mexico", "MX", "America/Mexico_City, America/Cancun"),
                                                   ("Kenya", "KE", "Africa/Nairobi"))
            for p, v in (("ISO code", code), ("time zones", zones), ("number of time zones", str(zones.count(",") + 1)))]
    chosen = asker(rows, minilm)
    assert chosen("how many tz database zones does australia have?") == [("Australia", "number of time zones")]
    assert chosen("How many separate time zones does Mexico have in the database?") == [("Mexico",
                                                                                           "number of time zones")]
    assert chosen("Which time zones does Mexico have?") == [("Mexico", "time zones")]


def test_names_with_an_ampersand_and_a_qualifier_written_before_a_short_form():
    index = NameIndex(["Svalbard & Jan Mayen", "Bosnia and Herzegovina", "Virgin Islands (UK)", "Korea (North)"])
    assert names(index, "svalbard and jan mayen two letter code") == ["Svalbard & Jan Mayen"]
    assert names(index, "Bosnia & Herzegovina's zones?") == ["Bosnia and Herzegovina"]
    assert names(index, "ISO code of the UK Virgin Islands?") == ["Virgin Islands (UK)"]
    assert names(index, "ISO code of the Virgin Islands?") == ["Virgin Islands (UK)"]
    mentions, misses = index.find("ISO code for the US Virgin Islands?")  # another country: refused, naming the KB's
    assert mentions == [] and misses[0].said == "US Virgin Islands" and misses[0].closest == ("Virgin Islands (UK)",)


def test_where_the_entity_lives_after_a_bare_what_is_it_is_dropped():
    props = ["signature", "summary", "number of inputs"]
    assert context_dropped("What is X in scipy special?", props) == "What is X?"
    assert context_dropped("What's X in scipy.special?", props) == "What's X?"
    # a word of a property after "in" asks for that property ("What is X in SI units?" of an "SI units" value)
    assert context_dropped("What is X in SI units?", ["SI units", "symbol"]) == "What is X in SI units?"


# ---- third batch, measured on the final code: socket constants, Pygments' token types -----------------------------
def test_a_shared_constant_prefix_or_the_root_of_a_dotted_name_may_be_left_off():
    index = NameIndex(["AF_INET", "AF_INET6", "AF_UNIX", "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "IPPROTO_SCTP",
                       "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_AH"])
    for question, name in (("what number is the INET6 address family on linux?", "AF_INET6"),
                           ("Give me the protocol number for SCTP.", "IPPROTO_SCTP"), ("DGRAM value?", "SOCK_DGRAM")):
        assert names(index, question) == [name], question
    # an English word or a two-letter rest is no name of its own ("stream", "AH")
    assert names(index, "What is a stream?") == [] and names(index, "What about AH?") == []
    tokens_ = NameIndex(["Literal.Number.Bin", "Literal.Number.Hex", "Literal.String.Affix"])
    assert names(tokens_, "Number.Bin parent type?") == ["Literal.Number.Bin"]


def test_derived_from_asks_for_a_parent_type():
    assert intended("what's X derived from", ["CSS class", "parent type"]) == ["parent type"]
