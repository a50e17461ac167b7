"""Pulling the usage that generated platforms report for their tenants into the ledger.

A generated platform counts its tenants' requests, active users and stored bytes and
answers them on ``GET /_webnova/usage?cursor=N`` (its ``metering.py``): the rows of its
append-only usage log after ``N``, with the cursor to ask with next. The console asks
with the environment's metering token, made once per environment and kept only in the
keyring (``PlatformSecrets``: ``METERING_TOKEN``, shipped to the app servers with the
release's other settings), and keeps the cursor in the ledger itself: each page is one
append of its ``UsageRecorded`` events and a ``PlatformUsagePulled`` marker holding the
new cursor, at the stream's expected version. A pull killed midway has kept whole pages
only; the next pull asks after the last kept cursor, so nothing is recorded twice and
nothing is missed (two pulls at once: the second loses on the version and keeps nothing).
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from app.domain.costs.platform_usage import PlatformUsageError, read_page
from app.domain.costs.usage import USAGE_RECORDED
from app.domain.errors import ConcurrencyError, WebNovaError
from app.domain.events import NewEvent
from app.services.ports import EventStore, StreamAppend
from app.services.remote_ports import RemoteError, RemoteHost

PULLED = "PlatformUsagePulled"
PAGE = 500
METERING_TOKEN = "METERING_TOKEN"
PATH = "/_webnova/usage"


class UsagePullError(WebNovaError):
    """A pull that could not finish; pages before it are kept."""


class UsageFeedUnreachableError(UsagePullError):
    pass


class UsageFeedUnauthorizedError(UsagePullError):
    pass


class UsageFeed(Protocol):
    """Where one environment's platform answers its usage."""

    @property
    def where(self) -> str:
        """The address, as messages name it."""
        ...

    async def page(self, cursor: str, limit: int) -> object:
        """The decoded JSON answer after ``cursor``; UsageFeedUnreachableError when there
        is no answer, UsageFeedUnauthorizedError on 401, UsagePullError on other refusals."""
        ...


def platform_usage_stream(tenant_id: str, platform: str, environment: str) -> str:
    return f"usage-platform:{tenant_id}:{platform}:{environment}"


@dataclass(frozen=True)
class Pulled:
    records: int
    pages: int
    cursor_from: str
    cursor: str

    def to_json(self) -> dict[str, Any]:
        return {"records": self.records, "pages": self.pages, "from": self.cursor_from,
                "cursor": self.cursor}


