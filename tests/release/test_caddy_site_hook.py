"""The ``webnova-caddy-site`` hook cloud-init installs on app servers, run for real with the
real ``caddy``: a new Caddyfile is validated, put in place (the one before kept) and Caddy
reloaded; a Caddyfile Caddy refuses changes nothing; a reload that fails puts the previous
file back. ``systemctl reload caddy`` is stood in for by a script reloading a Caddy that
runs on loopback ports of the test (:class:`tests.support.caddy.LoopbackCaddy`)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.cloud.model import EnvironmentSpec
from app.domain.release import server_files as files
from app.domain.release import server_scripts
from app.domain.release.server_setup import PlatformSite
from app.integrations.deploy_keys import DeployKeys
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.tls_probe import SslTlsProbe
from tests.support.caddy import LoopbackCaddy

SPEC = EnvironmentSpec(workspace="bank", platform="hub", environment="staging", account="main",
                       location="fsn1", app_server_type="cx22")
PATHS = files.PlatformPaths("hub")
NEW = "new.hub.example"


def config_of(server: str) -> dict[str, Any]:
    keys = DeployKeys(KeyringSecretStore(MemoryKeyring()))
    _fingerprint, text = keys.server_user_data(SPEC, PlatformSite("hub", domain=NEW), server)
    return dict(yaml.safe_load(text))


def test_app_servers_get_the_caddy_site_hook_and_the_database_server_does_not() -> None:
    app = config_of("wn-hub-staging-app-1")
    [hook] = [f for f in app["write_files"] if f["path"] == "/usr/local/sbin/webnova-caddy-site"]
    assert hook["content"] == server_scripts.CADDY_SITE_SCRIPT
    assert (hook["permissions"], hook["owner"]) == ("0755", "root:root")
    assert hook["path"] == server_scripts.CADDY_SITE
    db = config_of("wn-hub-staging-db-1")
    assert not [f for f in db["write_files"] if "caddy" in f["path"]]


@pytest.fixture(scope="module")
def caddy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoopbackCaddy]:
    running = LoopbackCaddy.ports(tmp_path_factory.mktemp("caddy-site"))
    running.start(files.caddyfile(PATHS, None))
    try:
        yield running
    finally:
        running.stop()


def hook(caddy: LoopbackCaddy, target: Path, new_text: str | None,
         reload: str | None = None) -> subprocess.CompletedProcess[str]:
    script = caddy.folder / "webnova-caddy-site"
    script.write_text(server_scripts.CADDY_SITE_SCRIPT, encoding="utf-8")
    incoming = caddy.folder / "incoming.Caddyfile"
    if new_text is not None:
        incoming.write_text(new_text, encoding="utf-8")
    return subprocess.run(
        ["sh", str(script), str(incoming)], capture_output=True, text=True, timeout=120,
        env={**caddy.env, "WEBNOVA_CADDYFILE": str(target),
             "WEBNOVA_CADDY_RELOAD": reload or str(caddy.reload_shim(target))})


def test_a_new_site_is_validated_installed_and_caddy_reloaded(caddy: LoopbackCaddy) -> None:
    target = caddy.folder / "Caddyfile"
    before = files.caddyfile(PATHS, None)
    target.write_text(before, encoding="utf-8")
    assert NEW not in caddy.config()
    new = files.caddyfile(PATHS, NEW)
    done = hook(caddy, target, new)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == new
    assert (caddy.folder / "Caddyfile.previous").read_text(encoding="utf-8") == before
    assert not (caddy.folder / "incoming.Caddyfile").exists()
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    running = json.loads(caddy.config())
    assert running["apps"]["http"]["servers"]["srv0"]["routes"][0]["match"] == [{"host": [NEW]}]
    status = SslTlsProbe().status(NEW, "127.0.0.1", caddy.https_port)
    assert status.certificate is not None and NEW in status.certificate.names
    assert status.caddy_internal and not status.trusted


def test_a_caddyfile_caddy_refuses_changes_nothing(caddy: LoopbackCaddy) -> None:
    target = caddy.folder / "Caddyfile"
    target.write_text(files.caddyfile(PATHS, NEW), encoding="utf-8")
    running = caddy.config()
    broken = files.caddyfile(PATHS, NEW).replace("reverse_proxy", "reverse_proxxy")
    done = hook(caddy, target, broken)
    assert done.returncode == 2
    assert "the new Caddyfile is refused, nothing changed: Error:" in done.stderr
    assert "reverse_proxxy" in done.stderr  # Caddy's own reason
    assert target.read_text(encoding="utf-8") == files.caddyfile(PATHS, NEW)
    assert not (caddy.folder / "incoming.Caddyfile").exists()
    assert caddy.config() == running
    missing = subprocess.run(["sh", "-c", server_scripts.CADDY_SITE_SCRIPT, "hook",
                              str(caddy.folder / "nothing")], capture_output=True, text=True,
                             env={**os.environ, "WEBNOVA_CADDYFILE": str(target)})
    assert missing.returncode == 2 and "nothing does not exist" in missing.stderr


def test_a_reload_that_fails_puts_the_previous_caddyfile_back(caddy: LoopbackCaddy) -> None:
    target = caddy.folder / "Caddyfile"
    target.write_text(files.caddyfile(PATHS, NEW), encoding="utf-8")
    other = files.caddyfile(PATHS, "other.hub.example")
    done = hook(caddy, target, other, reload="false")
    assert done.returncode == 1
    assert "Caddy did not take the new Caddyfile; the previous one is back" in done.stderr
    assert target.read_text(encoding="utf-8") == files.caddyfile(PATHS, NEW)
