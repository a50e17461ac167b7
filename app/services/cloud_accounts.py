"""The owner's cloud accounts: which exist (events of the stream ``cloud:<tenant>``) and
their tokens (the OS keyring only, through the SecretStore port).

A token never reaches an event, a log line, an error text or the audit log: it is checked
against the provider first, stored in the keyring, and only then is the account recorded;
if recording fails the keyring entry is taken back, so nothing is half-added.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from app.domain.errors import WebNovaError
from app.domain.events import NewEvent
from app.domain.governance.audit import AuditRecord
from app.domain.redaction import redactor
from app.services.approvals import AuditSink
from app.services.cloud_ports import CloudProvider, TokenCheck
from app.services.ports import EventStore, SecretStore

ACCOUNT_ADDED = "CloudAccountAdded"
ACCOUNT_REMOVED = "CloudAccountRemoved"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class CloudAccountError(WebNovaError):
    pass


def cloud_stream(tenant_id: str) -> str:
    return f"cloud:{tenant_id}"


@dataclass(frozen=True)
class CloudAccount:
    name: str
    provider: str
    sandbox: bool
    added_by: str
    added_at: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "provider": self.provider, "sandbox": self.sandbox,
                "added_by": self.added_by, "added_at": self.added_at}


class CloudConnector(Protocol):
    """Opens a provider for an account; a sandbox account gets its simulator running for the
    length of the ``with`` block."""

    def providers(self) -> list[str]: ...

    def open(self, account: CloudAccount, token: str) -> AbstractContextManager[CloudProvider]: ...

    def forget(self, account: CloudAccount) -> None:
        """Drop what the connector keeps for the account (a sandbox's state)."""
        ...


class CloudAccounts:
    def __init__(self, store: EventStore, secrets_store: SecretStore, connector: CloudConnector,
                 tenant_id: str, workspace: str, audit: AuditSink | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.secrets = secrets_store
        self.connector = connector
        self.tenant_id = tenant_id
        self.workspace = workspace
        self.audit = audit
        self.clock = clock

    def token_secret(self, name: str) -> str:
        return f"cloud/{self.workspace}/{self.tenant_id}/{name}/token"

    # ------------------------------------------------------------ reading
    def _load(self) -> tuple[dict[str, CloudAccount], int]:
        events = self.store.read_stream(cloud_stream(self.tenant_id))
        accounts: dict[str, CloudAccount] = {}
        for event in events:
            data = event.data
            if event.type == ACCOUNT_ADDED:
                accounts[data["name"]] = CloudAccount(data["name"], data["provider"],
                                                      bool(data.get("sandbox")), data["added_by"],
                                                      data["added_at"])
            elif event.type == ACCOUNT_REMOVED:
                accounts.pop(data["name"], None)
        return accounts, len(events)

    def all(self) -> list[CloudAccount]:
        return sorted(self._load()[0].values(), key=lambda a: a.name)

    def get(self, name: str) -> CloudAccount:
        found = self._load()[0].get(name)
        if found is None:
            raise CloudAccountError(f"there is no cloud account named {name!r} in this workspace "
                                    "(see 'webnova cloud list')")
        return found

    def token(self, account: CloudAccount) -> str:
        token = self.secrets.get(self.token_secret(account.name))
        if not token:
            raise CloudAccountError(
                f"the token of cloud account {account.name!r} is not in this machine's keyring; "
                f"remove the account and add it again")
        redactor.register(token)
        return token

    def connect(self, name: str) -> AbstractContextManager[CloudProvider]:
        account = self.get(name)
        return self.connector.open(account, self.token(account))

    # ------------------------------------------------------------ changing
    def add(self, name: str, provider: str, token: str | None, actor: str,
            sandbox: bool = False) -> tuple[CloudAccount, TokenCheck]:
        """Check the token with the provider, keep it in the keyring, record the account."""
        if not _NAME.match(name or ""):
            raise CloudAccountError(f"cloud account name {name!r} is not valid: use 1-40 letters, "
                                    "digits, '.', '_' or '-', starting with a letter or digit")
        if provider not in self.connector.providers():
            raise CloudAccountError(f"unknown provider {provider!r} (known: "
                                    f"{', '.join(self.connector.providers())})")
        accounts, version = self._load()
        if name in accounts:
            raise CloudAccountError(f"a cloud account named {name!r} already exists; remove it "
                                    "first or choose another name")
        if sandbox:
            if token:
                raise CloudAccountError("a sandbox account makes its own token; give none")
            token = secrets.token_urlsafe(32)
        token = (token or "").strip()
        if not token:
            raise CloudAccountError("the token is empty; nothing was added")
        redactor.register(token)
        account = CloudAccount(name, provider, sandbox, actor, self.clock().isoformat())
        with self.connector.open(account, token) as cloud:
            check = cloud.check()
        secret = self.token_secret(name)
        self.secrets.set(secret, token)
        try:
            self.store.append(cloud_stream(self.tenant_id), [NewEvent(
                ACCOUNT_ADDED, self.tenant_id, account.to_json(), {"actor": actor})], version)
        except BaseException:
            self.secrets.delete(secret)
            raise
        self._record(actor, "cloud.account_add", name, {"provider": provider, "sandbox": sandbox})
        return account, check

    def check(self, name: str) -> TokenCheck:
        with self.connect(name) as cloud:
            return cloud.check()

    def remove_now(self, name: str, actor: str) -> CloudAccount:
        """Forget the account and its token (the governed executor of cloud.account_remove);
        nothing in the cloud is touched."""
        accounts, version = self._load()
        account = accounts.get(name)
        if account is None:
            raise CloudAccountError(f"there is no cloud account named {name!r} in this workspace")
        self.store.append(cloud_stream(self.tenant_id), [NewEvent(
            ACCOUNT_REMOVED, self.tenant_id, {"name": name}, {"actor": actor})], version)
        self.secrets.delete(self.token_secret(name))
        self.connector.forget(account)
        return account

    def _record(self, actor: str, action: str, subject: str, payload: dict[str, Any]) -> None:
        if self.audit is not None:
            self.audit.append(AuditRecord(self.tenant_id, actor, action, subject, payload, "done"))


