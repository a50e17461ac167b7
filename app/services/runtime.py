"""Running a generated platform locally: on a free loopback port, with a SQLite database
in the platform's folder, on the console's own Python (so it works offline).

The platform's secrets (JWT signing secret, field encryption keys) are created on first
use and kept in the OS keyring; they reach the platform only through its environment."""

from __future__ import annotations

import asyncio
import base64
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from app.domain.codegen.manifest import MANIFEST_PATH, STATE_DIR, Manifest
from app.domain.errors import WebNovaError
from app.domain.governance.audit import AuditRecord
from app.services.approvals import AuditSink
from app.services.ports import DatabaseRunner, SecretStore

LogCallback = Callable[[str], None]
RUNTIME_DIR = f"{STATE_DIR}/runtime"


class PlatformRuntimeError(WebNovaError):
    """The platform cannot be started, found or stopped; the message says why."""


@dataclass(frozen=True)
class RuntimeState:
    key: str
    root: str
    app: str  # "package.main:create_app"
    pid: int
    port: int
    url: str
    database: str
    log_file: str | None
    started_at: str

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "root": self.root, "app": self.app, "pid": self.pid,
                "port": self.port, "url": self.url, "database": self.database,
                "log_file": self.log_file, "started_at": self.started_at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RuntimeState:
        return cls(str(data["key"]), str(data["root"]), str(data["app"]), int(data["pid"]),
                   int(data["port"]), str(data["url"]), str(data["database"]),
                   data.get("log_file"), str(data["started_at"]))


@dataclass(frozen=True)
class RuntimeStatus:
    key: str
    state: str  # "running", "unhealthy" (process up, no answer), "stopped"
    url: str | None = None
    pid: int | None = None
    root: str | None = None
    database: str | None = None
    log_file: str | None = None
    started_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"platform": self.key, "state": self.state, "url": self.url, "pid": self.pid,
                "root": self.root, "database": self.database, "log_file": self.log_file,
                "started_at": self.started_at}


# ------------------------------------------------------------------ ports
class RunningProcess(Protocol):
    @property
    def pid(self) -> int: ...

    def poll(self) -> int | None: ...

    def wait(self, timeout: float | None = None) -> int | None: ...


class ProcessHost(Protocol):
    def free_port(self) -> int: ...

    def migrate(self, root: Path, env: dict[str, str], on_line: LogCallback | None) -> None: ...

    def start(self, root: Path, app: str, port: int, env: dict[str, str],
              on_line: LogCallback | None, log_file: Path | None) -> Any: ...

    def wait_healthy(self, process: Any, url: str, platform: str, timeout: float) -> None: ...

    def probe(self, url: str, timeout: float = 2.0) -> dict[str, Any] | None: ...

    def alive(self, pid: int) -> bool: ...

    def is_platform_process(self, pid: int, app: str) -> bool: ...

    def stop(self, pid: int, grace: float) -> bool: ...


class RuntimeStates(Protocol):
    def save(self, state: RuntimeState) -> None: ...

    def load(self, key: str) -> RuntimeState | None: ...

    def delete(self, key: str) -> None: ...

    def all(self) -> list[RuntimeState]: ...

    def log_file(self, key: str) -> Path: ...


class PlatformLocator(Protocol):
    def lookup(self, key: str) -> Path | None: ...


class RunningPlatform:
    """A platform this console process started in the foreground."""

    def __init__(self, service: RuntimeService, state: RuntimeState, process: RunningProcess) -> None:
        self.service = service
        self.state = state
        self.process = process

    @property
    def url(self) -> str:
        return self.state.url

    def wait(self, timeout: float | None = None) -> int | None:
        """The exit code, or None if still running after ``timeout`` seconds."""
        code = self.process.wait(timeout)
        if code is not None:
            self.service.states.delete(self.state.key)
        return code

    def stop(self, grace: float = 10.0) -> RuntimeStatus:
        status = self.service.down(self.state.key, grace)
        self.process.wait(5.0)  # collect the exit status of our own child
        return status


