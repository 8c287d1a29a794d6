"""The forty-first batch's misses fixed (unix(7), systemd.resource-control(5)): an identifier's run-together
abbreviation of a property ("addrlen"), "what kind of value does X take" (its value type, not its kind), "what
argument does X expect" of an option with a value type and no signature, the entity's own kind written after its
name ("the SIOCINQ ioctl") offering no choice, and a longer identifier described by the parts of a shorter one plus
its own ("the period used for measuring the cpu quota")."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.label_spellings import respelt, run_together
from kblam.value_fit import PLACEHOLDER as X

UNIX = ["kind", "description", "since", "value type", "synonym", "notes", "address length"]


@pytest.mark.parametrize(("question", "want"), [
    (f"what kind of value does {X} take?", ["value type"]),
    (f"what sort of argument does {X} expect?", ["value type"]),
    (f"what argument does getsockopt expect for {X}", ["value type"]),
    (f"what kind of socket is {X}?", ["kind"]),  # the entity's own kind
])
def test_value_kind_and_argument(question, want):
    assert intended(question, UNIX) == want


def test_run_together_abbreviations():
    assert run_together("addrlen", ["address", "length"])
    assert run_together("bufsize", ["buffer", "size"])
    assert not run_together("address", ["address", "length"])  # an English word
    assert not run_together("addrlen", ["address"])  # one word: no run
    assert not run_together("adlen", ["address", "length"])  # two letters of "address" are too few
    assert respelt(f"returned addrlen for an {X} socket?", UNIX) == f"returned address length for an {X} socket?"


def test_longer_identifier_by_its_parts():
    index = NameIndex(["CPUQuota=", "CPUQuotaPeriodSec=", "CPUWeight=", "MemoryMax="])
    q = "whats the default period used for measuring the cpu quota"
    mentions, _ = index.find(q)
    assert [m.name for m in mentions] == ["cpuquota"]
    longer = index.words.longer_by_parts(q, mentions[0])
    assert longer is not None and longer.name == "cpuquotaperiodsec"
    q = "whats the default cpu quota"  # no part of the longer one written: the one named
    assert index.words.longer_by_parts(q, index.find(q)[0][0]) is None


ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
SIOCINQ | kind | ioctl
SIOCINQ | description | For SOCK_STREAM sockets, this call returns the number of unread bytes in the receive buffer.
SIOCINQ | synonym | FIONREAD, defined in <sys/ioctl.h>
SIOCOUTQ | kind | ioctl
SIOCOUTQ | description | Returns the amount of queued unsent data in the socket send queue.
SO_PASSSEC | kind | socket option
SO_PASSSEC | description | Enables receiving of the SELinux security label of the peer socket.
SO_PASSSEC | value type | integer boolean flag
unnamed | kind | address type
unnamed | description | A stream socket that has not been bound to a pathname has no name.
unnamed | address length | sizeof(sa_family_t)
CPUQuota= | description | Assign the specified CPU time quota to the processes executed.
CPUQuota= | default | unset
CPUQuotaPeriodSec= | description | Assign the duration over which the CPU time quota specified by CPUQuota= is measured.
CPUQuotaPeriodSec= | default | 100ms
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("is there another name for the SIOCINQ ioctl", [("SIOCINQ", "synonym")]),
    ("what kind of value does SO_PASSSEC take?", [("SO_PASSSEC", "value type")]),
    ("returned addrlen for an unnamed socket?", [("unnamed", "address length")]),
    ("whats the default period used for measuring the cpu quota", [("CPUQuotaPeriodSec=", "default")]),
])
def test_unix_sockets_and_cpu_quota(ask, question, expected):
    assert ask(question) == expected
