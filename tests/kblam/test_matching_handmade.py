"""What the twenty-fourth session's hand-written fresh KBs (invented observatories, gadgets, society fellows, ferry
lines: names such as "Quillbox Field Recorder QR-7" and "Line F1 Harbourgate – Skelholm") missed on first contact:
people name such things by their code and leave the other words out or move them ("the QR-7", "the Quillbox QR-7
field recorder", "the F1 ferry", "railcar 158-VR 12"), a typo in one of those words included ("the Kestral KMD-2A")."""

from __future__ import annotations

import pytest
from test_matching_words import asker

from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.name_forms import coded_forms

NAMES = ["Quillbox Field Recorder QR-7", "Quillbox Field Recorder QR-7M", "Tidelink TL-40 Weather Station",
         "Tidelink TL-40S Weather Station", "Tidelink TL-40 Rain Gauge Add-on", "Line F1 Harbourgate – Skelholm",
         "Line F1X Harbourgate – Skelholm Express", "Railcar Class 158-VR 07", "Railcar Class 158-VR 12",
         "Bus 23 Harbourgate – Cuthbay Coast Road", "Kestrel Motor Driver KMD-2A", "Model X9-dri"]


def found(index: NameIndex, question: str) -> list[tuple[str, str]]:
    """(the KB name, the question's words taken for it) of each name found."""
    return [(index.display[m.name], m.said) for m in index.find(question)[0]]


def test_the_forms_of_a_name_keep_its_codes():
    assert coded_forms("Railcar Class 158-VR 12") == ["158-VR 12", "Railcar 158-VR 12", "Class 158-VR 12",
                                                     "158-VR 12 Railcar Class"]  # the code written first, too
    assert "Bus 23" in coded_forms("Bus 23 Harbourgate – Cuthbay Coast Road")
    assert "23" not in coded_forms("Bus 23 Harbourgate – Cuthbay Coast Road")  # a bare number names nothing
    assert "Model" not in coded_forms("Model X9-dri")  # that would answer for "Model X9-glx"
    assert coded_forms("Python 3.11") == [] and coded_forms("Corvid Mini Synth") == []


def test_a_name_written_by_its_code_with_its_other_words_left_out_or_moved():
    index = NameIndex(NAMES)
    assert found(index, "What memory card does the Quillbox QR-7 field recorder take?") == [
        ("Quillbox Field Recorder QR-7", "Quillbox QR-7 field recorder")]  # its own words are no words of the question
    assert found(index, "QR-7M storage?") == [("Quillbox Field Recorder QR-7M", "QR-7M")]
    assert found(index, "TL-40S price?") == [("Tidelink TL-40S Weather Station", "TL-40S")]
    assert found(index, "What times does the F1 ferry from Harbourgate leave?")[0][0] == "Line F1 Harbourgate – Skelholm"
    assert found(index, "is the skelholm express (F1X) seasonal?")[-1][0] == "Line F1X Harbourgate – Skelholm Express"
    assert found(index, "Which software does railcar 158-VR 12 run?") == [
        ("Railcar Class 158-VR 12", "railcar 158-VR 12")]
    assert found(index, "How often does bus 23 run?") == [("Bus 23 Harbourgate – Cuthbay Coast Road", "bus 23")]
    wines = NameIndex(["Harrowgate Reserve Shiraz 2018", "Harrowgate Reserve Shiraz 2019"])
    assert found(wines, "How much is the 2019 Harrowgate Reserve Shiraz?") == [
        ("Harrowgate Reserve Shiraz 2019", "2019 Harrowgate Reserve Shiraz")]
    assert found(index, "the continuous current of the Kestral KMD-2A motor driver?") == [
        ("Kestrel Motor Driver KMD-2A", "Kestral KMD-2A motor driver")]
    for question in ("What is the weight of the TL-40?",  # two names share that code
                     "What does the Model X9-glx weigh?", "Who drives the number 23?", "QR-8 storage?"):
        assert found(index, question) == [], question
    mentions, misses = index.find("What does the Model X9-glx weigh?")
    assert not mentions


@pytest.mark.realmodel
def test_a_property_asked_of_a_name_written_by_its_code(minilm):
    rows = [Triple(n, p, v) for n, p, v in (
        ("Northgate Smart Plug NP-1", "max load", "16 A, 3,680 W"),
        ("Northgate Smart Plug NP-1", "connectivity", "Wi-Fi 2.4 GHz"),
        ("Northgate Smart Plug NP-1", "standby consumption", "0.4 W"),
        ("Northgate Smart Plug NP-1e", "max load", "10 A, 2,300 W"),
        ("Northgate Smart Plug NP-1e", "energy monitoring", "yes"),
        ("Quillbox Field Recorder QR-7", "storage", "microSD up to 512 GB"),
        ("Quillbox Field Recorder QR-7", "sampling rate", "up to 96 kHz"),
        ("Quillbox Field Recorder QR-7", "inputs", "2 XLR/TRS combo"))]
    ask = asker(rows, minilm)
    assert ask("Northgate NP-1 smart plug: whats the most power I can put through it?") == [
        ("Northgate Smart Plug NP-1", "max load")]
    # the matcher retrained in the thirtieth session refuses "What memory card does the Quillbox QR-7 field recorder take, and how big a card can I
    # use?" (README, "Still wrong")
    assert ask("What does the NP-2 draw on standby?") == []  # no such plug


def test_a_generation_after_a_persons_name_is_another_person():
    index = NameIndex(["Prof. Tobias Renn", "Tobias Renn Jr.", "Margaret Ellery"])
    assert found(index, "What's the fellowship number for Tobias Renn Jr.?") == [("Tobias Renn Jr.", "Tobias Renn Jr")]
    assert found(index, "Tobias Renn's fellowship number?") == [("Prof. Tobias Renn", "Tobias Renn")]
    mentions, misses = index.find("What's the fellowship number for Tobias Renn III?")
    assert mentions == [] and misses[0].said == "Tobias Renn III"
    assert index.find("Margaret Ellery Jr.'s email?")[0] == []


