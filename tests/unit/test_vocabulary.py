"""The SDK's spelling of job types, statuses and archive keys matches the generated API."""

from __future__ import annotations

from oqtopus_api import archive_documents
from oqtopus_api.models import JobsJobInfo, JobsJobStatus, JobsJobType
from oqtopus_sdk import vocabulary


def test_job_types_and_statuses_are_the_generated_enums() -> None:
    assert set(vocabulary.JOB_TYPES) == {member.value for member in JobsJobType}
    assert set(vocabulary.JOB_STATUSES) == {member.value for member in JobsJobStatus}
    assert len(vocabulary.JOB_STATUSES) == len(set(vocabulary.JOB_STATUSES))
    assert set(vocabulary.JOB_STATUSES) > vocabulary.TERMINAL_STATUSES


def test_archive_keys_are_job_info_fields() -> None:
    fields = {field.name.rstrip("_") for field in JobsJobInfo.__attrs_attrs__}
    assert set(vocabulary.ARCHIVE_KEYS) | {vocabulary.JOB_INFO_MESSAGE} <= fields
    assert set(vocabulary.RESOLVED_ARCHIVE_KEYS) <= set(vocabulary.ARCHIVE_KEYS)
    assert set(vocabulary.RESOLVED_ARCHIVE_KEYS) >= vocabulary.EAGER_ARCHIVE_KEYS


def test_result_documents_know_the_job_types_they_hold() -> None:
    assert set(archive_documents.JobsS3JobResult.__annotations__) == {
        vocabulary.SAMPLING,
        vocabulary.ESTIMATION,
    }
