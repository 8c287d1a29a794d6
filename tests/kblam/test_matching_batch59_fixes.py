"""Fixes from the fifty-fourth session, as general forms, found on KBs from machine-info(5), dir_colors(5),
networkd.conf(5), systemd.dnssd(5), access.conf(5) and veritytab(5), each asked through the API before any fix.

A question that describes an entity by what its description says ("how do i stop tracking a file that's already
tracked") is answered by that description, as sure as the match by meaning, whatever rival labels it writes in
passing. A yes/no question is answered by a sentence that says it in other words: one that writes both words of
"A instead of B", or the entity's sentence closest to the question by far ("does dircolors check the flags I put in
OPTIONS?" of "dircolors does not verify the validity of these options"). "X not set, what is used instead" asks its
"fallback"; "is it ok if X doesn't exist" whether it is "required"; "does Debian read X?", "does GNU dircolors honour
it?", "are X significant?" whether it is honoured (a value saying where it is ignored); "what's X used for in the
context of Y" its "role". A word of a KB name ("networkd" of networkd.conf) is no typo of another name ("[Network]").
A question's British spelling ("colour") meets the American one of the values when a description is matched. A
label word the description writes ("section") asks no other property of an entity found by its description; a code
it writes ("TXT") is no listed item named. A file right below a folder is found by its base name ("veritytab",
"machine-info") where the values use it as no word of their own. A dash between words is punctuation. "What can go
wrong" asks for a "risk"; a lower-case phrase of the values' words ("verity corruption") is no near miss of a
hyphenated identifier. A file named where an option lives ("in veritytab") leaves that option asked about, and an
option the KB lacks ("the hash-offset= option") a near miss."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.entities import NameIndex

ask_gitignore, ask_machine_info, ask_dircolors, ask_networkd, ask_dnssd, ask_access, ask_veritytab = (
    _asking(_snapshot(n)) for n in ("gitignore", "machineinfo", "dircolors", "networkdconf", "dnssd", "accessconf",
                                    "veritytab"))


def test_a_word_of_a_kb_name_is_no_typo_of_another_name():
    index = NameIndex(["[Network]", "networkd.conf", "networkd.conf.d", "SpeedMeter="],
                      vocabulary={"description", "default", "section"})
    assert [m.name for m in index.find("where should a package install its networkd drop-ins?")[0]] != ["network"]
    assert [m.said for m in index.find("what goes in the netwrk section?")[0]] == ["netwrk"]  # a typo still found


def test_a_file_right_below_a_folder_is_found_by_its_base_name_where_values_do_not_use_it_as_a_word():
    index = NameIndex(["/etc/veritytab", "/etc/hostname", "/etc/machine-info", "PRETTY_HOSTNAME=", "CHASSIS=", "noauto",
                       "nofail", "ICON_NAME=", "hwdb(7)"],
                      vocabulary={"description"}, values=["the internet hostname", "/etc/hostname", "see /etc/veritytab"])
    assert [m.name for m in index.find("which fields in a veritytab line are mandatory?")[0]] == ["etc veritytab"]
    assert [m.name for m in index.find("do values in machine-info win over auto-detected ones?")[0]] == [
        "etc machine info"]
    assert index.find("what internet hostname is a good choice?")[0] == []  # a word the values use as such


def test_words_of_the_values_written_apart_are_no_near_miss_of_one_identifier():
    index = NameIndex(["ignore-corruption", "restart-on-corruption", "npm explain", "npm set"],
                      vocabulary={"description", "effect"}, values=["the corruption is only logged", "verity data"])
    assert index.find("which option makes the kernel just log verity corruption instead?")[1] == []
    assert index.find("What does npm bin do?")[1] != []  # a subcommand the KB lacks is still a near miss


def test_a_file_named_where_an_option_lives_leaves_the_option_asked_about():
    index = NameIndex(["/etc/veritytab", "noauto", "nofail", "hash-device", "roothash", "_netdev", "x-initrd.attach",
                       "UUID=", "options", "volume-name"], vocabulary={"description", "effect", "difference from noauto"},
                      values=["see /etc/veritytab", "the device is not added as a dependency"])
    assert [m.name for m in index.find("what does the noauto option do in veritytab?")[0]] == ["noauto"]
    mentions, misses = index.find("what does the hash-offset= option do in veritytab?")
    assert mentions == [] and misses and misses[0].said == "hash-offset="  # an option the KB lacks


def test_a_dash_between_words_is_punctuation_not_the_dash_name():
    index = NameIndex(["-", "+", "network/netmask"], vocabulary={"description", "netmask format"})
    assert [m.said for m in index.find("netmask format - cidr number or dotted address?")[0]] != ["-"]
    assert [m.said for m in index.find("what does the - character mean?")[0]] == ["-"]
    assert [m.said for m in index.find("what does '-' mean?")[0]] == ["-"]


@pytest.mark.realmodel
def test_a_question_that_is_the_entitys_description(ask_gitignore, ask_dircolors, ask_dnssd, ask_veritytab):
    assert ask_gitignore("how do i stop tracking a file thats already tracked") == [("git rm --cached", "description")]
    # a label word the description writes ("section") asks no other property
    assert ask_dircolors("How do I start a section of the file that only applies to one terminal type?") == [
        ("TERM", "description")]
    # a code the description writes ("TXT", "base64") is no listed item asked by name
    assert ask_dnssd("Which option lets me put base64-encoded binary data into the service's TXT record?") == [
        ("TxtData=", "description")]
    # a word that asks ("downside") is no name the entity must write
    assert ask_veritytab("whats the security downside of only verifying blocks the first time they're read?") == [
        ("check-at-most-once", "warning")]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("can i write 1 instead of yes for EIGHTBIT?", [("EIGHTBIT", "numeric alternatives")]),
    ("does dircolors check the flags I put in OPTIONS?", [("OPTIONS", "validation")]),
    ("Does Debian read /etc/DIR_COLORS?", [("/etc/DIR_COLORS", "support")]),
    ("what colour code does ls use for executables by default", [("EXEC", "default")]),
])
def test_dircolors(ask_dircolors, question, expected):
    assert ask_dircolors(question) == expected


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("pretty hostname not set, what should apps display instead", [("PRETTY_HOSTNAME=", "fallback")]),
    ("is it ok if /etc/machine-info doesn't exist at all?", [("/etc/machine-info", "required")]),
    ("what's hwdb used for in the context of machine-info?", [("hwdb(7)", "role")]),
])
def test_machine_info(ask_machine_info, question, expected):
    assert ask_machine_info(question) == expected


@pytest.mark.realmodel
def test_other_kbs(ask_gitignore, ask_networkd, ask_machine_info, ask_dnssd, ask_veritytab, ask_access):
    assert ask_gitignore("are trailing spaces in patterns significant?") == [("trailing spaces", "effect")]
    assert ask_networkd("where should a package install its networkd drop-ins?") == [("networkd.conf.d", "vendor location")]
    assert ask_dnssd("what does Name= set in a .dnssd file") == [("Name=", "description")]
    assert ask_veritytab("which fields in a veritytab line are mandatory?") == [("/etc/veritytab", "mandatory fields")]
    assert ask_veritytab("what can go wrong if I mark the verity device _netdev but forget it on the fstab mount?") == [
        ("_netdev", "risk")]
    assert ask_access("netmask format - cidr number or dotted address?") == [("network/netmask", "netmask format")]
    # a key the KB lacks, asked of the file it lives in ("in /etc/…"), is refused; a key it holds is answered
    assert ask_machine_info("what does OPERATING_SYSTEM= do in /etc/machine-info?") == []
    assert ask_machine_info("PRETTY_HOSTNAME= in /etc/machine-info - what is it?") == [("PRETTY_HOSTNAME=", "description")]


def test_a_plural_of_a_name_in_capitals_and_an_english_word_in_passing():
    index = NameIndex(["FIFO", "SOCK", "COLOR", "LINK", "EXEC"], vocabulary={"default", "description"},
                      values=["specifies the color used for a fifo", "40;33"])
    assert [m.name for m in index.find("default color for FIFOs?")[0]] == ["fifo"]
    assert [m.name for m in index.find("what does the COLOR statement do?")[0]] == ["color"]


def test_a_follow_up_name_takes_the_place_of_the_entity_asked_not_of_where_it_is():
    from kblam.conversation import resolve

    index = NameIndex(["LOCAL", "ALL", "origins field", "users/group field"], vocabulary={"description", "example"})
    turns = [{"role": "user", "content": "what does LOCAL match in the origins field?"},
             {"role": "assistant", "content": "It matches when there is no remote host."},
             {"role": "user", "content": "what about ALL?"}]
    assert resolve(turns, index).question == "what does ALL match in the origins field?"
    turns[0]["content"] = "what do LOCAL and ALL match?"
    turns[2]["content"] = "what about the origins field?"
    assert resolve(turns, index).question == "what do origins field and origins field match?"
