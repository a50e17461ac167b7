"""The deployment files of a generated platform give a service people can reach over
HTTPS: Caddy publishes 80 and 443 and forwards to the API, which listens only on the
internal network; cloud-init opens those ports and says which certificate to get."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.services.codegen import CodegenService
from tests.codegen.conftest import blueprint_of, template_document


@dataclass
class Block:
    """One Caddyfile directive: its words and, when it opens braces, what is inside."""

    words: list[str]
    body: list[Block] = field(default_factory=list)

    def find(self, name: str) -> list[Block]:
        return [b for b in self.body if b.words and b.words[0] == name]


def parse_caddyfile(text: str) -> Block:
    root = Block([])
    stack = [root]
    for number, line in enumerate(text.splitlines(), 1):
        words = shlex.split(line, comments=True)
        if not words:
            continue
        if words == ["}"]:
            stack.pop()
            assert stack, f"line {number}: a closing brace with nothing open"
            continue
        opens = words[-1] == "{"
        block = Block(words[:-1] if opens else words)
        stack[-1].body.append(block)
        if opens:
            stack.append(block)
    assert len(stack) == 1, "an opening brace is never closed"
    return root


def expand(text: str, environment: dict[str, str]) -> str:
    """Caddy's ``{$NAME:default}`` placeholders, as Caddy replaces them before parsing."""
    return re.sub(r"\{\$([A-Z_]+)(?::([^}]*))?\}",
                  lambda m: environment.get(m.group(1)) or m.group(2) or "", text)


def generated(codegen: CodegenService, root: Path, document: dict[str, Any]) -> dict[str, str]:
    codegen.generate_now(blueprint_of(document), root, version=1)
    names = ("compose.yaml", "deploy/Caddyfile", "deploy/cloud-init.yaml", ".env.example", "Dockerfile")
    return {name: (root / name).read_text(encoding="utf-8") for name in names}


def without_production_domain() -> dict[str, Any]:
    document = template_document("healthcare")
    for environment in document["environments"]:
        if environment["name"] == "production":
            environment.pop("domain", None)
    return document


@pytest.fixture(scope="module")
def platforms(tmp_path_factory: pytest.TempPathFactory, renderer: Any) -> dict[str, dict[str, str]]:
    from app.integrations.git_repo import open_platform_repository
    from app.integrations.platform_lock import PipLocks
    from app.store.platform_registry import JsonPlatformRegistry

    folder = tmp_path_factory.mktemp("deploy")
    codegen = CodegenService(renderer, open_platform_repository, JsonPlatformRegistry(folder / "platforms.json"),
                             locks=PipLocks())
    return {
        "domain": generated(codegen, folder / "with-domain", template_document("education")),
        "none": generated(codegen, folder / "without-domain", without_production_domain()),
    }


