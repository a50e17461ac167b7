"""Rolling an environment back to a release it ran before.

The target is the release that ran before the current one (the journal's deploys that
ended ``deployed``), or one named, which must have run on the environment and still be
installed whole on every app server (``releases/N/.installed``).

When the database's revision now (read with the current release's tools) is release N's
head revision (``alembic heads`` with N's tools), no migration ran since: the servers are
switched and restarted and health is checked, and an unhealthy N is switched back, as a
deploy does. Otherwise the owner chooses (:mod:`app.domain.release.rollback` says what
each costs):

- ``downgrade``: the current release's migrations run down to N's head in one transaction
  (only the newer release knows how to go down); a failing step rolls it all back and
  nothing is switched;
- ``restore``: the dump taken before the first deploy after N (its ``DatabaseBackedUp``
  event) is restored, whole or not at all (:func:`app.services.db_backups.restore_backup`).

Either way the database changes before the switch; if N is then not healthy, the current
release's migrations run again and the servers go back to it.

A rollback is a deploy of an earlier release in the environment's release stream
(``ReleaseDeployStarted`` with ``"rollback": true`` and the ``choice``), under the same
lease; a console killed in the middle is settled by the next deploy or rollback
(``ReleaseDeployer._settle``): when the database already is N's, the switch it was
approved for is finished.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from app.domain.errors import LeaseHeldError
from app.domain.release.rollback import (
    CHOICES,
    DOWNGRADE,
    OPTION,
    RESTORE,
    SWITCH,
    Consequence,
    downgrade_consequence,
    restore_consequence,
    revision_of,
)
from app.services.db_backups import restore_backup
from app.services.release_deploy import (
    DEPLOYED,
    FAILED,
    STARTED,
    SWITCHED_BACK,
    AppServer,
    DatabaseServer,
    ReleaseDeployer,
    ReleaseDeployError,
    ReleaseDeployResult,
    Report,
    release_deploy_stream,
)
from app.services.remote_ports import RemoteError


@dataclass(frozen=True)
class RollbackPlan:
    """What a rollback would do, read from the journal and the servers (nothing changed)."""

    platform: str
    environment: str
    target: int
    current: int
    sha256: str  # of the target's release file, as installed
    revision: str  # the database's now
    target_head: str  # release ``target``'s head revision
    backup: dict[str, Any] | None  # the dump taken before the first deploy after ``target``

    @property
    def needs_choice(self) -> bool:
        return self.revision != self.target_head

    def consequence(self, choice: str) -> Consequence | None:
        if not self.needs_choice or choice == SWITCH:
            return None
        if choice == DOWNGRADE:
            return downgrade_consequence(self.target, self.current, self.target_head)
        if self.backup is None:
            raise ReleaseDeployError(
                f"no backup was taken before a deploy after release {self.target} of "
                f"{self.platform} {self.environment}, so there is none to restore; "
                f"{OPTION[DOWNGRADE]} is the way back")
        return restore_consequence(str(self.backup["id"]), int(self.backup["release"]))

    def options(self) -> list[Consequence]:
        """The ways back, when one must be chosen (restore only if a backup exists)."""
        found = [downgrade_consequence(self.target, self.current, self.target_head)]
        if self.backup is not None:
            found.append(restore_consequence(str(self.backup["id"]), int(self.backup["release"])))
        return found


class RollbackChoiceNeededError(ReleaseDeployError):
    """Migrations ran since the target release: the owner must choose how to go back."""

    def __init__(self, plan: RollbackPlan) -> None:
        self.plan = plan
        lines = [f"{OPTION[c.choice]} — {c.en}" for c in plan.options()]
        if plan.backup is None:
            lines.append(f"({OPTION[RESTORE]} is not possible: no backup was taken before a "
                         f"deploy after release {plan.target})")
        super().__init__(
            f"migrations ran on {plan.platform} {plan.environment} since release {plan.target} "
            f"(the database is at revision {plan.revision or 'none'}, release {plan.target} "
            f"expects {plan.target_head}); choose how to go back:\n  " + "\n  ".join(lines))


@dataclass
class RollbackResult(ReleaseDeployResult):
    choice: str = SWITCH
    safety_backup: str | None = None  # the dump taken before a downgrade or restore


class ReleaseRollback:
    def __init__(self, deployer: ReleaseDeployer) -> None:
        self.deployer = deployer

    async def plan(self, platform: str, environment: str, servers: Sequence[AppServer],
                   to: int | None = None) -> RollbackPlan:
        """The rollback ``to`` (default: the release before the current one) would make;
        a clear error when there is nothing to go back to, naming what is available."""
        if not servers:
            raise ReleaseDeployError(f"{platform} {environment} has no app server")
        d, first, where = self.deployer, servers[0], f"{platform} {environment}"
        running = await d._run(first, "current")
        if not running.isdigit():
            raise ReleaseDeployError(f"{where} runs no release; there is nothing to roll back")
        current = int(running)
        history = d.history(platform, environment)
        ran = [int(h["release"]) for h in history if h["outcome"] == DEPLOYED]
        installed: dict[int, str] | None = None
        missing: dict[int, list[str]] = {}
        for server in servers:
            here = dict(_installed(await d._run(server, "installed")))
            for number in set(installed or here) - set(here):
                missing.setdefault(number, []).append(server.name)
            installed = here if installed is None else {
                n: sha for n, sha in installed.items() if here.get(n) == sha}
        assert installed is not None
        available = sorted({n for n in ran if n != current and n in installed})
        known = ", ".join(map(str, available)) or "none"
        if to is None:
            to = next((n for n in reversed(ran) if n != current), None)
            if to is None:
                raise ReleaseDeployError(f"no release ran on {where} before release {current}; "
                                         "there is nothing to roll back to")
        if to == current:
            raise ReleaseDeployError(f"release {to} is the one running on {where} already")
        if to not in available:
            why = ("it never ran there" if to not in ran else "it is not installed on every app "
                   f"server (missing on {', '.join(missing.get(to, [s.name for s in servers]))})")
            raise ReleaseDeployError(f"{where} cannot go back to release {to}: {why}; releases "
                                     f"it can go back to: {known}")
        return RollbackPlan(platform, environment, to, current, installed[to],
                            revision_of(await d._run(first, "revision", current)),
                            revision_of(await d._run(first, "heads", to)),
                            _backup_after(history, to))

    async def rollback(self, platform: str, environment: str, servers: Sequence[AppServer],
                       database: DatabaseServer | None, to: int | None = None,
                       choice: str | None = None, *, expect: RollbackPlan | None = None,
                       health_seconds: float = 60.0,
                       progress: Callable[[Report], None] | None = None) -> RollbackResult:
        """Roll back (see the module's docstring). ``expect``: the plan the owner approved —
        if the environment changed since, nothing is done. Raises RollbackChoiceNeededError when
        migrations ran since the target and ``choice`` is None."""
        if choice is not None and choice not in CHOICES:
            raise ReleaseDeployError(f"unknown way back {choice!r}: expected one of "
                                     f"{', '.join(CHOICES)}")
        stream = release_deploy_stream(self.deployer.tenant_id, platform, environment)
        say = progress or (lambda _r: None)
        try:
            with self.deployer.store.lease(stream):
                await self.deployer._settle(stream, servers, health_seconds, say)
                plan = await self.plan(platform, environment, servers, to)
                if expect is not None and _key(plan) != _key(expect):
                    raise ReleaseDeployError(
                        f"{platform} {environment} changed since the rollback was planned "
                        f"(release {plan.current} runs, database revision "
                        f"{plan.revision or 'none'}); plan it again")
                way = SWITCH if not plan.needs_choice else choice
                if way is None:
                    raise RollbackChoiceNeededError(plan)
                if way == RESTORE:
                    plan.consequence(RESTORE)  # no backup: says so
                    if database is None:
                        raise ReleaseDeployError(f"{platform} {environment} has no database "
                                                 "server to restore the backup on")
                return await self._rollback(stream, plan, way, servers, database,
                                            health_seconds, say)
        except LeaseHeldError as exc:
            raise ReleaseDeployError(f"{platform} {environment} is being deployed by "
                                     f"{exc.holder} right now; wait for it to finish") from None

    async def _rollback(self, stream: str, plan: RollbackPlan, way: str,
                        servers: Sequence[AppServer], database: DatabaseServer | None,
                        health_seconds: float, say: Callable[[Report], None]) -> RollbackResult:
        d, first = self.deployer, servers[0]
        backup = plan.backup if way == RESTORE else None
        d._record(stream, STARTED, {
            "release": plan.target, "sha256": plan.sha256, "previous": plan.current,
            "servers": [s.name for s in servers], "rollback": True, "choice": way,
            **({"restore": backup["id"]} if backup else {})})
        result = RollbackResult(DEPLOYED, plan.target, plan.current, choice=way,
                                backup=backup["path"] if backup else None)

        step = partial(d._step, stream, result, say)

        try:
            if way != SWITCH and database is not None:
                # What the downgrade drops or the restore replaces stays in a dump of its own:
                # the database as release plan.current left it (a later rollback to it
                # restores this one).
                result.safety_backup = await step("backup", d._backup(
                    stream, database, plan.target, label=f"before-rollback-to-{plan.target}"))
            if way == DOWNGRADE:
                await step("downgrade", d._run(first, "downgrade", plan.current,
                                               plan.target_head, timeout=900))
            elif backup is not None and database is not None:
                await step("restore", restore_backup(database, str(backup["path"])))
        except RemoteError as exc:
            return _finish(d, stream, result, FAILED,
                           f"step {result.failed_step} failed: {exc}; it ran in one transaction, "
                           "so the database is as it was, and the running release was not "
                           "touched")
        switched: list[AppServer] = []
        try:
            for server in servers:
                await step(f"switch:{server.name}", d._run(server, "switch", plan.target))
                switched.append(server)
                await step(f"restart:{server.name}", d._run(
                    server, "restart", server.unit, server.port, server.package))
            for server in servers:
                await step(f"health:{server.name}", d._health(server, health_seconds))
        except RemoteError as exc:
            why = f"release {plan.target} is not healthy ({exc}); "
            try:
                if way != SWITCH:  # the database is the target's: the current one needs its own
                    await step("migrate", d._run(first, "migrate", plan.current, timeout=900))
                await d._switch_back(stream, switched, plan.current, say, health_seconds)
            except RemoteError as again:
                return _finish(d, stream, result, FAILED,
                               f"{why}switching back to release {plan.current} failed too: {again}")
            return _finish(d, stream, result, SWITCHED_BACK, f"{why}switched back to release "
                           f"{plan.current}" + ("" if way == SWITCH else
                                                " and its migrations ran again (data the "
                                                f"{way} removed is not back)"))
        return _finish(d, stream, result, DEPLOYED, "")


def _finish(deployer: ReleaseDeployer, stream: str, result: RollbackResult, outcome: str,
            reason: str) -> RollbackResult:
    deployer._finish(stream, result, outcome, reason)
    return result


def _installed(listing: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for line in listing.splitlines():
        words = line.split()
        if len(words) == 2 and words[0].isdigit():
            found.append((int(words[0]), words[1]))
    return found


def _backup_after(history: Sequence[dict[str, Any]], target: int) -> dict[str, Any] | None:
    """The dump taken before the first deploy after ``target`` last ran: the database as
    ``target`` left it."""
    last = max((i for i, h in enumerate(history)
                if h["release"] == target and h["outcome"] == DEPLOYED), default=None)
    if last is None:
        return None
    return next((dict(h["backup"]) for h in history[last + 1:] if h.get("backup")), None)


def _key(plan: RollbackPlan) -> tuple[object, ...]:
    return (plan.target, plan.current, plan.revision, plan.target_head,
            plan.backup["id"] if plan.backup else None)
