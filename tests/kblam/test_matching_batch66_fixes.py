"""Fixes from the fifty-seventh session's second round, as general forms, found on KBs from gitmailmap(5),
group.conf(5) and ucf.conf(5), each asked through the API before any fix.

A label that says it names the entity ("also called: the tty field") names it even where one entity holds it. A KB
name longer than eight words is found when written whole. ".mailmap file" is the file .mailmap, not the option
mailmap.file. "symlinks" is "symbolic links" written short. A label of two words or more written whole is asked of the
one other entity that holds it and whose value names the entity written ("which day codes are accepted in the times
field" of day/time-range), and is no "which one" question. "why" asks for a "reason"; "what's wrong with X" its
status; "at which stage" its "when"; "what separates" its separator; "somewhere other than" its alternative location;
"how many times may X appear" its limit; "what goes in X", "put … in X" its contents; "if I never touch it" its
default; "what happens if X isnt set" its behaviour when unset before a "default: unset". "when does X get sourced"
asks for no date. A follow-up's "it" after an answer that is one KB name alone is that name."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot
from test_matching_batch63_fixes import _facts

from kblam.aliases import aliases
from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.intents import asks_which_one, intended
from kblam.kb import Triple
from kblam.shortened_names import abbreviated_forms
from kblam.value_lookup import label_holder
from kblam.wording import answer_kind

ask_mailmap, ask_group, ask_ucf = (_asking(_snapshot(n)) for n in ("gitmailmap", "groupconf", "ucfconf"))


def test_intents_of_the_second_round():
    assert intended("why wont git follow X for the mailmap file?", ["behavior", "reason", "section"]) == ["reason"]
    assert intended("what's wrong with the X address in the example?", ["name in history", "status", "fix line"]) == ["status"]
    assert intended("At which stage does X hand out the extra groups?", ["description", "when", "author"]) == ["when"]
    assert intended("in the simple form, what separates the name from the address?", ["form", "separator"]) == ["separator"]
    assert intended("how should I seperate multiple X in the last field?", ["position", "separator"]) == ["separator"]
    assert intended("can i keep the X somewhere other than the top of the repo?", ["location", "alternative location"]) == [
        "alternative location"]
    assert intended("how many times may the X wildcard appear?", ["description", "limit", "example"]) == ["limit"]
    assert intended("what goes in the X directory?", ["type", "contents", "location"]) == ["contents"]
    assert intended("can i put arbitrary shell commands in X?", ["format", "allowed content"]) == ["allowed content"]
    assert intended("how do i put a unix group in the X field?", ["contents", "group prefix"]) == []  # (how, not what)
    assert intended("What is X set to if I never touch it?", ["description", "default", "how to change"]) == ["default"]
    assert "behaviour when unset" in intended("what happens if X isnt set at all", ["default", "behaviour when unset"])
    assert "default" not in intended("what happens if X isnt set at all", ["default", "behaviour when unset"])
    assert intended("what if X is not set?", ["description", "default"]) == ["default"]  # (no such label: its default)


def test_when_sourced_asks_for_no_date():
    assert answer_kind("When does X get sourced?") is None or answer_kind("When does X get sourced?")[0] != "date or time"
    assert answer_kind("When was X released?")[0] == "date or time"


def test_names_said_to_name_long_names_and_short_phrases():
    rows = [Triple("ttys", "also called", "the tty field"), Triple("ttys", "position", "second field"),
            Triple("users", "position", "third field")]
    assert aliases(rows) == {"ttys": {"tty field"}}
    long = "Proper Name <proper@email.xx> Commit Name <commit@email.xx>"
    index = NameIndex([".mailmap", "mailmap.file", long, "Proper Name <commit@email.xx>"])
    assert [m.name for m in index.find(f"{long} - what does a commit have to match?")[0]] == [index.key_of(long)]
    assert [m.said for m in index.find("where do I put the .mailmap file")[0]] == ["mailmap"]
    assert [m.said for m in index.find("what does the mailmap file option do?")[0]] == ["mailmap file"]
    assert "symlinks" in abbreviated_forms("symbolic links")


def test_a_label_asked_of_the_entity_that_holds_it():
    rows = [Triple("times", "description", "when the groups are given"),
            Triple("day/time-range", "description", "an entry of the times field"),
            Triple("day/time-range", "day codes", "Mo Tu We"), Triple("users", "example", "sword")]
    index = NameIndex([t.name for t in rows])
    question = "which day codes are accepted in the times field"
    named = index.find(question)[0][0]
    found = label_holder(question, named, SimpleNamespace(triples=rows, derived={}), index.key_of, "times")
    assert found is not None and found.name == index.key_of("day/time-range")
    assert label_holder("which example codes are in the times field", named, SimpleNamespace(triples=rows, derived={}),
                        index.key_of, "times") is None
    assert not asks_which_one("which day codes are accepted in the X field", True, ["description", "day codes"])
    assert asks_which_one("which setting is accepted in the X field", True, ["description", "day codes"])
    rows += [Triple("SIGABRT", "default of", "WatchdogSignal="), Triple("WatchdogSignal=", "default", "SIGABRT"),
             Triple("times", "example", "Al0000-2400"), Triple("users", "day codes", "Mo")]
    index = NameIndex([t.name for t in rows])
    kb = SimpleNamespace(triples=rows, derived={})
    named = index.find("What is the default of WatchdogSignal=?")[0][0]  # (a word of its own "default")
    assert label_holder("What is the default of WatchdogSignal=?", named, kb, index.key_of, "WatchdogSignal=") is None
    named = index.find(question)[0][0]  # (a label two entities hold)
    assert label_holder(question, named, kb, index.key_of, "times") is None
    rows = [Triple("gitmailmap", "part of", "the git(1) suite"), Triple("gitmailmap", "synopsis", "$GIT_WORK_TREE/.mailmap"),
            Triple(".mailmap", "description", "maps names")]
    index = NameIndex([t.name for t in rows])
    question = "which mailmap line form swaps out just the email part of a commit?"
    named = index.find(question)[0][0]  # (a label of one word of its own: "part of" is no label asked)
    assert label_holder(question, named, SimpleNamespace(triples=rows, derived={}), index.key_of, ".mailmap") is None


def test_it_after_an_answer_that_is_one_name():
    rows = [Triple("conf_force_conffold", "environment override", "UCF_FORCE_CONFFOLD"),
            Triple("UCF_FORCE_CONFFOLD", "precedence", "environment variable values override the config file")]
    index = NameIndex([t.name for t in rows])
    turns = [{"role": "user", "content": "which env var overrides conf_force_conffold?"},
             {"role": "assistant", "content": "UCF_FORCE_CONFFOLD."},
             {"role": "user", "content": "does it win over what's in the config file?"}]
    assert resolve(turns, index, _facts(rows, index)).question == "does UCF_FORCE_CONFFOLD win over what's in the config file?"
    turns[1]["content"] = "It is UCF_FORCE_CONFFOLD, an environment variable."  # (more than the name: the entity asked)
    assert "conf_force_conffold" in resolve(turns, index, _facts(rows, index)).question
    turns[0]["content"], turns[1]["content"] = "What overrides conf_force_conffold?", "UCF_FORCE_CONFFOLD."
    assert "conf_force_conffold" in resolve(turns, index, _facts(rows, index)).question  # (not asked "which")


@pytest.mark.realmodel
def test_mailmap(ask_mailmap):
    assert ask_mailmap("why wont git follow symlinks for the mailmap file?") == [("symbolic links", "reason")]
    assert ask_mailmap("where am I supposed to put the .mailmap file") == [(".mailmap", "location")]
    assert ask_mailmap("can i keep the mailmap somewhere other than the top of the repo?") == [(".mailmap", "alternative location")]
    assert ask_mailmap("in the simple form, what separates the name from the address?") == [
        ("Proper Name <commit@email.xx>", "separator")]


@pytest.mark.realmodel
def test_group_and_ucf(ask_group, ask_ucf):
    assert ask_group("what's the tty field for?") == [("ttys", "description")]
    assert ask_group("which day codes are accepted in the times field") == [("day/time-range", "day codes")]
    assert ask_group("how many times may the * wildcard appear?") == [("*", "limit")]
    assert ask_ucf("When does /etc/ucf.conf get sourced?") == [("/etc/ucf.conf", "when read")]
    assert ask_ucf("what happens if conf_force_conffnew isnt set at all") == [("conf_force_conffnew", "behaviour when unset")]
    assert ask_ucf("what goes in the ${filename}.md5sum.d/ directory?") == [("${filename}.md5sum.d/", "contents")]
