"""An environment's custom domain: the DNS records its owner must create, how the records
found in DNS compare with them, and what a server's TLS certificate says.

Pure: the addresses come from the cloud account, the answers from a DNS query and the
certificate from a TLS connection, all read elsewhere (:mod:`app.services.domains`).

- ``A`` (and ``AAAA`` when the entry point has IPv6) for the domain, pointing at the
  environment's entry point: its load balancer when it has one, else its app server(s).
- ``CAA`` ``0 issue "letsencrypt.org"`` — optional. Without any CAA record every
  authority may issue; with CAA records that do not name Let's Encrypt, Caddy gets no
  certificate, so such records are *wrong*.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.bidi import ltr
from app.domain.cloud.model import CloudSpecError

LETSENCRYPT_CAA = '0 issue "letsencrypt.org"'
CADDY_INTERNAL_ISSUER = "Caddy Local Authority"
_DOMAIN = re.compile(r"^([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")


def check_domain(domain: str) -> None:
    """Refuse (naming it) what is not a lower-case domain name (``shop.example``)."""
    if not _DOMAIN.match(domain) or len(domain) > 253:
        raise CloudSpecError("domain", f"{domain!r} is not a domain name (e.g. shop.example)",
                             f"«{ltr(domain)}» ليس اسم نطاق (مثل shop.example)")


class RecordState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    WRONG = "wrong"


@dataclass(frozen=True)
class DnsRecord:
    """A record the owner creates at their DNS provider: ``name`` ``type`` ``values``."""

    name: str
    type: str  # A, AAAA or CAA
    values: tuple[str, ...]
    optional: bool = False

    def plain(self) -> dict[str, object]:
        return {"name": self.name, "type": self.type, "values": list(self.values),
                "optional": self.optional}


@dataclass(frozen=True)
class RecordCheck:
    """A record as DNS answered: ``found`` (as the resolver gave it), ``state`` and, when
    wrong, ``unexpected`` (what is there that should not be) and ``absent`` (what is not)."""

    record: DnsRecord
    found: tuple[str, ...]
    state: RecordState
    unexpected: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    @property
    def good(self) -> bool:
        return self.state is RecordState.OK or (self.record.optional
                                                 and self.state is RecordState.MISSING)

    def describe(self) -> str:
        """One line in English: ``OK``, ``missing`` or what is wrong, naming addresses."""
        if self.state is RecordState.OK:
            return "OK"
        if self.state is RecordState.MISSING:
            return "missing (optional)" if self.record.optional else "missing"
        parts = []
        if self.unexpected:
            parts.append(f"points at {', '.join(self.unexpected)}, not the entry point"
                         if self.record.type in ("A", "AAAA")
                         else f"has {'; '.join(self.unexpected)}")
        if self.absent:
            parts.append(f"lacks {', '.join(self.absent)}")
        return "wrong: " + "; ".join(parts)

    def plain(self) -> dict[str, object]:
        return {**self.record.plain(), "found": list(self.found), "state": str(self.state),
                "good": self.good, "unexpected": list(self.unexpected),
                "absent": list(self.absent), "says": self.describe()}


def required_records(domain: str, ipv4: Sequence[str], ipv6: Sequence[str],
                     caa: bool = True) -> list[DnsRecord]:
    """The records for ``domain`` pointing at the entry point's addresses (IPv6 only when it
    has some), then the optional CAA record."""
    records = []
    if ipv4:
        records.append(DnsRecord(domain, "A", tuple(sorted(set(ipv4), key=_address_key))))
    if ipv6:
        records.append(DnsRecord(domain, "AAAA", tuple(sorted(set(ipv6), key=_address_key))))
    if caa:
        records.append(DnsRecord(domain, "CAA", (LETSENCRYPT_CAA,), optional=True))
    return records


def _address_key(text: str) -> tuple[int, int]:
    address = ipaddress.ip_address(text)
    return address.version, int(address)


def compare(record: DnsRecord, found: Sequence[str]) -> RecordCheck:
    """How the values DNS answered compare with ``record``. Addresses compare as addresses
    (``2001:db8::1`` is ``2001:0db8:0::1``); CAA values by flag, tag and value."""
    answered = tuple(found)
    if not answered:
        return RecordCheck(record, answered, RecordState.MISSING)
    if record.type == "CAA":
        issuers = {_caa_issuer(v) for v in answered}
        wanted = {_caa_issuer(v) for v in record.values}
        if not {i for i in issuers if i is not None}:
            # CAA records only for iodef or issuewild: any authority may issue for the name
            return RecordCheck(record, answered, RecordState.MISSING)
        if wanted <= issuers:
            return RecordCheck(record, answered, RecordState.OK)
        return RecordCheck(record, answered, RecordState.WRONG,
                           unexpected=tuple(v for v in answered if _caa_issuer(v) is not None),
                           absent=record.values)
    have = {_normal(v): v for v in answered}
    want = {_normal(v): v for v in record.values}
    if set(have) == set(want):
        return RecordCheck(record, answered, RecordState.OK)
    return RecordCheck(record, answered, RecordState.WRONG,
                       unexpected=tuple(have[k] for k in sorted(set(have) - set(want))),
                       absent=tuple(want[k] for k in sorted(set(want) - set(have))))


def _normal(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return value.strip().lower()


def _caa_issuer(value: str) -> str | None:
    """The authority an ``issue`` CAA value names (``0 issue "letsencrypt.org; x=y"``:
    ``letsencrypt.org``), else None."""
    parts = value.split(None, 2)
    if len(parts) != 3 or parts[1].lower() != "issue":
        return None
    return parts[2].strip().strip('"').split(";", 1)[0].strip().lower()


@dataclass(frozen=True)
class Certificate:
    """What a server's certificate says (read without trusting it)."""

    subject: str
    issuer: str
    names: tuple[str, ...]  # subjectAltName DNS names and addresses
    not_before: datetime
    not_after: datetime


