"""Load datasets through LLaMA-Factory's own dataset loader; run as a subprocess by the export tests.

``python lf_loader.py OUT_JSON DATASET_DIR NAME [NAME ...]`` reads ``DATASET_DIR/dataset_info.json`` with LLaMA-Factory's
parser (``llamafactory.data.parser.get_dataset_list``), loads each named dataset with its loader
(``llamafactory.data.loader._load_single_dataset``: ``datasets.load_dataset`` on the file, then
``align_dataset`` with LLaMA-Factory's Alpaca/ShareGPT converters) and writes ``{name: {ranking, rows}}`` as
JSON to OUT_JSON (LLaMA-Factory logs to stdout). Aligned rows are LLaMA-Factory's standard form: ``_prompt`` (user/assistant turns),
``_response`` (one assistant turn, two for ranking data), ``_system``.

LLaMA-Factory comes from ``.lf/`` (``make llamafactory``: the package without its dependencies, on PYTHONPATH).
``llamafactory.data``'s ``__init__`` imports the training collators and chat templates (torchaudio, model
code) that loading data does not need, so the package object is made here without running it; every module
that does the loading is LLaMA-Factory's own, unchanged.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from types import SimpleNamespace


def _import_loader():
    import llamafactory

    package = types.ModuleType("llamafactory.data")
    package.__path__ = [str(Path(llamafactory.__file__).parent / "data")]
    sys.modules["llamafactory.data"] = package
    from llamafactory.data import loader, parser

    return loader, parser


def main(argv: list[str]) -> int:
    out_path, dataset_dir, names = argv[0], argv[1], argv[2:]
    loader, parser = _import_loader()
    model_args = SimpleNamespace(cache_dir=None, hf_hub_token=None)
    data_args = SimpleNamespace(dataset_dir=dataset_dir, media_dir=dataset_dir, preprocessing_num_workers=None,
                                streaming=False, max_samples=None, overwrite_cache=True)
    training_args = SimpleNamespace(local_process_index=0, dataloader_num_workers=0)
    out = {}
    for name, attr in zip(names, parser.get_dataset_list(names, dataset_dir), strict=True):
        dataset = loader._load_single_dataset(attr, model_args, data_args, training_args)
        out[name] = {"ranking": bool(attr.ranking),
                     "rows": [{k: row[k] for k in ("_prompt", "_response", "_system")} for row in dataset]}
    Path(out_path).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
