"""What to run: :class:`OqtopusJobSpec`, estimation operators, and their validation.

A spec turns into two exact JSON documents: the ``POST /jobs/{id}/submit`` body
(:meth:`OqtopusJobSpec.to_submit_body`) and the input uploaded as ``input.zip``
(:meth:`OqtopusJobSpec.to_input_document`). Both are validated first, so a bad spec fails
before anything is registered on the server; each error names the field and the value.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from ._display import shorten
from ._operators import OqtopusEstimationOperator, parse_pauli
from .constants import (
    DEFAULT_SHOTS,
    DEFAULT_SSE_MAX_FILE_SIZE,
    MAX_SHOTS,
    MIN_SHOTS,
)
from .errors import describe_value

if TYPE_CHECKING:
    from qiskit.circuit import QuantumCircuit
    from qiskit.quantum_info import Pauli, SparsePauliOp

    from oqtopus_api.models import (
        JobsJobType,
        JobsS3OperatorItem,
        JobsS3SubmitJobInfo,
        JobsSubmitJobRequest,
    )

__all__ = [
    "JOB_TYPES",
    "OperatorInput",
    "OperatorLike",
    "OqtopusEstimationOperator",
    "OqtopusJobSpec",
    "ProgramInput",
    "SseProgramFileNotFoundError",
    "load_sse_program",
    "parse_pauli",
    "validate_job_spec",
]

JOB_TYPES: Final = ("sampling", "estimation", "multi_manual", "sse")

_INFO_FIELDS: Final = ("transpiler_info", "simulator_info", "mitigation_info")
_MODE_ENV: Final = "OQTOPUS_ENV"
_SSE_CONTAINER: Final = "sse_container"


class SseProgramFileNotFoundError(FileNotFoundError, ValueError):
    """The SSE program file does not exist (a ValueError too, as 1.3.0 raised ValueError)."""


OperatorLike: TypeAlias = "OqtopusEstimationOperator | JobsS3OperatorItem | Mapping[str, Any]"
"""An operator item: OqtopusEstimationOperator, generated JobsS3OperatorItem, or a mapping."""

OperatorInput: TypeAlias = (
    "Sequence[OperatorLike | SparsePauliOp | Pauli] | SparsePauliOp | Pauli | None"
)
"""An estimation operator: operator items, or a qiskit ``SparsePauliOp`` / ``Pauli`` (or a
sequence mixing them); qiskit objects become items when the spec is built."""

ProgramInput: TypeAlias = "str | QuantumCircuit | Sequence[str | QuantumCircuit]"
"""One program or several: OpenQASM 3 text or a qiskit ``QuantumCircuit`` (exported to
OpenQASM 3 with ``stdgates.inc`` gates when the spec is built)."""


def _loaded_qiskit_class(module: str, name: str) -> type | None:
    # An object can only be a qiskit instance if qiskit is already imported: never import it.
    loaded = sys.modules.get(module)
    found = getattr(loaded, name, None) if loaded is not None else None
    return found if isinstance(found, type) else None


def _is_circuit(value: object) -> bool:
    cls = _loaded_qiskit_class("qiskit.circuit", "QuantumCircuit")
    return cls is not None and isinstance(value, cls)


def _is_pauli_operator(value: object) -> bool:
    classes = [
        _loaded_qiskit_class("qiskit.quantum_info", name) for name in ("SparsePauliOp", "Pauli")
    ]
    return any(cls is not None and isinstance(value, cls) for cls in classes)


def _export_programs(program: object, job_type: str) -> object:
    """Replace QuantumCircuits in ``program`` by their OpenQASM 3 text; other values stay."""
    if _is_circuit(program):
        items: list[object] = [program]
        single = True
    elif isinstance(program, Sequence) and not isinstance(program, str | bytes | bytearray):
        items = list(program)
        single = False
        if not any(_is_circuit(item) for item in items):
            return program
    else:
        return program
    if job_type == "sse":
        raise ValueError("program: an sse job takes Python source, not a QuantumCircuit")
    from oqtopus_sdk.qiskit.convert import circuit_to_qasm3

    exported: list[object] = []
    for index, item in enumerate(items):
        if not _is_circuit(item):
            exported.append(item)
            continue
        try:
            exported.append(circuit_to_qasm3(item))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"program[{index}]: {exc}") from None
    return exported[0] if single else exported


def _convert_operator(operator: object) -> object:
    """Turn a qiskit SparsePauliOp / Pauli (alone or inside a sequence) into operator items."""
    if _is_pauli_operator(operator):
        from oqtopus_sdk.qiskit.convert import pauli_to_operators

        return pauli_to_operators(operator, where="operator")
    if (
        isinstance(operator, Sequence)
        and not isinstance(operator, str | bytes | bytearray)
        and any(_is_pauli_operator(item) for item in operator)
    ):
        from oqtopus_sdk.qiskit.convert import pauli_to_operators

        items: list[object] = []
        for index, item in enumerate(operator):
            if _is_pauli_operator(item):
                items.extend(pauli_to_operators(item, where=f"operator[{index}]"))
            else:
                items.append(item)
        return items
    return operator


def _empty_device_id_allowed() -> bool:
    # Inside the SSE runtime container, inner jobs carry "" and the sse_driver routes them.
    return os.environ.get(_MODE_ENV) == _SSE_CONTAINER


def _operator_mapping(item: object, where: str) -> dict[str, Any]:
    if isinstance(item, OqtopusEstimationOperator):
        return {"pauli": item.pauli, "coeff": item.coeff}
    to_dict = getattr(item, "to_dict", None)
    if isinstance(item, Mapping):
        data = dict(item)
    elif hasattr(item, "pauli") and callable(to_dict):
        data = dict(to_dict())
    else:
        raise ValueError(
            f"{where} must be an OqtopusEstimationOperator or a mapping with 'pauli' and "
            f"'coeff', got {describe_value(item)}"
        )
    unknown = sorted(str(key) for key in data if key not in ("pauli", "coeff"))
    if unknown:
        raise ValueError(f"{where} has unknown keys {unknown} (only 'pauli' and 'coeff')")
    if "pauli" not in data:
        raise ValueError(f"{where} needs a 'pauli' string, got {describe_value(item)}")
    return data


def _coerce_operator(item: object, where: str) -> OqtopusEstimationOperator:
    # A generated item's to_dict() leaves out an UNSET coeff, so it arrives here as None.
    data = _operator_mapping(item, where)
    operator = OqtopusEstimationOperator(pauli=data["pauli"], coeff=data.get("coeff"))
    operator.validate(where)
    return operator


def _program_list(program: object, job_type: str) -> list[str]:
    # Circuits assigned after construction are exported now (under the job type's rules).
    program = _export_programs(program, job_type)
    if isinstance(program, str):
        return [program]
    if isinstance(program, bytes | bytearray) or not isinstance(program, Sequence):
        raise ValueError(
            f"program must be a str or a sequence of str, got {describe_value(program)}"
        )
    return list(program)


def _job_type_value(job_type: object) -> str:
    value = getattr(job_type, "value", job_type)
    if not isinstance(value, str) or value not in JOB_TYPES:
        raise ValueError(f"job_type must be one of {', '.join(JOB_TYPES)}, got {job_type!r}")
    return value


def _json_object(value: object, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a mapping (a JSON object), got {describe_value(value)}")
    try:
        # A JSON round trip both checks the value and takes a deep copy of it.
        copied: dict[str, Any] = json.loads(json.dumps(dict(value), allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be JSON-serialisable: {exc}") from None
    _check_str_keys(value, name)
    return copied


def _check_str_keys(value: object, path: str) -> None:
    # json.dumps would turn an int key into a str silently; refuse instead of changing it.
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"{path} keys must be str, got {describe_value(key)}")
            _check_str_keys(item, f"{path}[{key!r}]")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_str_keys(item, f"{path}[{index}]")


def validate_job_spec(spec: OqtopusJobSpec) -> None:
    """Check every field of a job spec before anything is sent.

    Rules: job_type is known; device_id is a non-empty str (``""`` is accepted when
    ``OQTOPUS_ENV=sse_container``: the SSE driver routes inner jobs); each program is a
    non-empty str; sampling and estimation take exactly one program, multi_manual at least
    one, sse exactly one Python program; shots is an int (not a bool) in 1..10,000,000;
    estimation needs at least one operator and sse takes none; each Pauli string is
    letter/index pairs with distinct non-negative indices; each coeff is a finite real;
    name/description are str or None; the ``*_info`` values are JSON objects.

    Args:
        spec: The spec to check.

    Raises:
        TypeError: ``spec`` is not an OqtopusJobSpec.
        ValueError: The first problem found, naming the field and the value.
    """
    if not isinstance(spec, OqtopusJobSpec):
        raise TypeError(f"expected an OqtopusJobSpec, got {type(spec).__name__}")
    job_type = _job_type_value(spec.job_type)
    if not isinstance(spec.device_id, str):
        raise ValueError(f"device_id must be a non-empty str, got {describe_value(spec.device_id)}")
    if not spec.device_id.strip() and not (spec.device_id == "" and _empty_device_id_allowed()):
        raise ValueError(
            f"device_id must be a non-empty str, got {describe_value(spec.device_id)} "
            f"(an empty device id is only accepted with {_MODE_ENV}={_SSE_CONTAINER})"
        )
    programs = _program_list(spec.program, job_type)
    for index, program in enumerate(programs):
        if not isinstance(program, str) or not program.strip():
            raise ValueError(
                f"program[{index}] must be a non-empty str, got {describe_value(program)}"
            )
    count = len(programs)
    if job_type == "sse" and count != 1:
        raise ValueError(f"SSE jobs require exactly one Python program, got {count} (program)")
    if job_type in ("sampling", "estimation") and count != 1:
        raise ValueError(
            f"program: a {job_type} job takes exactly one program, got {count}"
            + ("; use multi_manual for several circuits" if count > 1 else "")
        )
    if job_type == "multi_manual" and count < 1:
        raise ValueError("program: a multi_manual job needs at least one program, got 0")
    shots = spec.shots
    if isinstance(shots, bool) or not isinstance(shots, int) or not MIN_SHOTS <= shots <= MAX_SHOTS:
        raise ValueError(
            f"shots must be an int in {MIN_SHOTS}..{MAX_SHOTS}, got {describe_value(shots)}"
        )
    for name in ("name", "description"):
        value = getattr(spec, name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name} must be a str or None, got {describe_value(value)}")
    for name in _INFO_FIELDS:
        _json_object(getattr(spec, name), name)
    _validated_operators(spec, job_type)


def _validated_operators(
    spec: OqtopusJobSpec, job_type: str
) -> list[OqtopusEstimationOperator] | None:
    operator = _convert_operator(spec.operator)  # a qiskit operator assigned after construction
    if job_type == "sse":
        if operator:
            raise ValueError(f"operator is not used by sse jobs, got {describe_value(operator)}")
        return None
    if operator is None:
        if job_type == "estimation":
            raise ValueError("operator: an estimation job needs at least one operator, got None")
        return None
    if isinstance(operator, str | bytes | Mapping) or not isinstance(operator, Sequence):
        raise ValueError(
            f"operator must be a sequence of operator items, got {describe_value(operator)}"
        )
    if job_type == "estimation" and not operator:
        raise ValueError("operator: an estimation job needs at least one operator, got []")
    return [_coerce_operator(item, f"operator[{index}]") for index, item in enumerate(operator)]


@dataclass(slots=True)
class OqtopusJobSpec:
    """A job to submit: device, type, program(s), shots and options.

    Args:
        device_id: Target device id.
        job_type: ``sampling``, ``estimation``, ``multi_manual`` or ``sse`` (str or
            ``JobsJobType``; a known str is stored as the enum).
        program: One program (OpenQASM 3, or Python source for sse) or a sequence of them; a
            qiskit ``QuantumCircuit`` is exported to OpenQASM 3 here (gates outside
            ``stdgates.inc`` are decomposed; unbound parameters are an error).
        shots: Shots, 1..10,000,000.
        name: Optional job name.
        description: Optional job description.
        transpiler_info: Transpiler options (sent as ``{}`` when empty).
        simulator_info: Simulator options.
        mitigation_info: Error-mitigation options.
        operator: Estimation operator terms (OqtopusEstimationOperator, generated
            JobsS3OperatorItem, or ``{"pauli", "coeff"}`` mappings), or a qiskit
            ``SparsePauliOp`` / ``Pauli`` converted here (Qiskit's rightmost label letter is
            qubit 0; a coefficient with a non-zero imaginary part is an error).

    Raises:
        ValueError: A QuantumCircuit cannot be exported or a qiskit operator has a complex
            coefficient (other problems are reported by :meth:`validate`).
    """

    device_id: str
    job_type: JobsJobType | str
    program: ProgramInput
    shots: int = DEFAULT_SHOTS
    name: str | None = None
    description: str | None = None
    transpiler_info: Mapping[str, Any] = field(default_factory=dict)
    simulator_info: Mapping[str, Any] = field(default_factory=dict)
    mitigation_info: Mapping[str, Any] = field(default_factory=dict)
    operator: OperatorInput = None

    def __post_init__(self) -> None:
        value = getattr(self.job_type, "value", self.job_type)
        if isinstance(value, str) and value in JOB_TYPES and type(self.job_type) is str:
            from oqtopus_api.models import JobsJobType

            self.job_type = JobsJobType(value)
        self.program = _export_programs(self.program, str(value))
        self.operator = _convert_operator(self.operator)

    @classmethod
    def _make(cls, job_type: str, **kwargs: Any) -> OqtopusJobSpec:
        for name in _INFO_FIELDS:
            if kwargs.get(name) is None:
                kwargs[name] = {}
        return cls(job_type=job_type, **kwargs)

    @classmethod
    def sampling(
        cls,
        *,
        device_id: str,
        program: ProgramInput,
        shots: int = DEFAULT_SHOTS,
        name: str | None = None,
        description: str | None = None,
        transpiler_info: Mapping[str, Any] | None = None,
        simulator_info: Mapping[str, Any] | None = None,
        mitigation_info: Mapping[str, Any] | None = None,
        operator: OperatorInput = None,
    ) -> OqtopusJobSpec:
        """Create a sampling job spec (one OpenQASM 3 program)."""
        return cls._make(
            "sampling",
            device_id=device_id,
            program=program,
            shots=shots,
            name=name,
            description=description,
            transpiler_info=transpiler_info,
            simulator_info=simulator_info,
            mitigation_info=mitigation_info,
            operator=operator,
        )

    @classmethod
    def estimation(
        cls,
        *,
        device_id: str,
        program: ProgramInput,
        shots: int = DEFAULT_SHOTS,
        name: str | None = None,
        description: str | None = None,
        transpiler_info: Mapping[str, Any] | None = None,
        simulator_info: Mapping[str, Any] | None = None,
        mitigation_info: Mapping[str, Any] | None = None,
        operator: OperatorInput = None,
    ) -> OqtopusJobSpec:
        """Create an estimation job spec (one program and at least one operator term)."""
        return cls._make(
            "estimation",
            device_id=device_id,
            program=program,
            shots=shots,
            name=name,
            description=description,
            transpiler_info=transpiler_info,
            simulator_info=simulator_info,
            mitigation_info=mitigation_info,
            operator=operator,
        )

    @classmethod
    def multi_manual(
        cls,
        *,
        device_id: str,
        program: ProgramInput,
        shots: int = DEFAULT_SHOTS,
        name: str | None = None,
        description: str | None = None,
        transpiler_info: Mapping[str, Any] | None = None,
        simulator_info: Mapping[str, Any] | None = None,
        mitigation_info: Mapping[str, Any] | None = None,
        operator: OperatorInput = None,
    ) -> OqtopusJobSpec:
        """Create a multi_manual job spec (several programs combined into one run)."""
        return cls._make(
            "multi_manual",
            device_id=device_id,
            program=program,
            shots=shots,
            name=name,
            description=description,
            transpiler_info=transpiler_info,
            simulator_info=simulator_info,
            mitigation_info=mitigation_info,
            operator=operator,
        )

    @classmethod
    def sse(
        cls,
        *,
        device_id: str,
        program: ProgramInput,
        shots: int = DEFAULT_SHOTS,
        name: str | None = None,
        description: str | None = None,
        transpiler_info: Mapping[str, Any] | None = None,
        simulator_info: Mapping[str, Any] | None = None,
        mitigation_info: Mapping[str, Any] | None = None,
    ) -> OqtopusJobSpec:
        """Create an SSE job spec (exactly one Python program run on the server)."""
        return cls._make(
            "sse",
            device_id=device_id,
            program=program,
            shots=shots,
            name=name,
            description=description,
            transpiler_info=transpiler_info,
            simulator_info=simulator_info,
            mitigation_info=mitigation_info,
            operator=None,
        )

    def __repr__(self) -> str:
        program = self.program
        if isinstance(program, str):
            programs: list[Any] = [program]
        elif isinstance(program, Sequence) and not isinstance(program, bytes | bytearray):
            programs = list(program)
        else:
            programs = [program]
        first = programs[0] if programs else ""
        first_text = first if isinstance(first, str) else type(first).__name__
        first_text = shorten(" ".join(first_text.split()), 40)
        parts = [
            f"job_type={self.job_type_value!r}",
            f"device_id={self.device_id!r}",
            f"shots={self.shots!r}",
        ]
        if self.name:
            parts.append(f"name={shorten(str(self.name), 40)!r}")
        if len(programs) == 1:
            parts.append(f"program={first_text!r}")
        else:
            parts.append(f"programs={len(programs)} (first {first_text!r})")
        if self.operator is not None:
            count = len(self.operator) if isinstance(self.operator, Sequence) else 1
            parts.append(f"operator={count} term{'s' if count != 1 else ''}")
        for name in _INFO_FIELDS:
            value = getattr(self, name)
            if value:
                text = repr(dict(value)) if isinstance(value, Mapping) else repr(value)
                parts.append(f"{name}={shorten(text, 60)}")
        return f"OqtopusJobSpec({', '.join(parts)})"

    @property
    def job_type_value(self) -> str:
        """The job type as its wire string (``"sampling"``, ...)."""
        return str(getattr(self.job_type, "value", self.job_type))

    @property
    def programs(self) -> list[str]:
        """The program(s) as a list."""
        return _program_list(self.program, self.job_type_value)

    def validate(self) -> None:
        """Check the spec; see :func:`validate_job_spec`.

        Raises:
            ValueError: The first problem found, naming the field and the value.
        """
        validate_job_spec(self)

    def to_submit_body(self) -> dict[str, Any]:
        """Return the exact JSON body of ``POST /jobs/{job_id}/submit``.

        The three ``*_info`` objects are always present (``{}`` when empty); ``name`` and
        ``description`` are left out when None.

        Raises:
            ValueError: The spec is invalid (see :func:`validate_job_spec`).
        """
        self.validate()
        body: dict[str, Any] = {}
        if self.name is not None:
            body["name"] = self.name
        if self.description is not None:
            body["description"] = self.description
        body["device_id"] = self.device_id
        body["job_type"] = self.job_type_value
        for name in _INFO_FIELDS:
            body[name] = _json_object(getattr(self, name), name)
        body["shots"] = self.shots
        return body

    def to_input_document(self) -> dict[str, Any]:
        """Return the exact JSON object uploaded in ``input.zip``.

        ``{"program": [...]}``; plus ``"operator": [{"pauli", "coeff"}, ...]`` when operators
        are given (coeff always present); or ``{"sse_program": source}`` for sse.

        Raises:
            ValueError: The spec is invalid (see :func:`validate_job_spec`).
        """
        self.validate()
        job_type = self.job_type_value
        if job_type == "sse":
            return {"sse_program": self.programs[0]}
        document: dict[str, Any] = {"program": self.programs}
        operators = _validated_operators(self, job_type)
        if operators is not None:
            document["operator"] = [operator.to_dict() for operator in operators]
        return document

    def to_model(self) -> JobsSubmitJobRequest:
        """Return the submit body as the generated ``JobsSubmitJobRequest``.

        Raises:
            ValueError: The spec is invalid.
        """
        from oqtopus_api.models import JobsSubmitJobRequest

        return JobsSubmitJobRequest.from_dict(self.to_submit_body())

    def to_s3_submit_job_info(self) -> JobsS3SubmitJobInfo:
        """Return the uploaded input as the generated ``JobsS3SubmitJobInfo``.

        Raises:
            ValueError: The spec is invalid, e.g. an SSE job without exactly one program.
        """
        from oqtopus_api.models import JobsS3SubmitJobInfo

        return JobsS3SubmitJobInfo.from_dict(self.to_input_document())


def load_sse_program(
    file_path: str | os.PathLike[str], max_file_size: int = DEFAULT_SSE_MAX_FILE_SIZE
) -> str:
    """Read an SSE Python program from a file, with the checks 1.3.0 applies.

    Args:
        file_path: Path of a ``.py`` file.
        max_file_size: The file must be smaller than this many bytes.

    Returns:
        The source text.

    Raises:
        SseProgramFileNotFoundError: The path does not exist (also a ValueError).
        ValueError: Not a file, not ``.py``, too large, or not UTF-8; the message names the
            path.
    """
    if isinstance(max_file_size, bool) or not isinstance(max_file_size, int) or max_file_size < 1:
        raise ValueError(f"max_file_size must be a positive int, got {max_file_size!r}")
    path = Path(file_path)
    if not path.exists():
        raise SseProgramFileNotFoundError(f"The file does not exist: {path}")
    if not path.is_file():
        raise ValueError(f"The path is not a file: {path}")
    if path.suffix != ".py":
        raise ValueError(f"The file is not a Python (.py) file: {path}")
    too_large = f"size of the file {path} is larger than {max_file_size} bytes"
    if path.stat().st_size >= max_file_size:
        raise ValueError(too_large)
    raw = path.read_bytes()
    if len(raw) >= max_file_size:  # the file grew after stat()
        raise ValueError(too_large)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"SSE user program must be UTF-8 text: {path} ({exc})") from None
