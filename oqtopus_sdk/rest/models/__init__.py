"""The generated models under the reference's module path ``rest.models``.

Every class of :mod:`oqtopus_api.models` is here, the very same class objects (so
``oqtopus_sdk.rest.models.JobsJobType is oqtopus_api.models.JobsJobType``). The per-model
modules are reachable under the reference's names too: importing this package registers
``oqtopus_sdk.rest.models.jobs_job_type`` and its siblings as aliases of the generated
modules, so ``from oqtopus_sdk.rest.models.jobs_job_type import JobsJobType`` works.

The models are attrs classes with ``to_dict()`` / ``from_dict()``; the reference's are pydantic
models, which also have ``to_json`` / ``from_json`` / ``to_str``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import oqtopus_api.models as _generated
from oqtopus_api.models import *  # noqa: F403

__all__ = list(_generated.__all__)


def _alias_model_modules() -> None:
    """Register each generated per-model module under this package's name."""
    package = sys.modules[__name__]
    for info in pkgutil.iter_modules(_generated.__path__):
        module = importlib.import_module(f"{_generated.__name__}.{info.name}")
        sys.modules.setdefault(f"{__name__}.{info.name}", module)
        setattr(package, info.name, module)


_alias_model_modules()
