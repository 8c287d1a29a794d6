"""Names the twenty-fourth hand-written batch (a parish council, a repair café network, an astronomy society, a
boatyard; thirty-seventh session, written by a writer who did not see the matching code; first contact through the
API 57/112) wrote in ways the name index missed, fixed in general form after that first contact: a person by the given
name alone, written with a capital ("Hattie" of "Hattie O'Rourke (network coordinator)", "Amit" of "Dr Amit Varma",
"Nell" of "Nell Trewin", though "nell" is an English word); a nickname in quotes ("Sparky" of "Bob 'Sparky' Ellery");
a roman numeral written as a number ("Mary Ellen 2" of "Mary Ellen II")."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex

NAMES = ["Hattie O'Rourke (network coordinator)", "Dr Amit Varma", "Nell Trewin", "Bob 'Sparky' Ellery",
         "Ellery Electrical Services Ltd", "Mary Ellen II", "Gwen Harcourt", "Ashgrove Library", "Ashgrove Men's Shed",
         "Christopher 'Kit' Marsh (Treasurer)", "Second Wind", "Sill Gate"]


def found(index: NameIndex, question: str) -> list[tuple[str, str]]:
    mentions, _ = index.find(question)
    return [(index.display[m.name], m.said) for m in mentions]


@pytest.mark.parametrize(("question", "name", "said"), [
    ("Give me Hattie's e-mail and phone number.", "Hattie O'Rourke (network coordinator)", "Hattie"),
    ("What sort of things can Amit fix?", "Dr Amit Varma", "Amit"),
    ("What time is Nell in the office?", "Nell Trewin", "Nell"),
    ("whats Sparky's number", "Bob 'Sparky' Ellery", "Sparky"),
    ("Is Sparky Ellery in on Saturday?", "Bob 'Sparky' Ellery", "Sparky Ellery"),
    ("Mary Ellen 2's hull ID number?", "Mary Ellen II", "Mary Ellen 2"),
])
def test_a_person_by_the_given_name_or_nickname_and_a_numeral_as_a_number(question, name, said):
    assert found(NameIndex(NAMES), question) == [(name, said)]


def test_what_stays_unnamed():
    index = NameIndex(NAMES)
    assert found(index, "Where is the kit kept?") == []  # a short nickname that is a word is no name alone
    assert found(index, "when does the nell ring?") == []  # a given name that is a word, in lower case
    assert found(index, "Who runs Ashgrove?") == []  # a first word two names share
    assert found(index, "Mary Ellen 3's hull ID number?") == []  # another number
