"""Numbers and amounts as each language writes them (Babel; Arabic digits in Arabic)."""

from __future__ import annotations

from decimal import Decimal

from app.domain.numerals import arabic_digits, money, number


def test_numbers() -> None:
    assert number(30034) == "30,034"
    assert number(30034, "ar") == "٣٠٬٠٣٤"  # not «30,034»
    assert number(1234.5, "ar") == "١٬٢٣٤٫٥"
    assert number(12345, "ar", "0") == "١٢٣٤٥"  # a line number: no grouping


def test_money() -> None:
    assert money(Decimal("1234.5"), "SAR") == "SAR1,234.50"
    arabic = money(Decimal("1234.5"), "SAR", "ar")
    assert "١٬٢٣٤٫٥٠" in arabic and not any(c.isascii() and c.isdigit() for c in arabic)
    assert "٠٫٠٠٣١" in money(Decimal("0.0031"), "USD", "ar", exact=True)


def test_arabic_digits() -> None:
    assert arabic_digits("v2 of 10") == "v٢ of ١٠"
