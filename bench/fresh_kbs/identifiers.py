"""Fresh KBs of the twenty-third session, in two batches, each held out from every change of that session until its
first run: the object identifiers that ``cryptography`` names (X.509 name attributes, extensions, algorithms), the
tensor types of the GGML/GGUF format as the ``gguf`` package defines them, the TeX math symbols that matplotlib's
mathtext maps to Unicode and the probability distributions of ``torch.distributions``; then the model types of
``transformers``' auto classes, ``rich``'s terminal spinners, the universal functions of ``scipy.special`` and the
countries of the tz database with their time zones (``pytz``)."""

from __future__ import annotations

import inspect
import re
import unicodedata

from bench.fresh_kbs.runtimes import _first_sentence

# which class of ``cryptography.x509.oid`` lists an identifier, in words
_OID_GROUPS = (("NameOID", "name attribute"), ("ExtensionOID", "certificate extension"),
               ("CRLEntryExtensionOID", "CRL entry extension"), ("OCSPExtensionOID", "OCSP extension"),
               ("SignatureAlgorithmOID", "signature algorithm"), ("PublicKeyAlgorithmOID", "public key algorithm"),
               ("ExtendedKeyUsageOID", "extended key usage"),
               ("AuthorityInformationAccessOID", "authority information access method"),
               ("SubjectInformationAccessOID", "subject information access method"),
               ("CertificatePoliciesOID", "certificate policy qualifier"), ("AttributeOID", "CSR attribute"))


def build_x509oids_kb() -> list[dict]:
    """The object identifiers that ``cryptography`` gives a name, named by that name ("commonName"): the dotted
    OID, which kind of identifier it is and the Python constant that holds it (``NameOID.COMMON_NAME``)."""
    from cryptography.hazmat._oid import _OID_NAMES
    from cryptography.x509 import oid

    where = {}
    for cls, kind in _OID_GROUPS:
        holder = getattr(oid, cls)
        for attr in dir(holder):
            value = getattr(holder, attr)
            if attr.isupper() and isinstance(value, oid.ObjectIdentifier):
                where.setdefault(value.dotted_string, (kind, f"{cls}.{attr}"))
    rows, seen = [], set()
    for identifier, name in _OID_NAMES.items():
        if name in seen or identifier.dotted_string not in where:
            continue
        seen.add(name)
        kind, constant = where[identifier.dotted_string]
        rows += [{"name": name, "property": "OID", "value": identifier.dotted_string},
                 {"name": name, "property": "kind", "value": kind},
                 {"name": name, "property": "Python constant", "value": constant}]
    return rows


def build_ggmltypes_kb() -> list[dict]:
    """The tensor types of the GGML/GGUF format (``gguf.GGMLQuantizationType``): the type's number in a GGUF file,
    how many weights one block holds, how many bytes a block takes and the bits per weight that follow."""
    from gguf.constants import GGML_QUANT_SIZES

    rows = []
    for qtype, (block, size) in GGML_QUANT_SIZES.items():
        bits = size * 8 / block
        rows += [{"name": qtype.name, "property": "type number", "value": str(int(qtype))},
                 {"name": qtype.name, "property": "weights per block", "value": str(block)},
                 {"name": qtype.name, "property": "bytes per block", "value": str(size)},
                 {"name": qtype.name, "property": "bits per weight",
                  "value": str(int(bits)) if bits.is_integer() else f"{bits:.4g}"}]
    return rows


def build_texsymbols_kb(step: int = 5) -> list[dict]:
    """Every ``step``-th command of the TeX math symbols that matplotlib's mathtext knows (written with its
    backslash, ``\\rightarrow``): the character it draws, its code point and its name in the Unicode database."""
    from matplotlib._mathtext_data import tex2uni

    rows = []
    for command, code in sorted(tex2uni.items())[::step]:
        if not re.fullmatch(r"[A-Za-z]+", command):
            continue
        name = "\\" + command
        rows += [{"name": name, "property": "character", "value": chr(code)},
                 {"name": name, "property": "code point", "value": f"U+{code:04X}"}]
        if unicodedata.name(chr(code), ""):
            rows.append({"name": name, "property": "Unicode name", "value": unicodedata.name(chr(code))})
    return rows


