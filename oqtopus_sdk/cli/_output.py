"""Printing for the ``oqtopus`` command: plain text, JSON, and rich tables when available.

``rich`` is optional: it is used only when it can be imported and stdout is a terminal (and
``NO_COLOR``/``OQTOPUS_PLAIN`` are unset); pipes and scripts always get plain text.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import os
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

__all__ = ["Output", "format_value", "load_rich_console", "to_jsonable"]


def to_jsonable(value: object) -> Any:
    """Convert a value to plain JSON types (datetimes as ISO text, sets as sorted lists).

    Args:
        value: Any value found in job, device or config records.

    Returns:
        A value :func:`json.dumps` accepts.
    """
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(to_jsonable(item) for item in value)
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def format_value(value: object) -> str:
    """Text for one table cell: ``-`` for None, ISO text for datetimes, comma lists for sets."""
    if value is None or value == "":
        return "-"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, _dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, set | frozenset | list | tuple):
        return ", ".join(format_value(item) for item in sorted(value, key=str)) or "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def load_rich_console(stream: TextIO) -> Any | None:
    """A ``rich`` Console on ``stream``, or None (rich missing, not a terminal, or disabled).

    Args:
        stream: Where output goes.

    Returns:
        The console, or None for plain text.
    """
    if os.environ.get("OQTOPUS_PLAIN") or os.environ.get("NO_COLOR"):
        return None
    isatty = getattr(stream, "isatty", None)
    if not callable(isatty) or not isatty():
        return None
    try:
        from rich.console import Console
    except ImportError:
        return None
    return Console(file=stream, highlight=False)


class Output:
    """Writes command results to stdout and notes to stderr.

    Args:
        stdout: Where results go.
        stderr: Where progress notes, warnings and errors go.
        console: A rich Console for tables (None: plain text).
    """

    def __init__(self, stdout: TextIO, stderr: TextIO, console: Any | None = None) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.console = console

    def line(self, text: str = "") -> None:
        """Print one line of result text to stdout."""
        print(text, file=self.stdout)

    def note(self, text: str) -> None:
        """Print a progress note or warning to stderr (never mixed into results)."""
        print(text, file=self.stderr, flush=True)

    def json(self, value: object) -> None:
        """Print a value as indented JSON on stdout."""
        json.dump(to_jsonable(value), self.stdout, indent=2, ensure_ascii=False)
        self.stdout.write("\n")

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """Print a table: rich when available, else aligned plain columns.

        Args:
            headers: Column titles.
            rows: One sequence of cell values per row (formatted by :func:`format_value`).
        """
        cells = [[format_value(value) for value in row] for row in rows]
        if self.console is not None:
            from rich.table import Table

            table = Table(*headers, box=None, header_style="bold", pad_edge=False)
            for row in cells:
                table.add_row(*row)
            self.console.print(table)
            return
        widths = [len(header) for header in headers]
        for row in cells:
            widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
        for row in [list(headers), *cells]:
            self.line(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )

    def fields(self, pairs: Sequence[tuple[str, object]]) -> None:
        """Print ``name: value`` lines, names aligned (rich: a two-column grid)."""
        if self.console is not None:
            from rich.table import Table

            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold")
            grid.add_column()
            for name, value in pairs:
                grid.add_row(name, format_value(value))
            self.console.print(grid)
            return
        width = max((len(name) for name, _ in pairs), default=0) + 1
        for name, value in pairs:
            self.line(f"{name + ':':<{width}} {format_value(value)}")
