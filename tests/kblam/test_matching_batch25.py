"""Names as the twenty-fifth hand-written batch wrote them at first contact (a community garden, a climbing gym, a
community radio station, a pharmacy): a place name that starts one name and qualifies others ("Kingsmead"), words that
only one name holds together ("the vaccine fridge at Kingsmead"), a role after "the" beside a word of another name ("the
superintendent" beside "prescriptions"), a double-barrelled name inside a question ("a Marlow-Bright order"), a name's
first words after a verb ("I missed folk roots") or before "thing" ("the sunday papers thing"), and a property's word
beside a name's word, which makes no near miss ("hire shoes" of "Rental Shoes" with a "hire")."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex

NAMES = ["Kingsmead Health Centre Branch", "Fridge F1 (High St)", "Fridge F2 (Orchard Parade)",
         "Fridge F3 (Kingsmead, vaccines)", "Ms Grace Oyelaran (Pharmacist, Kingsmead)", "Repeat Prescription Service",
         "Dr Samira Qureshi (Superintendent Pharmacist)", "Supplier – Marlow-Bright Wholesale",
         "Supplier – Cooltrans Vaccines Ltd", "Folk Roots Hour", "Sunday Papers Review", "Saturday Soul Kitchen",
         "Rental Shoes", "Training Board (Moonbeam 40°)", "Mr O. Kettering (Chief Engineer)",
         "Tomasz 'Tom' Wierzbicki", "astronomical unit"]
PROPERTIES = ["hours", "capacity l", "independent prescriber", "order cut off", "repeat", "pre recorded", "hire",
              "sizes", "app", "access", "callout", "dbs checked", "in si base units"]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(NAMES, vocabulary={w for p in PROPERTIES for w in p.split()})


def found(index: NameIndex, question: str) -> str | None:
    mentions, misses = index.find(question)
    if mentions:
        return index.display[mentions[0].name]
    if misses:
        return None
    m = index.words.pointed(question)
    return index.display[m.name] if m else None


@pytest.mark.parametrize(("question", "name"), [
    ("How late is Kingsmead open?", "Kingsmead Health Centre Branch"),
    ("How many litres is the vaccine fridge at Kingsmead?", "Fridge F3 (Kingsmead, vaccines)"),
    ("Can the superintendent write prescriptions herself?", "Dr Samira Qureshi (Superintendent Pharmacist)"),
    ("What time do I need to get a Marlow-Bright order in by?", "Supplier – Marlow-Bright Wholesale"),
    ("I missed folk roots on Wednesday – is it repeated?", "Folk Roots Hour"),
    ("is the sunday papers thing pre-recorded or live", "Sunday Papers Review"),
    ("How much is it to hire shoes?", "Rental Shoes"),
    ("Which app do I need for the Moonbeam board, and can my 15-year-old use it?", "Training Board (Moonbeam 40°)"),
    ("We've gone off air at 2am – can I ring the engineer now?", "Mr O. Kettering (Chief Engineer)"),
    ("Has Tom had his DBS check done?", "Tomasz 'Tom' Wierzbicki"),
])
def test_names_as_people_write_them(index, question, name):
    assert found(index, question) == name


@pytest.mark.parametrize("question", [
    "Give me the kilojoule in SI base units.",  # "units" is the property's word, no "astronomical unit"
    "Which fridge is the biggest?",  # a word three names hold
    "How late is the Kingsmead Road surgery open?",  # a capitalised word the name lacks: another place
    "Where is the Kingsmead Road fridge?",  # words two names hold together, beside a word neither has
])
def test_what_names_none_of_them(index, question):
    assert found(index, question) is None
