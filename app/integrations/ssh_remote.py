"""The owner's servers over SSH (asyncssh): implements :class:`RemoteHost`.

- **Pinned host key.** The only host key accepted is the one the console made for the
  server and gave it in cloud-init; a server presenting any other key is refused with both
  fingerprints named. Nothing is read from or written to ``~/.ssh`` (no known_hosts, no
  config, no agent): a connection uses exactly the keys it is given.
- **The client key** is the environment's access key from the keyring. It is imported
  once into an asyncssh key object; its text is not kept, logged or put in any message.
- **Retries.** Connecting is retried with exponential backoff and jitter (refused, reset,
  timed out); a refused host key or access key is not retried. A dropped upload reconnects
  and continues from the bytes on the server; a command is never re-run by itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import posixpath
import random
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from app.domain.cloud.model import EnvironmentSpec
from app.domain.redaction import redactor
from app.integrations.deploy_keys import DeployKeys
from app.services.remote_ports import (
    CommandResult,
    RemoteAuthError,
    RemoteCommandError,
    RemoteConnectionLostError,
    RemoteError,
    RemoteFileError,
    RemoteHostKeyMismatchError,
    RemoteKeyMissingError,
    RemoteTimeoutError,
    RemoteUnreachableError,
    UploadProgress,
    UploadResult,
)

log = logging.getLogger(__name__)
# asyncssh says every channel and command at INFO; the console's log keeps its warnings.
logging.getLogger("asyncssh").setLevel(logging.WARNING)

CHUNK = 1 << 20  # bytes read from the local file and written per SFTP call

# The connection went away under an operation: reconnect (and resume, for uploads).
_DROPPED: tuple[type[BaseException], ...] = (
    asyncssh.ConnectionLost, asyncssh.DisconnectError, asyncssh.ChannelOpenError,
    ConnectionError, BrokenPipeError, EOFError)
# The same, as the SFTP client says it.
_SFTP_DROPPED = (asyncssh.sftp.SFTPConnectionLost, asyncssh.sftp.SFTPNoConnection)
# Connecting failed in a way worth another try.
_UNREACHABLE: tuple[type[BaseException], ...] = (
    OSError, asyncio.TimeoutError, asyncssh.DisconnectError)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # connections tried before giving up (per connect, per upload)
    first_delay: float = 0.5  # seconds before the second attempt; doubles each time
    max_delay: float = 8.0
    connect_timeout: float = 10.0
    keepalive: float = 15.0  # seconds between keepalives; 3 unanswered drop the connection

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based), with jitter."""
        base = min(self.max_delay, self.first_delay * 2.0 ** (attempt - 1))
        return base * random.uniform(0.8, 1.2)


def fingerprint(key: asyncssh.SSHKey) -> str:
    """``SHA256:…`` as ``ssh-keygen -l`` prints it."""
    return str(key.get_fingerprint("sha256"))


class _PinnedClient(asyncssh.SSHClient):
    """Asked about a host key only when it is not the pinned one: records it, refuses it."""

    def __init__(self, presented: list[asyncssh.SSHKey]) -> None:
        self.presented = presented

    def validate_host_public_key(self, host: str, addr: str, port: int,
                                 key: asyncssh.SSHKey) -> bool:
        self.presented.append(key)
        return False


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, asyncio.TimeoutError):
        text = "timed out"
    return redactor.redact(text)


