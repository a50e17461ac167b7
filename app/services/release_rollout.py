"""A release deployed to an environment the way infrastructure is applied: the release file
checked first (hashes, lock, signature), then governed — ``deploy.apply`` with
``plan_kind`` "release", the release's number and its manifest's hash bound to the
approval, so production waits for the owner and an approval of one release does not let
another through — and then put on the environment's servers (``ReleaseDeployer``) with
the targets and settings of :mod:`app.services.release_targets`; the audit log records
the outcome.

A rollback (:mod:`app.services.release_rollback`) is governed the same way: ``deploy.apply``
with ``plan_kind`` "rollback", bound to the target release, the release it replaces, the
way back chosen and the backup restored; ``destroys_data`` when the database goes down
or back, and the approval request says what is lost, in English and Arabic."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.errors import WebNovaError
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor, Decision
from app.domain.governance.audit import AuditRecord
from app.domain.release.rollback import RESTORE, SWITCH, plan_texts
from app.services.approvals import ApprovalRequest, ApprovalState
from app.services.governance import GovernanceService
from app.services.release_deploy import Release, ReleaseDeployer, ReleaseDeployResult, Report
from app.services.release_rollback import (
    ReleaseRollback,
    RollbackChoiceNeededError,
    RollbackPlan,
    RollbackResult,
)
from app.services.release_targets import Reach, ReleaseTargets, Targets
from app.services.releases import Releases, ReleaseSummary
from app.services.remote_ports import RemoteError

PLAN_KIND = "release"
ROLLBACK_KIND = "rollback"


class ReleaseRolloutError(WebNovaError):
    pass


@dataclass(frozen=True)
class ChosenRelease:
    summary: ReleaseSummary
    sha256: str  # of the release file, as uploaded


@dataclass(frozen=True)
class ServerHealth:
    server: str
    healthy: bool
    reason: str = ""  # why not, as the check said


class ReleaseRollout:
    def __init__(self, releases: Releases, targets: ReleaseTargets, deployer: ReleaseDeployer,
                 governance: GovernanceService, tenant_id: str,
                 file_digest: Callable[[Path], tuple[str, int]]) -> None:
        self.releases = releases
        self.targets = targets
        self.deployer = deployer
        self.governance = governance
        self.tenant_id = tenant_id
        self.file_digest = file_digest

    def choose(self, platform: str, number: int | None) -> ChosenRelease:
        """The release to deploy (default: the latest built), its file verified."""
        built = self.releases.list_now(platform)
        if not built:
            raise ReleaseRolloutError(f"no release of {platform} was built (run 'webnova release "
                                      f"build {platform}' first)")
        summary = built[-1] if number is None else next(
            (s for s in built if s.release == number), None)
        if summary is None:
            known = ", ".join(str(s.release) for s in built)
            raise ReleaseRolloutError(f"{platform} has no release {number} (built: {known})")
        if not summary.present:
            raise ReleaseRolloutError(f"the file of release {summary.release} of {platform} is "
                                      f"missing: {summary.file}")
        check = self.releases.verify_now(summary.file)
        if not check.valid:
            more = f" (and {len(check.problems) - 1} more)" if len(check.problems) > 1 else ""
            raise ReleaseRolloutError(f"release {summary.release} of {platform} is refused: "
                                      f"{check.problems[0]}{more}")
        assert check.manifest is not None
        if check.manifest.platform != platform:
            raise ReleaseRolloutError(f"{summary.file} is a release of {check.manifest.platform}, "
                                      f"not of {platform}")
        return ChosenRelease(summary, self.file_digest(summary.file)[0])

    # ------------------------------------------------------------ governance
    def action(self, platform: str, environment: str, chosen: ChosenRelease, actor: str,
               region: str, account: str) -> ActionDescriptor:
        s = chosen.summary
        return ActionDescriptor(kinds.DEPLOY, actor, self.tenant_id, subject=f"{platform}/{environment}",
                                context={"platform": platform, "environment": environment,
                                         "region": region, "account": account,
                                         "plan_kind": PLAN_KIND, "release": s.release,
                                         "blueprint_version": s.blueprint_version,
                                         "manifest_sha256": s.manifest_sha256,
                                         "plan_hash": f"release-{s.release}-{s.manifest_sha256}",
                                         "destroys_data": False, "estimated_monthly_cost": 0.0,
                                         "summary": f"release {s.release} of {platform} to "
                                                    f"{environment}"})

    def authorize(self, action: ActionDescriptor, why: str) -> Decision | ApprovalRequest:
        """A Decision allowing it, an approved request bound to this release, or a pending
        request (new, or the one already open for it)."""
        return self.governance.grant_now(action, why, {
            "plan": f"release {action.context['release']} of {action.context['platform']} "
                    f"(manifest sha256 {action.context['manifest_sha256']}) to "
                    f"{action.context['environment']}"},
            bound_to=("plan_kind", "release", "manifest_sha256"))

    # ------------------------------------------------------------ deploying
    async def deploy(self, platform: str, environment: str, number: int | None,
                     reach: Mapping[str, Reach], actor: str, why: str = "", *,
                     health_seconds: float = 90.0,
                     progress: Callable[[Report], None] | None = None,
                     ) -> ReleaseDeployResult | ApprovalRequest:
        chosen = self.choose(platform, number)
        targets = self.targets.open(platform, environment, reach)
        try:
            action = self.action(platform, environment, chosen, actor, targets.spec.location,
                                 targets.spec.account)
            grant = self.authorize(action, why or f"release {chosen.summary.release} of "
                                   f"{platform} to {environment}")
            if isinstance(grant, ApprovalRequest) and grant.closed_state is not ApprovalState.APPROVED:
                return grant
            result = await self._deploy(platform, environment, chosen, targets, health_seconds,
                                        progress)
        finally:
            await targets.close()
        self._record(actor, action, result, grant)
        return result

    async def check_health(self, platform: str, environment: str, reach: Mapping[str, Reach],
                           seconds: float = 10.0) -> list[ServerHealth]:
        """Each app server's health through its proxy, now (nothing is changed)."""
        targets = self.targets.open(platform, environment, reach)
        try:
            found = []
            for server in targets.servers:
                try:
                    await self.deployer.check_health(server, seconds)
                except RemoteError as exc:
                    found.append(ServerHealth(server.name, False, str(exc)))
                else:
                    found.append(ServerHealth(server.name, True))
            return found
        finally:
            await targets.close()

    async def _deploy(self, platform: str, environment: str, chosen: ChosenRelease,
                      targets: Targets, health_seconds: float,
                      progress: Callable[[Report], None] | None) -> ReleaseDeployResult:
        say = progress or (lambda _r: None)
        if targets.database is not None:
            say(Report("database", "started"))
            await self.targets.prepare_database(targets)
            say(Report("database", "done"))
        release = Release(chosen.summary.release, chosen.summary.file, chosen.sha256,
                          f"{platform}-platform")
        return await self.deployer.deploy(platform, environment, release, targets.servers,
                                          targets.database, targets.settings,
                                          targets.migrate_settings, health_seconds=health_seconds,
                                          progress=progress)

    def _record(self, actor: str, action: ActionDescriptor, result: ReleaseDeployResult,
                grant: Decision | ApprovalRequest) -> None:
        audit = self.governance.audit
        if audit is None:
            return
        payload: dict[str, Any] = {"action": action.to_json(), "outcome": result.outcome,
                                   "previous": result.previous, "reason": result.reason,
                                   "steps": result.steps}
        if isinstance(grant, ApprovalRequest):
            payload["approval"] = grant.id
        audit.append(AuditRecord(self.tenant_id, actor, action.kind, action.subject, payload,
                                 "done" if result.outcome == "deployed" else result.outcome))

    # ------------------------------------------------------------ rolling back
    def rollback_action(self, plan: RollbackPlan, way: str, actor: str, region: str,
                        account: str) -> ActionDescriptor:
        consequence = plan.consequence(way)
        backup = plan.backup["id"] if way == RESTORE and plan.backup else None
        return ActionDescriptor(kinds.DEPLOY, actor, self.tenant_id,
                                subject=f"{plan.platform}/{plan.environment}",
                                context={"platform": plan.platform,
                                         "environment": plan.environment, "region": region,
                                         "account": account, "plan_kind": ROLLBACK_KIND,
                                         "release": plan.target, "from_release": plan.current,
                                         "choice": way, "backup": backup,
                                         "plan_hash": f"rollback-{plan.current}-to-{plan.target}-"
                                                      f"{way}-{backup or ''}",
                                         "destroys_data": consequence is not None,
                                         "estimated_monthly_cost": 0.0,
                                         "summary": f"roll {plan.platform} {plan.environment} "
                                                    f"back to release {plan.target}"})

    async def rollback(self, platform: str, environment: str, to: int | None, choice: str | None,
                       reach: Mapping[str, Reach], actor: str, why: str = "", *,
                       health_seconds: float = 90.0,
                       progress: Callable[[Report], None] | None = None,
                       ) -> RollbackResult | ApprovalRequest:
        """Governed rollback. Raises RollbackChoiceNeededError (with the plan and both ways back)
        when migrations ran since the target and no ``choice`` was made."""
        engine = ReleaseRollback(self.deployer)
        targets = self.targets.open(platform, environment, reach)
        try:
            plan = await engine.plan(platform, environment, targets.servers, to)
            if plan.needs_choice and choice is None:
                raise RollbackChoiceNeededError(plan)
            way = choice if plan.needs_choice and choice is not None else SWITCH
            action = self.rollback_action(plan, way, actor, targets.spec.location,
                                          targets.spec.account)
            plan_en, plan_ar = plan_texts(platform, environment, plan.target, plan.current,
                                          plan.consequence(way))
            grant = self.governance.grant_now(
                action, why or action.context["summary"], {"plan": plan_en, "plan_ar": plan_ar},
                bound_to=("plan_kind", "release", "from_release", "choice", "backup"))
            if isinstance(grant, ApprovalRequest) and grant.closed_state is not ApprovalState.APPROVED:
                return grant
            result = await engine.rollback(platform, environment, targets.servers,
                                           targets.database, plan.target, choice, expect=plan,
                                           health_seconds=health_seconds, progress=progress)
        finally:
            await targets.close()
        self._record(actor, action, result, grant)
        return result
