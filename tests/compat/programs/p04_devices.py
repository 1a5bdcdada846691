"""Devices: list them, look one up, read its properties."""

from oqtopus_client import OqtopusClient, OqtopusDevice

client = OqtopusClient()
devices = client.list_devices()
for device in devices:
    print(
        f"{device.device_id:16} {device.device_type:10} {device.status:12} qubits={device.n_qubits}"
    )
assert all(isinstance(d, OqtopusDevice) for d in devices)
assert "SVSim" in {d.device_id for d in devices}

svsim = client.get_device("SVSim")
assert svsim.device_id == "SVSim"
assert svsim.n_qubits is not None
assert svsim.n_qubits >= 2
assert isinstance(svsim.basis_gates, list)
assert isinstance(svsim.n_pending_jobs, int)
info = svsim.device_info
assert info is None or isinstance(info, dict)
print("device_info keys:", sorted(info or {}))
print("OK p04_devices")