@pytest.mark.realmodel
def test_two_properties_of_a_person_joined_by_his_or_her(minilm):
    rows = [Triple("Hamid Qureshi-Lowe", p, v) for p, v in (
        ("observatory code", "RS/88-02"), ("website", "https://hqlowe.example.org/observing"),
        ("telescope aperture", "406 mm"), ("fellowship number", "FRAS-0633"))]
    ask = asker(rows, minilm)
    assert ask("Give me Hamid Qureshi-Lowe's observatory code and his website address.") == [
        ("Hamid Qureshi-Lowe", "observatory code"), ("Hamid Qureshi-Lowe", "website")]


def test_a_measured_quantity_asked_for_picks_the_value_in_its_units():
    from kblam.value_fit import measure_asked
    held = [("range", "310 km"), ("fuel", "battery electric"), ("weight", "2.75 kg"), ("price range", "£350 to £2,400"),
            ("operating temperature", "-30 to 60 degrees Celsius"), ("rated power", "80 W")]
    assert measure_asked("How far can X drive on a full charge?", held) == ["range"]
    assert measure_asked("how heavy is X", held) == ["weight"]
    assert measure_asked("how much do X's paintings cost", held) == ["price range"]
    assert measure_asked("how cold can X get", held) == ["operating temperature"]
    assert measure_asked("X wattage?", held) == ["rated power"]
    assert measure_asked("Who designed X?", held) == []
    assert measure_asked("How much memory does X have?", held) == []  # no price
    # an area, a volume, a flow: "how big" is the area or the volume, not a count; a unit written asks for it
    held = [("site area", "4,850 square metres"), ("number of flats", "56"), ("capacity", "4,850 megalitres"),
            ("rated flow", "655 l/s"), ("load volume", "42.5 cubic metres")]
    assert measure_asked("ok, and how big is the plot of land X sits on?", held) == [
        "site area", "capacity", "load volume"]
    assert measure_asked("How many litres per second can X pump?", held) == ["rated flow"]
    assert measure_asked("How much cargo space, in cubic metres, is there in X?", held) == ["capacity", "load volume"]
    assert measure_asked("how many megalitres can X store", held) == ["capacity", "load volume"]  # any volume
    assert measure_asked("How many flats are in X?", held) == []


@pytest.mark.realmodel
def test_how_far_for_a_range_beside_a_sibling_that_holds_a_mileage(minilm):
    rows = [Triple(n, p, v) for n, p, v in (
        ("Coach CB-4417-K", "fuel", "battery electric"), ("Coach CB-4417-K", "range", "310 km"),
        ("Coach CB-4417-K", "seating capacity", "41 seated"), ("Coach CB-4418-K", "fuel", "battery electric"),
        ("Coach CB-4418-K", "range", "295 km"), ("Coach CB-4418-K", "seating capacity", "41 seated"),
        ("Coach CB-2091-D", "fuel", "diesel"), ("Coach CB-2091-D", "seating capacity", "49 seated"),
        ("Coach CB-2091-D", "mileage", "612,400 km"))]
    ask = asker(rows, minilm)
    assert ask("How far can Coach CB-4417-K drive on a full charge?") == [("Coach CB-4417-K", "range")]


@pytest.mark.realmodel
def test_two_properties_joined_with_a_noun_after_the_first(minilm):
    rows = [Triple("Falkenrast Hut", p, v) for p, v in (
        ("altitude", "2,318 metres"), ("warden", "Matthias Oberleitner"), ("phone", "+43 5412 555 301"),
        ("booking", "https://falkenrast.example.org/booking"), ("hut code", "FH-2318"))]
    ask = asker(rows, minilm)
    assert ask("Please give me the phone number and the hut code for Falkenrast Hut.") == [
        ("Falkenrast Hut", "hut code"), ("Falkenrast Hut", "phone")]


def test_a_yes_or_no_with_a_qualification_is_a_yes_or_no():
    from kblam.value_fit import boolean
    assert boolean("yes, on a lead") and boolean("No (summer only)") and boolean("Yes.") and boolean("no")
    assert not boolean("no limit") and not boolean("Nobody") and not boolean("yesterday")


def test_that_gallery_is_the_gallery_the_answer_before_named():
    from kblam.conversation import resolve
    index = NameIndex(["Whitcombe Longcase Clock", "Long Gallery North", "Gallery 7 Metalwork"])
    turns = [{"role": "user", "content": "Where is the Whitcombe Longcase Clock on display?"},
             {"role": "assistant", "content": "It is displayed in Long Gallery North."},
             {"role": "user", "content": "ok, and who's the curator of that gallery?"}]
    resolved = resolve(turns, index)
    assert resolved.question == "ok, and who's the curator of Long Gallery North?"
    assert resolved.original == "ok, and who's the curator of that gallery?"
    turns[-1]["content"] = "ok, and who's the curator of that museum?"  # no name named so far holds the word: the
    assert "Long Gallery North" not in resolve(turns, index).question  # turn is a follow-up as before


def test_a_name_written_with_its_qualifier_both_before_and_after():
    index = NameIndex(["Statistics II", "Statistics II (Evening)"])
    assert found(index, "how much does the evening Statistics II (Evening) course cost me?") == [
        ("Statistics II (Evening)", "Statistics II (Evening)")]
    assert index.find("how much is the evening Statistics II (Weekend)?")[0] == []  # another qualifier


