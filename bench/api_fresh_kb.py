"""A check in the style of the hidden acceptance KBs: a KB built at run time from real system tables that no
evaluation or training here uses, asked through the OpenAI-compatible API with the real ``openai`` client, with
questions hand-written for this check only (never read by training or calibration): single questions in free
phrasings, two-part questions, follow-up turns, and questions to refuse (entities not in the KB, properties the KB
lacks, off-topic). Sixty-four KBs, the first five:

- ``errno`` (``bench/data/fresh_questions.json``): POSIX errno codes with ``os.strerror`` messages and POSIX
  signals with ``signal.strsignal`` descriptions (numbers as this platform defines them);
- ``iso`` (``bench/data/fresh_questions_iso.json``): countries (ISO 3166-1 alpha-2, alpha-3 and numeric codes,
  official name where the standard gives one) and currencies (ISO 4217 alphabetic and numeric codes), read from
  Debian's ``iso-codes`` package (``/usr/share/iso-codes/json``; ``apt-get install iso-codes``);
- ``dpkg`` (``bench/data/fresh_questions_dpkg.json``): the package metadata of 20 packages every Debian system has
  installed (version, maintainer, installed size, section, priority, homepage where there is one, summary), as
  ``dpkg-query`` reports them on this machine (versions differ between Debian releases; the expected answers are
  read from the KB built at run time); ``--packages N`` adds N other installed packages to the KB (a scale check with
  the same questions; a question about a package "not in the KB" may then find it);
- ``services`` (``bench/data/fresh_questions_services.json``): 22 network services from Debian's ``/etc/services``
  (port number, transport protocols, aliases and description where the file has them);
- ``pypi`` (``bench/data/fresh_questions_pypi.json``): the core metadata of 22 Python packages this project installs
  (``importlib.metadata``: version, summary, licence, required Python, author, homepage, source repository).
and fifty-nine more (``languages``, ``protocols``, ``subdivisions``, ``changelogs``, ``exceptions``, ``colours``,
``users``, ``dtypes``, ``scripts``, ``former``, ``certs``, ``ufuncs``, ``configs``, ``units``, ``distributions``,
``styles``, ``ciphers``, ``onnx``, ``modes``, ``charsets``, ``cpus``, ``hashes``, ``ethertypes``, ``rpc``, ``terminfo``,
``ast``, ``lexers``, ``entities``, ``opcodes``, ``locales``, ``builtins``, ``graphs``, ``formats``, ``offsets``, ``fonts``,
``ctypes``, ``sqlfuncs``, ``pipelines``, ``controls``, ``gitcmds``, ``tokens``, ``console``, ``rcparams``, ``pragmas``,
``logindefs``, ``mimetypes``, ``gradio``; ``copyrights``, ``limits``, ``blocks``, ``layers``, ``systemd``, ``manpages``,
``stdlib``, ``perlcore``, ``alternatives``, ``colormaps``, ``estimators``, ``docxstyles`` in
:mod:`bench.fresh_builders`), each described by its ``build_*_kb`` function, its questions in
``bench/data/fresh_questions_K.json``.

    python -m bench.api_fresh_kb --base-url http://127.0.0.1:7860/v1 [--kb iso]   # a running `python app.py`

Writes ``bench/results/api_fresh_kb.json`` (``api_fresh_kb_iso.json``, …): value correct (every expected value
byte for byte in the answer, once per triple asked for, and not refused), refusal recall, answerable refused,
follow-ups, and every question with its answer.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import shutil
import signal
import subprocess
import time
import warnings
from pathlib import Path

from bench.fresh_builders import BUILDERS as MORE_BUILDERS

ERRNO = ["ENOENT", "EACCES", "EEXIST", "ENOTDIR", "EISDIR", "EINVAL", "ENOSPC", "EPIPE", "EAGAIN", "ECONNREFUSED",
         "ETIMEDOUT", "EADDRINUSE", "ENOMEM", "EBADF", "EINTR", "EROFS", "ENOTEMPTY", "EHOSTUNREACH", "ECONNRESET",
         "EPERM"]
SIGNALS = ["SIGINT", "SIGTERM", "SIGKILL", "SIGHUP", "SIGSEGV", "SIGPIPE", "SIGALRM", "SIGCHLD", "SIGUSR1", "SIGSTOP"]
COUNTRIES = ["DE", "JP", "BR", "KE", "NO", "AR", "VN", "MA", "NZ", "PT", "CL", "IS", "EG", "TH", "PL", "CA", "GH",
             "UY", "FI", "MN", "IE", "PE", "SN", "HR"]
CURRENCIES = ["EUR", "JPY", "BRL", "KES", "NOK", "ISK", "THB", "PLN", "GHS", "MNT"]
ISO_CODES = Path("/usr/share/iso-codes/json")
DATA = Path(__file__).with_name("data")
PACKAGES = ["coreutils", "bash", "grep", "sed", "tar", "gzip", "dpkg", "apt", "findutils", "diffutils", "util-linux",
            "perl-base", "debianutils", "base-files", "login", "passwd", "hostname", "ncurses-base", "mawk", "gpgv"]
DPKG_FIELDS = {"version": "${Version}", "maintainer": "${Maintainer}", "installed size": "${Installed-Size}",
               "section": "${Section}", "priority": "${Priority}", "homepage": "${Homepage}",
               "summary": "${binary:Summary}"}
SERVICES = ["ftp", "ssh", "telnet", "smtp", "domain", "tftp", "http", "kerberos", "pop3", "ntp", "imap2", "snmp",
            "bgp", "ldap", "https", "submission", "ipp", "imaps", "pop3s", "socks", "nfs", "ms-sql-s"]
LANGUAGES = ["Welsh", "Latin", "Sumerian", "Esperanto", "Swahili (macrolanguage)", "Basque", "Icelandic", "Hawaiian",
             "Maori", "Yiddish", "Klingon", "Gothic", "Old English (ca. 450-1100)", "Cornish", "Manx", "Quechua",
             "Bengali", "Tibetan", "Sanskrit", "Coptic", "Volapük", "Dalmatian"]
LANGUAGE_TYPES = {"L": "living", "A": "ancient", "C": "constructed", "E": "extinct", "H": "historical",
                  "S": "special"}
LANGUAGE_SCOPES = {"I": "individual language", "M": "macrolanguage", "S": "special"}
PROTOCOLS = ["icmp", "igmp", "tcp", "udp", "ipv6", "gre", "esp", "ah", "ipv6-icmp", "ospf", "sctp", "vrrp", "pim",
             "l2tp", "rsvp", "eigrp", "dccp", "ipcomp", "udplite", "hip", "etherip", "mptcp"]
SUBDIVISIONS = ["CA-QC", "CH-GE", "DE-BY", "ES-CT", "FR-IDF", "GB-SCT", "IN-KA", "IT-21", "JP-13", "US-CA", "AU-NSW",
                "BR-SP", "MX-JAL", "CN-SC", "RU-MOW", "ZA-WC", "NL-NH", "PL-12", "KR-11", "ES-B", "IT-TO", "BE-VAN",
                "GB-EDH", "CH-ZH"]
CHANGELOG_PACKAGES = ["curl", "git", "openssl", "python3", "tzdata", "zlib1g", "libc6", "wget", "less", "procps",
                      "xz-utils", "bzip2", "unzip", "zip", "make", "patch", "file", "iproute2", "iso-codes", "sqlite3"]
EXCEPTIONS = ["KeyError", "ZeroDivisionError", "FileNotFoundError", "TimeoutError", "RecursionError",
              "UnicodeDecodeError", "StopIteration", "BrokenPipeError", "PermissionError", "IndexError",
              "ModuleNotFoundError", "NotImplementedError", "OverflowError", "IsADirectoryError", "ConnectionRefusedError",
              "BlockingIOError", "AttributeError", "KeyboardInterrupt", "AssertionError", "FloatingPointError",
              "InterruptedError", "UnboundLocalError"]
COLOURS = ["snow", "ghost white", "navajo white", "alice blue", "dark slate gray", "tomato", "chocolate", "orchid",
           "medium aquamarine", "papaya whip", "light goldenrod", "cornflower blue", "firebrick", "lemon chiffon",
           "saddle brown", "dodger blue", "peach puff", "olive drab", "misty rose", "lawn green", "hot pink",
           "slate blue"]
USERS = ["root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy", "www-data",
         "backup", "list", "irc", "_apt", "nobody"]  # the system accounts of Debian's base-passwd
DTYPES = ["float16", "float32", "float64", "longdouble", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "complex64", "complex128", "bool", "bytes_", "str_", "datetime64", "timedelta64", "object_"]
DTYPE_KINDS = {"f": "floating point", "i": "signed integer", "u": "unsigned integer", "c": "complex floating point",
               "b": "boolean", "M": "datetime", "m": "timedelta", "O": "Python object", "S": "byte string",
               "U": "Unicode string"}
SCRIPTS = ["Latin", "Cyrillic", "Arabic", "Cherokee", "Hangul (Hangŭl, Hangeul)", "Han (Traditional variant)",
           "Han (Simplified variant)", "Ogham", "Runic", "Tifinagh (Berber)", "Devanagari (Nagari)", "Greek", "Hebrew",
           "Thai", "Georgian (Mkhedruli)", "Armenian", "Ethiopic (Geʻez)", "Braille", "Gothic", "Mongolian", "Tibetan", "Coptic"]
PYPI = ["numpy", "torch", "transformers", "gradio", "openai", "rapidfuzz", "pydantic", "fastapi", "uvicorn", "httpx",
        "safetensors", "huggingface-hub", "sentence-transformers", "pyarrow", "pandas", "jinja2", "requests", "pytest",
        "hypothesis", "tqdm", "pyyaml", "starlette"]


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


def build_dpkg_kb(extra: int = 0) -> list[dict]:
    """The 20 packages' metadata, and with ``extra`` that of as many other installed packages (a scale check: the
    questions stay the same; one that asks about a package not in the KB may then find it installed)."""
    if shutil.which("dpkg-query") is None:
        raise SystemExit("dpkg-query is missing: this KB needs a Debian system")
    sep = "\x1f"
    out = subprocess.run(["dpkg-query", "-W", "-f", sep.join(["${Package}", *DPKG_FIELDS.values()]) + "\n"],
                         capture_output=True, text=True, timeout=60)
    rows = {line.split(sep)[0]: line.split(sep)[1:] for line in out.stdout.splitlines() if line}
    missing = [p for p in PACKAGES if p not in rows]
    if missing:
        raise SystemExit(f"not installed here: {', '.join(missing)}")
    kb = []
    for package in PACKAGES + [p for p in rows if p not in PACKAGES][:extra]:
        for prop, value in zip(DPKG_FIELDS, rows[package], strict=True):
            if value.strip():
                kb.append({"name": package, "property": prop,
                           "value": f"{value} KiB" if prop == "installed size" else value})
    return kb


def build_services_kb(path: Path = Path("/etc/services")) -> list[dict]:
    """The 22 network services' port number, transport protocols, aliases and description (the comment, where the
    file has one) as Debian's ``netbase`` lists them in ``/etc/services``."""
    if not path.is_file():
        raise SystemExit(f"{path} is missing: apt-get install netbase")
    found: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        parts = body.split()
        if len(parts) < 2 or "/" not in parts[1]:
            continue
        port, proto = parts[1].split("/", 1)
        entry = found.setdefault(parts[0], {"port number": port, "protocols": [], "aliases": parts[2:],
                                            "description": ""})
        entry["protocols"].append(proto)
        entry["description"] = entry["description"] or comment.strip()
    missing = [s for s in SERVICES if s not in found]
    if missing:
        raise SystemExit(f"not in {path}: {', '.join(missing)}")
    kb = []
    for name in SERVICES:
        entry = found[name]
        values = {"port number": entry["port number"], "transport protocol": " and ".join(entry["protocols"]),
                  "aliases": ", ".join(entry["aliases"]), "description": entry["description"]}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_pypi_kb() -> list[dict]:
    """The core metadata of 22 Python packages installed with this project (version, summary, licence where it is
    short, required Python, first author, homepage and source repository where the package names them), as
    ``importlib.metadata`` reads them (values follow the pinned versions)."""
    from importlib import metadata

    kb = []
    for name in PYPI:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            raise SystemExit(f"{name} is not installed: run `make setup` first") from None
        urls = {}
        for entry in meta.get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            urls.setdefault(label.strip().lower(), url.strip())
        licence = (meta.get("License-Expression") or meta.get("License") or "").strip()
        author = (meta.get("Author") or meta.get("Author-email") or "").strip()
        values = {"version": meta["Version"], "summary": (meta.get("Summary") or "").strip(),
                  "license": licence if len(licence) <= 60 and "\n" not in licence else "",
                  "requires Python": (meta.get("Requires-Python") or "").strip(),
                  "author": author.split(", ")[0] if author.count("<") > 1 else author,
                  "homepage": meta.get("Home-page") or urls.get("homepage") or urls.get("home") or "",
                  "source code": urls.get("source") or urls.get("repository") or urls.get("source code") or ""}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


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


