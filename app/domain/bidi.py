"""Direction marks for values put inside sentences (Unicode's bidirectional isolates).

Inside an Arabic sentence a JSON Pointer ``/owner`` shows as ``owner/`` and ``12:5`` as
``5:12`` unless the value is isolated: ``ltr`` keeps code-like values (pointers, paths,
URLs, ids, line:column) left to right; ``isolate`` lets a name (English or Arabic) take
the direction of its own first letter. One place for both, used by the domain's Arabic
messages and by the GUI's ``fill``."""

from __future__ import annotations

LRI = "\u2066"  # left-to-right isolate
RLI = "\u2067"  # right-to-left isolate
FSI = "\u2068"  # first strong isolate
PDI = "\u2069"  # pop directional isolate
_MARKS = str.maketrans("", "", LRI + RLI + FSI + PDI)


def ltr(value: object) -> str:
    """``value`` read left to right whatever surrounds it: a pointer, a path, a URL."""
    return f"{LRI}{value}{PDI}"


def rtl(value: object) -> str:
    return f"{RLI}{value}{PDI}"


def isolate(value: object) -> str:
    """``value`` in the direction of its first strong letter (a name in either language)."""
    return f"{FSI}{value}{PDI}"


def strip_isolation(text: str) -> str:
    return text.translate(_MARKS)
