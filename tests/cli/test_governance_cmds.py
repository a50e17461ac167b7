"""Governance headless: checks, approvals with signatures, users, the constitution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.paths import resources_dir
from tests.cli.conftest import Run


@pytest.fixture
def as_user(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def switch(user: str) -> None:
        monkeypatch.setenv("WEBNOVA_USER", user)

    switch("root")
    return switch


def action_file(tmp_path: Path, **action: object) -> str:
    path = tmp_path / "action.json"
    path.write_text(json.dumps(action), encoding="utf-8")
    return str(path)


def test_check_exit_codes_for_allow_deny_and_approval(webnova: Run, as_user, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    production = action_file(tmp_path, kind="deploy.apply", actor="root", subject="platform:clinic",
                             context={"environment": "production"})
    result = webnova("governance", "check", production)
    assert result.code == 3, result.err
    assert "production-deploy" in result.out
    assert "needs 1 approval from ROOT_OWNER" in result.out

    staging = action_file(tmp_path, kind="deploy.apply", actor="root", context={"environment": "staging"})
    assert webnova("governance", "check", staging).code == 0

    ai = action_file(tmp_path, kind="approval.decide", actor="claude", actor_kind="ai")
    result = webnova("governance", "check", ai, "--json")
    assert result.code == 1
    assert result.json()["rules"][0]["id"] == "invariant.ai-never-acts"

    budget = action_file(tmp_path, kind="deploy.apply", actor="root",
                         context={"environment": "staging", "estimated_monthly_cost": 1500, "currency": "EUR"})
    result = webnova("governance", "check", budget, "--json")
    assert result.code == 3
    assert result.json()["rules"][0]["id"] == "tenant-monthly-budget"

    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "deploy.apply"}', encoding="utf-8")
    assert webnova("governance", "check", str(bad)).error == "error: action.actor: required text"


def test_ban_needs_the_root_owners_signed_approval(webnova: Run, as_user) -> None:  # type: ignore[no-untyped-def]
    assert webnova("users", "list").code == 0  # the first user of the workspace becomes root owner
    assert webnova("users", "add", "admin", "--name", "Amal Admin", "--role", "ADMIN").code == 0
    assert webnova("users", "add", "op", "--name", "Omar Operator", "--role", "OPERATOR").code == 0

    as_user("op")
    denied = webnova("users", "ban", "admin", "--reason", "no")
    assert denied.code == 1
    assert "lacks the permission users.manage" in denied.error

    as_user("admin")
    result = webnova("users", "ban", "op", "--reason", "shared credentials", "--json")
    assert result.code == 3, result.err
    request_id = result.json()["approval"]
    assert webnova("approvals", "approve", request_id, "--reason", "self").code == 1  # not an approver

    as_user("root")
    listed = webnova("approvals", "list", "--json").json()
    assert [(r["id"], r["state"], r["action"]["kind"]) for r in listed] == [(request_id, "pending", "user.ban")]
    shown = webnova("approvals", "show", request_id)
    assert "shared credentials" in shown.out
    assert webnova("approvals", "approve", request_id, "--reason").code == 2
    decided = webnova("approvals", "approve", request_id, "--reason", "confirmed with security", "--json")
    assert decided.code == 0, decided.err
    assert decided.json()["state"] == "approved"

    users = {u["user_id"]: u for u in webnova("users", "list", "--json").json()}
    assert (users["op"]["status"], users["op"]["reason"], users["op"]["set_by"]) == (
        "BANNED", "shared credentials", "admin")
    vote = webnova("approvals", "show", request_id, "--json").json()["votes"][0]
    assert vote["approver"] == "root"
    assert len(vote["signature"]) == 128  # an Ed25519 signature, hex

    as_user("op")
    assert "not an active user" in webnova("users", "add", "x", "--name", "X", "--role", "VIEWER").error


def test_rejection_changes_nothing(webnova: Run, as_user) -> None:  # type: ignore[no-untyped-def]
    webnova("users", "list")
    webnova("users", "add", "admin", "--name", "Admin", "--role", "ADMIN")
    webnova("users", "add", "op", "--name", "Op", "--role", "OPERATOR")
    as_user("admin")
    request_id = webnova("users", "ban", "op", "--reason", "late", "--json").json()["approval"]
    as_user("root")
    assert webnova("approvals", "reject", request_id, "--reason", "not a reason to ban").code == 0
    users = {u["user_id"]: u for u in webnova("users", "list", "--json").json()}
    assert users["op"]["status"] == "ACTIVE"
    assert webnova("approvals", "list", "--json").json() == []
    assert webnova("approvals", "list", "--all", "--json").json()[0]["state"] == "rejected"


def test_constitution_change_is_approved_under_the_current_one(webnova: Run, as_user, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    default = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "constitution.yaml"
    changed.write_text(default.replace("limit: 1000", "limit: 2500"), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(default.replace("quorum: 1", "quorum: zero"), encoding="utf-8")

    result = webnova("governance", "propose", str(broken), "--why", "x")
    assert result.code == 1
    assert "rule production-deploy.quorum" in result.error

    result = webnova("governance", "propose", str(changed), "--why", "more servers this quarter", "--json")
    assert result.code == 3, result.err
    request_id = result.json()["approval"]
    assert "limit: 2500" in webnova("approvals", "show", request_id).out  # the diff is attached
    assert webnova("governance", "show", "--json").json()["version"] == 0
    assert webnova("approvals", "approve", request_id, "--reason", "agreed with finance").code == 0
    shown = webnova("governance", "show", "--json").json()
    assert (shown["version"], shown["adopted_by"]) == (1, "root")
    assert "limit: 2500" in shown["source"]


def test_show_prints_only_the_text_in_force_so_it_can_be_edited_and_proposed(
        webnova: Run, as_user, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shown = webnova("governance", "show")
    assert "the default, not changed in this workspace" in shown.err
    edited = tmp_path / "edited.yaml"
    edited.write_text(shown.out.replace("limit: 1000", "limit: 1200"), encoding="utf-8")
    request_id = webnova("governance", "propose", str(edited), "--why", "q3", "--json").json()["approval"]
    assert webnova("approvals", "approve", request_id, "--reason", "fine").code == 0
    shown = webnova("governance", "show")
    assert "limit: 1200" in shown.out
    assert "version 1, adopted by root" in shown.err
    assert "not changed in this workspace" not in shown.out + shown.err


def test_a_requester_withdraws_a_self_requested_ban(webnova: Run, as_user) -> None:  # type: ignore[no-untyped-def]
    webnova("users", "list")
    webnova("users", "add", "op", "--name", "Op", "--role", "OPERATOR")
    request_id = webnova("users", "ban", "op", "--reason", "left the company", "--json").json()["approval"]
    assert webnova("approvals", "approve", request_id, "--reason", "mine").code == 1  # separation of duties
    as_user("op")
    refused = webnova("approvals", "withdraw", request_id)
    assert refused.code == 1
    assert "only the requester ('root')" in refused.error
    as_user("root")
    withdrawn = webnova("approvals", "withdraw", request_id, "--reason", "wrong person")
    assert withdrawn.code == 0, withdrawn.err
    assert webnova("approvals", "list", "--json").json() == []
    assert webnova("approvals", "show", request_id, "--json").json()["state"] == "withdrawn"
    users = {u["user_id"]: u for u in webnova("users", "list", "--json").json()}
    assert users["op"]["status"] == "ACTIVE"
    entries = webnova("audit", "list", "--json").json()["entries"]
    assert [(e["action"], e["outcome"]) for e in entries[:2]] == [
        ("cli.approvals.withdraw", "ok"), ("approval.withdraw", "withdrawn")]
    assert webnova("approvals", "withdraw", request_id).code == 1  # already withdrawn


def test_each_owner_signs_with_their_own_key_and_keys_are_rotated_and_revoked(
        webnova: Run, as_user) -> None:  # type: ignore[no-untyped-def]
    webnova("users", "list")  # root becomes the root owner, with a key of their own
    webnova("users", "add", "admin", "--name", "Admin", "--role", "ADMIN")
    webnova("users", "add", "op", "--name", "Op", "--role", "OPERATOR")
    as_user("admin")
    first = webnova("users", "ban", "op", "--reason", "x", "--json").json()["approval"]
    as_user("root")
    assert webnova("approvals", "reject", first, "--reason", "no").code == 0
    root_key = webnova("approvals", "show", first, "--json").json()["votes"][0]["key_id"]

    assert webnova("users", "revoke-key", "root", "--reason", "laptop lost").code == 0
    as_user("admin")
    second = webnova("users", "ban", "op", "--reason", "y", "--json").json()["approval"]
    as_user("root")
    refused = webnova("approvals", "reject", second, "--reason", "no")
    assert refused.code == 1
    assert "signing key of 'root' was revoked" in refused.error
    assert webnova("users", "rotate-key", "root").code == 0
    assert webnova("approvals", "reject", second, "--reason", "no").code == 0
    new_key = webnova("approvals", "show", second, "--json").json()["votes"][0]["key_id"]
    assert new_key != root_key
    verified = webnova("audit", "verify", "--json").json()
    assert verified["ok"], verified
    actions = [e["action"] for e in webnova("audit", "list", "--json", "--limit", "100").json()["entries"]]
    assert {"user.key_revoke", "user.key_rotate", "cli.users.revoke-key", "cli.users.rotate-key"} <= set(actions)
