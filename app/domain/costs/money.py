"""Money: a ``Decimal`` amount with its ISO 4217 currency.

Arithmetic stays within one currency; mixing two is an error naming both. Amounts are kept
exact while they are computed and rounded to the currency's minor units (two for EUR, none
for JPY, three for KWD; Babel knows them) when a result is shown or recorded. Conversion
uses the owner's dated exchange rates, entered by hand and kept offline: the rate in force
on a day is the latest one on or before it.

Every amount a person sees is written by :func:`format_money`, with Babel, in the owner's
language: an Arabic locale writes Arabic-Indic digits and Arabic separators where its
numbering system does (``ar`` as the console speaks it, ``ar_SA``, ``ar_EG``...) and puts
the currency sign the way CLDR places it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, get_currency_precision, is_currency

from app.domain.errors import WebNovaError
from app.domain.numerals import arabic_digits


class MoneyError(WebNovaError, ValueError):
    """An amount, a currency or a rate that cannot be used; the message says which."""


class CurrencyMismatchError(MoneyError):
    def __init__(self, operation: str, left: str, right: str) -> None:
        super().__init__(f"cannot {operation} {left} and {right}: convert one of them first")
        self.left, self.right = left, right


class MissingRateError(MoneyError):
    def __init__(self, base: str, quote: str, on: date) -> None:
        super().__init__(f"no exchange rate from {base} to {quote} is in force on "
                         f"{on.isoformat()}: enter one dated on or before that day")
        self.base, self.quote, self.on = base, quote, on


def currency_code(value: object, where: str = "currency") -> str:
    """``value`` as an ISO 4217 code ("eur" is "EUR"), or an error naming ``where``."""
    code = str(value).strip().upper() if isinstance(value, str) else ""
    if len(code) != 3 or not code.isalpha() or not _known_currency(code):
        raise MoneyError(f"{where}: {value!r} is not an ISO 4217 currency code (e.g. EUR, USD, SAR)")
    return code


@lru_cache(maxsize=512)
def _known_currency(code: str) -> bool:
    """Babel's check, once per code: every ``Money`` made checks its currency, and a year of
    priced usage makes hundreds of thousands of them."""
    return bool(is_currency(code))


def minor_units(currency: str) -> int:
    """Digits after the point the currency is paid in: EUR 2, JPY 0, KWD 3."""
    return int(get_currency_precision(currency))


def decimal_of(value: object, where: str) -> Decimal:
    """A finite Decimal from a Decimal, an int or a decimal string ("0.0440"); a float is
    refused (it cannot hold a price exactly)."""
    if isinstance(value, bool | float):
        raise MoneyError(f"{where}: {value!r} is not exact; write it as a string (\"{value}\")")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise MoneyError(f"{where}: {value!r} is not a number") from None
    if not number.is_finite():
        raise MoneyError(f"{where}: {value!r} is not a finite number")
    return number


@dataclass(frozen=True, order=False, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", decimal_of(self.amount, "amount"))
        object.__setattr__(self, "currency", currency_code(self.currency))

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    @classmethod
    def _checked(cls, amount: Decimal, currency: str) -> Money:
        """An amount computed from checked ones (a sum, a product, a rounding): already an
        exact Decimal in a checked currency, so it is not checked again. Pricing a year of
        usage makes hundreds of thousands of these."""
        made = object.__new__(cls)
        object.__setattr__(made, "amount", amount)
        object.__setattr__(made, "currency", currency)
        return made

    @classmethod
    def of(cls, amount: object, currency: object, where: str = "price") -> Money:
        """An amount read from a file or a command line; errors name ``where``."""
        return cls(decimal_of(amount, where), currency_code(currency, f"{where} currency"))

    def _same(self, other: Money, operation: str) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot {operation} Money and {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(operation, self.currency, other.currency)

    def __add__(self, other: Money) -> Money:
        self._same(other, "add")
        return Money._checked(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other, "subtract")
        return Money._checked(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money._checked(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount >= other.amount

    def times(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float | bool):
            raise TypeError("multiply Money by a Decimal or an int, never a float")
        return Money._checked(self.amount * factor, self.currency)

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """To the currency's minor units, half away from zero unless told otherwise."""
        step = Decimal(1).scaleb(-minor_units(self.currency))
        return Money._checked(self.amount.quantize(step, rounding=rounding), self.currency)

    def to_json(self) -> dict[str, str]:
        return {"amount": str(self.amount), "currency": self.currency}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Money:
        return cls.of(data.get("amount"), data.get("currency"), "money")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


