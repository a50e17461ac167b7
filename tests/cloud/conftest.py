"""The Hetzner simulator on loopback, and the official SDK pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hcloud import Client

from app.integrations.hetzner_sim import HetznerSimulator

TOKEN = "hz-test-token-7f3a9c2e41b8d6f0a5e9c3b7d1f4a8e2c6b0d9f3a7e1c5b9d3f7a1e5c9b3d7f1"


class FakeClock:
    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sim() -> Iterator[HetznerSimulator]:
    with HetznerSimulator(TOKEN) as simulator:
        yield simulator


@pytest.fixture
def client(sim: HetznerSimulator) -> Client:
    return Client(TOKEN, api_endpoint=sim.url, poll_interval=0.001, timeout=10)
