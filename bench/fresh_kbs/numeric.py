"""Fresh KBs of the installed numeric and data packages: numpy's data types, universal functions, numeric
limits and random ``Generator`` methods, SymPy's physical units, SciPy's probability distributions, NetworkX's named
graphs, pandas' date offsets and ``read_csv`` parameters, and pyarrow's compute functions."""

from __future__ import annotations

import inspect
import re

from bench.fresh_kbs.stdlib import _first_sentence

DTYPES = ["float16", "float32", "float64", "longdouble", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "complex64", "complex128", "bool", "bytes_", "str_", "datetime64", "timedelta64", "object_"]
DTYPE_KINDS = {"f": "floating point", "i": "signed integer", "u": "unsigned integer", "c": "complex floating point",
               "b": "boolean", "M": "datetime", "m": "timedelta", "O": "Python object", "S": "byte string",
               "U": "Unicode string"}


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


def build_rngmethods_kb() -> list[dict]:
    """The public methods of numpy's ``random.Generator``: the signature and the summary their numpydoc docstrings
    open with, and what the Returns section says they return."""
    import numpy as np

    rows = []
    for name in sorted(dir(np.random.Generator)):
        func = getattr(np.random.Generator, name)
        if name.startswith("_") or not callable(func) or not func.__doc__:
            continue
        lines = [line.strip() for line in func.__doc__.strip().splitlines()]
        end = next(i for i, line in enumerate(lines) if not line.endswith(","))  # a signature may run on
        signature = " ".join(lines[:end + 1])
        rest = lines[end + 1:]
        start = next((i for i, line in enumerate(rest) if line), len(rest))
        stop = next((i for i in range(start, len(rest)) if not rest[i]), len(rest))
        rows += [{"name": name, "property": "signature", "value": signature},
                 {"name": name, "property": "summary", "value": _first_sentence(" ".join(rest[start:stop]))}]
        if "Returns" in rest:
            returned = rest[rest.index("Returns") + 2]
            if returned:
                rows.append({"name": name, "property": "returns", "value": returned})
    return rows
