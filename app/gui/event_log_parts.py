"""Parts of the Event Log pane: the paging bar and the event details view."""

from __future__ import annotations

import json
import re

from app.domain.events import RecordedEvent
from app.gui.event_log_flow import EventLogBrowser
from app.gui.fonts import monospace_font
from app.gui.formatting import FSI, PDI, fill, format_range
from app.gui.qt import (
    QAction,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPalette,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.services.ports import EventFilter

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def pretty_json(value: object) -> str:
    """Indented JSON; a string holding right-to-left text is isolated, so a key and its
    value stay in JSON order on the line instead of being reordered as one Arabic run."""
    text = json.dumps(value, indent=2, ensure_ascii=False)

    def isolate_rtl(match: re.Match[str]) -> str:
        token = match.group(0)
        return f"{FSI}{token}{PDI}" if _RIGHT_TO_LEFT.search(token) else token

    return _JSON_STRING.sub(isolate_rtl, text)


class PageBar(QWidget):
    """Busy indicator, "1–100 of 2,345", and first / previous / next / last."""

    first = Signal()
    previous = Signal()
    next = Signal()
    last = Signal()
    newest = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(12)
        self.busy.hide()
        self.range_label = QLabel(self)
        self.range_label.setObjectName("pageRange")
        self.newer_button = QPushButton(self)
        self.newer_button.hide()
        self.newer_button.clicked.connect(self.newest)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.busy)
        layout.addWidget(self.range_label)
        layout.addWidget(self.newer_button)
        layout.addStretch(1)
        self.actions_by_name: dict[str, QAction] = {}
        self.buttons: list[QToolButton] = []
        for name, signal, shortcut in (
            ("first", self.first, "Ctrl+Shift+PgUp"),
            ("previous", self.previous, "Ctrl+PgUp"),
            ("next", self.next, "Ctrl+PgDown"),
            ("last", self.last, "Ctrl+Shift+PgDown"),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(shortcut))
            # Active while focus is anywhere in the pane (the bar's parent).
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(signal)
            self.actions_by_name[name] = action
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(button)
            self.buttons.append(button)
        self._state: tuple[EventLogBrowser, bool] | None = None
        self.retranslate()

    def page_actions(self) -> list[QAction]:
        return list(self.actions_by_name.values())

    def show_state(self, browser: EventLogBrowser, has_workspace: bool) -> None:
        self._state = (browser, has_workspace)
        self.busy.setVisible(browser.loading)
        back = has_workspace and browser.can_previous
        forward = has_workspace and browser.can_next
        self.actions_by_name["first"].setEnabled(back)
        self.actions_by_name["previous"].setEnabled(back)
        self.actions_by_name["next"].setEnabled(forward)
        self.actions_by_name["last"].setEnabled(forward)
        self.newer_button.setVisible(browser.newer_available)
        first, last, total = browser.shown_range
        if total:
            self.range_label.setText(
                fill(self.tr("%1–%2 of %3"), *format_range(first, last, total))
            )
        elif browser.loading or not has_workspace:
            self.range_label.setText("")
        elif browser.event_filter != EventFilter():
            self.range_label.setText(self.tr("No events match the filter"))
        else:
            self.range_label.setText(self.tr("No events yet"))

    def retranslate(self) -> None:
        texts = {
            "first": (self.tr("First"), self.tr("First page")),
            "previous": (self.tr("Previous"), self.tr("Previous page")),
            "next": (self.tr("Next"), self.tr("Next page")),
            "last": (self.tr("Last"), self.tr("Last page")),
        }
        for name, (text, tip) in texts.items():
            action = self.actions_by_name[name]
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})")
        for button in self.buttons:
            button.setAccessibleName(button.defaultAction().toolTip())
        self.busy.setAccessibleName(self.tr("Loading events"))
        self.range_label.setAccessibleName(self.tr("Shown events"))
        self.newer_button.setText(self.tr("New events: show the newest"))
        if self._state is not None:
            self.show_state(*self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class EventDetails(QWidget):
    """The selected event's data and metadata as indented JSON."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("eventDetails")
        self.text.setReadOnly(True)
        self.text.setFont(monospace_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # JSON reads left to right in either language, even a line that holds Arabic.
        self.text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        option = self.text.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        self.text.document().setDefaultTextOption(option)
        self.title.setBuddy(self.text)
        # Shown instead of the JSON while nothing is selected, in the interface font
        # (a monospace font would draw an Arabic sentence letter by letter).
        self.hint = QLabel(self)
        self.hint.setObjectName("detailsHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.hint)
        self.views.addWidget(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)  # clear of the splitter and the table edge
        layout.addWidget(self.title)
        layout.addWidget(self.views, 1)
        self.retranslate()

    def show_event(self, event: RecordedEvent | None) -> None:
        if event is None:
            self.text.clear()
            self.views.setCurrentWidget(self.hint)
        else:
            self.text.setPlainText(pretty_json(event.to_json()))
            self.views.setCurrentWidget(self.text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Event &details"))
        self.text.setAccessibleName(self.tr("Event details"))
        self.hint.setText(self.tr("Select an event to see its data and metadata."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
