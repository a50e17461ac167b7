"""The Assistant pane: choose a blueprint (or a new platform), chat, review, settings, and
the proposal card beside them, where the person at the console accepts or rejects.

Accepting writes through the orchestrator under the constitution: the card says when the
change waits for an approval (with the request id), when it was refused and why, and
which version it became.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from app.domain.blueprint.findings import Finding
from app.gui.assist import proposals
from app.gui.assist.chat_pane import ChatPane
from app.gui.assist.proposal_card import ProposalCard
from app.gui.assist.proposals import Decided, ProposalView
from app.gui.assist.settings_panel import AssistantSettingsPanel
from app.gui.assist.suggestions_pane import SuggestionsPane
from app.gui.assist.texts import local
from app.gui.background import BackgroundOp
from app.gui.formatting import fill, format_number, language
from app.gui.messages import error_text
from app.gui.qt import (
    QCheckBox,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QShowEvent,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.store_feed import follow
from app.services.approvals import ApprovalState
from app.services.conversations import ProposalDecidedError

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.session import WorkspaceSession
    from app.services.ports import BlueprintSummary

NEW_PLATFORM = ""  # the picker's entry for conversations about platforms not created yet
CHAT, SUGGESTIONS, SETTINGS = range(3)


class AssistantPane(QWidget):
    show_requested = Signal()  # something asked the assistant to explain: bring the pane up
    listed = Signal()  # the blueprint picker is up to date
    decided = Signal(object)  # Decided

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assistantPane")
        self.workspace: Workspace | None = None
        self.blueprints: list[BlueprintSummary] = []
        self._stale = True
        self._pending_explain: tuple[str, str | Finding] | None = None
        self._deciding: set[asyncio.Task[None]] = set()
        self._build()
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.refresh, {"blueprint"})
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.picker_label = QLabel(self)
        self.picker = QComboBox(self)
        self.picker.setObjectName("assistBlueprint")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.setMinimumContentsLength(24)
        self.picker_label.setBuddy(self.picker)
        self.picker.currentIndexChanged.connect(lambda _index: self._context_changed())
        self.offline = QCheckBox(self)
        self.offline.setObjectName("assistOffline")
        self.offline.toggled.connect(self._offline_toggled)
        top = QHBoxLayout()
        top.addWidget(self.picker_label)
        top.addWidget(self.picker)
        top.addSpacing(12)
        top.addWidget(self.offline)
        top.addStretch(1)
        self.chat = ChatPane(self)
        self.suggestions = SuggestionsPane(self)
        self.settings = AssistantSettingsPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("assistTabs")
        self.tabs.addTab(self.chat, "")
        self.tabs.addTab(self.suggestions, "")
        self.tabs.addTab(self.settings, "")
        self.card = ProposalCard(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.chat.proposal_ready.connect(self.show_proposal)
        self.suggestions.proposal_ready.connect(self.show_proposal)
        self.chat.busy_changed.connect(lambda _busy: self._update_controls())
        self.card.accept_requested.connect(self.accept)
        self.card.reject_requested.connect(self.reject)
        self.settings.saved.connect(self.chat.reload)
        QWidget.setTabOrder(self.picker, self.offline)
        QWidget.setTabOrder(self.offline, self.tabs)
        self.setFocusProxy(self.chat)

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        self._cancel_decisions()
        self.workspace = workspace
        self.blueprints = []
        self.card.clear()
        self.settings.set_workspace(workspace)
        self._stale = True
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload the blueprints the picker offers (keeping the choice)."""
        workspace = self.workspace
        if workspace is None:
            self._fill_picker()
            return
        self._stale = False
        BackgroundOp(self, workspace.blueprints.list).success(
            lambda rows: self._listed(workspace, rows)).failure(
            lambda exc: self.chat.transcript.add_note(error_text(exc))).run()

    def _listed(self, workspace: Workspace, rows: list[BlueprintSummary]) -> None:
        if workspace is not self.workspace:
            return
        self.blueprints = list(rows)
        self._fill_picker()
        pending, self._pending_explain = self._pending_explain, None
        if pending is not None:
            self.explain(*pending)
        self.listed.emit()

    def _fill_picker(self) -> None:
        chosen = self.selected_key()
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem(self.tr("New platform"), NEW_PLATFORM)
        for row in self.blueprints:
            name = row.name_ar if language() == "ar" and row.name_ar else row.name_en
            self.picker.addItem(fill("%1 — %2", row.key, name), row.key)
        index = self.picker.findData(chosen if chosen is not None else NEW_PLATFORM)
        self.picker.setCurrentIndex(max(index, 0))
        self.picker.blockSignals(False)
        if self.selected_key() != self.chat.key or self.chat.workspace is not self.workspace:
            self._context_changed()

    def selected_key(self) -> str | None:
        data = self.picker.currentData()
        return None if data in (None, NEW_PLATFORM) else str(data)

    def select_blueprint(self, key: str | None) -> bool:
        index = self.picker.findData(NEW_PLATFORM if key is None else key)
        if index < 0:
            return False
        self.picker.setCurrentIndex(index)
        return True

    def _context_changed(self) -> None:
        key = self.selected_key()
        if self.card.state != "deciding":
            self.card.clear()
        self.chat.set_context(self.workspace, key)
        self.suggestions.set_context(self.workspace, key)
        self._update_controls()

    def _offline_toggled(self, offline: bool) -> None:
        self.chat.offline = offline
        self.suggestions.offline = offline

    # ------------------------------------------------------------------ explaining
    def explain(self, blueprint_key: str, target: str | Finding) -> bool:
        """Explain ``target`` of ``blueprint_key`` in the chat: a JSON Pointer, an entity
        name, a Finding, a compliance check id or a constitution rule id. Other panes call
        this (through :func:`app.gui.assist.section.explain_this`)."""
        self.show_requested.emit()
        if self.workspace is None:
            return False
        if self.picker.findData(blueprint_key) < 0:
            self._pending_explain = (blueprint_key, target)
            self.refresh()
            return True
        if self.chat.busy:
            return False
        self.select_blueprint(blueprint_key)
        self.tabs.setCurrentIndex(CHAT)
        return self.chat.explain(target)

    # ------------------------------------------------------------------ proposals
    def show_proposal(self, view: ProposalView) -> None:
        if self.card.state == "deciding":
            return  # a decision is under way; that card stays until it ends
        first = self.card.isHidden()
        self.card.show_proposal(view)
        if first:
            width = self.splitter.width()
            self.splitter.setSizes([width - width * 9 // 20, width * 9 // 20])

    def accept(self, view: ProposalView) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        self.card.set_deciding(lambda: self.tr("Accepting…"))

        def waiting(request_id: str) -> None:
            self.card.set_waiting(lambda: fill(self.tr(
                "Waiting for approval: request %1. The change is written once it is approved; "
                "decide it under Approvals."), request_id))

        self._decide(workspace, view, lambda: proposals.accept(workspace, view, waiting))

    def reject(self, view: ProposalView) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        self.card.set_deciding(lambda: self.tr("Rejecting…"))
        self._decide(workspace, view, lambda: proposals.reject(workspace, view))

    def _decide(self, workspace: Workspace, view: ProposalView,
                work: Callable[[], Awaitable[Decided]]) -> None:
        task = BackgroundOp(self, work).success(
            lambda decided: self._decided(workspace, view, decided)).failure(
            lambda exc: self._decision_failed(view, exc)).run()
        self._deciding.add(task)
        task.add_done_callback(self._deciding.discard)

    def _decided(self, workspace: Workspace, view: ProposalView, decided: Decided) -> None:
        if workspace is not self.workspace or self.card.view is not view:
            return
        if decided.kind == "accepted" and decided.version is not None:
            version, approval = decided.version, decided.approval_id

            def accepted() -> str:
                if approval:
                    return fill(self.tr("Approved (request %1) and accepted: blueprint %2 is now "
                                        "version %3."), approval, version.key,
                                format_number(version.version))
                return fill(self.tr("Accepted: blueprint %1 is now version %2."), version.key,
                            format_number(version.version))

            self.card.set_decided("ok", accepted)
            self.refresh()
        elif decided.kind == "rejected":
            self.card.set_decided("ok", lambda: self.tr("Rejected. Nothing changed."))
        elif decided.kind == "denied":
            reasons = decided.reasons
            self.card.set_decided("error", lambda: fill(
                self.tr("The constitution refuses this: %1. Nothing changed."),
                self.tr("; ").join(local(m.message_en, m.message_ar) for m in reasons)
                or self.tr("denied")))
        else:
            state = decided.state
            self.card.set_decided("error", lambda: fill(
                self.tr("Approval request %1 was %2. Nothing changed."), decided.approval_id,
                self.tr("rejected") if state is ApprovalState.REJECTED else self.tr("expired")))
        self.chat.reload()
        self.decided.emit(decided)

    def _decision_failed(self, view: ProposalView, exc: BaseException) -> None:
        if self.card.view is not view:
            return
        if isinstance(exc, ProposalDecidedError):
            self.card.set_decided("error", lambda: fill(
                self.tr("This proposal was already decided. %1"), error_text(exc)))
        else:
            self.card.set_failed(lambda: fill(self.tr("The decision could not be recorded; "
                                                      "nothing changed. %1"), error_text(exc)))

    def _cancel_decisions(self) -> None:
        for task in list(self._deciding):
            task.cancel()
        self._deciding.clear()

    def shutdown(self) -> None:
        self.chat.cancel()
        self._cancel_decisions()
        self.workspace = None

    # ------------------------------------------------------------------ drawing
    def _update_controls(self) -> None:
        self.picker.setEnabled(self.workspace is not None and not self.chat.busy)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Assistant"))
        self.picker_label.setText(self.tr("&Blueprint:"))
        self.picker.setAccessibleName(self.tr("Blueprint the assistant works on"))
        self.offline.setText(self.tr("O&ffline"))
        self.offline.setToolTip(self.tr("Use the offline planner: nothing leaves this computer"))
        self.tabs.setTabText(CHAT, self.tr("C&hat"))
        self.tabs.setTabText(SUGGESTIONS, self.tr("Smart s&uggestions"))
        self.tabs.setTabText(SETTINGS, self.tr("Se&ttings"))
        self._fill_picker()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
