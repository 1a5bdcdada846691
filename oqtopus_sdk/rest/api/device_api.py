"""``DeviceApi`` (the reference's ``rest.api.device_api``): the device endpoints."""

from __future__ import annotations

from ._base import BaseApi, Operation, from_model, list_of, operation

__all__ = ["DeviceApi"]


class DeviceApi(BaseApi):
    """List devices and read one (async)."""

    get_device, get_device_with_http_info, get_device_without_preload_content = operation(
        "get_device",
        Operation("GET", "/devices/{device_id}", ("device_id",), frozenset({"device_id"})),
        from_model("DevicesDeviceInfo"),
        "Get a device",
    )
    list_devices, list_devices_with_http_info, list_devices_without_preload_content = operation(
        "list_devices",
        Operation("GET", "/devices"),
        list_of("DevicesDeviceInfo"),
        "List the devices",
    )
