"""Shared test helpers: project paths and the optional reference material beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture
def upstream_spec_path() -> Path:
    """The upstream OpenAPI file, or skip when the shared reference folder is absent."""
    path = SHARED_REFERENCE / "upstream-openapi.yaml"
    if not path.is_file():
        pytest.skip(f"upstream spec not present at {path} (shared reference material is optional)")
    return path
