"""Fresh KBs of the nineteenth session for :mod:`bench.api_fresh_kb`, built at run time from data this machine ships:
Linux's signals (Python's ``signal`` module and the C library's descriptions, with POSIX's default actions), the
HTTP request methods (Python's ``http.HTTPMethod`` and RFC 9110's method properties) and scikit-learn's bundled toy
datasets (their data and the fields of their descriptions: creator, donor, date …); then the assert methods of
``unittest.TestCase``, the functions of Python's ``operator`` module and the optional features of the installed
Pillow; then the fields of Python's ``sys.float_info``, ``int_info``, ``hash_info`` and ``thread_info``, the fields
of transformers' ``TrainingArguments`` and the handler classes of Python's ``logging``; then the abstract base classes
of ``collections.abc``, the methods of numpy's random ``Generator`` and the methods of ``pathlib.Path``; and the
people named as authors and maintainers in the metadata of the installed Python packages."""

from __future__ import annotations

import re

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


_DESCR_FIELDS = {"Creator": "creator", "Donor": "donor", "Date": "date", "Class Distribution": "class distribution",
                 "Missing Attribute Values": "missing values"}


def build_toydata_kb() -> list[dict]:
    """scikit-learn's bundled toy datasets (the ``load_*`` functions that need no download): the title, the numbers
    of samples and features, the class names or targets, and the fields their descriptions give (creator, donor,
    date, class distribution, missing values) as the installed scikit-learn writes them."""
    from sklearn import datasets

    rows = []
    for loader in ("load_iris", "load_wine", "load_breast_cancer", "load_digits", "load_diabetes", "load_linnerud"):
        bunch = getattr(datasets, loader)()
        name = loader.removeprefix("load_").replace("_", " ")
        lines = [line for line in bunch.DESCR.splitlines() if line.strip()]
        title = next(line.strip() for line in lines if not line.startswith(".."))
        rows += [{"name": name, "property": "title", "value": title},
                 {"name": name, "property": "loader", "value": f"sklearn.datasets.{loader}"},
                 {"name": name, "property": "number of samples", "value": str(bunch.data.shape[0])},
                 {"name": name, "property": "number of features", "value": str(bunch.data.shape[1])}]
        if bunch.target.ndim == 1 and "target_names" in bunch:
            rows.append({"name": name, "property": "classes",
                         "value": ", ".join(str(c) for c in bunch.target_names)})
        elif "target_names" in bunch:
            rows.append({"name": name, "property": "targets", "value": ", ".join(bunch.target_names)})
        else:
            rows.append({"name": name, "property": "targets", "value": "one quantitative target"})
        for m in re.finditer(r"^\s*:([A-Z][\w ]+):\s*(.+)$", bunch.DESCR, re.MULTILINE):
            if m.group(1) in _DESCR_FIELDS:
                rows.append({"name": name, "property": _DESCR_FIELDS[m.group(1)], "value": m.group(2).strip()})
    return rows


def _first_sentence(doc: str | None) -> str:
    """A docstring's first sentence, its lines joined."""
    text = " ".join((doc or "").split())
    end = re.search(r"(?<!\be\.g)(?<!\bi\.e)\.(?:\s|$)", text)
    return text[:end.start() + 1] if end else text


def build_asserts_kb() -> list[dict]:
    """The assert methods of ``unittest.TestCase``: what each checks (its docstring's first sentence), its
    parameters (``inspect.signature`` without ``self``) and the deprecated aliases that call it."""
    import inspect
    import unittest

    methods = {n: getattr(unittest.TestCase, n) for n in dir(unittest.TestCase)
               if n.startswith("assert") and n[6:7].isupper()}
    aliases: dict[str, list[str]] = {}
    for name, func in methods.items():  # the deprecated aliases wrap the method they stand for
        wrapped = [c.cell_contents for c in func.__closure__ or () if callable(c.cell_contents)]
        if wrapped:
            aliases.setdefault(wrapped[0].__name__, []).append(name)
    rows = []
    for name, func in methods.items():
        if name in {a for names in aliases.values() for a in names}:
            continue
        params = [str(p) for p in inspect.signature(func).parameters.values()][1:]
        rows.append({"name": name, "property": "parameters", "value": ", ".join(params)})
        if func.__doc__:
            rows.append({"name": name, "property": "checks", "value": _first_sentence(func.__doc__)})
        if name in aliases:
            rows.append({"name": name, "property": "deprecated aliases", "value": ", ".join(sorted(aliases[name]))})
    return rows


