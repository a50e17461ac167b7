"""``webnova costs report|currency`` on a SQLite workspace: the table (English and Arabic),
JSON and CSV, unpriced usage listed with its reason, a missing rate named."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.bidi import strip_isolation
from tests.cli.conftest import Run

MODELS = """\
models:
  - name: platform.requests
    rule: per_unit
    unit: request
    prices:
      - {currency: SAR, unit_price: "0.01"}
"""
USAGE = """resource,quantity,period_start,provider,platform,environment,tenant,sku
platform.requests,1000,2026-11-03T10:00:00Z,owner,hub,production,acme,
ai.tokens.input,1000000,2026-11-04T10:00:00Z,anthropic,hub,,,claude-sonnet-4-5
cloud.server_hours,5,2026-11-04T00:00:00Z,hetzner,hub,production,,cx22@fsn1/wn-hub-app-1
platform.requests,9,2026-12-01T10:00:00Z,owner,hub,production,acme,
"""


@pytest.fixture
def priced(webnova: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    models, usage = tmp_path / "models.yaml", tmp_path / "usage.csv"
    models.write_text(MODELS, encoding="utf-8")
    usage.write_text(USAGE, encoding="utf-8")
    for command in (("prices", "set-rate", "USD", "SAR", "3.75", "--date", "2026-01-01"),
                    ("prices", "define", str(models), "--date", "2026-01-01"),
                    ("costs", "currency", "SAR"), ("usage", "import", str(usage))):
        result = webnova(*command)
        assert result.code == 0, result.err
    return webnova


def test_the_report_as_a_table_lists_groups_totals_and_what_is_not_priced(priced: Run) -> None:
    result = priced("costs", "report", "--period", "2026-11", "--by", "tenant")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "2026-11-01 .. 2026-11-30 (SAR)"
    assert lines[1].split() == ["TENANT", "COST", "REVENUE", "MARGIN"]
    assert lines[2].split() == ["(none)", "SAR11.25", "SAR0.00", "-SAR11.25"]
    assert lines[3].split() == ["acme", "SAR0.00", "SAR10.00", "SAR10.00"]
    assert lines[4].split() == ["TOTAL", "SAR11.25", "SAR10.00", "-SAR1.25"]
    assert lines[6] == "not priced, not counted (1 row):"
    assert lines[8].split()[:4] == ["2026-11-04", "cloud.server_hours", "cx22@fsn1/wn-hub-app-1",
                                    "5"]
    assert "no Hetzner price list is in force on 2026-11-04" in lines[8]


def test_the_report_in_arabic_writes_arabic_headers_and_digits(priced: Run) -> None:
    result = priced("costs", "report", "--period", "2026-11", "--by", "tenant",
                    "--language", "ar")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1].split() == ["المستأجر", "التكلفة", "الإيراد", "الهامش"]
    assert "١١٫٢٥" in result.out and "الإجمالي" in result.out
    assert "11.25" not in result.out
    # the unpriced row's reason in Arabic, not the engine's English
    assert "لا قائمة أسعار Hetzner سارية في" in strip_isolation(result.out)
    assert "is in force" not in result.out


def test_the_report_as_json_and_csv_has_plain_decimals_with_the_currency(priced: Run) -> None:
    data = priced("costs", "report", "--from", "2026-11-01", "--to", "2026-11-30", "--by",
                  "category", "--json").json()
    assert (data["from"], data["to"], data["currency"]) == ("2026-11-01", "2026-12-01", "SAR")
    assert [(g["category"], g["cost"], g["revenue"]) for g in data["groups"]] == [
        ("ai", "11.25", "0.00"), ("cloud", "0.00", "0.00"), ("platform", "0.00", "10.00")]
    assert data["groups"][1]["unpriced"] == 1
    assert (data["total"]["cost"], data["total"]["margin"]) == ("11.25", "-1.25")
    assert [(u["resource"], u["quantity"]) for u in data["unpriced"]] == [("cloud.server_hours", "5")]

    result = priced("costs", "report", "--period", "2026-11", "--by", "platform", "--csv")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows == [["platform", "cost", "revenue", "margin", "currency", "unpriced_rows"],
                    ["hub", "11.25", "10.00", "-1.25", "SAR", "1"],
                    ["TOTAL", "11.25", "10.00", "-1.25", "SAR", "1"]]
    december = priced("costs", "report", "--period", "2026-12", "--json").json()
    assert Decimal(december["total"]["revenue"]) == Decimal("0.09")


def test_a_missing_rate_names_the_pair_and_the_day(priced: Run) -> None:
    assert priced("costs", "currency", "JPY").code == 0
    result = priced("costs", "report", "--period", "2026-11")
    assert result.code == 1
    assert result.error == ("error: no exchange rate from SAR to JPY is in force on 2026-11-03: "
                            "enter one dated on or before that day; see 'webnova prices set-rate'")


def test_currency_shows_and_refuses_what_is_not_a_currency(priced: Run) -> None:
    assert priced("costs", "currency").out.strip() == "costs are shown in SAR"
    bad = priced("costs", "currency", "XYZ1")
    assert bad.code == 1 and "'XYZ1' is not an ISO 4217 currency code" in bad.error
    assert priced("costs", "currency", "--json").json() == {"currency": "SAR"}


@pytest.mark.parametrize(("args", "message"), [
    (("--period", "2026-11", "--from", "2026-11-01", "--to", "2026-11-02"), "not both"),
    (("--from", "2026-11-01",), "--from and --to go together"),
    (("--from", "2026-11-05", "--to", "2026-11-01"), "is before --from"),
    (("--period", "2026-13",), "--period: '2026-13' is not a month"),
    (("--from", "11/05/2026", "--to", "2026-11-01"), "--from: '11/05/2026' is not a date"),
])
def test_a_bad_period_is_a_usage_error(webnova: Run, args: tuple[str, ...], message: str) -> None:
    result = webnova("costs", "report", *args)
    assert result.code == 2
    assert message in result.error
