"""Fixes from the sixty-ninth session, as general forms, found on KBs from man pages (the eighty-ninth batch:
org.freedesktop.locale1, org.freedesktop.network1, org.freedesktop.login1) asked through the API at first contact.

"what's X for" with no question mark and "if I pass X, what changes?" ask what it does, not a constant's value;
"which method do I call to change X" asks what it is configurable with; "does it take effect immediately" asks when it
is applied; "what do the entries in the X array look like" its format; "in what form does X hand back its result" its
output; a command by what its subcommand does ("the frobctl command for listing …" of "frobctl list"); "which release
is this page from" the page's version where the entity the words describe holds none."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam.kb import Triple

FACTS = [
    Triple("org.example.frob1", "description", "The D-Bus interface of frobd"), Triple("org.example.frob1", "man section", "5"),
    Triple("org.example.frob1", "version", "311"), Triple("org.example.frob1", "suite", "widgetd"),
    Triple("frobd.service", "description", "a widgetd system service that keeps frob archives"),
    Triple("frobd.service", "man page", "frobd.service(8)"),
    Triple("FROB_FLAG_FORCE", "value", "0x04 (UINT64_C(1) << 2)"),
    Triple("FROB_FLAG_FORCE", "effect", "archives are rewritten even when they look current"),
    Triple("FrobMode", "type", "s"), Triple("FrobMode", "configurable with", "SetFrob() (or Reset() with keep=false)"),
    Triple("SetFrob()", "signature", "SetFrob(in s mode, in b interactive)"),
    Triple("SetFrob()", "when applied", "only new archives use the new mode"),
    Triple("Frobs", "type", "as"), Triple("Frobs", "format", "an array of KEY=VALUE strings"),
    Triple("Frobs", "shows", "the archives kept"),
    Triple("DescribeFrob", "arguments", "in i index, out s json"), Triple("DescribeFrob", "output", "s json"),
    Triple("frobctl list", "purpose", "list the frob archives on the bus"),
    Triple("frobctl list", "example", "frobctl list --system --all"), Triple("frobctl list", "bus option", "--system"),
]
ask = _asking(FACTS)


def test_what_it_is_for_and_what_passing_it_changes(ask):
    assert ask("what's FROB_FLAG_FORCE for") == [("FROB_FLAG_FORCE", "effect")]
    assert ask("If I pass FROB_FLAG_FORCE, what changes?") == [("FROB_FLAG_FORCE", "effect")]
    assert ask("what's the value of FROB_FLAG_FORCE") == [("FROB_FLAG_FORCE", "value")]  # (as before)


def test_the_call_that_sets_it_and_when_it_applies(ask):
    assert ask("Which method do I call to change FrobMode?") == [("FrobMode", "configurable with")]
    assert ask("which methods can change FrobMode") == [("FrobMode", "configurable with")]
    assert ask("Does SetFrob() take effect immediately?") == [("SetFrob()", "when applied")]
    assert ask("does SetFrob apply the new mode right away") == [("SetFrob()", "when applied")]


def test_look_like_output_command_and_page_release(ask):
    assert ask("What do the entries in the Frobs array look like?") == [("Frobs", "format")]
    assert ask("in what form does DescribeFrob hand back its result?") == [("DescribeFrob", "output")]
    assert ask("which bus option does the frobctl command for listing use") == [("frobctl list", "bus option")]
    assert ask("which widgetd release is this page from") == [("org.example.frob1", "version")]
