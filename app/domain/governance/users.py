"""Users, roles and statuses of a workspace."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    ROOT_OWNER = "ROOT_OWNER"  # exactly one per workspace; transfer needs approval
    ADMIN = "ADMIN"
    OPERATOR = "OPERATOR"
    AUDITOR = "AUDITOR"  # reads everything, the audit log included; changes nothing
    VIEWER = "VIEWER"


class UserStatus(StrEnum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    BANNED = "BANNED"


class Permission(StrEnum):
    BLUEPRINT_READ = "blueprint.read"
    BLUEPRINT_EDIT = "blueprint.edit"
    CODEGEN_RUN = "codegen.run"
    DEPLOY_PLAN = "deploy.plan"
    DEPLOY_APPLY = "deploy.apply"
    DEPLOY_DESTROY = "deploy.destroy"
    APPROVALS_DECIDE = "approvals.decide"
    CONSTITUTION_EDIT = "constitution.edit"
    USERS_MANAGE = "users.manage"
    BUDGET_MANAGE = "budget.manage"
    AUDIT_READ = "audit.read"
    EVENTS_READ = "events.read"
    COSTS_READ = "costs.read"


_READ = frozenset({Permission.BLUEPRINT_READ, Permission.EVENTS_READ, Permission.COSTS_READ})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ROOT_OWNER: frozenset(Permission),
    Role.ADMIN: frozenset(Permission) - {Permission.CONSTITUTION_EDIT},
    Role.OPERATOR: _READ
    | {Permission.BLUEPRINT_EDIT, Permission.CODEGEN_RUN, Permission.DEPLOY_PLAN, Permission.DEPLOY_APPLY},
    Role.AUDITOR: _READ | {Permission.AUDIT_READ},
    Role.VIEWER: _READ,
}


@dataclass(frozen=True)
class User:
    user_id: str
    display_name: str
    role: Role
    status: UserStatus = UserStatus.ACTIVE
    status_reason: str | None = None
    status_set_by: str | None = None
    granted: frozenset[Permission] = field(default_factory=frozenset)
    revoked: frozenset[Permission] = field(default_factory=frozenset)

    @property
    def active(self) -> bool:
        return self.status is UserStatus.ACTIVE

    def permissions(self) -> frozenset[Permission]:
        return (ROLE_PERMISSIONS[self.role] | self.granted) - self.revoked

    def can(self, permission: Permission) -> bool:
        return self.active and permission in self.permissions()
