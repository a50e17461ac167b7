"""The remote host port: what a release needs from one of the owner's servers.

Services deploy through :class:`RemoteHost` only; the SSH adapter
(``app.integrations.ssh_remote``) implements it with asyncssh, pinning the host key the
console made for the server (never trust on first use) and logging in with the
environment's access key from the keyring.

What the port promises:

- ``run``: one shell command, its exit code, stdout and stderr, within a timeout. A command
  is never repeated behind the caller's back: a connection lost while it runs is a
  :class:`RemoteConnectionLostError`, because it may or may not have run.
- ``upload``: a local file reaches ``remote_path`` whole or not at all. It is written to a
  temporary name next to it, checked on the server by size and SHA-256, then renamed. A
  dropped connection is retried with backoff and the upload continues from what arrived;
  a file already there with the same hash is not sent again.
- ``read_file``: a small file's bytes (a limit guards against reading a large one).
- Errors are the classes below, with messages naming the host and what went wrong; none
  carries a private key or anything read from the keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.domain.errors import WebNovaError

# Called as an upload goes: bytes on the server so far (a resumed upload starts at what
# had arrived), and the file's size.
UploadProgress = Callable[[int, int], None]

STDERR_TAIL = 2000  # characters of stderr a failed command's error keeps


def tail(text: str, limit: int = STDERR_TAIL) -> str:
    """The end of ``text`` (where a failing program says why), at most ``limit`` chars."""
    text = text.strip()
    return text if len(text) <= limit else "…" + text[-limit:]


@dataclass(frozen=True)
class CommandResult:
    command: str
    exit_code: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


@dataclass(frozen=True)
class UploadResult:
    remote_path: str
    size: int
    sha256: str
    sent: int  # bytes sent by this call (0 when the file was already there)
    resumed_from: int  # bytes found on the server from an earlier, dropped attempt
    attempts: int  # connections the upload used


class RemoteError(WebNovaError):
    """Talking to a server failed; ``host`` is ``address:port`` (no user, no key)."""

    def __init__(self, message: str, host: str) -> None:
        super().__init__(message)
        self.host = host


class RemoteUnreachableError(RemoteError):
    """No SSH connection could be made (refused, no route, timed out), after retries."""

    def __init__(self, host: str, attempts: int, reason: str) -> None:
        super().__init__(f"host unreachable: {host} did not accept an SSH connection after "
                         f"{attempts} attempt{'s' if attempts != 1 else ''} ({reason})", host)
        self.attempts = attempts
        self.reason = reason


class RemoteHostKeyMismatchError(RemoteError):
    """The server presented a host key other than the one the console made for it."""

    def __init__(self, host: str, expected: str, presented: str) -> None:
        super().__init__(
            f"host key mismatch: {host} presented {presented}, but the console made and "
            f"expects {expected}; the connection was refused (the server may have been "
            "replaced or someone is in between)", host)
        self.expected = expected
        self.presented = presented


class RemoteAuthError(RemoteError):
    """The server refused the environment's access key."""

    def __init__(self, host: str, user: str) -> None:
        super().__init__(f"authentication refused: {host} did not accept the environment's "
                         f"access key for user {user!r}", host)
        self.user = user


class RemoteKeyMissingError(RemoteError):
    """A key the connection needs is not in the keyring."""


class RemoteConnectionLostError(RemoteError):
    """The connection dropped during an operation that is not safe to repeat."""


class RemoteTimeoutError(RemoteError):
    def __init__(self, host: str, command: str, timeout: float) -> None:
        super().__init__(f"command timed out after {timeout:g} s on {host}: {command}", host)
        self.command = command
        self.timeout = timeout


class RemoteCommandError(RemoteError):
    """A command ended with a non-zero exit code (when the caller asked to check)."""

    def __init__(self, host: str, result: CommandResult) -> None:
        stderr = tail(result.stderr)
        super().__init__(f"command failed with exit code {result.exit_code} on {host}: "
                         f"{result.command}" + (f"\n{stderr}" if stderr else ""), host)
        self.result = result
        self.exit_code = result.exit_code
        self.stderr_tail = stderr


class RemoteFileError(RemoteError):
    """A remote file is missing, unreadable, too large, or arrived different from the local one."""


class RemoteHost(Protocol):
    """One server, reached over SSH. Connects on first use; ``close`` ends the connection."""

    @property
    def host(self) -> str:
        """``address:port``, as error messages name it."""
        ...

    async def run(self, command: str, *, timeout: float = 60.0, check: bool = False,
                  input: str | None = None) -> CommandResult:
        """Run a shell command; with ``check`` a non-zero exit is a RemoteCommandError."""
        ...

    async def upload(self, local: Path, remote_path: str, *, mode: int = 0o644,
                     progress: UploadProgress | None = None) -> UploadResult:
        """Put ``local`` at ``remote_path`` (verified, atomic, resumable)."""
        ...

    async def read_file(self, remote_path: str, *, max_bytes: int = 1 << 20) -> bytes:
        """A small remote file's bytes."""
        ...

    async def close(self) -> None: ...
