"""Fixes from the forty-seventh session, as general forms (:mod:`kblam.described`): a KB whose "description" values are
short phrases ("maximum number of processes", as limits.conf(5) writes them) still describes its entities for the
match by meaning: a property whose label says it describes the entity counts with its values of three words or more,
though they are too short to count as prose. A question that points at a setting by one English word of its name and
asks "which setting …" asks which one it is, as when it describes the setting whole ("restarting" of
RestartKillSignal=: its description, not the related setting the matcher likes); so does one that writes a short word of
its name ("initrd" of x-initrd.mount) or its parts apart ("systemd create an automount"). A KB name that is a function
word once its "=" is taken off (systemd's What=, Where=) is the word unless written with it ("what about …?" is no
question about What=, nor is a follow-up resolved to it); ASCII's "CAN" and os-release's "NAME" stay names. A constant
the KB lacks (SO_REUSEPORT) beside a KB name written as a plain word ("a udp socket") is what the question is about:
refused with the closest names; a KB name that the question writes as a lower-case word ("unknown mount options" of
Options=) gives way to a setting the whole question describes. A misspelt English word ("recieved") is no name the described entity must write, nor is
the kind a question asks for ("which ioctl …"). Described whole, a setting's name words are not asked of its labels
("the mount timeout" of TimeoutSec= asks no "on timeout"); "X maps to which …" asks for what it is related to."""

from __future__ import annotations

import pytest

from kblam.clauses import wh_respelt
from kblam.conversation import resolve
from kblam.described import describing
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.mentions import Mention
from kblam.typos import misspelt_english

ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
nproc | field | <item>
nproc | description | maximum number of processes
nproc | unlimited values | -1, unlimited or infinity
nproc | example | @student hard nproc 20
nofile | field | <item>
nofile | description | maximum number of open file descriptors
nofile | unlimited values | -1, unlimited or infinity
nofile | example | * hard nofile 512
maxlogins | field | <item>
maxlogins | description | maximum number of logins for this user
maxlogins | example | @faculty hard maxlogins 4
core | field | <item>
core | description | limits the core file size
core | unit | KB
stack | field | <item>
stack | description | maximum stack size
stack | unit | KB
chroot | field | <item>
chroot | description | the directory to chroot the user to
limits.conf | description | configuration file for the pam_limits module
limits.conf | path | /etc/security/limits.conf
KillSignal= | description | Specifies which signal to use when stopping a service.
KillSignal= | related setting | RestartKillSignal=
RestartKillSignal= | description | Specifies which signal to use when restarting a service.
RestartKillSignal= | related setting | KillSignal=
RestartKillSignal= | default | the value of KillSignal=
What= | description | Takes an absolute path of a device node, file or other resource to mount.
What= | argument | absolute path of a device node, file or other resource
Options= | description | Mount options to use when mounting.
Options= | argument | comma-separated list of options
SloppyOptions= | description | If true, parsing of the options specified in Options= is relaxed, and unknown mount options are tolerated.
SloppyOptions= | default | off
x-systemd.automount | description | An automount unit will be created for the file system.
x-systemd.automount | kind | special /etc/fstab mount option understood by systemd
x-systemd.automount | see also | systemd.automount(5)
x-initrd.mount | description | An additional filesystem to be mounted in the initrd.
x-initrd.mount | kind | special /etc/fstab mount option understood by systemd
noauto | description | The file system will not be added as a dependency for local-fs.target.
noauto | kind | special /etc/fstab mount option understood by systemd
TimeoutSec= | description | Configures the time to wait for the mount command to finish.
TimeoutSec= | disable | Pass 0 to disable the timeout logic.
TimeoutSec= | on timeout | the mount is considered failed and shut down; remaining commands are terminated via SIGTERM
x-systemd.idle-timeout= | description | Configures the idle timeout of the automount unit.
x-systemd.idle-timeout= | related | TimeoutIdleSec= in systemd.automount(5)
x-systemd.idle-timeout= | applies to | the automount unit
TIOCOUTQ | description | Returns the number of data bytes in the local send queue.
TIOCOUTQ | unit | bytes
FIONREAD | description | Returns the size of the next pending datagram in the integer in bytes.
FIONREAD | argument | a pointer to an integer
MSG_TRUNC | description | Set when a received packet is bigger than the passed buffer and the packet is truncated.
MSG_TRUNC | type | flag
MSG_TRUNC | applies to | receive operations
SO_BSDCOMPAT | description | For compatibility with legacy code, makes the socket receive remote errors only when it has been connected.
SO_BSDCOMPAT | level | SOL_SOCKET
UDP | socket call | socket(AF_INET, SOCK_DGRAM, 0)
UDP | description | A connectionless, unreliable datagram protocol.
UDP_CORK | description | If enabled, all data output on this socket is accumulated into a single datagram.
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    # "limits" is an inexact "limits.conf"; the question describes nproc by its short description
    ("which item limits how many processes a user can start?", [("nproc", "description")]),
    ("which setting caps the number of open file descriptors", [("nofile", "description")]),
    ("which setting chooses the signal used when restarting a service?", [("RestartKillSignal=", "description")]),
    ("wher does limits.conf live", [("limits.conf", "path")]),  # (a misspelt "where"; a file lives at its path)
    # named: what is asked of it, not its description
    ("what does RestartKillSignal= default to?", [("RestartKillSignal=", "default")]),
    # an unknown identifier beside the same description: refused
    ("which item limits how many processes RLIMIT_NPROC_MAX allows?", []),
])
def test_short_descriptions_and_one_word_pointers(ask, question, expected):
    assert ask(question) == expected


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("which option adds an extra filesystem to mount in the initrd?", [("x-initrd.mount", "description")]),
    ("which fstab option makes systemd create an automount unit for the fs", [("x-systemd.automount", "description")]),
    ("tell me what kind of value Options= takes", [("Options=", "argument")]),
    ("what does What= take as its argument?", [("What=", "argument")]),
    ("which ioctl tells me how many bytes are still sitting in the local send queue?", [("TIOCOUTQ", "description")]),
    ("which flag tells me my recieved packet got cut off because my buffer was too small?",
     [("MSG_TRUNC", "description")]),
    ("what does SO_REUSEPORT do on a udp socket?", []),
    # described whole, the words of its name ("timeout") ask for no property that shares them ("on timeout")
    ("how do i turn off the mount timeout in a .mount unit", [("TimeoutSec=", "disable")]),
    ("x-systemd.idle-timeout= maps to which automount setting", [("x-systemd.idle-timeout=", "related")]),
    # "options" is a word here, not Options= (the KB writes it capitalised, with its "="): the setting described
    ("which setting tolerates unknown mount options instead of failing on them?", [("SloppyOptions=", "description")]),
    ("what are the Options= of a mount unit for?", [("Options=", "description")]),
])
def test_described_settings_of_mount_units_and_udp(ask, question, expected):
    assert ask(question) == expected


