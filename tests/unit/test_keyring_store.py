"""The SecretStore port over keyring backends: round trips, missing values, failures that
never show the secret."""

from __future__ import annotations

import uuid

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from app.domain.errors import SecretStoreError
from app.domain.redaction import redactor
from app.integrations.keyring_store import SERVICE, KeyringSecretStore, MemoryKeyring


def value() -> str:
    return f"pw-{uuid.uuid4().hex}"


class ExplodingKeyring(KeyringBackend):
    """A backend whose errors quote the value it was handed, as some real ones do."""

    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError(f"cannot read {service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError(f"D-Bus refused item with secret {password}")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")


def test_round_trip_through_an_explicit_backend() -> None:
    backend = MemoryKeyring()
    store = KeyringSecretStore(backend=backend)
    secret = value()
    store.set("workspace/bank/db-password", secret)
    assert store.get("workspace/bank/db-password") == secret
    assert backend.get_password(SERVICE, "workspace/bank/db-password") == secret
    store.delete("workspace/bank/db-password")
    assert store.get("workspace/bank/db-password") is None


def test_missing_secret_is_none_and_deleting_it_is_harmless() -> None:
    store = KeyringSecretStore(backend=MemoryKeyring())
    assert store.get("workspace/nobody/db-password") is None
    store.delete("workspace/nobody/db-password")  # no error


def test_overwrite_keeps_the_latest_value() -> None:
    store = KeyringSecretStore(backend=MemoryKeyring())
    store.set("k", "first-value")
    store.set("k", "second-value")
    assert store.get("k") == "second-value"


def test_services_do_not_see_each_other() -> None:
    backend = MemoryKeyring()
    a = KeyringSecretStore(backend=backend, service="webnova-a")
    b = KeyringSecretStore(backend=backend, service="webnova-b")
    a.set("same-name", "value-for-a")
    assert b.get("same-name") is None
    assert a.get("same-name") == "value-for-a"


def test_without_a_backend_the_process_keyring_is_used(memory_keyring: MemoryKeyring) -> None:
    store = KeyringSecretStore()
    secret = value()
    store.set("workspace/x/db-password", secret)
    assert memory_keyring.get_password(SERVICE, "workspace/x/db-password") == secret
    assert keyring.get_password(SERVICE, "workspace/x/db-password") == secret
    assert store.describe().endswith("MemoryKeyring")


def test_values_handled_are_registered_for_redaction() -> None:
    backend = MemoryKeyring()
    stored, read = value(), value()
    KeyringSecretStore(backend=backend).set("a", stored)
    backend.set_password(SERVICE, "b", read)  # put there by another process
    assert KeyringSecretStore(backend=backend).get("b") == read
    text = redactor.redact(f"{stored} / {read}")
    assert stored not in text
    assert read not in text


def test_no_keyring_at_all_gives_advice() -> None:
    store = KeyringSecretStore(backend=fail.Keyring())
    with pytest.raises(SecretStoreError, match="no OS keyring is available") as info:
        store.set("workspace/bank/db-password", "never-shown-1")
    assert "never-shown-1" not in str(info.value)
    with pytest.raises(SecretStoreError, match="no OS keyring"):
        store.get("workspace/bank/db-password")


def test_backend_errors_never_carry_the_secret() -> None:
    store = KeyringSecretStore(backend=ExplodingKeyring())
    secret = value()
    with pytest.raises(SecretStoreError) as info:
        store.set("workspace/bank/db-password", secret)
    message = str(info.value)
    assert secret not in message
    assert "could not store 'workspace/bank/db-password'" in message
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
    with pytest.raises(SecretStoreError, match="could not read"):
        store.get("workspace/bank/db-password")
    with pytest.raises(SecretStoreError, match=r"could not delete .*KeyringLocked"):
        store.delete("workspace/bank/db-password")


def test_memory_keyring_is_never_chosen_automatically() -> None:
    assert MemoryKeyring.priority == 0
    backend = MemoryKeyring()
    with pytest.raises(keyring.errors.PasswordDeleteError):
        backend.delete_password("s", "missing")
