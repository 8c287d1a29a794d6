"""The forty-second batch (KBs read from real data: systemd.service(5), ipv6(7)) at first contact: a setting's
choices asked tersely, what it only works with, where to find its details, what is stored in it or inside it, what it
hands back, when one may use it, what happens when it is set to a value, a question after "what about X,", a file
named by its base name, identifiers described by their initials ("the fd store"), and English words or identifiers
written out that are no name of the KB."""

from __future__ import annotations

import pytest

from kblam import conversation
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.pointed_values import set_value_explained
from kblam.value_fit import PLACEHOLDER as X
from kblam.wording import answer_kind

SERVICE = ["description", "accepted values", "default", "related option", "restriction", "see also"]
IPV6 = ["description", "value type", "since", "value", "contents", "delivers", "restriction", "see also",
        "special value"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"{X} options?", SERVICE, ["accepted values"]),
    (f"{X} choices", SERVICE, ["accepted values"]),
    (f"choices for {X}?", SERVICE, ["accepted values"]),
    (f"{X} only works together with what kind of unit?", SERVICE, ["restriction"]),
    (f"where do i find the details for {X}?", IPV6, ["see also"]),
    (f"Tell me the address stored in {X}.", IPV6, ["value", "contents"]),
    (f"whats inside an {X} contol message", IPV6, ["value", "contents"]),
    (f"tell me what {X} hands back to me", IPV6, ["delivers"]),
    (f"When am I allowed to use {X} on a socket?", IPV6, ["restriction"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


@pytest.mark.parametrize("question", [f"when is {X} required?", f"When am I allowed to use {X} on a socket?",
                                      f"when is {X} ignored?"])
def test_when_on_a_condition_asks_no_date(question):
    assert answer_kind(question) is None or answer_kind(question)[0] != "date or time"


def test_set_to_a_value():
    held = [("description", "Set the unicast hop limit for the socket."),
            ("special value", "-1 in the value means use the route default"), ("default", "-1")]
    assert set_value_explained(f"What happens if I set {X} to -1?", held) == ["special value"]
    assert set_value_explained(f"What happens if I set {X} to 5?", held) == []
    assert set_value_explained(f"What is {X}?", held) == []


NAMES = ["Restart=", "RestartForceExitStatus=", "RestartPreventExitStatus=", "RemainAfterExit=",
         "FileDescriptorStoreMax=", "USBFunctionDescriptors=", "TimeoutStartSec=", "/proc/sys/net/ipv6/bindv6only",
         "IPV6_V6ONLY"]


def test_names_in_other_forms():
    index = NameIndex(NAMES)
    found, misses = index.find("what is bindv6only set to by default")
    assert [m.name for m in found] == ["proc sys net ipv6 bindv6only"]
    found, misses = index.find("How long will systemd wait for my service to start up by default?")
    assert not found and not misses  # "start" is a word of its own, no near miss of Restart=
    found, misses = index.find("RemainAfterElapse default?")
    assert not found and [m.said for m in misses] == ["RemainAfterElapse"]
    assert index.words.by_words("RemainAfterElapse default?") is None  # a name written out is described by no parts
    described = index.words.by_words("how many file descriptors can a service stash in the fd store by default")
    assert described is not None and described.name == "filedescriptorstoremax"


def test_what_about_a_name_then_a_question():
    index = NameIndex(NAMES)
    turns = [{"role": "user", "content": "default for RestartPreventExitStatus?"},
             {"role": "assistant", "content": "The empty list."}]
    ask = [*turns, {"role": "user", "content": "what about RestartForceExitStatus, what does that one do?"}]
    assert conversation.resolve(ask, index).question == "what does RestartForceExitStatus do?"
    ask = [*turns, {"role": "user", "content": "what about RestartForceExitStatus?"}]
    assert conversation.resolve(ask, index).question == "default for RestartForceExitStatus=?"


ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
NotifyAccess= | description | Controls access to the service status notification socket.
NotifyAccess= | accepted values | none, main, exec or all
NotifyAccess= | default | none
NotifyAccess= | related option | Type=notify, WatchdogSec=
BusName= | description | Takes a D-Bus destination name that this service shall use.
BusName= | restriction | This option is mandatory for services where Type= is set to dbus.
BusName= | related option | Type=dbus
IPV6_UNICAST_HOPS | description | Set the unicast hop limit for the socket.
IPV6_UNICAST_HOPS | value type | integer
IPV6_UNICAST_HOPS | special value | -1 in the value means use the route default
IPV6_AUTHHDR | description | Request delivery of the authentication header control message for incoming packets.
IPV6_AUTHHDR | delivers | the authentication header
in6addr_loopback | description | the IPv6 loopback address, as a global variable
in6addr_loopback | value | ::1
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("notifyaccess options?", [("NotifyAccess=", "accepted values")]),
    ("when is busname required?", [("BusName=", "restriction")]),
    ("What happens if I set IPV6_UNICAST_HOPS to -1?", [("IPV6_UNICAST_HOPS", "special value")]),
    ("tell me what IPV6_AUTHHDR hands back to me", [("IPV6_AUTHHDR", "delivers")]),
    ("Tell me the address stored in in6addr_loopback.", [("in6addr_loopback", "value")]),
])
def test_service_and_ipv6_settings(ask, question, expected):
    assert ask(question) == expected
