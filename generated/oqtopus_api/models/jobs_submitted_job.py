from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.jobs_job_status import JobsJobStatus
from ..models.jobs_job_type import JobsJobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jobs_job_info import JobsJobInfo
    from ..models.jobs_submitted_job_mitigation_info import JobsSubmittedJobMitigationInfo
    from ..models.jobs_submitted_job_simulator_info import JobsSubmittedJobSimulatorInfo
    from ..models.jobs_submitted_job_transpiler_info import JobsSubmittedJobTranspilerInfo


T = TypeVar("T", bound="JobsSubmittedJob")


@_attrs_define
class JobsSubmittedJob:
    """The shape of a job after submission (upstream declares it as allOf `jobs.Job`).

    Attributes:
        job_id (str): A job identifier (UUIDv7) Example: 069b1464-c124-79b3-8000-fb41f3dfdc50.
        name (str):
        job_type (JobsJobType):
        status (JobsJobStatus): `succeeded`, `failed` and `cancelled` are terminal. Live service: `cancelling` is
            never produced by the current user API.
        device_id (str):
        shots (int):
        job_info (JobsJobInfo): Presigned GET URLs of the job's archives. Live service: only the keys whose archive
            exists are present (so even `input` may be missing), plus `message` when one is set.
            Each archive is a zip with exactly one entry.
        submitted_at (datetime.datetime):
        description (str | Unset):
        transpiler_info (JobsSubmittedJobTranspilerInfo | Unset): Live service: `{}` is written back as
            `{"transpiler_lib": "qiskit", "transpiler_options": {"optimization_level": 1}}` once the
            job runs; `{"transpiler_lib": null}` means no transpilation.
        simulator_info (JobsSubmittedJobSimulatorInfo | Unset):
        mitigation_info (JobsSubmittedJobMitigationInfo | Unset):
        execution_time (float | Unset): Seconds the job ran
        ready_at (datetime.datetime | Unset):
        running_at (datetime.datetime | Unset):
        ended_at (datetime.datetime | Unset):
    """

    job_id: str
    name: str
    job_type: JobsJobType
    status: JobsJobStatus
    device_id: str
    shots: int
    job_info: JobsJobInfo
    submitted_at: datetime.datetime
    description: str | Unset = UNSET
    transpiler_info: JobsSubmittedJobTranspilerInfo | Unset = UNSET
    simulator_info: JobsSubmittedJobSimulatorInfo | Unset = UNSET
    mitigation_info: JobsSubmittedJobMitigationInfo | Unset = UNSET
    execution_time: float | Unset = UNSET
    ready_at: datetime.datetime | Unset = UNSET
    running_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        name = self.name

        job_type = self.job_type.value

        status = self.status.value

        device_id = self.device_id

        shots = self.shots

        job_info = self.job_info.to_dict()

        submitted_at = self.submitted_at.isoformat()

        description = self.description

        transpiler_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.transpiler_info, Unset):
            transpiler_info = self.transpiler_info.to_dict()

        simulator_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.simulator_info, Unset):
            simulator_info = self.simulator_info.to_dict()

        mitigation_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mitigation_info, Unset):
            mitigation_info = self.mitigation_info.to_dict()

        execution_time = self.execution_time

        ready_at: str | Unset = UNSET
        if not isinstance(self.ready_at, Unset):
            ready_at = self.ready_at.isoformat()

        running_at: str | Unset = UNSET
        if not isinstance(self.running_at, Unset):
            running_at = self.running_at.isoformat()

        ended_at: str | Unset = UNSET
        if not isinstance(self.ended_at, Unset):
            ended_at = self.ended_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "name": name,
                "job_type": job_type,
                "status": status,
                "device_id": device_id,
                "shots": shots,
                "job_info": job_info,
                "submitted_at": submitted_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if transpiler_info is not UNSET:
            field_dict["transpiler_info"] = transpiler_info
        if simulator_info is not UNSET:
            field_dict["simulator_info"] = simulator_info
        if mitigation_info is not UNSET:
            field_dict["mitigation_info"] = mitigation_info
        if execution_time is not UNSET:
            field_dict["execution_time"] = execution_time
        if ready_at is not UNSET:
            field_dict["ready_at"] = ready_at
        if running_at is not UNSET:
            field_dict["running_at"] = running_at
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jobs_job_info import JobsJobInfo  # noqa: PLC0415
        from ..models.jobs_submitted_job_mitigation_info import JobsSubmittedJobMitigationInfo  # noqa: PLC0415
        from ..models.jobs_submitted_job_simulator_info import JobsSubmittedJobSimulatorInfo  # noqa: PLC0415
        from ..models.jobs_submitted_job_transpiler_info import JobsSubmittedJobTranspilerInfo  # noqa: PLC0415

        d = dict(src_dict)
        job_id = d.pop("job_id")

        name = d.pop("name")

        job_type = JobsJobType(d.pop("job_type"))

        status = JobsJobStatus(d.pop("status"))

        device_id = d.pop("device_id")

        shots = d.pop("shots")

        job_info = JobsJobInfo.from_dict(d.pop("job_info"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        description = d.pop("description", UNSET)

        _transpiler_info = d.pop("transpiler_info", UNSET)
        transpiler_info: JobsSubmittedJobTranspilerInfo | Unset
        if isinstance(_transpiler_info, Unset):
            transpiler_info = UNSET
        else:
            transpiler_info = JobsSubmittedJobTranspilerInfo.from_dict(_transpiler_info)

        _simulator_info = d.pop("simulator_info", UNSET)
        simulator_info: JobsSubmittedJobSimulatorInfo | Unset
        if isinstance(_simulator_info, Unset):
            simulator_info = UNSET
        else:
            simulator_info = JobsSubmittedJobSimulatorInfo.from_dict(_simulator_info)

        _mitigation_info = d.pop("mitigation_info", UNSET)
        mitigation_info: JobsSubmittedJobMitigationInfo | Unset
        if isinstance(_mitigation_info, Unset):
            mitigation_info = UNSET
        else:
            mitigation_info = JobsSubmittedJobMitigationInfo.from_dict(_mitigation_info)

        execution_time = d.pop("execution_time", UNSET)

        _ready_at = d.pop("ready_at", UNSET)
        ready_at: datetime.datetime | Unset
        if isinstance(_ready_at, Unset):
            ready_at = UNSET
        else:
            ready_at = datetime.datetime.fromisoformat(_ready_at)

        _running_at = d.pop("running_at", UNSET)
        running_at: datetime.datetime | Unset
        if isinstance(_running_at, Unset):
            running_at = UNSET
        else:
            running_at = datetime.datetime.fromisoformat(_running_at)

        _ended_at = d.pop("ended_at", UNSET)
        ended_at: datetime.datetime | Unset
        if isinstance(_ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = datetime.datetime.fromisoformat(_ended_at)

        jobs_submitted_job = cls(
            job_id=job_id,
            name=name,
            job_type=job_type,
            status=status,
            device_id=device_id,
            shots=shots,
            job_info=job_info,
            submitted_at=submitted_at,
            description=description,
            transpiler_info=transpiler_info,
            simulator_info=simulator_info,
            mitigation_info=mitigation_info,
            execution_time=execution_time,
            ready_at=ready_at,
            running_at=running_at,
            ended_at=ended_at,
        )

        jobs_submitted_job.additional_properties = d
        return jobs_submitted_job

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
