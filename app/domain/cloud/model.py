"""The infrastructure of one platform environment, as the console wants it to be.

An owner describes an environment (:class:`EnvironmentSpec`: account, location, server
types and counts, volume size, backups, delete protection, who may reach SSH);
:func:`desired_state` turns it into the resources a provider must hold: an SSH key, a
private network, a firewall, primary IPs, the app servers, a database server with its
volume, and a load balancer when there is more than one app server. Every resource has a
deterministic name and carries the labels that find it again (``webnova.workspace``,
``webnova.platform``, ``webnova.environment``), so the actual state is read by label
selector and compared by name.

Nothing here talks to a provider; the resources are plain values a provider adapter maps
to and from its API.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.domain.bidi import ltr
from app.domain.blueprint.model import HETZNER_REGIONS

LABEL_WORKSPACE = "webnova.workspace"
LABEL_PLATFORM = "webnova.platform"
LABEL_ENVIRONMENT = "webnova.environment"
LABEL_ROLE = "webnova.role"
MAX_NAME = 63  # a host name label
NETWORK_RANGE = "10.0.0.0/16"
SUBNET_RANGE = "10.0.1.0/24"
EVERYWHERE = ("0.0.0.0/0", "::/0")
LOAD_BALANCER_TYPE = "lb11"
_NAME_PART = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")

# Hetzner's locations: the country the servers stand in (the blueprint's own table) and
# the network zone.
_ZONES = {"fsn1": "eu-central", "nbg1": "eu-central", "hel1": "eu-central", "ash": "us-east",
          "hil": "us-west", "sin": "ap-southeast"}
LOCATIONS: dict[str, tuple[str, str]] = {
    location: (country, _ZONES[location]) for location, country in HETZNER_REGIONS.items()}


class Kind(StrEnum):
    ssh_key = "ssh_key"
    network = "network"
    firewall = "firewall"
    primary_ip = "primary_ip"
    server = "server"
    volume = "volume"
    load_balancer = "load_balancer"


# Creation order (each kind may refer to the kinds before it); deletion runs backwards.
ORDER: tuple[Kind, ...] = (Kind.ssh_key, Kind.network, Kind.firewall, Kind.primary_ip,
                           Kind.server, Kind.volume, Kind.load_balancer)


class CloudSpecError(ValueError):
    """An environment that cannot be built: says which setting is wrong and why."""

    def __init__(self, setting: str, message_en: str, message_ar: str) -> None:
        super().__init__(f"{setting}: {message_en}")
        self.setting = setting
        self.message_en = message_en
        self.message_ar = message_ar


@dataclass(frozen=True)
class Resource:
    """One resource, desired or actual. ``spec`` holds JSON values only; ``id`` is the
    provider's id of an actual resource (None for a desired one)."""

    kind: Kind
    name: str
    labels: Mapping[str, str]
    spec: Mapping[str, Any]
    id: str | None = None
    protected: bool = False

    @property
    def key(self) -> tuple[Kind, str]:
        return self.kind, self.name

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "name": self.name, "labels": dict(sorted(self.labels.items())),
                "spec": plain(self.spec), "protected": self.protected}

    @classmethod
    def from_json(cls, data: Any, where: str = "resource") -> Resource:
        """The resource :meth:`to_json` wrote (plus an optional ``id``), read back exactly;
        anything else is a :class:`CloudSpecError` naming the field (``where`` says whose)."""
        if not isinstance(data, Mapping):
            raise _bad(where, "is not an object", "ليس كائنًا")
        unknown = sorted(set(data) - {"kind", "name", "labels", "spec", "protected", "id"})
        if unknown:
            raise _bad(f"{where}.{unknown[0]}", "is not a field of a resource", "ليس حقلًا من حقول المورد")
        for required in ("kind", "name", "labels", "spec"):
            if required not in data:
                raise _bad(f"{where}.{required}", "is missing", "مفقود")
        kind = data["kind"]
        if not isinstance(kind, str) or kind not in {k.value for k in Kind}:
            known = ", ".join(k.value for k in Kind)
            raise _bad(f"{where}.kind", f"{kind!r} is not a kind of resource (known: {known})",
                       f"«{kind}» ليس نوع مورد (المعروفة: {known})")
        name = data["name"]
        if not isinstance(name, str) or not name:
            raise _bad(f"{where}.name", "must be a non-empty text", "يجب أن يكون نصًا غير فارغ")
        labels = data["labels"]
        if not isinstance(labels, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
            raise _bad(f"{where}.labels", "must map texts to texts", "يجب أن يربط نصوصًا بنصوص")
        spec = data["spec"]
        if not isinstance(spec, Mapping):
            raise _bad(f"{where}.spec", "is not an object", "ليس كائنًا")
        protected = data.get("protected", False)
        if not isinstance(protected, bool):
            raise _bad(f"{where}.protected", "must be true or false", "يجب أن يكون true أو false")
        ident = data.get("id")
        if ident is not None and not isinstance(ident, str):
            raise _bad(f"{where}.id", "must be a text or null", "يجب أن يكون نصًا أو null")
        return cls(Kind(kind), name, dict(sorted(labels.items())), plain(spec), id=ident,
                   protected=protected)

    def record(self) -> dict[str, Any]:
        """:meth:`to_json` with the provider's ``id``: what a journal keeps of an actual
        resource (``from_json`` reads both)."""
        return {**self.to_json(), "id": self.id}


def resources_from_json(data: Any, where: str = "resources") -> list[Resource]:
    """A list of resources as :meth:`Resource.to_json` or :meth:`Resource.record` wrote it;
    an error names the item (``resources[3].kind``)."""
    if not isinstance(data, list | tuple):
        raise _bad(where, "is not a list of resources", "ليست قائمة موارد")
    return [Resource.from_json(item, f"{where}[{index}]") for index, item in enumerate(data)]


def _bad(setting: str, message_en: str, message_ar: str) -> CloudSpecError:
    return CloudSpecError(setting, message_en, f"{ltr(setting)}: {message_ar}")


@dataclass(frozen=True)
class EnvironmentSpec:
    workspace: str
    platform: str
    environment: str
    account: str
    location: str
    app_server_type: str
    app_servers: int = 1
    db_server_type: str = ""
    volume_gb: int = 10
    backups: bool = False
    delete_protection: bool = False
    ssh_from: tuple[str, ...] = ()
    # Debian 12: Python 3.11 (the releases' wheels are cp311), PostgreSQL 15 and Caddy from
    # its own archive.
    image: str = "debian-12"
    ssh_public_key: str = ""  # the console's generated key (the private half is in the keyring)
    host_keys: Mapping[str, str] = field(default_factory=dict)  # server name -> host key fingerprint

    def labels(self) -> dict[str, str]:
        return {LABEL_WORKSPACE: self.workspace, LABEL_PLATFORM: self.platform,
                LABEL_ENVIRONMENT: self.environment}

    def selector(self) -> str:
        """The label selector that finds every resource of this environment."""
        return ",".join(f"{k}={v}" for k, v in sorted(self.labels().items()))

    def check(self) -> None:
        for setting, value in (("workspace", self.workspace), ("platform", self.platform),
                               ("environment", self.environment)):
            if not _NAME_PART.match(value):
                raise CloudSpecError(setting, f"{value!r} must be 1–32 lower-case letters, digits "
                                     "or hyphens, starting and ending with a letter or digit",
                                     f"يجب أن تكون «{value}» من ١ إلى ٣٢ حرفًا لاتينيًا صغيرًا أو "
                                     "رقمًا أو شرطة، تبدأ وتنتهي بحرف أو رقم")
        if self.location not in LOCATIONS:
            known = ", ".join(sorted(LOCATIONS))
            raise CloudSpecError("location", f"unknown location {self.location!r} (known: {known})",
                                 f"الموقع «{self.location}» غير معروف (المعروفة: {known})")
        if not 1 <= self.app_servers <= 50:
            raise CloudSpecError("app_servers", "must be between 1 and 50",
                                 "يجب أن يكون بين ١ و٥٠")
        if not 10 <= self.volume_gb <= 10_240:
            raise CloudSpecError("volume_gb", "a volume holds 10 to 10240 GB",
                                 "يتسع المجلد من ١٠ إلى ١٠٢٤٠ غيغابايت")
        for source in self.ssh_from:
            if not re.match(r"^[0-9a-fA-F:.]+/\d{1,3}$", source) or source in EVERYWHERE:
                raise CloudSpecError("ssh_from", f"{source!r} is not a single network in CIDR form "
                                     "(SSH is never open to everyone)",
                                     f"«{source}» ليست شبكة محددة بصيغة CIDR (لا يُفتح SSH للجميع أبدًا)")

    @property
    def country(self) -> str:
        return LOCATIONS[self.location][0]


def rule_key(rule: Mapping[str, Any]) -> tuple[str, str, str]:
    """Firewall rules in one order, as written and as read back."""
    return str(rule.get("direction")), str(rule.get("protocol")), str(rule.get("port"))


def resource_name(spec: EnvironmentSpec, role: str) -> str:
    name = f"wn-{spec.platform}-{spec.environment}-{role}"
    if len(name) > MAX_NAME:
        raise CloudSpecError("platform", f"the resource name {name!r} is longer than {MAX_NAME}",
                             f"اسم المورد «{name}» أطول من {MAX_NAME}")
    return name


def desired_state(spec: EnvironmentSpec) -> list[Resource]:
    """The resources of ``spec``, in creation order."""
    spec.check()
    labels = spec.labels()
    zone = LOCATIONS[spec.location][1]

    def made(kind: Kind, role: str, body: dict[str, Any], extra: dict[str, str] | None = None) -> Resource:
        return Resource(kind, resource_name(spec, role), {**labels, **(extra or {})}, body,
                        protected=spec.delete_protection and kind in (Kind.server, Kind.volume,
                                                                      Kind.primary_ip))

    key = made(Kind.ssh_key, "key", {"public_key": spec.ssh_public_key})
    network = made(Kind.network, "net", {"ip_range": NETWORK_RANGE, "subnet": SUBNET_RANGE,
                                         "zone": zone})
    rules: list[dict[str, Any]] = [
        {"direction": "in", "protocol": "tcp", "port": port, "source_ips": list(EVERYWHERE)}
        for port in ("80", "443")]
    if spec.ssh_from:
        rules.append({"direction": "in", "protocol": "tcp", "port": "22",
                      "source_ips": sorted(spec.ssh_from)})
    firewall = made(Kind.firewall, "fw", {"rules": sorted(rules, key=rule_key)})
    resources = [key, network, firewall]
    servers: list[tuple[str, str, str]] = [
        (f"app-{n}", spec.app_server_type, "app") for n in range(1, spec.app_servers + 1)]
    servers.append(("db-1", spec.db_server_type or spec.app_server_type, "db"))
    for role, _type, kind in servers:
        resources.append(made(Kind.primary_ip, f"{role}-ipv4",
                              {"type": "ipv4", "location": spec.location}, {LABEL_ROLE: kind}))
    for role, server_type, kind in servers:
        name = resource_name(spec, role)
        resources.append(made(Kind.server, role, {
            "server_type": server_type, "location": spec.location, "image": spec.image,
            "ssh_key": key.name, "network": network.name, "firewall": firewall.name,
            "primary_ipv4": resource_name(spec, f"{role}-ipv4"), "backups": spec.backups,
            "host_key": spec.host_keys.get(name, ""),
        }, {LABEL_ROLE: kind}))
    resources.append(made(Kind.volume, "db-data", {
        "size": spec.volume_gb, "location": spec.location, "server": resource_name(spec, "db-1"),
        "format": "ext4"}, {LABEL_ROLE: "db"}))
    if spec.app_servers > 1:
        resources.append(made(Kind.load_balancer, "lb", {
            "type": LOAD_BALANCER_TYPE, "location": spec.location, "network": network.name,
            "targets": f"{spec.selector()},{LABEL_ROLE}=app",
            "services": [{"protocol": "tcp", "listen_port": p, "destination_port": p}
                         for p in (80, 443)]}, {LABEL_ROLE: "lb"}))
    return resources


def plain(value: Any) -> Any:
    """A setting as plain JSON in one order (mappings sorted by key, tuples as lists), so
    settings written and settings read back compare equal."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
