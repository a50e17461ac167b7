"""What the audit entry detail view writes for values (Qt-free): an entry's details as
"JSON pointer: value" lines, the reason the person gave, and hex cut into readable lines."""

from __future__ import annotations

import json
from typing import Any

from app.gui.formatting import isolate, ltr

RLM = "\u200f"  # right-to-left mark
HEX_LINE = 32  # hex digits per line: a hash takes two, a signature four


def pointer_part(key: object) -> str:
    """One step of a JSON pointer (RFC 6901: "~" is "~0", "/" is "~1")."""
    return str(key).replace("~", "~0").replace("/", "~1")


def scalar_text(value: Any) -> str:
    """A string as it was written; anything else as JSON (true, null, 3.5, {}, [])."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def payload_lines(payload: Any, pointer: str = "") -> list[tuple[str, str]]:
    """(JSON pointer, value) for every leaf, in the payload's own order."""
    if isinstance(payload, dict) and payload:
        items: list[tuple[object, Any]] = list(payload.items())
    elif isinstance(payload, list) and payload:
        items = list(enumerate(payload))
    else:
        return [(pointer or "/", scalar_text(payload))]
    lines: list[tuple[str, str]] = []
    for key, value in items:
        lines.extend(payload_lines(value, f"{pointer}/{pointer_part(key)}"))
    return lines


def payload_text(payload: Any, right_to_left: bool = False) -> str:
    """The lines for a label: the pointer left to right, the value in its own direction.
    ``right_to_left``: each line starts with a right-to-left mark, so in an Arabic view it
    reads pointer, colon, value from the right (isolates alone give a line no direction)."""
    start = RLM if right_to_left else ""
    return "\n".join(f"{start}{ltr(pointer)}: {isolate(value)}"
                     for pointer, value in payload_lines(payload))


def reason_of(payload: dict[str, Any] | None) -> str | None:
    """The reason a person typed: a decision's or withdrawal's reason, a request's "why", or
    the reason given with the action carried out."""
    if not payload:
        return None
    action = payload.get("action")
    context = action.get("context") if isinstance(action, dict) else None
    for found in (payload.get("reason"), payload.get("why"),
                  context.get("reason") if isinstance(context, dict) else None):
        if isinstance(found, str) and found.strip():
            return found
    return None


def hex_lines(value: str, width: int = HEX_LINE) -> str:
    """Hex in lines of ``width`` digits, each isolated left to right."""
    return "\n".join(ltr(value[i:i + width]) for i in range(0, len(value), width))
