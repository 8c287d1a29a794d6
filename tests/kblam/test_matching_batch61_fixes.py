"""Fixes from the fifty-fifth session, as general forms, found on KBs from integritytab(5), deb-changes(5) and
time.conf(5), each asked through the API before any fix.

A field named by its place in a line ("the 4th field", "field 9") is the entity holding that place, in place of the
file named as where that line is. A code that no KB name is but that one value defines ("AlFr means all days except
Friday") is answered by that value. A name the KB writes in title case and the question writes so mid-sentence
("the current Format version") is that name, not a word of a label; an English word for such a name right after
"what" ("what format does …") is the word asked. A word of a hyphenated compound ("source-only") extends no name
("Binary" to "Binary-Only"). "filename.changes" is named as a "changes file". Where the question's words ask for one
property ("related man pages" for its "see also"), a close rival that ends in a noun the question leaves out ("man page
date") loses. "which day code …" asks for no weekday; a label written whole ("when run") answers "when does X run"
whatever its value; "what goes in X" asks what X holds; "can X be signed" is answered by its "signature"; "what turns
X into Y" asks what X is "translated by"; "how many times" names no "times" field, and "only once" is a count. A file
named as where a name lives is so only within one clause. A follow-up that is a condition alone ("and if i give it a
key file?") asks the turn before on that condition."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.answer_shape import head_drop
from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.value_lookup import defined_in_value, placed_entity
from kblam.wording import stems

ask_integritytab, ask_debchanges, ask_timeconf = (
    _asking(_snapshot(n)) for n in ("integritytab", "debchanges", "timeconf"))


def test_a_place_in_a_line_names_the_one_entity_holding_it():
    kb = SimpleNamespace(triples=[Triple("services", "position", "first field"), Triple("times", "position",
                                                                                     "fourth (last) field"),
                                  Triple("login", "position", "field 1"), Triple("reserved", "position", "field 9"),
                                  Triple("fs_freq", "field", "fifth"), Triple("ttys", "example", "fourth")])
    assert placed_entity("what goes in the 4th field of a time.conf line", kb) == (1, 17, 26)
    assert placed_entity("what is the 9th field for", kb)[0] == 3
    assert placed_entity("which program reads the fifth column?", kb)[0] == 4
    assert placed_entity("what goes in field 9?", kb)[0] == 3
    assert placed_entity("what's in the first field?", kb) is None  # two entities hold it: no one answer
    assert placed_entity("what does the fourth example show?", kb) is None  # no place in a line


def test_a_code_one_value_defines_is_answered_by_that_value():
    kb = SimpleNamespace(triples=[Triple("Al", "example", "AlFr means all days except Friday"),
                                  Triple("Mo", "repeated", "repeated days are unset: MoMo = no day"),
                                  Triple("Wk", "meaning", "weekdays (MoWk = all weekdays bar Monday)"),
                                  Triple("x", "note", "see AlFr and MoMo above")])
    assert defined_in_value("AlFr", kb) == 0
    assert defined_in_value("MoMo", kb) == 1
    assert defined_in_value("MoWk", kb) == 2
    assert defined_in_value("FrSa", kb) is None  # written nowhere
    assert defined_in_value("above", kb) is None  # an English word is no code


def test_a_rival_ending_in_a_noun_left_out_loses_to_the_property_asked():
    assert head_drop("man page date", stems("related man pages for X?"), True) == 1.0
    assert head_drop("man page date", stems("related man pages for X?"), False) == 0.0  # no other one asked
    assert head_drop("man page date", stems("which man page date does X have?"), True) == 0.0  # its noun written
    assert head_drop("type of default", stems("What's the default for X?"), False) > 0  # "A of B" as before


def test_title_case_names_compounds_and_kinds_of_file():
    index = NameIndex(["Format", "Date", "Changes", "Files", "Binary", "Binary-Only", "filename.changes"],
                      vocabulary={"line format", "date format", "current version", "when omitted", "signature"})
    assert [m.name for m in index.find("what's the current Format version for .changes files?")[0]] == ["format"]
    assert [m.name for m in index.find("what format does the date field's value have to be in?")[0]] == ["date"]
    assert [m.name for m in index.find("my upload is source-only, do I still need a Binary field?")[0]] == ["binary"]
    assert [m.name for m in index.find("what does Binary-Only mean?")[0]] == ["binary only"]
    assert [m.name for m in index.find("can a .changes file be gpg signed?")[0]] == ["filename changes"]


def test_a_follow_up_that_is_a_condition_asks_the_turn_before_on_it():
    from kblam.conversation import resolve

    index = NameIndex(["integrity-algorithm=", "keyfile", "journal-watermark="],
                      vocabulary={"default", "default with key file"})
    turns = [{"role": "user", "content": "what's the default integrity-algorithm?"},
             {"role": "assistant", "content": "crc32c."},
             {"role": "user", "content": "and if i give it a key file?"}]
    assert resolve(turns, index).question == "what's the default integrity-algorithm if i give it a key file?"
    turns[2]["content"] = "what about journal-watermark=?"
    assert resolve(turns, index).question != "what's the default integrity-algorithm if i give it a key file?"


@pytest.mark.realmodel
def test_a_field_by_its_place(ask_timeconf, ask_integritytab):
    assert ask_timeconf("what goes in the 4th field of a time.conf line") == [("times", "description")]
    assert ask_timeconf("what goes in the times field") == [("times", "description")]
    assert ask_integritytab("what do i put in the 3rd field if i dont have a key file") == [("keyfile", "none value")]
    assert ("data-device=", "effect") in ask_integritytab(
        "if I use data-device, what ends up on the block device in the second field?")  # the option asked stays


@pytest.mark.realmodel
def test_codes_days_and_labels_of_time_conf(ask_timeconf):
    assert ask_timeconf("tell me what AlFr means") == [("Al", "example")]
    assert ask_timeconf("what does MoMo mean in the times field") == [("Mo", "repeated")]
    assert ask_timeconf("which day code means every day of the week?") == [("Al", "meaning")]
    assert ask_timeconf("related man pages for time.conf?") == [("/etc/security/time.conf", "see also")]
    assert ask_timeconf("when was the time.conf man page written") == [("/etc/security/time.conf", "man page date")]


@pytest.mark.realmodel
def test_deb_changes_fields_named_as_words(ask_debchanges):
    assert ask_debchanges("what's the current Format version for .changes files?") == [("Format", "current version")]
    assert ask_debchanges("what format does the date field's value have to be in?") == [("Date", "date format")]
    assert ask_debchanges("my upload is source-only, do I still need a Binary field?") == [("Binary", "when omitted")]
    assert ask_debchanges("can a .changes file be gpg signed?") == [("filename.changes", "signature")]


def test_how_many_times_and_a_file_placed_in_another_clause():
    index = NameIndex(["times", "*", "/etc/integritytab", "options", "keyfile"],
                      vocabulary={"description", "mandatory fields", "recognized options"},
                      values=["see /etc/integritytab", "a comma-delimited list of options"])
    assert "times" not in [m.name for m in index.find("how many times can i use the * wildcard?")[0]]
    assert "times" in [m.name for m in index.find("what goes in the times field?")[0]]
    # a file is where another name lives only within one clause
    assert [m.name for m in index.find("which fields in an integritytab line are mandatory, and how is the options "
                                       "field delimited?")[0]] == ["etc integritytab", "options"]
    assert [m.name for m in index.find("what does the keyfile field hold in integritytab?")[0]] == ["keyfile"]


@pytest.mark.realmodel
def test_what_turns_it_into_and_a_label_written_whole(ask_integritytab):
    assert ask_integritytab("what turns /etc/integritytab into systemd units?") == [("/etc/integritytab", "translated by")]
    assert ask_integritytab("when does systemd-integritysetup-generator run") == [
        ("systemd-integritysetup-generator(8)", "when run")]
