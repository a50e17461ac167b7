"""``webnova release deploy`` end to end: a workspace with a cloud account on the Hetzner
simulator, staging's infrastructure applied through the console, a release built, and the
environment's two servers standing in a box of their own (``tests/support/server_box.py``:
a network and mount namespace with the servers' private addresses, one real sshd per server
with the host key the console made for it, the real Caddy with the platform's Caddyfile,
PostgreSQL on the database server's private address). The console finds the servers from
the cloud, reaches them with ``--reach`` (as through a tunnel), sets the database logins'
passwords through the real ``webnova-db-passwords`` hook, deploys, and the health check
passes through Caddy. Production waits for the owner's approval, bound to the release.

What the test stands in for, and how: cloud-init's preparation (the ``webnova`` login is a
throwaway account, named with ``--reach USER@``; ``/srv`` is a directory of the test owned
by it; the platform's database and roles are made by running the real roles SQL);
``sudo`` is a shim that runs its command as that account (the hook with ``psql`` as the
throwaway PostgreSQL's superuser); Let's Encrypt is Caddy's own authority
(``local_certs``); the app runs as a process (no systemd in the box)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from app.domain.cloud.model import EnvironmentSpec
from app.domain.release import server_files as files
from app.domain.release import server_scripts
from app.integrations.deploy_keys import DeployKeys
from app.integrations.hetzner_sim import HetznerSimulator
from app.paths import install_root
from app.services.deployments import spec_from_json
from tests.cli.test_readme_cloud import readme_blocks, run
from tests.release.test_release_cli import Console
from tests.support.pgserver import PASSWORD, SUPERUSER, PgServer
from tests.support.sshd import Account, throwaway_account

TOKEN = "hz-release-token-9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"
APP, DB = "wn-hub-staging-app-1", "wn-hub-staging-db-1"


class Cli(Console):
    def __init__(self, home: Path, endpoint: str) -> None:
        super().__init__(home)
        self.env["WEBNOVA_HETZNER_ENDPOINT"] = endpoint
        self.outputs: list[str] = []

    def call(self, *args: str, stdin: str = "", user: str = "owner") -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "app", *args],
                              env={**self.env, "WEBNOVA_USER": user}, cwd=self.home,
                              input=stdin, capture_output=True, text=True, timeout=900, check=False)
        self.outputs.append(done.stdout + done.stderr)
        return done

    def okay(self, *args: str, stdin: str = "", user: str = "owner") -> str:
        done = self.call(*args, stdin=stdin, user=user)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout


@dataclass
class World:
    cli: Cli
    sim: HetznerSimulator
    keys: DeployKeys
    spec: EnvironmentSpec
    home: Path

    def secret(self, name: str) -> str:
        value = self.keys.secrets.get(f"deploy/{self.spec.workspace}/hub/staging/settings/{name}")
        assert value is not None
        return value


def private_ip(sim: HetznerSimulator, name: str) -> str:
    server = next(s for s in sim.state.resources["servers"].values() if s["name"] == name)
    return str(server["private_net"][0]["ip"])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    home = tmp_path_factory.mktemp("deploy-cli-home")
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        cli = Cli(home, sim.url)
        cli.okay("blueprint", "new", "--template", "enterprise", "--key", "hub")
        cli.okay("generate", "hub", "--out", str(home / "hub"))
        cli.okay("release", "build", "hub")
        cli.okay("cloud", "add", "main", "--provider", "hetzner", "--token-stdin", stdin=TOKEN + "\n")
        cli.okay("deploy", "plan", "hub", "--env", "staging", "--account", "main", "--location",
                 "fsn1", "--out", str(home / "staging.json"))
        cli.okay("deploy", "apply", str(home / "staging.json"))
        doc = json.loads((home / "staging.json").read_text(encoding="utf-8"))
        spec = spec_from_json(doc["spec"])
        old = dict(os.environ)
        os.environ.update({k: cli.env[k] for k in ("WEBNOVA_HOME", "WEBNOVA_KEYRING",
                                                    "WEBNOVA_KEYRING_PASSPHRASE")})
        try:
            from app.bootstrap import default_secret_store

            keys = DeployKeys(default_secret_store())
            yield World(cli, sim, keys, spec, home)
        finally:
            os.environ.clear()
            os.environ.update(old)


def listener() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    return sock


@dataclass
class Box:
    process: subprocess.Popen[str]
    account: Account
    srv: Path
    ports: dict[str, int]

    def reach(self) -> list[str]:
        return [a for name, port in self.ports.items()
                for a in ("--reach", f"{name}={self.account.name}@127.0.0.1:{port}")]


def prepare_database(pg: PgServer, db_ip: str) -> None:
    """What webnova-postgres-setup does: the platform's database and roles (no passwords)."""
    names = files.database_names("hub")
    pg.drop_database(names.database)  # the roles SQL is safe to run again (other tests share them)
    sql = files.database_roles_sql(names)
    done = subprocess.run([str(pg.bin_dir / "psql"), "-X", "-q", "-h", "127.0.0.1", "-p",
                           str(pg.port), "-U", SUPERUSER, "-d", "postgres"], input=sql, text=True,
                          env={**os.environ, "PGPASSWORD": PASSWORD}, capture_output=True,
                          check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def box(world: World, pg_server: PgServer) -> Iterator[Box]:
    work = Path(tempfile.mkdtemp(prefix="webnova-box-"))  # the account reaches the shims here
    work.chmod(0o755)
    account = throwaway_account()
    srv = work / "srv"
    for folder in (srv / "webnova" / "hub", srv / "webnova-data"):
        folder.mkdir(parents=True)
    for folder in (srv / "webnova", srv / "webnova" / "hub", srv / "webnova-data"):
        os.chown(folder, account.uid, account.gid)
    db_ip, app_ip = private_ip(world.sim, DB), private_ip(world.sim, APP)
    prepare_database(pg_server, db_ip)
    shims = work / "shims"
    shims.mkdir(mode=0o755)
    hook = shims / "webnova-db-passwords"
    hook.write_text(server_scripts.DB_PASSWORDS, encoding="utf-8")
    drill = shims / "webnova-db-drill"
    drill.write_text(server_scripts.DB_DRILL, encoding="utf-8")
    sudo = shims / "sudo"
    sudo.write_text(
        "#!/bin/sh\n# stands in for sudo: runs the command as this account\n"
        '[ "$1" = "-n" ] && shift\n'
        f'if [ "$1" = /usr/local/sbin/webnova-db-passwords ]; then shift; set -- {hook} "$@"; fi\n'
        f'if [ "$1" = {server_scripts.DRILL_HOOK} ]; then shift; set -- {drill} "$@"; fi\n'
        f'export WEBNOVA_PSQL="{pg_server.bin_dir}/psql -h {db_ip} -p 5432 -U {SUPERUSER}" '
        f'PGPASSWORD="{PASSWORD}" WEBNOVA_PG_AS= PGHOST={db_ip} PGPORT=5432 PGUSER={SUPERUSER}\n'
        'exec "$@"\n', encoding="utf-8")
    for path in (hook, drill, sudo):
        path.chmod(0o755)
    caddy_home = work / "caddy"
    caddy_home.mkdir()
    site = "staging.hub.nordwind-group.example"
    caddyfile = files.caddyfile(files.PlatformPaths("hub"), site)
    (caddy_home / "Caddyfile").write_text(caddyfile.replace(
        "{\n", "{\n\tlocal_certs\n\tskip_install_trust\n\tadmin off\n", 1), encoding="utf-8")
    sockets = {APP: listener(), DB: listener()}
    servers = []
    for name, sock in sockets.items():
        made = world.keys.host_key(world.spec, name)
        assert made is not None
        servers.append({"name": name, "host_key": made[1], "listen_fd": sock.fileno()})
    access = world.keys.access_key(world.spec)
    assert access is not None
    pg_socket = pg_server.directory / f".s.PGSQL.{pg_server.port}"
    config = {"srv": str(srv), "addresses": [db_ip, app_ip], "servers": servers,
              "authorized": [access.openssh],
              "account": {"name": account.name, "home": str(account.home), "uid": account.uid,
                          "gid": account.gid, "directory": str(account.directory)},
              "sshd_extra": [f"SetEnv PATH={shims}:/usr/local/bin:/usr/bin:/bin:{pg_server.bin_dir}"],
              "caddy_home": str(caddy_home), "postgres": {"address": db_ip, "unix": str(pg_socket)}}
    path = work / "box.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(config, handle)
    process = subprocess.Popen(
        ["unshare", "--net", "--mount", "--propagation", "private", sys.executable, "-m",
         "tests.support.server_box", str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, pass_fds=[s.fileno() for s in sockets.values()],
        env={**os.environ, "PYTHONPATH": str(install_root())}, cwd=install_root())
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    found = Box(process, account, srv, {n: s.getsockname()[1] for n, s in sockets.items()})
    for sock in sockets.values():
        sock.close()
    try:
        yield found
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=60)
        assert process.stdout is not None
        process.stdout.close()
        account.remove()
        shutil.rmtree(work, ignore_errors=True)


def test_a_release_is_deployed_to_the_servers_the_cloud_has(world: World, box: Box,
                                                            pg_server: PgServer) -> None:
    done = world.cli.call("release", "deploy", "hub", "--env", "staging", *box.reach())
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "database …" and lines[1] == "database done"
    for step in (f"upload {APP} done", f"install {APP} done", "backup done", "migrate done",
                 f"switch {APP} done", f"restart {APP} done", f"health {APP} done"):
        assert step in lines, done.stdout
    assert lines[-1] == "hub staging: release 1 deployed"
    # The logins got their passwords through the hook (verifiers only): the login the
    # platform runs as can sign in with the password kept in the keyring, and nothing else.
    names = files.database_names("hub")
    login = world.secret("login")
    pg_url = f"host=127.0.0.1 port={pg_server.port} dbname={names.database}"
    with psycopg.connect(f"{pg_url} user={names.login} password={login}") as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"{pg_url} user={names.login} password=wrong").close()
    history = json.loads(world.cli.okay("release", "history", "hub", "--env", "staging", "--json"))
    assert [(h["release"], h["previous"], h["outcome"]) for h in history] == [(1, None, "deployed")]
    backups = json.loads(world.cli.okay("backup", "list", "hub", "--env", "staging", "--json",
                                        *box.reach()))
    assert len(backups) == 1 and backups[0]["size"] > 0 and backups[0]["server"] == DB
    dump = box.srv / backups[0]["path"].removeprefix("/srv/")
    assert dump.is_file() and dump.stat().st_size == backups[0]["size"]
    app_env = (box.srv / "webnova" / "hub" / "releases" / "1" / "app.env").read_text()
    assert f"@{private_ip(world.sim, DB)}:5432/hub'" in app_env  # the db server's private address
    # Secrets stay in the keyring: not in the workspace's files, not in anything said.
    # The tenants' usage comes back through the proxy on the app server, asked over SSH
    # with the metering token the release shipped; a token the servers do not have is 401.
    assert f"METERING_TOKEN='{world.secret('METERING_TOKEN')}'" in app_env
    pulled = json.loads(world.cli.okay("usage", "pull", "hub", "--env", "staging", "--json",
                                       *box.reach()))
    assert pulled["records"] >= 0 and pulled["cursor"].isdigit()
    [block] = readme_blocks("### Tenants' usage from the platforms")  # as written
    readme = run(block, {**world.cli.env, "WEBNOVA_USER": "owner", "APP_REACH": box.reach()[1]},
                 world.home)
    assert readme.returncode == 0, readme.stdout + readme.stderr
    assert readme.stdout.splitlines()[0] == "no new usage from hub staging since the last pull"
    name = f"deploy/{world.spec.workspace}/hub/staging/settings/METERING_TOKEN"
    right = world.secret("METERING_TOKEN")
    world.keys.secrets.set(name, "not-the-servers-token-" + "q" * 30)
    try:
        refused = world.cli.call("usage", "pull", "hub", "--env", "staging", *box.reach())
    finally:
        world.keys.secrets.set(name, right)
    assert refused.returncode == 1
    assert f"{APP} (staging.hub.nordwind-group.example) refused the environment's metering token " \
        "(401)" in refused.stderr, refused.stderr
    secrets = [world.secret(n) for n in ("login", "migrator", "JWT_SECRET", "FIELD_INDEX_KEY",
                                         "FIELD_ENCRYPTION_KEYS", "METERING_TOKEN")]
    said = "\n".join(world.cli.outputs)
    stored = [p for p in world.home.rglob("*") if p.is_file() and p.suffix != ".keyring"
              and "hub" not in p.relative_to(world.home).parts[:1]]
    for secret in secrets:
        assert secret not in said
        for path in stored:
            assert secret.encode() not in path.read_bytes(), path



