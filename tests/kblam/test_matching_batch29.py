"""The twenty-ninth batch (KBs read from real data: PostgreSQL's time zone abbreviations, Vim's builtin functions,
Debian's common licences, doc-base documents) at first contact: names with a version as people write them ("GPLv3",
"GPL v1", "Apache 2", "the CC0 text"), by the initials of their words ("Mozilla Public License 1.1", "Lesser GPL 3"),
as the last part of a path; a KB name that is a word of its property labels ("the UTC offset for NST") beside another
name; a code in capitals the KB lacks among KB names that are such codes ("the UTC offset of MST"); what an
abbreviation stands for, what a function returns on error, its related functions, its method form, "what X does, one
line"."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_variants import initialisms, versioned_forms
from kblam.value_fit import PLACEHOLDER as X

from .test_matching_pointed import asker

LICENCES = ["GPL", "GPL-1", "GPL-2", "GPL-3", "LGPL-2", "LGPL-2.1", "LGPL-3", "Apache-2.0", "CC0-1.0", "MPL-1.1",
            "MPL-2.0", "GFDL-1.3", "Artistic"]


@pytest.fixture(scope="module")
def licences() -> NameIndex:
    return NameIndex(LICENCES)


def test_versioned_forms_and_initialisms():
    assert versioned_forms("GPL-3") == ["GPLv3", "GPL v3", "GPL version 3", "GPL"]
    assert {"Apache 2", "Apache v2", "Apache"} <= set(versioned_forms("Apache-2.0"))
    assert versioned_forms("Studio 4") == [] and versioned_forms("Model X9-glx") == []  # no version
    assert "mpl 1 1" in initialisms(["Mozilla", "Public", "License", "1", "1"])
    assert "lgpl 3" in initialisms(["Lesser", "GPL", "3"])
    assert initialisms(["the", "Mozilla", "licence"]) == []  # words in lower case are no initials


@pytest.mark.parametrize(("question", "name"), [
    ("when did the FSF publish GPLv3?", "GPL-3"),
    ("fsf postal address as printed in GPL v1", "GPL-1"),
    ("apache 2 licnese url", "Apache-2.0"),
    ("what's the first heading in the CC0 text?", "CC0-1.0"),  # the only CC0
    ("where online does the Mozilla Public License 1.1 text say I can get a copy?", "MPL-1.1"),
    ("Give me the version line of the GNU Free Documentation License 1.3", "GFDL-1.3"),
    ("whats the web address for the FSF in the Lesser GPL 3 header", "LGPL-3"),
    ("how many lines is /usr/share/common-licenses/GPL-2?", "GPL-2"),
])
def test_versioned_names_as_people_write_them(licences, question, name):
    mentions, _ = licences.find(question)
    assert [licences.display[m.name] for m in mentions] == [name]


@pytest.mark.parametrize("question", ["Apache 1.1 url?", "What is the date of MPL 1.0?", "What's the title of AGPL-3?",
                                      "cc0 2.0 title"])
def test_other_versions_stay_near_misses(licences, question):
    mentions, misses = licences.find(question)
    assert mentions == [] and misses


ZONES = ["EST", "EDT", "PST", "NST", "UTC", "JST", "AEST"]


def test_a_name_that_is_a_word_of_the_labels_and_unknown_codes():
    # (the label words folded, and the capitals a label writes: "UTC offset", as matching.name_index passes them)
    index = NameIndex(ZONES, vocabulary={"utc", "UTC", "offset", "zone", "name", "daylight", "saving"})
    assert [m.name for m in index.find("Tell me the UTC offset for nst")[0]] == ["nst"]
    assert [m.name for m in index.find("how far behind UTC is EST?")[0]] == ["est"]
    assert [m.name for m in index.find("What's the UTC offset of UTC?")[0]] == ["utc", "utc"]
    mentions, misses = index.find("What's the UTC offset of MST?")
    assert mentions == [] and misses and misses[0].said == "MST"


def test_joined_names_stay_names():
    index = NameIndex(["screen", "tmux", "xterm"], vocabulary={"colours", "columns", "screen"})
    assert [m.name for m in index.find("how many colours do screen and tmux each support?")[0]] == ["screen", "tmux"]


FUNCS = ["arguments", "returns", "summary", "method form", "on error", "see also"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"Tell me what {X}() does, one line", FUNCS, ["summary"]),
    (f"what's {X}() for exactly?", FUNCS, ["summary"]),
    (f"What does {X}() return if the seed is bad?", FUNCS, ["on error"]),
    (f"and what does {X} return on error?", FUNCS, ["on error"]),
    (f"what does {X} return?", FUNCS, ["returns"]),
    (f"what related functions does the help point to from {X}?", FUNCS, ["see also"]),
    (f"can i chain {X}() with -> ? show me how", FUNCS, ["method form"]),
    (f"what does {X} stand for", ["UTC offset", "zone name", "set file"], ["zone name"]),
    (f"what does {X} stand for", ["number", "official name", "description"], ["description"]),  # (protocols: "udp")
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


ROWS = [Triple(n, p, v) for n, p, v in (
    ("NST", "offset (seconds)", "-12600"), ("NST", "UTC offset", "-03:30"), ("NST", "zone name", "Newfoundland Standard Time"),
    ("UTC", "offset (seconds)", "0"), ("UTC", "UTC offset", "+00:00"), ("UTC", "zone name", "Coordinated Universal Time"),
    ("EST", "offset (seconds)", "-18000"), ("EST", "UTC offset", "-05:00"), ("EST", "zone name", "Eastern Standard Time"),
    ("PST", "UTC offset", "-08:00"), ("JST", "UTC offset", "+09:00"), ("EDT", "UTC offset", "-04:00"),
    ("strchars", "returns", "Number"), ("strchars", "on error", "Returns zero on error."),
    ("strchars", "summary", "character length of the String {expr}"),
)]


@pytest.mark.parametrize(("question", "want"), [
    ("Tell me the UTC offset for nst", [("NST", "UTC offset")]),
    ("What's the UTC offset of MST?", []),  # another zone
    ("what does NST stand for", [("NST", "zone name")]),
    ("and what does strchars return on error?", [("strchars", "on error")]),
    ("what does strchars return?", [("strchars", "returns")]),
])
def test_the_batch_misses_with_the_real_encoder(minilm, question, want):
    assert asker(ROWS, minilm)(question) == want


DOCS = [Triple(n, p, v) for n, p, v in (
    ("time", "title", "GNU time"), ("time", "author", "David MacKenzie"),
    ("time", "abstract", "The GNU 'time' command runs another program, then displays information about it."),
    ("ninja-build-manual", "title", "The Ninja build system"), ("ninja-build-manual", "format", "html"),
    ("ninja-build-manual", "author", "Evan Martin"),
)]


@pytest.mark.parametrize(("question", "want"), [
    ("Tell me who wrote the GNU time command manual.", [("time", "author")]),  # "who", asked inside a request
    ("What formats does the gzip manual come in?", []),  # another's manual: no part of "ninja-build-manual"
    ("what formats does the ninja manual come in?", [("ninja-build-manual", "format")]),
])
def test_a_question_inside_a_request_and_another_things_manual(minilm, question, want):
    assert asker(DOCS, minilm)(question) == want
