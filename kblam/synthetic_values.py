"""Value and name styles of the synthetic KB (:mod:`kblam.synthetic`): syllable and word pools, one generator per
value style (numbers with units, dates, codes, e-mails, URLs, phrases, sentences, ...), the entity types with
their property names, and each property's value style. Every draw goes through the caller's ``random.Random``;
nothing iterates a set or hash order, so the output does not depend on ``PYTHONHASHSEED``."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

# ----------------------------------------------------------------------------------------------- word pools
_ONSETS = ("ba bel bra ca cor da del dra e fa fen fro ga gor gri ha hel i ja jor ka kel kor kri la lor lu ma mel "
           "mor na nor o pa pel pra qua quor ra rel ro sa sel sor sta ta tel tor tri u va vel vor wa wen xan ya "
           "za zel zor").split()
_VOWELS = "aeiou"
_MIDS = "a e i o u ra ri ro la li le na ne ni ta ti va vi ve mo ka do si".split()
_CODAS = "n x s th r l nd rn sk vex ra rio ano ett ine ara ova ek ix on ar en ul is os ak".split()
_ADJS = ("amber ancient silent crimson hidden golden silver quiet restless wandering bright hollow iron velvet "
         "frozen distant gentle broken scarlet emerald lonely northern southern burning patient clever modest "
         "bold swift tidy humble radiant sturdy curious vivid misty rusty lucky secret copper open careful "
         "steady nimble rapid compact reliable elegant robust portable modular").split()
_NOUNS = ("lantern harbor orchard river meadow engine garden tower signal market bridge compass library forest "
          "canyon mirror anchor valley beacon archive workshop kitchen island furnace circuit network ledger "
          "pathway summit pier quarry vineyard glacier cellar atlas clock kettle loom ferry citadel observatory "
          "greenhouse pipeline scheduler dashboard sensor battery notebook telescope festival theatre").split()
_VERBS = ("build organise measure protect connect simplify track teach preserve monitor deliver translate "
          "restore analyse catalogue schedule automate visualise support train document reduce improve share "
          "explore balance compress secure archive").split()
_GROUPS = ("small farmers|local schools|city planners|remote teams|hospital staff|young readers|field researchers|"
           "coastal villages|night-shift workers|amateur astronomers|independent bakers|museum visitors|"
           "first-year students|delivery drivers|rural clinics|data analysts").split("|")
_COLOURS = ("red blue green yellow teal navy maroon olive crimson amber turquoise lavender charcoal ivory "
            "magenta coral indigo beige ochre violet silver gold bronze scarlet mint-green sky-blue "
            "burnt-orange slate-grey forest-green pale-pink").split()
_CITIES = ("Lisbon Oslo Nairobi Montevideo Osaka Tbilisi Quito Adelaide Marseille Tallinn Bergen Porto Krakow "
           "Hanoi Accra Valparaiso Ljubljana Halifax Cusco Tromso Dakar Leeds Bilbao Graz Malmo Cebu Perth "
           "Windhoek Reykjavik Zagreb Bologna Izmir Lyon Ghent Kyoto Medellin").split()
_ANIMALS = ("Ravens Falcons Otters Wolves Herons Lynxes Badgers Comets Foxes Stags Hornets Pikes Bison Cranes "
            "Marlins Owls Panthers Rams Vipers Wrens").split()
_TLDS = "com org net io dev co.uk de fr nl example".split()
_MONTHS = ("January February March April May June July August September October November December").split()
_CHOICES: dict[str, list[str]] = {
    "job": ("architect nurse welder translator pilot botanist accountant locksmith cartographer sommelier "
            "geologist librarian electrician veterinarian typesetter beekeeper").split(),
    "blood": "A+ A- B+ B- AB+ AB- O+ O-".split(),
    "industry": ("logistics aerospace textiles agriculture fintech robotics shipping pharmaceuticals "
                 "renewable-energy publishing mining hospitality").split(),
    "genre": ("thriller romance documentary comedy western fantasy mystery satire horror biography "
              "science-fiction drama jazz folk ambient punk").split(),
    "language": ("English Portuguese Finnish Swahili Korean Basque Welsh Icelandic Tagalog Catalan Hungarian "
                 "Estonian").split(),
    "prog": "Rust Python Go Haskell Kotlin C++ Zig Elixir OCaml Julia TypeScript Scala".split(),
    "license": "MIT Apache-2.0 GPL-3.0 BSD-3-Clause MPL-2.0 LGPL-2.1 Unlicense AGPL-3.0".split(),
    "os": "Debian 12 | Ubuntu 22.04 | Rocky Linux 9 | FreeBSD 14 | Alpine 3.19 | Windows Server 2022".split(" | "),
    "cuisine": "Peruvian Ethiopian Georgian Basque Vietnamese Lebanese Sicilian Korean Oaxacan Nordic".split(),
    "league": "Premier Division | Northern League | Coastal Conference | Second Tier | Continental Cup".split(" | "),
    "odour": "odourless pungent sweet fruity metallic musty sharp floral smoky".split(),
    "difficulty": "easy moderate hard expert beginner-friendly".split(),
    "department": "Mathematics Linguistics Biology History Engineering Economics Music Chemistry".split(),
    "ingredient": "lentils saffron quince barley chestnuts fennel tamarind sorrel buckwheat okra".split(),
    "tz": "UTC-8 UTC-5 UTC-3 UTC UTC+1 UTC+2 UTC+3 UTC+5:30 UTC+8 UTC+9 UTC+10 UTC+12".split(),
    "gases": "nitrogen argon methane carbon-dioxide neon helium ammonia xenon".split(),
    "weekday": "Mondays Tuesdays Wednesdays Thursdays Fridays Saturdays".split(),
}


def _word(rng: random.Random) -> str:
    """A pronounceable invented word, e.g. 'Quorvanex'."""
    word = rng.choice(_ONSETS)
    for part in [rng.choice(_MIDS) for _ in range(rng.choice((0, 1, 1, 2)))] + [rng.choice(_CODAS)]:
        if word[-1] in _VOWELS and part[0] in _VOWELS:
            part = part[1:] or "n"  # no vowel clashes ('waek' → 'wak')
        elif word[-1] not in _VOWELS and part[0] not in _VOWELS:
            word += rng.choice(_VOWELS)  # no consonant pile-ups ('pelr' → 'pelar')
        word += part
    return word.capitalize()


def _person(rng: random.Random) -> str:
    return f"{_word(rng)} {_word(rng)}"


def _organisation(rng: random.Random) -> str:
    suffix = rng.choice("Dynamics Labs Holdings Systems Industries Group Works Foundry Press Studios Yards".split())
    return f"{_word(rng)} {suffix}"


def _place(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(_CITIES)
    return _word(rng) + rng.choice(("", "", "haven", "mere", "ford", "holm", "burg", "stad"))


# --------------------------------------------------------------------------------------- value generators
def _spread(rng: random.Random, lo: float, hi: float) -> float:
    """Uniform for narrow ranges, log-uniform for wide ones (so '$40' and '$4 billion' both occur)."""
    if lo >= 0 and hi > 1000 * max(lo, 1):
        return math.exp(rng.uniform(math.log(max(lo, 1)), math.log(hi)))
    return rng.uniform(lo, hi)


def _integer(rng: random.Random, lo: int, hi: int, unit: str = "") -> str:
    n = min(hi, max(lo, round(_spread(rng, lo, hi))))
    text = f"{n:,}" if n >= 10_000 and rng.random() < 0.5 else str(n)
    return f"{text} {unit}" if unit else text


def _quantity(rng: random.Random, lo: float, hi: float, decimals: int, unit: str) -> str:
    return f"{_spread(rng, lo, hi):.{rng.randint(0, decimals)}f} {unit}"


def _date(rng: random.Random, lo: int = 1950, hi: int = 2030) -> str:
    y, m, d = rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28)
    month = _MONTHS[m - 1]
    formats = (f"{y:04d}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}", f"{month} {d}, {y}", f"{d} {month} {y}",
               f"{month[:3]} {d} {y}")
    return rng.choice(formats)


def _code(rng: random.Random, *patterns: str) -> str:
    """'A' capital letter, '~' small letter, '9' digit, 'h' hex digit, the rest literal: 'AA-9999-A' → 'QX-4471-B'."""
    out = []
    for ch in rng.choice(patterns):
        if ch == "A":
            out.append(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ"))
        elif ch == "~":
            out.append(rng.choice("abcdefghijkmnopqrstuvwxyz"))
        elif ch == "9":
            out.append(str(rng.randint(0, 9)))
        elif ch == "h":
            out.append(rng.choice("0123456789ABCDEF"))
        else:
            out.append(ch)
    return "".join(out)


def _email(rng: random.Random) -> str:
    a, b = _word(rng).lower(), _word(rng).lower()
    local = rng.choice((f"{a}.{b}", f"{a}{rng.randint(1, 99)}", f"{a}_{b}", a[0] + b, "info", "support"))
    return f"{local}@{_word(rng).lower()}.{rng.choice(_TLDS)}"


def _phone(rng: random.Random) -> str:
    return _code(rng, "+44 20 9999 9999", "(999) 999-9999", "+1-999-555-9999", "+49 30 99999999",
                 "+351 99 999 9999", "0999 999 999")


def _url(rng: random.Random) -> str:
    host = f"{rng.choice(('www.', '', 'docs.', 'git.'))}{_word(rng).lower()}.{rng.choice(_TLDS)}"
    path = rng.choice(("", "/", f"/{_word(rng).lower()}", f"/{rng.choice(_NOUNS)}/{rng.randint(1, 999)}"))
    return f"https://{host}{path}"


def _choice(rng: random.Random, pool: str) -> str:
    value = rng.choice(_CHOICES[pool])
    return value if pool in ("license", "blood", "tz") else value.replace("-", " ")


def _a(word: str) -> str:
    """The word with its indefinite article: 'an amber', 'a quiet'."""
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _phrase(rng: random.Random, lo: int = 2, hi: int = 8) -> str:
    """A short phrase of lo..hi words built from the word pools."""
    n = rng.randint(lo, hi)
    words = [rng.choice(_VERBS) + "ing"] if n >= 4 and rng.random() < 0.4 else []
    while len(words) < n - 1:
        words.append(rng.choice(_ADJS))
        if len(words) < n - 1 and rng.random() < 0.3:
            words.append(rng.choice(("and", "with", "of", "near", "for")))
    words.append(rng.choice(_NOUNS))
    return " ".join(words[:n]).replace("eing", "ing")


def _sentence(rng: random.Random, kind: str = "description") -> str:
    adj, noun, verb, group = rng.choice(_ADJS), rng.choice(_NOUNS), rng.choice(_VERBS), rng.choice(_GROUPS)
    adj2, noun2, verb2 = rng.choice(_ADJS), rng.choice(_NOUNS), rng.choice(_VERBS)
    templates = {
        "description": [f"{_a(adj).capitalize()} {noun} known for its {adj2} {noun2}.",
                        f"{_a(adj).capitalize()} {noun} that helps {group} {verb} their {noun2} records.",
                        f"Best described as {_a(adj)} {noun} with {_a(adj2)} {noun2} at its heart.",
                        f"{_a(adj).capitalize()} kind of {noun}, popular with {group} since {rng.randint(1900, 2024)}."],
        "purpose": [f"To {verb} {adj} {_plural(noun)} for {group}.",
                    f"It exists to {verb} the {noun} of {group} and {verb2} their {noun2}.",
                    f"Helping {group} {verb} {adj2} {_plural(noun2)}."],
        "objective": [f"{verb.capitalize()} the {adj} {noun} and {verb2} every {noun2} by {rng.randint(2025, 2040)}.",
                      f"Learn to {verb} {_a(adj)} {noun} and {verb2} {adj2} {_plural(noun2)}.",
                      f"Cut {noun} costs by {rng.randint(5, 60)} percent for {group}."],
    }
    return rng.choice(templates[kind])


def _version(rng: random.Random) -> str:
    core = f"{rng.randint(0, 14)}.{rng.randint(0, 30)}.{rng.randint(0, 40)}"
    return rng.choice((core, "v" + core, core + rng.choice(("-beta", "-rc1", "-alpha.2")), core.rsplit(".", 1)[0]))


def _money(rng: random.Random, lo: float, hi: float) -> str:
    sym = rng.choice(("$", "€", "£", "¥"))
    x = _spread(rng, lo, hi)
    if x >= 1e6:
        scale, div = ("billion", 1e9) if x >= 1e9 else ("million", 1e6)
        return f"{sym}{x / div:.1f} {scale}"
    return f"{sym}{x:,.2f}" if x < 1000 else f"{sym}{int(x):,}"


def _time(rng: random.Random, span: bool = False) -> str:
    h, m = rng.randint(6, 11), rng.choice((0, 15, 30, 45))
    if span:
        return f"{h}:{m:02d}–{rng.randint(16, 23)}:{rng.choice((0, 30)):02d}"
    return rng.choice((f"{h + rng.randint(0, 8):02d}:{m:02d}", f"{h}:{m:02d} AM", f"{rng.choice(_CHOICES['weekday'])} at {h + 6}:{m:02d}"))


def _duration(rng: random.Random, unit: str) -> str:
    n = rng.randint(1, {"minutes": 240, "hours": 72, "days": 400, "years": 12}[unit])
    if unit == "minutes" and n > 60 and rng.random() < 0.5:
        return f"{n // 60} hour{'s' if n >= 120 else ''} {n % 60} minutes"
    return f"{n} {unit[:-1] if n == 1 else unit}"


def _formula(rng: random.Random) -> str:
    elems = ["C", "H"] + rng.sample(["N", "O", "S", "Cl", "P", "Br", "F", "Si"], rng.randint(1, 3))
    return "".join(e + (str(rng.randint(2, 24)) if rng.random() < 0.8 else "") for e in elems)


def _address(rng: random.Random) -> str:
    street = rng.choice(("Street", "Road", "Lane", "Avenue", "Quay", "Square"))
    return f"{rng.randint(1, 250)} {_word(rng)} {street}, {_place(rng)}"


def _title(rng: random.Random) -> str:
    return rng.choice((f"The {rng.choice(_ADJS).title()} {rng.choice(_NOUNS).title()}",
                       f"{_plural(rng.choice(_NOUNS).title())} of {_word(rng)}", f"{_word(rng)} Nights"))


def _listing(rng: random.Random, pool: Sequence[str], n_max: int) -> str:
    """1..n_max distinct items of `pool` as English: 'a', 'a and b', 'a, b and c'."""
    items = [x.replace("-", " ") for x in rng.sample(list(pool), rng.randint(1, n_max))]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# style name → generator(rng, *params)
VALUE_STYLES: dict[str, Callable[..., str]] = {
    "integer": _integer, "quantity": _quantity, "date": _date, "code": _code, "email": _email,
    "phone": _phone, "url": _url, "place": _place, "person": _person, "organisation": _organisation,
    "choice": _choice, "phrase": _phrase, "sentence": _sentence, "version": _version, "money": _money,
    "time": _time, "duration": _duration, "formula": _formula, "address": _address, "title": _title,
    "year": lambda r, lo=1800, hi=2024: str(r.randint(lo, hi)),
    "word": lambda r: _word(r),
    "colour": lambda r, n_max=1: _listing(r, _COLOURS, n_max),
    "list": lambda r, pool, n_max: _listing(r, _CHOICES[pool], n_max),
    "percentage": lambda r: f"{r.uniform(0.5, 99.9):.{r.randint(0, 2)}f}%",
    "ip": lambda r: ".".join(str(r.randint(1, 254)) for _ in range(4)),
    "mac": lambda r: _code(r, "hh:hh:hh:hh:hh:hh"),
    "rating": lambda r: r.choice((f"{r.uniform(1, 5):.1f} out of 5", f"{r.uniform(1, 10):.1f}/10",
                                  r.choice(("1 star", "2 stars", "3 stars", "4 stars", "5 stars")))),
    "dimensions": lambda r: " x ".join(f"{r.uniform(1, 60):.1f}" for _ in range(3)) + " cm",
}

# property name → (value style, generator parameters)
PROPERTIES: dict[str, tuple[str, tuple]] = {
    # shared across types
    "description": ("sentence", ("description",)), "purpose": ("sentence", ("purpose",)),
    "email address": ("email", ()), "phone number": ("phone", ()), "website": ("url", ()),
    "founding year": ("year", ()), "launch date": ("date", ()), "nickname": ("phrase", (2, 4)),
    "rating": ("rating", ()), "genre": ("choice", ("genre",)), "mascot": ("phrase", (2, 3)),
    "motto": ("phrase", (3, 7)), "director": ("person", ()), "captain": ("person", ()),
    "discoverer": ("person", ()), "address": ("address", ()), "opening hours": ("time", (True,)),
    # person
    "date of birth": ("date", (1930, 2008)), "favourite colour": ("colour", ()), "occupation": ("choice", ("job",)),
    "home city": ("place", ()), "height": ("quantity", (140, 205, 1, "cm")), "shoe size": ("integer", (34, 48)),
    "hobby": ("phrase", (2, 6)), "blood type": ("choice", ("blood",)), "favourite food": ("phrase", (2, 4)),
    "pet's name": ("word", ()), "username": ("code", ("~~~~~99", "user_9999", "~~~~_~~~")),
    "employee ID": ("code", ("EMP-99999", "AA-9999-A", "99-AAA-999")),
    # company
    "headquarters": ("place", ()), "chief executive": ("person", ()),
    "number of employees": ("integer", (3, 250_000)), "stock ticker": ("code", ("AAAA", "AAA", "AAAA.A")),
    "support phone number": ("phone", ()), "annual revenue": ("money", (2e5, 9e10)),
    "industry": ("choice", ("industry",)), "slogan": ("phrase", (3, 6)),
    "registration number": ("code", ("AA999999", "9999-AAA-99", "HRB 99999")),
    "mission statement": ("sentence", ("purpose",)),
    # city
    "population": ("integer", (800, 9_000_000)), "mayor": ("person", ()), "area": ("quantity", (3, 2500, 1, "km²")),
    "elevation": ("quantity", (-20, 4200, 0, "m")), "postal code": ("code", ("99999", "AA9 9AA", "9999-999")),
    "main export": ("phrase", (1, 3)), "twin city": ("place", ()),
    "average temperature": ("quantity", (-12, 31, 1, "°C")), "time zone": ("choice", ("tz",)),
    "airport code": ("code", ("AAA",)),
    # product
    "price": ("money", (5, 4000)), "serial number": ("code", ("AA-9999-A", "SN99999999", "99AA-hhhh-99")),
    "weight": ("quantity", (0.05, 40, 2, "kg")), "colour": ("colour", ()), "manufacturer": ("organisation", ()),
    "warranty period": ("duration", ("years",)), "battery life": ("duration", ("hours",)),
    "dimensions": ("dimensions", ()), "model number": ("code", ("AA-999", "A9999A", "AAA-99-99")),
    "support email": ("email", ()),
    # software project
    "version": ("version", ()), "license": ("choice", ("license",)), "programming language": ("choice", ("prog",)),
    "repository URL": ("url", ()), "maintainer": ("person", ()), "latest release date": ("date", (2015, 2026)),
    "number of contributors": ("integer", (1, 3000)), "default port": ("integer", (1024, 65535)),
    "issue tracker": ("url", ()),
    # ship
    "tonnage": ("integer", (200, 220_000, "tonnes")), "home port": ("place", ()),
    "hull number": ("code", ("AA-999", "A-9999", "99-A")), "length": ("quantity", (12, 400, 1, "m")),
    "top speed": ("quantity", (8, 45, 1, "knots")), "call sign": ("code", ("AAAA9", "A9AA", "AA9999")),
    "crew size": ("integer", (2, 1800)), "builder": ("organisation", ()), "hull colour": ("colour", ()),
    # chemical compound
    "boiling point": ("quantity", (-180, 480, 1, "°C")), "melting point": ("quantity", (-200, 350, 1, "°C")),
    "molar mass": ("quantity", (16, 900, 2, "g/mol")), "chemical formula": ("formula", ()),
    "density": ("quantity", (0.6, 4.5, 3, "g/cm³")), "registry number": ("code", ("99999-99-9", "9999-99-9")),
    "odour": ("choice", ("odour",)), "hazard class": ("code", ("Class 9", "Class 9.9", "H999")),
    "solubility in water": ("quantity", (0, 900, 1, "g/L")),
    # book, film
    "author": ("person", ()), "publication year": ("year", (1700, 2025)),
    "ISBN": ("code", ("978-9-99-999999-9", "979-99-9999-999-9")), "number of pages": ("integer", (40, 1400)),
    "publisher": ("organisation", ()), "opening line": ("sentence", ("description",)),
    "original language": ("choice", ("language",)), "main character": ("person", ()), "cover colour": ("colour", ()),
    "release date": ("date", (1950, 2026)), "running time": ("duration", ("minutes",)),
    "budget": ("money", (1e5, 3e8)), "box office gross": ("money", (1e4, 2e9)), "lead actor": ("person", ()),
    "filming location": ("place", ()), "tagline": ("phrase", (3, 8)), "studio": ("organisation", ()),
    # sports team, restaurant
    "home stadium": ("title", ()), "head coach": ("person", ()), "league": ("choice", ("league",)),
    "team colours": ("colour", (3,)), "championship titles": ("integer", (0, 40)),
    "head chef": ("person", ()), "signature dish": ("phrase", (2, 5)), "average price": ("money", (8, 180)),
    "seating capacity": ("integer", (10, 400)), "cuisine": ("choice", ("cuisine",)),
    "reservation email": ("email", ()),
    # planet
    "orbital period": ("quantity", (1, 90_000, 1, "days")), "mass": ("quantity", (0.01, 300, 2, "Earth masses")),
    "surface temperature": ("quantity", (-230, 470, 0, "°C")), "number of moons": ("integer", (0, 90)),
    "discovery year": ("year", (1780, 2026)), "host star": ("code", ("AAA-9999", "HD 999999", "AA 999 A")),
    "atmosphere composition": ("list", ("gases", 3)), "day length": ("duration", ("hours",)),
    "distance from its star": ("quantity", (0.01, 60, 2, "AU")),
    "surface gravity": ("quantity", (0.5, 30, 2, "m/s²")),
    # course
    "course code": ("code", ("AAA-999", "AA999", "AAAA 999A")), "instructor": ("person", ()),
    "credits": ("integer", (1, 12)), "room number": ("code", ("A-999", "999A", "Room 99")),
    "start date": ("date", (2020, 2027)), "objective": ("sentence", ("objective",)),
    "prerequisite": ("title", ()), "enrollment limit": ("integer", (8, 600)), "exam date": ("date", (2020, 2027)),
    "syllabus URL": ("url", ()), "meeting time": ("time", ()), "department": ("choice", ("department",)),
    # server
    "IP address": ("ip", ()), "operating system": ("choice", ("os",)), "RAM": ("integer", (2, 1024, "GB")),
    "CPU cores": ("integer", (1, 256)), "data center": ("code", ("AAA-9", "AA99", "DC-99")),
    "uptime": ("percentage", ()), "admin email": ("email", ()), "rack number": ("code", ("R99-U99", "A99")),
    "last patch date": ("date", (2021, 2026)), "disk capacity": ("quantity", (0.1, 400, 1, "TB")),
    "MAC address": ("mac", ()),
    # recipe
    "preparation time": ("duration", ("minutes",)), "cooking time": ("duration", ("minutes",)),
    "servings": ("integer", (1, 16)), "main ingredients": ("list", ("ingredient", 3)),
    "calories per serving": ("integer", (60, 1900, "kcal")), "oven temperature": ("quantity", (120, 260, 0, "°C")),
    "difficulty": ("choice", ("difficulty",)), "origin region": ("place", ()), "secret ingredient": ("phrase", (1, 3)),
    # band, museum, university, spacecraft, mountain
    "lead singer": ("person", ()), "formation year": ("year", (1950, 2025)), "record label": ("organisation", ()),
    "debut album": ("title", ()), "number of members": ("integer", (2, 12)), "hometown": ("place", ()),
    "biggest hit": ("title", ()), "annual visitors": ("integer", (2_000, 9_000_000)),
    "admission fee": ("money", (0, 40)), "most famous exhibit": ("phrase", (2, 6)), "curator": ("person", ()),
    "number of galleries": ("integer", (2, 120)), "rector": ("person", ()),
    "student population": ("integer", (400, 90_000)), "campus city": ("place", ()),
    "acceptance rate": ("percentage", ()), "endowment": ("money", (1e6, 5e10)), "school colours": ("colour", (2,)),
    "mission objective": ("sentence", ("objective",)), "launch vehicle": ("code", ("AAAA-9", "AA-99A")),
    "mission duration": ("duration", ("days",)), "operator": ("organisation", ()), "destination": ("word", ()),
    "mission cost": ("money", (1e7, 9e9)), "dry mass": ("quantity", (80, 30_000, 0, "kg")), "COSPAR ID": ("code", ("9999-999A",)), "commander": ("person", ()),
    "height above sea level": ("quantity", (300, 8800, 0, "m")), "first ascent year": ("year", (1780, 2024)),
    "first climber": ("person", ()), "location": ("place", ()), "prominence": ("quantity", (50, 4800, 0, "m")),
    "difficulty grade": ("code", ("A9", "AA", "9A+")), "base camp": ("place", ()),
}


def _pick(rng: random.Random, words: str) -> str:
    return rng.choice(words.split())


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in _VOWELS:
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _one_of(rng: random.Random, *makers: Callable[[random.Random], str]) -> str:
    return rng.choice(makers)(rng)


# entity type → (name generator, its property names, '|'-separated)
_TYPE_TABLE: dict[str, tuple[Callable[[random.Random], str], str]] = {
    "person": (_person, "email address|phone number|date of birth|favourite colour|occupation|home city|height|"
                        "shoe size|hobby|blood type|favourite food|pet's name|username|employee ID|motto|nickname"),
    "company": (_organisation, "founding year|headquarters|chief executive|number of employees|stock ticker|"
                               "support phone number|annual revenue|website|industry|slogan|registration number|"
                               "email address|mission statement|description"),
    "city": (lambda r: _word(r) + _pick(r, "- - haven mere ford holm burg stad ton").strip("-"),
             "population|mayor|area|elevation|founding year|postal code|main export|twin city|average temperature|"
             "time zone|nickname|airport code|description"),
    "product": (lambda r: f"{_word(r)} {r.choice('XZQRTVK')}{r.randint(2, 990)}",
                "price|launch date|serial number|weight|colour|manufacturer|warranty period|battery life|"
                "dimensions|model number|support email|description|rating"),
    "software project": (lambda r: _one_of(r, lambda q: f"Project {_word(q)}",
                                           lambda q: f"{_word(q).lower()}-{_pick(q, 'db js kit core cli')}"),
                         "version|license|programming language|repository URL|maintainer|latest release date|"
                         "purpose|number of contributors|default port|issue tracker|description|website"),
    "ship": (lambda r: f"{_pick(r, 'MV SS RV')} {_word(r)} {r.choice(_NOUNS).title()}",
             "captain|tonnage|home port|launch date|hull number|length|top speed|call sign|crew size|builder|"
             "hull colour"),
    "chemical compound": (lambda r: (_pick(r, "di tri tetra meth eth prop iso cyclo") + _word(r).lower()
                                     + _pick(r, "ane ene ol ide ate ine one")).capitalize(),
                          "boiling point|melting point|molar mass|chemical formula|density|registry number|colour|"
                          "odour|discoverer|hazard class|solubility in water"),
    "book": (lambda r: f"The {r.choice(_ADJS).title()} {r.choice(_NOUNS).title()} of {_word(r)}",
             "author|publication year|ISBN|number of pages|publisher|genre|opening line|original language|"
             "main character|cover colour|rating"),
    "film": (lambda r: f"{_word(r)}: {r.choice(_ADJS).title()} {r.choice(_NOUNS).title()}",
             "director|release date|running time|budget|box office gross|genre|lead actor|rating|"
             "filming location|tagline|studio"),
    "sports team": (lambda r: f"{_word(r)} {r.choice(_ANIMALS)}",
                    "home stadium|head coach|founding year|league|team colours|mascot|championship titles|captain|"
                    "website|nickname"),
    "restaurant": (lambda r: f"{_word(r)}'s {_pick(r, 'Kitchen Bistro Table Grill Brasserie Canteen Tavern')}",
                   "head chef|opening hours|signature dish|address|phone number|average price|seating capacity|"
                   "cuisine|rating|reservation email"),
    "planet": (lambda r: _one_of(r, lambda q: f"{_word(q)} {_pick(q, 'II III IV V VI VII')}",
                                 lambda q: f"{_word(q)}-{q.randint(2, 999)}b"),
               "orbital period|mass|surface temperature|number of moons|discovery year|host star|"
               "atmosphere composition|day length|distance from its star|discoverer|surface gravity"),
    "course": (lambda r: f"{_pick(r, 'Introductory Advanced Applied Comparative')} {_word(r)} "
                         f"{_pick(r, 'Studies Mechanics Linguistics Economics Botany Acoustics')}",
               "course code|instructor|credits|room number|start date|objective|prerequisite|enrollment limit|"
               "exam date|syllabus URL|meeting time|department"),
    "server": (lambda r: f"srv-{_word(r).lower()}-{r.randint(1, 99):02d}",
               "IP address|operating system|RAM|CPU cores|data center|uptime|admin email|rack number|purpose|"
               "last patch date|disk capacity|MAC address"),
    "recipe": (lambda r: f"{_pick(r, 'Smoked Braised Spiced Roasted Pickled Glazed')} {_word(r)} "
                         f"{_pick(r, 'Stew Pie Tart Curry Soup Salad Dumplings Risotto')}",
               "preparation time|cooking time|servings|main ingredients|calories per serving|oven temperature|"
               "difficulty|origin region|secret ingredient|description"),
    "band": (lambda r: f"The {_word(r)} {_plural(r.choice(_NOUNS).title())}",
             "lead singer|formation year|record label|debut album|genre|number of members|hometown|biggest hit|"
             "email address|website"),
    "museum": (lambda r: f"{_word(r)} Museum of {_plural(r.choice(_NOUNS).title())}",
               "director|founding year|address|annual visitors|admission fee|opening hours|most famous exhibit|"
               "curator|website|number of galleries"),
    "university": (lambda r: _one_of(r, lambda q: f"University of {_word(q)}",
                                     lambda q: f"{_word(q)} Institute of Technology"),
                   "rector|founding year|student population|motto|campus city|acceptance rate|endowment|mascot|"
                   "website|school colours"),
    "spacecraft": (lambda r: _one_of(r, lambda q: f"{_word(q)}-{q.randint(1, 12)}", lambda q: f"{_word(q)} Probe"),
                   "launch date|mission objective|launch vehicle|dry mass|mission duration|operator|destination|"
                   "mission cost|COSPAR ID|commander"),
    "mountain": (lambda r: _one_of(r, lambda q: f"Mount {_word(q)}", lambda q: f"{_word(q)} Peak"),
                 "height above sea level|first ascent year|first climber|location|prominence|difficulty grade|"
                 "base camp|description"),
}
ENTITY_TYPES: dict[str, tuple[Callable[[random.Random], str], tuple[str, ...]]] = {
    etype: (make_name, tuple(props.split("|"))) for etype, (make_name, props) in _TYPE_TABLE.items()}


def invent_name(rng: random.Random) -> str:
    """A fresh invented entity name of a random type (e.g. for questions about entities not in a KB)."""
    return ENTITY_TYPES[rng.choice(sorted(ENTITY_TYPES))][0](rng)


def generate_value(prop: str, rng: random.Random) -> str:
    """A fresh value for `prop` from its style generator (independent of any entity name)."""
    style, params = PROPERTIES[prop]
    return VALUE_STYLES[style](rng, *params)
