"""One audit entry checked on its own: does its content match its hash, does it link to the
entry before it, and does its signature verify with a key that was its actor's at the time.

The same tests as :func:`app.domain.governance.audit.verify_rows` runs over the whole chain,
for the Audit pane's detail view, which shows one entry. The answer is coded (an enum per
test), so the console can say it in the owner's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.governance.audit import (
    GENESIS_HASH,
    AuditEntry,
    SignatureCheck,
    SignerCheck,
    entry_hash,
    signing_bytes,
)


class LinkState(StrEnum):
    LINKED = "linked"  # its previous-hash is the hash of the entry before it (or genesis)
    BROKEN = "broken"  # its previous-hash is not
    MISSING = "missing"  # the entry before it is not in the log


class SignatureState(StrEnum):
    UNSIGNED = "unsigned"
    VALID = "valid"  # verifies with a trusted key that was the actor's at the entry's time
    INVALID = "invalid"  # the signature does not verify over the entry's signed fields
    UNKNOWN_KEY = "unknown_key"  # no trusted key with that id
    WRONG_SIGNER = "wrong_signer"  # a genuine signature, but not with a key of the actor then


@dataclass(frozen=True)
class EntryCheck:
    hash_ok: bool
    link: LinkState
    signature: SignatureState
    signer_problem: str | None = None  # the key authority's reason, for WRONG_SIGNER

    @property
    def ok(self) -> bool:
        return (self.hash_ok and self.link is LinkState.LINKED
                and self.signature in (SignatureState.UNSIGNED, SignatureState.VALID))


@dataclass(frozen=True)
class EntryInspection:
    """An entry, how it checks, and whom its signing key belongs to (None: unsigned, or a
    key nobody is registered for)."""

    entry: AuditEntry
    check: EntryCheck
    signer: str | None = None


def check_entry(entry: AuditEntry, previous: AuditEntry | None,
                check_signature: SignatureCheck | None = None,
                check_signer: SignerCheck | None = None,
                known_key: bool = True) -> EntryCheck:
    """Check ``entry`` against ``previous`` (the entry with seq - 1, None if there is none).
    ``known_key`` False: no trusted key has the entry's key id."""
    own = entry_hash(entry.seq, entry.tenant_id, entry.recorded_at, entry.actor, entry.action,
                     entry.subject, entry.payload_hash, entry.outcome, entry.prev_hash,
                     entry.signature, entry.key_id)
    if entry.seq == 1:
        link = LinkState.LINKED if entry.prev_hash == GENESIS_HASH else LinkState.BROKEN
    elif previous is None or previous.seq != entry.seq - 1:
        link = LinkState.MISSING
    else:
        link = LinkState.LINKED if entry.prev_hash == previous.hash else LinkState.BROKEN
    signature, problem = _signature_state(entry, check_signature, check_signer, known_key)
    return EntryCheck(own == entry.hash, link, signature, problem)


def _signature_state(entry: AuditEntry, check_signature: SignatureCheck | None,
                     check_signer: SignerCheck | None,
                     known_key: bool) -> tuple[SignatureState, str | None]:
    if entry.signature is None:
        return SignatureState.UNSIGNED, None
    if entry.key_id is None or check_signature is None or not known_key:
        return SignatureState.UNKNOWN_KEY, None
    message = signing_bytes(entry.tenant_id, entry.actor, entry.action, entry.subject,
                            entry.payload_hash, entry.outcome)
    if not check_signature(entry.key_id, entry.signature, message):
        return SignatureState.INVALID, None
    if check_signer is not None:
        wrong = check_signer(entry.key_id, entry.actor, entry.recorded_at)
        if wrong is not None:
            return SignatureState.WRONG_SIGNER, wrong
    return SignatureState.VALID, None
