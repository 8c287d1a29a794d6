"""Fixes from the fifty-third session, as general forms, found on KBs from gai.conf(5), systemd.automount(5),
pam_env.conf(5), host.conf(5), systemd.preset(5) and gitignore(5), each asked through the API before any fix.

Names: a name written whole with its symbols is that name, not another that folds to the same words ("@{HOME}" beside
"${HOME}"); a KB name written elsewhere in the question is no extension of another name ("the automount point
/home/lennart" is no "home-lennart.automount"); a path below a variable is found by the path below it ("info/exclude"
of "$GIT_DIR/info/exclude"), a two-part name by its camel-case last part ("PackagePresets"); a symbol the KB holds as a
name is found by its name in words ("a hash", "an asterisk"). Rivals: the plural of the kind word after the name
("whats the X option for", where another entity holds "options"), or a label written right after the name in words
the entity's own values write ("every X unit file"), asks for no other entity's property. Intents: "whats … for"
without its apostrophe asks what X is for; "does X need anything else turned on" asks what it requires. An
identifier described by two of its parts beside the one name written as where it lives ("an idle timeout for an
automount unit") is the identifier asked about. A keyword named as one ("the nohosts keyword") that the KB lacks,
written with only the file it lives in, is a near miss; that file beside another name is no name asked about. A bound
asked for ("max line length", "the maximum value X accepts") that the chosen fact does not state is missing. In
conversations, "is that file located" is about the entity of the turn before, and "and its override?" asks DISPLAY's
override value, not the OVERRIDE keyword."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

ask_pam_env, ask_automount, ask_host_conf, ask_gitignore, ask_presets = (
    _asking(_snapshot(n)) for n in ("pamenvconf", "automountunits", "hostconf", "gitignore", "presets"))


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("where does @{HOME} get its value from", [("@{HOME}", "source")]),
    ("whats the overide option for", [("OVERRIDE", "description")]),
])
def test_pam_env_items(ask_pam_env, question, expected):
    assert ask_pam_env(question) == expected


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("which section must every automount unit file contain?", [(".automount", "required section")]),
    ("can I give an automount unit extra names by symlinking its unit file?", [(".automount", "aliases")]),
    ("what should the unit file be called for the automount point /home/lennart?", [("/home/lennart", "unit file")]),
    ("Which option sets an idle timeout for an automount unit?", [("TimeoutIdleSec=", "description")]),
    ("how do I turn off the idle timout on my automount", [("TimeoutIdleSec=", "disable")]),
])
def test_automount_units(ask_automount, question, expected):
    assert ask_automount(question) == expected


@pytest.mark.realmodel
def test_other_kbs(ask_host_conf, ask_gitignore, ask_presets):
    assert ask_host_conf("does spoofalert need anything else turned on to do something?") == [("spoofalert", "requires")]
    assert ask_gitignore("info/exclude precedence") == [("$GIT_DIR/info/exclude", "precedence")]
    assert ask_gitignore("pattern with a slash in the middle - relative to what?") == [("/", "at beginning or middle")]
    assert ask_presets("tell me the url of the fedora PackagePresets wiki page") == [("Features/PackagePresets", "url")]
    # the keyword asked about, not the file it is written in; "meant for" of an "intended use"
    assert ask_host_conf("what does the multi keyword do in host.conf?") == [("multi", "effect")]
    assert ask_host_conf("what kind of setup is trim meant for?") == [("trim", "intended use")]
    # still refused: a keyword the KB lacks, and a property its entity lacks
    assert ask_host_conf("what does the nohosts keyword do in host.conf?") == []
    assert ask_gitignore("which git version added support for ** in patterns?") == []


def test_names_written_whole_and_spoken_symbols():
    from kblam.entities import NameIndex
    from kblam.name_forms import bare_forms
    from kblam.written_names import written_whole

    assert written_whole("where does @{HOME} get its value", 13, 17, ["${HOME}", "@{HOME}"]) == ("@{HOME}", 11, 18)
    assert written_whole("where does HOME get its value", 11, 15, ["${HOME}", "@{HOME}"]) is None
    assert written_whole("is LA a mode", 3, 5, ["LA", "La"]) is None  # (told apart by case: left to the case)
    assert "info/exclude" in bare_forms("$GIT_DIR/info/exclude")
    assert "PackagePresets" in bare_forms("Features/PackagePresets")
    index = NameIndex(["*", "**", "#", "/", "foo/"])
    found = {m.said: index.display[m.name] for m in index.find("does a double asterisk or a hash match")[0]}
    assert found == {"double asterisk": "**", "hash": "#"}
    assert not NameIndex(["hash table", "bucket"]).find("what does a hash cost")[0]  # (no "#" in that KB)


def test_rivals_that_say_what_the_entity_is():
    from kblam.rival_properties import names_entity, names_the_kind

    assert names_the_kind("options", {"option"}) and not names_the_kind("options", {"options"})
    assert not names_the_kind("default", {"option"})
    own = {"a", "unit", "configuration", "file", "whose", "name"}
    assert names_entity("unit file", "which section must every X unit file contain?", own)
    assert names_entity("unit file", "can I rename X by symlinking its unit file?", own)
    assert not names_entity("unit file", "what unit file goes with X?", own)  # (asked of X, not what X is)
    assert not names_entity("unit file", "which section must every X unit file contain?", {"unit"})


@pytest.mark.realmodel
def test_follow_ups_about_that_file_and_its_property(minilm):
    from kblam.conversation import facts_of, resolve
    from kblam.encoder import encode_kb
    from kblam.matching import name_index

    def resolved(name, *turns):
        kb = encode_kb(_snapshot(name), minilm)
        index, by_key = name_index(kb)
        messages = [{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)]
        return resolve(messages, index, facts_of(kb.triples, by_key)).question

    # "that file" as the subject is the entity the turn before named
    assert resolved("presets", "what's in the GNOME spin example preset?", "50-gnome.preset enables gdm.service.",
                    "and where is that file located?") == "and where is 50-gnome.preset located?"
    # "its override" is DISPLAY's, not the OVERRIDE keyword (a name sharing no word with DISPLAY is no sibling of it)
    assert resolved("pamenvconf", "What does the example set DISPLAY to?", "It defaults DISPLAY to ${REMOTEHOST}:0.0.",
                    "and its override?") == "and DISPLAY's override?"
    # "it" before the one name the turn writes is the entity of the turn before
    assert resolved("pamenvconf", "What is /etc/environment for?", "It lists environment variables to be set.",
                    "is it read before or after pam_env.conf?") == "is /etc/environment read before or after pam_env.conf?"


def test_bounds_asked_and_stated():
    from kblam.contrasts import bound_unstated

    assert bound_unstated("max line length in X?", "line format", "Each line consists of a keyword and its parameters.")
    assert bound_unstated("what is the maximum value X accepts?", "type", "A unit-less value in seconds.")
    assert not bound_unstated("max length of a user name in X?", "max length", "31 characters")
    assert not bound_unstated("X's min and max?", "range", "1-255")
    assert not bound_unstated("which option sets the max acceptable root distance?", "description",
                              "Maximum acceptable root distance.")
    assert not bound_unstated("is X in min or sec?", "unit", "seconds")  # (minutes, no bound)
    assert not bound_unstated("what does X do?", "description", "Configures an idle timeout.")


ask_gai_conf, ask_timesync_whole, ask_sysusers_whole = (_asking(_snapshot(n)) for n in ("gaiconf", "timesyncconf", "sysusersd"))


@pytest.mark.realmodel
def test_bounds_the_kb_does_not_state_are_refused(ask_gai_conf, ask_automount, ask_timesync_whole, ask_sysusers_whole):
    assert ask_gai_conf("max line length in gai.conf?") == []
    assert ask_gai_conf("what's the maximum precedence value allowed?") == []
    assert ask_automount("what is the maximum value TimeoutIdleSec= accepts?") == []
    # answered where the KB states them
    assert ask_sysusers_whole("max length of a user name in sysusers.d?") == [("Name", "max length")]
    assert ask_timesync_whole("which option sets the max acceptable root distance?") == [("RootDistanceMaxSec=", "description")]


@pytest.mark.realmodel
def test_fourth_fixes(ask_pam_env, ask_gitignore, ask_gai_conf, minilm):
    from kblam.clauses import split_clauses

    assert split_clauses("whats the leading **/ do")[0] == "what's the leading **/ do"
    # "before or after" asks the order the files are read in, of both files written
    assert ask_pam_env("is /etc/environment read before or after pam_env.conf?") == [
        ("/etc/environment", "read order"), ("/etc/security/pam_env.conf", "read order")]
    # a sentence whose subject is the entity answers a yes/no question about it
    from kblam.answer_shape import _about_itself
    assert _about_itself("trailing spaces", "Trailing spaces are ignored unless they are quoted with backslash.")
    assert not _about_itself("trailing spaces", "ignored unless quoted")
    assert not _about_itself("X=", "X= takes a boolean argument.")  # (a one-word name: any sentence may open with it)
    # "what does X do?" after another clause asks what X does, not the property the clause before asked
    assert ask_gai_conf("what's reload's default, and what does scopev4 do?") == [
        ("reload", "default"), ("scopev4", "description")]


@pytest.mark.realmodel
def test_names_the_kb_lacks_are_refused(ask_pam_env):
    # a path, and a setting named with its "=" (an English word, but written as a setting), the KB does not hold
    assert ask_pam_env("what's the line syntax of /etc/security/limits.conf?") == []
    assert ask_pam_env("what does the APPEND= option do in pam_env.conf?") == []
    # still answered: the file the KB holds, by its full path or its base name
    assert ask_pam_env("what's the line syntax of /etc/security/pam_env.conf?") == [
        ("/etc/security/pam_env.conf", "line syntax")]
    assert ask_pam_env("whats the syntax in pam_env.conf") == [("/etc/security/pam_env.conf", "line syntax")]
    # a name in capitals that no label writes so is that name, though "override" is a word of the labels
    assert ask_pam_env("what does OVERRIDE do in pam_env.conf?") == [("OVERRIDE", "description")]


ask_faillock, ask_fstab = (_asking(_snapshot(n)) for n in ("faillock", "fstabopts"))


@pytest.mark.realmodel
def test_what_an_unknown_word_does_in_a_file_is_refused(ask_faillock, ask_fstab):
    assert ask_faillock("what does preauth do in faillock.conf?") == []
    assert ask_fstab("what does the _netdev option mean in fstab?") == []
    assert ask_faillock("what does deny do in faillock.conf?") == [("deny", "description")]  # (a keyword it holds)


ask_openssl_conf, ask_limits_conf = (_asking(_snapshot(n)) for n in ("opensslconf", "limitsconf"))


@pytest.mark.realmodel
def test_whether_it_is_honoured_is_told_by_where_it_is_ignored(ask_openssl_conf, ask_limits_conf):
    assert ask_openssl_conf("is OPENSSL_CONF honoured by setuid programs?") == [("OPENSSL_CONF", "notes")]
    assert ask_openssl_conf("is includedir always used though?") == [("includedir", "notes")]
    assert ask_limits_conf("is rss still honoured on newer kernels?") == [("rss", "notes")]
