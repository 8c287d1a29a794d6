"""Names the twenty-third hand-written batch (a dental practice, a drainage board's flood assets, a cricket league, a
toy library; thirty-fifth session, held out, first contact 83/112) wrote in ways the name index missed: a company or
surgery by its first words followed by ordinary lower-case words ("Hollins Brow tomorrow morning", "Northfold Physics
run out"), by its first word alone where the rest is what many of the KB's names say ("Brightwater" of "Brightwater
Dental Supplies Ltd", "the Kestrel courier" of "Kestrel Dental Laboratory"), its last words by their initials ("Wrangle
Fen PS"), a club without its short capitalised ending ("Little Brayford & Stoke Edith" of "… CC"), and typos: a
letter more ("Dr Priya Rahman"), letters swapped ("Brayfrod"), a letter left out of a surname alone
("Kettlebrough's"), "Zoe Lindquist" of "Ms Zoë Lindqvist"; and "the regular Wooden Farmyard Set, not the large one"
is the regular set. Follow-ups it missed: "their phone number" of the borrower the answer before named, "and for the
concession version?" of the membership's sibling, "who runs that session?" of the session asked about."""

from __future__ import annotations

import pytest

from kblam import conversation
from kblam.entities import NameIndex
from kblam.kb import Triple

DENTAL = ["Ashcombe Private Dental Clinic", "Brightwater Dental Supplies Ltd", "Dr Priya Raman", "Hollins Brow Dental Surgery",
          "Kestrel Dental Laboratory", "Northfold Physics Services (RPA)", "Wrenfield Dental Practice, 14 Market Street",
          "Wrenfield Dental Practice, Market Street Annexe", "Out-of-Hours Emergency Rota"]
OTHERS = ["Wrangle Fen Pumping Station", "Wrangle Fen Auxiliary Pumping Station", "Mr D. A. Kettleborough",
          "Little Brayford & Stoke Edith CC", "Ashcombe Magna CC", "Ashcombe Parva CC", "Ms Zoë Lindqvist",
          "Wooden Farmyard Set", "Wooden Farmyard Set (Large)", "Kings Norley Cricket Club"]


def found(index: NameIndex, question: str) -> list[tuple[str, str]]:
    mentions, _ = index.find(question)
    return [(index.display[m.name], m.said) for m in mentions]


@pytest.mark.parametrize(("question", "name", "said"), [
    ("I'm driving over to Hollins Brow tomorrow morning - is there anywhere to leave the car?",
     "Hollins Brow Dental Surgery", "Hollins Brow"),
    ("When does our agreement with Northfold Physics run out?", "Northfold Physics Services (RPA)", "Northfold Physics"),
    ("Who's our account manager at Brightwater?", "Brightwater Dental Supplies Ltd", "Brightwater"),
    ("When does the Kestrel courier come round to pick up work?", "Kestrel Dental Laboratory", "Kestrel"),
    ("What qualifications does Dr Priya Rahman hold?", "Dr Priya Raman", "Dr Priya Rahman"),
])
def test_a_dental_practice_s_names_as_its_staff_write_them(question, name, said):
    assert found(NameIndex(DENTAL), question) == [(name, said)]


@pytest.mark.parametrize(("question", "name", "said"), [
    ("What happens at Wrangle Fen PS if the mains power goes off?", "Wrangle Fen Pumping Station", "Wrangle Fen PS"),
    ("What's Kettlebrough's on-call number?", "Mr D. A. Kettleborough", "Kettlebrough"),
    ("How did Little Brayfrod & Stoke Edith finish in the 2024 season?", "Little Brayford & Stoke Edith CC",
     "Little Brayfrod & Stoke Edith"),
    ("Should I ring Zoe Lindquist or send her a text?", "Ms Zoë Lindqvist", "Zoe Lindquist"),
    ("How many pieces come in the regular Wooden Farmyard Set, not the large one?", "Wooden Farmyard Set",
     "Wooden Farmyard Set"),
    ("Where do Ashcombe Magna play?", "Ashcombe Magna CC", "Ashcombe Magna"),
])
def test_initials_endings_and_typos_still_name_the_entity(question, name, said):
    assert found(NameIndex(OTHERS), question) == [(name, said)]


