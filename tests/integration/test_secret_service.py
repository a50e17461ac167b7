"""The real Secret Service: gnome-keyring on a private D-Bus session bus.

The fixture starts its own bus and keyring daemon under a temporary HOME, so the tests
never touch the user's keyring, and stops both afterwards. If they cannot start, the
tests fail and say why: this is the backend the console uses on Linux desktops.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from keyring.backends import SecretService

from app.__main__ import main
from app.integrations.keyring_store import SERVICE, KeyringSecretStore

pytestmark = pytest.mark.secret_service
KEYRING_PASSWORD = "login-keyring-password"
START_TIMEOUT = 20.0
SECRET_SERVICE_NAME = "org.freedesktop.secrets"


@dataclass
class SecretServiceSession:
    bus_address: str
    bus_pid: int
    keyring_daemon: subprocess.Popen[bytes]

    def backend(self) -> SecretService.Keyring:
        return SecretService.Keyring()


def _require(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.fail(f"{program} is not installed: apt-get install dbus gnome-keyring")
    return path


# A session bus without service activation: a client that asks for the Secret Service
# before our daemon is on the bus gets an error and retries, instead of the bus starting
# a second, locked gnome-keyring of its own.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _start_bus(env: dict[str, str], config: Path) -> tuple[str, int]:
    config.write_text(BUS_CONFIG, encoding="utf-8")
    done = subprocess.run(
        [_require("dbus-daemon"), f"--config-file={config}", "--fork", "--nopidfile",
         "--print-address=1", "--print-pid=1"],
        env=env, capture_output=True, text=True, timeout=START_TIMEOUT,
    )  # fmt: skip
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) < 2:
        pytest.fail(f"dbus-daemon did not start (exit {done.returncode}): {done.stderr.strip()}")
    return lines[0], int(lines[1])


def _secret_service_on_bus(address: str) -> bool:
    """Does a process own org.freedesktop.secrets? (NameHasOwner never starts anything.)"""
    with closing(open_dbus_connection(address)) as bus:
        reply = bus.send_and_get_reply(message_bus.NameHasOwner(SECRET_SERVICE_NAME), timeout=5)
    return bool(reply.body[0])


def _wait_for_secret_service(session: SecretServiceSession) -> None:
    """Until the daemon owns org.freedesktop.secrets and an item can be written."""
    deadline = time.monotonic() + START_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if session.keyring_daemon.poll() is not None:
            output = session.keyring_daemon.stdout.read() if session.keyring_daemon.stdout else b""
            pytest.fail(
                "gnome-keyring-daemon exited with code "
                f"{session.keyring_daemon.returncode}: {output.decode(errors='replace').strip()}"
            )
        try:
            if not _secret_service_on_bus(session.bus_address):
                time.sleep(0.05)
                continue
            backend = session.backend()
            backend.set_password("webnova-probe", "probe", "ready")
            backend.delete_password("webnova-probe", "probe")
            return
        except Exception as exc:  # not on the bus yet, or the collection is being created
            last_error = exc
            time.sleep(0.1)
    pytest.fail(f"the Secret Service did not come up in {START_TIMEOUT:.0f}s: {last_error!r}")


@pytest.fixture
def secret_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SecretServiceSession]:
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    for folder in (home, runtime, home / ".local" / "share", home / ".config", home / ".cache"):
        folder.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
    }
    address, bus_pid = _start_bus(env, tmp_path / "bus.conf")
    daemon: subprocess.Popen[bytes] | None = None
    try:
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        daemon = subprocess.Popen(
            [_require("gnome-keyring-daemon"), "--foreground", "--unlock",
             "--components=secrets"],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        assert daemon.stdin is not None
        daemon.stdin.write(KEYRING_PASSWORD.encode())
        daemon.stdin.close()  # end of the unlock password
        for name in ("HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                     "XDG_CACHE_HOME", "DBUS_SESSION_BUS_ADDRESS"):  # fmt: skip
            monkeypatch.setenv(name, env[name])
        session = SecretServiceSession(address, bus_pid, daemon)
        _wait_for_secret_service(session)
        previous = keyring.get_keyring()
        keyring.set_keyring(session.backend())
        try:
            yield session
        finally:
            keyring.set_keyring(previous)
    finally:
        if daemon is not None:
            daemon.terminate()
            try:
                daemon.wait(timeout=10)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait()
            if daemon.stdout is not None:
                daemon.stdout.close()
        _stop_bus(bus_pid)


def _stop_bus(pid: int) -> None:
    """The bus daemon forked away from us: signal it and wait until it has exited (a zombie
    left for init to reap counts as exited)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _running(pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            return
        time.sleep(0.01)


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_round_trip(secret_service: SecretServiceSession) -> None:
    store = KeyringSecretStore(backend=secret_service.backend())
    name = f"workspace/ss-{uuid.uuid4().hex[:8]}/db-password"
    value = f"real-secret-{uuid.uuid4().hex}"
    store.set(name, value)
    assert store.get(name) == value
    # Another client of the same Secret Service sees it: it is really stored there.
    assert SecretService.Keyring().get_password(SERVICE, name) == value
    store.set(name, value + "-changed")
    assert store.get(name) == value + "-changed"
    store.delete(name)
    assert store.get(name) is None


def test_missing_is_none_and_deleting_it_is_harmless(secret_service: SecretServiceSession) -> None:
    store = KeyringSecretStore(backend=secret_service.backend())
    assert store.get("workspace/never-stored/db-password") is None
    store.delete("workspace/never-stored/db-password")


def test_unicode_secrets(secret_service: SecretServiceSession) -> None:
    store = KeyringSecretStore(backend=secret_service.backend())
    store.set("workspace/ar/db-password", "كلمة-سر-🔑")
    assert store.get("workspace/ar/db-password") == "كلمة-سر-🔑"


def test_workspace_add_stores_the_password_in_the_secret_service(
    secret_service: SecretServiceSession,
    console_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)
    password = f"SS-pw-{uuid.uuid4().hex}"
    url = f"postgresql://bank:{password}@db.example:5432/ledger"
    assert main(["workspace", "add", "bank", url, "--tenant", "t1"]) == 0
    out, err = capsys.readouterr()
    assert password not in out + err

    settings = (console_home / "config" / "console.json").read_text(encoding="utf-8")
    assert password not in settings
    (entry,) = [w for w in json.loads(settings)["workspaces"] if w["name"] == "bank"]
    assert entry["url"] == "postgresql://bank@db.example:5432/ledger"
    assert SecretService.Keyring().get_password(SERVICE, "workspace/bank/db-password") == password

    assert main(["workspace", "remove", "bank"]) == 0
    assert SecretService.Keyring().get_password(SERVICE, "workspace/bank/db-password") is None
