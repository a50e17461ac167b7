"""The simulator on loopback: Hetzner Cloud's HTTP API as the official SDK speaks it.

``HetznerSimulator(token).start()`` answers at ``sim.url`` (``http://127.0.0.1:PORT/v1``):
bearer-token authentication (401 ``unauthorized``), rate limiting with the ``RateLimit-*``
headers (429 ``rate_limit_exceeded``), paginated lists with ``label_selector`` and ``name``
filters, and the error body ``{"error": {"code", "message", "details"}}``. ``sim.faults``
breaks it on purpose; ``sim.requests`` counts what was asked.
"""

from __future__ import annotations

import copy
import json
import math
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.integrations.hetzner_sim import balancer, catalog, compute, network
from app.integrations.hetzner_sim.common import body_object, labels_of, name_of, protection_of
from app.integrations.hetzner_sim.labels import SelectorError, parse_selector
from app.integrations.hetzner_sim.state import KINDS, SINGULAR, SimError, SimState, invalid

CATALOG = {"locations": catalog.locations, "datacenters": catalog.datacenters,
           "server_types": catalog.server_types, "load_balancer_types": catalog.load_balancer_types,
           "images": catalog.images}
CREATE = {"servers": compute.create_server, "volumes": compute.create_volume,
          "primary_ips": compute.create_primary_ip, "networks": network.create_network,
          "firewalls": network.create_firewall, "ssh_keys": network.create_ssh_key,
          "load_balancers": balancer.create_load_balancer}
ACTIONS = {"servers": compute.server_action, "volumes": compute.volume_action,
           "primary_ips": compute.primary_ip_action, "networks": network.network_action,
           "firewalls": network.firewall_action, "load_balancers": balancer.load_balancer_action}
# What change_protection takes, per kind; SSH keys and firewalls have no protection at all.
PROTECTION = {"servers": ("delete", "rebuild"), "volumes": ("delete",), "primary_ips": ("delete",),
              "networks": ("delete",), "load_balancers": ("delete",)}
DEFAULT_PER_PAGE, MAX_PER_PAGE = 25, 50


class RateLimiter:
    """A bucket of ``limit`` requests refilled ``refill`` per second (Hetzner: 3600, 1/s)."""

    def __init__(self, limit: int, refill: float, now: float) -> None:
        self.limit, self.refill = limit, refill
        self.remaining, self.at = float(limit), now

    def take(self, now: float) -> bool:
        self.remaining = min(self.limit, self.remaining + (now - self.at) * self.refill)
        self.at = now
        if self.remaining < 1:
            return False
        self.remaining -= 1
        return True

    def headers(self, now: float) -> dict[str, str]:
        missing = self.limit - math.floor(self.remaining)
        reset = now + (missing / self.refill if self.refill else 0)
        return {"RateLimit-Limit": str(self.limit),
                "RateLimit-Remaining": str(math.floor(self.remaining)),
                "RateLimit-Reset": str(math.ceil(reset))}


