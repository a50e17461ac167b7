"""PostgreSQL's SCRAM-SHA-256 password verifier (RFC 5802/7677, as ``pg_authid`` keeps it).

The console sends a database server the verifier, never the password: PostgreSQL accepts
a verifier in ``ALTER ROLE … PASSWORD`` and stores it as given, and a verifier cannot be
turned back into the password. PostgreSQL runs a password through SASLprep first; the
passwords the console makes are ASCII, which SASLprep leaves as they are."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

ITERATIONS = 4096  # PostgreSQL's default scram_iterations


def scram_verifier(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`` for ``password``."""
    if not password:
        raise ValueError("a database password must not be empty")
    if iterations < 1:
        raise ValueError(f"iterations must be at least 1, not {iterations}")
    salt = os.urandom(16) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
