"""Fresh KBs read from Debian's ``iso-codes`` package (``/usr/share/iso-codes/json``): countries and
currencies, languages, country subdivisions, writing systems, former country names, and locales named by their ISO
639 language and ISO 3166 territory (with what Python's ``locale`` module gives them)."""

from __future__ import annotations

import json
from pathlib import Path

COUNTRIES = ["DE", "JP", "BR", "KE", "NO", "AR", "VN", "MA", "NZ", "PT", "CL", "IS", "EG", "TH", "PL", "CA", "GH",
             "UY", "FI", "MN", "IE", "PE", "SN", "HR"]
CURRENCIES = ["EUR", "JPY", "BRL", "KES", "NOK", "ISK", "THB", "PLN", "GHS", "MNT"]
ISO_CODES = Path("/usr/share/iso-codes/json")


def build_iso_kb() -> list[dict]:
    if not (ISO_CODES / "iso_3166-1.json").is_file():
        raise SystemExit(f"{ISO_CODES} is missing: apt-get install iso-codes")
    countries = {c["alpha_2"]: c for c in json.loads((ISO_CODES / "iso_3166-1.json").read_text())["3166-1"]}
    currencies = {c["alpha_3"]: c for c in json.loads((ISO_CODES / "iso_4217.json").read_text())["4217"]}
    kb = []
    for code in COUNTRIES:
        c = countries[code]
        kb += [{"name": c["name"], "property": "alpha-2 code", "value": c["alpha_2"]},
               {"name": c["name"], "property": "alpha-3 code", "value": c["alpha_3"]},
               {"name": c["name"], "property": "numeric code", "value": c["numeric"]}]
        if "official_name" in c:
            kb.append({"name": c["name"], "property": "official name", "value": c["official_name"]})
    for code in CURRENCIES:
        c = currencies[code]
        kb += [{"name": c["name"], "property": "alphabetic code", "value": c["alpha_3"]},
               {"name": c["name"], "property": "numeric code", "value": c["numeric"]}]
    return kb


LANGUAGES = ["Welsh", "Latin", "Sumerian", "Esperanto", "Swahili (macrolanguage)", "Basque", "Icelandic", "Hawaiian",
             "Maori", "Yiddish", "Klingon", "Gothic", "Old English (ca. 450-1100)", "Cornish", "Manx", "Quechua",
             "Bengali", "Tibetan", "Sanskrit", "Coptic", "Volapük", "Dalmatian"]
LANGUAGE_TYPES = {"L": "living", "A": "ancient", "C": "constructed", "E": "extinct", "H": "historical",
                  "S": "special"}
LANGUAGE_SCOPES = {"I": "individual language", "M": "macrolanguage", "S": "special"}


def build_languages_kb() -> list[dict]:
    """22 languages of ISO 639-3 (its code, the ISO 639-1 and ISO 639-2/B codes where the standard gives them, the
    language type and scope, and the common name where there is one), read from Debian's ``iso-codes`` package."""
    path = ISO_CODES / "iso_639-3.json"
    if not path.is_file():
        raise SystemExit(f"{path} is missing: apt-get install iso-codes")
    by_name = {e["name"]: e for e in json.loads(path.read_text(encoding="utf-8"))["639-3"]}
    kb = []
    for name in LANGUAGES:
        e = by_name[name]
        values = {"ISO 639-3 code": e["alpha_3"], "ISO 639-1 code": e.get("alpha_2", ""),
                  "ISO 639-2/B code": e.get("bibliographic", ""), "language type": LANGUAGE_TYPES[e["type"]],
                  "scope": LANGUAGE_SCOPES[e["scope"]], "common name": e.get("common_name", "")}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


SUBDIVISIONS = ["CA-QC", "CH-GE", "DE-BY", "ES-CT", "FR-IDF", "GB-SCT", "IN-KA", "IT-21", "JP-13", "US-CA", "AU-NSW",
                "BR-SP", "MX-JAL", "CN-SC", "RU-MOW", "ZA-WC", "NL-NH", "PL-12", "KR-11", "ES-B", "IT-TO", "BE-VAN",
                "GB-EDH", "CH-ZH"]


