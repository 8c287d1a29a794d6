"""What the twenty-first hand-written batch (a town's food bank network, a rowing club, a diocese's pipe organs, a
borough's street trees; thirty-fifth session) missed on its first contact: a name by a word and its letter ("Pontoon
B" of "Launch Pontoon B (Downstream)"), by its first words before "of …" ("Holloway Green cedar" of "… Cedar of
Lebanon"), another possessor before a name's "'s" ("St Mary's Churchyard Yew" is no "St Bride's …"); follow-ups
about the thing the answer before named ("what's its hull number?" after "They row in Kingfisher Junior", "that
inspector"); and on the property side: "who do I email", "what days", a count written in a value after a version
("256 memory levels"), "how tall" of a thing without the "height" others have, "Who tunes X?" of its "tuner", two
properties joined by "and" in other words ("phone number and email address"), and what people ask in other words
(whether it is allowed, when it is shut, what it was named after, how they got on, what was short, what an order
involves, when it went in the ground, how old it is)."""

from __future__ import annotations

import pytest

from kblam import conversation
from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.wording import answer_kind, fits_kind

BATCH = """
St Oswald's Church Hall Annexe | type | overflow storage & pre-packing
St Oswald's Church Hall Annexe | address | rear of St Oswald's Church Hall, Kirk Lane, AV1 2HS
St Oswald's Church Hall Annexe | capacity | 14 pallets (dry goods only, stack height < 1.2 m)
St Oswald's Church Hall Annexe | key holder | Rev. Canon Peter Hallam
St Oswald's Church Hall Annexe | notes | No chilled storage; the annexe is unheated and is closed whenever the hall is booked for funerals.
Citizens Advice Ashcombe | type | partner agency – advice service
Citizens Advice Ashcombe | agency code | PA-011
Citizens Advice Ashcombe | voucher allocation | 40 per month
Citizens Advice Ashcombe | contact | Sharon Mbeki (Advice Manager)
Citizens Advice Ashcombe | e-mail | referrals@ashcombe-ca.example.org
Citizens Advice Ashcombe | tel. | 01632 960 418
Harvest Appeal 2024 | dates | 1 Sep – 13 Oct 2024
Harvest Appeal 2024 | target | 6 tonnes
Harvest Appeal 2024 | raised | 7.42 tonnes (124% of target)
Harvest Appeal 2024 | contact | Dr Amélie Fournier
Harvest Appeal 2024 | priority items | tinned meat, UHT milk, tinned tomatoes, rice, toiletries
Jenny W. | class | 1x
Jenny W. | maker | Harrowgate Shells
Jenny W. | length | 8.2 m
Jenny W. | crew weight range | < 70 kg
Jenny W. | notes | Senior scullers holding the club sculling certificate only; named after founder member Jenny Whitlock.
Kingfisher Junior | class | 4x+
Kingfisher Junior | maker | Carlisle & Penn Boatbuilders
Kingfisher Junior | rigging | stern-coxed, sculling
Kingfisher Junior | hull no. | CP-4XC-1608
Women's J16 Quad | boat | Kingfisher Junior
Women's J16 Quad | oars | Sculls Set SC-03
Women's J16 Quad | coach | Mrs P. M. Deakin-Hart
Women's J16 Quad | cox | Ms H. Okafor (Saturdays only)
Women's J16 Quad | notes | Squad of 6 (4 seats + 2 subs); all athletes must be under 16 on 1 September 2023.
Launch Pontoon A | length | 24 m
Launch Pontoon A | width | 3.2 m
Launch Pontoon A | capacity | ≤ 12 persons or 1,800 kg
Launch Pontoon A | use | Boating and landing for eights and fours; upstream end kept clear for coxed boats.
Launch Pontoon A | last inspected | 2024-02-26
Launch Pontoon B (Downstream) | length | 15 m
Launch Pontoon B (Downstream) | use | Small boats (1x, 2x, 2-) and mooring for both safety launches
Launch Pontoon B (Downstream) | last inspected | 26 Feb 2024
Launch Pontoon B (Downstream) | condition | Two deck boards loose at the upstream corner; report to the boatman before boating from that end.
Leyne Head of the River 2024 | date | 2024-03-09
Leyne Head of the River 2024 | course length | approx. 4,250 m
Leyne Head of the River 2024 | entries | 1st VIII only (2nd VIII scratched, cox ill)
Leyne Head of the River 2024 | result | 1st VIII 14:02.6, 11th of 38
Leyne Head of the River 2024 | notes | Marshalling from 12:30; every crew must carry a bow number and have a working bow ball.
St Aidan's, Marlow Edge – Chamber Organ | builder | attrib. Thos. Hessle, c.1790
St Aidan's, Marlow Edge – Chamber Organ | manuals | 1 (no pedals)
St Aidan's, Marlow Edge – Chamber Organ | stops | Stopt Diapason 8, Principal 4, Flute 4, Fifteenth 2
St Aidan's, Marlow Edge – Chamber Organ | location | Lady Chapel, north side; moveable on castors
St Aidan's, Marlow Edge – Chamber Organ | insured value | £85,000
St Aidan's, Marlow Edge – Chamber Organ | notes | On loan from the Hessle Trust since 2004; must not be moved without the Trust's written consent, even for the tuner's convenience.
Wenlowe Cathedral Quire Organ | builder | Bishop & Veale Ltd
Wenlowe Cathedral Quire Organ | built | 1911
Wenlowe Cathedral Quire Organ | rebuilt | 1978, 2016
Wenlowe Cathedral Quire Organ | manuals | 4
Wenlowe Cathedral Quire Organ | stops | 71 speaking, 24 couplers
Wenlowe Cathedral Quire Organ | combination system | Kimber Solid-State v3.2.1, 256 memory levels
Wenlowe Cathedral Quire Organ | organist | Dr Hélène Marchetti
Holy Trinity, Brackley Fen | builder | unknown; probably a Yorkshire firm, mid-19th c.
Holy Trinity, Brackley Fen | manuals | 2
Holy Trinity, Brackley Fen | stops | 14
Holy Trinity, Brackley Fen | condition | poor – see survey CS-2022/06
Holy Trinity, Brackley Fen | last tuned | 03/11/2023
Holy Trinity, Brackley Fen | tuner | Mr J. R. Pettigrew
Holy Trinity, Brackley Fen | access notes | Key from the churchwarden at Fen Cottage; the organ loft stair is steep with no handrail, so no lone working after dark.
St Mary-le-Moor, Harcombe | builder | Rowland Tebb & Co.
St Mary-le-Moor, Harcombe | built | 1868
St Mary-le-Moor, Harcombe | status | Historic Organ Certificate, Grade II (2008)
St Mary-le-Moor, Harcombe | manuals | 2
St Mary-le-Moor, Harcombe | stops | 22
St Mary-le-Moor, Harcombe | action | mechanical (tracker), balanced swell pedal
St Mary-le-Moor, Harcombe | humidity target | RH 50–60%; alarm if < 40%
St Mary-le-Moor, Harcombe | organist | Mrs A. K. Oduya
Tree T-04417 | species | Platanus × hispanica (London plane)
Tree T-04417 | location | o/s 23 Albion Road, south footway (Albion Road Plane Avenue)
Tree T-04417 | height | 21 m
Tree T-04417 | girth | 2.84 m at 1.5 m
Tree T-04417 | condition | Fair
Tree T-04417 | last inspected | 14/03/2023
Tree T-04418 | species | Platanus × hispanica
Tree T-04418 | location | o/s 25-27 Albion Road, south footway
Tree T-04418 | girth | 2.61 m at 1.5 m
Tree T-04418 | condition | Poor
Tree T-04418 | last inspected | 14/03/2023
Tree T-04418 | risk rating | High (QTRA 1/5,000)
Tree T-04418 | remarks | Massaria lesions on two limbs over the carriageway; limbs to be removed back to sound wood under a P1 works order.
Queen's Park Veteran Oak | tree ID | T/P-0112
Queen's Park Veteran Oak | species | Quercus robur
Queen's Park Veteran Oak | girth | 6.72 m
Queen's Park Veteran Oak | height | 14 m
Queen's Park Veteran Oak | remarks | Veteran tree, est. 350-400 years old; heartwood hollow and crown retrenching naturally since the 2011 reduction.
Queen's Park Veteran Oak | TPO no. | TPO 14/1987
Queen's Park Veteran Oak | grid ref | TQ 3127 8842
Queen's Park Veteran Oak | inspector | D. Pattinson
Queen's Park Veteran Oak Successor | tree ID | T/P-0112A
Queen's Park Veteran Oak Successor | species | Quercus robur
Queen's Park Veteran Oak Successor | condition | Good
Queen's Park Veteran Oak Successor | planted | Feb 2013
Queen's Park Veteran Oak Successor | remarks | Grown from an acorn of the veteran oak and planted 20 m to the north-east as its successor; the height was 4.1 m at the last survey.
Holloway Green Cedar of Lebanon | tree ID | T/P-0204
Holloway Green Cedar of Lebanon | species | Cedrus libani
Holloway Green Cedar of Lebanon | TPO no. | TPO 14/1987 (Amendment No. 2)
Holloway Green Cedar of Lebanon | root protection area | 15.0 m radius (capped)
Holloway Green Cedar of Lebanon | conservation area | No
Holloway Green Cedar of Lebanon | next inspection due | Jun 2024
Holloway Green Cedar of Lebanon | remarks | Cobra dynamic cable bracing installed in the upper crown in Jun 2019; the bracing is checked at each inspection.
St Bride's Churchyard Yew | tree ID | T-00831
St Bride's Churchyard Yew | species | Taxus baccata
St Bride's Churchyard Yew | girth | 5.10 m
St Bride's Churchyard Yew | owner | Parochial Church Council of St Bride's
St Bride's Churchyard Yew | TPO no. | TPO 3/1974
St Bride's Churchyard Yew | conservation area | Yes – Old Town CA
St Bride's Churchyard Yew | remarks | Not council-owned; held on the register for TPO purposes only, so the council does not inspect it.
WO-2023-0451 | tree | Tree T-04417
WO-2023-0451 | work spec | Crown lift to 5.2 m over carriageway and 2.5 m over footway; remove deadwood > 25 mm diameter.
WO-2023-0451 | contractor | Greenbough Arboriculture Ltd
WO-2023-0451 | raised by | J. R. Okonkwo
WO-2023-0451 | status | Completed 11 May 2023
WO-2023-0451 | cost (ex. VAT) | £385.00
Greenbough Arboriculture Ltd | company reg. no. | 08834217
Greenbough Arboriculture Ltd | approved contractor since | April 2016
Greenbough Arboriculture Ltd | framework lot | Lot 1 – planned street tree maintenance
Greenbough Arboriculture Ltd | public liability cover | £10,000,000
Greenbough Arboriculture Ltd | tel. | 01632 960418
Greenbough Arboriculture Ltd | e-mail | works@greenbough.example.com
Hélène Varga | role | Tree Officer (Planning & TPO)
Hélène Varga | e-mail | h.varga@hexworth.example.org
Hélène Varga | ward | Old Town, Holloway, Mafeking
Hélène Varga | remarks | Part-time, Tue–Thu 08:30–16:30; deals with TPO applications and s.211 conservation area notices.
D. Pattinson | role | Tree Inspector (Parks)
D. Pattinson | qualifications | Lantra Professional Tree Inspection, cert. no. PTI/2021/55817
D. Pattinson | survey app version | TreeLog 3.8.1
Tuning Contract TC/2019-14 | tuner | Mr S. O'Rourke
Tuning Contract TC/2019-14 | contractor | Bishop & Veale Ltd
Bishop & Veale Ltd | address | The Organ Works, Veale Street, Wenlowe WN1 2HA
Bishop & Veale Ltd | tel. | 0161 496 0233
Mr S. O'Rourke | role | voicer and head tuner, Bishop & Veale Ltd
Mr S. O'Rourke | e-mail | s.orourke@bishopveale.example.net
"""
ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in BATCH.strip().splitlines()]


