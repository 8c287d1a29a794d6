"""Fixes from the sixty-sixth session, as general forms, found on KBs from man pages (the eighty-third batch:
fips_config, Xsession.options, gitformat-index), each asked through the API before any fix of this round.

A word of a man page's own name is the place its names live, no other name: "the index header" of gitformat-index's
"header", "the index little endian" no near miss of its "index entry". A class the KB names in the plural is found by
its singular after an article ("an extension", "the same option"; not "the noauto option"), and with a typo too ("a
continous test" of "continuous tests"). An abbreviation names its holder ("what is IEOT for"). "How big is X" asks its
size; "can X safely be ignored" when it is optional; "under what circumstances" its conditions; "does X need anything
installed first" its requirement; "what happens once X" its effect. Of two labels close in score, the one of two words
or more written whole ("in what order are entries sorted": "sort order") beats one whose value writes the verb."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam.entities import NameIndex
from kblam.kb import Triple

PACKFILE = [
    Triple("gitformat-pack-index", "description", "Git pack index format"), Triple("gitformat-pack-index", "man section", "5"),
    Triple("pack index file", "byte order", "network byte order throughout"),
    Triple("pack index file", "location", "$GIT_DIR/objects/pack/*.idx"),
    Triple("header", "size", "8 bytes"), Triple("header", "magic", "\\377tOc"),
    Triple("header", "object count", "32-bit number of objects"),
    Triple("index table", "sort order", "by object name, ascending"),
    Triple("index table", "same-prefix order", "objects sharing a prefix are sorted by offset"),
    Triple("index table", "entry size", "24 bytes"),
    Triple("trailers", "optional when", "the first byte of the trailer tag is a lower-case letter"),
    Triple("trailers", "identified by", "a four-letter tag"),
    Triple("Large Offset Table", "abbreviation", "LOFT"),
    Triple("Large Offset Table", "purpose", "holds 64-bit offsets of objects past 2 GiB"),
    Triple("Large Offset Table", "position", "must come right after the fanout table"),
    Triple("Large Offset Table", "contents", "8-byte offsets in network byte order"),
    Triple("Fanout Table", "abbreviation", "FNT"), Triple("Fanout Table", "purpose", "speeds up lookup by first byte"),
    Triple("deferred checks", "examples", "a CRC check of each object, or a trailing checksum test"),
    Triple("deferred checks", "description", "checks run after the whole file is read"),
    Triple("repack", "requirement", "the zlib library is installed"), Triple("repack", "default", "enabled"),
    Triple("repack", "conditions", "the pack holds more than 50 loose objects and no other repack is running"),
    Triple("repack", "description", "rewrites the packs into one"),
    Triple("corrupt state", "trigger", "any checksum fails"),
    Triple("corrupt state", "effect", "no object of the pack can be read any more"),
]
ask_pack = _asking(PACKFILE)


def test_a_word_of_the_pages_name_is_the_place_not_another_name(ask_pack):
    assert ask_pack("how big is the index header") == [("header", "size")]
    assert ask_pack("is the pack index little endian or big endian?") == [("pack index file", "byte order")]
    assert ask_pack("what magic starts the index header?") == [("header", "magic")]


def test_a_plural_class_by_its_singular_and_an_abbreviation(ask_pack):
    assert ask_pack("How do I know whether a trailer I don't know can safely be ignored?") == [("trailers", "optional when")]
    assert ask_pack("what is LOFT for") == [("Large Offset Table", "purpose")]
    assert ask_pack("what does a defered check do?") == [("deferred checks", "description")]


def test_the_singular_after_another_name_is_its_kind_noun():
    index = NameIndex(["noauto", "nofail", "options", "extensions"], vocabulary={"description"})
    assert [m.name for m in index.find("what does the noauto option do?")[0]] == ["noauto"]
    assert [m.name for m in index.find("can an extension be skipped?")[0]] == ["extensions"]


def test_sizes_conditions_requirements_effects_and_a_label_written_whole(ask_pack):
    assert ask_pack("In what order is the index table sorted?") == [("index table", "sort order")]
    assert ask_pack("Under what circumstances does repack actually run?") == [("repack", "conditions")]
    assert ask_pack("Does repack need anything installed first?") == [("repack", "requirement")]
    assert ask_pack("what happens once the pack is in corrupt state") == [("corrupt state", "effect")]
    assert ask_pack("Where in the file does the Large Offset Table have to go?") == [("Large Offset Table", "position")]


# the eighty-fourth batch (org.freedesktop.import1, gitformat-signature, gitprotocol-http), met on round-1 code
BUS = [
    Triple("org.freedesktop.login1", "description", "the logind bus name"),
    Triple("org.freedesktop.login1", "object path", "/org/freedesktop/login1"),
    Triple("org.freedesktop.login1.Session", "object path", "/org/freedesktop/login1/session/<id>"),
    Triple("org.freedesktop.login1.Session", "methods", "Lock(), Unlock(), Terminate()"),
    Triple("org.freedesktop.login1.Seat", "object path", "/org/freedesktop/login1/seat/<id>"),
    Triple("SessionNew", "when sent", "each time a user logs in and a session is created"),
    Triple("SessionNew", "arguments", "the session ID and its object path"),
    Triple("SessionRemoved", "when sent", "each time a session ends"),
    Triple("lazy fetch", "description", "fetches objects only as $REPO/objects/pack/index is read"),
    Triple("lazy fetch", "requires", "a server that allows filters"),
    Triple("objects/pack/index", "line format", "one pack name per line"),
    Triple("objects/pack/index", "content type", "text/plain"),
    Triple("eager fetch", "description", "fetches every object at once"),
]
ask_bus = _asking(BUS)


def test_a_reverse_domain_name_by_its_last_parts_and_when_a_signal_fires(ask_bus):
    assert ask_bus("whats the object path of the login1 session") == [("org.freedesktop.login1.Session", "object path")]
    assert ask_bus("When does the SessionNew signal fire?") == [("SessionNew", "when sent")]


def test_a_word_that_begins_a_name_citing_this_one_is_its_place():
    index = NameIndex(["lazy fetch", "eager fetch", "objects/pack/index", "orchid", "dark slate gray"],
                      described={"lazy fetch": {"fetches", "objects", "only", "as", "repo", "pack", "index", "is", "read"}})
    assert [m.name for m in index.find("give me the line format of the lazy objects/pack/index file")[0]] == [
        "objects pack index"]
    assert index.find("the hex code for dark orchid?")[1][0].said == "dark orchid"  # (a colour the KB lacks)


FORMAT = [
    Triple("packfile", "man section", "5"), Triple("packfile", "description", "the pack format"),
    Triple("pack file", "generated by", "the git-pack-objects(1) program"), Triple("pack file", "section", "objects"),
    Triple("git-pack-objects", "man section", "1"), Triple("git-pack-objects", "description", "creates packs"),
    Triple("delta undo", "signature", "DLTU"), Triple("delta undo", "missing base mode", '"0"'),
    Triple("mode", "size", "32 bits"), Triple("base", "size", "20 bytes"),
    Triple("UnpackImage()", "placement", "a directory below /var/lib/images/"),
    Triple("UnpackImage()", "input", "a tar image, optionally compressed"),
]


def _resolve_format(*turns: str) -> str:
    from kblam import conversation
    from kblam.kb_index import name_index

    class _KB:  # the two fields the name index reads (it needs no encoder)
        triples, derived = FORMAT, {}
    index, by_key = name_index(_KB())
    messages = [{"role": ("user", "assistant")[k % 2], "content": t} for k, t in enumerate(turns)]
    return conversation.resolve(messages, index, conversation.facts_of(FORMAT, by_key)).question


def test_a_follow_up_that_writes_a_label_of_the_entity_and_one_about_the_thing_answered():
    assert "delta undo" in _resolve_format("What signature does the delta undo extension use?", "DLTU.",
                                           "and what's written as the mode for a missing base?")
    assert "git-pack-objects" in _resolve_format("Who generates the pack file?", "The git-pack-objects(1) program.",
                                                 "what man section is that in?")


def test_where_a_call_puts_what_it_makes(minilm):
    from test_matching_words import asker

    assert asker(FORMAT, minilm)("Where does UnpackImage() put the unpacked image?") == [("UnpackImage()", "placement")]


SETTINGS = [
    Triple("strict-mode", "description", "whether lax input is rejected"),
    Triple("strict-mode", "allowed values", "'1' or '0'"),
    Triple("strict-mode", "value 1 effect", "lax input is rejected with an error"),
    Triple("strict-mode", "value 0 effect", "lax input is accepted and a warning is logged"),
    Triple("strict-mode", "checked items", "header lengths and field names"),
    Triple("seal-tag", "when written", "each time the state file is updated"),
    Triple("seal-tag", "purpose", "to catch accidental edits of the state file"),
]
ask_settings = _asking(SETTINGS)


def test_the_member_of_a_numbered_family_whose_number_is_written_and_a_why_clause(ask_settings):
    assert ask_settings("what happens if I set strict-mode to 0?") == [("strict-mode", "value 0 effect")]
    assert ask_settings("tell me what strict-mode = 1 does") == [("strict-mode", "value 1 effect")]
    assert ask_settings("strict-mode allowed values, 0 or 1?") == [("strict-mode", "allowed values")]
    assert ask_settings("when is seal-tag written and why is it there?") == [("seal-tag", "purpose"),
                                                                            ("seal-tag", "when written")]


def test_a_written_number_whose_family_member_is_not_in_the_pool_leaves_the_pool_as_it_is(minilm):
    """Found by the all-KB run: the member of a numbered family whose number is written ("former alpha-3 code") was
    already out of the pool, and the pool was left empty (a crash)."""
    from test_matching_words import asker

    rows = [Triple("Ostland", "ISO 3166-3 code", "OSTL"), Triple("Ostland", "former alpha-3 code", "OST"),
            Triple("Ostland", "former alpha-2 code", "OS"), Triple("Ostland", "withdrawn", "1991"),
            Triple("Westmark", "ISO 3166-3 code", "WMKX"), Triple("Westmark", "former alpha-3 code", "WMK"),
            Triple("Westmark", "former alpha-2 code", "WM"), Triple("Westmark", "withdrawn", "1993")]
    assert asker(rows, minilm)("What four-letter code does ISO 3166-3 assign to Ostland?") == [
        ("Ostland", "ISO 3166-3 code")]


def test_a_number_inside_a_standards_name_picks_no_member_of_a_numbered_family(minilm):
    """Found by the all-KB run: "according to ISO 639-3" writes the number of the "ISO 639-3 code" as the standard's
    name, not as the member asked for; the member is chosen only by a number written on its own ("set X to 0")."""
    from test_matching_words import asker

    rows = [Triple(n, p, v) for n, c1, c3, scope in (("Volapük", "vo", "vol", "individual"), ("Ido", "io", "ido", "individual"),
                                                      ("Quechua", "qu", "que", "macrolanguage"))
            for p, v in (("ISO 639-1 code", c1), ("ISO 639-3 code", c3), ("scope", scope))]
    assert asker(rows, minilm)("Is Quechua an individual language or a macrolanguage according to ISO 639-3?") == [
        ("Quechua", "scope")]
