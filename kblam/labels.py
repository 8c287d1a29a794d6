"""Property labels as registers abbreviate them ("tel.", "no.", "DoB", "grid ref", "antenna height (AGL)"), written
out for the sentence encoder, which reads "the telephone of X" as a phone number and "the tel. of X" barely so.
Only the text the encoder compares is written out: the label shown, stored and matched word for word stays as the
KB writes it."""

from __future__ import annotations

import re
from collections.abc import Iterable

# abbreviation (matched whole, case-insensitively; a trailing dot optional unless written here) -> written out
_SPELLED = {
    "tel": "telephone", "tel.": "telephone", "no.": "number", "nos.": "numbers", "alt.": "altitude",
    "max.": "maximum", "min.": "minimum", "approx.": "approximate", "est.": "established", "ref": "reference",
    "ref.": "reference", "refs": "references", "dept": "department", "dept.": "department", "addr": "address",
    "addr.": "address", "yr": "year", "yrs": "years", "qty": "quantity", "dist.": "distance", "temp.": "temperature",
    "info": "information", "mgr": "manager", "diam.": "diameter", "cap.": "capacity", "reg.": "registration",
    "vol.": "volume", "edn": "edition", "pop.": "population", "elev.": "elevation", "avg": "average",
    "avg.": "average", "hrs": "hours", "mins": "minutes", "dob": "date of birth", "d.o.b.": "date of birth",
    "dod": "date of death", "agl": "above ground level", "amsl": "above mean sea level", "asl": "above sea level",
    "contd": "continued", "govt": "government", "sec.": "section", "ver.": "version", "ver": "version",
    "fw": "firmware", "ext.": "extension", "pref.": "preferred", "desc": "description", "desc.": "description",
    "mntopts": "mount options", "opts": "options", "deps": "dependencies", "ht.": "height", "wt.": "weight", "dia.": "diameter", "loc.": "location", "mob.": "mobile",
}
_WORD = re.compile(r"(?<![\w.])(" + "|".join(sorted((re.escape(k) for k in _SPELLED), key=len, reverse=True))
                   + r")(?![\w])", re.IGNORECASE)


def spelled_out(label: str) -> str:
    """``label`` with the abbreviations registers use written out ("contact tel." -> "contact telephone",
    "HE list entry no." -> "HE list entry number"); unchanged when it holds none."""
    if " " not in label.strip() and _JOINED.search(label):  # (never "pH" alone)  # "allow_any", "default_version", "Bundle-DocURL": words
        label = _CAMEL.sub(" ", _JOINED.sub(" ", label))  # as a config file or manifest runs them together
    return _WORD.sub(lambda m: _SPELLED[m.group(1).casefold()], label)  # ("default_mntopts": "default mount options")

_JOINED = re.compile(r"(?<=[A-Za-z])[_-](?=[A-Za-z])")  # "allow_any", "Bundle-DocURL"
_CAMEL = re.compile(r"(?<=[a-z]{2})(?=[A-Z])")  # "DocURL" inside such a label, not "eBay"


PAGE_LABEL = re.compile(r"(?:man|manual)\s+section|manual", re.IGNORECASE)  # a property only a man page holds


def page_of(labels: Iterable[tuple[str, str]]) -> str | None:
    """The page a KB of one page's facts is about, from its (name, property) pairs in KB order: the first entity
    holding a man section (pages it cites come after)."""
    return next((n for n, p in labels if PAGE_LABEL.fullmatch(p.strip())), None)
