"""The simulated account's state: resources, actions that run over time, faults to inject,
and an optional JSON file that keeps it all between runs (the sandbox).

Actions resolve lazily: each request first settles every action whose time is up, so a
test with ``action_delay=0`` sees them finish at once and the sandbox sees them take a while.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.atomic_files import write_json_atomically

KINDS = ("servers", "networks", "firewalls", "volumes", "ssh_keys", "primary_ips", "load_balancers")
SINGULAR = {"servers": "server", "networks": "network", "firewalls": "firewall", "volumes": "volume",
            "ssh_keys": "ssh_key", "primary_ips": "primary_ip", "load_balancers": "load_balancer"}
ERROR_CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict",
               422: "invalid_input", 423: "locked", 429: "rate_limit_exceeded",
               500: "server_error", 502: "bad_gateway", 503: "unavailable", 504: "timeout"}
FORMAT = "webnova-hetzner-sim/1"


class SimError(Exception):
    """An API error, answered as ``{"error": {"code", "message", "details"}}``."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def invalid(field_name: str, message: str) -> SimError:
    return SimError(422, "invalid_input", f"invalid input in field '{field_name}'",
                    {"fields": [{"name": field_name, "messages": [message]}]})


def not_found(kind: str, ident: object) -> SimError:
    return SimError(404, "not_found", f"{SINGULAR.get(kind, kind)} with ID '{ident}' not found")


