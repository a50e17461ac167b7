"""Each server's first-boot preparation: one ``#cloud-config`` document per server.

Every server of an environment gets:

- the console's login ``webnova`` (no password, the environment's access key authorised,
  sudo without a password: it is the owner's only administrator, root cannot log in);
- sshd for keys only: no passwords, no root, only the console-made host key (installed
  through the host key part, :func:`app.integrations.deploy_keys.host_key_cloud_config`),
  only ``webnova`` (:func:`app.domain.release.server_files.sshd_config`);
- unattended security updates;
- ufw matching the cloud firewall: 80/443 from everywhere on app servers, 22 only from the
  owner's ``ssh_from`` networks (none listed: none), and on the database server 5432 only
  from the private subnet.

An app server also gets the platform's system user, Caddy in front of the app (automatic
TLS for the environment's domain, ``tls internal`` without one; ``webnova-caddy-site``
takes a changed domain's Caddyfile later) and the platform's systemd
unit (enabled; it starts once a release is installed and ``app.env`` written). The database
server gets its volume mounted, PostgreSQL on its private address with scram-sha-256 from
the private subnet, the platform's database and roles, the ``webnova-db-drill`` hook (a
backup drill's scratch database, through ``sudo``) and a daily timer dumping the platform
databases into the backup folder, keeping the newest ``backup_retention_days`` (default 14)
scheduled dumps. No password is in user data:
the console hands them over SSH later (``app.env``; ``webnova-db-passwords``, see
:mod:`app.domain.release.server_scripts`).

Pure: the document is a dict made into YAML by ``yaml.safe_dump``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from app.domain.bidi import ltr
from app.domain.cloud.model import (
    LABEL_ROLE,
    CloudSpecError,
    EnvironmentSpec,
    Kind,
    Resource,
    desired_state,
)
from app.domain.release import server_files as files
from app.domain.release import server_scripts as scripts
from app.domain.release.custom_domain import check_domain

USER_DATA_LIMIT = 32 * 1024  # Hetzner refuses larger user data
_HOST_KEY_PART = frozenset({"ssh_deletekeys", "ssh_genkeytypes", "ssh_keys"})


@dataclass(frozen=True)
class PlatformSite:
    """What a server needs to know of the platform: its key, the port its app listens
    on (loopback only), the environment's domain (None: Caddy's own certificate) and how
    many daily dumps of its database are kept (``backup_retention_days``)."""

    key: str
    port: int = files.APP_PORT
    domain: str | None = None
    backup_keep: int = scripts.KEEP_DAILY


def platform_site(document: Mapping[str, Any], environment: str, port: int = files.APP_PORT) -> PlatformSite:
    """The :class:`PlatformSite` of a blueprint document's ``environment``: its key,
    ``environments[].domain`` and ``environments[].backup_retention_days`` (unknown
    environment: a :class:`CloudSpecError`)."""
    for found in document.get("environments", []):
        if found.get("name") == environment:
            domain = found.get("domain")
            keep = found.get("backup_retention_days") or scripts.KEEP_DAILY
            return PlatformSite(str(document["key"]), port, str(domain) if domain else None,
                                int(keep))
    raise CloudSpecError("environment", f"the blueprint has no environment {environment!r}",
                         f"لا توجد في المخطط بيئة «{ltr(environment)}»")


def cloud_config(spec: EnvironmentSpec, site: PlatformSite, server: str, *, access_key: str,
                 host_key: Mapping[str, object], resources: Sequence[Resource] | None = None,
                 volume_id: str | None = None) -> dict[str, Any]:
    """The cloud-config of ``server`` (its resource name in ``resources``, by default the
    environment's desired state) as a dict. ``access_key`` is the environment's public
    OpenSSH key; ``host_key`` the host key part for this server; ``volume_id`` the
    provider's id of the database volume when known (else the attached volume is found)."""
    resources = list(desired_state(spec) if resources is None else resources)
    role, subnet = _role_and_subnet(resources, server)
    _check(site, access_key, host_key, volume_id)
    paths = files.PlatformPaths(site.key)
    config: dict[str, Any] = {
        **{k: host_key[k] for k in sorted(host_key)},
        "ssh_pwauth": False,
        "disable_root": True,
        "package_update": True,
        "package_upgrade": True,
        "packages": ["ufw", "unattended-upgrades"],
        "users": [{"name": files.SERVICE_USER, "gecos": "WebNova Console", "shell": "/bin/bash",
                   "lock_passwd": True, "sudo": "ALL=(ALL) NOPASSWD:ALL",
                   "ssh_authorized_keys": [access_key]}],
        "write_files": [
            _file("/etc/ssh/sshd_config.d/01-webnova.conf", files.sshd_config(), "0600"),
            _file("/etc/apt/apt.conf.d/20auto-upgrades", files.unattended_upgrades(), defer=True),
            _file("/etc/apt/apt.conf.d/52webnova-unattended-upgrades",
                  files.unattended_upgrades_policy(), defer=True),
        ],
        "runcmd": _firewall(spec, role, subnet),
    }
    if role == "app":
        _app_server(config, paths, site)
    else:
        _db_server(config, site, subnet, volume_id)
    config["runcmd"].append(["systemctl", "try-reload-or-restart", "ssh.service"])
    return config


def user_data(config: Mapping[str, Any]) -> str:
    """The cloud-config as user data, refused (naming the size) over Hetzner's limit."""
    text = "#cloud-config\n" + yaml.dump(dict(config), Dumper=_BlockDumper, sort_keys=False,
                                         default_flow_style=None, allow_unicode=False, width=1000)
    size = len(text.encode("utf-8"))
    if size > USER_DATA_LIMIT:
        raise CloudSpecError("user_data", f"the server's cloud-init is {size} bytes, more than "
                             f"the {USER_DATA_LIMIT} bytes Hetzner accepts",
                             f"تهيئة الخادم {size} بايت، أكثر من {USER_DATA_LIMIT} بايت يقبلها Hetzner")
    return text


def server_user_data(spec: EnvironmentSpec, site: PlatformSite, server: str, *, access_key: str,
                     host_key: Mapping[str, object], resources: Sequence[Resource] | None = None,
                     volume_id: str | None = None) -> str:
    """:func:`cloud_config` as user data (``#cloud-config`` YAML, size checked)."""
    return user_data(cloud_config(spec, site, server, access_key=access_key, host_key=host_key,
                                  resources=resources, volume_id=volume_id))


class _BlockDumper(yaml.SafeDumper):
    """safe_dump, with multi-line texts (files, scripts) as literal blocks to stay readable."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _text)


def _file(path: str, content: str, permissions: str = "0644", owner: str = "root:root",
          defer: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": path, "content": content, "owner": owner,
                             "permissions": permissions}
    if defer:  # written after the packages are installed (their own files first)
        entry["defer"] = True
    return entry


def _role_and_subnet(resources: Sequence[Resource], server: str) -> tuple[str, str]:
    servers = {r.name: r for r in resources if r.kind is Kind.server}
    found = servers.get(server)
    if found is None:
        known = ", ".join(sorted(servers)) or "none"
        raise CloudSpecError("server", f"{server!r} is not a server of this environment (its "
                             f"servers: {known})",
                             f"«{ltr(server)}» ليس خادمًا في هذه البيئة (خوادمها: {ltr(known)})")
    role = found.labels.get(LABEL_ROLE, "")
    if role not in ("app", "db"):
        raise CloudSpecError("server", f"{server!r} has the role {role!r}; a server is app or db",
                             f"دور «{ltr(server)}» هو «{ltr(role)}»؛ الخادم إما app أو db")
    networks = [r for r in resources if r.kind is Kind.network and r.name == found.spec.get("network")]
    if not networks or not networks[0].spec.get("subnet"):
        raise CloudSpecError("network", f"the private network of {server!r} is not in the "
                             "environment's resources", f"الشبكة الخاصة للخادم «{ltr(server)}» "
                             "ليست بين موارد البيئة")
    return role, str(networks[0].spec["subnet"])


def _check(site: PlatformSite, access_key: str, host_key: Mapping[str, object],
           volume_id: str | None) -> None:
    if not 1024 <= site.port <= 65535 or site.port == 5432:
        raise CloudSpecError("port", f"the app port {site.port} must be 1024–65535 and not 5432",
                             f"منفذ التطبيق {site.port} يجب أن يكون بين ١٠٢٤ و٦٥٥٣٥ وغير ٥٤٣٢")
    if site.domain is not None:
        check_domain(site.domain)
    if not access_key.startswith("ssh-ed25519 ") or "\n" in access_key or "PRIVATE" in access_key:
        raise CloudSpecError("access_key", "must be the environment's public OpenSSH Ed25519 key",
                             "يجب أن يكون المفتاح العام OpenSSH Ed25519 للبيئة")
    if set(host_key) != _HOST_KEY_PART:
        raise CloudSpecError("host_key", "must be the host key part made by the console "
                             f"(keys: {', '.join(sorted(_HOST_KEY_PART))})",
                             "يجب أن يكون جزء مفتاح المضيف الذي تصنعه وحدة التحكم")
    if volume_id is not None and not volume_id.isdigit():
        raise CloudSpecError("volume_id", f"{volume_id!r} is not a volume id (digits)",
                             f"«{ltr(volume_id)}» ليس معرّف مجلد (أرقام)")


def _firewall(spec: EnvironmentSpec, role: str, subnet: str) -> list[list[str]]:
    rules: list[list[str]] = [["ufw", "default", "deny", "incoming"],
                              ["ufw", "default", "allow", "outgoing"]]
    if role == "app":
        rules += [["ufw", "allow", "80/tcp"], ["ufw", "allow", "443/tcp"]]
    rules += [["ufw", "allow", "from", source, "to", "any", "port", "22", "proto", "tcp"]
              for source in sorted(spec.ssh_from)]
    if role == "db":
        rules.append(["ufw", "allow", "from", subnet, "to", "any", "port", "5432", "proto", "tcp"])
    return [*rules, ["ufw", "--force", "enable"]]


def _app_server(config: dict[str, Any], paths: files.PlatformPaths, site: PlatformSite) -> None:
    config["packages"] += ["caddy", "python3-venv"]
    config["users"].append({"name": paths.user, "gecos": f"{site.key} platform", "system": True,
                            "shell": "/usr/sbin/nologin", "homedir": paths.state_dir,
                            "lock_passwd": True})
    config["write_files"] += [
        _file("/etc/caddy/Caddyfile", files.caddyfile(paths, site.domain, site.port), defer=True),
        _file(f"/etc/systemd/system/{paths.unit}", files.platform_unit(paths, site.port)),
        _file(scripts.CADDY_SITE, scripts.CADDY_SITE_SCRIPT, "0755"),
    ]
    config["runcmd"] += [
        ["install", "-d", "-o", files.SERVICE_USER, "-g", paths.user, "-m", "0750", paths.root,
         paths.releases],
        ["install", "-d", "-o", "root", "-g", paths.user, "-m", "0750", paths.config_dir],
        ["install", "-d", "-o", paths.user, "-g", paths.user, "-m", "0750", paths.state_dir],
        ["systemctl", "daemon-reload"],
        ["systemctl", "enable", paths.unit],
        ["systemctl", "restart", "caddy.service"],
    ]


def _db_server(config: dict[str, Any], site: PlatformSite, subnet: str, volume_id: str | None) -> None:
    names = files.database_names(site.key)
    roles_sql = f"{files.PG_CONFIG_DIR}/{names.database}-roles.sql"
    config["write_files"] += [
        # PostgreSQL binds its private address at boot even before the network is up
        _file("/etc/sysctl.d/60-webnova-postgresql.conf", "net.ipv4.ip_nonlocal_bind = 1\n"),
        _file(f"{files.PG_CONFIG_DIR}/webnova.conf", files.postgresql_conf()),
        _file(files.PG_HBA_PATH, files.pg_hba(names, subnet)),
        _file(roles_sql, files.database_roles_sql(names)),
        _file("/usr/local/sbin/webnova-mount-data", scripts.MOUNT_DATA, "0755"),
        _file("/usr/local/sbin/webnova-private-address", scripts.PRIVATE_ADDRESS, "0755"),
        _file("/usr/local/sbin/webnova-postgres-setup", scripts.POSTGRES_SETUP, "0755"),
        _file("/usr/local/sbin/webnova-db-passwords", scripts.DB_PASSWORDS, "0755"),
        _file(scripts.DRILL_HOOK, scripts.DB_DRILL, "0755"),
        _file(scripts.SCHEDULED_BACKUP_PATH, scripts.SCHEDULED_BACKUP, "0755"),
        _file(f"/etc/systemd/system/{files.BACKUP_UNIT}.service",
              files.backup_service(scripts.BACKUP_DIR, site.backup_keep,
                                   scripts.SCHEDULED_BACKUP_PATH)),
        _file(f"/etc/systemd/system/{files.BACKUP_UNIT}.timer", files.backup_timer()),
    ]
    config["runcmd"] += [
        ["sysctl", "--system"],
        ["/usr/local/sbin/webnova-mount-data", files.DATA_MOUNT, *([volume_id] if volume_id else [])],
        ["/usr/local/sbin/webnova-postgres-setup", subnet, roles_sql],
        ["install", "-d", "-o", files.SERVICE_USER, "-g", files.SERVICE_USER, "-m", "0700",
         scripts.BACKUP_DIR],
        ["systemctl", "daemon-reload"],
        ["systemctl", "enable", "--now", f"{files.BACKUP_UNIT}.timer"],
    ]
