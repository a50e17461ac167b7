"""DNS answers through dnspython: the system's resolver (``/etc/resolv.conf``), or one
nameserver named by the owner (``IP[:PORT]``). Implements :class:`app.services.domains.DnsLookup`:
no such name or no record of that type is an empty answer; a resolver that cannot be
asked (timed out, refused, no nameserver) is a :class:`DnsLookupError` naming it."""

from __future__ import annotations

import dns.exception
import dns.rdatatype
import dns.resolver

from app.services.domains import DnsLookupError


class DnsPythonLookup:
    def __init__(self, nameserver: tuple[str, int] | None = None, timeout: float = 5.0) -> None:
        self.where = (f"nameserver {nameserver[0]} port {nameserver[1]}" if nameserver
                      else "the system's resolver")
        try:
            self.resolver = dns.resolver.Resolver(configure=nameserver is None)
        except dns.resolver.NoResolverConfiguration as exc:
            raise DnsLookupError(f"{self.where}: no nameserver is configured",
                                 "لا يوجد خادم أسماء مهيأ في النظام") from exc
        if nameserver is not None:
            self.resolver.nameservers = [nameserver[0]]
            self.resolver.port = nameserver[1]
        self.resolver.lifetime = timeout
        self.resolver.timeout = min(timeout, 2.0)

    def resolve(self, name: str, record_type: str) -> list[str]:
        try:
            answer = self.resolver.resolve(name, dns.rdatatype.from_text(record_type),
                                           raise_on_no_answer=False)
        except dns.resolver.NXDOMAIN:
            return []
        except dns.exception.Timeout as exc:
            raise DnsLookupError(f"{self.where} did not answer for {name} {record_type}",
                                 f"لم يُجب {self.where} عن {name} {record_type}") from exc
        except (dns.resolver.NoNameservers, dns.exception.DNSException) as exc:
            raise DnsLookupError(f"{self.where} failed for {name} {record_type}: {exc}",
                                 f"فشل {self.where} في {name} {record_type}") from exc
        if answer.rrset is None:
            return []
        return [rdata.to_text() for rdata in answer.rrset]
