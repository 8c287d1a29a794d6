"""The thirty-fourth batch (KBs read from real data: ext4(5) mount options, resolv.conf(5), logind.conf(5) settings,
sources.list(5) fields) at first contact: an option named without the placeholder for its value ("max_batch_time" of
"max_batch_time=usec", "ndots" of "ndots:n"); two words joined by a slash are two names ("TRIM/discard"); a camel-case
identifier described by its words rather than taken for a near miss ("which vt gets reserved" of ReserveVT), also in a
follow-up ("and the suspend key?" after HandlePowerKey); "what about Y?" after a question that named nothing carries
that question; "default value" and "default" are one property to tell apart by; "is X the default mode?" is answered
by a default that says so; properties asked for in other words (the ceiling, whether it is still supported, how to
turn it back on, which option turns it off, which filesystems list it, what happens if there are none)."""

from __future__ import annotations

import pytest

from kblam import conversation
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_forms import bare_forms
from kblam.rival_properties import unwritten_difference
from kblam.value_fit import PLACEHOLDER as X
from kblam.wording import stems

OPTIONS = """
data=ordered | default | This is the default mode.
data=ordered | applies to | ext3
data=ordered | description | All data are forced directly out to the main file system prior to its metadata being committed.
data=journal | applies to | ext3
data=journal | description | All data are committed into the journal prior to being written into the main filesystem.
data=writeback | applies to | ext3
max_batch_time=usec | default value | 15000 µs (15 ms)
max_batch_time=usec | applies to | ext4
max_batch_time=usec | description | Maximum amount of time ext4 should wait for additional filesystem operations to be batch together with a synchronous write operation.
min_batch_time=usec | default value | zero microseconds
min_batch_time=usec | applies to | ext4
min_batch_time=usec | description | This parameter sets the commit time to be at least min_batch_time.
nobarrier | applies to | ext4
nobarrier | opposite | barrier
barrier=1 | default | default (barrier=1 enables)
barrier=1 | applies to | ext3, ext4
barrier=1 | opposite | barrier=0
journal_checksum | applies to | ext4
journal_checksum | opposite | nojournal_checksum
discard | default | off by default until sufficient testing has been done
discard | applies to | ext4
check=strict | deprecated/removed | removed (the non-default behavior is unsupported)
check=strict | applies to | ext2
sb=n | applies to | ext2
ReserveVT | default | 6 (a getty is always available on Alt-F6)
ReserveVT | description | Takes a positive integer. Identifies one virtual terminal that shall unconditionally be reserved for autovt@.service activation.
HandlePowerKey | default | poweroff
HandlePowerKey | allowed values | ignore, poweroff, reboot, halt, kexec, suspend, hibernate, hybrid-sleep, suspend-then-hibernate, lock, factory-reset
HandleSuspendKey | default | suspend
HandleSuspendKeyLongPress | default | hibernate
SuspendKeyIgnoreInhibited | default | no
LidSwitchIgnoreInhibited | default | yes
HandleLidSwitch | default | suspend
InhibitorsMax | default | 8192 (8K)
SessionsMax | default | 8192 (8K)
"""
ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in OPTIONS.strip().splitlines()]


@pytest.mark.parametrize(("name", "form"), [
    ("max_batch_time=usec", "max_batch_time"), ("ndots:n", "ndots"), ("commit=nrsec", "commit"),
    ("errors={continue|remount-ro|panic}", "errors"), ("journal_ioprio=prio", "journal_ioprio")])
def test_an_option_without_the_placeholder_for_its_value(name, form):
    assert form in bare_forms(name, frozenset({"ordered", "none", "strict"}))


@pytest.mark.parametrize("name", ["data=ordered", "check=none", "barrier=1"])
def test_an_option_with_a_value_keeps_it(name):
    assert bare_forms(name, frozenset({"ordered", "none", "strict"})) == []


def test_two_words_joined_by_a_slash_are_two_names():
    index = NameIndex(["discard", "nodiscard", "barrier"])
    mentions, _ = index.find("is TRIM/discard on by default on ext4")
    assert [m.name for m in mentions] == ["discard"]
    assert not index.find("what is in /usr/share/discard/x?")[0]  # (a part of a path names nothing)


def test_default_value_and_default_are_told_apart_by_nothing():
    said = stems("default io priority for the journal thread")
    assert not unwritten_difference("default", "default value", said)
    assert unwritten_difference("daylight saving offset", "standard offset", stems("the summer time offset"))


RESOLV = ["description", "default", "maximum", "environment variable", "equivalent resolver flag",
          "deprecated/removed", "since glibc version"]
EXT4 = ["description", "applies to", "opposite", "default", "default value", "deprecated/removed"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"what's the ceiling on {X}", RESOLV, ["maximum"]),
    (f"{X} cap", RESOLV, ["maximum"]),
    (f"how many address/netmask pairs can {X} take", RESOLV, ["maximum"]),
    (f"is {X} still supported", RESOLV, ["deprecated/removed"]),
    (f"can I still use {X}", EXT4, ["deprecated/removed"]),
    (f"I mounted with {X}, how do i turn barriers back on", EXT4, ["opposite"]),
    (f"how do i switch off {X}", EXT4, ["opposite"]),
    (f"which option turns {X} off?", EXT4, ["opposite"]),
    (f"{X} is listed under which filesystem's options", EXT4, ["applies to"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


def test_what_happens_without_it_asks_for_the_default():
    assert "default" in intended(f"what happens if resolv.conf has no {X} entries at all", RESOLV)
    assert "default" in intended(f"what's {X} if I leave it out", RESOLV)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("max_batch_time default?", [("max_batch_time=usec", "default value")]),
    ("Tell me what min_batch_time defaults to.", [("min_batch_time=usec", "default value")]),
    ("is data=ordered the default journaling mode?", [("data=ordered", "default")]),
    ("which vt gets reserved for a login prompt by default?", [("ReserveVT", "default")]),
    ("does logind ignore inhibitor locks for the lid switch unless i change it?",
     [("LidSwitchIgnoreInhibited", "default")]),
    ("barrier=1: is it the default, and which option turns it off?",
     [("barrier=1", "default"), ("barrier=1", "opposite")]),
])
def test_options_and_settings(ask, question, expected):
    assert ask(question) == expected


def _resolved(indexed, turns: list[str]) -> str:
    index, by_key = indexed
    messages = [{"role": "user" if k % 2 == 0 else "assistant", "content": t} for k, t in enumerate(turns)]
    return conversation.resolve(messages, index, conversation.facts_of(ROWS, by_key)).question


def test_a_follow_up_names_an_identifier_by_a_word_of_it(indexed):
    question = _resolved(indexed, ["what does the power button do by default?",
                                   "HandlePowerKey= defaults to poweroff.", "and the suspend key?"])
    assert "HandleSuspendKey" in question and "HandlePowerKey" not in question


def test_what_about_after_a_question_that_named_nothing(indexed):
    question = _resolved(indexed, ["how long does ext4 wait at most to batch sync writes by default?",
                                   "max_batch_time defaults to 15000 µs, i.e. 15 ms.", "what about min_batch_time?"])
    assert question.startswith("how long does ext4 wait") and "min_batch_time=usec" in question
