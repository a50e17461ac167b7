"""``webnova cloud``: accounts on the Hetzner simulator, tokens only in the keyring, governed
removal, and the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.integrations.hetzner_sim import HetznerSimulator
from app.integrations.keyring_store import SERVICE, MemoryKeyring
from app.paths import resources_dir
from tests.cli.conftest import Run

TOKEN = "hz-cli-token-Q7vT2mX9pL4kR8wN3bF6jH1cZ5yD0sG7aE2uI9oP4lK8nM3xV6qW1tB5rJ0fY"
SECRET = "cloud/local/default/prod/token"


@pytest.fixture
def hetzner(monkeypatch: pytest.MonkeyPatch) -> Iterator[HetznerSimulator]:
    """A Hetzner API on loopback that the console's real-account path talks to."""
    monkeypatch.setenv("WEBNOVA_USER", "root")
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:  # exact counts, however slow
        monkeypatch.setenv("WEBNOVA_HETZNER_ENDPOINT", sim.url)
        yield sim


def everything_written(home: Path) -> bytes:
    """Every byte the console wrote under its home: the database, logs, configuration."""
    return b"".join(p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file())


def test_an_account_keeps_its_token_in_the_keyring_only(
        webnova: Run, hetzner: HetznerSimulator, memory_keyring: MemoryKeyring,
        console_home: Path) -> None:
    added = webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin", stdin=TOKEN + "\n")
    assert added.code == 0, added.err
    assert "added cloud account 'prod' (hetzner): token checked and kept in the OS keyring" in added.out
    assert "3599 of 3600 requests left this hour" in added.out
    assert memory_keyring.get_password(SERVICE, SECRET) == TOKEN
    listed = webnova("cloud", "list", "--json")
    assert [(a["name"], a["provider"], a["sandbox"]) for a in listed.json()] == [("prod", "hetzner", False)]
    checked = webnova("cloud", "check", "prod", "--json")
    assert checked.code == 0
    assert checked.json()["token_valid"] is True
    assert checked.json()["remaining"] == 3598
    shown = [webnova("events", "tail", "--json"), webnova("audit", "list", "--json"),
             webnova("cloud", "list")]
    outputs = added.out + added.err + checked.out + checked.err + "".join(r.out + r.err for r in shown)
    assert "CloudAccountAdded" in shown[0].out and "cloud.account_add" in shown[1].out
    assert TOKEN not in outputs
    assert TOKEN.encode() not in everything_written(console_home)  # database, log, config


def test_a_wrong_token_is_refused_clearly_and_nothing_is_added(
        webnova: Run, hetzner: HetznerSimulator, memory_keyring: MemoryKeyring,
        console_home: Path) -> None:
    wrong = "hz-wrong-" + TOKEN[::-1]
    result = webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin", stdin=wrong)
    assert result.code == 1
    assert result.error == ("error: Hetzner refused the token (unauthorized): check it, or make a new "
                            "one with read and write rights")
    assert wrong not in result.out + result.err
    assert memory_keyring.get_password(SERVICE, SECRET) is None
    assert webnova("cloud", "list", "--json").json() == []
    assert wrong.encode() not in everything_written(console_home)


def test_a_revoked_token_fails_the_check(webnova: Run, hetzner: HetznerSimulator) -> None:
    assert webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin", stdin=TOKEN).code == 0
    hetzner.token = "rotated-in-the-hetzner-console"
    result = webnova("cloud", "check", "prod")
    assert result.code == 1
    assert "Hetzner refused the token" in result.error
    assert TOKEN not in result.err


def test_a_token_missing_from_the_keyring_is_named(
        webnova: Run, hetzner: HetznerSimulator, memory_keyring: MemoryKeyring) -> None:
    assert webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin", stdin=TOKEN).code == 0
    memory_keyring.delete_password(SERVICE, SECRET)
    result = webnova("cloud", "check", "prod")
    assert result.code == 1
    assert "the token of cloud account 'prod' is not in this machine's keyring" in result.error


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["cloud", "add", "prod", "--provider", "hetzner"], "", "give the token at the prompt"),
    (["cloud", "add", "prod", "--provider", "hetzner", "--token-stdin"], "\n", "holds no token"),
    (["cloud", "add", "p", "--provider", "hetzner", "--sandbox", "--token-stdin"], "x", "sandbox"),
    (["cloud", "add", "prod", "--provider", "aws", "--token-stdin"], "x", "invalid choice: 'aws'"),
    (["cloud", "check"], "", "the following arguments are required: name"),
])
def test_usage_errors_exit_2(webnova: Run, hetzner: HetznerSimulator, args: list[str], stdin: str,
                             message: str) -> None:
    result = webnova(*args, stdin=stdin)
    assert result.code == 2
    assert message in result.error


