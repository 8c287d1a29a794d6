"""Fixes from the sixty-fourth session, as general forms, found on KBs from man pages (the seventy-ninth batch: deb-split,
gitformat-bundle, editrc), each asked through the API before any fix.

"Which line" asks for a position; "where does it go" for a location; "the leading character" for a prefix; "ABNF" and
"grammar" for a syntax. A format is named by what it makes ("a multi-part .deb"); "extra members" are the "additional
members". A capitalised acronym the KB's values write ("ABNF") names nothing else beside a lower-case KB name. A dotfile
path the KB lacks ("~/.inputrc"), and a coined word named as a builtin ("the bindkey builtin"), are near misses. An
option written alone beside another program ("pass -s to echotc") is that program's option, and its "-s option" label
is what is asked. "The man page" beside another name, with a word only the page's labels hold ("notation"), asks the
page."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam.entities import NameIndex
from kblam.kb import Triple

ask_split = _asking([
    Triple("deb-split", "man section", "5"), Triple("deb-split", "description", "Debian multi-part binary package format"),
    Triple("multi-part .deb format", "member order", "debian-split then data.N; in this exact order"),
    Triple("multi-part .deb format", "required members", "debian-split and data.N"),
    Triple("deb", "man section", "5"), Triple("data.N", "contents", "the raw part data"),
    Triple("maximum part size", "position", "line 6 of debian-split"),
    Triple("maximum part size", "description", "the maximum part size"),
    Triple("package name", "position", "line 2 of debian-split"), Triple("package name", "description", "the package name"),
    Triple("additional members", "where", "after data.N"),
    Triple("additional members", "handling", "current implementations should ignore any additional members after data.N"),
])

ask_bundle = _asking([
    Triple("gitformat-bundle", "man section", "5"), Triple("gitformat-bundle", "description", "The bundle file format"),
    Triple("gitformat-bundle", "notation", "ABNF notation"),
    Triple("Git bundle format", "description", "a format that represents both refs and Git objects"),
    Triple("capability", "syntax", '"@" key ["=" value] LF'), Triple("capability", "prefix", "@"),
    Triple("capability", "description", "indicates functionality that the bundle requires to be read properly"),
    Triple("v3 bundle", "capabilities", "zero or more capability lines after the signature"),
    Triple("object-format", "kind", "capability"), Triple("filter", "kind", "capability"),
    Triple("prerequisite", "syntax", '"-" obj-id SP comment LF'), Triple("prerequisite", "prefix", "-"),
    Triple("prerequisite", "description", "lists the objects that are NOT included in the bundle"),
    Triple("pack", "location", "after the references and an empty LF line, at the end of the bundle"),
    Triple("pack", "description", "the pack data stream git fetch would send"),
])

ask_editrc = _asking([
    Triple("editrc", "man section", "5"), Triple("editrc", "description", "configuration file for editline library"),
    Triple("bind", "synopsis", "bind [-aeklrsv] [key [command]]"),
    Triple("bind", "-l option", "lists all editor commands and a short description of each"),
    Triple("bind -s", "purpose", "define a keyboard macro rather than a key binding or command macro"),
    Triple("echotc", "purpose", "exercise terminal capabilities given in arg"),
    Triple("echotc", "-s option", "returns an empty string for non-existent capabilities, rather than causing an error"),
    Triple("echotc", "-v option", "causes messages to be verbose"),
    Triple("~/.editrc", "description", "user configuration file for the editline library"),
])


def test_which_line_asks_a_position_and_a_format_is_named_by_what_it_makes(ask_split):
    assert ask_split("maximum part size - which line?") == [("maximum part size", "position")]
    assert ask_split("What line is the package name on?") == [("package name", "position")]
    assert ask_split("which members are mandatory in a multi-part .deb") == [("multi-part .deb format", "required members")]
    assert ask_split("In what order do the members of a multi-part deb have to appear?") == [
        ("multi-part .deb format", "member order")]
    assert ask_split("what is the man section of deb?") == [("deb", "man section")]  # (the page cited, as named)
    assert ask_split("How do I deal with extra members after data.N when writing a reader?") == [
        ("additional members", "handling")]


def test_a_format_by_what_it_makes_only_when_that_is_no_plain_words():
    from kblam.name_variants import everyday_forms

    assert "multi-part .deb" in everyday_forms("multi-part .deb format")
    assert "Git bundle" not in everyday_forms("Git bundle format")  # (the program git-bundle is named so)
    assert everyday_forms("additional members") == ["extra members", "further members"]


def test_kinds_of_property_said_otherwise_in_a_bundle(ask_bundle):
    assert ask_bundle("What is a prerequisite line's leading character?") == [("prerequisite", "prefix")]
    assert ask_bundle("give me the ABNF for a capability line") == [("capability", "syntax")]
    assert ask_bundle("What is the pack in a bundle?") == [("pack", "description")]


def test_the_man_page_beside_another_name_asks_the_page_for_its_own_words(ask_bundle):
    assert ask_bundle("Which notation does the man page use to define the bundle format?") == [
        ("gitformat-bundle", "notation")]
    assert ask_bundle("according to the man page, what is a prerequisite?") == [("prerequisite", "description")]


def test_a_follow_up_asking_where_it_goes():
    from kblam.intents import intended

    assert intended("where does that go in the file of X?", ["location", "description", "syntax"]) == ["location"]


def test_an_option_written_alone_beside_another_program_is_its_option(ask_editrc):
    assert ask_editrc("why would I pass -s to echotc?") == [("echotc", "-s option")]
    assert ask_editrc("what does bind -l do?") == [("bind", "-l option")]
    assert ask_editrc("what does echotc do?") == [("echotc", "purpose")]


def test_a_dotfile_and_a_coined_builtin_the_kb_lacks_are_near_misses():
    index = NameIndex(["editrc", "~/.editrc", "bind", "bind -e", "bind -k", "settc"])
    mentions, misses = index.find("How do I set editing-mode vi in ~/.inputrc for GNU readline?")
    assert not mentions and misses and misses[0].said == "~/.inputrc"
    mentions, misses = index.find("What does the bindkey builtin do in editrc?")
    assert not mentions and misses and misses[0].said == "bindkey"
    mentions, _ = index.find("what does the settc builtin do?")
    assert [index.display[m.name] for m in mentions] == ["settc"]
    mentions, _ = index.find("when is ~/.editrc read?")
    assert [index.display[m.name] for m in mentions] == ["~/.editrc"]


def test_an_acronym_the_values_write_names_nothing_else():
    triples = [Triple("capability", "syntax", '"@" key LF'), Triple("git-bundle(1)", "on unknown capability", "aborts"),
               Triple("gitformat-bundle", "notation", "ABNF notation")]
    index = NameIndex([t.name for t in triples], {w for t in triples for w in t.property.split()},
                      {t.value.casefold() for t in triples})
    mentions, _ = index.find("give me the ABNF for a capability line")
    assert [index.display[m.name] for m in mentions] == ["capability"]
    mentions, _ = index.find("what does JSON::PP say of a capability?")  # (a name the KB lacks: the word)
    assert [index.display[m.name] for m in mentions] == []


# the eightieth batch (deb-src-rules, sysfs, Compose), met on round-1 code before these fixes

ask_sysfs = _asking([
    Triple("sysfs", "man section", "5"), Triple("sysfs", "description", "a filesystem for exporting kernel objects"),
    Triple("sysfs", "mounting", "typically mounted automatically by the system, but it can also be mounted manually"),
    Triple("sysfs", "mount point", "commonly mounted at /sys"), Triple("sysfs", "page date", "2022-10-30"),
    Triple("/dev/null", "sysfs directory", "/sys/devices/virtual/mem/null"),
    Triple("/sys/firmware", "description", "interfaces for viewing and manipulating firmware-specific objects"),
    Triple("sysfs", "standards", "Linux-specific"),
])

ask_compose = _asking([
    Triple("Compose", "man section", "5"), Triple("Compose", "version", "libX11 1.8.4"),
    Triple("Compose", "provided by", "the X library, libX11"),
    Triple("Compose", "description", "X client mappings for multi-key input sequences"),
    Triple("/var/cache/libx11/compose/", "description", "System-wide cache directory for compiled compose files"),
    Triple("%H", "expands to", "the user's home directory"), Triple("%H", "used in", "the file name of an include"),
    Triple("%S", "expands to", "the name of the system directory for Compose files"),
])

ask_rules = _asking([
    Triple("clean", "description", "Clean up the source tree, by undoing any change done by the build targets"),
    Triple("clean", "required", "yes; debian/rules must support it"),
    Triple("clean", "root privileges", "will be called with root privileges"),
])


def test_a_coined_name_that_a_label_writes_is_still_the_name(ask_sysfs):
    assert ask_sysfs("How do I mount sysfs by hand if it isn't already there?") == [("sysfs", "mounting")]
    index = NameIndex(["sysfs", "/dev/null", "section"], {"sysfs", "directory", "man", "section"})
    mentions, _ = index.find("Is sysfs available on other Unix systems, or is it Linux-only?")
    assert [index.display[m.name] for m in mentions] == ["sysfs"]


def test_a_job_is_a_purpose_and_the_date_asked_needs_a_date(ask_sysfs, ask_compose):
    assert ask_sysfs("What's /sys/firmware's job?") == [("/sys/firmware", "description")]
    assert ask_sysfs("Is sysfs available on other Unix systems, or is it Linux-only?") == [("sysfs", "standards")]
    assert ask_sysfs("what's the date on the sysfs man page?") == [("sysfs", "page date")]
    assert ask_compose("what's the date on the Compose(5) man page?") == []  # (no date the page holds)


def test_an_expansion_answers_what_a_code_stands_for(ask_compose):
    assert ask_compose("what's %H stand for?") == [("%H", "expands to")]
    assert ask_compose("what does %S expand to?") == [("%S", "expands to")]


def test_the_file_a_target_is_in_is_no_word_of_its_values(ask_rules):
    assert ask_rules("what does the clean target in debian/rules do?") == [("clean", "description")]


def test_a_miss_named_like_the_kbs_plain_names_is_another_thing_of_its_kind():
    from kblam.mentions import NearMiss
    from kblam.not_names import plain_words

    colours = ["alice blue", "orchid", "dark slate gray", "hot pink", "lawn green", "FF00FF"]
    assert not plain_words(NearMiss("dark orchid", ("orchid",)), colours)  # (a colour the KB lacks)
    assert not plain_words(NearMiss("steel blue", ("slate blue",)), colours)
    commands = ["cargo add", "cargo build", "cargo update", "cargo new"]
    assert not plain_words(NearMiss("cargo upgrade", ("cargo update",)), commands)
    files = ["hosts.equiv", "deny statements", "+@group", "-host", "~/.rhosts"]  # (names of symbols: a description)
    assert plain_words(NearMiss("deny lines", ("deny statements",)), files)
    assert plain_words(NearMiss("deny lines", ("deny statements",)))


def test_a_directory_written_as_where_another_name_lives_is_no_name_asked():
    index = NameIndex(["devices", "drivers", "/sys/bus", "/sys/devices"])
    mentions, _ = index.find("What is in the drivers subdirectory of a bus type under /sys/bus?")
    assert [index.display[m.name] for m in mentions] == ["drivers"]
    mentions, _ = index.find("what is under /sys/bus?")  # (alone, it is what is asked about)
    assert [index.display[m.name] for m in mentions] == ["/sys/bus"]


def test_the_page_written_as_where_the_thing_asked_lives(ask_editrc_place):
    assert ask_editrc_place("how do I switch all my key bindings to vi style in editrc?") == [("bind -v", "purpose")]
    assert ask_editrc_place("what is the man section of editrc?") == [("editrc", "man section")]
    assert ask_editrc_place("Is there a system-wide editrc file under /etc?") == []  # (nothing holds it)


ask_editrc_place = _asking([
    Triple("editrc", "man section", "5"), Triple("editrc", "description", "configuration file for editline library"),
    Triple("editrc", "line format", "[prog:]command [arg ...]"),
    Triple("bind -v", "purpose", "bind all keys to the standard vi(1)-like bindings"),
    Triple("bind -e", "purpose", "bind all keys to the standard GNU Emacs-like bindings"),
    Triple("history size", "purpose", "sets the history size to n entries"),
])


def test_a_word_of_the_values_is_read_whole_with_its_hyphenated_words():
    from kblam.not_names import _in_values

    index = NameIndex(["capability", "Build-Depends-Package"], (), {"abnf notation", "build the package"})
    question = "what does the Build-Depends-Version field do, in ABNF?"
    assert _in_values(index, question, question.index("ABNF"))
    assert not _in_values(index, question, question.index("Build"))  # ("build" alone is a word of a value)


def test_a_page_written_as_the_place_after_a_code():
    from kblam.clauses import _PLACE_BEFORE

    assert _PLACE_BEFORE.search("the Euro sign in the UTF-8 ")
    assert _PLACE_BEFORE.search("vi style in ")
    assert not _PLACE_BEFORE.search("the syntax of the ")  # (a property of the page)


def test_a_relative_path_is_context_only_before_what_it_does():
    from kblam.wording import context_dropped

    assert context_dropped("what does the X target in debian/rules do?", ["description"]) == "what does the X target do?"
    kept = "How do I reference the X usage in pyca/cryptography?"  # (the library asked about: its Python constant)
    assert context_dropped(kept, ["Python constant"]) == kept
