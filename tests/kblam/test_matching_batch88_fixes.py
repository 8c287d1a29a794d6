"""Fixes from the sixty-eighth session, as general forms, found on KBs from man pages (the eighty-eighth batch: tags,
org.freedesktop.timedate1, gitformat-chunk), each asked through the API on the first round's code.

"X=true" asks its "when true"; "what does a X line look like" its format, the "!" of a pseudo-tag's name masked with
it; "the signature field", in a KB whose fields are plain words ("class", "kind"), is a field it lacks; "why should I
bother using X" asks its benefit; a name's last word written in the plural with a typo ("chunk ofsets") is found."""

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
    assert ask("What does the signature field hold in a tags file?") == []
    assert ask("What does the class field hold?") == [("class", "description")]
    assert ask("why should I bother using the functions in chunk-format.h instead of writing my own parser?") == [
        ("chunk-format.h", "benefit")]
    assert ask("what byte order are the chunk ofsets stored in") == [("Chunk Offset", "byte order")]
