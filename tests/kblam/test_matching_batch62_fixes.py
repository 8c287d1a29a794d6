"""Fixes from the fifty-fifth session's second round, as general forms, found on KBs from semanage.conf(5), shadow(5)
and magic(5), each asked through the API before any fix.

An unknown word named as a type ("the beid3 type") is a near miss even where "type" is a KB name too. Two property
labels that differ only in case ("flag t", "flag T") are told apart by the case the question writes. "which type …"
where "type" is a KB name asks which one of the types the question describes. A name written as where the facts come
from ("according to the shadow page") is not asked about. "field" tells no label from another ("empty field" of one
field is the "when empty" of others). A KB name that is a verb after its subject ("can i use …", where "use" is a
magic type) is that verb. "why would a distro set X" asks for its "example use"."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.entities import NameIndex
from kblam.numbered_properties import cased_apart

ask_magic, ask_shadow, ask_semanage = (_asking(_snapshot(n)) for n in ("magic5", "shadow5", "semanageconf"))


def test_labels_that_differ_only_in_case_are_told_apart_by_the_case_written():
    props = ["flag t", "flag T", "flag W", "description"]
    assert cased_apart("what does the T flag on a X test do", props) == ["flag T"]
    assert cased_apart("what does the t flag do", props) == ["flag t"]
    assert cased_apart("what do the flags do", props) == []


def test_an_unknown_type_and_a_source_named():
    index = NameIndex(["type", "lestring16", "string", "ldate", "crypt(3)", "shadow"],
                      vocabulary={"description", "documents"}, values=["A two-byte unicode string"])
    mentions, misses = index.find("what does the beid3 type read?")
    assert mentions == [] and misses and misses[0].said == "beid3"
    assert "lestring16" in [m.name for m in index.find("what does the lestring16 type do?")[0]]  # a KB name stays
    assert [m.name for m in index.find("what does crypt(3) explain, according to the shadow page?")[0]] == ["crypt 3"]
    # a word named as a type without a digit is the KB's own kind ("the ggml type index of bf16"), no type it lacks
    ggml = NameIndex(["BF16", "I16", "MXFP4"], vocabulary={"type number", "block size"})
    assert [m.name for m in ggml.find("whats the ggml type index of bf16")[0]] == ["bf16"]
    assert [m.name for m in index.find("what does the shadow page say about crypt(3)?")[0]] == ["shadow", "crypt 3"]


@pytest.mark.realmodel
def test_magic_types_and_flags(ask_magic):
    assert ask_magic("what does the T flag on a string test do") == [("string", "flag T")]
    assert ask_magic("what does the t flag on a string test do") == [("string", "flag t")]
    assert ask_magic("which type reads an eight byte windows style date") == [("qwdate", "description")]
    assert ask_magic("what does the lestring32 type do?") == []  # a near miss


@pytest.mark.realmodel
def test_shadow_fields(ask_shadow):
    assert ask_shadow("account expiration date empty meaning?") == [("account expiration date", "empty field")]
    assert ask_shadow("what does crypt(3) explain, according to the shadow page?") == [("crypt(3)", "documents")]


def test_a_verb_after_its_subject_is_no_name():
    index = NameIndex(["use", "offset", "default", "clear"], vocabulary={"description", "negative offset"})
    assert [m.name for m in index.find("can i use negative offsets in a magic file?")[0]] == ["offset"]
    assert [m.name for m in index.find("what does use do?")[0]] == ["use"]
    assert [m.name for m in index.find("when do i use default?")[0]] == ["default"]


def test_an_option_the_kb_lacks_named_with_its_owner_is_a_near_miss():
    index = NameIndex(["pam_time", "/etc/security/time.conf", "services"], vocabulary={"configuration file"})
    mentions, misses = index.find("what does the conffile= option of pam_time do?")
    assert mentions == [] and misses and misses[0].said == "conffile="
    assert [m.name for m in index.find("what does the services field of time.conf hold?")[0]][0] == "services"


@pytest.mark.realmodel
def test_why_would_one_set_it(ask_semanage):
    assert ask_semanage("why would a distro set ignoredirs at all?") == [("ignoredirs", "example use")]
