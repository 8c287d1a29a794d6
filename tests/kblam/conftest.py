"""Fixtures the KBLaM tests share."""

import pytest

from kblam.encoder import encode_kb, load_encoder
from kblam.matching import name_index


@pytest.fixture(scope="session")
def minilm():
    """The default encoder (all-MiniLM-L6-v2 from its wheel), loaded once for the whole run."""
    return load_encoder()


@pytest.fixture(scope="module")
def ask(request, minilm):
    """The test module's KB (its ``ROWS``) asked as the chat asks it: a function from a question to the sorted (name,
    property) pairs it is answered with (:func:`test_matching_words.asker`)."""
    from test_matching_words import asker

    return asker(request.module.ROWS, minilm)


@pytest.fixture(scope="module")
def indexed(request, minilm):
    """The name index of the test module's KB (its ``ROWS``) and the KB's triples grouped by name."""
    return name_index(encode_kb(request.module.ROWS, minilm))
