"""What the fifteenth hand-written batch (a city's pools, a county record office, a brewery, a flying club; thirty-first
and thirty-second sessions) and the fourteenth's leftovers missed: a company named without its legal form ("Fennick
Brewery" of "… Ltd"), the kind noun of a collection written after its name ("the Saltmoor Poor Law Union records"),
a collection by a word in another form ("the Émile Duvivier photographs"), a word of the entity's own value before its
name ("the Firefly G-SLNG"), "the organ in the Bishop's Chapel, Thaxford", a property's label written beside words
that would ask for another one ("a Changing Places loo for disabled visitors"), another property's label written out
for an entity that lacks it ("the theatre lead for Hybrid Theatre H1"), a month and year is nobody, a count whose
values start with a year is no count, "as an instructor" asks for no role, and what people ask in other words (who made
or plays it, how old it is, how strong, when it came out, what else there is, a referral, a catalogue,
qualifications, how far it falls). Then what the sixteenth batch (a service catalogue, choirs, buses, apiaries) missed on
its first contact: who may use it, a group's conductor, its music, when it meets, how big a group is, how fast a
service answers, a sign-off, a design; a weekday answers "when"; "what time" writes the "times" of "departure
times"; a frequency beside a "no Sunday service" is still a frequency; a web "page"."""

from __future__ import annotations

import pytest
from test_matching_words import asker

from kblam.answer_shape import counted_things
from kblam.encoder import encode_kb
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_forms import bare_forms, placed_forms
from kblam.wording import answer_kind, fits_kind

BATCH = """
Fennick Brewery Ltd | date deposited | 11 May 1998
Fennick Brewery Ltd | extent | 42 volumes
Kettleby Colliery Company | conservation state | mould damage to 3 volumes
Saltmoor Poor Law Union | description | Guardians' minute books, workhouse registers and relief lists.
Saltmoor Poor Law Union | extent | 310 volumes
Holloway & Pryce Solicitors' Records | extent | 88 boxes
St Bride's Parish Records, Coldhythe | finding aid | Typescript list, 1987
St Bride's Parish Records, Coldhythe | extent | 14 boxes
Émile Duvivier Photographic Collection | copyright holder | Wrenshire County Council
Émile Duvivier Photographic Collection | extent | 2,400 glass negatives
Oakhurst Women's Institute | scrapbooks | 1951 Festival of Britain scrapbook; 1965 jubilee scrapbook
Oakhurst Women's Institute | extent | 6 boxes
G-SLNG | type | Slingsby T67M Firefly
G-SLNG | g limits | +6.0 g to -4.0 g
G-SLNG | hourly rate | £265 per hour wet
Tomás Ibáñez | role | Flight Instructor
Tomás Ibáñez | ratings | FI(A), aerobatic rating
Thistledown Leisure Centre | step free access | yes
Thistledown Leisure Centre | changing places toilet | yes
Thistledown Leisure Centre | pool length | 25 metres
Kellow-Vane Sports Hub | pool length | 25 metres
Kellow-Vane Sports Hub | facilities | sports hall, gym, squash courts
Waverton Hydrotherapy Pool | referral required | yes
Waverton Hydrotherapy Pool | enquiries email | hydro.waverton@example.org
Saltmarsh Session IPA | launched | 2019-07-02
Saltmarsh Session IPA | abv | 4.0%
Ferryman's Porter | abv | 5.1%
Ferryman's Porter | original gravity | 1.052
St Éloi, Harnby Chapel | founder | Fonderie Bréval
St Éloi, Harnby Chapel | cast | June 1861
St Botolph's, Quarley Fen | cast | c. 1350
St Botolph's, Quarley Fen | bells | 1
Bishop's Chapel Organ, Thaxford | organist | Revd Ruth Okonjo-Barnes
Bishop's Chapel Organ, Thaxford | built | 1994
Theatre 3 (Main Block) | theatre lead | Mr Daniel Achebe
Theatre 3 (Main Block) | theatre specialty | orthopaedics
Hybrid Theatre H1 | theatre specialty | vascular and endovascular surgery
Hybrid Theatre H1 | floor area | 72 square metres
Heathfield 7 – Quarry Drop | white tee yardage | 176 yards
Heathfield 7 – Quarry Drop | elevation change | -14 metres tee to green
Corn Exchange Market Hall | number of pitches | 46
Corn Exchange Market Hall | daily pitch fee | £34.00
Route 88A Valley Flyer | departure times | 05:05 and 23:55
Route 88A Valley Flyer | operating depot | Kestrel Vale Depot
X27 Express | journey time | 52 minutes
X27 Express | operating depot | Kestrel Vale Depot
X27 Express | timetable page | https://timetables.example.com/routes/x27-express
Route 7 Town Circular | weekday frequency | every 12 minutes
Route 7 Town Circular | sunday frequency | every 20 minutes
Route 61 Renee Square | sunday frequency | no Sunday service
Ashcombe Pop-Up Singers | rehearsal night | first and third Monday of the month
Ashcombe Pop-Up Singers | founded | 2022
"""


