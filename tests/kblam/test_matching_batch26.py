"""The twenty-sixth batch (KBs read from real data: PostgreSQL extension control files, polkit policies, jar
manifests, pkg-config files) at first contact: a name written as its file ("gnutls.pc"), a long identifier with a
letter left out of a short part ("…login1.power-of-multiple-sessions"), labels run together as config files write
them ("allow_any", "Bundle-DocURL") read as words by the encoder, the one property of a family told apart by a word the
question writes ("… for an active session?" of "allow_active"), "X, what's it for?", "what does X generate?", "link
to" asking for a web address; and the KB's keeper addressed as "you" ("What time do you open on a Saturday?"), not a
request to the assistant ("Can you explain …?")."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.labels import spelled_out
from kblam.numbered_properties import told_apart
from kblam.wording import answer_kind

from .test_matching_pointed import asker

NAMES = ["gnutls", "tcl8.6", "zlib", "org.freedesktop.login1.power-off-multiple-sessions",
         "org.freedesktop.login1.power-off", "commons-lang3.jar"]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(NAMES)


@pytest.mark.parametrize(("question", "name"), [
    ("Which version does gnutls.pc report?", "gnutls"),
    ("What's the Name in tcl8.6.pc?", "tcl8.6"),
    ("what's allow_any for org.freedesktop.login1.power-of-multiple-sessions", "org.freedesktop.login1.power-off-multiple-sessions"),
])
def test_names_as_files_and_with_a_letter_left_out(index, question, name):
    mentions, _ = index.find(question)
    assert [index.display[m.name] for m in mentions] == [name]


def test_a_name_inside_a_longer_file_name_is_not_found(index):
    assert index.find("what's in gnutls.pc.bak")[0] == []


def test_labels_run_together_are_read_as_words():
    assert spelled_out("allow_any") == "allow any" and spelled_out("Bundle-DocURL") == "Bundle Doc URL"
    assert spelled_out("pH") == "pH" and spelled_out("eBay-ID") == "eBay ID" and spelled_out("tel.") == "telephone"


def test_the_one_property_of_a_family_a_word_tells_apart():
    props = ["description", "allow_any", "allow_inactive", "allow_active", "vendor"]
    assert told_apart({"default", "for", "an", "active", "session"}, props) == ["allow_active"]
    assert told_apart({"can", "any", "user", "inhibit"}, props) == ["allow_any"]
    assert told_apart({"any", "active"}, props) == []  # two of them: no telling
    assert told_apart({"vendor"}, props) == []  # no family


def test_link_to_asks_for_a_web_address():
    assert answer_kind("link to the vendor of X")[0] == "web address"
    assert answer_kind("link flags for X") is None


ROWS = [Triple(n, p, v) for n, p, v in (
    ("org.opensuse.cupspkhelper.mechanism.job-edit", "description", "Edit a job"),
    ("org.opensuse.cupspkhelper.mechanism.job-edit", "allow_any", "auth_admin"),
    ("org.opensuse.cupspkhelper.mechanism.job-edit", "allow_inactive", "auth_admin"),
    ("org.opensuse.cupspkhelper.mechanism.job-edit", "allow_active", "yes"),
    ("org.freedesktop.login1.reboot", "description", "Reboot the system"),
    ("org.freedesktop.login1.reboot", "vendor", "The systemd Project"),
    ("org.freedesktop.login1.reboot", "vendor_url", "https://systemd.io"),
    ("org.freedesktop.login1.reboot", "allow_active", "yes"),
    ("postgres_fdw", "comment", "foreign-data wrapper for remote PostgreSQL servers"),
    ("postgres_fdw", "default_version", "1.1"),
    ("postgres_fdw", "relocatable", "true"),
    ("uuid-ossp", "comment", "generate universally unique identifiers (UUIDs)"),
    ("uuid-ossp", "default_version", "1.1"),
    ("uuid-ossp", "base script", "uuid-ossp--1.1.sql"),
)]


@pytest.mark.parametrize(("question", "want"), [
    ("cups pk helper org.opensuse.cupspkhelper.mechanism.job-edit: default authorization for an active session?",
     [("org.opensuse.cupspkhelper.mechanism.job-edit", "allow_active")]),
    ("link to the vendor of org.freedesktop.login1.reboot", [("org.freedesktop.login1.reboot", "vendor_url")]),
    ("postgres fdw, what's it for?", [("postgres_fdw", "comment")]),
    ("what does uuid ossp generate", [("uuid-ossp", "comment")]),
])
def test_the_batch_misses_with_the_real_encoder(minilm, question, want):
    assert asker(ROWS, minilm)(question) == want


KEEPER = [Triple(n, p, v) for n, p, v in (
    ("Opening Hours", "Mon–Fri", "10:00–22:00"), ("Opening Hours", "Sat", "09:00–20:00"), ("Opening Hours", "Sun", "09:00–18:00"),
    ("Day Pass", "adult", "£13.50"), ("Day Pass", "after 8pm", "£9.50"),
    ("Auto-belay Wall", "lanes", "6"), ("Auto-belay Wall", "min age", "7"),
)]


@pytest.mark.parametrize(("question", "want"), [
    ("What time do you open on a Saturday?", [("Opening Hours", "Sat")]),  # the KB's keeper, addressed
    ("Can you explain how to tie a bowline?", []),  # a request to the assistant, nothing of the KB
    ("Can you recommend a good flapjack recipe?", []),
])
def test_the_keeper_addressed_as_you(minilm, question, want):
    assert asker(KEEPER, minilm)(question) == want
