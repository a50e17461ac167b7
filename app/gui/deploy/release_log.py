"""A release deploy's (or a rollback's, a restore's) steps as they are reported, one line each, in the console's language:
"Upload to wn-hub-staging-app-1: done", "Migrate the database: under way…", a failed step
with what the server said. Lines are rendered again after a language switch."""

from __future__ import annotations

from collections.abc import Callable

from app.gui.formatting import fill, ltr
from app.gui.qt import QAbstractItemView, QEvent, QListWidget, QListWidgetItem, Qt, QWidget


class ReleaseLog(QListWidget):
    def __init__(self, parent: QWidget | None = None,
                 spoken: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseLog")
        self.spoken = spoken  # the log's accessible name, in the console's language
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMinimumHeight(self.fontMetrics().height() * 5)
        self.setMaximumHeight(self.fontMetrics().height() * 10)
        self.lines: list[tuple[str, str, str]] = []  # step, state, message
        self.hide()
        self.retranslate()

    def clear(self) -> None:
        self.lines = []
        super().clear()
        self.hide()

    def show_lines(self, lines: list[tuple[str, str, str]]) -> None:
        """The steps of an earlier deploy (hidden when there are none)."""
        self.clear()
        for line in lines:
            self.lines.append(line)
            self._text(QListWidgetItem(self), *line)
        self.setVisible(bool(lines))

    def report(self, step: str, state: str, message: str = "") -> None:
        """One Report: a step started gets a line; its end replaces that line."""
        if state != "started" and self.lines and self.lines[-1][0] == step \
                and self.lines[-1][1] == "started":
            self.lines[-1] = (step, state, message)
            item = self.item(self.count() - 1)
        else:
            self.lines.append((step, state, message))
            item = QListWidgetItem(self)
        self._text(item, *self.lines[-1])
        self.scrollToItem(item)
        self.show()

    def texts(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def step_name(self, step: str) -> str:
        """A step id of the deploy engine ("install:wn-hub-staging-app-1") in words."""
        kind, _colon, server = step.partition(":")
        where = ltr(server)
        names = {
            "database": lambda: self.tr("Set the database logins' passwords"),
            "upload": lambda: fill(self.tr("Upload the release to %1"), where),
            "install": lambda: fill(self.tr("Install it on %1"), where),
            "settings": lambda: fill(self.tr("Write its settings on %1"), where),
            "backup": lambda: self.tr("Back up the database"),
            "migrate": lambda: self.tr("Migrate the database"),
            "switch": lambda: fill(self.tr("Switch %1 to the release"), where),
            "restart": lambda: fill(self.tr("Restart the platform on %1"), where),
            "health": lambda: fill(self.tr("Check health on %1"), where),
            "switch_back": lambda: fill(self.tr("Switch %1 back to the release before"), where),
            "downgrade": lambda: self.tr("Migrate the database down"),
            "restore": lambda: self.tr("Restore the database backup"),
            "stop": lambda: fill(self.tr("Stop the platform on %1"), where),
            "drill": lambda: self.tr("Rehearse a restore in a scratch database"),
        }
        said = names.get(kind)
        return said() if said is not None else ltr(step)

    def state_name(self, state: str) -> str:
        return {"started": self.tr("under way…"), "done": self.tr("done"),
                "failed": self.tr("failed")}.get(state, state)

    def _text(self, item: QListWidgetItem, step: str, state: str, message: str) -> None:
        # Words and punctuation only: the same in every language.
        text = fill("%1: %2", self.step_name(step), self.state_name(state))
        if message:
            text = fill("%1 — %2", text, message)
        item.setText(text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)

    def retranslate(self) -> None:
        self.setAccessibleName(self.spoken() if self.spoken is not None
                               else self.tr("Steps of the release deploy"))
        for row, line in enumerate(self.lines):
            item = self.item(row)
            if item is not None:
                self._text(item, *line)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