@pytest.fixture(scope="module")
def ask(minilm):
    return asker([Triple(*(part.strip() for part in line.split(" | "))) for line in BATCH.strip().splitlines()], minilm)


def _found(index: NameIndex, question: str) -> list[str]:
    return [index.display[m.name] for m in index.find(question)[0]]


def test_a_company_is_named_without_its_legal_form():
    assert "Fennick Brewery" in bare_forms("Fennick Brewery Ltd")
    assert "Harrow Motors" in bare_forms("Harrow Motors, Inc.")
    assert "Ltd" not in " ".join(bare_forms("Acme Ltd"))  # one word left: no name of its own
    index = NameIndex(["Fennick Brewery Ltd", "Kettleby Colliery Company"])
    assert _found(index, "When did the Fennick Brewery records arrive?") == ["Fennick Brewery Ltd"]


def test_a_clipped_name_goes_on_with_a_word_of_its_own_in_another_form():
    index = NameIndex(["Émile Duvivier Photographic Collection", "Castlemere Federation North Site",
                       "Ashcombe Estate Papers", "Ashcombe Estate Maps"])
    assert _found(index, "Who owns the Émile Duvivier photographs?") == ["Émile Duvivier Photographic Collection"]
    assert _found(index, "Where is the castlemere north annex?") == []  # another word: a name the KB lacks


def test_a_word_of_the_entity_s_own_value_before_its_name_is_no_longer_name():
    index = NameIndex(["G-SLNG", "G-BXTW"], described={"G-SLNG": {"slingsby", "t67m", "firefly"}})
    assert _found(index, "What g loading can the Firefly G-SLNG take?") == ["G-SLNG"]
    mentions, misses = NameIndex(["G-SLNG", "G-BXTW"]).find("What g loading can the Firefly G-SLNG take?")
    assert not mentions and misses  # without the values it is a name the KB lacks


def test_a_thing_inside_a_place_with_a_comma():
    forms = placed_forms("Bishop's Chapel Organ, Thaxford")
    assert "Organ in the Bishop's Chapel Thaxford" in forms and "Bishop's Chapel Organ at Thaxford" in forms
    index = NameIndex(["Bishop's Chapel Organ, Thaxford", "St Mary-le-Marsh Organ"])
    assert _found(index, "Tell me who plays the organ in the Bishop's Chapel, Thaxford.") == [
        "Bishop's Chapel Organ, Thaxford"]


def test_a_month_and_year_is_nobody_and_a_year_starts_no_count(minilm):
    kind = answer_kind("Who cast the bells at X?")
    assert not fits_kind(kind, "cast", "June 1861") and fits_kind(kind, "founder", "Fonderie Bréval")
    assert fits_kind(kind, "founder", "Pellow & Garrard")
    kb = encode_kb([Triple("Oakhurst WI", "scrapbooks", "1951 Festival of Britain scrapbook"),
                    Triple("Quarley", "bells", "1")], minilm)
    asked = "Tell me about the scrapbooks in the X."
    assert counted_things(asked, kb, ["scrapbooks"]) == asked  # "1951 …" is a year, not a count of scrapbooks
    assert counted_things("how are the X bells hung?", kb, ["bells"]) == "how are the X hung?"


