"""Fresh KBs of the installed machine-learning packages: transformers' model configurations, pipeline tasks
and ``TrainingArguments``, ONNX's operators, torch's layers, optimizers and data types, and scikit-learn's
estimators, named scorers and bundled toy datasets."""

from __future__ import annotations

import inspect
import re

from bench.fresh_kbs.stdlib import _first_sentence

MODEL_TYPES = ["bert", "gpt2", "llama", "t5", "roberta", "albert", "bart", "mistral", "qwen2", "gemma", "phi", "falcon",
               "gpt_neox", "electra", "deberta", "opt", "whisper", "vit", "mpt", "bloom", "xlnet", "distilbert"]
CONFIG_FIELDS = {"vocabulary size": ("vocab_size",), "hidden size": ("hidden_size", "d_model", "n_embd", "dim"),
                 "number of layers": ("num_hidden_layers", "num_layers", "n_layer", "n_layers", "encoder_layers"),
                 "attention heads": ("num_attention_heads", "num_heads", "n_head", "n_heads",
                                     "encoder_attention_heads"),
                 "maximum positions": ("max_position_embeddings", "n_positions", "max_seq_len"),
                 "activation function": ("hidden_act", "activation_function", "activation"),
                 "feed-forward size": ("intermediate_size", "d_ff", "ffn_dim", "encoder_ffn_dim", "hidden_dim")}


def build_configs_kb() -> list[dict]:
    """The default configurations of 22 model architectures in the installed ``transformers`` (``AutoConfig.for_model``),
    named as its config classes name them ("Bert" of ``BertConfig``): vocabulary size, hidden size, number of layers,
    attention heads, maximum positions, activation function and feed-forward size, where the configuration has them."""
    from transformers import AutoConfig

    kb = []
    for kind in MODEL_TYPES:
        config = AutoConfig.for_model(kind)
        fields = config.to_dict()
        name = type(config).__name__.removesuffix("Config")
        for prop, keys in CONFIG_FIELDS.items():
            value = next((fields[k] for k in keys if fields.get(k) is not None), None)
            if value is not None and not isinstance(value, dict | list):
                kb.append({"name": name, "property": prop, "value": str(value)})
    return kb


ONNX_OPS = ["Conv", "Relu", "MatMul", "Gemm", "Softmax", "Add", "Reshape", "Transpose", "Concat", "Gather", "LSTM",
            "BatchNormalization", "MaxPool", "Dropout", "Sigmoid", "Tanh", "Slice", "Squeeze", "Unsqueeze", "Resize",
            "Cast", "Where"]


def build_onnx_kb() -> list[dict]:
    """22 operators of the installed ONNX (``onnx.defs.get_schema``): the opset version of their latest definition,
    the least and most inputs and outputs, their attributes, and the first sentence of their documentation."""
    from onnx import defs

    kb = []
    for op in ONNX_OPS:
        schema = defs.get_schema(op)
        doc = " ".join((schema.doc or "").split())
        values = {"since opset": str(schema.since_version), "minimum inputs": str(schema.min_input),
                  "maximum inputs": str(schema.max_input), "minimum outputs": str(schema.min_output),
                  "maximum outputs": str(schema.max_output), "attributes": ", ".join(sorted(schema.attributes)),
                  "summary": doc.split(". ")[0].rstrip(".") + "." if doc else ""}
        kb += [{"name": op, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_pipelines_kb() -> list[dict]:
    """The pipeline tasks of the installed transformers (``transformers.pipelines.SUPPORTED_TASKS``): the pipeline
    class, the default model and its pinned revision, the input type and the first auto model class."""
    from transformers.pipelines import SUPPORTED_TASKS

    kb = []
    for task, spec in sorted(SUPPORTED_TASKS.items()):
        default = spec.get("default", {}).get("model")
        if isinstance(default, dict):  # older layouts keyed the default by framework
            default = default.get("pt")
        values = {"pipeline class": spec["impl"].rsplit(".", 1)[-1] if isinstance(spec["impl"], str)
                  else spec["impl"].__name__, "input type": spec.get("type", "")}
        if default:
            values["default model"], values["default revision"] = default[0], default[1]
        if spec.get("pt"):
            values["auto model class"] = spec["pt"][0].__name__
        kb += [{"name": task, "property": p, "value": v} for p, v in values.items() if v]
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


def build_torchfunctional_kb(step: int = 3) -> list[dict]:
    """Every ``step``-th public function of ``torch.nn.functional`` with a docstring: the first sentence of its
    description, its parameters (``inspect.signature``, or the signature line a C function's docstring opens with)
    and the ``torch.nn`` module its docstring points to for details, where it names one."""
    import torch.nn.functional as F  # noqa: N812 - the name everybody writes

    names = [n for n in sorted(dir(F)) if not n.startswith("_") and inspect.isroutine(getattr(F, n))
             and (getattr(F, n).__doc__ or "").strip() and n != "boolean_dispatch"]  # a helper, no layer function
    rows = []
    for name in names[::step]:
        doc = inspect.cleandoc(getattr(F, name).__doc__)
        head, _, rest = doc.partition("\n\n")
        opens = re.fullmatch(r"\w+\((.*)\)(?:\s*->\s*.+)?", " ".join(head.split()))  # "conv2d(input, …) -> Tensor"
        try:
            params = str(inspect.signature(getattr(F, name)))[1:].rsplit(")", 1)[0]
        except (TypeError, ValueError):
            params = ""
        if params in ("", "*args, **kwargs") and opens:  # a C function, or a dispatcher between two Python ones
            params = opens.group(1)
        text = rest if opens else doc
        summary = _first_sentence(re.sub(r":\w+:`~?([^`]+)`", r"\1", text.split("\n\n")[0]))
        key = f"torch.nn.functional.{name}"
        if summary:
            rows.append({"name": key, "property": "summary", "value": summary})
        if params:
            rows.append({"name": key, "property": "parameters", "value": params})
        module = re.search(r":class:`~?(torch\.nn\.\w+)`", doc)
        if module:
            rows.append({"name": key, "property": "module equivalent", "value": module.group(1)})
    return rows
