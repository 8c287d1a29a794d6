"""More fresh KBs for :mod:`bench.api_fresh_kb` (the sixteenth session's batch), each built at run time from data
this machine ships: Debian's machine-readable copyright files, numpy's numeric limits, the Unicode blocks that Perl
ships and the layers of the installed ``torch.nn``."""

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


BUILDERS = {"copyrights": build_copyrights_kb, "limits": build_limits_kb, "blocks": build_blocks_kb,
            "layers": build_layers_kb}
