"""``JobApi`` (the reference's ``rest.api.job_api``): the job endpoints."""

from __future__ import annotations

from ._base import BaseApi, Operation, from_model, list_of, operation

__all__ = ["JobApi"]


class JobApi(BaseApi):
    """Register, submit, list, read, cancel and delete jobs (async)."""

    cancel_job, cancel_job_with_http_info, cancel_job_without_preload_content = operation(
        "cancel_job",
        Operation("POST", "/jobs/{job_id}/cancel", ("job_id",), frozenset({"job_id"})),
        from_model("SuccessSuccessResponse"),
        "Cancel a job",
    )
    delete_job, delete_job_with_http_info, delete_job_without_preload_content = operation(
        "delete_job",
        Operation("DELETE", "/jobs/{job_id}", ("job_id",), frozenset({"job_id"})),
        from_model("SuccessSuccessResponse"),
        "Delete a job",
    )
    get_job, get_job_with_http_info, get_job_without_preload_content = operation(
        "get_job",
        Operation("GET", "/jobs/{job_id}", ("job_id",), frozenset({"job_id"})),
        from_model("JobsJob"),
        "Get a job",
    )
    get_job_status, get_job_status_with_http_info, get_job_status_without_preload_content = (
        operation(
            "get_job_status",
            Operation("GET", "/jobs/{job_id}/status", ("job_id",), frozenset({"job_id"})),
            from_model("JobsGetJobStatusResponse"),
            "Get a job's status",
        )
    )
    list_jobs, list_jobs_with_http_info, list_jobs_without_preload_content = operation(
        "list_jobs",
        Operation(
            "GET",
            "/jobs",
            ("fields", "start_time", "end_time", "status", "q", "page", "size", "order"),
        ),
        list_of("JobsJob"),
        "List your jobs",
    )
    register_job_id, register_job_id_with_http_info, register_job_id_without_preload_content = (
        operation(
            "register_job_id",
            Operation("POST", "/jobs"),
            from_model("JobsRegisterJobResponse"),
            "Register a job id and get the presigned upload target",
        )
    )
    submit_job, submit_job_with_http_info, submit_job_without_preload_content = operation(
        "submit_job",
        Operation(
            "POST",
            "/jobs/{job_id}/submit",
            ("job_id", "jobs_submit_job_request"),
            frozenset({"job_id"}),
            body="jobs_submit_job_request",
        ),
        from_model("SuccessSuccessResponse"),
        "Submit a registered job",
    )
