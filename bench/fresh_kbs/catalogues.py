"""Fresh KBs of the twenty-second session, held out from every change of that session until its end: the CODATA
physical constants that SciPy ships (``scipy.constants.physical_constants``), the keyboard layouts of the X keyboard
extension's rules (``/usr/share/X11/xkb/rules/base.xml``, Debian's ``xkb-data``), the options of this machine's
``readelf`` (GNU binutils) and the learning-rate schedulers of ``torch.optim.lr_scheduler``."""

from __future__ import annotations

import inspect
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from bench.fresh_kbs.runtimes import _first_sentence, _help_entries, _option_rows

# well-known constants, under CODATA's names (SciPy's table holds 445, most of them derived or obscure)
_CONSTANTS = ("speed of light in vacuum", "Planck constant", "reduced Planck constant", "elementary charge",
              "electron mass", "proton mass", "neutron mass", "muon mass", "tau mass", "alpha particle mass",
              "deuteron mass", "Avogadro constant", "Boltzmann constant", "molar gas constant",
              "Newtonian constant of gravitation", "fine-structure constant", "Rydberg constant", "Bohr radius",
              "Stefan-Boltzmann constant", "Faraday constant", "vacuum electric permittivity",
              "vacuum mag. permeability", "electron g factor", "Bohr magneton", "nuclear magneton",
              "atomic mass constant", "classical electron radius", "Compton wavelength",
              "Wien wavelength displacement law constant", "standard acceleration of gravity", "standard atmosphere",
              "Hartree energy", "Josephson constant", "von Klitzing constant", "mag. flux quantum",
              "Thomson cross section")


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


def build_physconsts_kb() -> list[dict]:
    """The CODATA values SciPy ships for well-known physical constants: the value, its unit ("dimensionless" where
    there is none) and its standard uncertainty ("exact" for a constant fixed by the SI)."""
    from scipy.constants import physical_constants

    rows = []
    for name in _CONSTANTS:
        value, unit, uncertainty = physical_constants[name]
        rows += [{"name": name, "property": "value", "value": _number(value)},
                 {"name": name, "property": "unit", "value": unit or "dimensionless"},
                 {"name": name, "property": "standard uncertainty",
                  "value": "exact" if uncertainty == 0 else _number(uncertainty)}]
    return rows


def build_xkblayouts_kb(step: int = 3, rules: Path = Path("/usr/share/X11/xkb/rules/base.xml")) -> list[dict]:
    """Every ``step``-th keyboard layout of the X keyboard extension's base rules, named by its description: its
    layout code, the short label a panel shows, its languages (ISO 639-3) and countries (ISO 3166-1 alpha-2) where
    the rules list them, and how many variants it has."""
    rows = []
    for layout in ET.parse(rules).getroot().find("layoutList").findall("layout")[::step]:
        item = layout.find("configItem")
        name = item.findtext("description")
        rows.append({"name": name, "property": "layout code", "value": item.findtext("name")})
        if item.findtext("shortDescription"):
            rows.append({"name": name, "property": "short label", "value": item.findtext("shortDescription")})
        for prop, tag in (("languages", "iso639Id"), ("countries", "iso3166Id")):
            codes = [x.text for x in item.iter(tag) if x.text]
            if codes:
                rows.append({"name": name, "property": prop, "value": ", ".join(codes)})
        rows.append({"name": name, "property": "number of variants",
                     "value": str(len(layout.findall("variantList/variant")))})
    return rows


def build_readelfopts_kb() -> list[dict]:
    """The options of this machine's ``readelf`` (``readelf --help``) that have a long form: the description, the
    one-letter form where there is one, and the argument it takes ("none" for a switch)."""
    text = subprocess.run(["readelf", "--help"], capture_output=True, text=True, check=True).stdout
    entry = re.compile(r"^\s{2,6}((?:-\w )?--[\w-]+(?:\[?=[^\s\]]+\]?)?)(?:\s{2,}(\S.*))?\s*$")
    rows = []
    for head, what in _help_entries(text, entry):
        short, name, argument = re.fullmatch(r"(?:(-\w) )?(--[\w-]+)(?:\[?=([^\s\]]+)\]?)?", head).groups()
        rows += _option_rows(name, " ".join(what.split()), short, argument)
    return rows


def build_lrschedulers_kb() -> list[dict]:
    """The learning-rate schedulers of ``torch.optim.lr_scheduler``: the first sentence of each docstring, its
    constructor's signature and the arguments it requires."""
    from torch.optim import lr_scheduler

    rows = []
    for n in sorted(dir(lr_scheduler)):
        cls = getattr(lr_scheduler, n)
        if n.startswith("_") or n == "LRScheduler" or not (inspect.isclass(cls)
                                                            and issubclass(cls, lr_scheduler.LRScheduler)):
            continue
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        doc = (cls.__doc__ or "").strip()
        if doc:
            rows.append({"name": n, "property": "summary", "value": _first_sentence(doc.split("\n\n")[0])})
        shown = ", ".join(str(p) for p in params)
        rows.append({"name": n, "property": "signature", "value": f"{n}({shown})"})
        required = [p.name for p in params if p.default is inspect.Parameter.empty
                    and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        rows.append({"name": n, "property": "required arguments", "value": ", ".join(required) or "none"})
    return rows