def test_a_name_without_a_word_that_ends_several_names_or_without_its_second_part():
    """The twenty-fifth session's batch (allotment sites, festivals): "Rosière Close" for "Rosière Close Allotments"
    where "Allotments" ends several names (not most of them: the plots are "Plot HL-07"), and "the Harrowmere Half
    Marathon" for "Harrowmere Half Marathon & Fun Run"."""
    index = NameIndex(["Rosière Close Allotments", "Coldwell-Brook Allotments", "St Aidan's Glebe Allotments",
                       "Hollins Lane Extension", "Plot HL-07", "Plot HL-07A", "Plot CB-09", "Plot RC-04",
                       "Plot RC-11", "Harrowmere Half Marathon & Fun Run", "Kettlebrige Beer & Cider Festival"])
    assert found(index, "What about Rosière Close?") == [("Rosière Close Allotments", "Rosière Close")]
    assert found(index, "Does Coldwell-Brook flood?") == [("Coldwell-Brook Allotments", "Coldwell-Brook")]
    assert found(index, "who owns the land at st aidan's glebe?") == [("St Aidan's Glebe Allotments",
                                                                       "st aidan's glebe")]
    assert found(index, "When does the Harrowmere Half Marathon start?") == [
        ("Harrowmere Half Marathon & Fun Run", "Harrowmere Half Marathon")]
    # one word left is no name ("Close", "Hollins"), nor is a kind noun that ends fewer than three names
    assert found(index, "Is the close quiet?") == [] and found(index, "Who runs Hollins Lane?") == []


def test_a_name_the_kb_extends_by_a_dash():
    """"… Agricultural Show - Spring Lamb Sale" is not the show where the KB extends the show's name by another event
    ("- Winter Stock Fair"); that event's words written elsewhere ("the winter stock fair (… Show)") name it."""
    index = NameIndex(["Harrowmere County Agricultural Show", "Harrowmere County Agricultural Show - Winter Stock Fair",
                       "Ashby Vale Folk Festival"])
    mentions, misses = index.find("How much is an adult ticket to the Harrowmere County Agricultural Show - Spring "
                                  "Lamb Sale?")
    assert mentions == [] and misses[0].said == "Harrowmere County Agricultural Show - Spring Lamb Sale"
    assert "Harrowmere County Agricultural Show - Winter Stock Fair" in misses[0].closest
    assert found(index, "how much is it for an adult to get into the winter stock fair (harrowmere county "
                        "agricultural show)?")[0][0] == "Harrowmere County Agricultural Show - Winter Stock Fair"
    assert found(index, "Where is the Harrowmere County Agricultural Show held?")[0][0] == (
        "Harrowmere County Agricultural Show")
    assert found(index, "Harrowmere County Agricultural Show - When is it?")[0][0] == (
        "Harrowmere County Agricultural Show")  # a question word after the dash is no other name
    both = NameIndex(["threads", "threads::shared"])  # the extra word taken by the other name named
    assert found(both, "when were threads and threads::shared first shipped?") == [
        ("threads", "threads"), ("threads::shared", "threads::shared")]
    # a name the KB does not extend is followed by a dash as before
    assert found(index, "Ashby Vale Folk Festival - Who plays?")[0][0] == "Ashby Vale Folk Festival"


def test_a_name_followed_by_another_letter_than_the_kb_extends_it_by():
    """"Harbourside Studio C" is not the "Harbourside Studio" where the KB also holds a "Harbourside Studio B": a near
    miss naming both; "B" names the studio B, and "A" or "I" after the name is read as a word of the question."""
    index = NameIndex(["Harbourside Studio", "Harbourside Studio B", "Harbourside Main Stage", "Kessler Hall"])
    for question in ("how many seats does Harbourside Studio C have", "Harbourside Studio C's hire rate?"):
        mentions, misses = index.find(question)
        assert mentions == [] and misses[0].said == "Harbourside Studio C", question
        assert misses[0].closest == ("Harbourside Studio", "Harbourside Studio B")
    assert found(index, "how many seats does Harbourside Studio B have") == [
        ("Harbourside Studio B", "Harbourside Studio B")]
    assert found(index, "Is Harbourside Studio A black box?")[0][0] == "Harbourside Studio"
    assert found(index, "Is Kessler Hall C-listed?")[0][0] == "Kessler Hall"  # the KB extends no hall by a letter


@pytest.mark.realmodel
def test_an_own_property_that_fits_clearly_beats_the_kind_of_property_the_words_point_at(minilm):
    rows = [Triple(n, p, v) for n, p, v in (
        ("Plot MR-15B", "use", "school growing club, Wednesdays in term time"), ("Plot MR-15B", "plot size", "75 m²"),
        ("Plot MR-15B", "tenant", "Mill Race Primary School"), ("Plot MR-15B", "annual rent", "£0"),
        ("Plot CB-09", "tenant", "Marcus Oyelaran"), ("Plot CB-09", "plot size", "250 m²"),
        ("Plot CB-09", "annual rent", "£92.50"), ("Plot CB-09", "notes", "Runs the seed swap each March."))]
    ask = asker(rows, minilm)
    assert ask("What is plot MR-15B used for?") == [("Plot MR-15B", "use")]


