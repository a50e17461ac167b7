"""The state of one open blueprint in the editor (Qt-free).

The session holds the working document, the raw text shown beside the forms, and the
version the editing started from. Every change, from a form or from the raw text, is one
step that can be undone; consecutive edits of the same form field fold into one step, so
undo does not walk back a label letter by letter. Raw text that cannot be read keeps the
last readable document and carries the reader's findings (with line and column) instead.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.domain.blueprint.document import dump_document, parse_document
from app.domain.blueprint.findings import Finding, ValidationReport, pointer_parts
from app.domain.blueprint.model import Blueprint

FORMATS = ("yaml", "json")
HISTORY_LIMIT = 200

Validator = Callable[[dict[str, Any]], tuple[Blueprint | None, ValidationReport]]


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Any = _Remove()  # a form value meaning "leave this attribute out of the document"


@dataclass(frozen=True)
class EditorState:
    """One undoable state: the raw text and the last readable document."""

    text: str
    fmt: str
    document: dict[str, Any]
    parse_findings: tuple[Finding, ...] = ()

    @property
    def readable(self) -> bool:
        return not self.parse_findings


@dataclass(frozen=True)
class LocatedFinding:
    """A finding and where it stands in the raw text (1-based; None when unknown)."""

    finding: Finding
    line: int | None = None
    column: int | None = None


@dataclass
class _Step:
    before: EditorState
    merge_key: str | None = None  # edits with the same key fold into this step


@dataclass
class _Positions:
    text: str = ""
    fmt: str = ""
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)


class EditorSession:
    def __init__(
        self,
        key: str,
        document: dict[str, Any],
        base_version: int | None,
        fmt: str = "yaml",
        validator: Validator | None = None,
        history_limit: int = HISTORY_LIMIT,
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.key = key
        self.base_version = base_version
        self._validator = validator
        self._limit = history_limit
        document = copy.deepcopy(document)
        self._state = EditorState(dump_document(document, fmt), fmt, document)
        self._saved = copy.deepcopy(document)
        self._undo: list[_Step] = []
        self._redo: list[EditorState] = []
        self._positions = _Positions()
        self.revision = 0  # grows with every change of state (undo and redo included)

    # ------------------------------------------------------------------ reading
    @property
    def state(self) -> EditorState:
        return self._state

    @property
    def document(self) -> dict[str, Any]:
        """The last readable document; treat it as read-only (edit through the session)."""
        return self._state.document

    @property
    def text(self) -> str:
        return self._state.text

    @property
    def fmt(self) -> str:
        return self._state.fmt

    @property
    def readable(self) -> bool:
        return self._state.readable

    @property
    def parse_findings(self) -> tuple[Finding, ...]:
        return self._state.parse_findings

    @property
    def saved_document(self) -> dict[str, Any]:
        return self._saved

    @property
    def dirty(self) -> bool:
        """Changes that no saved version holds (unreadable text always counts)."""
        return not self._state.readable or self._state.document != self._saved

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def value(self, path: str, default: Any = None) -> Any:
        """The document's value at a JSON Pointer (``default`` when it is not there)."""
        return resolve(self._state.document, path, default)

    # ------------------------------------------------------------------ changing
    def _push(self, new: EditorState, merge_key: str | None = None) -> bool:
        if new == self._state:
            return False
        top = self._undo[-1] if self._undo else None
        if merge_key is None or top is None or top.merge_key != merge_key or self._redo:
            self._undo.append(_Step(self._state, merge_key))
            del self._undo[: -self._limit]
        self._redo.clear()
        self._state = new
        self.revision += 1
        return True

    def _from_document(self, document: dict[str, Any], fmt: str | None = None) -> EditorState:
        fmt = fmt or self._state.fmt
        return EditorState(dump_document(document, fmt), fmt, document)

    def edit(self, path: str, value: Any, merge: bool = True) -> bool:
        """Set (or, with REMOVE, leave out) the value at ``path``; the raw text follows.
        Repeated edits of one path fold into one undo step unless ``merge`` is False."""
        document = copy.deepcopy(self._state.document)
        if not assign(document, path, value):
            return False
        return self._push(self._from_document(document), f"edit:{path}" if merge else None)

    def add_item(self, list_path: str, item: dict[str, Any]) -> str | None:
        """Append ``item`` to the list at ``list_path`` (made if absent); its pointer."""
        document = copy.deepcopy(self._state.document)
        items = resolve(document, list_path)
        if items is None:
            if not assign(document, list_path, []):
                return None
            items = resolve(document, list_path)
        if not isinstance(items, list):
            return None
        items.append(copy.deepcopy(item))
        self._push(self._from_document(document))
        return f"{list_path}/{len(items) - 1}"

    def remove_item(self, path: str) -> bool:
        """Remove a list element or an attribute."""
        document = copy.deepcopy(self._state.document)
        if not assign(document, path, REMOVE):
            return False
        return self._push(self._from_document(document))

    def replace_text(self, text: str) -> bool:
        """Take raw text typed by the owner. True when it could be read; when it cannot,
        the document stays as it last was and :attr:`parse_findings` say why."""
        if text == self._state.text:
            return self._state.readable
        return self._take_text(text, self._state.fmt)

    def _take_text(self, text: str, fmt: str) -> bool:
        parsed = parse_document(text, fmt)
        if parsed.data is None:
            self._push(EditorState(text, fmt, self._state.document, tuple(parsed.findings)))
            return False
        self._push(EditorState(text, fmt, parsed.data))
        self._positions = _Positions(text, fmt, parsed.positions)
        return True

    def set_format(self, fmt: str) -> bool:
        """Show the document as YAML or JSON. Unreadable text is not converted (False)."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        if fmt == self._state.fmt:
            return True
        if not self._state.readable:
            return False
        self._push(self._from_document(self._state.document, fmt))
        return True

    def undo(self) -> bool:
        if not self._undo:
            return False
        step = self._undo.pop()
        self._redo.append(self._state)
        self._state = step.before
        self.revision += 1
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(_Step(self._state))
        self._state = self._redo.pop()
        self.revision += 1
        return True

    def break_merge(self) -> None:
        """The next edit starts a new undo step even if it touches the same field."""
        if self._undo:
            self._undo[-1].merge_key = None

    # ------------------------------------------------------------------ versions
    def mark_saved(self, version: int, document: dict[str, Any]) -> None:
        """``document`` (what the session held when saving began) was written as
        ``version``: it becomes the new base. Edits made meanwhile stay unsaved."""
        self.base_version = version
        self._saved = copy.deepcopy(document)
        self.revision += 1

    def reload(self, document: dict[str, Any], version: int) -> None:
        """Start again from ``version`` (undoable: the working state is one undo away)."""
        self.base_version = version
        self._saved = copy.deepcopy(document)
        self._push(self._from_document(copy.deepcopy(document)))

    def restore(self, text: str, fmt: str, base_version: int | None) -> bool:
        """Take a recovered draft (undoable): its text in its format, and the version it
        was based on, which a save then expects to be the newest."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        if base_version is not None:
            self.base_version = base_version
        return self._take_text(text, fmt)

    # ------------------------------------------------------------------ validation
    def positions(self) -> dict[str, tuple[int, int]]:
        """JSON Pointer -> (line, column) in the current raw text."""
        state = self._state
        if not state.readable:
            return {}
        cached = self._positions
        if cached.text != state.text or cached.fmt != state.fmt:
            parsed = parse_document(state.text, state.fmt)
            self._positions = cached = _Positions(state.text, state.fmt, parsed.positions)
        return cached.positions

    def locate(self, path: str) -> tuple[int, int] | None:
        positions = self.positions()
        while True:
            if path in positions:
                return positions[path]
            if not path:
                return None
            path = path.rsplit("/", 1)[0]

    def validate(self) -> list[LocatedFinding]:
        """Every finding for the current text, most severe first, each with its place."""
        state = self._state
        if not state.readable:
            return [
                LocatedFinding(f, f.extra.get("line"), f.extra.get("column"))
                for f in state.parse_findings
            ]
        if self._validator is None:
            return []
        _blueprint, report = self._validator(state.document)
        located = []
        for finding in report.sorted():
            place = self.locate(finding.path)
            line, column = place if place else (None, None)
            located.append(LocatedFinding(finding, line, column))
        return located