class SshRemoteHost:
    """One server at ``address:port``, logged into as ``user``."""

    def __init__(self, address: str, *, user: str, host_key: str, client_key_pem: str,
                 port: int = 22, retry: RetryPolicy | None = None) -> None:
        self.address, self.port, self.user = address, port, user
        self.retry = retry or RetryPolicy()
        try:
            self._host_key = asyncssh.import_public_key(host_key)
        except (asyncssh.KeyImportError, ValueError):
            raise RemoteKeyMissingError(f"the host key pinned for {self.host} is not an "
                                        "OpenSSH public key", self.host) from None
        redactor.register(client_key_pem)
        try:
            self._client_key = asyncssh.import_private_key(client_key_pem)
        except (asyncssh.KeyImportError, ValueError):
            raise RemoteKeyMissingError(f"the access key for {self.host} is not a usable "
                                        "private key", self.host) from None
        self.expected_fingerprint = fingerprint(self._host_key)
        self._conn: asyncssh.SSHClientConnection | None = None
        self._lock = asyncio.Lock()

    @property
    def host(self) -> str:
        return f"{self.address}:{self.port}"

    def __repr__(self) -> str:  # never the key
        return f"SshRemoteHost({self.user}@{self.host}, host key {self.expected_fingerprint})"

    async def __aenter__(self) -> SshRemoteHost:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------------ connection
    async def _connection(self) -> asyncssh.SSHClientConnection:
        async with self._lock:
            if self._conn is not None and not self._conn.is_closed():
                return self._conn
            self._conn = await self._connect()
            return self._conn

    async def _connect(self) -> asyncssh.SSHClientConnection:
        reason = ""
        for attempt in range(1, self.retry.attempts + 1):
            presented: list[asyncssh.SSHKey] = []
            try:
                conn = await asyncio.wait_for(asyncssh.connect(
                    self.address, self.port, username=self.user,
                    client_factory=lambda presented=presented: _PinnedClient(presented),
                    known_hosts=([self._host_key], [], []), client_keys=[self._client_key],
                    config=[], agent_path=None, x509_trusted_certs=None,
                    preferred_auth="publickey", password=None,
                    connect_timeout=self.retry.connect_timeout,
                    keepalive_interval=self.retry.keepalive, keepalive_count_max=3,
                ), self.retry.connect_timeout + 5)
            except asyncssh.HostKeyNotVerifiable:
                shown = fingerprint(presented[0]) if presented else "a key it could not decode"
                log.warning("ssh: %s presented host key %s, expected %s; refused",
                            self.host, shown, self.expected_fingerprint)
                raise RemoteHostKeyMismatchError(self.host, self.expected_fingerprint,
                                                 shown) from None
            except asyncssh.PermissionDenied:
                log.warning("ssh: %s refused the access key for %s", self.host, self.user)
                raise RemoteAuthError(self.host, self.user) from None
            except _UNREACHABLE as exc:
                reason = _reason(exc)
                if attempt == self.retry.attempts:
                    break
                delay = self.retry.delay(attempt)
                log.warning("ssh: connecting to %s failed (%s); attempt %d of %d, next in "
                            "%.1f s", self.host, reason, attempt, self.retry.attempts, delay)
                await asyncio.sleep(delay)
            else:
                log.info("ssh: connected to %s as %s (host key %s)", self.host, self.user,
                         self.expected_fingerprint)
                return conn
        raise RemoteUnreachableError(self.host, self.retry.attempts, reason)

    async def _forget(self) -> None:
        """Drop a broken connection so the next call makes a new one."""
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.abort()

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
            await conn.wait_closed()

    # ------------------------------------------------------------ commands
    async def run(self, command: str, *, timeout: float = 60.0, check: bool = False,
                  input: str | None = None) -> CommandResult:
        conn = await self._connection()
        try:
            process = await conn.create_process(command, encoding="utf-8", errors="replace")
        except _DROPPED:  # nothing started: a fresh connection may run it
            await self._forget()
            conn = await self._connection()
            process = await conn.create_process(command, encoding="utf-8", errors="replace")
        try:
            async with process:
                if input is not None:
                    process.stdin.write(input)
                    process.stdin.write_eof()
                try:
                    completed = await process.wait(check=False, timeout=timeout)
                except asyncssh.TimeoutError:
                    process.kill()  # not left running once the channel closes
                    raise RemoteTimeoutError(self.host, command, timeout) from None
        except _DROPPED as exc:
            await self._forget()
            raise RemoteConnectionLostError(
                f"the connection to {self.host} dropped while running: {command} "
                f"({_reason(exc)}); it may or may not have run", self.host) from None
        code = completed.exit_status
        if (code is None or code < 0) and completed.exit_signal is None:
            # The channel closed with no exit status: the connection went away under it.
            await self._forget()
            raise RemoteConnectionLostError(
                f"the connection to {self.host} dropped while running: {command}; it may or "
                "may not have run", self.host)
        if code is None or code < 0:
            code = 255  # killed by a signal, as ssh(1) reports it
        result = CommandResult(command, code, str(completed.stdout or ""),
                               str(completed.stderr or ""))
        if check and not result.ok:
            raise RemoteCommandError(self.host, result)
        return result

    async def _checked(self, command: str, timeout: float = 120.0) -> CommandResult:
        return await self.run(command, timeout=timeout, check=True)

    # ------------------------------------------------------------ files
    async def read_file(self, remote_path: str, *, max_bytes: int = 1 << 20) -> bytes:
        for attempt in range(1, self.retry.attempts + 1):
            conn = await self._connection()
            try:
                async with conn.start_sftp_client() as sftp:
                    size = (await sftp.stat(remote_path)).size or 0
                    if size > max_bytes:
                        raise RemoteFileError(f"{remote_path} on {self.host} is {size} bytes, "
                                              f"more than the {max_bytes} this read allows",
                                              self.host)
                    async with sftp.open(remote_path, "rb") as handle:
                        data = await handle.read()
                        assert isinstance(data, bytes)  # opened in binary mode
                        return data
            except asyncssh.SFTPError as exc:
                if isinstance(exc, _SFTP_DROPPED):
                    await self._dropped(attempt, f"reading {remote_path}", exc)
                    continue
                raise self._file_error(remote_path, exc) from None
            except _DROPPED as exc:
                await self._dropped(attempt, f"reading {remote_path}", exc)
        raise AssertionError("unreachable")  # _dropped raises on the last attempt

    async def _dropped(self, attempt: int, doing: str, exc: BaseException,
                       given_up: Callable[[BaseException], RemoteError] | None = None) -> None:
        await self._forget()
        if attempt >= self.retry.attempts:
            if given_up is not None:
                raise given_up(exc) from None
            raise RemoteConnectionLostError(
                f"the connection to {self.host} dropped {attempt} times while {doing} "
                f"({_reason(exc)})", self.host) from None
        delay = self.retry.delay(attempt)
        log.warning("ssh: connection to %s dropped while %s (%s); attempt %d of %d, next "
                    "in %.1f s", self.host, doing, _reason(exc), attempt,
                    self.retry.attempts, delay)
        await asyncio.sleep(delay)

    def _file_error(self, path: str, exc: asyncssh.SFTPError) -> RemoteFileError:
        return RemoteFileError(f"{path} on {self.host}: {redactor.redact(exc.reason)}",
                               self.host)

    async def upload(self, local: Path, remote_path: str, *, mode: int = 0o644,
                     progress: UploadProgress | None = None) -> UploadResult:
        size, digest = await asyncio.to_thread(_digest, local)
        folder, name = posixpath.split(remote_path)
        part = posixpath.join(folder, f".{name}.{digest[:16]}.part")
        sent, restarted = 0, False
        attempt = arrived = 0

        def note(done: int, total: int) -> None:
            nonlocal arrived
            arrived = done
            if progress:
                progress(done, total)

        def gone(exc: BaseException) -> RemoteConnectionLostError:
            why = (f"then {exc.attempts} tries to connect again failed: {exc.reason}"
                   if isinstance(exc, RemoteUnreachableError) else _reason(exc))
            return RemoteConnectionLostError(
                f"the connection to {self.host} dropped during the upload of {remote_path} "
                f"(after {arrived} of {size} bytes; {attempt} attempt"
                f"{'s' if attempt != 1 else ''}, {why}); what arrived is kept under "
                "a temporary name, never taken for the file, and the next upload continues "
                "from it", self.host)

        while True:
            attempt += 1
            try:
                conn = await self._connection()
            except RemoteUnreachableError as exc:
                if attempt == 1:
                    raise
                attempt -= 1  # no connection, so no attempt
                raise gone(exc) from None
            try:
                async with conn.start_sftp_client() as sftp:
                    if await self._has(sftp, remote_path, size, digest):
                        log.info("ssh: %s already on %s (sha256 %s)", remote_path, self.host,
                                 digest)
                        return UploadResult(remote_path, size, digest, sent, 0, attempt)
                    start = await _size_of(sftp, part)
                    if start and not await self._is_prefix(part, local, start, size):
                        log.warning("ssh: %s on %s is not the start of %s; sending it whole",
                                    part, self.host, local.name)
                        await sftp.remove(part)
                        start = 0
                    if start:
                        log.info("ssh: resuming %s on %s at %d of %d bytes", remote_path,
                                 self.host, start, size)
                    sent += await _send(sftp, local, part, start, size, note)
                    if await self._remote_digest(part) != digest:
                        await sftp.remove(part)
                        if restarted:
                            raise RemoteFileError(
                                f"{remote_path} arrived on {self.host} different from "
                                f"{local.name} twice (sha256 mismatch); it was not installed",
                                self.host)
                        log.warning("ssh: %s arrived on %s with another sha256; sending "
                                    "it again", remote_path, self.host)
                        restarted = True
                        continue
                    await sftp.chmod(part, mode)
                    await sftp.posix_rename(part, remote_path)
            except asyncssh.SFTPError as exc:
                if isinstance(exc, _SFTP_DROPPED):
                    await self._dropped(attempt, f"uploading {remote_path}", exc, gone)
                    continue
                raise self._file_error(remote_path, exc) from None
            except RemoteConnectionLostError as exc:  # from the hash command
                await self._dropped(attempt, f"uploading {remote_path}", exc, gone)
                continue
            except _DROPPED as exc:
                await self._dropped(attempt, f"uploading {remote_path}", exc, gone)
                continue
            log.info("ssh: uploaded %s to %s (%d bytes, sha256 %s, %d sent, %d attempt%s)",
                     remote_path, self.host, size, digest, sent, attempt,
                     "" if attempt == 1 else "s")
            return UploadResult(remote_path, size, digest, sent, start, attempt)

    async def _has(self, sftp: asyncssh.SFTPClient, path: str, size: int, digest: str) -> bool:
        return await _size_of(sftp, path, missing=-1) == size \
            and await self._remote_digest(path) == digest

    async def _is_prefix(self, part: str, local: Path, start: int, size: int) -> bool:
        """Whether what an earlier attempt left is the start of ``local`` (checked by hash,
        so a spoilt or foreign part file is not built upon)."""
        if start > size:
            return False
        expected = await asyncio.to_thread(_digest, local, start)
        return await self._remote_digest(part) == expected[1]

    async def _remote_digest(self, path: str) -> str:
        result = await self._checked(f"sha256sum -b -- {shlex.quote(path)}")
        return result.stdout.split(maxsplit=1)[0] if result.stdout else ""