@pytest.mark.parametrize("kind", ["domain", "none"])
def test_only_the_proxy_is_published_and_it_reaches_the_api(platforms: dict[str, dict[str, str]], kind: str) -> None:
    compose = yaml.safe_load(platforms[kind]["compose.yaml"])
    services = compose["services"]
    assert set(services) == {"db", "api", "proxy"}
    published = {name: s["ports"] for name, s in services.items() if s.get("ports")}
    assert set(published) == {"proxy"}
    assert {"80:80", "443:443"} <= set(published["proxy"])
    internal = {name for name, network in compose["networks"].items() if (network or {}).get("internal")}
    assert services["api"]["networks"] == ["internal"] and "internal" in internal
    assert services["db"]["networks"] == ["internal"]
    assert "internal" in services["proxy"]["networks"] and set(services["proxy"]["networks"]) - internal
    assert services["api"]["expose"] == ["8000"]
    mounts = services["proxy"]["volumes"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in mounts
    assert all(m.split(":")[0] in compose["volumes"] for m in mounts if not m.startswith("./"))


@pytest.mark.parametrize("kind", ["domain", "none"])
def test_the_caddyfile_proxies_to_the_api_over_https(platforms: dict[str, dict[str, str]], kind: str) -> None:
    files = platforms[kind]
    compose = yaml.safe_load(files["compose.yaml"])
    proxy_env = compose["services"]["proxy"]["environment"]
    text = files["deploy/Caddyfile"]
    assert set(re.findall(r"\{\$([A-Z_]+)", text)) == set(proxy_env)
    env = dict(line.split("=", 1) for line in files[".env.example"].splitlines()
               if line and not line.startswith("#"))
    assert env["TLS_MODE"] == ("acme" if kind == "domain" else "internal")
    assert env["PLATFORM_DOMAIN"] == ("campus.hanse-university.example" if kind == "domain" else "localhost")
    for mode in ("acme", "internal"):
        root = parse_caddyfile(expand(text, {"PLATFORM_DOMAIN": env["PLATFORM_DOMAIN"], "TLS_MODE": mode}))
        snippets = {b.words[0].strip("()"): b for b in root.body if b.words and b.words[0].startswith("(")}
        assert root.body[0].words == [] and root.body[0].find("default_sni")  # global options first
        sites = [b for b in root.body if b.words and not b.words[0].startswith("(")]
        assert [s.words for s in sites] == [[env["PLATFORM_DOMAIN"]]]
        site = sites[0]
        assert [b.words for b in site.find("reverse_proxy")] == [["reverse_proxy", "api:8000"]]
        host, port = site.find("reverse_proxy")[0].words[1].split(":")
        assert host in compose["services"] and port in compose["services"][host]["expose"]
        imported = site.find("import")[0].words[1]
        assert imported == f"tls_{mode}" and imported in snippets
        tls = snippets[imported].find("tls")
        assert tls and (tls[0].words == ["tls", "internal"] if mode == "internal"
                        else tls[0].find("issuer")[0].words == ["issuer", "acme"])


def test_cloud_init_opens_80_and_443_and_names_the_address(platforms: dict[str, dict[str, str]]) -> None:
    for kind, files in platforms.items():
        text = files["deploy/cloud-init.yaml"]
        assert text.startswith("#cloud-config\n")
        config = yaml.safe_load(text)
        commands = [c for c in config["runcmd"] if isinstance(c, str)]
        assert {"ufw allow 80/tcp", "ufw allow 443/tcp"} <= set(commands)
        assert not any(re.search(r"ufw allow 8000", c) for c in commands)
        script = next(c for c in commands if ".env" in c and "docker compose up" in c)
        if kind == "domain":
            assert 'echo "PLATFORM_DOMAIN=campus.hanse-university.example"' in script
            assert 'echo "TLS_MODE=acme"' in script
        else:
            assert 'echo "PLATFORM_DOMAIN=$(hostname -I' in script and 'echo "TLS_MODE=internal"' in script
        assert "--forwarded-allow-ips" in files["Dockerfile"]


@pytest.mark.parametrize("mode", ["acme", "internal"])
def test_caddy_itself_accepts_the_caddyfile(platforms: dict[str, dict[str, str]], tmp_path: Path, mode: str) -> None:
    caddy = shutil.which("caddy")
    assert caddy, "caddy is not installed (scripts/test installs it with the other test packages)"
    config = tmp_path / "Caddyfile"
    config.write_text(platforms["domain"]["deploy/Caddyfile"], encoding="utf-8")
    env = {**os.environ, "PLATFORM_DOMAIN": "campus.example.org", "TLS_MODE": mode,
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    adapted = subprocess.run([caddy, "adapt", "--config", str(config), "--adapter", "caddyfile", "--validate"],
                             capture_output=True, text=True, timeout=60, env=env, check=False)
    assert adapted.returncode == 0, adapted.stderr
    policies = json.loads(adapted.stdout)["apps"]["tls"]["automation"]["policies"]
    assert policies == [{"subjects": ["campus.example.org"], "issuers": [{"module": mode}]}]
    assert '"dial":"api:8000"' in adapted.stdout.replace(" ", "")


def test_the_api_connects_as_its_own_role_not_the_database_owner(platforms: dict[str, dict[str, str]]) -> None:
    """The owner (a superuser in the postgres image) would see every tenant's rows: it only
    migrates, and the API's own login role is held by row-level security."""
    files = platforms["domain"]
    api = yaml.safe_load(files["compose.yaml"])["services"]["api"]["environment"]
    owner, own = (re.findall(r"postgresql\+psycopg://([^:]+):\$\{(\w+)", api[name])[0]
                  for name in ("MIGRATION_DATABASE_URL", "DATABASE_URL"))
    assert owner == ("platform", "POSTGRES_PASSWORD") and own[0] != "platform"
    assert f"{own[1]}=" in files[".env.example"] and f'echo "{own[1]}=$(openssl rand' in files["deploy/cloud-init.yaml"]
    command = files["Dockerfile"].splitlines()[-1]
    assert 'alembic -x url=\\"${MIGRATION_DATABASE_URL:-$DATABASE_URL}\\" upgrade head' in command
    assert command.index("manage database-login") < command.index("exec uvicorn")
