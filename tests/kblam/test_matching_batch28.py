"""The twenty-eighth batch (KBs read from real data: postgresql.conf settings, SQLSTATE conditions, Vim options,
console-script entry points) and the twenty-seventh's leftovers: identifiers written as words ("exlusion violation",
"serialization failures", "undo levels ... do I"), an identifier described by its parts ("checks for a deadlock" of
"deadlock_timeout"), what a command runs, the values a setting takes, how a boolean is switched off, a C macro, an
abbreviation; "when is X open" (not "open" as what X is), labels abbreviated ("fw ver.", "ext."), and a thing named by
the word only it holds even where that word alone was taken for a near miss ("the diner" of "Lane Diner")."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import NAMED_KIND, intended
from kblam.kb import Triple
from kblam.labels import spelled_out
from kblam.value_fit import PLACEHOLDER as X

from .test_matching_pointed import asker

CODES = ["exclusion_violation", "serialization_failure", "check_violation", "undolevels", "deadlock_timeout",
         "authentication_timeout", "max_connections", "superuser_reserved_connections", "strict-ssl", "lock_timeout"]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(CODES)


@pytest.mark.parametrize(("question", "name"), [
    ("exlusion violation sqlstate?", "exclusion_violation"),  # a letter left out, the parts written apart
    ("my app should retry on serialization failures - what sqlstate do I match on?", "serialization_failure"),
    ("How many undo levels do I get by default?", "undolevels"),  # "I" names nothing else
])
def test_identifiers_written_as_words(index, question, name):
    mentions, _ = index.find(question)
    assert [index.display[m.name] for m in mentions] == [name]


@pytest.mark.parametrize(("question", "name"), [
    ("By default how long does postgres wait on a lock before it checks for a deadlock?", "deadlock_timeout"),
    ("How long does a client get to finish authenticating before the server gives up?", "authentication_timeout"),
    ("how many clients can connect at once by default?", None),  # two identifiers hold "connections"
    ("what does the strict-peer-deps option do", None),  # another identifier, written as one
    ("What's the deadlock timeout in MySQL?", None),  # another system's
])
def test_an_identifier_described_by_its_parts(index, question, name):
    found = index.words.by_parts(question)
    assert (index.display[found.name] if found else None) == name


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"which function actually runs when I type {X}?", ["target", "package", "summary"], ["target"]),
    (f"{X}: what does it run under the hood?", ["target", "package", "summary"], ["target"]),
    (f"whats the smallest value {X} accepts", ["default", "range", "unit"], ["range"]),
    (f"Which compression methods can {X} take?", ["default", "allowed values", "unit"], ["allowed values"]),
    (f"What do I :set to switch {X} off?", ["default", "type", "negated form"], ["negated form"]),
    (f"give me the ERRCODE constant for {X}", ["sqlstate", "class", "macro"], ["macro"]),
    (f"{X} abbrev?", ["short name", "type", "default"], ["short name"]),
    (f"when is the {X} open", ["open hrs", "steward"], ["open hrs"]),  # "hrs" written out
    (f"what package is {X} in?", ["target", "package", "summary"], ["package"]),  # not what it runs
    (f"link flags for {X}", ["Libs", "Cflags", "Version"], ["Libs"]),
    (f"I'm compiling against {X} — what include flag does pkg-config give me?", ["Libs", "Cflags"], ["Cflags"]),
    (f"what else does {X} grant me implicitly?", ["allow_any", "imply", "message"], ["imply"]),
    (f"What internet speed can I get at the {X}?", ["rent", "broadband", "min tenancy"], ["broadband"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


def test_abbreviated_labels_and_states_after_a_name():
    assert spelled_out("fw ver.") == "firmware version" and spelled_out("ext.") == "extension"
    assert NAMED_KIND.search(f"when is the {X} open") is None
    assert NAMED_KIND.search(f"the {X} module").group(1) == "module"


ROWS = [Triple(n, p, v) for n, p, v in (
    ("wrap", "type", "boolean"), ("wrap", "default", "on"), ("wrap", "scope", "local to window"),
    ("wrap", "negated form", "nowrap"),
    ("disk_full", "sqlstate", "53100"), ("disk_full", "class code", "53"), ("disk_full", "macro", "ERRCODE_DISK_FULL"),
    ("Lane Diner", "card only?", "yes – no cash since 2022"), ("Lane Diner", "kitchen closes", "21:00"),
    ("Flea Treatment Bath", "price", "£12"), ("Woodshop (Room B)", "open hrs", "Tue & Thu 18:00–22:00"),
    ("Woodshop (Room B)", "steward", "Tom Brierley"),
    ("geronimo-annotation-1.3-spec.jar", "Bundle-Name", "Apache Geronimo Annotation 1.3 Spec"),
    ("geronimo-annotation-1.3-spec.jar", "Bundle-SymbolicName", "org.apache.geronimo.specs.geronimo-annotation_1.3_spec"),
    ("x11", "Requires", "xproto"), ("x11", "Requires.private", "xcb"),
    ("The Old Dairy", "broadband", "FTTP up to 900 Mb"), ("The Old Dairy", "min tenancy", "12 months"),
)]


@pytest.mark.parametrize(("question", "want"), [
    ("What do I :set to switch wrap off?", [("wrap", "negated form")]),  # not the "default" that is "on"
    ("give me the sqlstate and the C macro for disk_full", [("disk_full", "macro"), ("disk_full", "sqlstate")]),
    ("Can I pay cash in the diner?", [("Lane Diner", "card only?")]),
    ("How much is the flea treatment spray?", []),  # another treatment: still a near miss
    ("when is the woodshop open", [("Woodshop (Room B)", "open hrs")]),
    ("what's the symbolic name of the geronimo annotation 1.3 spec jar?",  # the words of the longer label, as one
     [("geronimo-annotation-1.3-spec.jar", "Bundle-SymbolicName")]),
    ("which modules does x11 require publicly (not the private ones)?", [("x11", "Requires")]),  # not written as one
    ("What internet speed can I get at the old dairy?", [("The Old Dairy", "broadband")]),  # a speed, no duration
])
def test_the_batch_misses_with_the_real_encoder(minilm, question, want):
    assert asker(ROWS, minilm)(question) == want
