"""The thirty-third batch (KBs read from real data: ssh_config(5) keywords, githooks(5), journald.conf(5) settings,
os-release(5) fields) at first contact: a camel-case identifier described by its words ("default sync interval" of
SyncIntervalSec); "which time units" asks for units, not a time of day; properties asked for in other words (what
else it can be set to, its value on this machine, its format, what is assumed when unset, what it is handed, who
calls it, how to get around it)."""

from __future__ import annotations

import pytest

from kblam.answer_kinds import ANSWER_KINDS
from kblam.intents import intended
from kblam.name_words import _parts
from kblam.value_fit import PLACEHOLDER as X


def test_camel_case_identifiers_split_into_their_words():
    assert _parts("syncintervalsec", "SyncIntervalSec") == ["sync", "interval", "sec"]
    assert _parts("deadlock_timeout", "deadlock_timeout") == ["deadlock", "timeout"]


def test_a_camel_case_identifier_described_by_its_words():
    from kblam.entities import NameIndex

    index = NameIndex(["SyncIntervalSec", "RateLimitIntervalSec", "MaxLevelWall", "Storage"])
    described = index.words.by_parts("default sync interval for journald?")
    assert described is not None and index.display[described.name] == "SyncIntervalSec"


def test_time_units_are_no_time_of_day():
    time_of_day = next(asks for kind, asks, *_ in ANSWER_KINDS if kind == "time of day")
    assert time_of_day.search("What time does the last tram leave?")
    assert not time_of_day.search("which time units can I write in it?")


SSH = ["default", "allowed values", "description", "units", "command-line flag", "accepts tokens"]
OS = ["description", "example", "format", "default", "required", "value on this machine"]
HOOKS = ["invoked by", "parameters", "can abort", "bypass", "description", "stdin"]


@pytest.mark.parametrize(("question", "props", "want"), [
    ("and what else can I set it to?", SSH, ["allowed values"]),
    (f"what options can i give {X}=", SSH, ["allowed values"]),
    (f"what's the homepage url set to on this box ({X})", OS, ["value on this machine"]),
    (f"suport url in /etc/os-release? ({X})", OS, ["value on this machine"]),
    (f"chars allowed in {X}", OS, ["format"]),
    (f"what kind of value does {X} take", OS, ["format"]),
    (f"{X} field's fallback when unset", OS, ["default"]),
    (f"if an extension doesn't give {X} what's assumed", OS, ["default"]),
    (f"what does git hand to {X}", HOOKS, ["parameters"]),
    (f"who calls {X}", HOOKS, ["invoked by"]),
    (f"how to get around {X}", HOOKS, ["bypass"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want
