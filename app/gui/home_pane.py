"""Home: what the owner looks at first. The workspace's platforms with their versions and
their last generation, the approval requests waiting for a decision, and the audit log's
state (its size, newest entry and whether its chain verifies). It follows the workspace
live, and each part leads to the pane where the owner acts on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain.governance.users import Permission
from app.domain.plurals import count
from app.gui.background import BackgroundOp
from app.gui.formatting import fill, format_datetime, format_number, isolate, language
from app.gui.governance.approvals_watch import ApprovalsWatch
from app.gui.governance.audit_texts import action_text
from app.gui.live_text import show_text
from app.gui.messages import error_text
from app.gui.qt import (
    QEvent,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QShortcut,
    QShowEvent,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.store_feed import follow
from app.gui.table_model import ObjectTableModel, record_table

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.domain.governance.audit import VerificationResult
    from app.gui.home_facts import HomeFacts, Platform
    from app.gui.session import WorkspaceSession

SHOWN_REQUESTS = 5
COLUMNS = ("blueprint", "name", "version", "saved", "generated")
KEY, NAME, VERSION, SAVED, GENERATED = range(len(COLUMNS))


class PlatformsModel(ObjectTableModel):
    COLUMNS = COLUMNS

    def titles(self) -> tuple[str, ...]:
        return (self.tr("Blueprint"), self.tr("Name"), self.tr("Version"), self.tr("Last saved"),
                self.tr("Generated"))

    def format_row(self, item: Any) -> tuple[str, ...]:
        platform: Platform = item
        summary = platform.summary
        name = summary.name_ar if language() == "ar" and summary.name_ar else summary.name_en
        saved = format_datetime(summary.updated_at, "short")
        if summary.updated_by:
            saved = fill(self.tr("%1 by %2"), saved, summary.updated_by)
        return (summary.key, name, format_number(summary.version), saved, self.generated(platform))

    def generated(self, platform: Platform) -> str:
        if platform.folder is None:
            return self.tr("Not generated yet")
        if platform.unreadable:
            return fill(self.tr("Its folder cannot be read: %1"), str(platform.folder))
        if platform.generated_version is None or platform.generated_at is None:
            return self.tr("Not generated yet")
        when = format_datetime(platform.generated_at, "short")
        if platform.behind:
            return fill(self.tr("From version %1 (%2): behind the blueprint"),
                        format_number(platform.generated_version), when)
        return fill(self.tr("From version %1 (%2)"), format_number(platform.generated_version), when)

    def tool_tip(self, item: Any, column: int, text: str) -> Any:
        platform: Platform = item
        if column == GENERATED and platform.folder is not None:
            return fill("%1\n%2", text, str(platform.folder))
        return text or None

    def alignment(self, column: int) -> int | None:
        return int(Qt.AlignmentFlag.AlignCenter) if column == VERSION else None


class HomePane(QWidget):
    open_blueprint = Signal(str)  # the owner wants to work on this blueprint
    open_approvals = Signal()
    open_audit = Signal()
    open_blueprints = Signal()
    loaded = Signal()

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePane")
        self.session = session
        self.workspace: Workspace | None = None
        self.facts: HomeFacts | None = None
        self.watch: ApprovalsWatch | None = None
        self.verification: VerificationResult | None = None
        self.verifying = False
        self.verify_error: BaseException | None = None
        self.loading = False
        self._stale = True
        self.model = PlatformsModel(self)
        self._build()
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.refresh)
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("paneError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.platforms_box = QGroupBox(self)
        self.table = record_table(self, self.model, "homePlatforms",
                                  {KEY: 120, NAME: 200, VERSION: 70, SAVED: 190}, stretch=(NAME, GENERATED))
        self.table.setMinimumHeight(150)
        self.table.activated.connect(self._platform_chosen)
        self.no_platforms = QLabel(self.platforms_box)
        self.no_platforms.setWordWrap(True)
        self.new_button = QPushButton(self.platforms_box)
        self.new_button.clicked.connect(self.open_blueprints)
        platforms = QVBoxLayout(self.platforms_box)
        platforms.addWidget(self.table)
        empty = QHBoxLayout()
        empty.addWidget(self.no_platforms, 1)
        empty.addWidget(self.new_button)
        platforms.addLayout(empty)

        self.approvals_box = QGroupBox(self)
        self.pending_label = QLabel(self.approvals_box)
        self.pending_label.setWordWrap(True)
        self.pending_list = QListWidget(self.approvals_box)
        self.pending_list.setObjectName("homePending")
        self.pending_list.setWordWrap(True)
        self.pending_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pending_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.pending_list.itemActivated.connect(lambda _item: self.open_approvals.emit())
        self.approvals_button = QPushButton(self.approvals_box)
        self.approvals_button.clicked.connect(self.open_approvals)
        approvals = QVBoxLayout(self.approvals_box)
        approvals.addWidget(self.pending_label)
        approvals.addWidget(self.pending_list)
        approvals.addWidget(self.approvals_button, 0, Qt.AlignmentFlag.AlignLeading)
        approvals.addStretch(1)

        self.audit_box = QGroupBox(self)
        self.audit_label = QLabel(self.audit_box)
        self.audit_label.setWordWrap(True)
        self.chain_label = QLabel(self.audit_box)
        self.chain_label.setObjectName("homeChain")
        self.chain_label.setWordWrap(True)
        self.verify_button = QPushButton(self.audit_box)
        self.verify_button.clicked.connect(self.verify_chain)
        self.audit_button = QPushButton(self.audit_box)
        self.audit_button.clicked.connect(self.open_audit)
        audit = QVBoxLayout(self.audit_box)
        audit.addWidget(self.audit_label)
        audit.addWidget(self.chain_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.audit_button)
        buttons.addStretch(1)
        audit.addLayout(buttons)
        audit.addStretch(1)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self.platforms_box, 3)
        lower = QHBoxLayout()
        lower.addWidget(self.approvals_box, 1)
        lower.addWidget(self.audit_box, 1)
        column.addLayout(lower, 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addWidget(self.error_label)
        layout.addWidget(scroll, 1)
        verify = QShortcut(QKeySequence("Ctrl+Shift+V"), self)
        verify.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        verify.activated.connect(self.verify_chain)
        self.setFocusProxy(self.table)

    # ------------------------------------------------------------------ workspace
    def follow_approvals(self, watch: ApprovalsWatch) -> None:
        """Pending requests come from the window's approvals watch (it keeps them current)."""
        self.watch = watch
        watch.changed.connect(self._show_approvals)
        self._show_approvals()

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.facts = None
        self.verification = None
        self.verify_error = None
        self.model.set_objects([])
        self.error_label.hide()
        self._stale = True
        if self.isVisible():
            self.refresh()
        self._show_all()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        workspace = self.workspace
        if workspace is None:
            self._show_all()
            return
        self._stale = False
        self.loading = True

        async def work() -> HomeFacts:
            from app.gui.governance.calls import load_me
            from app.gui.home_facts import read_home

            me = await load_me(workspace)  # the first person to look becomes the root owner
            summaries = await workspace.blueprints.list()
            return await workspace.runner.run(lambda: read_home(workspace, summaries, me))

        def done() -> None:
            self.loading = False

        BackgroundOp(self, work).success(lambda facts: self._loaded(workspace, facts)).failure(
            lambda exc: self._failed(workspace, exc)).finished(done).run()

    def _loaded(self, workspace: Workspace, facts: HomeFacts) -> None:
        if workspace is not self.workspace:
            return
        first = self.facts is None
        self.facts = facts
        chosen = self._chosen_key()
        self.model.set_objects(facts.platforms)
        if chosen:
            row = self.model.row_where(lambda p: p.summary.key == chosen)
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, 0))
        self.error_label.hide()
        if first and facts.may_read_audit and self.verification is None:
            self.verify_chain()
        self._show_all()
        self.loaded.emit()

    def _failed(self, workspace: Workspace, exc: BaseException) -> None:
        if workspace is self.workspace:
            show_text(self.error_label, lambda: fill(
                self.tr("The overview could not be loaded. %1"), error_text(exc)))
            self.error_label.show()

    def _chosen_key(self) -> str:
        platform = self.model.object_at(self.table.currentIndex().row())
        return platform.summary.key if platform is not None else ""

    def _platform_chosen(self) -> None:
        key = self._chosen_key()
        if key:
            self.open_blueprint.emit(key)

    # ------------------------------------------------------------------ the audit chain
    def verify_chain(self) -> None:
        workspace = self.workspace
        if workspace is None or self.verifying or not (self.facts and self.facts.may_read_audit):
            return
        self.verifying = True
        self.verify_error = None
        self._show_audit()

        def verify() -> VerificationResult:
            from app.gui.home_facts import verify_audit

            return verify_audit(workspace)

        def verified(result: VerificationResult) -> None:
            if workspace is self.workspace:
                self.verification = result

        def failed(exc: BaseException) -> None:
            if workspace is self.workspace:
                self.verify_error = exc

        def done() -> None:
            self.verifying = False
            if workspace is self.workspace:
                self._show_audit()

        BackgroundOp(self, lambda: workspace.runner.run(verify)).success(verified).failure(
            failed).finished(done).run()

    # ------------------------------------------------------------------ drawing
    def _show_all(self) -> None:
        state = self.session.state
        if self.workspace is None:
            self.where.setText(self.tr("No workspace is open."))
        else:
            self.where.setText(fill(self.tr("Workspace %1 · %2"), state.name, state.location))
        self._show_platforms()
        self._show_approvals()
        self._show_audit()

    def _show_platforms(self) -> None:
        empty = self.facts is not None and not self.facts.platforms
        self.table.setVisible(not empty)
        self.no_platforms.setVisible(empty)
        self.new_button.setVisible(empty)
        self.no_platforms.setText(self.tr("No blueprint yet. A platform starts as a blueprint: "
                                          "create one from a domain template."))

    def _show_approvals(self) -> None:
        watch = self.watch
        self.pending_list.clear()
        if watch is None or not watch.loaded:
            self.pending_label.setText(self.tr("Loading…") if self.workspace is not None else "")
            self.pending_list.hide()
            return
        from app.gui.governance.approval_flow import utcnow  # loaded with the first requests
        from app.gui.governance.texts import describe_action
        from app.services.approvals import ApprovalState

        now = utcnow()
        pending = [r for r in watch.requests if r.state(now) is ApprovalState.PENDING]
        if not pending:
            self.pending_label.setText(self.tr("No request waits for a decision."))
        else:
            self.pending_label.setText(fill(self.tr("%1 waiting for a decision:"),
                                            count(len(pending), "request", language())))
        for request in pending[:SHOWN_REQUESTS]:
            self.pending_list.addItem(fill(self.tr("%1 asks: %2 (expires %3)"), request.requester,
                                           describe_action(request),
                                           format_datetime(request.expires_at, "short")))
        if len(pending) > SHOWN_REQUESTS:
            self.pending_list.addItem(fill(self.tr("…and %1 more"),
                                           format_number(len(pending) - SHOWN_REQUESTS)))
        self.pending_list.setVisible(bool(pending))
        rows = self.pending_list.count()
        self.pending_list.setFixedHeight(
            sum(self.pending_list.sizeHintForRow(row) for row in range(rows)) + 8 if rows else 0)

    def _show_audit(self) -> None:
        facts = self.facts
        readable = facts is not None and facts.may_read_audit
        self.verify_button.setVisible(readable)
        self.verify_button.setEnabled(readable and not self.verifying)
        self.audit_button.setVisible(facts is None or readable)
        if facts is None:
            self.audit_label.setText(self.tr("Loading…") if self.workspace is not None else "")
            self.chain_label.setText("")
            return
        audit = facts.audit
        if audit is None:
            self.audit_label.setText(fill(self.tr("Reading the audit log needs the permission %1."),
                                          isolate(Permission.AUDIT_READ.value)))
            self.chain_label.setText("")
            return
        newest = audit.newest
        if newest is None:
            self.audit_label.setText(self.tr("The audit log is empty."))
        else:
            self.audit_label.setText(fill(
                self.tr("%1. The newest, number %2, at %3 by %4: %5."),
                count(audit.total, "entry", language()), format_number(newest.seq),
                format_datetime(newest.recorded_time, "short"), newest.actor,
                action_text(newest.action)))
        self.chain_label.setProperty("kind", "")
        result = self.verification
        error = self.verify_error
        if self.verifying:
            text = self.tr("Verifying the chain…")
        elif error is not None:
            text = fill(self.tr("The chain could not be verified. %1"), error_text(error))
            self.chain_label.setProperty("kind", "error")
        elif newest is None:
            text = ""  # nothing to verify yet
        elif result is None:
            text = self.tr("The chain has not been verified in this session.")
        elif result.ok:
            text = fill(self.tr("Chain intact: %1 checked, hashes and signatures."),
                        count(result.checked, "entry", language()))
            self.chain_label.setProperty("kind", "ok")
            if newest.seq > result.head_seq:
                text += " " + fill(self.tr("%1 since then, not yet verified."),
                                   count(newest.seq - result.head_seq, "entry", language()))
        else:
            text = fill(self.tr("Chain broken at entry %1: %2"),
                        format_number(result.first_broken_seq or 0), result.reason or "")
            self.chain_label.setProperty("kind", "error")
        self.chain_label.setText(text)
        self.chain_label.style().unpolish(self.chain_label)
        self.chain_label.style().polish(self.chain_label)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Home"))
        self.platforms_box.setTitle(self.tr("Platforms"))
        self.approvals_box.setTitle(self.tr("Approvals"))
        self.audit_box.setTitle(self.tr("Audit log"))
        self.new_button.setText(self.tr("Go to &Blueprints"))
        self.approvals_button.setText(self.tr("Open &Approvals"))
        self.audit_button.setText(self.tr("Open Au&dit Log"))
        self.verify_button.setText(self.tr("&Verify chain"))
        self.verify_button.setToolTip(self.tr("Check every entry's hash, link and signature "
                                              "(Ctrl+Shift+V)"))
        self.table.setAccessibleName(self.tr("Platforms: blueprints and their generated code"))
        self.pending_list.setAccessibleName(self.tr("Requests waiting for a decision"))
        self.model.retranslate()
        self._show_all()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
