#!/usr/bin/env bash
# The GPU check on the device machine (an H200 lent to some sessions): random-weight Llama-3-8B shape, the KB path on
# CUDA, TTFT / decode tokens/s / memory at KB sizes 0, 1K, 10K, 100K. Finishes in a few minutes; needs no download.
#
# The device image has torch but maybe not this project's transformers 5. Before the call, on the dev machine:
#   echo /.whl/ >> .git/info/exclude
#   python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
#       --platform manylinux2014_x86_64 --platform any -d .whl "transformers>=5.20,<5.24" "huggingface_hub>=1.0,<2"
# then run with carry [".whl"]:   bash bench/gpu_check.sh [--nf4]
set -euo pipefail
cd "$(dirname "$0")/.."
if compgen -G ".whl/*.whl" >/dev/null; then
    python3 -m pip install -q --no-index --no-deps --no-compile --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
fi
out=${OUT:-bench/results}
mkdir -p "$out"
PYTHONUNBUFFERED=1 timeout 470 python3 -m bench.gpu_check --out "$out/gpu_check.json" "$@"
