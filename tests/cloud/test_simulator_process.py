"""The simulator as a process of its own (``python -m app.integrations.hetzner_sim``), as the
crash tests run it: one line with its URL, served until SIGTERM, and its state file carries
resources, ids and actions over a stop — or a SIGKILL — and a start again."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import app
from app.integrations.hetzner_cloud import HetznerCloud
from app.services.cloud_ports import ResourceKind, ResourceSpec
from tests.cloud.conftest import TOKEN

ROOT = Path(app.__file__).resolve().parents[1]
LABELS = {"webnova.environment": "crash"}


def start(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    token = tmp_path / "token"
    token.write_text(TOKEN + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.integrations.hetzner_sim", "--token-file", str(token),
         "--state-file", str(tmp_path / "state.json"), "--port", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    with selectors.DefaultSelector() as waiting:
        waiting.register(proc.stdout, selectors.EVENT_READ)
        if not waiting.select(timeout=30):
            proc.kill()
            proc.communicate()
            pytest.fail("the simulator printed no URL within 30 s")
    line = proc.stdout.readline()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v1\n", line), line
    return proc, line.strip()


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()


def cloud(url: str) -> HetznerCloud:
    return HetznerCloud(TOKEN, url, poll_interval=0.01, sleep=lambda _s: None)


def test_it_prints_its_url_serves_and_stops_on_sigterm(
        tmp_path: Path, processes: list[subprocess.Popen[str]]) -> None:
    proc, url = start(tmp_path)
    processes.append(proc)
    assert cloud(url).check().remaining is not None
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0
    assert proc.stdout is not None and proc.stdout.read() == ""  # exactly one line
    assert proc.stderr is not None and TOKEN not in proc.stderr.read()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL])
def test_a_restart_on_the_state_file_goes_on_with_the_same_ids_and_actions(
        tmp_path: Path, processes: list[subprocess.Popen[str]], stop: signal.Signals) -> None:
    proc, url = start(tmp_path, "--action-delay", "600")
    processes.append(proc)
    first = cloud(url)
    network = first.create(ResourceSpec(ResourceKind.NETWORK, "private", LABELS,
                                        attributes={"ip_range": "10.0.0.0/16"}))
    volume = first.create(ResourceSpec(ResourceKind.VOLUME, "data", LABELS, "fsn1",
                                       {"size_gb": 10}))
    assert first.action(volume.actions[0].id).status == "running"
    proc.send_signal(stop)
    assert proc.wait(timeout=15) == (0 if stop == signal.SIGINT else -signal.SIGKILL)

    again, url = start(tmp_path)
    processes.append(again)
    second = cloud(url)
    found = {r.name: r.id for r in second.list_by_labels(ResourceKind.NETWORK, LABELS)}
    assert found == {"private": network.resource.id}
    assert [v.id for v in second.list_by_labels(ResourceKind.VOLUME, LABELS)] == [volume.resource.id]
    still = second.action(volume.actions[0].id)
    assert (still.command, still.status) == ("create_volume", "running")  # its 600 s are not up
    later = second.create(ResourceSpec(ResourceKind.NETWORK, "later", LABELS,
                                       attributes={"ip_range": "10.1.0.0/16"}))
    assert int(later.resource.id) > int(volume.actions[0].id) > int(network.resource.id)


def test_bad_arguments_are_named(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app.integrations.hetzner_sim", *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})

    missing = run("--token-file", str(tmp_path / "nope"), "--state-file", str(tmp_path / "s.json"))
    assert missing.returncode == 2 and "nope" in missing.stderr and missing.stdout == ""
    (tmp_path / "damaged.json").write_text("{")
    (tmp_path / "token").write_text(TOKEN)
    damaged = run("--token-file", str(tmp_path / "token"), "--state-file",
                  str(tmp_path / "damaged.json"))
    assert damaged.returncode == 2 and "damaged.json" in damaged.stderr
    assert run("--state-file", "s.json").returncode == 2  # no token file given
