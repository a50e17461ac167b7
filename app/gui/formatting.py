"""Numbers, dates and interpolated text for the active language (Qt-free).

Numbers and dates go through Babel. Values put into translated sentences are wrapped
in Unicode isolation marks (FSI ... PDI), so an English workspace name inside an Arabic
sentence, or a number next to Latin text, keeps its own direction.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

LRI = "\u2066"  # left-to-right isolate: hex, ids, JSON pointers, never reversed
FSI = "\u2068"  # first strong isolate
PDI = "\u2069"  # pop directional isolate
_PLACEHOLDER = re.compile(r"%([1-9])")
_BABEL_LOCALES = {"en": "en", "ar": "ar"}
_language = "en"


def set_language(language: str) -> None:
    global _language
    if language not in _BABEL_LOCALES:
        raise ValueError(f"unsupported language {language!r}")
    _language = language


def language() -> str:
    return _language


def isolate(value: object) -> str:
    return f"{FSI}{value}{PDI}"


def isolate_ltr(value: object) -> str:
    """A value that reads left to right in any sentence (a hash, an id, a JSON pointer)."""
    return f"{LRI}{value}{PDI}"


def strip_isolation(text: str) -> str:
    return text.replace(LRI, "").replace(FSI, "").replace(PDI, "")


def fill(template: str, *values: object) -> str:
    """Replace %1..%9 in one pass (a value containing "%2" is left alone), isolating each."""

    def substitute(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        if index >= len(values):
            return match.group(0)
        return isolate(values[index])

    return _PLACEHOLDER.sub(substitute, template)


def format_number(value: int | float) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_BABEL_LOCALES[_language]))


def format_datetime(value: datetime, width: str = "medium") -> str:
    """A moment in the computer's local time zone, written the local way."""
    from babel.dates import format_datetime as babel_format

    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone()
    return str(babel_format(local, width, tzinfo=local.tzinfo, locale=_BABEL_LOCALES[_language]))


def format_range(start: int, end: int, total: int) -> tuple[str, str, str]:
    """The three numbers of "1–100 of 2,345", formatted for the active language."""
    return format_number(start), format_number(end), format_number(total)
