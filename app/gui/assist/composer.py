"""Where the owner writes: the message box (Ctrl+Enter sends) and the "explain this"
line, which takes a JSON Pointer, an entity name, a compliance check id or a rule id."""

from __future__ import annotations

import unicodedata

from app.gui.formatting import fill, ltr
from app.gui.qt import (
    QAction,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class Composer(QWidget):
    send_requested = Signal()
    explain_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input_label = QLabel(self)
        self.input = QPlainTextEdit(self)
        self.input.setObjectName("assistInput")
        self.input.setTabChangesFocus(True)
        self.input.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.input.textChanged.connect(self._follow_text_direction)
        self.input_label.setBuddy(self.input)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("assistSend")
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.send_requested)
        send_row = QHBoxLayout()
        send_row.addWidget(self.input, 1)
        send_row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.explain_label = QLabel(self)
        self.explain_input = QLineEdit(self)
        self.explain_input.setObjectName("assistExplainTarget")
        self.explain_input.setClearButtonEnabled(True)
        self.explain_input.returnPressed.connect(self._explain)
        self.explain_label.setBuddy(self.explain_input)
        self.explain_button = QPushButton(self)
        self.explain_button.setAutoDefault(False)
        self.explain_button.clicked.connect(self._explain)
        explain_row = QHBoxLayout()
        explain_row.addWidget(self.explain_label)
        explain_row.addWidget(self.explain_input, 1)
        explain_row.addWidget(self.explain_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input_label)
        layout.addLayout(send_row)
        layout.addLayout(explain_row)
        self.send_action = QAction(self)
        self.send_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.send_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.send_action.triggered.connect(self.send_requested)
        self.input.addAction(self.send_action)
        for before, after in ((self.input, self.send_button),
                              (self.send_button, self.explain_input),
                              (self.explain_input, self.explain_button)):
            QWidget.setTabOrder(before, after)
        self.setFocusProxy(self.input)
        self.retranslate()

    def _follow_text_direction(self) -> None:
        """The message reads in its own direction: typed Arabic starts at the right edge and
        English at the left, whatever the console's language (a plain text edit aligns
        every block by one option, so the option follows the message's first letter)."""
        direction = text_direction(self.input.toPlainText()) or self.layoutDirection()
        document = self.input.document()
        option = document.defaultTextOption()
        right = direction == Qt.LayoutDirection.RightToLeft
        alignment = (Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        alignment |= Qt.AlignmentFlag.AlignAbsolute
        if option.textDirection() == direction and option.alignment() == alignment:
            return
        option.setTextDirection(direction)
        option.setAlignment(alignment)
        document.setDefaultTextOption(option)

    def text(self) -> str:
        return self.input.toPlainText().strip()

    def set_ready(self, can_send: bool, can_explain: bool) -> None:
        self.send_button.setEnabled(can_send)
        self.explain_input.setEnabled(can_explain)
        self.explain_button.setEnabled(can_explain)

    def _explain(self) -> None:
        target = self.explain_input.text().strip()
        if target and self.explain_button.isEnabled():
            self.explain_requested.emit(target)

    def retranslate(self) -> None:
        self.input_label.setText(self.tr("&Message (Arabic or English; Ctrl+Enter sends):"))
        self.input.setPlaceholderText(self.tr("For example: clinic booking platform in Riyadh "
                                              "with Arabic UI"))
        self.input.setAccessibleName(self.tr("Message to the assistant"))
        self.send_button.setText(self.tr("&Send"))
        self.send_action.setText(self.tr("Send"))
        self.explain_label.setText(self.tr("E&xplain this:"))
        # the pointer and the check id are code: left to right inside an Arabic sentence
        self.explain_input.setPlaceholderText(fill(
            self.tr("%1, an entity name, a check id such as %2, or a rule id"),
            ltr("/entities/0"), ltr("HIPAA-164.312(b)")))
        self.explain_input.setAccessibleName(self.tr("What to explain"))
        self.explain_button.setText(self.tr("Ex&plain"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.LayoutDirectionChange:
            self._follow_text_direction()  # an empty box follows the console's direction
        super().changeEvent(event)


def text_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of the first letter with a strong direction (Unicode's rule P2), or
    None when the text has none (digits, punctuation, nothing typed yet)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
    return None
