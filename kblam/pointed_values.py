"""The one value of a named entity that a question points at without naming its property: the value it sets the
entity to and asks about ("What happens if I set X to -1?", "X=false"), a code it quotes ("which value gives
ctrl/u?"), a command line whose command and subcommand it writes, or the one path where it asks which file. Read by
:mod:`matching` beside the other answer kinds of :mod:`value_fit`."""

from __future__ import annotations

import re

from .entities import fold, tokens
from .value_fit import PLACEHOLDER
from .written_names import SYMBOL_WORDS

# "What happens if I set X to -1?", "what if X is set to 0": the value a setting is given; "X 2 means which hash?"
_SET_TO = re.compile(rf"\b(?:set|sets|setting|put|change|changing)\s+(?:it|{PLACEHOLDER})\s+to\s+([-+]?\w+)"
                     rf"|\b(?:it|{PLACEHOLDER})\s+(?:(?:is|gets)\s+)?set\s+to\s+([-+]?\w+)"
                     rf"|\b{PLACEHOLDER}\s*(?:=\s*|\s+(?:value\s+)?)([-+]?\d+)\s+(?:means?|stands?\s+for)\b"
                     rf"|\b{PLACEHOLDER}=([-+]?\w+)", re.IGNORECASE)  # ("… with relative=true what happens")


def set_value_explained(masked: str, held: list[tuple[str, str]]) -> list[str]:
    """Of the named entity's (property, value) pairs ``held``, the one property whose value explains the value the
    question sets the entity to ("What happens if I set X to -1?" of its "special value: -1 in the value means use the
    route default"): the one labelled for that value ("when false"), or the one that writes that value as a word of its
    own and more besides; none when several do or none."""
    m = _SET_TO.search(masked)
    if m is None:
        return []
    given = next(g for g in m.groups() if g).casefold()
    labelled = [p for p, _ in held if p.casefold() in (f"when {given}", f"if {given}", f"when set to {given}")]
    if len(labelled) == 1:  # ("what does fix_system=false do" of its "when false")
        return labelled
    found = [p for p, v in held if len(v.split()) > 2 and re.search(rf"(?<![\w-]){re.escape(given)}(?![\w-])", v.casefold())]
    return found if len(found) == 1 else []


_CODE_TOKEN = re.compile(r"(?<![\w/=:.-])\w+(?:[/=:+-]\w+)+(?![\w/=:-])|(?<!\w)@\w+|(?<![\w$])\$[\w.]+\$(?![\w$])"  # "ctrl/u", "utf-8", "@system", "$2y$",
                         r"|(?<![\w$])[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9](?!\w)"  # "SERVER_NAME", a symbol alone
                         r"|(?<!\S)[~!^%&](?!\S)|(?<![\w!])![a-z]\w*"  # ("the ~ prefix": its "inversion"; "!command")
                         r"|\b0x[0-9A-Fa-f]{3,}\b")  # a number in hex ("0xffff or more program headers")
# a symbol named in words ("what does the dot mean for X?" of its special value ". (…)", "end in a slash")
_SYMBOL_WORD = re.compile(r"\b(?:the|an?)\s+(" + "|".join(sorted(map(re.escape, SYMBOL_WORDS), key=len, reverse=True))
                          + r")\b", re.IGNORECASE)


_ANY_NAME = r"[a-z][\w.-]*"


def code_quoted(masked: str, held: list[tuple[str, str]]) -> list[str]:
    """The one property, of the named entity's pairs ``held``, whose value writes a code the question quotes ("killchar:
    which value gives ctrl/u?" of its "example: 025 = CTRL/U"), beside more of its own, or is a command line whose
    command and subcommand it writes (:data:`_COMMAND_LINE`); none when several do."""
    codes = {m.group().casefold() for m in _CODE_TOKEN.finditer(masked)}  # (the name set to a value, "X=no", as any
    heads = {c: _ANY_NAME if c[:2] in ("x=", "x:") else re.escape(c[:2]) for c in codes}  # name so: "AllowSuspend=no")
    symbols = {SYMBOL_WORDS[m.group(1).casefold()] for m in _SYMBOL_WORD.finditer(masked)}
    words = {fold(m.group()) for m in tokens(masked)}
    found = [p for p, v in held if v.strip().casefold() not in codes and any(
        re.search(rf"(?<![\w/=:-]){heads[c]}{re.escape(c[2:])}(?![\w/=:-])", v.casefold()) for c in codes) or any(
        re.search(rf"(?<![\w./=:~-]){re.escape(c)}(?![\w/=:~-]|\.[\w/.])", v) for c in symbols)  # (not "../")
        or (command := _COMMAND_LINE.match(v.strip())) and {command.group(1), command.group(2)} <= words]
    return found if len(found) == 1 else []


# a command line: the command and its subcommand, then an option ("gdbus introspect --system …"); a question writing
# both asks for it ("the gdbus command to introspect X")
_COMMAND_LINE = re.compile(r"([a-z][a-z0-9_-]{2,})\s+([a-z][a-z-]{2,})\s+-")


# a question asking which file or path ("Which file does X read its value from?"), and a path a value writes
_FILE_ASKED = re.compile(r"\b(?:which|what)\s+(?:config(?:uration)?\s+)?(?:file|path|directory|folder)\b", re.IGNORECASE)
_PATH_IN_VALUE = re.compile(r"(?<![\w./-])/[\w.@+-]+(?:/[\w.@+-]+)+")


def value_pointed(masked: str, held: list[tuple[str, str]]) -> list[str]:
    """The one property, of the named entity's pairs ``held``, whose value the question points at: it explains the
    value the question sets (:func:`set_value_explained`), writes a code it quotes (:func:`code_quoted`), or, where it
    asks which file or path, is the one that writes a path ("Which file does X read its value from?" of a description
    "the static hostname configured in /etc/hostname"); none when several do or none."""
    found = set_value_explained(masked, held) or code_quoted(masked, held)
    if found or not _FILE_ASKED.search(masked):
        return found
    paths = [p for p, v in held if _PATH_IN_VALUE.search(v)]
    return paths if len(paths) == 1 else []
