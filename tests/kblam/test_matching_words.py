"""How a question's words are read against a KB's property words and names: the other spelling of a word, a
usual shortening, a size asked of an entity that has a count, a plain kind beside a base class, a web address as
no person, a camel-case name with a doubled letter written once. Each found by a fresh KB (bench/fresh_kbs/)
on its first run."""

from __future__ import annotations

import pytest

from kblam import intents, label_spellings, typos, wording
from kblam.encoder import EmbeddingCache, encode_kb
from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.matcher_model import load_matcher_encoder
from kblam.matching import calibrated_threshold, match_question


def asker(rows: list[Triple], minilm):
    """A function from a question to the sorted (name, property) pairs the KB of ``rows`` answers it with, matched
    with the shipped matcher at its calibrated threshold, as the chat does."""
    kb = encode_kb(rows, minilm)
    cache, matcher = EmbeddingCache(), load_matcher_encoder(minilm)
    threshold = calibrated_threshold(matcher)

    def answer(question):
        match = match_question(question, kb, minilm, cache, matcher)
        return sorted((rows[m.index].name, rows[m.index].property) for m in match.relevant(threshold))
    return answer


def test_british_and_american_spellings_are_one_word():
    assert typos.spellings("licence") == {"licence", "license"}
    assert typos.spellings("color") == {"color", "colour"}
    assert typos.spellings("normalise") == {"normalise", "normalize"}
    assert typos.spellings("centre") == {"centre", "center"}
    assert typos.spellings("port") == {"port"}  # too short to have another spelling
    assert label_spellings.misspelt({"license"}, ["licence"], frozenset()) == {"licence"}
    assert label_spellings.misspelt({"licnese"}, ["licence"], frozenset()) == {"licence"}  # the other spelling, typed fast
    assert label_spellings.misspelt({"licnese"}, ["licence"], frozenset({"licence"})) == set()


@pytest.mark.realmodel
def test_a_property_in_its_other_spelling_with_a_typo_is_asked_for(minilm, monkeypatch):
    """Found by the copyrights fresh KB: "ncurses-bin licnese?" (the American "license" with two letters swapped)
    was refused; the KB writes "licence"."""
    rows = [Triple(p, "licence", lic) for p, lic in (("ncurses-bin", "X11"), ("apt", "GPL-2+"), ("dash", "BSD-3"))]
    rows += [Triple(p, "upstream source", f"https://example.org/{p}") for p in ("ncurses-bin", "apt", "dash")]
    assert asker(rows, minilm)("ncurses-bin licnese?") == [("ncurses-bin", "licence")]
    monkeypatch.setattr(typos, "_SPELLINGS", ())
    assert asker(rows, minilm)("ncurses-bin licnese?") == []


def test_a_usual_shortening_writes_a_one_word_property_out():
    spans = wording.written("What are the min and max values for X?", [], ["minimum", "maximum", "bits"])
    assert [p for _, _, p in spans] == ["minimum", "maximum"]
    assert wording.written("What is the desc of X?", [], ["description"])[0][2] == "description"
    assert wording.written("What is the main thing about X?", [], ["maintainer"]) == []  # an English word


@pytest.mark.realmodel
def test_min_and_max_joined_ask_for_both(minilm):
    """Found by the limits fresh KB: "What are the min and max values for float32?" got the minimum alone."""
    rows = [Triple(t, p, v) for t, lo, hi in (("float32", "-3.4028235e+38", "3.4028235e+38"),
                                              ("int8", "-128", "127"))
            for p, v in (("minimum", lo), ("maximum", hi), ("bits", t[-2:] if t != "int8" else "8"))]
    assert asker(rows, minilm)("What are the min and max values for float32?") == [
        ("float32", "maximum"), ("float32", "minimum")]


def test_a_size_is_the_one_count_of_an_entity_without_a_size():
    props = ["first code point", "last code point", "number of code points", "plane"]
    assert intents.size_counted("How big is the X block?", props) == ["number of code points"]
    assert intents.size_counted("X size?", props) == ["number of code points"]
    assert intents.size_counted("What plane is X in?", props) == []
    assert intents.size_counted("X size?", props + ["size in bytes"]) == []  # a size of its own
    assert intents.size_counted("X size?", props + ["number of planes"]) == []  # which count?


