"""Display helpers: short reprs, redacted URLs and HTML tables for notebooks.

Everything here is plain string work (no third-party imports), so the data classes can use it
at no import cost. Every value that reaches HTML goes through :func:`html.escape`.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable, Sequence
from typing import Any, Final
from urllib.parse import urlsplit

__all__ = [
    "PLOT_EXTRA_HINT",
    "html_table",
    "key_value_table",
    "redact_url",
    "require_pyplot",
    "shorten",
    "text_of",
]

PLOT_EXTRA_HINT: Final = "plotting needs matplotlib: pip install 'oqtopus-sdk[plot]'"
_ELLIPSIS: Final = "…"


def shorten(text: str, limit: int = 60) -> str:
    """Cut ``text`` to at most ``limit`` characters, marking a cut with an ellipsis.

    Args:
        text: The text.
        limit: Maximum length of the result (at least 2).

    Returns:
        The text, or its first ``limit - 1`` characters followed by ``…``.
    """
    return text if len(text) <= limit else text[: max(limit - 1, 1)] + _ELLIPSIS


def redact_url(url: str) -> str:
    """A URL without its query, fragment and user info: presigned signatures never show.

    Args:
        url: A URL (presigned or not).

    Returns:
        ``scheme://host/path`` (``…`` marks a removed query); text that is not a URL is
        returned shortened.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return shorten(url, 40)
    if not parts.scheme:
        return shorten(url, 40)
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    tail = "?…" if parts.query or parts.fragment else ""
    return f"{parts.scheme}://{host}{parts.path}{tail}"


def text_of(value: Any) -> str:
    """A value as short display text: enums by value, datetimes in ISO form, None as ``-``.

    Args:
        value: Any value.

    Returns:
        The text (a generated ``Unset`` also shows as ``-``).
    """
    if value is None or type(value).__name__ == "Unset":
        return "-"
    if isinstance(value, _dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, _dt.timedelta):
        return f"{value.total_seconds():.3f} s"
    return str(getattr(value, "value", value))


def html_table(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, caption: str | None = None
) -> str:
    """An HTML table; every header, cell and the caption are escaped.

    Args:
        headers: Column titles.
        rows: Rows of values (shown with :func:`text_of`).
        caption: Optional caption above the table.

    Returns:
        The ``<table>`` markup.
    """
    parts = ["<table>"]
    if caption is not None:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(
        "<thead><tr>"
        + "".join(f"<th>{html.escape(str(header))}</th>" for header in headers)
        + "</tr></thead><tbody>"
    )
    for row in rows:
        cells = "".join(f"<td>{html.escape(text_of(cell))}</td>" for cell in row)
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def key_value_table(items: Iterable[tuple[str, Any]], *, caption: str | None = None) -> str:
    """A two-column HTML table of labelled values (escaped), one row per item.

    Args:
        items: ``(label, value)`` pairs; values are shown with :func:`text_of`.
        caption: Optional caption above the table.

    Returns:
        The ``<table>`` markup.
    """
    parts = ["<table>"]
    if caption is not None:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append("<tbody>")
    for label, value in items:
        parts.append(
            f'<tr><th style="text-align:left">{html.escape(label)}</th>'
            f'<td style="text-align:left">{html.escape(text_of(value))}</td></tr>'
        )
    parts.append("</tbody></table>")
    return "".join(parts)


def require_pyplot() -> Any:
    """Import ``matplotlib.pyplot``, naming the extra to install when it is missing.

    Returns:
        The ``matplotlib.pyplot`` module.

    Raises:
        ImportError: matplotlib is not installed (the message names ``oqtopus-sdk[plot]``).
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(PLOT_EXTRA_HINT) from exc
    return plt
