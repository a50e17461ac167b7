"""Counted phrases use Qt's plural forms: Arabic's six («لا عمليات», «عملية واحدة», «عمليتان»,
«٣ عمليات», «١١ عمليةً», «١٠٠ عملية») and English's two ("1 operation", "2 operations"),
with numbers written the way Babel writes them for the language."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.gui import i18n
from app.gui.formatting import format_number
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QCoreApplication, QLocale
from app.paths import install_root, translations_dir
from tests.support.catalogue import ARABIC_CATALOGUE, messages

ENGLISH_CATALOGUE = translations_dir() / "webnova_en.ts"
INDEX = re.compile(r"%\d")
FORMS = {"ar": 6, "en": 2}  # Qt's plural forms: Arabic zero/one/two/few/many/other


def numerus(path: Path) -> dict[tuple[str, str], list[str]]:
    return {key: [form.text or "" for form in message.iter("numerusform")]
            for key, message in messages(path).items() if message.get("numerus") == "yes"}


@pytest.fixture(scope="module")
def counted_in_code(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """Every counted phrase (tr with a count) that lupdate finds in app/gui, all packages."""
    tool = i18n._qt_tool("lupdate")
    assert tool is not None, "pyside6-lupdate not found: reinstall PySide6-Essentials"
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    sources = sorted((install_root() / "app" / "gui").rglob("*.py"))
    subprocess.run([str(tool), "-silent", "-pluralonly", *map(str, sources), "-ts", str(fresh)],
                   check=True, timeout=120)
    return set(numerus(fresh))


@pytest.mark.parametrize(("language", "path"), [("ar", ARABIC_CATALOGUE),
                                                ("en", ENGLISH_CATALOGUE)])
def test_every_counted_phrase_has_all_its_plural_forms(
    language: str, path: Path, counted_in_code: set[tuple[str, str]]
) -> None:
    catalogue = numerus(path)
    assert len(counted_in_code) >= 20
    missing = counted_in_code - set(catalogue)
    assert not missing, f"counted phrases not in {path.name}: {sorted(missing)}"
    # lupdate marks a phrase as counted only when the code passes the count (tr(text, "", n))
    stale = set(catalogue) - counted_in_code
    assert not stale, f"plural forms the code never asks for: {sorted(stale)}"
    problems = [f"{context}: {source!r} is not finished"
                for (context, source), message in messages(path).items()
                if message.find("translation").get("type")]  # type: ignore[union-attr]
    for (context, source), forms in catalogue.items():
        if len(forms) != FORMS[language] or not all(f.strip() for f in forms):
            problems.append(f"{context}: {source!r} has {len(forms)} forms: {forms}")
        for form in forms:
            if sorted(INDEX.findall(form)) != sorted(INDEX.findall(source)):
                problems.append(f"{context}: {source!r} -> {form!r} changes its placeholders")
        # the counted forms (English plural; Arabic few, many, other) show the number
        for form in forms[3:] if language == "ar" else forms:
            if "%Ln" not in form:
                problems.append(f"{context}: {source!r} -> {form!r} does not show the number")
    assert not problems, "\n".join(problems)


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    try:
        yield controller
    finally:
        controller.apply("en")


def proposal(n: int) -> str:
    return QCoreApplication.translate("TranscriptView", "Proposal for %1 (%Ln operations)", "", n)


def test_arabic_nouns_agree_with_their_number(languages: LanguageController) -> None:
    languages.apply("ar")
    assert [proposal(n) for n in (0, 1, 2, 3, 11, 100, 1200)] == [
        "مقترح للمخطط %1 (لا عمليات)", "مقترح للمخطط %1 (عملية واحدة)",
        "مقترح للمخطط %1 (عمليتان)", "مقترح للمخطط %1 (٣ عمليات)",
        "مقترح للمخطط %1 (١١ عمليةً)",  # not «11 عمليات»
        "مقترح للمخطط %1 (١٠٠ عملية)", "مقترح للمخطط %1 (١٬٢٠٠ عملية)"]
    rules = QCoreApplication.translate("ConstitutionPane", "✔ Valid: %Ln rules.", "", 8)
    assert rules == "✔ صالح: ٨ قواعد."  # not «8 قاعدة»
    entries = QCoreApplication.translate(
        "ChainStatusLabel", "✔ Chain intact: %Ln entries verified; the head is entry %1 (%2…).",
        "", 9)
    assert "٩ قيود" in entries  # not «9 قيدًا»


def test_english_says_one_thing_and_many_things(languages: LanguageController) -> None:
    languages.apply("ar")
    languages.apply("en")
    assert proposal(1) == "Proposal for %1 (1 operation)"
    assert proposal(30034) == "Proposal for %1 (30,034 operations)"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_qt_and_babel_write_numbers_alike(languages: LanguageController, language: str) -> None:
    """A count in a plural phrase (Qt's %Ln) looks like every other number (Babel)."""
    languages.apply(language)
    for n in (0, 7, 30034, 1234567):
        assert QLocale().toString(n) == format_number(n)
    if language == "ar":
        assert format_number(30034) == "٣٠٬٠٣٤"


def test_update_keeps_the_english_catalogue_to_plural_forms(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``python -m app.gui.i18n update`` (run on copies here) refreshes webnova_en.ts with
    counted phrases only, and keeps every Arabic plural form already written."""
    for path in (ARABIC_CATALOGUE, ENGLISH_CATALOGUE):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    i18n.update()
    english = messages(tmp_path / ENGLISH_CATALOGUE.name)
    assert english and all(m.get("numerus") == "yes" for m in english.values())
    assert numerus(tmp_path / ARABIC_CATALOGUE.name) == numerus(ARABIC_CATALOGUE)
