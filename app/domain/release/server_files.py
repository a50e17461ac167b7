"""The configuration files a server of a platform environment gets from cloud-init.

Each function renders one file's text from plain values (no I/O); the tests hand the
results to the real tools (``caddy validate``, ``sshd -t``, ``systemd-analyze verify``,
``psql`` on a throwaway PostgreSQL). :mod:`app.domain.release.server_setup` places them.

Layout on an app server (the deploy side relies on it):

- ``/srv/webnova/<key>/releases/<N>/``: one release, a Python virtual environment
  (``bin/python``); ``releases/current`` is the link the systemd unit runs.
- ``/etc/webnova/<key>/app.env``: the platform's settings and secrets (``DATABASE_URL``,
  ``MIGRATION_DATABASE_URL``, ``JWT_SECRET``, …), written by the console over SSH, mode
  0640 root:<platform user>; the unit does not start before it exists.
- ``/var/lib/webnova/<key>``: the platform user's home, the only place it may write.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.cloud.model import CloudSpecError
from app.domain.codegen.naming import package_name
from app.domain.codegen.tenancy import application_role, owner_role

SERVICE_USER = "webnova"  # the console's login on every server
APP_PORT = 8000  # where a generated platform's uvicorn listens (its Dockerfile's port)
HOST_KEY_PATH = "/etc/ssh/ssh_host_ed25519_key"
PG_CONFIG_DIR = "/etc/webnova/postgresql"
PG_HBA_PATH = f"{PG_CONFIG_DIR}/pg_hba.conf"
DATA_MOUNT = "/srv/webnova-data"  # the database server's volume
_SYSTEM_DATABASES = frozenset({"postgres", "template0", "template1"})


@dataclass(frozen=True)
class PlatformPaths:
    """Where a platform lives on an app server, and who runs it."""

    key: str

    @property
    def package(self) -> str:
        return package_name(self.key)

    @property
    def user(self) -> str:
        """The platform's system user: ``wn-<key>``, cut to Linux's 32 characters."""
        return f"wn-{self.key}"[:32].rstrip("-")

    @property
    def unit(self) -> str:
        return f"webnova-{self.key}.service"

    @property
    def root(self) -> str:
        return f"/srv/webnova/{self.key}"

    @property
    def releases(self) -> str:
        return f"{self.root}/releases"

    @property
    def current(self) -> str:
        return f"{self.releases}/current"

    @property
    def config_dir(self) -> str:
        return f"/etc/webnova/{self.key}"

    @property
    def env_file(self) -> str:
        return f"{self.config_dir}/app.env"

    @property
    def state_dir(self) -> str:
        return f"/var/lib/webnova/{self.key}"


@dataclass(frozen=True)
class DatabaseNames:
    """The platform's database and roles on the database server.

    ``owner_role`` and ``app_role`` are the generated migrations' NOLOGIN roles (see
    :mod:`app.domain.codegen.tenancy`); ``migrator`` is the login that owns the database
    and runs migrations (a member of ``owner_role``; it may make the application login, as
    the platform's ``manage database-login`` does); ``login`` is the login the platform
    runs as, a member of ``app_role`` only, so row-level security holds it to one tenant."""

    database: str
    owner_role: str
    app_role: str
    migrator: str
    login: str


def database_names(key: str) -> DatabaseNames:
    package = package_name(key)
    if package.removesuffix("_api") in _SYSTEM_DATABASES:
        raise CloudSpecError("platform", f"the platform key {key!r} would name PostgreSQL's own "
                             "database", f"مفتاح المنصة «{key}» يسمّي قاعدة بيانات PostgreSQL نفسها")
    return DatabaseNames(database=package.removesuffix("_api"), owner_role=owner_role(package),
                         app_role=application_role(package), migrator=f"{package}_migrator",
                         login=f"{package}_login")


def caddyfile(paths: PlatformPaths, domain: str | None, port: int = APP_PORT) -> str:
    """Caddy in front of the platform: automatic TLS for ``domain``; without one, Caddy's
    own authority issues a certificate for whatever name or address is asked for. Requests
    arriving while the app restarts wait (``lb_try_duration``) instead of failing."""
    upstream = (f"\treverse_proxy 127.0.0.1:{port} {{\n"
                "\t\thealth_uri /health\n"
                "\t\thealth_interval 10s\n"
                "\t\thealth_timeout 5s\n"
                "\t\tlb_try_duration 30s\n"
                "\t\tlb_try_interval 250ms\n"
                "\t}\n")
    headers = ("\theader {\n"
               + ('\t\tStrict-Transport-Security "max-age=31536000"\n' if domain else "")
               + "\t\tX-Content-Type-Options nosniff\n"
               "\t\tReferrer-Policy no-referrer\n"
               "\t\t-Server\n"
               "\t}\n")
    body = "\tencode zstd gzip\n" + headers + upstream
    head = (f"# {paths.key}: HTTPS in front of the platform on 127.0.0.1:{port} (WebNova Console)\n"
            "{\n"
            # the cloud firewall opens TCP only, so no HTTP/3 over UDP
            "\tservers {\n\t\tprotocols h1 h2\n\t}\n")
    if domain:
        return head + "}\n\n" + f"{domain} {{\n" + body + "}\n"
    return (head + f"\tdefault_sni {paths.key}.internal\n}}\n\n"
            "https:// {\n\ttls internal {\n\t\ton_demand\n\t}\n" + body + "}\n\n"
            "http:// {\n\tredir https://{host}{uri} permanent\n}\n")


def sshd_config(host_key_path: str = HOST_KEY_PATH) -> str:
    """The sshd drop-in: keys only, no root, the console's host key only, one user.
    Named to sort first in ``sshd_config.d`` (sshd keeps the first value it reads)."""
    return (
        "# WebNova Console: SSH for the console's key only (sshd keeps the first value read)\n"
        f"HostKey {host_key_path}\n"
        "HostKeyAlgorithms ssh-ed25519\n"
        "PubkeyAuthentication yes\n"
        "AuthenticationMethods publickey\n"
        "PasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "PermitEmptyPasswords no\n"
        "PermitRootLogin no\n"
        f"AllowUsers {SERVICE_USER}\n"
        "MaxAuthTries 3\n"
        "LoginGraceTime 30\n"
        "X11Forwarding no\n"
        "AllowAgentForwarding no\n"
        "AllowTcpForwarding no\n"
        "PermitTunnel no\n")


def platform_unit(paths: PlatformPaths, port: int = APP_PORT) -> str:
    """The systemd unit running the current release as the platform's user."""
    return (
        "[Unit]\n"
        f"Description={paths.key}: the platform's current release (WebNova Console)\n"
        "After=network-online.target\n"
        "Wants=network-online.target\n"
        f"ConditionPathExists={paths.current}\n"
        f"AssertPathExists={paths.env_file}\n"
        "StartLimitIntervalSec=120\n"
        "StartLimitBurst=10\n"
        "\n"
        "[Service]\n"
        "Type=exec\n"
        f"User={paths.user}\n"
        f"Group={paths.user}\n"
        f"WorkingDirectory={paths.current}\n"
        f"EnvironmentFile={paths.env_file}\n"
        f"ExecStart={paths.current}/bin/python -m uvicorn --factory {paths.package}.main:create_app "
        f"--host 127.0.0.1 --port {port} --proxy-headers --forwarded-allow-ips 127.0.0.1\n"
        "Restart=on-failure\n"
        "RestartSec=2\n"
        "TimeoutStopSec=30\n"
        "UMask=0027\n"
        "NoNewPrivileges=yes\n"
        "PrivateTmp=yes\n"
        "PrivateDevices=yes\n"
        "ProtectSystem=strict\n"
        "ProtectHome=yes\n"
        "ProtectKernelTunables=yes\n"
        "ProtectKernelModules=yes\n"
        "ProtectControlGroups=yes\n"
        "RestrictSUIDSGID=yes\n"
        "LockPersonality=yes\n"
        f"ReadWritePaths={paths.state_dir}\n"
        "\n"
        "[Install]\n"
        "WantedBy=multi-user.target\n")


def pg_hba(names: DatabaseNames, subnet: str) -> str:
    """Who may connect: the platform's two logins from the private subnet, by
    scram-sha-256; ``postgres`` over the local socket (backups, set-up). Nothing else."""
    return (
        "# WebNova Console: the platform's logins from the private network only\n"
        "# TYPE  DATABASE  USER  ADDRESS  METHOD\n"
        "local all postgres peer\n"
        f"host {names.database} {names.migrator},{names.login} {subnet} scram-sha-256\n")


def postgresql_conf() -> str:
    """Settings beside the distribution's own (conf.d); the listen address is written at
    boot by ``webnova-postgres-setup``, which alone knows the private address."""
    return (
        "# WebNova Console\n"
        f"hba_file = '{PG_HBA_PATH}'\n"
        "password_encryption = 'scram-sha-256'\n")


def database_roles_sql(names: DatabaseNames) -> str:
    """The platform's database and roles, made by ``postgres`` (psql; safe to run again).
    No password: the logins get theirs through ``webnova-db-passwords``."""
    n = names
    return f"""\\set ON_ERROR_STOP on
-- WebNova Console: the platform's database and roles (no passwords here)
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{n.owner_role}') THEN
        CREATE ROLE "{n.owner_role}" NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{n.app_role}') THEN
        CREATE ROLE "{n.app_role}" NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{n.migrator}') THEN
        CREATE ROLE "{n.migrator}" LOGIN CREATEROLE;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{n.login}') THEN
        CREATE ROLE "{n.login}" LOGIN;
    END IF;
END $$;
ALTER ROLE "{n.owner_role}" NOLOGIN NOSUPERUSER NOBYPASSRLS;
ALTER ROLE "{n.app_role}" NOLOGIN NOSUPERUSER NOBYPASSRLS;
ALTER ROLE "{n.migrator}" LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOBYPASSRLS NOREPLICATION;
ALTER ROLE "{n.login}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
GRANT "{n.owner_role}" TO "{n.migrator}" WITH ADMIN OPTION;
GRANT "{n.app_role}" TO "{n.migrator}" WITH ADMIN OPTION;
GRANT "{n.login}" TO "{n.migrator}" WITH ADMIN OPTION;
GRANT "{n.app_role}" TO "{n.login}";
SELECT format('CREATE DATABASE %I OWNER %I', '{n.database}', '{n.migrator}')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{n.database}') \\gexec
REVOKE ALL ON DATABASE "{n.database}" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE "{n.database}" TO "{n.login}";
\\connect "{n.database}"
ALTER SCHEMA public OWNER TO "{n.migrator}";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
"""


def unattended_upgrades() -> str:
    """apt's periodic jobs: refresh the lists and install security updates every day."""
    return ('APT::Periodic::Update-Package-Lists "1";\n'
            'APT::Periodic::Unattended-Upgrade "1";\n'
            'APT::Periodic::AutocleanInterval "7";\n')


def unattended_upgrades_policy() -> str:
    """Security updates only (the distribution's default origins), never a surprise
    reboot of a server holding the owner's data."""
    return ('Unattended-Upgrade::Automatic-Reboot "false";\n'
            'Unattended-Upgrade::Remove-Unused-Dependencies "true";\n')


BACKUP_UNIT = "webnova-db-backup"


def backup_service(backup_dir: str, keep: int, script: str) -> str:
    """The daily dump's service: ``script`` (``webnova-db-backup``) as the console's login,
    which owns the backup folder, keeping the newest ``keep`` scheduled dumps."""
    if keep < 1:
        raise CloudSpecError("backup_retention_days", f"must be at least 1, not {keep}",
                             f"يجب أن تكون ١ على الأقل، لا {keep}")
    return (
        "[Unit]\n"
        "Description=Daily dumps of the platform databases (WebNova Console)\n"
        "After=postgresql.service\n"
        "Wants=postgresql.service\n"
        f"RequiresMountsFor={DATA_MOUNT}\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"User={SERVICE_USER}\n"
        f"Group={SERVICE_USER}\n"
        "UMask=0077\n"
        "Nice=10\n"
        "IOSchedulingClass=idle\n"
        f"ExecStart={script} {backup_dir} {keep}\n")


def backup_timer() -> str:
    """Every day at 02:30 (plus up to 30 minutes, so servers do not all dump at once); a
    run missed while the server was off is made up at boot."""
    return (
        "[Unit]\n"
        "Description=Daily dumps of the platform databases (WebNova Console)\n"
        "\n"
        "[Timer]\n"
        "OnCalendar=*-*-* 02:30:00\n"
        "RandomizedDelaySec=30min\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n")
