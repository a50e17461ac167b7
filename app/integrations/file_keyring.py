"""An encrypted file keyring, for servers with no Secret Service: the owner's explicit choice
(``WEBNOVA_KEYRING=file``), never a silent fallback, and never plain text.

The whole file is one AES-256-GCM ciphertext of the secrets (JSON), under a key derived from
the owner's passphrase with scrypt (n=2^15, r=8, p=1) and a random salt; the header carries
the format and the KDF parameters and is authenticated with the ciphertext. A wrong
passphrase, or a file changed by anyone, fails to decrypt and nothing is read. Writes go to
a temporary file (mode 0600) that replaces the old one atomically.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
from pathlib import Path

import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from keyring.backend import KeyringBackend

from app.atomic_files import write_json_atomically
from app.domain.errors import SecretStoreError

FORMAT = "webnova-file-keyring/1"
_N, _R, _P = 2**15, 8, 1


class EncryptedFileKeyring(KeyringBackend):
    priority = 0  # type: ignore[assignment]  # chosen explicitly, never automatically

    def __init__(self, path: Path, passphrase: str) -> None:
        super().__init__()
        if not passphrase:
            raise SecretStoreError("the file keyring needs a passphrase (WEBNOVA_KEYRING_PASSPHRASE "
                                   "or the prompt); it is never stored in plain text")
        self.path = path
        self._passphrase = passphrase.encode("utf-8")
        self._lock = threading.Lock()
        self._keys: dict[bytes, bytes] = {}
        self._read()  # a wrong passphrase fails here, before anything is written

    # ------------------------------------------------------------ file
    def _key(self, salt: bytes) -> bytes:
        if salt not in self._keys:
            self._keys[salt] = Scrypt(salt=salt, length=32, n=_N, r=_R, p=_P).derive(self._passphrase)
        return self._keys[salt]

    def _read(self) -> dict[str, str]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise SecretStoreError(f"the file keyring {self.path} cannot be read ({type(exc).__name__})") from None
        try:
            if raw["format"] != FORMAT:
                raise SecretStoreError(f"{self.path} is not a WebNova file keyring ({raw['format']!r})")
            salt, nonce, data = (base64.b64decode(raw[k]) for k in ("salt", "nonce", "data"))
        except (KeyError, TypeError, ValueError):
            raise SecretStoreError(f"the file keyring {self.path} is damaged") from None
        try:
            plain = AESGCM(self._key(salt)).decrypt(nonce, data, FORMAT.encode())
        except InvalidTag:
            raise SecretStoreError(f"the file keyring {self.path} does not open with this passphrase "
                                   "(or the file was changed)") from None
        items: dict[str, str] = json.loads(plain)
        return items

    def _write(self, items: dict[str, str]) -> None:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        data = AESGCM(self._key(salt)).encrypt(nonce, json.dumps(items).encode(), FORMAT.encode())
        payload = {"format": FORMAT, "kdf": {"name": "scrypt", "n": _N, "r": _R, "p": _P},
                   **{k: base64.b64encode(v).decode() for k, v in
                      (("salt", salt), ("nonce", nonce), ("data", data))}}
        write_json_atomically(self.path, payload, private=True)

    @staticmethod
    def _name(service: str, username: str) -> str:
        return f"{service}\n{username}"

    # ------------------------------------------------------------ KeyringBackend
    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._read().get(self._name(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            items = self._read()
            items[self._name(service, username)] = password
            self._write(items)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            items = self._read()
            if items.pop(self._name(service, username), None) is None:
                raise keyring.errors.PasswordDeleteError(username)
            self._write(items)
