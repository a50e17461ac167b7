"""Opening a cloud account: the Hetzner adapter on the real API (or ``WEBNOVA_HETZNER_ENDPOINT``,
for a proxy), or, for a sandbox account, the simulator started on loopback for the length of
the work, its state kept in the console's data folder."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.services.cloud_accounts import CloudAccount, CloudAccountError
from app.services.cloud_ports import CloudProvider

PROVIDERS = ["hetzner"]


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", part) or "_"


class CloudConnections:
    def __init__(self, sandbox_dir: Path, sandbox_action_delay: float = 1.0,
                 endpoint: str | None = None, poll_interval: float = 1.0,
                 backoff: float = 1.0) -> None:
        self.sandbox_dir = sandbox_dir
        self.sandbox_action_delay = sandbox_action_delay
        self.endpoint = endpoint or os.environ.get("WEBNOVA_HETZNER_ENDPOINT") or None
        self.poll_interval = poll_interval
        self.backoff = backoff  # the first retry's wait in seconds; it doubles each time

    def providers(self) -> list[str]:
        return list(PROVIDERS)

    def sandbox_file(self, account: CloudAccount) -> Path:
        return self.sandbox_dir / f"{_safe(account.name)}.json"

    @contextmanager
    def open(self, account: CloudAccount, token: str) -> Iterator[CloudProvider]:
        # The SDK is imported on first use: most commands never reach a cloud.
        from app.integrations.hetzner_cloud import ENDPOINT, HetznerCloud

        if account.provider not in PROVIDERS:
            raise CloudAccountError(f"cloud account {account.name!r} uses the provider "
                                    f"{account.provider!r}, which this console does not know")
        if not account.sandbox:
            yield HetznerCloud(token, self.endpoint or ENDPOINT, poll_interval=self.poll_interval,
                               backoff=self.backoff)
            return
        from app.integrations.hetzner_sim import HetznerSimulator

        path = self.sandbox_file(account)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            simulator = HetznerSimulator(token, action_delay=self.sandbox_action_delay,
                                         state_file=path)
        except ValueError as exc:
            raise CloudAccountError(str(exc)) from None
        simulator.start()
        try:
            yield HetznerCloud(token, simulator.url, poll_interval=min(self.poll_interval, 0.2),
                               backoff=self.backoff)
        finally:
            simulator.stop()

    def forget(self, account: CloudAccount) -> None:
        if account.sandbox:
            self.sandbox_file(account).unlink(missing_ok=True)
