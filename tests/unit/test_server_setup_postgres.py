"""The database server's PostgreSQL set-up, run for real: a throwaway server started with
the rendered ``pg_hba.conf`` and settings (the private subnet played by 127.0.0.0/8), the
rendered roles script run by ``postgres`` over its socket as cloud-init does, the
passwords handed over through the ``webnova-db-passwords`` hook as SCRAM verifiers; then
the generated platform's migration statements as its migrating login and row-level
security as its application login.

PostgreSQL runs as the ``postgres`` system user (the rendered ``pg_hba.conf`` admits it
by peer over the socket), so this module needs root, as the test command has."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from app.domain.release import server_files as files
from app.domain.release import server_scripts as scripts
from app.domain.release.pg_scram import scram_verifier
from tests.support.pgserver import find_pg_bin, free_port

KEY = "clinic"
NAMES = files.database_names(KEY)
PACKAGE = "clinic_api"
SUBNET = "127.0.0.0/8"  # the private network, on loopback


@dataclass
class SetupServer:
    directory: Path
    port: int
    bin_dir: Path

    def psql(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """psql as the ``postgres`` system user over the socket, as cloud-init runs it."""
        return subprocess.run(["runuser", "-u", "postgres", "--", str(self.bin_dir / "psql"),
                               "-h", str(self.directory), "-p", str(self.port), *args],
                              input=stdin, capture_output=True, text=True, timeout=60)

    def connect(self, user: str, password: str, database: str = NAMES.database) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user=user, password=password,
                               dbname=database, autocommit=True, connect_timeout=10)

    def set_passwords(self, lines: str) -> subprocess.CompletedProcess[str]:
        """The console's hook: write the file, run the installed script."""
        hook = self.directory / "db-passwords"
        hook.write_text(lines, encoding="ascii")
        hook.chmod(0o600)
        script = self.directory / "webnova-db-passwords"
        script.write_text(scripts.DB_PASSWORDS, encoding="utf-8")
        psql = (f"runuser -u postgres -- {self.bin_dir / 'psql'} -h {self.directory} "
                f"-p {self.port}")
        return subprocess.run(["sh", str(script), str(hook)], capture_output=True, text=True,
                              timeout=60, env={**os.environ, "WEBNOVA_PSQL": psql})


@pytest.fixture(scope="module")
def server() -> Iterator[SetupServer]:
    assert os.geteuid() == 0, ("PostgreSQL must run as the postgres system user here, as on "
                               "the server: run this test as root (the test command does)")
    bin_dir = find_pg_bin()
    directory = Path(tempfile.mkdtemp(prefix="webnova-pg-setup-"))
    shutil.chown(directory, "postgres", "postgres")
    hba = directory / "pg_hba.conf"
    hba.write_text(files.pg_hba(NAMES, SUBNET), encoding="utf-8")
    settings = directory / "webnova.conf"
    settings.write_text(files.postgresql_conf().replace(files.PG_HBA_PATH, str(hba)), encoding="utf-8")
    roles = directory / "roles.sql"
    roles.write_text(files.database_roles_sql(NAMES), encoding="utf-8")
    data = directory / "data"
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                    "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(f"include '{settings}'\n")
    port = free_port()
    subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-o",
                    f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory}",
                    "-l", str(directory / "log"), "-w", "-t", "30", "start"], check=True, capture_output=True)
    try:
        yield SetupServer(directory, port, bin_dir)
    finally:
        subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], check=False, capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def prepared(server: SetupServer) -> SetupServer:
    """The roles script run twice (a second boot, or a re-run, changes nothing), and the
    logins' passwords set through the hook."""
    for _ in range(2):
        result = server.psql("-X", "-q", "-d", "postgres", "-f", str(server.directory / "roles.sql"))
        assert result.returncode == 0, result.stderr
    result = server.set_passwords(f"{NAMES.migrator} {scram_verifier('migrator-pw')}\n"
                                  f"{NAMES.login} {scram_verifier('login-pw')}")  # no final newline
    assert result.returncode == 0, result.stderr
    assert not (server.directory / "db-passwords").exists()  # the hook file is gone
    return server


def test_postgresql_runs_with_the_rendered_settings(prepared: SetupServer) -> None:
    with prepared.connect(NAMES.migrator, "migrator-pw") as conn:
        assert conn.execute("SHOW password_encryption").fetchone() == ("scram-sha-256",)
        stored = conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'clinic_api_%' "
                              "ORDER BY 1").fetchall()
        assert [r[0] for r in stored] == sorted([NAMES.app_role, NAMES.login, NAMES.migrator,
                                                 NAMES.owner_role])
    memberships = prepared.psql("-X", "-A", "-t", "-d", "postgres", "-c", """
        SELECT DISTINCT r.rolname || ' ' || m.rolname || ' ' || a.admin_option FROM pg_auth_members a
          JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
         WHERE m.rolname LIKE 'clinic_api_%' ORDER BY 1""")
    assert memberships.stdout.split("\n")[:-1] == sorted([
        f"{NAMES.app_role} {NAMES.login} false",  # the application login: one tenant's rows
        f"{NAMES.app_role} {NAMES.migrator} true",  # the migrating login may grant it
        f"{NAMES.login} {NAMES.migrator} true",  # and set the login's password (PostgreSQL 16)
        f"{NAMES.owner_role} {NAMES.migrator} true"]), memberships.stderr
    shown = prepared.psql("-X", "-A", "-t", "-d", "postgres", "-c", "SHOW hba_file")
    assert shown.stdout.strip() == str(prepared.directory / "pg_hba.conf"), shown.stderr


