"""Fixes from the forty-ninth session, as general forms. The meaning match ranks its ten closest entities again by
cosine plus the share of the question's content words their text holds, so a question that writes the description's
own words ("the signal sent first when a unit gets stopped") finds the entity the encoder put third; a code-like word
the KB never writes ("_PIDFDID=": a leading underscore or a trailing "=") still keeps it from being guessed. A
folder's base name names it ("pam.d" of "/etc/pam.d/"), and a configuration file is named as people say it
("faillock config" of faillock.conf). "What does X do?" does not take the entity's description where the question
writes another of its labels: one word as it is ("examples of what X do"), a longer one by its words' stems ("typical
use" of "typically used for"); but not a label heading a phrase tied to the entity ("the package behind X")."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import label_written
from kblam.kb import Triple
from kblam.name_forms import bare_forms

ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
/etc/pam.d/ | description | A directory filled with files each of which has a filename equal to a service-name; each is the personal configuration file for the named service.
/etc/pam.d/ | syntax | type control module-path module-arguments
/etc/pam.d/ | filename case | lower case
/etc/pam.d/ | notes | More flexible than the single configuration file; its presence causes Linux-PAM to ignore /etc/pam.conf.
account | category | type (management group)
account | description | This module type performs non-authentication based account management.
account | typical use | restrict/permit access to a service based on the time of day, currently available system resources (maximum number of users) or perhaps the location of the applicant user
account | example | 'root' login only on the console
session | category | type (management group)
session | description | This module type is associated with doing things that need to be done for the user before/after they can be given service.
session | examples | logging of information concerning the opening/closing of some data exchange with a user, mounting directories, etc.
faillock.conf | description | Provides a way to configure the default settings for locking the user after multiple failed authentication attempts.
faillock.conf | path | /etc/security/faillock.conf
faillock.conf | example | deny=4, unlock_time=1200, silent
local_users_only | description | Only track failed user authentications attempts for local users in /etc/passwd and ignore centralized (AD, IdM, LDAP, etc.) users.
local_users_only | argument | none (bare keyword, no =value)
local_users_only | notes | The faillock(8) command will also no longer track user failed authentication attempts.
nodelay | description | Don't enforce a delay after authentication failures.
nodelay | argument | none (bare keyword, no =value)
deny | description | Deny access if the number of consecutive authentication failures for this user during the recent interval exceeds n.
deny | default | 3
fail_interval | description | The length of the interval during which the consecutive authentication failures must happen for the user account lock out is n seconds.
fail_interval | default | 900 (15 minutes)
KillSignal= | description | Specifies which signal to use when stopping a service; it is sent as the first step of shutting down a unit.
KillSignal= | default | SIGTERM
RestartKillSignal= | description | Specifies which signal to use when restarting a service.
RestartKillSignal= | default | Not set by default, and the value of KillSignal= is used.
SendSIGHUP= | description | Specifies whether to send SIGHUP to remaining processes immediately after sending the signal configured with KillSignal=.
SendSIGKILL= | description | Specifies whether to send SIGKILL (or the signal specified by FinalKillSignal=) to remaining processes after a timeout, if the normal shutdown procedure left processes of the service around.
FinalKillSignal= | description | Specifies which signal to send to remaining processes after a timeout if SendSIGKILL= is enabled.
WatchdogSignal= | description | Specifies which signal to use to terminate the service when the watchdog timeout expires.
_PID= | description | The process, user, and group ID of the process the journal entry originates from
_PID= | trusted | yes
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("which setting picks the signal sent first when a unit gets stopped?", [("KillSignal=", "description")]),
    ("is there an option so faillock stops counting LDAP/AD users?", [("local_users_only", "description")]),
    ("where does the faillock config file live", [("faillock.conf", "path")]),
    ("do the filenames in pam.d have to be lowercase?", [("/etc/pam.d/", "filename case")]),
    ("what's the account type typically used for", [("account", "typical use")]),
    ("give me some examples of what session modules do", [("session", "examples")]),
    ("what does account do?", [("account", "description")]),
    # a code-like name the KB never writes: no guess at the closest field
    ("what does _PIDFDID= contain", []),
])
def test_rerank_names_and_written_labels(ask, question, expected):
    assert ask(question) == expected


@pytest.mark.realmodel
def test_a_label_heading_a_phrase_tied_to_the_entity_is_not_asked(minilm):
    from test_matching_words import asker

    rows = [Triple(name, prop, value) for name, target, package, summary in (
        ("gradio", "gradio.cli:cli", "gradio", "Python library for easily interacting with trained machine learning models"),
        ("f2py", "numpy.f2py.f2py2e:main", "numpy", "Fundamental package for array computing in Python"))
        for prop, value in (("target", target), ("package", package), ("summary", summary))]
    ask = asker(rows, minilm)
    # what the package behind the command says of itself, not the package's name
    assert ask("how does the package that ships f2py describe itself") == [("f2py", "summary")]
    assert ask("what's the one-line description of the package behind the gradio command?") == [("gradio", "summary")]


def test_folder_and_config_file_forms():
    assert "pam.d" in bare_forms("/etc/pam.d/")
    assert {"faillock config", "faillock configuration"} <= set(bare_forms("faillock.conf"))
    assert not [f for f in bare_forms("deny") if "config" in f]
    index = NameIndex(["/etc/pam.d/", "faillock.conf", "dir"])
    assert [m.name for m in index.find("where does the faillock config file live")[0]] == [index.key_of("faillock.conf")]


def test_label_written():
    assert label_written("examples", "give me some examples of what X modules do")
    assert label_written("typical use", "what's the X type typically used for")
    assert not label_written("package", "how does the package that ships X describe itself")
    assert not label_written("typical use", "what is X used for")


def test_whats_how_it_picks_and_what_goes_together():
    from kblam.intents import asks_which_one, intended

    # "whats" without its apostrophe asks which one it is, as "what's" does
    assert asks_which_one("whats the setting to stop e2fsck from offering to optimise extent trees X", True)
    props = ["description", "kind", "used with", "related option", "option type"]
    assert intended("X - how does it pick a socket?", props) == ["description"]
    assert intended("how does X work?", props) == ["description"]
    assert "used with" in intended("X goes together with which other option", props)


def test_a_verb_the_question_uses_is_no_namespace_and_risky_asks_for_caveats():
    from kblam.intents import intended
    from kblam.value_fit import _VERB_PLACE

    # "set" opens most descriptions of a configuration file ("Set the host name …") but is the question's verb here
    assert _VERB_PLACE.search("what X does avahi use if i don't ") and _VERB_PLACE.search("how do i ")
    assert not _VERB_PLACE.search("What does ")  # ("What does git X do?": git names the KB's domain)
    assert "notes" in intended("why is X risky", ["description", "default", "notes"])
    assert "notes" not in intended("why is X useful", ["description", "default", "notes"])


@pytest.mark.realmodel
def test_a_default_asked_with_the_verb_the_descriptions_open_with(minilm):
    from test_matching_words import asker

    rows = [Triple(name, prop, value) for name, desc, default in (
        ("host-name", "Set the host name avahi-daemon tries to register on the LAN.",
         "the system host name as set with the sethostname() system call"),
        ("domain-name", "Set the default domain name avahi-daemon tries to register its host name and services on the LAN in.",
         "local"),
        ("browse-domains", "Set a comma separated list of browsing domains (in addition to the default one).", "none"))
        for prop, value in (("description", desc), ("default", default))]
    ask = asker(rows, minilm)
    assert ask("what host name does avahi use if i don't set host-name") == [("host-name", "default")]


def test_which_wins_and_a_name_tail_that_describes():
    from kblam.described import describing
    from kblam.entities import Mention
    from kblam.intents import intended

    props = ["description", "notes", "precedence", "default"]
    assert intended("if an interface is in both X, which wins?", props) == ["precedence"]
    assert intended("does X take precedence over the other one?", props) == ["precedence"]
    # lower-case words that end a longer name describe the entity; its whole name or its head does not
    assert describing(Mention("publish dns servers", 33, 44, "dns servers", False))
    assert not describing(Mention("publish dns servers", 33, 52, "publish-dns-servers", True))
    assert not describing(Mention("publish dns servers", 33, 44, "publish dns", False))
