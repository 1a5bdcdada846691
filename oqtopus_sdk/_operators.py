"""Estimation operators: Pauli terms with real coefficients, checked and normalised.

Split out of :mod:`oqtopus_sdk.spec`, which re-exports these names (the reference has them
there).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from oqtopus_sdk.constants import DEFAULT_OPERATOR_COEFF
from oqtopus_sdk.errors import describe_value

if TYPE_CHECKING:
    from oqtopus_api.models import JobsS3OperatorItem

_PAULI_LETTERS: Final = "IXYZ"
_COMPACT_TERM: Final = re.compile(r"([IXYZ])(\d+)")


def parse_pauli(pauli: str) -> list[tuple[str, int]]:
    """Parse a Pauli string such as ``"X 0 Y 1"`` (or the compact ``"X0 Y1"``).

    Args:
        pauli: Letters I/X/Y/Z, each followed by a non-negative qubit index.

    Returns:
        ``[(letter, qubit), ...]`` in the given order.

    Raises:
        ValueError: Not a str, empty, an unknown letter, a missing or negative index, or a
            qubit used twice; the message quotes the string.
    """
    if not isinstance(pauli, str):
        raise ValueError(f"pauli must be a str such as 'X 0 Y 1', got {describe_value(pauli)}")
    tokens = pauli.split()
    if not tokens:
        raise ValueError(f"pauli must name at least one term such as 'Z 0', got {pauli!r}")
    terms: list[tuple[str, int]] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        compact = _COMPACT_TERM.fullmatch(token)
        if compact:
            letter, index_text = compact.group(1), compact.group(2)
            position += 1
        elif len(token) == 1 and token in _PAULI_LETTERS:
            if position + 1 >= len(tokens) or not tokens[position + 1].isdigit():
                found = tokens[position + 1] if position + 1 < len(tokens) else "nothing"
                raise ValueError(
                    f"pauli {pauli!r}: {token!r} must be followed by a non-negative qubit "
                    f"index, found {found!r}"
                )
            letter, index_text = token, tokens[position + 1]
            position += 2
        else:
            raise ValueError(
                f"pauli {pauli!r}: unexpected {token!r}; use letters I, X, Y, Z each followed "
                "by a qubit index, e.g. 'X 0 Y 1'"
            )
        if not index_text.isascii():
            raise ValueError(f"pauli {pauli!r}: qubit index {index_text!r} is not a number")
        qubit = int(index_text)
        if any(qubit == seen for _, seen in terms):
            raise ValueError(f"pauli {pauli!r}: qubit {qubit} appears more than once")
        terms.append((letter, qubit))
    return terms


def _check_coeff(coeff: object, where: str) -> float:
    if (
        isinstance(coeff, bool)
        or not isinstance(coeff, numbers.Real)
        or not math.isfinite(float(coeff))
    ):
        raise ValueError(f"{where} must be a finite real number, got {describe_value(coeff)}")
    return float(coeff)


@dataclass(frozen=True, slots=True)
class OqtopusEstimationOperator:
    """One Pauli term of an estimation observable.

    Args:
        pauli: Letters with qubit indices, e.g. ``"X 0 X 1"`` (the compact ``"X0 X1"`` is
            accepted too).
        coeff: Real coefficient. None is sent as ``1.0``: unlike 1.3.0 the wire item always
            carries ``coeff``, because the engine rejects an operator without it.
    """

    pauli: str
    coeff: float | None = None

    @property
    def wire_coeff(self) -> float:
        """The coefficient as sent: ``coeff``, or 1.0 when it is None."""
        return DEFAULT_OPERATOR_COEFF if self.coeff is None else float(self.coeff)

    def validate(self, where: str = "operator") -> None:
        """Check the Pauli string and coefficient.

        Args:
            where: How to name this operator in an error (e.g. ``operator[2]``).

        Raises:
            ValueError: A bad Pauli string or a coefficient that is not a finite real.
        """
        try:
            parse_pauli(self.pauli)
        except ValueError as exc:
            raise ValueError(f"{where}.pauli: {exc}") from None
        if self.coeff is not None:
            _check_coeff(self.coeff, f"{where}.coeff")

    def to_dict(self) -> dict[str, Any]:
        """Return the wire item ``{"pauli": ..., "coeff": ...}`` (coeff always present)."""
        return {"pauli": self.pauli, "coeff": self.wire_coeff}

    def to_model(self) -> JobsS3OperatorItem:
        """Convert to the generated ``JobsS3OperatorItem`` (coeff always set)."""
        from oqtopus_api.models import JobsS3OperatorItem

        return JobsS3OperatorItem(pauli=self.pauli, coeff=self.wire_coeff)

    @classmethod
    def from_model(
        cls, operator: JobsS3OperatorItem | Mapping[str, Any]
    ) -> OqtopusEstimationOperator:
        """Build an operator from a generated ``JobsS3OperatorItem`` or a wire mapping.

        Args:
            operator: The item; a missing or UNSET ``coeff`` becomes None.

        Returns:
            The operator.

        Raises:
            ValueError: The item has no ``pauli`` or carries keys other than pauli/coeff.
        """
        from oqtopus_sdk.spec import _operator_mapping

        data = _operator_mapping(operator, "operator")
        coeff = data.get("coeff")
        return cls(pauli=data["pauli"], coeff=coeff)
