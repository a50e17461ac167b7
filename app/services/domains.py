"""Custom domains: an environment's domain, the DNS records its owner must create (shown and
checked with real queries), the TLS status of the site, and the domain put on the servers.

- :meth:`Domains.show`: the domain (``environments[].domain`` of the blueprint; None: the
  platform is served with Caddy's internal certificate) and the records pointing at the
  environment's *entry point*, read from the cloud account as it is: its load balancer's
  public addresses when it has one, else its app servers' (see
  :func:`app.domain.release.custom_domain.required_records`).
- :meth:`Domains.check`: each record resolved through a :class:`DnsLookup` and compared
  (OK / missing / wrong, naming the wrong addresses), then the certificate served for the
  domain on 443 (or at ``reach``, the domain still sent as SNI) read through a
  :class:`TlsProbe`: issuer, days left, valid for the name, trusted. Good when both are.
- :meth:`Domains.apply`: the Caddyfile for the blueprint's domain written to every app
  server through the ``webnova-caddy-site`` hook cloud-init installed (checked there with
  ``caddy validate``, then Caddy reloaded). Cloud-init writes the Caddyfile only when a
  server is made, so a changed domain reaches running servers this way.

The results are plain data with ``plain()`` for JSON, so the GUI can show them as well.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from app.domain.cloud.model import LABEL_ROLE, EnvironmentSpec
from app.domain.errors import WebNovaError
from app.domain.governance.audit import AuditRecord
from app.domain.release import server_files as files
from app.domain.release.custom_domain import (
    DnsRecord,
    RecordCheck,
    TlsStatus,
    check_domain,
    compare,
    required_records,
)
from app.domain.release.server_scripts import CADDY_SITE
from app.domain.release.server_setup import PlatformSite
from app.services.cloud_ports import CloudProvider, ResourceKind
from app.services.ports import AuditLog
from app.services.release_targets import Reach, ReleaseTargets, SpecSource
from app.services.remote_ports import RemoteHost


class DomainError(WebNovaError):
    """Says what is wrong in English (the message) and in Arabic (``message_ar``)."""

    def __init__(self, message_en: str, message_ar: str) -> None:
        super().__init__(message_en)
        self.message_ar = message_ar


class DnsLookupError(DomainError):
    """The resolver could not be asked (timed out, refused, none configured)."""


class DnsLookup(Protocol):
    def resolve(self, name: str, record_type: str) -> list[str]:
        """The record's values as text (``203.0.113.7``, ``0 issue "letsencrypt.org"``);
        an empty list when the name or the record does not exist."""
        ...


class TlsProbe(Protocol):
    def status(self, domain: str, host: str, port: int, ca_file: str | None = None) -> TlsStatus:
        """Connect to ``host:port`` sending ``domain`` as SNI and read what is served."""
        ...


@dataclass(frozen=True)
class EntryPoint:
    """Where the environment's traffic arrives: ``load_balancer`` or ``app_servers``."""

    kind: str
    names: tuple[str, ...]
    ipv4: tuple[str, ...]
    ipv6: tuple[str, ...]

    def plain(self) -> dict[str, object]:
        return {"kind": self.kind, "names": list(self.names), "ipv4": list(self.ipv4),
                "ipv6": list(self.ipv6)}


@dataclass(frozen=True)
class DomainPlan:
    platform: str
    environment: str
    domain: str | None
    entry: EntryPoint
    records: tuple[DnsRecord, ...]

    @property
    def internal_url(self) -> str | None:
        """Without a domain: the address the platform answers at (Caddy's own certificate)."""
        if self.domain is not None:
            return None
        if self.entry.ipv4:
            return f"https://{self.entry.ipv4[0]}"
        return f"https://[{self.entry.ipv6[0]}]" if self.entry.ipv6 else None

    def plain(self) -> dict[str, object]:
        return {"platform": self.platform, "environment": self.environment,
                "domain": self.domain, "internal_url": self.internal_url,
                "entry_point": self.entry.plain(), "records": [r.plain() for r in self.records]}


