"""Fixes from the sixty-eighth session, as general forms, found on KBs from man pages (the eighty-seventh batch and
the two questions the last all-KB run lost).

"Which options does X create accept?" asks no value that opens with "create": the subcommand is part of what is
named, another verb follows it. "Give me the gdbus command to introspect X" asks the one value that is a command line
whose command and subcommand the question writes."""

from __future__ import annotations

from test_matching_batch53_fixes import _asking
from test_matching_batch55_fixes import _snapshot

ask_bundle, ask_import = (_asking(_snapshot(n)) for n in ("gitbundle", "import1"))


def test_a_subcommand_before_another_verb_is_no_verb_a_value_opens_with(ask_bundle):
    assert ask_bundle("Which options does git bundle create accept?") == []


def test_a_command_line_whose_command_and_subcommand_are_written(ask_import):
    assert ask_import("Give me the gdbus command to introspect a Transfer object.") == [
        ("org.freedesktop.import1.Transfer", "example")]
    assert ask_import("which signals does the Transfer object send?") == [("org.freedesktop.import1.Transfer", "signals")]
