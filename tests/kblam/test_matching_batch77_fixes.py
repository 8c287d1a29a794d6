"""Fixes from the sixty-third session, as general forms, found on KBs from man pages (the seventy-sixth batch left
open, then the seventy-seventh and seventy-eighth batches), each asked through the API before any fix.

A follow-up that is an ordinal alone ("and the third?") asks the question before of that ordinal. A near miss written
in lower-case English words ("the deny lines") describes a thing rather than naming one. A file in the home directory
and its page share their facts; "a shlibs line" names the shlibs file. "per-user or system-wide" asks for a scope, "what
is X documenting" for a description, "what character separates" for a separator; "a single …" answers "how many". A
value several entities hold, written before its kind ("the ignore option"), is the name."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.kb import Triple


def _turns(*texts: str) -> list[dict]:
    return [{"role": ("user", "assistant")[i % 2], "content": t} for i, t in enumerate(texts)]


def test_an_ordinal_alone_asks_the_question_before_of_that_ordinal():
    index = NameIndex(["DS resource record", "DNSKEY resource record"])
    said = resolve(_turns("What's the second word of a DS record?", 'It must be "IN".', "and the third?"), index)
    assert said.question == "What's the third word of a DS record?"
    said = resolve(_turns("What is the first field of DS resource record?", "x", "what about the last one?"), index)
    assert said.question == "What is the last field of DS resource record?"
    named = resolve(_turns("What's the first word of DS resource record?", "x", "and the 4th?"), index)
    assert named.question == "What's the 4th word of DS resource record?"
    # a question before with two ordinals, or none, is not rewritten so
    two = resolve(_turns("Is the first word before the second?", "yes", "and the third?"), index)
    assert two.question == "and the third?"


def test_words_describing_a_thing_are_no_near_miss():
    from kblam.mentions import NearMiss
    from kblam.not_names import plain_words

    assert plain_words(NearMiss("deny lines", ("deny statements",)))
    assert plain_words(NearMiss("group's", ("group name",)))
    assert not plain_words(NearMiss("Model X9-glx", ("Model X9-dri",)))  # a code: a name mistyped or another's
    assert not plain_words(NearMiss("nopasswd", ("exclusive",)))  # no English word
    assert not plain_words(NearMiss("Slab objects", ("Slab field",)))  # a capital
    assert not plain_words(NearMiss("flea treatment spray", ("Flea Treatment Bath",)))  # beside a proper name


def test_a_file_in_the_home_directory_and_its_page_share_their_facts():
    from kblam.name_variants import twins_completed

    triples = [Triple("user-dirs.dirs", "man section", "5"), Triple("$HOME/.config/user-dirs.dirs", "file type", "text file"),
               Triple("~/.config/mimeapps.list", "owner", "the user"), Triple("mimeapps.list", "description", "defaults")]
    names = sorted({t.name for t in triples})
    by_key = {n: [i for i, t in enumerate(triples) if t.name == n] for n in names}
    done = twins_completed(by_key, triples, lambda n: n)
    assert done["user-dirs.dirs"] == [0, 1] and done["$HOME/.config/user-dirs.dirs"] == [1, 0]
    assert done["mimeapps.list"] == [3, 2]


def test_a_file_named_by_its_lines():
    from kblam.name_variants import everyday_forms

    assert everyday_forms("shlibs file") == ["shlibs line", "shlibs lines", "shlibs entry", "shlibs entries"]
    index = NameIndex(["deb-shlibs", "shlibs file", "debian/shlibs", "DEBIAN/shlibs"])
    for question in ("show me an example shlibs line", "Give me the line format of a shlibs entry."):
        mentions, _ = index.find(question)
        assert [index.display[m.name] for m in mentions] == ["shlibs file"], question


def test_kinds_of_property_said_otherwise():
    from kblam.answer_kinds import fits_kind
    from kblam.intents import intended
    from kblam.wording import answer_kind

    assert intended("is the X file per-user or system-wide?", ["file type", "scope"]) == ["scope"]
    assert intended("What is X actually documenting?", ["man section", "description"]) == ["description"]
    assert intended("what character separates the user from its options", ["optional", "separator"]) == ["separator"]
    kind = answer_kind("How many login sessions can a user marked exclusive have at once?")
    assert kind is not None and fits_kind(kind, "sessions allowed", "only a single login session")


ask_options = _asking([Triple("ignore", "description", "The module will never return PAM_SUCCESS status for the user."),
                       Triple("ignore", "kind", "recognized option"), Triple("%staff_u", "example option", "ignore"),
                       Triple("%user_u", "example option", "ignore"),
                       Triple("PAM_SUCCESS", "description", "the status the module never returns for a user")])


def test_a_value_many_hold_is_the_name_before_its_kind(ask_options):
    asked = ask_options("Does the ignore option ever let the module return PAM_SUCCESS?")
    assert asked and asked[0][0] == "ignore"


def test_the_name_after_instead_of_is_not_asked_about():
    index = NameIndex(["@group", "<user>", "exclusive"])
    mentions, _ = index.find("How do I specify a whole group instead of a single user?")
    assert [index.display[m.name] for m in mentions] == ["@group"]
    mentions, _ = index.find("Should I use a user rather than a group?")
    assert [index.display[m.name] for m in mentions] == ["<user>"]
    mentions, _ = index.find("instead of a user?")  # (alone, it stays what the question is about)
    assert [index.display[m.name] for m in mentions] == ["<user>"]


def test_a_turn_matched_by_meaning_gives_the_follow_up_its_entity():
    index = NameIndex(["DS resource record", "masked"])
    turns = _turns("What's the second word of a trust anchor line?", "IN", "and is it required?")
    assert resolve(turns, index).question == "and is it required?"  # (no name: nothing to carry)
    asked = []

    def about(question: str) -> str | None:
        asked.append(question)
        return "DS resource record" if "trust anchor line" in question else None

    assert resolve(turns, index, about=about).question == 'and is DS resource record required?'
    assert asked == ["What's the second word of a trust anchor line?"]  # (the last turn is not matched here)
    named = _turns("What's the first word of DS resource record?", "x", "what's the second word of it?")
    assert resolve(named, index, about=lambda q: "masked").question == "what's the second word of DS resource record?"


def test_a_count_of_things_is_no_length_of_a_value():
    from kblam.wording import answer_kind

    assert answer_kind("In a range line of the CHARMAP section, what separates the two characters?") is None
    assert answer_kind("Is the comment mandatory on a single-character line?") is None
    assert answer_kind("What's the two-letter code for Maori?")[0] == "2-letter"
    assert answer_kind("which three letters stand for it?")[0] == "3-letter"


def test_two_releases_of_one_program_leave_its_bare_name_to_neither():
    from kblam.name_variants import versioned_forms

    assert "dpkg" in versioned_forms("dpkg 1.22.x") and "dpkg v1.22.x" in versioned_forms("dpkg 1.22.x")
    index = NameIndex(["dpkg 1.21.10", "dpkg 1.22.x", "vendor file"])
    mentions, _ = index.find("what does dpkg do with the vendor file?")
    assert [index.display[m.name] for m in mentions] == ["vendor file"]


def test_an_identifier_part_said_in_full():
    from kblam.shortened_names import abbreviated_forms

    assert abbreviated_forms("comment_char") == ["comment character"]
    index = NameIndex(["<comment_char>", "<escape_char>", "charmap"])
    mentions, _ = index.find("What's the default comment character in a charmap file?")
    assert [index.display[m.name] for m in mentions] == ["<comment_char>", "charmap"]


def test_an_ordinal_follow_up_with_the_matcher_given():
    """An ordinal turn read with ``about`` given (as the engine does): the turn's place in the conversation is kept apart
    from the ordinal found (it once took the ordinal's match and failed)."""
    index = NameIndex(["DS resource record"])
    turns = _turns("What's the second word of a trust anchor line?", "IN", "and the third?", "x", "and the fourth?")
    said = resolve(turns, index, about=lambda q: None)
    assert said.question == "What's the fourth word of a trust anchor line?"


def test_a_name_less_its_qualifier_is_still_a_near_miss():
    from kblam.mentions import NearMiss
    from kblam.not_names import plain_words

    miss = NearMiss("neutron mass energy equivalent", ("neutron molar mass",))
    assert plain_words(miss) and not plain_words(miss, ["neutron mass energy equivalent in MeV", "neutron molar mass"])
