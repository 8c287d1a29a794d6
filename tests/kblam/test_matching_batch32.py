"""The thirty-second batch (KBs read from real data: SQL features as PostgreSQL lists them, deb-control(5) fields,
CMake commands, crypt(5) hashing methods) at first contact: an entity filed under an id and named by its "name"
("MERGE statement" of F312) or what it is "also called" ("Traditional DES" of descrypt), also without the kind noun
its names share ("NTH_VALUE" of "NTH_VALUE function"); properties asked for in other words (whether supported,
required, a caveat, the usual values, the syntax, where it is documented, what replaces it, what it starts with, its
pattern, whether advisable, its work factor)."""

from __future__ import annotations

import pytest

from kblam.aliases import aliases, kindless
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.value_fit import PLACEHOLDER as X

FEATURES = [("F312", "MERGE statement"), ("T618", "NTH_VALUE function"), ("E021-04", "CHARACTER_LENGTH function"),
            ("T321-04", "CALL statement"), ("T491", "LATERAL derived table"), ("F521", "Assertions")]
TRIPLES = [t for fid, name in FEATURES for t in (Triple(fid, "name", name), Triple(fid, "supported", "YES"))]


@pytest.fixture(scope="module")
def features() -> NameIndex:
    return NameIndex([t.name for t in TRIPLES], aliases=aliases(TRIPLES))


def test_kind_nouns_many_names_end_with():
    assert kindless(["NTH_VALUE function", "CHARACTER_LENGTH function", "MERGE statement", "Assertions"], 2) == {
        "NTH_VALUE": "NTH_VALUE function", "CHARACTER_LENGTH": "CHARACTER_LENGTH function"}


@pytest.mark.parametrize(("question", "name"), [
    ("does postgres support the MERGE statement?", "F312"),
    ("why is NTH_VALUE listed as not supported? any note?", "T618"),
    ("is there a caveat with CHARACTER_LENGTH in postgres", "E021-04"),
    ("the CALL statement sub-feature belongs to which feature?", "T321-04"),
    ("does pg implement sql assertions", "F521"),
])
def test_an_entity_by_its_name_property(features, question, name):
    mentions, _ = features.find(question)
    assert [features.display[m.name] for m in mentions] == [name]


def test_a_person_s_name_is_no_name_of_the_entity():
    rows = [Triple("pkg-a", "maintainer name", "Ann Lee"), Triple("pkg-b", "maintainer name", "Bo Chan")]
    assert aliases(rows) == {}


def test_what_a_method_is_also_called():
    rows = [Triple("descrypt", "also called", "Traditional DES"), Triple("bsdicrypt", "also called", "BSDI extended DES"),
            Triple("descrypt", "prefix", "none")]
    index = NameIndex([t.name for t in rows], aliases=aliases(rows))
    mentions, _ = index.find("traditional DES hash format")
    assert [index.display[m.name] for m in mentions] == ["descrypt"]


CRYPT = ["prefix", "hashed passphrase format", "maximum passphrase length", "hash size", "salt size", "CPU time cost",
         "recommended", "description"]
CONTROL = ["required", "value type", "description", "example", "common values", "reference man page"]
COMMANDS = ["summary", "added in", "signature", "deprecated", "use instead", "number of signatures"]
SQL = ["name", "supported", "comment", "parent feature", "number of sub-features"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"what does a {X} hash start with", CRYPT, ["prefix"]),
    (f"whats the regex for an {X} hash", CRYPT, ["hashed passphrase format"]),
    (f"is {X} ok to use for new passwords?", CRYPT, ["recommended"]),
    (f"should I still be using {X}?", CRYPT, ["recommended"]),
    (f"rounds range for {X}", CRYPT, ["CPU time cost"]),
    (f"can I leave out {X}?", CONTROL, ["required"]),
    (f"is {X} mandatory in DEBIAN/control", CONTROL, ["required"]),
    (f"some typical sections? ({X})", CONTROL, ["common values"]),
    (f"syntax of the {X} field?", CONTROL, ["value type"]),
    (f"where is the {X} format spelled out", CONTROL, ["reference man page"]),
    (f"since when does cmake have {X}", COMMANDS, ["added in"]),
    (f"{X} showed up in which version", COMMANDS, ["added in"]),
    (f"replacement for {X}", COMMANDS, ["use instead"]),
    (f"{X} is superseded by what?", COMMANDS, ["use instead"]),
    (f"give me the {X} command's syntax", COMMANDS, ["signature"]),
    (f"does pg implement {X}", SQL, ["supported"]),
    (f"can i do {X} in postgres?", SQL, ["supported"]),
    (f"{X} - what's the catch in postgres?", SQL, ["comment"]),
    (f"Can you catch {X} with a signal handler?", ["can be caught", "description", "comment"], []),
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


METHODS = ["yescrypt", "scrypt", "bcrypt", "sha512crypt", "sha256crypt", "md5crypt", "descrypt", "bigcrypt", "NT"]


def test_a_name_by_its_stem_before_a_suffix_many_names_share():
    from kblam.name_forms import suffix_forms

    forms = dict(suffix_forms(METHODS, frozenset({"yes", "big", "des"}), 3))
    assert forms == {"sha512": "sha512crypt", "sha256": "sha256crypt", "md5": "md5crypt"}
    index = NameIndex(METHODS)
    mentions, _ = index.find("salt size of the sha-512 one?")
    assert [index.display[m.name] for m in mentions] == ["sha512crypt"]
    mentions, misses = index.find("apr1 md5 max password length")  # another method, named by a code of its own
    assert mentions == [] and misses[0].said == "apr1 md5" and misses[0].closest == ("md5crypt",)
