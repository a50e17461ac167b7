"""Changes to users as governed actions (Qt-free).

Every change the Users pane offers is an :class:`ActionDescriptor` handed to
``GovernanceService.submit_now``, so the constitution decides whether it happens at once,
needs the owner's approval, or is refused. Adding a user, changing custom permissions and
reactivating a user have no executor in the service; :func:`install_user_executors` gives
them one (checking ``users.manage`` the way the Governor does for the other user actions),
so they too are judged, audited and carried out after an approval.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor, Decision
from app.domain.governance.users import ROLE_PERMISSIONS, Permission, Role, User, UserStatus
from app.services.approvals import ApprovalRequest
from app.services.governance import GovernanceService
from app.services.users import UserError

USER_ADD = "user.add"
USER_PERMISSIONS = "user.permissions"
USER_REACTIVATE = "user.reactivate"


class UserChange(StrEnum):
    ADD = "add"
    ROLE = "role"
    SUSPEND = "suspend"
    BAN = "ban"
    REACTIVATE = "reactivate"
    PERMISSIONS = "permissions"
    ROOT_TRANSFER = "root_transfer"


KIND_OF = {
    UserChange.ADD: USER_ADD,
    UserChange.ROLE: kinds.USER_ROLE_CHANGE,
    UserChange.SUSPEND: kinds.USER_SUSPEND,
    UserChange.BAN: kinds.USER_BAN,
    UserChange.REACTIVATE: USER_REACTIVATE,
    UserChange.PERMISSIONS: USER_PERMISSIONS,
    UserChange.ROOT_TRANSFER: kinds.ROOT_TRANSFER,
}
# Changes that say why in the record of the user (status reason), so need one.
REASON_REQUIRED = frozenset(set(UserChange) - {UserChange.ADD})
ASSIGNABLE_ROLES = tuple(r for r in Role if r is not Role.ROOT_OWNER)


class InputProblem(StrEnum):
    REASON_MISSING = "reason_missing"
    USER_ID_MISSING = "user_id_missing"
    NAME_MISSING = "name_missing"
    SAME_ROLE = "same_role"
    NOTHING_CHANGED = "nothing_changed"


@dataclass(frozen=True)
class UserChangeRequest:
    """What the owner asked for in a dialog."""

    change: UserChange
    subject: str  # the user changed (the new user's id for ADD)
    reason: str = ""
    role: Role | None = None
    display_name: str = ""
    granted: frozenset[Permission] = frozenset()
    revoked: frozenset[Permission] = frozenset()


def problems(request: UserChangeRequest, current: User | None = None) -> list[InputProblem]:
    found = []
    if request.change is UserChange.ADD:
        if not request.subject.strip():
            found.append(InputProblem.USER_ID_MISSING)
        if not request.display_name.strip():
            found.append(InputProblem.NAME_MISSING)
    if request.change is UserChange.ROLE and current is not None and request.role is current.role:
        found.append(InputProblem.SAME_ROLE)
    if (request.change is UserChange.PERMISSIONS and current is not None
            and request.granted == current.granted and request.revoked == current.revoked):
        found.append(InputProblem.NOTHING_CHANGED)
    if request.change in REASON_REQUIRED and not request.reason.strip():
        found.append(InputProblem.REASON_MISSING)
    return found


def permissions_from_choice(role: Role, chosen: Iterable[Permission]) -> tuple[frozenset[Permission], frozenset[Permission]]:
    """(granted, revoked) on top of ``role`` so that the user holds exactly ``chosen``."""
    wanted = frozenset(chosen)
    base = ROLE_PERMISSIONS[role]
    return wanted - base, base - wanted


def descriptor(request: UserChangeRequest, actor: str, tenant_id: str) -> ActionDescriptor:
    context: dict[str, Any] = {}
    reason = request.reason.strip()
    if reason:
        context["reason"] = reason
    if request.change is UserChange.ADD:
        context["display_name"] = request.display_name.strip()
        context["role"] = (request.role or Role.VIEWER).value
    elif request.change is UserChange.ROLE:
        if request.role is None:
            raise ValueError("a role change needs the new role")
        context["role"] = request.role.value
    elif request.change is UserChange.PERMISSIONS:
        context["granted"] = sorted(p.value for p in request.granted)
        context["revoked"] = sorted(p.value for p in request.revoked)
    return ActionDescriptor(KIND_OF[request.change], actor, tenant_id, request.subject.strip(),
                            context=context)


def why_of(request: UserChangeRequest) -> str:
    """The "why" of an approval request: the reason given, else what is being done."""
    return request.reason.strip() or f"{KIND_OF[request.change]} {request.subject.strip()}"


# ---------------------------------------------------------------------- carrying out
@dataclass(frozen=True)
class ChangeResult:
    """Done at once (``decision``), or waiting for approval (``request``)."""

    decision: Decision | None = None
    request: ApprovalRequest | None = None

    @property
    def waiting(self) -> bool:
        return self.request is not None


def submit(governance: GovernanceService, request: UserChangeRequest, actor: str) -> ChangeResult:
    """Blocking: run it on the workspace's runner. Raises ActionDeniedError when the
    constitution refuses, UserError when the change itself is not possible."""
    install_user_executors(governance)
    action = descriptor(request, actor, governance.tenant_id)
    outcome = governance.submit_now(action, why_of(request))
    if isinstance(outcome, ApprovalRequest):
        return ChangeResult(request=outcome)
    return ChangeResult(decision=outcome)


def install_user_executors(governance: GovernanceService) -> None:
    """Carry out the user changes the service has no executor for (its own win)."""
    users = governance.users

    def manager(action: ActionDescriptor) -> None:
        actor = users.get(action.actor)
        if actor is None or not actor.can(Permission.USERS_MANAGE):
            raise UserError(f"{action.actor!r} lacks the permission {Permission.USERS_MANAGE.value}")

    def add(action: ActionDescriptor) -> User:
        manager(action)
        return users.add(action.subject, str(action.context.get("display_name", "")),
                         Role(action.context.get("role", Role.VIEWER.value)), action.actor)

    def set_permissions(action: ActionDescriptor) -> User:
        manager(action)
        granted = {Permission(p) for p in action.context.get("granted", [])}
        revoked = {Permission(p) for p in action.context.get("revoked", [])}
        return users.set_permissions(action.subject, granted, revoked, action.actor)

    def reactivate(action: ActionDescriptor) -> User:
        manager(action)
        return users.set_status(action.subject, UserStatus.ACTIVE, action.context.get("reason"),
                                action.actor)

    governance.executors.setdefault(USER_ADD, add)
    governance.executors.setdefault(USER_PERMISSIONS, set_permissions)
    governance.executors.setdefault(USER_REACTIVATE, reactivate)


# ---------------------------------------------------------------------- what may be offered
@dataclass(frozen=True)
class Offer:
    """Which changes the person at the console may start, for the selected user."""

    manage: bool  # false: the pane is read-only
    add: bool = False
    role: bool = False
    suspend: bool = False
    ban: bool = False
    reactivate: bool = False
    permissions: bool = False
    root_transfer: bool = False


def offer(me: User | None, selected: User | None) -> Offer:
    manage = me is not None and me.can(Permission.USERS_MANAGE)
    if not manage:
        return Offer(manage=False)
    assert me is not None
    if selected is None:
        return Offer(manage=True, add=True)
    root = selected.role is Role.ROOT_OWNER
    myself = selected.user_id == me.user_id
    active = selected.status is UserStatus.ACTIVE
    return Offer(
        manage=True, add=True,
        role=not root,
        suspend=not root and not myself and active,
        ban=not root and not myself and selected.status is not UserStatus.BANNED,
        reactivate=not active,
        permissions=not root,
        root_transfer=me.role is Role.ROOT_OWNER and not myself and active,
    )
