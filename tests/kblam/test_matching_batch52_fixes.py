"""Fixes from the fiftieth session, as general forms. An option a page writes with its placeholder ("size=bytes",
"huge=huge_option", "prefer:node") is called by its key where no other KB name has that key, and a key written with
another value ("mpol=weighted_interleave") is another option, not the KB's. An upper-case name written in lower case
as the English word it is ("… chases referrals" of REFERRALS) describes the entity in "which setting …?". A question
that describes an entity may write its name's words ("ctrl-alt-del" of CtrlAltDelBurstAction=) or misspell a word
of its text ("timout"). "What does X actually set?" asks what X does; "what kernel config does the X option need?"
its requirement; "X= what can I put there?" and "which connector types can X pick?" its values."""

from __future__ import annotations

import pytest

from kblam.described import _misspelt_in, _written
from kblam.kb import Triple
from kblam.name_variants import keyed_forms, other_value

ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
size=bytes | description | Specify an upper limit on the size of the filesystem.
size=bytes | default | size=50% (when neither size nor nr_blocks is specified)
size=bytes | suffixes | k, m, or g suffix for Ki, Mi, Gi; or a % suffix to limit this instance to a percentage of physical RAM
nr_blocks=blocks | description | The same as size, but in blocks of PAGE_CACHE_SIZE.
nr_blocks=blocks | unit | blocks of PAGE_CACHE_SIZE
nr_inodes=inodes | description | The maximum number of inodes for this instance.
nr_inodes=inodes | default | half of the number of physical RAM pages
mode=mode | description | Set initial permissions of the root directory.
mode=mode | argument | octal mode
huge=huge_option | description | Set the huge table memory allocation policy for all files in this instance.
huge=huge_option | requires | CONFIG_TRANSPARENT_HUGE_PAGECACHE enabled
huge=huge_option | default | never
mpol=mpol_option | description | Set the NUMA memory allocation policy for all files in this instance.
mpol=mpol_option | since | Linux 2.6.15
prefer:node | description | Preferably allocate memory from the given node.
prefer:node | argument | node
interleave | description | Allocate from each node in turn.
Duplex= | description | The duplex mode to set for the device.
Duplex= | section | [Link]
Duplex= | values | half, full
Port= | description | The port option is used to select the device port.
Port= | section | [Link]
Port= | values | tp, aui, bnc, mii, fibre
REFERRALS | description | Specifies if the client should automatically follow referrals returned by LDAP servers.
REFERRALS | argument | <on/true/yes/off/false/no>
REFERRALS | default | on
TIMELIMIT | description | Specifies a time limit (in seconds) to use when performing searches.
TIMELIMIT | default | 0
""".strip().splitlines()]


def test_keyed_forms_and_another_value():
    names = ["size=bytes", "huge=huge_option", "prefer:node", "interleave", "interleave:nodelist", "mode=strict",
             "mode=relaxed"]
    forms = dict(keyed_forms(names))
    assert forms == {"size": "size=bytes", "huge": "huge=huge_option", "prefer": "prefer:node"}  # not "mode" (two
    # options share it) nor "interleave" (a KB name of its own)
    q = "what does mpol=weighted_interleave do"
    assert other_value(q, 10, 14, "mpol=mpol_option") == "mpol=weighted_interleave"
    assert other_value("what does mpol=mpol_option do", 10, 14, "mpol=mpol_option") is None
    assert other_value("what does mpol do", 10, 14, "mpol=mpol_option") is None


def test_words_of_the_name_and_misspelt_words_count_as_written():
    assert _written("ctrl-alt-del", "defines what action ctrl alt del burst action")
    assert not _written("ctrl-alt-del", "defines what action")
    assert _misspelt_in("timout", "configures the default timeout for starting units")
    assert not _misspelt_in("tim", "the default timeout")


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("size default?", [("size=bytes", "default")]),
    ("what kernel config does the huge option need", [("huge=huge_option", "requires")]),
    ("what does mode= actually set", [("mode=mode", "description")]),
    ("nr_blocks is counted in what exactly", [("nr_blocks=blocks", "unit")]),
    ("duplex= what can i put there", [("Duplex=", "values")]),
    ("which connector types can Port= pick", [("Port=", "values")]),
    ("which setting decides whether the client chases referrals from the server on its own?",
     [("REFERRALS", "description")]),
    # a key written with a value the KB does not hold names another option
    ("what does mpol=weighted_interleave do", []),
])
def test_keyed_names_and_what_is_asked(ask, question, expected):
    assert ask(question) == expected


def test_the_other_one_by_a_word_of_its_name():
    from kblam.conversation import resolve
    from kblam.entities import NameIndex

    index = NameIndex(["DefaultStartLimitIntervalSec=", "DefaultStartLimitBurst=", "CtrlAltDelBurstAction=",
                       "DefaultRestartSec="])
    turns = ["default for DefaultStartLimitIntervalSec?", "10s.", "what about the burst one?"]
    question = resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                       index).question
    assert "DefaultStartLimitBurst=" in question and "Interval" not in question


def test_a_word_of_the_name_that_is_a_whole_label_is_asked():
    from kblam.described import name_words_dropped
    from kblam.entities import Mention

    display = {n.casefold(): n for n in ("DefaultTimeoutStartSec=", "DefaultRestartSec=", "TimeoutSec=")}
    whole = [Mention("defaulttimeoutstartsec=", 30, 30, "default start timout for units?", False)]
    props = ["default", "description", "per-unit setting", "on timeout"]
    # "default" is a label of its own: it asks the entity's default; "timeout" is only a word of the longer "on timeout"
    assert name_words_dropped("default start timout for units X", whole, display, props) == \
        "default start timout for units X"
    assert name_words_dropped("how do i turn off the timeout X", whole, display, props) == "how do i turn off the X"


def test_a_name_written_as_its_own_word_describes_it():
    from kblam.described import describing
    from kblam.entities import Mention

    prose = "Specifies if the client should automatically follow referrals returned by LDAP servers."
    assert describing(Mention("referrals", 48, 57, "referrals", True), "REFERRALS", prose)
    assert not describing(Mention("sigterm", 30, 37, "sigterm", True), "SIGTERM", "Termination signal")


@pytest.mark.realmodel
def test_which_one_checks_the_meaning_over_an_inexact_name(minilm):
    from test_matching_words import asker

    ask = asker([Triple(*row) for row in (
        ("KEEPALIVE_IDLE", "description", "Sets the number of seconds a connection needs to remain idle before TCP "
                                          "starts sending keepalive probes."),
        ("KEEPALIVE_PROBES", "description", "Sets the maximum number of keepalive probes TCP should send before "
                                            "dropping the connection."),
        ("KEEPALIVE_INTERVAL", "description", "Sets the interval in seconds between individual keepalive probes."),
        ("NETWORK_TIMEOUT", "description", "Specifies the timeout in seconds after which the poll(2)/select(2) "
                                           "following a connect(2) returns in case of no activity."))], minilm)
    assert ask("which option sets how long a connection sits idle before tcp starts sending keepalive probes?") == \
        [("KEEPALIVE_IDLE", "description")]
