"""Applying a plan to the owner's cloud, one journalled step at a time.

Every step is an event of the environment's deployment stream (see
:mod:`app.domain.cloud.journal`): ``StepStarted`` before the provider is called,
``StepSucceeded`` with the provider's id after it answered and its actions ended, or
``StepFailed`` with the provider's error. A console killed between the two finds the step
*uncertain* when it resumes; because every create first looks the resource up by the
environment's labels and its name, running the step again adopts what the first attempt
made instead of making a twin. Names are unique per kind in a Hetzner project, so a create
that went through before its answer was lost comes back as a conflict and is adopted too.

The steps run in the plan's order (creations by dependency, deletions backwards). Cancelling
takes effect between steps. A failed step stops the run and leaves the deployment open: it
can be retried (resumed) or rolled back; nothing after the failed step has been touched.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.domain.cloud import journal
from app.domain.cloud.model import Kind, Resource
from app.domain.cloud.plan import Action, Step, make_plan
from app.domain.events import NewEvent
from app.services.cloud_ports import (
    ActionRef,
    CloudConflictError,
    CloudError,
    CloudLockedError,
    CloudProvider,
    CloudResource,
    ResourceKind,
    ResourceSpec,
)
from app.services.deploy_planning import read_back
from app.services.ports import EventStore

# Settings the provider changes through ``change`` (the rest of an update is labels).
_CHANGE_SETTING: dict[tuple[Kind, str], str] = {
    (Kind.server, "server_type"): "server_type", (Kind.server, "backups"): "backups",
    (Kind.firewall, "rules"): "rules", (Kind.volume, "size"): "size_gb",
    (Kind.load_balancer, "type"): "type",
}


@dataclass(frozen=True)
class StepReport:
    """What the console tells the owner while it applies."""

    index: int  # 1-based
    total: int
    step: str  # the step id, "create:server:wn-…"
    state: str  # started, adopted, done, skipped, failed
    message: str = ""


Progress = Callable[[StepReport], None]


@dataclass
class ApplyResult:
    outcome: journal.Outcome | None  # None: stopped at a failed step (retry or roll back)
    done: int = 0
    adopted: list[str] = field(default_factory=list)
    failed_step: str | None = None
    error: str = ""
    ids: dict[str, str] = field(default_factory=dict)  # "kind/name" -> provider id


@dataclass
class Secrets:
    """What the engine puts into the cloud but never into the journal: the environment's
    public access key (NEW_KEY placeholders become it) and each new server's cloud-init."""

    public_key: str = ""
    placeholder: str = ""
    user_data: Callable[[str], str | None] = lambda _server: None


def step_key(step: Step) -> str:
    """The step's id in the journal; a second resource with one name is told apart by its id."""
    name = step.name
    if step.cause == "duplicate" and step.actual is not None and step.actual.id:
        name = f"{name}#{step.actual.id}"
    return journal.step_id(step.action.value, step.kind.value, name)


