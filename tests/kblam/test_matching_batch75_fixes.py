"""Fixes from the sixty-second session's first round, as general forms, found on KBs from deb-src-files(5), acct(5)
and hosts.equiv(5), each asked through the API before any fix.

"this man page" and "the page" name the page a KB is about (the first entity holding a man section); "acct(5)" names
the page "acct" in man section 5; "the X man page" asks of X, the words say what X
is. "section of the manual" is its "man section", "mandatory" its "required" one. "what's stored in X" asks what X is
where X holds nothing else; "how is X encoded" its format; "where does X go in the line" its position. A follow-up
"what about under PAM?" asks the entity before for its "with PAM"; a follow-up after an answer that is one entity's
value alone is about that entity. A yes/no question writing the start of one property's label ("can I edit X by
hand?" of its "direct editing") is answered by it; "what does the X field correspond to?" asks the value opening with
"corresponds"."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from kblam.aliases import aliases
from kblam.clauses import addressed_entity
from kblam.conversation import resolve
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple

ask_srcfiles, ask_acct = (_asking(_snapshot(n)) for n in ("debsrcfiles", "acct5"))


def test_this_man_page_is_the_page_the_kb_is_about():
    triples = [Triple("deb-src-files", "description", "Debian distribute files format"),
               Triple("deb-src-files", "man section", "5"), Triple("dpkg-gencontrol", "man section", "1")]
    assert addressed_entity("Which dpkg version is this man page from?", triples, "dpkg-gencontrol")[0] == "deb-src-files"
    assert addressed_entity("what is this page about?", triples, "x")[0] == "deb-src-files"
    assert addressed_entity("what is this about?", triples, "x") is None
    assert addressed_entity("this man page?", triples[:1], "x") is None  # (no page in the KB)


def test_a_page_named_with_its_section():
    triples = [Triple("acct", "man section", "5"), Triple("acct", "description", "process accounting file"),
               Triple("ac_flag", "description", "bit mask of flags")]
    assert aliases(triples)["acct"] == {"acct(5)"}
    index = NameIndex([t.name for t in triples], aliases=aliases(triples))
    mentions, _ = index.find("which other man pages does acct(5) point to?")
    assert [index.display[m.name] for m in mentions] == ["acct"]


def test_intents_for_stored_encoded_and_position():
    assert intended("what's stored in X", ["description", "type"]) == ["description"]
    assert intended("tell me how a X value is encoded", ["typedef", "format"]) == ["format"]
    assert intended("How do I write X in HTML?", ["code point", "UTF-8 encoding"]) == []  # (an OOD refusal)
    assert intended("where does the X... list itself go in the line?", ["scope", "field position"]) == ["field position"]


def test_a_follow_up_asking_the_entity_before_in_a_named_case():
    index = NameIndex(["standalone plus sign", "PAM", "promiscuous"])
    facts = {"standalone plus sign": [("meaning", "any host"), ("with PAM", "means any host only with promiscuous")],
             "pam": [("full name", "Pluggable Authentication Modules library")]}
    turns = [{"role": "user", "content": "What does a standalone plus sign mean?"},
             {"role": "assistant", "content": "A wildcard meaning any host."},
             {"role": "user", "content": "what about under PAM?"}]
    assert resolve(turns, index, lambda key: facts.get(key, [])).question == "What is the with PAM of standalone plus sign?"
    turns[-1]["content"] = "what about PAM?"  # (no case: the other entity)
    assert "standalone" not in resolve(turns, index, lambda key: facts.get(key, [])).question


def test_a_follow_up_after_an_answer_that_is_one_entitys_value():
    index = NameIndex(["struct acct_v3", "process accounting"])
    facts = {"struct acct_v3": [("kernel option", "CONFIG_BSD_PROCESS_ACCT_V3"), ("additional fields", "ac_version")],
             "process accounting": [("kernel option", "CONFIG_BSD_PROCESS_ACCT")]}
    turns = [{"role": "user", "content": "Which kernel option enables the version 3 accounting format?"},
             {"role": "assistant", "content": "CONFIG_BSD_PROCESS_ACCT_V3."},
             {"role": "user", "content": "What extra fields does that format add?"}]
    assert "struct acct_v3" in resolve(turns, index, lambda key: facts.get(key, [])).question
    turns[1]["content"] = "It is enabled by a kernel option."  # (no value alone: nothing to carry)
    assert "struct acct_v3" not in resolve(turns, index, lambda key: facts.get(key, [])).question


def test_the_verb_asked_after_a_kind_noun():
    from kblam.wording import verb_opened

    held = [("description", "corresponds to the control field"), ("field position", "2")]
    assert verb_opened("what does the X feild correspond to?", held) == {"description"}
    assert verb_opened("what does X correspond to?", held) == {"description"}


@pytest.mark.realmodel
def test_page_and_field_questions(ask_srcfiles, ask_acct):
    assert ask_srcfiles("Which dpkg version is this man page from?") == [("deb-src-files", "version")]
    assert ask_srcfiles("Which section of the manual is deb-src-files in?") == [("deb-src-files", "man section")]
    assert ask_srcfiles("what does the deb-src-files man page describe") == [("deb-src-files", "description")]
    assert ask_srcfiles("which columns are mandatory in every debian/files entry?") == [("debian/files", "required fields")]
    assert ask_srcfiles("Can I just edit debian/files by hand?") == [("debian/files", "direct editing")]
    assert ask_acct("what's stored in ac_exitcode") == [("ac_exitcode", "description")]
    assert ask_acct("tell me how a comp_t value is encoded") == [("comp_t", "format")]
