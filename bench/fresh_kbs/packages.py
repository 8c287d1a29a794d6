"""Fresh KBs of the other installed Python packages: their metadata (versions, console scripts, the people
named as authors and maintainers), certifi's root certificates, Pygments' styles and lexers, Pillow's image modes,
formats, TIFF tags and optional features, matplotlib's fonts, rc settings, colormaps and markers, Gradio's
components and theme colours, the styles of python-docx and openpyxl, lxml's HTML tags, Jinja2's filters and tests,
and pip's command-line options."""

from __future__ import annotations

import inspect
import re
import warnings
from pathlib import Path

PYPI = ["numpy", "torch", "transformers", "gradio", "openai", "rapidfuzz", "pydantic", "fastapi", "uvicorn", "httpx",
        "safetensors", "huggingface-hub", "sentence-transformers", "pyarrow", "pandas", "jinja2", "requests", "pytest",
        "hypothesis", "tqdm", "pyyaml", "starlette"]


def build_pypi_kb() -> list[dict]:
    """The core metadata of 22 Python packages installed with this project (version, summary, licence where it is
    short, required Python, first author, homepage and source repository where the package names them), as
    ``importlib.metadata`` reads them (values follow the pinned versions)."""
    from importlib import metadata

    kb = []
    for name in PYPI:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            raise SystemExit(f"{name} is not installed: run `make setup` first") from None
        urls = {}
        for entry in meta.get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            urls.setdefault(label.strip().lower(), url.strip())
        licence = (meta.get("License-Expression") or meta.get("License") or "").strip()
        author = (meta.get("Author") or meta.get("Author-email") or "").strip()
        values = {"version": meta["Version"], "summary": (meta.get("Summary") or "").strip(),
                  "license": licence if len(licence) <= 60 and "\n" not in licence else "",
                  "requires Python": (meta.get("Requires-Python") or "").strip(),
                  "author": author.split(", ")[0] if author.count("<") > 1 else author,
                  "homepage": meta.get("Home-page") or urls.get("homepage") or urls.get("home") or "",
                  "source code": urls.get("source") or urls.get("repository") or urls.get("source code") or ""}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


CERTS = ["ISRG Root X1", "ISRG Root X2", "DigiCert Global Root G2", "DigiCert Global Root G3", "DigiCert Trusted Root G4",
         "Go Daddy Root Certificate Authority - G2", "Starfield Root Certificate Authority - G2",
         "COMODO RSA Certification Authority", "COMODO ECC Certification Authority",
         "USERTrust RSA Certification Authority", "Amazon Root CA 1", "Amazon Root CA 3",
         "Microsoft RSA Root Certificate Authority 2017", "GTS Root R1", "GTS Root R4", "Buypass Class 2 Root CA",
         "Certum Trusted Network CA", "QuoVadis Root CA 2 G3", "Actalis Authentication Root CA",
         "SSL.com Root Certification Authority RSA", "HARICA TLS RSA Root CA 2021", "T-TeleSec GlobalRoot Class 3"]
CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}