def build_operators_kb() -> list[dict]:
    """The functions of Python's ``operator`` module: the expression each stands for (its docstring's first line),
    its parameters, its in-place version and its dunder name where the module has them."""
    import inspect
    import operator

    rows = []
    for name in sorted(operator.__all__):
        func = getattr(operator, name)
        try:
            params = str(inspect.signature(func))
        except (TypeError, ValueError):  # attrgetter, itemgetter, methodcaller: classes without one
            continue
        base = name.rstrip("_")
        rows += [{"name": f"operator.{name}", "property": "same as",
                  "value": (func.__doc__ or "").strip().splitlines()[0]},
                 {"name": f"operator.{name}", "property": "signature", "value": params}]
        if hasattr(operator, "i" + base) and not base.startswith("i"):
            rows.append({"name": f"operator.{name}", "property": "in-place version", "value": f"operator.i{base}"})
        if hasattr(operator, f"__{base}__"):
            rows.append({"name": f"operator.{name}", "property": "dunder name", "value": f"operator.__{base}__"})
    return rows


def build_pilfeatures_kb() -> list[dict]:
    """The optional modules, codecs and features of the installed Pillow (``PIL.features``): what kind each is,
    whether this build has it, the version of the library behind it and the Pillow module that provides it."""
    from PIL import features

    rows = []
    for kind, table in (("module", features.modules), ("codec", features.codecs), ("feature", features.features)):
        for name, spec in table.items():
            version = features.version(name) if features.check(name) else None
            rows += [{"name": name, "property": "kind", "value": kind},
                     {"name": name, "property": "available", "value": "yes" if features.check(name) else "no"},
                     {"name": name, "property": "library version", "value": version or "unknown"},
                     {"name": name, "property": "provided by",
                      "value": spec[0] if kind != "codec" else f"PIL._imaging ({spec[0]} codec)"}]
    return rows


def build_sysinfo_kb() -> list[dict]:
    """The fields of ``sys.float_info``, ``sys.int_info``, ``sys.hash_info`` and ``sys.thread_info`` on this
    machine's Python: the value, what it is (the field's docstring) and the C macro it reports where the docstring
    names one ("DBL_MAX -- maximum representable finite float")."""
    import sys

    rows = []
    for group in ("float_info", "int_info", "hash_info", "thread_info"):
        info = getattr(sys, group)
        for field in type(info).__match_args__:
            name = f"sys.{group}.{field}"
            doc = getattr(type(info), field).__doc__ or ""
            macro, sep, meaning = doc.partition(" -- ")
            rows += [{"name": name, "property": "value", "value": str(getattr(info, field))},
                     {"name": name, "property": "meaning", "value": (meaning if sep else doc).strip()}]
            if sep:
                rows.append({"name": name, "property": "C macro", "value": macro.strip()})
    return rows


def build_trainargs_kb() -> list[dict]:
    """The fields of the installed transformers' ``TrainingArguments``: the default (its default factory called
    where it has one) and the first sentence of the help text its metadata gives."""
    import dataclasses

    from transformers import TrainingArguments

    rows = []
    for field in dataclasses.fields(TrainingArguments):
        if not field.init or field.name.startswith("_"):
            continue
        if field.default is not dataclasses.MISSING:
            default = field.default
        elif field.default_factory is not dataclasses.MISSING:
            default = field.default_factory()
        else:
            default = "required"
        rows.append({"name": field.name, "property": "default", "value": str(default) if default != "" else "'' (empty)"})
        help_text = _first_sentence(field.metadata.get("help"))
        if help_text:
            rows.append({"name": field.name, "property": "description", "value": help_text})
    return rows


def build_handlers_kb() -> list[dict]:
    """The handler classes of Python's ``logging`` and ``logging.handlers``: the module, the base class, the
    constructor's parameters and the first sentence of the class docstring."""
    import inspect
    import logging
    import logging.handlers

    classes = [c for _, c in sorted(vars(logging.handlers).items())
               if inspect.isclass(c) and issubclass(c, logging.Handler) and c.__module__ == "logging.handlers"]
    classes += [logging.StreamHandler, logging.FileHandler, logging.NullHandler]
    rows = []
    for cls in classes:
        params = [str(p) for p in inspect.signature(cls.__init__).parameters.values()][1:]
        rows += [{"name": cls.__name__, "property": "module", "value": cls.__module__},
                 {"name": cls.__name__, "property": "base class", "value": cls.__mro__[1].__name__},
                 {"name": cls.__name__, "property": "constructor parameters", "value": ", ".join(params) or "none"},
                 {"name": cls.__name__, "property": "summary", "value": _first_sentence(cls.__doc__)}]
    return rows


