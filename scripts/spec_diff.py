#!/usr/bin/env python3
"""Print what changed between two OpenAPI descriptions of the User API, for reviewing an API change.

Usage: scripts/spec_diff.py OLD NEW   (also: scripts/regenerate --diff OLD NEW)

Both documents are flattened into facts (operations, parameters and their constraints,
request and response bodies, schemas, fields, required keys, enum values); the facts only in
OLD are printed as removed, only in NEW as added, and those whose value differs as changed.
Exit status: 0 when nothing differs, 1 when something does, 2 on bad input.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PRIMITIVES = ("string", "integer", "number", "boolean")
PARAMETER_ATTRIBUTES = ("required", "minimum", "maximum", "maxLength", "minLength", "default")
FIELD_ATTRIBUTES = ("nullable", "minimum", "maximum", "maxLength", "minLength", "default")
REF_PREFIX = "#/components/"

Facts = dict[str, str]


def _resolve(node: Any, document: Mapping[str, Any]) -> Any:
    """Follow a local $ref (parameters, responses, request bodies); schemas are described instead."""
    seen = 0
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and seen < 10:
        ref: str = node["$ref"]
        if not ref.startswith(REF_PREFIX) or ref.startswith(REF_PREFIX + "schemas/"):
            return node
        target: Any = document
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        node = target
        seen += 1
    return node


def describe_type(schema: Any, schemas: Mapping[str, Any], depth: int = 0) -> str:
    """A short, comparable description of a schema's type (refs to primitives are followed)."""
    if not isinstance(schema, Mapping) or depth > 8:
        return "any"
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        target = schemas.get(name, {})
        if (
            isinstance(target, Mapping)
            and target.get("type") in PRIMITIVES
            and "enum" not in target
            and "properties" not in target
        ):
            return describe_type(target, schemas, depth + 1)
        return f"ref:{name}"
    for combiner in ("allOf", "anyOf", "oneOf"):
        parts = schema.get(combiner)
        if isinstance(parts, list):
            typed = [p for p in parts if isinstance(p, Mapping) and set(p) - {"description"}]
            if len(typed) == 1:
                return describe_type(typed[0], schemas, depth + 1)
            inner = ",".join(describe_type(p, schemas, depth + 1) for p in typed)
            return f"{combiner}[{inner}]"
    kind = schema.get("type")
    if kind is None and "properties" in schema:
        kind = "object"
    if kind == "array":
        return f"array[{describe_type(schema.get('items', {}), schemas, depth + 1)}]"
    fmt = schema.get("format")
    text = str(kind) if kind else "any"
    return f"{text}({fmt})" if fmt else text


def _schema_facts(prefix: str, schema: Any, schemas: Mapping[str, Any], facts: Facts) -> None:
    if not isinstance(schema, Mapping):
        return
    for value in schema.get("enum") or []:
        facts[f"enum {prefix} {value!r}"] = "present"
    for name in schema.get("required") or []:
        facts[f"required {prefix}.{name}"] = "required"
    items = schema.get("items")
    if isinstance(items, Mapping) and "$ref" not in items:
        for value in items.get("enum") or []:
            facts[f"enum {prefix}[] {value!r}"] = "present"
        if "properties" in items:
            _schema_facts(f"{prefix}[]", items, schemas, facts)
    for prop, sub in (schema.get("properties") or {}).items():
        field = f"{prefix}.{prop}"
        facts[f"field {field} .type"] = describe_type(sub, schemas)
        if isinstance(sub, Mapping):
            for attribute in FIELD_ATTRIBUTES:
                if attribute in sub:
                    facts[f"field {field} .{attribute}"] = repr(sub[attribute])
            if "$ref" not in sub:
                _schema_facts(field, sub, schemas, facts)


def flatten(document: Mapping[str, Any]) -> Facts:
    """Flatten an OpenAPI document into comparable facts, keyed by what they describe."""
    facts: Facts = {}
    schemas: Mapping[str, Any] = document.get("components", {}).get("schemas", {}) or {}
    for path, item in (document.get("paths") or {}).items():
        item = _resolve(item, document)
        shared = item.get("parameters", []) if isinstance(item, Mapping) else []
        for method in HTTP_METHODS:
            operation = item.get(method) if isinstance(item, Mapping) else None
            if not isinstance(operation, Mapping):
                continue
            where = f"{method.upper()} {path}"
            facts[f"operation {where}"] = str(operation.get("operationId"))
            for raw in [*shared, *(operation.get("parameters") or [])]:
                parameter = _resolve(raw, document)
                if not isinstance(parameter, Mapping):
                    continue
                key = f"parameter {where} {parameter.get('in')}:{parameter.get('name')}"
                schema = parameter.get("schema", {})
                facts[f"{key} .type"] = describe_type(schema, schemas)
                facts[f"{key} .required"] = repr(bool(parameter.get("required", False)))
                if isinstance(schema, Mapping):
                    for attribute in PARAMETER_ATTRIBUTES[1:]:
                        if attribute in schema:
                            facts[f"{key} .{attribute}"] = repr(schema[attribute])
                    for value in schema.get("enum") or []:
                        facts[f"{key} .enum {value!r}"] = "present"
            body = _resolve(operation.get("requestBody"), document)
            if isinstance(body, Mapping):
                schema = body.get("content", {}).get("application/json", {}).get("schema")
                facts[f"request {where}"] = describe_type(schema, schemas)
            for status, response in (operation.get("responses") or {}).items():
                response = _resolve(response, document)
                content = response.get("content") if isinstance(response, Mapping) else None
                schema = (content or {}).get("application/json", {}).get("schema")
                facts[f"response {where} {status}"] = (
                    describe_type(schema, schemas) if schema is not None else "no body"
                )
    for name, schema in schemas.items():
        facts[f"schema {name}"] = describe_type(schema, schemas)
        _schema_facts(name, schema, schemas, facts)
    return facts


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Return ``{"added": {key: new}, "removed": {key: old}, "changed": {key: (old, new)}}``."""
    before, after = flatten(old), flatten(new)
    return {
        "added": {k: after[k] for k in sorted(after.keys() - before.keys())},
        "removed": {k: before[k] for k in sorted(before.keys() - after.keys())},
        "changed": {
            k: (before[k], after[k])
            for k in sorted(before.keys() & after.keys())
            if before[k] != after[k]
        },
    }


def load(path: Path) -> dict[str, Any]:
    """Load a YAML or JSON OpenAPI document."""
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    if not isinstance(document, dict) or "paths" not in document:
        raise ValueError(f"{path} is not an OpenAPI document (no 'paths')")
    return document


def render(result: Mapping[str, Mapping[str, Any]]) -> str:
    """Human-readable report of :func:`compare`'s result."""
    lines: list[str] = []
    for key, value in result["removed"].items():
        lines.append(f"- {key}: {value}")
    for key, value in result["added"].items():
        lines.append(f"+ {key}: {value}")
    for key, (before, after) in result["changed"].items():
        lines.append(f"~ {key}: {before} -> {after}")
    return "\n".join(lines) if lines else "no differences"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: spec_diff.py OLD NEW", file=sys.stderr)
        return 2
    try:
        result = compare(load(Path(args[0])), load(Path(args[1])))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"spec_diff: {exc}", file=sys.stderr)
        return 2
    print(render(result))
    counts = {k: len(v) for k, v in result.items()}
    print(f"{counts['removed']} removed, {counts['added']} added, {counts['changed']} changed")
    return 1 if any(counts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
