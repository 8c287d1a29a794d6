"""Questions the twenty-first session's fresh KBs (gcc's tuning parameters, V8's flags, pandas' options, the tz
database's zones; node's and curl's options, gcc's optimisation flags) got wrong on first contact: a parameter named
without gcc's "--param=", a flag written with its dashes, a default asked for in words that share one with its
property's name, a table's comment asked for as a description, a UTC offset taken for the time of day a "when"
question asks for, a month taken for the date "what date" asks for, an option's one-letter form, its argument asked
for as its parameter, gcc's levels asked for by the "-O" their values start with, rustc's "-C opt-level" named
without its "-C", "math.cos" read as a typo of "math.cosh", whether the JVM's flags are on, what a gcc option
protects against, whether it is on "out of the box", and "avx512f" read as a typo of "avx512pf"."""

from __future__ import annotations

import pytest
from test_matching_words import asker

from kblam.entities import Mention, NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_forms import bare_forms
from kblam.wording import answer_kind, fits_kind, mask


def test_a_parameter_is_found_without_the_option_that_assigns_it():
    assert bare_forms("--param=max-unroll-times") == ["max-unroll-times"]
    assert bare_forms("--max-lazy") == []  # a plain flag has no shorter form
    index = NameIndex(["--param=max-unroll-times", "--param=ipa-cp-min-recursive-probability",
                       "--param=max-peel-times"])
    for question, names in (("What's the default value of max-unroll-times?", ["--param=max-unroll-times"]),
                            ("If I don't pass it, what is ipa-cp-min-recursive-probabilty?",  # a typo
                             ["--param=ipa-cp-min-recursive-probability"]),
                            ("defaults of max-peel-times and max-unroll-times?",
                             ["--param=max-peel-times", "--param=max-unroll-times"]),
                            ("What about max-unroll-factor?", [])):
        mentions, _ = index.find(question)
        assert [index.display[m.name] for m in mentions] == names, question


def test_the_dashes_of_a_flag_go_with_its_name():
    question = "What's the --rcs option in node's V8 for?"
    start = question.index("rcs")
    assert mask(question, [Mention("rcs", start, start + 3, "rcs", True)]) == "What's the X option in node's V8 for?"
    assert intended("What's the X option in node's V8 for?", ["default", "type", "description"]) == ["description"]


def test_a_default_asked_with_the_word_its_property_starts_with():
    props = ["default value", "type", "description", "valid values"]
    for question in ("Tell me how many cells X renders by default before trimming.",
                     "What border width does pandas put on HTML tables by default (X)?",
                     "Which encoding does X use unless I change it?"):
        assert intended(question, props) == ["default value"], question
    # a property written out in full is asked for itself: the type of the default, not the default
    assert intended("X: what data type is its default?", ["default value", "type of default"]) == []


def test_prevent_and_description_ask_for_what_it_does_and_a_comment_stands_in():
    assert intended("What does X prevent?", ["default", "type", "description"]) == ["description"]
    assert intended("What's the description the tz database gives for X?",
                    ["countries", "coordinates", "comment"]) == ["comment"]


def test_a_utc_offset_is_no_time_of_day():
    when = answer_kind("When did X stop observing daylight saving time?")
    assert not fits_kind(when, "UTC offset in January", "UTC+03:30")
    assert fits_kind(when, "last change", "2022-09-21 24:00")
    assert fits_kind(answer_kind("When does X start?"), "start time", "09:30")


def _runtime_rows():
    rows = []
    for name, described, default in (
            ("--param=max-unroll-times", "The maximum number of unrollings of a single loop.", "8"),
            ("--param=align-loop-iterations",
             "Loops iterating at least selected number of iterations will get loop alignment.", "4")):
        rows += [Triple(name, "description", described), Triple(name, "default", default)]
    for name, default, kind, described in (
            ("styler.render.encoding", "utf-8", "str", "The encoding used for output HTML and LaTeX files."),
            ("display.html.border", "1", "int",
             "A ``border=value`` attribute is inserted in the ``<table>`` tag for the DataFrame HTML repr.")):
        rows += [Triple(name, "default value", default), Triple(name, "type", kind),
                 Triple(name, "description", described)]
    for name, offset, change in (("Asia/Tehran", "UTC+03:30", "no"),
                                 ("Europe/Andorra", "UTC+01:00", "yes, UTC+02:00 in July (CEST)")):
        rows += [Triple(name, "countries", name[-2:].upper()), Triple(name, "UTC offset in January", offset),
                 Triple(name, "clock change in 2026", change)]
    return rows


