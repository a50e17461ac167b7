"""The audit chain: each entry holds the previous entry's hash and its own.

The hash covers every field of the entry, including the previous hash and the owner's
signature, so editing, deleting, reordering or inserting an entry breaks the chain at that
entry. Signed entries (the owner's decisions) carry an Ed25519 signature over the decision
itself (``signing_bytes``), verifiable with the owner's public key.

The byte layout is deliberately plain (fields joined by a unit separator, UTF-8) so a
short standalone script can verify an export without the console (docs/verify_audit.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64
SEPARATOR = "\x1f"


def payload_hash(payload: Any) -> str:
    """SHA-256 of the payload's canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def signing_bytes(tenant_id: str, actor: str, action: str, subject: str, payload_digest: str,
                  outcome: str) -> bytes:
    """What the owner signs for a decision: who decided what about which subject."""
    return SEPARATOR.join(
        ("webnova-audit-decision-v1", tenant_id, actor, action, subject, payload_digest, outcome)
    ).encode("utf-8")


@dataclass(frozen=True)
class AuditRecord:
    """An entry to append; the log assigns sequence, time and hashes."""

    tenant_id: str
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]
    outcome: str
    signature: str | None = None  # hex Ed25519 signature over signing_bytes(...)
    key_id: str | None = None  # which public key verifies it

    @property
    def payload_digest(self) -> str:
        return payload_hash(self.payload)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    tenant_id: str
    recorded_at: str  # ISO 8601, UTC, microseconds: part of the hash, so kept as text
    actor: str
    action: str
    subject: str
    payload_hash: str
    outcome: str
    prev_hash: str
    hash: str
    signature: str | None = None
    key_id: str | None = None

    @property
    def recorded_time(self) -> datetime:
        return datetime.fromisoformat(self.recorded_at)

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "tenant_id": self.tenant_id,
            "recorded_at": self.recorded_at,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "payload_hash": self.payload_hash,
            "outcome": self.outcome,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
            "signature": self.signature,
            "key_id": self.key_id,
        }


def entry_hash(seq: int, tenant_id: str, recorded_at: str, actor: str, action: str, subject: str,
               payload_digest: str, outcome: str, prev_hash: str, signature: str | None,
               key_id: str | None) -> str:
    material = SEPARATOR.join((
        str(seq), tenant_id, recorded_at, actor, action, subject, payload_digest, outcome,
        prev_hash, signature or "", key_id or "",
    ))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def seal(record: AuditRecord, seq: int, recorded_at: str, prev_hash: str) -> AuditEntry:
    digest = record.payload_digest
    return AuditEntry(
        seq=seq, tenant_id=record.tenant_id, recorded_at=recorded_at, actor=record.actor,
        action=record.action, subject=record.subject, payload_hash=digest, outcome=record.outcome,
        prev_hash=prev_hash,
        hash=entry_hash(seq, record.tenant_id, recorded_at, record.actor, record.action,
                        record.subject, digest, record.outcome, prev_hash, record.signature,
                        record.key_id),
        signature=record.signature, key_id=record.key_id,
    )


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str | None = None
    head_seq: int = 0
    head_hash: str = GENESIS_HASH

    def describe(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.checked} entries, head {self.head_seq} ({self.head_hash[:12]}…)"
        return f"audit chain broken at entry {self.first_broken_seq}: {self.reason}"


# A verifier of signatures: (key_id, signature hex, message) -> valid?
SignatureCheck = Callable[[str, str, bytes], bool]

# Whose key may sign for whom, when: (key_id, actor, recorded_at) -> None, or why not.
SignerCheck = Callable[[str, str, str], str | None]

Row = tuple[int, str, str, str, str, str, str, str, str, str, str | None, str | None]


def verify_rows(rows: Iterable[Row], check_signature: SignatureCheck | None = None,
                expected_head: tuple[int, str] | None = None,
                check_signer: SignerCheck | None = None) -> VerificationResult:
    """Recompute the chain over rows ordered by seq:
    (seq, tenant, recorded_at, actor, action, subject, payload_hash, outcome, prev_hash, hash,
    signature, key_id). Names the first entry that does not verify. ``check_signer`` says
    whether a signature's key belonged to the entry's actor at the entry's time."""
    # The loop runs once per entry of logs with millions of them: names are local, and the
    # count of verified entries is expected_seq - 1 rather than a separate counter.
    sha256 = hashlib.sha256
    sep = SEPARATOR
    head_seq, head_hash = expected_head if expected_head is not None else (-1, "")
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for seq, tenant, at, actor, action, subject, digest, outcome, prev, own, signature, key_id in rows:
        if seq != expected_seq:
            reason = (f"expected entry {expected_seq} next, found {seq}" if seq > expected_seq
                      else f"entry {seq} is out of order or repeated")
            return VerificationResult(False, expected_seq - 1, min(seq, expected_seq), reason)
        if prev != expected_prev:
            return VerificationResult(False, seq - 1, seq,
                                      "its previous-hash does not match the entry before it")
        if sha256(sep.join((str(seq), tenant, at, actor, action, subject, digest, outcome, prev,
                            signature or "", key_id or "")).encode()).hexdigest() != own:
            return VerificationResult(False, seq - 1, seq, "its content does not match its hash (edited)")
        if signature is not None:
            if check_signature is None or key_id is None:
                return VerificationResult(False, seq - 1, seq, "it is signed but no key can verify it")
            message = signing_bytes(tenant, actor, action, subject, digest, outcome)
            if not check_signature(key_id, signature, message):
                return VerificationResult(False, seq - 1, seq,
                                          f"its signature does not verify with key {key_id}")
            if check_signer is not None:
                wrong = check_signer(key_id, actor, at)
                if wrong is not None:
                    return VerificationResult(False, seq - 1, seq, wrong)
        if seq == head_seq and own != head_hash:
            return VerificationResult(
                False, seq - 1, seq,
                "it differs from the entry seen here before (the chain was rewritten from here)")
        expected_prev = own
        expected_seq += 1
    count = expected_seq - 1
    if head_seq > count:
        return VerificationResult(
            False, count, count + 1,
            f"the chain ends at entry {count} but entry {head_seq} was seen before "
            "(entries were removed from the end)", count, expected_prev)
    return VerificationResult(True, count, None, None, count, expected_prev)