def test_what_hand_kept_records_are_asked_in_other_words():
    """Kinds of property that people keep in records and ask for without the label's words (:data:`INTENTS`)."""
    from kblam.intents import intended
    van = ["registration", "model", "fuel type", "in service", "notes", "depot manager"]
    assert intended("who's in charge at X", van) == ["depot manager"]
    assert intended("Which team takes care of X?", ["warden", "area", "opened"]) == ["warden"]
    assert intended("what does lorry X run on", van) == ["fuel type"]
    assert intended("What OS does X run on?", van) == []  # the OS is asked, not what powers it
    assert intended("Are there any known problems with van X?", van) == ["notes"]
    assert intended("Has anything notable happened with X in the past?", van) == ["notes"]
    assert intended("Is Van X currently usable for rounds, or is it out of action?", van) == ["in service"]
    assert intended("Is plot X available at the moment?", ["site", "status", "plot size"]) == ["status"]
    assert intended("How many miles has X done?", van) == []
    fair = ["dates", "venue", "capacity", "attendance 2023"]
    assert intended("How many people can the X seat?", fair) == ["capacity"]
    assert intended("How many people attended X?", fair) == []  # its attendance, by the words written
    assert intended("Who's driving it these days?", van) == []  # asked by yes or no only
    assert intended("X number plate?", van) == ["registration"]
    assert intended("when did X and X go into service?", ["commissioned", "operation mode"]) == ["commissioned"]
    assert intended("Can I still sign up for X or has it been withdrawn?", ["status", "upload speed"]) == ["status"]
    assert intended("what are the number plates on rescue pumps X and X?", ["registration", "station number"]) == [
        "registration"]  # the "number" of a number plate asks for no "station number"


@pytest.mark.realmodel
def test_whos_in_charge_and_a_status_asked_by_yes_or_no(minilm):
    rows = [Triple(n, p, v) for n, p, v in (
        ("Renée Street Hub", "depot manager", "Tomasz Wróbel"), ("Renée Street Hub", "loading bays", "9"),
        ("Renée Street Hub", "site code", "DEP-RNS-03"), ("Plot HE-04", "status", "vacant; offered on 2024-09-03"),
        ("Plot HE-04", "plot size", "125 square metres"), ("Plot HE-04", "condition", "heavily overgrown"))]
    ask = asker(rows, minilm)
    assert ask("who's in charge at renée street hub") == [("Renée Street Hub", "depot manager")]
    assert ask("Is plot HE-04 available at the moment?") == [("Plot HE-04", "status")]


@pytest.mark.realmodel
def test_an_email_address_a_yes_no_question_asked_when_and_a_sibling_named_by_its_other_word(minilm):
    """The sixth hand-written batch's first contact: "email" is the "e-mail" of a "contact e-mail", and the "address"
    of "email address" names no station "address"; "Was X shut …? When exactly?" and "Is X to be shut down? If so,
    when?" ask when; "the longest" is the maximum; "how many X mics have we got" asks for the quantity held; "what
    about the south one?" after "… North" asks of "… South"."""
    from kblam.wording import stems, wh_merged
    assert "email" in stems("contact e-mail") and {"e", "mail"} <= stems("contact e-mail")
    assert wh_merged(["Was X shut for building work?", "When exactly?"]) == ["When was X shut for building work?"]
    assert wh_merged(["We go in May. Is X open", "if so when?"]) == ["We go in May. When is X open?"]
    assert wh_merged(["What is X?", "When exactly?"]) == ["What is X?", "When exactly?"]  # no yes/no before it
    rows = [Triple(n, p, v) for n, p, v in (
        ("University Library Dock LB-07", "contact e-mail", "lb07.dock@example.org"),
        ("University Library Dock LB-07", "docks", "24"), ("Old Tannery Yard", "address", "3 Tannery Lane"),
        ("Old Tannery Yard", "closed for works", "3 February 2025 to 14 March 2025"),
        ("Old Tannery Yard", "docks", "18"), ("Fenwick Road Pumping Station", "duty pumps", "3"),
        ("Fenwick Road Pumping Station", "decommissioning date", "planned for 2031"),
        ("Muffle Furnace MF-1700 North", "max temperature", "1,700 degrees Celsius"),
        ("Muffle Furnace MF-1700 South", "max temperature", "1,650 degrees Celsius"))]
    ask = asker(rows, minilm)
    assert ask("Give me the email address for University Library Dock LB-07.") == [
        ("University Library Dock LB-07", "contact e-mail")]
    assert ask("What is the address of University Library Dock LB-07?") == []  # its postal address: not in the KB
    assert ask("Was Old Tannery Yard shut at some point for building work? When exactly?") == [
        ("Old Tannery Yard", "closed for works")]
    # the matcher retrained in the thirtieth session refuses "Is Fenwick Road Pumping Station going to be shut down for good at some point? If so,
    # when?" (README, "Still wrong")
    rooms = [Triple(n, p, v) for n, p, v in (
        ("Quiet Pod QP-07a", "maximum booking", "<= 2 hours"), ("Quiet Pod QP-07a", "capacity", "1"),
        ("Annex Huddle 3-West", "bookable", "no, first come first served"), ("Annex Huddle 3-West", "capacity", "4"),
        ("Quillon Q-7 Dynamic", "quantity held", "14"), ("Quillon Q-7 Dynamic", "purchased", "March 2019"),
        ("Quillon Q-7 Dynamic", "frequency response", "50 Hz to 15 kHz"))]
    ask_rooms = asker(rooms, minilm)
    # "longest" writes the "maximum" of a "maximum booking", so the "bookable" that other rooms have is no rival
    assert ask_rooms("What's the longest I can book Quiet Pod QP-07a for?") == [("Quiet Pod QP-07a", "maximum booking")]
    rooms2 = [Triple(n, p, v) for n, p, v in (
        ("Quiet Pod QP-07b", "out of service", "since 3 June 2024, ventilation fan fault"),
        ("Quiet Pod QP-07b", "capacity", "1"), ("Quiet Pod QP-07b", "floor", "2"),
        ("Microsoft Lumia 950", "user agent", "Mozilla/5.0 (Windows Phone 10.0; Android 4.2.1; Microsoft; Lumia 950)"),
        ("Microsoft Lumia 950", "mobile", "true"), ("Microsoft Lumia 950", "device scale factor", "4"))]
    ask2 = asker(rooms2, minilm)
    assert ask2("can i use quiet pod QP-07b today or is something wrong with it?") == [("Quiet Pod QP-07b",
                                                                                       "out of service")]
    assert ask2("Give me the UA for the Lumia 950") == [("Microsoft Lumia 950", "user agent")]  # in capitals: an acronym
    # how many of the entity itself are held
    assert ask_rooms("how many Quillon Q-7 Dynamic mics have we actually got") == [("Quillon Q-7 Dynamic",
                                                                                    "quantity held")]
    index = NameIndex(sorted({t.name for t in rows}) + ["Velo-Lyn E5-city", "Velo-Lyn E5-cargo"])
    turns = ["How hot does Muffle Furnace MF-1700 North get?", "Up to 1,700 degrees Celsius.", "what about the south one?"]
    assert resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                   index).question == "How hot does Muffle Furnace MF-1700 South get?"
    turns = ["How heavy is the Velo-Lyn E5-city?", "27.8 kg.", "what about the cargo version?"]
    assert resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                   index).question == "How heavy is the Velo-Lyn E5-cargo?"


