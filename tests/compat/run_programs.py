"""Run example programs one after another in this process and report each one's outcome.

usage: python run_programs.py [--direct] PROGRAM.py...

Without ``--direct`` the programs run unchanged; start this runner with
``python -m oqtopus_sdk.compat run_programs.py ...`` so ``oqtopus_client`` is the alias. With
``--direct`` every ``oqtopus_client`` in a program's source becomes ``oqtopus_sdk`` first (the
only change a user makes when migrating). Prints one ``@@ {json}`` line per program and a final
``@@ {json}`` line describing which SDK served the imports.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
import traceback
from pathlib import Path


def run(path: Path, direct: bool) -> dict[str, object]:
    source = path.read_text(encoding="utf-8")
    if direct:
        source = source.replace("oqtopus_client", "oqtopus_sdk")
    out = io.StringIO()
    started = time.perf_counter()
    error = None
    with contextlib.redirect_stdout(out):
        try:
            code = compile(source, str(path), "exec")
            exec(code, {"__name__": "__main__", "__file__": str(path)})
        except BaseException:
            error = traceback.format_exc()
    return {
        "program": path.stem,
        "ok": error is None and f"OK {path.stem}" in out.getvalue(),
        "stdout": out.getvalue(),
        "error": error,
        "seconds": round(time.perf_counter() - started, 3),
    }


def main(argv: list[str]) -> int:
    direct = "--direct" in argv
    for name in (a for a in argv if a != "--direct"):
        print("@@", json.dumps(run(Path(name), direct)), flush=True)
    alias = sys.modules.get("oqtopus_client")
    print(
        "@@",
        json.dumps(
            {
                "summary": True,
                "oqtopus_client": getattr(alias, "__name__", None),
                "oqtopus_client_file": getattr(alias, "__file__", None),
                "aiohttp_loaded": "aiohttp" in sys.modules,
                "pydantic_loaded": "pydantic" in sys.modules,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
