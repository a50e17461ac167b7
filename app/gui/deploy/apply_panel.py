"""Where an apply stands, under the plan's buttons: a sentence (waiting for the owner,
applying, applied, stopped at a step, cancelled, interrupted), a progress bar of steps done
out of all, each step with its state in words, and the buttons that go on from there —
Open Approvals, Cancel, Retry, Roll back, Resume. It only draws; the Deploy pane's
:class:`~app.gui.deploy.deploying.Deploying` decides what it says."""

from __future__ import annotations

from collections.abc import Callable

from app.gui.deploy.texts import step_words
from app.gui.formatting import fill
from app.gui.live_text import show_text
from app.gui.qt import (
    QAbstractItemView,
    QEvent,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)

STEP_ROLE = Qt.ItemDataRole.UserRole + 1  # the step id an item shows


class ApplyPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applyPanel")
        self.message = QLabel(self)
        self.message.setObjectName("applyMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("applyProgress")
        self.steps = QListWidget(self)
        self.steps.setObjectName("applySteps")
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps.setMaximumHeight(self.steps.fontMetrics().height() * 8)
        self.open_approvals = QPushButton(self)
        self.cancel = QPushButton(self)
        self.retry = QPushButton(self)
        self.rollback = QPushButton(self)
        self.resume = QPushButton(self)
        self.buttons = (self.open_approvals, self.cancel, self.retry, self.rollback, self.resume)
        row = QHBoxLayout()
        for button in self.buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        layout.addWidget(self.steps)
        layout.addLayout(row)
        self.states: dict[str, str] = {}  # step id -> its state (started, done, failed, …)
        self.errors: dict[str, str] = {}
        self.clear()
        self.retranslate()

    # ------------------------------------------------------------------ showing
    def clear(self) -> None:
        """Nothing to say: the panel is hidden."""
        self.states = {}
        self.errors = {}
        self.steps.clear()
        self.bar.hide()
        self.steps.hide()
        self.message.clear()
        self.offer()
        self.hide()

    def say(self, render: Callable[[], str]) -> None:
        """A sentence, said again in the new language after a switch."""
        show_text(self.message, render)
        self.show()

    def offer(self, *buttons: QPushButton) -> None:
        """Show these buttons, hide the others."""
        for button in self.buttons:
            button.setVisible(button in buttons)

    def start_steps(self, steps: list[str], done: int = 0) -> None:
        """A run begins: every step of the plan, none reported yet."""
        self.states = {}
        self.errors = {}
        self.steps.clear()
        for step in steps:
            item = QListWidgetItem(self.steps)
            item.setData(STEP_ROLE, step)
        self.bar.setRange(0, max(len(steps), 1))
        self.bar.setValue(done)
        self.bar.show()
        self.steps.setVisible(bool(steps))
        self._texts()
        self.show()

    def report(self, index: int, total: int, step: str, state: str, message: str = "") -> None:
        """One step's news (a StepReport)."""
        if self.steps.count() != total:
            self.start_steps([""] * total)
        item = self.steps.item(index - 1)
        if item is not None:
            item.setData(STEP_ROLE, step)
            self.steps.scrollToItem(item)
        self.states[step] = state
        if message:
            self.errors[step] = message
        self.bar.setValue(sum(1 for s in self.states.values() if s in ("done", "adopted")))
        self._texts()

    def state_name(self, state: str) -> str:
        return {
            "started": self.tr("under way…"),
            "done": self.tr("done"),
            "adopted": self.tr("done (found, made by an earlier try)"),
            "skipped": self.tr("skipped"),
            "failed": self.tr("failed"),
        }.get(state, self.tr("waiting"))

    def _texts(self) -> None:
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            step = str(item.data(STEP_ROLE) or "")
            state = self.states.get(step, "")
            # Numbers, words and punctuation only: the same in every language.
            text = fill("%1. %2: %3", row + 1, step_words(step) if step else "…",
                        self.state_name(state))
            if step in self.errors:
                text = fill("%1 — %2", text, self.errors[step])
            item.setText(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        self.bar.setFormat(fill(self.tr("Steps done: %1 of %2"), self.bar.value(), self.bar.maximum()))

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.open_approvals.setText(self.tr("&Open Approvals"))
        self.open_approvals.setToolTip(self.tr("Show the request in the Approvals pane"))
        self.cancel.setText(self.tr("&Cancel"))
        self.cancel.setToolTip(self.tr("Stop after the step under way; nothing is left "
                                       "half-made"))
        self.retry.setText(self.tr("&Retry"))
        self.retry.setToolTip(self.tr("Run the failed step again and go on"))
        self.rollback.setText(self.tr("Roll &back"))
        self.rollback.setToolTip(self.tr("Plan the way back to the state applied before; "
                                         "review it, then apply it"))
        self.resume.setText(self.tr("Res&ume"))
        self.resume.setToolTip(self.tr("Go on from the step the console was at when it stopped"))
        self.bar.setAccessibleName(self.tr("Steps done"))
        self.steps.setAccessibleName(self.tr("Steps of the deployment"))
        self.message.setAccessibleName(self.tr("Deployment state"))
        self._texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
