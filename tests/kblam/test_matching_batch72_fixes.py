"""Fixes from the sixtieth session's second and third rounds, as general forms, found on KBs from locale.conf(5),
netconfig(5) and systemd.target(5) (and the rest of the seventy-first batch), each asked through the API before any fix.

A follow-up whose subject is "it", before a name it acts on ("and what does it do to /etc/hosts?"), asks about the
entity before, not the same question of that name. A name several entities hold as a value, after a word of the KB's
names ("netconfig semantics field") or written short of its suffix ("the wrong locale" of locale(7)), is still a name;
a path's file name after an English word ("the sample locale.conf") is that path. A setting typed with its "=" is that
setting even where its name is a label ("Descripton="). "what's X for", "what goes in the X feild" ask what it is for;
"show me the sample X" its example; "X corresponds to which variable" its "equivalent setting"; "X meaning" its
description; "chars", "deps" are said for "characters", "dependency". A place in a line is read from a value such as
"4th field of an entry". A yes/no question naming the name a value holds is answered by it. Of two names, the one whose
label writes the other's, camel case apart ("default dependencies" of DefaultDependencies=), or alone, is asked about.
"what reads X at boot?" asks for the one whose value says it reads X. A question asking a file's permissions wants a
mode or words of access. A file is named by its man page ("netconfig(5)"); a setting written with its "=" that the KB
lacks, among the KB's settings, is what the question is about ("StopWhenUnneeded="), and so is a command's subcommand
the KB lacks beside those it has ("systemctl set-default")."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.answer_kinds import fits_kind
from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.label_spellings import respelt
from kblam.mentions import Mention
from kblam.value_lookup import _PLACE_VALUE, label_naming
from kblam.wording import answer_kind

ask_locale, ask_netconfig, ask_target, ask_udev = (_asking(_snapshot(n)) for n in (
    "localeconf", "netconfig", "systemdtarget", "udevconf"))


def test_a_follow_up_about_it_acting_on_another_name():
    index = NameIndex(["BIND", "/etc/hosts"])
    turns = [{"role": "user", "content": "what does BIND stand for?"},
             {"role": "assistant", "content": "Berkeley Internet Name Domain."},
             {"role": "user", "content": "and what does it do to /etc/hosts?"}]
    assert resolve(turns, index).question == "and what does BIND do to /etc/hosts?"
    turns[2]["content"] = "and /etc/hosts?"  # (the same question of another name)
    assert resolve(turns, index).question == "what does /etc/hosts stand for?"
    index = NameIndex(["HTTP 203", "HTTP 208"])  # ("it" before "for": the thing asked, of the other name)
    turns = [{"role": "user", "content": "What is the Python constant of HTTP 203?"},
             {"role": "assistant", "content": "NON_AUTHORITATIVE_INFORMATION."},
             {"role": "user", "content": "and what is it for HTTP 208?"}]
    assert resolve(turns, index).question == "What is the Python constant of HTTP 208?"


def test_intents_for_what_it_is_for_a_sample_and_an_equivalent():
    props = ["description", "example", "equivalent setting", "unit"]
    assert "description" in intended("what's the X column for in /etc/netconfig", props)
    assert "description" in intended("what goes in the X feild?", props)
    assert "example" in intended("show me the sample X", props)
    assert "equivalent setting" in intended("X corresponds to which udev.conf variable?", props)
    assert "description" in intended("X field meaning", ["description", "position"])
    assert "description" in intended("meaning of X?", ["description", "position"])


def test_a_file_by_its_man_page_and_an_unknown_setting_among_settings():
    index = NameIndex(["/etc/netconfig", "struct netconfig", "/etc/locale.conf", "Wants=", "After=", "Before=", ".target"])
    mentions, _ = index.find("what man pages should i read alongside netconfig(5)?")
    assert [index.display[m.name] for m in mentions] == ["/etc/netconfig"]
    mentions, _ = index.find("what does locale.conf(5) say about comments?")
    assert [index.display[m.name] for m in mentions] == ["/etc/locale.conf"]
    mentions, misses = index.find("what's the default of StopWhenUnneeded= for target units?")
    assert mentions == [] and misses[0].said == "StopWhenUnneeded"
    mentions, _ = index.find("what's the default of StopWhenUnneeded for target units?")  # (no "=": no setting)
    assert [index.display[m.name] for m in mentions] == [".target"]


def test_of_two_names_the_one_whose_label_writes_the_other_apart():
    rows = [Triple("systemd-networkd.service", "default dependencies", "DefaultDependencies=no"),
            Triple("systemd-networkd.service", "role in example", "listed in Requires="),
            Triple("DefaultDependencies=", "example value", "no"), Triple("/etc/hosts", "when changes take effect", "at once"),
            Triple("BIND", "effect on /etc/hosts", "augments or replaces it")]
    kb = SimpleNamespace(triples=rows, derived={})
    display = {"systemd networkd service": "systemd-networkd.service", "defaultdependencies": "DefaultDependencies=",
               "etc hosts": "/etc/hosts", "bind": "BIND"}
    key_of = {v: k for k, v in display.items()}.get
    question = "what has systemd-networkd.service got DefaultDependencies set to?"
    service, setting = Mention("systemd networkd service", 9, 33, "systemd-networkd.service", True), Mention(
        "defaultdependencies", 38, 57, "DefaultDependencies", True)
    assert label_naming(question, [service, setting], kb, key_of, display) == [service]  # (the label is its name alone)
    question = "what does BIND do to /etc/hosts?"
    bind, hosts = Mention("bind", 10, 14, "BIND", True), Mention("etc hosts", 21, 31, "/etc/hosts", True)
    assert label_naming(question, [bind, hosts], kb, key_of, display) == [bind]  # ("take effect" is no such fact)


def test_a_subcommand_the_kb_lacks():
    index = NameIndex(["systemctl isolate", "systemctl enable", "systemctl add-wants", ".target"])
    mentions, misses = index.find("how do i change the default boot target with systemctl set-default")
    assert mentions == [] and misses[0].said == "systemctl set-default"
    mentions, _ = index.find("what does systemctl enable do?")
    assert [index.display[m.name] for m in mentions] == ["systemctl enable"]
    _, misses = index.find("can i use systemctl to switch targets?")  # (no subcommand written)
    assert not any(m.said.startswith("systemctl") for m in misses)


def test_short_words_for_property_words():
    assert respelt("what chars are allowed in X?", ["allowed characters", "first character"]) == "what characters are allowed in X?"
    assert respelt("what deps does X get?", ["dependency types"]) == "what dependency does X get?"
    assert respelt("what deps does X get?", ["description"]) == "what deps does X get?"  # (no such word: as written)


def test_file_permissions_are_a_kind_of_answer():
    kind = answer_kind("what file permissions should /etc/X have?")
    assert kind is not None and kind[0] == "file permissions"
    assert fits_kind(kind, "default", "0755") and fits_kind(kind, "value", "rw-r--r--")
    assert fits_kind(kind, "mode", "the same as the parent directory")  # (a label of the kind)
    assert not fits_kind(kind, "inheritance", "inherited by every service or user")


def test_a_place_read_from_a_value_of_an_entry():
    assert _PLACE_VALUE.fullmatch("4th field of an entry")
    assert _PLACE_VALUE.fullmatch("7th (last) field of an entry")
    assert not _PLACE_VALUE.fullmatch("4th of July")


@pytest.mark.realmodel
def test_locale_netconfig_target_and_udev_questions(ask_locale, ask_netconfig, ask_target, ask_udev):
    assert ask_locale("can i put a LC_IDENTIFICATION line in locale.conf?") == [("LC_IDENTIFICATION=", "configurable in")]
    assert ask_locale("my machine boots with the wrong locale, how do I override locale.conf from the kernel command line?") == [
        ("/etc/locale.conf", "boot override")]
    assert ask_locale("show me the sample locale.conf") == [("/etc/locale.conf", "example")]
    assert ask_locale("what reads /etc/locale.conf at boot?") == [("systemd(1)", "description")]
    assert ask_netconfig("netconfig semantics field - which values are allowed?") == [("semantics", "allowed values")]
    assert ask_netconfig("what's the flags column for in /etc/netconfig") == [("flags", "description")]
    assert ask_netconfig("which families are supported in the 4th column?") == [("family", "allowed values")]
    assert ("Description=", "example") in ask_target("what's Descripton= set to in the emergancy-net example")
    assert ("--event-timeout=", "equivalent setting") in ask_udev("--event-timeout= corresponds to which udev.conf variable?")
    assert ask_target("In the example, what has systemd-networkd.service got DefaultDependencies set to?") == [
        ("systemd-networkd.service", "default dependencies")]
    assert ask_target("what deps do targets get against shutdown.target automatically") == [("shutdown.target", "dependency types")]
    assert ask_netconfig("what file permissions should /etc/netconfig have?") == []  # (no value is a mode)
