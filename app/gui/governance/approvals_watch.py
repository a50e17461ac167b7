"""The workspace's approval requests as the window knows them, kept current.

:class:`ApprovalsWatch` reloads the requests when the ApprovalService announces a change
and, every few seconds, when the event store's head has moved (a decision made elsewhere:
another console, the CLI); between loads it recomputes states, so an expiry shows without
a query. :class:`ApprovalPrompter` is how anything asks the owner to decide: it emits a
signal with the decision flow and awaits the future the dialog resolves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.background import BackgroundOp
from app.gui.qt import QObject, QTimer, Signal

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.governance.approval_flow import ApprovalDecisionFlow, PendingTracker
    from app.gui.session import WorkspaceSession
    from app.services.approvals import ApprovalRequest

POLL_MS = 3000


class ApprovalsWatch(QObject):
    changed = Signal()  # requests reloaded, or their states moved on
    pending_changed = Signal(int)  # the number of pending requests
    arrived = Signal(object)  # a new pending ApprovalRequest
    failed = Signal(object)  # a load failed (the exception)
    _announced = Signal(object)  # from the service's on_change (any thread)

    def __init__(self, session: WorkspaceSession, poll_ms: int = POLL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.requests: list[ApprovalRequest] = []
        self.pending = 0
        self.loaded = False
        # Made on the first load: the approval flow and its services load after the window shows.
        self._tracker: PendingTracker | None = None
        self._head = -1
        self._loading = False
        self._again = False
        self._checking = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poll)
        self._announced.connect(lambda _request: self.reload())
        session.workspace_changed.connect(self.set_workspace)
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        self._detach()
        self.workspace = workspace
        self.requests = []
        self.loaded = False
        self._tracker = None  # a new workspace: its first load reports no arrivals
        self._head = -1
        self._set_pending(0)
        self.changed.emit()
        if workspace is None:
            self._timer.stop()
            return
        workspace.approvals.on_change.append(self._on_service_change)
        self._timer.start()
        self.reload()

    def _detach(self) -> None:
        old = self.workspace
        if old is not None and self._on_service_change in old.approvals.on_change:
            old.approvals.on_change.remove(self._on_service_change)

    def _on_service_change(self, request: ApprovalRequest) -> None:
        self._announced.emit(request)

    def shutdown(self) -> None:
        self._timer.stop()
        self._detach()
        self.workspace = None

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True

        def read() -> tuple[int, list[ApprovalRequest]]:
            head = workspace.store.head_position()  # first: the list holds at least this
            return head, workspace.approvals.list_now()

        def done() -> None:
            self._loading = False
            if self._again and workspace is self.workspace:
                self._again = False
                self.reload()

        BackgroundOp(self, lambda: workspace.runner.run(read)).success(
            lambda result: self._loaded(workspace, *result)
        ).failure(lambda exc: self._failed(workspace, exc)).finished(done).run()

    def _loaded(self, workspace: Workspace, head: int, requests: list[ApprovalRequest]) -> None:
        from app.gui.governance.approval_flow import PendingTracker, ordered, pending_count, utcnow

        if workspace is not self.workspace:
            return
        now = utcnow()
        if self._tracker is None:
            self._tracker = PendingTracker()
        self._head = max(self._head, head)
        self.requests = ordered(requests, now)
        self.loaded = True
        arrivals = self._tracker.update(requests, now)
        self._set_pending(pending_count(requests, now))
        self.changed.emit()
        for request in arrivals:
            self.arrived.emit(request)

    def _failed(self, workspace: Workspace, exc: BaseException) -> None:
        if workspace is self.workspace:
            self.failed.emit(exc)

    def poll(self) -> None:
        """Every few seconds: reload if anything was recorded, else let time move states."""
        workspace = self.workspace
        if workspace is None or self._checking:
            return
        self._checking = True

        def moved(head: int) -> None:
            if workspace is not self.workspace:
                return
            if head != self._head:
                self.reload()
            else:
                self._recompute()

        def done() -> None:
            self._checking = False

        BackgroundOp(self, lambda: workspace.runner.run(workspace.store.head_position)).success(
            moved).failure(lambda exc: self._failed(workspace, exc)).finished(done).run()

    def _recompute(self) -> None:
        from app.gui.governance.approval_flow import ordered, pending_count, utcnow

        now = utcnow()
        self.requests = ordered(self.requests, now)
        self._set_pending(pending_count(self.requests, now))
        self.changed.emit()

    def _set_pending(self, count: int) -> None:
        if count != self.pending:
            self.pending = count
            self.pending_changed.emit(count)

    def find(self, request_id: str) -> ApprovalRequest | None:
        return next((r for r in self.requests if r.id == request_id), None)


class ApprovalPrompter(QObject):
    """Asks the person at the console to decide a request and awaits the answer."""

    requested = Signal(object)  # an ApprovalDecisionFlow for a dialog to draw

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.open_flows: dict[str, ApprovalDecisionFlow] = {}

    async def ask(self, workspace: Workspace, request: ApprovalRequest) -> ApprovalRequest | None:
        """The decided request, or None when the owner closed the dialog undecided. Asking
        again about a request whose dialog is open shows that dialog again."""
        from app.gui.governance.approval_flow import ApprovalDecisionFlow
        from app.gui.governance.calls import decider, load_me, withdrawer

        flow = self.open_flows.get(request.id)
        if flow is None:
            me = await load_me(workspace)
            flow = ApprovalDecisionFlow(request, workspace.current_user, decider(workspace), me,
                                        withdraw=withdrawer(workspace))
            self.open_flows[request.id] = flow
        self.requested.emit(flow)
        try:
            return await flow.outcome()
        finally:
            if flow.finished:
                self.open_flows.pop(request.id, None)