def build_certs_kb() -> list[dict]:
    """22 root certificates of the CA bundle this project's HTTP clients trust (``certifi``), named by their common
    name: the subject's organisation, organisational unit and country where it has them, the validity dates, the key
    type and the signature's hash, read with ``cryptography`` (a certifi release may drop a root; those are left out)."""
    import certifi
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import NameOID

    def attr(cert, oid) -> str:
        found = cert.subject.get_attributes_for_oid(oid)
        return str(found[0].value) if found else ""

    with warnings.catch_warnings():  # a few roots have a serial number RFC 5280 disallows; their fields read fine
        warnings.simplefilter("ignore")
        certs = {attr(c, NameOID.COMMON_NAME): c
                 for c in x509.load_pem_x509_certificates(Path(certifi.where()).read_bytes())}
    kb = []
    for name in [n for n in CERTS if n in certs]:
        cert = certs[name]
        key = cert.public_key()
        kind = (f"RSA {key.key_size}-bit" if isinstance(key, rsa.RSAPublicKey) else
                f"EC {CURVES.get(key.curve.name, key.curve.name)}" if isinstance(key, ec.EllipticCurvePublicKey) else "")
        values = {"organisation": attr(cert, NameOID.ORGANIZATION_NAME),
                  "organisational unit": attr(cert, NameOID.ORGANIZATIONAL_UNIT_NAME),
                  "country": attr(cert, NameOID.COUNTRY_NAME),
                  "valid from": cert.not_valid_before_utc.date().isoformat(),
                  "valid until": cert.not_valid_after_utc.date().isoformat(), "key type": kind,
                  "signature hash": cert.signature_hash_algorithm.name.upper().replace("SHA", "SHA-")}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_styles_kb() -> list[dict]:
    """The first 22 syntax-highlighting styles of the installed Pygments (``pygments.styles.get_all_styles``): the
    background, highlight and line-number colours (when the style sets one) and how it shows comments and keywords
    (its style strings, e.g. "italic #408080")."""
    from pygments.styles import get_all_styles, get_style_by_name
    from pygments.token import Comment, Keyword

    kb = []
    for key in list(get_all_styles())[:22]:
        style = get_style_by_name(key)
        values = {"background colour": style.background_color, "highlight colour": style.highlight_color,
                  "line number colour": style.line_number_color, "comment style": style.styles.get(Comment, ""),
                  "keyword style": style.styles.get(Keyword, "")}
        kb += [{"name": key, "property": p, "value": v} for p, v in values.items() if v and v != "inherit"]
    return kb


IMAGE_MODES = ["1", "L", "P", "RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV", "I", "F", "LA", "PA", "RGBX", "RGBa",
               "La", "I;16", "I;16B", "I;16L", "I;16N"]


def build_modes_kb() -> list[dict]:
    """20 image modes of the installed Pillow (``PIL.ImageMode.getmode``): the bands, how many, the base mode, the base
    type and the array type string."""
    from PIL import ImageMode

    kb = []
    for key in IMAGE_MODES:
        mode = ImageMode.getmode(key)
        values = {"bands": ", ".join(mode.bands), "number of bands": str(len(mode.bands)), "base mode": mode.basemode,
                  "base type": mode.basetype, "type string": mode.typestr}
        kb += [{"name": key, "property": p, "value": v} for p, v in values.items()]
    return kb


LEXERS = ["Python", "JavaScript", "TypeScript", "Rust", "Go", "C", "C++", "Java", "Kotlin", "Ruby", "PHP", "Perl",
          "Haskell", "Scala", "Elixir", "Erlang", "Lua", "Bash", "PowerShell", "SQL", "YAML", "TOML", "Markdown",
          "Dockerfile", "Makefile", "Fortran", "OCaml", "Swift"]


