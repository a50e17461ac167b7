"""Deployments of a platform's environments: plans the owner reads, governed apply, resume
after a crash, status and history.

A plan travels as a document (``webnova deploy plan --out``): the environment's settings,
its kind (apply, rollback, destroy), and the plan itself with its hash. Applying a document
makes the plan again from those settings against the cloud as it is now; if the hash differs,
the cloud (or the settings) changed since the plan was read, and nothing is applied. The
approval an owner gives is bound to that hash: ``deploy.apply`` (and ``deploy.destroy``)
carry it in their context, and an approved request for another hash does not count.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from app.domain.cloud import journal
from app.domain.cloud.destroy import destroy_plan, rollback_state
from app.domain.cloud.drift import Drift, detect_drift
from app.domain.cloud.model import (
    EnvironmentSpec,
    Kind,
    Resource,
    desired_state,
    resources_from_json,
)
from app.domain.cloud.plan import Action, Plan, make_plan
from app.domain.cloud.pricing import plan_cost
from app.domain.cloud.records import state_record, step_from_record, step_record
from app.domain.cloud.render import plan_text
from app.domain.errors import LeaseHeldError, WebNovaError
from app.domain.events import NewEvent, RecordedEvent
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor, Decision
from app.domain.governance.audit import AuditRecord
from app.domain.release.server_setup import PlatformSite
from app.services.approvals import ApprovalRequest, ApprovalState
from app.services.cloud_accounts import CloudAccounts
from app.services.cloud_ports import CloudProvider
from app.services.deploy_apply import Applier, ApplyResult, Progress, Secrets, step_key
from app.services.deploy_planning import NEW_KEY, PricedPlan, actual_state, price_book
from app.services.governance import GovernanceService
from app.services.ports import EventStore

FORMAT = "webnova-deploy-plan/1"
APPLY, ROLLBACK, DESTROY = "apply", "rollback", "destroy"


class DeploymentError(WebNovaError):
    pass


class StalePlanError(DeploymentError):
    """The cloud or the settings changed since the plan was made."""


class PublicHalf(Protocol):
    @property
    def openssh(self) -> str: ...

    @property
    def fingerprint(self) -> str: ...


class DeployKeyStore(Protocol):
    """The console's keys of an environment (``app.integrations.deploy_keys.DeployKeys``)."""

    def access_key(self, spec: EnvironmentSpec, create: bool = False) -> PublicHalf | None: ...

    def server_user_data(self, spec: EnvironmentSpec, site: PlatformSite, server: str, *,
                         resources: Sequence[Resource] | None = None,
                         volume_id: str | None = None) -> tuple[str, str]:
        """The server's host key fingerprint and its whole user data (cloud-config: the
        console's login, hardened SSH, firewall, updates, the app or database set-up)."""
        ...


@dataclass(frozen=True)
class Deployment:
    """One deployment of an environment, as its journal tells it."""

    number: int
    kind: str
    plan_hash: str
    actor: str
    started_at: datetime
    steps: int
    done: int
    outcome: journal.Outcome | None
    failed_step: str | None
    error: str
    finished_at: datetime | None
    monthly_after: str
    currency: str

    @property
    def state(self) -> str:
        """applied, failed, cancelled, rolled_back, or stopped (failed step: retry or roll
        back) / interrupted (the console stopped mid-step: resume)."""
        if self.outcome is journal.Outcome.APPLIED and self.kind == DESTROY:
            return "destroyed"
        if self.outcome is not None:
            return self.outcome.value
        return "stopped" if self.failed_step else "interrupted"

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "kind": self.kind, "plan_hash": self.plan_hash,
                "actor": self.actor, "started_at": self.started_at.isoformat(),
                "finished_at": self.finished_at.isoformat() if self.finished_at else None,
                "state": self.state, "steps": self.steps, "done": self.done,
                "failed_step": self.failed_step, "error": self.error,
                "monthly_after": self.monthly_after, "currency": self.currency}


def spec_json(spec: EnvironmentSpec) -> dict[str, Any]:
    data = asdict(spec)
    data["ssh_from"] = list(spec.ssh_from)
    data.pop("host_keys", None)
    if data.get("ssh_public_key") == NEW_KEY:
        data["ssh_public_key"] = ""
    return data


