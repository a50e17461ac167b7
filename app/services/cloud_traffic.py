"""Reading the traffic counters of the environments' servers from their cloud accounts
(for :meth:`UsageLedgerService.meter_cloud`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from app.domain.cloud.model import EnvironmentSpec
from app.domain.costs.traffic_meter import TrafficReading
from app.domain.errors import WebNovaError
from app.services.cloud_ports import CloudProvider, ResourceKind


class SpecSource(Protocol):
    def last_spec(self, platform: str, environment: str) -> EnvironmentSpec: ...


@dataclass
class TrafficRead:
    readings: list[TrafficReading] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # "<platform> <env>: why", not read


class CloudTrafficReader:
    def __init__(self, specs: SpecSource,
                 connect_cloud: Callable[[str], AbstractContextManager[CloudProvider]]) -> None:
        self.specs = specs
        self.connect_cloud = connect_cloud

    def read(self, environments: Iterable[tuple[str, str]]) -> TrafficRead:
        """The servers' outgoing traffic counters of each (platform, environment); an
        environment whose account cannot be read is named in ``missed``."""
        done = TrafficRead()
        for platform, environment in sorted(set(environments)):
            try:
                spec = self.specs.last_spec(platform, environment)
                with self.connect_cloud(spec.account) as provider:
                    servers = provider.list_by_labels(ResourceKind.SERVER, spec.labels())
            except (WebNovaError, OSError) as exc:
                done.missed.append(f"{platform} {environment}: {exc}")
                continue
            for server in servers:
                outgoing = server.attributes.get("outgoing_traffic")
                if isinstance(outgoing, int) and not isinstance(outgoing, bool) and outgoing >= 0:
                    done.readings.append(TrafficReading(
                        platform, environment, server.name, server.id, outgoing,
                        str(server.attributes.get("server_type") or ""), server.location or ""))
        return done
