"""QuantumCircuit export, SparsePauliOp conversion and counts in qiskit form."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

qiskit = pytest.importorskip("qiskit")

from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister, qasm3  # noqa: E402
from qiskit.circuit import Parameter  # noqa: E402
from qiskit.circuit.library import QFTGate, UnitaryGate  # noqa: E402
from qiskit.quantum_info import Operator, Pauli, SparsePauliOp  # noqa: E402

from oqtopus_sdk.qiskit import (  # noqa: E402
    EXPORT_GATES,
    circuit_to_qasm3,
    counts_to_qiskit,
    pauli_to_operators,
    to_qiskit,
    to_qiskit_result,
)
from oqtopus_sdk.qiskit.convert import creg_layout  # noqa: E402
from oqtopus_sdk.results import OqtopusJobResult  # noqa: E402
from oqtopus_sdk.spec import OqtopusEstimationOperator, OqtopusJobSpec  # noqa: E402


def gate_names(circuit: QuantumCircuit) -> set[str]:
    return {instruction.operation.name for instruction in circuit.data}


# --- QuantumCircuit export -------------------------------------------------------------------


def test_plain_circuit_round_trip() -> None:
    qc = QuantumCircuit(3, 3, name="ghz")
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(1, 2)
    qc.rz(0.25, 2)
    qc.measure(range(3), range(3))
    text = circuit_to_qasm3(qc, verify=True)
    assert text.startswith("OPENQASM 3")
    assert 'include "stdgates.inc";' in text
    assert "gate " not in text  # no custom definitions needed
    back = qasm3.loads(text)
    assert (back.num_qubits, back.num_clbits) == (3, 3)
    assert Operator(back.remove_final_measurements(inplace=False)).equiv(
        Operator(qc.remove_final_measurements(inplace=False))
    )


def test_custom_and_composite_gates_are_decomposed_to_stdgates() -> None:
    inner = QuantumCircuit(2, name="entangle")
    inner.h(0)
    inner.cx(0, 1)
    inner.rzz(0.3, 0, 1)
    qc = QuantumCircuit(3)
    qc.append(inner.to_gate(), [0, 1])
    qc.sxdg(2)
    qc.ecr(0, 2)
    qc.append(QFTGate(2), [1, 2])
    qc.append(UnitaryGate(Operator(Pauli("Y")).data), [0])
    text = circuit_to_qasm3(qc, verify=True)
    assert "gate " not in text  # nothing outside stdgates.inc is defined in the program
    back = qasm3.loads(text)
    assert gate_names(back) <= EXPORT_GATES
    assert Operator(back).equiv(Operator(qc))


def test_registers_and_bit_order_survive_export() -> None:
    qc = QuantumCircuit(
        QuantumRegister(2, "q"), ClassicalRegister(1, "a"), ClassicalRegister(2, "b")
    )
    qc.x(0)
    qc.measure(0, 0)
    qc.measure([0, 1], [1, 2])
    back = qasm3.loads(circuit_to_qasm3(qc))
    assert [(register.name, register.size) for register in back.cregs] == [("a", 1), ("b", 2)]
    assert creg_layout(back) == creg_layout(qc) == ([["a", 1], ["b", 2]], 3)


def test_unbound_parameters_are_an_error() -> None:
    theta = Parameter("theta")
    qc = QuantumCircuit(1)
    qc.rx(theta, 0)
    with pytest.raises(ValueError, match=r"unbound parameters \['theta'\].*assign_parameters"):
        circuit_to_qasm3(qc)
    with pytest.raises(ValueError, match=r"program\[0\]: .*unbound parameters"):
        OqtopusJobSpec.sampling(device_id="d", program=qc)


def test_export_rejects_non_circuits() -> None:
    with pytest.raises(TypeError, match="QuantumCircuit"):
        circuit_to_qasm3("OPENQASM 3;")


def test_spec_accepts_circuits_everywhere() -> None:
    bell = QuantumCircuit(2, 2)
    bell.h(0)
    bell.cx(0, 1)
    bell.measure([0, 1], [0, 1])
    text = circuit_to_qasm3(bell)
    assert OqtopusJobSpec.sampling(device_id="d", program=bell).programs == [text]
    multi = OqtopusJobSpec.multi_manual(device_id="d", program=[bell, text, bell])
    assert multi.to_input_document() == {"program": [text, text, text]}
    built = OqtopusJobSpec(device_id="d", job_type="sampling", program=bell)
    assert built.program == text
    estimation = OqtopusJobSpec.estimation(
        device_id="d", program=bell, operator=SparsePauliOp(["XX", "IZ"], [1.5, -0.5])
    )
    assert estimation.to_input_document() == {
        "program": [text],
        "operator": [{"pauli": "X 0 X 1", "coeff": 1.5}, {"pauli": "Z 0", "coeff": -0.5}],
    }
    late = OqtopusJobSpec.sampling(device_id="d", program="x")
    late.program = bell  # assigned after construction: exported when read
    assert late.programs == [text]
    with pytest.raises(ValueError, match="sse job takes Python source"):
        OqtopusJobSpec.sse(device_id="d", program=bell)
    late_sse = OqtopusJobSpec.sse(device_id="d", program="print(1)")
    late_sse.program = bell  # assigned after construction: the SSE rule still holds
    with pytest.raises(ValueError, match="sse job takes Python source"):
        late_sse.validate()
    with pytest.raises(ValueError, match="sse job takes Python source"):
        late_sse.to_input_document()


# --- SparsePauliOp / Pauli -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operator", "expected"),
    [
        (SparsePauliOp("XZ"), [("Z 0 X 1", 1.0)]),  # rightmost letter is qubit 0
        (SparsePauliOp("ZII"), [("Z 2", 1.0)]),
        (SparsePauliOp("IYI"), [("Y 1", 1.0)]),
        (SparsePauliOp(["XX", "II"], [2.0, -0.25]), [("X 0 X 1", 2.0), ("I 0", -0.25)]),
        (Pauli("-YX"), [("X 0 Y 1", -1.0)]),  # the phase goes into the coefficient
        (SparsePauliOp(["ZI"], [1 + 1e-15j]), [("Z 1", 1.0)]),  # float noise is tolerated
        (
            SparsePauliOp.from_sparse_list([("XZ", [4, 1], 0.5)], num_qubits=5),
            [("Z 1 X 4", 0.5)],
        ),
    ],
)
def test_pauli_to_operators_order(operator: Any, expected: list[tuple[str, float]]) -> None:
    items = pauli_to_operators(operator)
    assert [(item.pauli, item.coeff) for item in items] == expected
    assert all(isinstance(item.coeff, float) for item in items)


def test_complex_coefficient_is_an_error_naming_the_term() -> None:
    op = SparsePauliOp(["ZZ", "XY"], [1.0, 0.5j])
    with pytest.raises(ValueError, match=r"term 1 'XY' has the complex coefficient 0\.5j"):
        pauli_to_operators(op)
    with pytest.raises(ValueError, match=r"operator: term 1 'XY'"):
        OqtopusJobSpec.estimation(device_id="d", program="x", operator=op)
    with pytest.raises(ValueError, match=r"term 0 'Z' has the complex coefficient"):
        pauli_to_operators(Pauli("iZ"))


def test_operator_lists_may_mix_qiskit_and_items() -> None:
    spec = OqtopusJobSpec.estimation(
        device_id="d",
        program="x",
        operator=[SparsePauliOp(["ZI", "IX"]), {"pauli": "Y 0", "coeff": 2.0}, Pauli("Z")],
    )
    assert spec.operator == [
        OqtopusEstimationOperator("Z 1", 1.0),
        OqtopusEstimationOperator("X 0", 1.0),
        {"pauli": "Y 0", "coeff": 2.0},
        OqtopusEstimationOperator("Z 0", 1.0),
    ]


# --- counts ----------------------------------------------------------------------------------


def test_counts_to_qiskit_keys() -> None:
    counts = counts_to_qiskit({"001": 3, "110": 5})
    assert counts == {"001": 3, "110": 5}
    assert counts.int_outcomes() == {1: 3, 6: 5}
    spaced = counts_to_qiskit({"001": 3, "110": 5}, creg_sizes=[["a", 1], ["b", 2]])
    assert spaced == {"00 1": 3, "11 0": 5}  # first register = rightmost bits, as in qiskit
    padded = counts_to_qiskit({"1": 2}, memory_slots=4)
    assert padded == {"0001": 2}


def fake_result(job_type: str, sampling: dict[str, Any]) -> OqtopusJobResult:
    from oqtopus_sdk.results import result_class_for

    return result_class_for(job_type).from_raw(
        {
            "job_id": "job-1",
            "job_type": job_type,
            "status": "succeeded",
            "name": "n",
            "device_id": "SVSim",
            "shots": 10,
            "job_info": {"result": {"sampling": sampling}},
        }
    )


def test_to_qiskit_sampling_and_multi_manual() -> None:
    sampling = fake_result("sampling", {"counts": {"00": 4, "11": 6}})
    assert to_qiskit(sampling) == {"00": 4, "11": 6}
    multi = fake_result(
        "multi_manual",
        {
            "counts": {"10100": 10},
            "divided_counts": {"1": {"101": 10}, "0": {"00": 10}},
        },
    )
    per_circuit = to_qiskit(multi)
    assert per_circuit == [{"00": 10}, {"101": 10}]
    first = QuantumCircuit(QuantumRegister(2), ClassicalRegister(2, "c"), name="first")
    second = QuantumCircuit(
        QuantumRegister(3), ClassicalRegister(1, "x"), ClassicalRegister(2, "y"), name="second"
    )
    result = to_qiskit_result(multi, [first, second])
    assert result.get_counts(0) == {"00": 10}
    assert result.get_counts("second") == {"10 1": 10}
    assert result.job_id == "job-1"
    with pytest.raises(ValueError, match="2 circuit results but 1 circuits"):
        to_qiskit_result(multi, [first])


def test_spec_module_does_not_import_qiskit() -> None:
    code = (
        "import sys, oqtopus_sdk, oqtopus_sdk.spec, oqtopus_sdk.preflight\n"
        "from oqtopus_sdk.spec import OqtopusJobSpec\n"
        "OqtopusJobSpec.sampling(device_id='d', program='OPENQASM 3;').validate()\n"
        "assert not any(m == 'qiskit' or m.startswith('qiskit.') for m in sys.modules), 'qiskit'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
