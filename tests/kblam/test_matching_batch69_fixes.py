"""Fixes from the fifty-ninth session's first round, as general forms, found on KBs from capability.conf(5),
fonts-conf(5) and core(5), each asked through the API before any fix.

A question asking which thing of a kind does something ("which special name drops every inheritable capability?",
"which element wipes out all the font directories added by earlier <dir> lines?") describes that thing by what it
does: what the clause acts on, a near miss of lower-case words or a name the KB holds, is not the thing asked for
where the description points at another entity by its meaning. A bare "what's X?" of an entity that holds no value
asks what it is (its description); "since which kernel is X available" asks its "since". Words the KB writes of many
entities, and the kind asked for, do not count against a description that lacks them (nor the "s" of a possessive).
"how should I write X" asks its syntax or format. A member of a numbered family ("bit 4") is named by its value
without the value's aside ("(since Linux 2.6.24)"). A format code ("%g") among a KB of such codes that lacks it is a
near miss."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.described import _DOES_WHAT, _covered, in_describing_clause
from kblam.entities import NameIndex
from kblam.intents import asks_which_one, intended
from kblam.mentions import NearMiss
from kblam.numbered_properties import member_by_value

ask_caps, ask_fonts, ask_core = (_asking(_snapshot(n)) for n in ("capabilityconf", "fontsconf", "core5"))


def test_lower_case_words_in_the_clause_of_a_which_question_are_what_it_acts_on():
    miss = NearMiss("inheritable capability", ("inheritable set",))
    assert in_describing_clause("which special name drops every inheritable capability?", miss)
    assert not in_describing_clause("what does the inheritable capability option do?", miss)  # (asked of it: a miss)
    assert not in_describing_clause("which special name drops every Inheritable-Capability?",
                                    NearMiss("Inheritable-Capability", ("inheritable set",)))  # (a name's style)


def test_a_which_question_is_the_subject_of_its_verb_not_an_auxiliary():
    assert _DOES_WHAT.match("which element wipes out all the font directories added by earlier X lines?")
    assert _DOES_WHAT.match("which special name drops every inheritable capability?")
    assert not _DOES_WHAT.match("which option does X take?")
    assert not _DOES_WHAT.match("which element is X inside?")
    assert _DOES_WHAT.match("which tag is the root element of an avahi X file?")


def test_which_one_questions_of_more_kinds_of_thing():
    for q in ("which element wipes out all the font dirs?", "which specifier puts the hostname in the file name?"):
        assert asks_which_one(q, True)
    assert not asks_which_one("what name did jane use with her desktop address?", True)  # (a name asked for)
    assert not asks_which_one("which element wipes out all the font dirs?", False)  # (only of a described entity)


def test_a_bare_what_is_asks_the_description_where_there_is_no_value():
    assert intended("what's X", ["description", "since"]) == ["description"]
    assert intended("what is X?", ["value", "description"]) == ["value"]
    assert intended("what's X used for", ["description", "since"]) != ["since"]


def test_since_which_asks_since():
    assert intended("since which kernel is X availble?", ["description", "since"]) == ["since"]
    assert intended("since what version does X exist?", ["description", "since"]) == ["since"]


@pytest.mark.realmodel
def test_described_by_what_it_does(ask_caps, ask_fonts, ask_core):
    assert ask_caps("which special name drops every inheritable capability?")[0][0] == "none"
    assert ask_fonts("which element wipes out all the font directories added by earlier <dir> lines?") == [
        ("<reset-dirs />", "description")]
    assert ask_fonts("which attribute of <dir> sets the prefix?")[0][0] == "<dir>"  # (asked of it, not another)
    assert ask_core("what's %t") == [("%t", "description")]
    assert ask_core("since which kernel is %d availble?") == [("%d", "since")]
    assert ask_core("which coredump_filter bit do I set to get ELF headers dumped") == [("/proc/pid/coredump_filter", "bit 4")]


def test_words_of_the_kb_and_the_kind_asked_do_not_count_against_a_description():
    question, text = "which specifier puts the machine's hostname into the core file name?", "%h description Hostname"
    assert _covered(question, text) < 0.3
    assert _covered(question, text, frozenset({"core", "file", "name"})) >= 0.3
    assert _covered("which file names the core?", "x description names core", frozenset({"file"})) == 1.0
    assert _covered("which file names the core dump?", "x description names core") < 1.0  # ("dump": not the KB's)


def test_how_should_i_write_asks_the_syntax():
    assert intended("how should I write the X line", ["description", "format", "required"]) == ["format"]
    assert intended("in X, how are ORs and ANDs written?", ["description", "syntax"]) == ["syntax"]
    assert "format" not in intended("who should write the X line", ["description", "format"])


def test_a_numbered_member_by_its_value_without_its_aside():
    held = [("bit 0", "Dump anonymous private mappings."), ("bit 3", "Dump file-backed shared mappings."),
            ("bit 4", "Dump ELF headers (since Linux 2.6.24)."), ("bit 5", "Dump private huge pages (since Linux 2.6.28).")]
    assert member_by_value("which X bit do I set to get ELF headers dumped", held) == (["bit 4"], True)


def test_an_unknown_format_code_among_the_kbs_codes_is_a_near_miss():
    index = NameIndex(["%c", "%d", "%e", "%E", "%p", "%P", "/proc/sys/kernel/core_pattern"])
    mentions, misses = index.find("what does %g expand to in core_pattern?")
    assert not mentions and misses[0].said == "%g"
    mentions, misses = index.find("what does %E expand to in core_pattern?")
    assert [m.said for m in mentions][:1] == ["%E"] and not misses
    assert not NameIndex(["%c", "/proc/sys/kernel/core_pattern"]).find("what does %g expand to in core_pattern?")[1]
