"""Fixes from the fifty-eighth session's second round, as general forms, found on KBs from capability.conf(5),
passwd(5) and fonts-conf(5), each asked through the API before any fix.

"several X entries", "more than one entry matches" ask for what comes of giving several ("when multiple"), "what
happens if … is unknown" what comes of a bad value. A follow-up
about a name that is a word questions use anyway ("all") writes it quoted. A file by a path ending in a plain word is
also named by its lines ("a passwd entry", "a passwd line"). A place in a line is also a value "third of the seven
fields", and "the last field" is the one whose value says "(last)". A word said for a property word ("caps",
"blank") is written as it where a property has it. An identifier of three words or more joined by hyphens, in the
style of KB names, is a near miss of the names it resembles even where its words are property words
("Build-Depends-Version"), and so is a tag the question names as an element ("the <fallbackdir> element")."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot
from test_matching_batch63_fixes import _facts

from kblam.conversation import resolve
from kblam.described import by_position
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.label_spellings import respelt
from kblam.matching import name_index
from kblam.name_forms import bare_forms
from kblam.numbered_properties import longer_label_written
from kblam.value_lookup import placed_entity

ask_caps, ask_passwd, ask_fonts = (_asking(_snapshot(n)) for n in ("capabilityconf", "passwd5", "fontsconf"))


def test_several_asks_what_comes_of_giving_several():
    props = ["description", "when multiple", "example"]
    assert "when multiple" in intended("what happens if I list several X entries in fonts.conf?", props)
    assert intended("and if more than one entry matches of X?", ["description", "if multiple", "limit"]) == ["if multiple"]
    assert "when multiple" not in intended("what happens if I list X in fonts.conf?", props)


def test_a_bad_value_asks_what_comes_of_it():
    assert "invalid values" in intended("what happens if a capability name in X is unknown?", ["example", "invalid values"])
    assert "unknown directives" in intended("what happens if X has an unknown directive?", ["format", "unknown directives"])
    assert "invalid values" not in intended("what does the unknown X do?", ["description", "invalid values"])


def test_a_name_that_is_a_common_word_is_quoted_in_a_follow_up():
    rows = [Triple("all", "description", "enables all capabilities"), Triple("all", "combining", "may not be combined"),
            Triple("none", "description", "disables all")]
    index = NameIndex([t.name for t in rows])
    turns = [{"role": "user", "content": "what does the all keyword do?"},
             {"role": "assistant", "content": "It turns on every capability."},
             {"role": "user", "content": "can it be combined with others?"}]
    assert resolve(turns, index, _facts(rows, index)).question == "can 'all' be combined with others?"


def test_lines_of_a_file_and_places_in_them():
    assert {"passwd file", "passwd line", "passwd entry"} <= set(bare_forms("/etc/passwd"))
    rows = [Triple("login name", "field position", "first of the seven fields"),
            Triple("numerical user ID", "field position", "third of the seven fields"),
            Triple("command interpreter field", "field position", "seventh (last) of the seven fields"),
            Triple("/etc/passwd", "fields", "login name, password, …")]
    kb = SimpleNamespace(triples=rows)
    assert placed_entity("what's the 3rd field in a passwd entry?", kb)[0] == 1
    assert placed_entity("tell me what the last field of a passwd line is for", kb)[0] == 2
    assert placed_entity("what's the 5th field?", kb) is None


def test_words_said_for_a_property_word():
    assert respelt("what caps does X get?", ["example", "capabilities"]) == "what capabilities does X get?"
    assert respelt("what caps does X get?", ["example", "notes"]) == "what caps does X get?"  # (no such word: kept)
    assert respelt("are blank lines ok in X?", ["empty lines", "format"]) == "are empty lines ok in X?"


@pytest.mark.realmodel
def test_caps_passwd_and_fonts(ask_caps, ask_passwd, ask_fonts):
    assert ask_caps("what caps does jrsysadmin get in the examples") == [("jrsysadmin", "capabilities")]
    assert ask_passwd("tell me what the last field of a passwd line is for") == [("command interpreter field", "description")]
    assert ask_fonts("what happens if I list several <cachedir> entries in fonts.conf?") == [("<cachedir>", "when multiple")]


def test_an_unknown_identifier_in_the_kbs_own_style_is_a_near_miss():
    rows = [Triple("Build-Depends-Package", "description", "the -dev package"), Triple("Build-Depends-Packages", "since", "1.20.0"),
            Triple("libGL.so.1", "Build-Depends-Package", "libgl1-mesa-dev"), Triple("libGL.so.1", "version", "1")]
    index, _ = name_index(SimpleNamespace(triples=rows, derived={}))
    mentions, misses = index.find("what does the Build-Depends-Version field do in a symbols file?")
    assert not mentions and misses and set(misses[0].closest) == {"Build-Depends-Package", "Build-Depends-Packages"}
    assert [m.said for m in index.find("what does Build-Depends-Package do?")[0]] == ["Build-Depends-Package"]
    index = NameIndex(["<dir>", "<cachedir>", "<remap-dir>", "~/.fonts.conf"])
    mentions, misses = index.find("what does the <fallbackdir> element do in fonts.conf?")
    assert not mentions and misses[0].said == "<fallbackdir>" and "<cachedir>" in misses[0].closest
    assert [m.name for m in index.find("what does the <cachedir> element do in fonts.conf?")[0]][:1] == [index.key_of("<cachedir>")]


def test_what_the_second_round_must_leave_alone():
    assert "shadow file" not in bare_forms("/etc/shadow", taken={"shadow"})  # (another entity is "shadow")
    props = ["output 2023", "curtailment 2023", "turbine model"]  # (a label written all beside one not inside it)
    assert not longer_label_written("For how many hours was X told to hold back its output in 2023?", props)
    rows = [Triple("$SHELL", "value if field empty", "/bin/sh"), Triple("/etc/passwd", "fields", "login name, …"),
            Triple("command interpreter field", "field position", "seventh (last) of the seven fields")]
    kb = SimpleNamespace(triples=rows, derived={})
    index, _ = name_index(kb)
    question = "$SHELL value when the last field is empty?"  # (the last field is a condition, $SHELL is asked)
    assert [m.name for m in by_position(question, kb, index, index.find(question)[0])] == [index.key_of("$SHELL")]
    question = "tell me what the last field of a passwd line is for"
    assert [m.name for m in by_position(question, kb, index, index.find(question)[0])] == [
        index.key_of("command interpreter field")]
