"""The last rows of :data:`intent_table.INTENTS` (after :data:`intent_table_more.MORE_INTENTS`): questions that ask for
a kind of property in other words than its name, each with the words a property named for that kind is headed by.
Data only."""

from __future__ import annotations

import re

LATE_INTENTS = (
    # where to read about it ("which man page should I read about X", "where can I read more about that?": its "see
    # also"; not "tell me more about X", its description)
    ("reading", re.compile(r"\b(?:which|what)\s+(?:man(?:ual)?\s*pages?|manpages?|docs|documentation)\b"
                           r"|\bread\s+(?:more|further|up)\b|\bfurther\s+reading\b|\blearn\s+more\b", re.IGNORECASE),
     frozenset({"see also", "man page", "reference", "references", "documentation", "documented in",
                "reference man page", "further reading", "more information"})),
    # what it goes together with ("which other field is it tied to?", "which trusted field is it different from?",
    # "has to be combined with which other field": its "related field")
    ("related", re.compile(r"\b(?:tied|linked|paired|coupled|combined|used\s+together|goes\s+together)\s+(?:to|with)\b"
                           r"|\b(?:which|what)\b[^?]{0,40}?\bdiffer(?:ent|s)?\s+from\b|\bcounterparts?\b"
                           r"|\bcompanion\b", re.IGNORECASE),
     frozenset({"related", "related field", "related fields", "related option", "related options", "related setting",
                "related settings", "companion", "counterpart", "paired with"})),
    # who puts it there ("who is allowed to attach X to a log message?", "who sets X": its "set by")
    ("set by", re.compile(r"\bwho\s+(?:(?:is|are)\s+allowed\s+to\s+|can\s+|may\s+|gets?\s+to\s+|should\s+|gets?\s+)?"
                          r"(?:sets?|attach(?:es)?|adds?|writes?|fills?(?:\s+in)?|supplies|supply)\b", re.IGNORECASE),
     frozenset({"set by", "added by", "written by", "supplied by", "filled in by", "attached by", "provided by"})),
    # what it is counted in ("what units is X in?", "in which unit is X given": its "unit", "format")
    ("units", re.compile(r"\b(?:what|which)\s+units?\b|\bunits?\s+(?:is|are)\s+(?:it|they|that|this)\b",
                         re.IGNORECASE),
     frozenset({"unit", "units", "measured in", "format", "unit of measure"})),
    # what it may be used with ("IP_HDRINCL works on which socket types?", "valid for which sockets": its "valid only
    # for", "applies to")
    ("valid for", re.compile(r"\bworks?\s+(?:on|with|for)\s+(?:which|what)\b"
                             r"|\b(?:valid|usable|allowed|available)\s+(?:only\s+)?(?:for|on|with)\s+(?:which|what)\b"
                             r"|\b(?:which|what)\s+[^?]{0,30}?\b(?:does|do|can)\s+(?:it|this|that)\s+work\s+(?:on|with)\b",
                             re.IGNORECASE),
     frozenset({"valid only for", "valid for", "applies to", "works with", "works on", "supported on", "only for",
                "usable with"})),
)