@dataclass(frozen=True)
class TlsStatus:
    """A TLS connection to ``address`` sending ``domain`` as SNI: the certificate, whether
    the verifying handshake succeeded (``trusted``) or why not (``refusal``), or why no
    connection was made at all (``error``)."""

    domain: str
    address: str
    certificate: Certificate | None
    trusted: bool
    refusal: str | None = None
    error: str | None = None

    def days_left(self, now: datetime) -> int | None:
        if self.certificate is None:
            return None
        return (self.certificate.not_after - now).days

    @property
    def valid_for_name(self) -> bool:
        return self.certificate is not None and any(
            name_matches(n, self.domain) for n in self.certificate.names)

    @property
    def caddy_internal(self) -> bool:
        return self.certificate is not None and CADDY_INTERNAL_ISSUER in self.certificate.issuer

    def good(self, now: datetime) -> bool:
        days = self.days_left(now)
        return self.trusted and self.valid_for_name and days is not None and days >= 0

    def describe(self, now: datetime) -> str:
        """One line in English saying what the owner should know."""
        if self.certificate is None:
            return f"no TLS at {self.address}: {self.error or 'no certificate'}"
        days = self.days_left(now)
        if self.good(now):
            return f"trusted, valid for {self.domain}, {days} days left"
        if self.caddy_internal:
            return ("Caddy's internal certificate (not publicly trusted) — DNS not pointing "
                    "here yet?")
        if days is not None and days < 0:
            return f"expired {-days} days ago"
        if not self.valid_for_name:
            return f"not valid for {self.domain} (it names {', '.join(self.certificate.names) or 'nothing'})"
        return f"not trusted: {self.refusal or 'unknown issuer'}"

    def plain(self, now: datetime) -> dict[str, object]:
        cert = self.certificate
        return {"domain": self.domain, "address": self.address, "trusted": self.trusted,
                "valid_for_name": self.valid_for_name, "caddy_internal": self.caddy_internal,
                "issuer": cert.issuer if cert else None,
                "subject": cert.subject if cert else None,
                "names": list(cert.names) if cert else [],
                "not_after": cert.not_after.isoformat() if cert else None,
                "days_left": self.days_left(now), "refusal": self.refusal, "error": self.error,
                "good": self.good(now), "says": self.describe(now)}


def name_matches(pattern: str, name: str) -> bool:
    """RFC 6125 matching: exact (case-insensitive), or one leading ``*`` label standing
    for exactly one label."""
    pattern, name = pattern.lower().rstrip("."), name.lower().rstrip(".")
    if pattern == name:
        return True
    if pattern.startswith("*."):
        head, _, rest = name.partition(".")
        return bool(head) and rest == pattern[2:]
    return False