def test_a_function_word_name_is_the_word_unless_written_with_its_mark():
    index = NameIndex(["What=", "Where=", "Options=", "SloppyOptions=", "which"])
    assert [m.said for m in index.find("tell me what kind of value Options= takes")[0]] == ["Options"]
    assert index.find("what about x-systemd.mount-timeout=?")[0] == []
    assert [m.name for m in index.find("and What='s default?")[0]] == ["what"]
    assert [m.said for m in index.find("what does What= take")[0]] == ["What"]
    assert index.find("which is the default of which")[0] == []  # (as before: "which" the word)
    assert [m.said for m in index.find("the which alternative")[0]] == ["which"]
    # a follow-up about SloppyOptions= stays with it ("and its default?" was resolved to What= by the "what" of q1)
    turns = [{"role": "user", "content": "what does SloppyOptions= do?"},
             {"role": "assistant", "content": "It relaxes option parsing."},
             {"role": "user", "content": "and its default?"}]
    assert "SloppyOptions=" in resolve(turns, index).question
    # names that are function words only when folded stay names ("CAN", "SO" of ASCII, "NAME" of os-release)
    ascii_index = NameIndex(["CAN", "SO", "NAME", "ETX"])
    assert [m.said for m in ascii_index.find("What's the ascii code of CAN, in decimal please")[0]] == ["CAN"]
    assert [m.said for m in ascii_index.find("NAME field's fallback when unset")[0]] == ["NAME"]


def test_an_unknown_constant_beside_a_plain_word_name_is_the_subject():
    index = NameIndex(["UDP", "UDP_CORK", "SO_BSDCOMPAT", "MSG_TRUNC"])
    mentions, misses = index.find("what does SO_REUSEPORT do on a udp socket?")
    assert mentions == [] and misses[0].said == "SO_REUSEPORT" and "SO_BSDCOMPAT" in misses[0].closest
    assert [m.said for m in index.find("what does UDP_CORK do on a udp socket?")[0]] == ["UDP_CORK", "udp"]


def test_describing_mentions_and_misspelt_words():
    assert describing(Mention("restartkillsignal=", 10, 20, "restarting", False))
    assert describing(Mention("x-initrd.mount", 10, 16, "initrd", False))
    assert describing(Mention("x-systemd.automount", 5, 30, "systemd create an automount", False))
    assert not describing(Mention("killmode=", 5, 14, "kill mode", False))  # its name written apart
    assert not describing(Mention("--param=align-loop-iterations", 5, 26, "align-loop-iterations", False))
    assert not describing(Mention("nproc", 5, 10, "nproc", True))
    assert [misspelt_english(w) for w in ("recieved", "lenght", "buffr")] == [True, True, True]
    assert [misspelt_english(w) for w in ("systemd", "fstab", "nproc", "ioctl", "sigkill")] == [False] * 5


def test_the_kind_of_value_a_setting_takes_is_its_argument():
    props = ["description", "argument", "required", "notes"]
    assert intended("tell me what kind of value X takes", props) == ["argument"]
    assert intended("what does X take as its argument", props) == ["argument"]
    assert intended("what kind of values X takes", ["description", "notes"]) == []


def test_a_misspelt_opening_question_word_is_read_right():
    assert wh_respelt("wher does limits.conf live") == "where does limits.conf live"
    assert wh_respelt("whch unit types share these kill options?") == "which unit types share these kill options?"
    assert wh_respelt("Whcih zones are listed under PST?") == "which zones are listed under PST?"
    assert wh_respelt("hwo many?") == "hwo many?"  # "who" or "how": left alone
    assert wh_respelt("Whats up with X?") == "Whats up with X?"  # (a question word run on, not misspelt)
    assert wh_respelt("nproc default?") == "nproc default?"


def test_where_a_file_lives_is_its_path():
    props = ["description", "path", "drop in directory", "syntax"]
    assert intended("where does X live", props) == ["path"]
    assert intended("where is X installed?", props) == ["path"]
    assert intended("where is X", props) == []
