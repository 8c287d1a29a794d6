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


@pytest.mark.parametrize(("question", "props", "want"), [
    ("When is X usually in?", ["role", "shifts", "email", "first aid"], ["shifts"]),
    ("What hours does X work?", ["shift", "reg. no.", "languages", "email"], ["shift"]),
    ("Who is the licence actually held by?", ["licensee", "issued", "expires"], ["licensee"]),
    ("How long has X been with the station – when did he start?", ["mobile", "joined", "email"], ["joined"]),
    ("When is X open?", ["shifts", "hours"], ["hours"]),  # its opening hours, not someone's shifts at work
])
def test_shifts_holders_and_start_dates_in_other_words(question, props, want):
    from kblam.intents import intended
    from kblam.value_fit import PLACEHOLDER

    assert intended(question.replace("X", PLACEHOLDER), props) == want


def test_a_day_asks_for_the_property_that_covers_it():
    from kblam.weekdays import covered, day_properties

    props = ["address", "Mon–Fri", "Sat", "Sun & bank hols", "branch code"]
    assert covered("Mon–Fri") == frozenset(range(5)) and covered("Sun & bank hols") == {6}
    assert covered("Fri–Mon") == {4, 5, 6, 0} and covered("Sunday service") == frozenset()
    assert day_properties("Is X open on Sundays?", props) == ["Sun & bank hols"]
    assert day_properties("Does X shut for lunch on weekdays?", props) == ["Mon–Fri"]
    assert day_properties("What time do you open on a Saturday?", props) == ["Sat"]
    assert day_properties("Is X open at the weekend?", props) == []  # no one property covers both days
    assert day_properties("Is X open on Sundays?", ["Sun", "address"]) == []  # one day alone is no table


def test_whether_a_branch_opens_on_a_day_with_the_real_encoder(minilm):
    from kblam.kb import Triple

    from .test_matching_pointed import asker

    rows = [Triple("Wendlebury High St Branch", p, v) for p, v in (
        ("address", "14 High St, Wendlebury"), ("Mon–Fri", "08:30–18:30"), ("Sat", "09:00–17:00"),
        ("Sun", "10:00–14:00"), ("branch code", "FWB21"))] + [Triple("Orchard Parade Branch", p, v) for p, v in (
            ("Mon–Fri", "09:00–17:30 (closed 13:00–13:30)"), ("Sat", "09:00–13:00"), ("parking", "2 bays"))]
    ask = asker(rows, minilm)
    assert ask("Is the Wendlebury one open on Sundays?") == [("Wendlebury High St Branch", "Sun")]
    assert ask("Does the Orchard Parade shop shut for lunch on weekdays?") == [("Orchard Parade Branch", "Mon–Fri")]
    assert ask("Is the Orchard Parade shop open on Sundays?") == []  # no Sunday hours held
