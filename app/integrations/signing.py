"""The owner's Ed25519 signing key: the private half in the OS keyring, the public half in
the workspace (``signing_keys``), where anyone holding the log can check a signature.

The private key is created on first use. It is kept only in the SecretStore and in this
object, and registered with the redactor so it can never reach a log, an export or an
error message.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.errors import SecretStoreError
from app.domain.governance.audit import AuditRecord, signing_bytes
from app.domain.redaction import redactor
from app.services.ports import KeyDirectory, SecretStore

ALGORITHM = "ed25519"


def key_id_for(public_key: str) -> str:
    """A key's id: the first 16 hex digits of the SHA-256 of its raw public bytes."""
    return hashlib.sha256(bytes.fromhex(public_key)).hexdigest()[:16]


def secret_name(workspace: str, tenant_id: str) -> str:
    return f"workspace/{workspace}/owner-signing-key/{tenant_id}"


def verify(public_key: str, signature: str, message: bytes) -> bool:
    """Does ``signature`` (hex) sign ``message`` under ``public_key`` (hex)? Never raises."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key))
        key.verify(bytes.fromhex(signature), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


class Ed25519Verifier:
    """``verify`` with the parsed public keys cached (a log is checked against few keys)."""

    def __init__(self) -> None:
        self._keys: dict[str, Ed25519PublicKey | None] = {}

    def __call__(self, public_key: str, signature: str, message: bytes) -> bool:
        if public_key not in self._keys:
            try:
                self._keys[public_key] = Ed25519PublicKey.from_public_bytes(
                    bytes.fromhex(public_key)
                )
            except (ValueError, TypeError):
                self._keys[public_key] = None
        key = self._keys[public_key]
        if key is None:
            return False
        try:
            key.verify(bytes.fromhex(signature), message)
        except (InvalidSignature, ValueError, TypeError):
            return False
        return True


class OwnerSigningKey:
    """Signs the owner's decisions. Implements the Signer port.

    ``keys`` is where the public half is published (the workspace's ``signing_keys``).
    """

    def __init__(
        self, secrets: SecretStore, keys: KeyDirectory, workspace: str, tenant_id: str, owner: str
    ) -> None:
        self._secrets = secrets
        self._keys = keys
        self._name = secret_name(workspace, tenant_id)
        self.tenant_id = tenant_id
        self.owner = owner
        self._lock = threading.Lock()
        self._private: Ed25519PrivateKey | None = None
        self._public = ""
        self._key_id = ""

    def __repr__(self) -> str:
        return f"OwnerSigningKey({self._name!r}, key_id={self._key_id or 'not loaded'})"

    def _load(self) -> Ed25519PrivateKey:
        with self._lock:
            if self._private is not None:
                return self._private
            stored = self._secrets.get(self._name)
            if stored:
                redactor.register(stored)
                try:
                    private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored))
                except ValueError:
                    raise SecretStoreError(
                        f"the OS keyring entry {self._name!r} does not hold an Ed25519 key"
                    ) from None
            else:
                private = Ed25519PrivateKey.generate()
                raw = private.private_bytes_raw().hex()
                redactor.register(raw)
                self._secrets.set(self._name, raw)
            public = private.public_key().public_bytes_raw().hex()
            key_id = key_id_for(public)
            # Publishing again is harmless: a lost database row is put back on next use.
            self._keys.add_key(key_id, public, self.owner)
            self._private, self._public, self._key_id = private, public, key_id
            return private

    @property
    def key_id(self) -> str:
        self._load()
        return self._key_id

    @property
    def public_key(self) -> str:
        self._load()
        return self._public

    def sign(self, message: bytes) -> str:
        return self._load().sign(message).hex()

    def sign_record(self, record: AuditRecord) -> AuditRecord:
        """The record with the owner's signature over its decision (``signing_bytes``)."""
        message = signing_bytes(record.tenant_id, record.actor, record.action, record.subject,
                                record.payload_digest, record.outcome)
        return replace(record, signature=self.sign(message), key_id=self.key_id)