def _found(index: NameIndex, question: str) -> list[str]:
    return [index.display[m.name] for m in index.find(question)[0]]


def test_names_by_a_word_and_its_letter_by_first_words_and_not_by_another_possessor(indexed):
    index = indexed[0]
    assert _found(index, "What state is Pontoon B in at the moment?") == ["Launch Pontoon B (Downstream)"]
    assert _found(index, "How long is Pontoon A?") == ["Launch Pontoon A"]
    assert _found(index, "What state is Pontoon C in?") == []
    assert _found(index, "Holloway Green cedar root protection radius?") == ["Holloway Green Cedar of Lebanon"]
    mentions, misses = index.find("Who owns the St Mary's Churchyard Yew?")  # another saint's yew
    assert mentions == [] and misses[0].closest == ("St Bride's Churchyard Yew",)
    assert _found(index, "Who owns St Bride's Churchyard Yew?") == ["St Bride's Churchyard Yew"]


def _resolve(indexed, *turns: str) -> str:
    index, by_key = indexed
    messages = [{"role": ("user", "assistant")[k % 2], "content": t} for k, t in enumerate(turns)]
    return conversation.resolve(messages, index, conversation.facts_of(ROWS, by_key)).question


def test_a_follow_up_about_the_thing_the_answer_before_named(indexed):
    assert "Kingfisher Junior" in _resolve(indexed, "What boat does the Women's J16 Quad row in?",
                                           "They row in Kingfisher Junior, a stern-coxed quad.", "what's its hull number?")
    assert "Women's J16 Quad" in _resolve(indexed, "What boat does the Women's J16 Quad row in?",  # the crew's own
                                          "They row in Kingfisher Junior.", "and who coaches them?")
    assert "O'Rourke" in _resolve(indexed, "Who is the tuner on tuning contract TC/2019-14?",  # "his": the person's
                                  "The tuner is Mr S. O'Rourke of Bishop & Veale Ltd.", "what's his email address?")
    assert _resolve(indexed, "Who inspects the Queen's Park Veteran Oak?", "It is inspected by D. Pattinson.",
                    "What qualifications has that inspector got?") == "What qualifications has D. Pattinson got?"


