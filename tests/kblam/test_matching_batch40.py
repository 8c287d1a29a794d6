"""The fortieth batch (KBs read from real data: nsswitch.conf(5), systemd.exec(5) sandboxing) at first contact: what
a database holds, what uses it, which databases a service may be used with, where to look for more, the environment
variable, what it only works with, what to combine it with, the files it hides; "nsswitch.conf" of
"/etc/nsswitch.conf"; "ProtectKernelLogs=" masked with its "=" ("does X hide")."""

from __future__ import annotations

import pytest

from kblam.intents import intended
from kblam.kb import Triple
from kblam.mentions import Mention
from kblam.name_forms import bare_forms
from kblam.value_fit import PLACEHOLDER as X
from kblam.wording import mask

NSS = ["type", "description", "used by", "file", "see also", "availability", "library", "note", "meaning"]
EXEC = ["description", "accepted values", "default", "environment variable", "requires", "recommended with",
        "related settings", "paths made inaccessible", "overridden by"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"which program consults the {X} database", NSS, ["used by"]),
    (f"Which databases am I allowed to use {X} with?", NSS, ["availability"]),
    (f"where should I look for more on the {X} database", NSS, ["see also"]),
    (f"what env var gives my service the path of {X}", EXEC, ["environment variable"]),
    (f"namespace types I can list in {X}?", EXEC, ["accepted values"]),
    (f"{X} only does something if what is set?", EXEC, ["requires"]),
    (f"and which files does {X} hide?", EXEC, ["paths made inaccessible"]),
    (f"Which settings override {X}?", EXEC, ["overridden by"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


@pytest.mark.parametrize("question", [f"whats the {X} database hold", f"What kind of information is in {X}?"])
def test_what_it_holds(question):
    assert "description" in intended(question, NSS)


def test_what_to_combine_it_with():
    assert "recommended with" in intended(f"what should {X} be combined with so it can't be undone", EXEC)


def test_a_file_by_its_base_name():
    assert bare_forms("/etc/nsswitch.conf")[0] == "nsswitch.conf"
    assert bare_forms("/etc/passwd") == ["passwd file", "passwd line", "passwd entry", "passwd 5"]  # no extension: a
    # word of its own (and its man page, "passwd(5)")


def test_the_equals_sign_of_a_setting_is_masked_with_it():
    question = "and which files does ProtectKernelLogs= hide?"
    mention = Mention("protectkernellogs", 21, 38, "ProtectKernelLogs", True)
    assert mask(question, [mention]) == f"and which files does {X} hide?"
    assert mask("is PrivateNetwork=yes the default?", [Mention("privatenetwork", 3, 17, "PrivateNetwork", True)]) == (
        f"is {X}=yes the default?")  # a value after it stays


ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
/etc/nsswitch.conf | description | System Databases and Name Service Switch configuration file
/etc/nsswitch.conf | reloading | Starting with glibc 2.33, nsswitch.conf is automatically reloaded when it changes
publickey | description | Public and secret keys for Secure_RPC used by NFS and NIS+
publickey | file | /etc/publickey
sudoers | description | Sudo policy
sudoers | used by | sudo
ProtectKernelLogs= | description | If true, access to the kernel log ring buffer will be denied
ProtectKernelLogs= | paths made inaccessible | /dev/kmsg and /proc/kmsg
ProtectKernelLogs= | default | false
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("does nsswitch.conf get reloaded automaticaly if i edit it?", [("/etc/nsswitch.conf", "reloading")]),
    ("whats the publickey database hold", [("publickey", "description")]),
    ("which program consults the sudoers database", [("sudoers", "used by")]),
    ("which files does ProtectKernelLogs= hide?", [("ProtectKernelLogs=", "paths made inaccessible")]),
])
def test_nsswitch_and_sandboxing(ask, question, expected):
    assert ask(question) == expected


def test_leading_symbols_tell_names_apart():
    from kblam.entities import NameIndex

    index = NameIndex(["+@netgroup", "-@netgroup", "netgroup", "+user", "-user", "shadow", "passwd"])
    for question, name in [("what about netgroup?", "netgroup"), ("what does -user do", "-user"),
                           ("what does +user do", "+user"), ("what a +@netgroup line does", "+@netgroup")]:
        assert [index.display[m.name] for m in index.find(question)[0]] == [name]
    assert index.find("what is gshadow") == ([], [index.find("what is gshadow")[1][0]])  # a near miss, no typo


def test_what_a_thing_does_after_an_article():
    assert "meaning" in intended(f"tell me what a {X} line does in compat mode", NSS)
