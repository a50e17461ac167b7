"""``webnova budgets list|set|remove|check`` on a SQLite workspace, and the check that
``usage import`` runs: each crossing printed and recorded once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli.conftest import Run

TODAY = datetime.now(UTC).date()


def usage(tmp_path: Path, millions: int, name: str) -> str:
    """Claude input tokens today: 3 USD a million, 4 SAR a dollar -> 12 SAR a million."""
    path = tmp_path / name
    path.write_text("resource,quantity,period_start,provider,platform,sku\n"
                    f"ai.tokens.input,{millions * 1_000_000},{TODAY.isoformat()}T00:00:00Z,"
                    "anthropic,hub,claude-sonnet-4-5\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def owner(webnova: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    assert webnova("prices", "set-rate", "USD", "SAR", "4", "--date", "2020-01-01").code == 0
    return webnova


def test_set_list_check_and_remove(owner: Run, tmp_path: Path) -> None:
    result = owner("budgets", "set", "hub", "--amount", "120", "--currency", "SAR",
                   "--platform", "hub", "--thresholds", "50,100")
    assert result.code == 0, result.err
    assert result.out.strip() == ("budget 'hub': 120 SAR each month for platform hub, warning "
                                  "at 50%, 100%")
    assert owner("budgets", "check").out.strip() == "no budget threshold newly crossed"

    imported = owner("usage", "import", usage(tmp_path, 6, "a.csv"))  # 72 SAR: 60%
    assert imported.code == 0, imported.err
    lines = imported.out.splitlines()
    assert lines[0] == "imported 1 usage record into workspace 'local'"
    assert f"budget 'hub' ({TODAY:%Y-%m}): 50% reached, 72.00 SAR of 120 SAR spent" in lines[1:]
    again = owner("budgets", "check", "--json").json()
    assert [c for c in again if c["kind"] == "spend"] == []

    listed = owner("budgets", "list", "--json").json()
    assert [(b["name"], b["spent"], b["spent_percent"], b["scope"]) for b in listed] == [
        ("hub", "72.00", 60, {"platform": "hub"})]
    assert 50 in [c["threshold"] for c in listed[0]["crossed"]]
    table = owner("budgets", "list").out.splitlines()
    assert table[0].split()[:3] == ["NAME", "SCOPE", "PERIOD"]

    owner("usage", "import", usage(tmp_path, 5, "b.csv"))  # 132 SAR
    assert [c["threshold"] for c in owner("budgets", "list", "--json").json()[0]["crossed"]
            if c["kind"] == "spend"] == [50, 100]
    assert owner("budgets", "remove", "hub").out.strip() == "removed budget 'hub'"
    assert owner("budgets", "list").out.strip().startswith("no budgets;")
    audit = owner("audit", "list", "--json", "--action", "budgets.set").json()
    assert [e["subject"] for e in audit["entries"]] == ["hub"]


@pytest.mark.parametrize(("args", "message"), [
    (("--amount", "-5", "--currency", "SAR"), "amount: -5 is not above zero"),
    (("--amount", "5", "--currency", "SAR", "--thresholds", "50,x"), "'x' is not a percentage"),
    (("--amount", "5", "--currency", "SAR", "--from", "2026-11-01"), "needs both --from and --to"),
])
def test_a_bad_budget_is_named_and_nothing_is_recorded(owner: Run, args: tuple[str, ...],
                                                       message: str) -> None:
    result = owner("budgets", "set", "x", *args)
    assert result.code == 1
    assert message in result.error
    assert owner("budgets", "list", "--json").json() == []


def test_a_check_that_cannot_price_leaves_the_import_recorded(owner: Run, tmp_path: Path) -> None:
    assert owner("budgets", "set", "all", "--amount", "10", "--currency", "JPY").code == 0
    imported = owner("usage", "import", usage(tmp_path, 1, "a.csv"))
    assert imported.code == 0
    assert "note: budgets not checked: no exchange rate from USD to JPY" in imported.err
    assert owner("usage", "list", "--json").json()[0]["quantity"] == "1000000"
