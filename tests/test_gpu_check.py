"""The GPU check script stays runnable: its --smoke mode (tiny config, CPU) checks the same equalities and writes
the same report shape as the CUDA run."""

from __future__ import annotations

import json

from bench import gpu_check


def test_gpu_check_smoke_runs_on_cpu(tmp_path):
    out = tmp_path / "gpu.json"
    assert gpu_check.main(["--smoke", "--sizes", "0,16", "--new-tokens", "4", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    eq = report["equalities"]
    assert eq["ok"] and eq["empty_kb_vs_stock"] <= 1e-5 and eq["cached_vs_full"] <= 1e-5
    rows = report["fp32"]
    assert [r["kb_size"] for r in rows] == [0, 16]
    assert rows[1]["kb_tokens_mb"] > 0 and all(r["decode_tok_s"] > 0 and r["ttft_s"] > 0 for r in rows)
