"""Hand-written modules stay small enough to read: none over 700 lines (local/ excepted)."""

from __future__ import annotations

from tests.conftest import ROOT

LIMIT = 700


def test_no_hand_written_module_is_over_700_lines() -> None:
    package = ROOT / "oqtopus_sdk"
    too_long = {
        str(path.relative_to(ROOT)): count
        for path in package.rglob("*.py")
        if "local" not in path.relative_to(package).parts
        and (count := len(path.read_text("utf-8").splitlines())) > LIMIT
    }
    assert not too_long, f"split these modules: {too_long}"
