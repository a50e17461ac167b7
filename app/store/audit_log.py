"""The audit log of one tenant on SQLite or PostgreSQL: append-only and hash-chained.

An append takes the tenant's append lock (PostgreSQL: a transaction-scoped advisory lock,
since the application role has no UPDATE and so cannot lock rows; SQLite: ``BEGIN
IMMEDIATE``), reads the last entry, seals the next one and inserts it, all in one
transaction: sequence numbers are gapless and every entry links to the one before it.

Verification streams the rows in sequence order (a server-side cursor on PostgreSQL) into
:func:`verify_rows`. Two things kept outside the database, in :class:`AuditMemory`, make it
stronger than the chain alone: the head this console last appended or verified (so entries
removed from the end, or rewritten there, are caught) and the signing keys it trusts (so
a key slipped into ``signing_keys`` does not make its signatures count).
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, text

from app.atomic_files import atomic_text_file
from app.domain.errors import TenantNotPermittedError, WebNovaError
from app.domain.governance.audit import (
    GENESIS_HASH,
    AuditEntry,
    AuditRecord,
    Row,
    VerificationResult,
    seal,
    verify_rows,
)
from app.domain.governance.audit_check import EntryInspection
from app.domain.governance.keys import KeyAuthority
from app.integrations.signing import ALGORITHM, Ed25519Verifier, key_id_for
from app.services.ports import AuditFilter, AuditPage
from app.store.engine import WRITE

log = logging.getLogger(__name__)

COLUMNS = (
    "seq, tenant_id, recorded_at, actor, action, subject, payload_hash, outcome, prev_hash, "
    "hash, signature, key_id"
)
FETCH_CHUNK = 20_000
LIMITS = {"tenant_id": 200, "actor": 200, "action": 200, "outcome": 40}
_UNSTORABLE = re.compile("[\x00\x1f]")  # NUL cannot be stored; U+001F separates hashed fields
_HEX = re.compile(r"^[0-9a-f]+$")
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# (public key hex, signature hex, message) -> valid?
PublicKeyCheck = Callable[[str, str, bytes], bool]


class AuditLogError(WebNovaError):
    """A record the log cannot take, or a key or memory file it cannot use."""


def utc_stamp(moment: datetime | None = None) -> str:
    """The ISO text the log stores (UTC, microseconds), which sorts as time does."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def check_record(record: AuditRecord, tenant_id: str) -> None:
    """Refuse what could not be stored on both databases or would make hashing ambiguous."""
    if record.tenant_id != tenant_id:
        raise TenantNotPermittedError(
            f"this audit log belongs to tenant {tenant_id!r}, not {record.tenant_id!r}"
        )
    for name in ("tenant_id", "actor", "action", "subject", "outcome"):
        value = getattr(record, name)
        if not isinstance(value, str):
            raise AuditLogError(f"audit {name} must be text")
        if _UNSTORABLE.search(value):
            raise AuditLogError(f"audit {name} may not hold NUL or U+001F characters")
        if name != "subject" and not value:
            raise AuditLogError(f"audit {name} must not be empty")
        if len(value) > LIMITS.get(name, len(value)):
            raise AuditLogError(f"audit {name} is longer than {LIMITS[name]} characters")
    if (record.signature is None) != (record.key_id is None):
        raise AuditLogError("a signed audit record needs both its signature and its key id")
    if record.signature is not None and record.key_id is not None:
        if not (_HEX.match(record.signature) and len(record.signature) <= 128):
            raise AuditLogError("an audit signature must be lowercase hex, at most 128 digits")
        if not (_HEX.match(record.key_id) and len(record.key_id) <= 64):
            raise AuditLogError("an audit key id must be lowercase hex, at most 64 digits")


# ------------------------------------------------------------------ what the console remembers
@dataclass(frozen=True)
class RememberedLog:
    head: tuple[int, str] | None = None
    keys: dict[str, str] | None = None  # None: no key has been pinned for this log yet


