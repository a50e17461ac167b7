"""Runs a generated platform on this machine with the console's own Python: migrations
with Alembic, then uvicorn on a free loopback port, its output streamed line by line,
a health probe over HTTP, and a clean stop (SIGTERM, then SIGKILL after a grace period).

Also keeps the small state files (``<data dir>/runtime/<key>.json``) through which
``webnova runtime status|down`` find a platform started by another console process."""

from __future__ import annotations

import collections
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import httpx

from app.paths import data_dir
from app.services.runtime import PlatformRuntimeError, RuntimeState

LogCallback = Callable[[str], None]
TAIL = 40
# Detached platforms outlive the call that started them; their process objects stay
# referenced here so their exit status can be collected when they are stopped.
_DETACHED: list[subprocess.Popen[bytes]] = []


def _collect(pid: int) -> None:
    for popen in list(_DETACHED):
        if popen.pid == pid and popen.poll() is not None:
            _DETACHED.remove(popen)


class LocalProcess:
    """A started platform process and the last lines it wrote."""

    def __init__(self, popen: subprocess.Popen[bytes], log_file: Path | None,
                 on_line: LogCallback | None) -> None:
        self.popen = popen
        self.log_file = log_file
        self.tail: collections.deque[str] = collections.deque(maxlen=TAIL)
        self._reader: threading.Thread | None = None
        if popen.stdout is not None:
            self._reader = threading.Thread(target=self._read, args=(popen.stdout, on_line),
                                            name=f"platform-log-{popen.pid}", daemon=True)
            self._reader.start()

    @property
    def pid(self) -> int:
        return self.popen.pid

    def _read(self, stream: IO[bytes], on_line: LogCallback | None) -> None:
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            self.tail.append(line)
            if on_line is not None:
                with contextlib.suppress(Exception):  # a failing display must not stop the log
                    on_line(line)
        stream.close()

    def poll(self) -> int | None:
        return self.popen.poll()

    def wait(self, timeout: float | None = None) -> int | None:
        try:
            code = self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        if self._reader is not None:
            self._reader.join(timeout=2)
        return code

    def last_lines(self) -> list[str]:
        if self.log_file is not None:
            return _tail_of(self.log_file)
        return list(self.tail)


def _tail_of(path: Path) -> list[str]:
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 8192))
            return handle.read().decode("utf-8", errors="replace").splitlines()[-TAIL:]
    except OSError:
        return []


class LocalRuntimeHost:
    """Implements the runtime service's ProcessHost port."""

    def __init__(self, python: str | None = None) -> None:
        self.python = python or sys.executable
        # A frozen console is its own Python: it runs modules through ``--run-module``.
        frozen = python is None and getattr(sys, "frozen", False)
        self.module_flag = "--run-module" if frozen else "-m"

    def free_port(self) -> int:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            return int(probe.getsockname()[1])

    def migrate(self, root: Path, env: dict[str, str], on_line: LogCallback | None) -> None:
        command = [self.python, self.module_flag, "alembic", "-c", str(root / "alembic.ini"), "upgrade", "head"]
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, timeout=600, check=False)
        output = (done.stdout + done.stderr).decode("utf-8", errors="replace").splitlines()
        if on_line is not None:
            for line in output:
                on_line(line)
        if done.returncode != 0:
            last = next((line for line in reversed(output) if line.strip()), "no output")
            raise PlatformRuntimeError(f"the database migration failed: {last}")

    def start(self, root: Path, app: str, port: int, env: dict[str, str],
              on_line: LogCallback | None, log_file: Path | None) -> LocalProcess:
        command = [self.python, self.module_flag, "uvicorn", "--factory", app, "--host", "127.0.0.1",
                   "--port", str(port), "--app-dir", str(root), "--no-access-log"]
        options: dict[str, Any] = {"cwd": root, "env": env, "stdin": subprocess.DEVNULL}
        if log_file is not None:  # detached: survives this console process
            log_file.parent.mkdir(parents=True, exist_ok=True)
            with log_file.open("ab") as log:
                if os.name == "nt":
                    options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
                else:
                    options["start_new_session"] = True
                popen = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **options)
            _DETACHED.append(popen)
            return LocalProcess(popen, log_file, None)
        popen = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **options)
        return LocalProcess(popen, None, on_line)

    def probe(self, url: str, timeout: float = 2.0) -> dict[str, Any] | None:
        try:
            response = httpx.get(f"{url}/health", timeout=timeout)
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        try:
            body = response.json()
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def wait_healthy(self, process: LocalProcess, url: str, platform: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = process.poll()
            if code is not None:
                lines = [line for line in process.last_lines() if line.strip()]
                detail = lines[-1] if lines else "no output"
                raise PlatformRuntimeError(f"the platform exited with code {code} while starting: {detail}")
            health = self.probe(url, timeout=1.0)
            if health is not None and health.get("platform") == platform:
                return
            time.sleep(0.2)
        raise PlatformRuntimeError(
            f"the platform did not answer {url}/health within {timeout:.0f} seconds")

    def alive(self, pid: int) -> bool:
        if pid <= 0:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        if os.name != "nt":
            with contextlib.suppress(ChildProcessError, OSError):
                waited, _status = os.waitpid(pid, os.WNOHANG)  # reap our own exited child
                if waited == pid:
                    return False
        return True

    def is_platform_process(self, pid: int, app: str) -> bool:
        """Whether ``pid`` is still the platform's server (and not a reused pid)."""
        cmdline = Path(f"/proc/{pid}/cmdline")
        try:
            parts = cmdline.read_bytes().split(b"\0")
        except OSError:
            return False
        return b"uvicorn" in parts and app.encode() in parts

    def stop(self, pid: int, grace: float) -> bool:
        """SIGTERM, then SIGKILL if it is still running after ``grace`` seconds."""
        if not self.alive(pid):
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if not self.alive(pid):
                _collect(pid)
                return True
            time.sleep(0.1)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        for _ in range(50):
            if not self.alive(pid):
                break
            time.sleep(0.1)
        _collect(pid)
        return True


class RuntimeStateFiles:
    """One JSON file per running platform under ``<data dir>/runtime``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "runtime"

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def log_file(self, key: str) -> Path:
        return self.folder / f"{key}.log"

    def save(self, state: RuntimeState) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{state.key}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(state.to_json(), stream, indent=2, sort_keys=True)
            os.replace(temporary, self._path(state.key))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def load(self, key: str) -> RuntimeState | None:
        try:
            return RuntimeState.from_json(json.loads(self._path(key).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(key).unlink()

    def all(self) -> list[RuntimeState]:
        if not self.folder.is_dir():
            return []
        states = [self.load(path.stem) for path in sorted(self.folder.glob("*.json"))]
        return [s for s in states if s is not None]