def test_a_name_written_without_the_phrase_that_says_what_kind_of_thing_it_is():
    """A phrase of two or three words that ends several KB names ("fire station") says what kind of thing they are:
    each name is found without it ("St. Hild's", "Kirkby-under-Wold", "Ashcombe"), unless what follows names another
    kind the KB has ("harbourside children's annex" where the KB's annex is Northgate's), and a qualifier ("in MeV")
    is no kind."""
    index = NameIndex(["Ashcombe Fire Station", "Brackenford Community Fire Station", "St. Hild's Fire Station",
                       "Kirkby-under-Wold Fire Station", "Rescue Pump RP-21A", "Harbourside Branch Library",
                       "Northgate Branch Library", "Tannery Lane Branch Library", "Northgate Children's Annex",
                       "muon mass energy equivalent in MeV", "neutron mass energy equivalent in MeV",
                       "proton mass energy equivalent in MeV"])
    assert found(index, "how tall is the training tower at st. hild's") == [("St. Hild's Fire Station", "st. hild's")]
    assert found(index, "what about kirkby under wold?") == [("Kirkby-under-Wold Fire Station", "kirkby under wold")]
    assert found(index, "Who runs Ashcombe?") == [("Ashcombe Fire Station", "Ashcombe")]
    assert found(index, "When does Brackenford Community open?") == [("Brackenford Community Fire Station",
                                                                      "Brackenford Community")]
    assert found(index, "when does harbourside open?") == [("Harbourside Branch Library", "harbourside")]
    assert found(index, "what's the address of the harbourside children's annex") == []
    mentions, misses = index.find("what's the address of harbourside's annex")  # another kind's last two words, at
    assert not mentions and misses[0].said == "harbourside's annex"  # the end of the question (an IndexError before)
    assert found(index, "What is the unit of neutron mass energy equivalent?") == []


def test_a_name_with_a_word_abbreviated_or_written_in_full():
    from kblam.shortened_names import abbreviated_forms
    assert abbreviated_forms("ashcombe road cabinet 14") == ["ashcombe rd cabinet 14"]
    assert abbreviated_forms("st hild s fire station") == ["street hild s fire station", "saint hild s fire station"]
    index = NameIndex(["Ashcombe Road Cabinet 14", "Ashcombe Road Cabinet 41", "St. Hild's Fire Station"])
    assert found(index, "Where exactly is Ashcombe Rd Cabinet 14?") == [("Ashcombe Road Cabinet 14",
                                                                          "Ashcombe Rd Cabinet 14")]
    assert found(index, "Who runs Saint Hild's Fire Station?") == [("St. Hild's Fire Station", "Saint Hild's Fire Station")]
    assert found(index, "Where is Ashcombe Rd Cabinet 15?") == []


def test_of_each_asks_of_every_name_before_and_that_one_is_the_name_the_answer_wrote_last():
    """The eighth batch: "Which one charges faster, A or B? Please give me the peak power of each." asks the peak
    power of both; "what plugs does that one have?" after "X uses the Brightline CCS Mini 50." asks of the charger,
    a KB name the answer wrote as X's value."""
    index = NameIndex(["Voltaro HPC-350", "Tessaly Ultra-400", "Greyfriars Multi-Storey", "Brightline CCS Mini 50",
                       "Store"])
    turns = [{"role": "user", "content": "Which one charges faster, the Voltaro HPC-350 or the Tessaly Ultra-400?"},
             {"role": "user", "content": "Please give me the peak power of each."}]
    assert resolve(turns, index).question == "Please give me the peak power of Voltaro HPC-350 and Tessaly Ultra-400."
    turns = ["Which charger model do they have at Greyfriars Multi-Storey?",
             "Greyfriars Multi-Storey uses the Brightline CCS Mini 50.", "Ok, and what plugs does that one have?"]
    assert resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                   index).question == "Ok, and what plugs does Brightline CCS Mini 50 have?"
    turns[1] = "Greyfriars Multi-Storey uses the Brightline CCS Mini 50 in its Storeroom."  # "Store" is no name here
    assert resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                   index).question == "Ok, and what plugs does Brightline CCS Mini 50 have?"
    turns[1] = "The Brightline CCS Mini 50, at Greyfriars Multi-Storey."  # the name written last is the site
    assert resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                   index).question == "Ok, and what plugs does Greyfriars Multi-Storey have?"


