"""An environment's life after the first apply: drift found and mended, a rollback to an
earlier applied state, and a destroy that lifts protection through the owner's approval,
keeps the data unless told twice, and is always approved by the owner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.integrations.hetzner_cloud import HetznerCloud
from app.integrations.hetzner_sim import HetznerSimulator
from app.services.cloud_ports import ResourceKind, ResourceSpec
from tests.cli.conftest import Run
from tests.cli.test_deploy_apply import PLAN, TOKEN, labelled, plan


@pytest.fixture
def account(webnova: Run, monkeypatch: pytest.MonkeyPatch) -> Iterator[HetznerSimulator]:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    with HetznerSimulator(TOKEN, refill_per_second=50) as sim:
        monkeypatch.setenv("WEBNOVA_HETZNER_ENDPOINT", sim.url)
        assert webnova("cloud", "add", "main", "--provider", "hetzner", "--token-stdin",
                       stdin=TOKEN + "\n").code == 0
        assert webnova("blueprint", "new", "--template", "enterprise", "--key", "hub").code == 0
        yield sim


def apply_now(webnova: Run, tmp_path: Path, env: str, *extra: str) -> None:
    out = tmp_path / f"{env}-{len(list(tmp_path.iterdir()))}.json"
    assert webnova(*PLAN, "--env", env, *extra, "--out", str(out)).code == 0
    applied = webnova("deploy", "apply", str(out))
    assert applied.code == 0, applied.out + applied.err


def by_name(sim: HetznerSimulator, env: str, kind: str, name: str) -> str:
    return str(next(r["id"] for r in labelled(sim, env)[kind] if r["name"] == name))


def test_drift_outside_the_console_is_named_and_a_new_plan_mends_it(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    apply_now(webnova, tmp_path, "staging")
    clean = webnova("deploy", "drift", "hub", "--env", "staging")
    assert clean.code == 0, clean.err
    assert clean.out.strip() == "No drift: the environment is as it was last applied."
    # Someone works in Hetzner's own console: opens SSH to everyone, resizes a server, and
    # makes a key with the environment's labels.
    hetzner = HetznerCloud(TOKEN, account.url, poll_interval=0.001, sleep=lambda _s: None)
    firewall = by_name(account, "staging", "firewalls", "wn-hub-staging-fw")
    hetzner.change(ResourceKind.FIREWALL, firewall, "rules", [
        {"direction": "in", "protocol": "tcp", "port": p, "addresses": ["0.0.0.0/0", "::/0"]}
        for p in ("22", "80", "443")])
    server = by_name(account, "staging", "servers", "wn-hub-staging-app-1")
    hetzner.wait(hetzner.change(ResourceKind.SERVER, server, "server_type", "cx42"))
    labels = {"webnova.workspace": "local", "webnova.platform": "hub", "webnova.environment": "staging"}
    hetzner.create(ResourceSpec(ResourceKind.SSH_KEY, "stray-key", labels, attributes={
        "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3w6E2y0m8n7m3o8Kq7Yl3uYxQy8V0A8b7c6d5e4f3g"}))

    drift = webnova("deploy", "drift", "hub", "--env", "staging")
    assert drift.code == 1
    lines = drift.out.splitlines()
    assert lines[0].startswith("Drift: ")
    text = drift.out
    assert "wn-hub-staging-fw" in text and "22" in text  # which rule, not just "rules changed"
    assert "cx32" in text and "cx42" in text
    assert "stray-key" in text
    items = webnova("deploy", "drift", "hub", "--env", "staging", "--json").json()["items"]
    assert {i["change"] for i in items} == {"changed", "unknown"}

    mend = tmp_path / "mend.json"
    planned = webnova(*PLAN, "--env", "staging", "--json", "--out", str(mend)).json()
    actions = {(s["action"], s["name"]) for s in planned["steps"]}
    assert actions == {("update", "wn-hub-staging-fw"), ("update", "wn-hub-staging-app-1"),
                       ("delete", "stray-key")}
    assert webnova("deploy", "apply", str(mend)).code == 0
    assert webnova("deploy", "drift", "hub", "--env", "staging").code == 0
    server_now = account.state.resources["servers"][int(server)]
    assert server_now["server_type"]["name"] == "cx32" and server_now["status"] == "running"


def test_rollback_goes_back_to_an_earlier_applied_state_as_a_new_deployment(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    apply_now(webnova, tmp_path, "staging")  # SSH from 203.0.113.0/24
    apply_now(webnova, tmp_path, "staging", "--ssh-from", "198.51.100.0/24")

    def ssh_sources() -> list[list[str]]:
        fw = labelled(account, "staging")["firewalls"][0]
        return sorted(r["source_ips"] for r in fw["rules"] if r["port"] == "22")

    assert ssh_sources() == [["198.51.100.0/24", "203.0.113.0/24"]]
    missing = webnova("deploy", "rollback", "hub", "--env", "staging", "--to", "7")
    assert missing.code == 1 and "deployment 7 of hub staging was not applied (applied: 1, 2)" in missing.error
    back = webnova("deploy", "rollback", "hub", "--env", "staging")
    assert back.code == 0, back.out + back.err
    assert "~ firewall" in back.out
    assert ssh_sources() == [["203.0.113.0/24"]]
    history = webnova("deploy", "history", "hub", "--env", "staging", "--json").json()
    assert [(h["number"], h["kind"], h["state"]) for h in history] == [
        (1, "apply", "applied"), (2, "apply", "applied"), (3, "rollback", "applied")]
    forward = webnova("deploy", "rollback", "hub", "--env", "staging", "--to", "2")
    assert forward.code == 0 and ssh_sources() == [["198.51.100.0/24", "203.0.113.0/24"]]


def test_destroy_is_approved_by_the_owner_lifts_protection_and_keeps_the_data(
        webnova: Run, account: HetznerSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert webnova("users", "add", "op", "--name", "Amal", "--role", "ADMIN").code == 0
    monkeypatch.setenv("WEBNOVA_USER", "op")
    out, _doc = plan(webnova, tmp_path, "production")
    request = webnova("deploy", "apply", str(out), "--json").json()["approval"]
    monkeypatch.setenv("WEBNOVA_USER", "root")
    assert webnova("approvals", "approve", request, "--reason", "go").code == 0
    monkeypatch.setenv("WEBNOVA_USER", "op")
    assert webnova("deploy", "apply", str(out)).code == 0
    servers = labelled(account, "production")["servers"]
    assert all(s["protection"]["delete"] for s in servers)  # production is protected

    refused = webnova("deploy", "destroy", "hub", "--env", "production", "--delete-data")
    assert refused.code == 1
    assert "needs a second confirmation: add --confirm hub/production" in refused.error
    waiting = webnova("deploy", "destroy", "hub", "--env", "production", "--json")
    assert waiting.code == 3, waiting.out + waiting.err
    destroy_request = waiting.json()["approval"]
    assert len(labelled(account, "production")["servers"]) == 3  # nothing happened yet
    monkeypatch.setenv("WEBNOVA_USER", "root")
    shown = webnova("approvals", "show", destroy_request, "--json").json()
    assert shown["action"]["kind"] == "deploy.destroy"
    assert "lift delete protection, then delete" in shown["attachments"]["plan"]
    assert webnova("approvals", "approve", destroy_request, "--reason", "retired").code == 0
    monkeypatch.setenv("WEBNOVA_USER", "op")
    done = webnova("deploy", "destroy", "hub", "--env", "production")
    assert done.code == 0, done.out + done.err
    left = labelled(account, "production")
    assert list(left) == ["volumes"] and left["volumes"][0]["server"] is None  # the data stays
    status = webnova("deploy", "status", "hub", "--env", "production", "--json").json()
    assert status["state"] == "destroyed"

    gone = webnova("deploy", "destroy", "hub", "--env", "production", "--delete-data",
                   "--confirm", "hub/production", "--json")
    assert gone.code == 3
    monkeypatch.setenv("WEBNOVA_USER", "root")
    assert webnova("approvals", "approve", gone.json()["approval"], "--reason", "wipe").code == 0
    monkeypatch.setenv("WEBNOVA_USER", "op")
    wiped = webnova("deploy", "destroy", "hub", "--env", "production", "--delete-data",
                    "--confirm", "hub/production")
    assert wiped.code == 0, wiped.out + wiped.err
    assert labelled(account, "production") == {}