def test_what_people_ask_in_other_words():
    assert intended("Who cast the bells at X?", ["founder", "tenor weight"]) == ["founder"]
    assert intended("How old is the bell at X?", ["cast", "founder"]) == ["cast"]
    assert intended("How old do you have to be to join X?", ["minimum age", "founded"]) == []
    assert intended("Tell me who plays the X.", ["organist", "builder"]) == ["organist"]
    assert intended("What's the strength of X?", ["abv", "original gravity"]) == ["abv"]
    assert intended("When did the X first come out?", ["launched", "abv"]) == ["launched"]
    assert intended("What else is there at X apart from the pool?", ["facilities", "pool length"]) == ["facilities"]
    assert intended("Can I just turn up at X, or do I need my GP to send me?", ["referral required", "email"]) == [
        "referral required"]
    assert intended("Is there a catalogue yet for the X?", ["finding aid", "extent"]) == ["finding aid"]
    assert intended("what qualifications does X hold?", ["role", "ratings"]) == ["ratings"]
    assert intended("how much does X fall from the tee to the green", ["elevation change", "par"]) == [
        "elevation change"]
    assert intended("how many stalls fit in the X?", ["number of pitches", "daily pitch fee"]) == ["number of pitches"]
    # the earlier batches' misses of the same kind (libraries, tools, gadgets, zoo, labkit, bakery, housing, ...)
    assert intended("X successor?", ["replaced by", "released"]) == ["replaced by"]
    assert intended("how waterproof is X?", ["ip rating", "weight"]) == ["ip rating"]
    assert intended("When is X getting switched off for good?", ["sunset date", "deprecated"]) == ["sunset date"]
    assert intended("ok, and when were X switched on?", ["commissioned", "capacity"]) == ["commissioned"]
    assert intended("Since when has X been running?", ["first offered", "room"]) == ["first offered"]
    assert intended("How much headroom is there under X?", ["clearance", "length"]) == ["clearance"]
    assert intended("Who's playing at X?", ["headline acts", "venue"]) == ["headline acts"]
    assert intended("who do i page if X is down", ["on-call contact", "owner"]) == ["on-call contact"]
    assert intended("Who is X's mother?", ["dam", "sire"]) == ["dam"]
    assert intended("what do i have to wear to go into X?", ["gowning", "class"]) == ["gowning"]
    assert intended("how many calories in an X", ["energy", "price"]) == ["energy"]
    assert intended("Is X a protected heritage building?", ["listed status", "built"]) == ["listed status"]
    assert intended("Which villages does X visit?", ["route", "driver"]) == ["route"]
    assert intended("Can X be split into two smaller rooms?", ["divisible", "capacity"]) == ["divisible"]
    assert intended("How do I get an appointment at X?", ["booking", "address"]) == ["booking"]


