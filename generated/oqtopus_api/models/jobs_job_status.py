from enum import StrEnum


class JobsJobStatus(StrEnum):
    CANCELLED = "cancelled"
    CANCELLING = "cancelling"
    FAILED = "failed"
    READY = "ready"
    REGISTERED = "registered"
    RUNNING = "running"
    SUBMITTED = "submitted"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
