"""The opt-in ``oqtopus_client`` alias (:mod:`oqtopus_sdk.compat`), in fresh interpreters."""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from oqtopus_sdk import compat
from tests.compat.conftest import HERE, finish, python

HAVE_REFERENCE = importlib.util.find_spec("oqtopus_client") is not None


def _report(out: str, err: str) -> dict[str, Any]:
    lines = [line[3:] for line in out.splitlines() if line.startswith("@@ ")]
    assert lines, f"no report\nstdout:\n{out}\nstderr:\n{err}"
    report: dict[str, Any] = json.loads(lines[-1])
    return report


@pytest.fixture(scope="module")
def checks() -> dict[str, Any]:
    code, out, err = finish(python([str(HERE / "alias_checks.py")], env=None))
    assert code == 0, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    return _report(out, err)


def test_importing_oqtopus_sdk_does_not_install_the_alias(checks: dict[str, Any]) -> None:
    assert checks["installed_by_import"] is False
    assert checks["client_after_import"] is False


def test_install_puts_one_finder_first(checks: dict[str, Any]) -> None:
    assert checks["finders"] == 1
    assert checks["first_finder"] == "_AliasFinder"


def test_reference_paths_resolve_to_our_modules(checks: dict[str, Any]) -> None:
    assert checks["top_is_sdk"]
    assert checks["client_is_sdk"]
    assert checks["rest_is_sdk_rest"]
    assert checks["deep_is_generated"]
    assert checks["job_api_is_ours"]
    assert checks["status_is_generated"]
    assert checks["services_names"] == [
        "oqtopus_sdk.services.job_results",
        "oqtopus_sdk.services.storage",
    ]
    # The alias does not rename our modules.
    assert checks["sdk_spec_kept"] == "oqtopus_sdk"
    assert checks["services_spec_kept"] == "oqtopus_sdk.services.job_results"


def test_attribute_paths_work_after_importing_the_top_package(checks: dict[str, Any]) -> None:
    assert checks["attribute_paths"] == [
        "OqtopusSamplingJobResult",
        "OqtopusStorage",
        "JobsJob",
        "NotFoundException",
    ]


def test_paths_we_lack_fail_clearly_instead_of_loading_the_reference(
    checks: dict[str, Any],
) -> None:
    name, message = checks["missing"]
    assert name == "oqtopus_client.rest.rest"
    assert "oqtopus_sdk does not provide" in message
    assert checks["missing_legacy"] == "oqtopus_client.rest.models.jobs_job_def"


def test_uninstall_restores_the_real_package(checks: dict[str, Any]) -> None:
    assert checks["uninstalled"] is True
    assert checks["uninstalled_again"] is False
    assert checks["left_in_sys_modules"] == []
    if HAVE_REFERENCE:
        assert checks["real_is_sdk"] is False
        assert "site-packages" in checks["real_file"]


def test_install_refuses_once_the_real_package_is_imported(checks: dict[str, Any]) -> None:
    if not HAVE_REFERENCE:
        pytest.skip("oqtopus-client is not installed")
    is_runtime_error, message, modules = checks["refused"]
    assert is_runtime_error
    assert "already imported" in message
    assert modules == ["oqtopus_client"]
    assert checks["installed_after_refusal"] is False


def test_refusal_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A foreign module under the name is enough to refuse; nothing is installed."""
    if compat.is_alias_installed():
        pytest.skip("alias installed by someone else in this process")
    monkeypatch.setitem(sys.modules, "oqtopus_client", types.ModuleType("oqtopus_client"))
    with pytest.raises(compat.ReferenceAlreadyImportedError, match="already imported"):
        compat.install_alias()
    assert not compat.is_alias_installed()


def test_cli_runs_a_script_with_arguments_and_exit_code(tmp_path: Path) -> None:
    (tmp_path / "helper_mod.py").write_text("VALUE = 41\n", encoding="utf-8")
    script = tmp_path / "script.py"
    script.write_text(
        "import sys\n"
        "import helper_mod\n"  # the script's directory is on sys.path, as with `python script.py`
        "import oqtopus_client\n"
        "print('@@', oqtopus_client.__name__, __name__, sys.argv[1:], helper_mod.VALUE + 1)\n"
        "sys.exit(3)\n",
        encoding="utf-8",
    )
    code, out, err = finish(python(["-m", "oqtopus_sdk.compat", str(script), "a", "--b"], env=None))
    assert code == 3, err
    assert "@@ oqtopus_sdk __main__ ['a', '--b'] 42" in out


def test_cli_runs_a_module(tmp_path: Path) -> None:
    package = tmp_path / "mypkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "tool.py").write_text(
        "import sys\nfrom oqtopus_client.services.errors import OqtopusStorageError\n"
        "print('@@', OqtopusStorageError.__name__, __name__, sys.argv[1:])\n",
        encoding="utf-8",
    )
    code, out, err = finish(
        python(["-m", "oqtopus_sdk.compat", "-m", "mypkg.tool", "x"], env=None, cwd=tmp_path)
    )
    assert code == 0, err
    assert "@@ StorageError __main__ ['x']" in out


def test_cli_without_arguments_prints_usage() -> None:
    code, _out, err = finish(python(["-m", "oqtopus_sdk.compat"], env=None))
    assert code == 2
    assert "usage: python -m oqtopus_sdk.compat SCRIPT" in err
