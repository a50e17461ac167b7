"""The cloud port over Hetzner Cloud, through the official ``hcloud`` SDK.

The SDK's own retries are switched off: it sleeps up to a minute without knowing the
``RateLimit-Reset`` header. This adapter retries instead — 429 waits no longer than the
reset, 5xx / ``locked`` / ``conflict`` back off with jitter — and maps every API error to
the port's errors, whose messages never carry the token.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import requests
from hcloud import APIException, Client
from hcloud.firewalls import Firewall, FirewallResource
from hcloud.load_balancers import LoadBalancer
from hcloud.networks import Network
from hcloud.primary_ips import PrimaryIP
from hcloud.servers import Server
from hcloud.ssh_keys import SSHKey
from hcloud.volumes import Volume

from app.domain.redaction import redactor
from app.integrations.hetzner_change import InPlaceChanges, refs
from app.integrations.hetzner_convert import location_prices, resource
from app.integrations.hetzner_create import check_follow_ups, create_resource
from app.services.cloud_ports import (
    ActionRef,
    ActionStatus,
    CloudActionFailedError,
    CloudAuthError,
    CloudConflictError,
    CloudError,
    CloudInvalidInputError,
    CloudLocation,
    CloudLockedError,
    CloudNotFoundError,
    CloudRateLimitedError,
    CloudResource,
    CloudUnavailableError,
    Created,
    LocationPrices,
    ResourceKind,
    ResourceSpec,
    TokenCheck,
)

T = TypeVar("T")
ENDPOINT = "https://api.hetzner.cloud/v1"
_PLURAL = {ResourceKind.SSH_KEY: "ssh_keys", ResourceKind.NETWORK: "networks",
           ResourceKind.FIREWALL: "firewalls", ResourceKind.SERVER: "servers",
           ResourceKind.VOLUME: "volumes", ResourceKind.PRIMARY_IP: "primary_ips",
           ResourceKind.LOAD_BALANCER: "load_balancers"}
_DOMAIN: dict[ResourceKind, Callable[..., Any]] = {
    ResourceKind.SSH_KEY: SSHKey, ResourceKind.NETWORK: Network, ResourceKind.FIREWALL: Firewall,
    ResourceKind.SERVER: Server, ResourceKind.VOLUME: Volume, ResourceKind.PRIMARY_IP: PrimaryIP,
    ResourceKind.LOAD_BALANCER: LoadBalancer}
_RETRYABLE = {"rate_limit_exceeded", "locked", "conflict", "server_error", "unavailable",
              "timeout", "bad_gateway", "maintenance"}
_AUTH = {"unauthorized", "forbidden", "token_readonly"}


def selector(labels: Mapping[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items()))


class HetznerCloud(InPlaceChanges):
    def __init__(self, token: str, endpoint: str = ENDPOINT, *, poll_interval: float = 1.0,
                 max_retries: int = 5, backoff: float = 1.0, max_wait: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.time, timeout: float = 30.0) -> None:
        if not token or not token.strip():
            raise CloudAuthError("the Hetzner token is empty", "unauthorized")
        redactor.register(token)
        self.endpoint = endpoint
        self.poll_interval, self.max_retries, self.backoff = poll_interval, max_retries, backoff
        self.max_wait, self.sleep, self.clock = max_wait, sleep, clock
        self.requests_made = 0
        self.headers: dict[str, str] = {}
        self.sdk = Client(token, api_endpoint=endpoint, poll_interval=poll_interval,
                          timeout=timeout, application_name="webnova-console")
        base = self.sdk._client  # the SDK's HTTP layer: no retries of its own, headers seen here
        base._retry_max_retries = 0
        base._session.hooks["response"].append(self._observe)

    @property
    def provider(self) -> str:
        return "hetzner"

    # ------------------------------------------------------------ requests, retries, errors
    def _observe(self, response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        self.requests_made += 1
        for name in ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"):
            if name in response.headers:
                self.headers[name] = response.headers[name]

    def _delay(self, attempt: int, code: str) -> float:
        wait = float(min(self.max_wait, self.backoff * 2**attempt)) * random.uniform(0.5, 1.0)
        reset = self.headers.get("RateLimit-Reset", "")
        if code == "rate_limit_exceeded" and reset.isdigit():
            wait = min(wait, max(0.0, int(reset) - self.clock()))
        return wait

    def _call(self, fn: Callable[[], T]) -> T:
        attempt = 0
        while True:
            try:
                return fn()
            except APIException as exc:
                code = str(exc.code)
                retryable = code in _RETRYABLE or (isinstance(exc.code, int) and exc.code >= 500)
                if not retryable or attempt >= self.max_retries:
                    raise self._error(exc) from None
                self.sleep(self._delay(attempt, code))
                attempt += 1
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt >= min(self.max_retries, 2):  # an unreachable host rarely comes back soon
                    raise CloudUnavailableError(
                        f"Hetzner Cloud cannot be reached at {self.endpoint} "
                        f"({type(exc).__name__})", "unreachable") from None
                self.sleep(self._delay(attempt, "unreachable"))
                attempt += 1

    def _error(self, exc: APIException) -> CloudError:
        code, message = str(exc.code), redactor.redact(str(exc.message))
        details = exc.details if isinstance(exc.details, dict) else {}
        fields = [f"{f.get('name')} ({'; '.join(f.get('messages') or [])})"
                  for f in details.get("fields") or [] if isinstance(f, dict)]
        where = f": {', '.join(fields)}" if fields else ""
        if code in _AUTH:
            return CloudAuthError(f"Hetzner refused the token ({code}): check it, or make a "
                                  "new one with read and write rights", code)
        if code == "rate_limit_exceeded":
            reset = self.headers.get("RateLimit-Reset", "")
            at = datetime.fromtimestamp(int(reset), UTC) if reset.isdigit() else None
            when = f"; try again after {at:%H:%M:%S} UTC" if at else ""
            return CloudRateLimitedError(f"Hetzner's rate limit is spent{when}", at)
        kinds: dict[str, type[CloudError]] = {
            "uniqueness_error": CloudConflictError, "conflict": CloudConflictError,
            "invalid_input": CloudInvalidInputError, "json_error": CloudInvalidInputError,
            "locked": CloudLockedError, "not_found": CloudNotFoundError,
            "protected": CloudConflictError}
        error_class = kinds.get(code, CloudUnavailableError if code in _RETRYABLE or code.isdigit()
                                else CloudError)
        return error_class(f"Hetzner: {message} ({code}){where}", code, details)

    # ------------------------------------------------------------ account, prices
    def check(self) -> TokenCheck:
        self._call(lambda: self.sdk.request("GET", "/locations", params={"per_page": 1}))

        def number(name: str) -> int | None:
            value = self.headers.get(name, "")
            return int(value) if value.isdigit() else None

        reset = number("RateLimit-Reset")
        return TokenCheck("hetzner", number("RateLimit-Limit"), number("RateLimit-Remaining"),
                          datetime.fromtimestamp(reset, UTC) if reset is not None else None)

    def locations(self) -> list[CloudLocation]:
        found = self._call(self.sdk.locations.get_all)
        return [CloudLocation(loc.name or "", loc.country or "", loc.city or "",
                              loc.network_zone or "") for loc in found]

    def prices(self, location: str) -> LocationPrices:
        known = [loc.name for loc in self.locations()]
        if location not in known:
            raise CloudInvalidInputError(f"{location!r} is not a Hetzner location "
                                         f"(known: {', '.join(known)})", "invalid_input")
        pricing = self._call(lambda: self.sdk.request("GET", "/pricing"))["pricing"]
        return location_prices(pricing, location)

    def price_list(self) -> dict[str, Any]:
        return dict(self._call(lambda: self.sdk.request("GET", "/pricing"))["pricing"])

    # ------------------------------------------------------------ resources
    def _client_for(self, kind: ResourceKind) -> Any:
        return getattr(self.sdk, _PLURAL[kind])

    def list_by_labels(self, kind: ResourceKind, labels: Mapping[str, str]) -> list[CloudResource]:
        client = self._client_for(kind)
        found = self._call(lambda: client.get_all(label_selector=selector(labels) or None))
        return sorted((resource(kind, obj) for obj in found), key=lambda r: int(r.id))

    def get(self, kind: ResourceKind, resource_id: str) -> CloudResource | None:
        try:
            obj = self._call(lambda: self._client_for(kind).get_by_id(int(resource_id)))
        except CloudNotFoundError:
            return None
        return resource(kind, obj)

    def create(self, spec: ResourceSpec) -> Created:
        check_follow_ups(spec)
        obj, actions = self._call(lambda: create_resource(self.sdk, spec))
        made = refs(*actions)
        protect = bool(spec.attributes.get("protected"))
        backups = spec.kind is ResourceKind.SERVER and bool(spec.attributes.get("backups"))
        if protect or backups:
            # A resource busy with its creation refuses other actions (locked) until it is done.
            self.wait(made)
            if protect:
                made += self.change(spec.kind, str(obj.id), "protected", True)
            if backups:
                made += self.change(spec.kind, str(obj.id), "backups", True)
        return Created(resource(spec.kind, obj), made)

    def update(self, kind: ResourceKind, resource_id: str, *, name: str | None = None,
               labels: Mapping[str, str] | None = None) -> CloudResource:
        target = _DOMAIN[kind](id=int(resource_id))
        changed = self._call(lambda: self._client_for(kind).update(
            target, name=name, labels=dict(labels) if labels is not None else None))
        return resource(kind, changed)

    def delete(self, kind: ResourceKind, resource_id: str) -> tuple[ActionRef, ...]:
        target = _DOMAIN[kind](id=int(resource_id))
        self._let_go(kind, int(resource_id))
        try:
            answer = self._call(lambda: self._client_for(kind).delete(target))
        except CloudConflictError as exc:
            if exc.code != "protected":
                raise
            raise CloudConflictError(f"{kind.value} {resource_id} is protected against deletion: "
                                     "lift its protection first", "protected", exc.details) from None
        action = getattr(answer, "action", answer)  # servers: an action; load balancers: a response
        if action is True or action is None:
            return ()
        return (ActionRef(str(action.id), action.command or ""),)

    def _let_go(self, kind: ResourceKind, ident: int) -> None:
        """What Hetzner refuses to delete while it is in use is let go first: a volume is
        detached from its server, a firewall taken off the resources it is applied to."""
        if kind is ResourceKind.VOLUME:
            volume = self._call(lambda: self.sdk.volumes.get_by_id(ident))
            if volume.server is not None:
                action = self._call(lambda: self.sdk.volumes.detach(volume))
                self.wait([ActionRef(str(action.id), action.command or "")])
        elif kind is ResourceKind.FIREWALL:
            firewall = self._call(lambda: self.sdk.firewalls.get_by_id(ident))
            if firewall.applied_to:
                resources = [FirewallResource(type=a.type, server=a.server,
                                              label_selector=a.label_selector)
                             for a in firewall.applied_to]
                actions = self._call(lambda: self.sdk.firewalls.remove_from_resources(
                    firewall, resources))
                self.wait([ActionRef(str(a.id), a.command or "") for a in actions])

    # ------------------------------------------------------------ actions
    def action(self, action_id: str) -> ActionStatus:
        found = self._call(lambda: self.sdk.actions.get_by_id(int(action_id)))
        error = found.error or None
        message = f"{error.get('message')} ({error.get('code')})" if isinstance(error, dict) else None
        return ActionStatus(str(found.id), found.command or "", found.status or "running",
                            int(found.progress or 0), message)

    def wait(self, actions: Sequence[ActionRef], timeout: float = 600) -> list[ActionStatus]:
        deadline = self.clock() + timeout
        results: dict[str, ActionStatus] = {}
        while True:
            for ref in actions:
                if ref.id not in results or not results[ref.id].done:
                    results[ref.id] = self.action(ref.id)
            for status in results.values():
                if status.status == "error":
                    raise CloudActionFailedError(status)
            if all(s.done for s in results.values()):
                return [results[ref.id] for ref in actions]
            if self.clock() >= deadline:
                running = ", ".join(f"{s.command} ({s.id})" for s in results.values() if not s.done)
                raise CloudUnavailableError(f"still running after {timeout:g} s: {running}", "timeout")
            self.sleep(self.poll_interval)

