"""Check dialogue exports against LLaMA-Factory's own dataset loader (not a runtime or test dependency).

Writes 3 scripted dialogues of 3 rounds as ShareGPT, OpenAI messages and Alpaca-with-history plus their
``dataset_info.json`` entries, then loads each through LLaMA-Factory's ``_load_single_dataset`` (which aligns it
with its converters) and records the rows, roles and turn order it sees. Needs an importable ``llamafactory``
(e.g. ``pip install --no-deps --target /tmp/lf llamafactory==0.9.5 peft omegaconf`` and a stub ``torchaudio``
module on ``PYTHONPATH``; run with ``DISABLE_VERSION_CHECK=1``)::

    DISABLE_VERSION_CHECK=1 PYTHONPATH=.:tests/datagen:/tmp/lf python bench/lf_dialogs_check.py OUT_DIR

Writes ``OUT_DIR/lf_dialogs_check.json`` and exits non-zero when a dataset does not come back whole.
"""

from __future__ import annotations

import json
import sys
from itertools import count
from pathlib import Path

from fakes import ScriptedLLM

from datagen import dialogs
from datagen.generate import GenerationSettings
from datagen.store import Store


def export_dialogues(out: Path) -> list[list[str]]:
    store = Store.open(out / "ws", create=True)
    pid = store.create_project("lf")
    fid, _ = store.add_file(pid, name="d", stored_path="d", kind="md", sha256="x", size=1, text="t", outline=[],
                            meta={})
    store.replace_chunks(pid, fid, [{"text": f"Passage {i} about lava."} for i in range(3)])
    n = count()
    llm = ScriptedLLM(by_purpose={"dialog_user": lambda m: f"Q{next(n)}?", "dialog_assistant": lambda m: f"A{next(n)}."})
    dialogs.generate_dialogs(store, pid, llm, GenerationSettings(),
                             dialogs.DialogSettings(rounds=3, system_prompt="Be brief."))
    for fmt, ext in (("sharegpt", ".jsonl"), ("openai", ".jsonl"), ("alpaca", ".json")):
        dialogs.export_dialogs(store, pid, fmt, out / "data" / f"dlg_{fmt}{ext}", llamafactory=f"dlg_{fmt}")
    expected = [[t["content"] for t in d["turns"]] for d in dialogs.list_dialogs(store, pid)[0]]
    store.close()
    return expected


def main(out: Path) -> int:
    from llamafactory.data.loader import _load_single_dataset
    from llamafactory.data.parser import get_dataset_list
    from llamafactory.hparams import DataArguments, ModelArguments
    from transformers import Seq2SeqTrainingArguments

    expected = export_dialogues(out)
    names = ["dlg_sharegpt", "dlg_openai", "dlg_alpaca"]
    data_args = DataArguments(dataset_dir=str(out / "data"), dataset=names)
    model_args, training_args = ModelArguments(model_name_or_path="unused"), Seq2SeqTrainingArguments(
        output_dir=str(out / "trainer"))
    results = {}
    for attr in get_dataset_list(names, data_args.dataset_dir):
        aligned = _load_single_dataset(attr, model_args, data_args, training_args)
        seen = [[m["content"] for m in row["_prompt"] + row["_response"]] for row in aligned]
        results[attr.dataset_name] = {"rows": len(aligned), "turns_in_order": seen == expected,
                                      "roles": [m["role"] for m in aligned[0]["_prompt"]],
                                      "system": aligned[0]["_system"]}
    (out / "lf_dialogs_check.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0 if all(r["rows"] == 3 and r["turns_in_order"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
