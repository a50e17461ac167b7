"""Whose signing key is whose, and when it was valid.

Every person who decides has their own Ed25519 key. Its public half is registered for them
(an event in the workspace's users stream) and published in ``signing_keys``; the private
half stays in their OS keyring. A vote verifies only with the key registered for the person
who cast it, and only while that key was in force: a key retired (rotated or revoked) at T
verifies votes recorded before T, never after.

Before per-owner keys, one key per workspace and tenant signed every decision. Such a key
(published, but registered for nobody) is kept as a legacy signer: it verifies entries
recorded before the first per-owner key was registered in the workspace, and nothing later.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.domain.errors import WebNovaError


class SigningKeyError(WebNovaError):
    """A person's signing key cannot be used (revoked, replaced, or not on this console)."""


def key_id_for(public_key: str) -> str:
    """A key's id: the first 16 hex digits of the SHA-256 of its raw public bytes."""
    return hashlib.sha256(bytes.fromhex(public_key)).hexdigest()[:16]


def utc_text(moment: datetime) -> str:
    """The ISO text the audit log uses for times (UTC, microseconds)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class UserKey:
    key_id: str
    public_key: str
    user_id: str
    registered_at: str  # utc_text
    retired_at: str | None = None
    retired_reason: str | None = None
    revoked: bool = False  # revoked (compromised) rather than rotated

    @property
    def active(self) -> bool:
        return self.retired_at is None


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


class KeyAuthority:
    """Checks that a signed entry was signed with the key of its actor, valid at its time."""

    def __init__(self, keys: Iterable[UserKey]) -> None:
        self.keys = {k.key_id: k for k in keys}
        starts = [k.registered_at for k in self.keys.values()]
        self.legacy_until = min(starts, key=_time) if starts else None

    def check(self, key_id: str, actor: str, recorded_at: str) -> str | None:
        """None when ``key_id`` may sign for ``actor`` at ``recorded_at``, else the reason."""
        key = self.keys.get(key_id)
        if key is None:  # a legacy workspace key
            if self.legacy_until is not None and _time(recorded_at) >= _time(self.legacy_until):
                return (f"it is signed with the workspace key {key_id}, which signs nothing "
                        f"recorded after per-owner keys began ({self.legacy_until})")
            return None
        if key.user_id != actor:
            return f"it is a decision of {actor!r} signed with key {key_id} of {key.user_id!r}"
        if key.retired_at is not None and _time(recorded_at) >= _time(key.retired_at):
            how = "revoked" if key.revoked else "rotated"
            return f"it is signed with key {key_id} of {key.user_id!r} after it was {how} at {key.retired_at}"
        return None

    def to_json(self) -> dict[str, Any]:
        """As an audit export's header carries it (docs/verify_audit.py reads it)."""
        return {
            "keys": {k.key_id: {"user": k.user_id, "registered_at": k.registered_at,
                                "retired_at": k.retired_at, "revoked": k.revoked}
                     for k in self.keys.values()},
            "workspace_keys_until": self.legacy_until,
        }
