"""One entry of a workspace's audit log, read with the entry before it and checked on its
own, for the Audit pane's detail view (the whole chain is :meth:`SqlAuditLog.verify`)."""

from __future__ import annotations

from sqlalchemy import text

from app.domain.governance.audit import AuditEntry
from app.domain.governance.audit_check import EntryInspection, check_entry
from app.store.audit_log import COLUMNS, SqlAuditLog


def inspect_entry(log: SqlAuditLog, seq: int) -> EntryInspection | None:
    """Entry ``seq``: does its content match its hash, does it link to the entry before it,
    does its signature verify with a key this console trusts that was its actor's at its
    time, and whose key it is. None when the log has no such entry."""
    owner = None
    with log.engine.connect() as conn:
        rows = conn.execute(
            text(f"SELECT {COLUMNS} FROM audit_log WHERE tenant_id = :t "
                 "AND seq IN (:before, :seq) ORDER BY seq"),
            {"t": log.tenant_id, "before": seq - 1, "seq": seq},
        ).all()
        found = {int(row[0]): AuditEntry(*row) for row in rows}
        entry = found.get(seq)
        if entry is not None and entry.key_id is not None:
            owner = conn.execute(
                text("SELECT owner FROM signing_keys WHERE tenant_id = :t AND key_id = :k"),
                {"t": log.tenant_id, "k": entry.key_id},
            ).scalar()
    if entry is None:
        return None
    trusted = log.trusted_keys()
    authority = log.key_authority() if log.key_authority is not None else None

    def check(key_id: str, signature: str, message: bytes) -> bool:
        return log.signature_check(trusted[key_id], signature, message)

    checked = check_entry(entry, found.get(seq - 1), check,
                          authority.check if authority is not None else None,
                          known_key=entry.key_id in trusted)
    registered = authority.keys.get(entry.key_id or "") if authority is not None else None
    signer = registered.user_id if registered is not None else owner
    return EntryInspection(entry, checked, str(signer) if signer is not None else None)
