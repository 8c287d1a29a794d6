"""Questions the KB cannot answer that were answered: a property that other entities of the same kind hold, asked
in words that are neither its own nor the held property's, and an off-topic request that writes an English word
that is also a KB name. Each found by a fresh KB or an OOD question of the eighteenth session."""

from __future__ import annotations

import pytest
from test_matching_words import asker

from kblam.kb import Triple
from kblam.value_fit import CHOICE


@pytest.fixture(scope="module")
def minilm():
    from kblam.encoder import load_encoder

    return load_encoder()


@pytest.mark.realmodel
def test_a_lacked_property_asked_in_other_words_is_refused(minilm):
    """The OOD timezones KB: "What is the summer time offset of Africa/Mbabane?" (a zone without daylight saving) was
    answered with its standard offset, because "summer time" shares no word with "daylight saving offset"."""
    rows = [Triple("Africa/Mbabane", "standard UTC offset", "UTC+02:00"),
            Triple("Africa/Mbabane", "country", "Eswatini"),
            Triple("Europe/Berlin", "standard UTC offset", "UTC+01:00"),
            Triple("Europe/Berlin", "daylight saving offset", "UTC+02:00"),
            Triple("Europe/Berlin", "country", "Germany"),
            Triple("America/Juneau", "standard UTC offset", "UTC-09:00"),
            Triple("America/Juneau", "daylight saving offset", "UTC-08:00"),
            Triple("America/Juneau", "country", "United States")]
    chosen = asker(rows, minilm)
    assert chosen("What is the summer time offset of Africa/Mbabane?") == []
    assert chosen("What is the summer time offset of Europe/Berlin?") == [("Europe/Berlin", "daylight saving offset")]
    assert chosen("What's the standard offset of Africa/Mbabane?") == [("Africa/Mbabane", "standard UTC offset")]
    assert chosen("Africa/Mbabane UTC offset?") == [("Africa/Mbabane", "standard UTC offset")]


def test_a_polite_request_is_not_a_yes_no_question():
    assert not CHOICE.search("Can you give me a X recipe for banana bread?")
    assert not CHOICE.search("Could you please tell me the font of X?")
    assert CHOICE.search("Can X be italic?")
    assert CHOICE.search("Is X bold or italic?")


@pytest.mark.realmodel
def test_an_off_topic_request_naming_an_english_word_entity_is_refused(minilm):
    """The xlstyles fresh KB (Excel's built-in cell styles): "Can you give me a good recipe for banana bread?" was
    answered with whether the "Good" style is italic: the request was read as a yes/no question."""
    rows = []
    for style, bold, italic in (("Good", "no", "no"), ("Bad", "no", "no"), ("Title", "yes", "no"),
                                ("Note", "no", "yes")):
        rows += [Triple(style, "bold", bold), Triple(style, "italic", italic), Triple(style, "font", "Calibri")]
    chosen = asker(rows, minilm)
    assert chosen("Can you give me a good recipe for banana bread?") == []
    assert chosen("Is the Good style italic?") == [("Good", "italic")]
    assert chosen("Can you tell me the font of Title?") == [("Title", "font")]