@dataclass(frozen=True)
class DomainCheck:
    plan: DomainPlan
    records: tuple[RecordCheck, ...]
    tls: TlsStatus
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def dns_good(self) -> bool:
        return all(r.good for r in self.records)

    @property
    def tls_good(self) -> bool:
        return self.tls.good(self.at)

    @property
    def good(self) -> bool:
        return self.dns_good and self.tls_good

    def plain(self) -> dict[str, object]:
        return {"platform": self.plan.platform, "environment": self.plan.environment,
                "domain": self.plan.domain, "entry_point": self.plan.entry.plain(),
                "records": [r.plain() for r in self.records], "dns_good": self.dns_good,
                "tls": self.tls.plain(self.at), "tls_good": self.tls_good, "good": self.good,
                "checked_at": self.at.isoformat()}


def parse_address(value: str, default_port: int, option: str) -> tuple[str, int]:
    """``HOST[:PORT]`` or ``[IPV6]:PORT`` (a bare IPv6 address takes the default port)."""
    text = value.strip()
    host, port = text, default_port
    try:
        if text.startswith("["):
            host, _, rest = text[1:].partition("]")
            if rest:
                if not rest.startswith(":"):
                    raise ValueError(text)
                port = int(rest[1:])
        elif text.count(":") == 1:
            host, _, number = text.partition(":")
            port = int(number)
        elif text.count(":") > 1:
            ipaddress.IPv6Address(text)
        if not host or not 1 <= port <= 65535:
            raise ValueError(text)
    except ValueError:
        raise DomainError(f"{option} {value!r}: expected HOST[:PORT] (e.g. 127.0.0.1:5353)",
                          f"{option} «{value}»: المتوقع HOST[:PORT] (مثل 127.0.0.1:5353)") from None
    return host, port


class Domains:
    def __init__(self, specs: SpecSource,
                 connect_cloud: Callable[[str], AbstractContextManager[CloudProvider]],
                 site_of: Callable[[str, str], PlatformSite],
                 targets: ReleaseTargets | None = None, audit: AuditLog | None = None,
                 tenant_id: str = "") -> None:
        self.specs = specs
        self.connect_cloud = connect_cloud
        self.site_of = site_of
        self.targets = targets
        self.audit = audit
        self.tenant_id = tenant_id

    def show(self, platform: str, environment: str, caa: bool = True) -> DomainPlan:
        """The domain and the records it needs, from the blueprint and the cloud as it is."""
        site = self.site_of(platform, environment)
        if site.domain is not None:
            check_domain(site.domain)
        spec = self.specs.last_spec(platform, environment)
        with self.connect_cloud(spec.account) as provider:
            entry = entry_point(provider, spec)
        records = required_records(site.domain, entry.ipv4, entry.ipv6, caa) if site.domain else []
        return DomainPlan(platform, environment, site.domain, entry, tuple(records))

    def check(self, plan: DomainPlan, dns: DnsLookup, tls: TlsProbe,
              reach: tuple[str, int] | None = None, ca_file: str | None = None) -> DomainCheck:
        """Every record resolved and compared, then the TLS status of the domain."""
        if plan.domain is None:
            raise DomainError(
                f"{plan.platform} {plan.environment} has no domain: set environments[].domain "
                "in the blueprint, then 'webnova domain apply'",
                f"لا نطاق للبيئة {plan.environment} في {plan.platform}: عيّن environments[].domain "
                "في المخطط ثم نفّذ 'webnova domain apply'")
        checks = tuple(compare(r, dns.resolve(r.name, r.type)) for r in plan.records)
        host, port = reach or (plan.domain, 443)
        return DomainCheck(plan, checks, tls.status(plan.domain, host, port, ca_file))

    async def apply(self, platform: str, environment: str,
                    reach: Mapping[str, Reach] | None = None, actor: str = "") -> list[str]:
        """Write the Caddyfile for the blueprint's domain to every app server (through the
        hook, which validates it and reloads Caddy); the names of the servers updated. The
        audit log records it (``domain.apply``: the domain, the servers changed, why not)."""
        if self.targets is None:
            raise DomainError("no SSH access to the servers is configured",
                              "لم يُهيأ وصول SSH إلى الخوادم")
        site = self.site_of(platform, environment)
        if site.domain is not None:
            check_domain(site.domain)
        text = files.caddyfile(files.PlatformPaths(site.key), site.domain, site.port)
        done: list[str] = []
        for name, host in self.targets.app_hosts(platform, environment, reach or {}):
            try:
                await _install_caddyfile(name, host, text)
            except DomainError as exc:
                self._record(actor, platform, environment, site.domain, done, str(exc))
                if not done:
                    raise
                raise DomainError(f"{exc} (already changed: {', '.join(done)}; run it again)",
                                  f"{exc.message_ar} (تغيّر من قبل: {', '.join(done)}؛ أعد التشغيل)"
                                  ) from exc
            finally:
                await host.close()
            done.append(name)
        self._record(actor, platform, environment, site.domain, done, None)
        return done

    def _record(self, actor: str, platform: str, environment: str, domain: str | None,
                done: list[str], failure: str | None) -> None:
        if self.audit is None:
            return
        self.audit.append(AuditRecord(
            self.tenant_id, actor, "domain.apply", f"{platform}/{environment}",
            {"domain": domain, "servers": list(done), "reason": failure},
            "done" if failure is None else "failed"))