def build_abcs_kb() -> list[dict]:
    """The abstract base classes of ``collections.abc``: the classes each inherits from, its abstract methods and
    the mixin methods it defines (its own public and special methods beside the abstract ones)."""
    import collections.abc
    import inspect

    rows = []
    for name in collections.abc.__all__:
        cls = getattr(collections.abc, name)
        if not inspect.isclass(cls):
            continue
        bases = [b.__name__ for b in cls.__bases__ if b is not object]
        abstract = sorted(cls.__abstractmethods__)
        mixins = sorted(m for m, v in vars(cls).items() if callable(v) and m not in cls.__abstractmethods__
                        and not (m.startswith("_") and not m.startswith("__"))
                        and m not in ("__init__", "__repr__", "__subclasshook__", "__class_getitem__",
                                      "__init_subclass__"))
        rows += [{"name": name, "property": "inherits from", "value": ", ".join(bases) or "object"},
                 {"name": name, "property": "abstract methods", "value": ", ".join(abstract) or "none"},
                 {"name": name, "property": "mixin methods", "value": ", ".join(mixins) or "none"}]
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


def build_pathmethods_kb() -> list[dict]:
    """The public methods of ``pathlib.Path`` on this machine's Python: parameters (``inspect.signature`` without
    ``self``), the first sentence of the docstring, and whether it is a class method."""
    import inspect
    import pathlib

    rows = []
    for name in sorted(dir(pathlib.Path)):
        func = getattr(pathlib.Path, name)
        if name.startswith("_") or not callable(func) or not func.__doc__:
            continue
        params = list(inspect.signature(func).parameters.values())
        if not isinstance(inspect.getattr_static(pathlib.Path, name), classmethod):
            params = params[1:]
        rows += [{"name": f"Path.{name}", "property": "parameters", "value": ", ".join(map(str, params)) or "none"},
                 {"name": f"Path.{name}", "property": "summary", "value": _first_sentence(func.__doc__)},
                 {"name": f"Path.{name}", "property": "class method",
                  "value": "yes" if isinstance(inspect.getattr_static(pathlib.Path, name), classmethod) else "no"}]
    return rows


def build_people_kb() -> list[dict]:
    """The people named with an e-mail address in the Author-email and Maintainer-email fields of the installed
    Python packages' metadata (``importlib.metadata``): the first address given for each, the packages naming them
    as author and those naming them as maintainer (a person's name as written, accents and all)."""
    import email.utils
    import importlib.metadata

    emails: dict[str, str] = {}
    roles: dict[str, dict[str, set[str]]] = {}
    for dist in importlib.metadata.distributions():
        package = dist.metadata["Name"]
        for field, role in (("Author-email", "author of"), ("Maintainer-email", "maintainer of")):
            for name, address in email.utils.getaddresses([dist.metadata.get(field) or ""]):
                name = name.strip().strip('"')
                if not name or not address or len(name.split()) < 2 or not name[0].isupper():
                    continue  # a person: a name of two words or more beside an address
                emails.setdefault(name, address)
                roles.setdefault(name, {}).setdefault(role, set()).add(package)
    rows = []
    for name in sorted(emails):
        rows.append({"name": name, "property": "e-mail", "value": emails[name]})
        for role, packages in sorted(roles[name].items()):
            rows.append({"name": name, "property": role, "value": ", ".join(sorted(packages, key=str.casefold))})
    return rows


BUILDERS = {"signals": build_signals_kb, "httpmethods": build_httpmethods_kb, "toydata": build_toydata_kb,
            "asserts": build_asserts_kb, "operators": build_operators_kb, "pilfeatures": build_pilfeatures_kb,
            "sysinfo": build_sysinfo_kb, "trainargs": build_trainargs_kb, "handlers": build_handlers_kb,
            "abcs": build_abcs_kb, "rngmethods": build_rngmethods_kb, "pathmethods": build_pathmethods_kb,
            "people": build_people_kb}
