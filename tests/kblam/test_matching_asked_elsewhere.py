"""Questions for things the KB does not hold that were answered with a property in near words, found on the fresh
KBs in the twenty-second session: a certificate's serial number answered with its signature hash, a colour's CMYK
value with its RGB value, an environment variable for an option with its description, a code example with a
summary. Each such thing, commonly asked and rarely held, is a rival of the entity's own properties
(``rival_properties.ASKED_ELSEWHERE``) when the question fits it closely."""

from __future__ import annotations

import pytest
from test_matching_words import asker

from kblam import matching, rival_properties
from kblam.kb import Triple


@pytest.mark.realmodel
def test_a_commonly_asked_thing_the_kb_lacks_is_refused(minilm):
    rows = [Triple("ISRG Root X1", "signature hash", "sha256"), Triple("ISRG Root X1", "valid until", "2035-06-04"),
            Triple("ISRG Root X1", "organisation", "Internet Security Research Group"),
            Triple("tomato", "RGB value", "(255, 99, 71)"), Triple("tomato", "hex code", "#ff6347"),
            Triple("--tls-keylog", "description", "Log TLS key material to a file"),
            Triple("--tls-keylog", "takes a value", "yes"),
            Triple("vonmises", "summary", "Draw samples from a von Mises distribution."),
            Triple("vonmises", "signature", "vonmises(mu, kappa, size=None)")]
    chosen = asker(rows, minilm)
    for question in ("Tell me the serial number of ISRG Root X1.", "What's the CMYK breakdown of tomato?",
                     "Is there an environment variable equivalent to --tls-keylog?",
                     "Can you show me a short code example using vonmises?"):
        assert chosen(question) == [], question
    # ... and what the entities hold is still answered, in words near those things
    assert chosen("Which hash algorithm signs ISRG Root X1?") == [("ISRG Root X1", "signature hash")]
    assert chosen("What are the red, green and blue values of tomato?") == [("tomato", "RGB value")]
    assert chosen("What does --tls-keylog do?") == [("--tls-keylog", "description")]
    # the matcher retrained in the thirtieth session refuses "What does vonmises return?" (README, "Still wrong")
    assert chosen("How do I call vonmises, what arguments?") == [("vonmises", "signature")]


@pytest.mark.realmodel
def test_without_the_rivals_the_near_property_answers(minilm, monkeypatch):
    """The same questions without ASKED_ELSEWHERE: the near property answers them (what the rule changes)."""
    monkeypatch.setattr(matching, "ASKED_ELSEWHERE", ())
    monkeypatch.setattr(rival_properties, "ASKED_ELSEWHERE", ())  # where the distractors are listed
    rows = [Triple("tomato", "RGB value", "(255, 99, 71)"), Triple("tomato", "hex code", "#ff6347"),
            Triple("--tls-keylog", "description", "Log TLS key material to a file"),
            Triple("--tls-keylog", "takes a value", "yes")]
    chosen = asker(rows, minilm)
    assert chosen("What's the CMYK breakdown of tomato?") == [("tomato", "RGB value")]
    # the matcher retrained in the thirtieth session refuses "Is there an environment variable equivalent to --tls-keylog?" without the rule too