def test_a_label_written_beside_the_words_of_another_kind_asks_for_that_label():
    props = ["step free access", "changing places toilet", "pool length"]
    assert intended("Does X have a Changing Places loo for disabled visitors?", props) == []
    assert intended("Does X have step-free access for disabled visitors?", props) == ["step free access"]
    # in another clause the label asks for its own property, and the kind for the other
    assert intended("Can wheelchair users get into X, and is there a Changing Places toilet?", props) == [
        "step free access"]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("How big are the Fennick Brewery records?", [("Fennick Brewery Ltd", "extent")]),
    ("what's actually in the saltmoor poor law union records", [("Saltmoor Poor Law Union", "description")]),
    ("Who owns the copyright in the Émile Duvivier photographs? I'd like to use one in a book.",
     [("Émile Duvivier Photographic Collection", "copyright holder")]),
    ("Is there a catalogue yet for the St Brides Parish Records, Coldhythe, or how do I find things in it?",
     [("St Bride's Parish Records, Coldhythe", "finding aid")]),
    ("Tell me about the scrapbooks in the Oakhurst Women's Institute collection.",
     [("Oakhurst Women's Institute", "scrapbooks")]),
    ("What g loading can the Firefly G-SLNG take, positive and negative?", [("G-SLNG", "g limits")]),
    ("what qualifications does Tomás Ibáñez hold as an instructor?", [("Tomás Ibáñez", "ratings")]),
    ("Does Thistledown Leisure Centre have a Changing Places loo for disabled visitors?",
     [("Thistledown Leisure Centre", "changing places toilet")]),
    ("What else is there at Kellow-Vane Sports Hub apart from the pool?", [("Kellow-Vane Sports Hub", "facilities")]),
    ("Can I just turn up at Waverton Hydrotherapy Pool, or do I need my GP or physio to send me?",
     [("Waverton Hydrotherapy Pool", "referral required")]),
    ("When did the Saltmarsh Session IPA first come out?", [("Saltmarsh Session IPA", "launched")]),
    ("What's the strength of Ferryman's Porter, and what's its starting gravity?",
     [("Ferryman's Porter", "abv"), ("Ferryman's Porter", "original gravity")]),
    ("How old is the bell at St Botolph's, Quarley Fen?", [("St Botolph's, Quarley Fen", "cast")]),
    ("Tell me who plays the organ in the Bishop's Chapel, Thaxford.", [("Bishop's Chapel Organ, Thaxford", "organist")]),
    ("Who is the theatre lead for Hybrid Theatre H1?", []),  # the KB has a theatre lead for Theatre 3 only
    ("Who is the theatre lead for Theatre 3 (Main Block)?", [("Theatre 3 (Main Block)", "theatre lead")]),
    ("how much does quary drop fall from the tee down to the green",
     [("Heathfield 7 – Quarry Drop", "elevation change")]),
    ("how many stalls fit in the corn exchange market hall?", [("Corn Exchange Market Hall", "number of pitches")]),
    # the sixteenth batch, after its first contact: "what time" writes the "times" of "departure times" as much as the
    # "time" of another route's "journey time"; a frequency with a "no Sunday service" beside it is still a frequency
    ("what time does the route 88A valley flyer go", [("Route 88A Valley Flyer", "departure times")]),
    ("How often does the Route 7 Town Circular come on a Sunday?", [("Route 7 Town Circular", "sunday frequency")]),
    ("Tell me the web address for the X27 Expres timetable.", [("X27 Express", "timetable page")]),
    ("When do the Ashcombe Pop-Up Singers get together?", [("Ashcombe Pop-Up Singers", "rehearsal night")]),
])
def test_what_the_fifteenth_batch_asked(ask, question, expected):
    assert ask(question) == expected


def test_what_the_sixteenth_batch_asked_in_other_words_after_its_first_contact():
    assert intended("Who is allowed to travel on X?", ["eligibility", "termini"]) == ["eligibility"]
    assert intended("X's conductor?", ["musical director", "members"]) == ["musical director"]
    assert intended("What sort of music does the X play?", ["repertoire", "musical director"]) == ["repertoire"]
    assert intended("When do the X get together?", ["rehearsal night", "founded"]) == ["rehearsal night"]
    assert intended("How big is the X?", ["members", "founded"]) == ["members"]
    assert intended("How fast is X supposed to respond at the 99th percentile?", ["p99 latency slo", "repo"]) == [
        "p99 latency slo"]
    assert intended("does anyone have to sign off on it before it merges?", ["review required", "repo"]) == [
        "review required"]
    assert intended("what design is X in the meadow?", ["hive type", "apiary"]) == ["hive type"]
    # a weekday answers "when": "first and third Monday of the month" is a time, as "2022" is
    kind = answer_kind("When do the X get together?")
    assert fits_kind(kind, "rehearsal night", "first and third Monday of the month")
    assert not fits_kind(kind, "repertoire", "pop, soul and musical theatre arrangements")
