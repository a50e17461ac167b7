"""The encrypted file keyring for servers with no Secret Service."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import keyring.errors
import pytest

from app.domain.errors import SecretStoreError
from app.integrations.file_keyring import EncryptedFileKeyring
from app.paths import install_root

SECRET = "correct-horse-battery-staple-7"


def test_secrets_round_trip_and_nothing_is_readable_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "secrets.keyring"
    ring = EncryptedFileKeyring(path, "pass phrase")
    ring.set_password("webnova-console", "workspace/bank/db-password", SECRET)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert SECRET.encode() not in raw and b"workspace/bank" not in raw
    again = EncryptedFileKeyring(path, "pass phrase")
    assert again.get_password("webnova-console", "workspace/bank/db-password") == SECRET
    again.delete_password("webnova-console", "workspace/bank/db-password")
    assert again.get_password("webnova-console", "workspace/bank/db-password") is None
    with pytest.raises(keyring.errors.PasswordDeleteError):
        again.delete_password("webnova-console", "workspace/bank/db-password")


def test_a_wrong_passphrase_or_a_changed_file_opens_nothing(tmp_path: Path) -> None:
    path = tmp_path / "secrets.keyring"
    EncryptedFileKeyring(path, "right").set_password("s", "n", SECRET)
    with pytest.raises(SecretStoreError, match="does not open with this passphrase"):
        EncryptedFileKeyring(path, "wrong")
    text = path.read_text()
    path.write_text(text.replace('"data": "', '"data": "AAAA', 1))
    with pytest.raises(SecretStoreError):
        EncryptedFileKeyring(path, "right")
    with pytest.raises(SecretStoreError, match="needs a passphrase"):
        EncryptedFileKeyring(path, "")


def test_the_console_keeps_secrets_across_processes_in_the_file_keyring(tmp_path: Path) -> None:
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "server pass phrase"}

    def webnova(*args: str, stdin: str = "", **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", *args], cwd=install_root(),
                              env={**env, **extra}, input=stdin, capture_output=True, text=True,
                              timeout=120, check=False)

    added = webnova("workspace", "add", "bank", "postgresql://u@127.0.0.1:1/db", "--password-stdin",
                    stdin=SECRET)
    assert added.returncode == 0, added.stderr
    ring = EncryptedFileKeyring(tmp_path / "data" / "secrets.keyring", "server pass phrase")
    assert ring.get_password("webnova-console", "workspace/bank/db-password") == SECRET
    refused = webnova("workspace", "list", WEBNOVA_KEYRING_PASSPHRASE="guess")
    assert refused.returncode == 1
    assert "does not open with this passphrase" in refused.stderr
    assert SECRET not in refused.stderr + added.stdout + added.stderr
    missing = webnova("workspace", "list", WEBNOVA_KEYRING_PASSPHRASE="")
    assert "needs the keyring's passphrase" in missing.stderr
