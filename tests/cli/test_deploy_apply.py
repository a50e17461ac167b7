"""``webnova deploy apply / resume / status / history`` against the Hetzner simulator through
the real adapter: a kept plan applied step by step and journalled, nothing applied when the
cloud changed since the plan, production held for the owner's approval bound to the plan's
hash, and a second plan with nothing to do."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain.bidi import strip_isolation
from app.integrations.hetzner_sim import HetznerSimulator
from tests.cli.conftest import Run

TOKEN = "hz-apply-token-3c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d"
PLAN = ("deploy", "plan", "hub", "--account", "main", "--location", "fsn1",
        "--ssh-from", "203.0.113.0/24")


@pytest.fixture
def account(webnova: Run, monkeypatch: pytest.MonkeyPatch) -> Iterator[HetznerSimulator]:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        monkeypatch.setenv("WEBNOVA_HETZNER_ENDPOINT", sim.url)
        added = webnova("cloud", "add", "main", "--provider", "hetzner", "--token-stdin",
                        stdin=TOKEN + "\n")
        assert added.code == 0, added.err
        assert webnova("blueprint", "new", "--template", "enterprise", "--key", "hub").code == 0
        yield sim


def labelled(sim: HetznerSimulator, env: str) -> dict[str, list[dict[str, Any]]]:
    """Every resource of the environment in the simulator, by kind."""
    found: dict[str, list[dict[str, Any]]] = {}
    for kind, table in sim.state.resources.items():
        mine = [r for r in table.values()
                if (r.get("labels") or {}).get("webnova.environment") == env
                and (r.get("labels") or {}).get("webnova.platform") == "hub"]
        if mine:
            found[kind] = mine
    return found


def plan(webnova: Run, tmp_path: Path, env: str, name: str = "plan.json") -> tuple[Path, dict[str, Any]]:
    out = tmp_path / name
    made = webnova(*PLAN, "--env", env, "--out", str(out))
    assert made.code == 0, made.err
    return out, json.loads(out.read_text(encoding="utf-8"))


def test_a_kept_plan_is_applied_step_by_step_and_then_there_is_nothing_to_do(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    out, doc = plan(webnova, tmp_path, "staging")
    steps = len(doc["steps"])
    applied = webnova("deploy", "apply", str(out))
    assert applied.code == 0, applied.err
    lines = applied.out.splitlines()
    assert lines[0] == "[1/%d] create ssh_key wn-hub-staging-key …".replace("ssh_key", "ssh key") % steps
    assert f"[{steps}/{steps}] create volume wn-hub-staging-db-data done" in lines
    assert lines[-1].endswith(f"applied ({steps} steps done)")
    made = labelled(account, "staging")
    assert {k: len(v) for k, v in made.items()} == {
        "ssh_keys": 1, "networks": 1, "firewalls": 1, "primary_ips": 2, "servers": 2, "volumes": 1}
    # The console's own key went to the cloud (not the placeholder) and each server got the
    # host key whose fingerprint the console shows.
    key = made["ssh_keys"][0]
    assert key["public_key"].startswith("ssh-ed25519 ")
    db = next(s for s in made["servers"] if s["name"] == "wn-hub-staging-db-1")
    assert db["_user_data"].startswith("#cloud-config\n") and "ed25519_private" in db["_user_data"]
    app = next(s for s in made["servers"] if s["name"] == "wn-hub-staging-app-1")
    assert "caddy" in app["_user_data"] and "webnova-hub.service" in app["_user_data"]
    assert "postgresql" in db["_user_data"] and "caddy" not in db["_user_data"]
    assert "PasswordAuthentication no" in app["_user_data"]
    status = webnova("deploy", "status", "hub", "--env", "staging", "--json").json()
    assert status["state"] == "applied" and status["number"] == 1
    assert set(status["host_keys"]) == {"wn-hub-staging-app-1", "wn-hub-staging-db-1"}
    assert all(v.startswith("SHA256:") for v in status["host_keys"].values())
    # Planning again finds everything as desired; applying an empty plan does nothing.
    again = webnova(*PLAN, "--env", "staging", "--json").json()
    assert again["steps"] == [] and len(again["unchanged"]) == steps
    history = webnova("deploy", "history", "hub", "--env", "staging", "--json").json()
    assert [(h["number"], h["state"], h["done"], h["steps"]) for h in history] == [
        (1, "applied", steps, steps)]
    combined = applied.out + applied.err + json.dumps(status)
    assert TOKEN not in combined and "PRIVATE KEY" not in combined


def test_a_plan_is_refused_when_the_cloud_changed_since(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    out, _doc = plan(webnova, tmp_path, "staging")
    account.state.resources["ssh_keys"]  # the account is empty; someone adds a resource
    made = webnova("deploy", "apply", str(out))
    assert made.code == 0, made.err
    stale, _ = plan(webnova, tmp_path, "staging", "again.json")
    server = next(s for s in account.state.resources["servers"].values()
                  if s["name"] == "wn-hub-staging-app-1")
    server["labels"]["edited"] = "elsewhere"  # changed in Hetzner's own console
    before = account.mutations()
    refused = webnova("deploy", "apply", str(stale))
    assert refused.code == 1
    assert "the cloud changed since this plan was made" in refused.error
    assert account.mutations() == before  # nothing was applied


def test_an_edited_plan_is_refused(webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    out, doc = plan(webnova, tmp_path, "staging")
    doc["spec"]["app_servers"] = 3  # more servers than the owner read
    out.write_text(json.dumps(doc), encoding="utf-8")
    refused = webnova("deploy", "apply", str(out))
    assert refused.code == 1
    assert "no longer matches its settings" in refused.error
    assert account.mutations() == 0
    out.write_text("{not json", encoding="utf-8")
    broken = webnova("deploy", "apply", str(out))
    assert broken.code == 1 and "is not a plan: not JSON (line 1, column 2)" in broken.error


def test_production_waits_for_the_owner_and_the_approval_binds_the_plan(
        webnova: Run, account: HetznerSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert webnova("users", "add", "op", "--name", "Omar", "--role", "OPERATOR").code == 0
    out, doc = plan(webnova, tmp_path, "production")
    monkeypatch.setenv("WEBNOVA_USER", "op")
    waiting = webnova("deploy", "apply", str(out), "--json", "--why", "first release")
    assert waiting.code == 3, waiting.err
    request = waiting.json()["approval"]
    assert account.mutations() == 0
    again = webnova("deploy", "apply", str(out), "--json")
    assert again.code == 3 and again.json()["approval"] == request  # the same request, not a second
    monkeypatch.setenv("WEBNOVA_USER", "root")
    shown = webnova("approvals", "show", request, "--json").json()
    assert shown["action"]["kind"] == "deploy.apply"
    assert shown["action"]["context"]["plan_hash"] == doc["hash"]
    assert "+ server wn-hub-production-app-1" in strip_isolation(shown["attachments"]["plan"])
    assert "خادم" in shown["attachments"]["plan_ar"]
    assert shown["attachments"]["cost"]["currency"] == "EUR"
    assert webnova("approvals", "approve", request, "--reason", "go").code == 0
    monkeypatch.setenv("WEBNOVA_USER", "op")
    applied = webnova("deploy", "apply", str(out))
    assert applied.code == 0, applied.err
    assert len(labelled(account, "production")["servers"]) == 3  # two app servers and the db
    assert len(labelled(account, "production")["load_balancers"]) == 1
    audit = webnova("audit", "list", "--action", "deploy.apply", "--json").json()
    done = [e for e in audit["entries"] if e["outcome"] == "done"]
    assert done and done[-1]["subject"] == "hub/production"


def test_a_budget_rule_sees_the_monthly_cost_the_plan_adds(
        webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    from app.paths import resources_dir

    default = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")
    tight = tmp_path / "constitution.yaml"
    tight.write_text(default.replace("    limit: 1000\n", "    limit: 20\n"), encoding="utf-8")
    proposal = webnova("governance", "propose", str(tight), "--why", "a tight budget", "--json")
    assert webnova("approvals", "approve", proposal.json()["approval"], "--reason", "yes").code == 0
    out, doc = plan(webnova, tmp_path, "staging")  # two cx32 servers and more: over 20 EUR
    assert float(doc["cost"]["monthly"]["delta"]["gross"]) > 20
    waiting = webnova("deploy", "apply", str(out), "--json")
    assert waiting.code == 3, waiting.err
    shown = webnova("approvals", "show", waiting.json()["approval"], "--json").json()
    assert "tenant-monthly-budget" in [r["id"] if isinstance(r, dict) else r for r in shown["rules"]]
    assert account.mutations() == 0
