"""Fixes from the fifty-eighth session's first round, as general forms, found on KBs from deb-symbols(5),
deb-triggers(5) and binfmt.d(5), each asked through the API before any fix.

A folder of drop-in files is named without its ".d" ("binfmt files", "binfmt configs" of binfmt.d), and a file by a
path ending in a plain word by that word ("symbols file" of DEBIAN/symbols). A name made of another name and one word
is asked for by that word as a kind of the other ("the noawait flavour of activate"; "and the noawait version?" after
a turn about interest). "set both X and Y" and "which one takes effect" ask for the precedence; "what other man pages
… point you to" its see-also; "min X version" the version that brought it; "what does that buy me" its benefit;
"comment chars" the lines ignored; "what program does X launch" its program path; "which service reads X" what
reads it. "when does X get replaced by nothing" asks for no date, and a label of several words written all
("when replaced by nothing") is asked before one it contains ("replaced by")."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot
from test_matching_batch63_fixes import _facts

from kblam.compound_names import variant_named, variant_turn
from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.matching import name_index
from kblam.name_forms import bare_forms
from kblam.numbered_properties import longer_label_written
from kblam.wording import answer_kind

ask_symbols, ask_triggers, ask_binfmt = (_asking(_snapshot(n)) for n in ("debsymbols", "debtriggers", "binfmtd"))


def test_intents_of_the_first_round():
    assert "precedence" in intended("what happens if I set both X and Build-Depends-Packages?", ["example", "precedence"])
    assert intended("two X files set the same thing - which one takes effect?", ["applies to", "conflict rule"]) == [
        "conflict rule"]
    assert intended("what other man pages does X point you to?", ["recommendation", "see also"]) == ["see also"]
    assert intended("X min dpkg version?", ["syntax", "supported since", "older dpkg"]) == ["supported since"]
    assert intended("so what does that buy me of X?", ["when to use", "benefit", "awaiting"]) == ["benefit"]
    assert intended("X comment chars?", ["file contents", "ignored lines", "read by"]) == ["ignored lines"]
    assert intended("what program does the X launch", ["description", "program path"]) == ["program path"]
    assert intended("which service reads the X at boot?", ["description", "read by"]) == ["read by"]
    assert intended("what program does X use for its ordering?", ["description", "program path"]) == []  # (no launch)


def test_when_replaced_asks_for_no_date():
    assert (answer_kind("when does X get replaced by nothing at all") or ("",))[0] != "date or time"
    assert (answer_kind("when does X put the package into the awaited state?") or ("",))[0] != "date or time"
    assert answer_kind("When was X released?")[0] == "date or time"


def test_a_label_written_all_before_one_it_contains():
    props = ["description", "replaced by", "when replaced by nothing", "example"]
    assert ("when replaced by nothing", "replaced by") in longer_label_written("when does X get replaced by nothing", props)
    assert not longer_label_written("what is X replaced by?", props)  # ("nothing" not written: the shorter one)


def test_drop_in_folders_and_files_by_a_plain_word():
    assert {"binfmt files", "binfmt config", "binfmt configs"} <= set(bare_forms("binfmt.d"))
    assert "sysctl configuration" in bare_forms("/etc/sysctl.d/")
    assert "symbols file" in bare_forms("DEBIAN/symbols")
    assert "shadow file" in bare_forms("/etc/shadow")
    assert not [f for f in bare_forms("/etc/binfmt.d/wine.conf") if f.endswith(" files")]  # (a file, no folder)
    index = NameIndex(["binfmt.d", "binfmt_misc", ".conf", "DEBIAN/symbols", "deb-src-symbols"])
    assert [m.name for m in index.find("do binfmt files need a specific extension?")[0]] == [index.key_of("binfmt.d")]
    assert [m.name for m in index.find("how are the columns separated in a symbols file")[0]] == [
        index.key_of("DEBIAN/symbols")]


def test_a_name_made_of_another_and_a_word():
    index = NameIndex(["activate", "activate-noawait", "activate-await", "interest", "interest-noawait", "--no-await"])
    question = "whats the benefit of the noawait flavour of activate"
    assert variant_named(question, index.find(question)[0], index) == "whats the benefit of activate-noawait"
    question = "what does the noawait form of interest do?"
    assert variant_named(question, index.find(question)[0], index) == "what does interest-noawait do?"
    question = "does activate work with --no-await?"  # (the word of an exact mention: no variant)
    assert variant_named(question, index.find(question)[0], index) is None
    assert variant_named("what is the default flavour of activate?", index.find("activate")[0], index) is None
    assert variant_turn("and the noawait version?", "interest", index.find("and the noawait version?")[0], index) == (
        "and the interest-noawait?")
    assert variant_turn("and its default?", "interest", [], index) is None
    rows = [Triple("interest", "description", "declares an interest"),
            Triple("interest-noawait", "description", "declares an interest without awaiting")]
    index = NameIndex([t.name for t in rows])
    turns = [{"role": "user", "content": "what does the interest directive do?"},
             {"role": "assistant", "content": "It declares an interest."},
             {"role": "user", "content": "and the noawait version?"}]
    assert "interest-noawait" in resolve(turns, index, _facts(rows, index)).question


@pytest.mark.realmodel
def test_symbols(ask_symbols):
    assert ask_symbols("how are the columns seperated in a symbols file") == [("DEBIAN/symbols", "column separator")]
    assert ask_symbols("when does #MINVER# get replaced by nothing at all") == [("#MINVER#", "when replaced by nothing")]
    assert ("Build-Depends-Packages", "precedence") in ask_symbols(
        "what happens if I set both Build-Depends-Package and Build-Depends-Packages?")


@pytest.mark.realmodel
def test_triggers_and_binfmt(ask_triggers, ask_binfmt):
    assert ask_triggers("whats the benefit of the noawait flavour of activate") == [("activate-noawait", "benefit")]
    assert ask_triggers("what other man pages does deb-triggers point you to?") == [("deb-triggers", "see also")]
    assert ask_binfmt("tell me the order of the binfmt config dirs") == [("binfmt.d", "directory precedence")]
    assert ask_binfmt("binfmt.d comment chars?") == [("binfmt.d", "ignored lines")]


def test_a_key_two_names_share_by_case_has_the_triples_of_the_name_it_displays():
    rows = [Triple("/etc/passwd", "description", "user accounts"), Triple("/etc/passwd-", "description", "backup")]
    index, by_key = name_index(SimpleNamespace(triples=rows, derived={}))
    assert "etc passwd" in index.cased  # ("max uid value allowed in passwd?" found it by its words alone: a crash)
    assert by_key["etc passwd"] == by_key[index.key_of(index.display["etc passwd"])]
    assert by_key[index.key_of("/etc/passwd-")] == [1]
    rows = [Triple("A", "description", "upper"), Triple("a", "description", "lower"), Triple("b", "description", "bee")]
    index, by_key = name_index(SimpleNamespace(triples=rows, derived={}))  # (one character told apart by case: no
    assert by_key[index.key_of("a")] == [1]  # shared key shown, nothing to add, no crash)
