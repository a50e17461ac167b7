"""The status bar: which workspace is open, where it lives, and whether it answers."""

from __future__ import annotations

from app.gui.formatting import fill, isolate
from app.gui.qt import QEvent, QLabel, QProgressBar, QStatusBar, QWidget
from app.gui.session import Phase, WorkspaceSession

MAX_LOCATION = 64


def elide_middle(text: str, limit: int = MAX_LOCATION) -> str:
    if len(text) <= limit:
        return text
    keep = (limit - 1) // 2
    return f"{text[:keep]}…{text[-keep:]}"


class WorkspaceStatusBar(QStatusBar):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspaceStatus")
        self._session = session
        self.workspace_label = QLabel(self)
        self.workspace_label.setObjectName("workspaceName")
        self.location_label = QLabel(self)
        self.location_label.setObjectName("workspaceLocation")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("connectionState")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingWorkspace")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.addWidget(self.workspace_label)
        self.addWidget(self.location_label, 1)
        self.addPermanentWidget(self.pending_label)
        self.addPermanentWidget(self.busy)
        self.addPermanentWidget(self.state_label)
        self.setSizeGripEnabled(False)
        session.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        state = self._session.state
        if state.name:
            self.workspace_label.setText(fill(self.tr("Workspace: %1"), state.name))
        else:
            self.workspace_label.setText(self.tr("No workspace open"))
        self.location_label.setText(isolate(elide_middle(state.location)) if state.location else "")
        self.location_label.setToolTip(state.location)
        texts = {
            Phase.STARTING: self.tr("Starting…"),
            Phase.OPENING: self.tr("Opening…"),
            Phase.CONNECTED: self.tr("Connected"),
            Phase.UNREACHABLE: fill(self.tr("Unreachable: %1"), state.reason),
            Phase.FAILED: self.tr("Not connected"),
        }
        self.state_label.setText("● " + texts[state.phase])
        self.state_label.setToolTip(state.reason)
        if self.state_label.property("state") != state.phase.value:
            self.state_label.setProperty("state", state.phase.value)
            self.state_label.style().unpolish(self.state_label)
            self.state_label.style().polish(self.state_label)
        if state.pending:
            self.pending_label.setText(fill(self.tr("Opening %1…"), state.pending))
        self.pending_label.setVisible(bool(state.pending))
        self.busy.setVisible(bool(state.pending) or state.phase is Phase.STARTING)
        self.workspace_label.setAccessibleName(self.tr("Open workspace"))
        self.location_label.setAccessibleName(self.tr("Workspace location"))
        self.state_label.setAccessibleName(self.tr("Connection state"))
        self.busy.setAccessibleName(self.tr("Working"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
