from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jobs_s3_estimation_result import JobsS3EstimationResult
    from ..models.jobs_s3_sampling_result import JobsS3SamplingResult


T = TypeVar("T", bound="JobsS3JobResult")


@_attrs_define
class JobsS3JobResult:
    """The JSON document inside `result.zip`.

    Attributes:
        sampling (JobsS3SamplingResult | None | Unset): Sampling, multi_manual and SSE-over-sampling jobs; null
            otherwise
        estimation (JobsS3EstimationResult | None | Unset): Estimation jobs; null otherwise
    """

    sampling: JobsS3SamplingResult | None | Unset = UNSET
    estimation: JobsS3EstimationResult | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.jobs_s3_estimation_result import JobsS3EstimationResult  # noqa: PLC0415
        from ..models.jobs_s3_sampling_result import JobsS3SamplingResult  # noqa: PLC0415

        sampling: dict[str, Any] | None | Unset
        if isinstance(self.sampling, Unset):
            sampling = UNSET
        elif isinstance(self.sampling, JobsS3SamplingResult):
            sampling = self.sampling.to_dict()
        else:
            sampling = self.sampling

        estimation: dict[str, Any] | None | Unset
        if isinstance(self.estimation, Unset):
            estimation = UNSET
        elif isinstance(self.estimation, JobsS3EstimationResult):
            estimation = self.estimation.to_dict()
        else:
            estimation = self.estimation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sampling is not UNSET:
            field_dict["sampling"] = sampling
        if estimation is not UNSET:
            field_dict["estimation"] = estimation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jobs_s3_estimation_result import JobsS3EstimationResult  # noqa: PLC0415
        from ..models.jobs_s3_sampling_result import JobsS3SamplingResult  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_sampling(data: object) -> JobsS3SamplingResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sampling_type_1 = JobsS3SamplingResult.from_dict(data)

                return sampling_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobsS3SamplingResult | None | Unset, data)

        sampling = _parse_sampling(d.pop("sampling", UNSET))

        def _parse_estimation(data: object) -> JobsS3EstimationResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                estimation_type_1 = JobsS3EstimationResult.from_dict(data)

                return estimation_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobsS3EstimationResult | None | Unset, data)

        estimation = _parse_estimation(d.pop("estimation", UNSET))

        jobs_s3_job_result = cls(
            sampling=sampling,
            estimation=estimation,
        )

        jobs_s3_job_result.additional_properties = d
        return jobs_s3_job_result

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
