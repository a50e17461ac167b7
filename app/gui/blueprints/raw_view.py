"""The raw document beside the forms: YAML or JSON text, always read left to right."""

from __future__ import annotations

from app.gui.fonts import monospace_font
from app.gui.qt import (
    QButtonGroup,
    QEvent,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QObject,
    QPlainTextEdit,
    QRadioButton,
    Qt,
    QTextCursor,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

TYPING_PAUSE_MS = 300
UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
EXTRA_UNDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")


class EditorUndoKeys(QObject):
    """Lets the editor's own Undo and Redo shortcuts win over a text box's built-in ones,
    so Ctrl+Z undoes the last change of the blueprint wherever the focus is."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and is_undo_key(event)):
            event.ignore()  # not the text box's: the editor's shortcut takes it
            return True
        return False


def is_undo_key(event: QKeyEvent) -> bool:
    if any(event.matches(key) for key in UNDO_KEYS):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(
        pressed.matches(QKeySequence(key)) == QKeySequence.SequenceMatch.ExactMatch
        for key in EXTRA_UNDO_KEYS
    )


class RawView(QWidget):
    """Text typed here is reported after a short pause (``text_committed``); the format
    switch asks for the document in the other format (``format_requested``)."""

    text_committed = Signal(str)
    format_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.yaml_button = QRadioButton(self)
        self.json_button = QRadioButton(self)
        self.formats = QButtonGroup(self)
        self.formats.addButton(self.yaml_button)
        self.formats.addButton(self.json_button)
        self.yaml_button.setChecked(True)
        self.yaml_button.clicked.connect(lambda: self.format_requested.emit("yaml"))
        self.json_button.clicked.connect(lambda: self.format_requested.emit("json"))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("rawText")
        self.text.setFont(monospace_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setUndoRedoEnabled(False)  # the editor's undo covers every kind of edit
        self.text.setTabChangesFocus(True)
        # Code reads left to right in either language.
        self.text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        option = self.text.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)  # even lines of Arabic text
        self.text.document().setDefaultTextOption(option)
        self.title.setBuddy(self.text)
        self._applying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        self.text.textChanged.connect(self._typed)
        self.text.installEventFilter(self)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.yaml_button)
        header.addWidget(self.json_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.text, 1)
        self.retranslate()

    # ------------------------------------------------------------------ text
    def _typed(self) -> None:
        if not self._applying:
            self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def commit(self) -> None:
        """Report typed text now (before undo, save or a draft)."""
        self._timer.stop()
        self.text_committed.emit(self.text.toPlainText())

    def flush(self) -> None:
        if self._timer.isActive():
            self.commit()

    def stop(self) -> None:
        self._timer.stop()

    def show_text(self, text: str, fmt: str) -> None:
        """Show ``text`` from the session, keeping the cursor and scroll where they were."""
        self._timer.stop()
        (self.yaml_button if fmt == "yaml" else self.json_button).setChecked(True)
        if text == self.text.toPlainText():
            return
        cursor = self.text.textCursor()
        position = cursor.position()
        scroll = self.text.verticalScrollBar().value()
        self._applying = True
        try:
            self.text.setPlainText(text)
        finally:
            self._applying = False
        cursor = self.text.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.text.setTextCursor(cursor)
        self.text.verticalScrollBar().setValue(scroll)

    def go_to(self, line: int, column: int) -> None:
        """Put the cursor on ``line``, ``column`` (1-based) and select that line's rest."""
        block = self.text.document().findBlockByNumber(max(line - 1, 0))
        if not block.isValid():
            block = self.text.document().lastBlock()
        cursor = QTextCursor(block)
        offset = min(max(column - 1, 0), max(block.length() - 1, 0))
        cursor.setPosition(block.position() + offset)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def cursor_place(self) -> tuple[int, int]:
        """(line, column) of the cursor's anchor, 1-based."""
        cursor = self.text.textCursor()
        anchor = min(cursor.anchor(), cursor.position())
        block = self.text.document().findBlock(anchor)
        return block.blockNumber() + 1, anchor - block.position() + 1

    # ------------------------------------------------------------------ events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("&Raw document"))
        self.yaml_button.setText(self.tr("YAML"))
        self.json_button.setText(self.tr("JSON"))
        self.yaml_button.setToolTip(self.tr("Show the document as YAML"))
        self.json_button.setToolTip(self.tr("Show the document as JSON"))
        self.text.setAccessibleName(self.tr("Raw document text"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