async def _size_of(sftp: asyncssh.SFTPClient, path: str, missing: int = 0) -> int:
    try:
        return int((await sftp.stat(path)).size or 0)
    except asyncssh.sftp.SFTPNoSuchFile:
        return missing


async def _send(sftp: asyncssh.SFTPClient, local: Path, part: str, start: int, size: int,
                progress: UploadProgress | None) -> int:
    """Write ``local`` from ``start`` to the end into ``part``; the bytes written."""
    written = 0
    async with sftp.open(part, "r+b" if start else "wb") as remote:
        with local.open("rb") as source:
            source.seek(start)
            offset = start
            if progress:
                progress(offset, size)
            # One SFTP request per piece, a chunk's pieces in flight together. (asyncssh's own
            # splitting of a large write leaves tasks with unretrieved errors when the
            # connection drops; here every request's outcome is collected.)
            piece = min(remote.write_len or 32768, CHUNK)
            while offset < size:
                block = await asyncio.to_thread(source.read, CHUNK)
                if not block:
                    break
                outcomes = await asyncio.gather(
                    *(remote.write(block[at:at + piece], offset + at)
                      for at in range(0, len(block), piece)), return_exceptions=True)
                for outcome in outcomes:
                    if isinstance(outcome, BaseException):
                        raise outcome
                offset += len(block)
                written += len(block)
                if progress:
                    progress(offset, size)
    return written


def _digest(path: Path, limit: int | None = None) -> tuple[int, str]:
    """Size and SHA-256 of ``path`` (of its first ``limit`` bytes when given)."""
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while block := handle.read(CHUNK if limit is None else min(CHUNK, limit - size)):
            sha.update(block)
            size += len(block)
    return size, sha.hexdigest()


def server_host(keys: DeployKeys, spec: EnvironmentSpec, server: str, address: str, *,
                user: str, port: int = 22, retry: RetryPolicy | None = None) -> SshRemoteHost:
    """The connection to one of an environment's servers, with the keys the console made:
    the environment's access key to log in, the server's own host key pinned."""
    host = f"{address}:{port}"
    pem = keys.access_private_pem(spec)
    if pem is None:
        raise RemoteKeyMissingError(
            f"no access key for {spec.platform}/{spec.environment} in the keyring, so the "
            f"console cannot log into {server} ({host})", host)
    public = keys.host_public(spec, server)
    if public is None:
        raise RemoteKeyMissingError(
            f"the console made no host key for {server} ({host}), so it cannot know that "
            "server; it never trusts a host key on first use", host)
    return SshRemoteHost(address, port=port, user=user, host_key=public.openssh,
                         client_key_pem=pem, retry=retry)
