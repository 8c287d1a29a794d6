"""Questions the nineteenth session's fresh KBs (Linux signals, HTTP methods, scikit-learn's toy datasets) and the
systemd and protocols KBs got wrong: a name ending in "@" written with a typo, a standard's edition asked for as a
version, what a thing is meant to do or is officially called, and a yes/no question that writes a property's word
only as what the entity is."""

from __future__ import annotations

import pytest
from test_matching_words import asker

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.wording import answer_kind, fits_kind, yes_no_only


@pytest.fixture(scope="module")
def minilm():
    from kblam.encoder import load_encoder
    return load_encoder()


def test_a_name_ending_in_at_is_told_apart_from_the_name_without_it_even_misspelt():
    index = NameIndex(["postgresql", "postgresql@", "getty@", "ssh"])
    for question, name in (("postgresql@ service type?", "postgresql@"), ("posgresql@ service type?", "postgresql@"),
                           ("What type of service is postgresql?", "postgresql"),
                           ("posgresql service type?", "postgresql")):
        mentions, _ = index.find(question)
        assert [index.display[m.name] for m in mentions] == [name], question


def test_a_standards_edition_is_a_version():
    kind = answer_kind("Tell me which POSIX version X comes from.")
    assert kind is not None and kind[0] == "version"
    assert fits_kind(kind, "standard", "POSIX.1-2001")
    assert fits_kind(kind, "standard", "3.11")
    assert not fits_kind(kind, "standard", "none (Linux)")


def test_what_a_thing_is_meant_to_do_or_officially_called_are_its_description_and_its_name():
    assert intended("What is X meant to signal?", ["signal number", "description"]) == ["description"]
    assert intended("What is the X dataset officially called?", ["title", "classes"]) == ["title"]
    assert intended("What is X officially called in the protocols list?",
                    ["protocol number", "official name", "description"]) == ["official name"]
    assert intended("What else is X called?", ["title", "aliases"]) == ["aliases"]  # its other names


def test_can_u_is_a_request_not_a_yes_no_question():
    assert not yes_no_only("can u paste the X emoji")
    assert yes_no_only("Can X be caught?")


def _methods():
    from kblam.kb import Triple
    rows = []
    for method, safe, body in (("GET", "yes", "no defined meaning"), ("POST", "no", "the data to process"),
                               ("DELETE", "no", "no defined meaning"), ("PUT", "no", "the new state of the target")):
        rows += [Triple(method, "safe", safe), Triple(method, "request body", body),
                 Triple(method, "description", f"the {method} method")]
    return rows


@pytest.mark.realmodel
def test_the_word_saying_what_the_entity_is_does_not_answer_a_yes_no_question(minilm):
    """The httpmethods fresh KB: "Can I submit a DELETE request from a plain HTML form?" was answered with DELETE's
    "request body" because the question writes "request" (what DELETE is)."""
    chosen = asker(_methods(), minilm)
    assert chosen("Can I submit a DELETE request from a plain HTML form?") == []
    assert chosen("Is the GET method safe?") == [("GET", "safe")]
    assert chosen("Does a PUT request carry a body?") == [("PUT", "request body")]


@pytest.mark.realmodel
def test_a_standard_asked_for_as_a_version_and_a_meaning_asked_with_a_property_word(minilm):
    """The signals fresh KB: "Tell me which POSIX version SIGBUS comes from." was refused ("POSIX.1-2001" was no
    version) and "What is SIGPWR meant to signal?" answered with its signal number."""
    from kblam.kb import Triple
    rows = []
    for sig, number, text, standard in (("SIGBUS", "7", "Bus error", "POSIX.1-2001"),
                                        ("SIGPWR", "30", "Power failure", "none (Linux)"),
                                        ("SIGINT", "2", "Interrupt", "POSIX.1-1990"),
                                        ("SIGTERM", "15", "Terminated", "POSIX.1-1990")):
        rows += [Triple(sig, "signal number", number), Triple(sig, "description", text),
                 Triple(sig, "standard", standard)]
    chosen = asker(rows, minilm)
    assert chosen("Tell me which POSIX version SIGBUS comes from.") == [("SIGBUS", "standard")]
    assert chosen("What is SIGPWR meant to signal?") == [("SIGPWR", "description")]
    assert chosen("SIGPWR signal number?") == [("SIGPWR", "signal number")]