@pytest.mark.realmodel
def test_what_the_eighth_batch_asked_in_other_words(minilm):
    """The eighth hand-written batch's first contact: an either/or that offers the entity's value ("male or a female
    plant" of its "sex"); where it came from ("provenance"); what one should know, any catch ("notes"); a question
    opening with "how" is no yes/no question for a yes/no property ("is it stairs or something else?"); a duration of
    two units ("2 h 05 min"); "running this winter" asks how it stands; "per kWh", written in the values of a
    "tariff" that other sites hold, asks for a tariff the site lacks."""
    rows = [Triple(n, p, v) for n, p, v in (
        ("Queen Aurélie's Cycad", "species", "Encephalartos altensteinii"), ("Queen Aurélie's Cycad", "sex", "male"),
        ("Queen Aurélie's Cycad", "height", "4.6 metres"),
        ("Cycad Cluster C-21", "species", "Cycas revoluta"), ("Cycad Cluster C-21", "location", "Palm House West Wing"),
        ("Cycad Cluster C-21", "provenance", "nursery-raised from seed batch RT/88-02"),
        ("Roche-Noire Poma", "lift type", "button drag lift"), ("Roche-Noire Poma", "length", "620 m"),
        ("Roche-Noire Poma", "notes", "Steep final section; snowboarders should keep the rear foot unstrapped."),
        ("Grand Combe Connector", "status", "closed for the 2024/25 season pending replacement"),
        ("Grand Combe Connector", "lift type", "fixed-grip triple chair"),
        ("Gate 4B", "jet bridge", "no"), ("Gate 4B", "boarding method", "front and rear airstairs"),
        ("Gate 4A", "jet bridge", "yes"), ("Gate 4A", "walking time from security", "6 minutes"),
        ("VL-88 to Brünnfeld", "departure times", "09:40 and 19:55"), ("VL-88 to Brünnfeld", "block time", "2 h 05 min"),
        ("VL-88 to Brünnfeld", "distance", "1,140 km"),
        ("North Ridge Station", "charger model", "Voltaro HPC-350"), ("North Ridge Station", "number of bays", "12"),
        ("North Ridge Station", "site code", "NRS-0142"), ("St. Aldric's Retail Park", "site code", "SAR-0311"),
        ("St. Aldric's Retail Park", "tariff", "£0.69 per kWh"), ("St. Aldric's Retail Park", "number of bays", "8"),
        ("Café Montréal Forecourt", "tariff", "£0.59 per kWh"), ("Café Montréal Forecourt", "number of bays", "4"),
        ("Café Montréal Forecourt", "site code", "CMF-0907"), ("Lindqvist Services J14", "site code", "LSJ-1400"),
        ("Lindqvist Services J14", "tariff", "£0.79 per kWh"), ("Lindqvist Services J14", "number of bays", "16"))]
    ask = asker(rows, minilm)
    assert ask("is queen aurelie's cycad a male or a female plant?") == [("Queen Aurélie's Cycad", "sex")]
    assert ask("Where did Cycad Cluster C-21 originally come from?") == [("Cycad Cluster C-21", "provenance")]
    assert ask("Tell me what I should know about riding the Roche-Noire Poma as a snowboarder.") == [
        ("Roche-Noire Poma", "notes")]
    assert ask("is the grand combe connector running this winter?") == [("Grand Combe Connector", "status")]
    assert ask("How do passengers get on the plane at Gate 4B - is it stairs or something else?") == [
        ("Gate 4B", "boarding method")]
    assert ask("and how long is the flight of VL-88 to Brünnfeld?") == [("VL-88 to Brünnfeld", "block time")]
    assert ask("What does it cost per kWh to charge at North Ridge Station?") == []
    assert ask("What's the tariff at Café Montréal Forecourt?") == [("Café Montréal Forecourt", "tariff")]


