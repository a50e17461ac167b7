"""What a pane shows when it has nothing to list: a title, a one-line hint and, where there
is an obvious next step, a button for it.

It sits where the list would start — at the top of the pane's content, aligned with the
controls above it — and takes the spare height below, so the pane does not show a message
floating in the middle of an empty area.
"""

from __future__ import annotations

from app.gui.qt import QFont, QLabel, QPushButton, QSizePolicy, Qt, QVBoxLayout, QWidget, Signal


class EmptyState(QWidget):
    action_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, name: str = "emptyState") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.title = QLabel(self)
        self.title.setObjectName("emptyStateTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(self)
        self.hint.setObjectName("emptyStateHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self)
        self.button.setObjectName("emptyStateAction")
        self.button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self.action_clicked)
        self.button.hide()
        layout = QVBoxLayout(self)
        # The list it stands for starts right under the pane's controls: so does this.
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(4)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def show_state(self, title: str, hint: str = "", action: str = "") -> None:
        """Say ``title`` (with ``hint`` under it, and a button labelled ``action`` when given)."""
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.button.setText(action)
        self.button.setVisible(bool(action))

    def text(self) -> str:
        """Title and hint, as one would read them out."""
        return " ".join(t for t in (self.title.text(), self.hint.text()) if t)
