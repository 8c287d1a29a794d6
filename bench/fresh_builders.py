"""More fresh KBs for :mod:`bench.api_fresh_kb` (the sixteenth and seventeenth sessions), each built at run time from
data this machine ships: Debian's machine-readable copyright files, numpy's numeric limits, the Unicode blocks that
Perl ships and the layers of the installed ``torch.nn``; then the systemd service units, the manual pages of
Debian's required packages, the modules of Python's standard library and the modules in Perl's core; then Debian's
alternatives, matplotlib's colormaps, scikit-learn's estimators and the styles of python-docx's default template;
and (the seventeenth session) the releases of Debian and Ubuntu, torch's optimizers, pyarrow's compute functions
and freedesktop.org's shared MIME-info types; then glibc's locales, Jinja2's filters and tests, the TIFF tags Pillow
knows and pip's command-line options; then the packages bundled with npm, matplotlib's markers, the colour
shades of Gradio's themes and torch's data types; then (measured on the final code only) openpyxl's built-in
cell styles, the HTML tags lxml knows, Unicode's emoticons and the mail charsets of Python's ``email``; and (the
eighteenth session, measured on its final code only) the parameters of pandas' ``read_csv``, Python's
``strftime`` directives, the format characters of Python's ``struct`` and scikit-learn's named scorers."""

from __future__ import annotations

import inspect
import re
import subprocess
from pathlib import Path


