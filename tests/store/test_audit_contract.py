"""The audit-log contract. ``test_audit_sqlite.py`` and ``test_audit_postgres.py`` run it
against a SQLite file and a real PostgreSQL server.

Subclasses provide two fixtures: ``engine`` (a workspace at the head schema, connected as
its owner) and ``tamper`` (runs raw SQL with the append-only triggers out of the way, as an
attacker with full control of the database would).
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from app.domain.errors import TenantNotPermittedError
from app.domain.governance.audit import GENESIS_HASH, AuditRecord, entry_hash, seal
from app.integrations.keyring_store import SERVICE, KeyringSecretStore, MemoryKeyring
from app.integrations.signing import OwnerSigningKey, secret_name
from app.services.ports import AuditFilter
from app.store.audit_log import AuditLogError, AuditMemory, SqlAuditLog
from app.store.tables import metadata

TENANT = "acme"
SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "verify_audit.py"
Tamper = Callable[..., None]  # tamper("SQL", {params}, "SQL", ...)


def rec(i: int = 0, actor: str = "alice", action: str = "cli.events.append",
        outcome: str = "ok", subject: str | None = None, tenant: str = TENANT) -> AuditRecord:
    return AuditRecord(tenant, actor, action, subject if subject is not None else f"order-{i}",
                       {"n": i, "note": "قرار"}, outcome)


def run_script(export: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-I", str(SCRIPT), str(export), *args],
                          capture_output=True, text=True, timeout=60, check=False)


class AuditLogContract:
    # ------------------------------------------------------------ fixtures
    @pytest.fixture
    def memory(self, tmp_path: Path) -> AuditMemory:
        return AuditMemory(tmp_path / "audit-memory.json", "workspace-under-test")

    @pytest.fixture
    def audit(self, engine: Engine, memory: AuditMemory) -> SqlAuditLog:
        return SqlAuditLog(engine, TENANT, memory=memory)

    @pytest.fixture
    def keyring_backend(self) -> MemoryKeyring:
        return MemoryKeyring()

    @pytest.fixture
    def owner_key(self, audit: SqlAuditLog, keyring_backend: MemoryKeyring) -> OwnerSigningKey:
        return OwnerSigningKey(KeyringSecretStore(keyring_backend), audit, "w", TENANT, "root")

    @pytest.fixture
    def attacker(self, engine: Engine) -> tuple[SqlAuditLog, OwnerSigningKey]:
        """Someone with write access to the database, but not to this console's keyring
        or memory: their own log object and their own key, published in the workspace."""
        log = SqlAuditLog(engine, TENANT)
        key = OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), log, "x", TENANT, "mallory")
        return log, key

    def filled(self, audit: SqlAuditLog, owner_key: OwnerSigningKey, n: int = 20) -> list[Any]:
        """n entries; every fifth is a decision signed by the owner."""
        entries = []
        for i in range(1, n + 1):
            record = rec(i)
            if i % 5 == 0:
                record = owner_key.sign_record(rec(i, action="approval.approve", outcome="approve"))
            entries.append(audit.append(record))
        return entries

    # ------------------------------------------------------------ appending and verifying
    def test_entries_chain_from_genesis(self, audit: SqlAuditLog) -> None:
        first = audit.append(rec(1))
        second = audit.append(rec(2, actor="bob"))
        assert (first.seq, second.seq) == (1, 2)
        assert first.prev_hash == GENESIS_HASH
        assert second.prev_hash == first.hash
        assert first.recorded_time.utcoffset() == timedelta(0)
        assert len(first.recorded_at) == len("2026-11-26T09:00:00.000000+00:00")
        result = audit.verify()
        assert (result.ok, result.checked, result.head_seq, result.head_hash) == (
            True, 2, 2, second.hash)
        assert result.describe().startswith("audit chain intact: 2 entries")
        assert audit.head() == (2, second.hash)

    def test_empty_log_verifies(self, audit: SqlAuditLog) -> None:
        result = audit.verify()
        assert (result.ok, result.checked, result.head_seq) == (True, 0, 0)
        assert audit.head() == (0, GENESIS_HASH)

    def test_append_many_is_one_contiguous_run(self, audit: SqlAuditLog) -> None:
        audit.append(rec(0))
        entries = audit.append_many([rec(i) for i in range(1, 6)])
        assert [e.seq for e in entries] == [2, 3, 4, 5, 6]
        assert len({e.recorded_at for e in entries}) == 1
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
        assert audit.append_many([]) == []
        assert audit.verify().ok

    def test_stored_rows_are_what_was_sealed(self, audit: SqlAuditLog, owner_key: OwnerSigningKey) -> None:
        sealed = self.filled(audit, owner_key, 10)
        rows = list(audit.iter_rows())
        assert [tuple(e.to_json().values()) for e in sealed] == rows
        page = audit.entries(limit=100)
        assert page.entries == list(reversed(sealed))

    def test_signed_decisions_verify_and_the_key_is_published(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey
    ) -> None:
        entries = self.filled(audit, owner_key, 10)
        assert entries[4].key_id == owner_key.key_id
        assert entries[4].signature is not None
        assert audit.public_keys() == {owner_key.key_id: owner_key.public_key}
        assert audit.verify().ok

    def test_the_private_key_is_in_the_keyring_and_in_no_table(
        self, engine: Engine, audit: SqlAuditLog, owner_key: OwnerSigningKey,
        keyring_backend: MemoryKeyring,
    ) -> None:
        self.filled(audit, owner_key, 5)
        private = keyring_backend.get_password(SERVICE, secret_name("w", TENANT, "root"))
        assert private is not None
        assert len(private) == 64
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                dump = repr(conn.execute(table.select()).all())
                assert private not in dump, table.name
                assert private.upper() not in dump.upper(), table.name
        assert private not in repr(owner_key)

    def test_records_that_cannot_be_stored_faithfully_are_refused(self, audit: SqlAuditLog) -> None:
        with pytest.raises(TenantNotPermittedError, match="tenant 'acme'"):
            audit.append(rec(tenant="other"))
        with pytest.raises(AuditLogError, match="U\\+001F"):
            audit.append(rec(subject="a\x1fb"))
        with pytest.raises(AuditLogError, match="NUL"):
            audit.append(rec(actor="al\x00ice"))
        with pytest.raises(AuditLogError, match="longer than 200"):
            audit.append(rec(action="x" * 201))
        with pytest.raises(AuditLogError, match="must not be empty"):
            audit.append(rec(outcome=""))
        with pytest.raises(AuditLogError, match="both its signature and its key id"):
            audit.append(AuditRecord(TENANT, "a", "b", "c", {}, "ok", signature="ab"))
        with pytest.raises(AuditLogError, match="record 2 of 2: audit subject"):
            audit.append_many([rec(1), rec(2, subject="\x1f")])
        assert audit.head()[0] == 0

    def test_threads_appending_get_a_gapless_intact_chain(self, audit: SqlAuditLog) -> None:
        threads_n, per_thread = 6, 15
        errors: list[BaseException] = []

        def worker(t: int) -> None:
            try:
                for j in range(per_thread):
                    audit.append(rec(j, actor=f"writer-{t}"))
            except BaseException as exc:
                errors.append(exc)

        workers = [threading.Thread(target=worker, args=(t,)) for t in range(threads_n)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert errors == []
        rows = list(audit.iter_rows())
        assert [r[0] for r in rows] == list(range(1, threads_n * per_thread + 1))
        for t in range(threads_n):  # each writer's entries keep their order
            mine = [r[5] for r in rows if r[3] == f"writer-{t}"]
            assert mine == [f"order-{j}" for j in range(per_thread)]
        result = audit.verify()
        assert (result.ok, result.checked) == (True, threads_n * per_thread)
        assert audit.memory is not None
        assert audit.memory.load().head == (result.head_seq, result.head_hash)

    # ------------------------------------------------------------ reading for the pane
    def test_entries_filter_and_page_newest_first(self, audit: SqlAuditLog) -> None:
        for i in range(1, 11):
            audit.append(rec(i, actor="alice" if i % 2 else "bob",
                             action="blueprint.save" if i <= 3 else "cli.events.append",
                             outcome="failed" if i == 7 else "ok",
                             subject=f"Clinic-{i}" if i in (4, 9) else f"order-{i}"))
        page = audit.entries(limit=3)
        assert (page.total, [e.seq for e in page.entries]) == (10, [10, 9, 8])
        assert [e.seq for e in audit.entries(offset=8, limit=5).entries] == [2, 1]
        assert [e.seq for e in audit.entries(AuditFilter(actor="bob")).entries] == [10, 8, 6, 4, 2]
        by_action = audit.entries(AuditFilter(action="blueprint.save"))
        assert (by_action.total, [e.seq for e in by_action.entries]) == (3, [3, 2, 1])
        assert [e.seq for e in audit.entries(AuditFilter(outcome="failed")).entries] == [7]
        assert [e.seq for e in audit.entries(AuditFilter(subject="clinic")).entries] == [9, 4]
        assert audit.entries(AuditFilter(subject="%")).total == 0
        third = audit.entries(AuditFilter(actor="alice", action="blueprint.save")).entries
        assert [e.seq for e in third] == [3, 1]
        at = audit.entries(offset=4, limit=1).entries[0].recorded_time  # entry 6
        since = audit.entries(AuditFilter(since=at))
        assert since.total >= 5
        assert since.total == audit.entries(AuditFilter(since=at.replace(tzinfo=None))).total
        assert audit.entries(AuditFilter(until=at - timedelta(days=1))).total == 0
        assert audit.entries(AuditFilter(since=datetime(2999, 1, 1))).total == 0
        assert audit.distinct_values("actor") == ["alice", "bob"]
        assert audit.distinct_values("outcome") == ["failed", "ok"]
        with pytest.raises(ValueError, match="no such column"):
            audit.distinct_values("hash")
        with pytest.raises(ValueError, match="limit"):
            audit.entries(limit=0)

    def test_tenants_have_separate_chains(self, engine: Engine, audit: SqlAuditLog) -> None:
        other = SqlAuditLog(engine, "globex")
        audit.append(rec(1))
        theirs = other.append(rec(1, tenant="globex"))
        mine = audit.append(rec(2))
        assert (theirs.seq, theirs.prev_hash, mine.seq) == (1, GENESIS_HASH, 2)
        assert audit.entries().total == 2
        assert other.entries().total == 1
        assert audit.verify().ok
        assert other.verify().ok

    # ------------------------------------------------------------ tampering
    def test_an_edited_field_is_named(self, audit: SqlAuditLog, owner_key: OwnerSigningKey,
                                      tamper: Tamper) -> None:
        self.filled(audit, owner_key)
        tamper("UPDATE audit_log SET actor = 'mallory' WHERE tenant_id = :t AND seq = 17", {"t": TENANT})
        result = audit.verify()
        assert (result.ok, result.first_broken_seq, result.checked) == (False, 17, 16)
        assert result.describe() == (
            "audit chain broken at entry 17: its content does not match its hash (edited)")

    def test_an_edited_entry_with_a_recomputed_hash_breaks_the_next_link(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey, tamper: Tamper
    ) -> None:
        entries = self.filled(audit, owner_key)
        e = entries[11]  # entry 12
        forged = entry_hash(e.seq, e.tenant_id, e.recorded_at, "mallory", e.action, e.subject,
                            e.payload_hash, e.outcome, e.prev_hash, e.signature, e.key_id)
        tamper("UPDATE audit_log SET actor = 'mallory', hash = :h WHERE tenant_id = :t AND seq = 12",
               {"h": forged, "t": TENANT})
        result = audit.verify()
        assert (result.first_broken_seq, result.reason) == (
            13, "its previous-hash does not match the entry before it")

    def test_a_deleted_entry_is_named(self, audit: SqlAuditLog, owner_key: OwnerSigningKey,
                                      tamper: Tamper) -> None:
        self.filled(audit, owner_key)
        tamper("DELETE FROM audit_log WHERE tenant_id = :t AND seq = 7", {"t": TENANT})
        result = audit.verify()
        assert (result.first_broken_seq, result.reason) == (7, "expected entry 7 next, found 8")

    def test_two_swapped_entries_are_named(self, audit: SqlAuditLog, owner_key: OwnerSigningKey,
                                           tamper: Tamper) -> None:
        self.filled(audit, owner_key)
        t = {"t": TENANT}
        tamper("UPDATE audit_log SET seq = -5 WHERE tenant_id = :t AND seq = 5", t,
               "UPDATE audit_log SET seq = 5 WHERE tenant_id = :t AND seq = 6", t,
               "UPDATE audit_log SET seq = 6 WHERE tenant_id = :t AND seq = -5", t)
        result = audit.verify()
        assert (result.first_broken_seq, result.reason) == (
            5, "its previous-hash does not match the entry before it")

    def test_a_forged_entry_inserted_in_the_middle_breaks_the_next_link(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey, tamper: Tamper
    ) -> None:
        entries = self.filled(audit, owner_key)
        # The attacker seals a well-formed entry 9 on top of entry 8 and moves 9.. up by one.
        forged = seal(rec(99, actor="mallory"), 9, entries[8].recorded_at, entries[7].hash)
        t = {"t": TENANT}
        tamper("UPDATE audit_log SET seq = -seq WHERE tenant_id = :t AND seq >= 9", t,
               "UPDATE audit_log SET seq = 1 - seq WHERE tenant_id = :t AND seq < 0", t,
               "INSERT INTO audit_log (seq, tenant_id, recorded_at, actor, action, subject, "
               "payload_hash, outcome, prev_hash, hash, signature, key_id) VALUES (:seq, "
               ":tenant_id, :recorded_at, :actor, :action, :subject, :payload_hash, :outcome, "
               ":prev_hash, :hash, :signature, :key_id)", forged.to_json())
        result = audit.verify()
        assert (result.first_broken_seq, result.reason, result.checked) == (
            10, "its previous-hash does not match the entry before it", 9)

    def test_an_entry_appended_with_a_key_the_workspace_does_not_hold_is_named(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey, engine: Engine
    ) -> None:
        self.filled(audit, owner_key)
        outsider = OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), _NoPublish(), "x", TENANT, "m")
        SqlAuditLog(engine, TENANT).append(outsider.sign_record(rec(21, action="deploy.apply")))
        result = audit.verify()
        assert result.first_broken_seq == 21
        assert result.reason == f"it is signed with key {outsider.key_id}, which the workspace does not hold"

    def test_an_entry_signed_with_a_key_slipped_into_the_workspace_is_named(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey,
        attacker: tuple[SqlAuditLog, OwnerSigningKey],
    ) -> None:
        self.filled(audit, owner_key)
        log, key = attacker
        log.append(key.sign_record(rec(21, action="deploy.apply", outcome="approve")))
        assert key.key_id in audit.public_keys()
        result = audit.verify()
        assert result.first_broken_seq == 21
        assert result.reason is not None
        assert result.reason.startswith(f"it is signed with key {key.key_id}, which this console does not trust")
        assert key.key_id not in audit.trusted_keys()

    def test_a_replaced_public_key_is_named(self, audit: SqlAuditLog, owner_key: OwnerSigningKey,
                                            attacker: tuple[SqlAuditLog, OwnerSigningKey],
                                            tamper: Tamper) -> None:
        self.filled(audit, owner_key, 6)
        _log, key = attacker
        tamper("UPDATE signing_keys SET public_key = :p WHERE tenant_id = :t AND key_id = :k",
               {"p": key.public_key, "t": TENANT, "k": owner_key.key_id})
        result = audit.verify()
        assert result.first_broken_seq == 5
        assert result.reason == (f"it is signed with key {owner_key.key_id}, but the public key "
                                 "stored under that id is a different key")

    def test_a_changed_signature_is_named(self, audit: SqlAuditLog, owner_key: OwnerSigningKey,
                                          tamper: Tamper) -> None:
        entries = self.filled(audit, owner_key, 15)
        e = entries[14]  # entry 15, signed, the last one: no later link to break
        assert e.signature is not None
        bad = ("0" if e.signature[0] != "0" else "1") + e.signature[1:]
        forged = entry_hash(e.seq, e.tenant_id, e.recorded_at, e.actor, e.action, e.subject,
                            e.payload_hash, e.outcome, e.prev_hash, bad, e.key_id)
        tamper("UPDATE audit_log SET signature = :s, hash = :h WHERE tenant_id = :t AND seq = 15",
               {"s": bad, "h": forged, "t": TENANT})
        result = audit.verify()
        assert (result.first_broken_seq, result.reason) == (
            15, f"its signature does not verify with key {owner_key.key_id}")

    def test_a_cut_tail_is_named_by_the_console_that_saw_it(
        self, engine: Engine, audit: SqlAuditLog, owner_key: OwnerSigningKey, tamper: Tamper
    ) -> None:
        self.filled(audit, owner_key)
        tamper("DELETE FROM audit_log WHERE tenant_id = :t AND seq > 17", {"t": TENANT})
        result = audit.verify()
        assert (result.first_broken_seq, result.checked) == (18, 17)
        assert result.reason == ("the chain ends at entry 17 but entry 20 was seen before "
                                 "(entries were removed from the end)")
        # The limit: a console that never saw the longer chain cannot tell.
        assert SqlAuditLog(engine, TENANT).verify().ok

    def test_a_cut_tail_resigned_with_another_key_is_named(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey,
        attacker: tuple[SqlAuditLog, OwnerSigningKey], tamper: Tamper,
    ) -> None:
        self.filled(audit, owner_key)
        tamper("DELETE FROM audit_log WHERE tenant_id = :t AND seq > 17", {"t": TENANT})
        log, key = attacker
        for i in range(18, 23):
            log.append(key.sign_record(rec(i, action="approval.approve", outcome="approve")))
        result = audit.verify()
        assert result.first_broken_seq == 18
        assert result.reason is not None
        assert "which this console does not trust" in result.reason

    def test_a_cut_tail_rewritten_without_signatures_is_named_at_the_head_seen(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey,
        attacker: tuple[SqlAuditLog, OwnerSigningKey], tamper: Tamper,
    ) -> None:
        self.filled(audit, owner_key)
        tamper("DELETE FROM audit_log WHERE tenant_id = :t AND seq > 17", {"t": TENANT})
        log, _key = attacker
        log.append_many([rec(i, actor="mallory") for i in range(18, 24)])
        result = audit.verify()
        # Unsigned entries 18 and 19 chain correctly; entry 20 is where the chain differs
        # from what this console saw.
        assert result.first_broken_seq == 20
        assert result.reason == ("it differs from the entry seen here before (the chain was "
                                 "rewritten from here)")

    def test_appending_on_top_of_a_cut_tail_does_not_hide_it(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey, tamper: Tamper
    ) -> None:
        self.filled(audit, owner_key, 10)
        tamper("DELETE FROM audit_log WHERE tenant_id = :t AND seq > 8", {"t": TENANT})
        audit.append(rec(9))
        result = audit.verify()
        assert (result.first_broken_seq, result.reason) == (
            10, "the chain ends at entry 9 but entry 10 was seen before "
                "(entries were removed from the end)")

    # ------------------------------------------------------------ trusting keys
    def test_first_verification_pins_the_keys_then_new_ones_need_trust(
        self, engine: Engine, tmp_path: Path, attacker: tuple[SqlAuditLog, OwnerSigningKey],
    ) -> None:
        log, key = attacker
        log.append(key.sign_record(rec(1)))  # another console's key, published before
        fresh = SqlAuditLog(engine, TENANT, memory=AuditMemory(tmp_path / "m2.json", "s"))
        assert fresh.verify().ok  # first contact: trusts what the workspace holds
        assert fresh.trusted_keys() == {key.key_id: key.public_key}
        later = OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), log, "y", TENANT, "other")
        log.append(later.sign_record(rec(2)))
        result = fresh.verify()
        assert (result.ok, result.first_broken_seq) == (False, 2)
        assert fresh.trust_key(later.key_id) == later.public_key
        assert fresh.verify().ok
        with pytest.raises(AuditLogError, match="no signing key"):
            fresh.trust_key("0" * 16)

    def test_publishing_a_key_under_a_wrong_id_is_refused(self, audit: SqlAuditLog,
                                                          owner_key: OwnerSigningKey) -> None:
        with pytest.raises(AuditLogError, match="not the id"):
            audit.add_key("0" * 16, owner_key.public_key, "root")
        audit.add_key(owner_key.key_id, owner_key.public_key, "root")  # again: no change
        assert list(audit.public_keys()) == [owner_key.key_id]

    def test_the_key_is_loaded_from_the_keyring_next_time(
        self, audit: SqlAuditLog, owner_key: OwnerSigningKey, keyring_backend: MemoryKeyring
    ) -> None:
        first = owner_key.key_id
        again = OwnerSigningKey(KeyringSecretStore(keyring_backend), audit, "w", TENANT, "root")
        assert again.key_id == first
        assert list(audit.public_keys()) == [first]

    # ------------------------------------------------------------ exports
    def test_export_is_verified_by_the_standalone_script(
        self, tmp_path: Path, audit: SqlAuditLog, owner_key: OwnerSigningKey, tamper: Tamper
    ) -> None:
        entries = self.filled(audit, owner_key, 12)
        path = tmp_path / "audit.jsonl"
        assert audit.export_jsonl(path) == 12
        lines = path.read_text(encoding="utf-8").splitlines()
        assert json.loads(lines[0]) == {"webnova_audit_export": 1, "tenant_id": TENANT,
                                        "public_keys": {owner_key.key_id: owner_key.public_key}}
        assert [json.loads(line) for line in lines[1:]] == [e.to_json() for e in entries]
        ok = run_script(path, "--head", f"12:{entries[-1].hash}")
        assert (ok.returncode, ok.stdout.splitlines()) == (0, [
            "audit chain intact: 12 entries", f"signatures checked with keys: {owner_key.key_id}"])
        tamper("UPDATE audit_log SET outcome = 'deny' WHERE tenant_id = :t AND seq = 10", {"t": TENANT})
        audit.export_jsonl(path)
        broken = run_script(path)
        assert broken.returncode == 1
        assert broken.stdout.strip() == audit.verify().describe() == (
            "audit chain broken at entry 10: its content does not match its hash (edited)")


class _NoPublish:
    """A key directory that publishes nothing: a key the workspace never saw."""

    def public_keys(self) -> dict[str, str]:
        return {}

    def add_key(self, key_id: str, public_key: str, owner: str) -> None:
        return None

