"""Stripe's request encoding and error shape, for the loopback Stripe fake.

Stripe's v1 API takes ``application/x-www-form-urlencoded`` bodies (and query strings) with
nested keys: ``metadata[tier]=pro``, ``recurring[interval]=month``, ``lookup_keys[0]=x`` or
``expand[]=data``. Errors come back as ``{"error": {"type", "code", "message", "param",
"doc_url"}}`` with the HTTP status that the SDK maps to its exception classes.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

_PART = re.compile(r"\[([^\[\]]*)\]")


class StripeError(Exception):
    """An answer of the fake that is an error: status and Stripe's error object."""

    def __init__(self, status: int, message: str, *, type: str = "invalid_request_error",
                 code: str | None = None, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"message": message, "type": type}
        if code is not None:
            self.body["code"] = code
            self.body["doc_url"] = f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}"
        if param is not None:
            self.body["param"] = param


def missing(param: str) -> StripeError:
    return StripeError(400, f"Missing required param: {param}.", code="parameter_missing",
                       param=param)


def unknown(param: str) -> StripeError:
    return StripeError(400, f"Received unknown parameter: {param}", code="parameter_unknown",
                       param=param)


def invalid(param: str, message: str) -> StripeError:
    return StripeError(400, message, code="parameter_invalid_empty" if message.startswith(
        "You passed an empty string") else "parameter_invalid", param=param)


def no_such(kind: str, ident: str) -> StripeError:
    return StripeError(404, f"No such {kind}: '{ident}'", code="resource_missing", param="id")


def _split(key: str) -> list[str]:
    """``recurring[interval]`` → ``["recurring", "interval"]``; ``expand[]`` → ``["expand", ""]``."""
    head = key.split("[", 1)[0]
    rest = key[len(head):]
    parts = _PART.findall(rest)
    if "".join(f"[{p}]" for p in parts) != rest or not head:
        raise StripeError(400, f"Invalid parameter name: {key}", code="parameter_invalid", param=key)
    return [head, *parts]


def decode_form(text: str) -> dict[str, Any]:
    """The nested parameters of a form-encoded body or query string. Lists come as
    ``a[0]=x&a[1]=y`` (what the SDK sends) or ``a[]=x``; maps as ``m[k]=v``."""
    result: dict[str, Any] = {}
    for key, value in parse_qsl(text, keep_blank_values=True, strict_parsing=False):
        parts = _split(key)
        node: Any = result
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            following = None if last else parts[index + 1]
            child: Any = value if last else ([] if following == "" or following.isdigit() else {})
            if isinstance(node, list):
                if part == "":
                    node.append(child)
                    node = child
                    continue
                if not part.isdigit():
                    raise StripeError(400, f"Invalid array: {key}", code="parameter_invalid",
                                      param=parts[0])
                position = int(part)
                while len(node) <= position:
                    node.append(None)
                if node[position] is None or last:
                    node[position] = child
                node = node[position]
            else:
                if part in node and not last:
                    node = node[part]
                    continue
                node[part] = child
                node = child
    return _compact(result)


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value if v is not None]
    return value


def check_params(params: dict[str, Any], allowed: dict[str, Any]) -> None:
    """Refuse a parameter the endpoint does not take, as Stripe does (nested ones by their
    full name, ``recurring[foo]``). ``allowed`` maps a name to None (any value) or to the
    allowed map of a nested object."""
    def walk(given: dict[str, Any], spec: dict[str, Any], prefix: str) -> None:
        for name, value in given.items():
            full = f"{prefix}[{name}]" if prefix else name
            if name not in spec:
                raise unknown(full)
            inner = spec[name]
            if inner is not None and isinstance(value, dict):
                walk(value, inner, full)
            elif inner is not None and value != "":
                raise invalid(full, f"Invalid object: {full} must be a hash")
    walk(params, allowed, "")


def integer(params: dict[str, Any], name: str, minimum: int = 0) -> int | None:
    if name not in params:
        return None
    raw = params[name]
    if not isinstance(raw, str) or not re.fullmatch(r"-?\d+", raw):
        raise invalid(name, f"Invalid integer: {raw}")
    value = int(raw)
    if value < minimum:
        raise invalid(name, f"This value must be greater than or equal to {minimum}.")
    return value


def boolean(params: dict[str, Any], name: str) -> bool | None:
    if name not in params:
        return None
    raw = params[name]
    if raw not in ("true", "false"):
        raise invalid(name, f"Invalid boolean: {raw}")
    return raw == "true"


def merge_metadata(current: dict[str, str], given: Any) -> dict[str, str]:
    """Stripe's metadata update: keys set, a key given as "" removed, ``metadata=""`` clears."""
    if given == "":
        return {}
    if not isinstance(given, dict):
        raise invalid("metadata", "Invalid object")
    merged = dict(current)
    for key, value in given.items():
        if not isinstance(value, str):
            raise invalid(f"metadata[{key}]", "Invalid metadata value")
        if len(key) > 40:
            raise invalid(f"metadata[{key}]", "Metadata keys can be at most 40 characters.")
        if len(value) > 500:
            raise invalid(f"metadata[{key}]", "Metadata values can be at most 500 characters.")
        if value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    if len(merged) > 50:
        raise invalid("metadata", "Metadata can have at most 50 keys.")
    return merged
