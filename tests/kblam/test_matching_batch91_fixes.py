"""Fixes from the seventieth session, as general forms, found on KBs from man pages (the ninety-first batch:
org.freedesktop.machine1, nss, modules-load.d) asked through the API at first contact.

"when does X fire" asks a rule's condition ("sent when"), not a date; a noun after the name in the subject of an
auxiliary's question ("what does the X signal carry") is what X is, not what is asked; "What is the X property on a
machine object?" asks what X is; "what's in each struct X hands back" its fields; a name written alone asks what it
is; "which variable changes how X behaves" what X is affected by; "which variable uses X" what X is used by; "which
other page does X send you to" its see-also; "where's the X config file kept" its files; "the example" is the one
Example there is; a year is no file mode; "systemd 252" is a release; a KB variable several entities are "affected
by" is a name, not a kind."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam.kb import Triple

FACTS = [
    Triple("org.example.widget1", "description", "The D-Bus interface of widgetd"),
    Triple("org.example.widget1", "man section", "5"), Triple("org.example.widget1", "source", "widgetd 311"),
    Triple("org.example.widget1", "recommended filename prefix", "a two-digit number and a dash"),
    Triple("org.example.widget1.Manager", "object path", "/org/example/widget1"),
    Triple("WidgetNew", "sent when", "whenever a widget is registered or removed"),
    Triple("WidgetNew", "carries", "the widget name and the object path"),
    Triple("ListWidgets()", "fields", "widget name, colour and object path"),
    Triple("ListWidgets()", "returns", "an array of all known widgets"),
    Triple("SetWidgetLimit()", "purpose", "sets a per-widget quota limit"),
    Triple("CreateWidget()", "allowed name characters", "a-zA-Z0-9-_."),
    Triple("CreateWidget()", "purpose", "register a new widget with widgetd"),
    Triple("Name", "description", "the widget name as it was passed in during registration with CreateWidget()"),
    Triple("Unit", "description", "the scope unit name for the widget"),
    Triple("Example 1", "title", "Introspect org.example.widget1.Manager on the bus"),
    Triple("Example 1", "command", "gdbus introspect --system --dest org.example.widget1"),
    Triple("Example 1", "description", "The default configuration corresponds to the following file"),
    Triple("Example 1", "section", "EXAMPLES"),
]
ask = _asking(FACTS)


def test_signals_properties_structs_and_names_alone(ask):
    assert ask("When does WidgetNew fire?") == [("WidgetNew", "sent when")]
    assert ask("what data does the WidgetNew signal carry?") == [("WidgetNew", "carries")]
    assert ask("What is the Unit property on a widget object?") == [("Unit", "description")]
    assert ask("what's in each struct that ListWidgets hands back") == [("ListWidgets()", "fields")]
    assert ask("SetWidgetLimit?") == [("SetWidgetLimit()", "purpose")]
    assert ask("Which characters am I allowed to use in the widget name I pass to CreateWidget()?") == [
        ("CreateWidget()", "allowed name characters")]  # (not Name, whose description the words fit)


def test_the_example_the_command_and_the_page(ask):
    assert ask("Tell me what the example in the widget page shows.") == [("Example 1", "description")]
    assert ask("Which widgetd release does this page come from?") == [("org.example.widget1", "source")]
    assert ask("Tell me what the man page reccomends prefixing the filenames with.") == [
        ("org.example.widget1", "recommended filename prefix")]


MORE = [
    Triple("frob", "description", "Frob Service Switch configuration file"), Triple("frob", "man section", "5"),
    Triple("frob", "see also", "frobswitch.conf"), Triple("frob", "files", "/etc/default/frob"),
    Triple("frob", "copyright", "Copyright (C) 2006 Widget, Inc. All rights reserved."),
    Triple("frob", "date", "2023-02-05"),
    Triple("/etc/default/frob", "contents", "a number of variable assignments"),
    Triple("FROB_AUTHORITATIVE", "default", "FALSE"), Triple("FROB_AUTHORITATIVE", "NIS map", "frob.byname"),
    Triple("BATCH_READ", "default", "FALSE"),
    Triple("frobgroups", "man section", "3"), Triple("frobgroups", "affected by", "FROB_AUTHORITATIVE"),
    Triple("getfrobent", "man section", "3"), Triple("getfrobent", "affected by", "BATCH_READ"),
    Triple("setfrobent", "man section", "3"), Triple("setfrobent", "affected by", "BATCH_READ"),
    Triple("frob.byname", "type", "NIS map"), Triple("frob.byname", "used by", "FROB_AUTHORITATIVE"),
    Triple("frobd.service", "purpose", "reads the frob files at boot"),
    Triple("frobd.service", "man section", "8"), Triple("frob", "read by", "frobd.service(8)"),
    Triple("frob", "manual", "File Formats Manual"),
]
ask_more = _asking(MORE)


def test_see_also_controls_users_and_files(ask_more):
    assert ask_more("Which other page does frob(5) send you to for more?") == [("frob", "see also")]
    assert ask_more("Which variable changes how the NIS backend for frobgroups behaves?") == [("frobgroups", "affected by")]
    assert ask_more("which variable uses frob.byname?") == [("frob.byname", "used by")]
    assert ask_more("where's the frob config file kept?") == [("frob", "files")]
    assert ask_more("what overrides FROB_AUTHORITATIVE?") != []  # (a name the functions are affected by, no kind)


def test_a_year_is_no_mode_and_the_page_read_from_is_not_asked(ask_more):
    assert ask_more("What file permissions should /etc/default/frob have?") == []
    assert ask_more("Give me the description of frobd.service from the page.") == [("frobd.service", "purpose")]
    assert ask_more("which section of the manual is frobd.service in?") == [("frobd.service", "man section")]


# the ninety-second batch (term, deb-conffiles, systemd.net-naming-scheme), met on round-1 code
NAMING = [
    Triple("frobnames", "description", "Frob device naming schemes"), Triple("frobnames", "man section", "7"),
    Triple("default naming scheme", "chosen at", "compilation time"),
    Triple("ID_FROB_NAME_MAC=", "availability", "if the device has a fixed MAC address"),
    Triple("ID_FROB_NAME_MAC=", "format", "prefixxAABBCCDDEEFF"),
    Triple("frob_id", "builtin of", "frob-udevd.service(8)"), Triple("frob_id", "exports", "udev device properties"),
    Triple("Example 1", "title", "Using frobadm to display device properties"),
    Triple("Example 1", "command", "frobadm test-builtin frob_id /sys/class/net/enp0s31f6"),
    Triple("Example 1", "default naming scheme", "v243"),
    Triple("frobterm", "authors", "Thomas E. Dickey, Eric S. Raymond"), Triple("frobterm", "man section", "5"),
    Triple("Eric S. Raymond", "contribution", "documented the legacy format"),
    Triple("Thomas E. Dickey", "contributions", "the extended format"),
    Triple("extended number format", "magic number", "octal 01036"),
    Triple("extended number format", "introduced in", "ncurses 6.1"),
    Triple("magic number", "value", "octal 0432"),
    Triple("FROBINFO", "type", "environment variable"), Triple("FROBINFO", "interpretation", "a directory tree of entries"),
    Triple("binary format", "default compatibility", "Solaris curses"),
]
ask_naming = _asking(NAMING)


def test_when_there_is_one_what_it_belongs_to_and_what_is_typed(ask_naming):
    assert ask_naming("When do you get an ID_FROB_NAME_MAC name at all?") == [("ID_FROB_NAME_MAC=", "availability")]
    assert ask_naming("ID_FROB_NAME_MAC, which devices can get it?") == [("ID_FROB_NAME_MAC=", "availability")]
    assert ask_naming("when does the default naming scheme get picked") == [("default naming scheme", "chosen at")]
    assert ask_naming("frob_id belongs to which service?") == [("frob_id", "builtin of")]
    assert ask_naming("In example 1, what exactly is typed at the shell prompt?") == [("Example 1", "command")]
    assert ask_naming("What does the FROBCAP_COMPAT environment variable do in the frobinfo binary format?") == []
    assert ask_naming("What does FROBINFO do in the binary format?") == [("FROBINFO", "interpretation")]  # (a
    # constant the KB holds)


def test_follow_ups_of_a_surname_the_matched_entity_and_the_page_itself(minilm):
    from kblam.conversation import facts_of, resolve
    from kblam.encoder import EmbeddingCache, encode_kb
    from kblam.kb_index import name_index
    from kblam.matching import match_question

    kb = encode_kb(NAMING, minilm)
    index, by_key = name_index(kb)
    cache = EmbeddingCache()

    def about(q):
        return match_question(q, kb, minilm, cache, minilm).about(kb.triples, None)

    def resolved(*turns):
        return resolve([{"role": r, "content": c} for r, c in zip(("user", "assistant", "user"), turns, strict=True)],
                       index, facts_of(NAMING, by_key), about).question
    assert resolved("Who wrote the frobterm man page?", "Thomas E. Dickey and Eric S. Raymond.",
                    "what did Raymond contribute?") == "what did Raymond contribute?"  # (not "… of frobterm")
    assert resolved("What man section is frobterm in?", "Section 5.", "what about the frobnames page itself?") == (
        "What man section is frobnames in?")