def _paragraphs(text: str) -> list[dict[str, str]]:
    """The paragraphs of a Debian control-style file: field → first line of its value (continuation lines dropped)."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            m = re.match(r"^([A-Za-z][\w-]*):\s*(.*)$", line)
            if m:
                fields[m.group(1).casefold()] = m.group(2).strip()
        if fields:
            out.append(fields)
    return out


def build_copyrights_kb(doc: Path = Path("/usr/share/doc")) -> list[dict]:
    """The Debian packages of priority required or important whose ``copyright`` file is machine readable (DEP-5):
    the upstream name, the upstream source, the upstream contact, the licence and first copyright line of the files
    that ``Files: *`` covers, as the files write them (first line of each field)."""
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Priority}\n"], capture_output=True, text=True,
                         timeout=60)
    packages = sorted(p for p, _, prio in (line.partition(" ") for line in out.stdout.splitlines())
                      if prio in ("required", "important"))
    kb = []
    for package in packages:
        path = doc / package / "copyright"
        if not path.is_file():
            continue
        paras = _paragraphs(path.read_text(encoding="utf-8", errors="replace"))
        head = paras[0] if paras and "format" in paras[0] else {}
        files = next((p for p in paras if p.get("files", "").split()[:1] == ["*"]), {})
        if not head.get("upstream-name") or not files:
            continue
        values = {"upstream name": head.get("upstream-name", ""), "upstream source": head.get("source", ""),
                  "upstream contact": head.get("upstream-contact", ""), "licence": files.get("license", ""),
                  "copyright": files.get("copyright", "")}
        kb += [{"name": package, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_limits_kb() -> list[dict]:
    """numpy's limits of its integer and floating-point types (``numpy.iinfo`` / ``numpy.finfo``): bits, smallest
    and largest value, and for floats the machine epsilon, the smallest normal and subnormal numbers, the decimal
    precision, the resolution and the exponent and mantissa bits."""
    import numpy as np

    kb = []
    for t in (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64):
        info = np.iinfo(t)
        values = {"bits": info.bits, "minimum": info.min, "maximum": info.max}
        kb += [{"name": t.__name__, "property": p, "value": str(v)} for p, v in values.items()]
    for t in (np.float16, np.float32, np.float64, np.longdouble):
        info = np.finfo(t)
        values = {"bits": info.bits, "minimum": info.min, "maximum": info.max, "machine epsilon": info.eps,
                  "smallest normal": info.smallest_normal, "smallest subnormal": info.smallest_subnormal,
                  "decimal precision": info.precision, "resolution": info.resolution,
                  "exponent bits": info.nexp, "mantissa bits": info.nmant}
        kb += [{"name": t.__name__, "property": p, "value": str(v)} for p, v in values.items()]
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


def build_layers_kb() -> list[dict]:
    """The layers of the installed ``torch.nn`` from its activation, loss, convolution, linear, normalisation,
    dropout and recurrent modules: the first sentence of the docstring, the module's kind, the class it derives from
    and the constructor's parameters."""
    import torch.nn as nn

    kinds = {"activation", "loss", "conv", "linear", "normalization", "batchnorm", "dropout", "rnn"}
    kb = []
    for name, cls in sorted(vars(nn).items()):
        if not (inspect.isclass(cls) and issubclass(cls, nn.Module) and cls.__module__.rsplit(".", 1)[-1] in kinds):
            continue
        doc = " ".join((cls.__doc__ or "").split())
        summary = re.split(r"(?<=[.!?])\s", doc, maxsplit=1)[0] if doc else ""
        if len(summary) > 160 or "`" in summary or ":" in summary:
            summary = ""
        try:
            params = [p for p in inspect.signature(cls.__init__).parameters.values()
                      if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        except (TypeError, ValueError):
            params = []
        values = {"summary": summary, "kind": cls.__module__.rsplit(".", 1)[-1], "base class": cls.__mro__[1].__name__,
                  "parameters": ", ".join(p.name for p in params)}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_systemd_kb(root: Path = Path("/lib/systemd/system")) -> list[dict]:
    """The systemd service units installed here (``/lib/systemd/system/*.service``): description, first
    documentation reference, service type, the command started, and the target that wants it, as the unit files
    write them."""
    fields = {"description": "description", "documentation": "documentation", "type": "service type",
              "execstart": "command", "wantedby": "wanted by"}
    kb = []
    for path in sorted(root.glob("*.service")):
        if path.is_symlink():
            continue
        found: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            m = re.match(r"^\s*(\w+)\s*=\s*(.*?)\s*$", line)
            if m and m.group(1).casefold() in fields and fields[m.group(1).casefold()] not in found and m.group(2):
                value = m.group(2).split()[0] if m.group(1).casefold() == "documentation" else m.group(2)
                found[fields[m.group(1).casefold()]] = value.lstrip("-@+!:")
        if "description" in found:
            kb += [{"name": path.stem, "property": p, "value": v} for p, v in found.items()]
    return kb


def build_manpages_kb() -> list[dict]:
    """The section 1 and 8 manual pages that the Debian packages of priority required ship: the one-line summary
    of the NAME section, the section and the package."""
    import gzip

    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Priority}\n"], capture_output=True, text=True,
                         timeout=60)
    packages = sorted(p for p, _, prio in (line.partition(" ") for line in out.stdout.splitlines())
                      if prio == "required")
    kb, seen = [], set()
    for package in packages:
        files = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, timeout=60).stdout
        for line in sorted(files.splitlines()):
            m = re.match(r"^/usr/share/man/man([18])/([\w.+-]+)\.\1\.gz$", line)
            if not m or m.group(2) in seen or not Path(line).is_file() or Path(line).is_symlink():
                continue
            text = gzip.decompress(Path(line).read_bytes()).decode("utf-8", errors="replace")
            name = re.search(r"^\.SH\s+\"?NAME\"?\s*\n(.+?)\n\.S[HS]", text, re.MULTILINE | re.DOTALL)
            if not name:
                continue
            body = " ".join(re.sub(r"^\.\w+\s*", "", ln) for ln in name.group(1).splitlines())
            summary = re.split(r"\s\\?-\s|\s\\\(em\s", body.replace("\\-", "-").replace("\\(em", "-"), maxsplit=1)
            if len(summary) != 2 or not summary[1].strip():
                continue
            seen.add(m.group(2))
            kb += [{"name": m.group(2), "property": "summary", "value": re.sub(r"\\f[BIRP]", "", summary[1]).strip()},
                   {"name": m.group(2), "property": "manual section", "value": m.group(1)},
                   {"name": m.group(2), "property": "package", "value": package}]
    return kb


