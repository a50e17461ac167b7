"""Undoing an environment: tearing it down (``deploy destroy``), or finding the earlier
applied state to go back to (``deploy rollback``).

A destroy plan deletes every resource of the environment, the dependants first. Volumes are
the only resources whose data the owner can keep: they stay unless ``delete_data`` is given
(the plan lists them as kept, and what it leaves behind is its desired state, so the cost
after the teardown is theirs). A protected resource is first unprotected, by an update step
of its own right before its delete, so the approval shows the protection being lifted.

Hetzner refuses to delete a volume that is attached to a server, and deleting a server
detaches whatever is attached to it; so servers go before volumes here (volumes are made
after their server, but not deleted before it), and the delete of a server that holds a kept
volume says that it detaches it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.domain.cloud.model import CloudSpecError, Kind, Resource
from app.domain.cloud.plan import HOLDS_DATA, Action, Change, Plan, Step
from app.domain.numerals import number

# The order resources are deleted in: what refers to others first, volumes after the
# servers they are attached to.
DESTROY_ORDER: tuple[Kind, ...] = (Kind.load_balancer, Kind.server, Kind.volume, Kind.primary_ip,
                                   Kind.firewall, Kind.network, Kind.ssh_key)
DESTROYED = "the environment is destroyed"
LIFT = "lift delete protection, then delete"


def destroy_plan(actual: Sequence[Resource], delete_data: bool) -> Plan:
    """Every resource of ``actual`` deleted, volumes only with ``delete_data``."""
    rank = {kind: index for index, kind in enumerate(DESTROY_ORDER)}
    found = sorted(actual, key=lambda r: (rank[r.kind], r.name, r.id or ""))
    kept = [r for r in found if r.kind is Kind.volume and not delete_data]
    kept_on: dict[str, list[str]] = {}
    for volume in kept:
        server = volume.spec.get("server")
        if isinstance(server, str) and server:
            kept_on.setdefault(server, []).append(volume.name)
    steps: list[Step] = []
    for resource in found:
        if resource.kind is Kind.volume and not delete_data:
            continue
        if resource.protected:
            steps.append(Step(Action.UPDATE, resource.kind, resource.name, LIFT,
                              (Change("delete_protection", True, False),),
                              desired=replace(resource, id=None, protected=False),
                              actual=resource, cause="protected"))
        detaches = tuple(kept_on.get(resource.name, ())) if resource.kind is Kind.server else ()
        reason = DESTROYED
        if detaches:
            reason += (f"; deleting it detaches the kept volume{'s' if len(detaches) > 1 else ''} "
                       + ", ".join(detaches))
        steps.append(Step(Action.DELETE, resource.kind, resource.name, reason,
                          destroys_data=resource.kind in HOLDS_DATA, actual=resource,
                          cause="destroyed", detaches=detaches))
    # What stays is what the environment then is: the kept volumes, detached.
    left = tuple(replace(v, id=None, spec={**v.spec, "server": None}) if v.spec.get("server")
                 else replace(v, id=None) for v in kept)
    return Plan(tuple(steps), left, tuple(actual), destroy=True,
                kept=tuple(v.name for v in kept))


def rollback_state(history: Sequence[Sequence[Resource]], to: int | None = None) -> list[Resource]:
    """The applied desired state to go back to: deployment ``to`` (1 is the oldest of
    ``history``), or by default the one before the latest."""
    applied = len(history)
    if to is None:
        if applied < 2:
            raise CloudSpecError(
                "to", "there is no earlier applied state to roll back to"
                + (" (the environment was applied once)" if applied == 1 else
                   " (the environment was never applied)"),
                "لا توجد حالة مطبّقة سابقة للرجوع إليها"
                + (" (طُبّقت البيئة مرة واحدة)" if applied == 1 else " (لم تُطبَّق البيئة قط)"))
        return list(history[-2])
    if isinstance(to, bool) or not isinstance(to, int) or not 1 <= to <= applied:
        if applied == 0:
            raise CloudSpecError("to", f"there is no deployment {to}: the environment was never "
                                 "applied", f"لا يوجد نشر رقم {_n(to)}: لم تُطبَّق البيئة قط")
        raise CloudSpecError("to", f"there is no deployment {to}: choose 1 to {applied}",
                             f"لا يوجد نشر رقم {_n(to)}: اختر من {_n(1)} إلى {_n(applied)}")
    return list(history[to - 1])


def _n(value: object) -> str:
    return number(value, "ar", "0") if isinstance(value, int) and not isinstance(value, bool) else str(value)
