"""The audit-log contract on a SQLite file, plus SQLite's append-only triggers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from app.store.audit_log import AuditLogError, AuditMemory, SqlAuditLog
from app.store.engine import create_workspace_engine
from app.store.migrations import upgrade
from tests.store.audit_inspect_contract import AuditInspectContract
from tests.store.test_audit_contract import TENANT, AuditLogContract, Tamper, rec

TRIGGERS = [
    (f"{table}_no_{op.lower()}", op, table)
    for table in ("audit_log", "signing_keys")
    for op in ("UPDATE", "DELETE")
]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_workspace_engine(f"sqlite:///{tmp_path / 'workspace.sqlite3'}")
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def tamper(engine: Engine) -> Tamper:
    """Whoever holds the file can drop the triggers, rewrite rows and put the triggers back."""

    def run(*steps: Any) -> None:
        with engine.begin() as conn:
            for name, _op, _table in TRIGGERS:
                conn.execute(text(f"DROP TRIGGER {name}"))
            for sql, params in zip(steps[::2], steps[1::2], strict=True):
                conn.execute(text(sql), params)
            for name, op, table in TRIGGERS:
                conn.execute(text(
                    f"CREATE TRIGGER {name} BEFORE {op} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"))

    return run


class TestSqliteAuditLog(AuditLogContract):
    pass


class TestSqliteAuditInspect(AuditInspectContract):
    pass


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor = 'mallory'",
    "DELETE FROM audit_log",
    "UPDATE signing_keys SET owner = 'mallory'",
    "DELETE FROM signing_keys",
])
def test_triggers_refuse_rewriting(engine: Engine, statement: str) -> None:
    log = SqlAuditLog(engine, TENANT)
    log.append(rec(1))
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO signing_keys VALUES ('acme', 'k', 'p', 'ed25519', 'root', 'now')"))
    with pytest.raises(IntegrityError, match="audit log is append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert log.verify().ok
    assert log.entries().total == 1


@pytest.mark.parametrize("content", ["{not json", '{"logs": []}', '{"logs": {"s": {"head": "x"}}}'])
def test_a_damaged_memory_file_is_named_not_ignored(engine: Engine, tmp_path: Path,
                                                     content: str) -> None:
    path = tmp_path / "audit-memory.json"
    log = SqlAuditLog(engine, TENANT, memory=AuditMemory(path, "s"))
    log.append(rec(1))
    path.write_text(content, encoding="utf-8")
    log.append(rec(2))  # the entry is stored; only the memory could not follow
    with pytest.raises(AuditLogError, match=r"audit-memory\.json"):
        log.verify()
    assert log.entries().total == 2
