"""The console's keys for an environment: made once, kept in the keyring, their public
halves and fingerprints as OpenSSH computes them, and a host key for cloud-init."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.domain.cloud.model import EnvironmentSpec
from app.integrations.deploy_keys import DeployKeys, host_key_cloud_config
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring

SPEC = EnvironmentSpec(workspace="bank", platform="hub", environment="production",
                       account="main", location="fsn1", app_server_type="cx22")


def test_the_access_key_is_made_once_and_kept_in_the_keyring(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    keys = DeployKeys(KeyringSecretStore(backend))
    assert keys.access_key(SPEC) is None  # planning never makes one
    made = keys.access_key(SPEC, create=True)
    assert made is not None and made.openssh.startswith("ssh-ed25519 AAAA")
    assert made.openssh.endswith(" webnova-hub-production")
    assert keys.access_key(SPEC) == made  # the same key from then on
    stored = KeyringSecretStore(backend).get("deploy/bank/hub/production/access")
    assert stored is not None and stored.startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    public = tmp_path / "key.pub"
    public.write_text(made.openssh + "\n", encoding="ascii")
    listed = subprocess.run(["ssh-keygen", "-l", "-f", str(public)], capture_output=True,
                            text=True, check=True).stdout
    assert listed.split()[1] == made.fingerprint  # the fingerprint OpenSSH shows


def test_a_host_key_is_known_before_the_server_exists() -> None:
    keys = DeployKeys(KeyringSecretStore(MemoryKeyring()))
    assert keys.host_key(SPEC, "wn-hub-production-app-1") is None
    made = keys.host_key(SPEC, "wn-hub-production-app-1", create=True)
    assert made is not None
    public, private = made
    config = host_key_cloud_config(public, private)
    assert config["ssh_keys"] == {"ed25519_private": private, "ed25519_public": public.openssh}
    assert config["ssh_genkeytypes"] == []  # the server makes no key of its own
    other = keys.host_key(SPEC, "wn-hub-production-app-2", create=True)
    assert other is not None and other[0].fingerprint != public.fingerprint
    keys.forget(SPEC, ["wn-hub-production-app-1", "wn-hub-production-app-2"])
    assert keys.host_key(SPEC, "wn-hub-production-app-1") is None


def test_a_connection_gets_the_access_key_and_only_the_host_key_the_console_made() -> None:
    backend = MemoryKeyring()
    keys = DeployKeys(KeyringSecretStore(backend))
    assert keys.access_private_pem(SPEC) is None
    assert keys.host_public(SPEC, "wn-hub-production-app-1") is None  # never made: none to trust
    access = keys.access_key(SPEC, create=True)
    made = keys.host_key(SPEC, "wn-hub-production-app-1", create=True)
    assert access is not None and made is not None
    assert keys.access_private_pem(SPEC) == backend.get_password(
        "webnova-console", "deploy/bank/hub/production/access")
    assert keys.host_public(SPEC, "wn-hub-production-app-1") == made[0]
    assert keys.host_public(SPEC, "wn-hub-production-app-2") is None
