"""Unpriced usage carries a reason code and its parameters, written in English or Arabic
from them: the Arabic console and ``webnova costs report --language ar`` show the reason in
Arabic, with names and dates kept readable inside the sentence."""

from __future__ import annotations

import re

import pytest

from app.domain.bidi import strip_isolation
from app.domain.costs import unpriced as reasons
from app.domain.costs.costing import price_rows
from app.domain.costs.unpriced import TEXTS, UnpricedReason
from app.domain.costs.usage import UsageSum
from tests.unit.costs.test_costing import BOOKS, row, server

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize(("usage", "code", "arabic"), [
    (row(3, "ai.tokens.input", "10", "", "anthropic", "ai", "token"), reasons.NO_MODEL,
     "لا يذكر الاستخدام النموذج"),
    (row(3, "ai.tokens.input", "10", "gpt-4", "anthropic", "ai", "token"),
     reasons.MODEL_NOT_PRICED, "لا سعر ساريًا للنموذج gpt-4 في ٢٠٢٦-١١-٠٣"),
    (server(3, 5, sku="cx99@fsn1/a"), reasons.TYPE_NOT_LISTED,
     "لا تضمّ قائمة أسعار Hetzner نوع الخادم cx99 في fsn1"),
    (row(3, "cloud.traffic_gb", "5", "cx22", unit="GB"), reasons.TRAFFIC_WITHOUT_SERVER,
     "تُسعَّر حركة البيانات حسب نوع الخادم وموقعه"),
    (row(3, "stripe.fees", "5", "", "stripe", "provider", "EUR"), reasons.NO_PRICE_BOOK,
     "لا يسعّر أيّ دفتر أسعار stripe.fees من stripe"),
    (row(3, "platform.requests", "5", "", "owner", "platform", "call"),
     reasons.OWNER_UNIT_MISMATCH, "يحتسب لكل request، والاستخدام معدود بوحدة call"),
    (row(3, "cloud.server_hours", "5", "cx22@fsn1/a", month=1), reasons.BOOK_NOT_IN_FORCE,
     "لا قائمة أسعار Hetzner سارية في ٢٠٢٦-٠١-٠٣"),
])
def test_each_unpriced_row_has_a_code_and_reads_in_arabic(usage: UsageSum, code: str,
                                                          arabic: str) -> None:
    line = price_rows([usage], BOOKS, "SAR").unpriced[0]
    assert line.why.code == code
    assert line.reason == line.why.text("en") == str(line.why)  # English for the CLI
    shown = line.why.text("ar")
    assert arabic in strip_isolation(shown)
    if line.why.params:  # the values are isolated inside the sentence
        assert shown != strip_isolation(shown)
    assert line.to_json()["reason_code"] == code


def test_every_code_has_both_languages_and_the_same_parameters() -> None:
    for code, (english, arabic) in TEXTS.items():
        names = set(re.findall(r"{(\w+)}", english))
        assert names == set(re.findall(r"{(\w+)}", arabic)), code
        words = LATIN_WORD.findall(re.sub(r"{\w+}|Hetzner", "", arabic))
        assert not words, f"{code}: English left in the Arabic text: {words}"


def test_an_unknown_code_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'no_such' is not an unpriced reason"):
        UnpricedReason.of("no_such")