def test_only_the_platforms_logins_reach_only_its_database_over_the_network(prepared: SetupServer) -> None:
    with prepared.connect(NAMES.login, "login-pw"):
        pass
    refusals = [("postgres", "whatever", NAMES.database), (NAMES.migrator, "migrator-pw", "postgres"),
                (NAMES.migrator, "wrong-password", NAMES.database), (NAMES.owner_role, "x", NAMES.database)]
    for user, password, database in refusals:
        with pytest.raises(psycopg.OperationalError, match=r"pg_hba\.conf|password authentication failed"):
            prepared.connect(user, password, database)


def test_the_hook_takes_verifiers_only_and_sets_all_or_nothing(prepared: SetupServer) -> None:
    plain = prepared.set_passwords(f"{NAMES.migrator} my-plain-password\n")
    assert plain.returncode == 2
    assert f"line 1: the entry for {NAMES.migrator} is not a SCRAM-SHA-256 verifier" in plain.stderr
    assert "my-plain-password" not in plain.stderr + plain.stdout
    assert (prepared.directory / "db-passwords").exists()  # kept for the console to see
    half = prepared.set_passwords(f"{NAMES.migrator} {scram_verifier('changed')}\n"
                                  f"no_such_role {scram_verifier('other')}\n")
    assert half.returncode != 0 and "no_such_role" in half.stderr
    with prepared.connect(NAMES.migrator, "migrator-pw"):  # the first line was not applied
        pass


def test_the_generated_migration_and_row_level_security_work_with_these_roles(prepared: SetupServer) -> None:
    # as the generated migration does it (resources/codegen/migrations/migration.py.j2)
    owner, app = NAMES.owner_role, NAMES.app_role
    condition = f"tenant_id = current_setting('{PACKAGE}.tenant_id', true)"
    with prepared.connect(NAMES.migrator, "migrator-pw") as conn:
        conn.execute(f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{owner}') THEN
                CREATE ROLE {owner} NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{app}') THEN
                CREATE ROLE {app} NOLOGIN; END IF;
        END $$""")
        conn.execute(f"GRANT {owner} TO CURRENT_USER")
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {app}")
        conn.execute("CREATE TABLE notes (id text PRIMARY KEY, tenant_id text NOT NULL, body text)")
        conn.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "notes" TO {app}')
        conn.execute('ALTER TABLE "notes" ENABLE ROW LEVEL SECURITY')
        conn.execute('ALTER TABLE "notes" FORCE ROW LEVEL SECURITY')
        conn.execute(f'CREATE POLICY tenant_isolation ON "notes" USING ({condition}) WITH CHECK ({condition})')
        conn.execute(f'CREATE POLICY schema_maintenance ON "notes" TO {owner} USING (true) WITH CHECK (true)')
        conn.execute("INSERT INTO notes VALUES ('1', 'north', 'n'), ('2', 'south', 's')")
        # the platform's `manage database-login`, as the migrating login
        conn.execute(f"ALTER ROLE {NAMES.login} LOGIN PASSWORD 'login-pw'")
        conn.execute(f"GRANT {app} TO {NAMES.login}")
        attributes = conn.execute("SELECT rolsuper, rolbypassrls, rolcreatedb FROM pg_roles "
                                  "WHERE rolname = current_user").fetchone()
        assert attributes == (False, False, False)
    with prepared.connect(NAMES.login, "login-pw") as conn:
        conn.execute(f"SELECT set_config('{PACKAGE}.tenant_id', 'north', false)")
        assert conn.execute("SELECT id FROM notes ORDER BY id").fetchall() == [("1",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO notes VALUES ('3', 'south', 'x')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE mine (id int)")


def test_a_verifier_has_postgresqls_form_and_an_empty_password_is_refused() -> None:
    verifier = scram_verifier("pw", salt=bytes(16), iterations=4096)
    assert verifier.startswith("SCRAM-SHA-256$4096:AAAAAAAAAAAAAAAAAAAAAA==$")
    assert scram_verifier("pw", salt=bytes(16)) == verifier != scram_verifier("pw")  # a fresh salt
    with pytest.raises(ValueError, match="must not be empty"):
        scram_verifier("")