_NOT_IMPORTED = {"antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo", "test", "ensurepip", "msvcrt",
                 "winreg", "winsound", "nt", "_msi", "msilib", "lib2to3", "pydoc_data", "xxlimited", "xxsubtype"}


def build_stdlib_kb() -> list[dict]:
    """The public modules of this Python's standard library (``sys.stdlib_module_names``, run in a child process
    so that importing them leaves this one alone): the first line of the docstring, how the module is built
    (built into the interpreter, an extension module, Python source, a package), and how many public names its
    ``__all__`` lists."""
    import json
    import sys

    script = r'''
import importlib, json, re, sys, warnings
warnings.simplefilter("ignore")
out = {}
for name in sorted(sys.stdlib_module_names):
    if name.startswith("_") or name in set(sys.argv[1].split(",")):
        continue
    try:
        mod = importlib.import_module(name)
    except Exception:
        continue
    f = getattr(mod, "__file__", None) or ""
    kind = ("package" if hasattr(mod, "__path__") else "built-in module" if not f
            else "extension module" if not f.endswith(".py") else "Python module")
    para = " ".join((mod.__doc__ or "").strip().split("\n\n")[0].split())
    first = re.split(r"(?<=[.!?])\s", para, maxsplit=1)[0]
    out[name] = {"summary": first, "kind": kind,
                 "number of public names": str(len(mod.__all__)) if isinstance(getattr(mod, "__all__", None), (list, tuple)) else ""}
print(json.dumps(out))
'''
    done = subprocess.run([sys.executable, "-c", script, ",".join(sorted(_NOT_IMPORTED))], capture_output=True,
                          text=True, timeout=300)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return [{"name": name, "property": p, "value": v} for name, props in found.items() for p, v in props.items()
            if v and not (p == "summary" and (len(v) > 120 or v.endswith(":") or " " not in v
                                             or re.search(r"[~=]{3}|\(e\.g\.$|a\.k\.a\.$", v)))]


