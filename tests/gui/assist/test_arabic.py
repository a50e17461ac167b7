"""The Assistant pane in Arabic: mirrored, translated, the answer in the owner's language,
money and numbers written the Arabic way, and every string of the pane in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.bootstrap import Workspace
from app.gui.assist.pane import SETTINGS, AssistantPane
from app.gui.formatting import strip_isolation
from app.gui.i18n import LanguageController
from app.gui.qt import QPoint, Qt
from tests.gui.assist.conftest import choose
from tests.gui.conftest import wait_until
from tests.support.catalogue import ARABIC_CATALOGUE, messages, strings_of, translation_texts

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
ARABIC = re.compile("[\u0600-\u06ff]")


def test_arabic_mirrors_and_speaks_arabic(pane: AssistantPane, clinic: str, qtbot: Any,
                                          languages: LanguageController,
                                          workspace: Workspace) -> None:
    pane.refresh()
    wait_until(qtbot, lambda: pane.picker.findData(clinic) > 0)
    chat, card = pane.chat, pane.card
    chat_x = pane.tabs.mapTo(pane, QPoint(0, 0)).x()

    languages.apply("ar")
    wait_until(qtbot, lambda: pane.title.text() == "المساعد")
    for widget in (pane, pane.tabs, chat, chat.transcript, chat.composer, card,
                   pane.suggestions, pane.settings):
        assert widget.layoutDirection() == RTL, widget
    assert [pane.tabs.tabText(i) for i in range(3)] == [
        "الم&حادثة", "اقتراحات &ذكية", "الإ&عدادات"]
    assert pane.picker.itemText(0) == "منصة جديدة"
    assert pane.offline.text() == "&دون اتصال"
    assert chat.composer.send_button.text() == "إرسا&ل"
    assert chat.column.new_button.text() == "&محادثة جديدة"

    choose(pane, qtbot, clinic)
    pane.offline.setChecked(True)
    with qtbot.waitSignal(chat.answered, timeout=10_000):
        assert chat.send("أضف الصيادلة وانقل الخوادم إلى هلسنكي")
    wait_until(qtbot, card.isVisible)
    # The card sits on the left of the chat now: the window is mirrored.
    assert card.mapTo(pane, QPoint(0, 0)).x() < pane.tabs.mapTo(pane, QPoint(0, 0)).x()
    assert chat.engine_label.text() == (
        "أجاب المخطِّط دون اتصال (لم تغادر أي بيانات هذا الحاسوب)")
    assert "أضفتُ الأدوار" in chat.transcript.toPlainText()
    assert strip_isolation(card.title.text()) == "مقترح للمخطط clinic"
    assert card.values["intent"].text() == "تعديل هذا المخطط"
    assert card.values["domain"].text() == "الرعاية الصحية"
    assert ARABIC.search(card.values["frameworks"].text())
    assert "، " in card.values["frameworks"].text()
    assert "المملكة العربية السعودية" in card.values["region"].text()  # the move is explained, not made
    assert "تبقى الخوادم في مكانها" in chat.transcript.toPlainText()
    assert ARABIC.search(card.rationale.text())
    assert card.accept_button.text() == "&قبول"
    assert card.reject_button.text() == "ر&فض"
    assert card.findings.summary.text() == "لم يُعثر على مشكلات"
    changes = [card.diff.changes.item(r).text() for r in range(card.diff.changes.count())]
    assert all(ARABIC.search(c) for c in changes)
    card.accept_button.click()
    wait_until(qtbot, lambda: card.state == "done")
    assert strip_isolation(card.status.text()) == "قُبل: المخطط clinic الآن في الإصدار ٢."
    assert workspace.blueprints.get_now(clinic).version == 2

    with qtbot.waitSignal(pane.settings.loaded, timeout=10_000):
        pane.tabs.setCurrentIndex(SETTINGS)
    assert pane.settings.key_state.text().startswith("لم يُضبط مفتاح")
    usage = strip_isolation(pane.settings.usage_text.text())
    assert "لا طلبات" in usage  # «0 طلبًا» was wrong: no calls is «لا طلبات»
    assert "US$" in usage

    languages.apply("en")
    wait_until(qtbot, lambda: pane.title.text() == "Assistant")
    assert pane.layoutDirection() == LTR
    assert card.values["intent"].text() == "Change this blueprint"
    assert strip_isolation(card.status.text()) == "Accepted: blueprint clinic is now version 2."
    assert pane.tabs.mapTo(pane, QPoint(0, 0)).x() == chat_x


def test_the_catalogue_holds_every_string_of_the_pane(tmp_path: Path) -> None:
    found = strings_of("assist", tmp_path)
    assert len(found) > 150
    arabic = messages(ARABIC_CATALOGUE)
    missing = set(found) - set(arabic)
    assert not missing, f"run python -m app.gui.i18n update and translate: {missing}"
    for key in found:
        translation = arabic[key].find("translation")
        assert translation is not None, key
        assert translation.get("type") != "unfinished", key
        placeholders = set(re.findall(r"%\d", key[1]))
        for text in translation_texts(arabic[key]):
            assert text, key
            assert set(re.findall(r"%\d", text)) == placeholders, key
