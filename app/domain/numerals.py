"""Numbers as each language writes them: English «30,034», Arabic «٣٠٬٠٣٤».

Babel gives the Arabic separators (٬ for thousands, ٫ for decimals) of CLDR's Arabic
numbering system but keeps Latin digits; the digits are written in that system's own
(Arabic-Indic) shapes here, as Qt's Arabic locale writes them in spin boxes and %Ln."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic_digits(text: str) -> str:
    """``text`` with its Latin digits written as Arabic-Indic ones."""
    return text.translate(ARABIC_INDIC)


def number(value: int | float | Decimal, language: str = "en", pattern: str | None = None) -> str:
    """``value`` grouped and pointed the way ``language`` writes it; ``pattern`` is a CLDR
    number pattern ("0" for a line number: no grouping)."""
    if language == "ar":
        text = format_decimal(value, format=pattern, locale="ar", numbering_system="arab")
        return arabic_digits(str(text))
    return str(format_decimal(value, format=pattern, locale="en"))


def money(value: Decimal, currency: str, language: str = "en", exact: bool = False) -> str:
    """An amount with its currency; ``exact`` keeps every decimal (fractions of a cent).
    Written by the one money formatter, :func:`app.domain.costs.money.format_money`."""
    from app.domain.costs.money import Money, format_money

    return format_money(Money(value, currency), "ar" if language == "ar" else "en", exact)
