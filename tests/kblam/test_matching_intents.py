"""Questions that ask for a property in other words: what an entity does or is for, what an abbreviation stands
for, its other names, its file extensions, how many arguments it takes, an acronym written out in words; and names
written with a value of the entity before them, in the other spelling, or followed by a kind noun that is also a KB
name. Each found by a fresh KB of the seventeenth session (bench/fresh_kbs/: releases, optimizers,
arrowfuncs, sharedmime) on its first run, or by the gradio KB when the first fixes were checked."""

from __future__ import annotations

import pytest
from test_matching_words import asker, names

from kblam import intents, label_spellings, wording
from kblam.entities import NameIndex
from kblam.kb import Triple

FUNCTION = ["kind", "arity", "arguments", "summary", "options class"]
MIME = ["description", "acronym", "acronym expanded", "file patterns", "aliases", "generic icon"]


def test_what_an_entity_does_or_is_for_asks_for_its_summary():
    assert intents.intended("What does X do in pyarrow compute?", FUNCTION) == ["summary"]
    assert intents.intended("What is X used for?", FUNCTION) == ["summary"]
    assert intents.intended("what do X and X each compute?", FUNCTION) == ["summary"]
    assert intents.intended("what's the X component for", FUNCTION) == ["summary"]
    # "used for" in the middle of a question says what something else is for
    assert intents.intended("Which extensions are used for X?", MIME) == ["file patterns"]


def test_what_an_abbreviation_stands_for_asks_for_its_expansion_and_other_names_for_its_aliases():
    assert intents.intended("What does RAML stand for in X?", MIME) == ["acronym expanded"]
    assert intents.intended("what's AMR short for, for the X type?", MIME) == ["acronym expanded"]
    assert intents.intended("Could you spell out the acronym for X?", MIME) == ["acronym expanded"]
    assert intents.intended("Tell me the alternative MIME names for X.", MIME) == ["aliases"]
    assert intents.intended("Is X known under any other MIME type name?", MIME) == ["aliases"]
    assert intents.intended("X extensions?", MIME) == ["file patterns"]


def test_how_many_arguments_asks_for_the_arity():
    assert intents.counted("how many inputs does X accept?", FUNCTION) == ["arity"]
    assert intents.counted("And how many arguments does X take?", FUNCTION) == ["arity"]
    # one noun for arguments in the question and another in a "number of …" property: the same count
    ufunc = ["signature", "number of inputs", "number of outputs", "type loops"]
    for question in ("how many params does X take", "How many operands does X take?", "how many arguments does X need?"):
        assert intents.counted(question, ufunc) == ["number of inputs"], question
    assert intents.counted("How many outputs does X have?", ufunc) == ["number of outputs"]
    assert intents.counted("how many options does X take?", FUNCTION) == []


def test_an_acronym_of_a_property_written_out_in_words():
    props = ["end of LTS", "end of life", "default lr decay", "default ns steps", "MIME type"]
    assert label_spellings.spelt_out("When did X's long-term support finish?", props) == {"lts"}
    assert label_spellings.spelt_out("What learning-rate decay does X use?", props) == {"lr"}
    assert label_spellings.spelt_out("How many Newton–Schulz iterations does X run?", props) == {"ns"}
    assert label_spellings.spelt_out("Is the life of X long?", props) == set()  # "life" is a word of its own


def test_a_name_after_one_of_the_kbs_values_or_in_the_other_spelling_is_found():
    releases = NameIndex(["Buzz", "Trixie", "Noble Numbat"], vocabulary={"version", "release", "date"},
                         values={"debian", "ubuntu", "12", "24.04 lts"})
    assert names("What version number was Debian Buzz?", releases) == ["buzz"]
    assert names("When was Ubuntu Noble Numbat released?", releases) == ["noble numbat"]
    assert releases.find("When was Debian Bookworm Plus released?")[0] == []  # a longer name the KB lacks
    functions = NameIndex(["utf8_center", "utf8_lower"], vocabulary={"options", "class"})
    assert names("Tell me the options class for utf8_centre.", functions) == ["utf8_center"]


