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
    Triple("mode arguments", "value to leave unset", "the empty string"), Triple("ListFrobs", "output type", "a(iso) frobs"),
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
    assert ask("How do I leave one of the mode arguments unchanged when I call it?") == [
        ("mode arguments", "value to leave unset")]
    assert ask("what does ListFrobs retrun?") == [("ListFrobs", "output type")]  # (a typo of the asking verb)


MORE = [
    Triple("frob.cfg", "description", "frob configuration file"), Triple("frob.cfg", "man section", "5"),
    Triple("frob.cfg", "version", "2.4.1"), Triple("frob.cfg", "suite", "frobtools"),
    Triple("frobtools", "description", "the frob utilities"),
    Triple("SECTIONS", "entries", "NAME, FILES, NOTES"), Triple("SECTIONS", "count", "3"),
    Triple("NOTES", "entries", "frob(1)"), Triple("NOTES", "count", "1"),
    Triple("/etc/frob.cfg", "first line", "the drift in frobs per day"),
    Triple("/etc/frob.cfg", "location", "/etc"),
    Triple("frob mode", "allowed values", "FAST or SLOW"), Triple("frob mode", "line", "third line"),
    Triple("Example 1", "title", "Frobbing two archives"), Triple("Example 1", "command", "frobctl show"),
    Triple("Example 2", "title", "Frobbing one archive"), Triple("Example 2", "command", "frobctl cat"),
    Triple("frob.slice", "contents", "every frob archive"), Triple("frob.slice", "parent slice", "-.slice"),
    Triple("/etc/frob.cfg", "when missing", "the default frob mode is FAST"),
    Triple("frob drift", "description", "the drift rate in frobs per day"), Triple("frob drift", "unit", "frobs per day"),
    Triple("option", "description", "a default option for frob"), Triple("option", "syntax", "as on the command line"),
    Triple("frobctl", "role", "reads and writes /etc/frob.cfg"), Triple("frobctl", "options", "--show, --check"),
]
ask_more = _asking(MORE)


def test_counts_pages_and_numbered_things(ask_more):
    assert ask_more("how many entries are under SECTIONS?") == [("SECTIONS", "count")]  # (its one count label)
    assert ask_more("what are the entries under SECTIONS") == [("SECTIONS", "entries")]
    assert ask_more("which frobtools version is that page from?") == [("frob.cfg", "version")]
    assert ask_more("what's the title of the second example") == [("Example 2", "title")]
    assert ask_more("wich slice is frob.slice under") == [("frob.slice", "parent slice")]  # (a typo of "which")


def test_missing_files_units_and_unknown_names(ask_more):
    assert ask_more("what happens if /etc/frob.cfg doesnt exist") == [("/etc/frob.cfg", "when missing")]
    assert ask_more("What units is the frob drift in /etc/frob.cfg stored in?") == [("frob drift", "unit")]
    assert ask_more("where is widget.cfg located by default?") == []  # (no frob.cfg by its extension)
    assert ask_more("what does the force-frobnicate option do?") == []  # (an option the KB lacks)
    assert ask_more("what does an option do in frob.cfg") == [("option", "description")]
    assert ask_more("which options does frobctl --show accept") == [("frobctl", "options")]  # (one a value writes)
    assert ask_more("what does frobctl --frobnicate do") == []  # (an option of a command no triple writes)


def test_follow_ups_under_another_name_and_of_the_other_name(minilm):
    from kblam.conversation import facts_of, resolve
    from kblam.encoder import encode_kb
    from kblam.kb_index import name_index

    index, by_key = name_index(encode_kb(MORE, minilm))

    def resolved(*turns):
        return resolve([{"role": r, "content": c} for r, c in zip(("user", "assistant", "user"), turns, strict=True)],
                       index, facts_of(MORE, by_key)).question
    assert resolved("how many entries are under SECTIONS?", "Three.", "and under NOTES?") == (
        "how many entries are under NOTES?")  # (the question before, of the other name)
    assert resolved("Which line of /etc/frob.cfg holds the frob mode?", "The third line.",
                    "what values can it have?") == "what values can frob mode have?"  # (the other name it has a label of)


def test_respelling_and_dotted_parts_leave_identifiers_alone():
    from kblam.clauses import wh_respelt
    from kblam.entities import NameIndex

    assert wh_respelt("tell me wich slice it is under") == "tell me which slice it is under"
    assert wh_respelt("which protocol does dhe-rsa-aes256 belong to") == "which protocol does dhe-rsa-aes256 belong to"
    assert wh_respelt("the default rho of Adadelta") == "the default rho of Adadelta"  # (three letters: swaps only)
    assert wh_respelt("Bryn AWS WMO number?") == "Bryn AWS WMO number?"  # (an acronym)
    assert wh_respelt("what does --inspect-wiat do") == "what does --inspect-wiat do"  # (a part of an identifier)
    index = NameIndex(["dpkg.cfg", "torch.nn.functional.conv1d", "Line 1", "Line 2", "Example 1", "Example 2"])
    assert not index.find("where is dselect.cfg kept?")[0]  # (another file of that extension)
    assert [m.name for m in index.find("What arguments does F.conv1d take?")[0]] == [index.key_of("torch.nn.functional.conv1d")]
    assert [m.name for m in index.find("the first Line 2 tram")[0]] == [index.key_of("Line 2")]  # (no ordinal of a line)
    assert [m.name for m in index.find("the command in the second example")[0]] == [index.key_of("Example 2")]
