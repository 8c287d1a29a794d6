"""The thirty-sixth batch (KBs read from real data: gitattributes(5), x509v3_config(5ssl) extensions) at first contact:
a camel-case identifier by its initials written in capitals ("the SAN extension" of subjectAltName); an identifier
described by its words, told from another by a short part written whole ("crl distribution point" of
crlDistributionPoints beside issuingDistributionPoint); properties asked for in other words (which types it supports,
what can go in it, what unsetting it does, what happens when it is not specified)."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.shortened_names import camel_initials
from kblam.value_fit import PLACEHOLDER as X

EXTENSIONS = ["basicConstraints", "keyUsage", "extendedKeyUsage", "subjectKeyIdentifier", "authorityKeyIdentifier",
              "subjectAltName", "issuerAltName", "authorityInfoAccess", "crlDistributionPoints",
              "issuingDistributionPoint", "certificatePolicies", "nameConstraints"]


@pytest.mark.parametrize(("name", "initials"), [
    ("subjectAltName", ["san"]), ("authorityInfoAccess", ["aia"]), ("crlDistributionPoints", ["cdp"]),
    ("keyUsage", []), ("tcp_frto", []), ("OnCalendar=", []), ("ABC", [])])
def test_camel_case_initials(name, initials):
    assert camel_initials(name) == initials


@pytest.mark.parametrize(("question", "name"), [
    ("which name types does the SAN extension support", "subjectAltName"),
    ("what access methods can go in the AIA extension?", "authorityInfoAccess"),
])
def test_an_identifier_by_its_initials_in_capitals(question, name):
    index = NameIndex(EXTENSIONS)
    mentions, _ = index.find(question)
    assert [index.display[m.name] for m in mentions] == [name]


def test_initials_in_lower_case_name_nothing():
    assert NameIndex(EXTENSIONS).find("is it a san choice")[0] == []


def test_a_short_part_written_whole_tells_two_identifiers_apart():
    index = NameIndex(EXTENSIONS)
    described = index.words.by_words("what items can a crl distribution point section have")
    assert described is not None and index.display[described.name] == "crlDistributionPoints"


GIT = ["description", "when set", "when unset", "when unspecified", "values", "config variable", "operation"]
EXT = ["full name", "description", "values", "example"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"what access methods can go in the {X} extension?", EXT, ["values"]),
    (f"which name formats does {X} accept", EXT, ["values"]),
    (f"effect of unsetting {X}?", GIT, ["when unset"]),
    (f"how long are {X} by default if i don't set anything?", GIT, ["when unspecified"]),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want
