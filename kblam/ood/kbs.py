"""Knowledge bases built from real data tables that ship with Python and the installed packages, offline and
without the synthetic generator: HTTP status codes (``http.HTTPStatus``), Unicode characters (``unicodedata``,
``html.entities``), time zones (``tzdata``'s ``zone.tab``/``iso3166.tab`` and ``zoneinfo``), CODATA physical
constants (``scipy.constants``) and programming languages (``pygments`` lexers).

Each builder returns a :class:`RealKB`: a seeded selection of 100-300 triples (whole entities), the table's other
rows (for unknown entities, near-miss names and larger retrieval KBs) and where the data came from. Values are the
table's own strings (codes, phrases, numbers, offsets), so "value exactly correct" is checkable byte for byte."""

from __future__ import annotations

import html.entities
import random
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from pathlib import Path

from ..kb import Triple


@dataclass
class RealKB:
    """One evaluation KB: ``triples`` (the KB), ``others`` (the same table's entities left out of it) and
    ``source`` (module and data version, so a report says which table it measured)."""

    name: str
    title: str
    source: str
    triples: list[Triple]
    others: list[Triple] = field(default_factory=list)

    @property
    def entities(self) -> list[str]:
        return list(dict.fromkeys(t.name for t in self.triples))

    @property
    def properties(self) -> list[str]:
        return list(dict.fromkeys(t.property for t in self.triples))

    def by_entity(self, triples: Iterable[Triple] | None = None) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for t in self.triples if triples is None else triples:
            out.setdefault(t.name, {})[t.property] = t.value
        return out

    @property
    def other_entities(self) -> list[str]:
        return list(dict.fromkeys(t.name for t in self.others))


def _split(name: str, title: str, source: str, rows: dict[str, dict[str, str]], n_entities: int,
           seed: int) -> RealKB:
    """A seeded choice of ``n_entities`` whole entities for the KB; the rest of the table in ``others``."""
    names = sorted(rows)
    rng = random.Random(f"{name}:{seed}")
    chosen = set(rng.sample(names, min(n_entities, len(names))))
    ordered = rng.sample(names, len(names))  # KB order is shuffled too, not alphabetical

    def triples(keep: bool) -> list[Triple]:
        return [Triple(n, p, v) for n in ordered if (n in chosen) == keep for p, v in rows[n].items() if v]

    return RealKB(name, title, source, triples(True), triples(False))


# ---- HTTP status codes ------------------------------------------------------------------------------------

_HTTP_CLASSES = {1: "Informational", 2: "Success", 3: "Redirection", 4: "Client Error", 5: "Server Error"}


def http_status_kb(seed: int = 0, n_entities: int = 50) -> RealKB:
    """``HTTP 404``: reason phrase, description (when the table has one), status class, Python constant."""
    rows = {}
    for status in HTTPStatus:
        rows[f"HTTP {status.value}"] = {
            "reason phrase": status.phrase,
            "description": status.description,
            "status class": _HTTP_CLASSES[status.value // 100],
            "Python constant": f"HTTPStatus.{status.name}",
        }
    return _split("http_status", "HTTP status codes", "Python http.HTTPStatus", rows, n_entities, seed)


# ---- Unicode characters -----------------------------------------------------------------------------------

# Latin-1 letters and signs, Greek, currency signs, simple arrows, common maths operators, punctuation, number
# forms, and the digits of several scripts: characters people ask about by name.
_UNICODE_RANGES = [(0x00A1, 0x00FF), (0x0391, 0x03C9), (0x20A0, 0x20C0), (0x2190, 0x21BB), (0x2200, 0x223F),
                   (0x2010, 0x2044), (0x2150, 0x2182), (0x0660, 0x0669), (0x0966, 0x096F), (0x09E6, 0x09EF),
                   (0x0E50, 0x0E59), (0xFF10, 0xFF19)]
# more of the table for the 1,000-triple retrieval KB
_UNICODE_MORE = [(0x0100, 0x017F), (0x0400, 0x044F), (0x21BC, 0x21FF), (0x2240, 0x22FF), (0x25A0, 0x25FF)]


def unicode_name(ch: str) -> str:
    """The character's Unicode name in sentence case ("Greek small letter alpha"): how people write it."""
    name = unicodedata.name(ch)
    return name[0] + name[1:].lower()


def _unicode_rows(ranges: Iterable[tuple[int, int]]) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if not unicodedata.name(ch, "") or unicodedata.category(ch).startswith(("C", "Z", "M")):
                continue
            entity = html.entities.codepoint2name.get(cp)
            decimal = unicodedata.decimal(ch, None)
            rows[unicode_name(ch)] = {
                "code point": f"U+{cp:04X}",
                "general category": unicodedata.category(ch),
                "bidirectional class": unicodedata.bidirectional(ch),
                "UTF-8 encoding": ch.encode("utf-8").hex(" ").upper(),
                "decimal digit value": "" if decimal is None else str(decimal),
                "HTML entity": f"&{entity};" if entity else "",
            }
    return rows


def unicode_kb(seed: int = 0, n_entities: int = 45) -> RealKB:
    """``Euro sign``: code point, general category, bidirectional class, UTF-8 encoding, decimal digit value
    (digits only), HTML entity (where HTML names one)."""
    rows = _unicode_rows(_UNICODE_RANGES)
    return _split("unicode", "Unicode characters", f"Python unicodedata (Unicode {unicodedata.unidata_version}) "
                  "and html.entities", rows, n_entities, seed)


def unicode_large(n_triples: int = 1000, seed: int = 0) -> list[Triple]:
    """A larger slice of the Unicode table (whole entities, seeded) for retrieval at 1,000 triples."""
    rows = _unicode_rows(_UNICODE_RANGES + _UNICODE_MORE)
    kb = _split("unicode", "Unicode characters", "", rows, len(rows), seed)
    return kb.triples[:n_triples]


# ---- time zones -------------------------------------------------------------------------------------------

def _tz_table(name: str) -> list[list[str]]:
    import tzdata

    path = Path(tzdata.__file__).parent / "zoneinfo" / name
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _zone_facts(zone: str, year: int = 2025) -> dict[str, str]:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone)
    winter, summer = (datetime(year, m, 15, 12, tzinfo=timezone.utc).astimezone(tz) for m in (1, 7))
    standard = next((d for d in (winter, summer) if not d.dst()), winter)
    dst = next((d for d in (winter, summer) if d.dst()), None)
    return {"standard UTC offset": _offset(standard.utcoffset()), "standard abbreviation": standard.tzname(),
            "daylight saving offset": _offset(dst.utcoffset()) if dst else "",
            "daylight saving abbreviation": dst.tzname() if dst else ""}


