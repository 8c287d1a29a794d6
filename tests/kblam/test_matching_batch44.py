"""The forty-fourth batch (KBs read from real data: systemd.unit(5), netlink(7)) at first contact: the values a
setting takes named by their kind ("which job modes can I pick for X"), what may be passed to it, who should switch it
off, its counterpart, what it carries, whether it is implemented, what took over from it, which module used it, the
first kernel with it, a sibling's word written in another sense ("which kernel version added X" of its "since", no
"last kernel" it lacks), identifiers split at an acronym ("cpu feature condition" of
ConditionCPUFeature=), a code quoted with "@", and a namespace that is no near miss ("netlink" of NETLINK_*)."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.pointed_values import code_quoted
from kblam.value_fit import PLACEHOLDER as X

UNIT = ["description", "argument", "default", "allowed values", "reverse property", "note", "recommendation",
        "special value"]
NETLINK = ["kind", "description", "since", "last kernel", "removed in", "superseded by", "used by", "status"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"which job modes can I pick for {X}", UNIT, ["allowed values"]),
    (f"what kinds of URIs are accepted in the {X} line", UNIT, ["allowed values"]),
    (f"List the architectures {X} can match on", UNIT, ["allowed values"]),
    (f"which cgroup controllers does {X} know about", UNIT, ["allowed values"]),
    (f"what can you pass to {X}", [p for p in UNIT if p != "allowed values"], ["argument"]),
    (f"ok so who should switch {X} off?", UNIT, ["recommendation"]),
    (f"and what's {X}'s counterpart on the other unit", UNIT, ["reverse property"]),
    (f"When did the kernel drop {X} entirely?", NETLINK, ["removed in"]),
    (f"which kernel module used {X}", NETLINK, ["used by"]),
    (f"Is {X} actually implemented?", NETLINK, ["status"]),
    (f"What took over from the {X} after it was obsoleted?", NETLINK, ["superseded by"]),
    (f"first kernal with {X}?", NETLINK, ["since"]),
    (f"{X} netlink — what kind of messages does it carry?", NETLINK, ["description"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


def test_a_quoted_at_name():
    held = [("description", "Check the group."), ("special value", 'This setting does not support "@system".')]
    assert code_quoted(f"can i use @system with {X} like with the user one?", held) == ["special value"]


def test_names_split_at_an_acronym_and_a_namespace():
    index = NameIndex(["ConditionCPUFeature=", "ConditionFirstBoot=", "ConditionArchitecture=", "NETLINK_ROUTE",
                       "NETLINK_W1", "NETLINK_GENERIC", "NETLINK_FIREWALL", "nl_groups"])
    described = index.words.by_words("does the cpu feature condition do anything on arm boxes?")
    assert described is not None and described.name == "conditioncpufeature"
    assert index.find("how many multicast groups does each netlink family have") == ([], [])


ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
NETLINK_FIREWALL | kind | netlink family
NETLINK_FIREWALL | last kernel | Linux 3.4
NETLINK_FIREWALL | removed in | Linux 3.5
NETLINK_FIREWALL | superseded by | nfnetlink_queue
NETLINK_IP6_FW | kind | netlink family
NETLINK_IP6_FW | last kernel | Linux 3.4
NETLINK_IP6_FW | used by | ip6_queue kernel module
NETLINK_CRYPTO | kind | netlink family
NETLINK_CRYPTO | description | Netlink interface to request information about ciphers registered with the kernel crypto API.
NETLINK_CRYPTO | since | Linux 3.2
NETLINK_KOBJECT_UEVENT | kind | netlink family
NETLINK_KOBJECT_UEVENT | description | Kernel messages to user space.
NETLINK_KOBJECT_UEVENT | since | Linux 2.6.10
OnFailureJobMode= | description | Takes a value of the job mode to use when queuing the OnFailure= units.
OnFailureJobMode= | default | replace
OnFailureJobMode= | allowed values | "fail", "replace", "replace-irreversibly", "isolate", "flush", "ignore-dependencies"
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("which kernel version added netlink_crypto", [("NETLINK_CRYPTO", "since")]),
    ("What took over from the netlink firewall family after it was obsoleted?", [("NETLINK_FIREWALL", "superseded by")]),
    ("which job modes can I pick for OnFailureJobMode", [("OnFailureJobMode=", "allowed values")]),
])
def test_netlink_and_unit_settings(ask, question, expected):
    assert ask(question) == expected


def test_settings_named_by_what_they_mean():
    """The forty-fifth batch (adduser.conf(5)), after its first contact: a name run together from the initial of one
    word and another word, one clipping an English word, and "lowest"/"highest" for "first"/"last"."""
    index = NameIndex(["FIRST_GID", "FIRST_SYSTEM_GID", "LAST_GID", "FIRST_UID", "LAST_UID", "FIRST_SYSTEM_UID",
                       "LAST_SYSTEM_UID", "DSHELL", "DHOME", "SKEL", "SKEL_IGNORE_REGEX"])
    for question, name in (("default shell for new users?", "dshell"),
                           ("Tell me which directory the skeleton files are copied from.", "skel"),
                           ("highest uid adduser will give a system user out of the box", "last_system_uid")):
        found = index.find(question)[0] or [index.words.by_words(question)]
        assert [m.name for m in found if m] == [name], question
