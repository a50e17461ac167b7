"""The Users pane: who may do what in this workspace.

Every change goes to the constitution as a governed action: it happens at once, waits for
the owner's approval (the pane then waits with it and says when it was decided), or is
refused with the constitution's reason. Whoever lacks ``users.manage`` (an auditor, a
viewer) sees the pane read-only.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from app.gui.background import BackgroundOp
from app.gui.banner import MessageBanner
from app.gui.formatting import fill
from app.gui.governance.calls import Directory, load_directory, submit_user_change
from app.gui.governance.texts import describe_action, role_name
from app.gui.governance.user_actions import (
    ChangeResult,
    UserChange,
    UserChangeRequest,
    descriptor,
    offer,
)
from app.gui.governance.user_dialogs import UserChangeDialog
from app.gui.governance.users_model import NAME, REASON, ROLE, STATUS, USER, UsersModel
from app.gui.live_text import show_text
from app.gui.messages import error_text
from app.gui.qt import (
    QEvent,
    QHBoxLayout,
    QItemSelectionModel,
    QLabel,
    QPushButton,
    QShowEvent,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.store_feed import follow
from app.gui.table_model import record_table
from app.services.approvals import ApprovalRequest, ApprovalState

if TYPE_CHECKING:
    import asyncio

    from app.bootstrap import Workspace
    from app.domain.governance.users import User
    from app.gui.session import WorkspaceSession


class UsersPane(QWidget):
    listed = Signal()
    dialog_opened = Signal(object)  # the UserChangeDialog shown
    resumed = Signal(object)  # an awaited ApprovalRequest, once decided

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersPane")
        self.workspace: Workspace | None = None
        self.me: User | None = None
        self.loading = False
        self._stale = False
        self.model = UsersModel(self)
        self.dialog: UserChangeDialog | None = None
        self._waiting: set[asyncio.Task[None]] = set()
        self._build()
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.refresh, {"users"})
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.banner = MessageBanner(self)
        self.who = QLabel(self)
        self.who.setObjectName("usersWho")
        self.who.setWordWrap(True)
        self.table = record_table(self, self.model, "usersTable", {USER: 110, NAME: 150, ROLE: 120, STATUS: 100, REASON: 180})
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_controls())
        self.error_label = QLabel(self)
        self.error_label.setObjectName("paneError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons: dict[UserChange, QPushButton] = {}
        row = QHBoxLayout()
        for change in UserChange:
            button = QPushButton(self)
            button.setObjectName(f"user_{change.value}")
            button.clicked.connect(lambda _checked=False, c=change: self.start_change(c))
            self.buttons[change] = button
            row.addWidget(button)
        row.addStretch(1)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.who)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        chain = [self.table, *self.buttons.values(), self.refresh_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.setFocusProxy(self.table)

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        self._stop_waiting()
        if self.dialog is not None:
            self.dialog.done(0)
        self.workspace = workspace
        self.me = None
        self.model.set_users([])
        self.banner.dismiss()
        self.error_label.hide()
        self._stale = True
        if self.isVisible():
            self.refresh()
        else:
            self._update_controls()

    def showEvent(self, event: QShowEvent) -> None:
        # Loaded when first shown: the first person to look becomes the root owner.
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        workspace = self.workspace
        if workspace is None:
            self._update_controls()
            return
        self._stale = False
        self.loading = True

        def done() -> None:
            self.loading = False
            self._update_controls()

        BackgroundOp(self, lambda: load_directory(workspace)).success(
            lambda found: self._listed(workspace, found)).failure(self._show_error).finished(done).run()
        self._update_controls()

    def _listed(self, workspace: Workspace, directory: Directory) -> None:
        if workspace is not self.workspace:
            return
        selected = self.selected_user()
        self.me = directory.me
        self.model.set_users(directory.users, workspace.current_user)
        row = self.model.row_of(selected.user_id) if selected is not None else -1
        if row >= 0:
            self.select_row(row)
        self.error_label.hide()
        self._update_controls()
        self.listed.emit()

    def _show_error(self, exc: BaseException) -> None:
        show_text(self.error_label,
                  lambda: fill(self.tr("The users could not be loaded. %1"), error_text(exc)))
        self.error_label.show()

    def shutdown(self) -> None:
        self._stop_waiting()
        if self.dialog is not None:
            self.dialog.done(0)
        self.workspace = None

    def _stop_waiting(self) -> None:
        for task in list(self._waiting):
            task.cancel()
        self._waiting.clear()

    def select_row(self, row: int) -> None:
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                    flags.ClearAndSelect | flags.Rows)

    def selected_user(self) -> User | None:
        return self.model.user_at(self.table.currentIndex().row())

    # ------------------------------------------------------------------ changing
    def start_change(self, change: UserChange) -> UserChangeDialog | None:
        workspace = self.workspace
        target = None if change is UserChange.ADD else self.selected_user()
        if workspace is None or (change is not UserChange.ADD and target is None):
            return None
        if not getattr(offer(self.me, target), change.value):
            return None  # read-only, or not a change this user can have
        dialog = UserChangeDialog(change, target, lambda r: submit_user_change(workspace, r),
                                  self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(lambda request, result: self._changed(workspace, request, result))
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()  # keyboard input goes to the dialog at once
        self.dialog_opened.emit(dialog)
        return dialog

    def _changed(self, workspace: Workspace, request: UserChangeRequest, result: ChangeResult) -> None:
        if workspace is not self.workspace:
            return
        what = describe_action(descriptor(request, workspace.current_user, workspace.entry.tenant_id))
        if result.request is not None:
            waiting = result.request
            self.banner.show_message("info", lambda: fill(
                self.tr("Waiting for approval: %1 (request %2). It is carried out once approved."),
                what, waiting.id))
            self.wait_for(waiting, what)
        else:
            self.banner.show_message("info", lambda: fill(self.tr("Done: %1"), what))
        self.refresh()

    def wait_for(self, request: ApprovalRequest, what: str) -> None:
        """Resume when the owner decides (here, in another console or the CLI)."""
        workspace = self.workspace
        if workspace is None:
            return
        task = BackgroundOp(self, lambda: workspace.approvals.wait(request.id)).success(
            lambda decided: self._decided(workspace, decided, what)).run()
        self._waiting.add(task)
        task.add_done_callback(self._waiting.discard)

    def _decided(self, workspace: Workspace, request: ApprovalRequest, what: str) -> None:
        if workspace is not self.workspace:
            return
        state = request.state(workspace.approvals.clock())
        texts = {
            ApprovalState.APPROVED: lambda: fill(self.tr("Approved and done: %1 (request %2)"),
                                                 what, request.id),
            ApprovalState.REJECTED: lambda: fill(self.tr("Rejected, nothing changed: %1 (request %2)"),
                                                 what, request.id),
            ApprovalState.EXPIRED: lambda: fill(self.tr("Expired, nothing changed: %1 (request %2)"),
                                                what, request.id),
            ApprovalState.WITHDRAWN: lambda: fill(
                self.tr("Withdrawn, nothing changed: %1 (request %2)"), what, request.id),
        }
        text = texts.get(state)
        if text is not None:
            self.banner.show_message("info", text)
        self.refresh()
        self.resumed.emit(request)

    # ------------------------------------------------------------------ drawing
    def _update_controls(self) -> None:
        allowed = offer(self.me, self.selected_user())
        for change, button in self.buttons.items():
            button.setVisible(allowed.manage)
            button.setEnabled(bool(getattr(allowed, change.value)))
        self.refresh_button.setEnabled(self.workspace is not None)
        me = self.me
        if self.workspace is None:
            self.who.setText(self.tr("No workspace is open."))
        elif me is None:
            self.who.setText("")
        elif allowed.manage:
            self.who.setText(fill(self.tr("You are %1 (%2). Changes go to the constitution, which "
                                          "may ask the owner to approve them."),
                                  me.user_id, role_name(me.role)))
        else:
            self.who.setText(fill(self.tr("You are %1 (%2): you can see the users but not change "
                                          "them."), me.user_id, role_name(me.role)))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Users"))
        texts = {
            UserChange.ADD: self.tr("Add &user…"),
            UserChange.ROLE: self.tr("Change &role…"),
            UserChange.SUSPEND: self.tr("&Suspend…"),
            UserChange.BAN: self.tr("&Ban…"),
            UserChange.REACTIVATE: self.tr("Reac&tivate…"),
            UserChange.PERMISSIONS: self.tr("&Permissions…"),
            UserChange.ROOT_TRANSFER: self.tr("Transfer r&oot…"),
        }
        for change, text in texts.items():
            self.buttons[change].setText(text)
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.table.setAccessibleName(self.tr("Users"))
        self.model.retranslate()
        self._update_controls()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
