"""The forty-third batch (KBs read from real data: ld.so(8), login.defs(5)) at first contact: what holds when a
setting is not set, the last release that had it, what a token expands to (its own kind written after its name), the
programs that read it, a code the question quotes from a value, a follow-up about "that list" the answer spoke of,
names described by their parts' words ("the lowest uid"), run together ("tty permisions") or as an option the KB lacks
("ld.so --list-diagnostics"), and words that are no near miss ("glibc" of $LIB, "auditing" of --audit)."""

from __future__ import annotations

import pytest

from kblam import conversation
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.pointed_values import code_quoted
from kblam.typos import english_form
from kblam.value_fit import PLACEHOLDER as X

LDSO = ["kind", "since", "until", "description", "default", "note", "enabled when"]
LOGIN = ["type", "description", "default", "used by", "note", "example"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"where does the {X} go if {X} isnt set", LDSO, ["default"]),
    (f"and what's the behaviour when {X}'s not set?", LDSO, ["default"]),
    (f"{X} existed up to which glibc release?", LDSO, ["until"]),
    (f"{X} - what does it expand to?", LDSO, ["description"]),
    (f"which programs actually read {X}", LOGIN, ["used by"]),
    (f"Which tools care about {X}?", LOGIN, ["used by"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


def test_a_quoted_code_points_at_its_value():
    held = [("type", "number"), ("description", "Terminal KILL character."), ("example", "025 = CTRL/U")]
    assert code_quoted(f"{X}: which value gives ctrl/u?", held) == ["example"]
    assert code_quoted(f"{X}: which value gives ctrl/c?", held) == []


def test_english_forms():
    assert english_form("auditing") and english_form("delegation") and english_form("start")
    assert not english_form("glibc") and not english_form("ttyperm")


NAMES = ["$ORIGIN", "$LIB", "$PLATFORM", "--audit", "--list", "--list-tunables", "--inhibit-rpath", "--verify",
         "/lib/ld.so", "LD_AUDIT", "LD_ORIGIN_PATH", "UID_MIN", "UID_MAX", "SYS_UID_MIN", "SUB_UID_MIN", "TTYPERM",
         "TTYGROUP", "KILLCHAR", "ERASECHAR"]


def test_names_described_run_together_or_missing():
    index = NameIndex(NAMES)
    assert index.find("since which glibc?") == ([], [])  # no near miss of $LIB: a word of its own
    assert index.find("which man page documents the auditing interface?")[1] == []  # nor of --audit
    found, misses = index.find("what does ld.so --list-diagnostics print")
    assert not found and [m.said for m in misses] == ["--list-diagnostics"]
    described = index.words.by_words("whats the lowest uid a normal user gets out of the box")
    assert described is not None and described.name == "uid_min"
    described = index.words.by_words("tty permisions default?")
    assert described is not None and described.name == "ttyperm" and described.said == "tty permisions"


def test_that_list_the_answer_spoke_of():
    index = NameIndex(NAMES)
    turns = [{"role": "user", "content": "what does --inhibit-rpath do"},
             {"role": "assistant", "content": "It ignores RPATH and RUNPATH information in the object names given in "
                                              "the list."},
             {"role": "user", "content": "how do i separate the names in that list?"}]
    assert conversation.resolve(turns, index).question == "how do i separate the names in --inhibit-rpath?"


ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
$ORIGIN | kind | dynamic string token
$ORIGIN | description | expands to the directory containing the program or shared object
$ORIGIN | example | gcc -Wl,-rpath,'$ORIGIN/../lib'
LD_LIBRARY_PATH | expands tokens | $ORIGIN, $LIB, and $PLATFORM
LD_LIBRARY_PATH | description | A list of directories in which to search for ELF libraries at execution time.
LD_POINTER_GUARD | since | glibc 2.4
LD_POINTER_GUARD | until | glibc 2.22
LD_BIND_NOW | since | glibc 2.1.1
LD_AUDIT | since | glibc 2.4
LD_DYNAMIC_WEAK | description | provides the old (nonstandard) glibc behavior for weak symbols
LD_DYNAMIC_WEAK | enabled when | defined (with any value)
LD_DYNAMIC_WEAK | default | the dynamic linker will resolve to the first definition it finds
KILLCHAR | type | number
KILLCHAR | description | Terminal KILL character.
KILLCHAR | example | 025 = CTRL/U
FAIL_DELAY | type | number
FAIL_DELAY | description | Delay in seconds before being allowed another attempt after a login failure.
UMASK | default | 022
UMASK | if unset | 077
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("origin token - what does it expand to?", [("$ORIGIN", "description")]),
    ("LD_POINTER_GUARD existed up to which glibc release?", [("LD_POINTER_GUARD", "until")]),
    ("and what's the behaviour when LD_DYNAMIC_WEAK's not set?", [("LD_DYNAMIC_WEAK", "default")]),
    ("killchar: which value gives ctrl/u?", [("KILLCHAR", "example")]),
    ("what's the default FAIL_DELAY?", []),  # a default it lacks, also with "default" written before its name
])
def test_dynamic_linker_and_login_defs(ask, question, expected):
    assert ask(question) == expected
