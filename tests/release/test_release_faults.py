"""Faults of a release deploy on a real server (the throwaway sshd, Caddy and PostgreSQL of
``test_release_deploy``): the SSH link cut mid-upload by a loopback relay (once: the upload
goes on from what arrived on a fresh connection; for good: the deploy fails saying how far
the upload got, nothing is switched, the partial file is never taken for the release), and
a release file spoilt on the server between upload and install (the install checks its
hash and refuses it). After each, the release that ran still answers and the next deploy
works."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from app.integrations.ssh_remote import server_host
from app.services.release_deploy import (
    DEPLOYED,
    FAILED,
    Release,
    ReleaseDeployer,
    ReleaseDeployResult,
    Report,
)
from tests.release import test_release_deploy as base
from tests.support.relay import CuttingProxy

# The module fixtures of the deploy tests, one instance for this module.
built, site, deployer = base.built, base.site, base.deployer
APP = base.SERVER


def run_deploy(deployer: ReleaseDeployer, site: base.Site, release: Release, *,
               cuts: list[int | None] | None = None, rest: int | None = None,
               progress: Callable[[Report], None] | None = None) -> ReleaseDeployResult:
    """Deploy ``release``; with ``cuts``, the SSH link goes through a relay cutting it."""
    async def through(port: int) -> ReleaseDeployResult:
        host = server_host(site.keys, base.SPEC, APP, site.sshd.host, user=site.sshd.user,
                           port=port, retry=base.FAST)
        try:
            return await deployer.deploy("hub", "staging", release, [site.app(host)], None,
                                         site.settings(), site.settings(), health_seconds=60,
                                         progress=progress)
        finally:
            await host.close()

    async def go() -> ReleaseDeployResult:
        if cuts is None:
            return await through(site.sshd.port)
        async with CuttingProxy(site.sshd.port, cuts, rest=rest) as relay:
            return await through(relay.port)

    return asyncio.run(go())


def current_link(site: base.Site) -> str:
    return os.readlink(f"{site.root}/releases/current")


def test_a_cut_link_mid_upload_resumes_or_fails_cleanly_and_the_next_deploy_works(
        deployer: ReleaseDeployer, site: base.Site, built: Release) -> None:
    size = built.path.stat().st_size
    assert size > 4 * 1024 * 1024  # large enough to be cut in the middle
    incoming = Path(f"{site.root}/incoming")
    arrived = incoming / f"{built.sha256}.tar"

    # Cut once, half way: the upload goes on from what arrived, on a fresh connection.
    first = run_deploy(deployer, site, replace(built, number=50), cuts=[size // 2])
    assert first.outcome == DEPLOYED, first.reason
    assert 0 < first.uploaded < size  # the rest only
    assert base.health(site)["status"] == "ok" and current_link(site) == "50"

    # Cut, and the link stays down: the deploy fails saying how far the upload got.
    arrived.unlink()  # as if release 51 were another file, not there yet
    down = run_deploy(deployer, site, replace(built, number=51), cuts=[size // 2], rest=0)
    assert down.outcome == FAILED
    assert down.failed_step == f"upload:{APP}"
    assert f"step upload:{APP} failed: the connection to 127.0.0.1:" in down.reason
    assert f"dropped during the upload of {arrived} (after " in down.reason
    got = int(down.reason.split("(after ", 1)[1].split(" ", 1)[0])
    assert 0 < got < size and f"of {size} bytes" in down.reason
    assert down.reason.endswith("the running release was not touched")
    assert not arrived.exists()  # the partial file is never taken for the release
    assert [p.name for p in incoming.iterdir() if p.name.endswith(".part")] == [
        f".{arrived.name}.{built.sha256[:16]}.part"]
    assert current_link(site) == "50" and base.health(site)["status"] == "ok"
    assert not Path(f"{site.root}/releases/51").exists()

    # The release file spoilt on the server after it arrived: the install refuses it.
    def spoil(report: Report) -> None:
        if report.step == f"upload:{APP}" and report.state == "done":
            with arrived.open("r+b") as handle:
                handle.seek(size // 3)
                byte = handle.read(1)
                handle.seek(size // 3)
                handle.write(bytes([byte[0] ^ 0xFF]))

    spoilt = run_deploy(deployer, site, replace(built, number=52), progress=spoil)
    assert 0 < spoilt.uploaded < size  # went on from the partial file of the cut upload
    assert spoilt.outcome == FAILED and spoilt.failed_step == f"install:{APP}"
    assert "does not match its hash" in spoilt.reason
    assert not Path(f"{site.root}/releases/52").exists()
    assert current_link(site) == "50" and base.health(site)["status"] == "ok"

    # The next deploy sends the file again, whole, and deploys.
    fixed = run_deploy(deployer, site, replace(built, number=53))
    assert fixed.outcome == DEPLOYED, fixed.reason
    assert fixed.uploaded == size
    assert current_link(site) == "53" and base.health(site)["status"] == "ok"
    assert [(h["release"], h["state"]) for h in deployer.history("hub", "staging")] == [
        (50, DEPLOYED), (51, FAILED), (52, FAILED), (53, DEPLOYED)]
