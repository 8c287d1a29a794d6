"""Fresh KBs of Python itself, read by introspecting this interpreter and its standard library: built-in
exceptions and functions, ``ast`` nodes, bytecode instructions, ``token`` types, ``ctypes`` and ``struct`` types,
the standard library's modules, and the classes and functions of ``unittest``, ``operator``, ``sys``, ``logging``,
``collections.abc`` and ``pathlib``."""

from __future__ import annotations

import errno
import re
import subprocess

EXCEPTIONS = ["KeyError", "ZeroDivisionError", "FileNotFoundError", "TimeoutError", "RecursionError",
              "UnicodeDecodeError", "StopIteration", "BrokenPipeError", "PermissionError", "IndexError",
              "ModuleNotFoundError", "NotImplementedError", "OverflowError", "IsADirectoryError", "ConnectionRefusedError",
              "BlockingIOError", "AttributeError", "KeyboardInterrupt", "AssertionError", "FloatingPointError",
              "InterruptedError", "UnboundLocalError"]


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