def test_production_waits_for_the_owner_and_the_approval_binds_the_release(world: World) -> None:
    cli, plan = world.cli, str(world.home / "production.json")
    cli.okay("users", "add", "op", "--name", "Omar", "--role", "OPERATOR")
    cli.okay("deploy", "plan", "hub", "--env", "production", "--account", "main", "--location",
             "fsn1", "--out", plan)
    held = cli.call("deploy", "apply", plan, "--json", user="op")
    assert held.returncode == 3, held.stdout + held.stderr
    cli.okay("approvals", "approve", json.loads(held.stdout)["approval"], "--reason", "servers")
    cli.okay("deploy", "apply", plan, user="op")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]  # nothing listens there once the probe is closed
    servers = sorted(s["name"] for s in world.sim.state.resources["servers"].values()
                     if s["labels"].get("webnova.environment") == "production")
    assert len(servers) == 3
    reach = [a for name in servers for a in ("--reach", f"{name}=127.0.0.1:{closed}")]
    deploy = ("release", "deploy", "hub", "--env", "production", "--json", *reach)

    waiting = cli.call(*deploy, user="op")
    assert waiting.returncode == 3, waiting.stdout + waiting.stderr
    request = json.loads(waiting.stdout)["approval"]
    again = cli.call(*deploy, user="op")
    assert again.returncode == 3 and json.loads(again.stdout)["approval"] == request  # one request
    shown = json.loads(cli.okay("approvals", "show", request, "--json"))
    context = shown["action"]["context"]
    assert (shown["action"]["kind"], context["plan_kind"], context["release"]) == (
        "deploy.apply", "release", 1)
    listed = json.loads(cli.okay("release", "list", "hub", "--json"))
    assert context["manifest_sha256"] == listed[0]["manifest_sha256"]
    cli.okay("approvals", "approve", request, "--reason", "release 1 to production")

    # Approved: the deploy goes ahead, to servers that cannot be reached here, so it stops
    # before anything was changed and says where.
    refused = cli.call(*deploy, user="op")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"127.0.0.1:{closed}" in refused.stderr and "the running release was not touched" in refused.stderr
    assert json.loads(cli.okay("release", "history", "hub", "--env", "production", "--json")) == []

    # An approval binds its release: another release waits for an approval of its own.
    cli.okay("release", "build", "hub")
    other = cli.call("release", "deploy", "hub", "--env", "production", "--release", "2",
                     "--json", *reach, user="op")
    assert other.returncode == 3, other.stdout + other.stderr
    assert json.loads(other.stdout)["approval"] != request


