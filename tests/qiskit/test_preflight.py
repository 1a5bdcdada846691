"""Pre-flight checks: each error, raised before any request (counted at the transport)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("qiskit")

from qiskit import QuantumCircuit
from qiskit.circuit import Parameter
from qiskit.providers import JobStatus
from qiskit.quantum_info import SparsePauliOp

from oqtopus_sdk.errors import JobFailedError
from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.preflight import (
    OperatorQubitError,
    PreflightError,
    ProgramSyntaxError,
    Qasm2ProgramError,
    TooManyQubitsError,
    inspect_program,
    preflight_spec,
)
from oqtopus_sdk.qiskit import EstimatorV2, OqtopusBackend, SamplerV2
from oqtopus_sdk.spec import OqtopusJobSpec
from tests.qiskit.conftest import FAST, CountingTransport

HEAD = 'OPENQASM 3;\ninclude "stdgates.inc";\n'
BELL = HEAD + "qubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n"
SIX = HEAD + "qubit[6] q;\nh q[5];\n"
QASM2 = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\n'


def sampling(program: Any, **kwargs: Any) -> OqtopusJobSpec:
    return OqtopusJobSpec.sampling(device_id="emu-qpu-5", program=program, **kwargs)


def test_valid_specs_pass() -> None:
    preflight_spec(sampling(BELL), device=5)
    preflight_spec(OqtopusJobSpec.multi_manual(device_id="d", program=[BELL, BELL]), device=4)
    preflight_spec(
        OqtopusJobSpec.estimation(device_id="d", program=BELL, operator=[{"pauli": "X 0 Z 1"}])
    )
    preflight_spec(OqtopusJobSpec.sse(device_id="d", program="print(1)\n"), device=1)


def test_qasm2_gets_conversion_advice() -> None:
    with pytest.raises(
        Qasm2ProgramError, match=r"program\[0\] is OpenQASM 2.*qiskit\.qasm3\.dumps"
    ):
        preflight_spec(sampling("// a comment\n" + QASM2))


@pytest.mark.parametrize(
    ("program", "line", "column", "pattern"),
    [
        (HEAD + "qubit[2] q;\nh q[0]\ncx q[0], q[1];\n", 5, 1, "unexpected 'cx'"),
        (HEAD + "qubit[2] q;\nh q[0]; @@;\n", 4, 9, "'@'"),
        (HEAD + "qubit[2] q;\nfor", 4, 4, "no viable alternative"),
        (HEAD + "qubit[2] q;\nfoo q[0];\n", 4, 1, "gate 'foo' is not defined"),
    ],
)
def test_syntax_errors_carry_line_and_column(
    program: str, line: int, column: int, pattern: str
) -> None:
    with pytest.raises(ProgramSyntaxError, match=pattern) as caught:
        preflight_spec(OqtopusJobSpec.multi_manual(device_id="d", program=[BELL, program]))
    assert (caught.value.line, caught.value.column, caught.value.program_index) == (line, column, 1)
    assert f"program[1] is not valid OpenQASM 3 at line {line}, column {column}" in str(
        caught.value
    )


def test_too_many_qubits_for_the_device() -> None:
    with pytest.raises(TooManyQubitsError, match=r"program\[0\] uses 6 qubits but the device \(5"):
        preflight_spec(sampling(SIX), device=5)
    spec = OqtopusJobSpec.multi_manual(device_id="d", program=[BELL, BELL, BELL])
    with pytest.raises(TooManyQubitsError, match="use 6 qubits together but the device"):
        preflight_spec(spec, device=5)
    preflight_spec(sampling(SIX))  # no device: no limit


def test_operator_qubit_outside_the_program() -> None:
    spec = OqtopusJobSpec.estimation(
        device_id="d", program=BELL, operator=[{"pauli": "Z 0"}, {"pauli": "X 0 Y 2"}]
    )
    with pytest.raises(
        OperatorQubitError, match=r"operator\[1\] 'X 0 Y 2' acts on qubit 2 .* 2 qubits"
    ):
        preflight_spec(spec)
    preflight_spec(
        OqtopusJobSpec.estimation(device_id="d", program=BELL, operator=[{"pauli": "I 7"}])
    )  # identity letters act on nothing
    late = OqtopusJobSpec.estimation(device_id="d", program=BELL, operator=[{"pauli": "Z 0"}])
    late.operator = SparsePauliOp("ZIIIII")  # a qiskit operator assigned after construction
    with pytest.raises(OperatorQubitError, match=r"operator\[0\] 'Z 5' acts on qubit 5"):
        preflight_spec(late)


def test_every_error_is_a_value_error_and_spec_errors_come_first() -> None:
    assert issubclass(PreflightError, ValueError)
    for cls in (Qasm2ProgramError, ProgramSyntaxError, TooManyQubitsError, OperatorQubitError):
        assert issubclass(cls, PreflightError)
    with pytest.raises(ValueError, match="shots"):
        preflight_spec(sampling(BELL, shots=0))


def test_parsing_is_cached_by_text() -> None:
    program = BELL + "// cache probe\n"
    first = inspect_program(program)
    assert (first.num_qubits, first.num_clbits, first.parsed) == (2, 2, True)
    assert inspect_program(program) is first


def test_device_record_is_accepted(qiskit_server: LocalOqtopus) -> None:
    with qiskit_server.client() as client:
        device = client.get_device("emu-qpu-5")
    with pytest.raises(TooManyQubitsError, match="device 'emu-qpu-5' has 5"):
        preflight_spec(sampling(SIX), device=device)


# --- through the backend and the primitives: nothing is sent ----------------------------------


def test_backend_and_primitives_check_before_any_request(
    counting: tuple[Any, CountingTransport],
) -> None:
    client, transport = counting
    backend = OqtopusBackend("emu-qpu-5", client, **FAST)
    assert transport.requests == ["GET /devices/emu-qpu-5"]
    transport.requests.clear()

    wide = QuantumCircuit(6, 6)
    wide.h(range(6))
    wide.measure(range(6), range(6))
    with pytest.raises(TooManyQubitsError):
        backend.run(wide)
    with pytest.raises(TooManyQubitsError):
        SamplerV2(backend).run([wide])
    theta = Parameter("t")
    unbound = QuantumCircuit(1, 1)
    unbound.rx(theta, 0)
    with pytest.raises(ValueError, match="unbound parameters"):
        backend.run(unbound)
    with pytest.raises(ValueError, match="shots"):
        backend.run(QuantumCircuit(1, 1), shots=0)
    bell = QuantumCircuit(2)
    bell.h(0)
    bell.cx(0, 1)
    with pytest.raises(ValueError, match="imaginary part"):  # qiskit's own PUB check
        EstimatorV2(backend).run([(bell, SparsePauliOp(["ZZ", "XY"], [1, 1j]))])
    with pytest.raises(TooManyQubitsError):
        EstimatorV2(backend).run([(QuantumCircuit(6), SparsePauliOp("Z" * 6))])
    assert transport.requests == []


def test_preflight_can_be_switched_off(qiskit_server: LocalOqtopus) -> None:
    # Both layers check: the backend (against its Target) and the client (before POST /jobs).
    transport = CountingTransport()
    client = qiskit_server.client(transport=transport, preflight=False)
    backend = OqtopusBackend("emu-qpu-5", client, preflight=False, **FAST)
    wide = QuantumCircuit(6, 6)
    wide.measure(range(6), range(6))
    job = backend.run(wide)  # the service, not the SDK, refuses it now
    assert any(request.startswith("POST /jobs") for request in transport.requests)
    with pytest.raises(JobFailedError) as caught:
        job.result()
    assert caught.value.status == "failed"
    assert job.status() == JobStatus.ERROR
    client.close()


def test_without_qiskit_declarations_are_counted_and_the_extra_is_named() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['qiskit'] = None  # as if qiskit were not installed\n"
        "from oqtopus_sdk.preflight import inspect_program, preflight_spec, TooManyQubitsError\n"
        "from oqtopus_sdk.spec import OqtopusJobSpec\n"
        "info = inspect_program('OPENQASM 3; qubit[3] q; qubit r; h $6;')\n"
        "assert (info.num_qubits, info.num_clbits, info.parsed) == (7, None, False), info\n"
        "spec = OqtopusJobSpec.sampling(device_id='d', program='OPENQASM 3; qubit[9] q;')\n"
        "try:\n"
        "    preflight_spec(spec, device=5)\n"
        "except TooManyQubitsError as exc:\n"
        "    assert 'uses 9 qubits' in str(exc), exc\n"
        "else:\n"
        "    raise AssertionError('no error')\n"
        "try:\n"
        "    import oqtopus_sdk.qiskit\n"
        "except ImportError as exc:\n"
        "    assert \"pip install 'oqtopus-sdk[qiskit]'\" in str(exc), exc\n"
        "else:\n"
        "    raise AssertionError('imported')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_exported_programs_need_no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    from oqtopus_sdk import preflight
    from oqtopus_sdk.qiskit import circuit_to_qasm3

    wide = QuantumCircuit(7, 7, name="wide-export")
    wide.h(range(7))
    wide.measure(range(7), range(7))
    text = circuit_to_qasm3(wide)

    def no_parse(program: str) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(preflight, "_inspect_cached", no_parse)
    assert inspect_program(text).num_qubits == 7
    with pytest.raises(TooManyQubitsError, match="uses 7 qubits"):
        preflight_spec(OqtopusJobSpec.sampling(device_id="d", program=wide), device=5)
