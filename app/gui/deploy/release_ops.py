"""What the Deploy pane's Releases tab asks of the release services, off the GUI thread
(Qt-free), mirroring ``webnova release list|deploy|history`` and ``webnova backup list``.

The releases of a platform with, for one environment, which runs now and how each one's
last deploy ended — "running" while a live console holds the environment's lease,
"interrupted" when its journal is open and nobody holds it (as ``Deployments.status`` says
of infrastructure). Deploys and health checks reach the servers over SSH: they run their
own asyncio loop in a worker thread, so neither the window nor the database queue waits
on the network; step reports come back through a callback on that thread.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.services.release_targets import Reach, ReleaseTargetError, parse_reach

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.services.approvals import ApprovalRequest
    from app.services.release_deploy import ReleaseDeployResult, Report
    from app.services.release_rollback import RollbackResult
    from app.services.release_rollout import ReleaseRollout, ServerHealth

RUNNING, INTERRUPTED = "running", "interrupted"  # besides deployed, switched_back, failed
DEPLOYING = "deploying"  # running, by this console
ROLLED_BACK = "rolled_back"  # deployed, by a rollback to it


@dataclass(frozen=True)
class ReleaseRow:
    """One built release, and what became of it on the environment."""

    release: int
    blueprint_version: int
    built_at: datetime
    built_by: str
    present: bool  # its file is still in the data folder
    current: bool = False  # the servers run it now
    status: str | None = None  # its last deploy: deployed, rolled_back, switched_back, failed,
    # running, interrupted
    deployed_at: datetime | None = None
    deployed_by: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ReleasesView:
    platform: str
    environment: str
    rows: list[ReleaseRow]
    current: int | None
    busy: bool  # another console is deploying to the environment right now
    backups: list[dict[str, Any]] = field(default_factory=list)
    ran: list[int] = field(default_factory=list)  # releases whose deploys ended deployed, in order


def split_reach(text: str) -> list[str]:
    """The Reach field: one ``SERVER=[USER@]HOST:PORT`` per line or comma-separated."""
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def reach_of(text: str) -> dict[str, Reach]:
    """The field's entries, each checked (a ReleaseTargetError names a bad one)."""
    return parse_reach(split_reach(text))


def reach_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with the field, if anything: ("entry", the first entry that is not
    ``SERVER=[USER@]HOST:PORT``) or ("twice", a server named more than once)."""
    entries = split_reach(text)
    for entry in entries:
        try:
            parse_reach([entry])
        except ReleaseTargetError:
            return "entry", entry
    names = [entry.split("=", 1)[0].strip() for entry in entries]
    twice = next((name for name in names if names.count(name) > 1), None)
    return ("twice", twice) if twice is not None else None


def rollout_of(workspace: Workspace) -> ReleaseRollout:
    """The workspace's release services (imports the SSH client: call it off the GUI thread)."""
    from app.bootstrap import build_release_rollout

    return build_release_rollout(workspace)


def releases_view(workspace: Workspace, platform: str, environment: str) -> ReleasesView:
    """Blocking (reads the store): run it on the workspace's runner."""
    from app.bootstrap import build_releases
    from app.services.release_deploy import DEPLOYED, SWITCHED_BACK, release_deploy_stream

    built = build_releases(workspace).list_now(platform)
    deployer = _deployer(workspace)
    history = deployer.history(platform, environment)
    busy = not workspace.store.lease_free(
        release_deploy_stream(workspace.entry.tenant_id, platform, environment))
    current: int | None = None
    last: dict[int, Mapping[str, Any]] = {}
    for deploy in history:
        last[int(deploy["release"])] = deploy
        if deploy["outcome"] == DEPLOYED:
            current = int(deploy["release"])
        elif deploy["outcome"] == SWITCHED_BACK:
            previous = deploy.get("previous")
            current = int(previous) if previous is not None else None
    rows = []
    for summary in built:
        deploy = last.get(summary.release)
        status = None
        if deploy is not None:
            status = deploy["outcome"] or (RUNNING if busy else INTERRUPTED)
            if status == DEPLOYED and deploy.get("rollback"):
                status = ROLLED_BACK
        rows.append(ReleaseRow(
            summary.release, summary.blueprint_version, summary.built_at, summary.built_by,
            summary.present, summary.release == current, status,
            datetime.fromisoformat(deploy["at"]) if deploy is not None else None,
            str(deploy.get("by") or "") if deploy is not None else "",
            str(deploy.get("reason") or "") if deploy is not None else ""))
    ran = [int(d["release"]) for d in history if d["outcome"] == DEPLOYED]
    return ReleasesView(platform, environment, rows, current, busy,
                        deployer.backups(platform, environment), ran)


def rollback_target(view: ReleasesView, chosen: int | None) -> tuple[int, bool] | None:
    """The release a rollback goes back to, and whether it is the chosen one: the chosen
    release if it ran here and is not the current one, else the release that ran before
    the current one (as ``webnova release rollback`` without ``--to``); None: none."""
    if view.current is None:
        return None
    if chosen is not None and chosen != view.current and chosen in view.ran:
        return chosen, True
    before = next((n for n in reversed(view.ran) if n != view.current), None)
    return (before, False) if before is not None else None


def _deployer(workspace: Workspace) -> Any:
    from app.services.release_deploy import ReleaseDeployer

    return ReleaseDeployer(workspace.store, workspace.entry.tenant_id, workspace.current_user)


async def read_releases(workspace: Workspace, platform: str, environment: str) -> ReleasesView:
    return await workspace.runner.run(lambda: releases_view(workspace, platform, environment))


async def deploy(workspace: Workspace, platform: str, environment: str, number: int | None,
                 reach: Mapping[str, Reach], progress: Callable[[Report], None],
                 ) -> ReleaseDeployResult | ApprovalRequest:
    """Deploy release ``number`` (None: the latest built), or the owner's pending request
    back (``webnova release deploy``)."""
    await workspace.runner.run(workspace.governance.ensure_owner_now)

    def run() -> ReleaseDeployResult | ApprovalRequest:
        rollout = rollout_of(workspace)
        return asyncio.run(rollout.deploy(platform, environment, number, reach,
                                          workspace.current_user, progress=progress))

    return await asyncio.to_thread(run)


async def rollback(workspace: Workspace, platform: str, environment: str, to: int,
                   choice: str | None, reach: Mapping[str, Reach],
                   progress: Callable[[Report], None]) -> RollbackResult | ApprovalRequest:
    """Roll back to release ``to`` (``webnova release rollback``); raises
    RollbackChoiceNeededError, with the plan, when migrations ran since and ``choice`` is None."""
    await workspace.runner.run(workspace.governance.ensure_owner_now)

    def run() -> RollbackResult | ApprovalRequest:
        return asyncio.run(rollout_of(workspace).rollback(
            platform, environment, to, choice, reach, workspace.current_user,
            progress=progress))

    return await asyncio.to_thread(run)


async def check_health(workspace: Workspace, platform: str, environment: str,
                       reach: Mapping[str, Reach]) -> list[ServerHealth]:
    def run() -> list[ServerHealth]:
        return asyncio.run(rollout_of(workspace).check_health(platform, environment, reach))

    return await asyncio.to_thread(run)

