"""Error handling: HTTP errors as UserApiError, wrong job types as ValueError."""

import os

from oqtopus_client import OqtopusClient, OqtopusConfig, OqtopusJobSpec, UserApiError

client = OqtopusClient()
try:
    client.get_job("00000000-0000-0000-0000-000000000000")
except UserApiError as e:
    print("get_job of an unknown id:", e.status_code, e.message)
    not_found = e
else:
    raise AssertionError("expected UserApiError")
assert not_found.status_code == 404
assert str(not_found).startswith("HTTP 404")

bad = OqtopusClient(OqtopusConfig(url=os.environ["OQTOPUS_URL"], api_token="nobody.wrong-secret"))
try:
    bad.list_devices()
except UserApiError as e:
    print("wrong token:", e.status_code)
    refused = e
else:
    raise AssertionError("expected UserApiError")
assert refused.status_code in (401, 403)

estimation = OqtopusJobSpec.estimation(
    device_id="SVSim", program="OPENQASM 3; qubit[1] q;", operator=[{"pauli": "Z 0", "coeff": 1.0}]
)
try:
    client.run_sampling(estimation)
except ValueError as e:
    print("run_sampling(estimation spec):", e)
else:
    raise AssertionError("expected ValueError")
print("OK p08_errors")