def spec_from_json(data: Mapping[str, Any]) -> EnvironmentSpec:
    fields = set(EnvironmentSpec.__dataclass_fields__) - {"host_keys"}
    unknown = sorted(set(data) - fields)
    if unknown:
        raise DeploymentError(f"the plan's environment has unknown settings: {', '.join(unknown)}")
    try:
        spec = EnvironmentSpec(**{**data, "ssh_from": tuple(data.get("ssh_from") or ())})
    except TypeError as exc:
        raise DeploymentError(f"the plan's environment is incomplete: {exc}") from None
    spec.check()
    return spec


class Deployments:
    def __init__(self, store: EventStore, cloud: CloudAccounts, keys: DeployKeyStore,
                 governance: GovernanceService, tenant_id: str, workspace: str,
                 site_of: Callable[[str, str], PlatformSite] | None = None) -> None:
        self.store = store
        self.cloud = cloud
        self.keys = keys
        self.governance = governance
        self.tenant_id = tenant_id
        self.workspace = workspace
        # What a server must know of its platform (the environment's domain): from the
        # blueprint; without one, the platform's key and no domain.
        self.site_of = site_of or (lambda platform, _environment: PlatformSite(platform))

    def stream(self, platform: str, environment: str) -> str:
        return journal.deployment_stream(self.tenant_id, platform, environment)

    # ------------------------------------------------------------ planning
    def _with_key(self, spec: EnvironmentSpec) -> EnvironmentSpec:
        access = self.keys.access_key(spec)
        return replace(spec, ssh_public_key=access.openssh if access is not None else NEW_KEY)

    def _make(self, provider: CloudProvider, spec: EnvironmentSpec, kind: str,
              to: int | None = None, delete_data: bool = False) -> PricedPlan:
        spec = self._with_key(spec)
        actual = actual_state(provider, spec)
        if kind == APPLY:
            plan = make_plan(desired_state(spec), actual)
        elif kind == ROLLBACK:
            plan = make_plan(self.applied_state(spec.platform, spec.environment, to), actual)
        elif kind == DESTROY:
            plan = destroy_plan(actual, delete_data)
        else:
            raise DeploymentError(f"unknown plan kind {kind!r}")
        return PricedPlan(spec, plan, plan_cost(plan, price_book(provider.prices(spec.location))))

    def plan(self, spec: EnvironmentSpec, kind: str = APPLY, to: int | None = None,
             delete_data: bool = False) -> PricedPlan:
        """Read what exists and plan (reads only)."""
        with self.cloud.connect(spec.account) as provider:
            return self._make(provider, spec, kind, to, delete_data)

    def document(self, priced: PricedPlan, kind: str = APPLY, to: int | None = None,
                 delete_data: bool = False) -> dict[str, Any]:
        """The plan as a file the owner keeps, reads and applies."""
        return {"format": FORMAT, "kind": kind, "rollback_to": to, "delete_data": delete_data,
                "spec": spec_json(priced.spec), **priced.to_json()}

    # ------------------------------------------------------------ history
    def applied_states(self, platform: str, environment: str) -> list[tuple[int, list[Resource]]]:
        """The desired state of every applied deployment, oldest first, with its number."""
        found: list[tuple[int, list[Resource]]] = []
        started: dict[str, Any] = {}
        for event in self.store.read_stream(self.stream(platform, environment)):
            if event.type == journal.STARTED:
                started = dict(event.data)
            elif (event.type == journal.FINISHED and started
                  and event.data.get("outcome") == journal.Outcome.APPLIED.value):
                found.append((int(started["number"]),
                              resources_from_json(started.get("desired", []), "desired")))
        return found

    def applied_state(self, platform: str, environment: str, to: int | None) -> list[Resource]:
        states = self.applied_states(platform, environment)
        if to is None:
            return rollback_state([desired for _n, desired in states])
        for number, desired in states:
            if number == to:
                return desired
        numbers = ", ".join(str(n) for n, _ in states) or "none"
        raise DeploymentError(f"deployment {to} of {platform} {environment} was not applied "
                              f"(applied: {numbers})")

    def history(self, platform: str, environment: str) -> list[Deployment]:
        return _deployments(self.store.read_stream(self.stream(platform, environment)))

    def _head(self, platform: str, environment: str) -> Mapping[str, Any]:
        return _head(self.store.read_stream(self.stream(platform, environment)), platform,
                     environment)

    def last_spec(self, platform: str, environment: str) -> EnvironmentSpec:
        """The settings of the environment's latest deployment (its account and location)."""
        return spec_from_json(self._head(platform, environment)["spec"])

    def status(self, platform: str, environment: str) -> dict[str, Any]:
        stream = self.stream(platform, environment)
        events = self.store.read_stream(stream)
        deployments = _deployments(events)
        if not deployments:
            return {"platform": platform, "environment": environment, "state": "never"}
        latest = deployments[-1]
        head = _head(events, platform, environment)
        keys: dict[str, str] = {}
        for event in events:
            if event.type == journal.STARTED:
                keys.update(event.data.get("host_keys") or {})
        body = latest.to_json()
        if latest.state == "interrupted" and not self.store.lease_free(stream):
            body["state"] = "running"  # a live console is at it; not interrupted
        return {"platform": platform, "environment": environment, **body,
                "account": head["spec"]["account"], "location": head["spec"]["location"],
                "host_keys": keys}

    def drift(self, platform: str, environment: str) -> Drift:
        """What changed in the cloud, outside the console, since the last applied state."""
        states = self.applied_states(platform, environment)
        if not states:
            raise DeploymentError(f"{platform} {environment} has no applied deployment to "
                                  "compare with")
        spec = self._with_key(self.last_spec(platform, environment))
        with self.cloud.connect(spec.account) as provider:
            actual = actual_state(provider, spec)
        return detect_drift(states[-1][1], actual)

    def latest(self, platform: str, environment: str) -> Deployment | None:
        history = self.history(platform, environment)
        return history[-1] if history else None

    # ------------------------------------------------------------ governance
    def action(self, doc: Mapping[str, Any], actor: str) -> ActionDescriptor:
        spec = doc["spec"]
        cost = doc["cost"]
        delta = cost["monthly"]["delta"]["gross"]
        return ActionDescriptor(
            kinds.DESTROY if doc["kind"] == DESTROY else kinds.DEPLOY, actor, self.tenant_id,
            subject=f"{spec['platform']}/{spec['environment']}",
            context={"platform": spec["platform"], "environment": spec["environment"],
                     "region": spec["location"], "account": spec["account"],
                     "plan_kind": doc["kind"], "plan_hash": doc["hash"],
                     "destroys_data": any(s["destroys_data"] for s in doc["steps"]),
                     "estimated_monthly_cost": float(max(float(delta), 0.0)),
                     "currency": cost["currency"], "summary": doc["summary"]})

    def authorize(self, doc: Mapping[str, Any], actor: str, why: str,
                  attachments: Mapping[str, Any] | None = None) -> Decision | ApprovalRequest:
        """May this plan be applied now? A Decision that allows it, an approved request bound
        to its hash, or a pending request (new, or the one already open for this hash)."""
        return self.governance.grant_now(self.action(doc, actor), why, dict(attachments or {}))

    # ------------------------------------------------------------ applying
    def apply(self, doc: Mapping[str, Any], actor: str, why: str = "", *,
              progress: Progress | None = None, cancel: threading.Event | None = None,
              attachments: Mapping[str, Any] | None = None,
              ) -> ApplyResult | ApprovalRequest:
        """Check the plan is still true, that it may go ahead, and apply it; a pending
        approval request comes back instead when the owner must decide first."""
        if doc.get("format") != FORMAT:
            raise DeploymentError(f"not a deployment plan (format {doc.get('format')!r}, "
                                  f"expected {FORMAT!r})")
        spec = spec_from_json(doc["spec"])
        with self._lease(spec.platform, spec.environment):
            return self._apply(doc, spec, actor, why, progress, cancel, attachments)

    @contextmanager
    def _lease(self, platform: str, environment: str) -> Iterator[None]:
        """Only one live console works on an environment; one that died lets go at once."""
        try:
            with self.store.lease(self.stream(platform, environment)):
                yield
        except LeaseHeldError as exc:
            raise DeploymentError(f"{platform} {environment} is being deployed by {exc.holder} "
                                  "right now; wait for it to finish (see 'webnova deploy status "
                                  f"{platform} --env {environment}')") from None

    def _apply(self, doc: Mapping[str, Any], spec: EnvironmentSpec, actor: str, why: str,
               progress: Progress | None, cancel: threading.Event | None,
               attachments: Mapping[str, Any] | None) -> ApplyResult | ApprovalRequest:
        latest = self.latest(spec.platform, spec.environment)
        if latest is not None and latest.state == "interrupted":
            raise DeploymentError(
                f"deployment {latest.number} of {spec.platform} {spec.environment} was interrupted; "
                f"resume it first ('webnova deploy resume {spec.platform} --env {spec.environment}')")
        with self.cloud.connect(spec.account) as provider:
            fresh = self._make(provider, spec, str(doc["kind"]), doc.get("rollback_to"),
                               bool(doc.get("delete_data")))
            if fresh.plan.actual_fingerprint != doc.get("actual_fingerprint"):
                raise StalePlanError(
                    "the cloud changed since this plan was made (its resources are not as the plan "
                    "read them); nothing was applied — make a new plan and review it")
            if fresh.plan.hash != doc.get("hash"):
                raise StalePlanError(
                    "this plan no longer matches its settings (it was edited, or the console "
                    "plans differently now); nothing was applied — make a new plan")
            if fresh.plan.empty:
                return ApplyResult(journal.Outcome.APPLIED)
            grant = self.authorize(doc, actor, why or f"{doc['kind']} {spec.platform} "
                                   f"{spec.environment}",
                                   attachments if attachments is not None
                                   else approvals_attachments(fresh))
            if isinstance(grant, ApprovalRequest) and grant.closed_state is not ApprovalState.APPROVED:
                return grant
            if latest is not None and latest.state == "stopped":
                self._close(spec, latest, actor, "superseded")
            result = self._start(provider, fresh, str(doc["kind"]), actor, progress, cancel)
        self._record(actor, self.action(doc, actor), result, grant)
        return result

    def _secrets(self, spec: EnvironmentSpec, plan: Plan) -> tuple[Secrets, dict[str, str]]:
        access = self.keys.access_key(spec, create=True)
        assert access is not None
        fingerprints: dict[str, str] = {}
        user_data: dict[str, str | None] = {}
        for step in plan.steps:
            if step.kind is Kind.server and step.action in (Action.CREATE, Action.REPLACE):
                fingerprint, text = self.keys.server_user_data(
                    spec, self.site_of(spec.platform, spec.environment), step.name,
                    resources=list(plan.desired) or None)
                fingerprints[step.name] = fingerprint
                user_data[step.name] = text
        return Secrets(access.openssh, NEW_KEY, lambda name: user_data.get(name)), fingerprints

    def _start(self, provider: CloudProvider, priced: PricedPlan, kind: str, actor: str,
               progress: Progress | None, cancel: threading.Event | None) -> ApplyResult:
        spec, plan = priced.spec, priced.plan
        secrets, fingerprints = self._secrets(spec, plan)
        desired = [_with_public_key(r, secrets.public_key) for r in plan.desired]
        number = len(self.history(spec.platform, spec.environment)) + 1
        stream = self.stream(spec.platform, spec.environment)
        applier = Applier(provider, self.store, stream, self.tenant_id, spec.labels(), secrets,
                          actor, progress, cancel)
        steps = [replace(s, desired=_with_public_key(s.desired, secrets.public_key))
                 if s.desired else s for s in plan.steps]
        applier.record(journal.STARTED, {
            "plan_hash": plan.hash, "number": number, "kind": kind,
            "steps": [step_key(s) for s in steps], "detail": [step_record(s) for s in steps],
            "desired": state_record(desired), "spec": spec_json(spec),
            "host_keys": fingerprints, "currency": priced.cost.currency,
            "monthly_after": str(priced.cost.after.monthly.rounded().gross)})
        return applier.run(steps, journal.Progress(plan.hash, tuple(step_key(s) for s in steps)),
                           plan.actual)

    def resume(self, platform: str, environment: str, actor: str, *,
               progress: Progress | None = None,
               cancel: threading.Event | None = None) -> ApplyResult:
        """Go on with the latest deployment from where its journal stops (an interrupted
        console, or a retry of a failed step)."""
        with self._lease(platform, environment):
            return self._resume(platform, environment, actor, progress, cancel)

    def _resume(self, platform: str, environment: str, actor: str, progress: Progress | None,
                cancel: threading.Event | None) -> ApplyResult:
        events = self.store.read_stream(self.stream(platform, environment))
        starts = [i for i, e in enumerate(events) if e.type == journal.STARTED]
        if not starts:
            raise DeploymentError(f"{platform} {environment} has never been deployed")
        group = events[starts[-1]:]
        state = journal.replay((e.type, e.data) for e in group)
        if state.finished:
            raise DeploymentError(f"deployment {group[0].data['number']} of {platform} {environment} "
                                  f"has finished ({state.outcome}); there is nothing to resume")
        head = group[0].data
        spec = spec_from_json(head["spec"])
        steps = [step_from_record(d, f"detail[{i}]") for i, d in enumerate(head["detail"])]
        with self.cloud.connect(spec.account) as provider:
            secrets, _ = self._secrets(spec, Plan(tuple(steps), (), ()))
            applier = Applier(provider, self.store, self.stream(platform, environment),
                              self.tenant_id, spec.labels(), secrets, actor, progress, cancel)
            known = actual_state(provider, spec)
            return applier.run(steps, state, known)

    def _close(self, spec: EnvironmentSpec, latest: Deployment, actor: str, why: str) -> None:
        stream = self.stream(spec.platform, spec.environment)
        self.store.append(stream, [NewEvent(journal.FINISHED, self.tenant_id, {
            "outcome": journal.Outcome.FAILED.value, "note": why}, {"actor": actor})],
            self.store.stream_version(stream))

    def _record(self, actor: str, action: ActionDescriptor, result: ApplyResult,
                grant: Decision | ApprovalRequest) -> None:
        audit = self.governance.audit
        if audit is None:
            return
        payload: dict[str, Any] = {"action": action.to_json(), "done": result.done,
                                   "failed_step": result.failed_step, "error": result.error}
        if isinstance(grant, ApprovalRequest):
            payload["approval"] = grant.id
        outcome = "done" if result.outcome is journal.Outcome.APPLIED else (
            result.outcome.value if result.outcome is not None else "failed")
        audit.append(AuditRecord(self.tenant_id, actor, action.kind, action.subject, payload,
                                 outcome))


