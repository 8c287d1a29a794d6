"""The thirty-fifth batch (KBs read from real data: tcp(7) sysctl variables, capabilities(7), systemd.timer(5)
settings, tmpfiles.d(5) line types) at first contact: a lower-case name by its word after a prefix most names share
("the F-RTO sysctl" of tcp_frto, "the fast open bitmask" of tcp_fastopen); properties asked for in other words (the
kernel that added it or was the last to have it, what else it allows, what it controls, what an abbreviation in it
stands for)."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_forms import prefix_forms
from kblam.value_fit import PLACEHOLDER as X

SYSCTLS = ["tcp_frto", "tcp_fastopen", "tcp_ecn", "tcp_sack", "tcp_fin_timeout", "tcp_westwood", "udp_mem"]


def test_a_lower_case_name_by_its_word_after_a_shared_prefix():
    forms = dict(prefix_forms(SYSCTLS, frozenset({"sack"}), 3))
    assert forms == {"frto": "tcp_frto", "fastopen": "tcp_fastopen", "ecn": "tcp_ecn", "westwood": "tcp_westwood"}
    assert dict(prefix_forms(["AF_INET6", "AF_UNIX", "AF_PACKET"], frozenset(), 3)) == {
        "INET6": "AF_INET6", "UNIX": "AF_UNIX", "PACKET": "AF_PACKET"}


@pytest.mark.parametrize(("question", "name"), [
    ("which rfc is the F-RTO sysctl based on", "tcp_frto"),
    ("default value of the fast open bitmask?", "tcp_fastopen"),
])
def test_names_without_their_prefix(question, name):
    index = NameIndex(SYSCTLS)
    mentions, _ = index.find(question)
    assert [index.display[m.name] for m in mentions] == [name]


TCP = ["description", "type", "default", "since", "until", "rfc", "unit"]
CAPS = ["summary", "system call", "also permits", "since", "note", "related capability"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"which kernel added {X}?", TCP, ["since"]),
    (f"when was the {X} capabilty added", CAPS, ["since"]),
    (f"up to which linux version did {X} exist?", TCP, ["until"]),
    (f"which kernel was the last to have {X}?", TCP, ["until"]),
    (f"what else does {X} allow besides I/O port operations?", CAPS, ["also permits"]),
    (f"{X}: what else can it do besides manipulating process UIDs?", CAPS, ["also permits"]),
    (f"Tell me what {X} controls.", TCP, ["description"]),
    (f"At what optimization level does gcc start enabling {X}?", ["description", "enabled from"], ["enabled from"]),
    (f"lowest opt level for {X}?", ["description", "enabled from"], ["enabled from"]),
    (f"Which attributes make up a {X} node?", ["fields", "base class", "signature"], ["fields"]),
    (f"{X} node members?", ["fields", "base class", "signature"], ["fields"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


def test_when_it_was_removed_is_no_version():
    assert "until" not in intended(f"When were the {X} removed from ISO 3166?", ["until", "withdrawal date", "note"])


CAPABILITIES = """
CAP_DAC_OVERRIDE | summary | Bypass file read, write, and execute permission checks.
CAP_DAC_OVERRIDE | note | DAC is an abbreviation of "discretionary access control".
CAP_KILL | summary | Bypass permission checks for sending signals
CAP_KILL | system call | kill(2)
CAP_KILL | also permits | use of the ioctl(2) KDSIGACCEPT operation
CAP_SETUID | summary | Make arbitrary manipulations of process UIDs
CAP_SETUID | system call | setuid(2), setreuid(2), setresuid(2), setfsuid(2)
CAP_SETUID | also permits | write a user ID mapping in a user namespace
CAP_SYS_RAWIO | summary | Perform I/O port operations
CAP_SYS_RAWIO | system call | iopl(2) and ioperm(2)
CAP_SYS_RAWIO | also permits | open /dev/mem and /dev/kmem
CAP_SYSLOG | summary | Perform privileged syslog(2) operations.
CAP_SYSLOG | since | Linux 2.6.37
CAP_SYSLOG | system call | syslog(2)
"""
ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in CAPABILITIES.strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("What does DAC stand for in CAP_DAC_OVERRIDE?", [("CAP_DAC_OVERRIDE", "note")]),
    ("what else does cap_sys_rawio allow besides I/O port operations?", [("CAP_SYS_RAWIO", "also permits")]),
    ("when was the syslog capabilty added", [("CAP_SYSLOG", "since")]),
])
def test_capabilities(ask, question, expected):
    assert ask(question) == expected


def test_a_label_that_clips_a_word_the_question_writes_in_full():
    from kblam.label_spellings import clipped_labels

    assert clipped_labels("What qualifications has X got?", ["quals", "specialism", "days"]) == {"quals"}
    assert clipped_labels("max iterations per step for X?", ["default max iter", "lr"]) == {"iter"}
    assert clipped_labels("What days is X open?", ["days", "quals"]) == set()  # (a word written whole is no clip)


TMPFILES = ["A", "A+", "C", "a", "a+", "b", "c", "c+", "d", "f", "f+", "p", "p+", "t", "w", "w+", "z", "Z"]


@pytest.mark.parametrize(("question", "name"), [
    ("what does the p+ type do", "p+"),  # a letter with symbols glued after it, as written
    ("a+ in tmpfiles.d - meaning?", "a+"),
    ("Does a w line follow symlinks?", "w"),  # before a word saying what kind of name it is
    ("what's the argument format for c lines (character devices)", "c"),
    ("argument of a t line?", "t"),
    ("same for A?", "A"),  # "A" at the end after "for"
    ("tell me what the C type does", "C"),
])
def test_one_letter_names_standing_as_names(question, name):
    index = NameIndex(TMPFILES)
    mentions, _ = index.find(question)
    assert [index.display[m.name] for m in mentions] == [name]


@pytest.mark.parametrize("question", ["Does a line follow symlinks?", "I have a question about it",
                                      "what's a t-shirt size?", "what c type does the lowercase 'l' map to"])
def test_one_letter_words_that_are_no_names(question):
    assert NameIndex(TMPFILES).find(question)[0] == []


def test_the_file_a_setting_lives_in_is_no_part_of_what_is_asked():
    from kblam.wording import context_dropped

    props = ["description", "default", "globs"]
    assert context_dropped(f"tell me what the {X} type does in tmpfiles.d", props) == f"tell me what the {X} type does"
    assert context_dropped(f"{X} in tmpfiles.d - meaning?", props) == f"{X} - meaning?"
    assert context_dropped("default dns timeout in resolv.conf?", props) == "default dns timeout?"
    assert context_dropped(f"{X} in version 2.1?", props) == f"{X} in version 2.1?"
    assert context_dropped(f"suport url in /etc/os-release? ({X})", props) == f"suport url in /etc/os-release? ({X})"
