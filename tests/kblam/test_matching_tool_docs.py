"""Questions the twentieth session's fresh KBs (bash builtins, npm's commands and settings, rustc's targets, the Java
runtime's modules, strftime) got wrong on first contact: a command's usage asked for as its syntax, how it is
invoked or which options it takes; what a setting is for, controls, prints, may be set to or is out of the box;
what a module depends on; a byte order; and "who" asked of a property written out whose value names no one."""

from __future__ import annotations

import pytest
from test_matching_words import asker

from kblam.intents import intended
from kblam.kb import Triple


def test_usage_syntax_and_invocation_ask_for_the_synopsis():
    props = ["description", "synopsis", "kind"]
    for question in ("X usage?", "Give me the syntax for X.", "How is X invoked?", "Which options does X take?",
                     "How exactly do you call X? I want the usage line.", "How do I invoke X?"):
        assert intended(question, props) == ["synopsis"], question
    assert intended("What does X do?", ["description", "kind"]) == ["description"]


def test_what_a_setting_is_for_controls_prints_or_may_be_set_to():
    props = ["default", "type", "description"]
    assert intended("Tell me what the X setting is for.", props) == ["description"]
    assert intended("What does X control?", props) == ["description"]
    assert intended("what does the X flag actually print?", props) == ["description"]  # no output property
    assert intended("what does X print for the sample date?", ["meaning", "example output"]) == ["example output"]
    assert intended("Which levels can I set X to?", props) == ["type"]  # "type" lists the values it takes
    assert intended("What values are accepted for X?", ["accepted values", "type"]) == ["accepted values"]
    assert intended("the out-of-the-box value of X?", props) == ["default"]


def test_dependencies_and_byte_order_ask_for_requires_and_endianness():
    assert intended("Which modules does X depend on?", ["requires", "services used"]) == ["requires"]
    assert intended("What are X's dependencies?", ["requires", "version"]) == ["requires"]
    assert intended("byte order of X?", ["endianness", "vendor"]) == ["endianness"]
    assert intended("list the shortcuts for X", ["aliases", "synopsis"]) == ["aliases"]
    assert intended("Which keyboard shortcut sends X?", ["aliases", "description"]) == []


def _commands():
    rows = []
    for name, described, synopsis in (("pushd", "Add directories to stack", "pushd [-n] [+N | -N | dir]"),
                                      ("getopts", "Parse option arguments", "getopts optstring name [arg ...]"),
                                      ("shopt", "Set and unset shell options", "shopt [-pqsu] [-o] [optname ...]"),
                                      ("ulimit", "Modify shell resource limits", "ulimit [-SHabcdefiklmnpqrstuvxPT]")):
        rows += [Triple(name, "description", described), Triple(name, "synopsis", synopsis),
                 Triple(name, "kind", "builtin")]
    return rows


@pytest.mark.realmodel
def test_a_commands_usage_in_other_words_is_its_synopsis(minilm):
    """The bashbuiltins fresh KB: "How is pushd invoked?" and "getopts usage?" were answered with the description,
    "Which options does shopt take?" was refused."""
    chosen = asker(_commands(), minilm)
    assert chosen("How is pushd invoked?") == [("pushd", "synopsis")]
    assert chosen("getopts usage?") == [("getopts", "synopsis")]
    assert chosen("Which options does shopt take?") == [("shopt", "synopsis")]
    assert chosen("What does ulimit do?") == [("ulimit", "description")]
    assert chosen("What's the exit status of shopt?") == []  # a property the KB lacks


def _settings():
    rows = []
    for name, default, kind, described in (
            ("audit-level", "null", 'null, "info", "low", "moderate", "high", "critical", or "none"',
             "The minimum level of vulnerability for npm audit to exit with a non-zero exit code."),
            ("allow-file", '"all"', '"all", "none", or "root"',
             "Limits the ability for npm to install dependencies from tarball files."),
            ("fetch-retry-factor", "10", "Number",
             'The "factor" config for the retry module to use when fetching packages.'),
            ("cafile", "null", "Path",
             "A path to a file containing one or multiple Certificate Authority signing certificates.")):
        rows += [Triple(name, "default", default), Triple(name, "type", kind), Triple(name, "description", described)]
    return rows


@pytest.mark.realmodel
def test_a_settings_purpose_allowed_values_and_default_in_other_words(minilm):
    """The npmconfig fresh KB: "allow-file allowed values?" was refused, "Which levels can I set audit-level to?"
    and "Tell me what the cafile setting is for." answered with the default, "the out-of-the-box value of
    fetch-retry-factor" with the description."""
    chosen = asker(_settings(), minilm)
    assert chosen("allow-file allowed values?") == [("allow-file", "type")]
    assert chosen("Which levels can I set audit-level to?") == [("audit-level", "type")]
    assert chosen("Tell me what the cafile setting is for.") == [("cafile", "description")]
    assert chosen("What does allow-file control?") == [("allow-file", "description")]
    assert chosen("Could you tell me the out-of-the-box value of fetch-retry-factor?") == [
        ("fetch-retry-factor", "default")]


