"""Per-owner signing keys: each vote verifies only with the key registered for the person who
cast it, while that key was in force; the old workspace key stays a legacy signer for the
entries made before per-owner keys. Checked by ``SqlAuditLog.verify`` and by the standalone
docs/verify_audit.py on an export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.governance.audit import AuditRecord, signing_bytes
from app.domain.governance.keys import SigningKeyError, key_id_for
from app.domain.governance.users import Role
from app.integrations.keyring_store import SERVICE, KeyringSecretStore, MemoryKeyring
from app.integrations.signing import OwnerSigningKey, secret_name
from app.services.users import UserDirectory
from app.store.audit_log import AuditMemory, SqlAuditLog
from app.store.engine import create_workspace_engine
from app.store.event_store import SqliteEventStore
from app.store.migrations import upgrade
from tests.store.test_audit_contract import TENANT, rec, run_script


@dataclass
class World:
    audit: SqlAuditLog
    users: UserDirectory
    keyring: MemoryKeyring
    tmp: Path

    def key(self, user: str) -> OwnerSigningKey:
        return OwnerSigningKey(KeyringSecretStore(self.keyring), self.audit, "w", TENANT, user,
                               self.users)

    def vote(self, voter: str, signer: Any, n: int = 0) -> int:
        return self.audit.append(signer.sign_record(
            rec(n, actor=voter, action="approval.approve", outcome="approve"))).seq

    def script(self) -> str:
        path = self.tmp / "export.jsonl"
        self.audit.export_jsonl(path)
        result = run_script(path)
        return result.stdout.strip()


class LegacyWorkspaceKey:
    """The one key per workspace that older consoles signed every decision with."""

    def __init__(self, audit: SqlAuditLog) -> None:
        self.private = Ed25519PrivateKey.generate()
        public = self.private.public_key().public_bytes_raw().hex()
        self.key_id = key_id_for(public)
        audit.add_key(self.key_id, public, "root")

    def sign_record(self, record: AuditRecord) -> AuditRecord:
        message = signing_bytes(record.tenant_id, record.actor, record.action, record.subject,
                                record.payload_digest, record.outcome)
        return replace(record, signature=self.private.sign(message).hex(), key_id=self.key_id)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    engine = create_workspace_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    upgrade(engine)
    users = UserDirectory(SqliteEventStore(engine), TENANT)
    users.ensure_root_owner("root", "Root")
    users.add("admin", "Admin", Role.ADMIN, by="root")
    audit = SqlAuditLog(engine, TENANT, memory=AuditMemory(tmp_path / "m.json", "s"),
                        key_authority=users.key_authority)
    try:
        yield World(audit, users, MemoryKeyring(), tmp_path)
    finally:
        engine.dispose()


def test_each_owner_signs_with_their_own_registered_key(world: World) -> None:
    root, admin = world.key("root"), world.key("admin")
    world.vote("root", root, 1)
    world.vote("admin", admin, 2)
    assert root.key_id != admin.key_id
    registered = {k.user_id: k.key_id for k in world.users.signing_keys()}
    assert registered == {"root": root.key_id, "admin": admin.key_id}
    assert world.keyring.get_password(SERVICE, secret_name("w", TENANT, "admin"))
    assert world.audit.verify().ok
    assert world.script().startswith("audit chain intact: 2 entries")


def test_a_vote_signed_with_another_owners_key_fails_naming_the_entry(world: World) -> None:
    root = world.key("root")
    world.vote("root", root, 1)
    forged = world.vote("admin", root, 2)  # admin's decision, signed with root's key
    world.vote("root", root, 3)
    result = world.audit.verify()
    assert (result.ok, result.first_broken_seq) == (False, forged)
    assert result.reason == f"it is a decision of 'admin' signed with key {root.key_id} of 'root'"
    assert world.script().startswith(f"audit chain broken at entry {forged}: it is a decision of 'admin'")


def test_a_revoked_key_verifies_old_votes_only_and_signs_again_after_rotation(world: World) -> None:
    root = world.key("root")
    before = world.vote("root", root, 1)
    world.users.revoke_key("root", "laptop stolen", by="root")
    assert world.audit.verify().ok  # the vote made before the revocation still verifies
    with pytest.raises(SigningKeyError, match="was revoked"):
        world.vote("root", world.key("root"), 2)  # the console refuses to sign with it
    stolen = world.vote("root", root, 3)  # the thief still holds the private key
    result = world.audit.verify()
    assert (result.ok, result.first_broken_seq) == (False, stolen)
    assert f"key {root.key_id} of 'root' after it was revoked" in (result.reason or "")
    assert f"broken at entry {stolen}" in world.script()
    assert before < stolen


def test_rotation_gives_a_new_key_and_the_old_one_keeps_its_votes(world: World) -> None:
    old = world.key("root")
    world.vote("root", old, 1)
    world.users.rotate_key("root", by="root")
    new = world.key("root")
    world.vote("root", new, 2)
    assert new.key_id != old.key_id
    assert world.audit.verify().ok
    world.vote("root", old, 3)  # the retired key signs nothing any more
    result = world.audit.verify()
    assert result.first_broken_seq == 3
    assert "after it was rotated" in (result.reason or "")


def test_the_workspace_key_of_older_consoles_stays_a_legacy_signer(world: World) -> None:
    # Before per-owner keys, one key per workspace and tenant signed every decision; it is
    # published in the workspace and registered for nobody.
    legacy = LegacyWorkspaceKey(world.audit)
    world.vote("admin", legacy, 1)  # before per-owner keys, one key signed every decision
    world.vote("root", legacy, 2)
    assert world.users.signing_keys() == []
    world.vote("admin", world.key("admin"), 3)  # per-owner keys begin here
    assert world.audit.verify().ok
    assert world.script().startswith("audit chain intact: 3 entries")
    late = world.vote("root", legacy, 4)
    result = world.audit.verify()
    assert (result.ok, result.first_broken_seq) == (False, late)
    assert "workspace key" in (result.reason or "")
