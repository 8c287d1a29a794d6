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
A question's British spelling ("colour") meets the American one of the values when a description is matched."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.entities import NameIndex

ask_gitignore, ask_machine_info, ask_dircolors, ask_networkd = (
    _asking(_snapshot(n)) for n in ("gitignore", "machineinfo", "dircolors", "networkdconf"))


def test_a_word_of_a_kb_name_is_no_typo_of_another_name():
    index = NameIndex(["[Network]", "networkd.conf", "networkd.conf.d", "SpeedMeter="],
                      vocabulary={"description", "default", "section"})
    assert [m.name for m in index.find("where should a package install its networkd drop-ins?")[0]] != ["network"]
    assert [m.said for m in index.find("what goes in the netwrk section?")[0]] == ["netwrk"]  # a typo still found


@pytest.mark.realmodel
def test_a_question_that_is_the_entitys_description(ask_gitignore):
    assert ask_gitignore("how do i stop tracking a file thats already tracked") == [("git rm --cached", "description")]


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
def test_other_kbs(ask_gitignore, ask_networkd, ask_machine_info):
    assert ask_gitignore("are trailing spaces in patterns significant?") == [("trailing spaces", "effect")]
    assert ask_networkd("where should a package install its networkd drop-ins?") == [("networkd.conf.d", "vendor location")]
    # a key the KB lacks, asked of the file it lives in ("in /etc/…"), is refused; a key it holds is answered
    assert ask_machine_info("what does OPERATING_SYSTEM= do in /etc/machine-info?") == []
    assert ask_machine_info("PRETTY_HOSTNAME= in /etc/machine-info - what is it?") == [("PRETTY_HOSTNAME=", "description")]
