"""The thirty-ninth batch (KBs read from real data: signal(7), systemd.socket(5)) at first contact: what a signal
does when nothing handles it, "what happens with X", "how many X", the standard it is in, "unless I say otherwise",
"what does X stand for" of a KB with descriptions only; "STKFLT" of SIGSTKFLT; "number on mips" is no "number on
x86/ARM"; "DirectoryMode=" described by its parts ("parent directories", "mode"), a part only it holds outranking
one that many hold ("socket")."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_forms import prefix_forms
from kblam.name_words import _parts
from kblam.typos import english_words
from kblam.value_fit import PLACEHOLDER as X
from kblam.wording import other_qualifier

SIGNAL = ["description", "default action", "standard", "number on x86/ARM", "catchable", "count", "number range"]
SOCKET = ["description", "value type", "default", "socket option", "related setting"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"does {X} kill the proccess if nobody handles it?", SIGNAL, ["default action"]),
    (f"what happens with the {X} action exactly", SIGNAL, ["description"]),
    (f"how many {X} does the kernel support?", SIGNAL, ["count"]),
    (f"is {X} in posix?", SIGNAL, ["standard"]),
    (f"in the action column, what does {X} stand for", SIGNAL, ["description"]),
    (f"what mode do they get for {X} unless I say otherwise?", SOCKET, ["default"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


def test_constants_run_together_after_a_shared_prefix():
    names = ["SIGHUP", "SIGINT", "SIGSTKFLT", "SIGKILL", "SIGIO", "SIGRTMIN", "Term", "Core"]
    forms = dict(prefix_forms(names, english_words(), 3))
    assert forms == {"HUP": "SIGHUP", "STKFLT": "SIGSTKFLT", "RTMIN": "SIGRTMIN"}  # not KILL, INT (words), IO (short)
    assert prefix_forms(["SIGHUP", "SIGSTKFLT"], english_words(), 3) == []  # a prefix two names share is none
    index = NameIndex(names)
    assert [index.display[m.name] for m in index.find("stkflt signal meaning?")[0]] == ["SIGSTKFLT"]


@pytest.mark.parametrize(("question", "want"), [
    (f"{X} number on mips", {"number on x86/ARM"}),
    (f"{X} number on x86", set()),
    (f"which number is {X} on arm", set()),
    (f"{X} number on the x86", set()),  # (a function word after it: nothing told)
    (f"{X} number on windows", set()),  # (an English word: maybe another way to say it)
])
def test_a_property_qualified_otherwise(question, want):
    assert other_qualifier(question, ["number on x86/ARM", "description"]) == want


def test_settings_with_an_equals_sign_are_identifiers_of_parts():
    assert _parts("directorymode", "DirectoryMode=") == ["directory", "mode"]


def test_a_part_only_one_name_holds_outranks_a_shared_one():
    index = NameIndex(["DirectoryMode=", "SocketMode=", "SocketUser=", "SocketGroup=", "Accept="])
    described = index.words.by_words(
        "When a socket unit auto-creates parent directories for its socket file, what mode do they get?")
    assert described is not None and index.display[described.name] == "DirectoryMode="


def test_a_compound_of_english_words_is_no_code():
    index = NameIndex(["DirectoryMode=", "SocketMode=", "Accept="])
    assert index.words.by_words("which mode do auto-created directories get") is not None
    assert index.words.by_words("which mode does the strict-peer-deps directory get") is None


ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
SIGURG | description | Urgent condition on socket (4.2BSD)
SIGURG | default action | Ign
SIGURG | standard | P2001
SIGURG | number on x86/ARM | 23
SIGSEGV | description | Invalid memory reference
SIGSEGV | default action | Core
SIGSEGV | standard | P1990
SIGSEGV | number on x86/ARM | 11
SIGSTKFLT | description | Stack fault on coprocessor (unused)
SIGSTKFLT | default action | Term
SIGSTKFLT | number on x86/ARM | 16
SIGHUP | description | Hangup detected on controlling terminal or death of controlling process
SIGHUP | default action | Term
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("does SIGURG kill the proccess if nobody handles it?", [("SIGURG", "default action")]),
    ("stkflt signal meaning?", [("SIGSTKFLT", "description")]),
    ("sigsegv number on x86", [("SIGSEGV", "number on x86/ARM")]),
    ("sigsegv number on mips", []),
])
def test_signals(ask, question, expected):
    assert ask(question) == expected