class Applier:
    def __init__(self, provider: CloudProvider, store: EventStore, stream: str, tenant_id: str,
                 labels: Mapping[str, str], secrets: Secrets, actor: str,
                 progress: Progress | None = None, cancel: threading.Event | None = None,
                 action_timeout: float = 900,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.provider = provider
        self.store = store
        self.stream = stream
        self.tenant_id = tenant_id
        self.labels = dict(labels)
        self.secrets = secrets
        self.actor = actor
        self.progress = progress or (lambda _r: None)
        self.cancel = cancel or threading.Event()
        self.action_timeout = action_timeout
        self.sleep = sleep
        self.ids: dict[tuple[Kind, str], str] = {}

    # ------------------------------------------------------------ the journal
    def record(self, kind: str, data: dict[str, Any]) -> None:
        """Append one event; a console that moved the stream meanwhile is a conflict error."""
        self.store.append(self.stream, [NewEvent(kind, self.tenant_id, data,
                                                 {"actor": self.actor})], self.store.stream_version(self.stream))

    # ------------------------------------------------------------ running
    def run(self, steps: Sequence[Step], progress: journal.Progress,
            known: Sequence[Resource]) -> ApplyResult:
        """Run the steps not yet done in ``progress``; ``known`` are the actual resources
        with their ids (the plan's, refreshed)."""
        for resource in known:
            if resource.id:
                self.ids[resource.key] = resource.id
        for sid, rid in progress.done.items():
            _action, kind, name = sid.split(":", 2)
            if rid and _action != Action.DELETE.value:
                self.ids[(Kind(kind), name)] = rid
        result = ApplyResult(None, done=len(progress.done))
        total = len(steps)
        for index, step in enumerate(steps, 1):
            sid = step_key(step)
            if sid in progress.done:
                continue
            if self.cancel.is_set():
                self.record(journal.FINISHED, {"outcome": journal.Outcome.CANCELLED.value,
                                               "at_step": sid})
                result.outcome = journal.Outcome.CANCELLED
                break
            self.progress(StepReport(index, total, sid, "started"))
            self.record(journal.STEP_STARTED, {"step": sid})
            try:
                resource_id, adopted = self._do(step, sid in progress.failed)
            except CloudError as exc:
                message = str(exc)
                self.record(journal.STEP_FAILED, {"step": sid, "error": message,
                                                  "code": exc.code})
                self.progress(StepReport(index, total, sid, "failed", message))
                result.failed_step, result.error = sid, message
                break
            self.record(journal.STEP_SUCCEEDED, {"step": sid, "resource_id": resource_id,
                                                 "adopted": adopted})
            result.done += 1
            if adopted:
                result.adopted.append(sid)
            self.progress(StepReport(index, total, sid, "adopted" if adopted else "done"))
        else:
            self.record(journal.FINISHED, {"outcome": journal.Outcome.APPLIED.value})
            result.outcome = journal.Outcome.APPLIED
        result.ids = {f"{k.value}/{n}": i for (k, n), i in sorted(self.ids.items())}
        return result

    # ------------------------------------------------------------ one step
    def _do(self, step: Step, retry: bool) -> tuple[str, bool]:
        if step.action is Action.CREATE:
            assert step.desired is not None
            if retry:  # what a failed creation left behind is not adopted but made again
                self._discard(step.desired)
            return self._create(step.desired)
        if step.action is Action.DELETE:
            assert step.actual is not None
            self._delete(step.actual)
            return step.actual.id or "", False
        if step.action is Action.REPLACE:
            assert step.desired is not None
            assert step.actual is not None
            self._delete(step.actual)  # first: the new one takes the same name
            return self._create(step.desired)
        assert step.desired is not None
        assert step.actual is not None
        return self._update(step), False

    def _find(self, resource: Resource) -> CloudResource | None:
        kind = ResourceKind(resource.kind.value)
        found = [r for r in self.provider.list_by_labels(kind, self.labels)
                 if r.name == resource.name]
        return min(found, key=lambda r: int(r.id) if r.id.isdigit() else 0) if found else None

    def _wait(self, actions: Sequence[ActionRef]) -> None:
        if actions:
            self.provider.wait(actions, timeout=self.action_timeout)

    def _create(self, resource: Resource) -> tuple[str, bool]:
        existing = self._find(resource)
        if existing is not None:
            return self._adopt(resource, existing), True
        spec = self.provider_spec(resource)
        try:
            created = self.provider.create(spec)
        except CloudConflictError:
            existing = self._find(resource)  # the first attempt went through after all
            if existing is None:
                raise
            return self._adopt(resource, existing), True
        self.ids[resource.key] = created.resource.id
        self._wait(created.actions)
        return created.resource.id, False

    def _adopt(self, resource: Resource, existing: CloudResource) -> str:
        """Take over what an earlier attempt made, finishing what it left undone (a killed
        console may have made a server but not yet turned on its backups or protection)."""
        self.ids[resource.key] = existing.id
        names = {(ResourceKind(k.value), i): n for (k, n), i in self.ids.items()}
        rest = make_plan([resource], [read_back(existing, names)])
        for step in rest.steps:
            self._when_unlocked(functools.partial(self._finish, resource, existing, step, names))
        return self.ids[resource.key]

    def _when_unlocked(self, work: Callable[[], None]) -> None:
        """Run ``work``; while the resource still has an action running (an earlier attempt's
        creation), wait for it, up to the action timeout."""
        deadline = time.monotonic() + self.action_timeout
        pause = 0.1
        while True:
            try:
                work()
                return
            except CloudLockedError:
                if time.monotonic() + pause > deadline:
                    raise
                self.sleep(pause)
                pause = min(pause * 2, 5.0)

    def _finish(self, resource: Resource, existing: CloudResource, step: Step,
                names: Mapping[tuple[ResourceKind, str], str]) -> None:
        if step.action is Action.UPDATE:
            self._update(step)
        elif step.action is Action.REPLACE:
            self._delete(read_back(existing, names))
            self.ids.pop(resource.key, None)
            created = self.provider.create(self.provider_spec(resource))
            self.ids[resource.key] = created.resource.id
            self._wait(created.actions)

    def _discard(self, resource: Resource) -> None:
        left = self._find(resource)
        if left is not None:
            kind = ResourceKind(resource.kind.value)
            if left.attributes.get("protected"):
                self._wait(self.provider.change(kind, left.id, "protected", False))
            self._wait(self.provider.delete(kind, left.id))

    def _delete(self, resource: Resource) -> None:
        kind = ResourceKind(resource.kind.value)
        if not resource.id or self.provider.get(kind, resource.id) is None:
            return  # gone already (a resumed step, or deleted outside the console)
        self._wait(self.provider.delete(kind, resource.id))
        self.ids.pop(resource.key, None)

    def _update(self, step: Step) -> str:
        assert step.desired is not None
        assert step.actual is not None
        kind = ResourceKind(step.kind.value)
        rid = step.actual.id or ""
        for change in step.changes:
            if change.setting == "labels":
                self.provider.update(kind, rid, labels=dict(step.desired.labels))
            elif change.setting == "delete_protection":
                self._wait(self.provider.change(kind, rid, "protected", bool(change.after)))
            elif (step.kind, change.setting) in _CHANGE_SETTING:
                value = change.after
                if change.setting == "rules":
                    value = _provider_rules(value)
                self._wait(self.provider.change(kind, rid, _CHANGE_SETTING[(step.kind, change.setting)],
                                                value))
            else:
                raise CloudError(f"{step.kind.value} {step.name}: {change.setting} cannot be "
                                 "changed in place", "unsupported")
        return rid

    # ------------------------------------------------------------ domain -> provider
    def _id(self, kind: Kind, name: str) -> str:
        found = self.ids.get((kind, name))
        if found is None:
            raise CloudError(f"{kind.value} {name} does not exist yet; it is created by an "
                             "earlier step", "dependency")
        return found

    def provider_spec(self, resource: Resource) -> ResourceSpec:
        """The provider's terms for a desired resource: names of other resources become
        their ids, placeholders the real key, and each server gets its cloud-init."""
        s = resource.spec
        kind = resource.kind
        attributes: dict[str, Any] = {"protected": resource.protected} if resource.protected else {}
        location: str | None = s.get("location")
        if kind is Kind.ssh_key:
            key = s.get("public_key")
            if key == self.secrets.placeholder or not key:
                key = self.secrets.public_key
            attributes["public_key"] = key
        elif kind is Kind.network:
            attributes.update(ip_range=s["ip_range"],
                              subnets=[{"ip_range": s["subnet"], "zone": s["zone"]}])
            location = None
        elif kind is Kind.firewall:
            attributes["rules"] = _provider_rules(s["rules"])
        elif kind is Kind.primary_ip:
            attributes.update(ip_type=s["type"], auto_delete=False)
        elif kind is Kind.server:
            attributes.update(
                server_type=s["server_type"], image=s["image"],
                ssh_keys=[self._id(Kind.ssh_key, s["ssh_key"])],
                networks=[self._id(Kind.network, s["network"])],
                firewalls=[self._id(Kind.firewall, s["firewall"])],
                primary_ipv4=self._id(Kind.primary_ip, s["primary_ipv4"]),
                backups=bool(s.get("backups")), user_data=self.secrets.user_data(resource.name))
        elif kind is Kind.volume:
            attributes.update(size_gb=s["size"], format=s.get("format"),
                              server=self._id(Kind.server, s["server"]) if s.get("server") else None)
        else:
            attributes.update(type=s["type"], algorithm="round_robin",
                              network=self._id(Kind.network, s["network"]),
                              targets=s.get("targets"), services=s.get("services") or [])
        return ResourceSpec(ResourceKind(kind.value), resource.name, dict(resource.labels),
                            location, attributes)


def _provider_rules(rules: Any) -> list[dict[str, Any]]:
    return [{"direction": r["direction"], "protocol": r["protocol"], "port": r.get("port"),
             "addresses": list(r.get("source_ips") or r.get("addresses") or [])}
            for r in rules or []]
