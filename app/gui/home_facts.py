"""What the Home pane shows, read off the GUI thread: the workspace's platforms (each
blueprint with its version and its last generation), and the audit log's size and newest
entry for those who may read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.governance.audit import AuditEntry, VerificationResult
from app.domain.governance.users import Permission, User
from app.services.ports import BlueprintSummary

if TYPE_CHECKING:
    from app.bootstrap import Workspace


@dataclass(frozen=True)
class Platform:
    summary: BlueprintSummary
    folder: Path | None = None  # where it was generated (None: never generated here)
    generated_version: int | None = None  # the blueprint version of the last generation
    generated_at: datetime | None = None
    unreadable: str = ""  # why the generated folder could not be read

    @property
    def behind(self) -> bool:
        """Generated from an older version than the blueprint's newest."""
        return self.generated_version is not None and self.generated_version < self.summary.version


@dataclass(frozen=True)
class AuditFacts:
    total: int
    newest: AuditEntry | None


@dataclass(frozen=True)
class HomeFacts:
    me: User | None
    platforms: list[Platform]
    audit: AuditFacts | None  # None: this person may not read the audit log

    @property
    def may_read_audit(self) -> bool:
        return self.audit is not None


def may_read_audit(me: User | None) -> bool:
    return me is not None and me.can(Permission.AUDIT_READ)


def read_home(workspace: Workspace, summaries: list[BlueprintSummary], me: User | None) -> HomeFacts:
    """Blocking: run it on the workspace's runner."""
    registry = workspace.codegen.registry
    known = registry.known() if registry is not None else {}
    platforms = [_platform(workspace, summary, known.get(summary.key)) for summary in summaries]
    audit = None
    if may_read_audit(me):
        page = workspace.audit.entries(limit=1)
        audit = AuditFacts(page.total, page.entries[0] if page.entries else None)
    return HomeFacts(me, platforms, audit)


def _platform(workspace: Workspace, summary: BlueprintSummary, folder: Path | None) -> Platform:
    if folder is None:
        return Platform(summary)
    if not folder.is_dir():
        return Platform(summary, folder, unreadable="missing")
    try:
        commits = workspace.codegen.history_now(folder, 20)
    except Exception as exc:  # a damaged or foreign folder: say so, show the rest
        return Platform(summary, folder, unreadable=str(exc) or type(exc).__name__)
    last = next((c for c in commits if c.blueprint == summary.key and c.version is not None), None)
    if last is None:
        return Platform(summary, folder)
    return Platform(summary, folder, last.version, last.time)


def verify_audit(workspace: Workspace) -> VerificationResult:
    """Blocking: the whole chain, hashes and signatures."""
    return workspace.audit.verify()
