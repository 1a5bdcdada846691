"""Our spec keeps the upstream wire contract: same operations, parameters, schemas and fields.

Every difference from the upstream description must be listed in DEVIATIONS with the reason
(what the live service does, per the wire contract). Additions are allowed; removals and
changes are not, unless listed. A listed deviation that no longer occurs fails too, so the
list stays true.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import spec_diff

OUR_SPEC = ROOT / "openapi" / "oqtopus-user-api.yaml"

# pattern over "removed <fact>" / "changed <fact>: <old> -> <new>" -> why it differs
DEVIATIONS: dict[str, str] = {
    r"removed parameter GET /jobs query:page \.default": (
        "live server applies its own defaults; declaring none keeps the generated client from "
        "sending values the caller did not choose"
    ),
    r"removed parameter GET /jobs query:size \.default": (
        "upstream says 10, the live server uses 100 when size is omitted (wire contract 3.5)"
    ),
    r"removed parameter GET /(jobs|announcements) query:order \.default": (
        "live server treats anything but DESC as ASC; nothing needs sending by default"
    ),
    r"removed required jobs\.JobInfo\.input": (
        "live job_info holds only the keys whose archive exists (wire contract 7, 14.20)"
    ),
    r"removed required jobs\.JobInfoUploadPresignedURL\.fields\.key": (
        "the local-storage driver answers fields {} with no key (wire contract 3.3, 14.12)"
    ),
    r"changed parameter GET /announcements query:(offset|limit) \.type: string -> integer": (
        "the live server parses offset and limit as integers (wire contract 3.11, 14.22)"
    ),
    r"changed response \S+ \S+ (401|403): no body -> ref:error\.\w+": (
        "live 401/403 answers carry a JSON error body (wire contract 2)"
    ),
    r"changed schema jobs\.(Registered|Submitted)Job: ref:jobs\.Job -> object": (
        "upstream's allOf wrappers collide in the generator; ours spell out the same fields "
        "and required keys as plain objects"
    ),
}


def differences(upstream: Path) -> list[str]:
    result = spec_diff.compare(spec_diff.load(upstream), spec_diff.load(OUR_SPEC))
    lines = [f"removed {key}" for key in result["removed"]]
    lines += [f"changed {key}: {old} -> {new}" for key, (old, new) in result["changed"].items()]
    return lines


def test_every_difference_from_upstream_is_a_listed_deviation(upstream_spec_path: Path) -> None:
    unexplained = [
        line
        for line in differences(upstream_spec_path)
        if not any(re.match(pattern, line) for pattern in DEVIATIONS)
    ]
    assert unexplained == [], "differences from upstream without a reason:\n" + "\n".join(
        unexplained
    )


def test_every_listed_deviation_still_occurs(upstream_spec_path: Path) -> None:
    lines = differences(upstream_spec_path)
    stale = [p for p in DEVIATIONS if not any(re.match(p, line) for line in lines)]
    assert stale == []


def test_every_upstream_operation_and_component_key_exists(upstream_spec_path: Path) -> None:
    upstream = yaml.safe_load(upstream_spec_path.read_text(encoding="utf-8"))
    ours = yaml.safe_load(OUR_SPEC.read_text(encoding="utf-8"))
    for path, item in upstream["paths"].items():
        for method, operation in item.items():
            assert ours["paths"][path][method]["operationId"] == operation["operationId"]
    missing = set(upstream["components"]["schemas"]) - set(ours["components"]["schemas"])
    assert missing == set()


def test_registered_and_submitted_job_keep_jobs_job_fields(upstream_spec_path: Path) -> None:
    ours = yaml.safe_load(OUR_SPEC.read_text(encoding="utf-8"))["components"]["schemas"]
    upstream = yaml.safe_load(upstream_spec_path.read_text(encoding="utf-8"))
    for name in ("jobs.RegisteredJob", "jobs.SubmittedJob"):
        assert ours[name]["properties"] == ours["jobs.Job"]["properties"]
        assert ours[name]["required"] == upstream["components"]["schemas"][name]["required"]


def test_our_spec_declares_the_live_auth_header() -> None:
    ours = yaml.safe_load(OUR_SPEC.read_text(encoding="utf-8"))
    scheme = ours["components"]["securitySchemes"]["QApiToken"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "q-api-token"}
    assert {"QApiToken": []} in ours["security"]


def test_spec_diff_reports_added_removed_and_changed_facts(tmp_path: Path) -> None:
    base = yaml.safe_load(OUR_SPEC.read_text(encoding="utf-8"))
    changed = yaml.safe_load(OUR_SPEC.read_text(encoding="utf-8"))
    changed["components"]["schemas"]["jobs.JobStatus"]["enum"].append("paused")
    del changed["components"]["schemas"]["jobs.Job"]["properties"]["shots"]
    changed["paths"]["/jobs"]["get"]["parameters"][6]["schema"]["maximum"] = 100
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(base), encoding="utf-8")
    new.write_text(yaml.safe_dump(changed), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "spec_diff.py"), str(old), str(new)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "+ enum jobs.JobStatus 'paused': present" in result.stdout
    assert "- field jobs.Job.shots .type: integer" in result.stdout
    assert "~ parameter GET /jobs query:size .maximum: 65535 -> 100" in result.stdout


def test_spec_diff_of_a_spec_with_itself_is_empty() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "regenerate"),
            "--diff",
            str(OUR_SPEC),
            str(OUR_SPEC),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no differences" in result.stdout


@pytest.mark.parametrize("args", [[], ["only-one.yaml"]])
def test_spec_diff_usage_errors(args: list[str]) -> None:
    assert spec_diff.main(args) == 2
