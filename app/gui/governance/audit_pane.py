"""The Audit pane: the hash-chained audit log, filtered and paged, and "Verify chain",
which recomputes every hash and signature off the GUI thread."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from app.domain.governance.audit import VerificationResult
from app.domain.governance.users import Permission, User
from app.gui.background import BackgroundOp
from app.gui.formatting import fill, format_range
from app.gui.governance.audit_detail_split import AuditDetailSplit
from app.gui.governance.audit_flow import AuditBrowser, AuditRequest, ChainCheck
from app.gui.governance.audit_model import (
    ACTION,
    ACTOR,
    OUTCOME,
    SEQ,
    SIGNED,
    SUBJECT,
    TIME,
    AuditTableModel,
)
from app.gui.governance.audit_parts import ChainStatusLabel
from app.gui.governance.calls import load_me
from app.gui.live_text import show_text
from app.gui.messages import error_text
from app.gui.qt import (
    QAction,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    QShowEvent,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.store_feed import follow
from app.gui.table_model import record_table
from app.services.ports import AuditFilter

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.session import WorkspaceSession
    from app.services.ports import AuditPage

HEAD_POLL_MS = 3000
SEARCH_DELAY_MS = 300
FILTERS = ("actor", "action", "outcome")


class AuditPane(QWidget):
    page_shown = Signal()
    verified = Signal()  # a verification finished (or failed)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPane")
        self.workspace: Workspace | None = None
        self.me: User | None = None
        self.browser = AuditBrowser()
        self.check = ChainCheck()
        self.model = AuditTableModel(self)
        self._head = -1
        self._stale = False
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filter_changed)
        self._head_timer = QTimer(self)
        self._head_timer.setInterval(HEAD_POLL_MS)
        self._head_timer.timeout.connect(self.check_for_new_entries)
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.check_for_new_entries)
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.notice = QLabel(self)
        self.notice.setObjectName("paneError")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.labels: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}
        filters = QHBoxLayout()
        for name in FILTERS:
            label, combo = QLabel(self), QComboBox(self)
            combo.setObjectName(f"audit_{name}")
            combo.addItem("", "")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(10)
            combo.currentIndexChanged.connect(lambda _i: self._filter_changed())
            label.setBuddy(combo)
            self.labels[name], self.combos[name] = label, combo
            filters.addWidget(label)
            filters.addWidget(combo)
        self.subject_label = QLabel(self)
        self.subject = QLineEdit(self)
        self.subject.setObjectName("auditSubject")
        self.subject.setClearButtonEnabled(True)
        self.subject_label.setBuddy(self.subject)
        self.subject.textChanged.connect(lambda _t: self._search_timer.start())
        self.subject.returnPressed.connect(self._filter_changed)
        filters.addWidget(self.subject_label)
        filters.addWidget(self.subject, 1)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        filters.addWidget(self.refresh_button)

        # Entry, time, actor, outcome and signature as wide as what they hold (an actor's
        # name is never cut); action and subject share the rest, so no column is off screen.
        self.table = record_table(self, self.model, "auditTable", {ACTION: 170, SUBJECT: 200},
                                  stretch=(ACTION, SUBJECT), fit=(SEQ, TIME, ACTOR, OUTCOME, SIGNED))
        self.splitter = AuditDetailSplit(self.table, self.model, lambda: self.workspace, self)
        self.detail = self.splitter.detail  # one entry in full, opened from the table

        self.previous_action = QAction(self)
        self.previous_action.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_action.triggered.connect(self.previous_page)
        self.next_action = QAction(self)
        self.next_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_action.triggered.connect(self.next_page)
        pager = QHBoxLayout()
        self.page_buttons = []
        for action in (self.previous_action, self.next_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            self.page_buttons.append(button)
        self.range_label = QLabel(self)
        self.range_label.setObjectName("auditRange")
        pager.addWidget(self.page_buttons[0])
        pager.addWidget(self.range_label)
        pager.addWidget(self.page_buttons[1])
        pager.addStretch(1)
        self.verify_button = QPushButton(self)
        self.verify_button.setObjectName("verifyChain")
        self.verify_button.clicked.connect(self.verify_chain)
        self.chain_status = ChainStatusLabel(self)
        pager.addWidget(self.chain_status, 2)
        pager.addWidget(self.verify_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(pager)
        chain = [*self.combos.values(), self.subject, self.refresh_button, self.table,
                 self.detail, *self.page_buttons, self.verify_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.me = None
        self.browser = AuditBrowser()
        self.check = ChainCheck()
        self._head = -1
        self._search_timer.stop()
        for widget in (*self.combos.values(), self.subject):
            widget.blockSignals(True)
        self.subject.clear()
        for combo in self.combos.values():
            while combo.count() > 1:
                combo.removeItem(1)
        for widget in (*self.combos.values(), self.subject):
            widget.blockSignals(False)
        self.model.set_entries([])
        self.splitter.close_detail()
        self.notice.hide()
        self._head_timer.stop()
        self._stale = workspace is not None
        if self.isVisible():
            self._load_me()
        self._update_controls()

    def showEvent(self, event: QShowEvent) -> None:
        # Loaded when first shown: the first person to look becomes the root owner.
        super().showEvent(event)
        if self._stale:
            self._load_me()

    def _load_me(self) -> None:
        workspace = self.workspace
        self._stale = False
        if workspace is not None:
            BackgroundOp(self, lambda: load_me(workspace)).success(
                lambda me: self._me_loaded(workspace, me)).failure(self._show_error).run()

    def _me_loaded(self, workspace: Workspace, me: User | None) -> None:
        if workspace is not self.workspace:
            return
        self.me = me
        if not self.may_read:
            self.notice.setText(self._no_permission_text())
            self.notice.show()
            self._update_controls()
            return
        self._head_timer.start()
        self.refresh()

    @property
    def may_read(self) -> bool:
        return self.me is not None and self.me.can(Permission.AUDIT_READ)

    def refresh(self) -> None:
        if self.workspace is None or not self.may_read:
            return
        self._load_filter_values()
        self._load(self.browser.reload())

    def shutdown(self) -> None:
        self._head_timer.stop()
        self._search_timer.stop()
        self.workspace = None

    # ------------------------------------------------------------------ loading
    def _load(self, request: AuditRequest | None) -> None:
        workspace = self.workspace
        if request is None or workspace is None:
            self._update_controls()
            return
        audit = workspace.audit

        def read() -> tuple[int, AuditPage]:
            head = audit.head()[0]
            return head, audit.entries(request.audit_filter, request.offset, request.limit)

        BackgroundOp(self, lambda: workspace.runner.run(read)).success(
            lambda result: self._loaded(workspace, request, *result)
        ).failure(lambda exc: self._load_failed(workspace, request, exc)).run()
        self._update_controls()

    def _loaded(self, workspace: Workspace, request: AuditRequest, head: int, page: AuditPage) -> None:
        if workspace is not self.workspace or not self.browser.accept(request, page):
            return
        follow = self.browser.clamp()
        if follow is not None:
            self._load(follow)
            return
        self._head = max(self._head, head)
        self.model.set_entries(self.browser.entries)
        self.notice.hide()
        self._update_controls()
        self.page_shown.emit()

    def _load_failed(self, workspace: Workspace, request: AuditRequest, exc: BaseException) -> None:
        if workspace is self.workspace and self.browser.fail(request):
            self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        show_text(self.notice,
                  lambda: fill(self.tr("The audit log could not be read. %1"), error_text(exc)))
        self.notice.show()
        self._update_controls()

    def _load_filter_values(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        audit = workspace.audit

        def values() -> dict[str, list[str]]:
            return {name: audit.distinct_values(name) for name in FILTERS}

        def show(result: dict[str, list[str]]) -> None:
            if workspace is not self.workspace:
                return
            for name, found in result.items():
                combo = self.combos[name]
                chosen = combo.currentData()
                combo.blockSignals(True)
                while combo.count() > 1:
                    combo.removeItem(1)
                for value in found:
                    combo.addItem(value, value)
                combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
                combo.blockSignals(False)

        BackgroundOp(self, lambda: workspace.runner.run(values)).success(show).failure(
            self._show_error).run()

    def check_for_new_entries(self) -> None:
        workspace = self.workspace
        if workspace is None or not self.isVisible() or self.browser.loading:
            return

        def arrived(head: int) -> None:
            if workspace is self.workspace and head != self._head:
                self._head = head
                self.refresh()

        BackgroundOp(self, lambda: workspace.runner.run(lambda: workspace.audit.head()[0])).success(
            arrived).failure(self._show_error).run()

    # ------------------------------------------------------------------ filtering, paging
    def _filter_changed(self) -> None:
        self._search_timer.stop()
        self._load(self.browser.set_filter(
            actor=self.combos["actor"].currentData() or "",
            action=self.combos["action"].currentData() or "",
            outcome=self.combos["outcome"].currentData() or "",
            subject=self.subject.text(),
        ))

    def previous_page(self) -> None:
        self._load(self.browser.previous())

    def next_page(self) -> None:
        self._load(self.browser.next())

    # ------------------------------------------------------------------ verifying
    def verify_chain(self) -> None:
        workspace = self.workspace
        if workspace is None or not self.may_read or not self.check.start():
            return
        BackgroundOp(self, lambda: workspace.runner.run(workspace.audit.verify)).success(
            lambda result: self._verified(workspace, result)
        ).failure(lambda exc: self._verify_failed(workspace, exc)).run()
        self._show_chain_status()

    def _verified(self, workspace: Workspace, result: VerificationResult) -> None:
        if workspace is self.workspace:
            self.check.done(result)
            self._show_chain_status()
            self.verified.emit()

    def _verify_failed(self, workspace: Workspace, exc: BaseException) -> None:
        if workspace is self.workspace:
            self.check.failed(exc)
            self._show_chain_status()
            self.verified.emit()

    def _show_chain_status(self) -> None:
        self.chain_status.show_check(self.check)
        self._update_controls()

    # ------------------------------------------------------------------ drawing
    def _update_controls(self) -> None:
        readable = self.workspace is not None and self.may_read
        for widget in (*self.combos.values(), self.subject, self.refresh_button):
            widget.setEnabled(readable)
        self.verify_button.setEnabled(readable and not self.check.running)
        self.previous_action.setEnabled(readable and self.browser.can_previous)
        self.next_action.setEnabled(readable and self.browser.can_next)
        first, last, total = self.browser.shown_range
        if total:
            self.range_label.setText(fill(self.tr("%1–%2 of %3"), *format_range(first, last, total)))
        elif readable and not self.browser.loading:
            self.range_label.setText(self.tr("No entries match the filter")
                                     if self.browser.audit_filter != AuditFilter()
                                     else self.tr("No entries yet"))
        else:
            self.range_label.setText("")

    def _no_permission_text(self) -> str:
        return fill(self.tr("Reading the audit log needs the permission %1, which your role does "
                            "not give."), Permission.AUDIT_READ.value)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Audit Log"))
        texts = {"actor": (self.tr("Ac&tor:"), self.tr("All actors")),
                 "action": (self.tr("Actio&n:"), self.tr("All actions")),
                 "outcome": (self.tr("&Outcome:"), self.tr("All outcomes"))}
        for name, (label, everything) in texts.items():
            self.labels[name].setText(label)
            self.combos[name].setItemText(0, everything)
        self.combos["actor"].setAccessibleName(self.tr("Actor"))
        self.combos["action"].setAccessibleName(self.tr("Action"))
        self.combos["outcome"].setAccessibleName(self.tr("Outcome"))
        self.subject_label.setText(self.tr("Su&bject:"))
        self.subject.setPlaceholderText(self.tr("Part of the subject"))
        self.subject.setAccessibleName(self.tr("Subject contains"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.previous_action.setText(self.tr("Previous"))
        self.previous_action.setToolTip(self.tr("Newer entries (Ctrl+PgUp)"))
        self.next_action.setText(self.tr("Next"))
        self.next_action.setToolTip(self.tr("Older entries (Ctrl+PgDown)"))
        self.verify_button.setText(self.tr("&Verify chain"))
        self.verify_button.setToolTip(self.tr("Recompute every hash and signature of the audit "
                                              "log and name the first entry that does not match"))
        self.table.setAccessibleName(self.tr("Audit entries"))
        if self.notice.isVisible() and self.me is not None and not self.may_read:
            self.notice.setText(self._no_permission_text())
        self.model.retranslate()
        self._update_controls()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