@pytest.mark.realmodel
def test_how_big_a_block_is_asks_for_its_number_of_code_points(minilm, monkeypatch):
    """Found by the blocks fresh KB: "How big is the Hangul Syllables block?" and "Mahjong Tiles size?" were
    refused (the generic "size" fitted better than any property of the block)."""
    rows = []
    for name, first, last in (("Hangul Syllables", 0xAC00, 0xD7AF), ("Mahjong Tiles", 0x1F000, 0x1F02F),
                              ("Basic Latin", 0x0, 0x7F)):
        rows += [Triple(name, "first code point", f"U+{first:04X}"), Triple(name, "last code point", f"U+{last:04X}"),
                 Triple(name, "number of code points", str(last - first + 1)),
                 Triple(name, "plane", "Basic Multilingual Plane" if last < 0x10000 else "Supplementary Multilingual Plane")]
    chosen = asker(rows, minilm)
    for question, name in (("How big is the Hangul Syllables block?", "Hangul Syllables"),
                           ("Mahjong Tiles size?", "Mahjong Tiles")):
        assert chosen(question) == [(name, "number of code points")], question
    monkeypatch.setattr(intents, "_SIZE_ASKED", intents.re.compile(r"(?!)"))
    assert asker(rows, minilm)("Mahjong Tiles size?") == []


def test_a_kind_asked_for_is_a_property_named_by_the_kind_word_alone_when_there_is_one():
    props = ["summary", "kind", "base class", "parameters"]
    assert intents.intended("what category does X fall under?", props) == ["kind"]
    assert intents.intended("What type of layer is X classified as?", props) == ["kind"]
    assert intents.intended("what category does X fall under?", ["summary", "base class"]) == ["base class"]


def test_a_web_address_is_no_person():
    who = wording.answer_kind("Who should I email upstream about a X bug?")  # an address to write to
    assert who and who[0] == "e-mail address"
    assert not wording.fits_kind(who, "upstream source", "https://github.com/vim/vim")
    assert wording.fits_kind(who, "upstream contact", "APT Development Team <deity@lists.debian.org>")
    assert wording.fits_kind(who, "copyright", "2001-2022 Bram Moolenaar <Bram@vim.org>")


def test_a_camel_case_name_with_a_doubled_letter_written_once_is_that_name():
    """Found by the layers fresh KB: "Which base class does LSTMCel extend?" was refused as a near miss of
    LSTMCell; "UnicodeEncodeError" is still another name than UnicodeDecodeError."""
    index = NameIndex(["LSTMCell", "LSTM", "GRUCell", "UnicodeDecodeError"])
    assert [m.name for m in index.find("Which base class does LSTMCel extend?")[0]] == ["lstmcell"]
    mentions, misses = index.find("Give me the description of UnicodeEncodeError.")
    assert mentions == [] and misses[0].closest == ("UnicodeDecodeError",)


PERL = ["version", "deprecate", "JSON::PP", "Scalar::Util", "CPAN", "CPAN::Version", "Time::Piece", "Digest",
        "Digest::SHA", "Digest::MD5", "Carp"]


def names(question: str, index: NameIndex) -> list[str]:
    return [m.name for m in index.find(question)[0]]


def test_a_lower_case_name_that_is_a_property_word_is_that_word_beside_another_name():
    """Found by the perlcore fresh KB, whose modules include the pragmas "version" and "deprecate": "which version
    of JSON::PP is bundled with perl?" asked about two modules, "What version of Moose ships with perl?" was answered
    with the version pragma's release, "Time::Piece deprecated" named "deprecate", "And its version?" was no
    follow-up. Alone, or joined to another name by "and", the word is still the name."""
    index = NameIndex(PERL, vocabulary={"version", "first", "perl", "release", "maintained", "upstream"})
    assert names("which version of JSON::PP is bundled with perl?", index) == ["json pp"]
    assert names("What version of Moose ships with perl?", index) == []
    assert names("Which version of meta_notation does perl ship?", index) == []
    assert names("In which perl release was Time::Piece deprecated?", index) == ["time piece"]
    assert names("And its version?", index) == []
    assert names("When did version first ship with perl?", index) == ["version"]
    assert names("When did version and Carp first ship with perl?", index) == ["version", "carp"]
    screen = NameIndex(["screen", "tmux", "xterm"], vocabulary={"clear", "screen", "sequence", "colours"})
    assert names("how many colours do screen and tmux each support?", screen) == ["screen", "tmux"]
    assert names("Tell me the clear screen string for tmux.", screen) == ["tmux"]


def test_a_name_inside_a_longer_namespaced_name_is_not_found_and_a_property_word_is_no_qualifier():
    """"Digest::SHA1 version in core?" is about a module the KB lacks, not about Digest; "Scalar::Util version?" is
    about Scalar::Util even though "CPAN::Version" makes "version" a word by which one KB name extends another."""
    index = NameIndex(PERL, vocabulary={"version", "first", "perl", "release"})
    mentions, misses = index.find("Digest::SHA1 version in core?")
    assert mentions == [] and misses
    assert names("scalar::util version?", index) == ["scalar util"]
    assert names("Digest::MD5's version?", index) == ["digest md5"]