@pytest.mark.realmodel
def test_who_of_a_property_written_out_and_a_byte_order(minilm):
    """The rusttargets fresh KB: "Who is listed as the vendor for X?" was refused (its vendor "unknown" names no
    one) and "byte order of X?" refused (the property is "endianness"); "Who maintains X?" of a KB with no person
    is still refused."""
    rows = []
    for target, vendor, endian in (("aarch64-apple-ios", "apple", "little"), ("sparc64-unknown-linux-gnu", "unknown",
                                                                               "big"),
                                   ("s390x-unknown-linux-gnu", "unknown", "big")):
        rows += [Triple(target, "vendor", vendor), Triple(target, "endianness", endian),
                 Triple(target, "pointer width", "64")]
    chosen = asker(rows, minilm)
    assert chosen("Who is listed as the vendor for sparc64-unknown-linux-gnu?") == [
        ("sparc64-unknown-linux-gnu", "vendor")]
    assert chosen("who's the vendor on aarch64-apple-ios") == [("aarch64-apple-ios", "vendor")]
    assert chosen("byte order of sparc64-unknown-linux-gnu?") == [("sparc64-unknown-linux-gnu", "endianness")]
    assert chosen("Who maintains s390x-unknown-linux-gnu?") == []


@pytest.mark.realmodel
def test_what_a_yes_no_question_says_the_entity_is_asks_for_no_property(minilm):
    """The rusttargets fresh KB: "Is aarch64-apple-darwin a tier 1 target, and what's its default linker?" was
    answered with its "target family" because the question writes "target" (what it says the entity is)."""
    rows = []
    for target, family, endian in (("aarch64-apple-darwin", "unix", "little"), ("sparc64-unknown-linux-gnu", "unix",
                                                                                "big"),
                                   ("wasm32-unknown-unknown", "wasm", "little")):
        rows += [Triple(target, "target family", family), Triple(target, "endianness", endian)]
    chosen = asker(rows, minilm)
    assert chosen("Is aarch64-apple-darwin a tier 1 target?") == []
    assert chosen("Is aarch64-apple-darwin a tier 1 target, and what's its default linker?") == []
    assert chosen("Is sparc64-unknown-linux-gnu a big-endian target?") == [("sparc64-unknown-linux-gnu", "endianness")]
    assert chosen("Is wasm32-unknown-unknown in the wasm target family?") == [
        ("wasm32-unknown-unknown", "target family")]


def test_a_purpose_is_the_description_before_the_usage_line():
    """The cargocmds fresh KB: "cargo vendor purpose?" and "What's cargo pkgid used for?" were answered with the
    usage line; a synopsis still answers "What does X do?" of an entity with nothing else to say it."""
    for question in ("X purpose?", "What's X used for?", "What's the point of X?", "What does X do?"):
        assert intended(question, ["description", "usage", "aliases"]) == ["description"], question
    assert intended("What does X do?", ["synopsis", "section"]) == ["synopsis"]
    assert intended("I keep seeing X in stack traces. What is it?", ["summary", "parameters"]) == ["summary"]
    assert intended("Is there a deprecated alias for X? What is it?", ["summary", "parameters"]) == []


def test_a_dotted_names_last_part_with_a_letter_off_or_in_words_and_a_first_letter_more():
    """The torchfunctional fresh KB: "avg_pol2d" (a doubled letter written once beside a number) and "leaky relu"
    (the underscore written as a space) were refused; "torch.nn.functional.relu" was read as the KB's "prelu"."""
    from kblam.entities import NameIndex
    from kblam.typos import _dropped_letter, _typo

    assert _typo("avg_pol2d", "avg_pool2d") and _typo("pol2d", "pool2d")
    assert not _typo("pol3d", "pool2d")
    assert not _dropped_letter("relu", "prelu") and _dropped_letter("blu", "blue")
    index = NameIndex(["torch.nn.functional.prelu", "torch.nn.functional.avg_pool2d",
                       "torch.nn.functional.leaky_relu", "torch.nn.functional.gelu"])
    for question, names in (("Which module is the equivalent of torch.nn.functional.relu?", []),
                            ("avg_pol2d arguments and their defaults?", ["torch.nn.functional.avg_pool2d"]),
                            ("Which inputs does leaky relu accept?", ["torch.nn.functional.leaky_relu"])):
        mentions, _ = index.find(question)
        assert [index.display[m.name] for m in mentions] == names, question


@pytest.mark.realmodel
def test_a_yes_no_clause_pointing_back_with_a_pronoun_is_a_question_of_its_own(minilm):
    """The rusterrors fresh KB: "What does E0243 mean, and does rustc still emit it?" was answered with whether it
    is still emitted alone."""
    rows = []
    for code, summary, emitted in (("E0243", "Not enough type parameters were found in a type or trait.", "no"),
                                   ("E0308", "Expected type did not match the received type.", "yes"),
                                   ("E0599", "A method was called on a type that does not have it.", "yes")):
        rows += [Triple(code, "summary", summary), Triple(code, "still emitted", emitted)]
    chosen = asker(rows, minilm)
    assert chosen("What does E0243 mean, and does rustc still emit it?") == [("E0243", "still emitted"),
                                                                           ("E0243", "summary")]
    assert chosen("Does rustc still emit E0308?") == [("E0308", "still emitted")]