def test_answer_kinds_of_days_and_of_whom_to_email():
    days = answer_kind("What days does X work?")
    assert days[0] == "weekday" and fits_kind(days, "remarks", "Part-time, Tue–Thu 08:30–16:30")
    assert not fits_kind(days, "role", "Tree Officer (Planning & TPO)")
    assert answer_kind("What day of the month is X?") is None
    mail = answer_kind("who do i email at X about a referral")
    assert mail[0] == "e-mail address" and fits_kind(mail, "e-mail", "referrals@ashcombe-ca.example.org")
    assert not fits_kind(mail, "contact", "Sharon Mbeki (Advice Manager)")


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("Are there times when the St Oswald's annexe is shut?", [("St Oswald's Church Hall Annexe", "notes")]),
    ("who do i email at citizens advice ashcombe about a referral", [("Citizens Advice Ashcombe", "e-mail")]),
    ("Tell me what we were most short of during the Harvest Appeal 2024.", [("Harvest Appeal 2024", "priority items")]),
    ("Who was Jenny W. named after?", [("Jenny W.", "notes")]),
    ("What state is Pontoon B in at the moment?", [("Launch Pontoon B (Downstream)", "condition")]),
    ("How did we get on at the Leyne Head of the River 2024?", [("Leyne Head of the River 2024", "result")]),
    ("We'd like to shift the chamber organ at St Aidan's a bit so the tuner can get round it more easily - is that "
     "allowed?", [("St Aidan's, Marlow Edge – Chamber Organ", "notes")]),
    ("How many memory levels does the piston system on the Wenlowe Cathedral Quire Organ have?",
     [("Wenlowe Cathedral Quire Organ", "combination system")]),
    ("Who tunes the organ at Holy Trinity, Brackley Fen?", [("Holy Trinity, Brackley Fen", "tuner")]),
    ("Roughly how old is the Queen's Park Veteran Oak?", [("Queen's Park Veteran Oak", "remarks")]),
    ("I'm heading over to see the Queen's Park oak successor tomorrow - when did it go in the ground?",
     [("Queen's Park Veteran Oak Successor", "planted")]),
    ("Holloway Green cedar root protection radius?", [("Holloway Green Cedar of Lebanon", "root protection area")]),
    ("What does works order WO-2023-0451 actually involve?", [("WO-2023-0451", "work spec")]),
    ("What days does Helene Varga work?", [("Hélène Varga", "remarks")]),
    ("What's the phone number and email address for Greenbough Arboriculture Ltd?",
     [("Greenbough Arboriculture Ltd", "e-mail"), ("Greenbough Arboriculture Ltd", "tel.")]),
    ("How tall is tree T-04417?", [("Tree T-04417", "height")]),
    # and what the KB cannot answer
    ("Who owns the St Mary's Churchyard Yew?", []),
    ("How tall is tree T-04418?", []),  # no height, and its girth in metres is none
])
def test_the_batch_s_questions(ask, question, expected):
    assert ask(question) == expected
