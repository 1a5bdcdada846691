"""Contains all the data models used in inputs/outputs"""

from .announcements_get_announcement_response import AnnouncementsGetAnnouncementResponse
from .announcements_get_announcements_list_response import AnnouncementsGetAnnouncementsListResponse
from .api_token_api_token import ApiTokenApiToken
from .api_token_api_token_status import ApiTokenApiTokenStatus
from .devices_device_info import DevicesDeviceInfo
from .devices_device_info_device_type import DevicesDeviceInfoDeviceType
from .devices_device_info_status import DevicesDeviceInfoStatus
from .error_bad_request import ErrorBadRequest
from .error_forbidden_error import ErrorForbiddenError
from .error_internal_server_error import ErrorInternalServerError
from .error_internal_server_error_message_params import ErrorInternalServerErrorMessageParams
from .error_not_found_error import ErrorNotFoundError
from .error_unauthorized_error import ErrorUnauthorizedError
from .error_validation_error import ErrorValidationError
from .error_validation_error_item import ErrorValidationErrorItem
from .get_announcements_list_order import GetAnnouncementsListOrder
from .jobs_get_job_status_response import JobsGetJobStatusResponse
from .jobs_get_sselog_response import JobsGetSselogResponse
from .jobs_job import JobsJob
from .jobs_job_info import JobsJobInfo
from .jobs_job_info_upload_presigned_url import JobsJobInfoUploadPresignedURL
from .jobs_job_info_upload_presigned_url_fields import JobsJobInfoUploadPresignedURLFields
from .jobs_job_mitigation_info import JobsJobMitigationInfo
from .jobs_job_simulator_info import JobsJobSimulatorInfo
from .jobs_job_status import JobsJobStatus
from .jobs_job_transpiler_info import JobsJobTranspilerInfo
from .jobs_job_type import JobsJobType
from .jobs_register_job_response import JobsRegisterJobResponse
from .jobs_registered_job import JobsRegisteredJob
from .jobs_registered_job_mitigation_info import JobsRegisteredJobMitigationInfo
from .jobs_registered_job_simulator_info import JobsRegisteredJobSimulatorInfo
from .jobs_registered_job_transpiler_info import JobsRegisteredJobTranspilerInfo
from .jobs_s3_estimation_result import JobsS3EstimationResult
from .jobs_s3_job_result import JobsS3JobResult
from .jobs_s3_operator_item import JobsS3OperatorItem
from .jobs_s3_sampling_result import JobsS3SamplingResult
from .jobs_s3_sampling_result_counts import JobsS3SamplingResultCounts
from .jobs_s3_sampling_result_divided_counts_type_0 import JobsS3SamplingResultDividedCountsType0
from .jobs_s3_submit_job_info import JobsS3SubmitJobInfo
from .jobs_s3_transpile_result import JobsS3TranspileResult
from .jobs_s3_transpile_result_stats_type_0 import JobsS3TranspileResultStatsType0
from .jobs_s3_transpile_result_virtual_physical_mapping_type_0 import JobsS3TranspileResultVirtualPhysicalMappingType0
from .jobs_submit_job_request import JobsSubmitJobRequest
from .jobs_submit_job_request_mitigation_info import JobsSubmitJobRequestMitigationInfo
from .jobs_submit_job_request_simulator_info import JobsSubmitJobRequestSimulatorInfo
from .jobs_submit_job_request_transpiler_info import JobsSubmitJobRequestTranspilerInfo
from .jobs_submit_job_response import JobsSubmitJobResponse
from .jobs_submitted_job import JobsSubmittedJob
from .jobs_submitted_job_mitigation_info import JobsSubmittedJobMitigationInfo
from .jobs_submitted_job_simulator_info import JobsSubmittedJobSimulatorInfo
from .jobs_submitted_job_transpiler_info import JobsSubmittedJobTranspilerInfo
from .jobs_transpile_result import JobsTranspileResult
from .jobs_transpile_result_stats_type_0 import JobsTranspileResultStatsType0
from .jobs_transpile_result_virtual_physical_mapping_type_0 import JobsTranspileResultVirtualPhysicalMappingType0
from .list_jobs_order import ListJobsOrder
from .settings_get_settings_response import SettingsGetSettingsResponse
from .settings_get_settings_response_editable_fields_item import SettingsGetSettingsResponseEditableFieldsItem
from .settings_get_settings_response_visible_fields_item import SettingsGetSettingsResponseVisibleFieldsItem
from .success_success_response import SuccessSuccessResponse
from .users_get_one_user_response import UsersGetOneUserResponse
from .users_login_event import UsersLoginEvent
from .users_update_user_request import UsersUpdateUserRequest

__all__ = (
    "AnnouncementsGetAnnouncementResponse",
    "AnnouncementsGetAnnouncementsListResponse",
    "ApiTokenApiToken",
    "ApiTokenApiTokenStatus",
    "DevicesDeviceInfo",
    "DevicesDeviceInfoDeviceType",
    "DevicesDeviceInfoStatus",
    "ErrorBadRequest",
    "ErrorForbiddenError",
    "ErrorInternalServerError",
    "ErrorInternalServerErrorMessageParams",
    "ErrorNotFoundError",
    "ErrorUnauthorizedError",
    "ErrorValidationError",
    "ErrorValidationErrorItem",
    "GetAnnouncementsListOrder",
    "JobsGetJobStatusResponse",
    "JobsGetSselogResponse",
    "JobsJob",
    "JobsJobInfo",
    "JobsJobInfoUploadPresignedURL",
    "JobsJobInfoUploadPresignedURLFields",
    "JobsJobMitigationInfo",
    "JobsJobSimulatorInfo",
    "JobsJobStatus",
    "JobsJobTranspilerInfo",
    "JobsJobType",
    "JobsRegisteredJob",
    "JobsRegisteredJobMitigationInfo",
    "JobsRegisteredJobSimulatorInfo",
    "JobsRegisteredJobTranspilerInfo",
    "JobsRegisterJobResponse",
    "JobsS3EstimationResult",
    "JobsS3JobResult",
    "JobsS3OperatorItem",
    "JobsS3SamplingResult",
    "JobsS3SamplingResultCounts",
    "JobsS3SamplingResultDividedCountsType0",
    "JobsS3SubmitJobInfo",
    "JobsS3TranspileResult",
    "JobsS3TranspileResultStatsType0",
    "JobsS3TranspileResultVirtualPhysicalMappingType0",
    "JobsSubmitJobRequest",
    "JobsSubmitJobRequestMitigationInfo",
    "JobsSubmitJobRequestSimulatorInfo",
    "JobsSubmitJobRequestTranspilerInfo",
    "JobsSubmitJobResponse",
    "JobsSubmittedJob",
    "JobsSubmittedJobMitigationInfo",
    "JobsSubmittedJobSimulatorInfo",
    "JobsSubmittedJobTranspilerInfo",
    "JobsTranspileResult",
    "JobsTranspileResultStatsType0",
    "JobsTranspileResultVirtualPhysicalMappingType0",
    "ListJobsOrder",
    "SettingsGetSettingsResponse",
    "SettingsGetSettingsResponseEditableFieldsItem",
    "SettingsGetSettingsResponseVisibleFieldsItem",
    "SuccessSuccessResponse",
    "UsersGetOneUserResponse",
    "UsersLoginEvent",
    "UsersUpdateUserRequest",
)
