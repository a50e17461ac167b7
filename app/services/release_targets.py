"""Where a release of a platform environment goes, and what it runs with.

From the environment's last applied infrastructure (its settings from
``Deployments.last_spec``, its servers read from the cloud account by label): the app
servers and the database server (``webnova.role``), their public addresses, and the
database server's address in the environment's private network — the address the
provider reports for the server in that network (Hetzner assigns it in the network's
subnet), which is where PostgreSQL listens and where the app servers connect.

The platform's secrets are made once per environment and kept only in the keyring:
``JWT_SECRET``, ``FIELD_INDEX_KEY``, ``FIELD_ENCRYPTION_KEYS`` (a Fernet key),
``METERING_TOKEN`` (what the console pulls the tenants' usage with, ``webnova usage pull``)
and the passwords of the migrating login and of the login the platform runs as. The database
server gets the logins' SCRAM verifiers, never the passwords, through the
``webnova-db-passwords`` hook (verifiers on standard input, never in a command line). The
app servers get the settings on standard input as well (see ``ReleaseDeployer``).

A server may be reached at another address than its public one (a tunnel, a bastion):
``reach`` maps a server's name to ``[USER@]HOST:PORT``.
"""

from __future__ import annotations

import base64
import os
import re
import secrets as random
import shlex
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

from app.domain.cloud.model import LABEL_ROLE, EnvironmentSpec
from app.domain.errors import WebNovaError
from app.domain.redaction import redactor
from app.domain.release import server_files as files
from app.domain.release.pg_scram import scram_verifier
from app.domain.release.server_scripts import BACKUP_DIR
from app.domain.release.server_setup import PlatformSite
from app.services.cloud_ports import CloudProvider, CloudResource, ResourceKind
from app.services.platform_usage import METERING_TOKEN, RemoteUsageFeed
from app.services.platform_usage import PATH as USAGE_PATH
from app.services.ports import SecretStore
from app.services.release_deploy import AppServer, DatabaseServer, shell_value
from app.services.remote_ports import RemoteHost

SETTINGS = ("JWT_SECRET", "FIELD_INDEX_KEY", "FIELD_ENCRYPTION_KEYS", "METERING_TOKEN")
PASSWORDS = ("migrator", "login")
HOOK = "/usr/local/sbin/webnova-db-passwords"
BACKUPS = BACKUP_DIR  # on the database server's volume
PG_PORT = 5432
_REACH = re.compile(r"^(?P<server>[A-Za-z0-9.-]+)=(?:(?P<user>[a-z_][a-z0-9_-]{0,31})@)?"
                    r"(?P<host>\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+):(?P<port>[0-9]{1,5})$")


class ReleaseTargetError(WebNovaError):
    pass


@dataclass(frozen=True)
class Reach:
    """Where to open SSH to a server instead of its public address."""

    host: str
    port: int
    user: str | None = None


def parse_reach(values: Sequence[str]) -> dict[str, Reach]:
    """``SERVER=[USER@]HOST:PORT`` options, each checked (a bad one is named)."""
    found: dict[str, Reach] = {}
    for value in values:
        match = _REACH.match(value.strip())
        port = int(match["port"]) if match else 0
        if match is None or not 1 <= port <= 65535:
            raise ReleaseTargetError(f"--reach {value!r}: expected SERVER=[USER@]HOST:PORT "
                                     "(e.g. wn-hub-staging-app-1=127.0.0.1:2222)")
        if match["server"] in found:
            raise ReleaseTargetError(f"--reach names {match['server']} twice")
        found[match["server"]] = Reach(match["host"].strip("[]"), port, match["user"])
    return found


@dataclass(frozen=True)
class ServerAddress:
    name: str
    role: str  # app or db
    public: str | None
    private: str | None


class SpecSource(Protocol):
    def last_spec(self, platform: str, environment: str) -> EnvironmentSpec: ...


HostFactory = Callable[[EnvironmentSpec, str, str, int, str], RemoteHost]
"""(spec, server, address, port, user) -> the SSH connection pinning the server's host key."""


def environment_servers(provider: CloudProvider, spec: EnvironmentSpec) -> list[ServerAddress]:
    """The environment's servers as the cloud has them, app servers first (by name)."""
    networks = provider.list_by_labels(ResourceKind.NETWORK, spec.labels())
    network_ids = {n.id for n in networks}
    found = []
    for server in provider.list_by_labels(ResourceKind.SERVER, spec.labels()):
        found.append(ServerAddress(server.name, str(server.labels.get(LABEL_ROLE, "")),
                                   _text(server.attributes.get("address")),
                                   _private(server, network_ids)))
    return sorted(found, key=lambda s: (s.role != "app", s.name))


