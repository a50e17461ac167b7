"""A message across the pane or the editor with a few choices (restore a draft, a save
conflict, a file that was not imported). Texts are functions, so a language switch
re-renders them."""

from __future__ import annotations

from collections.abc import Callable

from app.gui.qt import QEvent, QFrame, QHBoxLayout, QLabel, QPushButton, Qt, QWidget


class EditorNotice(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", "info")
        self.label = QLabel(self)
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 8, 6)
        self._layout.addWidget(self.label, 1)
        self._text: Callable[[], str] = str
        self._choices: list[tuple[QPushButton, Callable[[], str]]] = []
        self.topic = ""  # what the notice is about ("draft", "conflict", ...)
        self.hide()

    @property
    def kind(self) -> str:
        return str(self.property("kind"))

    def show_notice(self, topic: str, kind: str, text: Callable[[], str],
                    choices: list[tuple[Callable[[], str], Callable[[], None]]] | None = None
                    ) -> None:
        for button, _text in self._choices:
            button.deleteLater()
        self._choices = []
        self.topic = topic
        self._text = text
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        for label, action in choices or [(lambda: self.tr("Dismiss"), self.dismiss)]:
            button = QPushButton(self)
            button.clicked.connect(action)
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self._choices.append((button, label))
        self.retranslate()
        self.show()

    def buttons(self) -> list[QPushButton]:
        return [button for button, _text in self._choices]

    def dismiss(self) -> None:
        self.hide()
        self.topic = ""

    def text(self) -> str:
        return self.label.text()

    def retranslate(self) -> None:
        self.label.setText(self._text())
        for button, text in self._choices:
            button.setText(text())
        self.setAccessibleName(self.tr("Error") if self.kind == "error" else self.tr("Notice"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
