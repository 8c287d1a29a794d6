"""Fixes from the sixty-seventh session, as general forms, found on KBs from man pages (the eighty-sixth batch:
org.freedesktop.LogControl1, initrd-release, gitprotocol-v2), each asked through the API on the first round's code.

A D-Bus interface's last part names it, not the object path that spells it with slashes ("the LogControl1
interface"); "this protocol v2 man page" is the page; words joined by hyphens, one no English word, are a name the KB
may lack where its names are such ("the bundle-uri capability"). "What can I set X to" asks its allowed values beside a
"who can set"; "what date format" asks a format, not a date; "what does it mean if X exists" its meaning of presence;
"what X signals" what it is; "why shouldn't I …" its restriction; "which characters are not allowed" its restriction;
"how is X sent" its form. "That file" after a question answered by one KB name alone is that name."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam import conversation
from kblam.kb import Triple

BUS = [
    Triple("org.example.Log1", "description", "D-Bus interface to query and set logging"),
    Triple("org.example.Log1", "man section", "5"), Triple("org.example.Log1", "object path", "/org/example/Log1"),
    Triple("org.example.Log1", "version", "frob 12"),
    Triple("/org/example/Log1", "description", "the fixed object path of the interface"),
    Triple("Level", "allowed values", "err, warning, info, debug"), Triple("Level", "who can set", "privileged users"),
    Triple("Level", "type", "s (string)"),
    Triple("/etc/frob-ready", "meaning of presence", "the daemon finished its start-up"),
    Triple("/etc/frob-ready", "owner", "root"), Triple("log protocol", "framing", "one message per line"),
    Triple("END_DATE=", "format", 'an ISO 8601 date, "YYYY-MM-DD"'), Triple("END_DATE=", "example", "END_DATE=2031-01-01"),
    Triple("thin-pack", "description", "the client can read packs that lack their base objects"),
    Triple("side-band", "description", "the server sends data multiplexed in bands"),
    Triple("no-progress", "description", "the client asks for no progress output"),
    Triple("ofs-delta", "description", "the client understands deltas referring to their base by offset"),
    Triple("agent-name", "restriction", "must not be used to guess which features the peer has"),
    Triple("agent-name", "purpose", "informative, for statistics"),
    Triple("server-option", "form", "server-option=<option>, in the capability list"),
    Triple("server-option", "restriction", "must not contain a NUL or LF character"),
    Triple("/usr/lib/frob.conf", "when used", "only if /etc/frob.conf is missing"),
    Triple("/usr/lib/frob.conf", "purpose", "the vendor's configuration"),
    Triple("frob.conf", "format", "key=value lines"),
]
ask = _asking(BUS)


def test_interfaces_pages_and_unknown_hyphened_names(ask):
    assert ask("which object path does the Log1 interface live at") == [("org.example.Log1", "object path")]
    assert ask("Which release is this log protocol man page from?") == [("org.example.Log1", "version")]
    assert ask("What is the bundle-uri capability used for?") == []


def test_asking_phrases_of_this_batch(ask):
    assert ask("what levels can I set Level to") == [("Level", "allowed values")]
    assert ask("What date format does END_DATE use?") == [("END_DATE=", "format")]
    assert ask("What does it mean if /etc/frob-ready exists on a system?") == [("/etc/frob-ready", "meaning of presence")]
    assert ask("tell me what ofs-delta signals to the server") == [("ofs-delta", "description")]
    assert ask("Why shouldn't I look at the agent-name value to decide which features the server has?") == [
        ("agent-name", "restriction")]
    assert ask("which characters are not allowed in a server-option?") == [("server-option", "restriction")]
    assert ask("How is a server-option sent?") == [("server-option", "form")]


def test_that_file_after_an_answer_naming_one_kb_name_alone():
    from kblam.kb_index import name_index

    class _KB:  # the two fields the name index reads (it needs no encoder)
        triples, derived = BUS, {}
    index, by_key = name_index(_KB())
    turns = [{"role": "user", "content": "What's the recommended place for the vendor's configuration?"},
             {"role": "assistant", "content": "/usr/lib/frob.conf."},
             {"role": "user", "content": "When is that file actually read?"}]
    assert conversation.resolve(turns, index, conversation.facts_of(BUS, by_key)).question == (
        "When is /usr/lib/frob.conf actually read?")


PORTABLE = [
    Triple("org.example.bus1", "description", "the D-Bus interface of busd"), Triple("org.example.bus1", "man section", "5"),
    Triple("org.example.bus1.Image", "description", "the interface the service exposes on the Image object"),
    Triple("org.example.bus1.Image", "properties", "Name, Path, ReadOnly"),
    Triple("org.example.bus1.Manager", "description", "the interface the service exposes on the Manager object"),
    Triple("org.example.bus1.Manager", "properties", "PoolPath, PoolUsage"),
    Triple("DetachImage()", "description", "detaches an image from the system"),
    Triple("DetachImage()", "restriction", "an image cannot be detached while a unit it contains is running"),
    Triple("DetachImage()", "runtime parameter", "whether the image was attached for this boot only"),
    Triple("VARIANT=", "purpose", "display purposes only; VARIANT_ID should be used for decisions"),
    Triple("ID=", "allowed characters", "0-9, a-z, '.', '_' and '-'"),
    Triple("deepen-since", "internal equivalent", "git rev-list --max-age=<timestamp>"),
    Triple("deepen-since", "incompatible with", "deepen"),
    Triple("SyslogIdentifier", "type", "s (string)"), Triple("SyslogIdentifier", "journalctl filter", "-t/--identifier="),
    Triple("journalctl", "transport filters", "_TRANSPORT=syslog, _TRANSPORT=journal"),
]
ask_portable = _asking(PORTABLE)


def test_round_three_of_the_session(ask_portable):
    assert ask_portable("give me the list of properties on the Image interface") == [("org.example.bus1.Image", "properties")]
    assert ask_portable("can i detach an image while one of its services is still running?") == [("DetachImage()", "restriction")]
    assert ask_portable("Which characters are allowed in VARIANT_ID?") == []  # (a value writes it: no name of VARIANT=)
    assert ask_portable("Can deepen-since be used together with deepen?") == [("deepen-since", "incompatible with")]
    assert sorted(ask_portable("What's the type of SyslogIdentifier, and which journalctl option filters on it?")) == [
        ("SyslogIdentifier", "journalctl filter"), ("SyslogIdentifier", "type")]


def test_narrowed_after_the_all_kb_run():
    from kblam.answer_kinds import answer_kind
    assert answer_kind("What date format does X use?")[0] == "date format"  # (a locale without one refuses it)
    assert answer_kind("What date format does X use?")[1].search('an ISO 8601 date, "YYYY-MM-DD"')
    assert not answer_kind("What date format does X use?")[1].search("2031-01-01 was the last day")
    from kblam.kb_index import name_index

    class _KB:
        triples, derived = [Triple("/etc/app/prefs", "format", "records separated by blank lines"),
                            Triple("Dir::Etc::Prefs", "default", "prefs")], {}
    index, by_key = name_index(_KB())
    turns = [{"role": "user", "content": "which configuration item points at /etc/app/prefs?"},
             {"role": "assistant", "content": "Dir::Etc::Prefs."},
             {"role": "user", "content": "ok and how is that file laid out?"}]  # (the question's entity is the file)
    assert conversation.resolve(turns, index, conversation.facts_of(_KB.triples, by_key)).question == (
        "ok and how is /etc/app/prefs laid out?")
