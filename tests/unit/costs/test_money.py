"""Money: one currency per sum, rounding to each currency's minor units, dated exchange rates
and Babel's writing of amounts in English and Arabic."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.costs.money import (
    CurrencyMismatchError,
    ExchangeRate,
    ExchangeRates,
    MissingRateError,
    Money,
    MoneyError,
    format_money,
    minor_units,
    total,
)

D = Decimal


def eur(amount: str) -> Money:
    return Money(D(amount), "EUR")


def test_sums_stay_in_one_currency() -> None:
    assert eur("1.10") + eur("2.205") == eur("3.305")
    assert eur("5") - eur("7.5") == eur("-2.5")
    assert total([eur("1"), eur("2")], "EUR") == eur("3")
    assert total([], "SAR") == Money(D(0), "SAR")


@pytest.mark.parametrize("operation", [
    lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a < b, lambda a, b: a >= b])
def test_mixing_currencies_is_an_error_naming_both(operation: object) -> None:
    with pytest.raises(CurrencyMismatchError, match="EUR and USD"):
        operation(eur("1"), Money(D(1), "USD"))  # type: ignore[operator]


@pytest.mark.parametrize(("amount", "currency", "why"), [
    (1.1, "EUR", "not exact"),
    ("1,5", "EUR", "not a number"),
    ("NaN", "EUR", "not a finite number"),
    ("1", "EURO", "not an ISO 4217 currency code"),
    ("1", "ABC", "not an ISO 4217 currency code"),
])
def test_bad_amounts_and_currencies_say_what_is_wrong(amount: object, currency: str,
                                                      why: str) -> None:
    with pytest.raises(MoneyError, match=why):
        Money.of(amount, currency)


def test_times_refuses_a_float() -> None:
    with pytest.raises(TypeError, match="never a float"):
        eur("1").times(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(("amount", "currency", "digits", "rounded"), [
    ("1.005", "EUR", 2, "1.01"),  # half away from zero, not the float 1.00499...
    ("2.345", "USD", 2, "2.35"),
    ("-2.345", "USD", 2, "-2.35"),
    ("1234.5", "JPY", 0, "1235"),
    ("1.2345", "KWD", 3, "1.235"),
    ("0.0049", "EUR", 2, "0.00"),
    ("7", "SAR", 2, "7.00"),
])
def test_rounding_follows_the_currency_minor_units(amount: str, currency: str, digits: int,
                                                   rounded: str) -> None:
    assert minor_units(currency) == digits
    assert Money(D(amount), currency).rounded() == Money(D(rounded), currency)
    assert str(Money(D(amount), currency).rounded().amount) == rounded


def test_banker_rounding_on_request() -> None:
    assert eur("2.345").rounded(ROUND_HALF_EVEN) == eur("2.34")


RATES = ExchangeRates([
    ExchangeRate("EUR", "SAR", D("4.05"), date(2026, 10, 1)),
    ExchangeRate("EUR", "SAR", D("4.10"), date(2026, 11, 1)),
    ExchangeRate("USD", "EUR", D("0.92"), date(2026, 11, 1)),
    ExchangeRate("EUR", "USD", D("1.10"), date(2026, 11, 15)),
])


@pytest.mark.parametrize(("amount", "base", "quote", "on", "expected"), [
    ("10", "EUR", "SAR", date(2026, 10, 1), "40.50"),  # in force from its own day
    ("10", "EUR", "SAR", date(2026, 10, 31), "40.50"),
    ("10", "EUR", "SAR", date(2026, 11, 1), "41.00"),  # the later rate takes over
    ("10", "EUR", "SAR", date(2027, 3, 1), "41.00"),
    ("41", "SAR", "EUR", date(2026, 11, 2), "10.00"),  # the pair the other way: 1 / rate
    ("100", "USD", "EUR", date(2026, 11, 10), "92.00"),
    ("110", "USD", "EUR", date(2026, 11, 15), "100.00"),  # EUR->USD 1.10 is newer
    ("5", "EUR", "EUR", date(2020, 1, 1), "5.00"),  # no rate needed
])
def test_conversion_uses_the_rate_in_force_on_the_day(amount: str, base: str, quote: str,
                                                      on: date, expected: str) -> None:
    converted = RATES.convert(Money(D(amount), base), quote, on).rounded()
    assert converted == Money(D(expected), quote)


def test_a_missing_rate_names_the_pair_and_the_day() -> None:
    with pytest.raises(MissingRateError, match="from EUR to SAR is in force on 2026-09-30"):
        RATES.convert(eur("1"), "SAR", date(2026, 9, 30))
    with pytest.raises(MissingRateError, match="from SAR to USD"):
        RATES.convert(Money(D(1), "SAR"), "USD", date(2026, 12, 1))


@pytest.mark.parametrize(("base", "quote", "rate", "why"), [
    ("EUR", "EUR", "1", "two currencies; both are EUR"),
    ("EUR", "SAR", "0", "not above zero"),
    ("EUR", "SAR", "-4", "not above zero"),
    ("EUR", "XYZ", "4", "to currency: 'XYZ' is not an ISO 4217"),
])
def test_bad_rates_are_refused(base: str, quote: str, rate: str, why: str) -> None:
    with pytest.raises(MoneyError, match=why):
        ExchangeRate(base, quote, D(rate), date(2026, 1, 1))


@pytest.mark.parametrize(("money", "locale", "written"), [
    (Money(D("1234.565"), "EUR"), "en", "€1,234.57"),
    (Money(D("1234.5"), "USD"), "en_US", "$1,234.50"),
    (Money(D("1234.5"), "JPY"), "en", "¥1,235"),
    (Money(D("1234.5"), "EUR"), "de_DE", "1.234,50\xa0€"),
    # Arabic: Arabic-Indic digits, Arabic separators, the sign after the number (right to left)
    (Money(D("1234.5"), "SAR"), "ar_SA", "\u200f١٬٢٣٤٫٥٠\xa0ر.س.\u200f"),
    (Money(D("1234.5"), "EUR"), "ar", "\u200f١٬٢٣٤٫٥٠\xa0€"),
    (Money(D("1.2345"), "KWD"), "ar", "\u200f١٫٢٣٥\xa0د.ك.\u200f"),
    # Morocco writes Latin digits (CLDR's default numbering there)
    (Money(D("1234.5"), "MAD"), "ar_MA", "\u200f1.234,50\xa0د.م.\u200f"),
])
def test_babel_writes_amounts_for_the_locale(money: Money, locale: str, written: str) -> None:
    assert format_money(money, locale) == written


def test_exact_keeps_fractions_of_a_cent() -> None:
    assert format_money(eur("0.0061"), "en", exact=True) == "€0.0061"
    assert format_money(eur("0.0061"), "ar", exact=True) == "\u200f٠٫٠٠٦١\xa0€"


def test_an_unknown_locale_is_named() -> None:
    with pytest.raises(MoneyError, match="'xx_YY' is not a locale"):
        format_money(eur("1"), "xx_YY")


amounts = st.decimals(min_value=-10**9, max_value=10**9, places=6, allow_nan=False)


@given(amounts, amounts)
def test_addition_is_exact(a: Decimal, b: Decimal) -> None:
    assert (Money(a, "EUR") + Money(b, "EUR")).amount == a + b


@given(amounts)
def test_rounding_is_within_half_a_minor_unit(a: Decimal) -> None:
    rounded = Money(a, "EUR").rounded().amount
    assert abs(rounded - a) <= D("0.005")
    assert rounded == rounded.quantize(D("0.01"))
