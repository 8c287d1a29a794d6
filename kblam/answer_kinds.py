"""The kinds of answer a question's words call for ("who": a person or a name, "when": a date or a time, "how many":
a count, "what time": a time of day, "which days": days of the week...), and what a value must contain to be one:
:data:`ANSWER_KINDS` and the value lengths of "the two-letter code", read by :func:`answer_kind`, and :func:`fits_kind`."""

from __future__ import annotations

import re

# The answer a question expects, from its question words, and what a value must contain to be that answer: a value
# that cannot answer it ("Who proposed X?" and the value "C2 A2") is no answer, however well its property fits.
# The entity's triples whose values fit are chosen among; when none fits, the entity's score drops by
# matching.ANSWER_KIND_DROP.
# a value that is a date beyond doubt: a year, a numeric date, a month's name with a day (or a day with it)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
CALENDAR_DATE = (rf"\b(?:1[5-9]|20)\d\d\b|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b|\b(?:{_MONTHS})[a-z]*\.?\s+\d"
                 rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})")
_MONTHS_TITLED = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"  # a day of the week written out
ANSWER_KINDS = (
    # a reason ("Why did the noise limit at X get cut?"): a phrase of words, never a bare figure
    ("reason", re.compile(r"^\W*(?:(?:and|so|but|ok|okay)\W+)?why\b|\bhow\s+come\b", re.IGNORECASE),
     re.compile(r"^(?=(?:.*?\b[a-z]{3,}\b){4})", re.DOTALL)),  # (four lower-case words: no user-agent string)
    # a web address ("Is there a website where I can log a fault for X?", "Where can I find X online?")
    ("web address", re.compile(r"\b(?:web\s*sites?|web\s*pages?|urls?|home\s*pages?|web\s+address(?:es)?)\b"
                               r"|\blinks?\s+(?:to|for)\b"  # "link to the vendor of X" (not its "link flags")
                               r"|\bonline\s*[?.!]*$|\b(?:find|see|view|read|check)\b[^?]{0,40}\bonline\b",
                               re.IGNORECASE),
     re.compile(r"(?:https?|ftp)://|\bwww\.[\w-]+\.|^\s*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?\s*$", re.IGNORECASE)),
    # a telephone number ("What's the phone number for X?", "what number do I ring?"): seven digits, not a date
    ("phone number", re.compile(r"\b(?:(?:tele)?phone|mobile|contact)\s+(?:number|no)\b|\bring\s+(?:them|up)\b"
                                r"|\bnumber\s+(?:do|should|can|could)\s+(?:i|we|you)\s+(?:ring|call|dial)\b"
                                r"|\bnumber\s+to\s+(?:ring|call|dial|phone)\b", re.IGNORECASE),
     re.compile(r"(?<![\d-])(?!\d{4}-\d\d-\d\d\b)\+?\(?(?:\d[\s().-]{0,2}){7,}")),
    ("year", re.compile(r"\b(?:which|what)\s+year\b", re.IGNORECASE), re.compile(r"\b\d{4}\b")),
    # a file's permissions ("what file permissions should /etc/X have?"): a mode in octal or letters, or words of access
    # (a mode in octal, not a year: "Copyright (C) 2006", "2023-02-05")
    ("file permissions", re.compile(r"\b(?:permissions?|perms|file\s+mode|mode\s+bits|chmod)\b", re.IGNORECASE),
     re.compile(r"(?<!\d[-/.:])(?<!\(C\)\s)(?<!\u00a9\s)\b0?[0-7]{3,4}\b(?![-/.:]\d)|(?<!\w)[r-][w-][xsS-][r-][w-][xsS-]|\b(?:readable|writ(?:e)?able|executable|permissions?|"
                r"owned\s+by|mode|umask|access)\b", re.IGNORECASE)),
    # a span of numbers ("bcrypt cost range?", "what range can X take"): "4 to 31", "1-16", "between 2 and 9"
    ("range", re.compile(r"\b(?:what|which)\s+(?:is\s+the\s+)?range\b|(?<!\bX\s)(?<!\bof\s)\brange\s*[?.!]*$", re.IGNORECASE),
     re.compile(r"(?<![\[\w.])\d[\d,.]*\s*(?:to|-|\u2013|\u2014|\.\.)\s*-?\d|\bbetween\s+-?\d[\d,.]*\s+and\s+-?\d", re.IGNORECASE)),
    # a time of day ("What time does the last tram leave X?"): a clock time or noon, dusk and the like, not a duration
    # ("end-to-end journey time: 31 min"); not "what time of year", "what time frame"
    ("time of day", re.compile(r"\b(?:what|which)\s+time\b(?!\s+(?:of|frame|zone|period|limit|span|scale|slot|units?|format|suffix(?:es)?)\b)"
                               r"|\bat\s+what\s+time\b", re.IGNORECASE),
     re.compile(r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{4}\s*(?:hrs|h)\b|\b(?:noon|midday|midnight|"
                r"dawn|dusk|sunrise|sunset|first\s+light)\b", re.IGNORECASE)),  # (not "late night refreshment")
    # days of the week ("What days does X work?", "which day do you collect from X?"): a weekday; not "what day of the
    # month", "which days' notice", "what day and time" (a timetable slot), "what day did X open" (a date), "which day
    # code means …" (a code)
    ("weekday", re.compile(r"\b(?:what|which)\s+days?\b(?!\s+of\b|'|\s+and\b|\s+(?:did|was|were|had|will)\b"
                           r"|\s+(?:codes?|names?|abbreviations?|entry|entries|keywords?|tokens?)\b)",
                           re.IGNORECASE),
     re.compile(rf"\b(?:{_WEEKDAY}|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\b"
                r"|\bweek(?:days?|ends?)\b|\bdaily\b|\bevery\s+day\b", re.IGNORECASE)),
    # an e-mail address asked for by whom to write to ("who do i email at X about a referral"), not a person
    ("e-mail address", re.compile(r"\bwho\s+(?:do|should|can|could|would)\s+(?:i|we|you|they)\s+(?:e-?mail|write\s+to)\b",
                                  re.IGNORECASE), re.compile(r"[\w.+-]@[\w-]+\.")),
    # a postcode ("X postcode?"): a UK postcode or a US ZIP code, written in the address that holds it
    ("postcode", re.compile(r"\bpost\s*codes?\b|\bzip\s*codes?\b", re.IGNORECASE),
     re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b\d{5}(?:-\d{4})?\s*$")),
    # ("What age are the kids who do X?" asks an age: "who" after another question word is a relative pronoun)
    # ("Is anyone lined up to take over plot 17?" asks who, by yes or no)
    ("person or name", re.compile(r"^\W*(?:(?:and|so|but)\s+)?who\b|^(?!\W*(?:what|which|how|when|where)\b)"
                                  r".*?\bwho\s+(?:is|was|are|were|did|does|do|has|had)\b"
                                  r"|^\W*(?:(?:and|so|but)\s+)?(?:is|are|was|were|has|have|will)\s+(?:there\s+)?"
                                  r"(?:anyone|anybody|someone|somebody)\b", re.IGNORECASE),
     # a capitalised word, an e-mail address or two words of letters ("bold #000080" is no one, nor is a web address,
     # nor a month and year: "Who cast the bells at X?" asks no "cast: June 1861")
     re.compile(rf"^(?!\s*[a-z][\w+.-]*://\S*\s*$)(?!(?i:\s*(?:\d{{1,2}}\s+)?(?:{_MONTHS})[a-z]*\.?\s+\d{{4}}\s*$))"
                r".*?(?:\b[^\W\d_a-z][^\W\d_]|@|[^\W\d_]{3,}\W+[^\W\d_]{3,})", re.DOTALL)),
    # a calendar date ("On what date was X released?"): a year, an ISO date, or a month's name with a number ("in July"
    # names no date); for "What date format …", a format's date codes ("%d.%m.%Y")
    # "what date format does X use?": a format a date is written in ("YYYY-MM-DD", "%d/%m/%Y", ISO 8601)
    ("date format", re.compile(r"\b(?:what|which)\s+date\s+(?:format|syntax|notation|pattern|style)s?\b", re.IGNORECASE),
     re.compile(r"\b(?:YYYY|yyyy|YY|DD|dd|MM)\b|%[dmyYbBaA]|ISO\s*8601|RFC\s*(?:3339|2822|5322)")),
    ("calendar date", re.compile(r"\b(?:what|which)\s+date\b(?!\s+(?:format|syntax|notation|pattern|style)s?\b)|\bwhat(?:['\u2019]s|\s+is|\s+was)\s+the\s+date\b", re.IGNORECASE),
     re.compile(rf"%[dmyYbBaA]|{CALENDAR_DATE}", re.IGNORECASE)),
    # a date or a time: a digit, a month, or a word naming a time ("When was X adopted?" is no question for a unit);
    # not when it asks on what condition something fails, is raised, used or required ("When does X fail?", "when is
    # X required?")
    ("date or time", re.compile(r"^\W*(?:(?:and|so|but)\s+)?when\s+(?!(?:should|would)\s+(?:i|you|we|one|someone|somebody|"
                                r"people|anyone)\b)(?:was|were|did|does|do|is|are|will|has|had|"  # (not "when should I …")
                                r"should|can|could)\b(?!.*\b(?:fail|raise|pass|succeed|match|trigger|throw|"
                                r"use|apply|happen|occur|enable|turn|switch|activate|require|need|ignore|allow|"
                                r"mandatory|necessary|valid|honou?r|source|load|read|parse|include|process|evaluate|execute|"
                                r"invoke|put|replace|set|trim|strip|expand|create|write|get\s+\w+(?:ed|en)|pick|chose|select|decide|determine|"
                                r"generate|assign|(?:you|i|we|one)\s+get)(?:s|es|ed|d|n)?\b)"  # (nor at what
                                # stage: "when does X get sourced?", "when does X get replaced by nothing?")
                                r"|\bon\s+which\s+day\b", re.IGNORECASE),
     # (a UTC offset's "03:30" is no time of day)
     re.compile(r"\b\d{4}\b|(?<!utc[+-])(?<!utc[+-]\d)\d[-/.:]\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                r"dec)[a-z]*\b|\b(?:century|centuries|bce?|ad|"
                r"ce|era|age|period|epoch|ago|never|today|tomorrow|yesterday|spring|summer|autumn|fall|winter|morning|"
                r"evening|noon|midnight|daily|weekly|monthly|yearly|annually|fortnightly|nightly|weekdays?|weekends?|"
                rf"{_WEEKDAY})\b(?!(?-i:\s+(?!(?:{_MONTHS_TITLED})\b)[A-Z][a-z]))"  # "first Monday of the month", not
                # "Saturday Soul Kitchen" (a name); and a weekday written short, capitalised ("Tue & Fri")
                r"|(?-i:\b(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)\b)", re.IGNORECASE)),
    # a number, a number word, or a list to count; not a date, a time of day or a version ("Fri, 03 Apr 2026",
    # "14:29:32", "2.39.5-0"; an offset such as "UTC-02:00" is a number of hours), nor a price ("£28.50")
    ("count", re.compile(r"\bhow\s+many\b", re.IGNORECASE),
     # (the value's first number says: "1,208,440 km (at 31 Dec 2023)" is a count, "Fri, 03 Apr 2026" none)
     re.compile(r"^(?!\s*[£$€¥])(?![^\d]*(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d+\s+(?:jan|"
                r"feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}-\d\d-\d\d|\b\d{1,2}:\d\d:\d\d|\d+\.\d+\.\d+|\d+[.:]\S*[+~]))"
                r".*?(?:\d|,|\b(?:no|none|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
                r"hundred|thousand|million|billion|any|variable|unlimited|arbitrary|unbounded|once|twice|thrice|single|several|"
                r"multiple|few)\b)",
                re.IGNORECASE | re.DOTALL)),
    # a version: dotted numbers ("3.8-4", "TLSv1.3", ">=3.9"), or any value of a property named for one ("since
    # opset": 13; :data:`KIND_PROPERTIES`)
    ("version", re.compile(r"\b(?:which|what)\s+(?:[\w.+-]+\s+){0,2}(?:versions?|releases?)\b"
                           r"|\b(?:since|in|from)\s+(?:which|what)\s+(?:[\w.+-]+\s+)?(?:versions?|releases?)\b",
                           re.IGNORECASE),
     re.compile(r"\d+\.\d|[A-Za-z]\.\d+-\d|^\s*[A-Za-z][\w+-]*\s+v?\d+\s*$")),  # "3.11", a standard's edition
    # ("POSIX.1-2001"), and a value that is a program and its release number alone ("systemd 252")
    # a command to type ("after editing X, what command reloads it?"): an option, a man page, an identifier or a program
    # name alone; not a sentence of plain words ("place a file with the same name in …")
    ("command", re.compile(r"\b(?:what|which)\s+(?:shell\s+|cli\s+)?commands?\s+(?!line\b|-line\b)(?:do|does|should|would|can|"
                           r"could|will|reloads?|runs?|restarts?|applies|shows?|lists?|prints?|produces?|outputs?|displays?|generates?|"
                           r"creates?|is|are)\b", re.IGNORECASE),
     re.compile(r"(?:^|\s)--?[A-Za-z]|\w\(\d\)|\b[a-z]\w*[-_./][\w-]|^\s*[a-z][\w-]*\s*$|`|\b(?:systemctl|git|sudo|apt|dpkg)\b")),
    # a byte order ("What's the endianness of X?", "Which byte order does X use?")
    ("byte order", re.compile(r"\bendian\w*|\bbyte[-\s]?order\b", re.IGNORECASE),
     re.compile(r"\b(?:big|little|bi|middle|mixed|network)\b", re.IGNORECASE)),
    # a file ("Which configuration file does X read its settings from?"): a path, a file's name or a page, or a file
    ("file", re.compile(r"\b(?:which|what)\s+(?:config(?:uration)?\s+)?files?\b(?!\s+(?:formats?|types?|modes?|permissions|"
                        r"names?|sizes?|systems?|extensions?|descriptors?)\b)", re.IGNORECASE),
     re.compile(r"/[\w.@+-]|(?<![^\s\w*])[\w@+*-]*\.[A-Za-z]\w{0,5}\b|\w\(\d\)|\bfiles?\b|\$\w", re.IGNORECASE)),
    # a Request for Comments ("Which RFC defines X?")
    ("RFC", re.compile(r"\bRFCs?\b"), re.compile(r"\bRFC\s*\d+", re.IGNORECASE)),
    # a licence: a known licence's name or any value of a property named for one
    ("licence", re.compile(r"\blicen[cs](?:e|es|ed|ing)\b", re.IGNORECASE),
     re.compile(r"\b(?:MIT|X11|BSD|GPL|LGPL|AGPL|Apache|MPL|ISC|CC[- ]BY|CC0|Unlicense|public\s+domain|proprietary|EPL|"
                r"Artistic|zlib|PSF|OFL|Boost|BSL|WTFPL|licen[cs]e)", re.IGNORECASE)),
)
# properties whose every value is an answer of a kind (:func:`fits_kind`)
KIND_PROPERTIES = {
    # ("When will X have to close down?" of an "end date: … within 12 months of extraction ceasing")
    "date or time": re.compile(r"\bdates?\b|\bexpir(?:y|es)\b|\bdeadline\b", re.IGNORECASE),
    # ("Why has the precept gone up so much?" of its "reason for rise")
    "reason": re.compile(r"\b(?:reasons?|why|causes?|because|rationale|justification|grounds|purpose)\b", re.IGNORECASE),
    "web address": re.compile(r"\b(?:website|homepage|home\s+page|url|web|portal)", re.IGNORECASE),
    "phone number": re.compile(r"\b(?:tele)?phone\b|\btel\b|\bmobile\b|\b(?:hot|help)line\b|\bfax\b", re.IGNORECASE),
    "version": re.compile(r"\b(?:version|release|since|added|introduced|opset)", re.IGNORECASE),
    "licence": re.compile(r"\b(?:licen[cs]|copyright|terms)", re.IGNORECASE),
    "file permissions": re.compile(r"\b(?:permissions?|mode|owner|access)\b", re.IGNORECASE),
    "byte order": re.compile(r"endian|\bbyte\s*order|\bbyteorder", re.IGNORECASE),
    "RFC": re.compile(r"\b(?:RFC|standard|spec)", re.IGNORECASE),
    "command": re.compile(r"\bcommands?\b|\brun\s+with\b|\bhow\s+to\s+(?:reload|apply|run)\b", re.IGNORECASE),
    "range": re.compile(r"\brange\b|\bmin(?:imum)?\b|\bmax(?:imum)?\b|\blimits?\b|\bbounds?\b", re.IGNORECASE),
    "file": re.compile(r"\bfiles?\b|\bpaths?\b|\blocation\b|\bpatterns?\b|\bglobs?\b|\bstorage\b|\bsource\b", re.IGNORECASE),
}


def fits_kind(kind: tuple[str, re.Pattern], prop: str, value: str) -> bool:
    """Whether a triple's value is an answer of the ``kind`` a question expects (:func:`answer_kind`)."""
    named = KIND_PROPERTIES.get(kind[0])
    if kind[0] == "count" and _STARS.fullmatch(value.strip()):  # "How many stars does X get?" of "stars: **"
        return True
    return bool(kind[1].search(value)) or named is not None and bool(named.search(prop))


_STARS = re.compile(r"([*\u2605\u2606])\1{0,4}")  # a rating written as a run of stars


# "the two-letter code", "3-digit number", "which three letters": the value is that many letters (digits, characters)
_NUMBERS = ("one|single", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_LENGTH_UNITS = {"letter": r"[^\W\d_]", "digit": r"\d", "character": r"\S", "char": r"\S"}
# (a plural only after "which" or "what": "what separates the two characters" counts things; nor "a single-character
# line", a line of one character)
_LENGTH = re.compile(rf"(?:\b(?:which|what)\s+(?=\S+[- ]?\S+s\b)|(?=\S+[- ]?(?:{'|'.join(_LENGTH_UNITS)})\b))"
                     rf"\b(\d{{1,2}}|{'|'.join(_NUMBERS)})[- ]?({'|'.join(_LENGTH_UNITS)})s?\b"
                     r"(?!\s+(?:lines?|entries|entry|ranges?|sections?|definitions?)\b)", re.IGNORECASE)


def answer_kind(question: str) -> tuple[str, re.Pattern] | None:
    """The kind of answer the question's wording expects, and the pattern a value needs to be one (or None)."""
    length = _LENGTH.search(question)
    if length:
        count, unit = length.group(1).lower(), length.group(2).lower()
        n = int(count) if count.isdigit() else next(i for i, w in enumerate(_NUMBERS, 1) if count in w.split("|"))
        return f"{n}-{unit}", re.compile(rf"^\s*-{{0,2}}{_LENGTH_UNITS[unit]}{{{n}}}\s*$")  # an option's "-H" too
    for kind, asks, value in ANSWER_KINDS:
        if asks.search(question):
            return kind, value
    return None