def test_what_stays_another_thing():
    index = NameIndex(DENTAL + OTHERS)
    # a lower-case kind of another KB name after a name's first words: another such thing
    index2 = NameIndex(["Kettleby Moor Recycling Centre", "Hollins Cross Bring Bank", "Coire Dubh Hut"])
    assert found(index2, "how often is the Kettleby Moor bring bank emptied?") == []
    # a capitalised word after the first words: a name the KB lacks
    assert found(index, "Where is Hollins Brow Orthodontics?") == []
    # another surname, not a letter more or less
    assert found(index, "What qualifications does Dr Priya Sharma hold?") == []
    # the large set asked for by its qualifier is the large one
    assert found(index, "How many pieces come in the large Wooden Farmyard Set?") == [
        ("Wooden Farmyard Set (Large)", "large Wooden Farmyard Set")]
    # initials name a name's last words only written in capitals ("go" is a verb, not the "Grand Organ")
    index3 = NameIndex(["St Oswin's Minster", "St Oswin's Minster Grand Organ", "Wrangle Fen Pumping Station"])
    assert found(index3, "When did St Oswin's Minster go up to a ring of twelve?") == [
        ("St Oswin's Minster", "St Oswin's Minster")]
    assert found(index3, "Who tunes St Oswin's Minster GO?") == [("St Oswin's Minster Grand Organ", "St Oswin's Minster GO")]
    assert found(index3, "what happens at wrangle fen ps") == []
    # a first word held by two names names neither alone
    assert found(index, "Who runs Wrenfield?") == []


BATCH = """
Car Seat CS-2i (i-Size) | on loan to | M. & J. Pellegrini
Car Seat CS-2i (i-Size) | last safety check | 2 September 2024
M. & J. Pellegrini | phone | 07700 900412
M. & J. Pellegrini | member no. | M-0388
Standard Membership | annual fee | £15 per family per year
Standard Membership | eligibility | any family in the parish
Standard Membership (Concession) | annual fee | £5 per family per year
Standard Membership (Concession) | eligibility | families on Universal Credit
Tuesday Bumps & Babies | venue | Hollins Green Children's Centre
Tuesday Bumps & Babies | led by | Dr Anjali Mehta
Hollins Green Children's Centre | address | 2 Mill Lane
"""
ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in BATCH.strip().splitlines()]


def _resolve(indexed, *turns: str) -> str:
    index, by_key = indexed
    messages = [{"role": ("user", "assistant")[k % 2], "content": t} for k, t in enumerate(turns)]
    return conversation.resolve(messages, index, conversation.facts_of(ROWS, by_key)).question


def test_the_batch_s_follow_ups(indexed):
    assert _resolve(indexed, "Who has the i-Size car seat out at the moment?",
                    "Car Seat CS-2i (i-Size) is currently on loan to M. & J. Pellegrini.",
                    "What's their phone number?") == "What's M. & J. Pellegrini's phone number?"
    assert _resolve(indexed, "How much is the yearly fee for Standard Membership?",
                    "Standard Membership costs £15 per family per year.", "And for the concession version?"
                    ) == "What is the annual fee of Standard Membership (Concession)?"
    assert _resolve(indexed, "Where is Tuesday Bumps & Babies held?",
                    "Tuesday Bumps & Babies runs at Hollins Green Children's Centre.",
                    "Who runs that session?") == "Who runs Tuesday Bumps & Babies?"
    # not a verb's participle after "that": "when was that built?" keeps its verb
    assert "built" in _resolve(indexed, "Where is Tuesday Bumps & Babies held?", "At the Children's Centre.",
                               "When was that built?")