class AuditMemory:
    """What this console remembers about one audit log, outside its database: the head
    (seq, hash) it last appended or verified, and the signing keys it trusts.

    One JSON file holds every log the console knows, keyed by ``scope`` (the workspace's
    location and tenant). It is rewritten atomically; the head only moves forward.
    """

    _lock = threading.Lock()  # every memory in this process shares the file

    def __init__(self, path: Path, scope: str) -> None:
        self.path = path
        self.scope = scope

    def _read(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise AuditLogError(f"cannot read {self.path}: {type(exc).__name__}") from None
        logs = raw.get("logs") if isinstance(raw, dict) else None
        if not isinstance(logs, dict):
            raise AuditLogError(f"{self.path} is not an audit memory file")
        return logs

    def _write(self, logs: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_text_file(self.path) as handle:
            json.dump({"version": 1, "logs": logs}, handle, ensure_ascii=False, indent=1)

    def load(self) -> RememberedLog:
        with self._lock:
            return self._parse(self._read().get(self.scope) or {})

    def _parse(self, item: Any) -> RememberedLog:
        try:
            head, keys = item.get("head"), item.get("keys")
            return RememberedLog(
                head=(int(head[0]), str(head[1])) if head else None,
                keys={str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) else None,
            )
        except (AttributeError, TypeError, ValueError, IndexError, KeyError):
            raise AuditLogError(f"{self.path} holds a damaged entry for {self.scope}") from None

    def remember_head(self, seq: int, digest: str) -> None:
        with self._lock:
            logs = self._read()
            known = self._parse(logs.get(self.scope) or {}).head
            if known is None or seq > known[0]:
                logs.setdefault(self.scope, {})["head"] = [seq, digest]
                self._write(logs)

    def pin_keys(self, keys: dict[str, str]) -> None:
        with self._lock:
            logs = self._read()
            pinned = self._parse(logs.get(self.scope) or {}).keys or {}
            logs.setdefault(self.scope, {})["keys"] = {**pinned, **keys}
            self._write(logs)


# ------------------------------------------------------------------ signatures
class _SignatureCheck:
    """verify_rows' signature callback; remembers why a signature did not count."""

    def __init__(self, published: dict[str, str], trusted: dict[str, str],
                 check: PublicKeyCheck) -> None:
        self.published = published
        self.trusted = trusted
        self.check = check
        self.failure: str | None = None

    def __call__(self, key_id: str, signature: str, message: bytes) -> bool:
        public = self.trusted.get(key_id)
        if public is not None and self.check(public, signature, message):
            return True
        if public is not None:
            self.failure = None  # a bad signature: verify_rows says so itself
        elif key_id not in self.published:
            self.failure = f"it is signed with key {key_id}, which the workspace does not hold"
        elif key_id_for_safe(self.published[key_id]) != key_id:
            self.failure = (f"it is signed with key {key_id}, but the public key stored under "
                            "that id is a different key")
        else:
            self.failure = (f"it is signed with key {key_id}, which this console does not "
                            "trust (the key was added to the workspace after this console "
                            "last verified the log)")
        return False


def key_id_for_safe(public_key: str) -> str | None:
    try:
        return key_id_for(public_key)
    except ValueError:
        return None


# ------------------------------------------------------------------ the log
class SqlAuditLog:
    """The AuditLog and KeyDirectory ports for one tenant of a workspace."""

    def __init__(self, engine: Engine, tenant_id: str, *, memory: AuditMemory | None = None,
                 check_signature: PublicKeyCheck | None = None,
                 key_authority: Callable[[], KeyAuthority] | None = None) -> None:
        self.engine = engine
        # Whose key is whose: with it, a vote verifies only with its own caster's key.
        self.key_authority = key_authority
        self.tenant_id = tenant_id
        self.memory = memory
        self.postgres = engine.dialect.name == "postgresql"
        self._param = "%s" if self.postgres else "?"
        self._check_signature = check_signature or Ed25519Verifier()

    # -------------------------------------------------------------- appending
    def append(self, record: AuditRecord) -> AuditEntry:
        return self.append_many([record])[0]

    def append_many(self, records: Sequence[AuditRecord]) -> list[AuditEntry]:
        """Seal and store the records as the next entries, in one transaction."""
        records = list(records)
        for number, record in enumerate(records, 1):
            try:
                check_record(record, self.tenant_id)
            except AuditLogError as exc:
                if len(records) == 1:
                    raise
                raise AuditLogError(f"record {number} of {len(records)}: {exc}") from None
        if not records:
            return []
        p = self._param
        entries: list[AuditEntry] = []
        try:
            with self._write_cursor() as cursor:
                if self.postgres:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(hashtext('webnova_audit:' || %s))",
                        (self.tenant_id,),
                    )
                cursor.execute(
                    f"SELECT seq, hash FROM audit_log WHERE tenant_id = {p} "
                    "ORDER BY seq DESC LIMIT 1",
                    (self.tenant_id,),
                )
                last = cursor.fetchone()
                seq, prev = (int(last[0]), str(last[1])) if last else (0, GENESIS_HASH)
                recorded_at = utc_stamp()  # taken under the lock: time follows seq
                for record in records:
                    seq += 1
                    entry = seal(record, seq, recorded_at, prev)
                    entries.append(entry)
                    prev = entry.hash
                cursor.executemany(
                    f"INSERT INTO audit_log ({COLUMNS}) VALUES ({', '.join([p] * 12)})",
                    [_row(e) for e in entries],
                )
        except Exception as exc:
            if getattr(exc, "sqlstate", None) == "42501":  # row-level security refused it
                raise TenantNotPermittedError(
                    f"this session may not write the audit log of tenant {self.tenant_id!r}; "
                    "nothing was written"
                ) from None
            raise
        self._remember_head(entries[-1].seq, entries[-1].hash)
        return entries

    @contextmanager
    def _write_cursor(self) -> Iterator[Any]:
        with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            cursor = conn.connection.cursor()
            try:
                yield cursor
            finally:
                cursor.close()

    def _remember_head(self, seq: int, digest: str) -> None:
        if self.memory is None:
            return
        try:
            self.memory.remember_head(seq, digest)
        except (OSError, AuditLogError) as exc:  # the entry is stored; only the memory lags
            log.warning("could not remember the audit head: %s", exc)

    # -------------------------------------------------------------- reading
    def entries(
        self, audit_filter: AuditFilter | None = None, offset: int = 0, limit: int = 100
    ) -> AuditPage:
        """A page of entries matching the filter, newest first."""
        if offset < 0 or limit < 1:
            raise ValueError("offset must be >= 0 and limit >= 1")
        f = audit_filter or AuditFilter()
        clauses = ["tenant_id = :tenant"]
        params: dict[str, Any] = {"tenant": self.tenant_id}
        for name in ("actor", "action", "outcome"):
            value = getattr(f, name)
            if value:
                clauses.append(f"{name} = :{name}")
                params[name] = value
        if f.subject.strip():
            escaped = f.subject.strip().lower().replace("\\", "\\\\").replace("%", "\\%")
            params["subject"] = "%" + escaped.replace("_", "\\_") + "%"
            clauses.append("lower(subject) LIKE :subject ESCAPE '\\'")
        if f.since is not None:
            clauses.append("recorded_at >= :since")
            params["since"] = utc_stamp(f.since)
        if f.until is not None:
            clauses.append("recorded_at < :until")
            params["until"] = utc_stamp(f.until)
        where = " AND ".join(clauses)
        with self.engine.connect() as conn:
            total = conn.execute(text(f"SELECT count(*) FROM audit_log WHERE {where}"), params)
            count = int(total.scalar_one())
            rows = conn.execute(
                text(f"SELECT {COLUMNS} FROM audit_log WHERE {where} "
                     "ORDER BY seq DESC LIMIT :limit OFFSET :offset"),
                {**params, "limit": limit, "offset": offset},
            ).all()
        return AuditPage([AuditEntry(*row) for row in rows], count, offset, limit)

    def distinct_values(self, column: str, limit: int = 500) -> list[str]:
        """Values seen in ``actor``, ``action`` or ``outcome`` (for filter choices)."""
        if column not in ("actor", "action", "outcome"):
            raise ValueError(f"no such column: {column}")
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(f"SELECT DISTINCT {column} FROM audit_log WHERE tenant_id = :t "
                     f"ORDER BY {column} LIMIT :limit"),
                {"t": self.tenant_id, "limit": limit},
            ).all()
        return [str(row[0]) for row in rows]

    def head(self) -> tuple[int, str]:
        """The last entry's (seq, hash); (0, genesis hash) for an empty log."""
        with self.engine.connect() as conn:
            row = conn.execute(
                text("SELECT seq, hash FROM audit_log WHERE tenant_id = :t "
                     "ORDER BY seq DESC LIMIT 1"),
                {"t": self.tenant_id},
            ).first()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)

    def iter_rows(self) -> Iterator[Row]:
        """Every entry in seq order, as verify_rows takes them, streamed."""
        chunks = self._row_chunks()
        try:
            for chunk in chunks:
                yield from chunk
        finally:
            chunks.close()

    def _row_chunks(self) -> Generator[list[Row], None, None]:
        sql = f"SELECT {COLUMNS} FROM audit_log WHERE tenant_id = {self._param} ORDER BY seq"
        with self.engine.connect() as conn:
            if self.postgres:  # a named cursor: rows stream from the server in chunks
                driver: Any = conn.connection.driver_connection
                cursor = driver.cursor(name="webnova_audit_rows")
                cursor.itersize = FETCH_CHUNK
            else:
                cursor = conn.connection.cursor()
            try:
                cursor.execute(sql, (self.tenant_id,))
                while chunk := cursor.fetchmany(FETCH_CHUNK):
                    yield chunk
            finally:
                cursor.close()

    def inspect(self, seq: int) -> EntryInspection | None:
        """Entry ``seq`` checked on its own, and whose key signed it (see audit_inspect)."""
        from app.store.audit_inspect import inspect_entry

        return inspect_entry(self, seq)

    @property
    def signature_check(self) -> PublicKeyCheck:
        return self._check_signature

    # -------------------------------------------------------------- keys
    def public_keys(self) -> dict[str, str]:
        """Every key published in the workspace for this tenant: key id -> public key hex."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT key_id, public_key FROM signing_keys WHERE tenant_id = :t "
                     "ORDER BY created_at, key_id"),
                {"t": self.tenant_id},
            ).all()
        return {str(k): str(v) for k, v in rows}

    def add_key(self, key_id: str, public_key: str, owner: str) -> None:
        """Publish a public key and trust it on this console (the owner's own key)."""
        if key_id_for_safe(public_key) != key_id:
            raise AuditLogError(f"key id {key_id!r} is not the id of that public key")
        with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            conn.execute(
                text("INSERT INTO signing_keys (tenant_id, key_id, public_key, algorithm, owner, "
                     "created_at) VALUES (:t, :k, :p, :a, :o, :c) ON CONFLICT DO NOTHING"),
                {"t": self.tenant_id, "k": key_id, "p": public_key, "a": ALGORITHM,
                 "o": owner, "c": utc_stamp()},
            )
            stored = conn.execute(
                text("SELECT public_key FROM signing_keys WHERE tenant_id = :t AND key_id = :k"),
                {"t": self.tenant_id, "k": key_id},
            ).scalar_one()
        if stored != public_key:
            raise AuditLogError(f"the workspace holds a different public key under id {key_id}")
        if self.memory is not None:
            self.memory.pin_keys({key_id: public_key})

    def trusted_keys(self) -> dict[str, str]:
        """The published keys whose signatures count (see :meth:`verify`)."""
        remembered = self.memory.load() if self.memory is not None else None
        return _trusted(self.public_keys(), remembered)

    def trust_key(self, key_id: str) -> str:
        """Trust a key published in the workspace (after its fingerprint was compared with
        the owner's); returns its public key."""
        public = self.public_keys().get(key_id)
        if public is None:
            raise AuditLogError(f"the workspace holds no signing key {key_id!r}")
        if key_id_for_safe(public) != key_id:
            raise AuditLogError(f"the public key stored under id {key_id} is a different key")
        if self.memory is None:
            raise AuditLogError("this audit log has no memory to keep trusted keys in")
        self.memory.pin_keys({key_id: public})
        return public

    # -------------------------------------------------------------- verifying
    def verify(self) -> VerificationResult:
        """Recompute the chain and the signatures; names the first broken entry.

        A signature counts when its key is published in the workspace, matches its id and,
        once this console has pinned keys for the log, is one of them. The first successful
        verification here pins the keys the workspace holds; the head verified is remembered.
        """
        remembered = self.memory.load() if self.memory is not None else None
        published = self.public_keys()
        trusted = _trusted(published, remembered)
        check = _SignatureCheck(published, trusted, self._check_signature)
        expected = remembered.head if remembered is not None else None
        authority = self.key_authority() if self.key_authority is not None else None
        chunks = self._row_chunks()
        try:
            result = verify_rows(chain.from_iterable(chunks), check, expected,
                                 authority.check if authority is not None else None)
        finally:
            chunks.close()
        if not result.ok:
            # The callback ends verification the first time it refuses, so its reason is
            # about the entry named.
            return replace(result, reason=check.failure) if check.failure else result
        if self.memory is not None and remembered is not None:
            if remembered.keys is None:
                self.memory.pin_keys(trusted)
            if result.head_seq > 0:
                self.memory.remember_head(result.head_seq, result.head_hash)
        return result

    # -------------------------------------------------------------- exporting
    def export_jsonl(self, target: Path | TextIO) -> int:
        """A header line with the trusted public keys, then one JSON object per entry.
        A file appears complete or not at all. Returns the number of entries."""
        if isinstance(target, Path):
            with atomic_text_file(target) as handle:
                return self._write_export(handle)
        return self._write_export(target)

    def _write_export(self, out: TextIO) -> int:
        header: dict[str, Any] = {"webnova_audit_export": 1, "tenant_id": self.tenant_id,
                                  "public_keys": self.trusted_keys()}
        if self.key_authority is not None:  # whose key is whose, and when
            header["webnova_audit_export"] = 2
            header["signers"] = self.key_authority().to_json()
        out.write(_dumps(header) + "\n")
        count = 0
        for row in self.iter_rows():
            out.write(_dumps(AuditEntry(*row).to_json()) + "\n")
            count += 1
        return count


def _trusted(published: dict[str, str], remembered: RememberedLog | None) -> dict[str, str]:
    genuine = {k: v for k, v in published.items() if key_id_for_safe(v) == k}
    if remembered is None or remembered.keys is None:
        return genuine
    pinned = remembered.keys
    return {k: v for k, v in genuine.items() if pinned.get(k) == v}


def _row(entry: AuditEntry) -> tuple[Any, ...]:
    return (entry.seq, entry.tenant_id, entry.recorded_at, entry.actor, entry.action,
            entry.subject, entry.payload_hash, entry.outcome, entry.prev_hash, entry.hash,
            entry.signature, entry.key_id)