def build_perlcore_kb() -> list[dict]:
    """The modules in this perl's core (``Module::CoreList``): the perl release that first shipped each, the
    version this perl ships, and where it is maintained upstream (perl itself or CPAN)."""
    script = r'''
use Module::CoreList;
my $v = $Module::CoreList::version{$]};
for my $m (sort keys %$v) {
    next if $m =~ /^(?:Unicode::Collate::|Pod::Perldoc::|Net::FTP::|TAP::|Locale::Maketext::|Encode::\w+::|DBM_Filter::|ExtUtils::CBuilder::Platform|ExtUtils::MakeMaker::|CPAN::Meta::|Module::Load::|Memoize::|Test2::|IO::Compress::|Compress::Raw|File::Spec::|Math::BigInt::|IPC::Cmd|Pod::Simple::|Tie::Hash::|Devel::|Unicode::|I18N::|B::|Archive::|Attribute::|autodie::|Config::|Encode::)/;
    my $first = Module::CoreList->first_release($m) // "";
    my $up = $Module::CoreList::upstream{$m} // "";
    print join("\t", $m, $first, $v->{$m} // "", $up), "\n";
}
'''
    out = subprocess.run(["perl", "-e", script], capture_output=True, text=True, timeout=60)
    if out.returncode:
        raise SystemExit(f"perl failed: {out.stderr[:200]}")
    kb = []
    for line in out.stdout.splitlines():
        name, first, version, upstream = line.split("\t")
        values = {"first perl release": first, "version": version,
                  "maintained upstream": {"blead": "perl core", "cpan": "CPAN"}.get(upstream, upstream)}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_alternatives_kb(root: Path = Path("/var/lib/dpkg/alternatives")) -> list[dict]:
    """Debian's alternatives (``update-alternatives``' state in ``/var/lib/dpkg/alternatives``): the mode, the
    generic name's link, the number of choices, the choice with the highest priority and that priority."""
    kb = []
    for path in sorted(root.iterdir()):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(lines) < 4:
            continue
        mode, link = lines[0], lines[1]
        rest = lines[2:]
        slaves = 0
        while rest and rest[0]:
            rest, slaves = rest[2:], slaves + 1
        rest = rest[1:]
        choices = []
        while len(rest) >= 2 and rest[0]:
            if not rest[1].lstrip("-").isdigit():
                break
            choices.append((rest[0], int(rest[1])))
            rest = rest[2 + slaves:]
        if not choices:
            continue
        best, priority = max(choices, key=lambda c: c[1])
        values = {"mode": mode, "link": link, "number of choices": str(len(choices)), "highest-priority choice": best,
                  "highest priority": str(priority)}
        kb += [{"name": path.name, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_colormaps_kb() -> list[dict]:
    """matplotlib's registered colormaps (not the reversed ``_r`` ones): the number of colours, the colours at the
    low and high ends as hex codes, and the colormap class."""
    import matplotlib
    from matplotlib.colors import to_hex

    kb = []
    for name in sorted(matplotlib.colormaps):
        if name.endswith("_r"):
            continue
        cmap = matplotlib.colormaps[name]
        values = {"number of colours": str(cmap.N), "lowest colour": to_hex(cmap(0.0)),
                  "highest colour": to_hex(cmap(1.0)), "colormap class": type(cmap).__name__}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_estimators_kb() -> list[dict]:
    """scikit-learn's estimators (``sklearn.utils.all_estimators``): the public module, the kind of estimator
    (classifier, regressor, cluster, transformer, as scikit-learn types them) and the first sentence of the
    docstring."""
    import warnings

    from sklearn.utils import all_estimators

    kinds = {}
    for kind in ("classifier", "regressor", "cluster", "transformer"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for name, _ in all_estimators(type_filter=kind):
                kinds.setdefault(name, kind)
    kb = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimators = all_estimators()
    for name, cls in estimators:
        doc = " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())
        summary = re.split(r"(?<=[.!?])\s", doc, maxsplit=1)[0]
        module = ".".join(part for part in cls.__module__.split(".") if not part.startswith("_"))
        values = {"module": module, "estimator type": kinds.get(name, ""),
                  "summary": summary if 10 < len(summary) <= 140 else ""}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_docxstyles_kb() -> list[dict]:
    """The styles of python-docx's default template: the style type, the style it is based on, the style of the
    next paragraph (paragraph styles), the UI priority and whether it shows in the quick-style gallery."""
    import docx

    kb = []
    for style in docx.Document().styles:
        kind = str(style.type).split()[0].split(".")[-1].lower()
        base = getattr(style, "base_style", None)
        values = {"style type": kind, "based on": base.name if base is not None else "",
                  "next paragraph style": (style.next_paragraph_style.name if kind == "paragraph"
                                           and getattr(style, "next_paragraph_style", None) is not None else ""),
                  "priority": "" if style.priority is None else str(style.priority),
                  "in quick-style gallery": "yes" if style.quick_style else "no"}
        kb += [{"name": style.name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_releases_kb(folder: Path = Path("/usr/share/distro-info")) -> list[dict]:
    """The releases of Debian and Ubuntu as the ``distro-info-data`` package lists them: the distribution, the
    version, the series (the code word the archive uses), when the release was opened, released and reaches its end
    of life, and the later support ends each distribution records (Debian's LTS and ELTS, Ubuntu's server, ESM and
    legacy support)."""
    import csv

    ends = {"eol": "end of life", "eol-lts": "end of LTS", "eol-elts": "end of extended LTS",
            "eol-server": "end of server support", "eol-esm": "end of ESM", "eol-legacy": "end of legacy support"}
    kb = []
    for distro in ("debian", "ubuntu"):
        with (folder / f"{distro}.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                values = {"distribution": distro.capitalize(), "version": row.get("version") or "",
                          "series": row.get("series") or "", "created": row.get("created") or "",
                          "release date": row.get("release") or ""}
                values |= {label: row.get(key) or "" for key, label in ends.items()}
                kb += [{"name": row["codename"], "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_optimizers_kb() -> list[dict]:
    """The optimizers of the installed ``torch.optim``: the first line of the docstring and the default of each
    hyper-parameter the constructor takes (the flags every optimizer shares, such as ``foreach``, left out)."""
    import torch.optim

    shared = {"params", "foreach", "maximize", "capturable", "differentiable", "fused"}
    names = {"lr": "default learning rate", "eps": "default epsilon", "betas": "default betas"}
    kb = []
    for name, cls in sorted(inspect.getmembers(torch.optim, inspect.isclass)):
        if not issubclass(cls, torch.optim.Optimizer) or cls is torch.optim.Optimizer:
            continue
        doc = (cls.__doc__ or "").strip().splitlines()
        values = {"summary": doc[0].strip() if doc else ""}
        for param in inspect.signature(cls).parameters.values():
            if param.name in shared or param.default is inspect.Parameter.empty or param.default is None:
                continue
            values[names.get(param.name, "default " + param.name.replace("_", " "))] = str(param.default)
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_arrowfuncs_kb(step: int = 4, limit: int = 70) -> list[dict]:
    """Every ``step``-th of pyarrow's compute functions (``pyarrow.compute.list_functions``, sorted, at most
    ``limit``): the kind of function, its arity, the names of its arguments, its summary and its options class."""
    import pyarrow.compute as pc

    kb = []
    for name in sorted(pc.list_functions())[::step][:limit]:
        func = pc.get_function(name)
        doc = func._doc
        values = {"kind": func.kind.replace("_", " "), "arity": str(func.arity),
                  "arguments": ", ".join(doc.arg_names), "summary": doc.summary.strip(),
                  "options class": doc.options_class}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
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


def build_jinja_kb() -> list[dict]:
    """The built-in filters and tests of Jinja2 (``jinja2.Environment().filters`` / ``.tests``): whether it is a
    filter or a test, the other names it is registered under, the first line of its docstring and its parameters
    after the value it applies to."""
    import jinja2

    env = jinja2.Environment()
    kb = []
    for kind, table in (("filter", env.filters), ("test", env.tests)):
        by_func: dict[object, list[str]] = {}
        for name, func in table.items():
            by_func.setdefault(func, []).append(name)
        for name, func in sorted(table.items()):
            doc = (inspect.getdoc(func) or "").strip().split("\n\n")[0]
            summary = re.split(r"(?<=[.!?])\s", " ".join(doc.split()), maxsplit=1)[0]
            try:
                params = [p for p in inspect.signature(func).parameters.values()
                          if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)][1:]
            except (TypeError, ValueError):
                params = []
            params = [p for p in params if p.name not in ("environment", "context", "eval_ctx")]
            values = {"kind": kind, "other names": ", ".join(n for n in by_func[func] if n != name),
                      "summary": summary if len(summary) > 10 else "",
                      "parameters": ", ".join(p.name if p.default is p.empty else f"{p.name}={p.default!r}"
                                              for p in params) or "none"}
            kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_tifftags_kb() -> list[dict]:
    """The TIFF tags Pillow knows (``PIL.TiffTags.TAGS_V2``): the tag number in decimal and hexadecimal, the field
    type, the number of values (when fixed) and the named values of the tags that have them."""
    from PIL import TiffTags

    types = {1: "BYTE", 2: "ASCII", 3: "SHORT", 4: "LONG", 5: "RATIONAL", 6: "SBYTE", 7: "UNDEFINED", 8: "SSHORT",
             9: "SLONG", 10: "SRATIONAL", 11: "FLOAT", 12: "DOUBLE", 13: "IFD", 16: "LONG8"}
    kb = []
    for number, info in sorted(TiffTags.TAGS_V2.items()):
        values = {"tag number": str(number), "hex tag": f"0x{number:04X}", "field type": types.get(info.type, ""),
                  "count": str(info.length) if info.length else "",
                  "named values": "; ".join(f"{v} = {k}" for k, v in sorted(info.enum.items(), key=lambda kv: kv[1])
                                            )[:200] if info.enum else ""}
        kb += [{"name": info.name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_pipoptions_kb() -> list[dict]:
    """The command-line options pip defines in ``pip._internal.cli.cmdoptions``: the option's other spellings (a
    short form, another long name), the placeholder of its argument, its default (when it has a plain one) and the
    first sentence of its help."""
    import functools
    from optparse import Option

    from pip._internal.cli import cmdoptions

    kb = []
    for factory in vars(cmdoptions).values():
        if not isinstance(factory, functools.partial):
            continue
        try:
            option = factory()
        except Exception:  # noqa: BLE001 - a factory that needs arguments is no plain option
            continue
        if not isinstance(option, Option) or not option._long_opts:
            continue
        name, *others = option._long_opts
        help_text = " ".join((option.help or "").replace("%default", str(option.default)).split())
        default = option.default
        values = {"other spellings": ", ".join(option._short_opts + others),
                  "argument": option.metavar or ("" if option.action in ("store_true", "store_false", "count", "help")
                                                 else (option.dest or "").replace("_", " ")),
                  "default": ("" if default is None or isinstance(default, tuple) or default == [] else str(default)),
                  "help": re.split(r"(?<=[.!?])\s", help_text, maxsplit=1)[0]}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_npmdeps_kb(root: Path = Path("/usr/lib/node_modules/npm/node_modules")) -> list[dict]:
    """The packages bundled with the npm that Debian installs (their ``package.json``): the version, the
    description, the licence, the author (name, e-mail and web address as the file writes them), the homepage, the
    repository and the Node.js versions the package says it runs on."""
    import json

    kb = []
    for path in sorted(root.glob("*/package.json")) + sorted(root.glob("@*/*/package.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        author = data.get("author") or ""
        if isinstance(author, dict):
            author = " ".join(filter(None, (author.get("name"), f"<{author['email']}>" if author.get("email") else "",
                                            f"({author['url']})" if author.get("url") else "")))
        repo = data.get("repository") or ""
        if isinstance(repo, dict):
            repo = repo.get("url") or ""
        values = {"version": data.get("version") or "", "description": data.get("description") or "",
                  "licence": data.get("license") if isinstance(data.get("license"), str) else "",
                  "author": author, "homepage": data.get("homepage") or "", "repository": repo,
                  "supported Node.js versions": (data.get("engines") or {}).get("node", "")
                  if isinstance(data.get("engines"), dict) else ""}
        kb += [{"name": data.get("name") or path.parent.name, "property": p, "value": v}
               for p, v in values.items() if isinstance(v, str) and v.strip()]
    return kb


def build_markers_kb() -> list[dict]:
    """matplotlib's marker styles (``MarkerStyle.markers``, the string codes): the name matplotlib gives each and
    whether it is drawn filled."""
    from matplotlib.markers import MarkerStyle

    kb = []
    for code, name in MarkerStyle.markers.items():
        if not isinstance(code, str) or not code.strip() or code in ("None", "none"):
            continue
        style = MarkerStyle(code)
        values = {"marker name": name.replace("_", " "), "filled": "yes" if style.is_filled() else "no"}
        kb += [{"name": code, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_shades_kb() -> list[dict]:
    """The colour palettes of Gradio's themes (``gradio.themes.utils.colors``): the hex code of each of a colour's
    eleven shades, 50 (lightest) to 950 (darkest)."""
    from gradio.themes.utils import colors

    kb = []
    for colour in (v for v in vars(colors).values() if isinstance(v, colors.Color)):
        kb += [{"name": colour.name, "property": f"shade {k[1:]}", "value": v.lower()}
               for k, v in vars(colour).items() if re.fullmatch(r"c\d+", k)]
    return kb


def build_torchdtypes_kb() -> list[dict]:
    """The data types of the installed torch (``torch.dtype`` objects the ``torch`` module holds): their other names
    in the module, the size of an element in bytes and bits, and whether they are floating point, complex and
    signed."""
    import torch

    names: dict[torch.dtype, list[str]] = {}
    for attr in sorted(dir(torch)):
        value = getattr(torch, attr, None)
        if isinstance(value, torch.dtype):
            names.setdefault(value, []).append(attr)
    kb = []
    for dtype, attrs in names.items():
        try:
            _ = dtype.is_signed
        except RuntimeError:  # the bits types ("torch.bits8") have no arithmetic
            continue
        if re.fullmatch(r"torch\.u?int[1-7]", str(dtype)):  # sub-byte types: one byte each, so no bit count of their own
            continue
        canonical = str(dtype).removeprefix("torch.")
        values = {"other names": ", ".join(f"torch.{a}" for a in attrs if a != canonical),
                  "bytes per element": str(dtype.itemsize), "bits": str(dtype.itemsize * 8),
                  "floating point": "yes" if dtype.is_floating_point else "no",
                  "complex": "yes" if dtype.is_complex else "no", "signed": "yes" if dtype.is_signed else "no"}
        kb += [{"name": str(dtype), "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_xlstyles_kb() -> list[dict]:
    """The built-in cell styles of openpyxl (``openpyxl.styles.builtins.styles``, Excel's): the built-in id, the
    font, its size, whether it is bold or italic, the font and fill colours (ARGB hex) and the number format."""
    from openpyxl.styles import builtins

    def rgb(color) -> str:
        value = getattr(color, "rgb", None) if color is not None else None
        return value if isinstance(value, str) and value != "00000000" else ""

    kb = []
    for name, style in builtins.styles.items():
        font = style.font
        values = {"built-in id": "" if style.builtinId is None else str(style.builtinId), "font": font.name or "",
                  "font size": f"{font.sz:g}" if font.sz else "", "bold": "yes" if font.b else "no",
                  "italic": "yes" if font.i else "no", "font colour": rgb(font.color),
                  "fill colour": rgb(getattr(style.fill, "fgColor", None)),
                  "number format": style.number_format if style.number_format != "General" else ""}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_htmltags_kb() -> list[dict]:
    """The HTML tags lxml's cleaner knows (``lxml.html.defs``): whether each is an empty (void) element, deprecated,
    non-standard or new in HTML5, and the groups lxml files it under (block, form, table, list, head …)."""
    from lxml.html import defs

    groups = {"head_tags": "head", "general_block_tags": "block", "list_tags": "list", "table_tags": "table",
              "form_tags": "form", "special_inline_tags": "special inline", "phrase_tags": "phrase",
              "font_style_tags": "font style", "frame_tags": "frame", "top_level_tags": "top level"}
    kb = []
    for tag in sorted(defs.tags | defs.html5_tags | defs.nonstandard_tags):
        values = {"void element": "yes" if tag in defs.empty_tags else "no",
                  "deprecated": "yes" if tag in defs.deprecated_tags else "no",
                  "non-standard": "yes" if tag in defs.nonstandard_tags else "no",
                  "new in HTML5": "yes" if tag in defs.html5_tags and tag not in defs.tags else "no",
                  "tag groups": ", ".join(label for attr, label in groups.items() if tag in getattr(defs, attr, ()))}
        kb += [{"name": tag, "property": p, "value": v} for p, v in values.items() if v]
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


def build_readcsv_kb() -> list[dict]:
    """The parameters of the installed pandas' ``read_csv``: default (from its signature), accepted types and the
    first sentence of the description (from its numpydoc docstring)."""
    import pandas as pd

    signature = inspect.signature(pd.read_csv)
    doc = inspect.cleandoc(pd.read_csv.__doc__ or "")
    section = doc[doc.index("Parameters\n"):doc.index("Returns\n")]
    rows = []
    for name, types, body in re.findall(r"^(\w+) : (.*)\n((?:    .*\n|\n)*)", section, re.MULTILINE):
        if name not in signature.parameters:
            continue
        text = " ".join(body.split())
        first = re.split(r"(?<=\.)\s", text, maxsplit=1)[0]
        default = signature.parameters[name].default
        rows.append({"name": name, "property": "accepted types", "value": re.sub(r",?\s*default .*$", "", types)})
        if default is not inspect.Parameter.empty:
            rows.append({"name": name, "property": "default", "value": repr(default)})
        if first:
            rows.append({"name": name, "property": "description", "value": first})
    return rows


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


# the C type and Python type of each of struct's format characters, as the module's documentation tables them
_STRUCT = {"x": ("pad byte", "no value"), "c": ("char", "bytes of length 1"), "b": ("signed char", "integer"),
           "B": ("unsigned char", "integer"), "?": ("_Bool", "bool"), "h": ("short", "integer"),
           "H": ("unsigned short", "integer"), "i": ("int", "integer"), "I": ("unsigned int", "integer"),
           "l": ("long", "integer"), "L": ("unsigned long", "integer"), "q": ("long long", "integer"),
           "Q": ("unsigned long long", "integer"), "n": ("ssize_t", "integer"), "N": ("size_t", "integer"),
           "e": ("half precision float (IEEE 754 binary16)", "float"), "f": ("float", "float"),
           "d": ("double", "float"), "s": ("char[]", "bytes"), "p": ("char[] (Pascal string)", "bytes"),
           "P": ("void *", "integer")}


def _bytes(n: int) -> str:
    return f"{n} byte" if n == 1 else f"{n} bytes"


def build_struct_kb() -> list[dict]:
    """The format characters of Python's ``struct`` module: C type, Python type, and the size in bytes that
    ``struct.calcsize`` gives in standard mode ("<") where it has one (n, N and P exist in native mode only)."""
    import struct

    rows = []
    for char, (ctype, pytype) in _STRUCT.items():
        rows += [{"name": char, "property": "C type", "value": ctype},
                 {"name": char, "property": "Python type", "value": pytype}]
        try:
            rows.append({"name": char, "property": "standard size", "value": _bytes(struct.calcsize('<' + char))})
        except struct.error:
            rows.append({"name": char, "property": "native size", "value": _bytes(struct.calcsize(char))})
    return rows


def build_scorers_kb() -> list[dict]:
    """scikit-learn's named scorers (``sklearn.metrics.get_scorer_names``): the metric function each calls, whether
    a greater score is better (the scorer's sign), the estimator method it scores and its fixed keyword arguments."""
    from sklearn.metrics import get_scorer, get_scorer_names

    rows = []
    for name in get_scorer_names():
        scorer = get_scorer(name)
        rows += [{"name": name, "property": "metric function", "value": scorer._score_func.__name__},
                 {"name": name, "property": "greater is better", "value": "yes" if scorer._sign > 0 else "no"},
                 {"name": name, "property": "response method", "value": str(scorer._response_method)}]
        if scorer._kwargs:
            rows.append({"name": name, "property": "keyword arguments",
                         "value": ", ".join(f"{k}={v!r}" for k, v in scorer._kwargs.items())})
    return rows


BUILDERS = {"copyrights": build_copyrights_kb, "limits": build_limits_kb, "blocks": build_blocks_kb,
            "layers": build_layers_kb, "systemd": build_systemd_kb, "manpages": build_manpages_kb,
            "stdlib": build_stdlib_kb, "perlcore": build_perlcore_kb, "alternatives": build_alternatives_kb,
            "colormaps": build_colormaps_kb, "estimators": build_estimators_kb, "docxstyles": build_docxstyles_kb,
            "releases": build_releases_kb, "optimizers": build_optimizers_kb,
            "arrowfuncs": build_arrowfuncs_kb, "sharedmime": build_sharedmime_kb,
            "i18n": build_i18n_kb, "jinja": build_jinja_kb, "tifftags": build_tifftags_kb,
            "pipoptions": build_pipoptions_kb, "npmdeps": build_npmdeps_kb, "markers": build_markers_kb,
            "shades": build_shades_kb, "torchdtypes": build_torchdtypes_kb, "xlstyles": build_xlstyles_kb,
            "htmltags": build_htmltags_kb, "emoji": build_emoji_kb, "mailcharsets": build_mailcharsets_kb,
            "readcsv": build_readcsv_kb, "strftime": build_strftime_kb, "struct": build_struct_kb, "scorers": build_scorers_kb}

from bench.fresh_builders2 import BUILDERS as _LATER  # noqa: E402  (the nineteenth session's)

assert not set(BUILDERS) & set(_LATER), "a later fresh KB may not take an earlier one's name"
BUILDERS.update(_LATER)
