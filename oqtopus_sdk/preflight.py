"""Pre-flight checks of a job spec, run before anything is sent to the service.

:func:`preflight_spec` catches what would otherwise come back minutes later as a failed job:
a program that is not OpenQASM 3 (or is OpenQASM 2), more qubits than the device has, or
an estimation operator acting on a qubit the program does not have. Every error is a
:class:`PreflightError` (a ValueError) subclass that names the program and the problem.

Parsing uses qiskit's OpenQASM 3 importer when qiskit is installed (``pip install
'oqtopus-sdk[qiskit]'``) and is cached by program text, so checking the same program again is
free. Without qiskit, the syntax is not checked; qubit counts then come from the
``qubit[n]`` / ``qreg`` declarations.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from oqtopus_sdk.device import OqtopusDevice
    from oqtopus_sdk.spec import OqtopusJobSpec

__all__ = [
    "OperatorQubitError",
    "PreflightError",
    "ProgramInfo",
    "ProgramSyntaxError",
    "Qasm2ProgramError",
    "TooManyQubitsError",
    "inspect_program",
    "preflight_spec",
    "remember_program",
]

_QASM2_HEADER: Final = re.compile(r"\A(?:\s|//[^\n]*\n|/\*.*?\*/)*OPENQASM\s+2(?:\.\d+)?\s*;", re.S)
_QUBIT_DECL: Final = re.compile(r"\bqubit\s*(?:\[\s*(\d+)\s*\])?\s+[A-Za-z_]\w*\s*;")
_PHYSICAL_QUBIT: Final = re.compile(r"\$(\d+)")
_LINE_COLUMN: Final = re.compile(r"^L?(\d+)[,:]C?(\d+):\s*")
_ANTLR_LINE: Final = re.compile(r"line (\d+):(\d+) ([^\n]*)")
_CACHE_SIZE: Final = 512
_parse_lock = threading.Lock()
_known: OrderedDict[str, ProgramInfo] = OrderedDict()
_known_lock = threading.Lock()


class PreflightError(ValueError):
    """A job spec fails a pre-flight check; nothing was sent.

    Attributes:
        program_index: The program concerned (None when not about one program).
    """

    def __init__(self, message: str, *, program_index: int | None = None) -> None:
        super().__init__(message)
        self.program_index = program_index


class Qasm2ProgramError(PreflightError):
    """The program is OpenQASM 2; the service takes OpenQASM 3 only."""


class ProgramSyntaxError(PreflightError):
    """The program does not parse or load as OpenQASM 3.

    Attributes:
        line: 1-based line of the problem, when the parser reports one.
        column: 1-based column, when the parser reports one.
    """

    def __init__(
        self,
        message: str,
        *,
        program_index: int | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message, program_index=program_index)
        self.line = line
        self.column = column


class TooManyQubitsError(PreflightError):
    """The program(s) use more qubits than the device has."""


class OperatorQubitError(PreflightError):
    """An estimation operator acts on a qubit the program does not have."""


@dataclass(frozen=True, slots=True)
class ProgramInfo:
    """What the checks learn from one program.

    Args:
        num_qubits: Qubits the program uses (declared, or the highest physical ``$n`` + 1).
        num_clbits: Classical bits (None when qiskit is not installed).
        parsed: Whether qiskit's importer loaded it (False: declarations were counted).
    """

    num_qubits: int
    num_clbits: int | None
    parsed: bool


class _SyntaxProblem(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _qiskit_loads() -> Any:
    try:
        from qiskit import qasm3
    except ImportError:
        return None
    return qasm3.loads


def _syntax_position(exc: BaseException) -> tuple[int | None, int | None, str]:
    """Dig the 1-based line/column and a message out of a qiskit / openqasm3 / antlr error."""
    text = str(exc).strip().strip("'\"")
    match = _LINE_COLUMN.match(text)
    if match:
        return int(match.group(1)), int(match.group(2)) + 1, text[match.end() :]
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        candidates = [current, *(arg for arg in current.args if isinstance(arg, BaseException))]
        for candidate in candidates:
            token = getattr(candidate, "offendingToken", None)
            if token is not None and getattr(token, "line", None) is not None:
                found = getattr(token, "text", None)
                return (
                    int(token.line),
                    int(token.column) + 1,
                    f"unexpected {found!r}" if found else text,
                )
        current = current.__cause__ or current.__context__
    return None, None, f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _inspect_cached(program: str) -> ProgramInfo | _SyntaxProblem:
    loads = _qiskit_loads()
    if loads is None:
        declared = sum(int(size or 1) for size in _QUBIT_DECL.findall(program))
        physical = [int(index) + 1 for index in _PHYSICAL_QUBIT.findall(program)]
        return ProgramInfo(max([declared, *physical]), None, parsed=False)
    noise = io.StringIO()
    try:
        # antlr prints syntax errors to stderr as well as raising; keep that out of the output.
        with _parse_lock, contextlib.redirect_stderr(noise):
            circuit = loads(program)
    except Exception as exc:
        line, column, message = _syntax_position(exc)
        printed = _ANTLR_LINE.match(noise.getvalue().strip())
        if printed:  # antlr's own wording, e.g. "no viable alternative at input '<EOF>'"
            message = printed.group(3)
            line, column = int(printed.group(1)), int(printed.group(2)) + 1
        return _SyntaxProblem(message, line, column)
    return ProgramInfo(int(circuit.num_qubits), int(circuit.num_clbits), parsed=True)


def remember_program(program: str, *, num_qubits: int, num_clbits: int) -> None:
    """Record what an exported program uses, so checking it needs no parse.

    :func:`~oqtopus_sdk.qiskit.circuit_to_qasm3` calls this for every text qiskit's exporter
    writes: parsing a large program with the reference OpenQASM 3 parser takes a noticeable
    time (about 0.6 s for 1,500 gates), and the exporter's output is known to be valid.

    Args:
        program: The exact program text.
        num_qubits: Qubits of the exported circuit.
        num_clbits: Its classical bits.
    """
    with _known_lock:
        _known[program] = ProgramInfo(num_qubits, num_clbits, parsed=True)
        _known.move_to_end(program)
        while len(_known) > _CACHE_SIZE:
            _known.popitem(last=False)


def _remembered(program: str) -> ProgramInfo | None:
    with _known_lock:
        return _known.get(program)


def inspect_program(program: str, *, index: int = 0) -> ProgramInfo:
    """Check one OpenQASM 3 program and count its qubits (cached by program text).

    Args:
        program: The program text.
        index: Its position in the spec's ``program`` list (named in errors).

    Returns:
        What the program uses.

    Raises:
        Qasm2ProgramError: The text starts with ``OPENQASM 2``.
        ProgramSyntaxError: qiskit is installed and cannot load the text (line and column
            from the parser when it gives them).
    """
    if _QASM2_HEADER.match(program):
        raise Qasm2ProgramError(
            f"program[{index}] is OpenQASM 2, which is not accepted; convert it with "
            "qiskit.qasm3.dumps(QuantumCircuit.from_qasm_str(program)) or pass the "
            "QuantumCircuit itself",
            program_index=index,
        )
    found = _remembered(program) or _inspect_cached(program)
    if isinstance(found, _SyntaxProblem):
        where = f" at line {found.line}, column {found.column}" if found.line is not None else ""
        raise ProgramSyntaxError(
            f"program[{index}] is not valid OpenQASM 3{where}: {found.message}",
            program_index=index,
            line=found.line,
            column=found.column,
        )
    return found


def _device_qubits(device: OqtopusDevice | int | None) -> tuple[int | None, str]:
    if device is None:
        return None, ""
    if isinstance(device, bool):
        raise TypeError("device must be an OqtopusDevice, an int or None, got a bool")
    if isinstance(device, int):
        return device, f"the device ({device} qubits)"
    n_qubits = getattr(device, "n_qubits", None)
    name = getattr(device, "device_id", "?")
    return (n_qubits if isinstance(n_qubits, int) else None), f"device {name!r}"


def _operator_qubits(spec: OqtopusJobSpec) -> list[tuple[int, str, int]]:
    """(index, pauli, qubit) of every non-identity letter; the spec is already validated."""
    from oqtopus_sdk.spec import _validated_operators, parse_pauli

    operators = _validated_operators(spec, spec.job_type_value) or []
    return [
        (index, op.pauli, qubit)
        for index, op in enumerate(operators)
        for letter, qubit in parse_pauli(op.pauli)
        if letter != "I"
    ]


def preflight_spec(spec: OqtopusJobSpec, *, device: OqtopusDevice | int | None = None) -> None:
    """Check a job spec before it is sent; raises at the first problem.

    Checks, in order: the spec's own validation (:meth:`OqtopusJobSpec.validate`); for
    every OpenQASM program: not OpenQASM 2, parses as OpenQASM 3 (when qiskit is installed);
    with a device: the qubits of each program, and of all programs together for
    multi_manual (the service places them side by side), fit the device's ``n_qubits``;
    for operators: every non-identity qubit exists in the program. SSE programs (Python) are
    not parsed.

    Args:
        spec: The spec.
        device: The target device (an :class:`~oqtopus_sdk.device.OqtopusDevice`), its
            qubit count as an int, or None to skip the device checks.

    Raises:
        ValueError: The spec itself is invalid (see :func:`~oqtopus_sdk.spec.validate_job_spec`).
        Qasm2ProgramError: A program is OpenQASM 2.
        ProgramSyntaxError: A program does not parse (with line and column).
        TooManyQubitsError: More qubits than the device has.
        OperatorQubitError: An operator acts on a qubit outside the program.
    """
    spec.validate()
    job_type = spec.job_type_value
    if job_type == "sse":
        return
    programs = spec.programs
    infos = [inspect_program(program, index=index) for index, program in enumerate(programs)]
    limit, label = _device_qubits(device)
    if limit is not None:
        for index, info in enumerate(infos):
            if info.num_qubits > limit:
                raise TooManyQubitsError(
                    f"program[{index}] uses {info.num_qubits} qubits but {label} has {limit}",
                    program_index=index,
                )
        total = sum(info.num_qubits for info in infos)
        if job_type == "multi_manual" and total > limit:
            raise TooManyQubitsError(
                f"the {len(infos)} programs of this multi_manual job use {total} qubits "
                f"together but {label} has {limit}; split them over several jobs"
            )
    if infos:
        width = infos[0].num_qubits
        for index, pauli, qubit in _operator_qubits(spec):
            if qubit >= width:
                raise OperatorQubitError(
                    f"operator[{index}] {pauli!r} acts on qubit {qubit} but program[0] has "
                    f"{width} qubits (0..{width - 1})",
                    program_index=0,
                )
