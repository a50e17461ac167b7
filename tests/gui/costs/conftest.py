"""Fixtures for the Costs pane: the console's local workspace with price books (Hetzner's
list, Claude's shipped prices, the owner's request price, rates to SAR) and a year of usage
— 1,000,000 records as ``benchmarks/costs.py`` generates them, written into the rollup
with the projection's own upsert (benchmarks/usage_rollup_data.py) — and the pane on it."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Console, Workspace
from app.domain.events import NewEvent
from app.gui.costs.pane import CostsPane
from app.gui.qt import QApplication, QMainWindow
from app.gui.session import WorkspaceSession
from app.services.price_books import HETZNER_SYNCED, prices_stream
from benchmarks.costs import DAYS, FIRST_DAY
from benchmarks.usage_rollup_data import Key, usage_sums, write_rollup
from tests.gui.conftest import wait_until
from tests.unit.costs.test_hetzner_billing import PRICING

YEAR = (FIRST_DAY, FIRST_DAY + timedelta(days=DAYS))
RECORDS = 1_000_000
MODELS = {"models": [{"name": "platform.requests", "rule": "per_unit", "unit": "request",
                      "prices": [{"currency": "SAR", "unit_price": "0.0001"}]}]}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def _owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)
    monkeypatch.setenv("WEBNOVA_USER", "root")


@pytest.fixture(scope="session")
def million() -> dict[Key, list[int]]:
    """The rollup rows of 1,000,000 usage records (about 3 s, once per session)."""
    return usage_sums(RECORDS, seed=1)


def price_books(workspace: Workspace) -> None:
    tenant = workspace.entry.tenant_id
    prices = workspace.prices
    workspace.store.append(prices_stream(tenant), [NewEvent(HETZNER_SYNCED, tenant, {
        "account": "main", "effective": "2025-10-01", "synced_at": "2025-10-01T00:00:00+00:00",
        "currency": "EUR", "pricing": PRICING})], None)
    prices.set_rate("EUR", "SAR", "4", "2025-01-01", "root")
    prices.set_rate("USD", "SAR", "3.75", "2025-01-01", "root")
    prices.define_models(MODELS, "2025-01-01", "root")
    prices.set_currency("SAR", "root")


def open_pane(qtbot: Any, console: Console) -> tuple[CostsPane, WorkspaceSession, QMainWindow]:
    gc.collect()
    session = WorkspaceSession(console)
    window = QMainWindow()
    window.resize(1180, 760)
    made = CostsPane(session)
    window.setCentralWidget(made)
    qtbot.addWidget(window)
    window.show()
    session.start()
    wait_until(qtbot, lambda: made.workspace is not None, 20_000)
    wait_until(qtbot, lambda: not made.loading, 30_000)
    return made, session, window


@pytest.fixture
def pane(qapp: QApplication, qtbot: Any, aio_loop: asyncio.AbstractEventLoop,
         console: Console) -> Iterator[CostsPane]:
    del qapp, aio_loop
    made, session, window = open_pane(qtbot, console)
    try:
        yield made
    finally:
        made.shutdown()
        session.close()
        window.close()
        window.deleteLater()
        gc.collect()


def fill_year(pane: CostsPane, sums: dict[Key, list[int]]) -> Workspace:
    """Price books and a year of usage in the pane's workspace."""
    workspace = pane.workspace
    assert workspace is not None
    price_books(workspace)
    write_rollup(workspace.engine, workspace.entry.tenant_id, sums)
    return workspace
