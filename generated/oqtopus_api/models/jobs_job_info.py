from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobsJobInfo")


@_attrs_define
class JobsJobInfo:
    """Presigned GET URLs of the job's archives. Live service: only the keys whose archive
    exists are present (so even `input` may be missing), plus `message` when one is set.
    Each archive is a zip with exactly one entry.

        Attributes:
            input_ (str | Unset): The uploaded input; its entry is a `jobs.S3SubmitJobInfo` JSON object.
            combined_program (str | Unset): multi_manual only; its entry `combined_program` is OpenQASM 3 text, not JSON.
            result (str | Unset): Succeeded jobs only; its entry `result.json` is a `jobs.S3JobResult` object.
            transpile_result (str | Unset): Transpiled jobs only; its entry `transpile_result.json` is a
                `jobs.S3TranspileResult` object.
            sse_log (str | Unset): Succeeded SSE jobs only; its entry (`sse_runtime.log`) is the program's stdout and
                stderr.
            message (str | Unset): The backend's message, usually why the job failed
    """

    input_: str | Unset = UNSET
    combined_program: str | Unset = UNSET
    result: str | Unset = UNSET
    transpile_result: str | Unset = UNSET
    sse_log: str | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_ = self.input_

        combined_program = self.combined_program

        result = self.result

        transpile_result = self.transpile_result

        sse_log = self.sse_log

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_ is not UNSET:
            field_dict["input"] = input_
        if combined_program is not UNSET:
            field_dict["combined_program"] = combined_program
        if result is not UNSET:
            field_dict["result"] = result
        if transpile_result is not UNSET:
            field_dict["transpile_result"] = transpile_result
        if sse_log is not UNSET:
            field_dict["sse_log"] = sse_log
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        input_ = d.pop("input", UNSET)

        combined_program = d.pop("combined_program", UNSET)

        result = d.pop("result", UNSET)

        transpile_result = d.pop("transpile_result", UNSET)

        sse_log = d.pop("sse_log", UNSET)

        message = d.pop("message", UNSET)

        jobs_job_info = cls(
            input_=input_,
            combined_program=combined_program,
            result=result,
            transpile_result=transpile_result,
            sse_log=sse_log,
            message=message,
        )

        jobs_job_info.additional_properties = d
        return jobs_job_info

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
