"""The environments the Deploy pane lists (Qt-free): one row per environment of each
blueprint in the workspace, read from the blueprint document's ``environments``.

Where an environment stands (deployed, stopped at a step, destroyed, …) is not the
blueprint's to say: it comes from the deployments the console has recorded, through one
hook, :data:`StatusOf` — :func:`recorded_statuses` reads each environment's latest
deployment from its journal; :func:`not_deployed` says nothing was ever deployed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.services.ports import BlueprintSummary


class EnvironmentStatus(StrEnum):
    """The state of an environment's latest deployment (``Deployment.state``)."""

    NOT_DEPLOYED = "never"
    APPLIED = "applied"
    STOPPED = "stopped"  # a step failed: retry or roll back
    INTERRUPTED = "interrupted"  # the console stopped mid-step: resume
    RUNNING = "running"  # another live console is applying it now
    CANCELLED = "cancelled"
    FAILED = "failed"
    ROLLED_BACK = "rolled_back"
    DESTROYED = "destroyed"


@dataclass(frozen=True)
class Standing:
    """Where an environment stands: its latest deployment's state and number, and the step
    it stopped at with the provider's error."""

    status: EnvironmentStatus
    number: int = 0
    failed_step: str = ""
    error: str = ""

    @classmethod
    def of(cls, status: Mapping[str, Any]) -> Standing:
        """From ``Deployments.status``; a state this console does not know reads as failed."""
        try:
            state = EnvironmentStatus(str(status.get("state")))
        except ValueError:
            state = EnvironmentStatus.FAILED
        return cls(state, int(status.get("number") or 0), str(status.get("failed_step") or ""),
                   str(status.get("error") or ""))


@dataclass(frozen=True)
class EnvironmentRow:
    platform: str  # the blueprint's key
    name_en: str
    name_ar: str
    environment: str
    provider: str  # "hetzner", "on_premises", …
    region: str
    server_size: str
    replicas: int
    document: Mapping[str, Any]  # the blueprint document it was read from

    @property
    def key(self) -> tuple[str, str]:
        return self.platform, self.environment

    @property
    def on_hetzner(self) -> bool:
        return self.provider == "hetzner"


# Reads the status of each listed environment; runs off the GUI thread, on the workspace's
# database runner, so it may read the store. The deployments service plugs in here.
StatusOf = Callable[["Workspace", Sequence[EnvironmentRow]], Mapping[tuple[str, str], Standing]]


def not_deployed(_workspace: Workspace, rows: Sequence[EnvironmentRow]
                 ) -> dict[tuple[str, str], Standing]:
    """No deployment is recorded: every environment is not deployed."""
    return {row.key: Standing(EnvironmentStatus.NOT_DEPLOYED) for row in rows}


def recorded_statuses(workspace: Workspace, rows: Sequence[EnvironmentRow]
                      ) -> dict[tuple[str, str], Standing]:
    """Each environment's latest deployment, as its journal tells it (blocking: reads the
    store)."""
    if workspace.cloud is None:
        return not_deployed(workspace, rows)
    deployments = workspace.deployments
    return {row.key: Standing.of(deployments.status(row.platform, row.environment))
            for row in rows}


def environment_rows(summary: BlueprintSummary, document: Mapping[str, Any]) -> list[EnvironmentRow]:
    """The environments of one blueprint, in the order the blueprint lists them."""
    rows = []
    for env in document.get("environments") or []:
        rows.append(EnvironmentRow(
            platform=summary.key, name_en=summary.name_en, name_ar=summary.name_ar,
            environment=str(env.get("name", "")), provider=str(env.get("provider", "")),
            region=str(env.get("region", "")), server_size=str(env.get("server_size", "")),
            replicas=int(env.get("replicas", 1)), document=document))
    return rows


@dataclass(frozen=True)
class DeployListing:
    """What the pane shows on the left and offers on the right."""

    rows: list[EnvironmentRow]
    statuses: Mapping[tuple[str, str], Standing]
    accounts: list[str]  # the workspace's cloud account names
    has_cloud: bool  # the workspace has a cloud accounts service at all


def read_listing(workspace: Workspace, status_of: StatusOf) -> DeployListing:
    """Blocking: run it on the workspace's runner."""
    rows: list[EnvironmentRow] = []
    for summary in workspace.blueprints.list_now():
        document = workspace.blueprints.get_now(summary.key).document
        rows.extend(environment_rows(summary, document))
    cloud = workspace.cloud
    accounts = [a.name for a in cloud.all()] if cloud is not None else []
    return DeployListing(rows, status_of(workspace, rows), accounts, cloud is not None)
