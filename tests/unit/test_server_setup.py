"""Each server's cloud-init: the document a server boots with, checked by the real tools
(sshd, caddy, systemd-analyze, sh), its firewall against the cloud firewall, its size
against Hetzner's limit, and what it must never hold (a password, the access key's
private half)."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.cloud.model import CloudSpecError, EnvironmentSpec, Kind, desired_state
from app.domain.release import server_files as files
from app.domain.release import server_scripts
from app.domain.release.server_setup import (
    USER_DATA_LIMIT,
    PlatformSite,
    cloud_config,
    platform_site,
    server_user_data,
    user_data,
)
from app.integrations.deploy_keys import DeployKeys
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from tests.codegen.conftest import template_document

SPEC = EnvironmentSpec(workspace="bank", platform="hub", environment="production",
                       account="main", location="fsn1", app_server_type="cx22", app_servers=2,
                       ssh_from=("203.0.113.0/24", "2001:db8::/32"))
APP, DB = "wn-hub-production-app-1", "wn-hub-production-db-1"


def tool(name: str, path: str | None = None) -> str:
    found = path if path and Path(path).exists() else shutil.which(name)
    assert found, f"{name} is not installed; the test command installs it (scripts/lib.sh)"
    return found


@pytest.fixture
def keys() -> DeployKeys:
    return DeployKeys(KeyringSecretStore(MemoryKeyring()))


def made(keys: DeployKeys, server: str, site: PlatformSite | None = None,
         spec: EnvironmentSpec = SPEC, **extra: Any) -> tuple[str, dict[str, Any]]:
    _fingerprint, text = keys.server_user_data(spec, site or PlatformSite("hub"), server, **extra)
    return text, yaml.safe_load(text)


def written(config: dict[str, Any], path: str) -> str:
    found = [f for f in config["write_files"] if f["path"] == path]
    assert len(found) == 1, f"{path} is written {len(found)} times"
    return str(found[0]["content"])


def test_every_server_gets_user_data_that_reads_back_as_its_cloud_config(keys: DeployKeys) -> None:
    servers = [r.name for r in desired_state(SPEC) if r.kind is Kind.server]
    assert servers == ["wn-hub-production-app-1", "wn-hub-production-app-2", DB]
    for server in servers:
        fingerprint, text = keys.server_user_data(SPEC, PlatformSite("hub"), server)
        parsed = yaml.safe_load(text)
        assert text.startswith("#cloud-config\n")
        assert len(text.encode()) < USER_DATA_LIMIT
        access = keys.access_key(SPEC)
        found = keys.host_key(SPEC, server)
        assert access is not None and found is not None
        assert fingerprint == found[0].fingerprint  # what the console pins
        again = cloud_config(SPEC, PlatformSite("hub"), server, access_key=access.openssh,
                             host_key={"ssh_deletekeys": True, "ssh_genkeytypes": [],
                                       "ssh_keys": {"ed25519_private": found[1],
                                                    "ed25519_public": found[0].openssh}})
        assert parsed == again  # safe_dump of the dict, read back exactly
        assert parsed["users"][0]["name"] == "webnova"
        assert parsed["users"][0]["ssh_authorized_keys"] == [access.openssh]
        assert parsed["ssh_pwauth"] is False and parsed["disable_root"] is True
        assert "unattended-upgrades" in parsed["packages"]
        upgrades = written(parsed, "/etc/apt/apt.conf.d/20auto-upgrades")
        assert 'APT::Periodic::Unattended-Upgrade "1";' in upgrades


def test_the_server_keeps_the_console_made_host_key_and_nothing_else_secret(keys: DeployKeys) -> None:
    for server in (APP, DB):
        text, parsed = made(keys, server)
        found = keys.host_key(SPEC, server)
        assert found is not None
        public, private = found
        assert parsed["ssh_keys"] == {"ed25519_private": private, "ed25519_public": public.openssh}
        assert parsed["ssh_deletekeys"] is True and parsed["ssh_genkeytypes"] == []
        # one private key in the whole document: the host key, where cloud-init reads it
        assert text.count("PRIVATE KEY-----") == 2 and text.count(private.splitlines()[2]) == 1
        access_private = keys.secrets.get("deploy/bank/hub/production/access")
        assert access_private is not None
        body = access_private.splitlines()[2:-1]  # the first line is every key's common header
        assert body and not any(line in text for line in body)
        for user in parsed["users"]:
            assert user["lock_passwd"] is True
            assert not {"passwd", "plain_text_passwd", "hashed_passwd"} & set(user)
        assert "chpasswd" not in parsed
        assert re.findall(r"PASSWORD\s+'([^']*)'", text) == (
            ["$verifier"] if server == DB else [])  # the hook script's variable, no value
        assert "password=" not in text.lower() and "_PASSWORD" not in text


def test_the_host_firewall_matches_the_cloud_firewall(keys: DeployKeys) -> None:
    firewall = next(r for r in desired_state(SPEC) if r.kind is Kind.firewall)
    cloud = {(rule["port"], tuple(sorted(rule["source_ips"]))) for rule in firewall.spec["rules"]}
    assert cloud == {("80", ("0.0.0.0/0", "::/0")), ("443", ("0.0.0.0/0", "::/0")),
                     ("22", ("2001:db8::/32", "203.0.113.0/24"))}

    def allowed(config: dict[str, Any]) -> set[tuple[str, tuple[str, ...]]]:
        rules: dict[str, set[str]] = {}
        for command in config["runcmd"]:
            if command[:2] == ["ufw", "allow"] and command[2] == "from":
                rules.setdefault(command[7], set()).add(command[3])
            elif command[:2] == ["ufw", "allow"]:
                port = command[2].removesuffix("/tcp")
                rules.setdefault(port, set()).update({"0.0.0.0/0", "::/0"})
        return {(port, tuple(sorted(sources))) for port, sources in rules.items()}

    _text, app = made(keys, APP)
    _text, db = made(keys, DB)
    assert allowed(app) == cloud
    # the database server serves no web: SSH as the cloud firewall, PostgreSQL from the private subnet
    assert allowed(db) == {("22", ("2001:db8::/32", "203.0.113.0/24")), ("5432", ("10.0.1.0/24",))}
    for config in (app, db):
        ufw = [c for c in config["runcmd"] if c[0] == "ufw"]
        assert ufw[0] == ["ufw", "default", "deny", "incoming"] and ufw[-1] == ["ufw", "--force", "enable"]
    closed = replace(SPEC, ssh_from=())
    _text, no_ssh = made(keys, APP, spec=closed)
    assert all(port != "22" for port, _ in allowed(no_ssh))  # no networks listed: no SSH from outside


def test_sshd_accepts_the_drop_in_and_reads_it_as_keys_only(keys: DeployKeys, tmp_path: Path) -> None:
    sshd = tool("sshd", "/usr/sbin/sshd")
    _text, parsed = made(keys, APP)
    dropin = written(parsed, "/etc/ssh/sshd_config.d/01-webnova.conf")
    assert dropin == files.sshd_config()
    host_key = tmp_path / "host_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], check=True)
    config = tmp_path / "sshd_config"
    config.write_text(dropin.replace(files.HOST_KEY_PATH, str(host_key)), encoding="utf-8")
    command = [sshd, "-T", "-f", str(config)]
    if not Path("/run/sshd").is_dir():  # sshd wants its privilege separation directory
        assert os.geteuid() == 0, "sshd -T needs /run/sshd; run the tests as root or create it"
        command = ["unshare", "--mount", "sh", "-c",
                   'mount -t tmpfs tmpfs /run && mkdir -m 0755 /run/sshd && exec "$@"', "sh", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    effective = {tuple(line.split(" ", 1)) for line in result.stdout.splitlines()}
    for setting in (("passwordauthentication", "no"), ("kbdinteractiveauthentication", "no"),
                    ("permitrootlogin", "no"), ("pubkeyauthentication", "yes"),
                    ("authenticationmethods", "publickey"), ("allowusers", "webnova"),
                    ("permitemptypasswords", "no"), ("hostkeyalgorithms", "ssh-ed25519"),
                    ("hostkey", str(host_key))):
        assert setting in effective, setting
    assert [line for line in result.stdout.splitlines() if line.startswith("hostkey ")] == [
        f"hostkey {host_key}"]


def caddy_json(caddyfile: str, tmp_path: Path) -> dict[str, Any]:
    caddy = tool("caddy")
    path = tmp_path / "Caddyfile"
    path.write_text(caddyfile, encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    valid = subprocess.run([caddy, "validate", "--adapter", "caddyfile", "--config", str(path)],
                           capture_output=True, text=True, timeout=60, env=env)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    formatted = subprocess.run([caddy, "fmt", str(path)], capture_output=True, text=True, timeout=30)
    assert formatted.stdout == caddyfile  # written as caddy itself formats it
    adapted = subprocess.run([caddy, "adapt", "--adapter", "caddyfile", "--config", str(path)],
                             capture_output=True, text=True, timeout=30, env=env, check=True)
    return dict(json.loads(adapted.stdout))


def proxies(config: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("handler") == "reverse_proxy":
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(config)
    return found


def test_caddy_serves_the_domain_with_automatic_tls_in_front_of_the_app(keys: DeployKeys, tmp_path: Path) -> None:
    site = PlatformSite("hub", port=8123, domain="care.rawda-health.example")
    _text, parsed = made(keys, APP, site)
    config = caddy_json(written(parsed, "/etc/caddy/Caddyfile"), tmp_path)
    server = config["apps"]["http"]["servers"]["srv0"]
    assert server["listen"] == [":443"] and server["protocols"] == ["h1", "h2"]
    assert server["routes"][0]["match"] == [{"host": ["care.rawda-health.example"]}]
    assert "tls" not in config["apps"] or "internal" not in json.dumps(config["apps"]["tls"])
    [proxy] = proxies(config)
    assert proxy["upstreams"] == [{"dial": "127.0.0.1:8123"}]
    assert proxy["health_checks"]["active"]["uri"] == "/health"
    assert proxy["load_balancing"]["try_duration"] == 30_000_000_000  # requests wait out a restart
    assert "max-age=31536000" in json.dumps(config)


def test_caddy_uses_its_own_certificate_when_the_environment_has_no_domain(keys: DeployKeys, tmp_path: Path) -> None:
    _text, parsed = made(keys, APP)
    config = caddy_json(written(parsed, "/etc/caddy/Caddyfile"), tmp_path)
    policies = config["apps"]["tls"]["automation"]["policies"]
    assert [p["issuers"] for p in policies] == [[{"module": "internal"}]]
    assert policies[0]["on_demand"] is True
    [proxy] = proxies(config)
    assert proxy["upstreams"] == [{"dial": "127.0.0.1:8000"}]
    assert proxy["health_checks"]["active"]["uri"] == "/health"
    assert "Strict-Transport-Security" not in json.dumps(config)  # no HSTS for a self-signed name


def test_the_platform_unit_passes_systemd_analyze_verify(keys: DeployKeys, tmp_path: Path) -> None:
    analyze = tool("systemd-analyze")
    _text, parsed = made(keys, APP)
    paths = files.PlatformPaths("hub")
    unit = written(parsed, f"/etc/systemd/system/{paths.unit}")
    assert f"User={paths.user}\n" in unit and "Restart=on-failure\n" in unit
    assert f"ExecStart={paths.current}/bin/python -m uvicorn --factory hub_api.main:create_app " \
           "--host 127.0.0.1 --port 8000 " in unit
    # an offline root: the unit, the systemd units it refers to, and a release in place
    root = tmp_path / "root"
    (root / "etc/systemd/system").mkdir(parents=True)
    (root / f"etc/systemd/system/{paths.unit}").write_text(unit, encoding="utf-8")
    system = root / "usr/lib/systemd/system"
    system.mkdir(parents=True)
    for source in Path("/usr/lib/systemd/system").iterdir():
        if source.is_file() and source.suffix in (".target", ".slice"):
            shutil.copyfile(source, system / source.name)
    python = root / paths.current.lstrip("/") / "bin/python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\n", encoding="ascii")
    python.chmod(0o755)
    result = subprocess.run([analyze, "verify", f"--root={root}", f"/etc/systemd/system/{paths.unit}"],
                            capture_output=True, text=True, timeout=60)
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if paths.unit in line]
    assert result.returncode == 0 and not complaints, result.stdout + result.stderr
    # and the check bites: a unit systemd cannot read is refused
    (root / f"etc/systemd/system/{paths.unit}").write_text(unit.replace("Type=exec", "Type=bogus"),
                                                          encoding="utf-8")
    broken = subprocess.run([analyze, "verify", f"--root={root}", f"/etc/systemd/system/{paths.unit}"],
                            capture_output=True, text=True, timeout=60)
    assert any(paths.unit in line for line in broken.stderr.splitlines())


def test_the_app_server_prepares_the_release_folders_and_enables_the_unit(keys: DeployKeys) -> None:
    _text, parsed = made(keys, APP)
    paths = files.PlatformPaths("hub")
    assert {"caddy", "python3-venv"} <= set(parsed["packages"])
    platform_user = next(u for u in parsed["users"] if u["name"] == paths.user)
    assert platform_user["system"] is True and platform_user["shell"] == "/usr/sbin/nologin"
    assert ["systemctl", "enable", paths.unit] in parsed["runcmd"]
    assert ["install", "-d", "-o", "webnova", "-g", paths.user, "-m", "0750", paths.root,
            paths.releases] in parsed["runcmd"]
    assert parsed["runcmd"][-1] == ["systemctl", "try-reload-or-restart", "ssh.service"]
    assert not any("postgres" in " ".join(c) for c in parsed["runcmd"])


def test_the_database_server_mounts_its_volume_and_sets_up_postgresql(keys: DeployKeys) -> None:
    _text, parsed = made(keys, DB)
    names = files.database_names("hub")
    assert "caddy" not in parsed["packages"]
    assert [u["name"] for u in parsed["users"]] == ["webnova"]
    hba = written(parsed, files.PG_HBA_PATH)
    assert f"host {names.database} {names.migrator},{names.login} 10.0.1.0/24 scram-sha-256" in hba
    assert "trust" not in hba and "0.0.0.0" not in hba
    mount = ["/usr/local/sbin/webnova-mount-data", files.DATA_MOUNT]
    setup = ["/usr/local/sbin/webnova-postgres-setup", "10.0.1.0/24",
             f"{files.PG_CONFIG_DIR}/{names.database}-roles.sql"]
    assert parsed["runcmd"].index(mount) < parsed["runcmd"].index(setup)
    _text, known = made(keys, DB, volume_id="10432")
    assert [*mount, "10432"] in known["runcmd"]  # /dev/disk/by-id/scsi-0HC_Volume_10432


def test_the_installed_scripts_parse_in_the_shells(keys: DeployKeys, tmp_path: Path) -> None:
    _text, parsed = made(keys, DB)
    scripts = [f for f in parsed["write_files"] if f["path"].startswith("/usr/local/sbin/")]
    assert len(scripts) == 6
    for shell in ("sh", "bash"):
        found = tool(shell)
        for script in scripts:
            path = tmp_path / Path(script["path"]).name
            path.write_text(script["content"], encoding="utf-8")
            result = subprocess.run([found, "-n", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, (script["path"], result.stderr)
            assert script["content"].startswith("#!/bin/sh\n") and script["permissions"] == "0755"


def test_the_private_address_is_found_in_the_subnet_or_said_missing(tmp_path: Path) -> None:
    script = tmp_path / "webnova-private-address"
    script.write_text(server_scripts.PRIVATE_ADDRESS, encoding="utf-8")
    found = subprocess.run(["sh", str(script), "127.0.0.0/8", "1"], capture_output=True, text=True,
                           timeout=30)
    assert (found.returncode, found.stdout) == (0, "127.0.0.1\n"), found.stderr
    listed = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True,
                            check=True).stdout
    here = [ipaddress.ip_interface(line.split()[3]).ip for line in listed.splitlines()]
    absent = next(net for net in ("203.0.113.0/24", "198.51.100.0/24", "10.255.254.0/24")
                  if not any(address in ipaddress.ip_network(net) for address in here))
    missing = subprocess.run(["sh", str(script), absent, "1"], capture_output=True,
                             text=True, timeout=30)
    assert missing.returncode == 1 and missing.stdout == ""
    assert f"has no address in {absent}" in missing.stderr


def test_the_domain_comes_from_the_blueprint_environment() -> None:
    document = template_document("healthcare")
    assert platform_site(document, "production").domain == "care.rawda-health.example"
    assert platform_site(document, "production").key == document["key"]
    with pytest.raises(CloudSpecError, match="no environment 'qa'"):
        platform_site(document, "qa")


@pytest.mark.parametrize(("change", "setting", "words"), [
    ({"server": "wn-hub-production-app-9"}, "server", "is not a server of this environment"),
    ({"site": PlatformSite("hub", domain="Not A Domain")}, "domain", "is not a domain name"),
    ({"site": PlatformSite("hub", port=5432)}, "port", "must be 1024–65535 and not 5432"),
    ({"access_key": "-----BEGIN OPENSSH PRIVATE KEY-----"}, "access_key", "public OpenSSH Ed25519"),
    ({"host_key": {"ssh_keys": {}}}, "host_key", "host key part"),
    ({"volume_id": "../sda"}, "volume_id", "is not a volume id"),
])
def test_bad_input_is_refused_naming_the_setting(change: dict[str, Any], setting: str, words: str) -> None:
    arguments: dict[str, Any] = {
        "site": PlatformSite("hub"), "server": APP, "access_key": "ssh-ed25519 AAAAC3Nza console",
        "host_key": {"ssh_deletekeys": True, "ssh_genkeytypes": [], "ssh_keys": {}}, **change}
    with pytest.raises(CloudSpecError) as raised:
        server_user_data(SPEC, arguments.pop("site"), arguments.pop("server"), **arguments)
    assert raised.value.setting == setting and words in str(raised.value)
    assert raised.value.message_ar


def test_user_data_over_hetzners_limit_is_refused_with_its_size() -> None:
    with pytest.raises(CloudSpecError, match=r"is 4\d{4} bytes, more than the 32768 bytes"):
        user_data({"write_files": [{"path": "/big", "content": "x" * 40_000}]})


def test_a_platform_key_naming_postgresqls_own_database_is_refused() -> None:
    with pytest.raises(CloudSpecError, match="PostgreSQL's own"):
        files.database_names("template1")
