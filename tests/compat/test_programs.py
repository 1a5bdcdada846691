"""Programs written for oqtopus_client run on oqtopus_sdk: through the alias, unchanged, and
with only their import lines rewritten.

The same programs also run on the real oqtopus-client 1.3.0 as a control, which shows they
are ordinary reference code rather than code bent to fit our SDK. All three runs go in
parallel, one subprocess each, against one emulator.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.compat.conftest import HERE, finish, python

PROGRAMS = sorted((HERE / "programs").glob("p*.py"))
RUNNER = HERE / "run_programs.py"
HAVE_REFERENCE = importlib.util.find_spec("oqtopus_client") is not None
MODES = ["alias", "direct", "reference"]


def _parse(code: int, out: str, err: str) -> dict[str, Any]:
    records = [json.loads(line[3:]) for line in out.splitlines() if line.startswith("@@ ")]
    assert records, f"runner produced no records (exit {code})\nstdout:\n{out}\nstderr:\n{err}"
    summary = records.pop()
    assert summary.get("summary"), summary
    return {"programs": {r["program"]: r for r in records}, "summary": summary, "stderr": err}


def _merge(parsed: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"programs": {}, "summaries": [], "stderr": ""}
    for part in parsed:
        merged["programs"].update(part["programs"])
        merged["summaries"].append(part["summary"])
        merged["stderr"] += part["stderr"]
    return merged


@pytest.fixture(scope="module")
def runs(user_env: dict[str, str]) -> dict[str, dict[str, Any]]:
    # SSE programs mostly wait for the emulator's SSE container: a batch of their own lets
    # that wait overlap with the other programs.
    batches = [
        [str(p) for p in PROGRAMS if "sse" not in p.stem],
        [str(p) for p in PROGRAMS if "sse" in p.stem],
    ]
    prefixes = {
        "alias": ["-m", "oqtopus_sdk.compat", str(RUNNER)],
        "direct": [str(RUNNER), "--direct"],
    }
    if HAVE_REFERENCE:
        prefixes["reference"] = [str(RUNNER)]
    procs = {
        mode: [python([*prefix, *batch], user_env) for batch in batches if batch]
        for mode, prefix in prefixes.items()
    }
    return {
        mode: _merge([_parse(*finish(proc)) for proc in started]) for mode, started in procs.items()
    }


def test_there_are_enough_programs() -> None:
    assert len(PROGRAMS) >= 8


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_program(runs: dict[str, dict[str, Any]], mode: str, program: Path) -> None:
    if mode == "reference" and not HAVE_REFERENCE:
        pytest.skip("oqtopus-client is not installed")
    record = runs[mode]["programs"][program.stem]
    assert record["ok"], (
        f"{program.name} failed in {mode} mode\n{record['stdout']}\n{record['error']}\n"
        f"runner stderr:\n{runs[mode]['stderr'][-3000:]}"
    )


def test_alias_run_was_served_by_oqtopus_sdk(runs: dict[str, dict[str, Any]]) -> None:
    for summary in runs["alias"]["summaries"]:
        assert summary["oqtopus_client"] == "oqtopus_sdk"
        assert Path(summary["oqtopus_client_file"]).parent.name == "oqtopus_sdk"
        # The reference's HTTP and model stacks never loaded: no request could have used them.
        assert not summary["aiohttp_loaded"]
        assert not summary["pydantic_loaded"]


def test_direct_run_never_touched_the_reference(runs: dict[str, dict[str, Any]]) -> None:
    for summary in runs["direct"]["summaries"]:
        assert summary["oqtopus_client"] is None
        assert not summary["aiohttp_loaded"]


def test_reference_control_used_the_real_package(runs: dict[str, dict[str, Any]]) -> None:
    if not HAVE_REFERENCE:
        pytest.skip("oqtopus-client is not installed")
    for summary in runs["reference"]["summaries"]:
        assert summary["oqtopus_client"] == "oqtopus_client"
        assert "site-packages" in summary["oqtopus_client_file"]


def test_direct_mode_changes_only_import_lines() -> None:
    """The rewrite a migrating user makes touches import lines and nothing else."""
    for program in PROGRAMS:
        for line in program.read_text(encoding="utf-8").splitlines():
            if "oqtopus_client" in line:
                assert re.match(
                    r"\s*(from oqtopus_client[\w.]* import |import oqtopus_client)", line
                ), f"{program.name}: {line!r}"
