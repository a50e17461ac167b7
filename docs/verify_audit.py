#!/usr/bin/env python3
"""Verify a WebNova audit export (``webnova audit export``) without the console.

    python3 verify_audit.py EXPORT.jsonl [--head SEQ:HASH]

Recomputes every entry's hash and link and checks Ed25519 signatures with the public keys
in the export's first line (with the ``cryptography`` package; without it the script says
signatures were NOT checked). A version 2 export says whose key is whose ("signers"): a vote
verifies only with its caster's key while in force; a legacy workspace key only before
per-owner keys began. ``--head`` demands that the export reach entry SEQ with hash
HASH, as ``webnova audit verify`` last reported. Exit 0 intact, 1 broken or unreadable.
"""

import argparse
import hashlib
import json

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError:
    Ed25519PublicKey = None

SEP = "\x1f"
FIELDS = ("seq", "tenant_id", "recorded_at", "actor", "action", "subject", "payload_hash", "outcome", "prev_hash")


def signature_ok(public_hex, signature_hex, entry):
    message = SEP.join(["webnova-audit-decision-v1", entry["tenant_id"], entry["actor"],
                        entry["action"], entry["subject"], entry["payload_hash"], entry["outcome"]])
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(signature_hex), message.encode("utf-8"))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def signer_problem(signers, e):  # times are UTC ISO text of one format, so they sort as text
    key_id, actor, at = e["key_id"], e["actor"], e["recorded_at"]
    key = (signers.get("keys") or {}).get(key_id) if signers is not None else None
    until = signers and signers.get("workspace_keys_until")
    if key is None and until and at >= until:
        return f"it is signed with the workspace key {key_id}, which signs nothing recorded after per-owner keys began ({until})"
    if key is not None and key["user"] != actor:
        return f"it is a decision of {actor!r} signed with key {key_id} of {key['user']!r}"
    if key is not None and key.get("retired_at") and at >= key["retired_at"]:
        how = "revoked" if key.get("revoked") else "rotated"
        return f"it is signed with key {key_id} of {key['user']!r} after it was {how} at {key['retired_at']}"
    return None


def verify(lines, head):  # -> (problem or None, entries checked, key ids that signed)
    header = json.loads(next(lines))
    version = header.get("webnova_audit_export")
    if version not in (1, 2) or (version == 2 and not isinstance(header.get("signers"), dict)):
        return "is unreadable: the first line is not a WebNova audit export header", 0, set()
    keys = header.get("public_keys") or {}
    signers = header.get("signers") if version == 2 else None
    prev, expected, used = "0" * 64, 1, set()
    for line in lines:
        e = json.loads(line)
        seq, key_id, signature = e["seq"], e["key_id"], e["signature"]
        material = SEP.join([str(e[f]) for f in FIELDS] + [signature or "", key_id or ""])
        problem = None
        if seq != expected:
            problem = f"expected entry {expected} next, found {seq}"
            seq = min(seq, expected)
        elif e["prev_hash"] != prev:
            problem = "its previous-hash does not match the entry before it"
        elif hashlib.sha256(material.encode("utf-8")).hexdigest() != e["hash"]:
            problem = "its content does not match its hash (edited)"
        elif signature is not None and key_id not in keys:
            problem = f"it is signed with key {key_id}, which the export does not hold"
        elif signature is not None and Ed25519PublicKey and not signature_ok(keys[key_id], signature, e):
            problem = f"its signature does not verify with key {key_id}"
        elif signature is not None and signer_problem(signers, e):
            problem = signer_problem(signers, e)
        elif head and seq == head[0] and e["hash"] != head[1]:
            problem = "it differs from the head given with --head"
        if problem:
            return f"broken at entry {seq}: {problem}", expected - 1, used
        if signature is not None:
            used.add(key_id)
        prev, expected = e["hash"], seq + 1
    if head and head[0] > expected - 1:
        return (f"broken at entry {expected}: the export ends at entry {expected - 1}, before "
                f"the head {head[0]}"), expected - 1, used
    return None, expected - 1, used


def main():
    parser = argparse.ArgumentParser(description="Verify a WebNova audit export.")
    parser.add_argument("export", help="the .jsonl file written by 'webnova audit export'")
    parser.add_argument("--head", help="SEQ:HASH the chain must reach ('webnova audit verify')")
    args = parser.parse_args()
    head = None
    if args.head:
        seq, _, digest = args.head.partition(":")
        head = (int(seq), digest)
    try:
        with open(args.export, encoding="utf-8") as handle:
            problem, checked, used = verify(iter(handle), head)
    except (OSError, ValueError, KeyError, TypeError, StopIteration) as exc:
        print(f"cannot read the export: {type(exc).__name__}: {exc}")
        return 1
    if problem:
        print(f"audit chain {problem}")
        return 1
    print(f"audit chain intact: {checked} entries")
    if used and Ed25519PublicKey is None:
        print("signatures NOT checked: install the 'cryptography' package to check them")
    elif used:
        print("signatures checked with keys: " + ", ".join(sorted(used)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
