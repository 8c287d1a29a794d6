"""The thirty-eighth batch (KBs read from real data: socket(7) options, mount(8) options) at first contact: how a
value starts out, whether it can only be read, what kind of thing it is for, "X holds what", what a call returns when
it times out, "values allowed", what it is useful for, who may use it, what it needs; "netdev" of "_netdev"; an
English word is no near miss of a name that is none ("command" of nomand); "SO_TIMESTAMPING" is no typo of
SO_TIMESTAMPNS but a near miss of it."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_forms import bare_forms
from kblam.typos import _typo
from kblam.value_fit import PLACEHOLDER as X

SOCKET = ["description", "since", "argument type", "default", "minimum", "maximum", "required capability", "error",
          "access", "applies to", "range", "unit"]
MOUNT = ["description", "implies", "implied by", "default", "default mode", "use case", "note", "example",
         "restriction", "requires", "suggested format", "see also"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"{X} starts out at what value?", SOCKET, ["default"]),
    (f"Is {X} something I can set, or only read?", SOCKET, ["access"]),
    (f"{X} holds what", SOCKET, ["description"]),
    (f"what does a recv return when the {X} timeout hits and nothing was received", SOCKET, ["error"]),
    (f"priority values allowed for {X} without extra privileges?", SOCKET, ["range"]),
    (f"{X}: who is allowed to use it?", MOUNT, ["restriction"]),
    (f"{X} needs what kind of filesystem?", MOUNT, ["requires"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"{X} - what kind of sockets is it for?", SOCKET, "applies to"),
    (f"What was {X} found useful for?", MOUNT, "use case"),
])
def test_properties_among_those_asked_for(question, props, want):
    assert want in intended(question, props)


def test_a_lower_case_word_after_a_leading_underscore():
    assert bare_forms("_netdev") == ["netdev"]
    assert bare_forms("_exit", frozenset({"exit"})) == []  # an English word alone names nothing
    index = NameIndex(["_netdev", "nofail", "noauto"])
    assert [index.display[m.name] for m in index.find("netdev option, whats it for")[0]] == ["_netdev"]


def test_an_english_word_is_no_near_miss_of_a_name_that_is_none():
    assert NameIndex(["nomand", "mand", "remount"]).find("Give me an example command using it.") == ([], [])
    assert NameIndex(["nomand", "mand"]).find("what does nomandd do?") != ([], [])  # a misspelt name still counts


def test_an_inflected_stem_is_another_name_not_a_typo():
    assert not _typo("timestamping", "timestampns")
    assert _typo("timestmapns", "timestampns")
    assert _typo("calender", "calendar") and _typo("protecter", "protector")  # a vowel of the ending mistyped
    mentions, misses = NameIndex(["SO_TIMESTAMP", "SO_TIMESTAMPNS"]).find("SO_TIMESTAMPING available since which version?")
    assert mentions == [] and "SO_TIMESTAMPNS" in misses[0].closest


ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
SO_RCVLOWAT | description | Specify the minimum number of bytes in the buffer until the socket layer passes the data
SO_RCVLOWAT | default | 1
SO_RCVLOWAT | since | Linux 2.6.28
SO_TYPE | description | Gets the socket type as an integer
SO_TYPE | access | read-only
SO_RCVTIMEO | description | Specify the receiving timeout until reporting an error
SO_RCVTIMEO | error | EAGAIN or EWOULDBLOCK
SO_KEEPALIVE | description | Enable sending of keep-alive messages on connection-oriented sockets
SO_KEEPALIVE | applies to | connection-oriented sockets
SO_KEEPALIVE | argument type | integer boolean flag
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("so_rcvlowat starts out at what value?", [("SO_RCVLOWAT", "default")]),
    ("Is SO_TYPE something I can set, or only read?", [("SO_TYPE", "access")]),
    ("what does a recv return when the SO_RCVTIMEO timeout hits and nothing was received",
     [("SO_RCVTIMEO", "error")]),
    ("so_keepalive - what kind of sockets is it for?", [("SO_KEEPALIVE", "applies to")]),
])
def test_socket_options(ask, question, expected):
    assert ask(question) == expected
