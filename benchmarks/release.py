"""Building a template platform's release and deploying it to a server on this machine: a
throwaway OpenSSH server on loopback (the console's host key pinned), a real PostgreSQL and
Caddy in front of the app — the same parts the tests use. Prints seconds per phase (build,
upload, install, settings, backup, migrate, switch, restart, healthy), then a redeploy of the
unchanged release, which must upload nothing.

The anchor for the upload is a plain SFTP ``put`` of the same file over the same kind of
connection (no temporary name, no hash check, no resume): the ratio says what the verified,
resumable upload costs over it.

    python benchmarks/release.py [--json]      (as root: the server's account is made with useradd)

Targets: the redeploy uploads 0 bytes; the verified upload takes at most 1.5x the plain put.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncssh  # noqa: E402

from app.domain.cloud.model import EnvironmentSpec  # noqa: E402
from app.integrations.deploy_keys import DeployKeys  # noqa: E402
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring  # noqa: E402
from app.integrations.ssh_remote import server_host  # noqa: E402
from app.services.release_deploy import (  # noqa: E402
    AppServer,
    DatabaseServer,
    Release,
    ReleaseDeployer,
    Report,
)
from app.store.engine import create_workspace_engine  # noqa: E402
from app.store.event_store import SqliteEventStore  # noqa: E402
from app.store.migrations import upgrade  # noqa: E402
from tests.support.pgserver import PASSWORD, SUPERUSER, start_server  # noqa: E402
from tests.support.sshd import free_port, start_sshd, throwaway_account  # noqa: E402

SPEC = EnvironmentSpec(workspace="bench", platform="hub", environment="staging",
                       account="main", location="nbg1", app_server_type="cx32")
SERVER = "wn-hub-staging-app-1"
UPLOAD_TARGET = 1.5


def console(home: Path, *args: str) -> str:
    env = {**os.environ, "WEBNOVA_HOME": str(home), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "benchmark pass phrase", "WEBNOVA_USER": "owner",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "app", *args], env=env, cwd=home,
                          capture_output=True, text=True, timeout=1200, check=False)
    if done.returncode != 0:
        raise SystemExit(f"webnova {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    ns = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="webnova-release-bench-"))
    phases: dict[str, float] = {}
    try:
        started = time.perf_counter()
        console(work, "blueprint", "new", "--template", "enterprise", "--key", "hub")
        console(work, "generate", "hub", "--out", str(work / "hub"))
        built = json.loads(console(work, "release", "build", "hub", "--json"))
        phases["build"] = time.perf_counter() - started
        path = Path(built["file"])
        digest = subprocess.run(["sha256sum", str(path)], capture_output=True, text=True,
                                check=True).stdout.split()[0]
        release = Release(int(built["release"]), path, digest, "hub-platform")
        result = asyncio.run(deploy_twice(work, release, phases))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    size = path.stat().st_size if path.exists() else result["size"]
    upload_ratio = phases["upload"] / max(result["anchor_upload"], 1e-9)
    passed = result["redeploy_uploaded"] == 0 and upload_ratio <= UPLOAD_TARGET
    if ns.json:
        print(json.dumps({"phases": phases, **result, "upload_ratio": upload_ratio,
                          "pass": passed}, indent=2))
    else:
        print(f"release of the enterprise template ({size / 1e6:.1f} MB), deployed over SSH "
              "to a loopback server with PostgreSQL and Caddy")
        for name, seconds in phases.items():
            print(f"  {name:<18}{seconds:8.2f} s")
        print(f"  plain SFTP put    {result['anchor_upload']:8.2f} s   (anchor; upload ratio "
              f"{upload_ratio:.2f}x)")
        print(f"  redeploy, unchanged: {result['redeploy_seconds']:.2f} s, "
              f"{result['redeploy_uploaded']} bytes uploaded")
        print(f"  target: redeploy uploads nothing, upload at most {UPLOAD_TARGET}x the plain put: "
              f"{'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


async def deploy_twice(work: Path, release: Release, phases: dict[str, float]) -> dict[str, Any]:
    keys = DeployKeys(KeyringSecretStore(MemoryKeyring()))
    access = keys.access_key(SPEC, create=True)
    made = keys.host_key(SPEC, SERVER, create=True)
    assert access is not None
    assert made is not None
    account = throwaway_account()
    sshd = start_sshd(made[1], [access.openssh], account)
    pg = start_server(fsync=False)
    pg.create_database("hub_bench")
    proxy, app = free_port(), free_port()
    (work / "Caddyfile").write_text(
        "{\n\tadmin off\n\tauto_https off\n}\n"
        f"http://127.0.0.1:{proxy} {{\n\treverse_proxy 127.0.0.1:{app} {{\n"
        "\t\tlb_try_duration 30s\n\t\tlb_try_interval 250ms\n\t}\n}\n", encoding="utf-8")
    caddy = subprocess.Popen([shutil.which("caddy") or "caddy", "run", "--config",
                              str(work / "Caddyfile"), "--adapter", "caddyfile"], cwd=work,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work),
                                  "XDG_CONFIG_HOME": str(work)})
    engine = create_workspace_engine(f"sqlite:///{work / 'console.sqlite3'}")
    upgrade(engine)
    deployer = ReleaseDeployer(SqliteEventStore(engine), "bench", "owner")
    root = f"{account.home}/srv/hub"
    url = pg.url("hub_bench").replace("postgresql://", "postgresql+psycopg://")
    settings = {"DATABASE_URL": url, "JWT_SECRET": "j" * 40, "FIELD_INDEX_KEY": "i" * 40,
                "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(b"k" * 32).decode()}
    try:
        host = server_host(keys, SPEC, SERVER, sshd.host, user=sshd.user, port=sshd.port)
        await host.run(f"mkdir -p {root} && cat > {root}/pg.env", check=True,
                       input=f"PGHOST=127.0.0.1\nPGPORT={pg.port}\nPGUSER={SUPERUSER}\n"
                             f"PGPASSWORD={PASSWORD}\n")
        server = AppServer(SERVER, host, root, f"http://127.0.0.1:{proxy}/health",
                           "webnova-hub.service", app, "hub_api")
        database = DatabaseServer("db", host, f"{account.home}/backups", f"{root}/pg.env",
                                  "hub_bench")
        marks: dict[str, float] = {}

        def progress(report: Report) -> None:
            phase = report.step.split(":")[0]
            if report.state == "started":
                marks[phase] = time.perf_counter()
            elif report.state == "done":
                phases[phase if phase != "health" else "healthy"] = time.perf_counter() - marks[phase]

        first = await deployer.deploy("hub", "staging", release, [server], database, settings,
                                      settings, progress=progress)
        if first.outcome != "deployed":
            raise SystemExit(f"the deploy did not succeed: {first.reason}")
        started = time.perf_counter()
        again = await deployer.deploy("hub", "staging", release, [server], database, settings,
                                      settings)
        redeploy = time.perf_counter() - started
        await host.close()
        anchor = await plain_put(sshd.host, sshd.port, sshd.user, access_pem(keys), release.path,
                                 f"{account.home}/plain.tar")
        return {"redeploy_seconds": redeploy, "redeploy_uploaded": again.uploaded,
                "anchor_upload": anchor, "size": release.path.stat().st_size}
    finally:
        caddy.terminate()
        caddy.wait(timeout=30)
        sshd.stop()
        account.remove()
        pg.stop()
        engine.dispose()


def access_pem(keys: DeployKeys) -> str:
    pem = keys.access_private_pem(SPEC)
    assert pem is not None
    return pem


async def plain_put(address: str, port: int, user: str, pem: str, local: Path, remote: str) -> float:
    started = time.perf_counter()
    async with asyncssh.connect(address, port=port, username=user, known_hosts=None,
                                client_keys=[asyncssh.import_private_key(pem)],
                                agent_path=None, config=()) as conn, conn.start_sftp_client() as sftp:
        await sftp.put(str(local), remote)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
