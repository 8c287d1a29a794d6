"""The forty-first batch (KBs read from real data: systemd.resource-control(5), unix(7)) at first contact: when a
thing became available, its other name, what it must have turned on, the effect it has, "syntax for X" of a setting
with accepted values only."""

from __future__ import annotations

import pytest

from kblam.intents import intended
from kblam.kb import Triple
from kblam.value_fit import PLACEHOLDER as X

UNIX = ["kind", "description", "since", "value type", "requires", "synonym", "notes", "header"]
RES = ["description", "accepted values", "default", "cgroup attribute", "related setting"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"When did {X} become available in the unix domain?", UNIX, ["since"]),
    (f"is there another name for the {X} ioctl", UNIX, ["synonym"]),
    (f"what has to be turned on before I can receive {X} messages?", UNIX, ["requires"]),
    (f"What effect does {X} have on unix datagram sockets?", UNIX, ["description"]),
    (f"syntax for {X}?", RES, ["accepted values"]),
    (f"syntax for {X}?", ["description", "syntax", "accepted values"], ["syntax"]),  # a syntax of its own first
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
SOCK_SEQPACKET | description | Connection-oriented socket that preserves message boundaries
SOCK_SEQPACKET | since | Linux 2.6.4
SCM_CREDENTIALS | description | Send or receive UNIX credentials
SCM_CREDENTIALS | requires | the SO_PASSCRED option must be enabled on the socket to receive them
SO_SNDBUF | description | Does have an effect for UNIX domain sockets; for datagram sockets it is an upper limit
SO_SNDBUF | since | Linux 2.0
BPFProgram= | description | Add a custom cgroup BPF program.
BPFProgram= | accepted values | a pair of BPF attach type and path to a pinned program
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("When did seqpacket sockets become available in the unix domain?", [("SOCK_SEQPACKET", "since")]),
    ("what has to be turned on before I can receive SCM_CREDENTIALS messages?", [("SCM_CREDENTIALS", "requires")]),
    ("What effect does SO_SNDBUF have on unix datagram sockets?", [("SO_SNDBUF", "description")]),
    ("syntax for BPFProgram=?", [("BPFProgram=", "accepted values")]),
])
def test_unix_sockets_and_resource_control(ask, question, expected):
    assert ask(question) == expected
