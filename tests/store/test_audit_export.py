"""Exports and the standalone verifier in docs/verify_audit.py, run as a separate process
with ``python -I`` (no site packages from the environment, no console code)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.governance.audit import entry_hash
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.signing import OwnerSigningKey
from app.store.audit_log import AuditMemory, SqlAuditLog
from app.store.engine import create_workspace_engine
from app.store.migrations import upgrade
from tests.store.test_audit_contract import SCRIPT, TENANT, rec, run_script


@pytest.fixture
def audit(tmp_path: Path) -> Iterator[SqlAuditLog]:
    engine = create_workspace_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    upgrade(engine)
    log = SqlAuditLog(engine, TENANT, memory=AuditMemory(tmp_path / "m.json", "s"))
    key = OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), log, "w", TENANT, "root")
    for i in range(1, 9):
        log.append(key.sign_record(rec(i, outcome="approve")) if i in (3, 6) else rec(i))
    try:
        yield log
    finally:
        engine.dispose()


@pytest.fixture
def export(tmp_path: Path, audit: SqlAuditLog) -> Path:
    path = tmp_path / "export.jsonl"
    assert audit.export_jsonl(path) == 8
    return path


def rewrite(path: Path, seq: int, **changes: object) -> None:
    """Change entry ``seq`` in an export, optionally recomputing its hash as a forger would."""
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[seq])
    rehash = bool(changes.pop("rehash", False))
    entry.update(changes)
    if rehash:
        entry["hash"] = entry_hash(entry["seq"], entry["tenant_id"], entry["recorded_at"],
                                   entry["actor"], entry["action"], entry["subject"],
                                   entry["payload_hash"], entry["outcome"], entry["prev_hash"],
                                   entry["signature"], entry["key_id"])
    lines[seq] = json.dumps(entry, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_script_is_short_and_needs_only_the_standard_library() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    assert len(source.splitlines()) < 120
    imports = {line.split()[1].split(".")[0] for line in source.splitlines()
               if line.strip().startswith(("import ", "from "))}
    assert imports == {"argparse", "hashlib", "json", "cryptography"}


def test_an_intact_export_verifies(export: Path, audit: SqlAuditLog) -> None:
    head_seq, head_hash = audit.head()
    result = run_script(export, "--head", f"{head_seq}:{head_hash}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == "audit chain intact: 8 entries"
    assert result.stdout.splitlines()[1].startswith("signatures checked with keys: ")


def test_export_to_a_stream_matches_the_file(export: Path, audit: SqlAuditLog) -> None:
    buffer = io.StringIO()
    assert audit.export_jsonl(buffer) == 8
    assert buffer.getvalue() == export.read_text(encoding="utf-8")


@pytest.mark.parametrize(("seq", "change", "expected"), [
    (5, {"actor": "mallory"}, "broken at entry 5: its content does not match its hash (edited)"),
    (5, {"actor": "mallory", "rehash": True},
     "broken at entry 6: its previous-hash does not match the entry before it"),
    (3, {"signature": "00" * 64, "rehash": True},
     "broken at entry 3: its signature does not verify with key"),
    (3, {"key_id": "0" * 16, "rehash": True},
     "broken at entry 3: it is signed with key 0000000000000000, which the export does not hold"),
])
def test_a_tampered_export_is_named(export: Path, seq: int, change: dict[str, object],
                                    expected: str) -> None:
    rewrite(export, seq, **change)
    result = run_script(export)
    assert result.returncode == 1
    assert result.stdout.startswith(f"audit chain {expected}")


def test_removed_and_reordered_lines_are_named(export: Path) -> None:
    lines = export.read_text(encoding="utf-8").splitlines()
    export.write_text("\n".join([*lines[:4], *lines[5:]]) + "\n", encoding="utf-8")
    assert run_script(export).stdout.strip() == (
        "audit chain broken at entry 4: expected entry 4 next, found 5")
    export.write_text("\n".join([*lines[:4], lines[5], lines[4], *lines[6:]]) + "\n", encoding="utf-8")
    assert run_script(export).stdout.strip() == (
        "audit chain broken at entry 4: expected entry 4 next, found 5")


def test_a_cut_export_is_named_only_against_a_known_head(export: Path, audit: SqlAuditLog) -> None:
    head_seq, head_hash = audit.head()
    lines = export.read_text(encoding="utf-8").splitlines()
    export.write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    assert run_script(export).returncode == 0  # nothing inside the file shows the cut
    result = run_script(export, "--head", f"{head_seq}:{head_hash}")
    assert (result.returncode, result.stdout.strip()) == (
        1, "audit chain broken at entry 6: the export ends at entry 5, before the head 8")


def test_without_cryptography_the_script_says_signatures_were_not_checked(export: Path) -> None:
    runner = ("import runpy, sys; sys.modules['cryptography'] = None; "
              f"sys.argv = ['verify_audit.py', {str(export)!r}]; "
              f"runpy.run_path({str(SCRIPT)!r}, run_name='__main__')")
    result = subprocess.run([sys.executable, "-I", "-c", runner], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "audit chain intact: 8 entries",
        "signatures NOT checked: install the 'cryptography' package to check them",
    ]


def test_something_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    for content in ("", '{"hello": 1}\n', "not json\n"):
        path = tmp_path / "x.jsonl"
        path.write_text(content, encoding="utf-8")
        result = run_script(path)
        assert result.returncode == 1
        assert "cannot read the export" in result.stdout or "not a WebNova audit export" in result.stdout


def test_a_failed_export_leaves_the_previous_file(export: Path, audit: SqlAuditLog,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = export.read_bytes()

    def broken_rows() -> Iterator[tuple[object, ...]]:
        yield next(iter(SqlAuditLog.iter_rows(audit)))
        raise OSError("disk full")

    monkeypatch.setattr(audit, "iter_rows", broken_rows)
    with pytest.raises(OSError, match="disk full"):
        audit.export_jsonl(export)
    assert export.read_bytes() == before
    assert [p.name for p in export.parent.iterdir() if p.name.startswith(".export")] == []
