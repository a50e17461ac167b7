"""Settings → Cloud accounts: the owner's cloud accounts in the open workspace — add one
(its token goes to the OS keyring only; a sandbox runs a simulated Hetzner Cloud on this
computer), check its token and rate limit, and remove one (a governed action: it may wait
for an approval). The list follows the workspace live."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.gui.background import BackgroundOp
from app.gui.formatting import fill, format_datetime, format_number
from app.gui.live_text import show_text
from app.gui.messages import error_text
from app.gui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.store_feed import follow
from app.gui.table_model import ObjectTableModel, record_table

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.session import WorkspaceSession
    from app.services.cloud_accounts import CloudAccount
    from app.services.cloud_ports import TokenCheck

PROVIDERS = ("hetzner",)
PROVIDER_NAMES = {"hetzner": "Hetzner Cloud"}


class CloudAccountsModel(ObjectTableModel):
    COLUMNS = ("name", "provider", "kind", "added")

    def titles(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Provider"), self.tr("Kind"), self.tr("Added"))

    def format_row(self, item: Any) -> tuple[str, ...]:
        account: CloudAccount = item
        kind = self.tr("Sandbox (simulated, nothing billed)") if account.sandbox else self.tr("Account")
        added = account.added_at  # shown as recorded unless it reads as a time
        with contextlib.suppress(ValueError):
            added = format_datetime(datetime.fromisoformat(account.added_at), "short")
        return (account.name, PROVIDER_NAMES.get(account.provider, account.provider), kind,
                fill(self.tr("%1 by %2"), added, account.added_by))


class AddAccountDialog(QDialog):
    """Name, provider and token (or a sandbox). The token field echoes nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addCloudAccount")
        self.name = QLineEdit(self)
        self.name.setMinimumWidth(280)
        self.provider = QComboBox(self)
        for provider in PROVIDERS:
            self.provider.addItem(PROVIDER_NAMES[provider], provider)
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setMinimumWidth(280)
        self.sandbox = QCheckBox(self)
        self.sandbox.toggled.connect(self._sandbox_toggled)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.name, self.provider, self.token), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.sandbox)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def values(self) -> tuple[str, str, str, bool]:
        return (self.name.text().strip(), str(self.provider.currentData()), self.token.text(),
                self.sandbox.isChecked())

    def _sandbox_toggled(self, on: bool) -> None:
        self.token.setEnabled(not on)
        if on:
            self.token.clear()

    def _accept(self) -> None:
        name, _provider, token, sandbox = self.values()
        if not name:
            self._say(self.tr("Give the account a name."))
            self.name.setFocus()
        elif not sandbox and not token.strip():
            self._say(self.tr("Paste the API token of the cloud project, or choose a sandbox."))
            self.token.setFocus()
        else:
            self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a cloud account"))
        for label, text in zip(self.labels, (self.tr("&Name:"), self.tr("&Provider:"),
                                             self.tr("API &token:")), strict=True):
            label.setText(text)
        self.name.setPlaceholderText(self.tr("e.g. main"))
        self.token.setPlaceholderText(self.tr("kept only in this computer's keyring"))
        self.sandbox.setText(self.tr("&Sandbox: a simulated cloud on this computer (no token, "
                                     "nothing billed)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class CloudAccountsBox(QGroupBox):
    changed = Signal()  # the list was (re)loaded

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cloudAccounts")
        self.workspace: Workspace | None = None
        self.dialog: AddAccountDialog | None = None
        self.busy = False
        self.model = CloudAccountsModel(self)
        self.table = record_table(self, self.model, "cloudAccountList", {0: 120, 1: 130, 2: 200},
                                  stretch=(3,))
        self.table.setMaximumHeight(150)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.open_add)
        self.check_button = QPushButton(self)
        self.check_button.clicked.connect(self.check_selected)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.why = QLineEdit(self)
        self.why.setObjectName("cloudRemoveWhy")
        self.status = QLabel(self)
        self.status.setObjectName("settingsMessage")
        self.status.setWordWrap(True)
        self.status.hide()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.check_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addWidget(self.why, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.refresh, {"cloud"})
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ loading
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.model.set_objects([])
        self.status.hide()
        self.refresh()

    def refresh(self) -> None:
        workspace = self.workspace
        cloud = workspace.cloud if workspace is not None else None
        if workspace is None or cloud is None:
            self._update_buttons()
            return
        BackgroundOp(self, lambda: workspace.runner.run(cloud.all)).success(
            lambda accounts: self._listed(workspace, accounts)).failure(self._failed).run()

    def _listed(self, workspace: Workspace, accounts: list[CloudAccount]) -> None:
        if workspace is not self.workspace:
            return
        chosen = self.selected()
        self.model.set_objects(accounts)
        row = self.model.row_where(lambda a: chosen is not None and a.name == chosen.name)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()
        self.changed.emit()

    def selected(self) -> CloudAccount | None:
        account: CloudAccount | None = self.model.object_at(self.table.currentIndex().row())
        return account

    # ------------------------------------------------------------------ actions
    def open_add(self) -> None:
        dialog = AddAccountDialog(self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._add(*dialog.values()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _add(self, name: str, provider: str, token: str, sandbox: bool) -> None:
        workspace = self.workspace
        if workspace is None or workspace.cloud is None:
            return
        cloud, me = workspace.cloud, workspace.current_user
        self._run(lambda: cloud.add(name, provider, token or None, me, sandbox=sandbox),
                  lambda result: self._added(*result))

    def _added(self, account: CloudAccount, check: TokenCheck) -> None:
        self._say("ok", lambda: fill(self.tr("Added %1. %2"), account.name, self._limit(check)))
        self.refresh()

    def check_selected(self) -> None:
        account, workspace = self.selected(), self.workspace
        if account is None or workspace is None or workspace.cloud is None:
            return
        cloud, name = workspace.cloud, account.name
        self._run(lambda: cloud.check(name), lambda check: self._say("ok", lambda: fill(
            self.tr("The token of %1 is valid. %2"), name, self._limit(check))))

    def remove_selected(self) -> None:
        account, workspace = self.selected(), self.workspace
        why = self.why.text().strip()
        if account is None or workspace is None:
            return
        if not why:
            self._say("error", lambda: self.tr("Say why the account is removed (it is recorded "
                                               "and shown to approvers)."))
            self.why.setFocus()
            return
        from app.domain.governance import actions as kinds
        from app.domain.governance.actions import ActionDescriptor

        action = ActionDescriptor(kinds.CLOUD_ACCOUNT_REMOVE, workspace.current_user,
                                  workspace.entry.tenant_id, subject=account.name,
                                  context={"provider": account.provider, "sandbox": account.sandbox})
        name = account.name
        self._run(lambda: workspace.governance.submit_now(action, why),
                  lambda result: self._removed(name, result))

    def _removed(self, name: str, result: object) -> None:
        from app.services.approvals import ApprovalRequest

        self.why.clear()
        if isinstance(result, ApprovalRequest):
            request_id = result.id
            self._say("info", lambda: fill(self.tr("Removing %1 waits for approval: request %2. "
                                                   "Decide it under Approvals."), name, request_id))
        else:
            self._say("ok", lambda: fill(self.tr("Removed %1 and its token; nothing in the "
                                                 "cloud was touched."), name))
        self.refresh()

    def _run(self, work: Any, done: Any) -> None:
        workspace = self.workspace
        if workspace is None or self.busy:
            return
        self.busy = True
        self._update_buttons()
        self._say("info", lambda: self.tr("Working…"))

        def finished() -> None:
            self.busy = False
            self._update_buttons()

        BackgroundOp(self, lambda: workspace.runner.run(work)).success(done).failure(
            self._failed).finished(finished).run()

    def _failed(self, exc: BaseException) -> None:
        self._say("error", lambda: error_text(exc))

    # ------------------------------------------------------------------ drawing
    def _limit(self, check: TokenCheck) -> str:
        if check.remaining is None or check.rate_limit is None:
            return self.tr("The provider reports no rate limit.")
        return fill(self.tr("%1 of %2 requests left this hour."), format_number(check.remaining),
                    format_number(check.rate_limit))

    def _say(self, kind: str, text: Any) -> None:
        self.status.setProperty("kind", kind)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        show_text(self.status, text)
        self.status.show()

    def _update_buttons(self) -> None:
        usable = self.workspace is not None and self.workspace.cloud is not None and not self.busy
        chosen = self.selected() is not None
        self.add_button.setEnabled(usable)
        self.check_button.setEnabled(usable and chosen)
        self.remove_button.setEnabled(usable and chosen)
        self.why.setEnabled(usable and chosen)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Cloud accounts"))
        self.add_button.setText(self.tr("&Add…"))
        self.check_button.setText(self.tr("C&heck"))
        self.remove_button.setText(self.tr("Re&move"))
        self.why.setPlaceholderText(self.tr("why remove it (required)"))
        self.why.setAccessibleName(self.tr("Why the account is removed"))
        self.table.setAccessibleName(self.tr("Cloud accounts of this workspace"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
