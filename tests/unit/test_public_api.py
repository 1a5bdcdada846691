"""The public surface: exports, lazy import, and signatures matching the reference SDK."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import oqtopus_sdk

REFERENCE_EXPORTS = [
    "OqtopusClient", "OqtopusConfig", "OqtopusDevice", "OqtopusEstimationJobResult",
    "OqtopusEstimationOperator", "OqtopusJob", "OqtopusJobFailedWarning", "OqtopusJobResult", "OqtopusJobSpec", "OqtopusMultiManualJobResult",
    "OqtopusSamplingJobResult", "OqtopusSseJobResult", "ResponseValidationError", "UserApiError",
    "bitstring_dict_to_int_keys", "bitstring_to_int", "convert_sampling_counts_to_int_keys", "rest",
]  # fmt: skip


def test_every_reference_export_and_all_names_resolve() -> None:
    for name in REFERENCE_EXPORTS:
        assert name in oqtopus_sdk.__all__
    for name in oqtopus_sdk.__all__:
        assert getattr(oqtopus_sdk, name) is not None, name
    assert oqtopus_sdk.rest.models.JobsJob is not None
    with pytest.raises(AttributeError):
        _ = oqtopus_sdk.DoesNotExist  # type: ignore[attr-defined]


PINNED_EXPORTS = sorted(
    [
        "ArchiveError", "AsyncOqtopusClient", "AsyncOqtopusJob", "BadRequestError", "BatchJobError", "ConfigError",
        "ConflictError",
        "ForbiddenError", "JobError", "JobFailedError", "JobNotFinishedError", "JobOutcome",
        "JobTimeoutError",
        "NotFoundError", "OqtopusClient", "OqtopusConfig", "OqtopusConnectionError",
        "OqtopusDevice", "OqtopusError", "OqtopusEstimationJobResult",
        "OqtopusEstimationOperator", "OqtopusJob", "OqtopusJobFailedWarning", "OqtopusJobResult", "OqtopusJobSpec",
        "OqtopusMultiManualJobResult", "OqtopusSamplingJobResult", "OqtopusSseJobResult",
        "OqtopusTimeoutError", "OqtopusTransportError", "RateLimitError",
        "ResponseValidationError", "ServerError", "StorageError", "SubmissionError",
        "UnauthorizedError", "UnprocessableEntityError", "UserApiError", "__version__",
        "bitstring_dict_to_int_keys", "bitstring_to_int", "convert_sampling_counts_to_int_keys",
        "rest",
    ]
)  # fmt: skip


def test_exported_names_are_pinned() -> None:
    """A name added to or removed from the package's surface is a decision: update this list."""
    public = set(oqtopus_sdk.__all__)
    extra = public - set(PINNED_EXPORTS)
    missing = set(PINNED_EXPORTS) - public
    assert not extra, f"added without pinning: {sorted(extra)}"
    assert not missing, f"removed: {sorted(missing)}"
    modules = sorted(
        path.stem if path.is_file() else path.name
        for path in Path(oqtopus_sdk.__file__).parent.iterdir()
        if not path.name.startswith(("_", ".")) and (path.suffix == ".py" or path.is_dir())
    )
    # Implementation modules sit behind underscore names; these are the public ones.
    assert set(modules) <= {
        "aio", "bitstrings", "cli", "client", "compat", "config", "constants", "device",
        "errors", "journal", "local", "preflight", "qiskit", "rest", "results", "services", "spec",
        "vocabulary",
    }, modules  # fmt: skip


def test_import_is_lazy() -> None:
    code = (
        "import sys, oqtopus_sdk; "
        "heavy = [m for m in ('httpx', 'oqtopus_api', 'oqtopus_sdk.client') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


REFERENCE_CLIENT_METHODS = [
    "list_devices", "get_device", "list_jobs", "submit_job", "submit_jobs", "submit_jobs_async",
    "run_job", "run_sampling", "run_estimation", "run_multi_manual", "run_sse", "run_sse_file",
    "run_jobs_batch", "get_job", "get_job_result", "result", "refresh", "wait_for_job", "wait",
    "wait_for_jobs", "wait_for_jobs_async", "get_job_status", "status", "is_finished",
    "cancel_job", "delete_job", "get_sselog", "create_api_token", "get_api_token_status",
    "get_api_token", "delete_api_token", "get_announcements_list", "get_announcement",
]  # fmt: skip


@pytest.mark.parametrize("name", REFERENCE_CLIENT_METHODS)
def test_parameters_match_the_reference(name: str) -> None:
    reference = pytest.importorskip("oqtopus_client")
    ours = inspect.signature(getattr(oqtopus_sdk.OqtopusClient, name))
    theirs = inspect.signature(getattr(reference.OqtopusClient, name))
    for param in theirs.parameters.values():
        assert param.name in ours.parameters, f"{name} lacks {param.name}"
        mine = ours.parameters[param.name]
        assert mine.kind == param.kind, f"{name}.{param.name} kind"
        if param.default is not inspect.Parameter.empty:
            assert mine.default == param.default, f"{name}.{param.name} default"
    extra = [p for p in ours.parameters.values() if p.name not in theirs.parameters]
    assert all(
        p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is not inspect.Parameter.empty
        for p in extra
    ), f"{name}: extensions must be optional keywords"


@pytest.mark.parametrize("name", REFERENCE_CLIENT_METHODS)
def test_async_client_has_the_same_methods(name: str) -> None:
    assert hasattr(oqtopus_sdk.AsyncOqtopusClient, name)


def test_token_redacted_from_client_and_config_repr() -> None:
    config = oqtopus_sdk.OqtopusConfig(
        base_url="https://x", api_token="id.secretvalue", proxy="http://u:pw123@p:1"
    )
    client = oqtopus_sdk.OqtopusClient(config)
    text = repr(client) + repr(config) + str(config)
    assert "secretvalue" not in text
    assert "pw123" not in text
    client.close()
