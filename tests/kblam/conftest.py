"""Fixtures the KBLaM tests share."""

import pytest

from kblam.encoder import load_encoder


@pytest.fixture(scope="session")
def minilm():
    """The default encoder (all-MiniLM-L6-v2 from its wheel), loaded once for the whole run."""
    return load_encoder()
