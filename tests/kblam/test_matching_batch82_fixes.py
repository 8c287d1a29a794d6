"""Fixes from the sixty-fifth session, as general forms, found on KBs from man pages (the eighty-second batch:
scr_dump, gitprotocol-capabilities, repertoiremap), each asked through the API before any fix of this round.

A thing placed in a page the KB only cites ("the default escape character in a charmap file") is a near miss, and so is
a coined section ("the WIDTH section"). "Which localedef option …?" of a KB that names no option asks for what it
lacks. "Is X required when …?" is answered by its "optional". "A keyword or a plain string" offers two values. Of two
labels written, the one written as it is and the longer ("different screen size", not "screen size" or "dump size")
points at its holder. A constant of four words or more is found by its words ("the SVr4 magic number"). A possessive
ends no name ("repertoiremap's" is no "repertoiremaps"). A KB name that is a word of a label, beside another name, is
that word only where the rest of the label is written ("the ncurses6 getwin" of a "getwin requirement" stays a name).
A word of the chosen label written outweighs another label written whole. "… and does the client send it back too?"
is a second clause. A code a value opens before "(aka …)" is what that value explains."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from bench.fresh_kbs import BUILDERS
from kblam.clauses import split_clauses
from kblam.kb import Triple

REPERTOIRE = [
    Triple("repertoiremap", "description", "map symbolic character names to Unicode code points"),
    Triple("repertoiremap", "man section", "5"), Triple("repertoiremap", "version", "6.03"),
    Triple("repertoiremap", "suite", "Linux man-pages"),
    Triple("repertoire map", "description", "defines mappings between symbolic character names and Unicode code points"),
    Triple("repertoire map", "optional", "yes; using a repertoire map is optional"),
    Triple("repertoire map", "when needed", "only when symbolic names are used instead of Unicode code points"),
    Triple("repertoire map", "used by", "localedef(1), when compiling a locale"),
    Triple("escape_char", "default", "the backslash (\\)"),
    Triple("escape_char", "purpose", "to mark characters that should be interpreted in a special way"),
    Triple("comment_char", "default", "the number sign (#)"),
    Triple("CHARIDS", "description", "keyword that starts the mapping section"), Triple("CHARIDS", "type", "keyword"),
    Triple("END CHARIDS", "description", "string that ends the mapping section"), Triple("END CHARIDS", "type", "string"),
    Triple("END CHARIDS", "opening keyword", "CHARIDS"),
    Triple("/usr/share/i18n/repertoiremaps", "description", "Usual default repertoire map path"),
    Triple("localedef", "man section", "1"),
    Triple("localedef", "role", "compiles a locale; a repertoire map supplies symbolic-name mappings"),
    Triple("locale", "man sections", "1 and 5"), Triple("locale", "listed in", "SEE ALSO of repertoiremap(5)"),
    Triple("charmap", "man section", "5"), Triple("charmap", "listed in", "SEE ALSO of repertoiremap(5)"),
]
ask_repertoire = _asking(REPERTOIRE)

DUMP = [Triple(t["name"], t["property"], t["value"]) for t in BUILDERS["scrdump"]()]  # (the KB as it was met)
ask_dump = _asking(DUMP)

CAPS = [
    Triple("gitprotocol-capabilities", "man section", "5"),
    Triple("gitprotocol-capabilities", "description", "Protocol v0 and v1 capabilities"),
    Triple("delete-refs", "meaning", "the server can accept a zero-id value as the target of a reference update"),
    Triple("delete-refs", "sent by", "the server only; it is not sent back by the client"),
    Triple("ofs-delta", "description", "PACKv2 with delta referring to its base by position in pack"),
    Triple("ofs-delta", "object type", "OBJ_OFS_DELTA (aka type 6)"),
    Triple("thin-pack", "description", "the server can send a thin pack"),
]
ask_caps = _asking(CAPS)


def test_a_cited_page_as_the_place_a_coined_section_and_an_option_of_a_kb_without_options(ask_repertoire):
    assert ask_repertoire("What is the default escape character in a charmap file?") == []
    assert ask_repertoire("What is the default escape character?") == [("escape_char", "default")]
    assert ask_repertoire("what does the WIDTH section in a repertoiremap do") == []
    assert ask_repertoire("Which localedef option do I use to point it at a repertoire map file?") == []


def test_required_when_a_plain_string_and_a_possessive_page(ask_repertoire):
    assert ask_repertoire("Is a repertoire map required when I compile a locale?") == [("repertoire map", "optional")]
    assert ask_repertoire("is END CHARIDS a keyword or a plain string") == [("END CHARIDS", "type")]
    assert ask_repertoire("repertoiremap's version?") == [("repertoiremap", "version")]


def test_labels_names_and_constants_of_a_dump_format(ask_dump):
    assert ask_dump("can i load a dump on a terminal with a different screen size") == [
        ("ncurses6", "different screen size")]
    assert ask_dump("give me the byte order used when writing the SVr4 magic number") == [
        ("SVR4_DUMP_MAGIC_NUMBER", "byte order")]
    assert ask_dump("What does Solaris xpg4 getwin demand of the header parameters when reading a dump?") == [
        ("xpg4 curses library", "getwin requirement")]
    assert ("getwin", "legacy dumps") in ask_dump("Can the ncurses6 getwin still read old ncurses5 dumps?")


def test_a_second_clause_pointing_back_and_a_code_a_value_opens(ask_caps):
    assert split_clauses("what does X mean and does the client send it back too?")[1] == [
        "what does X mean", "does the client send it back too?"]
    assert ask_caps("what does delete-refs mean and does the client send it back too?") == [
        ("delete-refs", "meaning"), ("delete-refs", "sent by")]
    assert ask_caps("What type number does OBJ_OFS_DELTA have in a packfile?") == [("ofs-delta", "object type")]