@pytest.mark.realmodel
def test_runtime_settings_asked_the_way_their_users_write_them(minilm):
    """The gccparams fresh KB got 1 of 28 on first contact (every parameter named without "--param="); pandasopts
    refused defaults asked for "by default" or "unless I change it"; timezones answered "When did Asia/Tehran stop
    observing daylight saving time?" with the zone's UTC offset."""
    chosen = asker(_runtime_rows(), minilm)
    assert chosen("What's the default value of align-loop-iterations?") == [("--param=align-loop-iterations",
                                                                           "default")]
    assert chosen("Explain max-unroll-times to me.") == [("--param=max-unroll-times", "description")]
    assert chosen("Which encoding does styler.render.encoding use unless I change it?") == [
        ("styler.render.encoding", "default value")]
    assert chosen("What border width does pandas put on HTML tables by default (display.html.border)?") == [
        ("display.html.border", "default value")]
    assert chosen("When did Asia/Tehran stop observing daylight saving time?") == []
    assert chosen("What's Europe/Andorra's UTC offset in winter?") == [("Europe/Andorra", "UTC offset in January")]


def test_a_one_letter_option_its_argument_and_what_it_is_for():
    assert fits_kind(answer_kind("Tell me the one-letter version of X."), "short form", "-H")
    assert not fits_kind(answer_kind("Tell me the one-letter version of X."), "short form", "-HX")
    props = ["description", "short form", "takes a value", "argument"]
    assert intended("Is there a one-letter alias for the flag X?", props) == ["short form"]
    assert intended("what does X expect as its parameter, in what units?", props) == ["argument"]
    assert intended("what's curl's X option for?", props) == ["description"]
    # "argument" names the signature only as a property's whole name
    assert intended("whats the arg to X mean?", ["takes an argument", "argument meaning"]) == []


def test_when_something_is_turned_on_is_no_date_and_what_date_needs_a_day_or_a_year():
    assert answer_kind("When does gcc turn on X?") is None
    assert answer_kind("When is X enabled?") is None
    assert answer_kind("When was X released?")[0] == "date or time"
    on_what_date = answer_kind("On what date does X switch over to BST in 2026?")
    assert not fits_kind(on_what_date, "clock change in 2026", "yes, UTC+01:00 in July (BST)")
    for value in ("November, 1995", "2025-08-09", "14 March 2003", "%d.%m.%Y"):
        assert fits_kind(on_what_date, "date", value), value


def _levels():
    rows = []
    for name, described, level in (
            ("-fipa-reference", "Discover read-only and non addressable static variables.", "-O1"),
            ("-fschedule-insns", "Reschedule instructions before register allocation.", "-O2"),
            ("-fexceptions", "Enable exception handling.", "none of -O1 to -O3"),
            ("-fdefer-pop", "Defer popping functions args from stack until later.", "-O1"),
            ("-ffunction-cse", "Allow function addresses to be held in registers.", "-O0 (always)")):
        rows += [Triple(name, "description", described), Triple(name, "enabled from", level)]
    return rows


@pytest.mark.realmodel
def test_a_level_asked_for_by_the_prefix_its_values_share(minilm):
    """The gccopts fresh KB refused "Which -O level first turns on -fipa-reference?" and "minimum -O level that enables
    -fschedule-insns?": "enabled from" is no wording MiniLM ties to a level, but the values all start with "-O"."""
    chosen = asker(_levels(), minilm)
    assert chosen("Which -O level first turns on -fipa-reference?") == [("-fipa-reference", "enabled from")]
    assert chosen("minimum -O level that enables -fschedule-insns?") == [("-fschedule-insns", "enabled from")]
    assert chosen("What does -fdefer-pop do?") == [("-fdefer-pop", "description")]
    assert chosen("Which GCC release first introduced -fdefer-pop?") == []


def test_a_namespace_most_names_start_with_may_be_left_out():

    index = NameIndex(["-C opt-level", "-C codegen-units", "-C debuginfo", "-C panic", "-C lto"])
    for question, names in (("What's the default opt-level?", ["-C opt-level"]),
                            ("what does -C codegen-unit do?", ["-C codegen-units"]),
                            ("debuginfo default?", ["-C debuginfo"]),
                            ("What should rustc do on a panic?", [])):  # one English word alone is no name
        mentions, _ = index.find(question)
        assert [index.display[m.name] for m in mentions] == names, question
    npm = NameIndex(["npm audit", "npm config", "npm install", "npm ci"])
    mentions, _ = npm.find("How many config settings apply to npm audit?")
    assert [npm.display[m.name] for m in mentions] == ["npm audit"]  # a lone word beside a name is the question's
    cargo = NameIndex(["cargo install", "cargo metadata", "cargo build"])
    mentions, _ = cargo.find("How do I invoke cargo instal?")
    assert [cargo.display[m.name] for m in mentions] == ["cargo install"]  # a typo of the rest is still one


def test_a_namespace_written_exactly_is_no_exact_word_for_a_letter_more():
    from kblam.typos import _dropped_letter

    index = NameIndex(["math.cosh", "math.log2", "math.erfc", "math.acos"])
    for question, closest in (("What does math.cos do?", "math.cosh"), ("What does math.log return?", "math.log2"),
                              ("Explain math.erf to me.", "math.erfc")):
        mentions, misses = index.find(question)
        assert mentions == [] and misses and closest in misses[0].closest, question
    assert not _dropped_letter("log", "log2") and _dropped_letter("blu", "blue")


