"""Fixes from the sixty-eighth session, as general forms, found on KBs from man pages (the eighty-eighth batch: tags,
org.freedesktop.timedate1, gitformat-chunk), each asked through the API on the first round's code.

"X=true" asks its "when true"; "what does a X line look like" its format, the "!" of a pseudo-tag's name masked with
it; "the --quiet option of X" is an option the KB lacks; "why should I bother using X" asks its benefit; a name's last word written in the plural with a typo ("chunk ofsets") is found."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam.kb import Triple

FACTS = [
    Triple("frobs", "description", "frob archive format"), Triple("frobs", "man section", "5"),
    Triple("relative", "type", "b (boolean)"), Triple("relative", "when true", "the value is added to the current time"),
    Triple("relative", "when false", "the current time is set to the value"),
    Triple("SetTime()", "description", "changes the clock"), Triple("SetTime()", "arguments", "in x usec, in b relative"),
    Triple("fix_system", "when true", "the time from the RTC is read again and the system clock is adjusted"),
    Triple("fix_system", "when false", "the system time is written to the RTC taking the new setting into account"),
    Triple("fix_system", "use false in", "configuration UIs run during normal operation, where the system clock is "
                                         "probably more reliable than the RTC"),
    Triple("!_TAG_PROGRAM_AUTHOR", "format", "!_TAG_PROGRAM_AUTHOR {author-name} /{email-address}/"),
    Triple("!_TAG_PROGRAM_AUTHOR", "purpose", "documentation only"),
    *(Triple(n, "description", f"the {n} field of a tag line") for n in ("class", "enum", "file", "function", "kind",
                                                                          "struct", "union")),
    Triple("tags file", "sort order", "sorted on {tagname}"), Triple("tags file", "field separator", "one TAB"),
    Triple("chunk-format.h", "contents", "declarations of functions"),
    Triple("chunk-format.h", "benefit", "extra checks that help developers"),
    Triple("chunk", "size", "the difference between two offsets"),
    Triple("Chunk Offset", "size", "8 bytes"), Triple("Chunk Offset", "byte order", "network byte order"),
]
ask = _asking(FACTS)


def test_set_to_a_value_asks_what_it_does_then(ask):
    assert ("relative", "when true") in ask("if i call SetTime with relative=true what happens")  # (beside the
    # arguments that write it)
    assert ask("what does fix_sytem=false do") == [("fix_system", "when false")]


def test_names_and_phrases_of_this_batch(ask):
    assert ask("What does a !_TAG_PROGRAM_AUTHOR line look like") == [("!_TAG_PROGRAM_AUTHOR", "format")]
    assert ask("What does the class field hold?") == [("class", "description")]
    assert ask("what does the --quiet option of SetTime() do?") == []  # (an option the KB lacks)
    assert ask("why should I bother using the functions in chunk-format.h instead of writing my own parser?") == [
        ("chunk-format.h", "benefit")]
    assert ask("what byte order are the chunk ofsets stored in") == [("Chunk Offset", "byte order")]


MORE = [
    Triple("frobs", "description", "frob archive format"), Triple("frobs", "man section", "5"),
    Triple("object type", "valid values", "OBJ_COMMIT (1), OBJ_TREE (2), OBJ_TAG (4)"),
    Triple("object type", "invalid value", "0"),
    Triple("StaticHostname", "description", 'the "static" hostname configured in /etc/hostname'),
    Triple("StaticHostname", "when unset", "the empty string"),
    Triple("systemd-frobd.service", "description", "a system service that controls the frob archives"),
    Triple("systemd-frobd.service", "man section", "8"),
    Triple("PrettyHostname", "storage", "/etc/machine-info"), Triple("PrettyHostname", "description", "a free-form name"),

]
ask_more = _asking(MORE)
ask_bus = _asking([*MORE[:2], Triple("org.example.frob1", "description", "The D-Bus interface of systemd-frobd"),
                   Triple("org.example.frob1", "object path", "/org/example/frob1"), *MORE[6:8]])


def test_a_constant_a_value_defines_and_the_file_asked(ask_more):
    assert ask_more("OBJ_TAG type number?") == [("object type", "valid values")]  # ("OBJ_TAG (4)")
    assert ask_more("Which file does the StaticHostname property read its value from?") == [
        ("StaticHostname", "description")]  # (the one value that writes a path)
    assert ask_more("which file stores PrettyHostname") == [("PrettyHostname", "storage")]
    assert ask_more("what is systemd-frobd?") == [("systemd-frobd.service", "description")]  # (a unit by its name)
    assert ask_more("Which configuration file does systemd-frobd read its settings from?") == []  # (no value a file)


def test_a_label_held_by_the_interface_that_names_the_unit(ask_bus):
    assert ask_bus("what is the object path of systemd-frobd?") == [("org.example.frob1", "object path")]
