"""Fixes from the sixty-fifth session, as general forms, found on KBs from man pages (the eighty-first batch:
pkgconf-personality, user_caps, gitformat-commit-graph), each asked through the API before any fix.

"Is X required?" is answered by its "optional" where it has no "required", and "is X ever required?" by its "when
required". "X 2 means which hash?" asks what the value 2 means. A name written as where another lives ("the magic
signature at the start of a commit-graph file") is context when the question is refused with it. "How do I …" asks
for the one "how to …" an entity has; "how do I write a comment" for its "comment prefix", not its "format". A label
written in the condition of "what happens if …" is not what is asked. A property word before a name ("example
triplet?") asks that property. "X chunk in bytes": "chunk" says what X is. A lower-case name told apart by case from
an upper-case one is that name, though a label writes the upper-case word. A verb asked with a typo ("what does X
supress") still meets the value it opens. "Why would I want X" asks for its benefit. A plural name is found by its
singular ("the user-defined capability"). Follow-ups: "what type of property is it?" of an entity with a "property
type"; "what about Meta?" after "which suffix means Shift?"."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking

from kblam.conversation import facts_of, resolve
from kblam.kb import Triple

GRAPH = [
    Triple("gitformat-commit-graph", "man section", "5"),
    Triple("gitformat-commit-graph", "description", "Git commit-graph format"),
    Triple("commit-graph", "byte order", "all multi-byte numbers are in network byte order"),
    Triple("commit-graph", "stored data", "a list of commit OIDs and metadata"),
    Triple("signature", "size", "4 bytes"), Triple("signature", "value", "{'C', 'G', 'P', 'H'}"),
    Triple("Hash Version", "size", "1 byte"), Triple("Hash Version", "allowed values", "1 => SHA-1, 2 => SHA-256"),
    Triple("Hash Version", "purpose", "the hash length (H) is inferred from this value"),
    Triple("Hash Version", "when ignored", "if the hash type does not match the repository's hash algorithm, the "
           "commit-graph file should be ignored with a warning to the user"),
    Triple("CHUNK DATA", "required", "chunks are required unless otherwise specified"),
    Triple("OID Lookup", "chunk id", "{O, I, D, L}"), Triple("OID Lookup", "size", "N * H bytes"),
    Triple("Commit Data", "chunk id", "{C, D, A, T }"), Triple("Commit Data", "size", "N * (H + 16) bytes"),
    Triple("Generation Data", "chunk id", "{G, D, A, 2 }"), Triple("Generation Data", "size", "N * 4 bytes"),
    Triple("Generation Data", "optional", "yes"),
    Triple("Generation Data", "description", "4-byte corrected commit date offsets"),
    Triple("Extra Edge List", "chunk id", "{E, D, G, E}"), Triple("Extra Edge List", "optional", "yes"),
    Triple("Extra Edge List", "description", "the second through nth parents for all octopus merges"),
    Triple("Extra Edge List", "how to read", "start at the array position given by the second parent value and "
           "iterate until a value with the most-significant bit on"),
    Triple("Bloom Filter Data", "chunk id", "{B, D, A, T}"), Triple("Bloom Filter Data", "optional", "yes"),
    Triple("Bloom Filter Data", "hash algorithm", "version 1: the 32-bit version of the murmur3 hash"),
    Triple("Base Graphs List", "chunk id", "{B, A, S, E}"), Triple("Base Graphs List", "optional", "yes"),
    Triple("Base Graphs List", "description", "H-byte hashes of a set of B commit-graph files"),
    Triple("Base Graphs List", "when required", "if B is non-zero, this chunk must exist"),
]
ask_graph = _asking(GRAPH)

PERSONALITY = [
    Triple("pkgconf-personality", "man section", "5"),
    Triple("pkgconf-personality", "description", "pkgconf cross-compile personality file format"),
    Triple(".personality file", "purpose", "storing various information about system toolchains"),
    Triple(".personality file", "format", "a format inspired by RFC822"),
    Triple(".personality file", "comment prefix", "a pound sign, hash sign or octothorpe (#)"),
    Triple(".personality file", "variable assignment", "similar to POSIX shell"),
    Triple("property", "syntax", "a keyword, followed by a colon (:) and then the value"),
    Triple("property", "types", "Literal, Fragment List, Boolean"),
    Triple("Triplet", "description", "the triplet used by the cross-compile toolchain"),
    Triple("Triplet", "property type", "literal"), Triple("Triplet", "example", "x86_64-pc-linux-gnu"),
    Triple("WantDefaultPure", "description", "if true, pkgconf will default to preferring a pure dependency graph"),
    Triple("WantDefaultPure", "property type", "boolean"), Triple("WantDefaultPure", "default", "false"),
    Triple("example .personality file", "comment line", "# This is a comment"),
    Triple("example .personality file", "sysroot", "/home/kaniini/sysroot/x86_64-pc-linux-gnu"),
]
ask_personality = _asking(PERSONALITY)

CAPS = [
    Triple("user_caps", "man section", "5"), Triple("user_caps", "description", "user-defined terminfo capabilities"),
    Triple("NQ", "purpose", "suppresses a consistency check in tic for the ncurses capabilities in user6 through user9"),
    Triple("NQ", "u6 through u9 role", "tell how to query the terminal's cursor position"),
    Triple("RGB", "type", "boolean, number or string"),
    Triple("RGB", "description", "asserts that set_a_foreground and set_a_background correspond to direct colors"),
    Triple("RGB", "benefit", "lets the color_content function return appropriate values without init_color"),
    Triple("XM", "type", "string"), Triple("XM", "description", "overrides the string which enables xterm mouse mode"),
    Triple("xm", "description", "experimental capability that describes the format of the mouse responses"),
    Triple("xm", "parameter count", "8 (p1 to p8)"), Triple("xm", "parameter p4", "state, e.g., pressed or released"),
    Triple("xterm+x11mouse", "description", "X11 xterm mouse protocol"),
    Triple("xterm+x11mouse", "XM value", "\\E[?1000%?%p1%{1}%=%th%el%;"),
    Triple("modifier suffix", "range", "2 to 16"), Triple("modifier suffix", "shift suffix", "2"),
    Triple("modifier suffix", "alt suffix", "3"), Triple("modifier suffix", "meta suffix", "9"),
    Triple("modifier suffix", "meta + ctrl + alt + shift suffix", "16"),
    Triple("user-defined capabilities", "introduced in", "ncurses 5.0"),
    Triple("user-defined capabilities", "description", "nonstandard capabilities that ncurses can detect and store"),
    Triple("extended special-key names", "convention", "based on xterm: a modifier suffix added to names such as kUP"),
]
ask_caps = _asking(CAPS)


def test_required_and_ever_required_of_a_chunk(ask_graph):
    assert ask_graph("Is the Generation Data chunk required?") == [("Generation Data", "optional")]
    assert ask_graph("Is the Base Graphs List ever mandatory?") == [("Base Graphs List", "when required")]


def test_a_number_that_means_something_and_a_name_as_the_place_of_another(ask_graph):
    assert ask_graph("Hash Version 2 means which hash?") == [("Hash Version", "allowed values")]
    assert ask_graph("what's the magic signature at the start of a commit-graph file") == [("signature", "value")]


def test_how_do_i_and_the_condition_of_what_happens_if(ask_graph):
    assert ask_graph("how do I walk the parents of an octopus merge in the Extra Edge List?") == [
        ("Extra Edge List", "how to read")]
    assert ask_graph("what happens if the hash version doesnt match the repos hash algorithm?") == [
        ("Hash Version", "when ignored")]
    assert ask_graph("How big is the OID Lookup chunk in bytes?") == [("OID Lookup", "size")]


def test_writing_a_comment_and_a_property_word_before_a_name(ask_personality):
    assert ask_personality("How do I write a comment in a .personality file?") == [(".personality file", "comment prefix")]
    assert ask_personality("example triplet?") == [("Triplet", "example")]
    assert ask_personality("What's the default of WantDefaultPure, and what type of property is it?") == [
        ("WantDefaultPure", "default"), ("WantDefaultPure", "property type")]


def test_a_lower_case_name_told_apart_by_case_a_typo_in_the_verb_and_a_benefit(ask_caps):
    assert ask_caps("xm p4 means what") == [("xm", "parameter p4")]
    assert ask_caps("what is XM?") == [("XM", "description")]
    assert ask_caps("what does NQ supress") == [("NQ", "purpose")]
    assert ask_caps("why would I want the RGB capabilty if I call color_content?") == [("RGB", "benefit")]
    assert ask_caps("when was the user-defined capability introduced?") == [("user-defined capabilities", "introduced in")]


def test_follow_ups_by_a_label_word_and_by_one_word_in_place_of_another():
    from kblam.kb_index import name_index

    class _KB:
        def __init__(self, triples):
            self.triples, self.derived = triples, {}

    kb = _KB(CAPS)
    index, by_key = name_index(kb)
    facts = facts_of(kb.triples, by_key)
    turns = [{"role": "user", "content": "What are the modifier suffix values?"},
             {"role": "assistant", "content": "2 to 16."},
             {"role": "user", "content": "which is the shift suffix?"},
             {"role": "assistant", "content": "2."},
             {"role": "user", "content": "what about Meta?"}]
    assert resolve(turns, index, facts).question == "What is the meta suffix of modifier suffix?"
    turns[-1]["content"] = "and alt?"
    assert resolve(turns, index, facts).question == "What is the alt suffix of modifier suffix?"
    turns[-1]["content"] = "what about ctrl?"  # (no "ctrl suffix": no such property)
    assert "ctrl suffix" not in resolve(turns, index, facts).question
    turns = [{"role": "user", "content": "Which suffix means Shift for the extended keys?"},  # (another entity named:
             {"role": "assistant", "content": "2."},  # the one holding the answer has the label)
             {"role": "user", "content": "what about Meta?"}]
    assert resolve(turns, index, facts).question == "What is the meta suffix of modifier suffix?"
    kb = _KB(PERSONALITY)
    index, by_key = name_index(kb)
    turns = [{"role": "user", "content": "What is WantDefaultPure for?"},
             {"role": "assistant", "content": "It makes pkgconf prefer a pure dependency graph."},
             {"role": "user", "content": "what type of property is it?"}]
    assert resolve(turns, index, facts_of(kb.triples, by_key)).question == "what type of property is WantDefaultPure?"
