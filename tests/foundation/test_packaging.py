"""The built wheel is what users install: it must carry both packages and their py.typed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_ships_both_packages_with_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("oqtopus_sdk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "oqtopus_sdk/py.typed" in names
    assert "oqtopus_api/py.typed" in names
    # The generated sync client and the emulator's SSE runtime ship too.
    assert "oqtopus_sdk/_sync/client.py" in names
    assert "oqtopus_sdk/local/sse_runtime/sse_driver.py" in names
    assert not any(name.startswith(("tests/", "generated/")) for name in names)
