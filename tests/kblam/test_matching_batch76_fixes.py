"""Fixes from the sixty-second session's second round, as general forms, found on KBs from apt_auth.conf(5),
dnssec-trust-anchors.d(5) and slabinfo(5) (and the rest of the seventy-fifth batch), each asked through the API
before any fix.

"a .positive file" names the entity whose suffix is ".positive"; "DS record" names a "DS resource record";
"auth.conf.d/*.conf" names /etc/apt/auth.conf.d/*.conf by its last two parts; "format 1.1" and "1.2" name "version
1.1" and "version 1.2"; "several machine tokens" names "multiple machine tokens"; "X= goes in which files?" asks
where X is set; "and the negative ones?" is the question before, of that name. A yes/no question's word that says
what the entity is ("a DELETE request", "a tier 1 target") picks no property by its label."""

from __future__ import annotations

import pytest
from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

from bench.fresh_kbs import BUILDERS
from kblam.aliases import aliases
from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.kb import Triple
from kblam.name_variants import everyday_forms, versioned_forms

ask_trust, ask_slab = (_asking(_snapshot(n)) for n in ("dnssectrust", "slabinfo"))
ask_methods = _asking([Triple(t["name"], t["property"], t["value"]) for t in BUILDERS["httpmethods"]()])


def test_a_file_named_by_its_suffix():
    triples = [Triple("positive trust anchor file", "suffix", ".positive"),
               Triple("negative trust anchor file", "suffix", ".negative"), Triple("masked", "description", "empty")]
    assert aliases(triples)["positive trust anchor file"] == {".positive file", ".positive files"}
    index = NameIndex([t.name for t in triples], aliases=aliases(triples))
    mentions, _ = index.find("Which lines get ignored in a .negative file?")
    assert [index.display[m.name] for m in mentions] == ["negative trust anchor file"]
    shared = triples + [Triple("other file", "suffix", ".positive")]  # (a suffix two entities hold names neither)
    assert "positive trust anchor file" not in aliases(shared)


def test_everyday_forms_and_numbered_versions():
    assert everyday_forms("DS resource record") == ["DS record"]
    assert everyday_forms("/etc/apt/auth.conf.d/*.conf") == ["auth.conf.d/*.conf"]
    assert everyday_forms("/etc/gshadow") == [] and everyday_forms("trust anchor database") == []
    assert everyday_forms("multiple machine tokens") == ["several machine tokens", "many machine tokens"]
    assert "format 1.1" in versioned_forms("version 1.1") and "1.1" in versioned_forms("version 1.1")
    assert versioned_forms("Version 3 format") == ["v3", "v3 format"]  # (no dotted number: no bare "3")
    index = NameIndex(["version 1.1", "version 1.2", "/proc/slabinfo"])
    mentions, _ = index.find("format 1.1 was used in which kernel series")
    assert [index.display[m.name] for m in mentions] == ["version 1.1"]


def test_which_files_a_setting_goes_in():
    assert intended("X= goes in which files?", ["description", "location"]) == ["location"]
    assert intended("which file does X go in?", ["description", "location"]) == ["location"]


def test_and_the_other_ones_is_the_question_before_of_that_name():
    from kblam.conversation import resolve

    index = NameIndex(["positive trust anchor file", "negative trust anchor file", "masked"])
    turns = [{"role": "user", "content": "What suffix do positive trust anchor files have?"},
             {"role": "assistant", "content": ".positive"}, {"role": "user", "content": "and the negative trust anchor ones?"}]
    assert resolve(turns, index).question == "What suffix do negative trust anchor file have?"


@pytest.mark.realmodel
def test_trust_anchor_and_slabinfo_questions(ask_trust, ask_slab, ask_methods):
    assert ask_methods("Can I submit a DELETE request from a plain HTML form?") == []
    assert ask_trust("Which lines get ignored in a .positive file?") == [("positive trust anchor file", "ignored lines")]
    assert ask_slab("format 1.1 was used in which kernel series") == [("version 1.1", "present in")]
