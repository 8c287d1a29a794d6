"""Fixes from the fifty-sixth session's second round, as general forms, found on KBs from crypt(5), deb-substvars(5)
and sysctl.d(5), each asked through the API before any fix.

A label that is itself a question ("when it runs") or one word written in another form ("availability" of "when is X
available") answers a "when" question whatever its value. A code written between dollar signs ("$2y$") is a code a
value may explain; a question asking which one it describes ("which built-in variable gives me …") is answered by
the description, whatever value writes a code of it. A value in quotes ('"$6$"') is looked up without them, and
a value lookup stands where the question asks for its property in other words ("hashes starting with $6$": its
"prefix"). "range" asks for a span of numbers. "why is X insecure" asks for its "weakness", "what is X good for" its
"use case"; "do A override B" A's "precedence". A default asked of an entity whose facts state none is refused. A line's form ("-key = value") is named by
its key. A follow-up naming another entity does not carry a property whose value only restated the kind the question
before named ("what's the X option?" — "It's a command line option that …")."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot
from test_matching_batch63_fixes import _facts

from kblam.answer_kinds import fits_kind
from kblam.answer_shape import label_asked
from kblam.contrasts import bound_unstated
from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.name_forms import bare_forms
from kblam.pointed_values import code_quoted
from kblam.wording import answer_kind

ask_crypt, ask_substvars, ask_sysctl = (_asking(_snapshot(n)) for n in ("crypt5", "debsubstvars", "sysctld"))


def test_labels_that_answer_a_when_question_by_their_words():
    assert label_asked("when it runs", "when does X run")
    assert label_asked("availability", "when is X available?")
    assert not label_asked("when it runs", "when was X released")
    assert not label_asked("availability", "what is the availability of X")  # (written as it is: no other form)
    assert not label_asked("release notes", "when was X released")  # (one word only)


def test_codes_between_dollar_signs():
    held = [("prefix", '"$2b$"'), ("alternative prefixes", '"$2y$" is equivalent to "$2b$"'),
            ("availability", "always available (standard built-in variable)"), ("description", "the host architecture")]
    assert code_quoted("What does a $2y$ prefix mean on a X hash?", held) == ["alternative prefixes"]


def test_a_range_is_a_span_of_numbers():
    kind = answer_kind("X cost range?")
    assert kind is not None and kind[0] == "range"
    assert fits_kind(kind, "cpu time cost parameter", "4 to 31 (logarithmic)")
    assert fits_kind(kind, "salt size", "6 to 96 bits")
    assert not fits_kind(kind, "hashed passphrase format", r"\$2[abxy]\$[0-9]{2}\$[./A-Za-z0-9]{53}")
    assert fits_kind(kind, "age range", "adults")  # (a property named for it)


@pytest.mark.realmodel
def test_crypt_methods(ask_crypt):
    assert ask_crypt("bcyrpt cost range?") == [("bcrypt", "cpu time cost parameter")]
    assert ask_crypt("What does a $2y$ prefix mean on a bcrypt hash?") == [("bcrypt", "alternative prefixes")]
    assert ask_crypt("Which hashing method do hashes starting with $6$ belong to?") == [("sha512crypt", "prefix")]
    assert ask_crypt("why is traditional DES crypt so insecure") == [("descrypt", "weakness")]
    assert ask_crypt("what's gost-yescrypt good for? when would I pick it") == [("gost-yescrypt", "use case")]


@pytest.mark.realmodel
def test_substvars_and_sysctl(ask_substvars, ask_sysctl):
    assert ask_substvars("when is S:fieldname available?") == [("S:fieldname", "availability")]
    assert ask_substvars("which built-in variable gives me the architecture the package is being built for?") == [
        ("Arch", "description")]
    assert ask_sysctl("when does systemd-sysctl.service run") == [("systemd-sysctl.service", "when it runs")]
    assert ask_sysctl("what does -key.that.will.not.fail do?")[0][0] == "-key.that.will.not.fail = value"
    assert ask_sysctl("Do files in /run/sysctl.d override the ones in /usr/lib/sysctl.d?")[0] == ("/run/sysctl.d/*.conf", "precedence")
    assert ask_sysctl("what overrides /run/sysctl.d/*.conf?") == [("/run/sysctl.d/*.conf", "overridden by")]


def test_a_default_no_fact_states_and_a_line_form_by_its_key():
    owned = ["type", "value", "effect"]
    assert bound_unstated("what's the default value of X?", "value", "all", owned)  # ("default" before its label)
    assert not bound_unstated("what value does X take?", "value", "all", owned)
    assert not bound_unstated("what's the default value of X?", "value", "all (the default)", owned)
    assert not bound_unstated("what's the default of X?", "default", "20", ["default", "type"])
    assert bound_unstated("what's X's default?", "type", "string", ["type", "notes"], {"default", "type"})  # (its kin's)
    assert not bound_unstated("what's X's default?", "type", "string", ["type", "notes"], {"notes", "type"})
    assert "-key.that.will.not.fail" in bare_forms("-key.that.will.not.fail = value")
    assert "key.pattern.*.with.glob" in bare_forms("key.pattern.*.with.glob = whatever")


def test_a_follow_up_does_not_carry_a_value_that_restated_the_kind_asked():
    rows = [Triple("gen_hash", "type", "command line option"), Triple("gen_hash", "effect", "the string is hashed"),
            Triple("ignore_instance_parent_mode", "type", "command line option"),
            Triple("ignore_instance_parent_mode", "effect", "overrides the mode check")]
    index = NameIndex([t.name for t in rows])
    facts = _facts(rows, index)
    turns = [{"role": "user", "content": "what's the gen_hash option?"},
             {"role": "assistant", "content": "It's a command line option that hashes the string."},
             {"role": "user", "content": "what about ignore_instance_parent_mode?"}]
    assert resolve(turns, index, facts).question == "what's the ignore_instance_parent_mode option?"
    turns[0]["content"] = "what type of thing is gen_hash?"  # asked for the type: carried
    assert resolve(turns, index, facts).question == "What is the type of ignore_instance_parent_mode?"
