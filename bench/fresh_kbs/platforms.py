"""Fresh KBs of the twenty-third session's third batch, measured on the session's final code before any change made
for them: the emulated devices Playwright ships, the standard token types of Pygments with their CSS classes, the
socket constants of this machine's Python, and the public methods of pandas' ``DataFrame``."""

from __future__ import annotations

import inspect
import socket

from bench.fresh_kbs.runtimes import _first_sentence


def build_devices_kb() -> list[dict]:
    """The devices Playwright can emulate (portrait ones; ``playwright.devices``): user agent, viewport width and
    height in CSS pixels, device scale factor, whether it is a mobile device and has a touch screen, and the browser
    engine Playwright uses for it by default."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        devices = dict(p.devices)
    rows = []
    for name, spec in devices.items():
        if "landscape" in name:
            continue
        rows += [{"name": name, "property": "user agent", "value": spec["user_agent"]},
                 {"name": name, "property": "viewport width", "value": str(spec["viewport"]["width"])},
                 {"name": name, "property": "viewport height", "value": str(spec["viewport"]["height"])},
                 {"name": name, "property": "device scale factor", "value": f"{spec['device_scale_factor']:g}"},
                 {"name": name, "property": "mobile", "value": "yes" if spec["is_mobile"] else "no"},
                 {"name": name, "property": "touch screen", "value": "yes" if spec["has_touch"] else "no"},
                 {"name": name, "property": "default browser", "value": spec["default_browser_type"]}]
    return rows


def build_pygtokens_kb() -> list[dict]:
    """Pygments' standard token types (``pygments.token.STANDARD_TYPES``) that have a CSS class, named as Pygments
    writes them ("Keyword.Constant"): the short CSS class its HTML formatter gives them and the type they are a
    kind of."""
    from pygments.token import STANDARD_TYPES

    rows = []
    for ttype, css in STANDARD_TYPES.items():
        name = str(ttype).removeprefix("Token.")
        if not css or name == "Token":
            continue
        rows.append({"name": name, "property": "CSS class", "value": css})
        rows.append({"name": name, "property": "parent type", "value": str(ttype.parent).removeprefix("Token.")})
    return rows


_SOCKET_KINDS = (("AF_", "address family"), ("SOCK_", "socket type"), ("IPPROTO_", "IP protocol"),
                 ("SO_", "socket option"))


def build_socketconsts_kb() -> list[dict]:
    """The address families, socket types, IP protocols and socket options of this machine's ``socket`` module:
    each constant's number, what kind of constant it is, and the number in hexadecimal."""
    rows = []
    for name in sorted(dir(socket)):
        kind = next((k for prefix, k in _SOCKET_KINDS if name.startswith(prefix)), None)
        value = getattr(socket, name)
        if kind is None or not isinstance(value, int):
            continue
        rows += [{"name": name, "property": "value", "value": str(int(value))},
                 {"name": name, "property": "kind", "value": kind},
                 {"name": name, "property": "hex value", "value": hex(int(value))}]
    return rows


def build_dfmethods_kb(step: int = 3) -> list[dict]:
    """Every ``step``-th public method of pandas' ``DataFrame``: the first sentence of its docstring, its signature
    and the arguments it requires."""
    import pandas as pd

    rows = []
    names = sorted(n for n in dir(pd.DataFrame) if not n.startswith("_") and inspect.isfunction(getattr(pd.DataFrame, n)))
    for n in names[::step]:
        func = getattr(pd.DataFrame, n)
        doc = (func.__doc__ or "").strip()
        if doc:
            rows.append({"name": f"DataFrame.{n}", "property": "summary",
                         "value": _first_sentence(doc.split("\n\n")[0])})
        try:
            params = list(inspect.signature(func).parameters.values())[1:]
        except (TypeError, ValueError):
            continue
        rows.append({"name": f"DataFrame.{n}", "property": "signature",
                     "value": f"{n}({', '.join(str(p) for p in params)})"})
        required = [p.name for p in params if p.default is inspect.Parameter.empty
                    and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        rows.append({"name": f"DataFrame.{n}", "property": "required arguments", "value": ", ".join(required) or "none"})
    return rows
