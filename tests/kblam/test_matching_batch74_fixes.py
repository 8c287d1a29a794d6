"""Fixes from the sixty-first session's second round, as general forms, found on KBs from systemd.slice(5),
filesystems(5) and deb-override(5) (and the rest of the seventy-third batch), each asked through the API before any
fix.

A follow-up "what about the # character?" is the question before, of that name (a kind noun after it is filler); a
KB name that is a word of a label the question writes ("which man section is it in?", where "section" is a name too)
is that word when "it" names the entity. A setting written with its "=" that the KB lacks is what the question is
about beside a section it writes ("ParentSlice= … in the [Slice] section"). A sentence whose subject is the entity in
the plural ("Slice units cannot be templated" of "slice unit") answers a yes/no question about it. "slice file" names
.slice, not the example foo.slice. A value that writes another name the question writes answers it ("is it hard to go
back from ext3 to ext2?"). "what extra info does X give" asks what it provides; "what does X count" its unit or what
it is; a place is read from "second field of an entry (…)" too; a why-question of an entity with a purpose asks that."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.answer_shape import _about_itself, why_stated
from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.value_lookup import _PLACE_VALUE

ask_slice, ask_filesystems, ask_override = (_asking(_snapshot(n)) for n in ("systemdslice", "filesystems5", "deboverride"))


def _turns(*said):
    return [{"role": role, "content": text} for role, text in zip(["user", "assistant"] * 2, said, strict=False)]


def test_follow_ups_with_a_kind_noun_or_a_label_word():
    index = NameIndex(["indices", "#", "dpkg-scanpackages", "section", "override file"], {"man", "section"})
    assert resolve(_turns("what's the indices dir?", "A directory.", "what about the # character?"), index).question != (
        "what about the # character?")
    turns = _turns("what does dpkg-scanpackages have to do with override files?", "A tool.", "and which man section is it in?")
    assert resolve(turns, index).question == "and which man section is dpkg-scanpackages in?"


def test_an_unknown_setting_beside_a_section():
    index = NameIndex(["[Slice]", "After=", "Before=", "Requires=", "foo.slice"])
    mentions, misses = index.find("what does ParentSlice= do in the [Slice] section?")
    assert mentions == [] and misses[0].said == "ParentSlice"
    mentions, _ = index.find("what does the [Slice] section hold?")
    assert [index.display[m.name] for m in mentions] == ["[Slice]"]


def test_a_sentence_about_the_entity_in_the_plural():
    assert _about_itself("slice unit", "Slice units cannot be templated.")
    assert _about_itself("trailing spaces", "Trailing spaces are ignored unless quoted")
    assert not _about_itself("slice unit", "Slices are organized hierarchically in a tree")


def test_the_kind_of_file_named_by_the_kb_itself():
    index = NameIndex([".slice", "foo.slice", "machine.slice"])
    mentions, _ = index.find("does a .slice file support any options of its own?")
    assert [index.display[m.name] for m in mentions] == [".slice"]


def test_intents_for_what_it_provides_and_what_it_counts():
    assert intended("what extra info does X give you on a cd", ["description", "provides", "detection"]) == ["provides"]
    assert "provides" in intended("what does X provide?", ["description", "provides"])
    assert "unit" in intended("what does X count?", ["unit", "default"])  # (a count's unit, or what it is)
    assert why_stated("why do X get Conflicts= on umount.target?", [
        ("dependency", "automount units get Conflicts= on umount.target"), ("purpose", "so that they stop")]) == []


def test_a_place_in_a_line_with_the_line_written_after_it():
    assert _PLACE_VALUE.fullmatch("second field of an entry (package priority section [maintainer-info])")
    index = NameIndex(["a man page", "section", "it"], {"man", "section"})
    mentions, _ = index.find("how does a section's name tell you where it sits?")  # ("a", no word of a label)
    assert [index.display[m.name] for m in mentions] == ["section"]


def test_a_value_naming_a_one_character_key_by_its_alias_does_not_crash():
    from types import SimpleNamespace

    from kblam.matching import name_index

    index = name_index(SimpleNamespace(triples=_snapshot("hosts5"), derived={}))[0]
    index.find("what is ip6-localhost ip6-loopback?")  # (an alias of "::1", whose key "1" names nothing shown: was a KeyError)


@pytest.mark.realmodel
def test_slice_filesystem_and_override_questions(ask_slice, ask_filesystems, ask_override):
    assert ask_slice("can i tempalte a slice unit, like foo@.slice?") == [("slice unit", "templating")]
    assert ask_slice("does a .slice file support any options of its own?") == [(".slice", "specific options")]
    assert ask_slice("what does ParentSlice= do in the [Slice] section?") == []
    assert ask_filesystems("is it hard to go back from ext3 to ext2?") == [("ext3", "notes")]
    assert ("ext4", "description") in ask_filesystems("what does ext4 improve over ext3")
    assert ask_filesystems("what extra info does rock ridge give you on a cd") == [("Rock Ridge", "provides")]
    assert ("priority", "description") in ask_override("what's the 2nd column in an override entry")
