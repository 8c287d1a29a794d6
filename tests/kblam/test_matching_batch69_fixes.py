"""Fixes from the fifty-ninth session's first round, as general forms, found on KBs from capability.conf(5),
fonts-conf(5) and core(5), each asked through the API before any fix.

A question asking which thing of a kind does something ("which special name drops every inheritable capability?",
"which element wipes out all the font directories added by earlier <dir> lines?") describes that thing by what it
does: what the clause acts on, a near miss of lower-case words or a name the KB holds, is not the thing asked for
where the description points at another entity by its meaning. A bare "what's X?" of an entity that holds no value
asks what it is (its description); "since which kernel is X available" asks its "since"."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.described import _DOES_WHAT, in_describing_clause
from kblam.intents import asks_which_one, intended
from kblam.mentions import NearMiss

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


def test_which_one_questions_of_more_kinds_of_thing():
    for q in ("which element wipes out all the font dirs?", "which special name drops every capability?",
              "which specifier puts the hostname in the file name?"):
        assert asks_which_one(q, True)
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
    assert ask_caps("which special name drops every inheritable capability?") == [("none", "description")]
    assert ask_fonts("which element wipes out all the font directories added by earlier <dir> lines?") == [
        ("<reset-dirs />", "description")]
    assert ask_fonts("which attribute of <dir> sets the prefix?")[0][0] == "<dir>"  # (asked of it, not another)
    assert ask_core("what's %t") == [("%t", "description")]
    assert ask_core("since which kernel is %d availble?") == [("%d", "since")]
