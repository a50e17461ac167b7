"""The SecretStore port over the OS keyring (Secret Service, Keychain, Credential Locker)."""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from app.domain.errors import SecretStoreError
from app.domain.redaction import redactor

SERVICE = "webnova-console"


class KeyringSecretStore:
    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE) -> None:
        self._backend = backend
        self.service = service

    @property
    def backend(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    def describe(self) -> str:
        backend = self.backend
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def _fail(self, action: str, name: str, exc: Exception) -> SecretStoreError:
        # The exception text of some backends includes the value; never show it.
        kind = type(exc).__name__
        if isinstance(exc, keyring.errors.NoKeyringError):
            return SecretStoreError(
                f"no OS keyring is available to {action} {name!r}: on a desktop, install and "
                "unlock a Secret Service (Debian/Ubuntu: apt-get install gnome-keyring, then log "
                "in again); on a server without one, either run the console inside "
                "'dbus-run-session' after 'echo -n PASSPHRASE | gnome-keyring-daemon --unlock "
                "--components=secrets', or choose the encrypted file keyring: "
                "WEBNOVA_KEYRING=file with WEBNOVA_KEYRING_PASSPHRASE (see the README)"
            )
        return SecretStoreError(f"the OS keyring could not {action} {name!r} ({kind})")

    def get(self, name: str) -> str | None:
        try:
            value = self.backend.get_password(self.service, name)
        except Exception as exc:
            raise self._fail("read", name, exc) from None
        redactor.register(value)
        return value

    def set(self, name: str, value: str) -> None:
        redactor.register(value)
        try:
            self.backend.set_password(self.service, name, value)
        except Exception as exc:
            raise self._fail("store", name, exc) from None

    def delete(self, name: str) -> None:
        try:
            self.backend.delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            return
        except Exception as exc:
            raise self._fail("delete", name, exc) from None


class MemoryKeyring(KeyringBackend):
    """A keyring backend in memory, for unit tests and ``WEBNOVA_KEYRING=memory`` runs."""

    priority = 0  # type: ignore[assignment]  # never chosen automatically

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self._items:
            raise keyring.errors.PasswordDeleteError(username)
        del self._items[(service, username)]