def test_a_kind_noun_that_is_also_a_kb_name_says_what_the_name_before_it_is():
    """Found by the gradio KB, whose entities include the base class "Component": "What does the Sketchpad component
    do?" was answered with the base class's summary, "What does the State component do?" asked about both."""
    index = NameIndex(["Component", "State", "Textbox"], vocabulary={"summary", "module", "base", "class"})
    mentions, misses = index.find("What does the Sketchpad component do?")
    assert mentions == [] and misses[0].said == "Sketchpad"
    assert names("What does the State component do?", index) == ["state"]
    assert names("What module is the Component in?", index) == ["component"]


@pytest.mark.realmodel
def test_releases_asked_by_distribution_and_support_in_words(minilm):
    rows = []
    for name, version, eol, lts in (("Lenny", "5.0", "2012-02-06", ""), ("Squeeze", "6.0", "2014-05-31", "2016-02-29"),
                                    ("Buzz", "1.1", "1997-06-05", ""), ("Bookworm", "12", "2026-06-10", "2028-06-30")):
        rows += [Triple(name, "distribution", "Debian"), Triple(name, "version", version),
                 Triple(name, "end of life", eol)] + ([Triple(name, "end of LTS", lts)] if lts else [])
    chosen = asker(rows, minilm)
    assert chosen("What version number was Debian Buzz?") == [("Buzz", "version")]
    assert chosen("When did Squeeze's long-term support finish?") == [("Squeeze", "end of LTS")]
    assert chosen("when does lenny's LTS end?") == []  # Lenny has no LTS; others do
    assert chosen("When does Lenny reach end of life?") == [("Lenny", "end of life")]


@pytest.mark.realmodel
def test_functions_asked_what_they_do_and_how_many_arguments_they_take(minilm):
    rows = []
    for name, arity, args, summary in (("abs", "1", "x", "Calculate the absolute value of the argument element-wise"),
                                       ("hash_skew", "2", "array, group_id_array", "Compute the skewness of values"),
                                       ("ends_with", "1", "strings", "Check if strings end with a literal pattern")):
        rows += [Triple(name, "kind", "scalar"), Triple(name, "arity", arity), Triple(name, "arguments", args),
                 Triple(name, "summary", summary)]
    chosen = asker(rows, minilm)
    assert chosen("What does abs do in pyarrow compute?") == [("abs", "summary")]
    assert chosen("how many inputs does ends_with accept?") == [("ends_with", "arity")]
    assert chosen("how many arguments does hash_skew take?") == [("hash_skew", "arity")]
    assert chosen("What arguments does hash_skew take?") == [("hash_skew", "arguments")]


@pytest.mark.realmodel
def test_a_component_without_a_summary_asked_what_it_does_is_refused(minilm):
    rows = [Triple("State", "module", "gradio.components.state"), Triple("State", "base class", "Component"),
            Triple("Component", "module", "gradio.components.base")]
    for name, summary in (("Textbox", "Creates a textarea for user to enter string input or display string output."),
                          ("Label", "Displays a classification label, along with confidence scores.")):
        rows += [Triple(name, "module", f"gradio.components.{name.casefold()}"), Triple(name, "base class", "Component"),
                 Triple(name, "summary", summary)]
    chosen = asker(rows, minilm)
    assert chosen("What does the State component do?") == []
    assert chosen("What does the Textbox component do?") == [("Textbox", "summary")]
    assert chosen("what's the Label component for") == [("Label", "summary")]
    assert chosen("Which module is the State component in?") == [("State", "module")]


OPTION = ["other spellings", "argument", "default", "help"]


def test_what_a_command_line_option_does_asks_for_its_help_and_its_short_form_for_its_other_spellings():
    """Found by the pipoptions fresh KB: "what does --no-index do", "Could you explain what pip's --debug flag
    does?", "Why would I use --require-hashes?", "short form of --verbose?" and "Tell me the alias for
    --require-virtualenv." were refused."""
    assert intents.intended("what does X do", OPTION) == ["help"]
    assert intents.intended("Could you explain what pip's X flag does?", OPTION) == ["help"]
    assert intents.intended("Why would I use X?", OPTION) == ["help"]
    assert intents.intended("short form of X?", OPTION) == ["other spellings"]
    assert intents.intended("Tell me the alias for X.", OPTION) == ["other spellings"]
    assert intents.intended("what does the X test check", FUNCTION) == ["summary"]


