"""Arabic / English at runtime: the whole window mirrors, every string is translated, and
the Arabic catalogue is complete, finished and in step with the code."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.gui import i18n
from app.gui.formatting import strip_isolation
from app.gui.qt import QApplication, QCoreApplication, QPoint, Qt, QTranslator
from app.gui.shell import Shell
from app.paths import translations_dir
from tests.gui.conftest import append_events, wait_until
from tests.support.catalogue import ARABIC_CATALOGUE, messages, strings_of

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
ARABIC = re.compile("[\u0600-\u06ff]")
PLACEHOLDER = re.compile(r"%L?n|%\d|\{[a-z_]*\}")


def choose_language(shell: Shell, language: str) -> None:
    combo = shell.window.settings.language_combo
    combo.setCurrentIndex(combo.findData(language))


def test_arabic_mirrors_the_window_and_translates_it(shell: Shell, qtbot: object) -> None:
    window = shell.window
    workspace = shell.session.workspace
    assert workspace is not None
    append_events(workspace, 120 - window.event_log.browser.total)
    window.event_log.refresh()
    wait_until(qtbot, lambda: window.event_log.browser.total == 120)
    nav_before = window.navigation.mapTo(window, QPoint(0, 0)).x()

    choose_language(shell, "ar")
    wait_until(qtbot, lambda: window.navigation.item(1).text() == "سجل الأحداث")

    assert QApplication.layoutDirection() == RTL
    for widget in (
        window,
        window.navigation,
        window.stack,
        window.status,
        window.event_log,
        window.event_log.table,
        window.event_log.pages,
        window.settings,
        window.settings.connect_form,
    ):
        assert widget.layoutDirection() == RTL, widget.objectName()
    # The navigation moved from the left edge to the right edge.
    assert window.navigation.mapTo(window, QPoint(0, 0)).x() > nav_before
    pane = window.event_log
    assert pane.title.text() == "سجل الأحداث"
    assert window.settings.title.text() == "الإعدادات"
    assert window.navigation.item(2).text() == "الإعدادات"
    assert pane.model.headerData(2, Qt.Orientation.Horizontal) == "النوع"
    assert strip_isolation(window.status.workspace_label.text()) == "مساحة العمل: local"
    assert strip_isolation(pane.pages.range_label.text()) == "١–١٠٠ من ١٢٠"  # Arabic digits
    assert window.settings.connect_form.title() == "الاتصال بـ PostgreSQL"
    assert window.menuBar().actions()[0].text() == "&وحدة التحكم"
    assert ARABIC.search(window.windowTitle())
    # JSON stays left to right inside the mirrored window.
    assert pane.details.text.layoutDirection() == LTR
    assert shell.session.console is not None
    assert shell.session.console.catalog.load().language == "ar"

    choose_language(shell, "en")
    wait_until(qtbot, lambda: window.navigation.item(1).text() == "Event Log")
    assert QApplication.layoutDirection() == LTR
    assert window.event_log.table.layoutDirection() == LTR
    assert strip_isolation(pane.pages.range_label.text()) == "1–100 of 120"
    assert window.navigation.mapTo(window, QPoint(0, 0)).x() == nav_before


def test_every_message_has_a_finished_arabic_translation() -> None:
    tree = ET.parse(translations_dir() / "webnova_ar.ts")
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 100
    problems = []
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type"):
            problems.append(f"unfinished: {source!r}")
            continue
        # a counted phrase has one text per plural form (tests/gui/test_plural_forms.py)
        forms = translation.findall("numerusform")
        for text in [form.text or "" for form in forms] or [translation.text or ""]:
            if not text.strip():
                problems.append(f"unfinished: {source!r}")
                continue
            expected = PLACEHOLDER.findall(source)
            found = PLACEHOLDER.findall(text)
            if forms:  # «قاعدة واحدة» says the number in words: %Ln may be left out
                expected = [p for p in expected if p != "%Ln"]
                found = [p for p in found if p != "%Ln"]
            if sorted(expected) != sorted(found):
                problems.append(f"placeholders differ: {source!r} -> {text!r}")
            if not ARABIC.search(text):
                problems.append(f"not Arabic: {source!r} -> {text!r}")
            if text.count("&") > source.count("&"):
                problems.append(f"extra accelerator: {text!r}")
    assert not problems, "\n".join(problems)


def test_the_catalogue_holds_every_string_of_the_shell(tmp_path: Path) -> None:
    """lupdate over the shell's modules finds no string the catalogue lacks."""
    missing = set(strings_of("", tmp_path)) - set(messages(ARABIC_CATALOGUE))
    assert not missing, (
        f"not in translations/webnova_ar.ts (run python -m app.gui.i18n update): {missing}"
    )


def test_the_build_compiles_a_catalogue_qt_loads(tmp_path: Path) -> None:
    compiled = i18n.compile_catalogue(translations_dir() / "webnova_ar.ts", tmp_path / "ar.qm")
    translator = QTranslator()
    assert translator.load(str(compiled))
    assert translator.translate("MainWindow", "Settings") == "الإعدادات"
    assert i18n.main(["build"]) == 0
    assert (translations_dir() / "webnova_ar.qm").exists()


def test_a_missing_catalogue_is_built_on_first_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = tmp_path / "webnova_ar.ts"
    source.write_bytes((translations_dir() / "webnova_ar.ts").read_bytes())
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    assert i18n.catalogue_path("ar") == tmp_path / "webnova_ar.qm"
    assert (tmp_path / "webnova_ar.qm").stat().st_size > 0


def test_a_missing_catalogue_is_reported_and_english_stays(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    controller = i18n.LanguageController(qapp)
    with pytest.raises(i18n.TranslationMissingError, match="webnova_ar"):
        controller.apply("ar")
    assert controller.language == "en"
    assert QApplication.layoutDirection() == LTR
    assert QCoreApplication.translate("MainWindow", "Settings") == "Settings"


def test_no_arabic_shortcut_underlines_a_letter_with_dots_below() -> None:
    """The underline of a keyboard shortcut hides the dots below ب, ي, ج and ئ: «&بحث» reads
    as «يحث». Every Arabic shortcut letter is one whose dots (if any) stand above."""
    from tests.support.catalogue import ARABIC_CATALOGUE, messages

    hidden = [(source, translation) for (_context, source), message in messages(ARABIC_CATALOGUE).items()
              if (translation := message.findtext("translation") or "")
              and any(f"&{letter}" in translation for letter in "بيجئ")]
    assert hidden == []
