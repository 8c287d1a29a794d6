"""Fixes from the sixtieth session's first round, as general forms, found on KBs from hosts(5), udev.conf(5) and
pstore.conf(5), each asked through the API before any fix.

A question asking which thing of a kind can do something ("which server can augment …") describes that thing, and the
words it writes count in telling it from the name it acts on. A file's spoken form
that paths ending in its name share ("pstore config" of pstore.conf and /etc/systemd/pstore.conf) is the file's. A
name written as the KB writes it ("Storage=") is that name, even where other entities hold it as a value. A value
that states a rule ("must begin with …") answers a yes/no question, and a rival label whose written words the chosen
triple writes too ("ipv6 address" beside "address family: … IPv6") does not count against it."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.answer_shape import _RULE
from kblam.described import _DOES_WHAT
from kblam.name_variants import qualified_elsewhere

ask_hosts, ask_pstore = (_asking(_snapshot(n)) for n in ("hosts5", "pstoreconf"))


def test_which_thing_can_do_something():
    assert _DOES_WHAT.match("which server can augment or replace the hosts file?")
    assert not _DOES_WHAT.match("which server can I use for X?")  # (no verb after the modal)
    assert not _DOES_WHAT.match("what can I put in X?")
    assert not _DOES_WHAT.match("which section must every automount unit file contain?")  # (its subject after it)


def test_a_files_spoken_form_shared_by_paths_to_it_is_the_files():
    bases = {"pstore config": {"pstore.conf", "/etc/systemd/pstore.conf"}, "x": {"a.conf", "b.conf"}}
    qualified_elsewhere(bases, {})
    assert bases == {"pstore config": {"pstore.conf"}, "x": {"a.conf", "b.conf"}}


def test_a_value_stating_a_rule():
    assert _RULE.match("must begin with an alphabetic character")
    assert _RULE.match("Only root may write it")
    assert not _RULE.match("mustard yellow")


@pytest.mark.realmodel
def test_hosts_and_pstore_questions(ask_hosts, ask_pstore):
    assert ask_hosts("which server can augment or replace the hosts file for hostname lookup?") == [
        ("BIND", "effect on /etc/hosts")]
    assert ask_hosts("can a host name start with a digit") == [("host names", "first character")]
    assert ask_pstore("tell me the path of the main pstore config file") == [("pstore.conf", "main file")]
    assert ask_pstore("what are the defaults for Storage= and Unlink=?") == [("Storage=", "default"), ("Unlink=", "default")]
    assert ask_pstore("what does the pstore filesystem do?")[0][0] == "pstore"  # (the word alone: the filesystem)
