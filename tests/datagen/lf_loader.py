"""Load datasets through LLaMA-Factory's own dataset loader; run as a subprocess by the export tests.

``python lf_loader.py OUT_JSON DATASET_DIR NAME [NAME ...]`` reads ``DATASET_DIR/dataset_info.json`` with LLaMA-Factory's
parser (``llamafactory.data.parser.get_dataset_list``), loads each named dataset with its loader
(``llamafactory.data.loader._load_single_dataset``: ``datasets.load_dataset`` on the file, then
``align_dataset`` with LLaMA-Factory's Alpaca/ShareGPT converters) and writes ``{name: {ranking, rows}}`` as
JSON to OUT_JSON (LLaMA-Factory logs to stdout). Aligned rows are LLaMA-Factory's standard form: ``_prompt`` (user/assistant turns),
``_response`` (one assistant turn, two for ranking data), ``_system``, and ``_images`` for a dataset with an
``images`` column (the paths as LLaMA-Factory resolved them against ``media_dir``). The data arguments are
LLaMA-Factory's own ``DataArguments``, so ``media_dir`` takes its default (the dataset folder) as in training.

LLaMA-Factory comes from ``.lf/`` (``make llamafactory``: the package without its dependencies, on PYTHONPATH).
````llamafactory.data``'s and ``llamafactory.hparams``' ``__init__`` import the training collators, chat templates
and training arguments (torchaudio, model code) that loading data does not need, so those package objects are
made here without running them; every module that does the loading is LLaMA-Factory's own, unchanged.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from types import SimpleNamespace


def _import_loader():
    import llamafactory

    for name in ("data", "hparams"):
        package = types.ModuleType(f"llamafactory.{name}")
        package.__path__ = [str(Path(llamafactory.__file__).parent / name)]
        sys.modules[f"llamafactory.{name}"] = package
    from llamafactory.data import loader, parser
    from llamafactory.hparams.data_args import DataArguments

    return loader, parser, DataArguments


def main(argv: list[str]) -> int:
    out_path, dataset_dir, names = argv[0], argv[1], argv[2:]
    loader, parser, data_arguments = _import_loader()
    model_args = SimpleNamespace(cache_dir=None, hf_hub_token=None)
    data_args = data_arguments(dataset_dir=dataset_dir, dataset=names, overwrite_cache=True)
    training_args = SimpleNamespace(local_process_index=0, dataloader_num_workers=0)
    out = {}
    for name, attr in zip(names, parser.get_dataset_list(names, dataset_dir), strict=True):
        dataset = loader._load_single_dataset(attr, model_args, data_args, training_args)
        keys = ("_prompt", "_response", "_system") + (("_images",) if attr.images else ())
        out[name] = {"ranking": bool(attr.ranking), "media_dir": data_args.media_dir,
                     "rows": [{k: row[k] for k in keys} for row in dataset]}
    Path(out_path).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
