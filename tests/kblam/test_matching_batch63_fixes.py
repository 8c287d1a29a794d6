"""Fixes from the fifty-sixth session's first round, as general forms, found on KBs from deb-src-control(5),
namespace.conf(5) and terminal-colors.d(5), each asked through the API before any fix.

"What's the X field?" (or option, flag, …) and "what's the difference between X and Y" ask what the things are. A
name in quotes is masked with its quotes ("the 'shared' flag for"). A numbered family ("code 0" … "code 47") is asked
by what a member's value says ("ansi code for underlined text"), and a description no member's value has is refused;
"and 37?" after a question with one number asks it again with that number. A KB name an answer writes in lower case as
an English word ("the package") is not one the follow-up can mean. An unknown identifier named as a field, a flag or an
argument of a file or a module ("the Build-Recommends field … in debian/control", "the unmnt_remnt argument to
pam_namespace.so") is a near miss. A shared object is named without ".so" ("pam_namespace"). A label held by one
entity that is no English word ("udeb") names that entity. "can the X field be left empty" asks whether it is required;
"what happens if i omit X", "if a stanza has no X" its "when omitted"/"when absent"; "does A win over B" its
"precedence"; "which programs honour X" its "supported by"."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.conversation import facts_of, resolve
from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.name_forms import bare_forms
from kblam.numbered_properties import member_by_value

ask_debsrc, ask_namespace, ask_colors = (_asking(_snapshot(n)) for n in ("debsrccontrol", "namespaceconf", "termcolors"))

CODES = [("format", "sequences of numbers separated by semicolons"), ("code 0", "to restore default color"),
         ("code 4", "for underlined text"), ("code 5", "for flashing text"), ("code 30", "for black foreground"),
         ("code 33", "for yellow (or brown) foreground"), ("code 44", "for blue background")]


def test_a_numbered_family_is_asked_by_what_its_values_say():
    assert member_by_value("X code for underlined text?", CODES) == (["code 4"], True)
    assert member_by_value("X codes for black foreground and for blue background?", CODES) == (["code 30", "code 44"], True)
    assert member_by_value("which X code gives yellow foreground", CODES) == (["code 33"], True)  # (not "brown")
    assert member_by_value("X code for italic text?", CODES) == ([], True)  # "text" is no member's alone
    assert member_by_value("what does X code 0 do?", CODES) == ([], False)  # a number written: asked by it
    assert member_by_value("what are the X codes?", CODES) == ([], False)  # nothing said of a member


def _facts(rows: list[Triple], index: NameIndex):
    """:func:`conversation.facts_of` for ``rows`` grouped by ``index``'s keys, as the chat groups them."""
    by_key: dict[str, list[int]] = {}
    for i, t in enumerate(rows):
        by_key.setdefault(index.key_of(t.name), []).append(i)
    return facts_of(rows, by_key)


def test_follow_ups_by_number_and_names_spoken_in_lower_case():
    index = NameIndex(["ANSI color sequences", "Maintainer", "Package"])
    turns = [{"role": "user", "content": "what does ansi code 0 do?"},
             {"role": "assistant", "content": "0 restores the default color."}, {"role": "user", "content": "and 37?"}]
    assert resolve(turns, index).question == "what does ansi code 37 do?"
    facts = _facts([Triple("Maintainer", "status", "recommended"), Triple("Package", "required", "yes")], index)
    turns = [{"role": "user", "content": "What's the Maintainer field?"},
             {"role": "assistant", "content": "It names the person who maintains the package."},
             {"role": "user", "content": "is it required?"}]
    assert resolve(turns, index, facts).question == "is Maintainer required?"
    turns[1]["content"] = "It names the person who maintains the Package."  # the KB name as written: that one
    assert resolve(turns, index, facts).question == "is Package required?"


def test_unknown_identifiers_of_a_file_or_module_and_shared_objects():
    index = NameIndex(["debian/control", "Build-Depends", "Build-Conflicts", "pam_namespace.so", "noinit",
                       "/etc/security/namespace.conf", "method"], vocabulary={"description", "effect"})
    for question in ("What does the Build-Recommends field do in debian/control?",
                     "what does the unmnt_remnt argument to pam_namespace.so do?",
                     "what does the nosymlink flag do in the method field of namespace.conf?"):
        mentions, misses = index.find(question)
        assert mentions == [] and misses, question
    assert [m.name for m in index.find("What does the Build-Depends field do in debian/control?")[0]][0] == "build depends"
    assert "pam_namespace" in bare_forms("pam_namespace.so") and "libc" in bare_forms("libc.so.6")
    assert "namespace" not in bare_forms("namespace.so")  # (an English word alone: no such form)


@pytest.mark.realmodel
def test_deb_src_control_fields(ask_debsrc):
    assert ask_debsrc("What's the Homepage field?") == [("Homepage", "description")]
    assert ask_debsrc("what is the Bugs field") == [("Bugs", "description")]
    assert ask_debsrc("whats the diff between build-depends-arch and build-depends-indep?") == [
        ("Build-Depends-Arch", "description"), ("Build-Depends-Indep", "description")]
    assert ask_debsrc("what's a udeb") == [("Package-Type", "udeb")]
    assert ask_debsrc("What happens if a binary stanza has no Build-Profiles field?") == [("Build-Profiles", "when absent")]
    assert ask_debsrc("What does the Build-Recommends field do in debian/control?") == []


@pytest.mark.realmodel
def test_namespace_conf_flags_and_fields(ask_namespace):
    assert ask_namespace("What's the 'shared' flag for?") == [("shared", "description")]
    assert ask_namespace("what's the gen_hash option?") == [("gen_hash", "effect")]
    assert ask_namespace("can the poyldir field be left empty?") == [("polydir", "required")]
    assert ask_namespace("what does pam_namespace do") == [("pam_namespace.so", "description")]
    assert ask_namespace("what does the unmnt_remnt argument to pam_namespace.so do?") == []


@pytest.mark.realmodel
def test_terminal_colors_codes_and_precedence(ask_colors):
    assert ask_colors("ansi code for underlined text?") == [("ANSI color sequences", "code 4")]
    assert ask_colors("ansi code for italic text?") == []
    assert ask_colors("what happens if i omit the term") == [("term", "when omitted")]
    assert ("dmesg@xterm.scheme", "precedence") in ask_colors("does dmesg@xterm.scheme win over @xterm.scheme?")
    assert ask_colors("which programs honour terminal-colors.d?") == [("terminal-colors.d", "supported by")]
    assert ask_colors("what's the default value of TERMINAL_COLORS_DEBUG?") == []  # (its "value: all" is no default)
