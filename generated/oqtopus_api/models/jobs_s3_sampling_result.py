from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jobs_s3_sampling_result_counts import JobsS3SamplingResultCounts
    from ..models.jobs_s3_sampling_result_divided_counts_type_0 import JobsS3SamplingResultDividedCountsType0


T = TypeVar("T", bound="JobsS3SamplingResult")


@_attrs_define
class JobsS3SamplingResult:
    """Counts keyed by bitstring, classical bit 0 the rightmost character. `divided_counts`
    (multi_manual) is keyed by circuit index `"0"`, `"1"`, ...

        Attributes:
            counts (JobsS3SamplingResultCounts | Unset):
            divided_counts (JobsS3SamplingResultDividedCountsType0 | None | Unset):
    """

    counts: JobsS3SamplingResultCounts | Unset = UNSET
    divided_counts: JobsS3SamplingResultDividedCountsType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.jobs_s3_sampling_result_divided_counts_type_0 import JobsS3SamplingResultDividedCountsType0  # noqa: PLC0415

        counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.counts, Unset):
            counts = self.counts.to_dict()

        divided_counts: dict[str, Any] | None | Unset
        if isinstance(self.divided_counts, Unset):
            divided_counts = UNSET
        elif isinstance(self.divided_counts, JobsS3SamplingResultDividedCountsType0):
            divided_counts = self.divided_counts.to_dict()
        else:
            divided_counts = self.divided_counts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if counts is not UNSET:
            field_dict["counts"] = counts
        if divided_counts is not UNSET:
            field_dict["divided_counts"] = divided_counts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jobs_s3_sampling_result_counts import JobsS3SamplingResultCounts  # noqa: PLC0415
        from ..models.jobs_s3_sampling_result_divided_counts_type_0 import JobsS3SamplingResultDividedCountsType0  # noqa: PLC0415

        d = dict(src_dict)
        _counts = d.pop("counts", UNSET)
        counts: JobsS3SamplingResultCounts | Unset
        if isinstance(_counts, Unset):
            counts = UNSET
        else:
            counts = JobsS3SamplingResultCounts.from_dict(_counts)

        def _parse_divided_counts(data: object) -> JobsS3SamplingResultDividedCountsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                divided_counts_type_0 = JobsS3SamplingResultDividedCountsType0.from_dict(data)

                return divided_counts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobsS3SamplingResultDividedCountsType0 | None | Unset, data)

        divided_counts = _parse_divided_counts(d.pop("divided_counts", UNSET))

        jobs_s3_sampling_result = cls(
            counts=counts,
            divided_counts=divided_counts,
        )

        jobs_s3_sampling_result.additional_properties = d
        return jobs_s3_sampling_result

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
