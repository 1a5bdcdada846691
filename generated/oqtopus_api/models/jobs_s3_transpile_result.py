from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.jobs_s3_transpile_result_stats_type_0 import JobsS3TranspileResultStatsType0
    from ..models.jobs_s3_transpile_result_virtual_physical_mapping_type_0 import (
        JobsS3TranspileResultVirtualPhysicalMappingType0,
    )


T = TypeVar("T", bound="JobsS3TranspileResult")


@_attrs_define
class JobsS3TranspileResult:
    """The JSON document inside `transpile_result.zip`.

    Attributes:
        transpiled_program (None | str):
        stats (JobsS3TranspileResultStatsType0 | None):
        virtual_physical_mapping (JobsS3TranspileResultVirtualPhysicalMappingType0 | None):
    """

    transpiled_program: None | str
    stats: JobsS3TranspileResultStatsType0 | None
    virtual_physical_mapping: JobsS3TranspileResultVirtualPhysicalMappingType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.jobs_s3_transpile_result_stats_type_0 import JobsS3TranspileResultStatsType0  # noqa: PLC0415
        from ..models.jobs_s3_transpile_result_virtual_physical_mapping_type_0 import (
            JobsS3TranspileResultVirtualPhysicalMappingType0,  # noqa: PLC0415
        )

        transpiled_program: None | str
        transpiled_program = self.transpiled_program

        stats: dict[str, Any] | None
        if isinstance(self.stats, JobsS3TranspileResultStatsType0):
            stats = self.stats.to_dict()
        else:
            stats = self.stats

        virtual_physical_mapping: dict[str, Any] | None
        if isinstance(self.virtual_physical_mapping, JobsS3TranspileResultVirtualPhysicalMappingType0):
            virtual_physical_mapping = self.virtual_physical_mapping.to_dict()
        else:
            virtual_physical_mapping = self.virtual_physical_mapping

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transpiled_program": transpiled_program,
                "stats": stats,
                "virtual_physical_mapping": virtual_physical_mapping,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jobs_s3_transpile_result_stats_type_0 import JobsS3TranspileResultStatsType0  # noqa: PLC0415
        from ..models.jobs_s3_transpile_result_virtual_physical_mapping_type_0 import (
            JobsS3TranspileResultVirtualPhysicalMappingType0,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_transpiled_program(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        transpiled_program = _parse_transpiled_program(d.pop("transpiled_program"))

        def _parse_stats(data: object) -> JobsS3TranspileResultStatsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stats_type_0 = JobsS3TranspileResultStatsType0.from_dict(data)

                return stats_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobsS3TranspileResultStatsType0 | None, data)

        stats = _parse_stats(d.pop("stats"))

        def _parse_virtual_physical_mapping(data: object) -> JobsS3TranspileResultVirtualPhysicalMappingType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                virtual_physical_mapping_type_0 = JobsS3TranspileResultVirtualPhysicalMappingType0.from_dict(data)

                return virtual_physical_mapping_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobsS3TranspileResultVirtualPhysicalMappingType0 | None, data)

        virtual_physical_mapping = _parse_virtual_physical_mapping(d.pop("virtual_physical_mapping"))

        jobs_s3_transpile_result = cls(
            transpiled_program=transpiled_program,
            stats=stats,
            virtual_physical_mapping=virtual_physical_mapping,
        )

        jobs_s3_transpile_result.additional_properties = d
        return jobs_s3_transpile_result

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
