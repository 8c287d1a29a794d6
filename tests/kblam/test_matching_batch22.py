"""What the twenty-second hand-written batch (an almshouse charity, a county's rights-of-way furniture and river
crossings, a university's lab freezers, a cycling club and velodrome; thirty-fifth session) missed on its first
contact, after the twenty-first's fixes: a name told from its siblings by a day its bracket writes short ("the
Tuesday evening taster session" of "Taster Session (Tue 18:00)"); "she" of a name written like a person's without a
title; an answer kind for postcodes; and what people ask in other words (how steep, which firm does the work, whose
beat, the tenant, the energy band, who pays, how quickly they turn up, what happened, when it runs out, whether one
can get across right now, the person to deal with, anything to sort out first)."""

from __future__ import annotations

import pytest

from kblam import conversation
from kblam.kb import Triple
from kblam.wording import answer_kind, fits_kind

BATCH = """
Brackenmoor Velodrome | track length | 250 metres
Brackenmoor Velodrome | banking | 42° in the bends, 12° on the straights
Brackenmoor Velodrome | surface | Siberian pine boards
Brackenmoor Velodrome | opened | 14 September 1998
Brackenmoor Velodrome | address | Unit 3, Fellside Road, Brackenmoor BM7 2QX
Brackenmoor Velodrome | phone | 0161 496 0273
Brackenmoor Velodrome | website | https://www.brackenmoor-velodrome.example.org
Brackenmoor Velodrome | capacity | 1,850 seats (plus 200 standing in the track centre)
Brackenmoor Velodrome Outdoor Bowl | track length | 333.33 metres
Brackenmoor Velodrome Outdoor Bowl | surface | tarmac, resurfaced 2017
Brackenmoor Velodrome Outdoor Bowl | opened | Jun 1972
Brackenmoor Velodrome Outdoor Bowl | notes | Closed November to February. Floodlights switch off at 21:00 and there is no parking on the infield during race meetings.
Taster Session (Tue 18:00) | day & time | Tuesdays 18:00–19:30
Taster Session (Tue 18:00) | fee | £22.00 incl. bike and helmet hire
Taster Session (Tue 18:00) | age range | >= 10 years
Taster Session (Tue 18:00) | max. riders | 16
Taster Session (Tue 18:00) | coach | Coach Renée Dufresne
Taster Session (Sat 09:30) | day & time | Saturdays 09:30–11:00
Taster Session (Sat 09:30) | fee | £24.00 incl. bike and helmet hire
Taster Session (Sat 09:30) | age range | >= 12 years
Taster Session (Sat 09:30) | max. riders | 20
Taster Session (Sat 09:30) | coach | D. J. Marsh
Taster Session (Sat 09:30) | notes | Riders must wear long-fingered gloves; track shoes are provided in EU sizes 36–47.
1 Ashcombe Row | address | 1 Ashcombe Row, Kettlewick, KW4 2DL
1 Ashcombe Row | type | single-storey cottage, 1 bed
1 Ashcombe Row | floor area | 38.5 m²
1 Ashcombe Row | listed status | Grade II (list entry 1187342)
1 Ashcombe Row | EPC rating | E (41)
1 Ashcombe Row | occupant | Mrs Winifred Hames
1 Ashcombe Row | WMC | £96.40 per week
Garnet Court Flat 2B | address | Flat 2B, Garnet Court, Mill Lane, Kettlewick KW4 2EQ
Garnet Court Flat 2B | type | first-floor flat, bedsit
Garnet Court Flat 2B | floor area | 29.8 m²
Garnet Court Flat 2B | EPC rating | C (69)
Garnet Court Flat 2B | occupant | Miss Chloë Ardern-Bligh
Garnet Court Flat 2B | WMC | £89.00 per week
Garnet Court Flat 2B | notes | Nearest flat to the lift; the bathroom has had a level-access shower since 2019.
Quadrangle Garden | area | 0.21 ha
Quadrangle Garden | features | sundial dated 1701, four box-edged beds, black mulberry, two memorial benches
Quadrangle Garden | contractor | Greenhythe Landscapes Ltd
Quadrangle Garden | cost | £3,120 p.a., fortnightly visits Apr–Oct
Quadrangle Garden | notes | Open to the public on Heritage Open Days in September only; residents have a key to the side gate.
RJ-2024-017 | property | Chapel of St Hilda
RJ-2024-017 | works | re-lay stone slate roof (north pitch) and renew lead flashings
RJ-2024-017 | contractor | Stonecroft Heritage Roofing
RJ-2024-017 | cost | £41,275.00
RJ-2024-017 | status | completed Feb 2024
RJ-2024-017 | funded by | KHT-0931 (60%), Extraordinary Repair Fund (40%)
SC-2022/114 | supplier | Coldline Scientific Ltd
SC-2022/114 | equipment | ULT-07, ULT-11, ULT-12, CR-2
SC-2022/114 | term | 1 Aug 2022 – 31 Jul 2025
SC-2022/114 | annual cost | £14,860 + VAT
SC-2022/114 | PPM visits | 2 per year (Feb, Aug)
SC-2022/114 | response time | <= 4 hours on site, 24/7 for -80 °C units
SC-2023/052 | supplier | Arctis Refrigeration Services
SC-2023/052 | equipment | CR-2A
SC-2023/052 | term | 2023-04-01 to 2026-03-31
SC-2023/052 | annual cost | £3,240 + VAT
SC-2023/052 | response time | next working day
INC-2023-041 | date | 17 June 2023
INC-2023-041 | equipment | ULT-07B
INC-2023-041 | description | Compressor failure overnight; cabinet reached -41 °C at 03:20 before boxes were moved.
INC-2023-041 | samples affected | 0 (all boxes in ULT-11 or on dry ice by 04:15)
INC-2023-041 | status | closed 2023-07-04
St Oswyn's Church Path Footbridge | asset ID | BR-0041
St Oswyn's Church Path Footbridge | span | 6.2 metres
St Oswyn's Church Path Footbridge | material | Oak deck on brick abutments
St Oswyn's Church Path Footbridge | installed | c. 1880; deck replaced 2008
St Oswyn's Church Path Footbridge | notes | Any repair needs faculty consent from the diocese; the churchwardens hold the key to the lychgate and ask that contractors do not park on the church path.
Rhyd-y-Gâr Ford & Stepping Stones | no. of stones | 9
Rhyd-y-Gâr Ford & Stepping Stones | grid ref | SD 5702 4815
Rhyd-y-Gâr Ford & Stepping Stones | condition | Impassable – two stones displaced in the Dec 2023 floods
Rhyd-y-Gâr Ford & Stepping Stones | notes | Do not reset the stones without a flood risk activity permit (ref. EPR/FB3304KD); the ford is also used by the farm quad bike.
Dafydd Prys-Owen | role | Countryside Ranger (South Area)
Dafydd Prys-Owen | patch | Stanwick, Lydd and the Wend Valley Way south of Cold Harbour
Dafydd Prys-Owen | e-mail | d.prys-owen@wendmoor-prow.example.org
Dafydd Prys-Owen | start date | 2017-09-04
Siân Aldous | role | Volunteer path warden
Siân Aldous | patch | Ashcombe FP12, FP14 and Brackwell BW7
Siân Aldous | first aid cert. expiry | 30/06/2025
Siân Aldous | hours logged 2023 | 146 hours
Siân Aldous | e-mail | sian.aldous@example.net
Fellgate Estates Ltd | e-mail | estateoffice@fellgate-estates.example.com
Fellgate Estates Ltd | contact | Mr P. St J. Ormerod, estate manager
Fellgate Estates Ltd | tel. | 01632 960 901
Fellgate Estates Ltd | notes | Shoot days Nov–Jan; the estate asks for 7 days' notice before any gate works on BW7.
Ashcombe FP12 | length | 2,310 metres
Ashcombe FP12 | status | Public footpath (definitive map 1952, rev. 1987)
Ashcombe FP12 | structures | Stile FP12/3, Stile FP12/3A, Kissing Gate KG-0417
Ashcombe FP12 | volunteer warden | Siân Aldous
"""
ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in BATCH.strip().splitlines()]