NINTH_BATCH = """
Pont Élise Swing Bridge | structure id | HW-MB-0003
Pont Élise Swing Bridge | type | hydraulic swing bridge
Pont Élise Swing Bridge | swing times | 07:15, 12:30 and 19:45
Pont Élise Swing Bridge | control software | v3.8.2-lts
Pont Élise Swing Bridge | bridge master | Thérèse Lannoy
Pont Élise Swing Bridge | named after | Élise Varnier, daughter of the county's first surveyor
Pont Élise Swing Bridge | opened | August 1936
Wyvern Gorge Suspension Bridge | structure id | HW-SB-0001
Wyvern Gorge Suspension Bridge | span | 187 metres
Wyvern Gorge Suspension Bridge | deck height above river | 62 metres
Wyvern Gorge Suspension Bridge | wind closure | mean wind speed >= 45 mph
Wyvern Gorge Suspension Bridge | main cable diameter | 318 mm
Wyvern Gorge Suspension Bridge | opened | September 1972
Wyvern Gorge Suspension Bridge | design engineer | Gwendolen Ferris
Lanternfish Secrets Vault | key rotation | every 90 days
Lanternfish Secrets Vault | audit log retention | 7 years
Lanternfish Secrets Vault | current version | v2.8.0
Pump Ladder PL-11 | pump output | 3,000 litres/min at 10 bar
Pump Ladder PL-11 | water tank | 1,800 litres
Pump Ladder PL-11 | in service | 2019-03-18
Mercator DigiPress 9150 | machine type | cut-sheet CMYK toner digital press
Mercator DigiPress 9150 | serial number | MDP-9150-0043871
Mercator DigiPress 9150 | firmware | v6.2.14
Mercator DigiPress 9150 | rated speed | 150 A4 pages per minute
Mercator DigiPress 9150 | max sheet size | 330 x 488 mm
Mercator DigiPress 9150 | lease ends | 2026-11-30
Mercator DigiPress 9150 | service e-mail | support.uk@mercator-print.example.com
Mercator DigiPress 9350 | machine type | cut-sheet toner digital press with fifth-colour station
Mercator DigiPress 9350 | firmware | v6.3.0-rc2
Mercator DigiPress 9350 | rated speed | 135 A4 pages per minute
Mercator DigiPress 9350 | fifth colour options | white, clear, fluorescent pink
Mercator DigiPress 9350 | max stock weight | <= 400 gsm
Mercator DigiPress 9350 | installed | 2023-02-06
Corvid PB-440 Perfect Binder | machine type | single-clamp PUR perfect binder
Corvid PB-440 Perfect Binder | glue | PUR hot-melt, pot held at 120 degrees Celsius
Corvid PB-440 Perfect Binder | spine thickness | 2 to 50 mm
Corvid PB-440 Perfect Binder | rated speed | 440 books/hour
Corvid PB-440 Perfect Binder | full cure time | >= 24 hours before books are packed
Corvid PB-440 Perfect Binder | service contract | SC-CORVID-2291, renews 1 April each year
Northmoor Silk 170gsm | grammage | 170 g/m²
Northmoor Silk 170gsm | stock code | PS-NMS-170-SRA2
Northmoor Silk 170gsm | caliper | 148 microns
Northmoor Silk 170gsm | supplier | Ridgeway Paper Merchants
Northmoor Silk 170gsm | price per 1,000 sheets | £43.90
Northmoor Silk 170gsm | datasheet | https://papers.example.org/northmoor/silk-170.pdf
Crèmeline Bookwove 80gsm | grammage | 80 g/m²
Crèmeline Bookwove 80gsm | shade | natural cream
Crèmeline Bookwove 80gsm | bulk | 1.6 vol
Crèmeline Bookwove 80gsm | sheet size | 500 x 707 mm (B2), long grain
Crèmeline Bookwove 80gsm | supplier | Ostrander & Lowe Ltd
Crèmeline Bookwove 80gsm | used for | text pages of novels and poetry paperbacks bound on the Corvid PB-440
Titan Arum ACC-2011-0456 | species | Amorphophallus titanum
Titan Arum ACC-2011-0456 | acquired | 2011-03-22
Titan Arum ACC-2011-0456 | location | Palm House East Wing
Titan Arum ACC-2011-0456 | last flowering | 17 to 19 August 2023
Titan Arum ACC-2011-0456 | tuber weight | 86.5 kg
Titan Arum ACC-2011-0456 | inflorescence height | 2.41 metres
Terminal 2 Commuter Hall | opened | June 1996
Terminal 2 Commuter Hall | floor area | 4,300 square metres
Terminal 2 Commuter Hall | check-in desks | 12
Terminal 2 Commuter Hall | gates | 9, 10, 11-Remote and 12-Remote
Terminal 2 Commuter Hall | opening hours | 05:15 to 22:00, Monday to Saturday
Terminal 2 Commuter Hall | step-free access | yes
Wrenfield Veterinary Centre | address | Wrenfield Business Park, Station Approach, Wrenfield WF3 9NS
Wrenfield Veterinary Centre | lead vet | Dr Priya Salgado
Wrenfield Veterinary Centre | opening hours | Hospital open 24 hours; consultations 08:30-20:00 daily
Wrenfield Veterinary Centre | inpatient capacity | 28 dog kennels, 12 cat cages
Wrenfield Veterinary Centre | e-mail | reception.wrenfield@example.org
Wrenfield Veterinary Centre | website | https://wrenfield.vets.example.org
Wrenfield Veterinary Centre | practice software | VetLedger v5.13.0-rc2 (pilot site)
Glenmarra Campsite | site code | GMC-01
Glenmarra Campsite | altitude | 212 metres
Glenmarra Campsite | number of pitches | 64
Glenmarra Campsite | warden | Morag Kinloch
Glenmarra Campsite | booking e-mail | glenmarra.bookings@example.org
Glenmarra Campsite | season | 1 March to 31 October
Glenmarra Campsite | facilities | toilets, hot showers, laundry room, drying room, chemical disposal point
Fairwater Lakeside Campsite | site code | FLC-07
Fairwater Lakeside Campsite | number of pitches | 112
Fairwater Lakeside Campsite | reception hours | 08:00-12:00 and 16:00-20:00
Fairwater Lakeside Campsite | booking url | https://bookings.example.com/fairwater
Fairwater Lakeside Campsite | check-in times | from 14:00; check-out by 11:00
Fairwater Lakeside Campsite | quiet hours | 22:30 to 07:00
Fairwater Lakeside Campsite | maximum stay | 14 nights
Tarn-End Wild Camping Zone | zone code | WCZ-TE-2
Tarn-End Wild Camping Zone | permit required | yes, free permit for groups of more than 4 tents
Tarn-End Wild Camping Zone | maximum stay | 2 consecutive nights
Tarn-End Wild Camping Zone | altitude | 520 to 640 metres
Tarn-End Wild Camping Zone | rules | Pitch at least 100 metres from the tarn shore and leave no trace; no fires of any kind.
Strathrowan Backpackers' Campsite | site code | SBC-05
Strathrowan Backpackers' Campsite | number of pitches | 22
Strathrowan Backpackers' Campsite | vehicle access | no; 1.2 km walk-in from the Strathrowan Bridge car park
Strathrowan Backpackers' Campsite | booking e-mail | strathrowan@example.net
Strathrowan Backpackers' Campsite | ranger bus departures | 07:45, 12:10 and 16:35 from Strathrowan Bridge
Strathrowan Backpackers' Campsite | opened | 2016-06-11
Pitch FW-03H | site | Fairwater Lakeside Campsite
Pitch FW-03H | surface | reinforced grass hardstanding
Pitch FW-03H | electric hook-up | yes, 10 A
Pitch FW-03H | maximum vehicle length | <= 9 m
Pitch FW-03H | accessible | yes, level tarmac path to the accessible shower room
Halvorsen Orbis 74-5 | machine type | 5-colour B2 sheetfed offset press with inline aqueous coating unit
Halvorsen Orbis 74-5 | serial number | HO74-5-20817
Halvorsen Orbis 74-5 | installed | 14 March 2016
Halvorsen Orbis 74-5 | rated speed | 15,000 sheets/hour
Halvorsen Orbis 74-5 | max sheet size | 530 x 740 mm
Halvorsen Orbis 74-5 | key operator | Dariusz Wrona
Kiyose W1600 Wide-Format | machine type | roll-fed UV LED wide-format inkjet printer
Kiyose W1600 Wide-Format | max print width | 1,600 mm
Kiyose W1600 Wide-Format | firmware | 4.0.2b
Kiyose W1600 Wide-Format | ink set | CMYK, white, varnish
Kiyose W1600 Wide-Format | location | Unit 3, signage bay
Kiyose W1600 Wide-Format | rip software | Kiyose FlexRIP 11.4
Tallis TD-105 Die-Cutter | machine type | flatbed autoplaten die-cutter and hot-foil stamper
Tallis TD-105 Die-Cutter | cutting force | 260 tonnes
Tallis TD-105 Die-Cutter | max sheet size | 750 x 1,050 mm
Tallis TD-105 Die-Cutter | rated speed | 7,500 sheets/hour
Tallis TD-105 Die-Cutter | service engineer | Tomasz Pietrzyk
Tallis TD-105 Die-Cutter | service portal | https://service.tallis-converting.example.net/td105
Kestrel Kraft 280gsm | grammage | 280 g/m²
Kestrel Kraft 280gsm | colour | natural brown
Kestrel Kraft 280gsm | sheet size | 320 x 450 mm (SRA3)
Kestrel Kraft 280gsm | price per 1,000 sheets | £121.00
Kestrel Kraft 280gsm | notes | Not to be run through the O'Malley Laminator 52; film lifts on the fibrous surface.
Halvorsen Orbis 74-5 | blanket wash times | 07:30, 13:15 and 21:45
Kiyose W1600 Wide-Format | installed | Nov 2022
"""


