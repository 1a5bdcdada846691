"""Config from the environment, the spec constructor, and the integer-key helpers."""

import os

from oqtopus_client import (
    OqtopusClient,
    OqtopusConfig,
    OqtopusJobSpec,
    bitstring_dict_to_int_keys,
    bitstring_to_int,
    convert_sampling_counts_to_int_keys,
    rest,
)
from oqtopus_client.services.result_utils import bitstring_to_int as bitstring_to_int_too

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
X_ON_1 = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; x q[1]; c = measure q;'

config = OqtopusConfig.from_env()  # OQTOPUS_URL, OQTOPUS_API_TOKEN
assert config.url == os.environ["OQTOPUS_URL"]
assert config.base_url == config.url
client = OqtopusClient(config)

spec = OqtopusJobSpec(
    device_id="SVSim", job_type=rest.JobsJobType.SAMPLING, program=[X_ON_1], shots=50
)
result = client.run_sampling(spec, **POLL)
assert result.get_counts() == {"10": 50}, result.get_counts()  # classical bit 0 is rightmost

assert bitstring_to_int("10") == 2 == bitstring_to_int_too("0b10")
assert bitstring_dict_to_int_keys({"10": 50}) == {2: 50}
converted = convert_sampling_counts_to_int_keys(
    {"counts": {"10": 50}, "divided_counts": {"0": {"1": 5}}}
)
assert converted["counts"] == {2: 50}
assert converted["divided_counts"] == {0: {1: 5}}
print("OK p09_env_and_helpers")
