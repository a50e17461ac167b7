"""Users of a workspace: roles, custom permissions, statuses. Event-sourced, one stream per
tenant, so every change is recorded with who made it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from app.domain.errors import WebNovaError
from app.domain.events import NewEvent, RecordedEvent
from app.domain.governance.keys import KeyAuthority, SigningKeyError, UserKey, key_id_for, utc_text
from app.domain.governance.users import Permission, Role, User, UserStatus
from app.services.ports import EventStore

USER_ADDED = "UserAdded"
ROLE_CHANGED = "UserRoleChanged"
STATUS_CHANGED = "UserStatusChanged"
PERMISSIONS_CHANGED = "UserPermissionsChanged"
ROOT_TRANSFERRED = "RootOwnerTransferred"
KEY_REGISTERED = "UserKeyRegistered"
KEY_ROTATED = "UserKeyRotated"  # the key in force retires; a new one may be registered
KEY_REVOKED = "UserKeyRevoked"  # the key retires; none may be registered until a rotation
_USER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")


class UserError(WebNovaError):
    pass


def users_stream(tenant_id: str) -> str:
    return f"users:{tenant_id}"


def _apply(users: dict[str, User], event: RecordedEvent) -> None:
    data = event.data
    if event.type == USER_ADDED:
        users[data["user_id"]] = User(data["user_id"], data["display_name"], Role(data["role"]))
    elif event.type == ROLE_CHANGED:
        users[data["user_id"]] = replace(users[data["user_id"]], role=Role(data["role"]))
    elif event.type == STATUS_CHANGED:
        users[data["user_id"]] = replace(
            users[data["user_id"]], status=UserStatus(data["status"]),
            status_reason=data.get("reason"), status_set_by=data.get("by"),
        )
    elif event.type == PERMISSIONS_CHANGED:
        users[data["user_id"]] = replace(
            users[data["user_id"]],
            granted=frozenset(Permission(p) for p in data["granted"]),
            revoked=frozenset(Permission(p) for p in data["revoked"]),
        )
    elif event.type == ROOT_TRANSFERRED:
        users[data["from"]] = replace(users[data["from"]], role=Role.ADMIN)
        users[data["to"]] = replace(users[data["to"]], role=Role.ROOT_OWNER)


def _apply_key(keys: list[UserKey], blocked: set[str], event: RecordedEvent) -> None:
    data = event.data
    user_id = data["user_id"]
    if event.type == KEY_REGISTERED:
        keys.append(UserKey(data["key_id"], data["public_key"], user_id, data["at"]))
        return
    for i, key in enumerate(keys):
        if key.user_id == user_id and key.active:
            keys[i] = replace(key, retired_at=data["at"], retired_reason=data.get("reason"),
                              revoked=event.type == KEY_REVOKED)
    if event.type == KEY_REVOKED:
        blocked.add(user_id)
    else:
        blocked.discard(user_id)


class UserDirectory:
    """Reads and changes users. Checks of *who may* change them belong to the Governor;
    this class keeps the invariants of the data (one root owner, known users)."""

    def __init__(self, store: EventStore, tenant_id: str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.tenant_id = tenant_id
        self.clock = clock

    def _load(self) -> tuple[dict[str, User], int]:
        users: dict[str, User] = {}
        events = self.store.read_stream(users_stream(self.tenant_id))
        for event in events:
            _apply(users, event)
        return users, len(events)

    def all(self) -> list[User]:
        return sorted(self._load()[0].values(), key=lambda u: (u.role != Role.ROOT_OWNER, u.user_id))

    def get(self, user_id: str) -> User | None:
        return self._load()[0].get(user_id)

    def lookup(self) -> Callable[[str], User | None]:
        users = self._load()[0]
        return users.get

    def root_owner(self) -> User | None:
        return next((u for u in self._load()[0].values() if u.role is Role.ROOT_OWNER), None)

    def _append(self, kind: str, data: dict[str, Any], actor: str, version: int) -> None:
        event = NewEvent(kind, self.tenant_id, data, {"actor": actor})
        self.store.append(users_stream(self.tenant_id), [event], version)

    def ensure_root_owner(self, user_id: str, display_name: str) -> User:
        """The first person to open a workspace becomes its root owner."""
        users, version = self._load()
        root = next((u for u in users.values() if u.role is Role.ROOT_OWNER), None)
        if root is not None:
            return root
        self._check_id(user_id)
        if user_id in users:
            raise UserError(f"user {user_id!r} exists but the workspace has no root owner")
        self._append(USER_ADDED, {"user_id": user_id, "display_name": display_name,
                                  "role": Role.ROOT_OWNER.value}, "system", version)
        return User(user_id, display_name, Role.ROOT_OWNER)

    @staticmethod
    def _check_id(user_id: str) -> None:
        if not _USER_ID.match(user_id or ""):
            raise UserError(f"user id {user_id!r} is not valid: use letters, digits, '.', '_', '-' or '@'")

    def add(self, user_id: str, display_name: str, role: Role, by: str) -> User:
        users, version = self._load()
        self._check_id(user_id)
        if not display_name.strip():
            raise UserError("the display name must not be empty")
        if user_id in users:
            raise UserError(f"user {user_id!r} already exists")
        if role is Role.ROOT_OWNER:
            raise UserError("there is exactly one root owner; hand the role over with a root transfer")
        self._append(USER_ADDED, {"user_id": user_id, "display_name": display_name.strip(),
                                  "role": role.value}, by, version)
        return User(user_id, display_name.strip(), role)

    def _existing(self, users: dict[str, User], user_id: str) -> User:
        user = users.get(user_id)
        if user is None:
            raise UserError(f"no user {user_id!r} in this workspace")
        return user

    def change_role(self, user_id: str, role: Role, by: str) -> User:
        users, version = self._load()
        user = self._existing(users, user_id)
        if user.role is Role.ROOT_OWNER or role is Role.ROOT_OWNER:
            raise UserError("the root owner role changes hands only by a root transfer")
        self._append(ROLE_CHANGED, {"user_id": user_id, "role": role.value, "by": by}, by, version)
        return replace(user, role=role)

    def set_status(self, user_id: str, status: UserStatus, reason: str | None, by: str) -> User:
        users, version = self._load()
        user = self._existing(users, user_id)
        if user.role is Role.ROOT_OWNER and status is not UserStatus.ACTIVE:
            raise UserError("the root owner cannot be suspended or banned; transfer the root first")
        if status is not UserStatus.ACTIVE and not (reason or "").strip():
            raise UserError(f"say why {user_id!r} is {status.value.lower()}")
        self._append(STATUS_CHANGED, {"user_id": user_id, "status": status.value,
                                      "reason": (reason or "").strip() or None, "by": by}, by, version)
        return replace(user, status=status, status_reason=reason, status_set_by=by)

    def set_permissions(self, user_id: str, granted: set[Permission], revoked: set[Permission],
                        by: str) -> User:
        users, version = self._load()
        user = self._existing(users, user_id)
        if granted & revoked:
            raise UserError("a permission cannot be both granted and revoked")
        self._append(PERMISSIONS_CHANGED, {
            "user_id": user_id, "granted": sorted(p.value for p in granted),
            "revoked": sorted(p.value for p in revoked), "by": by,
        }, by, version)
        return replace(user, granted=frozenset(granted), revoked=frozenset(revoked))

    def transfer_root(self, to_user: str, by: str) -> User:
        users, version = self._load()
        target = self._existing(users, to_user)
        root = next((u for u in users.values() if u.role is Role.ROOT_OWNER), None)
        if root is None or root.user_id != by:
            raise UserError("only the root owner can hand over the root")
        if not target.active:
            raise UserError(f"{to_user!r} is not active and cannot become the root owner")
        if target.user_id == root.user_id:
            raise UserError(f"{to_user!r} is already the root owner")
        self._append(ROOT_TRANSFERRED, {"from": root.user_id, "to": to_user}, by, version)
        return replace(target, role=Role.ROOT_OWNER)

    # ------------------------------------------------------------ signing keys
    def _load_keys(self) -> tuple[dict[str, User], list[UserKey], set[str], int]:
        users: dict[str, User] = {}
        keys: list[UserKey] = []
        blocked: set[str] = set()
        events = self.store.read_stream(users_stream(self.tenant_id))
        for event in events:
            if event.type in (KEY_REGISTERED, KEY_ROTATED, KEY_REVOKED):
                _apply_key(keys, blocked, event)
            else:
                _apply(users, event)
        return users, keys, blocked, len(events)

    def signing_keys(self) -> list[UserKey]:
        """Every signing key ever registered, in order of registration."""
        return self._load_keys()[1]

    def key_authority(self) -> KeyAuthority:
        return KeyAuthority(self.signing_keys())

    def active_key(self, user_id: str) -> UserKey | None:
        return next((k for k in self._load_keys()[1] if k.user_id == user_id and k.active), None)

    def key_blocked(self, user_id: str) -> bool:
        """Was the user's key revoked, with no rotation since?"""
        return user_id in self._load_keys()[2]

    def register_key(self, user_id: str, key_id: str, public_key: str) -> UserKey:
        """Register the public half of ``user_id``'s own signing key (made on their console)."""
        users, keys, blocked, version = self._load_keys()
        self._existing(users, user_id)
        try:
            genuine = key_id_for(public_key) == key_id
        except ValueError:
            genuine = False
        if not genuine:
            raise UserError(f"key id {key_id!r} is not the id of that public key")
        if user_id in blocked:
            raise SigningKeyError(f"the signing key of {user_id!r} was revoked; a new one is "
                                  f"registered only after 'webnova users rotate-key {user_id}'")
        active = next((k for k in keys if k.user_id == user_id and k.active), None)
        if active is not None:
            raise UserError(f"{user_id!r} already has signing key {active.key_id}; rotate it first")
        if any(k.key_id == key_id for k in keys):
            raise UserError(f"signing key {key_id} was registered before and cannot be used again")
        at = utc_text(self.clock())
        self._append(KEY_REGISTERED, {"user_id": user_id, "key_id": key_id, "public_key": public_key,
                                      "at": at}, user_id, version)
        return UserKey(key_id, public_key, user_id, at)

    def rotate_key(self, user_id: str, by: str) -> UserKey | None:
        """Retire the user's key (it keeps verifying earlier votes); the next decision they
        make registers a new one. Also lifts a revocation. Returns the retired key."""
        users, keys, blocked, version = self._load_keys()
        self._existing(users, user_id)
        active = next((k for k in keys if k.user_id == user_id and k.active), None)
        if active is None and user_id not in blocked:
            raise UserError(f"{user_id!r} has no signing key to rotate yet")
        at = utc_text(self.clock())
        self._append(KEY_ROTATED, {"user_id": user_id, "key_id": active.key_id if active else None,
                                   "at": at, "by": by, "reason": "rotated"}, by, version)
        return replace(active, retired_at=at, retired_reason="rotated") if active else None

    def revoke_key(self, user_id: str, reason: str | None, by: str) -> UserKey:
        """Revoke the user's key: votes recorded from now on no longer verify with it, and the
        user cannot sign until their key is rotated."""
        users, keys, _blocked, version = self._load_keys()
        self._existing(users, user_id)
        if not (reason or "").strip():
            raise UserError(f"say why the signing key of {user_id!r} is revoked")
        active = next((k for k in keys if k.user_id == user_id and k.active), None)
        if active is None:
            raise UserError(f"{user_id!r} has no signing key in force to revoke")
        at = utc_text(self.clock())
        self._append(KEY_REVOKED, {"user_id": user_id, "key_id": active.key_id, "at": at, "by": by,
                                   "reason": (reason or "").strip()}, by, version)
        return replace(active, retired_at=at, retired_reason=(reason or "").strip(), revoked=True)
