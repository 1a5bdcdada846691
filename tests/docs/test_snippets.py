"""Every Python snippet of the documentation runs against the local emulator.

One test per page (``docs/**/*.md``): a fresh :class:`LocalOqtopus` is started, the
environment points ``OqtopusClient()`` at it (``OQTOPUS_URL``, ``OQTOPUS_API_TOKEN``; every
other ``OQTOPUS_*`` variable is removed and ``HOME``/``XDG_CONFIG_HOME`` are a scratch
directory, so no config file of the developer is read), the working directory is a scratch
directory, and the page's blocks run in order in one namespace. Blocks marked ``skip`` are
only compiled. See ``doc_snippets.py`` for the marking convention.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from doc_snippets import DOCS_DIR, Snippet, pages, parse_snippets

# Translations (docs/ja/) hold the same code as their English page, block for block
# (test_japanese_page_has_the_same_code): it runs once, through the English page.
TRANSLATED = ("quickstart.md", "migrating.md")
PAGES = [
    page
    for page in pages()
    if parse_snippets(page.read_text("utf-8"), page) and page.parent != DOCS_DIR / "ja"
]


@pytest.fixture
def docs_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An emulator the environment points at, a scratch HOME and working directory."""
    from oqtopus_sdk.local import LocalOqtopus

    for name in list(os.environ):
        if name.startswith("OQTOPUS_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("MPLBACKEND", "Agg")  # plots render to files, never to a window
    # Keep matplotlib's font cache where it was: a fresh HOME would rebuild it (seconds).
    monkeypatch.setenv(
        "MPLCONFIGDIR",
        os.environ.get("MPLCONFIGDIR") or str(Path.home() / ".config" / "matplotlib"),
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(work)
    with LocalOqtopus() as server:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        yield work


def _run_page(snippets: list[Snippet]) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        for snippet in snippets:
            assert snippet.problem is None, f"{snippet.path}:{snippet.line - 1}: {snippet.problem}"
            code = snippet.compiled()  # skipped blocks must compile too
            if snippet.skip:
                continue
            exec(code, namespace)  # the docs' own code, on the emulator
    finally:
        # A page may call logging.basicConfig(); later tests must not inherit its handler.
        root.handlers[:] = handlers
        root.setLevel(level)
        # A client a page forgot to close is reported here, against that page, rather than
        # as a ResourceWarning in whichever test happens to collect it.
        namespace.clear()
        gc.collect()


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS_DIR)) for p in PAGES])
def test_page_snippets_run(page: Path, docs_env: Path) -> None:
    _run_page(parse_snippets(page.read_text("utf-8"), page))


def test_every_page_with_code_is_collected() -> None:
    # Guards the collector: the quickstart has runnable code, so it must be found.
    assert DOCS_DIR / "quickstart.md" in PAGES


def test_marking_convention() -> None:
    text = "\n".join(
        [
            "```python",
            "a = 1",
            "```",
            "<!-- skip -->",
            "",
            "```python",
            "b = 2",
            "```",
            "```python {.skip}",
            "c = 3",
            "```",
            "```{.python .skip}",
            "e = 5",
            "```",
            "```python skip",
            "f = 6",
            "```",
            "1. item",
            "",
            "    ```py",
            "    d = 4",
            "    ```",
            "```sh",
            "echo no",
            "```",
        ]
    )
    found = parse_snippets(text, Path("page.md"))
    assert [(s.line, s.code, s.skip) for s in found] == [
        (2, "a = 1\n", False),
        (7, "b = 2\n", True),
        (10, "c = 3\n", True),
        (13, "e = 5\n", True),
        (16, "f = 6\n", False),
        (21, "d = 4\n", False),
    ]
    assert [s.problem is not None for s in found] == [False] * 4 + [True, False]


def test_traceback_names_the_page_line() -> None:
    snippet = parse_snippets("text\n\n```python\nx = 1\nraise RuntimeError\n```\n", Path("p.md"))[0]
    with pytest.raises(RuntimeError) as info:
        exec(snippet.compiled(), {})
    assert info.traceback[-1].lineno + 1 == 5  # pytest's lineno is 0-based
    assert str(info.traceback[-1].path) == "p.md"


@pytest.mark.parametrize("name", TRANSLATED)
def test_japanese_page_has_the_same_code(name: str) -> None:
    # The Japanese pages translate the prose only: their code is the English page's code.
    english = DOCS_DIR / name
    japanese = DOCS_DIR / "ja" / name

    def code(page: Path) -> list[tuple[str, bool]]:
        return [(s.code, s.skip) for s in parse_snippets(page.read_text("utf-8"), page)]

    assert code(japanese) == code(english)


def test_every_translation_is_checked() -> None:
    translated = sorted(p.name for p in (DOCS_DIR / "ja").glob("*.md"))
    assert translated == sorted(TRANSLATED)
