"""Removes secrets from text before it reaches a log, an export or an error message.

Two nets: every secret value the console has handled this run (registered by the secret
store), and patterns that look like credentials whatever their origin.
"""

from __future__ import annotations

import re
import threading

MASK = "***"
_MIN_KNOWN = 4  # shorter values would mask ordinary words
# A credential's name standing on its own (not the tail of "db-password" or a path).
_KEY = r"(?<![\w./-])(?P<key>password|passwd|pwd|secret|token|api[_-]?key|authorization)"
# Before "=", a name that ends in one (DB_PASSWORD=, db-password=) is a key too.
_ASSIGNED = r"(?<![\w./-])(?P<key>[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|authorization))"

_PATTERNS = [
    # user:password@ in URLs
    (re.compile(r"(?P<keep>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)[^@\s]+(?=@)"), r"\g<keep>" + MASK),
    # Credentials written as key=value or key: value. Only the value goes: a key inside a
    # longer name ("db-password", "secret_store") is no key, and after a colon a value is
    # masked when it is quoted or is a lone word ending its clause, so the words of a
    # sentence ("'…/db-password': install and unlock a keyring") stay as they are.
    (
        re.compile(_ASSIGNED + r"(?P<sep>[\"']?\s*=\s*[\"']?)(?:Bearer\s+)?[^\s\"',;&]+", re.IGNORECASE),
        r"\g<key>\g<sep>" + MASK,
    ),
    (
        re.compile(_KEY + r"(?P<sep>[\"']?\s*:\s*)(?P<quote>[\"'])(?:Bearer\s+)?[^\"'\n]+(?P=quote)",
                   re.IGNORECASE),
        r"\g<key>\g<sep>\g<quote>" + MASK + r"\g<quote>",
    ),
    (
        re.compile(_KEY + r"(?P<sep>[\"']?\s*:\s*)(?:Bearer\s+)?[^\s\"',;&]+(?=\s*(?:$|[,;})\]]))",
                   re.IGNORECASE | re.MULTILINE),
        r"\g<key>\g<sep>" + MASK,
    ),
    # provider keys: Anthropic, Stripe, Hetzner-like long tokens
    (re.compile(r"\bsk-ant-[A-Za-z0-9_-]{8,}"), MASK),
    (re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}"), MASK),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.S), MASK),
]


class Redactor:
    def __init__(self) -> None:
        self._known: set[str] = set()
        self._lock = threading.Lock()
        self._pattern: re.Pattern[str] | None = None

    def register(self, secret: str | None) -> None:
        if not secret or len(secret) < _MIN_KNOWN:
            return
        with self._lock:
            if secret not in self._known:
                self._known.add(secret)
                self._pattern = None

    def _known_pattern(self) -> re.Pattern[str] | None:
        with self._lock:
            if self._pattern is None and self._known:
                ordered = sorted(self._known, key=len, reverse=True)
                self._pattern = re.compile("|".join(re.escape(s) for s in ordered))
            return self._pattern

    def redact(self, text: str) -> str:
        pattern = self._known_pattern()
        text = _mask_known(pattern, text)
        for regex, replacement in _PATTERNS:
            text = regex.sub(replacement, text)
        # A pattern's mask next to ordinary text can spell a secret that holds "*"; the
        # last word belongs to the known secrets.
        return _mask_known(pattern, text)


def _mask_known(pattern: re.Pattern[str] | None, text: str) -> str:
    """Mask every known secret until none is left: a mask joined to the text around it can
    form another occurrence ("a" + "***" when "a***" is a secret). Each pass shortens the
    text (secrets are longer than the mask), so this ends."""
    if pattern is None:
        return text
    while True:
        text, count = pattern.subn(MASK, text)
        if count == 0:
            return text


redactor = Redactor()
