"""Find the Python snippets of the documentation pages (``docs/**/*.md``).

The convention, also described in ``docs/about-docs.md``:

* every fenced block whose info string starts with ``python`` (or ``py``) is a snippet;
* a page's snippets run in order, in one namespace per page, so a later block may use names
  an earlier block defined;
* a block is *not run* when the last non-blank line before its fence is ``<!-- skip -->``,
  or when its info string has the class ``.skip`` (```` ```python {.skip} ```` or
  ```` ```{.python .skip} ````: the forms the Markdown renderer still shows as Python). A
  skipped block must still be valid Python: it is compiled, so a typo fails all the same;
* an info string with a bare word after the language (```` ```python skip ````) is an error
  (:attr:`Snippet.problem`), because the site would then show the block as plain text.

Snippets are compiled with the page as the file name and with their real line numbers, so
a traceback points at the line of the Markdown file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"
SKIP_COMMENT = "<!-- skip -->"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_PYTHON_LANGS = frozenset({"python", "py", "python3"})


@dataclass(frozen=True)
class Snippet:
    """One fenced Python block of a page."""

    path: Path
    line: int  # 1-based line number of the first line of code (after the opening fence)
    code: str
    skip: bool
    problem: str | None = None  # why the fence is malformed, if it is

    def compiled(self) -> object:
        """The code object, with line numbers that match the Markdown file."""
        padded = "\n" * (self.line - 1) + self.code
        return compile(padded, str(self.path), "exec")


def _dedent(lines: list[str], indent: str) -> list[str]:
    # A fence nested in a list item is indented; its code lines carry the same indent.
    out = []
    for line in lines:
        out.append(line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t"))
    return out


def parse_snippets(text: str, path: Path) -> list[Snippet]:
    """Every fenced Python block of one Markdown text, in page order."""
    lines = text.splitlines()
    snippets: list[Snippet] = []
    i = 0
    last_text = ""  # the last non-blank line outside a code block
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            if lines[i].strip():
                last_text = lines[i].strip()
            i += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"].strip()
        braced = re.findall(r"\{([^}]*)\}", info)
        bare = re.sub(r"\{[^}]*\}", " ", info).split()
        classes = [w.lstrip(".") for part in braced for w in part.split() if w.startswith(".")]
        lang = bare[0].lower() if bare else (classes[0].lower() if classes else "")
        extra = [w for w in bare[1:] if "=" not in w]
        start = i + 1
        j = start
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        if lang in _PYTHON_LANGS:
            body = _dedent(lines[start:j], indent)
            skip = "skip" in classes or last_text == SKIP_COMMENT
            problem = (
                f"fence info {info!r} has bare words {extra}: write {{.skip}} or use <!-- skip -->"
                if extra
                else None
            )
            snippets.append(Snippet(path, start + 1, "\n".join(body) + "\n", skip, problem))
        last_text = ""
        i = j + 1
    return snippets


def pages() -> list[Path]:
    """Every Markdown page of the site, sorted."""
    return sorted(DOCS_DIR.rglob("*.md"))
