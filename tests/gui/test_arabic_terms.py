"""One Arabic word per console term: the glossary, the catalogue and Qt's own buttons agree."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.gui import i18n
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QDialogButtonBox, QMessageBox
from app.paths import install_root
from tests.support.catalogue import ARABIC_CATALOGUE, messages, translation_texts

Button = QDialogButtonBox.StandardButton


@pytest.fixture
def arabic(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    controller.apply("ar")
    try:
        yield controller
    finally:
        controller.apply("en")


def test_qt_standard_buttons_use_the_consoles_words(arabic: LanguageController) -> None:
    box = QDialogButtonBox(Button.Ok | Button.Cancel | Button.Close | Button.Save)
    assert box.button(Button.Cancel).text() == "إلغاء"  # Qt's own catalogue says ألغِ
    assert box.button(Button.Ok).text() == "موافق"
    assert box.button(Button.Close).text() == "إغلاق"
    assert box.button(Button.Save).text() == "حفظ"

    message = QMessageBox(QMessageBox.Icon.Question, "", "؟",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    assert message.button(QMessageBox.StandardButton.Cancel).text() == "إلغاء"
    assert message.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "نعم"

    arabic.apply("en")
    english = QDialogButtonBox(Button.Cancel)
    assert english.button(Button.Cancel).text().replace("&", "") == "Cancel"


GLOSSARY = install_root() / "resources" / "glossary" / "ar.json"


def test_the_catalogue_says_each_glossary_term_one_way() -> None:
    terms = json.loads(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    assert {"Cancel", "OK"} <= {t["en"] for t in terms} | {t["en"].title() for t in terms}
    catalogue = messages(ARABIC_CATALOGUE)
    problems = []
    for term in terms:
        # "OK" is an acronym: matched as written; every other term in any case
        english = re.compile(rf"\b(?:{term['en']})\b", 0 if term["en"].isupper() else re.I)
        for (context, source), message in catalogue.items():
            if not english.search(source.replace("&", "")):
                continue
            texts = message.findall("translation/numerusform") or [message.find("translation")]
            for element in texts:
                text = (element.text or "").replace("&", "") if element is not None else ""
                if not any(form in text for form in term["forms"]):
                    problems.append(f"{context}: {source!r} -> {text!r} lacks {term['ar']}")
                for banned in term.get("never", []):
                    if banned in text:
                        problems.append(f"{context}: {source!r} -> {text!r} says {banned}")
    assert not problems, "\n".join(problems)


def test_the_glossary_check_catches_a_stray_word(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a catalogue saying ألغِ for Cancel is reported."""
    source = ARABIC_CATALOGUE.read_text(encoding="utf-8")
    stray = source.replace("<translation>إلغاء</translation>", "<translation>ألغِ</translation>", 1)
    assert stray != source
    (tmp_path / "webnova_ar.ts").write_text(stray, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ARABIC_CATALOGUE", tmp_path / "webnova_ar.ts")
    with pytest.raises(AssertionError, match="ألغِ"):
        test_the_catalogue_says_each_glossary_term_one_way()


def test_the_catalogue_holds_every_string_of_the_console(tmp_path: Path) -> None:
    """lupdate over every module of app/gui (all packages) finds no string the Arabic
    catalogue lacks; the real catalogue is not touched."""
    tool = i18n._qt_tool("lupdate")
    assert tool is not None, "pyside6-lupdate not found: reinstall PySide6-Essentials"
    fresh = tmp_path / "fresh.ts"
    sources = sorted((install_root() / "app" / "gui").rglob("*.py"))
    before = ARABIC_CATALOGUE.read_bytes()
    subprocess.run([str(tool), "-silent", *map(str, sources), "-ts", str(fresh)],
                   check=True, timeout=120)
    missing = sorted(set(messages(fresh)) - set(messages(ARABIC_CATALOGUE)))
    assert not missing, f"not in translations/webnova_ar.ts: {missing}"
    assert ARABIC_CATALOGUE.read_bytes() == before


def test_arabic_translations_write_numbers_in_arabic_digits() -> None:
    """A number written into an Arabic translation («من ١ إلى ٤٠») uses the digits every
    other number of the Arabic console uses; code (pointers, ids) comes in through %1."""
    latin = []
    for (context, source), message in messages(ARABIC_CATALOGUE).items():
        for text in translation_texts(message):
            # Latin digits, keys such as F5 aside
            if re.search(r"(?<![A-Za-z])[0-9]", re.sub(r"%L?n|%[0-9]", "", text)):
                latin.append(f"{context}: {source!r} -> {text!r}")
    assert not latin, "\n".join(latin)
