"""The keys of an environment's servers, made by the console and kept in the OS keyring.

- The **access key**: one Ed25519 key pair per environment; its public half goes to the
  cloud as the environment's SSH key, its private half never leaves the keyring.
- **Host keys**: one Ed25519 host key per server, made before the server exists and given
  to it in cloud-init, so the console knows each server's fingerprint before first contact
  and never has to trust a key on first use.

Keyring names: ``deploy/<workspace>/<platform>/<environment>/access`` and
``deploy/<workspace>/<platform>/<environment>/host/<server>``. Private halves are OpenSSH
PEM text; nothing private is logged, stored in the database or shown.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.cloud.model import EnvironmentSpec, Resource
from app.domain.redaction import redactor
from app.domain.release.server_setup import PlatformSite, server_user_data
from app.services.ports import SecretStore


@dataclass(frozen=True)
class PublicKey:
    openssh: str  # "ssh-ed25519 AAAA…"
    fingerprint: str  # "SHA256:…", as ssh-keygen -l prints it


def _prefix(spec: EnvironmentSpec) -> str:
    return f"deploy/{spec.workspace}/{spec.platform}/{spec.environment}"


def _public(private_pem: str, comment: str = "") -> PublicKey:
    key = serialization.load_ssh_private_key(private_pem.encode("ascii"), password=None)
    raw = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                        serialization.PublicFormat.OpenSSH).decode("ascii")
    blob = base64.b64decode(raw.split()[1])
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")
    return PublicKey(f"{raw} {comment}".strip(), f"SHA256:{digest}")


def _new_private() -> str:
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption()).decode("ascii")
    redactor.register(pem)
    return pem


class DeployKeys:
    def __init__(self, secrets: SecretStore) -> None:
        self.secrets = secrets

    def _private(self, name: str, create: bool) -> str | None:
        """The private PEM kept under ``name``; made and kept first when missing and
        ``create``, else None."""
        private = self.secrets.get(name)
        if private is None and create:
            private = _new_private()
            self.secrets.set(name, private)
        return private

    def access_key(self, spec: EnvironmentSpec, create: bool = False) -> PublicKey | None:
        """The environment's access key (made and kept when ``create``; else None if none)."""
        private = self._private(f"{_prefix(spec)}/access", create)
        if private is None:
            return None
        return _public(private, f"webnova-{spec.platform}-{spec.environment}")

    def access_private_pem(self, spec: EnvironmentSpec) -> str | None:
        """The access key's private PEM, to open an SSH connection with (None if none was
        made). Hand it straight to the connection; never log, store or show it."""
        return self.secrets.get(f"{_prefix(spec)}/access")

    def host_public(self, spec: EnvironmentSpec, server: str) -> PublicKey | None:
        """The public half of the host key the console made for ``server`` (None if it
        made none): the only key an SSH connection to that server accepts."""
        private = self.secrets.get(f"{_prefix(spec)}/host/{server}")
        return None if private is None else _public(private)

    def host_key(self, spec: EnvironmentSpec, server: str, create: bool = False) -> tuple[PublicKey, str] | None:
        """A server's host key: its public half and the private PEM for cloud-init."""
        private = self._private(f"{_prefix(spec)}/host/{server}", create)
        if private is None:
            return None
        return _public(private), private

    def server_cloud_config(self, spec: EnvironmentSpec, server: str) -> tuple[str, dict[str, object]]:
        """The server's host key fingerprint and the cloud-config part installing it."""
        found = self.host_key(spec, server, create=True)
        assert found is not None
        public, private = found
        return public.fingerprint, host_key_cloud_config(public, private)

    def server_user_data(self, spec: EnvironmentSpec, site: PlatformSite, server: str, *,
                         resources: Sequence[Resource] | None = None,
                         volume_id: str | None = None) -> tuple[str, str]:
        """The server's host key fingerprint and its whole user data (``#cloud-config``:
        the host key, the console's login with the access key, hardened SSH, updates,
        firewall, and the app or database set-up of its role; see
        :mod:`app.domain.release.server_setup`). Makes the keys when missing."""
        access = self.access_key(spec, create=True)
        assert access is not None
        fingerprint, part = self.server_cloud_config(spec, server)
        return fingerprint, server_user_data(spec, site, server, access_key=access.openssh,
                                             host_key=part, resources=resources,
                                             volume_id=volume_id)

    def forget(self, spec: EnvironmentSpec, servers: list[str]) -> None:
        """Drop the environment's keys (after a destroy)."""
        self.secrets.delete(f"{_prefix(spec)}/access")
        for server in servers:
            self.secrets.delete(f"{_prefix(spec)}/host/{server}")


def host_key_cloud_config(public: PublicKey, private_pem: str) -> dict[str, object]:
    """The cloud-config part that installs a host key made by the console."""
    return {"ssh_deletekeys": True, "ssh_genkeytypes": [],
            "ssh_keys": {"ed25519_private": private_pem, "ed25519_public": public.openssh}}
