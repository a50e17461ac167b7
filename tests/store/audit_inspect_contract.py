"""One entry checked on its own (the Audit pane's detail view), on SQLite and PostgreSQL:
``test_audit_sqlite.py`` and ``test_audit_postgres.py`` run it with their ``engine`` and
``tamper`` fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.domain.governance.audit_check import LinkState, SignatureState
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.signing import OwnerSigningKey
from app.store.audit_log import AuditMemory, SqlAuditLog
from tests.store.test_audit_contract import TENANT, Tamper, rec


class AuditInspectContract:
    @pytest.fixture
    def audit(self, engine: Engine, tmp_path: Path) -> SqlAuditLog:
        return SqlAuditLog(engine, TENANT,
                           memory=AuditMemory(tmp_path / "audit-memory.json", "inspected"))

    @pytest.fixture
    def owner_key(self, audit: SqlAuditLog) -> OwnerSigningKey:
        return OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), audit, "w", TENANT, "root")

    def fill(self, audit: SqlAuditLog, owner_key: OwnerSigningKey) -> None:
        for i in range(1, 7):  # entries 1..6; 3 and 6 are signed decisions
            record = rec(i)
            if i % 3 == 0:
                record = owner_key.sign_record(rec(i, actor="root", action="approval.approve",
                                                   outcome="approve"))
            audit.append(record)

    def test_an_intact_entry_and_its_signer(self, audit: SqlAuditLog,
                                            owner_key: OwnerSigningKey) -> None:
        self.fill(audit, owner_key)
        signed = audit.inspect(3)
        assert signed is not None
        assert signed.entry == audit.entries(limit=10).entries[3]  # newest first: 6 5 4 3
        assert (signed.check.ok, signed.check.signature, signed.signer) == (
            True, SignatureState.VALID, "root")
        first = audit.inspect(1)
        assert first is not None
        assert (first.check.link, first.check.signature, first.signer) == (
            LinkState.LINKED, SignatureState.UNSIGNED, None)
        assert audit.inspect(7) is None
        assert SqlAuditLog(audit.engine, "other").inspect(3) is None

    def test_an_edited_signed_entry_does_not_verify(self, audit: SqlAuditLog,
                                                    owner_key: OwnerSigningKey,
                                                    tamper: Tamper) -> None:
        self.fill(audit, owner_key)
        tamper("UPDATE audit_log SET outcome = 'reject' WHERE tenant_id = :t AND seq = 3",
               {"t": TENANT})
        found = audit.inspect(3)
        assert found is not None and found.entry.outcome == "reject"
        assert (found.check.hash_ok, found.check.signature, found.check.ok) == (
            False, SignatureState.INVALID, False)
        after = audit.inspect(4)
        assert after is not None and after.check.ok  # its link holds the stored hash of 3

    def test_a_deleted_or_relinked_neighbour_breaks_the_link(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey, tamper: Tamper
    ) -> None:
        self.fill(audit, owner_key)
        tamper("DELETE FROM audit_log WHERE tenant_id = :t AND seq = 4", {"t": TENANT},
               "UPDATE audit_log SET prev_hash = :h WHERE tenant_id = :t AND seq = 2",
               {"h": "ab" * 32, "t": TENANT})
        assert audit.inspect(4) is None
        gap = audit.inspect(5)
        assert gap is not None and gap.check.link is LinkState.MISSING
        relinked = audit.inspect(2)
        assert relinked is not None
        assert (relinked.check.link, relinked.check.hash_ok) == (LinkState.BROKEN, False)

    def test_a_key_this_console_does_not_trust_is_named(self, audit: SqlAuditLog,
                                                        owner_key: OwnerSigningKey) -> None:
        self.fill(audit, owner_key)
        assert audit.verify().ok  # pins the keys the workspace holds now
        intruder = SqlAuditLog(audit.engine, TENANT)
        key = OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), intruder, "x", TENANT, "mallory")
        intruder.append(key.sign_record(rec(7, actor="root", action="approval.approve",
                                            outcome="approve")))
        found = audit.inspect(7)
        assert found is not None
        assert (found.check.signature, found.signer) == (SignatureState.UNKNOWN_KEY, "mallory")
