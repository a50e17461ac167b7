"""Audit-log verification on PostgreSQL: ours against the floor, in the same run.

Run from the repository root::

    python -m benchmarks.audit                     # 1,000,000 entries
    python -m benchmarks.audit --entries 100000    # a quicker check
    python -m benchmarks.audit --json              # the report as JSON on stdout

A throwaway PostgreSQL server is started, ``audit_log`` is filled with N valid chained
entries (sealed in Python, loaded with COPY; every ``--signed-every``-th entry is a decision
signed with an Ed25519 owner key), then two contenders read the same rows, connected as the
application role (a login role IN ROLE webnova_app, row-level security in force):

* ours: ``SqlAuditLog.verify()``: links, hashes, signatures, the remembered head;
* the floor: a raw psycopg server-side cursor over the same rows feeding a bare hashlib
  SHA-256 chain (each row's hash material hashed and compared, its link compared, nothing
  else), fetching in chunks of the same size.

Each contender runs ``--repeats`` times, interleaved, order alternating; the best run
counts. The target: ours at least 0.7x the floor's entries per second. Progress goes to
stderr, the report to stdout; the exit status is 0 whether the target is met or not.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from app.domain.governance.audit import GENESIS_HASH, SEPARATOR, AuditRecord, seal
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.signing import OwnerSigningKey
from app.store.audit_log import COLUMNS, FETCH_CHUNK, AuditMemory, SqlAuditLog
from app.store.engine import create_workspace_engine
from app.store.migrations import upgrade
from tests.support.pgserver import PgServer, start_server

TENANT = "tenant-bench"
TARGET = 0.7
DATABASE = "audit_bench"
APP_PASSWORD = "bench-app-pass"
ACTIONS = ("cli.events.append", "blueprint.save", "deploy.plan", "users.add", "cli.db.upgrade")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Contender:
    name: str
    runs_s: list[float] = field(default_factory=list)

    @property
    def best_s(self) -> float:
        return min(self.runs_s)


# ---------------------------------------------------------------------------- loading
def load(server: PgServer, entries: int, signed_every: int) -> tuple[int, str]:
    """Fill audit_log with ``entries`` chained entries; returns (signed count, head hash)."""
    engine = create_workspace_engine(server.url(DATABASE))
    try:
        upgrade(engine)
        owner = OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), SqlAuditLog(engine, TENANT),
                                "bench", TENANT, "owner")
        owner.key_id  # noqa: B018 - creates and publishes the key
    finally:
        engine.dispose()
    conninfo = server.admin_conninfo.replace("dbname=postgres", f"dbname={DATABASE}")
    prev, signed, stamp = GENESIS_HASH, 0, "2026-11-27T09:00:00.000000+00:00"
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        with cursor.copy(f"COPY audit_log ({COLUMNS}) FROM STDIN") as copy:
            for seq in range(1, entries + 1):
                record = AuditRecord(TENANT, f"user-{seq % 17}", ACTIONS[seq % len(ACTIONS)],
                                     f"platform:clinic-{seq % 1000}", {"n": seq, "region": "fsn1"},
                                     "ok")
                if signed_every and seq % signed_every == 0:
                    record = owner.sign_record(record)
                    signed += 1
                entry = seal(record, seq, stamp, prev)
                copy.write_row(tuple(entry.to_json().values()))
                prev = entry.hash
                if seq % 200_000 == 0:
                    progress(f"  loaded {seq:,} entries")
        conn.commit()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) audit_log")
    return signed, prev


# ---------------------------------------------------------------------------- contenders
def run_ours(server: PgServer, role: str, memory: AuditMemory, entries: int) -> float:
    engine = create_workspace_engine(server.url(DATABASE, user=role, password=APP_PASSWORD),
                                     tenant_id=TENANT)
    try:
        log = SqlAuditLog(engine, TENANT, memory=memory)
        with engine.connect():  # the pool's first connection is not part of the work
            pass
        gc.collect()
        started = time.perf_counter()
        result = log.verify()
        elapsed = time.perf_counter() - started
    finally:
        engine.dispose()
    if not result.ok or result.checked != entries:
        raise SystemExit(f"our verification failed: {result.describe()}")
    return elapsed


def run_floor(server: PgServer, role: str, entries: int) -> float:
    conninfo = (f"host=127.0.0.1 port={server.port} dbname={DATABASE} user={role} "
                f"password={APP_PASSWORD}")
    sha256, sep = hashlib.sha256, SEPARATOR
    with psycopg.connect(conninfo) as conn:
        conn.execute("SELECT set_config('webnova.tenant_id', %s, false)", (TENANT,))
        conn.commit()
        gc.collect()
        started = time.perf_counter()
        prev, count = GENESIS_HASH, 0
        with conn.cursor(name="floor") as cursor:
            cursor.itersize = FETCH_CHUNK
            cursor.execute(f"SELECT {COLUMNS} FROM audit_log WHERE tenant_id = %s ORDER BY seq",
                           (TENANT,))
            while chunk := cursor.fetchmany(FETCH_CHUNK):
                for seq, tenant, at, actor, action, subject, digest, outcome, link, own, sig, key in chunk:
                    material = sep.join((str(seq), tenant, at, actor, action, subject, digest,
                                         outcome, link, sig or "", key or ""))
                    if link != prev or sha256(material.encode()).hexdigest() != own:
                        raise SystemExit(f"floor: chain broken at {seq}")
                    prev = own
                    count += 1
        elapsed = time.perf_counter() - started
    if count != entries:
        raise SystemExit(f"floor read {count} entries, expected {entries}")
    return elapsed


# ---------------------------------------------------------------------------- report
def report(entries: int, signed: int, version: str, ours: Contender, floor: Contender,
           load_s: float) -> dict[str, Any]:
    ours_rate, floor_rate = entries / ours.best_s, entries / floor.best_s
    ratio = ours_rate / floor_rate
    return {
        "entries": entries, "signed_entries": signed, "server": version,
        "fetch_chunk": FETCH_CHUNK, "load_s": round(load_s, 2),
        "contenders": [
            {"name": c.name, "runs_s": [round(r, 3) for r in c.runs_s],
             "best_s": round(c.best_s, 3), "entries_per_s": round(entries / c.best_s)}
            for c in (ours, floor)
        ],
        "ratio": round(ratio, 3), "target": TARGET, "pass": ratio >= TARGET,
        "ours_per_s": round(ours_rate), "floor_per_s": round(floor_rate),
    }


def render(result: dict[str, Any]) -> str:
    lines = [
        f"audit verification, PostgreSQL: {result['entries']:,} entries "
        f"({result['signed_entries']:,} signed), server {result['server']}",
        f"loaded in {result['load_s']} s; both read as the application role, "
        f"{result['fetch_chunk']:,} rows per fetch; best of {len(result['contenders'][0]['runs_s'])}",
        "",
        f"{'contender':<58}{'entries/s':>12}{'best s':>9}",
        "-" * 79,
    ]
    for c in result["contenders"]:
        lines.append(f"{c['name']:<58}{c['entries_per_s']:>12,}{c['best_s']:>9.3f}")
    verdict = "PASS" if result["pass"] else "MISS"
    lines += ["", f"ours / floor = {result['ratio']:.2f}x (target >= {TARGET}x): {verdict}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.audit",
                                     description="Audit-log verification: ours vs the floor.")
    parser.add_argument("--entries", type=int, default=1_000_000, help="default 1,000,000")
    parser.add_argument("--signed-every", type=int, default=1000, metavar="K",
                        help="every K-th entry is a signed decision (0: none; default 1000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per contender (default 3)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.entries < 1 or args.repeats < 1 or args.signed_every < 0:
        parser.error("--entries and --repeats must be >= 1, --signed-every >= 0")

    progress("starting a throwaway PostgreSQL server")
    server = start_server(fsync=True)
    try:
        server.create_database(DATABASE)
        started = time.perf_counter()
        progress(f"loading {args.entries:,} chained entries")
        signed, head = load(server, args.entries, args.signed_every)
        load_s = time.perf_counter() - started
        role = f"bench_{uuid.uuid4().hex[:8]}"
        server.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{APP_PASSWORD}' IN ROLE webnova_app")
        with psycopg.connect(server.admin_conninfo) as conn:
            version = str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]
        with tempfile.TemporaryDirectory() as folder:
            memory = AuditMemory(Path(folder) / "audit-memory.json", "bench")
            memory.remember_head(args.entries, head)
            ours = Contender("ours: SqlAuditLog.verify()")
            floor = Contender("floor: raw server-side cursor + bare sha256 chain")
            progress("warming up")
            run_floor(server, role, args.entries)
            run_ours(server, role, memory, args.entries)
            for repeat in range(args.repeats):
                order = [(ours, True), (floor, False)]
                for contender, is_ours in order if repeat % 2 == 0 else order[::-1]:
                    elapsed = (run_ours(server, role, memory, args.entries) if is_ours
                               else run_floor(server, role, args.entries))
                    contender.runs_s.append(elapsed)
                    progress(f"  {contender.name}: {elapsed:.3f} s")
        result = report(args.entries, signed, version, ours, floor, load_s)
    finally:
        server.stop()
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
