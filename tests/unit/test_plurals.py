"""Counted nouns agree with their number in English and in Arabic's six plural forms."""

from __future__ import annotations

import pytest

from app.domain.plurals import ARABIC, ENGLISH, count


@pytest.mark.parametrize(("n", "expected"), [(0, "0 fields"), (1, "1 field"), (2, "2 fields"),
                                             (1234, "1,234 fields")])
def test_english(n: int, expected: str) -> None:
    assert count(n, "field") == expected


@pytest.mark.parametrize(("n", "expected"), [
    (0, "لا حقول"), (1, "حقل واحد"), (2, "حقلان"), (3, "٣ حقول"), (10, "١٠ حقول"),
    (11, "١١ حقلًا"), (99, "٩٩ حقلًا"), (100, "١٠٠ حقل"), (103, "١٠٣ حقول"),
])
def test_arabic_agreement(n: int, expected: str) -> None:
    assert count(n, "field", "ar") == expected


def test_arabic_numbers_take_arabic_digits_and_separators() -> None:
    assert count(30034, "event", "ar") == "٣٠٬٠٣٤ حدثًا"  # not «30,034»


@pytest.mark.parametrize(("n", "expected"), [(8, "٨ قواعد"), (9, "٩ قواعد"), (11, "١١ عمليةً")])
def test_the_cases_seen_wrong(n: int, expected: str) -> None:
    noun = "rule" if n < 10 else "operation"
    assert count(n, noun, "ar") == expected


def test_every_noun_has_every_form() -> None:
    assert set(ARABIC) == set(ENGLISH)
    for noun, forms in ARABIC.items():
        assert set(forms) >= {"one", "two", "few", "many", "other"}, noun
        for category in ("few", "many", "other"):
            assert "{n}" in forms[category], (noun, category)


def test_no_cli_message_says_s_in_brackets() -> None:
    from app.paths import install_root

    offenders = [str(p.relative_to(install_root())) for p in (install_root() / "app" / "cli").rglob("*.py")
                 if "(s)" in p.read_text(encoding="utf-8")]
    assert offenders == []

