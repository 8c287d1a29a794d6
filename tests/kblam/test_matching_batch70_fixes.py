"""Fixes from the fifty-ninth session's second round, as general forms, found on KBs from manpath(5), utmp(5) and
deluser.conf(5), each asked through the API before any fix.

A question asking which thing of a kind does something names it by what it does even where the kind is plural and its
verb plain ("Which filesystem types get skipped …"), it starts with a capital, or it writes two of the KB's names in
that clause. "which ut_type value …" asks which of the names ut_type's values list is meant. A kind asked for that is a
KB name in lower case ("which option …" beside "option = value") is no mention of it. Of two names, the one holding a
label that writes the other's ("effect on REMOVE_HOME") is asked about. A which-one question asks what an entity
holding a "value" is, not that value. A yes/no question whose words the chosen value writes all is answered by it.
"what does X read?" asks its "reads"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.answer_shape import kind_in_values, said_in_value
from kblam.described import _DOES_WHAT, kind_not_named
from kblam.intents import intended
from kblam.kb import Triple
from kblam.mentions import Mention
from kblam.value_lookup import label_naming

ask_manpath, ask_utmp, ask_deluser = (_asking(_snapshot(n)) for n in ("manpath5", "utmp5", "deluserconf"))


def test_a_which_question_with_a_plural_kind_and_a_plain_verb():
    assert _DOES_WHAT.match("Which filesystem types get skipped by default when X hunts for files?")
    assert _DOES_WHAT.match("Which field type lists manpaths that every X should contain?")
    assert not _DOES_WHAT.match("which options do I give X?")
    assert not _DOES_WHAT.match("which files are read by X?")
    assert not _DOES_WHAT.match("which operations actually fire a trigger declared with X?")  # (an adverb)


def test_the_kind_asked_for_is_no_mention_of_a_name_so_written():
    question = "which option makes deluser wipe every file the user owns?"
    kind, other = Mention("option value", 6, 12, "option", False), Mention("deluser 8", 19, 26, "deluser", False)
    assert kind_not_named(question, [kind, other]) == [other]
    exact = Mention("option", 6, 12, "option", True)
    assert kind_not_named(question, [exact, other]) == [exact, other]  # (the name as the KB writes it: kept)
    assert kind_not_named("what option makes X wipe files?", [Mention("option value", 5, 11, "option", False)]) == []
    assert kind_not_named("does the option make X wipe files?", [Mention("option value", 9, 15, "option", False)])


def test_of_two_names_the_one_whose_label_writes_the_other():
    rows = [Triple("REMOVE_ALL_FILES", "effect on REMOVE_HOME", "REMOVE_HOME has no effect"),
            Triple("REMOVE_ALL_FILES", "default", "0"), Triple("REMOVE_HOME", "default", "0")]
    kb = SimpleNamespace(triples=rows, derived={})
    display = {"remove_all_files": "REMOVE_ALL_FILES", "remove_home": "REMOVE_HOME"}
    key_of = {"REMOVE_ALL_FILES": "remove_all_files", "REMOVE_HOME": "remove_home"}.get
    question = "what happens to REMOVE_HOME if I turn on REMOVE_ALL_FILES?"
    home, all_files = Mention("remove_home", 16, 27, "REMOVE_HOME", True), Mention("remove_all_files", 41, 57, "REMOVE_ALL_FILES", True)
    assert label_naming(question, [home, all_files], kb, key_of, display) == [all_files]
    rows.append(Triple("REMOVE_HOME", "effect", "removes the home directory"))  # (the other holds such a fact too)
    assert label_naming(question, [home, all_files], kb, key_of, display) is None
    del rows[-1]
    question = "what is the default of REMOVE_HOME and REMOVE_ALL_FILES?"  # (two named alike: both asked)
    assert label_naming(question, [Mention("remove_home", 23, 34, "REMOVE_HOME", True),
                                   Mention("remove_all_files", 39, 55, "REMOVE_ALL_FILES", True)], kb, key_of, display) is None


def test_a_yes_no_question_the_value_says():
    value = "Exit status of a process marked as DEAD_PROCESS; not used by Linux init(1)"
    assert said_in_value("Is X used by Linux init?", value, True)
    assert not said_in_value("Is X used by systemd?", value, True)
    assert not said_in_value("What is X used by Linux init for?", value, False)  # (no yes/no question)


def test_a_verb_label_asked_by_its_verb():
    assert "reads" in intended("what other config file does X read?", ["description", "reads", "man section"])
    assert "reads" not in intended("what other config file does X use?", ["description", "reads"])
    assert "sets" in intended("which variable does X set?", ["description", "sets"])


def test_a_which_question_asks_a_settings_value_where_its_values_write_the_kind():
    described = ["rwh", "Which fields may be changed by regular users using chfn"]
    assert kind_in_values("Which fields can regular users change with X here?", described)
    assert not kind_in_values("which record type stores the time of the system boot", ["2", "Time of system boot"])


@pytest.mark.realmodel
def test_described_beside_names_in_manpath_utmp_and_deluser(ask_manpath, ask_utmp, ask_deluser):
    assert ask_deluser("Which filesystem types get skipped by default when deluser hunts for a user's files?") == [
        ("EXCLUDE_FSTYPES", "default")]
    assert ask_deluser("what happens to REMOVE_HOME if I turn on REMOVE_ALL_FILES?") == [
        ("REMOVE_ALL_FILES", "effect on REMOVE_HOME")]
    assert ask_manpath("Which field type lists manpaths that every automatically generated $MANPATH should contain?") == [
        ("MANDATORY_MANPATH", "description")]
    assert ask_utmp("which ut_type value do i use for a record that doesn't contain valid info?") == [("EMPTY", "description")]
    assert ask_utmp("which record type stores the time of the system boot") == [("BOOT_TIME", "description")]
    assert ask_utmp("what is the value of BOOT_TIME?") == [("BOOT_TIME", "value")]
    assert ask_utmp("Is ut_exit used by Linux init?") == [("ut_exit", "description")]
    assert ask_deluser("what other config file does deluser read?") == [("deluser(8)", "reads")]