def test_what_a_lint_detects_flags_or_is_about_asks_for_its_meaning():
    """The rustlints fresh KB: "Tell me what drop-bounds flags.", "What is the internal-features lint about?" and
    "And what does it detect?" were refused."""
    props = ["default level", "meaning", "lint groups"]
    for question in ("Tell me what X flags.", "Please describe what the X lint detects.", "And what does X detect?",
                     "What is the X lint about?", "what does the X lint complain about"):
        assert intended(question, props) == ["meaning"], question
    assert intended("What X status does X return?", ["description", "exit status"]) == []


def test_when_that_happened_and_heads_written_by_their_kind():
    """The uploaders fresh KB: "And when was that?" after "What did X upload most recently?" was refused; "Out of
    the box, what is X set to?" must stay the "default value", not the "type of default"."""
    props = ["e-mail", "latest upload", "date of latest upload"]
    assert intended("And when was that of X?", props) == ["date of latest upload"]
    assert intended("When was X's latest upload?", props) == []  # left to the properties and the answer kind
    assert intended("Out of the box, what is X set to?", ["default value", "type of default"]) == ["default value"]
    assert intended("X arity?", ["number of arguments", "name"]) == ["number of arguments"]


@pytest.mark.realmodel
def test_a_word_saying_what_the_entity_is_writes_no_property_it_lacks(minilm):
    """The rustlints fresh KB: "Please describe what the stable-features lint detects." was refused: "lint" wrote
    the "lint groups" that other lints have and stable-features lacks."""
    rows = [Triple("stable-features", "default level", "warn"),
            Triple("stable-features", "meaning", "stable features found in #[feature] directive"),
            Triple("unused-lifetimes", "default level", "allow"),
            Triple("unused-lifetimes", "meaning", "detects lifetime parameters that are never used"),
            Triple("unused-lifetimes", "lint groups", "unused"),
            Triple("keyword-idents-2024", "default level", "allow"),
            Triple("keyword-idents-2024", "meaning", "detects edition keywords being used as an identifier"),
            Triple("keyword-idents-2024", "lint groups", "keyword-idents, rust-2024-compatibility")]
    chosen = asker(rows, minilm)
    assert chosen("Please describe what the stable-features lint detects.") == [("stable-features", "meaning")]
    assert chosen("Tell me what stable-features flags.") == [("stable-features", "meaning")]
    assert chosen("Which lint groups is stable-features in?") == []  # it has none
    assert chosen("Which lint groups is the unused-lifetimes lint in?") == [("unused-lifetimes", "lint groups")]


@pytest.mark.realmodel
def test_when_asks_for_the_date_of_the_thing_written_and_plural_abbreviations(minilm):
    """The uploaders and debmeta fresh KBs: "When was X's latest upload?" answered with the upload (its version
    "3.7.9-2" read as a date), "libsystemd-shared deps?" refused."""
    rows = []
    for person, upload, day in (("Andreas Metzler", "gnutls28 3.7.9-2+deb12u6", "2026-02-14"),
                                ("Adrian Bunk", "icu 72.1-3+deb12u1", "2025-06-22")):
        rows += [Triple(person, "latest upload", upload), Triple(person, "date of latest upload", day),
                 Triple(person, "e-mail", f"{person.split()[0].lower()}@debian.org")]
    for package, needs in (("libsystemd-shared", "libacl1, libapparmor1, libaudit1"), ("gdb", "libc6, libgmp10")):
        rows += [Triple(package, "depends on", needs), Triple(package, "architecture", "amd64")]
    chosen = asker(rows, minilm)
    assert chosen("When was Andreas Metzler's latest upload?") == [("Andreas Metzler", "date of latest upload")]
    assert chosen("What was Adrian Bunk's latest upload?") == [("Adrian Bunk", "latest upload")]
    assert chosen("libsystemd-shared deps?") == [("libsystemd-shared", "depends on")]


def test_how_a_setting_affects_things_or_what_it_enables_asks_for_its_description():
    """The gccwarnings and pyenvvars fresh KBs (measured on the session's final code): "how does
    PYTHONCOERCECLOCALE affect python's behaviour?", "pythondebug - what does it enable?" and "Tell me what
    -Wtrampolines flags." (a name starting with "-", masked as "-X") were refused."""
    props = ["description", "command-line option"]
    for question in ("how does X affect python's behaviour?", "X - what does X enable?", "What does X limit?"):
        assert intended(question, props) == ["description"], question
    assert intended("Tell me what -X flags.", ["meaning", "on by default"]) == ["meaning"]
