"""The thirty-seventh batch (KBs read from real data: systemd.journal-fields(7), ip(7) socket options) at first
contact: "how is X encoded" asks for its format, "what does X record" (hold, store, contain) for what it is; and, fixed
in the next session, the man page to read about it, the field it is tied to, who sets it, its units, what it works on,
a short part written whole ("ttl … multicast" of IP_MULTICAST_TTL), an English word in lower case as no near miss of
a name in capitals ("tied" of TID=)."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.value_fit import PLACEHOLDER as X

FIELDS = """
PRIORITY= | description | A priority value between 0 ("emerg") and 7 ("debug")
PRIORITY= | category | user journal field
PRIORITY= | format | decimal string
ERRNO= | description | The low-level Unix error number causing this entry, if any
ERRNO= | category | user journal field
ERRNO= | format | decimal string
_PID= | description | The process, user, and group ID of the process the journal entry originates from
_PID= | category | trusted journal field
_PID= | format | decimal string
_BOOT_ID= | description | The kernel boot ID for the boot the message was generated in
_BOOT_ID= | category | trusted journal field
_BOOT_ID= | format | 128-bit ID formatted as hexadecimal string
_UDEV_SYSNAME= | description | The kernel device name as it shows up in the device tree below /sys/
_UDEV_SYSNAME= | category | kernel journal field
"""
ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in FIELDS.strip().splitlines()]


@pytest.mark.parametrize(("question", "want"), [
    (f"how is {X} encoded in a journal entry", ["format"]),
    (f"what does {X} record", ["description"]),
])
def test_properties_asked_for_in_other_words(question, want):
    assert intended(question, ["description", "category", "format"]) == want


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("how is ERRNO encoded in a journal entry", [("ERRNO=", "format")]),
    ("what format is the _BOOT_ID field in?", [("_BOOT_ID=", "format")]),
])
def test_journal_fields(ask, question, expected):
    assert ask(question) == expected


JOURNAL = ["description", "category", "format", "related field", "see also", "set by", "valid values"]
SOCKET = ["description", "since", "type", "default", "valid only for", "related option"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"which man page should i read about the machine id behind {X}?", JOURNAL, ["see also"]),
    ("where can i read more about that?", JOURNAL, ["see also"]),
    (f"field that keeps the original syslog line: which other field is {X} tied to?", JOURNAL, ["related field"]),
    (f"which trusted field is {X} different from?", JOURNAL, ["related field"]),
    (f"who is allowed to attach {X} to a log message?", JOURNAL, ["set by"]),
    (f"what units is the receive wallclock timestamp {X} in?", JOURNAL, ["format"]),
    (f"{X} works on which socket types?", SOCKET, ["valid only for"]),
    (f"how is {X} different from _PID=?", JOURNAL, []),  # (no "which": two things compared)
])
def test_more_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


def test_tell_me_more_asks_for_no_reading():
    assert "see also" not in intended("tell me more about it", JOURNAL)  # its description, not where to read more


MULTICAST = ["IP_MULTICAST_IF", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP", "IP_MULTICAST_ALL", "IP_TTL"]


def test_a_short_part_written_whole_is_a_part_taken():
    index = NameIndex(MULTICAST)
    described = index.words.by_words("whats the defualt ttl for outgoing multicast packets on a socket")
    assert described is not None and index.display[described.name] == "IP_MULTICAST_TTL"
    assert index.words.by_words("does it loop back multicast packets") is not None
    assert index.words.by_words("what about outgoing multicast packets") is None  # one part, four names hold it


def test_an_english_word_is_no_near_miss_of_a_name_in_capitals():
    index = NameIndex(["TID=", "PRIORITY=", "MESSAGE="])
    assert index.find("which other field is it tied to?") == ([], [])
    assert index.find("what does TIDE= hold?")[1]  # a name written as a name still is one
