"""What the Deploy pane asks of the deployments service, off the GUI thread (Qt-free).

Each call mirrors a ``webnova deploy`` command. Reads of the workspace alone (history, an
approval request, whether a plan needs the owner) run on the workspace's serial runner;
calls that reach the cloud (apply, resume, a rollback or destroy plan, drift) run in a
worker thread of their own, so the database queue never waits on the network. Progress
comes back through a callback called on that worker thread: the caller marshals it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.domain.governance.actions import Outcome
from app.gui.deploy.planning import PlanRequest

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.domain.cloud.drift import Drift
    from app.services.approvals import ApprovalRequest
    from app.services.deploy_apply import ApplyResult, StepReport
    from app.services.deploy_planning import PricedPlan
    from app.services.deployments import Deployment

APPLY, ROLLBACK, DESTROY = "apply", "rollback", "destroy"
Report = Callable[["StepReport"], None]


@dataclass(frozen=True)
class PlanKind:
    """What a plan on screen does: apply the blueprint, roll back to deployment ``to``
    (None: the one before the latest), or destroy (the volumes too with ``delete_data``)."""

    kind: str = APPLY
    to: int | None = None
    delete_data: bool = False


@dataclass(frozen=True)
class GovernedPlan:
    request: PlanRequest  # the settings the environment was last deployed with
    priced: PricedPlan
    kind: PlanKind


def document(workspace: Workspace, priced: PricedPlan, kind: PlanKind) -> dict[str, Any]:
    """The plan as the service applies it (what ``deploy plan --out`` keeps)."""
    return workspace.deployments.document(priced, kind.kind, to=kind.to,
                                          delete_data=kind.delete_data)


async def needs_approval(workspace: Workspace, doc: Mapping[str, Any]) -> bool:
    """Whether the constitution puts this plan to the owner before it may be applied (a
    denied one says so when it is applied)."""

    def evaluate() -> bool:
        action = workspace.deployments.action(doc, workspace.current_user)
        decision = workspace.governance.governor_now().evaluate(action)
        return decision.outcome is Outcome.NEEDS_APPROVAL

    return await workspace.runner.run(evaluate)


async def apply(workspace: Workspace, doc: Mapping[str, Any], report: Report,
                cancel: threading.Event) -> ApplyResult | ApprovalRequest:
    """Apply ``doc``, or the owner's pending request back (``webnova deploy apply``)."""

    def run() -> ApplyResult | ApprovalRequest:
        return workspace.deployments.apply(doc, workspace.current_user, progress=report,
                                           cancel=cancel)

    # The first person to act becomes the root owner: written in turn with the other
    # database work, not beside it.
    await workspace.runner.run(workspace.governance.ensure_owner_now)
    return await asyncio.to_thread(run)


async def resume(workspace: Workspace, platform: str, environment: str, report: Report,
                 cancel: threading.Event) -> ApplyResult:
    """Go on with the latest deployment: retry its failed step, or resume after a console
    that stopped mid-step (``webnova deploy resume``)."""

    def run() -> ApplyResult:
        return workspace.deployments.resume(platform, environment, workspace.current_user,
                                            progress=report, cancel=cancel)

    await workspace.runner.run(workspace.governance.ensure_owner_now)
    return await asyncio.to_thread(run)


async def governed_plan(workspace: Workspace, platform: str, environment: str,
                        kind: PlanKind) -> GovernedPlan:
    """A rollback or destroy plan, made from the settings of the environment's latest
    deployment (its account and location) against the cloud as it is now."""
    deployments = workspace.deployments
    spec = await workspace.runner.run(lambda: deployments.last_spec(platform, environment))
    priced = await asyncio.to_thread(
        lambda: deployments.plan(spec, kind.kind, to=kind.to, delete_data=kind.delete_data))
    request = PlanRequest(platform, environment, spec.account, spec.location, spec.ssh_from)
    return GovernedPlan(request, priced, kind)


async def drift(workspace: Workspace, platform: str, environment: str) -> Drift:
    """What changed in the cloud outside the console since the last apply."""
    return await asyncio.to_thread(lambda: workspace.deployments.drift(platform, environment))


async def history(workspace: Workspace, platform: str, environment: str) -> list[Deployment]:
    return await workspace.runner.run(lambda: workspace.deployments.history(platform, environment))


async def approval(workspace: Workspace, request_id: str) -> ApprovalRequest:
    return await workspace.runner.run(lambda: workspace.approvals.get_now(request_id))
