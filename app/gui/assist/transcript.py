"""The chat transcript: who said what, with the answer being streamed at the end.

Messages are inserted as plain text (never as markup), each message taking its
direction from its own text, so an English answer reads left to right in the Arabic
window and an Arabic one right to left in the English window; headers and notes follow
the window's direction.
"""

from __future__ import annotations

from app.gui.assist.chat_flow import ChatLine
from app.gui.assist.texts import engine_name
from app.gui.formatting import fill, format_datetime, format_number
from app.gui.qt import (
    QEvent,
    QFont,
    QPalette,
    Qt,
    QTextBlockFormat,
    QTextBrowser,
    QTextCharFormat,
    QTextCursor,
    QWidget,
)


class TranscriptView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assistTranscript")
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._live_start: int | None = None
        self._live_header = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.setPlaceholderText(self.tr("Describe a new platform or a change to the chosen "
                                        "blueprint; the answer appears here as it is written."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ formats
    def _header_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        return fmt

    def _body_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(self.palette().color(QPalette.ColorRole.Text))
        return fmt

    def _note_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        fmt.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        return fmt

    def _end(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _paragraph(self, text: str, fmt: QTextCharFormat, top_margin: int = 0,
                   own_direction: bool = False) -> None:
        cursor = self._end()
        block = QTextBlockFormat()
        block.setTopMargin(top_margin)
        block.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto if own_direction
                                 else self.layoutDirection())
        if self.document().isEmpty():
            cursor.setBlockFormat(block)
            cursor.setCharFormat(fmt)
        else:
            cursor.insertBlock(block, fmt)
        cursor.insertText(text, fmt)

    def _scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    # ------------------------------------------------------------------ content
    def clear_transcript(self) -> None:
        self._live_start = None
        self.clear()

    def add_message(self, header: str, text: str) -> None:
        self._paragraph(header, self._header_format(), top_margin=10)
        self._paragraph(text, self._body_format(), own_direction=True)
        self._scroll_to_end()

    def add_note(self, text: str) -> None:
        self._paragraph(text, self._note_format(), top_margin=4)
        self._scroll_to_end()

    def add_line(self, line: ChatLine) -> None:
        """A line of a past conversation."""
        when = format_datetime(line.when, "short") if line.when else ""
        data = line.data
        if line.kind == "message" and line.role == "user":
            who = line.actor or self.tr("You")
            self.add_message(fill("%1 · %2", who, when), line.text)
        elif line.kind == "message":
            self.add_message(fill(self.tr("Assistant · %1 · %2"),
                                  engine_name(line.engine, line.model), when), line.text)
        elif line.kind == "proposal":
            self.add_note(fill(self.tr("Proposal for %1 (%Ln operations)", "",
                                       len(data.get("patch", []))), data.get("key", "?")))
        elif line.kind == "accepted":
            self.add_note(fill(self.tr("%1 accepted it: blueprint %2 is now version %3"),
                               line.actor or "?", data.get("key", "?"),
                               format_number(int(data.get("version") or 0))))
        elif line.kind == "rejected":
            self.add_note(fill(self.tr("%1 rejected it; nothing changed"), line.actor or "?"))

    def mark(self) -> int:
        """Where the transcript ends now, to :meth:`truncate` back to."""
        return self._end().position() if not self.document().isEmpty() else 0

    def truncate(self, position: int) -> None:
        """Remove everything after ``position`` (a :meth:`mark`)."""
        cursor = self._end()
        cursor.setPosition(min(position, cursor.position()), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._live_start = None

    def begin_live(self, header: str) -> None:
        """Start the answer being streamed, under ``header``."""
        self._live_header = self._end().position()
        self._paragraph(header, self._header_format(), top_margin=10)
        self._paragraph("", self._body_format(), own_direction=True)
        self._live_start = self._end().position()

    @property
    def streaming(self) -> bool:
        return self._live_start is not None

    def append_live(self, piece: str) -> None:
        if self._live_start is None:
            return
        self._end().insertText(piece, self._body_format())
        self._scroll_to_end()

    def live_text(self) -> str:
        if self._live_start is None:
            return ""
        cursor = self._end()
        cursor.setPosition(self._live_start, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    def drop_live(self) -> None:
        """Remove what was streamed since the answer began (a retry starts again)."""
        if self._live_start is None:
            return
        cursor = self._end()
        cursor.setPosition(self._live_start, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def finish_live(self, final: str | None) -> None:
        """End the streamed answer; ``final`` replaces it when the answer's last word
        differs from what was streamed. None removes the answer (cancelled)."""
        if self._live_start is None:
            return
        if final is None:  # the header goes too
            cursor = self._end()
            cursor.setPosition(self._live_header, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        elif self.live_text() != final:
            self.drop_live()
            self._end().insertText(final, self._body_format())
        self._live_start = None
        self._scroll_to_end()