def test_a_typo_of_a_property_word_is_read_as_that_word_but_not_another_form_of_it():
    props = ["number of bands", "bands", "glyphs", "organisation"]
    assert label_spellings.respelt("nubmer of bands for mode X?", props) == "number of bands for mode X?"
    assert label_spellings.respelt("the glyph count of X", props) == "the glyph count of X"
    assert label_spellings.respelt("the organisational unit of X", props) == "the organisational unit of X"


def test_a_noun_after_the_entity_and_before_a_verb_says_what_the_entity_is():
    """Found by the tifftags fresh KB: "What values can the Compression tag take?" was answered with the tag number."""
    props = ["tag number", "hex tag", "named values"]
    assert wording.kind_noun_dropped("What values can the X tag take?", props) == "What values can the X take?"
    assert wording.kind_noun_dropped("What is the X tag number?", props) == "What is the X tag number?"


def test_a_kb_name_that_several_entities_hold_as_a_value_is_that_value_beside_another_name():
    """Found by the jinja fresh KB, whose filters and tests include ones named "filter" and "test": "What arguments
    does the strip filter take?" (no such filter) was answered with the "filter" test's parameters."""
    index = NameIndex(["filter", "test", "unique", "mapping", "items", "count"], vocabulary={"kind", "summary"},
                      values={"filter", "test", "length"}, kinds={"filter", "test"})
    assert names("Does the unique filter keep the items in their original order?", index) == ["unique", "items"]
    assert names("mapping - filter or test?", index) == ["mapping"]
    assert names("What's the difference between filter and test?", index) == ["filter", "test"]
    for question, said in (("What arguments does the strip filter take?", "strip"),
                           ("truncatewords filter parameters?", "truncatewords")):
        mentions, misses = index.find(question)
        assert mentions == [] and misses[0].said == said, question
    # a KB name that only its own entity holds as a value ("ipcomp", whose alias is "IPCOMP") stays a name
    assert names("whats ipcomp", NameIndex(["ipcomp"], values={"ipcomp"})) == ["ipcomp"]


def test_a_one_word_name_written_as_english_words_beside_another_name_is_those_words():
    """Found by the tifftags fresh KB, which holds a "DataType" tag: "what data type is xresolution stored as" asked
    about XResolution's field type."""
    index = NameIndex(["DataType", "XResolution", "PlanarConfiguration"], vocabulary={"field", "type"})
    assert names("what data type is xresolution stored as", index) == ["xresolution"]
    assert names("planar configuration - what are the possible settings?", index) == ["planarconfiguration"]


@pytest.mark.realmodel
def test_options_filters_and_tags_asked_in_other_words(minilm):
    rows = [Triple("--no-index", "default", "False"),
            Triple("--no-index", "help", "Ignore package index (only looking at --find-links URLs instead)."),
            Triple("--verbose", "other spellings", "-v"), Triple("--verbose", "help", "Give more output."),
            Triple("--proxy", "argument", "proxy"), Triple("--proxy", "help", "Specify a proxy in the form scheme://.")]
    for name, kind, other in (("count", "filter", "length"), ("abs", "filter", ""), ("filter", "test", ""),
                              ("odd", "test", "")):
        rows += [Triple(name, "kind", kind), Triple(name, "summary", f"The {name} {kind}.")]
        rows += [Triple(name, "other names", other)] if other else []
    rows += [Triple("Compression", "tag number", "259"), Triple("Compression", "field type", "SHORT"),
             Triple("Compression", "named values", "1 = raw; 5 = tiff_lzw"),
             Triple("XResolution", "tag number", "282"), Triple("XResolution", "field type", "RATIONAL"),
             Triple("DataType", "tag number", "32996"), Triple("DataType", "field type", "SHORT")]
    chosen = asker(rows, minilm)
    assert chosen("what does --no-index do") == [("--no-index", "help")]
    assert chosen("short form of --verbose?") == [("--verbose", "other spellings")]
    assert chosen("Is there another name I can use for the count filter?") == [("count", "other names")]
    assert chosen("What does the truncatewords filter do?") == []
    assert chosen("What values can the Compression tag take?") == [("Compression", "named values")]
    assert chosen("what data type is xresolution stored as") == [("XResolution", "field type")]


