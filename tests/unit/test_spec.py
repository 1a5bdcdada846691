"""Job specs: exact wire documents for the four job types and validation of every field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oqtopus_api.models import JobsJobType, JobsS3OperatorItem
from oqtopus_sdk.spec import (
    OqtopusEstimationOperator,
    OqtopusJobSpec,
    SseProgramFileNotFoundError,
    load_sse_program,
    parse_pauli,
    validate_job_spec,
)

QASM = 'OPENQASM 3;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\nc = measure q;'


# --- wire documents --------------------------------------------------------------------------


def test_sampling_documents_exact() -> None:
    spec = OqtopusJobSpec.sampling(device_id="qulacs", program=QASM)
    assert spec.job_type == JobsJobType.SAMPLING
    assert isinstance(spec.job_type, JobsJobType)
    assert spec.shots == 1000
    assert spec.to_submit_body() == {
        "device_id": "qulacs",
        "job_type": "sampling",
        "transpiler_info": {},
        "simulator_info": {},
        "mitigation_info": {},
        "shots": 1000,
    }
    assert json.dumps(spec.to_submit_body()) == (
        '{"device_id": "qulacs", "job_type": "sampling", "transpiler_info": {}, '
        '"simulator_info": {}, "mitigation_info": {}, "shots": 1000}'
    )
    assert spec.to_input_document() == {"program": [QASM]}


def test_submit_body_name_description_and_infos() -> None:
    spec = OqtopusJobSpec.sampling(
        device_id="qulacs",
        program=[QASM],
        shots=10,
        name="n",
        description="",
        transpiler_info={"transpiler_lib": None},
        mitigation_info={"readout": "pseudo_inverse"},
    )
    body = spec.to_submit_body()
    assert list(body) == [
        "name",
        "description",
        "device_id",
        "job_type",
        "transpiler_info",
        "simulator_info",
        "mitigation_info",
        "shots",
    ]
    assert body["description"] == ""
    assert body["transpiler_info"] == {"transpiler_lib": None}
    assert body["mitigation_info"] == {"readout": "pseudo_inverse"}


def test_submit_body_deep_copies_infos() -> None:
    options: dict[str, Any] = {"transpiler_options": {"optimization_level": 1}}
    spec = OqtopusJobSpec.sampling(device_id="d", program=QASM, transpiler_info=options)
    body = spec.to_submit_body()
    body["transpiler_info"]["transpiler_options"]["optimization_level"] = 3
    assert options["transpiler_options"]["optimization_level"] == 1


def test_estimation_document_always_has_coeff() -> None:
    spec = OqtopusJobSpec.estimation(
        device_id="d",
        program=QASM,
        operator=[
            OqtopusEstimationOperator("X 0 X 1", 1.5),
            OqtopusEstimationOperator("Z 0"),
            {"pauli": "Y 0 Z 1", "coeff": 2},
            {"pauli": "X0 X1"},
            JobsS3OperatorItem(pauli="I 0"),
            JobsS3OperatorItem(pauli="Z 1", coeff=-0.5),
        ],
    )
    assert spec.to_input_document() == {
        "program": [QASM],
        "operator": [
            {"pauli": "X 0 X 1", "coeff": 1.5},
            {"pauli": "Z 0", "coeff": 1.0},
            {"pauli": "Y 0 Z 1", "coeff": 2.0},
            {"pauli": "X0 X1", "coeff": 1.0},
            {"pauli": "I 0", "coeff": 1.0},
            {"pauli": "Z 1", "coeff": -0.5},
        ],
    }
    assert spec.to_submit_body()["job_type"] == "estimation"


def test_multi_manual_document() -> None:
    spec = OqtopusJobSpec.multi_manual(device_id="d", program=(QASM, QASM))
    assert spec.to_input_document() == {"program": [QASM, QASM]}
    assert spec.to_submit_body()["job_type"] == "multi_manual"


def test_sampling_with_operator_keeps_it() -> None:
    spec = OqtopusJobSpec.sampling(device_id="d", program=QASM, operator=[{"pauli": "Z 0"}])
    assert spec.to_input_document()["operator"] == [{"pauli": "Z 0", "coeff": 1.0}]


def test_sse_document() -> None:
    spec = OqtopusJobSpec.sse(device_id="d", program="print('hi')\n")
    assert spec.operator is None
    assert spec.shots == 1000
    assert spec.to_input_document() == {"sse_program": "print('hi')\n"}
    assert spec.to_submit_body()["job_type"] == "sse"


def test_generated_models_match_documents() -> None:
    spec = OqtopusJobSpec.estimation(
        device_id="d", program=QASM, name="x", operator=[OqtopusEstimationOperator("Z 0")]
    )
    assert spec.to_model().to_dict() == spec.to_submit_body()
    assert spec.to_s3_submit_job_info().to_dict() == spec.to_input_document()
    sse = OqtopusJobSpec.sse(device_id="d", program="print(1)")
    assert sse.to_s3_submit_job_info().to_dict() == {"sse_program": "print(1)"}


def test_constructor_accepts_str_job_type_and_defaults() -> None:
    spec = OqtopusJobSpec(device_id="d", job_type="multi_manual", program=[QASM])
    assert spec.job_type == JobsJobType.MULTI_MANUAL
    assert spec.transpiler_info == {}
    assert spec.job_type_value == "multi_manual"
    assert spec.programs == [QASM]


def test_constructor_none_infos_become_empty_objects() -> None:
    spec = OqtopusJobSpec(
        device_id="d",
        job_type=JobsJobType.SAMPLING,
        program=QASM,
        transpiler_info=None,  # type: ignore[arg-type]
    )
    assert spec.to_submit_body()["transpiler_info"] == {}


# --- validation ------------------------------------------------------------------------------


def make(**overrides: Any) -> OqtopusJobSpec:
    kwargs: dict[str, Any] = {"device_id": "d", "job_type": "sampling", "program": QASM}
    kwargs.update(overrides)
    return OqtopusJobSpec(**kwargs)


@pytest.mark.parametrize(
    ("overrides", "pattern"),
    [
        ({"job_type": "annealing"}, r"job_type must be one of .*'annealing'"),
        ({"job_type": None}, r"job_type .*None"),
        ({"device_id": ""}, r"device_id must be a non-empty str, got ''"),
        ({"device_id": "  "}, r"device_id .*'  '"),
        ({"device_id": None}, r"device_id .*None"),
        ({"program": ""}, r"program\[0\] must be a non-empty str, got ''"),
        ({"program": [QASM, 5], "job_type": "multi_manual"}, r"program\[1\] .*got 5"),
        ({"program": b"qasm"}, r"program must be a str or a sequence of str, got b'qasm'"),
        ({"program": 3}, r"program must be .*got 3"),
        ({"program": [QASM, QASM]}, r"sampling job takes exactly one program, got 2"),
        ({"program": []}, r"sampling job takes exactly one program, got 0"),
        (
            {"program": [], "job_type": "multi_manual"},
            r"multi_manual job needs at least one program, got 0",
        ),
        (
            {"program": ["a", "b"], "job_type": "sse"},
            r"SSE jobs require exactly one Python program, got 2",
        ),
        ({"shots": 0}, r"shots must be an int in 1\.\.10000000, got 0"),
        ({"shots": 10_000_001}, r"shots .*got 10000001"),
        ({"shots": True}, r"shots .*got True"),
        ({"shots": 10.0}, r"shots .*got 10\.0"),
        ({"shots": "100"}, r"shots .*got '100'"),
        ({"name": 5}, r"name must be a str or None, got 5"),
        ({"description": ["x"]}, r"description .*\['x'\]"),
        ({"transpiler_info": [1]}, r"transpiler_info must be a mapping .*\[1\]"),
        ({"simulator_info": {"x": float("nan")}}, r"simulator_info must be JSON-serialisable"),
        ({"mitigation_info": {"x": object()}}, r"mitigation_info must be JSON-serialisable"),
        ({"mitigation_info": {1: "a"}}, r"mitigation_info keys must be str, got 1"),
        (
            {"transpiler_info": {"opts": [{2: "x"}]}},
            r"transpiler_info\['opts'\]\[0\] keys must be str, got 2",
        ),
        ({"job_type": "estimation"}, r"estimation job needs at least one operator, got None"),
        ({"job_type": "estimation", "operator": []}, r"at least one operator, got \[\]"),
        (
            {"job_type": "sse", "program": "print(1)", "operator": [{"pauli": "Z 0"}]},
            r"operator is not used by sse jobs",
        ),
        ({"operator": "Z 0"}, r"operator must be a sequence of operator items, got 'Z 0'"),
        ({"operator": [5]}, r"operator\[0\] must be an OqtopusEstimationOperator .*got 5"),
        ({"operator": [{"coeff": 1.0}]}, r"operator\[0\] needs a 'pauli' string"),
        ({"operator": [{"pauli": "Z 0", "c": 1}]}, r"operator\[0\] has unknown keys \['c'\]"),
        ({"operator": [{"pauli": "Q 0"}]}, r"operator\[0\]\.pauli: .*'Q 0'.*unexpected 'Q'"),
        ({"operator": [{"pauli": 7}]}, r"operator\[0\]\.pauli: pauli must be a str .*7"),
        (
            {"operator": [{"pauli": "Z 0", "coeff": float("inf")}]},
            r"operator\[0\]\.coeff must be a finite real number, got inf",
        ),
        (
            {"operator": [{"pauli": "Z 0", "coeff": 1j}]},
            r"operator\[0\]\.coeff must be a finite real number, got 1j",
        ),
        (
            {"operator": [{"pauli": "Z 0"}, {"pauli": "Z 0", "coeff": "1"}]},
            r"operator\[1\]\.coeff .*got '1'",
        ),
        (
            {"operator": [{"pauli": "Z 0", "coeff": True}]},
            r"operator\[0\]\.coeff .*got True",
        ),
    ],
)
def test_validation_names_field_and_value(overrides: dict[str, Any], pattern: str) -> None:
    spec = make(**overrides)
    with pytest.raises(ValueError, match=pattern):
        spec.validate()
    # nothing invalid can be turned into a request either
    with pytest.raises(ValueError, match=pattern):
        spec.to_submit_body()
    with pytest.raises(ValueError, match=pattern):
        spec.to_input_document()


def test_shots_bounds_accepted() -> None:
    make(shots=1).validate()
    make(shots=10_000_000).validate()


def test_validate_job_spec_type_error() -> None:
    with pytest.raises(TypeError, match="OqtopusJobSpec"):
        validate_job_spec({"device_id": "d"})  # type: ignore[arg-type]


def test_sse_to_s3_submit_job_info_requires_one_program() -> None:
    spec = OqtopusJobSpec.sse(device_id="d", program=["a", "b"])
    with pytest.raises(ValueError, match="SSE jobs require exactly one Python program"):
        spec.to_s3_submit_job_info()


def test_to_model_validates() -> None:
    with pytest.raises(ValueError, match="shots"):
        make(shots=0).to_model()


# --- Pauli strings and operators -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("X 0 Y 1", [("X", 0), ("Y", 1)]),
        ("X0 Y1", [("X", 0), ("Y", 1)]),
        ("Z 10", [("Z", 10)]),
        ("  I 0  ", [("I", 0)]),
        ("X0 Y 1 Z12", [("X", 0), ("Y", 1), ("Z", 12)]),
    ],
)
def test_parse_pauli(text: str, terms: list[tuple[str, int]]) -> None:
    assert parse_pauli(text) == terms


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("", "at least one term"),
        ("X", r"'X' must be followed by a non-negative qubit index, found 'nothing'"),
        ("X -1", r"found '-1'"),
        ("X 0 X 0", "qubit 0 appears more than once"),
        ("X0 Z 0", "qubit 0 appears more than once"),
        ("x 0", r"unexpected 'x'"),
        ("XY 0", r"unexpected 'XY'"),
        ("X 1.5", r"found '1\.5'"),
        ("0 X", r"unexpected '0'"),
        ("X ٣", r"not a number"),
    ],
)
def test_parse_pauli_rejects(text: str, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        parse_pauli(text)


def test_operator_wire_and_models() -> None:
    op = OqtopusEstimationOperator("X 0", None)
    assert op.to_dict() == {"pauli": "X 0", "coeff": 1.0}
    model = op.to_model()
    assert (model.pauli, model.coeff) == ("X 0", 1.0)
    back = OqtopusEstimationOperator.from_model(JobsS3OperatorItem(pauli="Y 1"))
    assert back == OqtopusEstimationOperator("Y 1", None)
    assert OqtopusEstimationOperator.from_model({"pauli": "Z 0", "coeff": 0.5}).coeff == 0.5
    with pytest.raises(ValueError, match="unknown keys"):
        OqtopusEstimationOperator.from_model({"pauli": "Z 0", "weight": 1})


def test_operator_is_frozen() -> None:
    op = OqtopusEstimationOperator("Z 0", 1.0)
    with pytest.raises(AttributeError):
        op.coeff = 2.0  # type: ignore[misc]


def test_operator_validate_names_position() -> None:
    with pytest.raises(ValueError, match=r"operator\.pauli"):
        OqtopusEstimationOperator("bad").validate()


# --- SSE program files -----------------------------------------------------------------------


def test_load_sse_program(tmp_path: Path) -> None:
    path = tmp_path / "prog.py"
    path.write_text("print('héllo')\n", encoding="utf-8")
    assert load_sse_program(path) == "print('héllo')\n"
    assert load_sse_program(str(path)) == "print('héllo')\n"


def test_load_sse_program_missing_is_both_errors(tmp_path: Path) -> None:
    missing = tmp_path / "nope.py"
    with pytest.raises(FileNotFoundError, match=r"does not exist: .*nope\.py"):
        load_sse_program(missing)
    with pytest.raises(ValueError, match=r"nope\.py"):
        load_sse_program(missing)
    assert issubclass(SseProgramFileNotFoundError, ValueError)


def test_load_sse_program_rejections(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=rf"not a file: {tmp_path}"):
        load_sse_program(tmp_path)
    txt = tmp_path / "prog.txt"
    txt.write_text("print(1)")
    with pytest.raises(ValueError, match=r"not a Python \(\.py\) file: .*prog\.txt"):
        load_sse_program(txt)
    big = tmp_path / "big.py"
    big.write_bytes(b"#" * 100)
    with pytest.raises(ValueError, match=r"big\.py is larger than 100 bytes"):
        load_sse_program(big, max_file_size=100)
    assert load_sse_program(big, max_file_size=101) == "#" * 100
    latin = tmp_path / "latin.py"
    latin.write_bytes(b"# caf\xe9\n")
    with pytest.raises(ValueError, match=r"UTF-8 text: .*latin\.py"):
        load_sse_program(latin)
    with pytest.raises(ValueError, match="max_file_size"):
        load_sse_program(big, max_file_size=0)


# --- parity with the reference SDK -----------------------------------------------------------


@pytest.mark.compat
@pytest.mark.parametrize("job_type", ["sampling", "estimation", "multi_manual", "sse"])
def test_documents_match_reference_sdk(job_type: str) -> None:
    reference = pytest.importorskip("oqtopus_client")
    programs: Any = (
        "print(1)" if job_type == "sse" else [QASM, QASM][: 2 if job_type == "multi_manual" else 1]
    )
    kwargs: dict[str, Any] = {
        "device_id": "qulacs",
        "program": programs,
        "shots": 42,
        "name": "n",
        "transpiler_info": {"transpiler_lib": None},
    }
    if job_type == "estimation":
        ours_ops: list[Any] = [OqtopusEstimationOperator("Z 0", 2.0)]
        kwargs_ref = {**kwargs, "operator": [reference.OqtopusEstimationOperator("Z 0", 2.0)]}
        kwargs = {**kwargs, "operator": ours_ops}
    else:
        kwargs_ref = kwargs
    ours = getattr(OqtopusJobSpec, job_type)(**kwargs)
    theirs = getattr(reference.OqtopusJobSpec, job_type)(**kwargs_ref)
    assert ours.to_submit_body() == json.loads(theirs.to_model().to_json())
    assert ours.to_input_document() == theirs.to_s3_submit_job_info().to_dict()


# --- empty device id inside the SSE container --------------------------------------------------


def test_empty_device_id_accepted_in_sse_container(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_ENV", "sse_container")
    spec = OqtopusJobSpec.sampling(device_id="", program=QASM)
    spec.validate()
    assert spec.to_submit_body()["device_id"] == ""
    with pytest.raises(ValueError, match=r"device_id must be a non-empty str, got '  '"):
        make(device_id="  ").validate()  # only the exact empty string is routed by the driver


@pytest.mark.parametrize("mode", [None, "local", "SSE_CONTAINER"])
def test_empty_device_id_rejected_elsewhere(
    monkeypatch: pytest.MonkeyPatch, mode: str | None
) -> None:
    if mode is None:
        monkeypatch.delenv("OQTOPUS_ENV", raising=False)
    else:
        monkeypatch.setenv("OQTOPUS_ENV", mode)
    with pytest.raises(
        ValueError, match=r"device_id must be a non-empty str, got ''.*OQTOPUS_ENV=sse_container"
    ):
        make(device_id="").validate()


def test_plain_inputs_are_kept_as_given() -> None:
    operators = [{"pauli": "Z 0", "coeff": 0.5}]
    programs = (QASM, QASM)
    spec = OqtopusJobSpec.multi_manual(device_id="d", program=programs, operator=operators)
    assert spec.program is programs
    assert spec.operator is operators
