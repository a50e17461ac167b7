"""The Approvals pane: the workspace's approval requests, pending first, each opened in the
owner approval dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.background import BackgroundOp
from app.gui.banner import MessageBanner
from app.gui.empty_state import EmptyState
from app.gui.formatting import fill
from app.gui.governance.approval_dialog import ApprovalDialog
from app.gui.governance.approval_flow import ApprovalDecisionFlow, utcnow
from app.gui.governance.approvals_model import (
    ACTION,
    EXPIRES,
    REQUESTED,
    REQUESTER,
    STATE,
    VOTES,
    ApprovalsModel,
)
from app.gui.governance.approvals_watch import ApprovalPrompter, ApprovalsWatch
from app.gui.governance.texts import describe_action
from app.gui.live_text import show_text
from app.gui.messages import error_text
from app.gui.qt import (
    QComboBox,
    QEvent,
    QHBoxLayout,
    QItemSelectionModel,
    QLabel,
    QModelIndex,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.table_model import record_table
from app.services.approvals import ApprovalRequest, ApprovalState

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.session import WorkspaceSession

ALL, PENDING_ONLY = range(2)


class ApprovalsPane(QWidget):
    dialog_opened = Signal(object)  # the ApprovalDialog shown

    def __init__(self, session: WorkspaceSession, watch: ApprovalsWatch | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalsPane")
        self.workspace: Workspace | None = None
        self.watch = watch if watch is not None else ApprovalsWatch(session, parent=self)
        self.prompter = ApprovalPrompter(self)
        self.prompter.requested.connect(self.show_dialog)
        self.dialogs: dict[str, ApprovalDialog] = {}
        self.model = ApprovalsModel(self)
        self._build()
        self.watch.changed.connect(self._show_requests)
        self.watch.failed.connect(self._show_error)
        session.workspace_changed.connect(self.set_workspace)
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.banner = MessageBanner(self)
        self.show_label = QLabel(self)
        self.show_filter = QComboBox(self)
        self.show_filter.setObjectName("approvalsFilter")
        self.show_filter.addItems(["", ""])
        self.show_label.setBuddy(self.show_filter)
        self.show_filter.currentIndexChanged.connect(lambda _index: self._show_requests())
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.show_label)
        bar.addWidget(self.show_filter)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.refresh_button)
        self.table = record_table(self, self.model, "approvalsTable", {ACTION: 300}, stretch=(ACTION,),
                                  fit=(STATE, REQUESTER, REQUESTED, EXPIRES, VOTES))
        self.table.activated.connect(self._activated)  # Enter or double-click opens it
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_controls())
        self.empty = EmptyState(self, "approvalsEmpty")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("paneError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        QWidget.setTabOrder(self.show_filter, self.open_button)
        QWidget.setTabOrder(self.open_button, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.table)
        self.setFocusProxy(self.table)

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.close_dialogs()
        self.workspace = workspace
        self.banner.dismiss()
        self.error_label.hide()
        self._show_requests()

    def refresh(self) -> None:
        self.watch.reload()

    def shutdown(self) -> None:
        self.close_dialogs()
        self.watch.shutdown()
        self.workspace = None

    def close_dialogs(self) -> None:
        for dialog in list(self.dialogs.values()):
            dialog.flow.cancel()
            dialog.done(0)
        self.dialogs.clear()

    # ------------------------------------------------------------------ list
    def visible_requests(self) -> list[ApprovalRequest]:
        requests = self.watch.requests
        if self.show_filter.currentIndex() == PENDING_ONLY:
            now = utcnow()
            requests = [r for r in requests if r.state(now) is ApprovalState.PENDING]
        return requests

    def _show_requests(self) -> None:
        selected = self.selected_request()
        self.model.set_requests(self.visible_requests())
        if selected is not None:
            row = self.model.row_of(selected.id)
            if row >= 0:
                self.select_row(row)
        if self.watch.loaded:
            self.error_label.hide()
        self._update_controls()

    def _show_error(self, exc: BaseException) -> None:
        show_text(self.error_label, lambda: fill(
            self.tr("The approval requests could not be loaded. %1"), error_text(exc)))
        self.error_label.show()

    def select_row(self, row: int) -> None:
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                    flags.ClearAndSelect | flags.Rows)

    def selected_request(self) -> ApprovalRequest | None:
        return self.model.request_at(self.table.currentIndex().row())

    # ------------------------------------------------------------------ deciding
    def _activated(self, index: QModelIndex) -> None:
        request = self.model.request_at(index.row())
        if request is not None:
            self.open_request(request)

    def open_selected(self) -> None:
        request = self.selected_request()
        if request is not None:
            self.open_request(request)

    def open_request(self, request: ApprovalRequest) -> None:
        """Ask the person at the console to decide (the prompter opens the dialog)."""
        workspace = self.workspace
        if workspace is None:
            return
        BackgroundOp(self, lambda: self.prompter.ask(workspace, request)).failure(
            self._show_error).run()

    def show_dialog(self, flow: ApprovalDecisionFlow) -> None:
        dialog = self.dialogs.get(flow.request_id)
        if dialog is None:
            dialog = ApprovalDialog(flow, self.window())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.decided.connect(self._decided)
            dialog.finished.connect(lambda _code, key=flow.request_id: self.dialogs.pop(key, None))
            self.dialogs[flow.request_id] = dialog
            dialog.open()
            dialog.activateWindow()  # keyboard input goes to the dialog at once
        else:  # asked again: bring the open dialog forward
            dialog.raise_()
            dialog.activateWindow()
        self.dialog_opened.emit(dialog)

    def _decided(self, flow: ApprovalDecisionFlow) -> None:
        request = flow.result or flow.request
        what = describe_action(request)
        if flow.withdrawn:
            self.banner.show_message("info", lambda: fill(self.tr("You withdrew: %1"), what))
        elif flow.approved:
            self.banner.show_message("info", lambda: fill(self.tr("You approved: %1"), what))
        else:
            self.banner.show_message("info", lambda: fill(self.tr("You rejected: %1"), what))
        self.watch.reload()

    # ------------------------------------------------------------------ drawing
    def _update_controls(self) -> None:
        has = self.model.rowCount() > 0
        self.open_button.setEnabled(self.selected_request() is not None)
        self.refresh_button.setEnabled(self.workspace is not None)
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        if self.workspace is None:
            self.empty.show_state(self.tr("No workspace is open."))
        elif not self.watch.loaded:
            self.empty.show_state(self.tr("Loading approval requests…"))
        elif self.show_filter.currentIndex() == PENDING_ONLY:
            self.empty.show_state(self.tr("No request waits for a decision."))
        else:
            self.empty.show_state(self.tr("No approval requests yet"), self.tr(
                "Actions the constitution reserves for the owner appear here."))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Approvals"))
        self.show_label.setText(self.tr("&Show:"))
        self.show_filter.setItemText(ALL, self.tr("All requests"))
        self.show_filter.setItemText(PENDING_ONLY, self.tr("Pending only"))
        self.show_filter.setAccessibleName(self.tr("Which requests to show"))
        self.open_button.setText(self.tr("&Open…"))
        self.open_button.setToolTip(self.tr("Show the selected request to approve or reject it (Enter)"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.table.setAccessibleName(self.tr("Approval requests"))
        self.model.retranslate()
        self._update_controls()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
