"""examples/qiskit_backend.py runs end to end against the emulator it starts."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

pytest.importorskip("qiskit")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "qiskit_backend.py"


def test_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "multi_manual job" in out
    assert "pre-flight: TooManyQubitsError" in out
