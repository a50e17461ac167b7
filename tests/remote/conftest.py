"""One real OpenSSH server per module (tests/support/sshd.py), set up as a console-made
server is: its host key and the environment's access key made by DeployKeys and kept in a
keyring, the public access key in the account's authorized_keys."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.domain.cloud.model import EnvironmentSpec
from app.integrations.deploy_keys import DeployKeys, PublicKey
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.ssh_remote import RetryPolicy, SshRemoteHost, server_host
from tests.support.sshd import Account, SshServer, start_sshd, throwaway_account

SPEC = EnvironmentSpec(workspace="bank", platform="hub", environment="staging",
                       account="main", location="fsn1", app_server_type="cx22")
SERVER = "wn-hub-staging-app-1"
FAST = RetryPolicy(attempts=4, first_delay=0.05, max_delay=0.2, connect_timeout=5)


@dataclass
class Console:
    """The console's side: its keys, and the PEM texts a leak check looks for."""

    keys: DeployKeys
    access: PublicKey
    host: PublicKey
    private_texts: list[str]

    def connect(self, server: SshServer, retry: RetryPolicy = FAST,
                port: int | None = None) -> SshRemoteHost:
        return server_host(self.keys, SPEC, SERVER, server.host, user=server.user,
                           port=port or server.port, retry=retry)


@pytest.fixture(scope="module")
def console() -> Console:
    keys = DeployKeys(KeyringSecretStore(MemoryKeyring()))
    access = keys.access_key(SPEC, create=True)
    made = keys.host_key(SPEC, SERVER, create=True)
    assert access is not None and made is not None
    pem = keys.access_private_pem(SPEC)
    assert pem is not None
    return Console(keys, access, made[0], [pem, made[1]])


@pytest.fixture(scope="module")
def account() -> Iterator[Account]:
    made = throwaway_account()
    try:
        yield made
    finally:
        made.remove()


@pytest.fixture(scope="module")
def sshd(console: Console, account: Account) -> Iterator[SshServer]:
    found = console.keys.host_key(SPEC, SERVER)
    assert found is not None
    server = start_sshd(found[1], [console.access.openssh], account)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("upload") / "release.tar"
    path.write_bytes(os.urandom(20 * 1024 * 1024 + 12345))  # not a whole number of chunks
    return path
