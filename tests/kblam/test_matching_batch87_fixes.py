"""Fixes from the sixty-eighth session, as general forms, found on KBs from man pages (the eighty-seventh batch and
the two questions the last all-KB run lost).

"Which options does X create accept?" asks no value that opens with "create": the subcommand is part of what is
named, another verb follows it. "Give me the gdbus command to introspect X" asks the one value that is a command line
whose command and subcommand the question writes."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.kb import Triple

ask_bundle, ask_import = (_asking(_snapshot(n)) for n in ("gitbundle", "import1"))


def test_a_subcommand_before_another_verb_is_no_verb_a_value_opens_with(ask_bundle):
    assert ask_bundle("Which options does git bundle create accept?") == []


def test_a_command_line_whose_command_and_subcommand_are_written(ask_import):
    assert ask_import("Give me the gdbus command to introspect a Transfer object.") == [
        ("org.freedesktop.import1.Transfer", "example")]
    assert ask_import("which signals does the Transfer object send?") == [("org.freedesktop.import1.Transfer", "signals")]


FACTS = [
    Triple("frob-format", "description", "the frob archive formats"), Triple("frob-format", "man section", "5"),
    Triple("frob-format", "version", "Frob 3.1"),
    Triple("arc-*.frob", "signature", "{'F', 'R', 'O', 'B'}"),
    Triple("arc-*.frob", "version number", "Frob accepts version 2 or 3 but writes version 2 only"),
    Triple("arc-*.stamps", "units", "standard epoch seconds"),
    Triple("arc-*.stamps", "magic number", "0x53544d50 (STMP)"),
    Triple("Instruction to copy from base object", "format", "1xxxxxxx offset size"),
    Triple("Instruction to copy from base object", "byte order", "little-endian"),
    Triple("size encoding", "byte order", "later seven-bit chunks are more significant"),
    Triple("Chassis", "allowed values", '"desktop", "laptop", "server"'), Triple("Chassis", "description", "the form factor"),
    Triple("e_kind", "allowed values", "EK_NONE, EK_REL, EK_EXEC"), Triple("e_kind", "size", "two bytes"),
    Triple("EI_ORDER", "allowed values", "ORDER_LSB, ORDER_MSB"), Triple("EI_ORDER", "position", "sixth byte"),
    Triple("frobd", "lifetime", "starts only on request and exits after a short idle period"),
    Triple("frobd", "description", "the frob daemon"),
    Triple("cruft archive", "written by", "frob repack --cruft"),
    Triple("cruft archive", "description", "one archive holding the unreachable objects"),
    Triple("Hostname", "description", "the transient hostname"),
    Triple("SetHostname()", "format", "7-bit lowercase ASCII"),
    Triple("SetHostname()", "polkit action", "org.example.frob1.set-hostname"),
    Triple(".text", "description", "the executable instructions"), Triple(".text", "section type", "SHT_PROGBITS"),
    Triple(".text", "attributes", "SHF_ALLOC and SHF_EXECINSTR"),
    Triple(".note.frob-id", "description", "holds an ID of the image"), Triple(".note.frob-id", "section type", "SHT_NOTE"),
    Triple(".note.frob-id", "related option", "the --frob-id option to the linker"),
]
ask_facts = _asking(FACTS)


def test_names_of_this_batch(ask_facts):
    assert ask_facts("What unit are the timestamps in a .stamps file stored in?") == [("arc-*.stamps", "units")]
    assert ask_facts("which archive versions will frob accept when reading a .frob file") == [
        ("arc-*.frob", "version number")]
    assert ask_facts("what goes inside an arc-*.keep file") == []  # a pattern of file names the KB lacks
    assert ask_facts("what is the byte order of the base object?") == []  # what the instruction copies from, no name
    assert ask_facts("what alignment does the .text section need?") == []  # (its "section" no word asked)
    assert ask_facts("what are the attributes of the .text section") == [(".text", "attributes")]  # what the instruction copies from, no name of it
    assert ask_facts("What format must a hostname passed to SetHostname() have, and which polkit action does that "
                     "call need?") == [("SetHostname()", "format"), ("SetHostname()", "polkit action")]


def test_asking_phrases_of_this_batch(ask_facts):
    assert ask_facts("Tell me which chassis types are currently defined.") == [("Chassis", "allowed values")]
    assert ask_facts("Give me the list of object file types e_kind can hold.") == [("e_kind", "allowed values")]
    assert ask_facts("tell me the possible data encodings for EI_ORDER") == [("EI_ORDER", "allowed values")]
    assert ask_facts("Does frobd keep running all the time?") == [("frobd", "lifetime")]
    assert ask_facts("how do I make a cruft archive") == [("cruft archive", "written by")]
    assert ask_facts("How do I get a .note.frob-id section into my binary?") == [(".note.frob-id", "related option")]
    assert ask_facts("Are the offset and size bytes of the copy instruction big-endian?") == [
        ("Instruction to copy from base object", "byte order")]  # (a thing to do by its verb)
