"""Fresh KBs read from the tables a Debian system keeps under ``/etc`` and ``/usr/share``: network services,
IP protocols, EtherTypes and RPC programs (netbase), the system accounts, ``login.defs``, X11's colour names, dpkg's
CPU table, the terminfo database, the Unicode blocks perl ships, freedesktop.org's shared MIME-info types and glibc's
locale sources."""

from __future__ import annotations

import re
from pathlib import Path

SERVICES = ["ftp", "ssh", "telnet", "smtp", "domain", "tftp", "http", "kerberos", "pop3", "ntp", "imap2", "snmp",
            "bgp", "ldap", "https", "submission", "ipp", "imaps", "pop3s", "socks", "nfs", "ms-sql-s"]


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


PROTOCOLS = ["icmp", "igmp", "tcp", "udp", "ipv6", "gre", "esp", "ah", "ipv6-icmp", "ospf", "sctp", "vrrp", "pim",
             "l2tp", "rsvp", "eigrp", "dccp", "ipcomp", "udplite", "hip", "etherip", "mptcp"]


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


COLOURS = ["snow", "ghost white", "navajo white", "alice blue", "dark slate gray", "tomato", "chocolate", "orchid",
           "medium aquamarine", "papaya whip", "light goldenrod", "cornflower blue", "firebrick", "lemon chiffon",
           "saddle brown", "dodger blue", "peach puff", "olive drab", "misty rose", "lawn green", "hot pink",
           "slate blue"]


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


USERS = ["root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy", "www-data",
         "backup", "list", "irc", "_apt", "nobody"]  # the system accounts of Debian's base-passwd


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


PLANES = {0: "Basic Multilingual Plane", 1: "Supplementary Multilingual Plane",
          2: "Supplementary Ideographic Plane", 3: "Tertiary Ideographic Plane", 14: "Supplementary Special-purpose Plane",
          15: "Supplementary Private Use Area-A", 16: "Supplementary Private Use Area-B"}


def build_blocks_kb(path: Path | None = None) -> list[dict]:
    """The Unicode blocks as the ``Blocks.txt`` that Debian's perl ships lists them: first and last code point, the
    number of code points and the plane."""
    if path is None:
        found = sorted(Path("/usr/share/perl").glob("*/unicore/Blocks.txt"))
        if not found:
            raise SystemExit("Blocks.txt is missing: apt-get install perl-modules")
        path = found[-1]
    kb = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([0-9A-F]+)\.\.([0-9A-F]+);\s*(.+?)\s*$", line)
        if not m:
            continue
        first, last, name = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
        values = {"first code point": f"U+{first:04X}", "last code point": f"U+{last:04X}",
                  "number of code points": str(last - first + 1), "plane": PLANES.get(first >> 16, str(first >> 16))}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_sharedmime_kb(path: Path = Path("/usr/share/mime/packages/freedesktop.org.xml"), step: int = 12,
                        limit: int = 70) -> list[dict]:
    """Every ``step``-th of the MIME types in freedesktop.org's shared MIME-info database (at most ``limit``): the
    English description, the acronym and what it stands for, the file-name patterns, the types it is a subclass of,
    its aliases and its generic icon."""
    import xml.etree.ElementTree as ET

    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    kb = []
    for node in ET.parse(path).getroot().findall(f"{ns}mime-type")[::step][:limit]:
        def texts(tag: str, node=node) -> list[str]:
            return [e.text.strip() for e in node.findall(ns + tag) if e.text and lang not in e.attrib]

        def attrs(tag: str, attr: str, node=node) -> str:
            return ", ".join(e.get(attr) for e in node.findall(ns + tag) if e.get(attr))

        values = {"description": (texts("comment") or [""])[0], "acronym": (texts("acronym") or [""])[0],
                  "acronym expanded": (texts("expanded-acronym") or [""])[0],
                  "file patterns": attrs("glob", "pattern"), "subclass of": attrs("sub-class-of", "type"),
                  "aliases": attrs("alias", "type"), "generic icon": attrs("generic-icon", "name")}
        kb += [{"name": node.get("type"), "property": p, "value": v} for p, v in values.items() if v]
    return kb


def _glibc_section(folder: Path, locale: str, section: str, depth: int = 0) -> dict[str, str]:
    """One section of a glibc locale source file: keyword → its first value, quotes dropped and ``<Uxxxx>`` decoded;
    a section that copies another locale's is read from that one."""
    path = folder / locale
    if depth > 5 or not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8", errors="replace")
    found = re.search(rf"^{section}\s*$(.*?)^END {section}", text, re.MULTILINE | re.DOTALL)
    if not found:
        return {}
    body = found.group(1)
    copied = re.search(r'^copy\s+"([^"]+)"', body, re.MULTILINE)
    out = _glibc_section(folder, copied.group(1), section, depth + 1) if copied else {}
    for line in body.splitlines():
        m = re.match(r"^([a-z_]+)\s+(.+?)\s*$", line)
        if m and m.group(1) != "copy":
            value = m.group(2).split(";")[0].strip().strip('"').replace("//", "/")  # "/" escapes itself
            out[m.group(1)] = re.sub(r"<U([0-9A-Fa-f]{4,6})>", lambda u: chr(int(u.group(1), 16)), value)
    return out


def build_i18n_kb(folder: Path = Path("/usr/share/i18n/locales"), step: int = 6, limit: int = 60) -> list[dict]:
    """Every ``step``-th of the glibc locales with a territory (``/usr/share/i18n/locales``, sorted, at most
    ``limit``): the title, language and territory, the currency symbol and international currency code, the
    decimal point and thousands separator, the international dialling prefix, the paper size and the measurement
    system, as the locale sources write them (a section copied from another locale read there)."""
    names = sorted(p.name for p in folder.iterdir() if re.fullmatch(r"[a-z]{2,3}_[A-Z]{2}(?:@\w+)?", p.name))
    kb = []
    for name in names[::step][:limit]:
        ident = _glibc_section(folder, name, "LC_IDENTIFICATION")
        money = _glibc_section(folder, name, "LC_MONETARY")
        numeric = _glibc_section(folder, name, "LC_NUMERIC")
        phone = _glibc_section(folder, name, "LC_TELEPHONE")
        paper = _glibc_section(folder, name, "LC_PAPER")
        measure = _glibc_section(folder, name, "LC_MEASUREMENT")
        size = {("297", "210"): "A4", ("279", "216"): "US letter"}.get((paper.get("height"), paper.get("width")), "")
        values = {"title": ident.get("title", ""), "language": ident.get("language", ""),
                  "territory": ident.get("territory", ""), "currency symbol": money.get("currency_symbol", ""),
                  "international currency code": money.get("int_curr_symbol", "").strip(),
                  "decimal point": numeric.get("decimal_point", ""),
                  "thousands separator": {" ": "space", "\u202f": "narrow no-break space", "\u00a0": "no-break space"}.get(
                      numeric.get("thousands_sep", ""), numeric.get("thousands_sep", "")),
                  "international dialling prefix": ("+" + phone["int_prefix"]) if phone.get("int_prefix") else "",
                  "paper size": size,
                  "measurement system": {"1": "metric", "2": "US customary"}.get(measure.get("measurement", ""), "")}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb
