"""Fixes from the sixty-seventh session, as general forms, found on KBs from man pages (the eighty-fifth batch:
libsasl, org.freedesktop.portable1, deb-postinst), each asked through the API before any fix of this round.

The member of a numbered family is not chosen by the words of an asking phrase the intents read ("if I never set X,
what level do I get?" asks its default); "which <name>" asks for a member of the family the name's words write ("which
log level …" of log_level's "level 0" … "level 7"), and the one member whose value alone writes a word of the question
is it. "What happens when X is left empty" asks what holds when nothing is set ("if none specified"). "Does X work with
Y" asks what it applies to or not; "which … can X return" its possible values; "what <noun> does X <verb>" is read
with a capital too; "which interface is X on" its owner; "the full command line for X" its invocation; "why would X be
run" and "what's X for" when it is called. The sixty-sixth session's debt: the page is the one the first man section
names; the plural class by its singular is decided in the lookup; the empty parentheses of a function go with its
name when masked."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.labels import page_of
from kblam.wording import mask

DAEMON = [
    Triple("frobd", "description", "frobnication daemon"), Triple("frobd", "man section", "5"),
    Triple("verbosity", "default", "2"), Triple("verbosity", "allowed values", "0 to 4"),
    Triple("verbosity", "level 0", "don't print anything"), Triple("verbosity", "level 1", "print fatal errors"),
    Triple("verbosity", "level 2", "print warnings"), Triple("verbosity", "level 3", "print every request"),
    Triple("verbosity", "level 4", "print every request, including secrets"),
    Triple("plugin_list", "default", "empty"), Triple("plugin_list", "format", "a comma-separated list of plugins"),
    Triple("plugin_list", "if none specified", "every installed plugin is loaded"),
    Triple("auto_upgrade", "default", "off"), Triple("auto_upgrade", "description", "upgrades stored hashes on login"),
    Triple("auto_upgrade", "not applicable to", "the ldap backend, because it is read-only"),
    Triple("ldap", "description", "the LDAP backend"),
    Triple("GetState()", "description", "returns the daemon state as a string"),
    Triple("GetState()", "possible values", "idle, busy, draining"),
    Triple("FORCE_FLAG", "definition", "1 << 3"), Triple("FORCE_FLAG", "effect", "skips the signature check of plugins"),
    Triple("Paused", "description", "whether the daemon is paused"), Triple("Paused", "type", "readonly b"),
    Triple("Paused", "owner", "org.example.Frob1.Daemon"),
    Triple("abort-reload", "invocation", "frobd abort-reload old-version"),
    Triple("abort-reload", "when called", "if a reload fails half way"), Triple("abort-reload", "arguments", "old-version"),
    Triple("abort-reload", "called script", "frobd"),
]
ask = _asking(DAEMON)


def test_a_numbered_family_member_is_not_read_from_an_asking_phrase(ask):
    assert ask("If I never set verbosity, what level do I get?") == [("verbosity", "default")]
    assert ask("Which verbosity level also prints secrets?") == [("verbosity", "level 4")]
    assert ask("which verbosity level prints fatal errors") == [("verbosity", "level 1")]


def test_what_holds_when_left_empty_and_what_it_works_with(ask):
    assert ask("What happens when plugin_list is left empty?") == [("plugin_list", "if none specified")]
    assert ask("what is plugin_list set to by default?") == [("plugin_list", "default")]
    assert ask("does auto_upgrade work with the ldap backend?") == [("auto_upgrade", "not applicable to")]


def test_return_values_verbs_owners_and_invocations(ask):
    assert ask("tell me which state strings GetState() can return") == [("GetState()", "possible values")]
    assert ask("What check does FORCE_FLAG skip?") == [("FORCE_FLAG", "effect")]
    assert ask("which interface is Paused on?") == [("Paused", "owner")]
    assert ask("give me the complete command line for abort-reload") == [("abort-reload", "invocation")]
    assert ask("why would abort-reload be run") == [("abort-reload", "when called")]
    assert ask("what's abort-reload for") == [("abort-reload", "when called")]


def test_the_page_is_the_first_holding_a_man_section_and_cited_pages_are_no_subject():
    labels = [("xsess", "man section"), ("ssh-agent", "man section"), ("agent socket", "path")]
    assert page_of(labels) == "xsess"
    index = NameIndex([n for n, _ in labels], vocabulary={"path"}, labels=labels)
    assert index.subject == {"xsess"}  # (not "ssh", "agent" of the page it cites)


def test_a_plural_class_by_its_singular_only_after_an_article():
    index = NameIndex(["noauto", "options", "extensions"], vocabulary={"description"})
    assert [m.name for m in index.find("what is an extension?")[0]] == ["extensions"]
    assert [m.name for m in index.find("what does noauto extension mean?")[0]] == ["noauto"]


def test_a_functions_empty_parentheses_are_masked_with_its_name():
    index = NameIndex(["ImportRaw"], vocabulary={"placement"})
    question = "where does ImportRaw() put the image?"
    assert mask(question, index.find(question)[0]) == "where does X put the image?"