def _text(value: object) -> str | None:
    return str(value) if value else None


def _private(server: CloudResource, network_ids: set[str]) -> str | None:
    addresses = server.attributes.get("private_addresses") or {}
    for network, address in sorted(dict(addresses).items()):
        if str(network) in network_ids and address:
            return str(address)
    return None


@dataclass
class Targets:
    """Everything ``ReleaseDeployer.deploy`` needs for one environment."""

    spec: EnvironmentSpec
    servers: list[AppServer]
    database: DatabaseServer | None
    settings: dict[str, str] = field(repr=False)
    migrate_settings: dict[str, str] = field(repr=False)
    hosts: list[RemoteHost] = field(default_factory=list, repr=False)

    async def close(self) -> None:
        for host in self.hosts:
            await host.close()


class PlatformSecrets:
    """The environment's platform secrets, made once, kept only in the keyring."""

    def __init__(self, store: SecretStore) -> None:
        self.store = store

    @staticmethod
    def _name(spec: EnvironmentSpec, key: str) -> str:
        return PlatformSecrets.name(spec.workspace, spec.platform, spec.environment, key)

    @staticmethod
    def name(workspace: str, platform: str, environment: str, key: str) -> str:
        return f"deploy/{workspace}/{platform}/{environment}/settings/{key}"

    def get(self, spec: EnvironmentSpec, key: str) -> str:
        return self.get_named(self._name(spec, key), key)

    def get_named(self, name: str, key: str) -> str:
        value = self.store.get(name)
        if value is None:
            value = _new_secret(key)
            self.store.set(name, value)
        redactor.register(value)
        return value


def _new_secret(key: str) -> str:
    if key == "FIELD_ENCRYPTION_KEYS":  # one Fernet key: 32 random bytes, URL-safe base64
        return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")
    return random.token_urlsafe(48)


