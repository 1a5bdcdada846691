"""A convenience view of a device record (:class:`OqtopusDevice`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ._display import html_table, key_value_table, shorten, text_of
from .errors import ResponseValidationError

if TYPE_CHECKING:
    import datetime

    from oqtopus_api.models import DevicesDeviceInfo

__all__ = ["DeviceList", "OqtopusDevice", "as_device_list", "is_url", "parse_device_info"]

_URL_SCHEMES = ("http://", "https://", "file://")
_DEVICE_COLUMNS: Final = (
    "device id",
    "type",
    "status",
    "qubits",
    "pending jobs",
    "calibrated at",
)


def is_url(value: object) -> bool:
    """Whether a ``device_info`` / ``job_info`` value is a download URL rather than content.

    Args:
        value: The field's value.

    Returns:
        True for a str starting with ``http://``, ``https://`` or ``file://``.
    """
    return isinstance(value, str) and value.strip().lower().startswith(_URL_SCHEMES)


def parse_device_info(text: str | None, *, device_id: str | None = None) -> dict[str, Any] | None:
    """Parse a ``device_info`` JSON text.

    Args:
        text: The JSON text (None, ``""`` or whitespace give None).
        device_id: Named in the error.

    Returns:
        The object; a JSON value that is not an object is wrapped as ``{"value": ...}``.

    Raises:
        ResponseValidationError: The text is not JSON (payload: the text).
    """
    if text is None or not str(text).strip():
        return None
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ResponseValidationError(
            f"device_info of device {device_id!r} is not valid JSON: {exc}", text
        ) from exc
    if isinstance(parsed, dict):
        return parsed
    return {"value": parsed}


def _unset_to_none(value: Any) -> Any:
    from oqtopus_api.types import Unset  # a device exists only once oqtopus_api is loaded

    return None if isinstance(value, Unset) else value


@dataclass(frozen=True, slots=True)
class OqtopusDevice:
    """A device record with typed accessors; other attributes pass through to ``raw``.

    Args:
        raw: The generated ``DevicesDeviceInfo``. A URL-valued ``device_info`` is resolved by
            the client (downloaded and replaced by its JSON text) before wrapping.
    """

    raw: DevicesDeviceInfo

    @property
    def device_id(self) -> str:
        """Device identifier, used as ``device_id`` in job specs."""
        return self.raw.device_id

    @property
    def device_type(self) -> str:
        """``QPU`` or ``simulator``."""
        return self.raw.device_type

    @property
    def status(self) -> str:
        """``available`` or ``unavailable``."""
        return self.raw.status

    @property
    def is_available(self) -> bool:
        """Whether the device currently accepts jobs (status ``available``)."""
        return str(self.status) == "available"

    @property
    def available_at(self) -> datetime.datetime | None:
        """When an unavailable device is expected back, if announced."""
        value: datetime.datetime | None = _unset_to_none(self.raw.available_at)
        return value

    @property
    def n_pending_jobs(self) -> int:
        """Jobs queued on this device."""
        return self.raw.n_pending_jobs

    @property
    def n_qubits(self) -> int | None:
        """Qubit count, if published."""
        value: int | None = _unset_to_none(self.raw.n_qubits)
        return value

    @property
    def basis_gates(self) -> list[str]:
        """Native gate names (a copy)."""
        return list(self.raw.basis_gates)

    @property
    def supported_instructions(self) -> list[str]:
        """Supported instruction names (a copy)."""
        return list(self.raw.supported_instructions)

    @property
    def device_info_str(self) -> str | None:
        """The ``device_info`` JSON text as returned (None when absent)."""
        value: str | None = _unset_to_none(self.raw.device_info)
        return value

    @property
    def device_info(self) -> dict[str, Any] | None:
        """``device_info`` parsed: a dict (a non-object value as ``{"value": ...}``), or None.

        Raises:
            ResponseValidationError: The text is not valid JSON.
        """
        return parse_device_info(self.device_info_str, device_id=self.device_id)

    @property
    def calibrated_at(self) -> datetime.datetime | None:
        """When the calibration data was last updated, if known."""
        value: datetime.datetime | None = _unset_to_none(self.raw.calibrated_at)
        return value

    @property
    def description(self) -> str:
        """Human-readable description."""
        return self.raw.description

    def to_dict(self) -> dict[str, Any]:
        """The device record as wire JSON."""
        return self.raw.to_dict()

    def __getattr__(self, name: str) -> Any:
        if name == "raw":  # not yet set (copy/unpickle): avoid infinite recursion
            raise AttributeError(name)
        return getattr(self.raw, name)

    def __reduce__(self) -> tuple[Any, ...]:
        # Through the wire dict: the generated Unset marker is not a singleton once pickled.
        return (_device_from_wire, (self.to_dict(),))

    def __repr__(self) -> str:
        parts = [
            f"{self.device_id!r}",
            f"device_type={text_of(self.device_type)!r}",
            f"status={text_of(self.status)!r}",
            f"n_qubits={self.n_qubits!r}",
            f"n_pending_jobs={self.n_pending_jobs!r}",
        ]
        if self.calibrated_at is not None:
            parts.append(f"calibrated_at={text_of(self.calibrated_at)!r}")
        if self.available_at is not None:
            parts.append(f"available_at={text_of(self.available_at)!r}")
        return f"OqtopusDevice({', '.join(parts)})"

    def _row(self) -> tuple[Any, ...]:
        return (
            self.device_id,
            self.device_type,
            self.status,
            self.n_qubits,
            self.n_pending_jobs,
            self.calibrated_at,
        )

    def _repr_html_(self) -> str:
        items = list(zip(_DEVICE_COLUMNS, self._row(), strict=True))
        if self.available_at is not None:
            items.append(("available at", self.available_at))
        items.append(("basis gates", shorten(", ".join(self.basis_gates), 120) or None))
        if self.description:
            items.append(("description", shorten(self.description, 120)))
        return key_value_table(items)

    def __str__(self) -> str:
        qubits = f"{self.n_qubits} qubits" if self.n_qubits is not None else "qubits unknown"
        lines = [
            f"{self.device_type} {self.device_id}: {self.status}, {qubits}, "
            f"{self.n_pending_jobs} pending jobs",
        ]
        if self.available_at is not None:
            lines.append(f"  available at: {self.available_at.isoformat()}")
        if self.calibrated_at is not None:
            lines.append(f"  calibrated at: {self.calibrated_at.isoformat()}")
        lines.append(f"  basis gates: {', '.join(self.basis_gates) or '-'}")
        lines.append(f"  instructions: {', '.join(self.supported_instructions) or '-'}")
        if self.description:
            lines.append(f"  {self.description}")
        return "\n".join(lines)


def _device_from_wire(data: dict[str, Any]) -> OqtopusDevice:
    from oqtopus_api.models import DevicesDeviceInfo

    return OqtopusDevice(DevicesDeviceInfo.from_dict(data))


class DeviceList(list[OqtopusDevice]):
    """A list of devices that renders as a table in a notebook (one row per device)."""

    def _repr_html_(self) -> str:
        rows = [device._row() for device in self if isinstance(device, OqtopusDevice)]
        return html_table(_DEVICE_COLUMNS, rows, caption=f"{len(self)} devices")


def as_device_list(devices: Iterable[OqtopusDevice]) -> DeviceList:
    """Collect devices into a :class:`DeviceList` (the devices are not copied).

    Args:
        devices: The devices.

    Returns:
        A new list.
    """
    return DeviceList(devices)