class PlatformUsagePuller:
    def __init__(self, store: EventStore, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id

    def cursor(self, platform: str, environment: str) -> tuple[int, str]:
        """The stream's version and the cursor of its last kept page ("" before the first)."""
        stream = platform_usage_stream(self.tenant_id, platform, environment)
        version = self.store.stream_version(stream)
        if not version:
            return 0, ""
        last = self.store.read_stream(stream, version - 1)[-1]
        return version, str(last.data.get("cursor", "")) if last.type == PULLED else ""

    async def pull(self, platform: str, environment: str, feed: UsageFeed, actor: str | None,
                   limit: int = PAGE, on_page: Callable[[int], None] | None = None) -> Pulled:
        """Every page after the kept cursor, each kept with its cursor in one append."""
        stream = platform_usage_stream(self.tenant_id, platform, environment)
        version, start = self.cursor(platform, environment)
        cursor, total, pages = start, 0, 0
        while True:
            try:
                answer = await feed.page(cursor, limit)
            except UsagePullError as exc:
                kept = f"; the {total} records pulled before were kept" if total else ""
                raise type(exc)(f"{exc}{kept}") from None
            try:
                page = read_page(answer, platform, environment, cursor)
            except PlatformUsageError as exc:
                raise UsagePullError(
                    f"{feed.where} answered usage that cannot be read ({exc}); nothing of that "
                    f"answer was recorded" + (f", {total} records before it were" if total else "")
                ) from None
            if not page.records and page.cursor == cursor:
                break
            events = [NewEvent(USAGE_RECORDED, self.tenant_id, record.to_json(),
                               {"actor": actor, "usage_id": f"{platform}/{environment}/{row_id}"})
                      for row_id, record in page.records]
            marker = NewEvent(PULLED, self.tenant_id, {
                "platform": platform, "environment": environment, "from": cursor,
                "cursor": page.cursor, "records": len(events)}, {"actor": actor})
            try:
                self.store.append_batch([StreamAppend(stream, [*events, marker], version)])
            except ConcurrencyError:
                raise UsagePullError(f"another pull of {platform} {environment} usage recorded "
                                     "pages meanwhile; run the pull again (it resumes after "
                                     "them)") from None
            version += len(events) + 1
            cursor, total, pages = page.cursor, total + len(events), pages + 1
            if on_page is not None:
                on_page(len(events))
            if not page.more:
                break
        return Pulled(total, pages, start, cursor)


# Run on an app server (python3 is there: releases install with it): a GET of the usage
# page through the proxy on this machine, the token read from standard input (never a
# command line), the status and body printed as one JSON line.
_FETCH = r"""
import http.client, json, socket, ssl, sys, urllib.parse
url, name = sys.argv[1], sys.argv[2]
metering = sys.stdin.readline().strip()
parts = urllib.parse.urlsplit(url)
secure = parts.scheme == "https"
port = parts.port or (443 if secure else 80)
try:
    sock = socket.create_connection((parts.hostname, port), timeout=30)
    if secure:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # loopback: the proxy is this machine
        sock = context.wrap_socket(sock, server_hostname=name)
    conn = http.client.HTTPConnection(name, port, timeout=30)
    conn.sock = sock
    target = parts.path + ("?" + parts.query if parts.query else "")
    conn.putrequest("GET", target, skip_host=True)
    conn.putheader("Host", name)
    conn.putheader("Authorization", "Bearer " + metering)
    conn.endheaders()
    answer = conn.getresponse()
    print(json.dumps({"status": answer.status, "body": answer.read().decode("utf-8", "replace")}))
except OSError as exc:
    print(json.dumps({"status": 0, "body": str(exc) or type(exc).__name__}))
"""


class RemoteUsageFeed:
    """The platform's usage through the proxy on one of its app servers, over SSH (the way
    a release's health is checked), so it works wherever the console reaches the servers
    (``--reach``) and needs no port open to the console."""

    def __init__(self, server: str, host: RemoteHost, url: str, site_name: str, token: str) -> None:
        self.server = server
        self.host = host
        self.url = url  # https://127.0.0.1/_webnova/usage, as the server reaches its proxy
        self.site_name = site_name
        self._token = token

    @property
    def where(self) -> str:
        return f"{self.server} ({self.site_name})"

    async def close(self) -> None:
        await self.host.close()

    async def page(self, cursor: str, limit: int) -> object:
        url = f"{self.url}?cursor={cursor}&limit={limit}"
        command = "python3 -c " + " ".join(shlex.quote(w) for w in (_FETCH, url, self.site_name))
        try:
            result = await self.host.run(command, timeout=120, check=True, input=self._token + "\n")
        except RemoteError as exc:
            raise UsageFeedUnreachableError(f"cannot reach {self.server}: {exc}") from None
        try:
            reply = json.loads(result.stdout.strip().splitlines()[-1])
            status, body = int(reply["status"]), str(reply["body"])
        except (ValueError, KeyError, IndexError, TypeError):
            raise UsagePullError(f"{self.where}: the usage request on the server said nothing "
                                 "readable") from None
        return decode_answer(self.where, status, body)


def decode_answer(where: str, status: int, body: str) -> object:
    """The JSON of a usage answer, or the error its status means."""
    if status == 0:
        raise UsageFeedUnreachableError(f"{where} does not answer ({body}); is the platform "
                                        "running and its proxy up?")
    if status == 401:
        raise UsageFeedUnauthorizedError(
            f"{where} refused the environment's metering token (401): the platform runs with "
            "another METERING_TOKEN or none; deploy a release to the environment again "
            "('webnova release deploy ...') so its servers get the token this console holds")
    if status == 404:
        raise UsagePullError(f"{where} has no usage endpoint (404): its release was generated "
                             "before metering; generate, build and deploy a new release")
    if status != 200:
        raise UsagePullError(f"{where} answered HTTP {status} to the usage request: {body[:200]}")
    try:
        return json.loads(body)
    except ValueError:
        raise UsagePullError(f"{where} answered usage that cannot be read (answer: is not "
                             "JSON); nothing of that answer was recorded") from None