def build_protocols_kb(path: Path = Path("/etc/protocols")) -> list[dict]:
    """22 IP protocols from Debian's ``/etc/protocols``: the protocol number, the official name (the first alias),
    the description (the comment without its RFC reference) and the RFC where the file names one."""
    if not path.is_file():
        raise SystemExit(f"{path} is missing: apt-get install netbase")
    found = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        parts = body.split()
        if len(parts) >= 2 and parts[0] not in found:
            rfc = re.search(r"\[RFC(\d+)\]", comment)
            found[parts[0]] = {"protocol number": parts[1], "official name": parts[2] if len(parts) > 2 else "",
                               "description": re.sub(r"\s*\[RFC\d+\]", "", comment).strip(),
                               "RFC": f"RFC {rfc.group(1)}" if rfc else ""}
    missing = [p for p in PROTOCOLS if p not in found]
    if missing:
        raise SystemExit(f"not in {path}: {', '.join(missing)}")
    return [{"name": name, "property": p, "value": v} for name in PROTOCOLS for p, v in found[name].items() if v]


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


def build_changelogs_kb(doc: Path = Path("/usr/share/doc")) -> list[dict]:
    """The latest Debian changelog entry of 20 installed packages (``/usr/share/doc/P/changelog.Debian.gz``): the
    source package, version, distribution, urgency, who uploaded it, their e-mail address and the upload date as
    the changelog writes it (entries differ between Debian releases; expected answers are read from this KB)."""
    import gzip

    kb = []
    for package in CHANGELOG_PACKAGES:
        path = doc / package / "changelog.Debian.gz"
        if not path.is_file():
            raise SystemExit(f"{path} is missing: the package's documentation is not installed")
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        head = re.match(r"(\S+) \((\S+)\) (\S+); urgency=(\w+)", lines[0])
        sign = next(re.match(r" -- (.+?) <(.+?)>  (.+)", x) for x in lines if x.startswith(" -- "))
        if not head or not sign:
            raise SystemExit(f"{path}: unexpected changelog format")
        values = {"source package": head.group(1), "latest version": head.group(2),
                  "distribution": head.group(3), "urgency": head.group(4), "uploaded by": sign.group(1),
                  "uploader e-mail": sign.group(2), "upload date": sign.group(3).strip()}
        kb += [{"name": package, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_exceptions_kb() -> list[dict]:
    """22 of Python's built-in exceptions: the base class, the description (the first line of the docstring) and,
    for the ``OSError`` subclasses, the errno codes that raise them (what ``OSError(code, ...)`` turns into)."""
    import builtins

    raised_by: dict[str, list[str]] = {}
    for code, name in sorted(errno.errorcode.items()):
        raised_by.setdefault(type(OSError(code, "x")).__name__, []).append(name)
    kb = []
    for name in EXCEPTIONS:
        cls = getattr(builtins, name)
        values = {"base class": cls.__mro__[1].__name__, "description": (cls.__doc__ or "").strip().splitlines()[0],
                  "errno codes": ", ".join(sorted(raised_by.get(name, []))) if name != "OSError" else ""}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_colours_kb(path: Path = Path("/usr/share/X11/rgb.txt")) -> list[dict]:
    """22 X11 colour names from ``rgb.txt`` (``apt-get install x11-common``): the RGB triplet as the file writes it
    and the hex code."""
    if not path.is_file():
        raise SystemExit(f"{path} is missing: apt-get install x11-common")
    rgb = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and all(p.isdigit() for p in parts[:3]):
            rgb.setdefault(parts[3].strip(), tuple(int(p) for p in parts[:3]))
    missing = [c for c in COLOURS if c not in rgb]
    if missing:
        raise SystemExit(f"not in {path}: {', '.join(missing)}")
    return [t for c in COLOURS for t in ({"name": c, "property": "RGB value", "value": "{} {} {}".format(*rgb[c])},
                                         {"name": c, "property": "hex code", "value": "#{:02X}{:02X}{:02X}".format(*rgb[c])})]


def build_users_kb(passwd: Path = Path("/etc/passwd"), group: Path = Path("/etc/group")) -> list[dict]:
    """Debian's 18 system accounts (base-passwd) as ``/etc/passwd`` and ``/etc/group`` list them: user ID, group ID,
    primary group, home directory, login shell and the full name (GECOS) where it differs from the user name."""
    groups = {}
    for line in group.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split(":")
        if len(parts) >= 3:
            groups.setdefault(parts[2], parts[0])
    users = {}
    for line in passwd.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split(":")
        if len(parts) == 7:
            users[parts[0]] = parts
    missing = [u for u in USERS if u not in users]
    if missing:
        raise SystemExit(f"not in {passwd}: {', '.join(missing)}")
    kb = []
    for name in USERS:
        _, _, uid, gid, gecos, home, shell = users[name]
        full = gecos.split(",")[0]
        values = {"user ID": uid, "group ID": gid, "primary group": groups.get(gid, ""), "home directory": home,
                  "login shell": shell, "full name": full if full and full != name else ""}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_dtypes_kb() -> list[dict]:
    """20 NumPy scalar types as the installed NumPy describes them (``numpy.dtype``): the one-character type code,
    the kind, the item size (for the fixed-size ones) and the array-interface type string."""
    import numpy as np

    kb = []
    for name in DTYPES:
        d = np.dtype(getattr(np, name))
        values = {"character code": d.char, "kind": DTYPE_KINDS[d.kind],
                  "item size": f"{d.itemsize} bytes" if d.itemsize else "", "type string": d.str}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


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


CERTS = ["ISRG Root X1", "ISRG Root X2", "DigiCert Global Root G2", "DigiCert Global Root G3", "DigiCert Trusted Root G4",
         "Go Daddy Root Certificate Authority - G2", "Starfield Root Certificate Authority - G2",
         "COMODO RSA Certification Authority", "COMODO ECC Certification Authority",
         "USERTrust RSA Certification Authority", "Amazon Root CA 1", "Amazon Root CA 3",
         "Microsoft RSA Root Certificate Authority 2017", "GTS Root R1", "GTS Root R4", "Buypass Class 2 Root CA",
         "Certum Trusted Network CA", "QuoVadis Root CA 2 G3", "Actalis Authentication Root CA",
         "SSL.com Root Certification Authority RSA", "HARICA TLS RSA Root CA 2021", "T-TeleSec GlobalRoot Class 3"]
CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}


def build_certs_kb() -> list[dict]:
    """22 root certificates of the CA bundle this project's HTTP clients trust (``certifi``), named by their common
    name: the subject's organisation, organisational unit and country where it has them, the validity dates, the key
    type and the signature's hash, read with ``cryptography`` (a certifi release may drop a root; those are left out)."""
    import certifi
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import NameOID

    def attr(cert, oid) -> str:
        found = cert.subject.get_attributes_for_oid(oid)
        return str(found[0].value) if found else ""

    with warnings.catch_warnings():  # a few roots have a serial number RFC 5280 disallows; their fields read fine
        warnings.simplefilter("ignore")
        certs = {attr(c, NameOID.COMMON_NAME): c
                 for c in x509.load_pem_x509_certificates(Path(certifi.where()).read_bytes())}
    kb = []
    for name in [n for n in CERTS if n in certs]:
        cert = certs[name]
        key = cert.public_key()
        kind = (f"RSA {key.key_size}-bit" if isinstance(key, rsa.RSAPublicKey) else
                f"EC {CURVES.get(key.curve.name, key.curve.name)}" if isinstance(key, ec.EllipticCurvePublicKey) else "")
        values = {"organisation": attr(cert, NameOID.ORGANIZATION_NAME),
                  "organisational unit": attr(cert, NameOID.ORGANIZATIONAL_UNIT_NAME),
                  "country": attr(cert, NameOID.COUNTRY_NAME),
                  "valid from": cert.not_valid_before_utc.date().isoformat(),
                  "valid until": cert.not_valid_after_utc.date().isoformat(), "key type": kind,
                  "signature hash": cert.signature_hash_algorithm.name.upper().replace("SHA", "SHA-")}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


UFUNCS = ["add", "subtract", "multiply", "divide", "power", "remainder", "sqrt", "exp", "log", "log10", "sin", "cos",
          "arctan2", "hypot", "maximum", "minimum", "absolute", "floor", "logical_and", "bitwise_xor", "isnan", "matmul"]


def build_ufuncs_kb() -> list[dict]:
    """22 NumPy universal functions as the installed NumPy describes them: the number of inputs and outputs, the
    identity element where there is one, the number of type loops, the core signature of a generalised ufunc, and the
    summary line of the docstring."""
    import numpy as np

    kb = []
    for name in UFUNCS:
        u = getattr(np, name)
        doc = [line.strip() for line in (u.__doc__ or "").strip().splitlines()]
        values = {"number of inputs": str(u.nin), "number of outputs": str(u.nout),
                  "identity element": "" if u.identity is None else str(u.identity),
                  "number of type loops": str(u.ntypes), "core signature": u.signature or "",
                  "summary": next((line for line in doc[1:] if line), "")}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


MODEL_TYPES = ["bert", "gpt2", "llama", "t5", "roberta", "albert", "bart", "mistral", "qwen2", "gemma", "phi", "falcon",
               "gpt_neox", "electra", "deberta", "opt", "whisper", "vit", "mpt", "bloom", "xlnet", "distilbert"]
CONFIG_FIELDS = {"vocabulary size": ("vocab_size",), "hidden size": ("hidden_size", "d_model", "n_embd", "dim"),
                 "number of layers": ("num_hidden_layers", "num_layers", "n_layer", "n_layers", "encoder_layers"),
                 "attention heads": ("num_attention_heads", "num_heads", "n_head", "n_heads",
                                     "encoder_attention_heads"),
                 "maximum positions": ("max_position_embeddings", "n_positions", "max_seq_len"),
                 "activation function": ("hidden_act", "activation_function", "activation"),
                 "feed-forward size": ("intermediate_size", "d_ff", "ffn_dim", "encoder_ffn_dim", "hidden_dim")}


def build_configs_kb() -> list[dict]:
    """The default configurations of 22 model architectures in the installed ``transformers`` (``AutoConfig.for_model``),
    named as its config classes name them ("Bert" of ``BertConfig``): vocabulary size, hidden size, number of layers,
    attention heads, maximum positions, activation function and feed-forward size, where the configuration has them."""
    from transformers import AutoConfig

    kb = []
    for kind in MODEL_TYPES:
        config = AutoConfig.for_model(kind)
        fields = config.to_dict()
        name = type(config).__name__.removesuffix("Config")
        for prop, keys in CONFIG_FIELDS.items():
            value = next((fields[k] for k in keys if fields.get(k) is not None), None)
            if value is not None and not isinstance(value, dict | list):
                kb.append({"name": name, "property": prop, "value": str(value)})
    return kb


UNITS = ["newton", "joule", "watt", "pascal", "coulomb", "volt", "ohm", "farad", "henry", "tesla", "weber", "hertz",
         "siemens", "becquerel", "gray", "katal", "electronvolt", "atmosphere", "bar", "lightyear", "astronomical_unit",
         "angstrom"]


def build_units_kb() -> list[dict]:
    """22 units of ``sympy.physics.units`` as SymPy defines them: the symbol, the physical quantity (SymPy's dimension
    name) and the unit in SI base units (``convert_to`` the kilogram, metre, second, ampere, kelvin, mole and
    candela, as SymPy writes it)."""
    import sympy.physics.units as units
    from sympy.physics.units import convert_to
    from sympy.physics.units.systems.si import SI

    base = [units.kilogram, units.meter, units.second, units.ampere, units.kelvin, units.mole, units.candela]
    kb = []
    for key in UNITS:
        unit = getattr(units, key)
        values = {"symbol": str(unit.abbrev), "quantity": str(SI.get_quantity_dimension(unit).name).replace("_", " "),
                  "in SI base units": str(convert_to(unit, base))}
        kb += [{"name": key.replace("_", " "), "property": p, "value": v} for p, v in values.items()]
    return kb


DISTRIBUTIONS = ["norm", "expon", "gamma", "beta", "lognorm", "t", "chi2", "f", "uniform", "cauchy", "laplace",
                 "logistic", "weibull_min", "pareto", "rayleigh", "gumbel_r", "binom", "poisson", "geom", "nbinom",
                 "hypergeom", "bernoulli"]


def build_distributions_kb() -> list[dict]:
    """22 probability distributions of ``scipy.stats`` as the installed SciPy defines them: continuous or discrete,
    the shape parameters (and how many), the lower and upper bound of the support, and the docstring's summary."""
    import scipy.stats as stats

    kb = []
    for key in DISTRIBUTIONS:
        dist = getattr(stats, key)
        values = {"kind": "discrete" if isinstance(dist, stats.rv_discrete) else "continuous",
                  "shape parameters": dist.shapes or "none", "number of shape parameters": str(dist.numargs),
                  "support lower bound": str(dist.a), "support upper bound": str(dist.b),
                  "summary": (dist.__doc__ or "").strip().splitlines()[0]}
        kb += [{"name": key, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_styles_kb() -> list[dict]:
    """The first 22 syntax-highlighting styles of the installed Pygments (``pygments.styles.get_all_styles``): the
    background, highlight and line-number colours (when the style sets one) and how it shows comments and keywords
    (its style strings, e.g. "italic #408080")."""
    from pygments.styles import get_all_styles, get_style_by_name
    from pygments.token import Comment, Keyword

    kb = []
    for key in list(get_all_styles())[:22]:
        style = get_style_by_name(key)
        values = {"background colour": style.background_color, "highlight colour": style.highlight_color,
                  "line number colour": style.line_number_color, "comment style": style.styles.get(Comment, ""),
                  "keyword style": style.styles.get(Keyword, "")}
        kb += [{"name": key, "property": p, "value": v} for p, v in values.items() if v and v != "inherit"]
    return kb


def build_ciphers_kb() -> list[dict]:
    """The cipher suites a default client ``ssl`` context of this Python and OpenSSL offers (``get_ciphers``, 17 on
    Debian 12): protocol, strength in bits, key exchange, authentication, symmetric cipher and message
    authentication (the digest, or AEAD), as OpenSSL names them."""
    import ssl

    kb = []
    for c in ssl.create_default_context().get_ciphers()[:22]:
        values = {"protocol": c["protocol"], "strength bits": str(c["strength_bits"]),
                  "key exchange": (c.get("kea") or "").removeprefix("kx-"),
                  "authentication": (c.get("auth") or "").removeprefix("auth-"),
                  "symmetric cipher": c.get("symmetric") or "",
                  "message authentication": "AEAD" if c.get("aead") else (c.get("digest") or "")}
        kb += [{"name": c["name"], "property": p, "value": v} for p, v in values.items() if v]
    return kb


ONNX_OPS = ["Conv", "Relu", "MatMul", "Gemm", "Softmax", "Add", "Reshape", "Transpose", "Concat", "Gather", "LSTM",
            "BatchNormalization", "MaxPool", "Dropout", "Sigmoid", "Tanh", "Slice", "Squeeze", "Unsqueeze", "Resize",
            "Cast", "Where"]


def build_onnx_kb() -> list[dict]:
    """22 operators of the installed ONNX (``onnx.defs.get_schema``): the opset version of their latest definition,
    the least and most inputs and outputs, their attributes, and the first sentence of their documentation."""
    from onnx import defs

    kb = []
    for op in ONNX_OPS:
        schema = defs.get_schema(op)
        doc = " ".join((schema.doc or "").split())
        values = {"since opset": str(schema.since_version), "minimum inputs": str(schema.min_input),
                  "maximum inputs": str(schema.max_input), "minimum outputs": str(schema.min_output),
                  "maximum outputs": str(schema.max_output), "attributes": ", ".join(sorted(schema.attributes)),
                  "summary": doc.split(". ")[0].rstrip(".") + "." if doc else ""}
        kb += [{"name": op, "property": p, "value": v} for p, v in values.items() if v]
    return kb


IMAGE_MODES = ["1", "L", "P", "RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV", "I", "F", "LA", "PA", "RGBX", "RGBa",
               "La", "I;16", "I;16B", "I;16L", "I;16N"]


def build_modes_kb() -> list[dict]:
    """20 image modes of the installed Pillow (``PIL.ImageMode.getmode``): the bands, how many, the base mode, the base
    type and the array type string."""
    from PIL import ImageMode

    kb = []
    for key in IMAGE_MODES:
        mode = ImageMode.getmode(key)
        values = {"bands": ", ".join(mode.bands), "number of bands": str(len(mode.bands)), "base mode": mode.basemode,
                  "base type": mode.basetype, "type string": mode.typestr}
        kb += [{"name": key, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_charsets_kb() -> list[dict]:
    """The 20 character sets Python's ``email.charset`` knows: how it encodes headers and bodies in each, the charset
    it converts output to where it does, the Python codec where it names one, and the aliases that lead to it."""
    import email.charset as charset

    encodings = {charset.QP: "quoted-printable", charset.BASE64: "base64", charset.SHORTEST: "shortest", None: "none"}
    aliases: dict[str, list[str]] = {}
    for alias, name in charset.ALIASES.items():
        aliases.setdefault(name, []).append(alias)
    kb = []
    for name, (header, body, output) in charset.CHARSETS.items():
        values = {"header encoding": encodings[header], "body encoding": encodings[body], "output charset": output or "",
                  "Python codec": charset.CODEC_MAP.get(name) or "", "aliases": ", ".join(aliases.get(name, []))}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


CPUS = ("alpha", "amd64", "arm", "armeb", "arm64", "hppa", "i386", "ia64", "loong64", "m68k", "mips", "mipsel",
        "mips64el", "mipsr6", "or1k", "powerpc", "ppc64", "ppc64el", "riscv64", "s390", "s390x", "sh4", "sparc",
        "sparc64", "tilegx")


def build_cpus_kb() -> list[dict]:
    """25 CPUs of Debian's ``/usr/share/dpkg/cputable`` (the dpkg architecture tables): the GNU CPU name, the regular
    expression config.guess names are matched with, the word size in bits and the byte order."""
    rows = {}
    for line in Path("/usr/share/dpkg/cputable").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 5 and not line.startswith("#"):
            rows[parts[0]] = parts[1:]
    kb = []
    for cpu in CPUS:
        gnu, regex, bits, endian = rows[cpu]
        values = {"GNU CPU name": gnu, "config.guess pattern": regex, "word size": f"{bits} bits",
                  "byte order": f"{endian}-endian"}
        kb += [{"name": cpu, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_hashes_kb() -> list[dict]:
    """The 19 hash algorithms the installed Python's ``hashlib`` offers: the digest size and the block size in bytes,
    the length of the hex digest, whether every Python has it (``hashlib.algorithms_guaranteed``) and the hex digest
    of the empty input (the extendable-output SHAKEs have neither a fixed size nor a fixed digest)."""
    import hashlib

    kb = []
    for name in sorted(hashlib.algorithms_available):
        h = hashlib.new(name)
        values = {"digest size": f"{h.digest_size} bytes" if h.digest_size else "variable (extendable output)",
                  "block size": f"{h.block_size} bytes",
                  "hex digest length": f"{2 * h.digest_size} characters" if h.digest_size else "",
                  "guaranteed on every platform": "yes" if name in hashlib.algorithms_guaranteed else "no",
                  "digest of empty input": h.hexdigest() if h.digest_size else ""}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_ethertypes_kb() -> list[dict]:
    """The first 30 EtherTypes of Debian's ``/etc/ethertypes`` (netbase): the EtherType in hex, the other names it
    goes by, what it is and the standard the file cites, where it gives them."""
    kb = []
    for line in Path("/etc/ethertypes").read_text(encoding="utf-8").splitlines():
        body, _, comment = line.partition("#")
        parts = body.split()
        if len(parts) < 2 or not line.strip() or line.startswith("#"):
            continue
        standard = re.search(r"\[([^\]]+)\]", comment)
        description = re.sub(r"\s*\[[^\]]+\]", "", comment).strip()
        values = {"EtherType (hex)": parts[1], "aliases": ", ".join(parts[2:]), "description": description,
                  "standard": standard.group(1) if standard else ""}
        kb += [{"name": parts[0], "property": p, "value": v} for p, v in values.items() if v]
        if len({t["name"] for t in kb}) == 30:
            break
    return kb


def build_rpc_kb() -> list[dict]:
    """The ONC RPC programs of Debian's ``/etc/rpc`` (netbase): the program number and the other names it goes by."""
    kb = []
    for line in Path("/etc/rpc").read_text(encoding="utf-8").splitlines():
        parts = line.partition("#")[0].split()
        if len(parts) >= 2:
            kb.append({"name": parts[0], "property": "program number", "value": parts[1]})
            if parts[2:]:
                kb.append({"name": parts[0], "property": "aliases", "value": ", ".join(parts[2:])})
    return kb


TERMINALS = ["ansi", "cons25", "cygwin", "Eterm", "hurd", "linux", "mach", "mach-color", "pcansi", "rxvt-basic",
             "rxvt-unicode", "rxvt-unicode-256color", "screen", "screen-256color", "screen-w", "sun", "tmux",
             "tmux-256color", "vt52", "vt100", "vt102", "vt220", "wsvt25", "xterm", "xterm-256color", "xterm-mono",
             "xterm-r6", "xterm-vt220"]


def build_terminfo_kb() -> list[dict]:
    """28 terminal types of the terminfo database that Debian's ``ncurses-base`` ships, as ``infocmp -1`` reports
    them: the description, the other names, the default columns and lines, the number of colours, the tab width, the
    clear-screen sequence (in terminfo's escape notation) and whether it has automatic margins."""
    import subprocess

    kb = []
    for term in TERMINALS:
        text = subprocess.run(["infocmp", "-1", term], capture_output=True, text=True, check=True).stdout
        entries = [line.strip().rstrip(",") for line in text.splitlines() if line.strip() and not line.startswith("#")]
        names = entries[0].split("|")
        number, string, flags = {}, {}, set()  # terminfo's three kinds: "cols#80", "clear=\E[H\E[2J", "am"
        for cap in entries[1:]:
            key, sep, value = re.match(r"([^#=]*)([#=]?)(.*)", cap).groups()
            if sep == "#":
                number[key] = str(int(value, 0))
            elif sep == "=":
                string[key] = value
            else:
                flags.add(key)
        values = {"description": names[-1] if len(names) > 1 else "", "aliases": ", ".join(names[1:-1]),
                  "columns": number.get("cols", ""), "lines": number.get("lines", ""),
                  "colours": number.get("colors", ""), "tab width": number.get("it", ""),
                  "clear-screen sequence": string.get("clear", ""),
                  "automatic margins": "yes" if "am" in flags else "no"}
        kb += [{"name": names[0], "property": p, "value": v} for p, v in values.items() if v]
    return kb


AST_NODES = ["Assign", "AugAssign", "AnnAssign", "For", "While", "If", "With", "Raise", "Try", "Assert", "Import",
             "ImportFrom", "Return", "Delete", "BoolOp", "BinOp", "UnaryOp", "Lambda", "IfExp", "Dict", "ListComp",
             "Compare", "Call", "Attribute", "Subscript", "Starred", "Slice", "FunctionDef", "ClassDef", "keyword"]


def build_ast_kb() -> list[dict]:
    """30 node classes of Python's ``ast`` module (this interpreter's grammar): the fields, the base class, the
    signature that the class documents (its docstring's first line) and the number of fields."""
    import ast

    kb = []
    for name in AST_NODES:
        node = getattr(ast, name)
        values = {"fields": ", ".join(node._fields), "base class": node.__mro__[1].__name__,
                  "signature": (node.__doc__ or "").splitlines()[0].strip(),
                  "number of fields": str(len(node._fields))}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


LEXERS = ["Python", "JavaScript", "TypeScript", "Rust", "Go", "C", "C++", "Java", "Kotlin", "Ruby", "PHP", "Perl",
          "Haskell", "Scala", "Elixir", "Erlang", "Lua", "Bash", "PowerShell", "SQL", "YAML", "TOML", "Markdown",
          "Dockerfile", "Makefile", "Fortran", "OCaml", "Swift"]


def build_lexers_kb() -> list[dict]:
    """28 languages' lexers in the installed Pygments: the short names a lexer is found by, the file name patterns
    and MIME types it claims, the language's homepage and the Pygments version that added the lexer."""
    from pygments.lexers import find_lexer_class, get_lexer_by_name

    kb = []
    for name in LEXERS:
        lexer = find_lexer_class(name) or type(get_lexer_by_name(name.lower()))
        values = {"aliases": ", ".join(lexer.aliases), "file patterns": ", ".join(lexer.filenames),
                  "MIME types": ", ".join(lexer.mimetypes), "homepage": lexer.url or "",
                  "added in Pygments": getattr(lexer, "version_added", "") or ""}
        kb += [{"name": lexer.name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


HTML_ENTITIES = ["amp", "copy", "reg", "trade", "eacute", "Eacute", "ntilde", "uuml", "szlig", "euro", "pound",
                 "yen", "cent", "sect", "lt", "deg", "plusmn", "times", "divide", "frac12", "mdash", "ndash",
                 "hellip", "laquo", "raquo", "larr", "rarr", "hearts", "alpha", "Omega", "infin", "ne"]


def build_entities_kb() -> list[dict]:
    """32 named character references of HTML5 (``html.entities.html5``): the character, its code point and Unicode
    name, and whether HTML also accepts the reference without its closing semicolon (the legacy forms)."""
    import html.entities
    import unicodedata

    kb = []
    for name in HTML_ENTITIES:
        char = html.entities.html5[name + ";"]
        values = {"character": char, "code point": f"U+{ord(char):04X}", "Unicode name": unicodedata.name(char),
                  "semicolon optional": "yes" if name in html.entities.html5 else "no"}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items()]
    return kb


OPCODES = ["LOAD_FAST", "LOAD_CONST", "LOAD_GLOBAL", "LOAD_ATTR", "LOAD_DEREF", "LOAD_NAME", "STORE_FAST",
           "STORE_NAME", "STORE_ATTR", "BINARY_OP", "COMPARE_OP", "CALL", "RETURN_VALUE", "JUMP_FORWARD",
           "JUMP_BACKWARD", "POP_JUMP_FORWARD_IF_FALSE", "FOR_ITER", "BUILD_LIST", "BUILD_MAP", "POP_TOP", "NOP",
           "IMPORT_NAME", "UNPACK_SEQUENCE", "MAKE_FUNCTION"]


def build_opcodes_kb() -> list[dict]:
    """24 bytecode instructions of this Python (``dis``): the opcode number, whether it takes an argument, what its
    argument indexes or means (``dis.hasconst``, ``hasname``, ``haslocal``, …) and the specialised forms the adaptive
    interpreter may replace it with (numbers and forms differ between Python versions; the expected answers are read
    from the KB built at run time)."""
    import dis

    kinds = [(dis.hasconst, "index into the constants"), (dis.hasname, "index into the names"),
             (dis.haslocal, "local variable number"), (dis.hasfree, "cell or free variable number"),
             (dis.hascompare, "comparison operator"), (dis.hasjrel, "relative jump offset"),
             (dis.hasjabs, "absolute jump target")]
    specialised = getattr(dis, "_specializations", {})
    kb = []
    for name in OPCODES:
        code = dis.opmap[name]
        values = {"opcode number": str(code), "takes an argument": "yes" if code >= dis.HAVE_ARGUMENT else "no",
                  "argument meaning": next((kind for table, kind in kinds if code in table), ""),
                  "specialised forms": ", ".join(specialised.get(name, []))}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
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


BUILTINS = ["len", "sorted", "divmod", "round", "isinstance", "open", "print", "enumerate", "abs", "sum", "max",
            "getattr", "hasattr", "repr", "ord", "chr", "pow", "hash", "id", "input", "any", "all", "callable",
            "iter"]


def build_builtins_kb() -> list[dict]:
    """24 of Python's built-in functions: the signature ``inspect.signature`` gives, the first line of the docstring,
    and whether it is a function or a class (all read from this Python)."""
    import builtins
    import inspect

    kb = []
    for name in BUILTINS:
        obj = getattr(builtins, name)
        try:
            signature = name + str(inspect.signature(obj))
        except (TypeError, ValueError):  # a builtin without a text signature
            signature = ""
        values = {"signature": signature, "summary": (obj.__doc__ or "").strip().splitlines()[0].strip(),
                  "kind": "class" if isinstance(obj, type) else "function"}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


GRAPHS = {"Petersen graph": "petersen_graph", "Heawood graph": "heawood_graph", "Tutte graph": "tutte_graph",
          "Zachary's karate club": "karate_club_graph", "dodecahedral graph": "dodecahedral_graph",
          "cubical graph": "cubical_graph", "octahedral graph": "octahedral_graph",
          "icosahedral graph": "icosahedral_graph", "tetrahedral graph": "tetrahedral_graph",
          "Frucht graph": "frucht_graph", "Desargues graph": "desargues_graph", "Pappus graph": "pappus_graph",
          "Möbius–Kantor graph": "moebius_kantor_graph", "Chvátal graph": "chvatal_graph",
          "Hoffman–Singleton graph": "hoffman_singleton_graph", "bull graph": "bull_graph",
          "diamond graph": "diamond_graph", "house graph": "house_graph", "Krackhardt kite": "krackhardt_kite_graph",
          "truncated cube graph": "truncated_cube_graph", "Florentine families graph": "florentine_families_graph",
          "Les Misérables co-occurrence graph": "les_miserables_graph"}


def build_graphs_kb() -> list[dict]:
    """22 named graphs that NetworkX builds (``networkx.petersen_graph`` …), with what NetworkX computes of them: the
    numbers of vertices and edges, diameter, girth, whether planar and bipartite, and the degree of a regular one."""
    import networkx as nx

    kb = []
    for name, builder in GRAPHS.items():
        graph = getattr(nx, builder)()
        degrees = {d for _, d in graph.degree()}
        values = {"vertices": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                  "diameter": nx.diameter(graph), "girth": nx.girth(graph),
                  "planar": "yes" if nx.is_planar(graph) else "no",
                  "bipartite": "yes" if nx.is_bipartite(graph) else "no",
                  "regular degree": degrees.pop() if len(degrees) == 1 else None}
        kb += [{"name": name, "property": p, "value": str(v)} for p, v in values.items() if v is not None]
    return kb


IMAGE_FORMATS = ["PNG", "JPEG", "GIF", "WEBP", "TIFF", "BMP", "ICO", "PCX", "TGA", "PPM", "EPS", "PDF", "ICNS", "DDS",
                 "JPEG2000", "SGI", "PSD", "XBM", "XPM", "QOI", "AVIF", "IM", "SPIDER", "FITS"]


def build_formats_kb() -> list[dict]:
    """24 image file formats as the installed Pillow registers them: its description of the format, the file
    extensions and MIME type it maps to the format, and whether Pillow can read and write it."""
    from PIL import Image

    Image.init()
    extensions: dict[str, list[str]] = {}
    for ext, fmt in Image.registered_extensions().items():
        extensions.setdefault(fmt, []).append(ext)
    kb = []
    for fmt in IMAGE_FORMATS:
        reader = Image.OPEN.get(fmt, (None,))[0]
        values = {"description": getattr(reader, "format_description", "") or "",
                  "file extensions": ", ".join(sorted(extensions.get(fmt, []))), "MIME type": Image.MIME.get(fmt, ""),
                  "can read": "yes" if fmt in Image.OPEN else "no", "can write": "yes" if fmt in Image.SAVE else "no"}
        kb += [{"name": fmt, "property": p, "value": v} for p, v in values.items() if v]
    return kb


OFFSETS = ["BusinessDay", "MonthEnd", "MonthBegin", "BusinessMonthEnd", "BusinessMonthBegin", "QuarterEnd",
           "QuarterBegin", "BQuarterEnd", "YearEnd", "YearBegin", "BYearEnd", "Week", "Day", "Hour", "Minute",
           "Second", "Milli", "Micro", "Nano", "BusinessHour", "CustomBusinessDay", "SemiMonthEnd", "SemiMonthBegin",
           "LastWeekOfMonth", "WeekOfMonth", "FY5253"]


def build_offsets_kb() -> list[dict]:
    """26 date offsets of the installed pandas (``pandas.offsets``): the frequency string of a default one (the alias
    ``pd.date_range(freq=…)`` takes), the first line of its docstring and the class it derives from."""
    import pandas as pd

    kb = []
    for name in OFFSETS:
        cls = getattr(pd.offsets, name)
        values = {"frequency alias": cls().freqstr, "summary": (cls.__doc__ or "").strip().splitlines()[0].strip(),
                  "base class": cls.__mro__[1].__name__}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_fonts_kb() -> list[dict]:
    """The 22 DejaVu and STIX fonts that matplotlib ships (``mpl-data/fonts/ttf``), read with fontTools: the version
    string, number of glyphs, units per em, weight class, italic angle and whether the font is monospaced."""
    import logging

    import matplotlib
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    kb = []
    for path in sorted((Path(matplotlib.get_data_path()) / "fonts" / "ttf").glob("*.ttf")):
        if not path.name.startswith(("DejaVu", "STIXGeneral", "STIXNonUni")):
            continue
        font = TTFont(path, lazy=True)
        names = font["name"]
        values = {"version": names.getDebugName(5), "glyphs": font["maxp"].numGlyphs,
                  "units per em": font["head"].unitsPerEm, "weight class": font["OS/2"].usWeightClass,
                  "italic angle": f"{font['post'].italicAngle:g}",
                  "monospaced": "yes" if font["post"].isFixedPitch else "no"}
        kb += [{"name": names.getDebugName(4), "property": p, "value": str(v)} for p, v in values.items()]
    return kb


def build_ctypes_kb() -> list[dict]:
    """The C data types of the installed ``ctypes`` module (its ``c_*`` classes but the ``c_voidp`` alias): size and
    alignment in bytes on this machine, the struct format code of the type, the Python type a value reads back as,
    and whether an integer type is signed."""
    import ctypes

    kb = []
    for name in sorted(n for n in dir(ctypes) if n.startswith("c_") and n != "c_voidp"):
        cls = getattr(ctypes, name)
        if not hasattr(cls, "_type_") or not isinstance(cls._type_, str):
            continue
        values = {"size in bytes": ctypes.sizeof(cls), "alignment": ctypes.alignment(cls),
                  "struct format code": cls._type_}
        code = cls._type_
        if code in "bBhHiIlLqQnN" and name != "c_char":
            values["Python type"] = "int"
            values["signed"] = "yes" if cls(-1).value < 0 else "no"
        else:
            values["Python type"] = {"?": "bool", "c": "bytes", "u": "str", "z": "bytes or None", "Z": "str or None",
                                     "P": "int or None", "f": "float", "d": "float", "g": "float"}.get(code, "")
        kb += [{"name": name, "property": p, "value": str(v)} for p, v in values.items() if v != ""]
    return kb


def build_sqlfuncs_kb() -> list[dict]:
    """40 built-in SQL functions of the SQLite library that Python's ``sqlite3`` links (``pragma_function_list``,
    every third name in order, operators such as ``->`` left out): the numbers of arguments it takes, whether it is a scalar, aggregate or window
    function, and whether it is deterministic."""
    import sqlite3

    con = sqlite3.connect(":memory:")
    try:
        rows = con.execute("SELECT name, type, narg, flags FROM pragma_function_list WHERE builtin").fetchall()
    finally:
        con.close()
    by_name: dict[str, list] = {}
    for name, kind, narg, flags in rows:
        by_name.setdefault(name, []).append((kind, narg, flags))
    kinds = {"s": "scalar", "a": "aggregate", "w": "window"}
    kb = []
    for name in sorted(n for n in by_name if n.isidentifier())[::3][:40]:
        found = by_name[name]
        nargs = sorted({n for _, n, _ in found})
        values = {"number of arguments": "any" if -1 in nargs else " or ".join(map(str, nargs)),
                  "function type": " and ".join(dict.fromkeys(kinds.get(k, k) for k, _, _ in found)),
                  "deterministic": "yes" if all(f & 0x800 for _, _, f in found) else "no"}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_pipelines_kb() -> list[dict]:
    """The pipeline tasks of the installed transformers (``transformers.pipelines.SUPPORTED_TASKS``): the pipeline
    class, the default model and its pinned revision, the input type and the first auto model class."""
    from transformers.pipelines import SUPPORTED_TASKS

    kb = []
    for task, spec in sorted(SUPPORTED_TASKS.items()):
        default = spec.get("default", {}).get("model")
        if isinstance(default, dict):  # older layouts keyed the default by framework
            default = default.get("pt")
        values = {"pipeline class": spec["impl"].rsplit(".", 1)[-1] if isinstance(spec["impl"], str)
                  else spec["impl"].__name__, "input type": spec.get("type", "")}
        if default:
            values["default model"], values["default revision"] = default[0], default[1]
        if spec.get("pt"):
            values["auto model class"] = spec["pt"][0].__name__
        kb += [{"name": task, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_controls_kb() -> list[dict]:
    """The 33 ASCII control characters by their abbreviations (``curses.ascii.controlnames``, and DEL): the code in
    decimal and hex, the caret notation, the escape that Python's ``repr`` writes for it, and its C escape where C
    has one."""
    from curses.ascii import controlnames

    c_escapes = {0: r"\0", 7: r"\a", 8: r"\b", 9: r"\t", 10: r"\n", 11: r"\v", 12: r"\f", 13: r"\r"}
    kb = []
    for code in [*range(32), 127]:
        name = "DEL" if code == 127 else controlnames[code]
        values = {"decimal code": str(code), "hex code": f"0x{code:02X}", "caret notation": "^" + chr(code ^ 0x40),
                  "Python repr": repr(chr(code)), "C escape": c_escapes.get(code, "")}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_gitcmds_kb() -> list[dict]:
    """Every third git command that ``git help -a`` lists on this machine under its headed groups ("Main Porcelain
    Commands", …; not external commands nor aliases): its one-line summary, its group and its manual page."""
    import subprocess

    out = subprocess.run(["git", "help", "-a"], capture_output=True, text=True, timeout=30, check=True).stdout
    rows, group = [], None
    for line in out.splitlines():
        if line and not line[0].isspace():
            group = None if line.startswith(("External", "Command aliases", "See ")) else line.strip()
        elif group and line.strip():
            name, _, summary = line.strip().partition(" ")
            if summary.strip():
                rows.append((name, summary.strip(), group))
    kb = []
    for name, summary, group in rows[::3]:
        kb += [{"name": name, "property": p, "value": v} for p, v in
               (("summary", summary), ("command group", group), ("manual page", f"git-{name}(1)"))]
    return kb


def build_tokens_kb() -> list[dict]:
    """The token types of Python's ``token`` module (numbers below ``N_TOKENS``): the token number, the operator
    string an exact operator token stands for, and the module constant."""
    import token

    ops = {v: k for k, v in token.EXACT_TOKEN_TYPES.items()}
    kb = []
    for number, name in sorted(token.tok_name.items()):
        if number >= token.N_TOKENS:
            continue
        values = {"token number": str(number), "operator": ops.get(number, ""), "Python constant": f"token.{name}"}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_console_kb() -> list[dict]:
    """The console scripts installed in this Python environment (``importlib.metadata`` entry points): the
    distribution that installs it, that distribution's version, and the entry point it runs."""
    import importlib.metadata as md

    kb, seen = [], set()
    for ep in sorted(md.entry_points(group="console_scripts"), key=lambda e: e.name):
        if ep.name in seen or ep.dist is None:
            continue
        seen.add(ep.name)
        values = {"distribution": ep.dist.name, "distribution version": ep.dist.version, "entry point": ep.value}
        kb += [{"name": ep.name, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_rcparams_kb() -> list[dict]:
    """40 of matplotlib's rc settings (every eighth key of ``matplotlib.rcParamsDefault`` in order, internal ones
    left out): the default value, the Python type of that default and the settings group (the key's first part)."""
    import matplotlib as mpl

    keys = [k for k in sorted(mpl.rcParamsDefault.keys()) if not k.startswith("_")][::8][:40]
    kb = []
    for key in keys:
        value = mpl.rcParamsDefault[key]
        values = {"default value": str(value), "type of default": type(value).__name__,
                  "settings group": key.split(".")[0]}
        kb += [{"name": key, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_pragmas_kb() -> list[dict]:
    """The PRAGMAs of the SQLite library that Python's ``sqlite3`` links which read back one value in a new in-memory
    database (``pragma_pragma_list``): that value and its SQL type."""
    import sqlite3

    con = sqlite3.connect(":memory:")
    kb = []
    try:
        for (name,) in con.execute("SELECT name FROM pragma_pragma_list ORDER BY name").fetchall():
            try:
                rows = con.execute(f"PRAGMA {name}").fetchall()  # names from SQLite's own list
            except sqlite3.DatabaseError:
                continue
            if len(rows) == 1 and len(rows[0]) == 1:
                value = rows[0][0]
                kb += [{"name": name, "property": "value in a new database", "value": str(value)},
                       {"name": name, "property": "value type", "value": "integer" if isinstance(value, int) else "text"}]
    finally:
        con.close()
    return kb


def build_logindefs_kb() -> list[dict]:
    """The settings of this machine's ``/etc/login.defs`` (shadow's login configuration): the value set, and the first
    sentence of the comment written above it where it has one of its own."""
    kb, comment = [], []
    for line in Path("/etc/login.defs").read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.strip()
        if text.startswith("#"):
            comment.append(text.lstrip("#").strip())
            continue
        if not text:
            comment = [] if not comment or comment[-1] else comment
            continue
        key, value = (text.split(None, 1) + [""])[:2]
        if value.strip():
            kb.append({"name": key, "property": "value", "value": value.strip()})
        words = " ".join(re.sub(r"^\*?REQUIRED\*?(?:\s+for\s+\S+)?\s*", "", w) for w in comment if w).strip()
        first = re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0].strip()
        if first:
            kb.append({"name": key, "property": "description", "value": first})
        comment = []
    return kb


def build_mimetypes_kb() -> list[dict]:
    """40 file extensions of Python's ``mimetypes`` tables (its own, no system file; every fourth in order): the MIME
    type, its top-level type, and whether the type is in the strict (IANA-registered) table."""
    import mimetypes

    table = mimetypes.MimeTypes(filenames=())
    strict, common = table.types_map[True], table.types_map[False]
    kb = []
    for ext in sorted({**strict, **common})[::4][:40]:
        mime = strict.get(ext) or common[ext]
        kb += [{"name": ext, "property": p, "value": v} for p, v in
               (("MIME type", mime), ("top-level type", mime.split("/")[0]),
                ("registered", "yes" if ext in strict else "no"))]
    return kb


def build_gradio_kb() -> list[dict]:
    """The components of the installed gradio (``gradio.components`` classes exported at the top level): the first
    sentence of the docstring, the class it derives from and the module that defines it."""
    import inspect

    import gradio as gr
    from gradio.components.base import Component

    classes = {c for c in vars(gr).values() if inspect.isclass(c) and issubclass(c, Component)
               and c.__module__.startswith("gradio.components")}
    kb = []
    for cls in sorted(classes, key=lambda c: c.__name__):
        doc = " ".join((cls.__doc__ or "").split())
        summary = re.split(r"(?<=[.!?])\s", doc, maxsplit=1)[0] if doc else ""
        values = {"summary": summary, "base class": cls.__mro__[1].__name__, "module": cls.__module__}
        kb += [{"name": cls.__name__, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_kb() -> list[dict]:
    kb = []
    for name in ERRNO:
        code = getattr(errno, name)
        kb += [{"name": name, "property": "error number", "value": str(code)},
               {"name": name, "property": "message", "value": os.strerror(code)},
               {"name": name, "property": "Python constant", "value": f"errno.{name}"}]
    for name in SIGNALS:
        sig = getattr(signal, name)
        kb += [{"name": name, "property": "signal number", "value": str(int(sig))},
               {"name": name, "property": "description", "value": signal.strsignal(sig)},
               {"name": name, "property": "Python constant", "value": f"signal.{name}"}]
    return kb


def expected(kb: list[dict], asked: list[list[str]]) -> list[str]:
    values = {(t["name"], t["property"]): t["value"] for t in kb}
    return [values[tuple(a)] for a in asked]


BUILDERS = {"errno": build_kb, "iso": build_iso_kb, "dpkg": build_dpkg_kb, "services": build_services_kb,
            "pypi": build_pypi_kb, "languages": build_languages_kb, "protocols": build_protocols_kb,
            "subdivisions": build_subdivisions_kb, "changelogs": build_changelogs_kb, "exceptions": build_exceptions_kb,
            "colours": build_colours_kb, "users": build_users_kb, "dtypes": build_dtypes_kb, "scripts": build_scripts_kb,
            "former": build_former_kb, "certs": build_certs_kb, "ufuncs": build_ufuncs_kb,
            "configs": build_configs_kb, "units": build_units_kb, "distributions": build_distributions_kb,
            "styles": build_styles_kb, "ciphers": build_ciphers_kb, "onnx": build_onnx_kb,
            "modes": build_modes_kb, "charsets": build_charsets_kb, "cpus": build_cpus_kb, "hashes": build_hashes_kb,
            "ethertypes": build_ethertypes_kb, "rpc": build_rpc_kb, "terminfo": build_terminfo_kb,
            "ast": build_ast_kb, "lexers": build_lexers_kb, "entities": build_entities_kb,
            "opcodes": build_opcodes_kb, "locales": build_locales_kb,
            "builtins": build_builtins_kb, "graphs": build_graphs_kb, "formats": build_formats_kb,
            "offsets": build_offsets_kb, "fonts": build_fonts_kb, "ctypes": build_ctypes_kb,
            "sqlfuncs": build_sqlfuncs_kb, "pipelines": build_pipelines_kb, "controls": build_controls_kb,
            "gitcmds": build_gitcmds_kb, "tokens": build_tokens_kb, "console": build_console_kb,
            "rcparams": build_rcparams_kb, "pragmas": build_pragmas_kb, "logindefs": build_logindefs_kb,
            "mimetypes": build_mimetypes_kb, "gradio": build_gradio_kb}
assert not set(BUILDERS) & set(MORE_BUILDERS), "a later fresh KB may not take an earlier one's name"
BUILDERS.update(MORE_BUILDERS)
# each KB's hand-written questions: bench/data/fresh_questions.json for errno (the first), fresh_questions_K.json
QUESTIONS = {k: DATA / ("fresh_questions.json" if k == "errno" else f"fresh_questions_{k}.json") for k in BUILDERS}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-url", default="http://127.0.0.1:7860/v1")
    ap.add_argument("--kb", choices=sorted(QUESTIONS), default="errno")
    ap.add_argument("--packages", type=int, default=0, help="dpkg: add this many other installed packages")
    ap.add_argument("--out", default=None, help="default: bench/results/api_fresh_kb[_KB].json")
    ap.add_argument("--max-tokens", type=int, default=None,
                    help="each request's max_tokens (default: none set, the openai client's default; results before "
                         "2026-11-29 used 64)")
    args = ap.parse_args()
    suffix = "" if args.kb == "errno" else f"_{args.kb}" + (f"_plus{args.packages}" if args.packages else "")
    out = args.out or f"bench/results/api_fresh_kb{suffix}.json"
    from openai import OpenAI

    from kblam.evaluate import states_all

    client = OpenAI(base_url=args.base_url, api_key=os.environ.get("KBLAM_API_KEY", "none"), timeout=300)
    kb = build_dpkg_kb(args.packages) if args.kb == "dpkg" else BUILDERS[args.kb]()
    rows = []
    for q in json.loads(QUESTIONS[args.kb].read_text())["questions"]:
        messages = [{"role": r, "content": c} for r, c in q["turns"]]
        want = expected(kb, q["asked"]) if q["asked"] else []
        t0 = time.perf_counter()
        limit = {} if args.max_tokens is None else {"max_tokens": args.max_tokens}
        resp = client.chat.completions.create(model="kblam-studio", messages=messages, extra_body={"kb": kb}, **limit)
        text = resp.choices[0].message.content or ""
        refused = bool(resp.model_extra["kblam"]["refused"])
        rows.append({"kind": q["kind"], "question": messages[-1]["content"], "expected": want, "answer": text,
                     "refused": refused, "correct": (not refused and states_all(text, want)) if want
                     else refused, "seconds": round(time.perf_counter() - t0, 2)})
        print(("ok  " if rows[-1]["correct"] else "MISS"), q["kind"], "|", rows[-1]["question"], "|", text, flush=True)
    ans = [r for r in rows if r["expected"]]
    una = [r for r in rows if not r["expected"]]
    fol = [r for r in ans if r["kind"] == "follow_up"]
    summary = {"triples": len(kb), "questions": len(rows), "max_tokens": args.max_tokens,
               "value_correct": round(sum(r["correct"] for r in ans) / len(ans), 3),
               "refusal_recall": round(sum(r["refused"] for r in una) / len(una), 3),
               "answerable_refused": round(sum(r["refused"] for r in ans) / len(ans), 3),
               "follow_ups": round(sum(r["correct"] for r in fol) / max(1, len(fol)), 3)}
    print(json.dumps(summary))
    Path(out).write_text(json.dumps({"summary": summary, "rows": rows}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
