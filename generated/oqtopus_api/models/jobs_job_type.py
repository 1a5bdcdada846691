from enum import StrEnum


class JobsJobType(StrEnum):
    ESTIMATION = "estimation"
    MULTI_MANUAL = "multi_manual"
    SAMPLING = "sampling"
    SSE = "sse"

    def __str__(self) -> str:
        return str(self.value)
