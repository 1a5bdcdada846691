"""Opt-in alias: run code written for ``oqtopus_client`` on ``oqtopus_sdk``, unmodified.

Your own code only needs its import line changed (``oqtopus_client`` -> ``oqtopus_sdk``, the
module paths below the top level are the same). A *library* built on the reference, such as
quri-parts-oqtopus, cannot be edited that way; for it, install the alias before importing it::

    from oqtopus_sdk.compat import install_alias

    install_alias()                      # from here on, oqtopus_client *is* oqtopus_sdk
    from quri_parts_oqtopus.backend import OqtopusSamplingBackend

or run a whole program with the alias in place::

    python -m oqtopus_sdk.compat my_script.py [args...]
    python -m oqtopus_sdk.compat -m my_package.tool [args...]

While installed, ``import oqtopus_client`` and every submodule path the reference has
(``oqtopus_client.rest``, ``oqtopus_client.rest.models.jobs_job_type``,
``oqtopus_client.services.job_results``, ...) give the matching ``oqtopus_sdk`` module objects,
even when the real ``oqtopus-client`` distribution is installed: the alias finder sits first on
:data:`sys.meta_path`. A path we have no counterpart for (the reference's aiohttp internals
``oqtopus_client.rest.rest``, for instance) raises ``ModuleNotFoundError`` naming it; the real
package is never mixed in.

The alias is never installed implicitly (``import oqtopus_sdk`` does not touch the import
system). It affects the current process only, and refuses to start once the real
``oqtopus_client`` has been imported (:class:`ReferenceAlreadyImportedError`): two SDKs under
one name would give objects of both kinds. :func:`uninstall_alias` removes it again.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Final

__all__ = [
    "ALIAS",
    "TARGET",
    "ReferenceAlreadyImportedError",
    "install_alias",
    "is_alias_installed",
    "main",
    "uninstall_alias",
]

ALIAS: Final = "oqtopus_client"
"""The reference SDK's import name, which the alias takes over."""
TARGET: Final = "oqtopus_sdk"
"""The package ``oqtopus_client`` resolves to while the alias is installed."""

_MARKER: Final = "_oqtopus_sdk_alias_finder"
_OWN_PREFIXES: Final = ("oqtopus_sdk", "oqtopus_api")

_USAGE: Final = """\
usage: python -m oqtopus_sdk.compat SCRIPT [ARGS...]
       python -m oqtopus_sdk.compat -m MODULE [ARGS...]

Run a Python program written for oqtopus_client with `import oqtopus_client` resolving to
oqtopus_sdk (see oqtopus_sdk.compat.install_alias)."""


class ReferenceAlreadyImportedError(RuntimeError):
    """The real ``oqtopus_client`` is already imported, so the alias cannot take its name.

    Install the alias before anything imports ``oqtopus_client`` (first thing in the program,
    or run it with ``python -m oqtopus_sdk.compat``).

    Attributes:
        modules: The already imported reference module names.
    """

    def __init__(self, modules: Sequence[str]) -> None:
        self.modules = list(modules)
        shown = ", ".join(self.modules[:5]) + (", ..." if len(self.modules) > 5 else "")
        super().__init__(
            "cannot alias oqtopus_client to oqtopus_sdk: the real oqtopus_client is already "
            f"imported in this process ({shown}); call oqtopus_sdk.compat.install_alias() "
            "before anything imports oqtopus_client, or run the program with "
            "`python -m oqtopus_sdk.compat SCRIPT`"
        )


def _is_alias_name(name: str) -> bool:
    return name == ALIAS or name.startswith(ALIAS + ".")


def _is_ours(module: object) -> bool:
    name = getattr(module, "__name__", None)
    return isinstance(name, str) and any(
        name == prefix or name.startswith(prefix + ".") for prefix in _OWN_PREFIXES
    )


