"""Arabic text inside widgets: typed text reads in its own direction, line edits leave room
for the dots below Arabic letters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from app.domain.blueprint.findings import Finding, Severity
from app.gui.assist.composer import Composer, text_direction
from app.gui.blueprints.findings_view import PLACE, FindingsView
from app.gui.blueprints.session import LocatedFinding
from app.gui.formatting import FSI, LRI, PDI, fill, ltr, strip_isolation
from app.gui.i18n import LanguageController
from app.gui.messages import detail, error_text
from app.gui.qt import QApplication, QFont, QFontMetrics, QLineEdit, QStyle, Qt

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


def _start_x(composer: Composer) -> int:
    """Where the first character of the message is drawn, in viewport pixels."""
    cursor = composer.input.textCursor()
    cursor.setPosition(0)
    return composer.input.cursorRect(cursor).x()


@pytest.mark.parametrize("console_direction", [LTR, RTL])
def test_the_message_box_aligns_typed_text_by_its_own_direction(
    qapp: QApplication, qtbot: Any, console_direction: Qt.LayoutDirection
) -> None:
    composer = Composer()
    composer.setLayoutDirection(console_direction)
    qtbot.addWidget(composer)
    composer.resize(600, 200)
    composer.show()
    qtbot.waitExposed(composer)
    width = composer.input.viewport().width()

    composer.input.setPlainText("أضف الصيادلة")
    qapp.processEvents()
    # Arabic starts at the right edge: its first letter is drawn near the right side.
    assert _start_x(composer) > width * 0.8
    assert composer.input.document().defaultTextOption().textDirection() == RTL

    composer.input.setPlainText("Add pharmacists")
    qapp.processEvents()
    assert _start_x(composer) < width * 0.2
    assert composer.input.document().defaultTextOption().textDirection() == LTR

    composer.input.setPlainText("2026 أضف")  # digits are weak: the first letter decides
    qapp.processEvents()
    assert composer.input.document().defaultTextOption().textDirection() == RTL
    composer.close()


def test_text_direction_is_that_of_the_first_strong_letter() -> None:
    assert text_direction("مرحبا hello") == RTL
    assert text_direction("hello مرحبا") == LTR
    assert text_direction("  123 ، (") is None
    assert text_direction("") is None


# --------------------------------------------------------------- left-to-right values
@pytest.fixture
def arabic(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    controller.apply("ar")
    try:
        yield controller
    finally:
        controller.apply("en")


def test_a_pointer_in_a_sentence_keeps_its_own_marks() -> None:
    sentence = fill("الحقل %1 مطلوب في %2", ltr("/owner"), "clinic")
    assert sentence == f"الحقل {LRI}/owner{PDI} مطلوب في {FSI}clinic{PDI}"
    assert strip_isolation(sentence) == "الحقل /owner مطلوب في clinic"


def test_findings_show_pointer_and_line_column_left_to_right(
    arabic: LanguageController, qtbot: Any
) -> None:
    view = FindingsView()
    qtbot.addWidget(view)
    finding = Finding("/entities/0/name", "schema.missing", Severity.error,
                      "/entities/0/name: required", f"{ltr('/entities/0/name')}: مطلوب", "schema")
    view.show_findings([LocatedFinding(finding, line=12, column=5)])
    item = view.list.topLevelItem(0)
    # One isolate around the whole «12:5»: in a right-to-left cell it does not become «5:12».
    assert item.text(PLACE) == f"{LRI}١٢:٥{PDI}"
    assert item.text(2) == f"{LRI}/entities/0/name{PDI}"
    assert item.text(1).startswith(f"{LRI}/entities/0/name{PDI}")


def test_a_schema_finding_isolates_its_pointer_in_arabic() -> None:
    from app.domain.blueprint.validation import validate_document

    _blueprint, report = validate_document({"key": "Bad Key!"})
    arabic_messages = [f.message_ar for f in report.findings if f.source == "schema"]
    assert arabic_messages
    assert all(m.startswith(LRI) and PDI in m for m in arabic_messages)


@pytest.mark.parametrize(("driver_says", "english", "arabic_text"), [
    ("connection refused", "Nothing is listening at %1 (the connection was refused).",
     "لا يستمع أي خادم على %1 (رُفض الاتصال)."),
    ("password authentication failed for user", "PostgreSQL at %1 refused the password for user %2.",
     "رفض PostgreSQL على %1 كلمة مرور المستخدم %2."),
])
def test_connection_failures_are_said_in_the_consoles_language(
    qapp: QApplication, driver_says: str, english: str, arabic_text: str
) -> None:
    from sqlalchemy.engine import make_url

    from app.store.engine import classify_connect_error

    url = make_url("postgresql://alice:secret-pw@db.example:5433/bank")
    error = classify_connect_error(Exception(driver_says), url)
    values = [f"{LRI}db.example:5433{PDI}", f"{LRI}alice{PDI}"]
    controller = LanguageController(qapp)
    try:
        english_detail = detail(error)
        assert english_detail == english.replace("%1", values[0]).replace("%2", values[1])
        controller.apply("ar")
        arabic_detail = detail(error)
        assert arabic_detail == arabic_text.replace("%1", values[0]).replace("%2", values[1])
        assert "secret-pw" not in error_text(error)
    finally:
        controller.apply("en")


# --------------------------------------------------------------- room for the dots
ARABIC_WORDS = "مخطط جديدة بحث"  # ج and ب carry dots below the line


def test_line_edits_leave_room_for_arabic_dots_below(arabic: LanguageController) -> None:
    """A line edit sizes its text box by its font's first face: in Arabic that must be the
    bundled Arabic face, which reaches further below the line than the Latin one."""
    edit = QLineEdit()
    edit.setPlaceholderText(ARABIC_WORDS)
    arabic_face = QFont(edit.font())
    arabic_face.setFamilies(["Noto Sans Arabic"])
    needed = QFontMetrics(arabic_face)
    metrics = edit.fontMetrics()
    assert metrics.descent() >= needed.descent()  # the dots of ج and ب
    assert metrics.ascent() >= needed.ascent()
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    margins = edit.textMargins()
    assert edit.sizeHint().height() >= (needed.ascent() + needed.descent() + 2 * frame
                                        + margins.top() + margins.bottom())
    assert QFontMetrics(edit.font()).horizontalAdvance("Refresh") > 0  # Latin still drawn


def test_english_keeps_the_latin_face_first(qapp: QApplication) -> None:
    assert QApplication.font().families()[0] == "Noto Sans"


def test_a_malformed_url_is_explained_in_arabic_only(
    arabic: LanguageController, qtbot: Any
) -> None:
    from app.gui.connect_flow import PostgresConnectForm
    from app.gui.connect_form import ConnectForm
    from app.gui.session import WorkspaceSession

    (problem,) = PostgresConnectForm(name="bank", url="not a url at all").problems()
    form = ConnectForm(WorkspaceSession())
    qtbot.addWidget(form)
    text = form.problem_text(problem)
    values = re.findall(f"[{LRI}{FSI}]([^{PDI}]*){PDI}", text)
    assert values == ["postgresql://user@host:port/database"]  # the one value: the shape
    outside_values = re.sub(f"[{LRI}{FSI}][^{PDI}]*{PDI}", "", text)
    assert outside_values.startswith("هذا ليس عنوان قاعدة بيانات")
    assert not re.search("[A-Za-z]", outside_values)  # no English detail tacked on
