"""The cloud accounts service: nothing half-added, and the token only in the keyring."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import ConcurrencyError
from app.domain.events import NewEvent, RecordedEvent
from app.integrations.cloud_connect import CloudConnections
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.services.cloud_accounts import CloudAccountError, CloudAccounts


class RacingStore:
    """An event store where another console appends first."""

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]:
        return []

    def append(self, stream_id: str, events: Sequence[NewEvent], expected_version: int | None) -> Any:
        raise ConcurrencyError(stream_id, expected_version, 1)


def test_a_failed_record_takes_the_token_back_out_of_the_keyring(tmp_path: Path) -> None:
    keyring = MemoryKeyring()
    accounts = CloudAccounts(RacingStore(), KeyringSecretStore(keyring),  # type: ignore[arg-type]
                             CloudConnections(tmp_path, sandbox_action_delay=0), "t1", "ws")
    with pytest.raises(ConcurrencyError):
        accounts.add("demo", "hetzner", None, "root", sandbox=True)
    assert keyring._items == {}


def test_unknown_providers_and_bad_names_are_refused_before_anything(tmp_path: Path) -> None:
    keyring = MemoryKeyring()
    accounts = CloudAccounts(RacingStore(), KeyringSecretStore(keyring),  # type: ignore[arg-type]
                             CloudConnections(tmp_path), "t1", "ws")
    with pytest.raises(CloudAccountError, match="unknown provider 'digitalocean'"):
        accounts.add("demo", "digitalocean", "token", "root")
    with pytest.raises(CloudAccountError, match="is not valid"):
        accounts.add("../demo", "hetzner", "token", "root")
    assert keyring._items == {}
