"""Putting a release on an environment's app servers, and taking it back when it is not
healthy.

One deploy, in order: upload the release file to every app server (nothing is sent when the
same file is there already), install it into ``releases/N`` from its own wheels only, back
up the database (``pg_dump`` on the database server, kept on its volume), run the
release's migrations once, switch ``current`` and restart on each server, and check health
through the proxy. A failed health check switches every server back to the release before
and says why. While the app restarts, the proxy holds requests (``lb_try_duration``), so
none is lost.

Every step is an event of the environment's release stream, and the deploy holds the
environment's lease, so no deploy can stay "in progress" without a live console: a console
killed mid-deploy leaves the lease free and the journal unfinished, and the next deploy
(or ``resume``) finishes what is safe to finish — a switch with no health check yet is
checked, and switched back if it is not healthy. A rollback (:mod:`release_rollback`) is a
deploy of an earlier release in the same stream, settled the same way.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from app.domain.errors import LeaseHeldError, WebNovaError
from app.domain.events import NewEvent
from app.domain.release import remote, rollback
from app.services.db_backups import take_backup
from app.services.ports import EventStore
from app.services.remote_ports import RemoteError, RemoteHost

STARTED = "ReleaseDeployStarted"
STEP = "ReleaseStepDone"
BACKUP = "DatabaseBackedUp"
FINISHED = "ReleaseDeployFinished"
DEPLOYED, SWITCHED_BACK, FAILED = "deployed", "switched_back", "failed"
RUNNING, INTERRUPTED = "running", "interrupted"  # an open journal, with or without its console


class ReleaseDeployError(WebNovaError):
    pass


def release_deploy_stream(tenant_id: str, platform: str, environment: str) -> str:
    return f"release-deploy:{tenant_id}:{platform}:{environment}"


@dataclass(frozen=True)
class AppServer:
    """One app server as a deploy sees it."""

    name: str
    host: RemoteHost
    root: str  # /srv/webnova/<platform>
    health_url: str  # the platform's /health through the proxy, as the server reaches it
    unit: str  # webnova-<platform>.service
    port: int
    package: str  # the platform's Python package (<key>_api)
    health_host: str = ""  # the name the proxy serves (TLS SNI and Host); "": the URL's host


@dataclass(frozen=True)
class DatabaseServer:
    """Where the database lives, and how to dump it (``pg_dump`` reads PG* from ``env_file``)."""

    name: str
    host: RemoteHost
    backup_dir: str
    env_file: str
    database: str


@dataclass(frozen=True)
class Release:
    number: int
    path: Path
    sha256: str
    dist: str  # the platform's distribution name (<key>-platform)


@dataclass(frozen=True)
class Report:
    step: str
    state: str  # started, done, failed
    message: str = ""


@dataclass
class ReleaseDeployResult:
    outcome: str
    release: int
    previous: int | None
    steps: list[str] = field(default_factory=list)
    reason: str = ""
    backup: str | None = None
    uploaded: int = 0  # bytes sent
    failed_step: str | None = None


class ReleaseDeployer:
    def __init__(self, store: EventStore, tenant_id: str, actor: str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.tenant_id = tenant_id
        self.actor = actor
        self.clock = clock

    # ------------------------------------------------------------ journal
    def _record(self, stream: str, kind: str, data: dict[str, Any]) -> None:
        self.store.append(stream, [NewEvent(kind, self.tenant_id, data, {"actor": self.actor})],
                          self.store.stream_version(stream))

    def history(self, platform: str, environment: str) -> list[dict[str, Any]]:
        """Every deploy of the environment, oldest first, with its outcome (None while the
        journal is unfinished) and its ``state``: the outcome once finished, else "running"
        while a live console holds the environment's lease, "interrupted" when none does
        (a console stopped in the middle; the next deploy settles it)."""
        stream = release_deploy_stream(self.tenant_id, platform, environment)
        found: list[dict[str, Any]] = []
        for event in self.store.read_stream(stream):
            if event.type == STARTED:
                found.append({**event.data, "at": event.recorded_at.isoformat(),
                              "by": event.metadata.get("actor"), "steps": [], "outcome": None})
            elif found and event.type == STEP:
                found[-1]["steps"].append(event.data["step"])
            elif found and event.type == BACKUP:
                found[-1]["backup"] = event.data
            elif found and event.type == FINISHED:
                found[-1]["outcome"] = event.data["outcome"]
                found[-1]["reason"] = event.data.get("reason", "")
        for deploy in found:
            deploy["state"] = deploy["outcome"]
        if found and found[-1]["outcome"] is None:  # only the last can be open
            found[-1]["state"] = RUNNING if not self.store.lease_free(stream) else INTERRUPTED
        return found

    def status(self, platform: str, environment: str) -> dict[str, Any]:
        """Where the environment stands, from its journal: ``state`` ("never", "running",
        "interrupted", or the last deploy's outcome), ``current`` (the release the servers'
        ``current`` link names, or None when the journal cannot know: a deploy stopped
        while a switch, or a switch back, may have been under way, or a switch back that
        failed; ``candidates`` then lists the releases it is one of) and the last deploy."""
        history = self.history(platform, environment)
        if not history:
            return {"platform": platform, "environment": environment, "state": "never",
                    "current": None, "candidates": [], "last": None}
        last = history[-1]
        current, candidates = _current_release(history)
        return {"platform": platform, "environment": environment, "state": last["state"],
                "current": current, "candidates": candidates,
                "last": {k: last.get(k) for k in ("release", "previous", "outcome", "reason",
                                                  "at", "by", "steps")}}

    def backups(self, platform: str, environment: str) -> list[dict[str, Any]]:
        return [d["backup"] for d in self.history(platform, environment) if d.get("backup")]

    # ------------------------------------------------------------ deploying
    async def deploy(self, platform: str, environment: str, release: Release,
                     servers: Sequence[AppServer], database: DatabaseServer | None,
                     settings: Mapping[str, str], migrate_settings: Mapping[str, str], *,
                     health_seconds: float = 60.0,
                     progress: Callable[[Report], None] | None = None) -> ReleaseDeployResult:
        """Deploy ``release`` to ``servers`` (see the module's docstring)."""
        if not servers:
            raise ReleaseDeployError(f"{platform} {environment} has no app server to deploy to")
        stream = release_deploy_stream(self.tenant_id, platform, environment)
        say = progress or (lambda _r: None)
        try:
            with self.store.lease(stream):
                return await self._deploy(stream, release, servers, database, settings,
                                          migrate_settings, health_seconds, say)
        except LeaseHeldError as exc:
            raise ReleaseDeployError(f"{platform} {environment} is being deployed by {exc.holder} "
                                     "right now; wait for it to finish") from None

    async def _run(self, server: AppServer, name: str, *args: str | int | float,
                   timeout: float = 600) -> str:
        result = await server.host.run(remote.command(server.root, name, *args), timeout=timeout,
                                       check=True, input=remote.SCRIPT)
        return result.stdout.strip()

    async def _deploy(self, stream: str, release: Release, servers: Sequence[AppServer],
                      database: DatabaseServer | None, settings: Mapping[str, str],
                      migrate_settings: Mapping[str, str], health_seconds: float,
                      say: Callable[[Report], None]) -> ReleaseDeployResult:
        first = servers[0]
        await self._settle(stream, servers, health_seconds, say)
        current = await self._run(first, "current")
        previous = int(current) if current.isdigit() else None
        self._record(stream, STARTED, {"release": release.number, "sha256": release.sha256,
                                       "previous": previous,
                                       "servers": [s.name for s in servers]})
        result = ReleaseDeployResult(DEPLOYED, release.number, previous)

        step = partial(self._step, stream, result, say)

        try:
            for server in servers:
                await server.host.run(f"mkdir -p {shlex.quote(server.root + '/incoming')} "
                                      f"{shlex.quote(server.root + '/releases')}", check=True)
                uploaded = await step(f"upload:{server.name}", server.host.upload(
                    release.path, f"{server.root}/incoming/{release.sha256}.tar", mode=0o640))
                result.uploaded += uploaded.sent
                await step(f"install:{server.name}", self._run(
                    server, "install", release.number, release.sha256, release.dist, timeout=900))
                await step(f"settings:{server.name}", self._settings(
                    server, release.number, settings, migrate_settings))
            if database is not None:
                result.backup = await step("backup", self._backup(stream, database,
                                                                      release.number))
            await step("migrate", self._run(first, "migrate", release.number, timeout=900))
        except RemoteError as exc:
            return self._finish(stream, result, FAILED,
                                f"step {result.failed_step} failed: {exc}; the running release "
                                "was not touched")
        switched: list[AppServer] = []
        try:
            for server in servers:
                await step(f"switch:{server.name}", self._run(server, "switch", release.number))
                switched.append(server)
                await step(f"restart:{server.name}", self._run(
                    server, "restart", server.unit, server.port, server.package))
            for server in servers:
                await step(f"health:{server.name}", self._health(server, health_seconds))
        except RemoteError as exc:
            why = str(exc)
            try:
                back = await self._switch_back(stream, switched, previous, say, health_seconds)
            except RemoteError as again:
                return self._finish(stream, result, FAILED,
                                    f"release {release.number} is not healthy ({why}); switching "
                                    f"back to release {previous} failed too: {again}")
            return self._finish(stream, result, SWITCHED_BACK if back else FAILED,
                                f"release {release.number} is not healthy ({why}); " + (
                                    f"switched back to release {previous}" if back else
                                    "there was no release before it to switch back to"))
        return self._finish(stream, result, DEPLOYED, "")

    async def _step(self, stream: str, result: ReleaseDeployResult, say: Callable[[Report], None],
                    name: str, work: Any) -> Any:
        """One journalled step of a deploy or rollback: said as it starts and ends, recorded
        once done; a failure is said, named in ``result`` and raised."""
        say(Report(name, "started"))
        try:
            value = await work
        except RemoteError as exc:
            say(Report(name, "failed", str(exc)))
            result.failed_step = name
            raise
        self._record(stream, STEP, {"step": name})
        result.steps.append(name)
        say(Report(name, "done"))
        return value

    async def _settle(self, stream: str, servers: Sequence[AppServer], health_seconds: float,
                      say: Callable[[Report], None]) -> None:
        """A deploy whose console died leaves its journal open; the next one closes it from
        what the servers say. Not yet switched: nothing ran of it (failed). Switched: the
        release is checked — healthy, it stands (deployed); not, the servers go back."""
        events = self.store.read_stream(stream)
        starts = [i for i, e in enumerate(events) if e.type == STARTED]
        if not starts or any(e.type == FINISHED for e in events[starts[-1]:]):
            return
        head = events[starts[-1]].data
        number, previous = int(head["release"]), head.get("previous")
        what = "rollback to" if head.get("rollback") else "deploy of"
        on_new = [s for s in servers if await self._run(s, "current") == str(number)]
        if head.get("choice") in rollback.CHOICES and len(on_new) < len(servers):
            # a rollback stopped after its downgrade or restore: the database is release N's
            # now, so the switch the owner approved is finished
            now = await self._run(servers[0], "revision", number)
            if rollback.revision_of(now) == rollback.revision_of(
                    await self._run(servers[0], "heads", number)):
                for server in servers:
                    await self._run(server, "switch", number)
                on_new = list(servers)
        if not on_new:
            self._record(stream, FINISHED, {
                "outcome": FAILED, "reason": f"the console stopped during the {what} release "
                f"{number}, before switching; the running release was not touched"})
            return
        try:
            for server in on_new:
                say(Report(f"health:{server.name}", "started"))
                await self._run(server, "restart", server.unit, server.port, server.package)
                await self._health(server, health_seconds)
                say(Report(f"health:{server.name}", "done"))
        except RemoteError as exc:
            if head.get("choice") in rollback.CHOICES and previous is not None:
                await self._run(servers[0], "migrate", previous, timeout=900)
            back = await self._switch_back(stream, on_new, previous, say, health_seconds)
            self._record(stream, FINISHED, {
                "outcome": SWITCHED_BACK if back else FAILED,
                "reason": f"the console stopped during the {what} release {number}, which is "
                f"not healthy ({exc}); " + (f"switched back to release {previous}" if back else
                                             "there was no release before it")})
            return
        self._record(stream, FINISHED, {
            "outcome": DEPLOYED, "reason": f"the console stopped during the {what} release "
            f"{number}; it was switched and is healthy, so it stands"})

    async def check_health(self, server: AppServer, seconds: float = 10.0) -> str:
        """The platform's health through the proxy on ``server`` (what a deploy checks last):
        its answer when healthy; a RemoteError saying why not."""
        return await self._health(server, seconds)

    async def _health(self, server: AppServer, seconds: float) -> str:
        name = (server.health_host,) if server.health_host else ()
        return await self._run(server, "health", server.health_url, seconds, *name,
                               timeout=seconds + 30)

    async def _settings(self, server: AppServer, number: int, settings: Mapping[str, str],
                        migrate_settings: Mapping[str, str]) -> None:
        """The release's settings (``releases/N/app.env``: a release goes back with the
        settings it ran with) and the migrating login's address, mode 0600, passed on
        standard input — never in a command line, the journal or a log."""
        for path, values in ((f"{server.root}/releases/{number}/app.env", settings),
                             (f"{server.root}/migrate.env", migrate_settings)):
            text = "".join(f"{k}={shell_value(v)}\n" for k, v in sorted(values.items()))
            q = shlex.quote(path)
            await server.host.run(f"umask 077 && cat > {q}.new && mv {q}.new {q}",
                                  check=True, input=text)

    async def _backup(self, stream: str, database: DatabaseServer, number: int,
                      label: str = "") -> str:
        """A dump recorded in the journal, taken before release ``number`` goes on."""
        taken = await take_backup(database, label or f"before-release-{number}", self.clock)
        self._record(stream, BACKUP, {**{k: taken[k] for k in ("id", "path", "size", "server",
                                                                "tables", "rows")},
                                      "release": number})
        return str(taken["path"])

    async def _switch_back(self, stream: str, switched: Sequence[AppServer], previous: int | None,
                           say: Callable[[Report], None], health_seconds: float) -> bool:
        if previous is None:
            for server in switched:
                await self._run(server, "stop", server.unit)
            return False
        for server in switched:
            say(Report(f"switch_back:{server.name}", "started"))
            await self._run(server, "switch", previous)
            await self._run(server, "restart", server.unit, server.port, server.package)
            await self._health(server, health_seconds)
            self._record(stream, STEP, {"step": f"switch_back:{server.name}"})
            say(Report(f"switch_back:{server.name}", "done"))
        return True

    def _finish(self, stream: str, result: ReleaseDeployResult, outcome: str,
                reason: str) -> ReleaseDeployResult:
        self._record(stream, FINISHED, {"outcome": outcome, "reason": reason})
        result.outcome, result.reason = outcome, reason
        return result


def _current_release(history: Sequence[Mapping[str, Any]]) -> tuple[int | None, list[int]]:
    """The release the ``current`` link names per the journal, and the releases it may be
    when the journal cannot say (None, candidates)."""
    last = history[-1]
    release, previous, steps = last["release"], last.get("previous"), last["steps"]
    servers = last.get("servers") or []
    if last["outcome"] == DEPLOYED or (
            last["outcome"] is None and servers and steps and steps[-1] == f"switch:{servers[-1]}"):
        return release, [release]  # every server switched; the restart comes next
    switching = any(s.startswith(("switch:", "switch_back:")) for s in steps) \
        or (steps and steps[-1] == "migrate")  # the switch comes next: it may have run
    if last["outcome"] == SWITCHED_BACK or not switching:
        return previous, [] if previous is None else [previous]
    maybe = sorted({r for r in (previous, release) if r is not None})
    return None, maybe


def shell_value(value: str) -> str:
    """A value for a shell ``. FILE`` (and systemd's EnvironmentFile): single-quoted."""
    return "'" + value.replace("'", "'\"'\"'") + "'"
