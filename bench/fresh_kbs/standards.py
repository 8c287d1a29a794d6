"""Fresh KBs of the standards and tables that Python's standard library carries: POSIX errno codes and
signals, TLS cipher suites (``ssl``), mail character sets (``email.charset``), hash algorithms, HTML5 character
references, ASCII control characters, MIME types, Unicode's emoticons, ``strftime`` directives, HTTP methods, and
the SQL functions and PRAGMAs of the SQLite library ``sqlite3`` links."""

from __future__ import annotations

import errno
import os
import signal

ERRNO = ["ENOENT", "EACCES", "EEXIST", "ENOTDIR", "EISDIR", "EINVAL", "ENOSPC", "EPIPE", "EAGAIN", "ECONNREFUSED",
         "ETIMEDOUT", "EADDRINUSE", "ENOMEM", "EBADF", "EINTR", "EROFS", "ENOTEMPTY", "EHOSTUNREACH", "ECONNRESET",
         "EPERM"]
SIGNALS = ["SIGINT", "SIGTERM", "SIGKILL", "SIGHUP", "SIGSEGV", "SIGPIPE", "SIGALRM", "SIGCHLD", "SIGUSR1", "SIGSTOP"]


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


def build_emoji_kb(first: int = 0x1F600, last: int = 0x1F64F) -> list[dict]:
    """The Emoticons block of Unicode as Python's ``unicodedata`` names it (lower-case names): the emoji itself, its
    code point, its UTF-8 bytes, its general category and its East Asian width."""
    import unicodedata

    kb = []
    for code in range(first, last + 1):
        char = chr(code)
        name = unicodedata.name(char, "")
        if not name:
            continue
        values = {"emoji": char, "code point": f"U+{code:04X}",
                  "UTF-8 bytes": " ".join(f"{b:02X}" for b in char.encode("utf-8")),
                  "general category": unicodedata.category(char), "East Asian width": unicodedata.east_asian_width(char)}
        kb += [{"name": name.lower(), "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_mailcharsets_kb() -> list[dict]:
    """The character sets Python's ``email.charset`` knows how to encode in mail: how headers and bodies in it are
    encoded (quoted-printable, base64, the shorter of the two, or not at all), the charset it converts to for output,
    and the other names it is known by (``email.charset.ALIASES``)."""
    import email.charset as mail

    codes = {mail.QP: "quoted-printable", mail.BASE64: "base64", mail.SHORTEST: "shortest of QP and base64",
             None: "none"}
    aliases: dict[str, list[str]] = {}
    for alias, name in mail.ALIASES.items():
        aliases.setdefault(name, []).append(alias)
    kb = []
    for name, (header, body, output) in mail.CHARSETS.items():
        values = {"header encoding": codes.get(header, ""), "body encoding": codes.get(body, ""),
                  "output charset": output or "", "aliases": ", ".join(sorted(aliases.get(name, [])))}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


# strftime's directives that C89 defines, with their meaning as Python's documentation tables it
_STRFTIME = {"%a": "weekday as abbreviated name", "%A": "weekday as full name",
             "%w": "weekday as a decimal number, 0 is Sunday", "%d": "day of the month as a zero-padded number",
             "%b": "month as abbreviated name", "%B": "month as full name",
             "%m": "month as a zero-padded number", "%y": "year without century as a zero-padded number",
             "%Y": "year with century", "%H": "hour (24-hour clock) as a zero-padded number",
             "%I": "hour (12-hour clock) as a zero-padded number", "%p": "AM or PM",
             "%M": "minute as a zero-padded number", "%S": "second as a zero-padded number",
             "%f": "microsecond as a six-digit zero-padded number", "%z": "UTC offset in the form +HHMM",
             "%Z": "time zone name", "%j": "day of the year as a zero-padded number",
             "%U": "week number of the year, Sunday as first day of the week",
             "%W": "week number of the year, Monday as first day of the week",
             "%c": "locale's date and time representation", "%x": "locale's date representation",
             "%X": "locale's time representation", "%%": "a literal % character"}


def build_strftime_kb() -> list[dict]:
    """Python's ``strftime`` directives: meaning, and what each gives for 2026-03-07 14:05:09.042 UTC (a Saturday)
    with ``datetime.strftime`` in the C locale."""
    import datetime

    moment = datetime.datetime(2026, 3, 7, 14, 5, 9, 42000, tzinfo=datetime.timezone.utc)
    rows = []
    for directive, meaning in _STRFTIME.items():
        rows += [{"name": directive, "property": "meaning", "value": meaning},
                 {"name": directive, "property": "example output", "value": moment.strftime(directive)}]
    return rows


# signal(7): the default action and the standard that first defined each signal (Linux's own where POSIX has none)
_SIGNALS = {
    "SIGABRT": ("Core", "POSIX.1-1990"), "SIGALRM": ("Term", "POSIX.1-1990"), "SIGBUS": ("Core", "POSIX.1-2001"),
    "SIGCHLD": ("Ign", "POSIX.1-1990"), "SIGCONT": ("Cont", "POSIX.1-1990"), "SIGFPE": ("Core", "POSIX.1-1990"),
    "SIGHUP": ("Term", "POSIX.1-1990"), "SIGILL": ("Core", "POSIX.1-1990"), "SIGINT": ("Term", "POSIX.1-1990"),
    "SIGIO": ("Term", "none (Linux)"), "SIGKILL": ("Term", "POSIX.1-1990"), "SIGPIPE": ("Term", "POSIX.1-1990"),
    "SIGPROF": ("Term", "POSIX.1-2001"), "SIGPWR": ("Term", "none (Linux)"), "SIGQUIT": ("Core", "POSIX.1-1990"),
    "SIGSEGV": ("Core", "POSIX.1-1990"), "SIGSTKFLT": ("Term", "none (Linux)"), "SIGSTOP": ("Stop", "POSIX.1-1990"),
    "SIGTSTP": ("Stop", "POSIX.1-1990"), "SIGSYS": ("Core", "POSIX.1-2001"), "SIGTERM": ("Term", "POSIX.1-1990"),
    "SIGTRAP": ("Core", "POSIX.1-2001"), "SIGTTIN": ("Stop", "POSIX.1-1990"), "SIGTTOU": ("Stop", "POSIX.1-1990"),
    "SIGURG": ("Ign", "POSIX.1-2001"), "SIGUSR1": ("Term", "POSIX.1-1990"), "SIGUSR2": ("Term", "POSIX.1-1990"),
    "SIGVTALRM": ("Term", "POSIX.1-2001"), "SIGXCPU": ("Core", "POSIX.1-2001"), "SIGXFSZ": ("Core", "POSIX.1-2001"),
    "SIGWINCH": ("Ign", "none (Linux)"),
}
_ACTIONS = {"Term": "terminate the process", "Core": "terminate the process and dump core", "Ign": "ignore",
            "Stop": "stop the process", "Cont": "continue the process if it is stopped"}


def build_signals_kb() -> list[dict]:
    """The standard Linux signals this machine's Python knows (``signal.Signals``): the number, the C library's
    description (``signal.strsignal``), the default action and the standard from signal(7), and whether a
    process can catch it (all but SIGKILL and SIGSTOP)."""
    import signal

    rows = []
    for sig in signal.Signals:
        if sig.name not in _SIGNALS:
            continue
        action, standard = _SIGNALS[sig.name]
        rows += [{"name": sig.name, "property": "signal number", "value": str(sig.value)},
                 {"name": sig.name, "property": "description", "value": signal.strsignal(sig)},
                 {"name": sig.name, "property": "default action", "value": _ACTIONS[action]},
                 {"name": sig.name, "property": "standard", "value": standard},
                 {"name": sig.name, "property": "can be caught",
                  "value": "no" if sig in (signal.SIGKILL, signal.SIGSTOP) else "yes"}]
    return rows


# RFC 9110 section 9 (PATCH: RFC 5789): safe, idempotent, cacheable, what a request body means
_METHODS = {"GET": ("yes", "yes", "yes", "no defined meaning"), "HEAD": ("yes", "yes", "yes", "no defined meaning"),
            "POST": ("no", "no", "only with explicit freshness information", "the data to process"),
            "PUT": ("no", "yes", "no", "the new state of the target"),
            "DELETE": ("no", "yes", "no", "no defined meaning"),
            "CONNECT": ("no", "no", "no", "no defined meaning"),
            "OPTIONS": ("yes", "yes", "no", "no defined meaning"), "TRACE": ("yes", "yes", "no", "not allowed"),
            "PATCH": ("no", "no", "no", "a set of changes to apply")}


def build_httpmethods_kb() -> list[dict]:
    """The HTTP request methods of Python's ``http.HTTPMethod`` with its one-line description, and the method
    properties the defining RFC gives (RFC 9110; PATCH from RFC 5789)."""
    import http

    rows = []
    for method in http.HTTPMethod:
        safe, idempotent, cacheable, body = _METHODS[method.name]
        rows += [{"name": method.name, "property": "description", "value": method.description},
                 {"name": method.name, "property": "safe", "value": safe},
                 {"name": method.name, "property": "idempotent", "value": idempotent},
                 {"name": method.name, "property": "cacheable", "value": cacheable},
                 {"name": method.name, "property": "request body", "value": body},
                 {"name": method.name, "property": "defined in",
                  "value": "RFC 5789" if method.name == "PATCH" else "RFC 9110"}]
    return rows
