"""The thirtieth batch (KBs read from real data: Vim's Ex commands, PostgreSQL client options from ``--help``, mke2fs
settings, Python dependencies) at first contact: a program's option written with the program as a possessive
("pg_basebackup's --checkpoint") or alone ("--maintenance-db"), but not after another program ("pg_dumpall --clean");
a one-letter flag, the shortest form, a "!" variant, the program an option belongs to, what values an option takes,
"deps", labels abbreviated ("default_mntopts")."""

from __future__ import annotations

import pytest

from kblam.entities import NameIndex
from kblam.intents import intended
from kblam.labels import spelled_out
from kblam.name_variants import program_forms
from kblam.value_fit import PLACEHOLDER as X

OPTIONS = ["pg_dump --clean", "pg_dump --schema-only", "createdb --maintenance-db", "pg_basebackup --checkpoint",
           "psql --csv"]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(OPTIONS)


def test_program_forms():
    assert program_forms("pg_dump --clean") == ["pg_dump's --clean", "--clean"]
    assert program_forms("Lane Diner") == [] and program_forms("pg_dump") == []


@pytest.mark.parametrize(("question", "name"), [
    ("what values does pg_basebackup's --checkpoint accept?", "pg_basebackup --checkpoint"),
    ("one-letter flag for pg_dump's schema-only?", "pg_dump --schema-only"),
    ("--maintenance-db belongs to which client program?", "createdb --maintenance-db"),
    ("what does pg_dump --clean do?", "pg_dump --clean"),
])
def test_options_as_people_write_them(index, question, name):
    mentions, _ = index.find(question)
    assert [index.display[m.name] for m in mentions] == [name]


def test_another_programs_option_is_a_near_miss(index):
    mentions, misses = index.find("pg_dumpall --clean, what does it do?")
    assert mentions == [] and misses[0].said == "pg_dumpall --clean" and misses[0].closest == ("pg_dump --clean",)


OPTS = ["short form", "argument", "description", "section", "program"]


@pytest.mark.parametrize(("question", "props", "want"), [
    (f"one-letter flag for {X}?", OPTS, ["short form"]),
    (f"{X}: which tool is that from?", OPTS, ["program"]),
    (f"what values does {X} accept?", OPTS, ["argument"]),
    (f"{X} abbrev?", ["shortest form", "description", "help file", "bang form"], ["shortest form"]),
    (f"Is there a ! variant of {X}?", ["shortest form", "description", "help file", "bang form"], ["bang form"]),
    (f"can I force {X} with an exclamation mark?", ["shortest form", "description", "bang form"], ["bang form"]),
    (f"deps of {X}?", ["requires python", "dependencies", "number of dependencies", "version"], ["dependencies"]),
    (f"what's the version of {X}!", ["shortest form", "version", "bang form"], []),  # an exclamation, no "!" asked
])
def test_properties_asked_for_in_other_words(question, props, want):
    assert intended(question, props) == want


def test_abbreviated_config_labels():
    assert spelled_out("default_mntopts") == "default mount options"