def build_subdivisions_kb() -> list[dict]:
    """24 country subdivisions of ISO 3166-2 under their names in the standard ("Bayern", "Catalunya [Cataluña]",
    "Edinburgh, City of"): the code, the subdivision type, the country (its ISO 3166-1 name) and the parent
    subdivision where the standard gives one, read from Debian's ``iso-codes`` package."""
    paths = [ISO_CODES / "iso_3166-2.json", ISO_CODES / "iso_3166-1.json"]
    if not all(p.is_file() for p in paths):
        raise SystemExit(f"{paths[0]} is missing: apt-get install iso-codes")
    subs = {e["code"]: e for e in json.loads(paths[0].read_text(encoding="utf-8"))["3166-2"]}
    countries = {e["alpha_2"]: e["name"] for e in json.loads(paths[1].read_text(encoding="utf-8"))["3166-1"]}
    kb = []
    for code in SUBDIVISIONS:
        e = subs[code]
        country = code.split("-")[0]
        parent = e.get("parent", "")
        parent = subs.get(parent if "-" in parent else f"{country}-{parent}", {}).get("name", "") if parent else ""
        values = {"ISO 3166-2 code": code, "subdivision type": e["type"], "country": countries[country],
                  "parent subdivision": parent}
        kb += [{"name": e["name"], "property": p, "value": v} for p, v in values.items() if v]
    return kb


SCRIPTS = ["Latin", "Cyrillic", "Arabic", "Cherokee", "Hangul (Hangŭl, Hangeul)", "Han (Traditional variant)",
           "Han (Simplified variant)", "Ogham", "Runic", "Tifinagh (Berber)", "Devanagari (Nagari)", "Greek", "Hebrew",
           "Thai", "Georgian (Mkhedruli)", "Armenian", "Ethiopic (Geʻez)", "Braille", "Gothic", "Mongolian", "Tibetan", "Coptic"]


def build_scripts_kb() -> list[dict]:
    """22 writing systems of ISO 15924 under their names in the standard ("Hangul (Hangŭl, Hangeul)", "Han
    (Traditional variant)"): the four-letter code and the numeric code, read from Debian's ``iso-codes``."""
    path = ISO_CODES / "iso_15924.json"
    if not path.is_file():
        raise SystemExit(f"{path} is missing: apt-get install iso-codes")
    by_name = {e["name"]: e for e in json.loads(path.read_text(encoding="utf-8"))["15924"]}
    missing = [n for n in SCRIPTS if n not in by_name]
    if missing:
        raise SystemExit(f"not in {path}: {', '.join(missing)}")
    return [t for n in SCRIPTS for t in ({"name": n, "property": "four-letter code", "value": by_name[n]["alpha_4"]},
                                         {"name": n, "property": "numeric code", "value": by_name[n]["numeric"]})]


def build_former_kb() -> list[dict]:
    """The first 22 formerly used country names of ISO 3166-3 (as the standard writes them, "Burma, Socialist
    Republic of the Union of"): the former alpha-2, alpha-3 and numeric codes, the four-letter ISO 3166-3 code, the
    date the entry was withdrawn and the standard's note where there is one, read from Debian's ``iso-codes``."""
    path = ISO_CODES / "iso_3166-3.json"
    if not path.is_file():
        raise SystemExit(f"{path} is missing: apt-get install iso-codes")
    kb = []
    for e in json.loads(path.read_text(encoding="utf-8"))["3166-3"][:22]:
        values = {"former alpha-2 code": e.get("alpha_2", ""), "former alpha-3 code": e.get("alpha_3", ""),
                  "former numeric code": e.get("numeric", ""), "ISO 3166-3 code": e.get("alpha_4", ""),
                  "withdrawal date": e.get("withdrawal_date", ""), "note": e.get("comment", "")}
        kb += [{"name": e["name"], "property": p, "value": v} for p, v in values.items() if v]
    return kb


LOCALES = ["de_AT", "de_CH", "fr_CA", "fr_BE", "pt_BR", "pt_PT", "es_MX", "es_AR", "en_IE", "en_ZA", "nl_BE",
           "it_CH", "sv_FI", "nb_NO", "da_DK", "pl_PL", "cs_CZ", "hu_HU", "tr_TR", "el_GR", "ru_UA", "ja_JP",
           "ko_KR", "th_TH"]


def build_locales_kb() -> list[dict]:
    """24 locales: the language and territory they name (Debian's ``iso-codes``: ISO 639 and ISO 3166), the
    character set Python's ``locale.normalize`` gives them by default and their Windows locale identifier
    (``locale.windows_locale``, written in hex)."""
    import locale

    languages = {r["alpha_2"]: r["name"] for r in json.loads((ISO_CODES / "iso_639-2.json").read_text())["639-2"]
                 if "alpha_2" in r}
    countries = {r["alpha_2"]: r["name"] for r in json.loads((ISO_CODES / "iso_3166-1.json").read_text())["3166-1"]}
    lcids = {name: number for number, name in locale.windows_locale.items()}
    kb = []
    for name in LOCALES:
        lang, territory = name.split("_")
        normal = locale.normalize(name)
        values = {"language": languages[lang], "territory": countries[territory],
                  "default charset": normal.split(".", 1)[1] if "." in normal else "",
                  "Windows LCID": f"0x{lcids[name]:04X}" if name in lcids else ""}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb
