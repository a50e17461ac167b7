"""The dialog for one change to a user: add, role, suspend, ban, reactivate, permissions,
root transfer. It checks the input, submits the change in the background and shows the
constitution's refusal inside the dialog, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from app.domain.governance.users import ROLE_PERMISSIONS, Permission, Role, User
from app.gui.background import BackgroundOp
from app.gui.formatting import fill
from app.gui.governance.approval_parts import align_to_reading_direction
from app.gui.governance.texts import permission_name, refusal_text, role_name
from app.gui.governance.user_actions import (
    ASSIGNABLE_ROLES,
    REASON_REQUIRED,
    ChangeResult,
    InputProblem,
    UserChange,
    UserChangeRequest,
    permissions_from_choice,
    problems,
)
from app.gui.qt import (
    QComboBox,
    QDialog,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.screen_fit import NAME_FIELD_WIDTH, fit_to_screen, keep_title_whole

Submit = Callable[[UserChangeRequest], Awaitable[ChangeResult]]
MIN_WIDTH = 480


class UserChangeDialog(QDialog):
    completed = Signal(object, object)  # the UserChangeRequest, its ChangeResult

    def __init__(self, change: UserChange, target: User | None, submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userChangeDialog")
        self.change = change
        self.target = target
        self._submit = submit
        self.busy_running = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.user_id = QLineEdit(self)
        self.user_id.setObjectName("newUserId")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("newUserName")
        for edit in (self.user_id, self.display_name):
            edit.setMinimumWidth(NAME_FIELD_WIDTH)
        self.role = QComboBox(self)
        self.role.setObjectName("userRole")
        for role in ASSIGNABLE_ROLES:
            self.role.addItem(role_name(role), role.value)
        self.permissions = QListWidget(self)
        self.permissions.setObjectName("userPermissions")
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("changeReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.labels = {name: QLabel(self) for name in ("user_id", "name", "role", "permissions", "reason")}
        rows: list[tuple[str, QWidget]] = []
        if change is UserChange.ADD:
            rows += [("user_id", self.user_id), ("name", self.display_name), ("role", self.role)]
        if change is UserChange.ROLE:
            rows.append(("role", self.role))
            if target is not None and target.role in ASSIGNABLE_ROLES:
                self.role.setCurrentIndex(self.role.findData(target.role.value))
        if change is UserChange.PERMISSIONS:
            rows.append(("permissions", self.permissions))
            self._fill_permissions()
        rows.append(("reason", self.reason))
        for name, widget in rows:
            self.labels[name].setBuddy(widget)
            self.form.addRow(self.labels[name], widget)
        used = {name for name, _widget in rows}
        fields = {"user_id": self.user_id, "name": self.display_name, "role": self.role,
                  "permissions": self.permissions}
        for name, widget in fields.items():
            if name not in used:  # this change does not ask for it
                widget.hide()
                self.labels[name].hide()
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(12)
        self.busy.hide()
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submitChange")
        self.cancel_button = QPushButton(self)
        for button in (self.submit_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        first = rows[0][1]
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.retranslate()
        fit_to_screen(self)

    def _fill_permissions(self) -> None:
        target = self.target
        if target is None:
            return
        base = ROLE_PERMISSIONS[target.role]
        held = target.permissions()
        for permission in Permission:
            item = QListWidgetItem(self.permissions)
            item.setData(Qt.ItemDataRole.UserRole, permission.value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if permission in held else Qt.CheckState.Unchecked)
            item.setToolTip(permission.value)
            item.setData(Qt.ItemDataRole.UserRole + 1, permission in base)

    def chosen_permissions(self) -> set[Permission]:
        return {Permission(self.permissions.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.permissions.count())
                if self.permissions.item(i).checkState() == Qt.CheckState.Checked}

    # ------------------------------------------------------------------ submitting
    def request(self) -> UserChangeRequest:
        change = self.change
        subject = self.user_id.text() if change is UserChange.ADD else (
            self.target.user_id if self.target is not None else "")
        granted: frozenset[Permission] = frozenset()
        revoked: frozenset[Permission] = frozenset()
        if change is UserChange.PERMISSIONS and self.target is not None:
            granted, revoked = permissions_from_choice(self.target.role, self.chosen_permissions())
        role = Role(self.role.currentData()) if change in (UserChange.ADD, UserChange.ROLE) else None
        return UserChangeRequest(change, subject.strip(), self.reason.toPlainText(), role,
                                 self.display_name.text(), granted, revoked)

    def submit(self) -> None:
        if self.busy_running:
            return
        request = self.request()
        found = problems(request, self.target)
        if found:
            self.show_error("\n".join(self._problem_text(p) for p in found))
            return
        self.error.hide()
        self.busy_running = True
        self._update_controls()
        BackgroundOp(self, lambda: self._submit(request)).success(
            lambda result: self._completed(request, result)).failure(self._refused).finished(
            self._finished).run()

    def _completed(self, request: UserChangeRequest, result: ChangeResult) -> None:
        self.busy_running = False
        self.completed.emit(request, result)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.show_error(refusal_text(exc))

    def _finished(self) -> None:
        self.busy_running = False
        self._update_controls()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if not self.busy_running:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # a change to a user is made only by pressing its button
            return
        super().keyPressEvent(event)

    def _update_controls(self) -> None:
        self.busy.setVisible(self.busy_running)
        self.submit_button.setEnabled(not self.busy_running)
        self.cancel_button.setEnabled(not self.busy_running)

    # ------------------------------------------------------------------ words
    def _problem_text(self, problem: InputProblem) -> str:
        return {
            InputProblem.REASON_MISSING: self.tr("Give a reason."),
            InputProblem.USER_ID_MISSING: self.tr("Enter the new user's id."),
            InputProblem.NAME_MISSING: self.tr("Enter the new user's name."),
            InputProblem.SAME_ROLE: self.tr("Choose a role other than the current one."),
            InputProblem.NOTHING_CHANGED: self.tr("The permissions are unchanged."),
        }[problem]

    def retranslate(self) -> None:
        who = self.target.user_id if self.target is not None else ""
        titles = {
            UserChange.ADD: (self.tr("Add user"), self.tr("&Add user"),
                             self.tr("The new user can sign in to this workspace with the role "
                                     "you choose.")),
            UserChange.ROLE: (self.tr("Change role"), self.tr("&Change role"),
                              fill(self.tr("Give %1 another role."), who)),
            UserChange.SUSPEND: (self.tr("Suspend user"), self.tr("&Suspend"),
                                 fill(self.tr("While suspended, every action of %1 is refused. "
                                              "You can reactivate the account later."), who)),
            UserChange.BAN: (self.tr("Ban user"), self.tr("&Ban"),
                             fill(self.tr("Banning %1 refuses all their actions. Under the "
                                          "constitution this may need the root owner's approval."),
                                  who)),
            UserChange.REACTIVATE: (self.tr("Reactivate user"), self.tr("Reac&tivate"),
                                    fill(self.tr("%1 will be able to act again."), who)),
            UserChange.PERMISSIONS: (self.tr("Custom permissions"), self.tr("&Save permissions"),
                                     fill(self.tr("Permissions of %1 beyond or below the role "
                                                  "%2. Ticked: held."), who,
                                          role_name(self.target.role) if self.target else "")),
            UserChange.ROOT_TRANSFER: (self.tr("Transfer root"), self.tr("&Transfer root"),
                                       fill(self.tr("Hand the root owner role to %1. You become "
                                                    "an administrator. This needs your signed "
                                                    "approval."), who)),
        }
        title, button, intro = titles[self.change]
        self.setWindowTitle(title)
        keep_title_whole(self, MIN_WIDTH)
        self.submit_button.setText(button)
        self.intro.setText(intro)
        self.cancel_button.setText(self.tr("Cancel"))
        self.labels["user_id"].setText(self.tr("User &id:"))
        self.labels["name"].setText(self.tr("&Name:"))
        self.labels["role"].setText(self.tr("&Role:"))
        self.labels["permissions"].setText(self.tr("&Permissions:"))
        required = self.change in REASON_REQUIRED
        self.labels["reason"].setText(self.tr("R&eason (required):") if required
                                      else self.tr("R&eason:"))
        self.reason.setAccessibleName(self.tr("Reason"))
        align_to_reading_direction(self.reason)
        for index, role in enumerate(ASSIGNABLE_ROLES):
            self.role.setItemText(index, role_name(role))
        for row in range(self.permissions.count()):
            item = self.permissions.item(row)
            name = permission_name(Permission(item.data(Qt.ItemDataRole.UserRole)))
            from_role = bool(item.data(Qt.ItemDataRole.UserRole + 1))
            item.setText(fill(self.tr("%1 (from the role)"), name) if from_role else name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
