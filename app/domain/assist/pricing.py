"""What a call to Claude costs, and how many tokens one is likely to take.

Prices are per million tokens in US dollars, from Anthropic's published price list; a
model id matches the longest family prefix ("claude-sonnet-4-5-20250929" is
"claude-sonnet-4"). A model not in the table is recorded with its tokens and no price,
so the dashboards show it as unpriced rather than guess.

Prompt caching changes the input price: tokens written to the cache cost 1.25 times the
input price (the five-minute cache), tokens read from it 0.1 times.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

CURRENCY = "USD"
PER_MILLION = Decimal(1_000_000)
CACHE_WRITE = Decimal("1.25")  # times the input price, five-minute cache
CACHE_READ = Decimal("0.1")


@dataclass(frozen=True)
class Price:
    input: Decimal  # per million input tokens
    output: Decimal  # per million output tokens


PRICES: dict[str, Price] = {
    "claude-opus-4-5": Price(Decimal("5"), Decimal("25")),
    "claude-opus-4-1": Price(Decimal("15"), Decimal("75")),
    "claude-opus-4-0": Price(Decimal("15"), Decimal("75")),
    "claude-opus-4-2025": Price(Decimal("15"), Decimal("75")),
    "claude-sonnet-4": Price(Decimal("3"), Decimal("15")),
    "claude-3-7-sonnet": Price(Decimal("3"), Decimal("15")),
    "claude-haiku-4-5": Price(Decimal("1"), Decimal("5")),
    "claude-3-5-haiku": Price(Decimal("0.80"), Decimal("4")),
    "claude-3-haiku": Price(Decimal("0.25"), Decimal("1.25")),
}
DEFAULT_MODEL = "claude-sonnet-4-6"


def price_for(model: str) -> Price | None:
    best = None
    for family in PRICES:
        if model.startswith(family) and (best is None or len(family) > len(best)):
            best = family
    return PRICES[best] if best else None


def cost(model: str, input_tokens: int, output_tokens: int, cache_write_tokens: int = 0,
         cache_read_tokens: int = 0) -> Decimal | None:
    """``input_tokens`` are those not written to or read from the prompt cache, as the API
    counts them."""
    price = price_for(model)
    if price is None:
        return None
    cached = price.input * (CACHE_WRITE * cache_write_tokens + CACHE_READ * cache_read_tokens)
    total = (price.input * input_tokens + price.output * output_tokens + cached) / PER_MILLION
    return total.quantize(Decimal("0.000001"))


def estimate_tokens(text_chars: int, max_output: int) -> int:
    """A cautious estimate before a call: about three characters a token (Arabic and JSON
    run denser than English prose), plus the most the reply may use."""
    return text_chars // 3 + 1 + max_output