class _AliasLoader(importlib.abc.Loader):
    """Hands out an already imported ``oqtopus_sdk`` module under the alias name."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module
        self._own_spec = module.__spec__

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return self._module

    def exec_module(self, module: ModuleType) -> None:
        # The import system stamps the alias spec onto the (shared) module before this call;
        # the module keeps its own, so reloads and introspection of oqtopus_sdk stay correct.
        module.__spec__ = self._own_spec


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Resolves ``oqtopus_client[.x.y]`` to ``oqtopus_sdk[.x.y]``, ahead of every other finder."""

    _oqtopus_sdk_alias_finder = True

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if not _is_alias_name(fullname):
            return None
        target_name = TARGET + fullname[len(ALIAS) :]
        try:
            module = importlib.import_module(target_name)
        except ModuleNotFoundError as exc:
            missing = exc.name or ""
            if missing and (target_name == missing or target_name.startswith(missing + ".")):
                raise ModuleNotFoundError(
                    f"No module named {fullname!r}: the oqtopus_client alias maps it to "
                    f"{target_name!r}, which oqtopus_sdk does not provide",
                    name=fullname,
                ) from None
            raise
        if fullname == ALIAS:
            # The reference's package imports its services modules, so code may reach them as
            # attributes (`oqtopus_client.services.job_results.X`); services loads them lazily.
            importlib.import_module(f"{TARGET}.services")
        return importlib.util.spec_from_loader(
            fullname, _AliasLoader(module), is_package=hasattr(module, "__path__")
        )


def _installed_finders() -> list[object]:
    return [finder for finder in sys.meta_path if getattr(finder, _MARKER, False)]


def is_alias_installed() -> bool:
    """Tell whether the ``oqtopus_client`` alias is active in this process.

    Returns:
        True between :func:`install_alias` and :func:`uninstall_alias`.
    """
    return bool(_installed_finders())


def install_alias() -> None:
    """Make ``import oqtopus_client`` (and its submodules) load ``oqtopus_sdk`` modules.

    Calling it again while installed does nothing.

    Raises:
        ReferenceAlreadyImportedError: The real ``oqtopus_client`` (or one of its submodules)
            is already imported in this process.
    """
    if is_alias_installed():
        return
    foreign = sorted(
        name
        for name, module in list(sys.modules.items())
        if _is_alias_name(name) and not _is_ours(module)
    )
    if foreign:
        raise ReferenceAlreadyImportedError(foreign)
    sys.meta_path.insert(0, _AliasFinder())


def uninstall_alias() -> bool:
    """Remove the alias: ``oqtopus_client`` names stop resolving to ``oqtopus_sdk``.

    Modules that already imported names through the alias keep the objects they got.

    Returns:
        True if the alias was installed.
    """
    finders = _installed_finders()
    for finder in finders:
        sys.meta_path.remove(finder)  # type: ignore[arg-type]
    for name, module in list(sys.modules.items()):
        if _is_alias_name(name) and _is_ours(module):
            del sys.modules[name]
    return bool(finders)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a script (or ``-m`` module) as ``__main__`` with the alias installed.

    Args:
        argv: ``[SCRIPT, ARGS...]`` or ``["-m", MODULE, ARGS...]``; default ``sys.argv[1:]``.

    Returns:
        The exit status (0 after a normal run; a ``SystemExit`` of the program propagates).
    """
    import runpy

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(_USAGE, file=sys.stderr if not args else sys.stdout)
        return 2 if not args else 0
    try:
        install_alias()
    except ReferenceAlreadyImportedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args[0] == "-m":
        if len(args) < 2:
            print(_USAGE, file=sys.stderr)
            return 2
        sys.argv = args[1:]
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        return 0
    script = args[0]
    sys.argv = args
    # Like `python SCRIPT`: the script's directory comes first on the import path.
    script_dir = os.path.dirname(os.path.abspath(script))
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path[0] = script_dir
    else:
        sys.path.insert(0, script_dir)
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    # Run through the regular module so the installed finder is the one the rest of the
    # process (oqtopus_sdk.compat.uninstall_alias, ...) sees.
    from oqtopus_sdk.compat import main as _main

    sys.exit(_main())
