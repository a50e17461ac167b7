"""An inline message across the top of the window: what went wrong, or what happened.

The text is produced by a function, so a language switch re-renders it."""

from __future__ import annotations

from collections.abc import Callable

from app.gui.qt import (
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QWidget,
)


class MessageBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", "info")
        self._text: Callable[[], str] = str
        self.label = QLabel(self)
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        self.retranslate()

    @property
    def kind(self) -> str:
        return str(self.property("kind"))

    def show_message(self, kind: str, text: Callable[[], str]) -> None:
        """``kind`` is "error" or "info"; ``text`` renders the message in the current language."""
        self.setProperty("kind", kind)
        self._text = text
        self.style().unpolish(self)
        self.style().polish(self)
        self.retranslate()
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self._text = str

    def text(self) -> str:
        return self.label.text()

    def showing(self, text: Callable[[], str]) -> bool:
        """Is the banner on screen with the message ``text`` renders?"""
        return not self.isHidden() and self._text is text

    def retranslate(self) -> None:
        self.label.setText(self._text())
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss message"))
        role = self.tr("Error") if self.kind == "error" else self.tr("Notice")
        self.setAccessibleName(role)
        self.label.setAccessibleName(role)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