def _view(value: Any) -> Any:
    """What the API answers: a copy without the simulator's private fields."""
    if isinstance(value, dict):
        return {k: _view(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_view(v) for v in value]
    return copy.copy(value)


def paginate(items: list[Any], query: dict[str, list[str]], key: str) -> dict[str, Any]:
    def number(name: str, default: int) -> int:
        raw = query.get(name, [str(default)])[-1]
        if not raw.isdigit() or int(raw) < 1:
            raise invalid(name, "must be a whole number of at least 1")
        return int(raw)

    page, per_page = number("page", 1), min(number("per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    last = max(1, math.ceil(len(items) / per_page))
    return {key: items[(page - 1) * per_page: page * per_page], "meta": {"pagination": {
        "page": page, "per_page": per_page, "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page < last else None, "last_page": last,
        "total_entries": len(items)}}}


def _filter(items: list[dict[str, Any]], query: dict[str, list[str]]) -> list[dict[str, Any]]:
    if "label_selector" in query:
        try:
            matches = parse_selector(query["label_selector"][-1])
        except SelectorError as exc:
            raise invalid("label_selector", str(exc)) from None
        items = [i for i in items if matches(i.get("labels") or {})]
    for field in ("name", "status", "architecture", "type"):
        if field in query:
            items = [i for i in items if str(i.get(field)) in query[field]]
    if "id" in query:
        items = [i for i in items if str(i["id"]) in query["id"]]
    return items


class HetznerSimulator:
    def __init__(self, token: str, *, action_delay: float = 0.0, rate_limit: int = 3600,
                 refill_per_second: float = 1.0, state_file: Path | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.token = token
        self.state = SimState(action_delay=action_delay, clock=clock, path=state_file)
        self.limiter = RateLimiter(rate_limit, refill_per_second, self.state.clock())
        self.faults = self.state.faults
        self.requests: list[tuple[str, str]] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle
    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the simulator is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self, port: int = 0) -> str:
        simulator = self

        class Handler(_Handler):
            sim = simulator

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name="hetzner-sim", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> HetznerSimulator:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def mutations(self) -> int:
        return sum(1 for method, _ in self.requests if method != "GET")

    # ------------------------------------------------------------ answering
    def answer(self, method: str, path: str, query: dict[str, list[str]], token: str | None,
               body: Any) -> tuple[int, Any, dict[str, str]]:
        with self.state.lock:
            now = self.state.clock()
            self.requests.append((method, path))
            try:
                if token != self.token:
                    raise SimError(401, "unauthorized", "unable to authenticate")
                if self.faults.http:
                    status, code = self.faults.http.popleft()
                    raise SimError(status, code, f"injected {code}")
                if not self.limiter.take(now):
                    raise SimError(429, "rate_limit_exceeded", "limit of "
                                   f"{self.limiter.limit} requests per hour reached")
                self.state.settle()
                balancer.refresh_targets(self.state)
                before = self.state.snapshot() if method != "GET" else None
                try:
                    status, payload = self.route(method, [p for p in path.split("/") if p], query, body)
                except SimError:
                    if before is not None:
                        self.state.restore(before)
                    raise
                if method != "GET":
                    self.state.save()
            except SimError as exc:
                status, payload = exc.status, {"error": {"code": exc.code, "message": exc.message,
                                                         "details": exc.details}}
            return status, _view(payload), self.limiter.headers(now)

    def route(self, method: str, parts: list[str], query: dict[str, list[str]],
              body: Any) -> tuple[int, Any]:
        if not parts or parts[0] != "v1":
            raise SimError(404, "not_found", "not found")
        parts = parts[1:]
        state = self.state
        head = parts[0] if parts else ""
        if method == "GET" and parts == ["pricing"]:
            return 200, {"pricing": catalog.pricing()}
        if method == "GET" and head in CATALOG and len(parts) <= 2:
            items = CATALOG[head]()
            if len(parts) == 2:
                found = [i for i in items if str(i["id"]) == parts[1]]
                if not found:
                    raise SimError(404, "not_found", f"{head[:-1]} with ID '{parts[1]}' not found")
                return 200, {head[:-1]: found[0]}
            return 200, paginate(_filter(items, query), query, head)
        if head == "actions" and method == "GET":
            return self._actions(parts[1:], query, None)
        if head not in KINDS:
            raise SimError(404, "not_found", f"/{'/'.join(parts)} not found")
        kind, table = head, state.resources[head]
        if len(parts) == 1:
            if method == "GET":
                items = sorted(table.values(), key=lambda r: r["id"])
                return 200, paginate(_filter(items, query), query, kind)
            if method == "POST":
                return CREATE[kind](state, body_object(body))
        if len(parts) >= 2 and parts[1] == "actions" and method == "GET":
            return self._actions(parts[2:], query, (kind, None))
        if len(parts) < 2 or not parts[1].isdigit():
            raise SimError(404, "not_found", f"/{'/'.join(parts)} not found")
        resource = state.get(kind, int(parts[1]))
        if len(parts) == 2:
            return self._one(method, kind, resource, body)
        if parts[2] == "actions" and method == "GET":
            return self._actions(parts[3:], query, (kind, resource["id"]))
        if parts[2] == "actions" and method == "POST" and len(parts) == 4:
            state.require_unlocked(kind, resource["id"])
            data = body_object(body)
            if parts[3] == "change_protection" and kind in PROTECTION:
                change = protection_of(data, PROTECTION[kind])
                if kind == "servers":  # Hetzner keeps a server's two flags equal
                    if len(set(change.values())) > 1:
                        raise invalid("rebuild", "must equal delete")
                    change = dict.fromkeys(PROTECTION[kind], next(iter(change.values())))
                action = state.start_action("change_protection", [(kind, resource["id"])],
                                            [(kind, resource["id"], "protection",
                                              {**resource["protection"], **change})])
                return 201, {"action": action}
            if kind not in ACTIONS:
                raise SimError(404, "not_found", f"{SINGULAR[kind]} action {parts[3]!r} not found")
            return 201, ACTIONS[kind](state, resource, parts[3], data)
        raise SimError(404, "not_found", f"/{'/'.join(parts)} not found")

    def _one(self, method: str, kind: str, resource: dict[str, Any], body: Any) -> tuple[int, Any]:
        key = SINGULAR[kind]
        if method == "GET":
            return 200, {key: resource}
        self.state.require_unlocked(kind, resource["id"])
        if method == "PUT":
            data = body_object(body)
            name, labels = name_of(data, required=False), labels_of(data)
            if name is not None:
                self.state.check_unique_name(kind, name, resource["id"])
                resource["name"] = name
            if labels is not None:
                resource["labels"] = labels
            for flag in ("auto_delete", "expose_routes_to_vswitch"):
                if flag in data and flag in resource:
                    resource[flag] = bool(data[flag])
            return 200, {key: resource}
        if method == "DELETE":
            if resource.get("protection", {}).get("delete"):
                raise SimError(423, "protected", f"{key} {resource['id']} is protected against deletion")
            if kind == "servers":
                return 200, compute.delete_server(self.state, resource)
            if kind == "firewalls" and resource["applied_to"]:
                raise SimError(422, "resource_in_use", "firewall is still applied to resources")
            if kind == "volumes" and resource["server"] is not None:
                raise SimError(423, "locked", "volume is attached to a server; detach it first")
            if kind == "primary_ips" and resource["assignee_id"] is not None:
                raise SimError(422, "must_be_unassigned", "primary IP is assigned; unassign it first")
            if kind == "load_balancers":  # the one other delete answered with an action
                action = self.state.start_action("delete_load_balancer", [(kind, resource["id"])])
                del self.state.resources[kind][resource["id"]]
                return 200, {"action": action}
            del self.state.resources[kind][resource["id"]]
            return 204, None
        raise SimError(405, "method_not_allowed", f"{method} is not allowed here")

    def _actions(self, rest: list[str], query: dict[str, list[str]],
                 scope: tuple[str, int | None] | None) -> tuple[int, Any]:
        actions = sorted(self.state.actions.values(), key=lambda a: a["id"])
        if scope is not None:
            kind, ident = scope
            actions = [a for a in actions if any(
                r["type"] == SINGULAR[kind] and (ident is None or r["id"] == ident)
                for r in a["resources"])]
        if rest:
            found = [a for a in actions if str(a["id"]) == rest[0]]
            if len(rest) > 1 or not found:
                raise SimError(404, "not_found", f"action with ID '{rest[0]}' not found")
            return 200, {"action": found[0]}
        return 200, paginate(_filter(actions, query), query, "actions")


class _Handler(BaseHTTPRequestHandler):
    sim: HetznerSimulator
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stalls

    def log_message(self, format: str, *args: Any) -> None:  # the console logs nothing of it
        return

    def _serve(self) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        auth = self.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else None
        try:
            body = json.loads(raw) if raw else {}
            status, payload, headers = self.sim.answer(self.command, split.path,
                                                       parse_qs(split.query), token, body)
        except ValueError:
            status, payload, headers = 400, {"error": {"code": "json_error", "message":
                                                       "the body is not valid JSON", "details": None}}, {}
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()