def build_lexers_kb() -> list[dict]:
    """28 languages' lexers in the installed Pygments: the short names a lexer is found by, the file name patterns
    and MIME types it claims, the language's homepage and the Pygments version that added the lexer."""
    from pygments.lexers import find_lexer_class, get_lexer_by_name

    kb = []
    for name in LEXERS:
        lexer = find_lexer_class(name) or type(get_lexer_by_name(name.lower()))
        values = {"aliases": ", ".join(lexer.aliases), "file patterns": ", ".join(lexer.filenames),
                  "MIME types": ", ".join(lexer.mimetypes), "homepage": lexer.url or "",
                  "added in Pygments": getattr(lexer, "version_added", "") or ""}
        kb += [{"name": lexer.name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


IMAGE_FORMATS = ["PNG", "JPEG", "GIF", "WEBP", "TIFF", "BMP", "ICO", "PCX", "TGA", "PPM", "EPS", "PDF", "ICNS", "DDS",
                 "JPEG2000", "SGI", "PSD", "XBM", "XPM", "QOI", "AVIF", "IM", "SPIDER", "FITS"]


def build_formats_kb() -> list[dict]:
    """24 image file formats as the installed Pillow registers them: its description of the format, the file
    extensions and MIME type it maps to the format, and whether Pillow can read and write it."""
    from PIL import Image

    Image.init()
    extensions: dict[str, list[str]] = {}
    for ext, fmt in Image.registered_extensions().items():
        extensions.setdefault(fmt, []).append(ext)
    kb = []
    for fmt in IMAGE_FORMATS:
        reader = Image.OPEN.get(fmt, (None,))[0]
        values = {"description": getattr(reader, "format_description", "") or "",
                  "file extensions": ", ".join(sorted(extensions.get(fmt, []))), "MIME type": Image.MIME.get(fmt, ""),
                  "can read": "yes" if fmt in Image.OPEN else "no", "can write": "yes" if fmt in Image.SAVE else "no"}
        kb += [{"name": fmt, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_fonts_kb() -> list[dict]:
    """The 22 DejaVu and STIX fonts that matplotlib ships (``mpl-data/fonts/ttf``), read with fontTools: the version
    string, number of glyphs, units per em, weight class, italic angle and whether the font is monospaced."""
    import logging

    import matplotlib
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    kb = []
    for path in sorted((Path(matplotlib.get_data_path()) / "fonts" / "ttf").glob("*.ttf")):
        if not path.name.startswith(("DejaVu", "STIXGeneral", "STIXNonUni")):
            continue
        font = TTFont(path, lazy=True)
        names = font["name"]
        values = {"version": names.getDebugName(5), "glyphs": font["maxp"].numGlyphs,
                  "units per em": font["head"].unitsPerEm, "weight class": font["OS/2"].usWeightClass,
                  "italic angle": f"{font['post'].italicAngle:g}",
                  "monospaced": "yes" if font["post"].isFixedPitch else "no"}
        kb += [{"name": names.getDebugName(4), "property": p, "value": str(v)} for p, v in values.items()]
    return kb


def build_console_kb() -> list[dict]:
    """The console scripts installed in this Python environment (``importlib.metadata`` entry points): the
    distribution that installs it, that distribution's version, and the entry point it runs."""
    import importlib.metadata as md

    kb, seen = [], set()
    for ep in sorted(md.entry_points(group="console_scripts"), key=lambda e: e.name):
        if ep.name in seen or ep.dist is None:
            continue
        seen.add(ep.name)
        values = {"distribution": ep.dist.name, "distribution version": ep.dist.version, "entry point": ep.value}
        kb += [{"name": ep.name, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_rcparams_kb() -> list[dict]:
    """40 of matplotlib's rc settings (every eighth key of ``matplotlib.rcParamsDefault`` in order, internal ones
    left out): the default value, the Python type of that default and the settings group (the key's first part)."""
    import matplotlib as mpl

    keys = [k for k in sorted(mpl.rcParamsDefault.keys()) if not k.startswith("_")][::8][:40]
    kb = []
    for key in keys:
        value = mpl.rcParamsDefault[key]
        values = {"default value": str(value), "type of default": type(value).__name__,
                  "settings group": key.split(".")[0]}
        kb += [{"name": key, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_gradio_kb() -> list[dict]:
    """The components of the installed gradio (``gradio.components`` classes exported at the top level): the first
    sentence of the docstring, the class it derives from and the module that defines it."""
    import inspect

    import gradio as gr
    from gradio.components.base import Component

    classes = {c for c in vars(gr).values() if inspect.isclass(c) and issubclass(c, Component)
               and c.__module__.startswith("gradio.components")}
    kb = []
    for cls in sorted(classes, key=lambda c: c.__name__):
        doc = " ".join((cls.__doc__ or "").split())
        summary = re.split(r"(?<=[.!?])\s", doc, maxsplit=1)[0] if doc else ""
        values = {"summary": summary, "base class": cls.__mro__[1].__name__, "module": cls.__module__}
        kb += [{"name": cls.__name__, "property": p, "value": v} for p, v in values.items() if v]
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
