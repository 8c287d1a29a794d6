"""Fixes from the sixty-first session's first round, as general forms, found on KBs from systemd.device(5), tzfile(5)
and gshadow(5), each asked through the API before any fix.

"X default?" asks for what holds when it is unset; "is there a X section", "does X have to exist" for whether it
exists; "what kind of value X expects" for its value format, not what X is. A yes/no question whose one word a value
stating a rule writes ("can X be zero?" of "must not be zero") is answered by it, and a why-question by the one value
that writes all its words ("why is X never -2**31?"); "what does X count" asks what X is; "v3" names "Version 3
format". A name and the one absolute path ending in it ("gshadow", "/etc/gshadow") hold each other's facts they lack. A man page named by an English word
that other KB names write ("group" of group(5) beside "group name") is not named by that word alone."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.answer_shape import said_in_value, why_stated
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_variants import twins_completed, versioned_forms

ask_device, ask_tzfile, ask_gshadow = (_asking(_snapshot(n)) for n in ("systemddevice", "tzfile", "gshadow"))


def test_intents_for_unset_existence_and_the_kind_of_value():
    assert intended("X default?", ["use", "when unset", "values"]) == ["when unset"]
    assert intended("X default?", ["when unspecified", "when unset"]) == ["when unspecified"]  # (a default first)
    assert intended("is there a X section i can put options in?", ["exists", "reason"]) == ["exists"]
    assert "existence" in intended("does the X actually have to exist on the system?", ["position", "existence"])
    assert intended("tell me what kind of value X expects", ["type", "value format"])[0] == "value format"
    assert intended("what kind of value does X take", ["type", "description"]) == ["type"]  # (no value label: its type)


def test_one_word_of_a_rule_answers_yes_or_no():
    assert said_in_value("can X be zero?", "must not be zero", True)
    assert not said_in_value("can X be zero?", "the number of zero entries", True)  # (no rule stated)
    assert not said_in_value("can X be big?", "must not be big", True)  # (a word under four letters)


def test_a_man_page_by_a_word_other_names_write():
    index = NameIndex(["group(5)", "group name", "/etc/group", "crypt(3)", "udev(7)", "TAG+=\"systemd\""])
    mentions, _ = index.find("does the group in the first column have to exist?")
    assert not any(index.display[m.name] == "group(5)" for m in mentions)
    mentions, _ = index.find("what does group(5) describe?")
    assert [index.display[m.name] for m in mentions] == ["group(5)"]
    mentions, _ = index.find("what does the udev man page cover?")  # (a word no other name writes)
    assert [index.display[m.name] for m in mentions] == ["udev(7)"]
    mentions, _ = index.find("why does the page point me to crypt?")
    assert [index.display[m.name] for m in mentions] == ["crypt(3)"]


def test_a_version_named_by_v_and_its_number():
    assert versioned_forms("Version 3 format") == ["v3", "v3 format"]
    assert versioned_forms("Version 1") == ["v1"]
    index = NameIndex(["Version 1", "Version 3 format", "tzh_timecnt"])
    mentions, _ = index.find("in v3 files what range can the hour part take?")
    assert [index.display[m.name] for m in mentions] == ["Version 3 format"]


def test_why_asked_of_what_a_value_states():
    held = [("description", "gives the number of seconds to be added to UT"),
            ("forbidden value", "never equal to -2**31, to let 32-bit clients negate it without overflow")]
    assert why_stated("why is X never -2**31?", held) == ["forbidden value"]
    assert why_stated("why is X in seconds?", held) == []  # (one word only)
    assert why_stated("is X never -2**31?", held) == []  # (no "why")
    assert intended("what does X count, and why?", ["description", "size"]) == ["description"]


def test_a_page_and_its_file_complete_each_other():
    rows = [Triple("gshadow", "description", "shadowed group file"), Triple("gshadow", "author", "N. F."),
            Triple("/etc/gshadow", "description", "group secrets"), Triple("/etc/gshadow", "fields", "4"),
            Triple("/**", "description", "all"), Triple("**", "description", "any depth")]
    by_key = {"gshadow": [0, 1], "etc gshadow": [2, 3], "/**": [4], "**": [5]}
    twins_completed(by_key, rows, lambda n: {"/etc/gshadow": "etc gshadow"}.get(n, n))
    assert by_key["gshadow"] == [0, 1, 3] and by_key["etc gshadow"] == [2, 3, 1]  # (each keeps its own description)
    assert by_key["/**"] == [4] and by_key["**"] == [5]  # (no word: no file)


@pytest.mark.realmodel
def test_device_tzfile_and_gshadow_questions(ask_device, ask_tzfile, ask_gshadow):
    assert ask_device("SYSTEMD_READY default?") == [("SYSTEMD_READY=", "when unset")]
    assert ask_device("is there a [Device] section i can put options in?") == [("[Device]", "exists")]
    assert ask_device("tell me what kind of value SYSTEMD_ALIAS expects") == [("SYSTEMD_ALIAS=", "value format")]
    assert ask_gshadow("list the fields of a gshadow line in order") == [("/etc/gshadow", "fields")]
    assert ask_gshadow("who should be allowed to read the gshadow file") == [("/etc/gshadow", "permissions")]
    assert ask_tzfile("can tzh_typecnt be zero?") == [("tzh_typecnt", "constraint")]
    assert ask_tzfile("why is tt_utoff never -2**31?") == [("tt_utoff", "forbidden value")]
    assert ask_tzfile("in v3 files what range can the hour part of the transition times take?") == [
        ("Version 3 format", "hour range")]
