"""Reading and writing blueprint documents (YAML or JSON) safely.

Input is untrusted: size and nesting are bounded, YAML aliases (the "billion laughs"
expansion) and duplicate keys are refused, and YAML 1.1 surprises (``NO`` meaning false,
``2026-01-01`` turning into a date) are switched off so text stays text. Every problem
comes back as a finding with a line and column, never as an exception.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from app.domain.blueprint.findings import Finding, Severity

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 2_000_000


@dataclass
class ParsedDocument:
    data: dict[str, Any] | None
    findings: list[Finding]
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # pointer -> (line, col), 1-based

    def position(self, path: str) -> tuple[int, int] | None:
        """The closest known position of ``path`` (walking up to its parents)."""
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None
            path = path.rsplit("/", 1)[0]


def _parse_error(en: str, ar: str, line: int | None = None, column: int | None = None) -> Finding:
    extra: dict[str, Any] = {}
    if line is not None:
        extra = {"line": line, "column": column or 1}
        en = f"line {line}, column {column or 1}: {en}"
        ar = f"السطر {line}، العمود {column or 1}: {ar}"
    return Finding(
        path="", code="document.unreadable", severity=Severity.error,
        message_en=en, message_ar=ar, source="parse", extra=extra,
    )


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like scalars and no aliases."""

    yaml_implicit_resolvers = {}  # noqa: RUF012  # filled below, for this class only


for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    _Loader.yaml_implicit_resolvers[_first] = [
        (tag, regexp)
        for tag, regexp in _resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _check_node(node: yaml.Node, path: str, depth: int, positions: dict[str, tuple[int, int]],
                counter: list[int]) -> None:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _RefusedError("the document has too many elements", "المستند يحوي عناصر أكثر من اللازم", node)
    if depth > MAX_DEPTH:
        raise _RefusedError(f"nesting deeper than {MAX_DEPTH} levels", f"تداخل أعمق من {MAX_DEPTH} مستوى", node)
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise _RefusedError(f"key {key!r} appears twice", f"المفتاح «{key}» مكرر", key_node)
            seen.add(key)
            escaped = key.replace("~", "~0").replace("/", "~1")
            _check_node(value_node, f"{path}/{escaped}", depth + 1, positions, counter)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_node(item, f"{path}/{index}", depth + 1, positions, counter)


class _RefusedError(Exception):
    def __init__(self, en: str, ar: str, node: yaml.Node | yaml.Event | None = None) -> None:
        super().__init__(en)
        self.en, self.ar = en, ar
        self.mark = node.start_mark if node is not None else None


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _no_aliases(text: str) -> None:
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent):
                raise _RefusedError(
                    "YAML aliases (*name) are not accepted in blueprints",
                    "الأسماء المستعارة في YAML (*name) غير مقبولة في المخططات",
                    event,
                )
            if isinstance(event, yaml.NodeEvent) and getattr(event, "anchor", None):
                raise _RefusedError(
                    "YAML anchors (&name) are not accepted in blueprints",
                    "المراسي في YAML (&name) غير مقبولة في المخططات",
                    event,
                )
    finally:
        loader.dispose()


def parse_document(text: str | bytes, fmt: str | None = None) -> ParsedDocument:
    """Parse YAML or JSON (``fmt`` "yaml", "json" or None to tell by content)."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            return ParsedDocument(None, [_too_large(len(text))])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return ParsedDocument(None, [_parse_error(
                f"the file is not UTF-8 text (byte {exc.start})",
                f"الملف ليس نصًا بترميز UTF-8 (البايت {exc.start})",
            )])
    if len(text) > MAX_BYTES:
        return ParsedDocument(None, [_too_large(len(text.encode("utf-8", "replace")))])
    if not text.strip():
        return ParsedDocument(None, [_parse_error("the document is empty", "المستند فارغ")])
    if fmt is None:
        fmt = "json" if text.lstrip().startswith(("{", "[")) else "yaml"
    positions: dict[str, tuple[int, int]] = {}
    try:
        if fmt == "json":
            data = _load_json(text)
        else:
            _no_aliases(text)
            data = None
        node = _compose_or_none(text, fmt)
        if node is not None:
            _check_node(node, "", 0, positions, [0])
        if fmt != "json":
            loader = _Loader(text)
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
    except _RefusedError as exc:
        mark = exc.mark
        return ParsedDocument(None, [_parse_error(
            exc.en, exc.ar, mark.line + 1 if mark else None, mark.column + 1 if mark else None
        )])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        return ParsedDocument(None, [_parse_error(
            f"not valid YAML: {problem}", f"ليس YAML صالحًا: {problem}",
            mark.line + 1 if mark else None, mark.column + 1 if mark else None,
        )])
    except yaml.YAMLError as exc:
        return ParsedDocument(None, [_parse_error(f"not valid YAML: {exc}", "ليس YAML صالحًا")])
    except json.JSONDecodeError as exc:
        return ParsedDocument(None, [_parse_error(
            f"not valid JSON: {exc.msg}", f"ليس JSON صالحًا: {exc.msg}", exc.lineno, exc.colno
        )])
    except RecursionError:
        return ParsedDocument(None, [_parse_error(
            f"nesting deeper than {MAX_DEPTH} levels", f"تداخل أعمق من {MAX_DEPTH} مستوى"
        )])
    except (ValueError, TypeError) as exc:
        return ParsedDocument(None, [_parse_error(f"unreadable document: {exc}", "مستند غير مقروء")])
    if not isinstance(data, dict):
        return ParsedDocument(None, [_parse_error(
            "a blueprint must be a mapping of keys to values at the top level",
            "يجب أن يكون المخطط في أعلاه قاموسًا من المفاتيح والقيم",
        )], positions)
    return ParsedDocument(data, [], positions)


def _compose_or_none(text: str, fmt: str) -> yaml.Node | None:
    """Positions come from YAML's composer, which also reads nearly all JSON."""
    if fmt == "json":
        try:
            return _compose(text)
        except yaml.YAMLError:
            return None  # positions are a convenience; the JSON was already read
    return _compose(text)


def _load_json(text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise _RefusedError(f"key {key!r} appears twice", f"المفتاح «{key}» مكرر")
            result[key] = value
        return result

    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    data = json.loads(text, object_pairs_hook=pairs, parse_constant=refuse_constant)
    _check_depth(data)
    return data


def _check_depth(data: Any) -> None:
    stack: list[tuple[Any, int]] = [(data, 0)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise _RefusedError(f"nesting deeper than {MAX_DEPTH} levels", f"تداخل أعمق من {MAX_DEPTH} مستوى")
        if count > MAX_NODES:
            raise _RefusedError("the document has too many elements", "المستند يحوي عناصر أكثر من اللازم")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _too_large(size: int) -> Finding:
    limit = MAX_BYTES // (1024 * 1024)
    return _parse_error(
        f"the document is {size:,} bytes; blueprints are limited to {limit} MB",
        f"حجم المستند {size:,} بايت؛ الحد الأقصى للمخطط {limit} ميغابايت",
    )


def dump_document(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
