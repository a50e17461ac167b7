"""The records an environment's domain needs and how DNS answers compare with them; what a
certificate says; the DNS and TLS adapters against a loopback nameserver and TLS server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.cloud.model import CloudSpecError
from app.domain.release.custom_domain import (
    LETSENCRYPT_CAA,
    Certificate,
    RecordState,
    TlsStatus,
    check_domain,
    compare,
    name_matches,
    required_records,
)
from app.integrations.dns_lookup import DnsPythonLookup
from app.integrations.tls_probe import SslTlsProbe
from app.services.domains import DnsLookupError, DomainError, parse_address
from tests.support.dns_server import LoopbackDns
from tests.support.tls_site import TlsSite, make_ca_and_site

NAME = "shop.example"
NOW = datetime(2026, 12, 4, tzinfo=UTC)


def test_the_records_point_at_the_entry_point_with_ipv6_only_when_there_is_some() -> None:
    records = required_records(NAME, ["203.0.113.9", "203.0.113.10"], ["2001:db8::1"])
    assert [(r.type, r.values, r.optional) for r in records] == [
        ("A", ("203.0.113.9", "203.0.113.10"), False), ("AAAA", ("2001:db8::1",), False),
        ("CAA", (LETSENCRYPT_CAA,), True)]
    assert [r.type for r in required_records(NAME, ["203.0.113.9"], [], caa=False)] == ["A"]


def test_answers_are_ok_missing_or_wrong_naming_the_wrong_addresses() -> None:
    a, aaaa, caa = required_records(NAME, ["203.0.113.9"], ["2001:db8::1"])
    assert compare(a, ["203.0.113.9"]).state is RecordState.OK
    assert compare(aaaa, ["2001:0db8:0:0::1"]).state is RecordState.OK  # same address
    missing = compare(a, [])
    assert (missing.state, missing.good, missing.describe()) == (RecordState.MISSING, False, "missing")
    wrong = compare(a, ["198.51.100.4", "203.0.113.9"])
    assert wrong.state is RecordState.WRONG and not wrong.good
    assert wrong.describe() == "wrong: points at 198.51.100.4, not the entry point"
    elsewhere = compare(a, ["198.51.100.4"])
    assert elsewhere.describe() == ("wrong: points at 198.51.100.4, not the entry point; "
                                    "lacks 203.0.113.9")
    # CAA is optional: none at all lets every authority issue; one naming another does not
    assert compare(caa, []).good and compare(caa, []).describe() == "missing (optional)"
    assert compare(caa, ['0 iodef "mailto:x@shop.example"']).good
    assert compare(caa, ['0 issue "letsencrypt.org; validationmethods=http-01"']).good
    other = compare(caa, ['0 issue "pki.goog"'])
    assert not other.good and other.describe() == (
        'wrong: has 0 issue "pki.goog"; lacks 0 issue "letsencrypt.org"')


def cert(issuer: str, names: tuple[str, ...], days: int) -> Certificate:
    return Certificate("CN=x", issuer, names, NOW - timedelta(days=1), NOW + timedelta(days=days))


def test_what_the_tls_status_says() -> None:
    good = TlsStatus(NAME, "shop.example:443", cert("R11, Let's Encrypt", (NAME,), 60), True)
    assert good.good(NOW) and good.describe(NOW) == "trusted, valid for shop.example, 60 days left"
    internal = TlsStatus(NAME, "x:443", cert("Caddy Local Authority - ECC Intermediate", (NAME,), 1),
                         False, refusal="unable to get local issuer certificate")
    assert not internal.good(NOW) and internal.describe(NOW) == (
        "Caddy's internal certificate (not publicly trusted) — DNS not pointing here yet?")
    stranger = TlsStatus(NAME, "x:443", cert("Other CA", ("other.example",), 9), False, "x")
    assert stranger.describe(NOW) == "not valid for shop.example (it names other.example)"
    none = TlsStatus(NAME, "x:443", None, False, error="connection refused")
    assert none.describe(NOW) == "no TLS at x:443: connection refused" and none.days_left(NOW) is None
    assert name_matches("*.example", NAME) and not name_matches("*.example", "a.shop.example")
    assert name_matches("SHOP.example.", NAME) and not name_matches("*.shop.example", NAME)


@pytest.mark.parametrize(("text", "found"), [
    ("127.0.0.1", ("127.0.0.1", 53)), ("127.0.0.1:5353", ("127.0.0.1", 5353)),
    ("[::1]:5353", ("::1", 5353)), ("::1", ("::1", 53)), ("dns.example:54", ("dns.example", 54))])
def test_addresses_are_read_with_their_port(text: str, found: tuple[str, int]) -> None:
    assert parse_address(text, 53, "--nameserver") == found


@pytest.mark.parametrize("text", ["", "127.0.0.1:0", "127.0.0.1:x", "[::1]x", "a:1:2", ":53"])
def test_bad_addresses_are_refused_naming_the_option(text: str) -> None:
    with pytest.raises(DomainError, match=r"--nameserver .*expected HOST\[:PORT\]") as caught:
        parse_address(text, 53, "--nameserver")
    assert caught.value.message_ar


def test_the_dns_adapter_asks_the_nameserver_it_is_given() -> None:
    records = {(NAME, "A"): ["203.0.113.9", "203.0.113.10"],
               (NAME, "CAA"): [LETSENCRYPT_CAA]}
    with LoopbackDns(records) as dns:
        lookup = DnsPythonLookup(("127.0.0.1", dns.port))
        assert sorted(lookup.resolve(NAME, "A")) == ["203.0.113.10", "203.0.113.9"]
        assert lookup.resolve(NAME, "AAAA") == []  # the name exists, no such record
        assert lookup.resolve("nowhere.example", "A") == []  # NXDOMAIN
        assert lookup.resolve(NAME, "CAA") == [LETSENCRYPT_CAA]
        assert (NAME, "AAAA") in dns.queries
        port = dns.port
    silent = DnsPythonLookup(("127.0.0.1", port), timeout=0.5)
    with pytest.raises(DnsLookupError, match=f"nameserver 127.0.0.1 port {port} did not answer"):
        silent.resolve(NAME, "A")


def test_the_tls_adapter_says_trusted_only_for_a_trusted_authority(tmp_path: Path) -> None:
    ca, chain, key = make_ca_and_site(tmp_path, NAME, days=30)
    with TlsSite(chain, key) as site:
        probe = SslTlsProbe(timeout=5)
        trusted = probe.status(NAME, "127.0.0.1", site.port, ca_file=str(ca))
        assert trusted.trusted and trusted.valid_for_name and trusted.error is None
        assert trusted.certificate is not None
        assert trusted.certificate.issuer == "WebNova Test Root CA, WebNova Test Trust"
        assert trusted.days_left(datetime.now(UTC)) in (29, 30)
        unknown = probe.status(NAME, "127.0.0.1", site.port)  # the system's authorities
        assert not unknown.trusted and unknown.certificate is not None
        assert "unable to get local issuer certificate" in (unknown.refusal or "")
        wrong_name = probe.status("other.example", "127.0.0.1", site.port, ca_file=str(ca))
        assert not wrong_name.trusted and not wrong_name.valid_for_name
        assert "other.example" in wrong_name.describe(datetime.now(UTC))
        port = site.port
    closed = SslTlsProbe(timeout=2).status(NAME, "127.0.0.1", port)
    assert closed.certificate is None and closed.error == "connection refused"


@pytest.mark.parametrize("text", ["shop", "Shop.example", "shop .example", "-.example.", "a" * 64 + ".example"])
def test_what_is_not_a_domain_name_is_refused_naming_it(text: str) -> None:
    with pytest.raises(CloudSpecError, match="is not a domain name") as caught:
        check_domain(text)
    assert caught.value.setting == "domain" and caught.value.message_ar
    check_domain("staging.hub.nordwind-group.example")