# ---------------------------------------------------------------------- JSON Pointer
def resolve(document: Any, path: str, default: Any = None) -> Any:
    current = document
    for part in pointer_parts(path):
        if isinstance(current, dict):
            if part not in current:
                return default
            current = current[part]
        elif isinstance(current, list):
            if not part.isdigit() or int(part) >= len(current):
                return default
            current = current[int(part)]
        else:
            return default
    return current


def assign(document: dict[str, Any], path: str, value: Any) -> bool:
    """Set ``value`` at ``path`` in place, making missing mappings on the way; REMOVE
    deletes. False when the path runs through something that is not a container."""
    parts = pointer_parts(path)
    if not parts:
        return False
    current: Any = document
    for part in parts[:-1]:
        if isinstance(current, dict):
            if not isinstance(current.get(part), dict | list):
                if value is REMOVE:
                    return True  # nothing there to remove
                current[part] = {}
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return False
    last = parts[-1]
    if isinstance(current, dict):
        if value is REMOVE:
            current.pop(last, None)
        else:
            current[last] = copy.deepcopy(value)
        return True
    if isinstance(current, list) and last.isdigit() and int(last) < len(current):
        if value is REMOVE:
            del current[int(last)]
        else:
            current[int(last)] = copy.deepcopy(value)
        return True
    if isinstance(current, list) and last == "-" and value is not REMOVE:
        current.append(copy.deepcopy(value))
        return True
    return False
