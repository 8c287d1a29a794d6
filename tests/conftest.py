"""Shared test set-up: no telemetry, no hub access, and the repo root importable."""

import os
import sys
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
for sub in ("kblam", "datagen", "app"):  # test helper modules (tiny models, fakes) import by name
    sys.path.insert(0, str(Path(__file__).resolve().parent / sub))
