"""The thirty-seventh batch (KBs read from real data: systemd.journal-fields(7), ip(7) socket options) at first
contact: "how is X encoded" asks for its format, "what does X record" (hold, store, contain) for what it is."""

from __future__ import annotations

import pytest

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
