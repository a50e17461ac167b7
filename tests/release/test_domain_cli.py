"""``webnova domain show|check|apply`` end to end: a workspace with a cloud account on the
Hetzner simulator and staging applied with two app servers behind a load balancer; the
records pointing at the load balancer as the cloud has it; a loopback nameserver
(``--nameserver``) answering right, wrong and missing records; the real Caddy serving the
domain with its own authority (as before DNS points at it) and a server presenting a
certificate from a test authority (``--ca-file``) for the TLS status; a changed domain put
on both app servers over SSH through the real ``webnova-caddy-site`` hook (``sudo`` is a
shim running it as the server's throwaway login, ``systemctl reload caddy`` a script
reloading the test's Caddy)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from app.domain.release import server_files as files
from app.domain.release import server_scripts
from app.integrations.deploy_keys import DeployKeys
from app.integrations.hetzner_sim import HetznerSimulator
from app.services.deployments import spec_from_json
from tests.cli.test_readme_cloud import readme_blocks, run
from tests.release.test_release_deploy_cli import Cli
from tests.support.caddy import LoopbackCaddy
from tests.support.dns_server import LoopbackDns
from tests.support.sshd import Account, SshServer, start_sshd, throwaway_account
from tests.support.tls_site import TlsSite, make_ca_and_site

TOKEN = "hz-domain-token-0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
DOMAIN = "staging.hub.nordwind-group.example"
NEW = "shop.nordwind-group.example"
APPS = ("wn-hub-staging-app-1", "wn-hub-staging-app-2")
CAA = '0 issue "letsencrypt.org"'


@dataclass
class World:
    cli: Cli
    sim: HetznerSimulator
    keys: DeployKeys
    home: Path
    work: Path  # readable by the servers' throwaway login
    account: Account
    ipv4: str
    ipv6: str

    def set_domain(self, domain: str | None) -> None:
        set_domain(self.cli, self.home, domain)


def set_domain(cli: Cli, home: Path, domain: str | None) -> None:
    """The blueprint's staging domain changed (None: removed) the way an owner does it:
    exported, edited, imported as the next version. Staging keeps two app servers."""
    exported = home / "hub.yaml"
    cli.okay("blueprint", "export", "hub", "--format", "yaml", "--out", str(exported))
    document = yaml.safe_load(exported.read_text(encoding="utf-8"))
    staging = next(e for e in document["environments"] if e["name"] == "staging")
    staging.pop("domain", None)
    if domain is not None:
        staging["domain"] = domain
    staging["replicas"] = 2
    exported.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    cli.okay("blueprint", "import", str(exported))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    home = tmp_path_factory.mktemp("domain-home")
    work = Path(tempfile.mkdtemp(prefix="webnova-domain-"))
    account = throwaway_account()
    os.chown(work, account.uid, account.gid)
    work.chmod(0o755)
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        cli = Cli(home, sim.url)
        cli.okay("blueprint", "new", "--template", "enterprise", "--key", "hub")
        set_domain(cli, home, DOMAIN)  # two app servers: a load balancer in front
        cli.okay("cloud", "add", "main", "--provider", "hetzner", "--token-stdin", stdin=TOKEN + "\n")
        cli.okay("deploy", "plan", "hub", "--env", "staging", "--account", "main", "--location",
                 "fsn1", "--ssh-from", "127.0.0.0/8", "--out", str(home / "staging.json"))
        cli.okay("deploy", "apply", str(home / "staging.json"))
        [lb] = sim.state.resources["load_balancers"].values()
        old = dict(os.environ)
        os.environ.update({k: cli.env[k] for k in ("WEBNOVA_HOME", "WEBNOVA_KEYRING",
                                                    "WEBNOVA_KEYRING_PASSPHRASE")})
        try:
            from app.bootstrap import default_secret_store
            yield World(cli, sim, DeployKeys(default_secret_store()), home, work, account,
                        lb["public_net"]["ipv4"]["ip"], lb["public_net"]["ipv6"]["ip"])
        finally:
            os.environ.clear()
            os.environ.update(old)
            account.remove()
            shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def caddy(world: World) -> Iterator[LoopbackCaddy]:
    folder = world.work / "caddy"
    folder.mkdir()
    os.chown(folder, world.account.uid, world.account.gid)
    running = LoopbackCaddy.ports(folder)
    running.start(files.caddyfile(files.PlatformPaths("hub"), DOMAIN))
    try:
        yield running
    finally:
        running.stop()


def records(world: World, a: list[str], aaaa: list[str], caa: list[str]) -> dict[tuple[str, str], list[str]]:
    found = {(DOMAIN, "A"): a, (DOMAIN, "AAAA"): aaaa, (DOMAIN, "CAA"): caa}
    found[("other.nordwind-group.example", "A")] = [world.ipv4]
    return found


def test_show_names_the_records_pointing_at_the_load_balancer(world: World) -> None:
    shown = json.loads(world.cli.okay("domain", "show", "hub", "--env", "staging", "--json"))
    assert shown["domain"] == DOMAIN and shown["internal_url"] is None
    assert shown["entry_point"] == {"kind": "load_balancer", "names": ["wn-hub-staging-lb"],
                                    "ipv4": [world.ipv4], "ipv6": [world.ipv6]}
    assert [(r["name"], r["type"], r["values"], r["optional"]) for r in shown["records"]] == [
        (DOMAIN, "A", [world.ipv4], False), (DOMAIN, "AAAA", [world.ipv6], False),
        (DOMAIN, "CAA", [CAA], True)]
    text = world.cli.okay("domain", "show", "hub", "--env", "staging")
    assert f"hub staging: domain {DOMAIN}" in text
    assert f"entry point: load balancer wn-hub-staging-lb ({world.ipv4}, {world.ipv6})" in text
    assert "Create these records at your DNS provider:" in text
    assert [line.split()[:3] for line in text.splitlines() if line.startswith(DOMAIN)] == [
        [DOMAIN, "A", world.ipv4], [DOMAIN, "AAAA", world.ipv6], [DOMAIN, "CAA", "0"]]
    assert "optional: only Let's Encrypt may issue" in text


def test_check_names_wrong_and_missing_records_and_caddys_own_certificate(
        world: World, caddy: LoopbackCaddy) -> None:
    with LoopbackDns(records(world, ["198.51.100.23"], [], [])) as dns:
        done = world.cli.call("domain", "check", "hub", "--env", "staging", "--nameserver",
                              dns.address, "--reach", f"127.0.0.1:{caddy.https_port}")
        assert (DOMAIN, "A") in dns.queries and (DOMAIN, "AAAA") in dns.queries
    assert done.returncode == 1, done.stderr
    rows = {line.split()[1]: line for line in done.stdout.splitlines() if line.startswith(DOMAIN)}
    assert rows["A"].split()[2:4] == [world.ipv4, "198.51.100.23"]
    assert rows["A"].endswith("wrong: points at 198.51.100.23, not the entry point; lacks "
                              f"{world.ipv4}")
    assert rows["AAAA"].endswith("missing") and rows["CAA"].endswith("missing (optional)")
    assert (f"TLS {DOMAIN} at 127.0.0.1:{caddy.https_port}: Caddy's internal certificate (not "
            "publicly trusted) — DNS not pointing here yet?") in done.stdout
    assert "issuer: Caddy Local Authority" in done.stdout
    assert f"valid for {DOMAIN}: yes; trusted: no" in done.stdout
    assert done.stdout.splitlines()[-1] == "DNS NOT good, TLS NOT good"


def test_check_is_good_with_the_right_records_and_a_trusted_certificate(
        world: World, tmp_path: Path) -> None:
    ca, chain, key = make_ca_and_site(tmp_path, DOMAIN, days=60)
    right = records(world, [world.ipv4], [world.ipv6.replace("::1", ":0:0::1")], [CAA])
    with LoopbackDns(right) as dns, TlsSite(chain, key) as site:
        args = ("domain", "check", "hub", "--env", "staging", "--nameserver", dns.address,
                "--reach", f"127.0.0.1:{site.port}")
        good = world.cli.call(*args, "--ca-file", str(ca), "--json")
        untrusted = world.cli.call(*args)
    assert good.returncode == 0, good.stdout + good.stderr
    checked = json.loads(good.stdout)
    assert [r["state"] for r in checked["records"]] == ["ok", "ok", "ok"]
    assert checked["good"] and checked["dns_good"] and checked["tls_good"]
    assert checked["tls"]["trusted"] and checked["tls"]["days_left"] in (59, 60)
    assert checked["tls"]["issuer"] == "WebNova Test Root CA, WebNova Test Trust"
    assert untrusted.returncode == 1
    assert "not trusted: unable to get local issuer certificate" in untrusted.stdout
    assert untrusted.stdout.splitlines()[-1] == "DNS good, TLS NOT good"


def test_bad_options_are_usage_errors_naming_them(world: World) -> None:
    bad = world.cli.call("domain", "check", "hub", "--env", "staging", "--nameserver", "1.2.3.4:x")
    assert bad.returncode == 2
    assert "error: --nameserver '1.2.3.4:x': expected HOST[:PORT]" in bad.stderr
    missing = world.cli.call("domain", "check", "hub", "--env", "staging", "--ca-file", "nope.pem")
    assert missing.returncode == 2 and "error: --ca-file nope.pem: no such file" in missing.stderr
    unknown = world.cli.call("domain", "show", "hub", "--env", "qa")
    assert unknown.returncode == 1 and "qa" in unknown.stderr


def servers(world: World, caddy: LoopbackCaddy) -> tuple[list[str], list[Path], list[SshServer]]:
    """One sshd per app server (its console-made host key), each with a sudo shim running
    the real hook on a Caddyfile of its own; the ``--reach`` options to them."""
    spec = spec_from_json(json.loads((world.home / "staging.json").read_text())["spec"])
    access = world.keys.access_key(spec)
    assert access is not None
    hook = world.work / "webnova-caddy-site"
    hook.write_text(server_scripts.CADDY_SITE_SCRIPT, encoding="utf-8")
    hook.chmod(0o755)
    reach: list[str] = []
    targets: list[Path] = []
    running: list[SshServer] = []
    for name in APPS:
        shims = world.work / f"shims-{name}"
        shims.mkdir(mode=0o755, exist_ok=True)  # the module's tests may each ask for them
        target = caddy.folder / name / f"{name}.Caddyfile"
        target.parent.mkdir(exist_ok=True)
        target.write_text(files.caddyfile(files.PlatformPaths("hub"), DOMAIN), encoding="utf-8")
        for path in (target.parent, target):
            os.chown(path, world.account.uid, world.account.gid)
        sudo = shims / "sudo"
        sudo.write_text(
            "#!/bin/sh\n# stands in for sudo: runs the command as this account\n"
            '[ "$1" = "-n" ] && shift\n'
            f'if [ "$1" = {server_scripts.CADDY_SITE} ]; then shift; set -- {hook} "$@"; fi\n'
            f'export WEBNOVA_CADDYFILE="{target}" WEBNOVA_CADDY_RELOAD="{caddy.reload_shim(target)}"\n'
            f'export XDG_DATA_HOME="{caddy.folder}/{name}-data" XDG_CONFIG_HOME="{caddy.folder}/{name}-config"\n'
            'exec "$@"\n', encoding="utf-8")
        sudo.chmod(0o755)
        made = world.keys.host_key(spec, name)
        assert made is not None
        sshd = start_sshd(made[1], [access.openssh], world.account,
                          [f"SetEnv PATH={shims}:/usr/local/bin:/usr/bin:/bin"])
        running.append(sshd)
        reach += ["--reach", f"{name}={world.account.name}@127.0.0.1:{sshd.port}"]
        targets.append(target)
    return reach, targets, running


def test_a_changed_domain_reaches_the_servers(world: World, caddy: LoopbackCaddy) -> None:
    reach, targets, running = servers(world, caddy)
    try:
        world.set_domain(NEW)
        shown = json.loads(world.cli.okay("domain", "show", "hub", "--env", "staging", "--json"))
        assert shown["domain"] == NEW and {r["name"] for r in shown["records"]} == {NEW}
        applied = world.cli.okay("domain", "apply", "hub", "--env", "staging", *reach)
        assert applied.splitlines() == [f"{name}: Caddy serves {NEW}" for name in APPS]
        for target in targets:
            assert target.read_text(encoding="utf-8") == files.caddyfile(files.PlatformPaths("hub"), NEW)
        assert NEW in caddy.config() and DOMAIN not in caddy.config()
        with LoopbackDns({(NEW, "A"): [world.ipv4]}) as dns:
            checked = json.loads(world.cli.call(
                "domain", "check", "hub", "--env", "staging", "--nameserver", dns.address,
                "--reach", f"127.0.0.1:{caddy.https_port}", "--json").stdout)
        assert checked["tls"]["names"] == [NEW] and checked["tls"]["caddy_internal"]
        assert [r["state"] for r in checked["records"]] == ["ok", "missing", "missing"]
        # No domain: Caddy's own certificate at the load balancer's address.
        world.set_domain(None)
        none = world.cli.okay("domain", "show", "hub", "--env", "staging")
        assert (f"hub staging: domain none: the platform is served with the console's internal "
                f"certificate at https://{world.ipv4}") in none
        world.cli.okay("domain", "apply", "hub", "--env", "staging", *reach)
        assert "tls internal" in targets[0].read_text(encoding="utf-8")
        refused = world.cli.call("domain", "check", "hub", "--env", "staging")
        assert refused.returncode == 1
        assert "error: hub staging has no domain: set environments[].domain" in refused.stderr
        # A server that cannot take the file is named, and so is the one already changed.
        targets[1].parent.chmod(0o555)
        world.set_domain(NEW)
        half = world.cli.call("domain", "apply", "hub", "--env", "staging", *reach)
        assert half.returncode == 1
        assert f"error: {APPS[1]}: the site was not changed: " in half.stderr
        assert f"(already changed: {APPS[0]}; run it again)" in half.stderr
        assert NEW in targets[0].read_text(encoding="utf-8")
        assert "tls internal" in targets[1].read_text(encoding="utf-8")
        targets[1].parent.chmod(0o755)
        world.cli.okay("domain", "apply", "hub", "--env", "staging", *reach)
        assert NEW in targets[1].read_text(encoding="utf-8")
        audit = json.loads(world.cli.okay("audit", "list", "--action", "domain.apply", "--json"))
        assert [(e["actor"], e["subject"], e["outcome"]) for e in reversed(audit["entries"])] == [
            ("owner", "hub/staging", "done"), ("owner", "hub/staging", "done"),
            ("owner", "hub/staging", "failed"), ("owner", "hub/staging", "done")]
        assert world.cli.call("audit", "verify").returncode == 0
    finally:
        for sshd in running:
            sshd.stop()


def test_the_readme_domain_change_commands_work_as_written(world: World, caddy: LoopbackCaddy,
                                                           tmp_path: Path) -> None:
    """The README's block changing the domain, run verbatim in a shell: from staging's
    template domain to another, put on both app servers, then checked good (the right
    records at a loopback nameserver, a certificate for the new name from a test authority)."""
    _show, change = readme_blocks("### Custom domains")
    world.set_domain(DOMAIN)  # as the README's staging has it
    reach, targets, running = servers(world, caddy)
    ca, chain, key = make_ca_and_site(tmp_path, NEW, days=90)
    right = {(NEW, "A"): [world.ipv4], (NEW, "AAAA"): [world.ipv6], (NEW, "CAA"): [CAA]}
    try:
        with LoopbackDns(right) as dns, TlsSite(chain, key) as site:
            env = {**world.cli.env, "WEBNOVA_USER": "owner", "APP1_REACH": reach[1],
                   "APP2_REACH": reach[3], "NAMESERVER": dns.address,
                   "TLS_REACH": f"127.0.0.1:{site.port}", "CA_FILE": str(ca)}
            assert reach[1].startswith(f"{APPS[0]}=") and reach[3].startswith(f"{APPS[1]}=")
            done = run(change, env, world.home)
        assert done.returncode == 0, done.stdout + done.stderr
        lines = done.stdout.splitlines()
        assert [f"{name}: Caddy serves {NEW}" for name in APPS] == [
            line for line in lines if line.startswith("wn-hub-staging-app-")]
        assert [line.split()[1] for line in lines if line.startswith(NEW)] == ["A", "AAAA", "CAA"]
        assert lines[-1] == "DNS good, TLS good"
        for target in targets:
            assert target.read_text(encoding="utf-8") == files.caddyfile(files.PlatformPaths("hub"), NEW)
        shown = json.loads(world.cli.okay("domain", "show", "hub", "--env", "staging", "--json"))
        assert shown["domain"] == NEW
    finally:
        for sshd in running:
            sshd.stop()
