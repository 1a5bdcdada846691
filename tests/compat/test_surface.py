"""Every public name of the reference's ``rest`` and ``services`` modules exists in ours.

The reference's names are read from its installed source (see ``reference_surface``); the
tests skip when it is not installed. The few names we deliberately do not provide are listed
with the reason, and the test fails if that list goes stale in either direction.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

import oqtopus_api.models
import oqtopus_sdk
from oqtopus_sdk import errors, rest
from oqtopus_sdk.rest import exceptions
from oqtopus_sdk.services import client as services_client
from oqtopus_sdk.services import errors as services_errors
from oqtopus_sdk.services import job_results, storage
from tests.compat.reference_surface import (
    SERVICES_MODULES,
    model_module_names,
    module_file,
    public_names,
    reference_root,
)

ROOT = reference_root()
needs_reference = pytest.mark.skipif(ROOT is None, reason="oqtopus-client is not installed")

# Reference names we do not provide: one legacy model the reference imports but the API
# description no longer has.
KNOWN_MISSING: dict[str, set[str]] = {"services.client": {"JobsSubmitJobInfo"}}
# Legacy per-model modules the reference keeps but does not export (not in our API spec).
LEGACY_MODEL_MODULES = {
    "jobs_estimation_result",
    "jobs_get_jobs_response",
    "jobs_job_def",
    "jobs_job_result",
    "jobs_operator_item",
    "jobs_sampling_result",
    "jobs_submit_job_info",
}
MODULES = ["rest", "rest.models", "rest.exceptions"] + [f"services.{m}" for m in SERVICES_MODULES]


@needs_reference
@pytest.mark.parametrize("module", MODULES)
def test_reference_public_names_exist(module: str) -> None:
    assert ROOT is not None
    theirs = public_names(module_file(ROOT, module))
    assert theirs, f"no public names found in the reference's {module}"
    ours = importlib.import_module(f"oqtopus_sdk.{module}")
    missing = {name for name in theirs if not hasattr(ours, name)}
    assert missing == KNOWN_MISSING.get(module, set())


@needs_reference
def test_reference_model_modules_import_under_our_rest_models() -> None:
    assert ROOT is not None
    names = model_module_names(ROOT)
    assert len(names) > 30
    for name in names:
        if name in LEGACY_MODEL_MODULES:
            with pytest.raises(ModuleNotFoundError):
                importlib.import_module(f"oqtopus_sdk.rest.models.{name}")
            continue
        ours = importlib.import_module(f"oqtopus_sdk.rest.models.{name}")
        tree = ast.parse((ROOT / "rest" / "models" / f"{name}.py").read_text(encoding="utf-8"))
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
        for cls in classes:
            assert getattr(ours, cls) is getattr(oqtopus_api.models, cls), f"{name}.{cls}"


def test_rest_is_our_package_with_the_generated_classes() -> None:
    assert oqtopus_sdk.rest is rest
    assert rest.models.JobsJob is oqtopus_api.models.JobsJob
    for name in rest.__all__:
        assert getattr(rest, name) is not None, name
    for name in oqtopus_api.models.__all__:
        assert getattr(rest, name) is getattr(oqtopus_api.models, name)
        assert name in dir(rest)
    # A runtime alias of the generated module (no file of its own for mypy to read).
    jobs_job_type = importlib.import_module("oqtopus_sdk.rest.models.jobs_job_type")
    assert jobs_job_type is importlib.import_module("oqtopus_api.models.jobs_job_type")
    JobsJobType = jobs_job_type.JobsJobType

    assert JobsJobType is rest.JobsJobType is oqtopus_api.models.JobsJobType


def test_rest_explains_what_it_does_not_provide() -> None:
    with pytest.raises(AttributeError, match="aiohttp session wrapper"):
        _ = rest.rest
    with pytest.raises(AttributeError, match="has no attribute"):
        _ = rest.NoSuchModel


def test_services_reexport_our_objects() -> None:
    assert services_client.OqtopusClient is oqtopus_sdk.OqtopusClient
    assert services_client.RestApiException is exceptions.ApiException
    assert services_client.models is rest
    assert job_results.OqtopusSamplingJobResult is oqtopus_sdk.OqtopusSamplingJobResult
    assert services_errors.UserApiError is errors.UserApiError
    assert storage.OqtopusStorageError is services_errors.OqtopusStorageError is errors.StorageError


def test_import_stays_lazy() -> None:
    code = (
        "import sys, oqtopus_sdk, oqtopus_sdk.rest\n"
        "heavy = [m for m in ('oqtopus_api.models', 'httpx', 'oqtopus_sdk.services') "
        "if m in sys.modules]\n"
        "finders = [type(f).__name__ for f in sys.meta_path if 'Alias' in type(f).__name__]\n"
        "print(heavy, finders, 'oqtopus_client' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] [] False"


class TestExceptions:
    def test_from_response_raises_the_class_of_the_status(self) -> None:
        cases = {
            400: exceptions.BadRequestException,
            401: exceptions.UnauthorizedException,
            403: exceptions.ForbiddenException,
            404: exceptions.NotFoundException,
            503: exceptions.ServiceException,
            409: exceptions.ApiException,
        }
        for status, cls in cases.items():
            response = httpx.Response(status, json={"message": "no"})
            with pytest.raises(cls) as caught:
                exceptions.ApiException.from_response(
                    http_resp=response, body=None, data={"message": "no"}
                )
            assert type(caught.value) is cls
            assert caught.value.status == status
            assert caught.value.body == '{"message":"no"}'
            assert caught.value.reason == response.reason_phrase
            assert str(caught.value).startswith(f"({status})\nReason: ")

    def test_from_user_api_error_maps_our_classes(self) -> None:
        ours = errors.NotFoundError(404, "job not found", {"message": "job not found"})
        theirs = exceptions.ApiException.from_user_api_error(ours)
        assert type(theirs) is exceptions.NotFoundException
        assert theirs.status == 404
        assert theirs.body == "job not found"
        assert theirs.data == {"message": "job not found"}
        assert theirs.__cause__ is ours

    def test_value_errors_render_their_path(self) -> None:
        exc = exceptions.ApiValueError("bad value", path_to_item=["jobs", 0, "shots"])
        assert isinstance(exc, ValueError)
        assert str(exc) == "bad value at ['jobs'][0]['shots']"
        assert isinstance(exceptions.ApiTypeError("t"), TypeError)
        assert isinstance(exceptions.ApiKeyError("k"), KeyError)
        assert isinstance(exceptions.ApiAttributeError("a"), AttributeError)
        assert issubclass(rest.ApiException, rest.OpenApiException)


def test_reference_surface_helper_reads_this_file() -> None:
    names = public_names(Path(__file__))
    assert {"KNOWN_MISSING", "TestExceptions", "test_import_stays_lazy"} <= names
    assert "pytest" not in names


@needs_reference
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (
            "oqtopus_sdk.services.storage:OqtopusStorage.upload",
            "services.storage:OqtopusStorage.upload",
        ),
        (
            "oqtopus_sdk.services.storage:OqtopusStorage.download",
            "services.storage:OqtopusStorage.download",
        ),
        (
            "oqtopus_sdk.services.storage:OqtopusStorage.download_archive",
            "services.storage:OqtopusStorage.download_archive",
        ),
        ("oqtopus_sdk.rest.exceptions:ApiException", "rest.exceptions:ApiException"),
        ("oqtopus_sdk.rest.exceptions:ApiTypeError", "rest.exceptions:ApiTypeError"),
        ("oqtopus_sdk.rest.exceptions:ApiValueError", "rest.exceptions:ApiValueError"),
        ("oqtopus_sdk.rest.exceptions:render_path", "rest.exceptions:render_path"),
    ],
)
def test_parameters_match_the_reference(ours: str, theirs: str) -> None:
    """Same parameter names, kinds and defaults (the reference imported here, not aliased)."""

    def resolve(spec: str) -> Any:
        module, _, attr = spec.partition(":")
        value: Any = importlib.import_module(module)
        for part in attr.split("."):
            value = getattr(value, part)
        return value

    mine = inspect.signature(resolve(ours))
    reference = inspect.signature(resolve(f"oqtopus_client.{theirs}"))
    assert list(mine.parameters) == list(reference.parameters)
    for name, param in reference.parameters.items():
        assert mine.parameters[name].kind == param.kind, name
        assert mine.parameters[name].default == param.default, name