async def _install_caddyfile(name: str, host: RemoteHost, text: str) -> None:
    result = await host.run(
        'set -eu; umask 077; f=$(mktemp "$HOME/.webnova-caddy.XXXXXX"); '
        "trap 'rm -f \"$f\"' EXIT; cat > \"$f\"; chmod 0644 \"$f\"; "
        f'sudo -n {CADDY_SITE} "$f"', input=text, check=False, timeout=120)
    if result.exit_code != 0:
        said = [line for line in result.stderr.splitlines() if line.strip()]
        reason = said[-1] if said else f"exit code {result.exit_code}"
        raise DomainError(f"{name}: the site was not changed: {reason}",
                          f"{name}: لم يتغير الموقع: {reason}")


def entry_point(provider: CloudProvider, spec: EnvironmentSpec) -> EntryPoint:
    """The environment's load balancer when it has one, else its app servers, with the
    public addresses the cloud reports for them now."""
    balancers = provider.list_by_labels(ResourceKind.LOAD_BALANCER, spec.labels())
    if balancers:
        chosen = sorted(balancers, key=lambda r: r.name)
        kind = "load_balancer"
    else:
        chosen = sorted((s for s in provider.list_by_labels(ResourceKind.SERVER, spec.labels())
                         if s.labels.get(LABEL_ROLE) == "app"), key=lambda r: r.name)
        kind = "app_servers"
    if not chosen:
        raise DomainError(
            f"{spec.platform} {spec.environment} has no app server or load balancer in cloud "
            f"account {spec.account!r}; apply its infrastructure first",
            f"لا خادم تطبيق ولا موازن أحمال للبيئة {spec.environment} في الحساب "
            f"«{spec.account}»؛ طبّق بنيتها أولًا")
    ipv4 = tuple(str(r.attributes["address"]) for r in chosen if r.attributes.get("address"))
    ipv6 = tuple(str(r.attributes["address_v6"]) for r in chosen
                 if r.attributes.get("address_v6"))
    if not ipv4 and not ipv6:
        raise DomainError(f"the cloud reports no public address for {', '.join(r.name for r in chosen)}",
                          f"لا يذكر السحاب عنوانًا عامًا لـ {', '.join(r.name for r in chosen)}")
    return EntryPoint(kind, tuple(r.name for r in chosen), ipv4, ipv6)
