"""Findings that have one obvious fix, as the JSON Patch operations that make it.

Compliance checks name the attribute at fault (``.../audit_log``, ``.../storage``); where
the fix is a safe setting (turn on audit logging, encrypt, keep backups) it is proposed.
Where the fix is a decision (which country may hold the data), nothing is proposed.
"""

from __future__ import annotations

from typing import Any

from app.domain.blueprint.findings import Finding, pointer, pointer_parts

FIXES: dict[str, Any] = {
    "audit_log": True,
    "encrypted_at_rest": True,
    "retention_days": 1825,
    "erasure": "anonymise",
    "backups": True,
    "encryption_at_rest": True,
    "storage": "encrypted",
    "indexed": True,
}
RULE_FIXES = {"locale.direction_mismatch", "environment.retention_without_backups"}


def _node(document: dict[str, Any], parts: list[str]) -> Any:
    node: Any = document
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _set(container: dict[str, Any], path: str, attr: str, value: Any) -> dict[str, Any]:
    return {"op": "replace" if attr in container else "add", "path": f"{path}/{attr}", "value": value}


def fix_for(finding: Finding, document: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The operations that resolve ``finding`` in ``document``, or None."""
    parts = pointer_parts(finding.path)
    if finding.code == "locale.direction_mismatch":
        return [{"op": "replace", "path": "/default_direction",
                 "value": "rtl" if document.get("default_locale") == "ar" else "ltr"}]
    if finding.code == "environment.retention_without_backups":
        parts = [*parts[:-1], "backups"]
    if not parts or parts[-1] not in FIXES:
        return None
    attr, base = parts[-1], parts[:-1]
    container = _node(document, base)
    if not isinstance(container, dict):
        return None
    value = FIXES[attr]
    if attr == "storage" and finding.source == "pci_dss":
        value = "provider_token"
    path = pointer(*base)
    ops = [_set(container, path, attr, value)]
    if attr == "backups" and "backup_retention_days" not in container:
        ops.append({"op": "add", "path": f"{path}/backup_retention_days", "value": 30})
    return ops


def fixes_for(findings: list[Finding], document: dict[str, Any]) -> list[dict[str, Any]]:
    """Operations for every finding that has a safe fix, each path changed once."""
    ops: list[dict[str, Any]] = []
    seen: set[str] = set()
    for finding in findings:
        for op in fix_for(finding, document) or []:
            if op["path"] not in seen:
                seen.add(op["path"])
                ops.append(op)
    return ops