def test_a_token_typed_at_the_prompt(webnova: Run, hetzner: HetznerSimulator,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt: TOKEN)
    assert webnova("cloud", "add", "prod", "--provider", "hetzner", tty=True).code == 0


def test_names_are_checked_and_unique(webnova: Run, hetzner: HetznerSimulator) -> None:
    assert webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin", stdin=TOKEN).code == 0
    again = webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin", stdin=TOKEN)
    assert (again.code, again.error) == (1, "error: a cloud account named 'prod' already exists; "
                                            "remove it first or choose another name")
    bad = webnova("cloud", "add", "-x/y", "--provider", "hetzner", "--token-stdin", stdin=TOKEN)
    assert bad.code in (1, 2)
    assert webnova("cloud", "check", "nowhere").error == (
        "error: there is no cloud account named 'nowhere' in this workspace (see 'webnova cloud list')")


def test_the_sandbox_runs_the_simulator_and_keeps_its_state(
        webnova: Run, monkeypatch: pytest.MonkeyPatch, console_home: Path,
        memory_keyring: MemoryKeyring) -> None:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    added = webnova("cloud", "add", "demo", "--provider", "hetzner", "--sandbox", "--json")
    assert added.code == 0, added.err
    assert added.json()["sandbox"] is True and added.json()["remaining"] == 3599
    token = memory_keyring.get_password(SERVICE, "cloud/local/default/demo/token")
    assert token and len(token) >= 40
    assert "sandbox" in webnova("cloud", "check", "demo").out
    removed = webnova("cloud", "remove", "demo")
    assert removed.code == 0, removed.err
    assert memory_keyring.get_password(SERVICE, "cloud/local/default/demo/token") is None
    assert webnova("cloud", "list").out.startswith("no cloud accounts")


def test_removal_is_governed(webnova: Run, hetzner: HetznerSimulator, tmp_path: Path,
                             memory_keyring: MemoryKeyring) -> None:
    assert webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin", stdin=TOKEN).code == 0
    default = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")
    stricter = tmp_path / "constitution.yaml"
    stricter.write_text(default + """  - id: cloud-account-remove
    kind: require_approval
    description:
      en: Removing a cloud account needs the root owner's approval
      ar: إزالة حساب سحابي تحتاج إلى موافقة المالك الأعلى
    when: 'action.kind == "cloud.account_remove"'
    approvers: [ROOT_OWNER]
    requester_may_approve: true
""", encoding="utf-8")
    proposal = webnova("governance", "propose", str(stricter), "--why", "accounts matter", "--json")
    assert webnova("approvals", "approve", proposal.json()["approval"], "--reason", "yes").code == 0

    waiting = webnova("cloud", "remove", "prod", "--why", "moving to a new project", "--json")
    assert waiting.code == 3, waiting.err
    assert [a["name"] for a in webnova("cloud", "list", "--json").json()] == ["prod"]
    assert memory_keyring.get_password(SERVICE, SECRET) == TOKEN
    approved = webnova("approvals", "approve", waiting.json()["approval"], "--reason", "agreed")
    assert approved.code == 0, approved.err
    assert webnova("cloud", "list", "--json").json() == []
    assert memory_keyring.get_password(SERVICE, SECRET) is None


def test_an_operator_may_not_remove_an_account(webnova: Run, hetzner: HetznerSimulator,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin", stdin=TOKEN).code == 0
    assert webnova("users", "add", "op", "--name", "Omar", "--role", "OPERATOR").code == 0
    monkeypatch.setenv("WEBNOVA_USER", "op")
    refused = webnova("cloud", "remove", "prod")
    assert refused.code == 1
    assert "lacks the permission deploy.destroy" in refused.error
