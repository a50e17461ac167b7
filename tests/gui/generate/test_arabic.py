"""The Generate pane in Arabic: translated, mirrored, with code, diffs, reports and the
log kept left to right; and the catalogue holds every string of the pane."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.domain.codegen.merge import ChangeKind
from app.gui.formatting import strip_isolation
from app.gui.generate.pane import CONFLICTS, FILES, RUN, GeneratePane
from app.gui.i18n import LanguageController
from app.gui.qt import QPoint, Qt
from tests.gui.conftest import wait_until
from tests.gui.generate.conftest import generate
from tests.gui.generate.test_conflicts import MODEL, edit_and_revise
from tests.support.catalogue import ARABIC_CATALOGUE, messages, strings_of, translation_texts

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
ARABIC = re.compile("[\u0600-\u06ff]")


def test_arabic_mirrors_the_pane_and_keeps_code_left_to_right(
    pane: GeneratePane, qtbot: Any, languages: LanguageController, qtmodeltester: Any
) -> None:
    edit_and_revise(pane, qtbot)
    generate(pane, qtbot)
    wait_until(qtbot, lambda: pane.conflicts.conflicts != [])
    tree_x = pane.files.tree.mapTo(pane, QPoint(0, 0)).x()
    diff_x = pane.files.diff.mapTo(pane, QPoint(0, 0)).x()
    assert tree_x < diff_x

    languages.apply("ar")
    wait_until(qtbot, lambda: pane.title.text() == "التوليد")
    for widget in (pane, pane.chooser, pane.tabs, pane.files, pane.files.tree, pane.conflicts,
                   pane.history.table, pane.runtime, pane.files.legend):
        assert widget.layoutDirection() == RTL, widget
    # Code, diffs, conflict reports, the log and the folder path read left to right.
    for widget in (pane.files.diff, pane.conflicts.report, pane.runtime.log, pane.chooser.folder):
        assert widget.layoutDirection() == LTR, widget
    # The tree moved to the right of the diff.
    assert pane.files.tree.mapTo(pane, QPoint(0, 0)).x() > pane.files.diff.mapTo(pane, QPoint(0, 0)).x()

    assert pane.generate_button.text() == "&توليد"
    assert pane.chooser.blueprint_label.text() == "ال&مخطط:"
    assert strip_isolation(pane.chooser.version.currentText()).startswith("الإصدار ٢ (الأحدث) — ")
    assert pane.tabs.tabText(FILES) == "الملفات"
    assert strip_isolation(pane.tabs.tabText(CONFLICTS)) == "التعارضات (١)"
    assert pane.files.model.headerData(0, Qt.Orientation.Horizontal) == "الملف"
    assert pane.files.model.index_of(MODEL).siblingAtColumn(1).data() == "تعارض"
    assert strip_isolation(pane.files.legend.labels[ChangeKind.merged].text()) == "مدموج: ١"
    assert ARABIC.search(pane.files.summary.text())
    assert ARABIC.search(pane.files.file_title.text())  # the reason, translated
    assert ARABIC.search(pane.progress_label.text())
    assert ARABIC.search(pane.notice.text())
    assert ARABIC.search(pane.conflicts.intro.text())
    assert pane.conflicts.keep_button.text() == "إب&قاء نسختي"  # not under a dotted-below letter
    assert pane.history.model.headerData(2, Qt.Orientation.Horizontal) == "إصدار المخطط"
    assert pane.history.model.index(0, 3).data() == "وُلِّد من المخطط"
    qtmodeltester.check(pane.history.model)
    pane.tabs.setCurrentIndex(RUN)
    assert pane.runtime.run_button.text() == "ت&شغيل محليًا"
    assert ARABIC.search(pane.runtime.status_label.text())
    assert ARABIC.search(pane.runtime.health_label.text())

    languages.apply("en")
    wait_until(qtbot, lambda: pane.title.text() == "Generate")
    assert pane.files.tree.layoutDirection() == LTR
    pane.tabs.setCurrentIndex(FILES)
    wait_until(qtbot, lambda: pane.files.tree.mapTo(pane, QPoint(0, 0)).x() == tree_x)


def test_the_catalogue_holds_every_string_of_the_pane_in_arabic(tmp_path: Path) -> None:
    found = set(strings_of("generate", tmp_path))
    assert len(found) > 120
    translations = {}
    for key, message in messages(ARABIC_CATALOGUE).items():
        translation = message.find("translation")
        assert translation is not None
        translations[key] = message
    missing = found - set(translations)
    assert not missing, f"run python -m app.gui.i18n update and translate: {missing}"
    unfinished = [key for key in found
                  if translations[key].find("translation").get("type")  # type: ignore[union-attr]
                  or not all(ARABIC.search(t) for t in translation_texts(translations[key]))]
    assert not unfinished, unfinished
