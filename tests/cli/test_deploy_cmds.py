"""``webnova deploy plan`` against a cloud account on the Hetzner simulator: the plan as
text and JSON, written to a file, a location the blueprint's rules forbid, and nothing
changed in the cloud."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.integrations.hetzner_sim import HetznerSimulator
from tests.cli.conftest import Run

TOKEN = "hz-deploy-token-0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c"


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
        assert webnova("blueprint", "new", "--template", "healthcare", "--key", "clinic").code == 0
        yield sim


def test_a_plan_in_words_and_as_json(webnova: Run, account: HetznerSimulator, tmp_path: Path) -> None:
    before = account.mutations()
    text = webnova("deploy", "plan", "hub", "--env", "production", "--account", "main",
                   "--location", "fsn1", "--ssh-from", "203.0.113.0/24")
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    assert lines[0] == "+ SSH key wn-hub-production-key (not there yet)"
    assert "+ firewall wn-hub-production-fw (not there yet)" in lines
    assert any(line.startswith("Plan: ") and "resources to create." in line for line in lines)
    assert any(line.startswith("Monthly, net: €0.00 → €") for line in lines)
    out = tmp_path / "plan.json"
    shown = webnova("deploy", "plan", "hub", "--env", "production", "--account", "main",
                    "--location", "fsn1", "--json", "--out", str(out))
    assert shown.code == 0, shown.err
    body = shown.json()
    assert body == json.loads(out.read_text(encoding="utf-8"))
    assert len(body["hash"]) == 64 and body["summary"]["delete"] == 0
    assert body["cost"]["currency"] == "EUR"
    assert account.mutations() == before  # planning changed nothing
    assert TOKEN not in text.out + text.err + shown.out + shown.err


def test_a_location_the_blueprint_forbids_is_refused_with_its_rule(
        webnova: Run, account: HetznerSimulator) -> None:
    refused = webnova("deploy", "plan", "clinic", "--env", "production", "--account", "main",
                      "--location", "fsn1")
    assert refused.code == 1
    assert refused.error.startswith("error: location: the production environment may not stand in fsn1:")
    assert "PDPL-29" in refused.error and "HIPAA-164.316(a)" in refused.error
    on_premises = webnova("deploy", "plan", "clinic", "--env", "production", "--account", "main")
    assert on_premises.code == 1
    assert "name a Hetzner location" in on_premises.error


def test_unknown_accounts_and_platforms_are_named(webnova: Run, account: HetznerSimulator) -> None:
    del account
    missing = webnova("deploy", "plan", "hub", "--env", "production", "--account", "nope",
                      "--location", "fsn1")
    assert missing.code == 1 and "nope" in missing.error
    unknown = webnova("deploy", "plan", "nowhere", "--env", "production", "--account", "main",
                      "--location", "fsn1")
    assert unknown.code == 1 and "nowhere" in unknown.error


def test_the_consoles_own_access_key_is_planned_as_it_stands(
        webnova: Run, account: HetznerSimulator) -> None:
    from app.domain.cloud.model import EnvironmentSpec
    from app.integrations.deploy_keys import DeployKeys
    from app.integrations.hetzner_cloud import HetznerCloud
    from app.integrations.keyring_store import KeyringSecretStore
    from app.services.cloud_ports import ResourceKind, ResourceSpec

    spec = EnvironmentSpec(workspace="local", platform="hub", environment="production",
                           account="main", location="fsn1", app_server_type="cx22")
    key = DeployKeys(KeyringSecretStore()).access_key(spec, create=True)
    assert key is not None
    HetznerCloud(TOKEN, account.url, sleep=lambda _s: None).create(ResourceSpec(
        ResourceKind.SSH_KEY, "wn-hub-production-key", spec.labels(),
        attributes={"public_key": key.openssh}))
    shown = webnova("deploy", "plan", "hub", "--env", "production", "--account", "main",
                    "--location", "fsn1", "--json")
    assert shown.code == 0, shown.err
    body = shown.json()
    assert "wn-hub-production-key" in body["unchanged"]
    assert all(step["name"] != "wn-hub-production-key" for step in body["steps"])
    assert "PRIVATE KEY" not in shown.out + shown.err
