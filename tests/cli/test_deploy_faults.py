"""Applying while the cloud misbehaves: 429 bursts, 5xx, 423 locked, a failed action, slow
actions, a cancel between steps, a revoked token, and a console killed with SIGKILL in the
middle of a step. Afterwards the account holds no duplicate and no orphaned resource: every
labelled resource is one the environment wants, each exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from app.integrations.cloud_connect import CloudConnections
from app.integrations.hetzner_sim import HetznerSimulator
from tests.cli.conftest import Run
from tests.cli.test_deploy_apply import PLAN, TOKEN, labelled, plan

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "deploy-crash-test-passphrase"


@pytest.fixture(autouse=True)
def quick_cloud(monkeypatch: pytest.MonkeyPatch) -> None:
    """Poll actions and back off in hundredths of seconds (the waits' rules are the
    adapter's, checked in the provider contract), so faults cost the suite little."""
    original = CloudConnections.__init__

    def quick(self: CloudConnections, sandbox_dir: Path, **options: Any) -> None:
        original(self, sandbox_dir, **{"poll_interval": 0.02, "backoff": 0.02, **options})

    monkeypatch.setattr(CloudConnections, "__init__", quick)


@pytest.fixture
def account(webnova: Run, monkeypatch: pytest.MonkeyPatch,
            console_home: Path) -> Iterator[HetznerSimulator]:
    # An encrypted file keyring, so a console in another process finds the same secrets.
    monkeypatch.setenv("WEBNOVA_KEYRING", "file")
    monkeypatch.setenv("WEBNOVA_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("WEBNOVA_USER", "root")
    with HetznerSimulator(TOKEN, refill_per_second=50) as sim:
        monkeypatch.setenv("WEBNOVA_HETZNER_ENDPOINT", sim.url)
        added = webnova("cloud", "add", "main", "--provider", "hetzner", "--token-stdin",
                        stdin=TOKEN + "\n")
        assert added.code == 0, added.err
        assert webnova("blueprint", "new", "--template", "enterprise", "--key", "hub").code == 0
        yield sim


def assert_whole(webnova: Run, sim: HetznerSimulator, env: str) -> None:
    """No duplicates, no orphans: each wanted resource once, nothing else, nothing left to do."""
    names = Counter((kind, r["name"]) for kind, items in labelled(sim, env).items() for r in items)
    assert [n for n, c in names.items() if c > 1] == []
    again = webnova(*PLAN, "--env", env, "--json")
    assert again.code == 0, again.err
    body = again.json()
    assert body["steps"] == []  # nothing missing, nothing unwanted (an orphan would be deleted)
    assert len(body["unchanged"]) == sum(names.values())


def test_throttling_server_errors_and_locks_are_ridden_out(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    out, _doc = plan(webnova, tmp_path, "staging")
    account.faults.fail_next(2, 429)
    account.faults.fail_next(1, 503)
    account.faults.fail_next(1, 423)
    account.faults.fail_next(1, 500)
    account.faults.slow_next_actions(2, 0.3)
    applied = webnova("deploy", "apply", str(out))
    assert applied.code == 0, applied.err
    assert not account.faults.http  # every injected fault was met
    assert_whole(webnova, account, "staging")


def test_a_failed_action_stops_the_apply_naming_the_step_and_resume_retries_it(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    out, doc = plan(webnova, tmp_path, "staging")
    account.faults.fail_actions(1)  # the first action: the first server's creation
    stopped = webnova("deploy", "apply", str(out))
    assert stopped.code == 4, stopped.err
    assert ("stopped at step create:server:wn-hub-staging-app-1: create_server (action "
            in stopped.out)
    assert "failed: Action failed (action_failed)" in stopped.out
    assert "retry: webnova deploy resume hub --env staging" in stopped.out
    status = webnova("deploy", "status", "hub", "--env", "staging", "--json").json()
    assert status["state"] == "stopped"
    assert status["failed_step"] == "create:server:wn-hub-staging-app-1"
    failed = [s["id"] for s in labelled(account, "staging")["servers"]]
    assert len(failed) == 1  # nothing after the failed step ran
    resumed = webnova("deploy", "resume", "hub", "--env", "staging")
    assert resumed.code == 0, resumed.err
    assert "applied" in resumed.out.splitlines()[-1]
    servers = {s["name"]: s["id"] for s in labelled(account, "staging")["servers"]}
    assert servers["wn-hub-staging-app-1"] not in failed  # the failed one was made again
    history = webnova("deploy", "history", "hub", "--env", "staging", "--json").json()
    assert [(h["number"], h["state"], h["done"]) for h in history] == [
        (1, "applied", len(doc["steps"]))]
    assert_whole(webnova, account, "staging")


def test_a_revoked_token_is_a_clear_error_without_the_token(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    out, _doc = plan(webnova, tmp_path, "staging")
    account.token = "another-token-entirely"
    refused = webnova("deploy", "apply", str(out))
    assert refused.code == 1
    assert "Hetzner refused the token" in refused.error
    assert TOKEN not in refused.out + refused.err
    assert account.mutations() == 0


def child_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}


def test_a_console_killed_mid_step_resumes_without_twins_or_orphans(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    out, doc = plan(webnova, tmp_path, "staging")
    account.state.action_delay = 2.0  # long enough to be killed while a step waits on its action
    child = subprocess.Popen([sys.executable, "-m", "app", "deploy", "apply", str(out)], cwd=ROOT,
                             env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        deadline = time.monotonic() + 120
        while not labelled(account, "staging").get("servers"):  # a server exists, its step open
            if child.poll() is not None:
                pytest.fail(f"the apply ended before it could be killed: {child.communicate()}")
            assert time.monotonic() < deadline, "the apply never created a server"
            time.sleep(0.01)
        # While it lives, it holds the environment: another console sees it running and
        # may not resume or apply beside it.
        running = webnova("deploy", "status", "hub", "--env", "staging", "--json").json()
        assert running["state"] == "running"
        beside = webnova("deploy", "resume", "hub", "--env", "staging")
        assert beside.code == 1
        assert f"is being deployed by the console of process {child.pid}" in beside.error
        child.send_signal(signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=30)  # reaps it and closes the pipes
    assert child.returncode == -signal.SIGKILL
    account.state.action_delay = 0.0
    status = webnova("deploy", "status", "hub", "--env", "staging", "--json").json()
    assert status["state"] == "interrupted"
    newer = webnova("deploy", "apply", str(out))
    assert newer.code == 1 and "was interrupted; resume it first" in newer.error
    resumed = webnova("deploy", "resume", "hub", "--env", "staging")
    assert resumed.code == 0, resumed.err
    assert "(found, made by an earlier try)" in resumed.out  # the server the killed console made
    assert_whole(webnova, account, "staging")
    history = webnova("deploy", "history", "hub", "--env", "staging", "--json").json()
    assert [(h["state"], h["done"], h["steps"]) for h in history] == [
        ("applied", len(doc["steps"]), len(doc["steps"]))]


def test_cancelling_stops_between_steps_and_a_new_plan_finishes_the_rest(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    from app.bootstrap import Console
    from app.domain.cloud.journal import Outcome

    out, doc = plan(webnova, tmp_path, "staging")
    cancel = threading.Event()
    seen: list[str] = []

    def progress(report: Any) -> None:
        seen.append(f"{report.index} {report.state}")
        if report.index == 3 and report.state == "done":
            cancel.set()  # the owner presses Cancel while step 3 runs

    console = Console()
    with closing(console.open_current()) as ws:
        result = ws.deployments.apply(json.loads(out.read_text(encoding="utf-8")), "root",
                                      progress=progress, cancel=cancel)
    assert result.outcome is Outcome.CANCELLED and result.done == 3
    assert seen == ["1 started", "1 done", "2 started", "2 done", "3 started", "3 done"]
    assert sum(len(v) for v in labelled(account, "staging").values()) == 3
    status = webnova("deploy", "status", "hub", "--env", "staging", "--json").json()
    assert status["state"] == "cancelled"
    rest, rest_doc = plan(webnova, tmp_path, "staging", "rest.json")
    assert len(rest_doc["steps"]) == len(doc["steps"]) - 3
    assert webnova("deploy", "apply", str(rest)).code == 0
    assert_whole(webnova, account, "staging")
