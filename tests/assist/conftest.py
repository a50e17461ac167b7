"""A real workspace (SQLite, memory keyring), the loopback Anthropic fake, and helpers."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Console, Workspace
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.services.assistant_model import API_KEY_SECRET
from app.store.console_config import JsonConfigRepository
from tests.assist.fake_anthropic import API_KEY, FakeAnthropic

OWNER = "owner"


@pytest.fixture
def console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Console:
    monkeypatch.setenv("WEBNOVA_USER", OWNER)
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)
    return Console(JsonConfigRepository(tmp_path / "console.json"),
                   KeyringSecretStore(backend=MemoryKeyring()))


@pytest.fixture
def workspace(console: Console) -> Iterator[Workspace]:
    ws = console.open_current()
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as server:
        yield server


@pytest.fixture
def sleeps(workspace: Workspace) -> list[float]:
    """Waits the gateway asked for (recorded, not slept), with no jitter so they are exact."""
    waited: list[float] = []

    async def record(seconds: float) -> None:
        waited.append(seconds)

    workspace.orchestrator.gateway.sleep = record
    workspace.orchestrator.gateway.jitter = lambda: 0.0
    return waited


@pytest.fixture
def claude(workspace: Workspace, fake: FakeAnthropic, sleeps: list[float]) -> FakeAnthropic:
    """The workspace's assistant pointed at the fake, with a key in the keyring."""
    workspace.orchestrator.gateway.secrets.set(API_KEY_SECRET, API_KEY)
    run(workspace.orchestrator.gateway.update_settings(OWNER, base_url=fake.base_url))
    return fake


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def new_blueprint(ws: Workspace, template: str = "healthcare", key: str = "clinic") -> None:
    ws.blueprints.create_from_template_now(template, key, OWNER)


def events_of(ws: Workspace, prefix: str) -> list[Any]:
    return [e for e in ws.store.read_all() if e.stream_id.startswith(prefix)]
