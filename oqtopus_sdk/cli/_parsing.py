"""Pure parsers for command-line values: estimation operators and ``--since`` times."""

from __future__ import annotations

import argparse
import datetime as _dt
import math
import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from oqtopus_sdk.spec import OqtopusEstimationOperator

__all__ = [
    "OPERATOR_SYNTAX",
    "UsageError",
    "parse_duration",
    "parse_operator",
    "parse_since",
    "positive_float",
    "positive_int",
]

OPERATOR_SYNTAX: Final = """\
--operator takes comma-separated terms, each an optional coefficient and a Pauli string:

  TERM   = [COEFF] PAULI        COEFF: a finite real number (1, -0.5, 2.5e-3); default 1
  PAULI  = compact word         letters I X Y Z; character i acts on qubit i ("XIZ" is
                                X on qubit 0 and Z on qubit 2; an all-I word is "I 0")
         | explicit pairs       a letter then its qubit index: "X 0 Y 3" (or "X0 Y3")

Examples: --operator "1.5 XX, 1 ZZ"   --operator "0.5 X 0 X 1, -0.25 Z 2"   --operator ZI"""

_COMPACT: Final = re.compile(r"[IXYZ]+")
_DURATION_PART: Final = re.compile(r"(\d+(?:\.\d+)?)([smhdw])")
_DURATION: Final = re.compile(r"(?:\d+(?:\.\d+)?[smhdw])+")
_UNIT_SECONDS: Final = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


class UsageError(Exception):
    """A command-line value is malformed (exit status 2)."""


def _coefficient(token: str) -> float | None:
    """The token as a finite real, or None when it is not a number at all."""
    try:
        value = float(token)
    except ValueError:
        return None
    if not math.isfinite(value):
        raise UsageError(f"coefficient {token!r} is not a finite number")
    return value


def _explicit_pauli(words: list[str]) -> str:
    from oqtopus_sdk.spec import parse_pauli

    try:
        terms = parse_pauli(" ".join(words))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return " ".join(f"{letter} {qubit}" for letter, qubit in terms)


def _compact_pauli(word: str) -> str:
    parts = [f"{letter} {qubit}" for qubit, letter in enumerate(word) if letter != "I"]
    return " ".join(parts) or "I 0"


def parse_operator(text: str) -> list[OqtopusEstimationOperator]:
    """Parse ``--operator`` text into estimation operator terms (see :data:`OPERATOR_SYNTAX`).

    Args:
        text: Comma-separated terms such as ``"1.5 XX, 1 ZZ"`` or ``"0.5 X 0 X 1"``.

    Returns:
        One :class:`~oqtopus_sdk.spec.OqtopusEstimationOperator` per term, with the Pauli
        string in explicit form (``"X 0 X 1"``) and the coefficient as a float.

    Raises:
        UsageError: A term is empty, its coefficient is not finite, or its Pauli string is
            neither a compact word of I/X/Y/Z nor letter-index pairs; the message names the
            term.
    """
    from oqtopus_sdk.spec import OqtopusEstimationOperator

    operators: list[OqtopusEstimationOperator] = []
    for number, raw in enumerate(text.split(","), start=1):
        words = raw.split()
        where = f"--operator term {number} ({raw.strip()!r})"
        if not words:
            raise UsageError(f"{where} is empty\n\n{OPERATOR_SYNTAX}")
        try:
            coeff = _coefficient(words[0])
            if coeff is not None:
                words = words[1:]
            if not words:
                raise UsageError("a coefficient needs a Pauli string after it")
            if len(words) == 1 and _COMPACT.fullmatch(words[0]):
                pauli = _compact_pauli(words[0])
            else:
                pauli = _explicit_pauli(words)
        except UsageError as exc:
            raise UsageError(f"{where}: {exc}\n\n{OPERATOR_SYNTAX}") from None
        operators.append(
            OqtopusEstimationOperator(pauli=pauli, coeff=1.0 if coeff is None else coeff)
        )
    return operators


def parse_duration(text: str) -> _dt.timedelta:
    """Parse a duration such as ``90s``, ``15m``, ``2h``, ``1d``, ``1w`` or ``1h30m``.

    Args:
        text: Numbers each followed by a unit s, m, h, d or w.

    Returns:
        The duration.

    Raises:
        UsageError: The text is not such a duration.
    """
    compact = text.strip().lower()
    if not _DURATION.fullmatch(compact):
        raise UsageError(f"{text!r} is not a duration such as 30m, 2h, 1d or 1h30m")
    seconds = sum(
        float(number) * _UNIT_SECONDS[unit] for number, unit in _DURATION_PART.findall(compact)
    )
    return _dt.timedelta(seconds=seconds)


def parse_since(text: str, now: _dt.datetime | None = None) -> _dt.datetime:
    """Parse ``--since``: a duration before now (``2h``, ``1d``) or an ISO 8601 date/time.

    Args:
        text: ``2h``, ``1d``, ``2026-01-31``, ``2026-01-31T12:00``, ``2026-01-31T12:00Z``.
        now: The current time (aware); default the real UTC time.

    Returns:
        An aware datetime. A date or time without a zone is taken as local time.

    Raises:
        UsageError: Neither a duration nor an ISO date/time.
    """
    now = now or _dt.datetime.now(_dt.UTC)
    try:
        return now - parse_duration(text)
    except UsageError:
        pass
    try:
        when = _dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--since {text!r} is neither a duration (30m, 2h, 1d) nor an ISO date/time "
            "(2026-01-31 or 2026-01-31T12:00Z)"
        ) from None
    return when if when.tzinfo is not None else when.astimezone()


def positive_float(text: str) -> float:
    """argparse type: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value


def positive_int(text: str) -> int:
    """argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value
