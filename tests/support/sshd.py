"""A real OpenSSH server standing in for one of the owner's servers.

``start_sshd(host_key_pem, authorized_keys, account)`` runs ``/usr/sbin/sshd -D`` on a free
loopback port with a config of its own in a fresh temporary directory: the host key given
(the console-made one, as cloud-init installs it on a real server), public-key login only,
``AuthorizedKeysFile`` holding the console's access key, SFTP through ``internal-sftp``,
no PAM, and ``AllowUsers`` naming one account. It never reads or writes the machine's own
``/etc/ssh``; its log is ``<directory>/sshd.log`` (``SshServer.log()``).

``throwaway_account()`` is that account. As root it is a new system user made with
``useradd`` (home directory under a temporary directory, password field ``*`` so sshd does
not see it as locked) and removed with ``userdel`` by ``remove()``. As root, sshd also
needs its privilege separation directory, ``/run/sshd`` (what the distribution's unit
makes); it is created when missing and left in place. Not as root, the account is the
current user with a temporary home: an unprivileged sshd can only log in as itself.

``SshServer.drop_sessions()`` kills (SIGKILL) the processes serving open connections while
the listener stays up, as a network cut or a crashed session would.

Start and stop take a few milliseconds; the tests start one server per module.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SSHD = "/usr/sbin/sshd"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Account:
    name: str
    home: Path
    uid: int
    gid: int
    created: bool  # made by useradd (so removed by remove())
    directory: Path

    def remove(self) -> None:
        if self.created:
            subprocess.run(["pkill", "-KILL", "-u", self.name], check=False, capture_output=True)
            subprocess.run(["userdel", "--force", self.name], check=False, capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


def throwaway_account() -> Account:
    directory = Path(tempfile.mkdtemp(prefix="webnova-sshd-user-"))
    directory.chmod(0o755)
    home = directory / "home"
    if os.geteuid() != 0:
        home.mkdir(mode=0o700)
        me = pwd.getpwuid(os.geteuid())
        return Account(me.pw_name, home, me.pw_uid, me.pw_gid, False, directory)
    name = f"wn-t{secrets.token_hex(4)}"
    subprocess.run(["useradd", "--system", "--create-home", "--home-dir", str(home),
                    "--shell", "/bin/sh", name], check=True, capture_output=True)
    subprocess.run(["usermod", "-p", "*", name], check=True, capture_output=True)
    entry = pwd.getpwnam(name)
    home.chmod(0o700)
    return Account(name, home, entry.pw_uid, entry.pw_gid, True, directory)


@dataclass
class SshServer:
    host: str
    port: int
    account: Account
    directory: Path
    process: subprocess.Popen[bytes]

    @property
    def user(self) -> str:
        return self.account.name

    def log(self) -> str:
        path = self.directory / "sshd.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def session_pids(self) -> list[int]:
        """Every process below the listener (the ones serving connections)."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        found, todo = [], [self.process.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.append(child)
                todo.append(child)
        return found

    def drop_sessions(self) -> int:
        """Kill the processes serving open connections; how many were killed."""
        pids = self.session_pids()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return len(pids)

    def stop(self) -> None:
        self.drop_sessions()
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        shutil.rmtree(self.directory, ignore_errors=True)


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")


def start_sshd(host_key_pem: str, authorized_keys: list[str], account: Account,
               extra_config: Sequence[str] = ()) -> SshServer:
    """An sshd with ``host_key_pem`` that lets ``account`` in with ``authorized_keys``
    (``extra_config``: more sshd_config lines, e.g. ``SetEnv``)."""
    if os.geteuid() == 0 and not Path("/run/sshd").is_dir():
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="webnova-sshd-"))
    host_key = directory / "ssh_host_ed25519_key"
    _write_private(host_key, host_key_pem)
    ssh_dir = account.home / ".ssh"
    ssh_dir.mkdir(mode=0o700, exist_ok=True)
    authorized = ssh_dir / "authorized_keys"
    authorized.write_text("".join(f"{key}\n" for key in authorized_keys), encoding="ascii")
    authorized.chmod(0o600)
    for path in (account.home, ssh_dir, authorized):
        os.chown(path, account.uid, account.gid)
    port = free_port()
    config = directory / "sshd_config"
    config.write_text("\n".join([
        f"ListenAddress 127.0.0.1:{port}",
        f"HostKey {host_key}",
        f"PidFile {directory / 'sshd.pid'}",
        "AuthorizedKeysFile .ssh/authorized_keys",
        "AuthenticationMethods publickey",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "HostbasedAuthentication no",
        "UsePAM no",
        "PermitRootLogin no",
        f"AllowUsers {account.name}",
        "StrictModes yes",
        "UseDNS no",
        "MaxStartups 100",
        "MaxSessions 50",
        "X11Forwarding no",
        "AllowTcpForwarding no",
        "PrintMotd no",
        "LogLevel VERBOSE",
        "Subsystem sftp internal-sftp",
        *extra_config,
        "",
    ]), encoding="ascii")
    with (directory / "sshd.stderr").open("wb") as stderr:
        process = subprocess.Popen(
            [SSHD, "-D", "-f", str(config), "-E", str(directory / "sshd.log")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
    server = SshServer("127.0.0.1", port, account, directory, process)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = (directory / "sshd.stderr").read_text(errors="replace")
            log = server.log()
            shutil.rmtree(directory, ignore_errors=True)
            raise RuntimeError(f"sshd did not start: {error}{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if sock.recv(64).startswith(b"SSH-2.0-"):
                    return server
        except OSError:
            time.sleep(0.02)
    server.stop()
    raise RuntimeError(f"sshd did not answer on 127.0.0.1:{port} within 10 s: {server.log()}")
