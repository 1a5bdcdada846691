"""generated/ is reproducible from openapi/ and the upstream spec regenerates cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

REGENERATE = ROOT / "scripts" / "regenerate"


def run_regenerate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REGENERATE), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )


def test_committed_generated_package_matches_a_fresh_regeneration() -> None:
    result = run_regenerate("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in sync" in result.stdout


def test_check_reports_drift_when_the_package_differs(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "generated" / "oqtopus_api"
    shutil.copytree(ROOT / "generated" / "oqtopus_api", copy)
    shutil.copy(ROOT / "generated" / "README.md", tmp_path / "generated" / "README.md")
    (copy / "models" / "jobs_job.py").write_text("# edited by hand\n", encoding="utf-8")
    result = run_regenerate("--check", "--output", str(copy))
    assert result.returncode == 1
    assert "jobs_job.py" in result.stderr


def test_regeneration_is_byte_identical_run_to_run(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "oqtopus_api", tmp_path / "b" / "oqtopus_api"
    assert run_regenerate("--output", str(first)).returncode == 0
    assert run_regenerate("--output", str(second)).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*.py"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.py"))
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_upstream_spec_regenerates_with_zero_warnings_after_normalisation(
    tmp_path: Path, upstream_spec_path: Path
) -> None:
    out = tmp_path / "oqtopus_api"
    result = run_regenerate("--spec", str(upstream_spec_path), "--output", str(out))
    # --fail-on-warning is always on: a zero exit status means zero warnings.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "jobs.JobInfo.input: allOf over a string schema made a plain string" in result.stdout
    assert "jobs.SubmittedJob: unreferenced allOf wrapper" in result.stdout
    models = out / "models"
    assert "class JobsJob:" in (models / "jobs_job.py").read_text(encoding="utf-8")
    assert "class JobsJobInfo:" in (models / "jobs_job_info.py").read_text(encoding="utf-8")
    # The input file itself is never edited.
    assert "allOf" in upstream_spec_path.read_text(encoding="utf-8")


def test_normalisation_leaves_our_spec_unchanged() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import importlib.machinery
    import importlib.util

    loader = importlib.machinery.SourceFileLoader("regenerate_script", str(REGENERATE))
    spec = importlib.util.spec_from_loader("regenerate_script", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    document = module.load_spec(ROOT / "openapi" / "oqtopus-user-api.yaml")
    normalised, notes = module.normalise_spec(document)
    assert notes == []
    assert normalised == document


@pytest.mark.parametrize("bad", ["not: [an, openapi]", "paths: {}\n: :"])
def test_regenerate_rejects_a_file_that_is_not_a_spec(tmp_path: Path, bad: str) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(bad, encoding="utf-8")
    result = run_regenerate("--spec", str(spec), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "regenerate:" in result.stderr
    assert not (tmp_path / "out").exists()
