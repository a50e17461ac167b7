"""``webnova audit verify|export|list|trust-key`` and the entries commands leave behind."""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from app.cli.audit_cmds import command_arguments
from app.store.audit_log import SqlAuditLog
from tests.cli.conftest import Run, event
from tests.store.test_audit_contract import run_script
from tests.support.pgserver import PgServer

BatchFile = Callable[[list[Any]], Path]


@pytest.fixture(autouse=True)
def _console_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBNOVA_USER", "owner-1")


def tamper_sqlite(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        for statement in statements:
            conn.execute(statement)


def test_changing_commands_are_recorded_and_reading_ones_are_not(
    webnova: Run, batch_file: BatchFile
) -> None:
    assert webnova("events", "append", str(batch_file([event(1)]))).code == 0
    assert webnova("events", "tail").code == 0
    bad = webnova("events", "append", str(batch_file([event(1, tenant="")])))
    assert bad.code == 1
    listed = webnova("audit", "list", "--json")
    assert listed.code == 0, listed.err
    page = listed.json()
    assert page["total"] == 2
    newest, oldest = page["entries"]
    assert (oldest["seq"], oldest["actor"], oldest["action"], oldest["outcome"]) == (
        1, "owner-1", "cli.events.append", "ok")
    assert oldest["subject"].endswith("batch-0.json")
    assert (newest["seq"], newest["outcome"], newest["prev_hash"]) == (2, "failed", oldest["hash"])
    assert oldest["tenant_id"] == "default"

    table = webnova("audit", "list").out.splitlines()
    assert table[0].split() == ["SEQ", "TIME", "(UTC)", "ACTOR", "ACTION", "SUBJECT", "OUTCOME",
                                "SIGNED", "BY"]
    assert [line.split()[0] for line in table[1:]] == ["2", "1"]
    only_failed = webnova("audit", "list", "--json", "--outcome", "failed").json()
    assert [e["seq"] for e in only_failed["entries"]] == [2]
    assert webnova("audit", "list", "--json", "--actor", "nobody").json()["total"] == 0
    assert webnova("audit", "list", "--action", "nothing").out.strip() == (
        "no audit entries in workspace 'local' match")
    paged = webnova("audit", "list", "--limit", "1")
    assert "1 of 2 entries shown" in paged.err


def test_a_command_failing_before_the_workspace_exists_records_nothing(
    webnova: Run, tmp_path: Path, local_db: Path
) -> None:
    missing = webnova("events", "append", str(tmp_path / "missing.json"))
    assert missing.code == 1
    assert not local_db.exists()


def test_verify_names_the_first_broken_entry(
    webnova: Run, batch_file: BatchFile, local_db: Path
) -> None:
    for n in range(4):
        assert webnova("events", "append", str(batch_file([event(n)]))).code == 0
    ok = webnova("audit", "verify")
    assert (ok.code, ok.out.strip()[:34]) == (0, "audit chain intact: 4 entries, hea")
    report = webnova("audit", "verify", "--json").json()
    assert (report["ok"], report["checked"], report["head_seq"]) == (True, 4, 4)

    tamper_sqlite(local_db, "UPDATE audit_log SET outcome = 'ok!' WHERE seq = 3")
    broken = webnova("audit", "verify")
    assert broken.code == 1
    assert broken.out.strip() == (
        "audit chain broken at entry 3: its content does not match its hash (edited)")
    report = webnova("audit", "verify", "--json").json()
    assert (report["ok"], report["first_broken_seq"], report["head_seq"]) == (False, 3, None)


def test_verify_names_a_cut_tail(webnova: Run, batch_file: BatchFile, local_db: Path) -> None:
    for n in range(5):
        assert webnova("events", "append", str(batch_file([event(n)]))).code == 0
    assert webnova("audit", "verify").code == 0
    tamper_sqlite(local_db, "DELETE FROM audit_log WHERE seq >= 4")
    broken = webnova("audit", "verify")
    assert (broken.code, broken.out.strip()) == (1, (
        "audit chain broken at entry 4: the chain ends at entry 3 but entry 5 was seen before "
        "(entries were removed from the end)"))


def test_export_is_verified_without_the_console(
    webnova: Run, batch_file: BatchFile, tmp_path: Path
) -> None:
    for n in range(3):
        assert webnova("events", "append", str(batch_file([event(n)]))).code == 0
    out = tmp_path / "audit.jsonl"
    exported = webnova("audit", "export", "--out", str(out))
    assert exported.code == 0, exported.err
    assert exported.out.strip() == f"exported 3 audit entries of workspace 'local' to {out}"
    result = run_script(out)
    assert (result.returncode, result.stdout.strip()) == (0, "audit chain intact: 3 entries")

    streamed = webnova("audit", "export")
    assert streamed.code == 0
    assert streamed.out == out.read_text(encoding="utf-8")
    header = json.loads(streamed.out.splitlines()[0])
    assert header == {"webnova_audit_export": 2, "tenant_id": "default", "public_keys": {},
                      "signers": {"keys": {}, "workspace_keys_until": None}}

    unwritable = webnova("audit", "export", "--out", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert unwritable.code == 1
    assert unwritable.error.startswith("error: cannot write ")


def test_usage_errors_and_unknown_keys(webnova: Run, batch_file: BatchFile) -> None:
    assert webnova("audit", "list", "--limit", "0").code == 2
    assert webnova("audit", "list", "--offset", "x").code == 2
    assert webnova("audit").code == 2
    webnova("events", "append", str(batch_file([event(1)])))
    unknown = webnova("audit", "trust-key", "0123456789abcdef")
    assert unknown.code == 1
    assert unknown.error == "error: the workspace holds no signing key '0123456789abcdef'"
    recorded = webnova("audit", "list", "--json", "--action", "cli.audit.trust-key").json()
    assert [(e["subject"], e["outcome"]) for e in recorded["entries"]] == [
        ("0123456789abcdef", "failed")]


def test_a_lost_audit_entry_is_reported_but_does_not_fail_the_command(
    webnova: Run, batch_file: BatchFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    webnova("events", "append", str(batch_file([event(0)])))

    def refuse(self: SqlAuditLog, records: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(SqlAuditLog, "append_many", refuse)
    result = webnova("events", "append", str(batch_file([event(1)])))
    assert result.code == 0
    assert "note: the audit log could not record this command (OSError: disk full)" in result.err


def test_recorded_arguments_hold_no_secrets() -> None:
    ns = argparse.Namespace(
        command="workspace", action="add", handler=print, json=True, name="pg",
        url="postgresql://u:Sup3r-Secret-Pw@db/x", password_stdin=True, out=Path("/tmp/x"),
        limit=5, tags=["a"],
    )
    arguments = command_arguments(ns)
    assert arguments == {"name": "pg", "url": "postgresql://u:***@db/x", "out": "/tmp/x",
                         "limit": 5, "tags": "['a']"}


@pytest.mark.postgres
def test_a_postgres_workspace(
    webnova: Run, pg_server: PgServer, pg_database: str, pg_url: str, batch_file: BatchFile,
    tmp_path: Path,
) -> None:
    assert webnova("workspace", "add", "pg", pg_url, "--tenant", "t1").code == 0
    assert webnova("db", "upgrade", "--workspace", "pg").code == 0
    assert webnova("events", "append", str(batch_file([event(1)])), "--workspace", "pg").code == 0
    page = webnova("audit", "list", "--workspace", "pg", "--json").json()
    assert [(e["seq"], e["action"], e["tenant_id"]) for e in page["entries"]] == [
        (2, "cli.events.append", "t1"), (1, "cli.db.upgrade", "t1")]
    assert webnova("audit", "verify", "--workspace", "pg").code == 0
    conninfo = pg_server.admin_conninfo.replace("dbname=postgres", f"dbname={pg_database}")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
        conn.execute("UPDATE audit_log SET subject = 'elsewhere' WHERE seq = 1")
        conn.execute("ALTER TABLE audit_log ENABLE TRIGGER USER")
    broken = webnova("audit", "verify", "--workspace", "pg", "--json")
    assert broken.code == 1
    assert broken.json()["message"] == (
        "audit chain broken at entry 1: its content does not match its hash (edited)")
    out = tmp_path / "pg.jsonl"
    assert webnova("audit", "export", "--workspace", "pg", "--out", str(out)).code == 0
    assert run_script(out).stdout.strip() == (
        "audit chain broken at entry 1: its content does not match its hash (edited)")


def test_a_command_waiting_for_approval_is_recorded_as_pending(webnova: Run) -> None:
    assert webnova("users", "list").code == 0  # owner-1 becomes the root owner
    assert webnova("users", "add", "op", "--name", "Omar", "--role", "OPERATOR").code == 0
    waiting = webnova("users", "ban", "op", "--reason", "shared credentials", "--json")
    assert waiting.code == 3, waiting.err
    entries = webnova("audit", "list", "--json", "--action", "cli.users.ban").json()["entries"]
    assert [(e["action"], e["outcome"]) for e in entries] == [("cli.users.ban", "pending")]
    pending = webnova("audit", "list", "--outcome", "pending").out
    assert "cli.users.ban" in pending and "approval.request" in pending
    assert "cli.users.ban" not in webnova("audit", "list", "--outcome", "failed").out
    verified = webnova("audit", "verify", "--json")
    assert verified.code == 0 and verified.json()["ok"], verified.out