@pytest.fixture(scope="module")
def ninth_ask(minilm):
    return asker([Triple(*(part.strip() for part in line.split(" | "))) for line in NINTH_BATCH.strip().splitlines()],
                 minilm)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("Who's the person in charge of running the Pont Élise Swing Bridge?", ("Pont Élise Swing Bridge", "bridge master")),
    ("how many animals can wrenfield veterinary centre keep in overnight",
     ("Wrenfield Veterinary Centre", "inpatient capacity")),
    ("Tell me what I'm not allowed to do when pitching at Tarn-End Wild Camping Zone.",
     ("Tarn-End Wild Camping Zone", "rules")),
    ("Can I drive right up to Strathrowan Backpackers' Campsite or do I have to walk?",
     ("Strathrowan Backpackers' Campsite", "vehicle access")),
    ("My mum uses a wheelchair - is Pitch FW-03H suitable for her?", ("Pitch FW-03H", "accessible")),
    ("What part of the year is Glenmarra Campsite open?", ("Glenmarra Campsite", "season")),
    ("Who normally runs the Halvorsen Orbis 74-5?", ("Halvorsen Orbis 74-5", "key operator")),
    ("Is there any problem with putting Kestrel Kraft 280gsm through the O'Malley laminator?",
     ("Kestrel Kraft 280gsm", "notes")),
    ("is there a website where I can log a fault for the Tallis TD-105 Die-Cutter?",
     ("Tallis TD-105 Die-Cutter", "service portal")),
    ("When did the Kiyose W1600 Wide-Format go in?", ("Kiyose W1600 Wide-Format", "installed")),
    ("Fairwater Lakeside Campsite office opening times?", ("Fairwater Lakeside Campsite", "reception hours")),
    ("Can you explain in general how a cable-stayed bridge differs from a suspension bridge?", None),
    ("Where can I find Glenmarra Campsite online?", None),  # it has no web address, only a booking e-mail
    ("how thick is northmoor silk 170gsm in microns", ("Northmoor Silk 170gsm", "caliper")),  # its value's word
    ("What colour is the Cremeline Bookwove 80gsm paper, pure white or more of a cream?",
     ("Crèmeline Bookwove 80gsm", "shade")),
    ("How long do books from the Corvid PB-440 Perfect Binder have to sit before we're allowed to pack them?",
     ("Corvid PB-440 Perfect Binder", "full cure time")),  # ">= 24 hours before …": a duration
    ("When is Titan Arum ACC-2011-0456 expected to flower next?", None),  # not its "last flowering"
    ("When did Titan Arum ACC-2011-0456 last flower?", ("Titan Arum ACC-2011-0456", "last flowering")),
    ("I use a wheelchair and will be flying out of Terminal 2 Commuter Hall next month. Can I get around the building "
     "without running into steps?", ("Terminal 2 Commuter Hall", "step-free access")),
    ("How often do keys get rotated in the Lanternfish Secrets Vault?", ("Lanternfish Secrets Vault", "key rotation")),
    ("Lanternfish Secrets Vault's audit logs: how long are they kept?",
     ("Lanternfish Secrets Vault", "audit log retention")),  # "7 years", a duration; "every 90 days" is how often
    ("How many litres a minute can Pump Ladder PL-11 pump?", ("Pump Ladder PL-11", "pump output")),  # "litres/min"
])
def test_what_the_ninth_batch_asked_in_other_words(ninth_ask, question, expected):
    """The ninth hand-written batch's first contact: who is in charge or runs it (a "bridge master", a "key
    operator"); how many animals it can keep; what one is not allowed to do (its "rules"); whether one can drive up
    to it; a wheelchair user's question (its "accessible"); what part of the year it is open (its "season"); any
    problem (its "notes"); a website (a value that is a web address); when it went in ("installed"); office opening
    times; "a suspension bridge" in a general question is any such bridge, not the KB's one; a word of the entity's
    own value ("in microns" of "148 microns"); a duration led by a comparison; "flower next" is no "last flowering"."""
    assert ninth_ask(question) == ([expected] if expected else [])
