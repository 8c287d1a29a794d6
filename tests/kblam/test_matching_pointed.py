"""A thing named by a word only its KB name holds (:meth:`kblam.name_words.NameWords.pointed`), found after the
twenty-fourth hand-written batch's first contact: "the clerk" of "Mr D. Fenwick, Parish Clerk", "the hoist" of the one
"Travel Hoist TH-35", "the defib" of "Defibrillator – St Wystan's Hall", "the Mak" of "TEL-18 Maksutov (180 mm)", "the
February meeting" of "Monthly Meeting – 14 Feb 2025". The question writes no form of any KB name and no near miss; the
word must be one name's alone, and a person's own name words count only written with a capital."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.kb import Triple

NAMES = ["Christopher 'Kit' Marsh (Treasurer)", "Nell Trewin", "Mr D. Fenwick, Parish Clerk", "Travel Hoist TH-35",
         "TEL-18 Maksutov (180 mm)", "TEL-08 Dobsonian (200 mm)", "Monthly Meeting – 14 Feb 2025",
         "Monthly Meeting – 14 Mar 2025", "Caravan Pitch 4", "Caravan Pitch 5", "Defibrillator – St Wystan's Hall",
         "St Wystan's Hall", "Sill Gate", "PCC Guide Vol. 2 (4th edn)", "pydantic", "strict-ssl"]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(NAMES)


def pointed(index: NameIndex, question: str) -> tuple[str, str] | None:
    m = index.words.pointed(question)
    return (index.display[m.name], m.said) if m else None


@pytest.mark.parametrize(("question", "name", "said"), [
    ("What days does the clerk work?", "Mr D. Fenwick, Parish Clerk", "clerk"),
    ("what's the most the hoist can lift", "Travel Hoist TH-35", "hoist"),
    ("Serial number of the Mak?", "TEL-18 Maksutov (180 mm)", "Mak"),
    ("What's the focal length on the 8 inch Dob?", "TEL-08 Dobsonian (200 mm)", "Dob"),
    ("who gave the talk at the February meeting", "Monthly Meeting – 14 Feb 2025", "February"),
    ("Someone used the defib outside the hall – who do I ring?", "Defibrillator – St Wystan's Hall", "defib"),
    ("Kit's mobile?", "Christopher 'Kit' Marsh (Treasurer)", "Kit"),
    ("who is the treasurer?", "Christopher 'Kit' Marsh (Treasurer)", "treasurer"),
    ("When can I get over the sill?", "Sill Gate", "sill"),
])
def test_a_word_one_name_alone_holds(index, question, name, said):
    assert pointed(index, question) == (name, said)


@pytest.mark.parametrize("question", [
    "Where is the kit kept?",  # a person's nickname in lower case is the English word
    "when does the nell ring?",
    "Is there a hoist?",  # any hoist
    "Does the Old Forge hoist work?",  # a capitalised word the name lacks: another hoist
    "What's the pitch fee?",  # a word several names hold
    "Where is the car park?",  # an English word is no clipped "caravan"
    "Who speaks at the Monthly Meeting – 14 Feb 2026 and the hoist?",  # words of two names
    "How much does the guide Vol. 3 cost?",  # another number than the name's
    "Who wrote pydantic-settings?",  # a word inside another identifier, and a name of one word
    "what does the strict-peer-deps option do",
])
def test_what_points_at_no_name(index, question):
    assert pointed(index, question) is None


def test_found_only_when_no_name_is_written(index):
    mentions, misses = index.find("When was St Wystan's Hall built?")
    assert [index.display[m.name] for m in mentions] == ["St Wystan's Hall"] and not misses


def test_a_follow_up_asks_about_the_boat_the_answer_named():
    """ "who owns that boat?" after "Pontoon B Berth 21 is occupied by Second Wind.": the berth has no owner, the boat
    has an "owner" ("owns" is the word it is made from)."""
    from kblam import conversation

    rows = [Triple("Pontoon B Berth 21", "occupant", "Second Wind"), Triple("Pontoon B Berth 21", "max LOA", "11.5 m"),
            Triple("Second Wind", "owner", "Mr K. Pascoe"), Triple("Second Wind", "draught", "1.6 m")]
    index = NameIndex([t.name for t in rows])
    by_key = {}
    for i, t in enumerate(rows):
        by_key.setdefault(index.key_of(t.name), []).append(i)
    messages = [{"role": "user", "content": "Who's in Pontoon B Berth 21?"},
                {"role": "assistant", "content": "Pontoon B Berth 21 is occupied by Second Wind."},
                {"role": "user", "content": "who owns that boat?"}]
    assert "Second Wind" in conversation.resolve(messages, index, conversation.facts_of(rows, by_key)).question
    messages[-1]["content"] = "and its max LOA?"  # the berth's own property: still the berth
    assert "Pontoon B Berth 21" in conversation.resolve(messages, index, conversation.facts_of(rows, by_key)).question


def test_a_bracketed_qualifier_that_is_another_name():
    """ "(St Brannock's)" of a session says where it is held: "St Brannock's" alone names the hall, as "Kiln Rooms"
    names "The Kiln Rooms"; the session is still found with its own word beside it."""
    index = NameIndex(["St Brannock's Church Hall", "The Kiln Rooms", "Session – 1 March 2025 (St Brannock's)",
                       "Session – 20 March 2025 (Kiln Rooms)", "Noise Monitoring Point NMP-2 (Edge Farm)"])

    def found(question: str) -> list[str]:
        return [index.display[m.name] for m in index.find(question)[0]]

    assert found("Can I park at St Brannocks if I bring a lawnmower?") == ["St Brannock's Church Hall"]
    assert found("Where are the Kiln Rooms?") == ["The Kiln Rooms"]
    assert found("who is fixing at the St Brannock's session?") == ["Session – 1 March 2025 (St Brannock's)"]
    assert found("How loud was it at Edge Farm?") == ["Noise Monitoring Point NMP-2 (Edge Farm)"]  # no other name


PARISH = [("Precept 2025/26", "amount", "£48,600"), ("Precept 2025/26", "Band D equivalent", "£71.40"),
          ("Precept 2025/26", "reason for rise", "Play area resurfacing and the clerk's hours rising from 12 to 16 a week"),
          ("Precept 2025/26", "approved", "14 January 2025"),
          ("Mr D. Fenwick, Parish Clerk", "hours", "Tue and Thu, 9:00–13:00"),
          ("Mr D. Fenwick, Parish Clerk", "office tel.", "01632 960 233"),
          ("Mr D. Fenwick, Parish Clerk", "e-mail", "clerk@wystanbury-pc.example"),
          ("Bench BN-04", "location", "Village Green, facing the pond"),
          ("Bench BN-04", "dedication plaque", "In memory of Eric Dunmore, 1931–2019"),
          ("Bench BN-04A", "location", "Village Green, by the war memorial"),
          ("Bench BN-04A", "donated by", "Little Wystanbury WI"),
          ("Cllr Dr H. Okafor", "role", "Vice-chair"), ("Cllr Dr H. Okafor", "ward", "North")]


def test_matched_through_the_chat_path(minilm):
    """With the real encoder and the shipped matcher at its threshold: a reason asked with "why", the clerk by role,
    the bench by what its values say; an unknown thing stays refused."""
    ask = asker([Triple(*r) for r in PARISH], minilm)
    assert ask("Why has the parish precept gone up so much for 2025/26?") == [("Precept 2025/26", "reason for rise")]
    assert ask("What days does the clerk work?") == [("Mr D. Fenwick, Parish Clerk", "hours")]
    assert ask("Who donated the bench by the war memorial?") == [("Bench BN-04A", "donated by")]
    assert ask("Whose name is on the bench by the church?") == []  # no bench's values say "church"
    assert ask("What's the treasurer's phone number?") == []  # no name holds "treasurer"


def asker(rows, minilm):
    from kblam.encoder import EmbeddingCache, encode_kb
    from kblam.matcher_model import load_matcher_encoder
    from kblam.matching import calibrated_threshold, match_question

    kb, cache, matcher = encode_kb(rows, minilm), EmbeddingCache(), load_matcher_encoder(minilm)
    threshold = calibrated_threshold(matcher)
    return lambda q: sorted((rows[m.index].name, rows[m.index].property)
                            for m in match_question(q, kb, minilm, cache, matcher).relevant(threshold))


def test_one_of_several_things_of_a_kind_by_what_its_values_say():
    described = {}
    for name, _, value in PARISH:
        described.setdefault(name, set()).update(value.casefold().replace(",", " ").split())
    index = NameIndex([r[0] for r in PARISH], described=described)
    m = index.words.pointed("Whose name is on the bench that looks out over the pond?")
    assert (index.display[m.name], m.said) == ("Bench BN-04", "bench that looks out over the pond")
    assert index.words.pointed("Whose name is on the bench by the church?") is None
    assert index.words.pointed("Whose name is on the bench by the Old Mill pond?") is None  # a place the KB lacks


@pytest.mark.parametrize(("question", "props", "want"), [
    ("Who's on mooring X?", ["occupant", "length", "annual fee"], ["occupant"]),
    ("Who is in X?", ["occupant", "owner"], ["occupant"]),
    ("Who's on the X?", ["members", "chair"], []),  # a committee's members are no occupant
    ("is there electric on X", ["shore power", "length", "depth at LW (m)"], ["shore power"]),
    ("Is there anywhere to plug in a dew heater at X?", ["power", "toilets", "Bortle"], ["power"]),
])
def test_who_is_on_a_berth_and_whether_there_is_electric(question, props, want):
    from kblam.intents import intended
    from kblam.value_fit import PLACEHOLDER

    assert intended(question.replace("X", PLACEHOLDER), props) == want
