"""A throwaway PostgreSQL server for one test session or benchmark run.

initdb refuses to run as root, so as root the server runs as the ``postgres`` system
user (through runuser) on a directory it owns. Start takes well under a second.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

SUPERUSER = "webnova_test"
PASSWORD = "throwaway-test-password"


def find_pg_bin() -> Path:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError(
        "PostgreSQL server binaries not found: install them with "
        "'apt-get install postgresql' (scripts/test does this)"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    directory: Path
    port: int
    bin_dir: Path
    as_user: list[str]

    @property
    def admin_conninfo(self) -> str:
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} password={PASSWORD} dbname=postgres"

    def url(self, database: str, user: str = SUPERUSER, password: str | None = PASSWORD) -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def execute(self, sql: str, database: str = "postgres") -> None:
        conninfo = self.admin_conninfo.replace("dbname=postgres", f"dbname={database}")
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.directory / "data"),
             "-m", "immediate", "stop"],
            check=False, capture_output=True,
        )
        shutil.rmtree(self.directory, ignore_errors=True)


def start_server(fsync: bool = True) -> PgServer:
    bin_dir = find_pg_bin()
    directory = Path(tempfile.mkdtemp(prefix="webnova-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    pwfile = directory / "pw"
    pwfile.write_text(PASSWORD)
    if as_user:
        shutil.chown(pwfile, "postgres", "postgres")
    data = directory / "data"
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER,
         f"--pwfile={pwfile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
        check=True, capture_output=True,
    )
    port = free_port()
    options = (
        f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} "
        f"-c fsync={'on' if fsync else 'off'} -c max_connections=100"
    )
    subprocess.run(
        [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
         "-l", str(directory / "log"), "-w", "-t", "30", "start"],
        check=True, capture_output=True,
    )
    server = PgServer(directory=directory, port=port, bin_dir=bin_dir, as_user=as_user)
    deadline = time.monotonic() + 15
    while True:
        try:
            with psycopg.connect(server.admin_conninfo):
                break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    return server
