"""Labels and label selectors as the Hetzner Cloud API defines them.

A selector is a comma-separated list of expressions, all of which must hold:
``k=v`` / ``k==v`` (equal), ``k!=v`` (absent or different), ``k`` (present), ``!k`` (absent),
``k in (v1,v2)`` and ``k notin (v1,v2)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Predicate = Callable[[dict[str, str]], bool]

_KEY = re.compile(r"^([a-z0-9A-Z]([a-z0-9A-Z._-]{0,251}[a-z0-9A-Z])?/)?[a-z0-9A-Z]([a-z0-9A-Z._-]{0,61}[a-z0-9A-Z])?$")
_VALUE = re.compile(r"^([a-z0-9A-Z]([a-z0-9A-Z._-]{0,61}[a-z0-9A-Z])?)?$")
_SET = re.compile(r"^(?P<key>\S+)\s+(?P<op>in|notin)\s+\((?P<values>[^()]*)\)$")


class SelectorError(ValueError):
    """The selector cannot be read; the message names the expression."""


def label_problem(labels: Any) -> str | None:
    """Why ``labels`` is not a valid label map, or None."""
    if not isinstance(labels, dict):
        return "labels must be an object of string keys to string values"
    for key, value in labels.items():
        if not isinstance(key, str) or not _KEY.match(key):
            return f"label key {key!r} is not valid"
        if not isinstance(value, str) or not _VALUE.match(value):
            return f"label value {value!r} of {key!r} is not valid"
    return None


def _split(selector: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in selector:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def _expression(text: str) -> Predicate:
    if not text:
        raise SelectorError("empty expression")
    found = _SET.match(text)
    if found:
        key, values = found["key"], {v.strip() for v in found["values"].split(",") if v.strip()}
        if not _KEY.match(key) or not values:
            raise SelectorError(f"cannot read {text!r}")
        if found["op"] == "in":
            return lambda labels: labels.get(key) in values
        return lambda labels: labels.get(key) not in values
    for op in ("!=", "==", "="):
        if op in text:
            key, _, value = (s.strip() for s in text.partition(op))
            if not _KEY.match(key) or not _VALUE.match(value):
                raise SelectorError(f"cannot read {text!r}")
            if op == "!=":
                return lambda labels: labels.get(key) != value
            return lambda labels: labels.get(key) == value
    if text.startswith("!"):
        key = text[1:].strip()
        if not _KEY.match(key):
            raise SelectorError(f"cannot read {text!r}")
        return lambda labels: key not in labels
    if not _KEY.match(text):
        raise SelectorError(f"cannot read {text!r}")
    return lambda labels: text in labels


def parse_selector(selector: str) -> Predicate:
    """A predicate over a label map; raises SelectorError naming the bad expression."""
    predicates = [_expression(part) for part in _split(selector)]
    return lambda labels: all(p(labels) for p in predicates)
