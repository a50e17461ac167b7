""""Reach servers at" in the Deploy pane's Releases tab: the servers to open SSH to at
another address than their public one (a tunnel, a bastion), as ``--reach`` takes them —
``SERVER=[USER@]HOST:PORT``, one per line or comma-separated. A wrong entry is named under
the field as it is typed; what is typed is remembered per workspace and environment in the
console's config folder (addresses, never a secret)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.deploy import release_ops
from app.gui.formatting import fill, ltr
from app.gui.live_text import show_text
from app.gui.qt import QEvent, QLabel, QPlainTextEdit, QSettings, Qt, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from app.services.release_targets import Reach

EXAMPLE = "wn-hub-staging-app-1=127.0.0.1:2222"


def reach_settings() -> QSettings:
    from app.paths import config_dir

    return QSettings(str(config_dir() / "deploy.ini"), QSettings.Format.IniFormat)


class ReachField(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.field = QPlainTextEdit(self)
        self.field.setObjectName("reachField")
        self.field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # addresses
        self.field.setTabChangesFocus(True)
        self.field.setFixedHeight(self.field.fontMetrics().height() * 3 + 12)
        self.label.setBuddy(self.field)
        self.error = QLabel(self)
        self.error.setObjectName("reachError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        self.where = ""  # the settings key of the environment shown
        self.field.textChanged.connect(self._changed)
        self.retranslate()

    def show_for(self, workspace: str, platform: str, environment: str) -> None:
        """Show what was typed for this environment before (nothing: empty)."""
        self.where = f"{workspace}/reach/{platform}/{environment}"
        self.field.blockSignals(True)
        self.field.setPlainText(str(reach_settings().value(self.where, "") or ""))
        self.field.blockSignals(False)
        self.error.hide()

    def clear_for_none(self) -> None:
        self.where = ""
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        self.error.hide()

    def reach(self) -> dict[str, Reach] | None:
        """The servers named; None (and the field says why) when an entry is wrong."""
        text = self.field.toPlainText()
        problem = release_ops.reach_problem(text)
        if problem is None:
            self.error.hide()
            return release_ops.reach_of(text)
        kind, value = problem
        if kind == "twice":
            show_text(self.error, lambda: fill(self.tr("Reach servers at: %1 is named twice."),
                                               ltr(value)))
        else:
            show_text(self.error, lambda: fill(self.tr(
                "Reach servers at: %1 is not SERVER=[USER@]HOST:PORT (for example %2)."),
                ltr(value), ltr(EXAMPLE)))
        self.error.show()
        return None

    def _changed(self) -> None:
        if self.reach() is None or not self.where:
            return
        settings = reach_settings()
        settings.setValue(self.where, self.field.toPlainText().strip())
        settings.sync()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Reach servers &at (optional; SERVER=[USER@]HOST:PORT, one "
                                   "per line or comma-separated)"))
        self.field.setPlaceholderText(EXAMPLE)
        self.field.setAccessibleName(self.tr("Reach servers at"))
        self.field.setToolTip(self.tr("Open SSH to these servers at another address than their "
                                      "public one, such as a tunnel or a bastion"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