@pytest.mark.realmodel
def test_a_clause_after_and_may_start_with_a_preposition(minilm):
    """Found by the perlcore fresh KB: "What version of Carp ships with perl, and in which release did it first
    appear?" got the release alone; the second clause starts "in which"."""
    rows = [Triple(m, p, v) for m, version, first in (("Carp", "1.54", "5"), ("JSON::PP", "4.16", "5.013009"))
            for p, v in (("version", version), ("first perl release", first))]
    assert asker(rows, minilm)("What version of Carp ships with perl, and in which release did it first appear?") == [
        ("Carp", "first perl release"), ("Carp", "version")]


@pytest.mark.realmodel
def test_a_value_word_naming_what_the_entity_is_points_at_no_property(minilm, monkeypatch):
    """Found by the stdlib fresh KB: "Describe the bz2 module briefly." and "What does the statistcs module do?"
    were answered with the module's kind ("extension module"): "module" after "the bz2" says what bz2 is, though
    most values of "kind" hold it."""
    import kblam.matching as matching

    rows = [Triple(m, p, v) for m, summary, kind in (
        ("bz2", "Interface to the libbzip2 compression library.", "extension module"),
        ("statistics", "Basic statistics module.", "Python module"),
        ("asyncio", "The asyncio package, tracking PEP 3156.", "package"),
        ("abc", "Abstract Base Classes (ABCs) according to PEP 3119.", "Python module"))
        for p, v in (("summary", summary), ("kind", kind))]
    chosen = asker(rows, minilm)
    assert chosen("Describe the bz2 module briefly.") == [("bz2", "summary")]
    assert chosen("What does the statistcs module do?") == [("statistics", "summary")]
    assert chosen("Is abc a Python module or an extension module?") == [("abc", "kind")]
    assert chosen("Tell me about the bz2 module briefly.") == [("bz2", "summary")]
    # without the kind noun set apart ("describe" now asks for the summary by itself), by the KB's kinds of names or
    # by the entity's own kind after its name (:func:`answer_shape.own_kind_dropped`)
    monkeypatch.setattr(matching.shape, "NAMED_KIND", matching.re.compile(r"(?!)"))
    monkeypatch.setattr(matching.shape, "own_kind_dropped", lambda masked, held: masked)
    assert asker(rows, minilm)("Tell me about the bz2 module briefly.") != [("bz2", "summary")]


def test_a_beginning_and_an_end_joined_ask_for_both_and_where_it_is_imported_from_asks_for_its_module():
    """Found by the colormaps and estimators fresh KBs: "What are the first and last colours of inferno?" got the
    highest colour alone; "where do i import HDBSCAN from" was refused."""
    mention = NameIndex(["inferno"]).find("What are the first and last colours of inferno?")[0]
    props = ["number of colours", "lowest colour", "highest colour", "colormap class"]
    assert set(wording.conjoined("What are the first and last colours of inferno?", mention, props)) == {
        "lowest colour", "highest colour"}
    assert wording.conjoined("What is the last colour of inferno?", mention, props) == []
    assert intents.intended("where do i import X from", ["module", "summary", "estimator type"]) == ["module"]


def test_a_kind_written_by_a_propertys_own_words_is_that_property():
    """Found by the docxstyles fresh KB: "table grid is based on which style?" and "Which style is Quote Char
    derived from?" were answered with the style type (the asked word "style" is one of its words)."""
    props = ["style type", "based on", "next paragraph style", "priority"]
    assert intents.intended("X is based on which style?", props) == ["based on"]
    assert intents.intended("Which style is X derived from?", props) == ["based on"]
    assert intents.intended("What kind is X?", ["kind", "type"]) == ["kind"]


@pytest.mark.realmodel
def test_based_on_written_with_an_asked_word_of_another_property_asks_for_what_it_is_based_on(minilm):
    rows = []
    for name, kind, base in (("Quote Char", "character", "Default Paragraph Font"), ("Table Grid", "table",
                                                                                      "Normal Table"),
                             ("Heading 1", "paragraph", "Normal"), ("Normal", "paragraph", "")):
        rows += [Triple(name, "style type", kind)] + ([Triple(name, "based on", base)] if base else [])
    chosen = asker(rows, minilm)
    assert chosen("table grid is based on which style?") == [("Table Grid", "based on")]
    assert chosen("What style type is Heading 1?") == [("Heading 1", "style type")]


def test_a_name_that_is_a_function_word_is_that_word_unless_after_an_article_quoted_or_joined():
    """Found by the alternatives fresh KB, which holds Debian's "which" alternative: "Tell me which fakeroot variant
    wins out on priority." asked about two entities, "Which one of them has the highest priority?" was no
    follow-up."""
    index = NameIndex(["which", "fakeroot", "pager", "any", "all"], vocabulary={"highest", "priority", "choice"})
    assert names("Tell me which fakeroot variant wins out on priority.", index) == ["fakeroot"]
    assert names("Which one of them has the highest priority?", index) == []
    assert names("What priority was the which alternative registered with?", index) == ["which"]
    assert names('what is the mode of "which"?', index) == ["which"]
    assert names("What's the difference between any and all?", index) == ["any", "all"]
