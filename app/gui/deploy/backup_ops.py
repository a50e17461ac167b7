"""What the Deploy pane's Backups tab asks of the environment's backups, off the GUI thread
(Qt-free), mirroring ``webnova backup list|create|restore|drill``
(:class:`~app.services.environment_backups.EnvironmentBackups`).

Every call reaches the database server over SSH: it runs its own asyncio loop in a worker
thread, so neither the window nor the database queue waits on the network; a restore's
step reports come back through a callback on that thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.services.approvals import ApprovalRequest
    from app.services.db_backups import DrillReport
    from app.services.environment_backups import BackupEntry, EnvironmentBackups, RestoreResult
    from app.services.release_deploy import Report
    from app.services.release_targets import Reach


@dataclass(frozen=True)
class LastUse:
    """The latest restore or drill of a backup on the environment, as the journal says."""

    event: str  # "restore" or "drill"
    outcome: str  # restore: restored, failed, interrupted, "" (under way); drill: match, mismatch, failed
    at: str  # ISO time
    reason: str = ""


@dataclass(frozen=True)
class BackupsView:
    platform: str
    environment: str
    entries: list[BackupEntry]  # oldest first
    unreached: str | None  # why the database server was not asked (the console's records shown)
    last: dict[str, LastUse] = field(default_factory=dict)  # by backup id


def backups_of(workspace: Workspace) -> EnvironmentBackups:
    """The workspace's backups service (imports the SSH client: call it off the GUI thread)."""
    from app.bootstrap import build_environment_backups

    return build_environment_backups(workspace)


def last_uses(journal: list[dict[str, Any]]) -> dict[str, LastUse]:
    """Each backup's latest restore or drill, from :meth:`EnvironmentBackups.journal`."""
    from app.services.environment_backups import DRILLED, RESTORE_FINISHED, RESTORE_STARTED

    found: dict[str, LastUse] = {}
    for event in journal:
        backup, at, reason = str(event.get("id", "")), str(event.get("at", "")), str(
            event.get("reason") or "")
        if event["event"] == RESTORE_STARTED:
            found[backup] = LastUse("restore", "", at)
        elif event["event"] == RESTORE_FINISHED:
            found[backup] = LastUse("restore", str(event.get("outcome", "")), at, reason)
        elif event["event"] == DRILLED:
            outcome = "match" if event.get("ok") else "failed" if reason else "mismatch"
            if outcome == "mismatch":
                reason = ", ".join(event.get("mismatched") or [])
            found[backup] = LastUse("drill", outcome, at, reason)
    return found


async def read_backups(workspace: Workspace, platform: str, environment: str,
                       reach: Mapping[str, Reach]) -> BackupsView:
    """Every backup (``backup list``), or the console's records and why the server was not
    reached; with each one's latest restore or drill."""

    def run() -> BackupsView:
        backups = backups_of(workspace)
        entries, unreached = asyncio.run(backups.list_or_recorded(platform, environment, reach))
        return BackupsView(platform, environment, entries, unreached,
                           last_uses(backups.journal(platform, environment)))

    return await asyncio.to_thread(run)


async def create(workspace: Workspace, platform: str, environment: str,
                 reach: Mapping[str, Reach]) -> dict[str, Any]:
    """A dump now (``backup create``): its id, path, size, tables and rows."""
    return await asyncio.to_thread(
        lambda: asyncio.run(backups_of(workspace).create(platform, environment, reach)))


async def restore(workspace: Workspace, platform: str, environment: str, backup_id: str,
                  reach: Mapping[str, Reach], progress: Callable[[Report], None],
                  ) -> RestoreResult | ApprovalRequest:
    """Restore ``backup_id`` (``backup restore``, governed): the result, or the owner's
    request while it waits for approval."""
    await workspace.runner.run(workspace.governance.ensure_owner_now)

    def run() -> RestoreResult | ApprovalRequest:
        return asyncio.run(backups_of(workspace).restore(
            platform, environment, backup_id, reach, workspace.current_user, progress=progress))

    return await asyncio.to_thread(run)


async def drill(workspace: Workspace, platform: str, environment: str, backup_id: str | None,
                reach: Mapping[str, Reach]) -> tuple[BackupEntry, DrillReport]:
    """Restore ``backup_id`` (None: the newest) into a scratch database and compare each
    table's rows (``backup drill``)."""
    return await asyncio.to_thread(lambda: asyncio.run(
        backups_of(workspace).drill(platform, environment, backup_id, reach)))
