"""One audit entry checked on its own: hash, link to the entry before it, signature and
signer, each with its own answer."""

from __future__ import annotations

from dataclasses import replace

from app.domain.governance.audit import GENESIS_HASH, AuditEntry, AuditRecord, seal, signing_bytes
from app.domain.governance.audit_check import LinkState, SignatureState, check_entry

AT = "2026-11-26T09:00:00.000000+00:00"


def chain() -> tuple[AuditEntry, AuditEntry]:
    first = seal(AuditRecord("acme", "admin", "approval.request", "r1", {"why": "x"}, "pending"),
                 1, AT, GENESIS_HASH)
    signed = seal(AuditRecord("acme", "root", "approval.approve", "r1", {"reason": "ok"},
                              "approve", "ab" * 64, "k1"), 2, AT, first.hash)
    return first, signed


def good_signature(key_id: str, signature: str, message: bytes) -> bool:
    return key_id == "k1" and signature == "ab" * 64 and message == signing_bytes(
        "acme", "root", "approval.approve", "r1", chain()[1].payload_hash, "approve")


def test_an_intact_signed_entry_verifies() -> None:
    first, signed = chain()
    check = check_entry(signed, first, good_signature, lambda *_: None)
    assert (check.hash_ok, check.link, check.signature, check.ok) == (
        True, LinkState.LINKED, SignatureState.VALID, True)
    opening = check_entry(first, None, good_signature)
    assert (opening.link, opening.signature, opening.ok) == (
        LinkState.LINKED, SignatureState.UNSIGNED, True)


def test_each_broken_part_is_named() -> None:
    first, signed = chain()
    edited = replace(signed, outcome="reject")
    check = check_entry(edited, first, good_signature)
    assert (check.hash_ok, check.signature, check.ok) == (False, SignatureState.INVALID, False)
    assert check_entry(signed, replace(first, hash="cd" * 32), good_signature).link is LinkState.BROKEN
    assert check_entry(signed, None, good_signature).link is LinkState.MISSING
    assert check_entry(replace(first, prev_hash="ef" * 32), None).link is LinkState.BROKEN
    assert check_entry(signed, first, good_signature, known_key=False).signature is (
        SignatureState.UNKNOWN_KEY)
    assert check_entry(signed, first, None).signature is SignatureState.UNKNOWN_KEY
    wrong = check_entry(signed, first, good_signature, lambda *_: "a key of 'mallory'")
    assert (wrong.signature, wrong.signer_problem, wrong.ok) == (
        SignatureState.WRONG_SIGNER, "a key of 'mallory'", False)
