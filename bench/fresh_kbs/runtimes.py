"""Fresh KBs of the twenty-first session, built at run time from what this machine's runtimes and compilers report
about themselves: the flags of the V8 engine that node ships (``node --v8-options``), the options pandas registers,
gcc's tuning parameters (``gcc --help=params``), the time zones of the tz database (``zone1970.tab`` and
:mod:`zoneinfo`), node's and curl's command-line options, gcc's optimisation flags, the Java virtual machine's flags,
rustc's codegen options, the functions of Python's :mod:`math`, rustc's target features, gcc's target options, the
functions of :mod:`numpy.linalg`, GNU tar's options and the functions of :mod:`statistics`."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

# options other fresh KBs already name (pip's, npm's): left out so that each name belongs to one KB
_TAKEN = frozenset({"--help", "--json", "--version", "--verbose", "--quiet"})


def _first_sentence(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    cut = re.search(r"(?<=[.!?])\s+(?=[A-Z])", text)
    text = text[:cut.start()] if cut else text
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def build_v8flags_kb(step: int = 20) -> list[dict]:
    """Every ``step``-th flag of the V8 engine bundled with this machine's node (``node --v8-options``): what it
    does (V8's own description), its type and its default (a boolean flag's default written "on" or "off")."""
    out = subprocess.run(["node", "--v8-options"], capture_output=True, text=True, check=True).stdout
    flags = re.findall(r"^  (--[\w-]+) \((.*)\)\n\s+type: (\S+)\s+default: (.*)$", out, flags=re.MULTILINE)
    rows = []
    for name, what, kind, default in flags[::step]:
        default = default.strip()
        if kind == "bool":
            default = "off" if default.startswith("--no-") else "on"
        rows += [{"name": name, "property": "description", "value": _first_sentence(what)},
                 {"name": name, "property": "type", "value": kind}]
        if default:
            rows.append({"name": name, "property": "default", "value": default})
    return rows


def build_pandasopts_kb(step: int = 2) -> list[dict]:
    """Every ``step``-th option pandas registers (``pandas.describe_option``'s source): the type its documentation
    gives, the default, the first sentence of the description and the valid values where the documentation lists
    them."""
    from pandas._config import config

    rows = []
    for key in sorted(config._registered_options)[::step]:
        option = config._registered_options[key]
        doc = option.doc or ""
        kind = re.match(r"\s*:\s*([^\n]+)", doc)
        body = doc[kind.end():] if kind else doc
        valid = re.search(r"Valid values:\s*([^\n]+)", body)
        body = body[:valid.start()] if valid else body
        default = "empty string" if option.defval == "" else str(option.defval)
        rows.append({"name": key, "property": "default value", "value": default})
        if kind:
            rows.append({"name": key, "property": "type", "value": kind.group(1).strip()})
        if body.strip():
            rows.append({"name": key, "property": "description", "value": _first_sentence(body)})
        if valid:
            rows.append({"name": key, "property": "valid values", "value": valid.group(1).strip()})
    return rows


def build_gccparams_kb(step: int = 9) -> list[dict]:
    """Every ``step``-th tuning parameter of this machine's gcc (``gcc --help=params``): the first sentence of its
    description, its default (``gcc -Q --help=params``) and the range or the choices gcc accepts, where it names
    them."""
    text = subprocess.run(["gcc", "--help=params"], capture_output=True, text=True, check=True).stdout
    values = subprocess.run(["gcc", "-Q", "--help=params"], capture_output=True, text=True, check=True).stdout
    described = {}
    for found in re.finditer(r"^  --param=([\w-]+)=(\S*)\s+(.*(?:\n {20,}.*)*)", text, flags=re.MULTILINE):
        described[found.group(1)] = (found.group(2), found.group(3))
    defaults = dict(re.findall(r"^  --param=([\w-]+)=\S*\s+(\S[^\n]*)$", values, flags=re.MULTILINE))
    rows = []
    for name in sorted(described)[::step]:
        accepted, what = described[name]
        default = defaults.get(name, "").strip()
        if not default or default.startswith("["):
            continue
        param = f"--param={name}"
        rows += [{"name": param, "property": "description", "value": _first_sentence(what)},
                 {"name": param, "property": "default", "value": default}]
        if accepted.startswith("<"):
            low, high = accepted.strip("<>").split(",")
            rows.append({"name": param, "property": "allowed range", "value": f"{low} to {high}"})
        elif accepted.startswith("["):
            rows.append({"name": param, "property": "choices", "value": ", ".join(accepted.strip("[]").split("|"))})
    return rows


def _offset(delta: dt.timedelta | None) -> str:
    minutes = int(delta.total_seconds() // 60) if delta else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def build_timezones_kb(step: int = 9, table: Path = Path("/usr/share/zoneinfo/zone1970.tab")) -> list[dict]:
    """Every ``step``-th time zone of the tz database's ``zone1970.tab``: the countries it covers (ISO 3166 codes),
    its reference point's coordinates (ISO 6709, as the table writes them), the table's comment where it has one,
    and from :mod:`zoneinfo` its UTC offset and abbreviation on 15 January 2026 and whether it changed clocks in
    2026 (and to what offset)."""
    zones = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    rows = []
    for fields in zones[::step]:
        codes, coordinates, name = fields[:3]
        zone = ZoneInfo(name)
        winter = dt.datetime(2026, 1, 15, 12, tzinfo=zone)
        summer = dt.datetime(2026, 7, 15, 12, tzinfo=zone)
        rows += [{"name": name, "property": "countries", "value": codes.replace(",", ", ")},
                 {"name": name, "property": "coordinates", "value": coordinates}]
        if len(fields) > 3 and fields[3].strip():
            rows.append({"name": name, "property": "comment", "value": fields[3].strip()})
        rows += [{"name": name, "property": "UTC offset in January", "value": _offset(winter.utcoffset())},
                 {"name": name, "property": "abbreviation in January", "value": winter.tzname()}]
        changed = summer.utcoffset() != winter.utcoffset()
        rows.append({"name": name, "property": "clock change in 2026",
                     "value": f"yes, {_offset(summer.utcoffset())} in July ({summer.tzname()})" if changed else "no"})
    return rows


def _help_entries(text: str, entry: re.Pattern) -> list[tuple[str, str]]:
    """(the option's line head, its description) of each entry of a ``--help`` text whose description may start
    on the next line and go on on indented lines below."""
    found: list[list[str]] = []
    current = None
    for line in text.splitlines():
        head = entry.match(line)
        if head:
            current = [head.group(1), (head.group(2) or "").strip()]
            found.append(current)
        elif current is not None and line.startswith(" " * 20) and line.strip():
            current[1] = (current[1] + " " + line.strip()).strip()
        else:
            current = None
    return [(h, d) for h, d in found if d]


def build_nodeopts_kb(step: int = 5) -> list[dict]:
    """Every ``step``-th command-line option of this machine's node (``node --help``): what it does (node's own
    words), its one-letter form where it has one, and whether it takes a value."""
    text = subprocess.run(["node", "--help"], capture_output=True, text=True, check=True).stdout
    text = text.split("\nEnvironment variables:", 1)[0]
    rows = []
    for head, what in _help_entries(text, re.compile(r"^  (-[^\s,]+(?:, -[^\s,]+)*)(?:\s+(.*))?$"))[::step]:
        forms = [f.strip() for f in head.split(",")]
        long = next((f for f in forms if f.startswith("--")), forms[-1])
        name, _, value = long.partition("=")
        name, bracket, _ = name.partition("[")  # "--inspect-wait[=[host:]port]": an optional value
        value = value or bracket
        if len(name) < 3 or name in _TAKEN:
            continue
        rows.append({"name": name, "property": "description", "value": _first_sentence(what)})
        short = next((f for f in forms if re.fullmatch(r"-\w", f)), None)
        if short:
            rows.append({"name": name, "property": "short form", "value": short})
        rows.append({"name": name, "property": "takes a value", "value": "yes" if value else "no"})
    return rows


def _option_rows(name: str, what: str, short: str | None, argument: str | None) -> list[dict]:
    """A command-line option's rows: its description, its one-letter form where it has one, and its argument
    ("none" for a switch); none for an option another fresh KB names (:data:`_TAKEN`)."""
    if name in _TAKEN:
        return []
    rows = [{"name": name, "property": "description", "value": what.strip()}]
    if short:
        rows.append({"name": name, "property": "short form", "value": short})
    return rows + [{"name": name, "property": "argument", "value": argument or "none"}]


def build_curlopts_kb(step: int = 9) -> list[dict]:
    """Every ``step``-th option of this machine's curl (``curl --help all``): its description, its one-letter form
    where it has one, and the argument it takes ("none" for a switch)."""
    text = subprocess.run(["curl", "--help", "all"], capture_output=True, text=True, check=True).stdout
    rows = []
    options = re.findall(r"^\s+(?:(-\w), )?(--[\w.-]+)(?: (<[^>]*>\S*))?\s+(\S.*)$", text,
                         flags=re.MULTILINE)
    for short, name, argument, what in options[::step]:
        rows += _option_rows(name, what, short, argument)
    return rows


def build_gccopts_kb(step: int = 8) -> list[dict]:
    """Every ``step``-th ``-f`` optimisation flag of this machine's gcc (``gcc --help=optimizers``) that gcc
    documents: its description, and the lowest of -O1, -O2 and -O3 that turns it on (``gcc -Q --help=optimizers``
    at each level; "none of -O1 to -O3" when it stays off, "-O0 (always)" when it is on without optimising)."""
    text = subprocess.run(["gcc", "--help=optimizers"], capture_output=True, text=True, check=True).stdout
    described = {h: d for h, d in _help_entries(text, re.compile(r"^  (-f[\w-]+)(?:\s+(.*)|$)"))
                 if "lacks documentation" not in d}
    levels = {}
    for level in ("-O0", "-O1", "-O2", "-O3"):
        out = subprocess.run(["gcc", "-Q", level, "--help=optimizers"], capture_output=True, text=True,
                             check=True).stdout
        levels[level] = set(re.findall(r"^  (-f[\w-]+)\s+\[enabled\]", out, flags=re.MULTILINE))
    rows = []
    for name in sorted(described)[::step]:
        on = next((lv for lv in levels if name in levels[lv]), None)
        rows += [{"name": name, "property": "description", "value": _first_sentence(described[name])},
                 {"name": name, "property": "enabled from",
                  "value": "-O0 (always)" if on == "-O0" else on or "none of -O1 to -O3"}]
    return rows


def build_jvmflags_kb(step: int = 18) -> list[dict]:
    """Every ``step``-th flag of this machine's Java virtual machine (``java -XX:+PrintFlagsFinal``): its type, its
    value on this machine and the kind of flag HotSpot says it is (product, diagnostic, experimental, …)."""
    out = subprocess.run(["java", "-XX:+PrintFlagsFinal", "-version"], capture_output=True, text=True,
                         check=True).stdout
    flags = re.findall(r"^\s*(\w+)\s+(\w+)\s+:?=\s*(\S*)\s+\{([^}]*)\}", out, flags=re.MULTILINE)
    rows = []
    for kind, name, value, category in flags[::step]:
        rows.append({"name": name, "property": "type", "value": kind})
        if value:
            rows.append({"name": name, "property": "value", "value": value})
        rows.append({"name": name, "property": "kind of flag", "value": category.strip()})
    return rows


def build_rustcodegen_kb() -> list[dict]:
    """The codegen options of this machine's rustc (``rustc -C help``): what each does (rustc's words, without the
    default), its default where rustc names one, and whether it is deprecated."""
    out = subprocess.run(["rustc", "-C", "help"], capture_output=True, text=True, check=True).stdout
    rows = []
    for name, what in re.findall(r"^\s+-C\s+([\w-]+)(?:=val)?\s+--\s+(.*)$", out, flags=re.MULTILINE):
        default = re.search(r"\(default:\s*([^)]*)\)|;\s*default:\s*([^)]*?)\)?$", what)
        described = re.sub(r"\s*\(default:[^)]*\)", "", re.sub(r";\s*default:[^)]*\)$", ")", what)).strip()
        if described.startswith("this option is deprecated"):
            rows.append({"name": f"-C {name}", "property": "deprecated", "value": "yes"})
            continue
        rows.append({"name": f"-C {name}", "property": "description", "value": described})
        if default:
            rows.append({"name": f"-C {name}", "property": "default",
                         "value": (default.group(1) or default.group(2)).strip()})
        rows.append({"name": f"-C {name}", "property": "deprecated", "value": "no"})
    return rows


def build_mathfuncs_kb(step: int = 2) -> list[dict]:
    """Every ``step``-th function of Python's :mod:`math` module: the first sentence of its docstring and its
    signature as the interpreter reports it (``math.comb(n, k)``)."""
    import math

    rows = []
    names = sorted(n for n in dir(math) if not n.startswith("_") and callable(getattr(math, n)))
    for n in names[::step]:
        function = getattr(math, n)
        doc = (function.__doc__ or "").strip()
        signature = (function.__text_signature__ or "").replace("$module, ", "").replace("$module", "")
        signature = re.sub(r",\s*/\)", ")", signature).replace(", /,", ",").replace("(/)", "()")
        if not doc:
            continue
        rows.append({"name": f"math.{n}", "property": "summary", "value": _first_sentence(doc.split("\n\n")[0])})
        if signature:
            rows.append({"name": f"math.{n}", "property": "signature", "value": f"math.{n}{signature}"})
    return rows


_HASH_NAMES = frozenset({"sha512", "sha256", "sha1", "sha3"})  # names the hashes KB already holds


def build_rustfeatures_kb(step: int = 7) -> list[dict]:
    """Every ``step``-th target feature rustc knows for this machine's target (``rustc --print target-features``):
    its description and whether the target enables it by default (``rustc --print cfg``)."""
    text = subprocess.run(["rustc", "--print", "target-features"], capture_output=True, text=True, check=True).stdout
    cfg = subprocess.run(["rustc", "--print", "cfg"], capture_output=True, text=True, check=True).stdout
    enabled = set(re.findall(r'^target_feature="([^"]+)"', cfg, flags=re.MULTILINE))
    rows = []
    for name, what in re.findall(r"^    ([\w.-]+)\s+- (.+)$", text, flags=re.MULTILINE)[::step]:
        if name in _HASH_NAMES:
            continue
        rows += [{"name": name, "property": "description", "value": what.strip()},
                 {"name": name, "property": "enabled by default", "value": "yes" if name in enabled else "no"}]
    return rows


def build_gcctarget_kb(step: int = 7) -> list[dict]:
    """Every ``step``-th target option of this machine's gcc (``gcc --help=target``) that gcc documents: its
    description and its state or value here without other flags (``gcc -Q --help=target``)."""
    text = subprocess.run(["gcc", "--help=target"], capture_output=True, text=True, check=True).stdout
    values = subprocess.run(["gcc", "-Q", "--help=target"], capture_output=True, text=True, check=True).stdout
    described = {h: d for h, d in _help_entries(text, re.compile(r"^  (-m[\w-]+=?)(?:\s+(.*)|$)"))
                 if "lacks documentation" not in d and "Same as" not in d}
    states = dict(re.findall(r"^  (-m[\w-]+=?)\s+(\S[^\n]*)$", values, flags=re.MULTILINE))
    rows = []
    for option in sorted(described)[::step]:
        state = states.get(option, "").strip()
        name = option.rstrip("=")
        rows.append({"name": name, "property": "description", "value": _first_sentence(described[option])})
        if state:
            rows.append({"name": name, "property": "default here", "value": state.strip("[]")})
    return rows


def build_linalgfuncs_kb() -> list[dict]:
    """The functions of :mod:`numpy.linalg`: the first line of each docstring and its signature."""
    import inspect

    import numpy.linalg as linalg

    rows = []
    for n in sorted(dir(linalg)):
        function = getattr(linalg, n)
        if n.startswith("_") or not callable(function) or inspect.isclass(function) or n == "test":
            continue
        summary = (function.__doc__ or "").strip().split("\n")[0].strip()
        if summary:
            rows.append({"name": f"numpy.linalg.{n}", "property": "summary", "value": summary})
        try:
            rows.append({"name": f"numpy.linalg.{n}", "property": "signature",
                         "value": f"numpy.linalg.{n}{inspect.signature(function)}"})
        except (TypeError, ValueError):
            pass
    return rows


def build_taropts_kb(step: int = 6) -> list[dict]:
    """Every ``step``-th option of this machine's GNU tar that ``tar --help`` describes on its own line: the
    description, its one-letter form where it has one, and the argument it takes ("none" for a switch)."""
    text = subprocess.run(["tar", "--help"], capture_output=True, text=True, check=True).stdout
    entries = _help_entries(text, re.compile(r"^\s{2,6}((?:-\w, )?--[\w-]+(?:\[?=[\w-]+\]?)?)\s{2,}(\S.*)$"))
    rows = []
    for head, what in entries[::step]:
        short, name, argument = re.fullmatch(r"(?:(-\w), )?(--[\w-]+)(?:\[?=([\w-]+)\]?)?", head).groups()
        rows += _option_rows(name, what, short, argument)
    return rows


def build_statsfuncs_kb() -> list[dict]:
    """The functions of Python's :mod:`statistics` module: the first sentence of each docstring and its
    signature."""
    import inspect
    import statistics

    rows = []
    for n in sorted(dir(statistics)):
        function = getattr(statistics, n)
        if n.startswith("_") or not inspect.isfunction(function) or n == "namedtuple":
            continue
        doc = (function.__doc__ or "").strip()
        if doc:
            rows.append({"name": f"statistics.{n}", "property": "summary",
                         "value": _first_sentence(doc.split("\n\n")[0])})
        rows.append({"name": f"statistics.{n}", "property": "signature",
                     "value": f"statistics.{n}{inspect.signature(function)}"})
    return rows
