"""`make bench` runs `bench.run_all`: every benchmark it names must exist, and a bad name is a usage error."""

from __future__ import annotations

import importlib.util

import pytest

from bench import run_all


def test_every_benchmark_named_by_the_runner_exists():
    for name, argv in {**run_all.DEFAULT, **run_all.LONG}.items():
        assert importlib.util.find_spec(argv[0]) is not None, name


def test_unknown_benchmark_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        run_all.main(["--only", "no_such_bench"])
    assert exc.value.code == 2 and "no_such_bench" in capsys.readouterr().err
