"""Numbers, dates and interpolated text for the active language (Qt-free).

Numbers and dates go through Babel. Values put into translated sentences are wrapped
in Unicode isolation marks (FSI ... PDI), so an English workspace name inside an Arabic
sentence, or a number next to Latin text, keeps its own direction; code-like values
(JSON Pointers, paths, URLs, line:column) are passed as ``ltr(value)`` (app.domain.bidi).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from app.domain.bidi import FSI as FSI
from app.domain.bidi import LRI as LRI
from app.domain.bidi import PDI as PDI
from app.domain.bidi import RLI
from app.domain.bidi import isolate as isolate
from app.domain.bidi import ltr as ltr
from app.domain.bidi import strip_isolation as strip_isolation

_PLACEHOLDER = re.compile(r"%([1-9])")
_ISOLATES = (LRI, RLI, FSI)
_BABEL_LOCALES = {"en": "en", "ar": "ar"}
_language = "en"


def set_language(language: str) -> None:
    global _language
    if language not in _BABEL_LOCALES:
        raise ValueError(f"unsupported language {language!r}")
    _language = language


def language() -> str:
    return _language


def fill(template: str, *values: object) -> str:
    """Replace %1..%9 in one pass (a value containing "%2" is left alone), isolating each:
    a value already isolated (``ltr(path)``) keeps its own marks; a whole number is written
    the way the active language writes numbers."""

    def substitute(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        if index >= len(values):
            return match.group(0)
        given = values[index]
        if isinstance(given, int) and not isinstance(given, bool):
            given = format_number(given)  # «الإصدار ٣», "version 3": the language's digits
        value = str(given)
        if value[:1] in _ISOLATES and value.endswith(PDI) and value.count(PDI) == 1:
            return value
        return isolate(value)

    return _PLACEHOLDER.sub(substitute, template)


def format_number(value: int | float) -> str:
    """«30,034» in English, «٣٠٬٠٣٤» in Arabic (app.domain.numerals)."""
    from app.domain.numerals import number

    return number(value, _language)


def localize_digits(text: str) -> str:
    """Babel's text (a date, a duration) with the active language's digits."""
    from app.domain.numerals import arabic_digits

    return arabic_digits(text) if _language == "ar" else text


def format_datetime(value: datetime, width: str = "medium") -> str:
    """A moment in the computer's local time zone, written the local way."""
    from babel.dates import format_datetime as babel_format

    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone()
    return localize_digits(
        str(babel_format(local, width, tzinfo=local.tzinfo, locale=_BABEL_LOCALES[_language])))


def format_range(start: int, end: int, total: int) -> tuple[str, str, str]:
    """The three numbers of "1–100 of 2,345", formatted for the active language."""
    return format_number(start), format_number(end), format_number(total)
