"""Fixes from the fifty-seventh session's first round, as general forms, found on KBs from deb-buildinfo(5),
gitrepository-layout(5) and environment.d(5), each asked through the API before any fix.

"why is there no X" asks when X is present; "what hash does X use" its algorithm; "how do i turn on X" how to
enable it; "does a repo have to have a X file" whether it is required; "should i set X to 1" its recommended value;
"where do the docs point for more on X" its see-also; "can i put anything inside X" its contents; "what does a X
file do" its effect before its notes; "what command reloads it" a command, not a sentence of plain words. An either-or
question offers a value without its kind noun ("folded or multiline" of "multiline field"). A yes/no question that
writes another value of the entity in full is answered by it ("do the core git commands read X?" of its "not used by:
the core Git commands"). An unknown field named with "a" after its owner is a near miss ("does buildinfo support a
Checksums-Sha512 field"). A prefix joined by "_" to a plain word is no namespace ("FETCH_HEAD" is not HEAD). A folder
inside a path names no file ("config" of "~/.config/environment.d/*.conf"); "env" is "environment" written short. A
follow-up's "its" with a capitalised entity's name written as a lower-case word keeps the entity before ("where's its
exact format described?" after a turn about Version, not the Format field). A word whose "-ed" or "-ing" form is
English is English too ("taint")."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot
from test_matching_batch63_fixes import _facts

from kblam.answer_kinds import fits_kind
from kblam.answer_shape import stated_in_full
from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_forms import kind_forms
from kblam.shortened_names import abbreviated_forms
from kblam.typos import english_form
from kblam.value_fit import written_choices
from kblam.value_lookup import actor
from kblam.wording import answer_kind

ask_buildinfo, ask_layout, ask_envd = (_asking(_snapshot(n)) for n in ("debbuildinfo", "gitrepolayout", "environmentd"))


def test_intents_of_presence_algorithm_enabling_and_contents():
    assert intended("why is there no X in my buildinfo?", ["description", "when present", "format"]) == ["when present"]
    assert intended("what hash does X use", ["algorithm", "notes", "required"]) == ["algorithm"]
    assert intended("how do i turn on X?", ["description", "default", "how to enable"]) == ["how to enable"]
    assert intended("does a valid repo have to have a X file?", ["description", "required"]) == ["required"]
    assert intended("should i set X to 1 when i have no extensions?", ["description", "recommended value"]) == [
        "recommended value"]
    assert intended("where do the docs point for more on X?", ["description", "see also"]) == ["see also"]
    assert intended("can i put anything inside X?", ["effect", "contents"]) == ["contents"]
    assert intended("what does a X file do?", ["effect", "relative path", "notes"]) == ["effect"]
    assert intended("what does a X file do?", ["relative path", "notes"]) == ["notes"]  # (no effect: its notes)
    assert intended("why is X so slow?", ["description", "when present"]) != ["when present"]


def test_a_command_is_asked_for():
    kind = answer_kind("after editing X, what command reloads it without logging out?")
    assert kind is not None and kind[0] == "command"
    assert fits_kind(kind, "reload", "systemctl --user daemon-reload")
    assert fits_kind(kind, "notes", "see systemctl(1)")
    assert not fits_kind(kind, "replacing a file completely", "place a file with the same name in a directory with higher priority")
    assert fits_kind(kind, "command", "place it there")  # (a property named for one)
    assert answer_kind("what command line option sets X?") is None or answer_kind("what command line option sets X?")[0] != "command"


def test_choices_without_the_kind_noun_and_values_stated_in_full():
    held = [Triple("Environment", "type", "multiline field"), Triple("Environment", "syntax", "Environment: list")]
    kb = SimpleNamespace(triples=held, derived={})
    assert written_choices("is X folded or multiline?", kb, held) == {"type"}
    assert not written_choices("is X big or small?", kb, held)
    assert stated_in_full("do the core git commands read X too?", "the core Git commands")
    assert not stated_in_full("do git commands read X too?", "the core Git commands")
    assert not stated_in_full("is it git?", "git")  # (one word: no statement)


def test_name_forms_of_paths_namespaces_and_short_words():
    index = NameIndex(["HEAD", "Q5_0", "environment.d", "Checksums-Sha256", ".buildinfo"])
    assert not [m for m in index.find("what does the FETCH_HEAD file contain?")[0] if m.name == "head"]
    assert [m.name for m in index.find("GGML_TYPE_Q5_0 id?")[0]] == ["q5_0"]  # (a namespace of two parts: still)
    assert "env d" in abbreviated_forms("environment d")
    display = {"config environment d conf": "~/.config/environment.d/*.conf",
               "etc environment d conf": "/etc/environment.d/*.conf", "run environment d conf": "/run/environment.d/*.conf"}
    ends = Counter(" ".join(k.split()[-n:]) for k in display for n in (2, 3) if len(k.split()) > n)
    assert not [b for b, _, _ in kind_forms(display, ends, frozenset(), None, 3, 0.5) if b == "config"]
    assert english_form("taint") and not english_form("fstab") and not english_form("alfr")  # (not "alfred": four letters)


def test_unknown_field_after_its_owner_is_a_near_miss():
    index = NameIndex([".buildinfo", "Checksums-Sha256", "Checksums-Sha1"])
    mentions, misses = index.find("does buildinfo support a Checksums-Sha512 field?")
    assert not mentions and misses


def test_its_with_a_lower_case_word_of_another_name_keeps_the_entity():
    rows = [Triple("Version", "description", "the package's version number"),
            Triple("Version", "see also", "deb-version(7) describes the exact format"),
            Triple("Format", "description", "the format version of the file")]
    index = NameIndex([t.name for t in rows])
    turns = [{"role": "user", "content": "what does the Version field contain?"},
             {"role": "assistant", "content": "The version number of the package."},
             {"role": "user", "content": "where's its exact format described?"}]
    assert resolve(turns, index, _facts(rows, index)).question == "where's Version's exact format described?"
    turns[2]["content"] = "what is the Format field?"  # (named as written: the other entity)
    assert "Format" in resolve(turns, index, _facts(rows, index)).question


@pytest.mark.realmodel
def test_buildinfo(ask_buildinfo):
    assert ask_buildinfo("why is there no Build-Kernel-Version in my buildinfo?") == [("Build-Kernel-Version", "when present")]
    assert ask_buildinfo("taint tag for having header files in /usr/local/include?") == [("usr-local-has-includes", "description")]
    assert ask_buildinfo("what hash does Checksums-Sha1 use") == [("Checksums-Sha1", "algorithm")]
    assert ask_buildinfo("is Environment folded or multiline?") == [("Environment", "type")]
    assert ask_buildinfo("what does the Build-Architecture field list?") == [("Build-Architecture", "description")]
    assert ask_buildinfo("does buildinfo support a Checksums-Sha512 field?") == []


@pytest.mark.realmodel
def test_layout_and_environment(ask_layout, ask_envd):
    assert ask_layout("does a valid repo have to have a HEAD file?") == [("HEAD", "required")]
    assert ask_layout("do the core git commands read info/exclude too?") == [("info/exclude", "not used by")]
    assert ask_layout("can i put anything inside worktrees/<id>/locked?") == [("worktrees/<id>/locked", "contents")]
    assert ask_layout("what does a commondir file do?") == [("commondir", "effect")]
    assert ask_layout("what does the FETCH_HEAD file contain?") == []
    assert ask_envd("two env.d files set the same variable - which one wins?") == [("environment.d", "conflict resolution")]
    assert ask_envd("where do local installs put their config files?") == [("/usr/local/lib/", "intended for")]
    assert ask_envd("after editing environment.d, what command reloads it without logging out?") == []
    assert ask_envd("what program actually parses the environment.d directories?") == [
        ("systemd-environment-d-generator(8)", "description")]


def test_a_symbol_name_gives_no_empty_form():
    # "&" was also found as "and", a form whose key was empty: "hand" (a typo of "and") crashed the lookup
    index = NameIndex(["&", "|", "pam_group", "groups"])
    mentions, _ = index.find("At which stage does pam_group hand out the extra groups?")
    assert [m.name for m in mentions] == ["pam_group", "groups"]
    assert [m.said for m in index.find("what does & mean?")[0]] == ["&"]


def test_the_entity_asked_for_by_what_it_does_to_the_one_named():
    rows = [Triple("environment.d", "description", "user service environment"),
            Triple("generator(8)", "description", "parses the configuration files in the environment.d/ directories"),
            Triple("sshd(8)", "description", "builds an environment for ssh logins")]
    index = NameIndex([t.name for t in rows])
    kb = SimpleNamespace(triples=rows, derived={})
    question = "what program actually parses the environment.d directories?"
    named = index.find(question)[0][0]
    found = actor(question, named, kb, index.key_of, index.display[named.name])
    assert found is not None and found.name == index.key_of("generator(8)") and found.whole
    assert actor("what program builds the environment.d directories?", named, kb, index.key_of, "environment.d") is None
    rows.append(Triple("environment.d", "parsed by", "generator(8)"))  # (its own property answers it)
    assert actor(question, named, SimpleNamespace(triples=rows, derived={}), index.key_of, "environment.d") is None