def total(amounts: Iterable[Money], currency: str) -> Money:
    """The sum, in ``currency`` (which an empty sum needs to be a sum of anything); an amount
    in another currency is an error naming both."""
    code = currency_code(currency)
    result = Decimal(0)
    for amount in amounts:
        if not isinstance(amount, Money):
            raise TypeError(f"cannot add Money and {type(amount).__name__}")
        if amount.currency != code:
            raise CurrencyMismatchError("add", code, amount.currency)
        result += amount.amount
    return Money._checked(result, code)


# ---------------------------------------------------------------- exchange rates


@dataclass(frozen=True)
class ExchangeRate:
    """One ``base`` is worth ``rate`` ``quote`` from ``effective`` on (until a later rate)."""

    base: str
    quote: str
    rate: Decimal
    effective: date

    def __post_init__(self) -> None:
        base = currency_code(self.base, "from currency")
        quote = currency_code(self.quote, "to currency")
        if base == quote:
            raise MoneyError(f"an exchange rate needs two currencies; both are {base}")
        rate = decimal_of(self.rate, "rate")
        if rate <= 0:
            raise MoneyError(f"rate: {self.rate} is not above zero")
        object.__setattr__(self, "base", base)
        object.__setattr__(self, "quote", quote)
        object.__setattr__(self, "rate", rate)

    def to_json(self) -> dict[str, str]:
        return {"from": self.base, "to": self.quote, "rate": str(self.rate),
                "effective": self.effective.isoformat()}


class ExchangeRates:
    """The owner's rates. A pair entered one way also converts the other way (1 / rate);
    of the rates on or before a day, the latest counts, and the pair as entered wins a tie."""

    def __init__(self, rates: Iterable[ExchangeRate] = ()) -> None:
        self._rates = sorted(rates, key=lambda r: r.effective)

    def all(self) -> list[ExchangeRate]:
        return list(self._rates)

    def rate(self, base: str, quote: str, on: date) -> Decimal:
        base, quote = currency_code(base, "from currency"), currency_code(quote, "to currency")
        if base == quote:
            return Decimal(1)
        best: tuple[date, int, Decimal] | None = None
        for entry in self._rates:
            if entry.effective > on:
                break
            if (entry.base, entry.quote) == (base, quote):
                found = (entry.effective, 1, entry.rate)
            elif (entry.base, entry.quote) == (quote, base):
                found = (entry.effective, 0, 1 / entry.rate)
            else:
                continue
            if best is None or found[:2] >= best[:2]:
                best = found
        if best is None:
            raise MissingRateError(base, quote, on)
        return best[2]

    def convert(self, value: Money, to: str, on: date) -> Money:
        """``value`` in ``to`` at the rate in force on ``on`` (exact; round when shown)."""
        return Money._checked(value.amount * self.rate(value.currency, to, on), currency_code(to))


# ---------------------------------------------------------------- formatting


def _arabic_numbering(locale: str) -> bool:
    parsed = Locale.parse(locale)
    if parsed.language != "ar":
        return False
    # The console's own Arabic ("ar") writes Arabic-Indic digits; a regional locale follows
    # CLDR (ar_SA and ar_EG do, ar_MA and ar_AE write Latin digits).
    return parsed.territory is None or parsed.default_numbering_system == "arab"


def format_money(value: Money, locale: str = "en", exact: bool = False) -> str:
    """``value`` written for ``locale`` ("en", "ar", "ar_SA", "de_DE"...): rounded to the
    currency's minor units unless ``exact`` (fractions of a cent, for hourly prices)."""
    try:
        arabic = _arabic_numbering(locale)
    except (UnknownLocaleError, ValueError):
        raise MoneyError(f"locale: {locale!r} is not a locale Babel knows (e.g. en, ar_SA)") from None
    shown = value if exact else value.rounded()
    if arabic:
        text = format_currency(shown.amount, shown.currency, locale=locale, numbering_system="arab",
                               decimal_quantization=not exact)
        return arabic_digits(str(text))
    return str(format_currency(shown.amount, shown.currency, locale=locale,
                               decimal_quantization=not exact))
