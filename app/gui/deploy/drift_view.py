"""The last drift check of the chosen environment: a sentence that sums it up and one line
per item — what changed in the cloud outside the console since the last apply — in the
console's language, as the domain says it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.formatting import fill, language
from app.gui.qt import QEvent, QLabel, QListWidget, QListWidgetItem, Qt, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from app.domain.cloud.drift import Drift


class DriftView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deployDrift")
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.items = QListWidget(self)
        self.items.setObjectName("driftItems")
        self.items.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.items, 1)
        self.drift: Drift | None = None
        self.retranslate()

    def show_drift(self, drift: Drift | None) -> None:
        self.drift = drift
        self.items.clear()
        if drift is not None:
            for found in drift.items:
                item = QListWidgetItem(found.sentence("ar" if language() == "ar" else "en"),
                                       self.items)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
        self.items.setVisible(drift is not None and not drift.clean)
        self._headline()

    def _headline(self) -> None:
        drift = self.drift
        if drift is None:
            text = self.tr("Not checked yet. Check drift compares the cloud with what was "
                           "last applied (it reads the cloud account).")
        elif drift.clean:
            text = self.tr("No drift: the environment is as it was last applied.")
        else:
            text = fill(self.tr("Drift outside the console — changes: %1; resources concerned: "
                                "%2. A new plan mends it."), len(drift.items), drift.resources)
        self.headline.setText(text)

    def retranslate(self) -> None:
        self.items.setAccessibleName(self.tr("What drifted"))
        self.show_drift(self.drift)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
