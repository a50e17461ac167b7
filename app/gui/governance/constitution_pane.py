"""The Constitution pane: the rules in force as YAML, checked while the owner types, and
"Propose change", which puts the new text to the constitution in force: adopted at once,
or waiting for the owner's approval."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.governance.users import Permission, User
from app.gui.background import BackgroundOp
from app.gui.banner import MessageBanner
from app.gui.fonts import monospace_font
from app.gui.formatting import fill, format_number
from app.gui.governance.calls import load_constitution, propose_constitution
from app.gui.governance.constitution_flow import (
    ConstitutionDraft,
    Validation,
    outcome_of,
)
from app.gui.governance.texts import refusal_text
from app.gui.messages import error_text
from app.gui.qt import (
    QColor,
    QEvent,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPalette,
    QPlainTextEdit,
    QPushButton,
    QShowEvent,
    Qt,
    QTextCursor,
    QTextEdit,
    QTextFormat,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.store_feed import follow
from app.services.approvals import ApprovalRequest, ApprovalState

if TYPE_CHECKING:
    import asyncio

    from app.bootstrap import Workspace
    from app.domain.governance.actions import Decision
    from app.gui.session import WorkspaceSession
    from app.services.governance import AdoptedConstitution

VALIDATE_DELAY_MS = 250


class ConstitutionPane(QWidget):
    loaded = Signal()
    validated = Signal()
    proposed = Signal(object)  # the ProposalOutcome

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("constitutionPane")
        self.workspace: Workspace | None = None
        self.me: User | None = None
        self.adopted: AdoptedConstitution | None = None
        self.draft = ConstitutionDraft()
        self.busy = False
        self._stale = False
        self._waiting: set[asyncio.Task[None]] = set()
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.changed_elsewhere, {"constitution"})
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.banner = MessageBanner(self)
        self.version = QLabel(self)
        self.version.setObjectName("constitutionVersion")
        self.editor_label = QLabel(self)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("constitutionEditor")
        self.editor.setFont(monospace_font())
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTabChangesFocus(True)  # indentation is typed with spaces in YAML
        # YAML reads left to right in either language, even a line that holds Arabic.
        self.editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        option = self.editor.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        self.editor.document().setDefaultTextOption(option)
        self.editor_label.setBuddy(self.editor)
        self.editor.textChanged.connect(self._edited)
        self.validation = QLabel(self)
        self.validation.setObjectName("constitutionValidation")
        self.validation.setWordWrap(True)
        self.validation.setTextFormat(Qt.TextFormat.PlainText)
        self.why_label = QLabel(self)
        self.why = QLineEdit(self)
        self.why.setObjectName("proposalWhy")
        self.why_label.setBuddy(self.why)
        self.why.textChanged.connect(lambda _t: self._update_controls())
        self.revert_button = QPushButton(self)
        self.revert_button.clicked.connect(self.revert)
        self.propose_button = QPushButton(self)
        self.propose_button.setObjectName("proposeChange")
        self.propose_button.setAutoDefault(False)
        self.propose_button.clicked.connect(self.propose)
        row = QHBoxLayout()
        row.addWidget(self.why_label)
        row.addWidget(self.why, 1)
        row.addWidget(self.revert_button)
        row.addWidget(self.propose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.version)
        layout.addWidget(self.editor_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.validation)
        layout.addLayout(row)
        QWidget.setTabOrder(self.editor, self.why)
        QWidget.setTabOrder(self.why, self.revert_button)
        QWidget.setTabOrder(self.revert_button, self.propose_button)
        self.setFocusProxy(self.editor)

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        for task in list(self._waiting):
            task.cancel()
        self._waiting.clear()
        self.workspace = workspace
        self.me = None
        self.adopted = None
        self.banner.dismiss()
        self._stale = True
        if self.isVisible():
            self.reload()
        else:
            self._update_controls()

    def showEvent(self, event: QShowEvent) -> None:
        # Loaded when first shown: the first person to look becomes the root owner.
        super().showEvent(event)
        if self._stale:
            self.reload()

    def changed_elsewhere(self) -> None:
        """The constitution changed (here, in another console, from the CLI): show the
        adopted version; edits under way stay in the editor, and the owner is told."""
        if self.adopted is None:
            return  # not loaded yet: it loads when first shown
        self.reload(keep_edits=self.editor.toPlainText() != self.draft.adopted_source)

    def reload(self, keep_edits: bool = False) -> None:
        workspace = self.workspace
        if workspace is None:
            self._update_controls()
            return
        self._stale = False
        BackgroundOp(self, lambda: load_constitution(workspace)).success(
            lambda result: self._loaded(workspace, *result, keep_edits=keep_edits)).failure(
            lambda exc: self.banner.show_message("error", lambda: fill(
                self.tr("The constitution could not be loaded. %1"), error_text(exc)))).run()

    def _loaded(self, workspace: Workspace, adopted: AdoptedConstitution, me: User | None,
                keep_edits: bool = False) -> None:
        if workspace is not self.workspace:
            return
        moved = self.adopted is not None and adopted.version != self.adopted.version
        self.adopted = adopted
        self.me = me
        self.draft.load(adopted.constitution.source)
        if keep_edits and moved:
            self.draft.edit(self.editor.toPlainText())
            version, by = adopted.version, adopted.adopted_by or "?"
            self.banner.show_message("info", lambda: fill(self.tr(
                "Version %1 of the constitution was adopted by %2 meanwhile. Your edits are "
                "kept; Revert shows the adopted version."), format_number(version), by))
        else:
            self.editor.blockSignals(True)
            self.editor.setPlainText(adopted.constitution.source)
            self.editor.blockSignals(False)
        self.editor.setReadOnly(not self.may_edit)
        self._show_validation()
        self._update_controls()
        self.loaded.emit()

    @property
    def may_edit(self) -> bool:
        return self.me is not None and self.me.can(Permission.CONSTITUTION_EDIT)

    def shutdown(self) -> None:
        self._timer.stop()
        for task in list(self._waiting):
            task.cancel()
        self.workspace = None

    # ------------------------------------------------------------------ editing
    def _edited(self) -> None:
        self._timer.start()
        self._update_controls()

    def validate_now(self) -> Validation:
        self._timer.stop()
        validation = self.draft.edit(self.editor.toPlainText())
        self._show_validation()
        self._update_controls()
        self.validated.emit()
        return validation

    def revert(self) -> None:
        self.editor.setPlainText(self.draft.adopted_source)
        self.validate_now()

    def _show_validation(self) -> None:
        validation = self.draft.validation
        selections = []
        if validation is None:
            self.validation.setText("")
        elif validation.ok:
            self._set_kind("chainStatus")
            self.validation.setText(self.tr("✔ Valid: %Ln rules.", "", validation.rule_count))
        else:
            self._set_kind("fieldError")
            self.validation.setText(self.problem_text(validation))
            if validation.line is not None:
                selection = QTextEdit.ExtraSelection()
                colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
                colour.setAlpha(60)
                selection.format.setBackground(colour)
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                block = self.editor.document().findBlockByNumber(validation.line - 1)
                selection.cursor = QTextCursor(block)
                selections.append(selection)
        self.editor.setExtraSelections(selections)

    def problem_text(self, validation: Validation) -> str:
        if validation.rule and validation.setting:
            where = fill(self.tr("rule %1, setting %2"), validation.rule, validation.setting)
        elif validation.rule:
            where = fill(self.tr("rule %1"), validation.rule)
        elif validation.setting:
            where = fill(self.tr("setting %1"), validation.setting)
        else:
            where = ""
        message, line = validation.message, validation.line
        if where and line:
            return fill(self.tr("✖ Problem in %1 (line %2): %3"), where, line, message)
        if where:
            return fill(self.tr("✖ Problem in %1: %2"), where, message)
        if line:
            return fill(self.tr("✖ Problem on line %1: %2"), line, message)
        return fill(self.tr("✖ Not valid: %1"), message)

    def _set_kind(self, name: str) -> None:
        if self.validation.objectName() != name:
            self.validation.setObjectName(name)
            self.validation.style().unpolish(self.validation)
            self.validation.style().polish(self.validation)

    # ------------------------------------------------------------------ proposing
    def propose(self) -> None:
        workspace = self.workspace
        self.validate_now()
        why = self.why.text()
        if workspace is None or self.busy or not self.draft.can_propose(why) or not self.may_edit:
            return
        source = self.draft.text
        self.busy = True
        self._update_controls()

        def done() -> None:
            self.busy = False
            self._update_controls()

        BackgroundOp(self, lambda: propose_constitution(workspace, source, why)).success(
            lambda result: self._proposed(workspace, result)).failure(
            lambda exc: self.banner.show_message("error", lambda: refusal_text(exc))).finished(
            done).run()

    def _proposed(self, workspace: Workspace, result: Decision | ApprovalRequest) -> None:
        if workspace is not self.workspace:
            return
        outcome = outcome_of(result)
        self.why.clear()
        if outcome.adopted:
            self.banner.show_message("info", lambda: self.tr("The change was adopted at once."))
            self.reload()
        else:
            request_id = outcome.request_id
            self.banner.show_message("info", lambda: fill(
                self.tr("The change is waiting for approval (request %1). It is adopted once the "
                        "owner approves it."), request_id))
            if isinstance(result, ApprovalRequest):
                self._wait(workspace, result)
        self.proposed.emit(outcome)

    def _wait(self, workspace: Workspace, request: ApprovalRequest) -> None:
        def decided(final: ApprovalRequest) -> None:
            if workspace is not self.workspace:
                return
            state = final.state(workspace.approvals.clock())
            if state is ApprovalState.APPROVED:
                self.banner.show_message("info", lambda: fill(
                    self.tr("Request %1 was approved: the new constitution is in force."), final.id))
                self.reload()
            else:
                self.banner.show_message("info", lambda: fill(
                    self.tr("Request %1 was not approved; the constitution is unchanged."), final.id))

        task = BackgroundOp(self, lambda: workspace.approvals.wait(request.id)).success(decided).run()
        self._waiting.add(task)
        task.add_done_callback(self._waiting.discard)

    # ------------------------------------------------------------------ drawing
    def _update_controls(self) -> None:
        editable = self.workspace is not None and self.may_edit
        changed = self.editor.toPlainText() != self.draft.adopted_source
        self.revert_button.setEnabled(editable and changed and not self.busy)
        self.why.setEnabled(editable)
        valid = self.draft.validation is not None and self.draft.validation.ok
        self.propose_button.setEnabled(editable and changed and valid and bool(self.why.text().strip())
                                       and not self.busy and not self._timer.isActive())
        adopted = self.adopted
        if adopted is None:
            self.version.setText(self.tr("No workspace is open.") if self.workspace is None else "")
        elif adopted.version == 0:
            self.version.setText(self.tr("Version 0: the default constitution, not yet changed in "
                                         "this workspace."))
        else:
            self.version.setText(fill(self.tr("Version %1, adopted by %2."),
                                      format_number(adopted.version), adopted.adopted_by or "?"))
        if self.me is not None and not self.may_edit:
            self.version.setText(self.version.text() + " " + fill(
                self.tr("Read-only: changing it needs the permission %1."),
                Permission.CONSTITUTION_EDIT.value))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Constitution"))
        self.editor_label.setText(self.tr("&Rules (YAML):"))
        self.editor.setAccessibleName(self.tr("Constitution text"))
        self.why_label.setText(self.tr("&Why:"))
        self.why.setPlaceholderText(self.tr("Why the change is wanted (required)"))
        self.why.setAccessibleName(self.tr("Why the change is wanted"))
        self.revert_button.setText(self.tr("Re&vert"))
        self.revert_button.setToolTip(self.tr("Put back the constitution in force"))
        self.propose_button.setText(self.tr("&Propose change"))
        self.propose_button.setToolTip(self.tr("Put the new text to the constitution in force"))
        self._show_validation()
        self._update_controls()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
