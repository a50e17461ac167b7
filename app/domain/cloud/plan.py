"""A plan: what must change for the actual resources of an environment to become the
desired ones, step by step, with the reason for each — like ``terraform plan``.

Resources are matched by kind and name. A setting that the provider can change in place is
an update (labels, firewall rules, a larger server type, a larger volume, backups); one it
cannot is a replacement (another location or image, a smaller volume: the old resource is
deleted, with its data). Actual resources that carry the environment's labels but are not
desired are deleted. The plan's hash covers the steps, the desired state and the actual
state it was made from, so an approval binds exactly this plan, and applying refuses a plan
whose actual state has changed since.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.domain.cloud.model import ORDER, Kind, Resource, plain

# Settings a provider cannot change in place: changing them replaces the resource.
REPLACE_ON: dict[Kind, frozenset[str]] = {
    Kind.ssh_key: frozenset({"public_key"}),
    Kind.network: frozenset({"ip_range", "zone"}),
    Kind.primary_ip: frozenset({"type", "location"}),
    Kind.server: frozenset({"location", "image", "ssh_key", "host_key"}),
    Kind.volume: frozenset({"location", "format"}),
    Kind.load_balancer: frozenset({"location"}),
    Kind.firewall: frozenset(),
}
# Settings a provider reports back (the rest — cloud-init, host keys, the key a server was
# made with — are given at creation only and cannot be compared afterwards).
OBSERVED: dict[Kind, frozenset[str]] = {
    Kind.ssh_key: frozenset({"public_key"}),
    Kind.network: frozenset({"ip_range", "subnet", "zone"}),
    Kind.firewall: frozenset({"rules"}),
    Kind.primary_ip: frozenset({"type", "location"}),
    Kind.server: frozenset({"server_type", "location", "image", "backups"}),
    Kind.volume: frozenset({"size", "location", "server"}),  # its filesystem is its data's
    Kind.load_balancer: frozenset({"type", "location"}),
}
# Resources whose replacement or deletion loses data the owner cannot get back.
HOLDS_DATA = frozenset({Kind.server, Kind.volume})


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    DELETE = "delete"


SYMBOLS = {Action.CREATE: "+", Action.UPDATE: "~", Action.REPLACE: "-/+", Action.DELETE: "-"}


@dataclass(frozen=True)
class Change:
    setting: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Step:
    action: Action
    kind: Kind
    name: str
    reason: str
    changes: tuple[Change, ...] = ()
    destroys_data: bool = False
    desired: Resource | None = None
    actual: Resource | None = None
    # missing, changed, immutable, unwanted or duplicate; in a destroy plan, destroyed or
    # protected (the update that lifts delete protection before the delete)
    cause: str = "missing"
    because: tuple[str, ...] = ()  # the settings that force a replacement
    detaches: tuple[str, ...] = ()  # kept volumes a server's delete detaches

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "action": self.action.value, "kind": self.kind.value, "name": self.name,
            "reason": self.reason, "destroys_data": self.destroys_data,
            "changes": [{"setting": c.setting, "before": c.before, "after": c.after}
                        for c in self.changes]}
        if self.detaches:
            body["detaches"] = list(self.detaches)
        return body


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    desired: tuple[Resource, ...]
    actual: tuple[Resource, ...]
    unchanged: tuple[str, ...] = field(default=())  # names of resources already as desired
    destroy: bool = False  # the environment's teardown (``destroy.destroy_plan``)
    kept: tuple[str, ...] = ()  # in a destroy plan: the volumes that stay, with their data

    @property
    def empty(self) -> bool:
        return not self.steps

    def count(self, action: Action) -> int:
        return sum(1 for step in self.steps if step.action is action)

    @property
    def destroys_data(self) -> bool:
        return any(step.destroys_data for step in self.steps)

    @property
    def actual_fingerprint(self) -> str:
        return fingerprint(self.actual)

    @property
    def hash(self) -> str:
        body: dict[str, Any] = {"steps": [s.to_json() for s in self.steps],
                                "desired": [r.to_json() for r in self.desired],
                                "actual": self.actual_fingerprint}
        if self.destroy:  # absent otherwise, so a plan's hash does not change with this field
            body["destroy"] = {"kept": list(self.kept)}
        return hashlib.sha256(_canonical(body)).hexdigest()

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "hash": self.hash, "actual_fingerprint": self.actual_fingerprint,
            "steps": [s.to_json() for s in self.steps], "unchanged": list(self.unchanged),
            "summary": {a.value: self.count(a) for a in Action}}
        if self.destroy:
            body["destroy"] = True
            body["kept"] = list(self.kept)
        return body


def fingerprint(resources: Iterable[Resource]) -> str:
    """What an actual state is: every resource with its id and settings, in a fixed order."""
    items = sorted(({**r.to_json(), "id": r.id} for r in resources),
                   key=lambda item: (item["kind"], item["name"], str(item["id"])))
    return hashlib.sha256(_canonical(items)).hexdigest()


def make_plan(desired: Iterable[Resource], actual: Iterable[Resource]) -> Plan:
    wanted = list(desired)
    found = list(actual)
    by_key: dict[tuple[Kind, str], Resource] = {}
    duplicates: list[Resource] = []
    for resource in found:
        if resource.key in by_key:
            duplicates.append(resource)  # two with one name: the extra one goes
        else:
            by_key[resource.key] = resource
    creates: list[Step] = []
    unchanged: list[str] = []
    wanted_keys = {r.key for r in wanted}
    for resource in wanted:
        current = by_key.get(resource.key)
        if current is None:
            creates.append(Step(Action.CREATE, resource.kind, resource.name,
                                "not there yet", desired=resource))
            continue
        step = _compare(resource, current)
        if step is None:
            unchanged.append(resource.name)
        else:
            creates.append(step)
    deletes = [Step(Action.DELETE, r.kind, r.name,
                    "labelled for this environment but not in its desired state",
                    destroys_data=r.kind in HOLDS_DATA, actual=r, cause="unwanted")
               for r in found if r.key not in wanted_keys]
    deletes += [Step(Action.DELETE, r.kind, r.name, "a second resource with this name",
                     destroys_data=r.kind in HOLDS_DATA, actual=r, cause="duplicate")
                for r in duplicates]
    rank = {kind: index for index, kind in enumerate(ORDER)}
    creates.sort(key=lambda s: rank[s.kind])
    deletes.sort(key=lambda s: -rank[s.kind])
    return Plan(tuple(creates + deletes), tuple(wanted), tuple(found), tuple(unchanged))


def _compare(desired: Resource, actual: Resource) -> Step | None:
    changes = [Change(name, actual.spec.get(name), value)
               for name, value in sorted(desired.spec.items())
               if name in OBSERVED[desired.kind] and plain(actual.spec.get(name)) != plain(value)]
    if dict(actual.labels) != dict(desired.labels):
        changes.append(Change("labels", dict(sorted(actual.labels.items())),
                              dict(sorted(desired.labels.items()))))
    if actual.protected != desired.protected:
        changes.append(Change("delete_protection", actual.protected, desired.protected))
    if not changes:
        return None
    replacing = [c for c in changes if c.setting in REPLACE_ON[desired.kind]]
    shrinking = (desired.kind is Kind.volume and _number(desired.spec.get("size"))
                 < _number(actual.spec.get("size")))
    if replacing or shrinking:
        why = ", ".join(c.setting for c in replacing) or "size"
        return Step(Action.REPLACE, desired.kind, desired.name,
                    f"{why} cannot change in place", tuple(changes),
                    destroys_data=desired.kind in HOLDS_DATA, desired=desired, actual=actual,
                    cause="immutable", because=tuple(c.setting for c in replacing))
    return Step(Action.UPDATE, desired.kind, desired.name,
                ", ".join(c.setting for c in changes) + " changed", tuple(changes),
                desired=desired, actual=actual, cause="changed")


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0



def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")
