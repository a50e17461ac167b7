"""``webnova prices``: Hetzner's price list synced from an account on the simulator (over
HTTP, through the official SDK), the shipped and the owner's model prices, the owner's price
models and exchange rates; bad input names what is wrong and records nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.integrations.hetzner_sim import HetznerSimulator
from app.integrations.keyring_store import MemoryKeyring
from tests.cli.conftest import Run

TOKEN = "hz-prices-token-R2mV7xQ4pL9kT1wN6bF3jH8cZ0yD5sG2aE7uI4oP9lK3nM8xV1qW6tB0rJ5fY"
MODELS = """\
models:
  - name: storage
    rule: tiered
    unit: GB
    prices:
      - currency: EUR
        tiers:
          - {up_to: 100, unit_price: "0.10"}
          - {up_to: null, unit_price: "0.05"}
      - country: SA
        currency: SAR
        tiers:
          - {up_to: 100, unit_price: "0.40"}
          - {up_to: null, unit_price: "0.20"}
"""


@pytest.fixture
def hetzner(monkeypatch: pytest.MonkeyPatch) -> Iterator[HetznerSimulator]:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        monkeypatch.setenv("WEBNOVA_HETZNER_ENDPOINT", sim.url)
        yield sim


def prices_events(webnova: Run) -> list[str]:
    events = webnova("events", "tail", "--json").json()
    return [e["type"] for e in events if e["stream_id"].startswith("prices:")]


def test_sync_reads_the_account_s_price_list_and_list_shows_it(
        webnova: Run, hetzner: HetznerSimulator, memory_keyring: MemoryKeyring,
        console_home: Path) -> None:
    assert webnova("cloud", "add", "prod", "--provider", "hetzner", "--token-stdin",
                   stdin=TOKEN).code == 0
    synced = webnova("prices", "sync", "--account", "prod")
    today = datetime.now(UTC).date().isoformat()  # the day the sync ran
    assert synced.code == 0, synced.err
    assert "synced Hetzner prices of account 'prod'" in synced.out
    assert f"in EUR, in force from {today}" in synced.out
    assert prices_events(webnova) == ["HetznerPricesSynced"]
    listed = webnova("prices", "list", "--provider", "hetzner", "--json").json()
    cx22 = next(r for r in listed if (r["resource"], r["name"], r["location"]) ==
                ("server", "cx22", "fsn1"))
    assert (cx22["monthly"], cx22["currency"], cx22["effective"]) == ("3.7900000000", "EUR", today)
    assert {r["resource"] for r in listed} == {"server", "load_balancer", "primary_ip", "volume"}
    table = webnova("prices", "list", "--provider", "hetzner")
    assert f"Hetzner (net, EUR, in force from {today}):" in table.out
    assert "cx22" in table.out and "lb11" in table.out
    # the whole-hour rule on the synced list: 1.5 h are 2 h, 800 h the monthly price
    hours = webnova("prices", "quote", "hetzner", "server", "cx22", "--location", "fsn1",
                    "--quantity", "800", "--currency", "EUR", "--json")
    assert hours.json()["amount"] == "3.79"
    assert webnova("prices", "list", "--on", "2020-01-01", "--provider", "hetzner").out.startswith(
        "no Hetzner prices")
    written = b"".join(p.read_bytes() for p in console_home.rglob("*") if p.is_file())
    assert TOKEN.encode() not in written and TOKEN not in synced.out + synced.err


def test_sync_of_an_unknown_account_names_it(webnova: Run, hetzner: HetznerSimulator) -> None:
    result = webnova("prices", "sync", "--account", "nope")
    assert result.code == 1
    assert "no cloud account named 'nope'" in result.error


def test_a_sandbox_account_syncs_too(webnova: Run, hetzner: HetznerSimulator) -> None:
    assert webnova("cloud", "add", "demo", "--provider", "hetzner", "--sandbox").code == 0
    synced = webnova("prices", "sync", "--account", "demo", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["currency"] == "EUR" and synced.json()["server_prices"] > 10


def test_model_prices_shipped_then_the_owner_s(webnova: Run, hetzner: HetznerSimulator) -> None:
    shipped = webnova("prices", "list", "--provider", "anthropic", "--json").json()
    sonnet = next(r for r in shipped if r["model"] == "claude-sonnet-4")
    assert (sonnet["input"], sonnet["cache_read"], sonnet["source"]) == ("3", "0.30", "shipped")
    entered = webnova("prices", "set-model", "claude-sonnet-4", "--input", "2.5", "--output", "12",
                      "--cache-write", "3.125", "--cache-read", "0.25", "--date", "2026-01-01")
    assert entered.code == 0, entered.err
    assert "claude-sonnet-4: 2.5 in, 12 out" in entered.out
    after = webnova("prices", "list", "--provider", "anthropic", "--on", "2026-02-01", "--json")
    sonnet = next(r for r in after.json() if r["model"] == "claude-sonnet-4")
    assert (sonnet["input"], sonnet["source"], sonnet["effective"]) == ("2.5", "owner", "2026-01-01")
    before = webnova("prices", "list", "--provider", "anthropic", "--on", "2025-12-31", "--json")
    assert next(r for r in before.json() if r["model"] == "claude-sonnet-4")["source"] == "shipped"
    quoted = webnova("prices", "quote", "anthropic", "output", "claude-sonnet-4-6", "--quantity",
                     "1000000", "--currency", "USD", "--on", "2026-02-01")
    assert quoted.out.strip() == "12.00 USD on 2026-02-01"


def test_rates_convert_quotes_on_their_day(webnova: Run, hetzner: HetznerSimulator,
                                           tmp_path: Path) -> None:
    file = tmp_path / "models.yaml"
    file.write_text(MODELS, encoding="utf-8")
    defined = webnova("prices", "define", str(file), "--date", "2026-11-01")
    assert defined.code == 0, defined.err
    assert "defined 1 price model from 2026-11-01: storage" in defined.out
    set_rate = webnova("prices", "set-rate", "eur", "SAR", "4.10", "--date", "2026-11-01")
    assert set_rate.code == 0 and set_rate.out.strip() == "1 EUR = 4.10 SAR from 2026-11-01"
    assert webnova("prices", "rates", "--json").json() == [
        {"from": "EUR", "to": "SAR", "rate": "4.10", "effective": "2026-11-01"}]

    def quote(*extra: str) -> str:
        done = webnova("prices", "quote", "owner", "storage", "--quantity", "150", *extra)
        return done.out.strip() if done.code == 0 else done.error

    assert quote("--currency", "EUR", "--on", "2026-11-15") == "12.50 EUR on 2026-11-15"
    assert quote("--currency", "SAR", "--on", "2026-11-15", "--country", "SA") == \
        "50.00 SAR on 2026-11-15"
    assert quote("--currency", "SAR", "--on", "2026-11-15") == "51.25 SAR on 2026-11-15"
    assert quote("--currency", "USD", "--on", "2026-11-15") == (
        "error: no exchange rate from EUR to USD is in force on 2026-11-15: enter one dated on "
        "or before that day")
    assert "no set of the owner's price models is in force on 2026-10-31" in quote(
        "--currency", "EUR", "--on", "2026-10-31")
    owner = webnova("prices", "list", "--provider", "owner", "--on", "2026-11-02")
    assert "storage  tiered  SA       SAR       up to 100: 0.40; then: 0.20" in owner.out


@pytest.mark.parametrize(("args", "error"), [
    (["set-rate", "EUR", "SAR", "-4", "--date", "2026-11-01"], "rate: -4 is not above zero"),
    (["set-rate", "EUR", "SAR", "four", "--date", "2026-11-01"], "rate: 'four' is not a number"),
    (["set-rate", "EUR", "EUR", "1", "--date", "2026-11-01"], "both are EUR"),
    (["set-rate", "EUR", "XYZ", "4", "--date", "2026-11-01"], "to currency: 'XYZ' is not an ISO"),
    (["set-rate", "EUR", "SAR", "4", "--date", "1 Nov"], "date: '1 Nov' is not a date"),
    (["set-model", "claude-x", "--input", "1", "--output", "-2", "--cache-write", "1",
      "--cache-read", "1", "--date", "2026-01-01"], "claude-x.output: -2 is below zero"),
    (["quote", "hetzner", "server", "cx99", "--location", "fsn1", "--quantity", "1",
      "--currency", "EUR"], "no Hetzner price list is in force"),
    (["quote", "owner", "storage", "--quantity", "ten", "--currency", "EUR"], "not a number"),
])
def test_bad_input_names_what_is_wrong_and_records_nothing(
        webnova: Run, hetzner: HetznerSimulator, args: list[str], error: str) -> None:
    result = webnova("prices", *args)
    assert result.code == 1, result.out
    assert error in result.error
    assert prices_events(webnova) == []


@pytest.mark.parametrize(("document", "error"), [
    (MODELS.replace("up_to: 100, unit_price: \"0.40\"", "up_to: 100, unit_price: 0.4"),
     "models[0].prices[1].tiers[0].unit_price: 0.4 is not exact"),
    (MODELS.replace("{up_to: null, unit_price: \"0.05\"}", "{up_to: 50, unit_price: \"0.05\"}"),
     "models[0].prices[0].tiers[1].up_to: the last tier must be open-ended"),
    (MODELS.replace("rule: tiered", "rule: stepped"), "models[0].rule: 'stepped' is not a rule"),
    ("models: [", "models.yaml: "),
])
def test_a_bad_models_file_names_the_field(webnova: Run, hetzner: HetznerSimulator,
                                           tmp_path: Path, document: str, error: str) -> None:
    file = tmp_path / "models.yaml"
    file.write_text(document, encoding="utf-8")
    result = webnova("prices", "define", str(file), "--date", "2026-11-01")
    assert result.code == 1
    assert error in result.error and str(file) in result.error
    assert prices_events(webnova) == []


def test_usage_errors_exit_2(webnova: Run, hetzner: HetznerSimulator) -> None:
    assert webnova("prices", "list", "--provider", "aws").code == 2
    assert webnova("prices", "set-rate", "EUR", "SAR", "4").code == 2  # --date is required
    result = webnova("prices", "list", "--on", "yesterday")
    assert result.code == 2 and "--on: 'yesterday' is not a date" in result.error


def test_json_lists_every_book(webnova: Run, hetzner: HetznerSimulator) -> None:
    listed = webnova("prices", "list", "--json")
    assert listed.code == 0
    assert {r["provider"] for r in json.loads(listed.out)} == {"anthropic"}