def build_torchdists_kb() -> list[dict]:
    """The probability distributions of ``torch.distributions``: the first sentence of each docstring, the
    parameters its constraints name, its support, and whether it can draw reparameterised samples
    (``has_rsample``) and enumerate its support."""
    import torch.distributions as dists

    rows = []
    for n in sorted(dir(dists)):
        cls = getattr(dists, n)
        if not (inspect.isclass(cls) and issubclass(cls, dists.Distribution)) or n in (
                "Distribution", "ExponentialFamily"):
            continue
        doc = (cls.__doc__ or "").strip()
        if doc:
            rows.append({"name": n, "property": "summary", "value": _first_sentence(doc.split("\n\n")[0])})
        constraints = getattr(cls, "arg_constraints", None)
        if isinstance(constraints, dict) and constraints:
            rows.append({"name": n, "property": "parameters", "value": ", ".join(constraints)})
        support = cls.__dict__.get("support", getattr(cls, "support", None))
        if support is not None and not isinstance(support, property):
            rows.append({"name": n, "property": "support", "value": str(support)})
        for prop, attr in (("reparameterised sampling", "has_rsample"), ("enumerable support", "has_enumerate_support")):
            flag = getattr(cls, attr)
            if isinstance(flag, bool):  # a property where it depends on the wrapped distribution: left out
                rows.append({"name": n, "property": prop, "value": "yes" if flag else "no"})
    return rows


def build_hfmodels_kb(step: int = 8) -> list[dict]:
    """Every ``step``-th model type that ``transformers`` maps to its classes (``CONFIG_MAPPING_NAMES``): its
    configuration class, its base model class and causal-LM class where it has them, and its tokenizer classes where the
    auto mapping names them."""
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING_NAMES
    from transformers.models.auto.modeling_auto import MODEL_FOR_CAUSAL_LM_MAPPING_NAMES, MODEL_MAPPING_NAMES
    from transformers.models.auto.tokenization_auto import TOKENIZER_MAPPING_NAMES

    def one(name):  # a mapping's entry may be a tuple of classes (slow and fast tokenizers): those it names
        names = [n for n in (name if isinstance(name, tuple) else (name,)) if n]
        return ", ".join(names)

    rows = []
    for model_type, config in sorted(CONFIG_MAPPING_NAMES.items())[::step]:
        rows.append({"name": model_type, "property": "configuration class", "value": config})
        for prop, mapping in (("base model class", MODEL_MAPPING_NAMES),
                              ("causal LM class", MODEL_FOR_CAUSAL_LM_MAPPING_NAMES),
                              ("tokenizer class", TOKENIZER_MAPPING_NAMES)):
            if one(mapping.get(model_type) or ""):
                rows.append({"name": model_type, "property": prop, "value": one(mapping[model_type])})
    return rows


def build_spinners_kb() -> list[dict]:
    """The terminal spinners that ``rich`` ships: the milliseconds between frames, the frames themselves (one string,
    or the frames separated by spaces where each frame has several characters) and how many there are."""
    from rich._spinners import SPINNERS

    rows = []
    for name, spec in SPINNERS.items():
        frames = spec["frames"]
        shown = frames if isinstance(frames, str) else " ".join(f.strip() or repr(f) for f in frames)
        rows += [{"name": name, "property": "interval", "value": f"{spec['interval']} ms"},
                 {"name": name, "property": "frames", "value": shown},
                 {"name": name, "property": "number of frames", "value": str(len(frames))}]
    return rows


def build_specialfuncs_kb(step: int = 2) -> list[dict]:
    """Every ``step``-th universal function of ``scipy.special``: its call signature and the first line of its
    docstring's summary, how many inputs and outputs it takes and how many type loops it implements."""
    import numpy as np
    import scipy.special as special

    rows = []
    for n in sorted(n for n in dir(special) if isinstance(getattr(special, n), np.ufunc))[::step]:
        func = getattr(special, n)
        lines = [line.strip() for line in (func.__doc__ or "").splitlines()]
        if lines and lines[0].startswith(n + "("):
            rows.append({"name": n, "property": "signature", "value": lines[0]})
            summary = next((line for line in lines[1:] if line and not line.startswith(n + "(")), "")
            if summary:
                rows.append({"name": n, "property": "summary", "value": summary})
        rows += [{"name": n, "property": "number of inputs", "value": str(func.nin)},
                 {"name": n, "property": "number of outputs", "value": str(func.nout)},
                 {"name": n, "property": "type loops", "value": str(func.ntypes)}]
    return rows


def build_countryzones_kb(step: int = 2) -> list[dict]:
    """Every ``step``-th country of the tz database's ``zone1970``/``iso3166`` tables as ``pytz`` ships them, named
    as pytz names it: its ISO 3166 code, its time zones and how many there are."""
    import pytz

    rows = []
    for code in sorted(pytz.country_timezones)[::step]:
        name, zones = pytz.country_names[code], pytz.country_timezones[code]
        rows += [{"name": name, "property": "ISO code", "value": code},
                 {"name": name, "property": "time zones", "value": ", ".join(zones)},
                 {"name": name, "property": "number of time zones", "value": str(len(zones))}]
    return rows
