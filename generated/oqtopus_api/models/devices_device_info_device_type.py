from enum import StrEnum


class DevicesDeviceInfoDeviceType(StrEnum):
    QPU = "QPU"
    SIMULATOR = "simulator"

    def __str__(self) -> str:
        return str(self.value)
