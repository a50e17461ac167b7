"""A loopback DNS server for tests: answers UDP queries from a dict it is given, like a DNS
provider's nameserver would (it stands at the edge of the world, as the Hetzner simulator
does). ``records[(name, type)]`` is a list of values in zone-file text (``203.0.113.7``,
``0 issue "letsencrypt.org"``); a name with no entry at all is NXDOMAIN, a name with
entries of other types answers with no records. Change ``records`` between queries."""

from __future__ import annotations

import socket
import threading
from types import TracebackType

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset


class LoopbackDns:
    def __init__(self, records: dict[tuple[str, str], list[str]] | None = None) -> None:
        self.records = records if records is not None else {}
        self.queries: list[tuple[str, str]] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="loopback-dns", daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> LoopbackDns:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                wire, peer = self.sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            self.sock.sendto(self.answer(wire), peer)

    def answer(self, wire: bytes) -> bytes:
        query = dns.message.from_wire(wire)
        response = dns.message.make_response(query)
        question = query.question[0]
        name = question.name.to_text().rstrip(".").lower()
        kind = dns.rdatatype.to_text(question.rdtype)
        self.queries.append((name, kind))
        if not any(n == name for n, _ in self.records):
            response.set_rcode(dns.rcode.NXDOMAIN)
        elif self.records.get((name, kind)):
            response.answer.append(dns.rrset.from_text(question.name, 300, "IN", kind,
                                                       *self.records[(name, kind)]))
        response.flags |= dns.flags.AA
        return bytes(response.to_wire())