class RuntimeService:
    def __init__(self, host: ProcessHost, states: RuntimeStates, secrets_store: SecretStore,
                 locator: PlatformLocator | None = None, audit: AuditSink | None = None,
                 tenant_id: str = "", actor: str = "owner", runner: DatabaseRunner | None = None) -> None:
        self.runner = runner
        self.host = host
        self.states = states
        self.secrets = secrets_store
        self.locator = locator
        self.audit = audit
        self.tenant_id = tenant_id
        self.actor = actor

    # ------------------------------------------------------------ finding a platform
    def resolve(self, platform: str) -> tuple[str, Path, str]:
        """(key, folder, package) of ``platform``: a generated folder, or a blueprint key
        whose platform this console generated."""
        candidates = []
        as_path = Path(platform).expanduser()
        if (as_path / MANIFEST_PATH).is_file():
            candidates.append(as_path)
        elif self.locator is not None:
            found = self.locator.lookup(platform)
            if found is not None:
                candidates.append(found)
        for root in candidates:
            try:
                manifest = Manifest.from_text((root / MANIFEST_PATH).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise PlatformRuntimeError(f"{root} has no readable manifest: {exc}") from None
            return manifest.blueprint.key, root.resolve(), manifest.package
        raise PlatformRuntimeError(
            f"no generated platform {platform!r}: give its folder, or generate it first with "
            f"'webnova generate {platform} --out DIR'")

    # ------------------------------------------------------------ secrets
    def _secret(self, key: str, name: str, make: Callable[[], str]) -> str:
        secret_name = f"platform/{key}/{name}"
        value = self.secrets.get(secret_name)
        if not value:
            value = make()
            self.secrets.set(secret_name, value)
        return value

    def environment(self, key: str, root: Path) -> dict[str, str]:
        database = root / RUNTIME_DIR / "platform.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update({
            "DATABASE_URL": f"sqlite:///{database}",
            "JWT_SECRET": self._secret(key, "jwt-secret", lambda: secrets.token_urlsafe(48)),
            "FIELD_ENCRYPTION_KEYS": self._secret(
                key, "field-keys", lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()),
            "FIELD_INDEX_KEY": self._secret(key, "index-key", lambda: secrets.token_urlsafe(48)),
            "PYTHONUNBUFFERED": "1",
        })
        return env

    # ------------------------------------------------------------ up, down, status
    def up(self, platform: str, *, on_log: LogCallback | None = None, detach: bool = False,
           port: int | None = None, timeout: float = 60.0, record: bool = True) -> RunningPlatform:
        """Migrate the platform's database, start it and wait until it answers. In the
        foreground ``on_log`` gets each log line (from a worker thread); detached, the
        log goes to a file and the platform outlives this process."""
        key, root, package = self.resolve(platform)
        current = self.status_of(key)
        if current.state != "stopped":
            raise PlatformRuntimeError(f"{key} is already running at {current.url} (pid {current.pid})")
        env = self.environment(key, root)
        self.host.migrate(root, env, on_log)
        chosen = port or self.host.free_port()
        url = f"http://127.0.0.1:{chosen}"
        app = f"{package}.main:create_app"
        log_file = self.states.log_file(key) if detach else None
        process = self.host.start(root, app, chosen, env, on_log, log_file)
        state = RuntimeState(key, str(root), app, process.pid, chosen, url, env["DATABASE_URL"],
                             str(log_file) if log_file else None, datetime.now(UTC).isoformat())
        self.states.save(state)
        try:
            self.host.wait_healthy(process, url, key, timeout)
        except BaseException:
            self.host.stop(process.pid, 5.0)
            self.states.delete(key)
            raise
        if record:
            self._record("runtime.up", key, {"url": url, "pid": process.pid, "detached": detach})
        return RunningPlatform(self, state, process)

    def status_of(self, key: str) -> RuntimeStatus:
        state = self.states.load(key)
        if state is None:
            return RuntimeStatus(key, "stopped")
        if not self.host.alive(state.pid):
            self.states.delete(key)
            return RuntimeStatus(key, "stopped", root=state.root, database=state.database,
                                 log_file=state.log_file)
        health = self.host.probe(state.url)
        healthy = health is not None and health.get("platform") == key
        return RuntimeStatus(key, "running" if healthy else "unhealthy", state.url, state.pid,
                             state.root, state.database, state.log_file, state.started_at)

    def status(self, platform: str | None = None) -> list[RuntimeStatus]:
        if platform is not None:
            return [self.status_of(self._key(platform))]
        return [self.status_of(state.key) for state in self.states.all()]

    def _key(self, platform: str) -> str:
        if self.states.load(platform) is not None:
            return platform
        return self.resolve(platform)[0]

    def down(self, platform: str, grace: float = 10.0, record: bool = True) -> RuntimeStatus:
        key = self._key(platform)
        state = self.states.load(key)
        if state is None:
            return RuntimeStatus(key, "stopped")
        health = self.host.probe(state.url)
        ours = (health is not None and health.get("platform") == key) or self.host.is_platform_process(
            state.pid, state.app)
        stopped = self.host.stop(state.pid, grace) if ours else False
        self.states.delete(key)
        if stopped and record:
            self._record("runtime.down", key, {"pid": state.pid})
        return RuntimeStatus(key, "stopped", root=state.root, database=state.database,
                             log_file=state.log_file)

    # ------------------------------------------------------------ for the GUI
    async def start(self, platform: str, *, on_log: LogCallback | None = None, detach: bool = False,
                    port: int | None = None, timeout: float = 60.0) -> RunningPlatform:
        """``up`` on a worker thread; ``on_log`` is called on the event loop's thread."""
        loop = asyncio.get_running_loop()

        def forward(line: str) -> None:
            if on_log is not None:
                loop.call_soon_threadsafe(on_log, line)

        running = await asyncio.to_thread(lambda: self.up(platform, on_log=forward, detach=detach,
                                                          port=port, timeout=timeout, record=False))
        await self._record_async("runtime.up", running.state.key,
                                 {"url": running.url, "pid": running.state.pid, "detached": detach})
        return running

    async def stop(self, platform: str, grace: float = 10.0) -> RuntimeStatus:
        state = self.states.load(self._key(platform))
        status = await asyncio.to_thread(lambda: self.down(platform, grace, record=False))
        if state is not None:
            await self._record_async("runtime.down", status.key, {"pid": state.pid})
        return status

    async def statuses(self) -> list[RuntimeStatus]:
        return await asyncio.to_thread(self.status)

    def _record(self, action: str, subject: str, payload: dict[str, Any]) -> None:
        if self.audit is not None and self.tenant_id:
            self.audit.append(AuditRecord(self.tenant_id, self.actor, action, subject, payload, "ok"))

    async def _record_async(self, action: str, subject: str, payload: dict[str, Any]) -> None:
        if self.runner is not None:
            await self.runner.run(lambda: self._record(action, subject, payload))
        else:
            self._record(action, subject, payload)