class ReleaseTargets:
    def __init__(self, specs: SpecSource,
                 connect_cloud: Callable[[str], AbstractContextManager[CloudProvider]],
                 secret_store: SecretStore, host_factory: HostFactory,
                 site_of: Callable[[str, str], PlatformSite]) -> None:
        self.specs = specs
        self.connect_cloud = connect_cloud
        self.secrets = PlatformSecrets(secret_store)
        self.host_factory = host_factory
        self.site_of = site_of

    def servers(self, platform: str, environment: str) -> tuple[EnvironmentSpec, list[ServerAddress]]:
        spec = self.specs.last_spec(platform, environment)
        with self.connect_cloud(spec.account) as provider:
            found = environment_servers(provider, spec)
        if not any(s.role == "app" for s in found):
            raise ReleaseTargetError(f"{platform} {environment} has no app server in cloud account "
                                     f"{spec.account!r}; apply its infrastructure first "
                                     f"('webnova deploy plan {platform} --env {environment} ...')")
        return spec, found

    def usage_feed(self, platform: str, environment: str,
                   reach: Mapping[str, Reach]) -> RemoteUsageFeed:
        """The platform's usage through the proxy on the environment's first app server,
        asked with the environment's metering token."""
        spec, found = self.servers(platform, environment)
        self._check_reach(platform, environment, found, reach)
        server = next(s for s in found if s.role == "app")
        site = self.site_of(platform, environment)
        return RemoteUsageFeed(server.name, self._host(spec, server, reach),
                               f"https://127.0.0.1{USAGE_PATH}", site.domain or f"{site.key}.internal",
                               self.secrets.get(spec, METERING_TOKEN))

    def _host(self, spec: EnvironmentSpec, server: ServerAddress,
              reach: Mapping[str, Reach]) -> RemoteHost:
        via = reach.get(server.name)
        if via is not None:
            return self.host_factory(spec, server.name, via.host, via.port,
                                     via.user or files.SERVICE_USER)
        if server.public is None:
            raise ReleaseTargetError(f"{server.name} has no public address; reach it through a "
                                     f"tunnel with --reach {server.name}=HOST:PORT")
        return self.host_factory(spec, server.name, server.public, 22, files.SERVICE_USER)

    def app_hosts(self, platform: str, environment: str,
                  reach: Mapping[str, Reach]) -> list[tuple[str, RemoteHost]]:
        """The environment's app servers with their SSH connections (not opened yet)."""
        spec, found = self.servers(platform, environment)
        self._check_reach(platform, environment, found, reach)
        return [(s.name, self._host(spec, s, reach)) for s in found if s.role == "app"]

    @staticmethod
    def _check_reach(platform: str, environment: str, found: Sequence[ServerAddress],
                     reach: Mapping[str, Reach]) -> None:
        unknown = sorted(set(reach) - {s.name for s in found})
        if unknown:
            raise ReleaseTargetError(f"--reach names {', '.join(unknown)}, not a server of "
                                     f"{platform} {environment} (its servers: "
                                     f"{', '.join(s.name for s in found)})")

    def open(self, platform: str, environment: str, reach: Mapping[str, Reach]) -> Targets:
        """The environment's app servers and database server with their SSH connections
        (not opened yet), and the settings the release runs with."""
        spec, found = self.servers(platform, environment)
        self._check_reach(platform, environment, found, reach)
        site = self.site_of(platform, environment)
        paths = files.PlatformPaths(site.key)
        names = files.database_names(site.key)
        db = next((s for s in found if s.role == "db"), None)
        hosts: list[RemoteHost] = []
        apps = []
        for server in (s for s in found if s.role == "app"):
            host = self._host(spec, server, reach)
            hosts.append(host)
            apps.append(AppServer(server.name, host, paths.root, "https://127.0.0.1/health",
                                  paths.unit, site.port, paths.package,
                                  health_host=site.domain or f"{site.key}.internal"))
        database = None
        settings = {key: self.secrets.get(spec, key) for key in SETTINGS}
        migrate: dict[str, str] = {}
        if db is not None:
            if db.private is None:
                raise ReleaseTargetError(f"the cloud reports no private address for {db.name} in "
                                         f"the network of {platform} {environment}")
            host = self._host(spec, db, reach)
            hosts.append(host)
            backup_dir = f"{BACKUPS}/{site.key}"
            database = DatabaseServer(db.name, host, backup_dir, f"{backup_dir}.env",
                                      names.database)
            settings["DATABASE_URL"] = self._url(names.login, self.secrets.get(spec, "login"),
                                                 db.private, names.database)
            migrate["DATABASE_URL"] = self._url(names.migrator, self.secrets.get(spec, "migrator"),
                                                db.private, names.database)
        return Targets(spec, apps, database, settings, migrate, hosts)

    @staticmethod
    def _url(user: str, password: str, address: str, database: str) -> str:
        return (f"postgresql+psycopg://{user}:{quote(password, safe='')}@{address}:{PG_PORT}/"
                f"{database}")

    async def prepare_database(self, targets: Targets) -> None:
        """Give the database server the logins' SCRAM verifiers (the hook sets them in one
        transaction and removes its file) and what ``pg_dump`` needs to back up the
        platform's database as the migrating login. Safe to run again."""
        database = targets.database
        if database is None:
            return
        spec = targets.spec
        names = files.database_names(self.site_of(spec.platform, spec.environment).key)
        lines = "".join(f"{role} {scram_verifier(self.secrets.get(spec, which))}\n"
                        for role, which in ((names.migrator, "migrator"), (names.login, "login")))
        await database.host.run(
            'set -eu; umask 077; f=$(mktemp "$HOME/.webnova-db-passwords.XXXXXX"); '
            "trap 'rm -f \"$f\"' EXIT; cat > \"$f\"; " f"sudo -n {HOOK} \"$f\"",
            check=True, input=lines, timeout=120)
        url = targets.migrate_settings["DATABASE_URL"]
        host = url.rsplit("@", 1)[1].split(":", 1)[0]
        values = {"PGHOST": host, "PGPORT": str(PG_PORT), "PGUSER": names.migrator,
                  "PGPASSWORD": self.secrets.get(spec, "migrator"), "PGDATABASE": names.database}
        env = "".join(f"{k}={shell_value(v)}\n" for k, v in values.items())
        q = shlex.quote
        await database.host.run(
            f'set -eu; sudo -n install -d -m 0700 -o "$(id -un)" -g "$(id -gn)" {q(BACKUPS)}; '
            f"umask 077; mkdir -p {q(database.backup_dir)}; cat > {q(database.env_file)}.new; "
            f"mv {q(database.env_file)}.new {q(database.env_file)}",
            check=True, input=env, timeout=60)