def test_a_name_told_from_its_siblings_by_the_day_its_bracket_writes_short(indexed):
    index = indexed[0]
    found = [index.display[m.name] for m in index.find("How old does my kid have to be to do the Tuesday evening "
                                                          "taster session?")[0]]
    assert found == ["Taster Session (Tue 18:00)"]
    found = [index.display[m.name] for m in index.find("How much is the Saturday 09:30 taster session?")[0]]
    assert found == ["Taster Session (Sat 09:30)"]
    assert index.find("How much is the Wednesday taster session?")[0] == []  # no such day, nor a choice without one
    assert index.find("How much is the taster session?")[0] == []


def test_she_is_a_name_written_like_a_person_s(indexed):
    index, by_key = indexed
    messages = [{"role": "user", "content": "Who's the volunteer warden for Ashcombe FP12?"},
                {"role": "assistant", "content": "The volunteer warden for Ashcombe FP12 is Siân Aldous."},
                {"role": "user", "content": "How many hours did she put in during 2023?"}]
    resolved = conversation.resolve(messages, index, conversation.facts_of(ROWS, by_key)).question
    assert resolved == "How many hours did Siân Aldous put in during 2023?"


def test_a_postcode_is_found_in_an_address():
    kind = answer_kind("Brackenmoor Velodrome postcode?")
    assert kind[0] == "postcode" and fits_kind(kind, "address", "Unit 3, Fellside Road, Brackenmoor BM7 2QX")
    assert not fits_kind(kind, "banking", "42° in the bends, 12° on the straights")


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("How old does my kid have to be to do the Tuesday evening taster session?",
     [("Taster Session (Tue 18:00)", "age range")]),
    ("how steep are the bends at brackenmoor velodrome", [("Brackenmoor Velodrome", "banking")]),
    ("Brackenmoor Velodrome postcode?", [("Brackenmoor Velodrome", "address")]),
    ("Which firm does the gardening for the Quadrangle Garden?", [("Quadrangle Garden", "contractor")]),
    ("Which places are on Dafydd Prys-Owen's beat?", [("Dafydd Prys-Owen", "patch")]),
    ("Who's the tenant in Garnet Court Flat 2B?", [("Garnet Court Flat 2B", "occupant")]),
    ("Who's paying for the chapel roof job, RJ-2024-017?", [("RJ-2024-017", "funded by")]),
    ("How quickly does Arctis have to turn up under contract SC-2023/052?", [("SC-2023/052", "response time")]),
    ("Tell me what happened in incident INC-2023-041.", [("INC-2023-041", "description")]),
    ("When does the SC-2022/114 contract run out?", [("SC-2022/114", "term")]),
    ("Rhyd y Gar ford: can you actually get across it right now?",
     [("Rhyd-y-Gâr Ford & Stepping Stones", "condition")]),
    ("We're sending a contractor out to fix the St Oswyn's church path footbridge next week - is there anything we "
     "need to sort out or know about first?", [("St Oswyn's Church Path Footbridge", "notes")]),
    ("Give me the name of the person I should deal with at Fellgate Estates.", [("Fellgate Estates Ltd", "contact")]),
])
def test_the_batch_s_questions(ask, question, expected):
    assert ask(question) == expected