def _with_public_key(resource: Resource, public_key: str) -> Resource:
    """The environment's SSH key resource with the console's real public key in place of
    the placeholder a plan made before the key existed."""
    if resource.kind is not Kind.ssh_key or resource.spec.get("public_key") not in (NEW_KEY, "", None):
        return resource
    return replace(resource, spec={**resource.spec, "public_key": public_key})


def approvals_attachments(priced: PricedPlan) -> dict[str, Any]:
    cost = priced.cost
    return {"plan": plan_text(priced.plan, cost, "en"), "plan_ar": plan_text(priced.plan, cost, "ar"),
            "cost": {"amount": str(cost.monthly_delta.rounded().gross), "currency": cost.currency,
                     "monthly_before": str(cost.before.monthly.rounded().gross),
                     "monthly_after": str(cost.after.monthly.rounded().gross)}}


def _deployments(events: Sequence[RecordedEvent]) -> list[Deployment]:
    """The deployments a journal tells of, oldest first."""
    found: list[Deployment] = []
    groups: list[list[Any]] = []
    for event in events:
        if event.type == journal.STARTED:
            groups.append([event])
        elif groups:
            groups[-1].append(event)
    for group in groups:
        head = group[0]
        progress = journal.replay((e.type, e.data) for e in group)
        last_failure = next((e for e in reversed(group) if e.type == journal.STEP_FAILED), None)
        finished = next((e for e in group if e.type == journal.FINISHED), None)
        failed_step = (str(last_failure.data["step"])
                       if last_failure is not None and progress.failed else None)
        data = head.data
        found.append(Deployment(
            int(data["number"]), str(data.get("kind", APPLY)), str(data["plan_hash"]),
            str(head.metadata.get("actor", "")), head.recorded_at, len(progress.steps),
            len(progress.done), progress.outcome, failed_step,
            str(last_failure.data.get("error", "")) if failed_step and last_failure else "",
            finished.recorded_at if finished is not None else None,
            str(data.get("monthly_after", "")), str(data.get("currency", ""))))
    return found


def _head(events: Sequence[RecordedEvent], platform: str, environment: str) -> Mapping[str, Any]:
    """The latest deployment's ``DeploymentStarted`` data."""
    for event in reversed(events):
        if event.type == journal.STARTED:
            return event.data
    raise DeploymentError(f"{platform} {environment} has never been deployed "
                          f"(start with 'webnova deploy plan {platform} --env {environment} "
                          "--account NAME --out plan.json')")
