"""The SSH adapter against a real OpenSSH server: commands, verified and resumable
uploads, the pinned host key, refused keys, an unreachable host, and no private key in
any error or log record."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.integrations.deploy_keys import _new_private, _public
from app.integrations.ssh_remote import RetryPolicy, SshRemoteHost
from app.services.remote_ports import (
    RemoteAuthError,
    RemoteCommandError,
    RemoteConnectionLostError,
    RemoteFileError,
    RemoteHostKeyMismatchError,
    RemoteKeyMissingError,
    RemoteTimeoutError,
    RemoteUnreachableError,
)
from tests.remote.conftest import FAST, SERVER, SPEC, Console
from tests.support.relay import CuttingProxy
from tests.support.sshd import Account, SshServer, free_port, start_sshd


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def key_material(pem: str) -> list[str]:
    """The whole PEM and each line of its body: none may show up anywhere."""
    lines = [line for line in pem.splitlines() if line and not line.startswith("-----")]
    return [pem.strip(), *lines]


@pytest.fixture(autouse=True)
def no_key_in_logs(caplog: pytest.LogCaptureFixture, console: Console) -> Iterator[None]:
    """Every test: all records at DEBUG (asyncssh's too) are free of private key text, and
    nothing was left behind with an error no one looked at (asyncio says so when the
    garbage is collected: "Task exception was never retrieved")."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="asyncssh")
    yield
    gc.collect()
    assert [r.getMessage() for r in caplog.records
            if r.name == "asyncio" and r.levelno >= logging.ERROR] == []
    text = "\n".join(record.getMessage() for record in caplog.records)
    for pem in console.private_texts:
        for part in key_material(pem):
            assert part not in text


def test_commands_report_exit_code_stdout_and_stderr(console: Console, sshd: SshServer) -> None:
    async def scenario() -> None:
        async with console.connect(sshd) as host:
            result = await host.run("whoami; echo oops >&2; exit 3")
            assert (result.exit_code, result.stdout, result.stderr) == (3, f"{sshd.user}\n", "oops\n")
            assert not result.ok
            fed = await host.run("tr a-z A-Z", input="سلام hello")
            assert fed.ok and fed.stdout == "سلام HELLO"
            with pytest.raises(RemoteCommandError) as failed:
                await host.run("echo start; for i in $(seq 1 3000); do echo line$i >&2; done; exit 7",
                               check=True)
            error = failed.value
            assert error.exit_code == 7 and error.result.stdout == "start\n"
            assert f"exit code 7 on {sshd.host}:{sshd.port}" in str(error)
            assert str(error).rstrip().endswith("line3000")  # the end of stderr, where errors are
            assert "line1\n" not in str(error) and len(error.stderr_tail) <= 2001

    asyncio.run(scenario())


def test_a_command_past_its_timeout_is_stopped(console: Console, sshd: SshServer) -> None:
    async def scenario() -> None:
        async with console.connect(sshd) as host:
            started = time.monotonic()
            with pytest.raises(RemoteTimeoutError, match=r"timed out after 0.3 s"):
                await host.run("sleep 1; touch stopped-too-late", timeout=0.3)
            assert time.monotonic() - started < 1
            await asyncio.sleep(1.2)
            assert (await host.run("test -e stopped-too-late")).exit_code == 1
            assert (await host.run("echo still usable")).stdout == "still usable\n"

    asyncio.run(scenario())


def test_a_20_mb_upload_arrives_whole_and_is_not_sent_twice(console: Console, sshd: SshServer,
                                                             big_file: Path) -> None:
    seen: list[tuple[int, int]] = []

    async def scenario() -> None:
        async with console.connect(sshd) as host:
            await host.run("mkdir -p releases/1", check=True)
            result = await host.upload(big_file, "releases/1/release.tar", mode=0o640,
                                       progress=lambda done, total: seen.append((done, total)))
            size = big_file.stat().st_size
            assert (result.size, result.sha256, result.sent) == (size, sha256(big_file), size)
            assert (result.resumed_from, result.attempts) == (0, 1)
            listed = await host.run("sha256sum releases/1/release.tar; stat -c %a releases/1/release.tar;"
                                    " ls -A releases/1", check=True)
            assert listed.stdout.split() == [sha256(big_file), "releases/1/release.tar", "640",
                                             "release.tar"]  # no temporary file left
            again = await host.upload(big_file, "releases/1/release.tar")
            assert again.sent == 0 and again.sha256 == result.sha256

    asyncio.run(scenario())
    assert seen[0] == (0, big_file.stat().st_size) and seen[-1][0] == seen[-1][1]


def test_a_connection_cut_mid_upload_resumes_where_it_stopped(console: Console, sshd: SshServer,
                                                              big_file: Path) -> None:
    size = big_file.stat().st_size
    seen: list[int] = []

    async def scenario() -> None:
        async with CuttingProxy(sshd.port, cuts=[8 * 1024 * 1024]) as proxy:
            async with console.connect(sshd, port=proxy.port) as host:
                result = await host.upload(big_file, "cut.tar",
                                           progress=lambda done, total: seen.append(done))
                assert result.attempts == 2
                assert 0 < result.resumed_from < size
                assert result.sent <= size  # without resuming it would be 8 MB more
                assert (await host.run("sha256sum cut.tar")).stdout.split()[0] == sha256(big_file)
            assert len(proxy.uploaded) == 2 and proxy.uploaded[1] < size  # the rest only

    asyncio.run(scenario())
    assert seen[0] == 0 and seen[-1] == size


def test_a_killed_server_session_mid_upload_resumes(console: Console, sshd: SshServer,
                                                    big_file: Path) -> None:
    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if done > 6 * 1024 * 1024 and not killed:
            killed.append(sshd.drop_sessions())

    async def scenario() -> None:
        async with console.connect(sshd) as host:
            result = await host.upload(big_file, "killed.tar", progress=progress)
            assert killed and killed[0] > 0
            assert result.attempts >= 2 and result.resumed_from > 0
            assert (await host.run("sha256sum killed.tar")).stdout.split()[0] == sha256(big_file)

    asyncio.run(scenario())


def test_an_upload_given_up_continues_on_the_next_call(console: Console, sshd: SshServer,
                                                       big_file: Path) -> None:
    once = RetryPolicy(attempts=1, first_delay=0.05, connect_timeout=5)

    async def scenario() -> None:
        async with CuttingProxy(sshd.port, cuts=[5 * 1024 * 1024]) as proxy:
            async with console.connect(sshd, retry=once, port=proxy.port) as host:
                with pytest.raises(RemoteConnectionLostError) as lost:
                    await host.upload(big_file, "later.tar")
                said = str(lost.value)
                assert f"the connection to 127.0.0.1:{proxy.port} dropped during the upload of " \
                       f"later.tar (after " in said
                assert f" of {big_file.stat().st_size} bytes; 1 attempt" in said
            async with console.connect(sshd, retry=once, port=proxy.port) as host:
                result = await host.upload(big_file, "later.tar")
        assert result.resumed_from > 0
        assert result.sent == big_file.stat().st_size - result.resumed_from
        async with console.connect(sshd) as host:
            assert (await host.run("sha256sum later.tar")).stdout.split()[0] == sha256(big_file)

    asyncio.run(scenario())


def test_a_link_that_stays_down_mid_upload_says_how_far_it_got(console: Console, sshd: SshServer,
                                                               big_file: Path) -> None:
    size, digest = big_file.stat().st_size, sha256(big_file)

    async def scenario() -> None:
        async with CuttingProxy(sshd.port, cuts=[5 * 1024 * 1024], rest=0) as proxy, \
                console.connect(sshd, port=proxy.port) as host:
            with pytest.raises(RemoteConnectionLostError) as lost:
                await host.upload(big_file, "down.tar")
        said = str(lost.value)
        assert said.startswith(f"the connection to 127.0.0.1:{proxy.port} dropped during the "
                               "upload of down.tar (after ")
        arrived = int(said.split("(after ", 1)[1].split(" ", 1)[0])
        assert 0 < arrived < 5 * 1024 * 1024 and f" of {size} bytes; 1 attempt" in said
        assert f"then {FAST.attempts} tries to connect again failed" in said
        async with console.connect(sshd) as host:  # the partial file is not taken for it
            listed = (await host.run("ls -A", check=True)).stdout.split()
            assert "down.tar" not in listed and f".down.tar.{digest[:16]}.part" in listed
            result = await host.upload(big_file, "down.tar")
            assert result.resumed_from >= arrived and result.sent == size - result.resumed_from
            assert (await host.run("sha256sum down.tar")).stdout.split()[0] == digest

    asyncio.run(scenario())


def test_a_spoilt_partial_upload_is_not_built_upon(console: Console, sshd: SshServer,
                                                      big_file: Path) -> None:
    digest = sha256(big_file)

    async def scenario() -> None:
        async with console.connect(sshd) as host:
            # What an earlier attempt left, but not a prefix of this file.
            await host.run(f"head -c 3000000 /dev/urandom > .spoilt.tar.{digest[:16]}.part",
                           check=True)
            result = await host.upload(big_file, "spoilt.tar")
            assert result.resumed_from == 0 and result.sent == big_file.stat().st_size
            assert result.attempts == 1  # found out before sending, not after
            listed = await host.run("sha256sum spoilt.tar; ls -A | grep -c 'spoilt.*part' || true")
            assert listed.stdout.split() == [digest, "spoilt.tar", "0"]

    asyncio.run(scenario())


def test_an_idle_connection_lost_is_made_again_for_the_next_command(console: Console,
                                                                     sshd: SshServer) -> None:
    async def scenario() -> None:
        async with console.connect(sshd) as host:
            assert (await host.run("echo one")).stdout == "one\n"
            assert sshd.drop_sessions() > 0
            await asyncio.sleep(0.1)
            assert (await host.run("echo two")).stdout == "two\n"

    asyncio.run(scenario())


def test_a_command_cut_off_is_said_to_maybe_have_run(console: Console, sshd: SshServer) -> None:
    async def scenario() -> None:
        async with console.connect(sshd) as host:
            asyncio.get_running_loop().call_later(0.3, sshd.drop_sessions)
            with pytest.raises(RemoteConnectionLostError,
                               match=r"dropped while running: sleep 5; it may or may not have run"):
                await host.run("sleep 5", timeout=10)
            assert (await host.run("echo back")).stdout == "back\n"  # never re-run by itself

    asyncio.run(scenario())


def test_small_files_are_read_and_bad_paths_named(console: Console, sshd: SshServer) -> None:
    async def scenario() -> None:
        async with console.connect(sshd) as host:
            await host.run("printf 'version=3\\n' > state.txt; head -c 5000 /dev/zero > big.txt",
                           check=True)
            assert await host.read_file("state.txt") == b"version=3\n"
            with pytest.raises(RemoteFileError, match=r"big.txt on .* is 5000 bytes, more than the 100"):
                await host.read_file("big.txt", max_bytes=100)
            with pytest.raises(RemoteFileError, match=r"missing.txt on 127.0.0.1:\d+: No such file"):
                await host.read_file("missing.txt")
            with pytest.raises(RemoteFileError, match=r"no-such-dir/x.tar on 127.0.0.1"):
                await host.upload(Path(__file__), "no-such-dir/x.tar")

    asyncio.run(scenario())


def test_a_server_with_another_host_key_is_refused(console: Console, account: Account) -> None:
    other = _new_private()
    impostor = start_sshd(other, [console.access.openssh], account)
    try:
        async def scenario() -> None:
            async with console.connect(impostor) as host:
                with pytest.raises(RemoteHostKeyMismatchError) as refused:
                    await host.run("touch should-not-run")
            error = refused.value
            assert error.expected == console.host.fingerprint
            assert error.presented == _public(other).fingerprint
            assert console.host.fingerprint in str(error) and error.presented in str(error)
            assert str(error).startswith(f"host key mismatch: 127.0.0.1:{impostor.port}")

        asyncio.run(scenario())
        assert "Accepted publickey" not in impostor.log()  # refused before logging in
    finally:
        impostor.stop()


def test_a_wrong_client_key_is_authentication_refused(console: Console, sshd: SshServer) -> None:
    stranger = _new_private()
    host = SshRemoteHost(sshd.host, port=sshd.port, user=sshd.user,
                         host_key=console.host.openssh, client_key_pem=stranger, retry=FAST)

    async def scenario() -> None:
        with pytest.raises(RemoteAuthError) as refused:
            await host.run("true")
        assert str(refused.value) == (f"authentication refused: {sshd.host}:{sshd.port} did not "
                                      f"accept the environment's access key for user {sshd.user!r}")
        for part in key_material(stranger):
            assert part not in str(refused.value) and part not in repr(host)

    asyncio.run(scenario())


def test_a_closed_port_is_unreachable_after_retries(console: Console, sshd: SshServer,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()  # nothing listens there
    retry = RetryPolicy(attempts=3, first_delay=0.05, max_delay=0.1, connect_timeout=2)

    async def scenario() -> None:
        started = time.monotonic()
        with pytest.raises(RemoteUnreachableError) as failed:
            await console.connect(sshd, retry=retry, port=port).run("true")
        assert time.monotonic() - started < 2
        assert failed.value.attempts == 3
        assert str(failed.value).startswith(
            f"host unreachable: 127.0.0.1:{port} did not accept an SSH connection after 3 attempts (")

    asyncio.run(scenario())
    retries = [r for r in caplog.records if r.name == "app.integrations.ssh_remote"
               and "connecting to" in r.getMessage()]
    assert [r.levelno for r in retries] == [logging.WARNING] * 2


def test_missing_keys_are_named_and_never_trusted_on_first_use(console: Console,
                                                               sshd: SshServer) -> None:
    from app.integrations.ssh_remote import server_host

    with pytest.raises(RemoteKeyMissingError, match="never trusts a host key on first use"):
        server_host(console.keys, SPEC, "wn-hub-staging-app-9", sshd.host, user=sshd.user)
    other_env = SPEC.__class__(**{**SPEC.__dict__, "environment": "production"})
    with pytest.raises(RemoteKeyMissingError, match="no access key for hub/production"):
        server_host(console.keys, other_env, SERVER, sshd.host, user=sshd.user)
