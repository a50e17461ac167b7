"""TLS status of a site: a connection sending the domain as SNI, once verifying (the system's
trusted authorities, or ``ca_file``) to say whether it is trusted, and, when that handshake
is refused, once more without verifying to read the certificate anyway. The certificate is
read with ``cryptography``. Implements :class:`app.services.domains.TlsProbe`."""

from __future__ import annotations

import socket
import ssl
from datetime import UTC

from cryptography import x509
from cryptography.x509.oid import NameOID

from app.domain.release.custom_domain import Certificate, TlsStatus


class SslTlsProbe:
    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout

    def status(self, domain: str, host: str, port: int, ca_file: str | None = None) -> TlsStatus:
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        trusting = ssl.create_default_context(cafile=ca_file)
        try:
            der = self._certificate(trusting, domain, host, port)
            return TlsStatus(domain, address, read_certificate(der), trusted=True)
        except ssl.SSLCertVerificationError as exc:
            refusal = exc.verify_message or exc.reason or str(exc)
        except (OSError, ssl.SSLError) as exc:
            return TlsStatus(domain, address, None, trusted=False, error=_reason(exc))
        reading = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        reading.check_hostname = False
        reading.verify_mode = ssl.CERT_NONE
        try:
            der = self._certificate(reading, domain, host, port)
        except (OSError, ssl.SSLError) as exc:
            return TlsStatus(domain, address, None, trusted=False, refusal=str(refusal),
                             error=_reason(exc))
        return TlsStatus(domain, address, read_certificate(der), trusted=False,
                         refusal=str(refusal))

    def _certificate(self, context: ssl.SSLContext, domain: str, host: str, port: int) -> bytes:
        with socket.create_connection((host, port), timeout=self.timeout) as raw, \
                context.wrap_socket(raw, server_hostname=domain) as tls:
            der = tls.getpeercert(binary_form=True)
        if not der:
            raise ssl.SSLError("the server sent no certificate")
        return der


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return f"the name does not resolve ({exc.strerror})"
    text = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
    return str(text)


def read_certificate(der: bytes) -> Certificate:
    cert = x509.load_der_x509_certificate(der)
    names: list[str] = []
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names += [str(n) for n in alt.get_values_for_type(x509.DNSName)]
        names += [str(a) for a in alt.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        pass
    return Certificate(subject=_name(cert.subject), issuer=_name(cert.issuer),
                       names=tuple(names), not_before=cert.not_valid_before_utc.astimezone(UTC),
                       not_after=cert.not_valid_after_utc.astimezone(UTC))


def _name(name: x509.Name) -> str:
    """The common name, with the organisation when there is one (``R11, Let's Encrypt``)."""
    parts = [str(a.value) for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME)
             for a in name.get_attributes_for_oid(oid)]
    return ", ".join(dict.fromkeys(parts)) or name.rfc4514_string()
