"""The backups of a platform environment as the owner works with them: take one now, list
them all, restore one (governed), rehearse a restore (a drill).

The journal: backups taken by hand, restores and drills are events of the environment's
backups stream, ``db-backups:<tenant>:<platform>:<env>`` (``DatabaseBackupTaken``,
``DatabaseRestoreStarted``, ``DatabaseRestoreFinished``, ``BackupDrilled``); the dumps
taken before deploys stay in the release stream (``DatabaseBackedUp``). The list joins
both with what the database server's backup folder holds — the daily timer's dumps are
found there only — and marks which the console recorded; a recorded dump whose file is
gone is shown as missing.

A restore destroys every change written after its dump, so it is governed as
``deploy.apply`` with ``plan_kind`` "restore" and ``destroys_data`` (the default
constitution has production wait for the root owner), the approval bound to the backup,
the consequences said in English and Arabic. It holds the environment's deploy lease (no
deploy runs meanwhile), stops the app servers so nothing half-restored is served,
restores, and starts them again with a health check — after a failed restore too, as the
database was left as it was. A restore whose console died is closed by the next restore
("interrupted": its servers are started and checked first).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from app.domain.errors import LeaseHeldError, WebNovaError
from app.domain.events import NewEvent
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor, Decision
from app.domain.governance.audit import AuditRecord
from app.domain.release import remote
from app.services.approvals import ApprovalRequest, ApprovalState
from app.services.db_backups import (
    DatabaseBackupError,
    DrillReport,
    backup_kind,
    drill_backup,
    parse_backup_name,
    restore_backup,
    server_backups,
    take_backup,
)
from app.services.governance import GovernanceService
from app.services.ports import EventStore
from app.services.release_deploy import (
    AppServer,
    DatabaseServer,
    ReleaseDeployer,
    Report,
    release_deploy_stream,
)
from app.services.release_targets import Reach, ReleaseTargets, Targets
from app.services.remote_ports import RemoteError

TAKEN = "DatabaseBackupTaken"
RESTORE_STARTED = "DatabaseRestoreStarted"
RESTORE_FINISHED = "DatabaseRestoreFinished"
DRILLED = "BackupDrilled"
PLAN_KIND = "restore"
RESTORED, FAILED, INTERRUPTED = "restored", "failed", "interrupted"


class EnvironmentBackupError(WebNovaError):
    pass


def backups_stream(tenant_id: str, platform: str, environment: str) -> str:
    return f"db-backups:{tenant_id}:{platform}:{environment}"


@dataclass(frozen=True)
class BackupEntry:
    """One backup as ``backup list`` shows it."""

    id: str
    kind: str  # before-deploy, manual, scheduled
    at: str  # ISO time, UTC
    path: str
    size: int | None  # None: the file is missing (or the server was not reached)
    recorded: bool  # the console's journal has it
    present: bool | None  # the file is on the database server (None: the server was not reached)
    server: str  # the database server
    release: int | None = None  # the deploy it was taken before

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "at": self.at, "path": self.path,
                "size": self.size, "recorded": self.recorded, "present": self.present,
                "server": self.server, "release": self.release}


@dataclass
class RestoreResult:
    outcome: str  # restored, failed
    backup: BackupEntry
    reason: str = ""
    steps: list[str] = field(default_factory=list)


def consequences(entry: BackupEntry, platform: str, environment: str) -> tuple[str, str]:
    """What a restore of ``entry`` does, in English and Arabic."""
    at = entry.at[:19].replace("T", " ") + " UTC"
    return (f"Restoring backup {entry.id} replaces the database of {platform} {environment} "
            f"with its contents as of {at}: every change written after {at} is lost. The "
            "platform is stopped while the database is restored and started again after.",
            f"استعادة النسخة الاحتياطية \u2068{entry.id}\u2069 تستبدل قاعدة بيانات "
            f"\u2068{platform} {environment}\u2069 بمحتواها كما كان في \u2068{at}\u2069: "
            f"كل تغيير كُتب بعد \u2068{at}\u2069 يضيع. تتوقف المنصة أثناء استعادة قاعدة "
            "البيانات ثم تعود للعمل بعدها.")


class EnvironmentBackups:
    def __init__(self, store: EventStore, targets: ReleaseTargets, deployer: ReleaseDeployer,
                 governance: GovernanceService, tenant_id: str, actor: str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.targets = targets
        self.deployer = deployer
        self.governance = governance
        self.tenant_id = tenant_id
        self.actor = actor
        self.clock = clock

    # ------------------------------------------------------------ journal
    def _record(self, stream: str, kind: str, data: dict[str, Any]) -> None:
        self.store.append(stream, [NewEvent(kind, self.tenant_id, data, {"actor": self.actor})],
                          self.store.stream_version(stream))

    def recorded(self, platform: str, environment: str) -> list[dict[str, Any]]:
        """The backups the console took: before deploys and by hand, oldest first."""
        found = [{**b, "kind": "before-deploy"} for b in self.deployer.backups(platform, environment)]
        for event in self.store.read_stream(backups_stream(self.tenant_id, platform, environment)):
            if event.type == TAKEN:
                found.append(dict(event.data))
        return found

    def journal(self, platform: str, environment: str) -> list[dict[str, Any]]:
        """Restores and drills of the environment, oldest first."""
        return [{"event": e.type, **e.data, "at": e.recorded_at.isoformat(),
                 "by": e.metadata.get("actor")}
                for e in self.store.read_stream(backups_stream(self.tenant_id, platform, environment))
                if e.type != TAKEN]

    # ------------------------------------------------------------ listing
    def _open(self, platform: str, environment: str, reach: Mapping[str, Reach]) -> Targets:
        targets = self.targets.open(platform, environment, reach)
        if targets.database is None:
            raise EnvironmentBackupError(f"{platform} {environment} has no database server")
        return targets

    def recorded_entries(self, platform: str, environment: str,
                         server: str = "") -> list[BackupEntry]:
        """The backups the console recorded, without asking the database server (whether each
        file is still there is unknown: ``present`` None); the daily ones are not among them."""
        found = []
        for item in self.recorded(platform, environment):
            path = str(item["path"])
            name = parse_backup_name(path.rsplit("/", 1)[-1])
            found.append(BackupEntry(
                name[0] if name else str(item["id"]), str(item.get("kind") or "manual"),
                name[2].isoformat() if name else str(item.get("at", "")), path,
                item.get("size"), True, None, str(item.get("server") or server),
                item.get("release")))
        return sorted(found, key=lambda e: (e.at, e.id))

    async def _entries(self, platform: str, environment: str,
                       database: DatabaseServer) -> list[BackupEntry]:
        on_server = {b.path: b for b in await server_backups(database)}
        entries: dict[str, BackupEntry] = {}
        for item in self.recorded(platform, environment):
            path = str(item["path"])
            name = parse_backup_name(path.rsplit("/", 1)[-1])
            there = on_server.get(path)
            entries[path] = BackupEntry(
                name[0] if name else str(item["id"]), str(item.get("kind") or "manual"),
                name[2].isoformat() if name else str(item.get("at", "")), path,
                there.size if there else None, True, there is not None, database.name,
                item.get("release"))
        for path, found in on_server.items():
            if path not in entries:
                entries[path] = BackupEntry(found.id, backup_kind(found.label), found.at.isoformat(),
                                            path, found.size, False, True, database.name)
        return sorted(entries.values(), key=lambda e: (e.at, e.id))

    async def list_backups(self, platform: str, environment: str,
                           reach: Mapping[str, Reach]) -> list[BackupEntry]:
        """Every backup of the environment, oldest first (see the module's docstring)."""
        return (await self.list_or_recorded(platform, environment, reach, offline=False))[0]

    async def list_or_recorded(self, platform: str, environment: str, reach: Mapping[str, Reach],
                               offline: bool = True) -> tuple[list[BackupEntry], str | None]:
        """Every backup and None; or, when the database server cannot be reached and
        ``offline``, the backups the console recorded and why the server was not asked."""
        targets = self._open(platform, environment, reach)
        try:
            assert targets.database is not None
            try:
                return await self._entries(platform, environment, targets.database), None
            except RemoteError as exc:
                if not offline:
                    raise
                return self.recorded_entries(platform, environment, targets.database.name), str(exc)
        finally:
            await targets.close()

    @staticmethod
    def find(entries: list[BackupEntry], backup_id: str | None, platform: str,
             environment: str) -> BackupEntry:
        """The backup named ``backup_id`` (its id or the time part of it); None: the newest
        present. Unknown or missing: an error naming it."""
        if backup_id is None:
            present = [e for e in entries if e.present]
            if not present:
                raise EnvironmentBackupError(f"{platform} {environment} has no backup yet (take "
                                             f"one with 'webnova backup create {platform} --env "
                                             f"{environment}')")
            return present[-1]
        entry = next((e for e in entries if backup_id in (e.id, e.id.split("-", 1)[0])), None)
        if entry is None:
            known = ", ".join(e.id for e in entries[-5:]) or "none"
            raise EnvironmentBackupError(f"{platform} {environment} has no backup {backup_id!r} "
                                         f"(the latest: {known}; see 'webnova backup list')")
        if not entry.present:
            raise EnvironmentBackupError(f"backup {entry.id} is missing: {entry.path} is not on "
                                         "the database server any more")
        return entry

    # ------------------------------------------------------------ taking
    async def create(self, platform: str, environment: str,
                     reach: Mapping[str, Reach]) -> dict[str, Any]:
        """A dump of the environment's database now, recorded in the backups stream."""
        targets = self._open(platform, environment, reach)
        try:
            assert targets.database is not None
            await self.targets.prepare_database(targets)
            taken = await take_backup(targets.database, "manual", self.clock)
        finally:
            await targets.close()
        self._record(backups_stream(self.tenant_id, platform, environment), TAKEN, taken)
        return taken

    # ------------------------------------------------------------ drilling
    async def drill(self, platform: str, environment: str, backup_id: str | None,
                    reach: Mapping[str, Reach]) -> tuple[BackupEntry, DrillReport]:
        """Restore a backup (default: the newest) into a scratch database and compare each
        table's rows with the counts taken with the dump; the outcome is recorded."""
        targets = self._open(platform, environment, reach)
        stream = backups_stream(self.tenant_id, platform, environment)
        try:
            assert targets.database is not None
            entry = self.find(await self._entries(platform, environment, targets.database),
                              backup_id, platform, environment)
            try:
                report = await drill_backup(targets.database, entry.path)
            except DatabaseBackupError as exc:
                self._record(stream, DRILLED, {"id": entry.id, "ok": False, "reason": str(exc)})
                raise
        finally:
            await targets.close()
        self._record(stream, DRILLED, {
            "id": entry.id, "ok": report.ok, "reason": report.problem,
            "mismatched": [t.table for t in report.tables if not t.ok]})
        return entry, report

    # ------------------------------------------------------------ restoring
    def action(self, platform: str, environment: str, entry: BackupEntry, actor: str,
               region: str, account: str) -> ActionDescriptor:
        return ActionDescriptor(kinds.DEPLOY, actor, self.tenant_id, subject=f"{platform}/{environment}",
                                context={"platform": platform, "environment": environment,
                                         "region": region, "account": account,
                                         "plan_kind": PLAN_KIND, "backup": entry.id,
                                         "backup_at": entry.at, "plan_hash": f"restore-{entry.id}",
                                         "destroys_data": True, "estimated_monthly_cost": 0.0,
                                         "summary": f"restore backup {entry.id} of {platform} "
                                                    f"{environment}"})

    async def restore(self, platform: str, environment: str, backup_id: str,
                      reach: Mapping[str, Reach], actor: str, why: str = "", *,
                      health_seconds: float = 90.0,
                      progress: Callable[[Report], None] | None = None,
                      ) -> RestoreResult | ApprovalRequest:
        """Restore backup ``backup_id`` over the environment's database, governed (see the
        module's docstring); an ApprovalRequest while an owner has not approved it."""
        targets = self._open(platform, environment, reach)
        try:
            assert targets.database is not None
            entry = self.find(await self._entries(platform, environment, targets.database),
                              backup_id, platform, environment)
            action = self.action(platform, environment, entry, actor, targets.spec.location,
                                 targets.spec.account)
            english, arabic = consequences(entry, platform, environment)
            grant = self.governance.grant_now(
                action, why or f"restore backup {entry.id}",
                {"plan": english, "plan_ar": arabic, "consequences": english,
                 "consequences_ar": arabic}, bound_to=("plan_kind", "backup"))
            if isinstance(grant, ApprovalRequest) and grant.closed_state is not ApprovalState.APPROVED:
                return grant
            lease = release_deploy_stream(self.tenant_id, platform, environment)
            try:
                with self.store.lease(lease):
                    say = progress or (lambda _r: None)
                    await self._settle(platform, environment, targets, health_seconds, say)
                    result = await self._restore(platform, environment, entry, targets,
                                                 health_seconds, say)
            except LeaseHeldError as exc:
                raise EnvironmentBackupError(f"{platform} {environment} is being deployed by "
                                             f"{exc.holder} right now; restore once it is "
                                             "done") from None
        finally:
            await targets.close()
        self._audit(actor, action, result, grant)
        return result

    async def _restore(self, platform: str, environment: str, entry: BackupEntry,
                       targets: Targets, health_seconds: float,
                       say: Callable[[Report], None]) -> RestoreResult:
        database = targets.database
        assert database is not None
        stream = backups_stream(self.tenant_id, platform, environment)
        self._record(stream, RESTORE_STARTED, {"id": entry.id, "path": entry.path,
                                               "servers": [s.name for s in targets.servers]})
        result = RestoreResult(RESTORED, entry)

        async def step(name: str, work: Callable[[], Awaitable[None]]) -> None:
            say(Report(name, "started"))
            try:
                await work()
            except (RemoteError, DatabaseBackupError) as exc:
                say(Report(name, "failed", str(exc)))
                raise
            result.steps.append(name)
            say(Report(name, "done"))

        try:
            for server in targets.servers:
                await step(f"stop:{server.name}", partial(_run, server, "stop", server.unit))
            await step("restore", partial(restore_backup, database, entry.path))
        except (RemoteError, DatabaseBackupError) as exc:
            result.outcome, result.reason = FAILED, str(exc)
        try:
            for server in targets.servers:
                await step(f"restart:{server.name}", partial(
                    _run, server, "restart", server.unit, server.port, server.package))
                await step(f"health:{server.name}", partial(_health, server, health_seconds))
        except RemoteError as exc:
            result.outcome = FAILED
            result.reason = "; ".join(r for r in (result.reason, f"the platform did not come "
                                                  f"back healthy: {exc}") if r)
        self._record(stream, RESTORE_FINISHED, {"id": entry.id, "outcome": result.outcome,
                                                "reason": result.reason, "steps": result.steps})
        return result

    async def _settle(self, platform: str, environment: str, targets: Targets,
                      health_seconds: float, say: Callable[[Report], None]) -> None:
        """A restore whose console died left its journal open and, maybe, the app servers
        stopped: they are started again and checked, and the restore is closed as
        interrupted (the dump is applied in one transaction, so the database holds either
        the backup whole or what it held before)."""
        stream = backups_stream(self.tenant_id, platform, environment)
        events = self.store.read_stream(stream)
        starts = [i for i, e in enumerate(events) if e.type == RESTORE_STARTED]
        if not starts or any(e.type == RESTORE_FINISHED for e in events[starts[-1]:]):
            return
        backup = events[starts[-1]].data["id"]
        for server in targets.servers:
            say(Report(f"restart:{server.name}", "started"))
            await _run(server, "restart", server.unit, server.port, server.package)
            await _health(server, health_seconds)
            say(Report(f"restart:{server.name}", "done"))
        self._record(stream, RESTORE_FINISHED, {
            "id": backup, "outcome": INTERRUPTED, "steps": [],
            "reason": f"the console stopped during the restore of backup {backup}; the "
                      "database holds either that backup whole or what it held before, and "
                      "the app servers were started again"})

    def _audit(self, actor: str, action: ActionDescriptor, result: RestoreResult,
               grant: Decision | ApprovalRequest) -> None:
        audit = self.governance.audit
        if audit is None:
            return
        payload: dict[str, Any] = {"action": action.to_json(), "outcome": result.outcome,
                                   "reason": result.reason, "steps": result.steps}
        if isinstance(grant, ApprovalRequest):
            payload["approval"] = grant.id
        audit.append(AuditRecord(self.tenant_id, actor, action.kind, action.subject, payload,
                                 "done" if result.outcome == RESTORED else result.outcome))


async def _run(server: AppServer, name: str, *args: str | int | float, timeout: float = 600) -> None:
    """One command of the release script (:mod:`app.domain.release.remote`) on an app server."""
    await server.host.run(remote.command(server.root, name, *args), timeout=timeout, check=True,
                          input=remote.SCRIPT)


async def _health(server: AppServer, seconds: float) -> None:
    """The platform answers through the proxy within ``seconds``."""
    await _run(server, "health", server.health_url, seconds,
               *((server.health_host,) if server.health_host else ()), timeout=seconds + 30)
