"""Counted nouns agree with their number in English and in Arabic's six plural forms."""

from __future__ import annotations

import pytest

from app.domain.plurals import ARABIC, ENGLISH, count


@pytest.mark.parametrize(("n", "expected"), [(0, "0 fields"), (1, "1 field"), (2, "2 fields"),
                                             (1234, "1,234 fields")])
def test_english(n: int, expected: str) -> None:
    assert count(n, "field") == expected


@pytest.mark.parametrize(("n", "expected"), [
    (0, "لا حقول"), (1, "حقل واحد"), (2, "حقلان"), (3, "3 حقول"), (10, "10 حقول"),
    (11, "11 حقلًا"), (99, "99 حقلًا"), (100, "100 حقل"), (103, "103 حقول"),
])
def test_arabic_agreement(n: int, expected: str) -> None:
    assert count(n, "field", "ar") == expected


@pytest.mark.parametrize(("n", "expected"), [(8, "8 قواعد"), (9, "9 قواعد"), (11, "11 عمليةً")])
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