def timestamp(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds")


@dataclass
class Faults:
    """What tests break on purpose. ``http``: answers for the next requests, in order
    (status, code); ``failing_actions``: how many of the next actions end in error;
    ``failing_commands``: commands whose next action ends in error (a step that breaks in the
    middle of a longer change); ``slow_actions``: delays (seconds) for the next actions,
    overriding the default."""

    http: deque[tuple[int, str]] = field(default_factory=deque)
    failing_actions: int = 0
    failing_commands: list[str] = field(default_factory=list)
    slow_actions: deque[float] = field(default_factory=deque)

    def fail_next(self, count: int, status: int = 429, code: str | None = None) -> None:
        for _ in range(count):
            self.http.append((status, code or ERROR_CODES.get(status, "server_error")))

    def fail_actions(self, count: int = 1) -> None:
        self.failing_actions += count

    def fail_next_action_of(self, command: str) -> None:
        self.failing_commands.append(command)

    def slow_next_actions(self, count: int, delay: float) -> None:
        self.slow_actions.extend([delay] * count)


@dataclass
class Pending:
    finish_at: float
    fail: bool
    effects: list[tuple[str, int, str, Any]]  # (kind, id, field, value) set on success
    started_at: float = 0.0


class SimState:
    def __init__(self, action_delay: float = 0.0, clock: Callable[[], float] = time.time,
                 path: Path | None = None) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.action_delay = action_delay
        self.path = path
        self.faults = Faults()
        self.next_id = 1000
        self.resources: dict[str, dict[int, dict[str, Any]]] = {k: {} for k in KINDS}
        self.actions: dict[int, dict[str, Any]] = {}
        self.pending: dict[int, Pending] = {}
        if path is not None and path.exists():
            self._load(path)

    # ------------------------------------------------------------ ids, time
    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def now_text(self) -> str:
        return timestamp(self.clock())

    # ------------------------------------------------------------ resources
    def get(self, kind: str, ident: object) -> dict[str, Any]:
        number = ident if isinstance(ident, int) else int(ident) if isinstance(
            ident, str) and ident.isdigit() else None
        found = self.resources[kind].get(number) if number is not None else None
        if found is None:
            raise not_found(kind, ident)
        return found

    def add_traffic(self, server_id: int, outgoing: int, ingoing: int = 0) -> None:
        """Bytes a server sent and received: the API reports them as the server's
        ``outgoing_traffic`` and ``ingoing_traffic``, counted since the billing period
        began (``new_billing_period`` starts them again from zero)."""
        with self.lock:
            server = self.get("servers", server_id)
            server["outgoing_traffic"] = int(server.get("outgoing_traffic") or 0) + outgoing
            server["ingoing_traffic"] = int(server.get("ingoing_traffic") or 0) + ingoing

    def new_billing_period(self) -> None:
        with self.lock:
            for server in self.resources["servers"].values():
                server["outgoing_traffic"] = server["ingoing_traffic"] = 0

    def check_unique_name(self, kind: str, name: str, own_id: int | None = None) -> None:
        for other in self.resources[kind].values():
            if other.get("name") == name and other["id"] != own_id:
                raise SimError(409, "uniqueness_error", "name is already used",
                               {"fields": [{"name": "name", "messages": ["is already used"]}]})

    def locked(self, kind: str, ident: int) -> bool:
        wanted = {"id": ident, "type": SINGULAR[kind]}
        return any(a["status"] == "running" and wanted in a["resources"] for a in self.actions.values())

    def require_unlocked(self, kind: str, ident: int) -> None:
        if self.locked(kind, ident):
            raise SimError(423, "locked", f"{SINGULAR[kind]} {ident} is locked by a running action")

    # ------------------------------------------------------------ actions
    def start_action(self, command: str, targets: list[tuple[str, int]],
                     effects: list[tuple[str, int, str, Any]] | None = None) -> dict[str, Any]:
        now = self.clock()
        delay = self.faults.slow_actions.popleft() if self.faults.slow_actions else self.action_delay
        fail = self.faults.failing_actions > 0
        if fail:
            self.faults.failing_actions -= 1
        elif command in self.faults.failing_commands:
            self.faults.failing_commands.remove(command)
            fail = True
        ident = self.new_id()
        action: dict[str, Any] = {"id": ident, "command": command, "status": "running", "progress": 0,
                  "started": timestamp(now), "finished": None, "error": None,
                  "resources": [{"id": i, "type": SINGULAR[k]} for k, i in targets]}
        self.actions[ident] = action
        self.pending[ident] = Pending(now + delay, fail, list(effects or []), now)
        self.settle()
        return action

    def settle(self) -> None:
        """Finish every action whose time has come (success, or error when injected)."""
        now = self.clock()
        for action_id, pending in list(self.pending.items()):
            if pending.finish_at > now:
                span = pending.finish_at - pending.started_at
                self.actions[action_id]["progress"] = min(99, int((now - pending.started_at) / span * 100))
                continue
            action = self.actions[action_id]
            action.update(progress=100, finished=timestamp(now))
            if pending.fail:
                action.update(status="error", error={"code": "action_failed",
                                                     "message": "Action failed"})
            else:
                action["status"] = "success"
                for kind, ident, name, value in pending.effects:
                    if ident in self.resources[kind]:
                        self.resources[kind][ident][name] = value
            del self.pending[action_id]
        for server in self.resources["servers"].values():
            server["locked"] = self.locked("servers", server["id"])

    # ------------------------------------------------------------ all or nothing
    def snapshot(self) -> tuple[Any, ...]:
        return copy.deepcopy((self.next_id, self.resources, self.actions, self.pending))

    def restore(self, snapshot: tuple[Any, ...]) -> None:
        """Undo a request that failed half-way: the API changes all of a resource or nothing."""
        self.next_id, self.resources, self.actions, self.pending = snapshot

    # ------------------------------------------------------------ persistence
    def save(self) -> None:
        if self.path is None:
            return
        write_json_atomically(self.path, {
            "format": FORMAT, "next_id": self.next_id, "resources": self.resources,
            "actions": list(self.actions.values()),
            "pending": [[i, p.finish_at, p.fail, p.effects, p.started_at]
                        for i, p in self.pending.items()],
        }, private=True)

    def _load(self, path: Path) -> None:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r}")
            self.next_id = int(raw["next_id"])
            self.resources = {k: {int(i): r for i, r in raw["resources"].get(k, {}).items()}
                              for k in KINDS}
            self.actions = {int(a["id"]): a for a in raw["actions"]}
            self.pending = {int(i): Pending(float(t), bool(f), [(k, int(n), f_, v) for k, n, f_, v in effects],
                                            float(started))
                            for i, t, f, effects, started in raw["pending"]}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"the simulator state {path} cannot be read ({exc})") from None
