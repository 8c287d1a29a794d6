"""Fixes from the forty-eighth session, as general forms. A question that asks "which capability …", "which error …"
points at one of the KB's entities of that kind (a "type" or "kind" property says what each entity is), found by
what the question says it does, on a lower floor than a match among all entities (:func:`described.of_asked_kind`).
A phrase the KB's values write, in lower case ("the ip header", "a broadcast address"), is prose, no near miss of a
name that shares a word with it ("IP Checksum", "Source Address"); nor is a word of a name followed by English where
the name has a code ("where does faillock keep …" of faillock.conf). A question that asks how to fix something asks
for its remedy, "should I …?" for its recommendation, "what's the catch" for its caveats, "acts like which flag" for
its equivalent, "goes in which section" for its stanza, "which errno" for the error it comes with, and "also
switches on which option" for what it implies. "is there a setting that …" asks which one it is. Contractions written
without their apostrophe ("dont") and British spellings ("optimise") are English, not names the entity must write."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import asks_which_one, intended
from kblam.kb import Triple
from kblam.typos import english_form

ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
IP_HDRINCL | type | socket option
IP_HDRINCL | description | When enabled, the packet must contain an IP header; otherwise the IPv4 layer generates an IP header when sending.
IP_HDRINCL | implied by | IPPROTO_RAW
IPPROTO_RAW | type | protocol
IPPROTO_RAW | description | Implies enabled IP_HDRINCL and is able to send any IP protocol that is specified in the passed header.
IPPROTO_RAW | direction | send only
CAP_NET_RAW | type | capability
CAP_NET_RAW | description | A process must have it, in the user namespace that governs its network namespace, to create a raw socket.
CAP_NET_RAW | error if missing | EPERM
CAP_NET_RAW | see also | capabilities(7)
IP_MTU_DISCOVER | type | socket option
IP_MTU_DISCOVER | description | Can turn off path MTU (Maximum Transmission Unit) discovery.
IP_MTU_DISCOVER | default | By default, raw sockets do path MTU discovery.
IP_MTU_DISCOVER | recommendation | Disabling path MTU discovery is not recommended for performance and reliability reasons.
EACCES | type | error
EACCES | meaning | User tried to send to a broadcast address without having the broadcast flag set on the socket.
EMSGSIZE | type | error
EMSGSIZE | meaning | Packet too big.
EMSGSIZE | max packet size | 64 kB
EMSGSIZE | remedy | The application should decrease the packet size.
EPERM | type | error
EPERM | meaning | The user doesn't have permission to open raw sockets.
EPERM | allowed | Only processes with an effective user ID of 0 or the CAP_NET_RAW attribute may open raw sockets.
EPROTO | type | error
EPROTO | meaning | An ICMP error has arrived reporting a parameter problem.
IP Checksum | type | IP header field
IP Checksum | on sending | Always filled in
Source Address | type | IP header field
Source Address | on sending | Filled in when zero
TCP_CONGESTION | type | socket option
TCP_CONGESTION | description | allows the caller to set the TCP congestion control algorithm to be used, on a per-socket basis
TCP_CONGESTION | required capability | CAP_NET_ADMIN (to choose from any of the available congestion-control algorithms)
report_time | description | If true, e2fsck prints timing statistics on a pass by pass basis for full file system checks.
report_time | stanza | [options]
report_time | equivalent option | -tt
broken_system_clock | description | If true, e2fsck will always assume the system clock can not be trusted.
allow_cancellation | description | If true, e2fsck exits with status 0 instead of 32 when interrupted with ^C and the file system is not flagged as having errors.
log_dir | description | The directory where e2fsck writes its log files.
force_no | description | If set to true, forces a problem to never be fixed, as if the user responds 'no' to 'should this problem be fixed?'.
force_no | stanza | [problems]
force_no | notes | Even overrides the -y option given on the command-line (just for the specific problem).
silent | description | Don't print informative messages to the user.
silent | notes | When this option is not used there will be difference in the authentication behavior for users which exist on the system and non-existing users.
rtprio | description | maximum realtime priority allowed for non-privileged processes
rtprio | since | Linux 2.6.12
root_unlock_time | description | Allow access after n seconds to root account after the account is locked.
root_unlock_time | default | if not specified, the same as the unlock_time option
root_unlock_time | implies | even_deny_root
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    # the one capability of the KB, by what it lets a process do (the error EPERM fits the words better)
    ("which capability do i need to open a raw socket?", [("CAP_NET_RAW", "description")]),
    # "a broadcast address" is the error's own words, not the "Source Address" field
    ("which error do i get sending to a broadcast address without the broadcast flag set?", [("EACCES", "meaning")]),
    # a capability the entity is asked for (its "required capability"), not which capability it is
    ("What capability do I need to pick any congestion control algo per socket?",
     [("TCP_CONGESTION", "required capability")]),
    ("no CAP_NET_RAW -> which errno when opening the socket?", [("CAP_NET_RAW", "error if missing")]),
    ("got EMSGSIZE, how do i fix it?", [("EMSGSIZE", "remedy")]),
    ("should i switch off path mtu discovery on my raw socket? IP_MTU_DISCOVER",
     [("IP_MTU_DISCOVER", "recommendation")]),
    # "e2fsck" is the KB's own word, no item the described entity lists
    ("which option makes e2fsck print timing stats pass by pass?", [("report_time", "description")]),
    ("is there a per-problem setting that forces a problem to never get fixed?", [("force_no", "description")]),
    ("report_time acts like which command line flag", [("report_time", "equivalent option")]),
    ("force_no goes in which section of the file?", [("force_no", "stanza")]),
    ("whats the catch if i leave silent out", [("silent", "notes")]),
    ("setting root_unlock_time also switches on which other option?", [("root_unlock_time", "implies")]),
    ("what kernel version do i need for rtprio", [("rtprio", "since")]),
    # a capability the KB lacks: still refused
    ("which capability lets me bind to ports below 1024?", []),
])
def test_kinds_remedies_and_other_askings(ask, question, expected):
    assert ask(question) == expected


def test_value_phrases_and_english_after_a_name_word_are_no_near_misses():
    values = ["when enabled, the packet must contain an ip header", "user tried to send to a broadcast address"]
    index = NameIndex(["IP Checksum", "Source Address", "IP_HDRINCL", "EACCES"], values=values)
    assert index.find("which option means i have to build the ip header myself?")[1] == []
    # written with capitals, it names something: a near miss as before
    assert [m.said for m in index.find("what is the IP Header of a packet?")[1]] == ["IP Header"]
    faillock = NameIndex(["faillock.conf", "deny", "dir"])
    assert faillock.find("where does faillock keep the tally files")[1] == []
    assert [m.closest for m in NameIndex(["Grey Whale"]).find("how long does a blue whale live?")[1]] == [("Grey Whale",)]


def test_which_one_and_intents():
    assert asks_which_one("is there a per-problem setting that forces a problem to never get fixed? X", True)
    assert asks_which_one("which capability do i need to open a raw socket? X", True)
    assert not asks_which_one("What capability do I need to pick X", True, ["description", "required capability"])
    props = ["description", "remedy", "notes", "stanza", "equivalent option", "error if missing", "implies"]
    assert intended("got X, how do i fix it?", props) == ["remedy"]
    assert intended("X goes in which section of the file?", props) == ["stanza"]
    assert intended("X acts like which command line flag", props) == ["equivalent option"]
    assert intended("which errno when opening X?", props) == ["error if missing"]
    assert intended("whats the catch if i leave X out", props) == ["notes"]
    assert intended("X also switches on which other option?", props) == ["implies"]
    assert intended("what error does X mean?", props) == []  # (what the error means: not the error it comes with)
    assert intended("what kernel version do i need for X", ["description", "since", "unit"]) == ["since"]
    assert "unit" in intended("what does X measure its limit in", ["description", "since", "unit"])
    assert "prefix" in intended("what does putting a dash in front of the X do", ["description", "prefix"])


def test_contractions_and_british_spellings_are_english():
    assert [english_form(w) for w in ("dont", "whats", "organise", "behaviour", "colour")] == [True] * 5
    assert [english_form(w) for w in ("faillock", "nproc", "fstab")] == [False] * 3


def test_a_follow_up_naming_a_sibling_asks_what_the_question_before_wrote():
    from kblam.conversation import facts_of, resolve

    index = NameIndex(["unlock_time", "root_unlock_time", "deny"])
    triples = [Triple("unlock_time", "unit", "seconds"), Triple("unlock_time", "default", "600 (10 minutes)"),
               Triple("root_unlock_time", "unit", "seconds"),
               Triple("root_unlock_time", "default", "if not specified, the same as the unlock_time option")]
    by_key = {"unlock_time": [0, 1], "root_unlock_time": [2, 3]}
    turns = [{"role": "user", "content": "default for unlock_time?"},
             {"role": "assistant", "content": "600 seconds (10 minutes)."},
             {"role": "user", "content": "and root_unlock_time?"}]
    # the answer writes the unit's value ("seconds"), but the question before asked the default
    assert resolve(turns, index, facts_of(triples, by_key)).question == "default for root_unlock_time?"
    turns[0]["content"] = "tell me about unlock_time"  # (no property written: the one the answer stated)
    assert resolve(turns, index, facts_of(triples, by_key)).question == "What is the unit of root_unlock_time?"