def _jvm_flags():
    rows = []
    for name, kind, value, category in (("JavaMonitorsInStackTrace", "bool", "true", "product"),
                                        ("ZeroTLAB", "bool", "false", "product"),
                                        ("HeapSizePerGCThread", "size_t", "43620760", "product"),
                                        ("C1ProfileVirtualCalls", "bool", "true", "C1 product")):
        rows += [Triple(name, "type", kind), Triple(name, "value", value), Triple(name, "kind of flag", category)]
    return rows


def test_a_state_a_current_setting_and_a_kind_written_with_its_noun():
    assert intended("What's X's current setting on this box?", ["type", "value", "kind of flag"]) == ["value"]
    assert intended("Which category of flag does X fall under?", ["type", "value", "kind of flag"]) == [
        "kind of flag"]
    assert intended("What kind is X?", ["kind", "type"]) == ["kind"]


@pytest.mark.realmodel
def test_whether_a_flag_is_on_is_its_boolean_value(minilm):
    """The jvmflags fresh KB refused "Is JavaMonitorsInStackTrace turned on?", "zeroTLAB on or off?" and "What's
    HeapSizePerGCThread's current setting on this box?", and answered "Which category of flag …" with the type."""
    chosen = asker(_jvm_flags(), minilm)
    assert chosen("Is JavaMonitorsInStackTrace turned on?") == [("JavaMonitorsInStackTrace", "value")]
    assert chosen("zeroTLAB on or off?") == [("ZeroTLAB", "value")]
    assert chosen("What's HeapSizePerGCThread's current setting on this box?") == [("HeapSizePerGCThread", "value")]
    assert chosen("Which category of flag does C1ProfileVirtualCalls fall under?") == [
        ("C1ProfileVirtualCalls", "kind of flag")]
    assert chosen("Is ZeroTLAB deprecated?") == []  # no question of its state


def test_a_short_code_beside_a_number_with_a_letter_more_is_another_name():
    from kblam.typos import _typo

    assert not _typo("mavx512f", "mavx512pf") and not _typo("avx512bw", "avx512b")
    assert _typo("iprute2", "iproute2") and _typo("pol2d", "pool2d") and _typo("unit64", "uint64")
    index = NameIndex(["-mavx512pf", "-mavx512bw", "-mfma4"])
    mentions, misses = index.find("Is -mavx512f enabled by default on this machine?")
    assert mentions == [] and misses and "-mavx512pf" in misses[0].closest


def test_protect_asks_what_it_does_and_out_of_the_box_the_one_default():
    assert intended("What does X protect against?", ["description", "default here"]) == ["description"]
    assert intended("Does this machine's gcc enable X out of the box?", ["description", "default here"]) == [
        "default here"]
    # of several properties led by "default", none is named by the kind alone
    assert intended("how much decay does X apply if I don't set it?",
                    ["default learning rate", "default lr decay", "summary"]) == []


def _target_options():
    rows = []
    for name, described, state in (
            ("-mdirect-extern-access", "Do not use GOT to access external symbols.", "enabled"),
            ("-mharden-sls-ret", "Generate code to mitigate against straight line speculation of returns.",
             "disabled"),
            ("-mfma4", "Support FMA4 built-in functions and code generation.", "disabled")):
        rows += [Triple(name, "description", described), Triple(name, "default here", state)]
    return rows


@pytest.mark.realmodel
def test_a_target_options_state_out_of_the_box_and_what_it_protects_against(minilm):
    """The gcctarget fresh KB refused "Does this machine's gcc enable -mdirect-extern-access out of the box?" (its
    "default here" is "enabled", no yes/no word then) and rustfeatures' "What does harden-sls-ret protect against?"."""
    chosen = asker(_target_options(), minilm)
    assert chosen("Does this machine's gcc enable -mdirect-extern-access out of the box?") == [
        ("-mdirect-extern-access", "default here")]
    assert chosen("What does -mharden-sls-ret protect against?") == [("-mharden-sls-ret", "description")]
    assert chosen("Which GCC release first added -mfma4?") == []


def test_what_happens_what_it_changes_and_how_it_is_declared():
    """The taropts and statsfuncs fresh KBs, run on the final code: "what happens when I pass --remove-files to
    tar?" and "In GNU tar, what does --verbatim-files-from change?" were refused, "How is statistics.median_high
    declared?" answered with the summary."""
    props = ["description", "short form", "argument"]
    assert intended("what happens when I pass X to tar?", props) == ["description"]
    assert intended("In GNU tar, what does X change?", props) == ["description"]
    assert intended("How is X declared?", ["summary", "signature"]) == ["signature"]