def timezone_kb(seed: int = 0, n_entities: int = 32) -> RealKB:
    """``Europe/Paris``: country, country code, coordinates (ISO 6709, as ``zone.tab`` has them), standard
    UTC offset and abbreviation, and the daylight saving ones for zones that observe it (2025 rules)."""
    import tzdata

    countries = {row[0]: row[1] for row in _tz_table("iso3166.tab")}
    rows = {}
    for code, coords, zone, *_ in _tz_table("zone.tab"):
        rows[zone] = {"country": countries.get(code, ""), "country code": code, "coordinates": coords,
                      **_zone_facts(zone)}
    return _split("timezones", "IANA time zones", f"tzdata {tzdata.IANA_VERSION} (zone.tab, iso3166.tab) via "
                  "zoneinfo", rows, n_entities, seed)


# ---- physical constants -----------------------------------------------------------------------------------

def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e16 else repr(float(x))


def constants_kb(seed: int = 0, n_entities: int = 75) -> RealKB:
    """``electron mass``: value, unit (dimensionless constants have none), standard uncertainty (exact
    constants have none), from the CODATA table scipy ships."""
    import scipy
    from scipy.constants import find, physical_constants

    rows = {}
    for name in find(None, disp=False):  # the current CODATA release only (older names are aliases)
        value, unit, uncertainty = physical_constants[name]
        if "relationship" in name or len(name.split()) > 6:
            continue  # unit conversion factors and very long names: not what people ask about
        rows[name] = {"value": _number(value), "unit": unit, "standard uncertainty":
                      _number(uncertainty) if uncertainty else ""}
    return _split("constants", "CODATA physical constants", f"scipy {scipy.__version__} scipy.constants "
                  "(CODATA)", rows, n_entities, seed)


# ---- programming languages --------------------------------------------------------------------------------

def languages_kb(seed: int = 0, n_entities: int = 60) -> RealKB:
    """``Haskell``: short name, file extensions (up to three patterns), MIME type, from Pygments' lexer table."""
    import pygments
    from pygments.lexers import get_all_lexers

    rows = {}
    for name, aliases, patterns, mimetypes in get_all_lexers():
        if not re.fullmatch(r"[A-Z][A-Za-z0-9 #-]{2,}", name) or not aliases or not patterns or name in rows:
            continue
        rows[name] = {"short name": aliases[0], "file extensions": ", ".join(patterns[:3]),
                      "MIME type": mimetypes[0] if mimetypes else ""}
    return _split("languages", "programming languages", f"Pygments {pygments.__version__} lexers", rows,
                  n_entities, seed)


BUILDERS: dict[str, Callable[..., RealKB]] = {
    "http_status": http_status_kb,
    "unicode": unicode_kb,
    "timezones": timezone_kb,
    "constants": constants_kb,
    "languages": languages_kb,
}


def build_kbs(names: Iterable[str] | None = None, seed: int = 0) -> list[RealKB]:
    """The named KBs (default: all), in a stable order; an unknown name raises ``ValueError``."""
    names = list(names) if names else list(BUILDERS)
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        raise ValueError(f"unknown OOD KB {', '.join(unknown)}; choose from {', '.join(BUILDERS)}")
    return [BUILDERS[n](seed) for n in names]
