"""Checks of the alias in a fresh interpreter (run by test_alias.py; prints ``@@ {json}``).

Each check records a value; the test asserts on them. Order matters: the real oqtopus_client
is imported only at the end, after the alias has been uninstalled.
"""

# mypy: disable-error-code="attr-defined,comparison-overlap"
# (mypy reads the real oqtopus_client; at run time these names are the alias.)

from __future__ import annotations

import importlib
import json
import sys

report: dict[str, object] = {}

import oqtopus_sdk  # noqa: E402
from oqtopus_sdk import compat  # noqa: E402

report["installed_by_import"] = compat.is_alias_installed()
report["client_after_import"] = "oqtopus_client" in sys.modules

compat.install_alias()
compat.install_alias()  # a second call does nothing
report["finders"] = sum(1 for f in sys.meta_path if type(f).__name__ == "_AliasFinder")
report["first_finder"] = type(sys.meta_path[0]).__name__

import oqtopus_client  # noqa: E402

# Attribute paths, as after `import oqtopus_client` in the reference (before any submodule import).
report["attribute_paths"] = [
    oqtopus_client.services.job_results.OqtopusSamplingJobResult.__name__,
    oqtopus_client.services.storage.OqtopusStorage.__name__,
    oqtopus_client.rest.models.JobsJob.__name__,
    oqtopus_client.rest.exceptions.NotFoundException.__name__,
]

import oqtopus_client.rest.api.job_api as job_api  # noqa: E402
import oqtopus_client.rest.models.jobs_job_type as deep  # noqa: E402
from oqtopus_client import OqtopusClient, rest  # noqa: E402
from oqtopus_client.rest.models import JobsJobStatus  # noqa: E402
from oqtopus_client.services import job_results, storage  # noqa: E402

import oqtopus_api.models  # noqa: E402

report["top_is_sdk"] = oqtopus_client is oqtopus_sdk
report["client_is_sdk"] = (
    OqtopusClient is importlib.import_module("oqtopus_sdk.client").OqtopusClient
)
report["rest_is_sdk_rest"] = rest is importlib.import_module("oqtopus_sdk.rest")
report["job_api_is_ours"] = job_api.JobApi is importlib.import_module("oqtopus_sdk.rest.api").JobApi
report["deep_is_generated"] = deep is importlib.import_module("oqtopus_api.models.jobs_job_type")
report["status_is_generated"] = JobsJobStatus is oqtopus_api.models.JobsJobStatus
report["services_names"] = [job_results.__name__, storage.__name__]
report["sdk_spec_kept"] = oqtopus_sdk.__spec__.name if oqtopus_sdk.__spec__ else None
report["services_spec_kept"] = job_results.__spec__.name if job_results.__spec__ else None
try:
    importlib.import_module("oqtopus_client.rest.rest")  # the reference's aiohttp internals
except ModuleNotFoundError as exc:
    report["missing"] = [exc.name, str(exc)]
try:
    importlib.import_module("oqtopus_client.rest.models.jobs_job_def")
except ModuleNotFoundError as exc:
    report["missing_legacy"] = exc.name

report["uninstalled"] = compat.uninstall_alias()
report["uninstalled_again"] = compat.uninstall_alias()
report["left_in_sys_modules"] = sorted(n for n in sys.modules if n.startswith("oqtopus_client"))

import oqtopus_client as real  # noqa: E402

report["real_file"] = real.__file__
report["real_is_sdk"] = real is oqtopus_sdk
try:
    compat.install_alias()
except compat.ReferenceAlreadyImportedError as exc:
    report["refused"] = [isinstance(exc, RuntimeError), str(exc), exc.modules[:1]]
report["installed_after_refusal"] = compat.is_alias_installed()

print("@@", json.dumps(report))