def test_a_name_without_letters_or_digits_is_found_quoted_or_standing_apart():
    """Found by the markers fresh KB (matplotlib's marker codes): "Is the '^' marker a filled one?", "What kind of
    marker is '<'?" and "If I pass marker='X', what marker do I get?" named no entity; names without a letter or
    digit were not indexed at all."""
    index = NameIndex(["^", "<", ">", "_", ",", "x", "X", "d", "D", "2"], vocabulary={"marker", "name", "filled"})
    assert [m.said for m in index.find("Is the '^' marker a filled one?")[0]] == ["^"]
    assert [m.said for m in index.find("What kind of marker is '<'?")[0]] == ["<"]
    assert [m.said for m in index.find("what is the ^ marker called?")[0]] == ["^"]
    assert [m.said for m in index.find("What does the underscore marker '_' look like?")[0]] == ["_"]
    assert [m.said for m in index.find("What are the names of markers '>' and '2'?")[0]] == [">", "2"]
    assert [m.said for m in index.find("If I pass marker='X', what marker do I get?")[0]] == ["X"]
    assert [m.said for m in index.find("name of the lowercase d marker?")[0]] == ["d"]
    assert index.find("What's 2^10?")[0] == []  # inside an expression: no name
    assert index.key_of("^") != index.key_of("<")  # each its own entity


def test_a_follow_up_about_a_one_character_name_quotes_it():
    from kblam.conversation import resolve

    index = NameIndex(["o", "^", "sky", "cyan"], vocabulary={"marker", "name", "filled", "shade", "700"})
    turns = [{"role": "user", "content": "What is marker 'o' called?"},
             {"role": "assistant", "content": "It's the circle marker."},
             {"role": "user", "content": "And is it filled?"}]
    assert resolve(turns, index).question == "And is 'o' filled?"
    turns = [{"role": "user", "content": "What colour code is cyan shade 700?"},
             {"role": "assistant", "content": "Cyan 700 is #0e7490."},
             {"role": "user", "content": "same shade for sky?"}]
    assert resolve(turns, index).question == "What colour code is sky shade 700?"


def test_a_number_next_to_the_name_picks_the_numbered_property_or_is_missing():
    """Found by the shades fresh KB (Gradio's palettes, "shade 50" … "shade 950"): "what's red-500 in gradio's
    theme?" and "Orange 600?" were near misses, "tell me blue 400's hex" lost its number, and "What's gray 25?" was
    answered with shade 50."""
    index = NameIndex(["red", "orange", "blue"], vocabulary={"shade", "50", "400", "500", "600"})
    assert names("what's red-500 in gradio's theme?", index) == ["red"]
    assert names("Orange 600?", index) == ["orange"]
    assert index.find("Model red-glx?")[0] == []
    assert wording.kind_noun_dropped("tell me X 400's hex", ["shade 400", "shade 500"]) == "tell me X 400's hex"


@pytest.mark.realmodel
def test_palette_shades_asked_by_number(minilm):
    rows = [Triple(colour, f"shade {n}", f"#{colour[:2]}{n:04d}") for colour in ("red", "blue", "gray")
            for n in (50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950)]
    rows += [Triple("iceland", "alpha-2 code", "IS"), Triple("iceland", "alpha-3 code", "ISL"),
             Triple("norway", "alpha-2 code", "NO"), Triple("norway", "alpha-3 code", "NOR")]
    chosen = asker(rows, minilm)
    assert chosen("what's red-500 in gradio's theme?") == [("red", "shade 500")]
    assert chosen("tell me blue 400's hex") == [("blue", "shade 400")]
    assert chosen("What's gray 25?") == []
    assert chosen("blue shade 1000?") == []
    # a number beside other words is no shade of a numbered family
    assert chosen("Which two letters stand for Iceland in ISO 3166?") == [("iceland", "alpha-2 code")]


def test_a_function_word_name_at_the_start_of_a_question_makes_no_longer_name():
    """Found by the npmdeps fresh KB, which holds npm's "which" package: the follow-up "Which Node versions does it
    run on?" was refused as naming an unknown "Which Node"."""
    index = NameIndex(["which", "abbrev"], vocabulary={"version", "node"})
    assert index.find("Which Node versions does it run on?") == ([], [])
    assert names("Which Node versions does abbrev run on?", index) == ["abbrev"]
    assert names("What does the which package do?", index) == ["which"]
