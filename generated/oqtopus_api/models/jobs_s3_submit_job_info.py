from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jobs_s3_operator_item import JobsS3OperatorItem


T = TypeVar("T", bound="JobsS3SubmitJobInfo")


@_attrs_define
class JobsS3SubmitJobInfo:
    """The JSON document inside `input.zip`.

    Attributes:
        program (list[str] | Unset): OpenQASM 3 programs; exactly one except for multi_manual jobs.
        operator (list[JobsS3OperatorItem] | Unset): Estimation jobs only
        sse_program (str | Unset): SSE jobs only; the Python source as plain UTF-8 text (not base64)
    """

    program: list[str] | Unset = UNSET
    operator: list[JobsS3OperatorItem] | Unset = UNSET
    sse_program: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        program: list[str] | Unset = UNSET
        if not isinstance(self.program, Unset):
            program = self.program

        operator: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.operator, Unset):
            operator = []
            for operator_item_data in self.operator:
                operator_item = operator_item_data.to_dict()
                operator.append(operator_item)

        sse_program = self.sse_program

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if program is not UNSET:
            field_dict["program"] = program
        if operator is not UNSET:
            field_dict["operator"] = operator
        if sse_program is not UNSET:
            field_dict["sse_program"] = sse_program

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jobs_s3_operator_item import JobsS3OperatorItem  # noqa: PLC0415

        d = dict(src_dict)
        program = cast(list[str], d.pop("program", UNSET))

        _operator = d.pop("operator", UNSET)
        operator: list[JobsS3OperatorItem] | Unset = UNSET
        if _operator is not UNSET:
            operator = []
            for operator_item_data in _operator:
                operator_item = JobsS3OperatorItem.from_dict(operator_item_data)

                operator.append(operator_item)

        sse_program = d.pop("sse_program", UNSET)

        jobs_s3_submit_job_info = cls(
            program=program,
            operator=operator,
            sse_program=sse_program,
        )

        jobs_s3_submit_job_info.additional_properties = d
        return jobs_s3_submit_job_info

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
