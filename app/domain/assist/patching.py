"""JSON Patch (RFC 6902) as proposals carry it: checked op by op, applied to a copy.

A patch from outside (the model) is untrusted: every operation must have the documented
shape, and any problem is reported per operation so it can be sent back to be repaired.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import jsonpatch
import jsonpointer

OPS = {"add": ("path", "value"), "remove": ("path",), "replace": ("path", "value"),
       "move": ("from", "path"), "copy": ("from", "path"), "test": ("path", "value")}
MAX_OPERATIONS = 500
# Paths a change to an existing blueprint may not touch.
FIXED_PATHS = ("/key", "/schema_version", "/tenant_id")


@dataclass(frozen=True)
class PatchProblem:
    index: int | None  # the operation, or None for the patch as a whole
    message: str

    def describe(self) -> str:
        return self.message if self.index is None else f"operation {self.index}: {self.message}"


@dataclass(frozen=True)
class PatchOutcome:
    document: dict[str, Any] | None
    problems: tuple[PatchProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.problems


def check_operations(ops: Any, fixed: tuple[str, ...] = ()) -> list[PatchProblem]:
    if not isinstance(ops, list):
        return [PatchProblem(None, "the operations must be a JSON array")]
    if not ops:
        return [PatchProblem(None, "the patch has no operations")]
    if len(ops) > MAX_OPERATIONS:
        return [PatchProblem(None, f"at most {MAX_OPERATIONS} operations, not {len(ops)}")]
    problems = []
    for index, op in enumerate(ops):
        if not isinstance(op, dict):
            problems.append(PatchProblem(index, "must be an object"))
            continue
        name = op.get("op")
        if name not in OPS:
            problems.append(PatchProblem(index, f"unknown op {name!r} (use {', '.join(OPS)})"))
            continue
        required = OPS[str(name)]
        missing = [key for key in required if key not in op]
        if missing:
            problems.append(PatchProblem(index, f"{name} needs {', '.join(missing)}"))
            continue
        extra = set(op) - {"op", *required}
        if extra:
            problems.append(PatchProblem(index, f"unexpected member(s) {', '.join(sorted(extra))}"))
        for key in ("path", "from"):
            if key in op and not _is_pointer(op[key]):
                problems.append(PatchProblem(index, f"{key} {op[key]!r} is not a JSON Pointer"))
        path = op.get("path")
        if isinstance(path, str) and any(path == p or path.startswith(p + "/") for p in fixed):
            problems.append(PatchProblem(index, f"{path} cannot change in an existing blueprint"))
    return problems


def _is_pointer(value: Any) -> bool:
    return isinstance(value, str) and (value == "" or value.startswith("/"))


def apply_operations(document: dict[str, Any], ops: Any,
                     fixed: tuple[str, ...] = ()) -> PatchOutcome:
    """The patched copy of ``document``, or the problems that stopped it."""
    problems = check_operations(ops, fixed)
    if problems:
        return PatchOutcome(None, tuple(problems))
    result: Any = copy.deepcopy(document)
    for index, op in enumerate(ops):
        try:
            result = jsonpatch.apply_patch(result, [op], in_place=True)
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException) as exc:
            return PatchOutcome(None, (PatchProblem(index, f"cannot apply {op['op']} at "
                                                           f"{op.get('path')!r}: {exc}"),))
        except (TypeError, ValueError, KeyError, IndexError) as exc:
            return PatchOutcome(None, (PatchProblem(index, f"cannot apply: {exc}"),))
    if not isinstance(result, dict):
        return PatchOutcome(None, (PatchProblem(None, "the patch must leave a JSON object"),))
    return PatchOutcome(result)


@dataclass
class PatchBuilder:
    """Builds a patch while applying it, so every path refers to the document as it is."""

    document: dict[str, Any]
    ops: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.document = copy.deepcopy(self.document)

    def _do(self, op: dict[str, Any]) -> None:
        self.document = jsonpatch.apply_patch(self.document, [op], in_place=True)
        self.ops.append(op)

    def add(self, path: str, value: Any) -> None:
        self._do({"op": "add", "path": path, "value": copy.deepcopy(value)})

    def replace(self, path: str, value: Any) -> None:
        self._do({"op": "replace", "path": path, "value": copy.deepcopy(value)})

    def remove(self, path: str) -> None:
        self._do({"op": "remove", "path": path})

    def put(self, container: str, key: str, value: Any) -> None:
        """Set ``container/key`` to ``value`` if it differs (add or replace)."""
        node = jsonpointer.resolve_pointer(self.document, container)
        if not isinstance(node, dict):
            return
        if key in node:
            if node[key] != value:
                self.replace(f"{container}/{key}", value)
        else:
            self.add(f"{container}/{key}", value)

    def drop(self, container: str, key: str) -> None:
        node = jsonpointer.resolve_pointer(self.document, container)
        if isinstance(node, dict) and key in node:
            self.remove(f"{container}/{key}")
