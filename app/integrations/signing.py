"""Each owner's own Ed25519 signing key: the private half in their OS keyring (keyed by
workspace, tenant and user), the public half in the workspace (``signing_keys``, and
registered for the user in the users stream), where anyone holding the log can check a
signature and whose it is.

The private key is created on the person's first decision on their own console (the root
owner's when the workspace gets its root owner) and registered for them then. It is kept
only in the SecretStore and in this object, and registered with the redactor so it can
never reach a log, an export or an error message.

Workspaces made before per-owner keys hold one key per workspace and tenant
(``legacy_secret_name``); it stays published as a legacy signer so old entries verify.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.errors import SecretStoreError
from app.domain.governance.audit import AuditRecord, signing_bytes
from app.domain.governance.keys import SigningKeyError, UserKey, key_id_for
from app.domain.redaction import redactor
from app.services.ports import KeyDirectory, SecretStore

ALGORITHM = "ed25519"


__all__ = ["ALGORITHM", "Ed25519Verifier", "OwnerSigningKey", "key_id_for", "legacy_secret_name",
           "secret_name", "verify"]


def secret_name(workspace: str, tenant_id: str, user: str) -> str:
    """Where one person's private key lives in the OS keyring."""
    return f"workspace/{workspace}/signing-key/{tenant_id}/{user}"


def legacy_secret_name(workspace: str, tenant_id: str) -> str:
    """The one key per workspace and tenant that signed decisions before per-owner keys."""
    return f"workspace/{workspace}/owner-signing-key/{tenant_id}"


class KeyRegistry(Protocol):
    """Whose key is whose (the users read model)."""

    def active_key(self, user_id: str) -> UserKey | None: ...

    def key_blocked(self, user_id: str) -> bool: ...

    def signing_keys(self) -> list[UserKey]: ...

    def register_key(self, user_id: str, key_id: str, public_key: str) -> UserKey: ...


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
    """Signs one owner's decisions. Implements the Signer port.

    ``keys`` is where the public half is published (the workspace's ``signing_keys``);
    ``registry``, when given, is where it is registered for the owner: a key that is not
    the one registered for them, or was revoked, is refused rather than used.
    """

    def __init__(
        self, secrets: SecretStore, keys: KeyDirectory, workspace: str, tenant_id: str, owner: str,
        registry: KeyRegistry | None = None,
    ) -> None:
        self._secrets = secrets
        self._keys = keys
        self._registry = registry
        self._name = secret_name(workspace, tenant_id, owner)
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
            private = None
            if stored:
                redactor.register(stored)
                try:
                    private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored))
                except ValueError:
                    raise SecretStoreError(
                        f"the OS keyring entry {self._name!r} does not hold an Ed25519 key"
                    ) from None
            if private is not None and self._retired(private):
                private = None  # retired: a new key, unless a revocation still stands
            if private is None:
                self._check_may_register()
                private = Ed25519PrivateKey.generate()
                raw = private.private_bytes_raw().hex()
                redactor.register(raw)
                self._secrets.set(self._name, raw)
            public = private.public_key().public_bytes_raw().hex()
            key_id = key_id_for(public)
            # Publishing again is harmless: a lost database row is put back on next use.
            self._keys.add_key(key_id, public, self.owner)
            self._register(key_id, public)
            self._private, self._public, self._key_id = private, public, key_id
            return private

    def _retired(self, private: Ed25519PrivateKey) -> bool:
        if self._registry is None:
            return False
        key_id = key_id_for(private.public_key().public_bytes_raw().hex())
        return any(k.key_id == key_id and k.user_id == self.owner and not k.active
                   for k in self._registry.signing_keys())

    def _check_may_register(self) -> None:
        if self._registry is None:
            return
        active = self._registry.active_key(self.owner)
        if active is not None:
            raise SigningKeyError(
                f"the signing key registered for {self.owner!r} ({active.key_id}) is not in this "
                f"console's keyring; to sign here, have it replaced with "
                f"'webnova users rotate-key {self.owner}'")
        if self._registry.key_blocked(self.owner):
            raise SigningKeyError(
                f"the signing key of {self.owner!r} was revoked; {self.owner!r} signs again after "
                f"'webnova users rotate-key {self.owner}'")

    def _register(self, key_id: str, public: str) -> None:
        if self._registry is None:
            return
        active = self._registry.active_key(self.owner)
        if active is not None and active.key_id == key_id:
            return
        if active is not None or self._registry.key_blocked(self.owner):
            self._check_may_register()
        self._registry.register_key(self.owner, key_id, public)

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
