"""Planning an environment from the Deploy pane (Qt-free): the owner's choices, checked the
way the domain checks them, and the plan made off the GUI thread.

Database reads (the blueprint as it stands now, the account) run on the workspace's
serial runner; the placement check, the keyring and the provider's API run in a worker
thread, so neither the window nor the database queue waits on the network. Planning only
reads: nothing in the cloud changes, and no key is made.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from app.domain.cloud.from_blueprint import environment_spec
from app.domain.cloud.model import LOCATIONS, CloudSpecError, EnvironmentSpec
from app.services.cloud_accounts import CloudAccountError

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.services.deploy_planning import PricedPlan
    from app.services.ports import SecretStore


@dataclass(frozen=True)
class PlanRequest:
    platform: str
    environment: str
    account: str
    location: str | None  # None: the environment's own Hetzner region
    ssh_from: tuple[str, ...] = ()


def split_networks(text: str) -> tuple[str, ...]:
    """"203.0.113.0/24, 198.51.100.7/32" → each network, blanks left out."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def spec_for(document: Mapping[str, Any], request: PlanRequest, workspace: str) -> EnvironmentSpec:
    """The environment as the blueprint and the owner's choices make it; a CloudSpecError
    names the setting that is wrong (``ssh_from``, ``location``, …)."""
    return environment_spec(document, request.environment, workspace=workspace,
                            account=request.account, location=request.location,
                            overrides={"ssh_from": request.ssh_from})


def networks_problem(document: Mapping[str, Any], request: PlanRequest,
                     workspace: str) -> CloudSpecError | None:
    """What is wrong with the SSH networks of ``request``, if anything. The networks are
    judged on their own: the other settings are judged when the plan is asked for."""
    probe = replace(request, account=request.account or "-",
                    location=request.location or min(LOCATIONS))
    try:
        spec_for(document, replace(probe, ssh_from=()), workspace)
    except CloudSpecError:
        return None  # something else is wrong: said when planning
    try:
        spec_for(document, probe, workspace)
    except CloudSpecError as exc:
        return exc if exc.setting == "ssh_from" else None
    return None


@dataclass(frozen=True)
class MadePlan:
    priced: PricedPlan
    document: Mapping[str, Any]  # the blueprint document it was made from


async def make_plan(workspace: Workspace, secrets: SecretStore, request: PlanRequest) -> MadePlan:
    """Read, compare and price the environment of ``request`` on its cloud account, as the
    blueprint stands now."""
    cloud = workspace.cloud
    if cloud is None:
        raise CloudAccountError("this workspace keeps no cloud accounts")

    def read() -> tuple[dict[str, Any], Any]:
        document = workspace.blueprints.get_now(request.platform).document
        return document, cloud.get(request.account)

    document, account = await workspace.runner.run(read)
    spec = spec_for(document, request, workspace.name)

    def plan() -> PricedPlan:
        # Loaded here, off the GUI thread: the compliance packs, the keyring, the cloud SDK.
        from app.bootstrap import BundledCompliance
        from app.domain.cloud.placement import check_placement
        from app.integrations.deploy_keys import DeployKeys
        from app.services.deploy_planning import plan_environment

        check_placement(dict(document), request.environment, spec.location, BundledCompliance())
        access = DeployKeys(secrets).access_key(spec)  # the console's key, if one was made
        planned = replace(spec, ssh_public_key=access.openssh) if access is not None else spec
        with cloud.connector.open(account, cloud.token(account)) as provider:
            return plan_environment(provider, planned)

    return MadePlan(await asyncio.to_thread(plan), document)
