"""The thirty-first batch (KBs read from real data: Debian and Ubuntu releases, CMake policies, Maven POMs, desktop
entries) at first contact: an entity named by a value that names it (a release's codename or series, "jammy",
"Trusty Tahr", "Debian etch"), a short code or English word only as the KB writes it ("What is …" never names
"IS"), a release by its version alone ("18.04" of "Ubuntu 18.04 LTS"), "eol" and "stop getting updates" for an end
of support."""

from __future__ import annotations

import pytest

from kblam.aliases import aliases
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.value_fit import PLACEHOLDER as X

RELEASES = [("Ubuntu 22.04 LTS", "Jammy Jellyfish", "jammy"), ("Ubuntu 24.04 LTS", "Noble Numbat", "noble"),
            ("Ubuntu 14.04 LTS", "Trusty Tahr", "trusty"), ("Ubuntu 24.10", "Oracular Oriole", "oracular"),
            ("Ubuntu 18.04 LTS", "Bionic Beaver", "bionic"), ("Debian 12", "Bookworm", "bookworm"),
            ("Debian 4.0", "Etch", "etch"), ("Debian 9", "Stretch", "stretch")]
TRIPLES = [t for name, code, series in RELEASES for t in (
    Triple(name, "codename", code), Triple(name, "series", series), Triple(name, "release date", "2020-01-01"))]
COUNTRIES = [Triple("Iceland", "alpha-2 code", "IS"), Triple("Italy", "alpha-2 code", "IT"),
             Triple("Germany", "alpha-2 code", "DE"), Triple("Iceland", "capital", "Reykjavík"),
             Triple("Italy", "capital", "Rome"), Triple("Germany", "capital", "Berlin")]


def _index(triples: list[Triple]) -> NameIndex:
    return NameIndex([t.name for t in triples], aliases=aliases(triples))


@pytest.fixture(scope="module")
def releases() -> NameIndex:
    return _index(TRIPLES)


def test_values_of_naming_properties_name_their_entity():
    found = aliases(TRIPLES)
    assert found["Ubuntu 22.04 LTS"] == {"Jammy Jellyfish", "jammy"}
    # a release date is no name; nor is a value two entities hold
    assert not any("2020-01-01" in v for v in found.values())
    shared = aliases([Triple("A 1", "codename", "same"), Triple("B 2", "codename", "same"),
                      Triple("C 3", "codename", "other")])
    assert shared == {"C 3": {"other"}}


@pytest.mark.parametrize(("question", "name"), [
    ("when did jammy come out?", "Ubuntu 22.04 LTS"),
    ("bookworm eol?", "Debian 12"),
    ("trusty tahr esm expiry?", "Ubuntu 14.04 LTS"),
    ("When did Debian etch stop being supported?", "Debian 4.0"),
    ("Noble's release date", "Ubuntu 24.04 LTS"),
    ("When does stretch's extended LTS finally finish?", "Debian 9"),
    ("till when is 18.04 supported on servers", "Ubuntu 18.04 LTS"),
    ("what about 24.10?", "Ubuntu 24.10"),
])
def test_a_release_by_its_codename_or_version(releases, question, name):
    mentions, _ = releases.find(question)
    assert [releases.display[m.name] for m in mentions] == [name]
    assert not mentions[0].exact  # said to be assumed


def test_a_code_or_an_english_word_names_only_as_the_kb_writes_it():
    countries = _index(COUNTRIES)
    mentions, _ = countries.find("What is the capital of DE?")
    assert [countries.display[m.name] for m in mentions] == ["Germany"]
    mentions, _ = countries.find("what is it about de Gaulle?")
    assert mentions == []
    mentions, _ = countries.find("What is the capital of Italy?")
    assert [countries.display[m.name] for m in mentions] == ["Italy"]


@pytest.mark.parametrize(("question", "want"), [
    (f"{X} eol?", ["end of standard support"]),
    (f"when does {X} stop getting updates", ["end of standard support"]),
])
def test_end_of_support_in_other_words(question, want):
    assert intended(question, ["codename", "release date", "end of standard support", "created"]) == want


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"which cmake version added {X}", ["summary", "introduced in", "OLD behavior"], ["introduced in"]),
    (f"{X} added in which release?", ["summary", "introduced in", "OLD behavior"], ["introduced in"]),
    (f"which desktops hide {X}?", ["icon", "command", "not shown in", "desktop file"], ["not shown in"]),
    (f"what does {X} launch when i click it", ["icon", "command", "not shown in"], ["command"]),
])
def test_other_properties_in_other_words(question, props, want):
    assert intended(question, props) == want


DESKTOP = """
Chromium Web Browser | generic name | Web Browser
Chromium Web Browser | command | /usr/bin/chromium %U
Chromium Web Browser | icon | chromium
Chromium Web Browser | startup WM class | chromium
Chromium Web Browser | desktop file | chromium.desktop
Zutty | command | zutty
Zutty | icon | zutty
Zutty | desktop file | zutty.desktop
Print Queue Applet | comment | System tray icon for managing print jobs
Print Queue Applet | command | system-config-printer-applet
Print Queue Applet | icon | printer
Print Queue Applet | categories | System;Monitor;GTK;
Print Queue Applet | terminal | false
Print Queue Applet | not shown in | KDE;GNOME;Cinnamon;LXDE;Unity;
Print Queue Applet | type | Application
Print Queue Applet | desktop file | print-applet.desktop
"""
ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in DESKTOP.strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    # "chromium" is a word only one name holds and also that entity's icon: the entity it points at, asked for its
    # command (not "which entity has the value chromium")
    ("what does chromium launch when i click it", [("Chromium Web Browser", "command")]),
    # a name written in full joined by "and" to one pointed at by its own word
    ("what are the desktop file names for zutty and chromium?",
     [("Chromium Web Browser", "desktop file"), ("Zutty", "desktop file")]),
])
def test_desktop_entries(ask, question, expected):
    assert ask(question) == expected


def test_a_follow_up_after_a_name_pointed_at_by_its_word(indexed):
    index, by_key = indexed
    from kblam import conversation

    messages = [{"role": "user", "content": "which icon does chromium use?"},
                {"role": "assistant", "content": "Chromium uses the icon named chromium."},
                {"role": "user", "content": "and the print queue applet?"}]
    question = conversation.resolve(messages, index, conversation.facts_of(ROWS, by_key)).question
    assert "icon" in question and "Print Queue Applet" in question