def test_bad_reach_options_are_named(world: World) -> None:
    bad = world.cli.call("release", "deploy", "hub", "--env", "staging", "--reach", "app-1:22")
    assert bad.returncode == 1
    assert "--reach 'app-1:22': expected SERVER=[USER@]HOST:PORT" in bad.stderr
    unknown = world.cli.call("release", "deploy", "hub", "--env", "staging", "--reach",
                             "wn-hub-staging-app-9=127.0.0.1:22")
    assert unknown.returncode == 1
    assert ("--reach names wn-hub-staging-app-9, not a server of hub staging (its servers: "
            f"{APP}, {DB})") in unknown.stderr


def test_backups_are_taken_listed_drilled_and_restored_through_the_command(
        world: World, box: Box, pg_server: PgServer) -> None:
    cli, env = world.cli, ("hub", "--env", "staging", *box.reach())
    if not json.loads(cli.okay("release", "history", "hub", "--env", "staging", "--json")):
        cli.okay("release", "deploy", *env)  # the app runs, so a restore can stop and start it
    first = json.loads(cli.okay("backup", "create", *env, "--json"))
    names = files.database_names("hub")
    migrator = (f"host=127.0.0.1 port={pg_server.port} dbname={names.database} "
                f"user={names.migrator} password={world.secret('migrator')}")
    with psycopg.connect(migrator, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS notes; CREATE TABLE notes (id int PRIMARY KEY); "
                     "INSERT INTO notes VALUES (1), (2)")
    made = cli.okay("backup", "create", *env)
    taken = next(b for b in json.loads(cli.okay("backup", "list", *env, "--json"))
                 if b["id"] in made)
    assert f"hub staging: backup {taken['id']} taken (" in made and taken["kind"] == "manual"
    folder = box.srv / taken["path"].removeprefix("/srv/")
    scheduled = folder.with_name("20250101T023000Z-scheduled.dump")
    shutil.copyfile(folder, scheduled)
    os.chown(scheduled, box.account.uid, box.account.gid)
    (box.srv / first["path"].removeprefix("/srv/")).unlink()

    listed = {b["id"]: b for b in json.loads(cli.okay("backup", "list", *env, "--json"))}
    assert (listed[taken["id"]]["recorded"], listed[taken["id"]]["present"]) == (True, True)
    assert (listed[scheduled.stem]["kind"], listed[scheduled.stem]["recorded"]) == ("scheduled", False)
    assert (listed[first["id"]]["present"], listed[first["id"]]["size"]) == (False, None)
    assert any(b["kind"] == "before-deploy" and b["recorded"] for b in listed.values())
    table = cli.okay("backup", "list", *env)
    assert "MISSING" in table.splitlines()[[first["id"] in line for line in
                                            table.splitlines()].index(True)]

    # The database server out of reach (no --reach: its public address answers nothing here):
    # the list is what the console recorded, said as such, files unchecked, no daily dump.
    offline = cli.call("backup", "list", "hub", "--env", "staging", "--json")
    assert offline.returncode == 0, offline.stdout + offline.stderr
    assert "note: the database server was not reached" in offline.stderr
    recorded = {b["id"]: b for b in json.loads(offline.stdout)}
    assert scheduled.stem not in recorded and taken["id"] in recorded and first["id"] in recorded
    assert {b["present"] for b in recorded.values()} == {None}
    assert recorded[taken["id"]]["size"] == listed[taken["id"]]["size"]

    drill = cli.call("backup", "drill", *env, "--from", taken["id"])
    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert any(line.split()[:3] == ["public.notes", "2", "2"] for line in drill.stdout.splitlines())
    assert "every table's rows match" in drill.stdout
    with psycopg.connect(pg_server.admin_conninfo) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname LIKE "
                            "'webnova_drill_%'").fetchone() == (0,)

    with psycopg.connect(migrator, autocommit=True) as conn:
        conn.execute("INSERT INTO notes VALUES (3)")
    unknown = cli.call("backup", "restore", *env, "--from", "20990101T000000Z-manual")
    assert unknown.returncode == 1
    assert "hub staging has no backup '20990101T000000Z-manual'" in unknown.stderr
    restored = cli.call("backup", "restore", *env, "--from", taken["id"])
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert f"stop {APP} done" in restored.stdout and f"health {APP} done" in restored.stdout
    assert restored.stdout.splitlines()[-1] == f"hub staging: backup {taken['id']} restored"
    with psycopg.connect(migrator) as conn:
        assert conn.execute("SELECT id FROM notes ORDER BY id").fetchall() == [(1,), (2,)]


def test_backup_commands_name_bad_arguments(world: World) -> None:
    missing = world.cli.call("backup", "restore", "hub", "--env", "staging")
    assert missing.returncode == 2 and "--from" in missing.stderr
    seconds = world.cli.call("backup", "restore", "hub", "--env", "staging", "--from", "x",
                             "--health-seconds", "0")
    assert seconds.returncode == 1 and "--health-seconds must be more than 0" in seconds.stderr
    reach = world.cli.call("backup", "drill", "hub", "--env", "staging", "--reach", "db:22")
    assert reach.returncode == 1
    assert "--reach 'db:22': expected SERVER=[USER@]HOST:PORT" in reach.stderr
    nowhere = world.cli.call("backup", "create", "hub", "--env", "development")
    assert nowhere.returncode == 1 and "development" in nowhere.stderr
