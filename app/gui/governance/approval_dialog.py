"""The owner's approval dialog: everything about one request, and approve or reject with
a reason.

Nothing is approved by default: neither button is a default button, Enter never presses
one, and the reason is required. Escape closes the dialog without deciding. The decision
runs in the background through the flow, which names any refusal of the service here.
"""

from __future__ import annotations

from app.gui.background import BackgroundOp
from app.gui.formatting import fill
from app.gui.governance.approval_flow import (
    ApprovalDecisionFlow,
    DecisionFailure,
    DecisionProblem,
    Phase,
)
from app.gui.governance.approval_parts import (
    AttachmentTabs,
    RequestParticulars,
    align_to_reading_direction,
)
from app.gui.governance.texts import describe_action, local_rule_text, problem_text, state_name
from app.gui.messages import error_text
from app.gui.qt import (
    QCloseEvent,
    QDialog,
    QEvent,
    QFont,
    QFrame,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRect,
    QScrollArea,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.screen_fit import available_geometry, fit_to_screen
from app.services.approvals import ApprovalState

# Known before deciding, so said at once (an expired or decided request shows as an error).
HINTED = frozenset({DecisionProblem.OWN_REQUEST, DecisionProblem.NOT_AN_APPROVER,
                    DecisionProblem.NOT_ACTIVE, DecisionProblem.ALREADY_VOTED})


class ApprovalDialog(QDialog):
    decided = Signal(object)  # the flow, once its decision is recorded

    def __init__(self, flow: ApprovalDecisionFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.flow = flow
        self._failure: DecisionFailure | None = None
        self.setMinimumWidth(560)
        self.headline = QLabel(self)
        self.headline.setObjectName("approvalHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("approvalState")
        self.particulars = RequestParticulars(self)
        self.attachments = AttachmentTabs(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("fieldError")
        self.hint.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("decisionReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.reason_label.setBuddy(self.reason)
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
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approveButton")
        self.reject_button = QPushButton(self)
        self.reject_button.setObjectName("rejectButton")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        self.withdraw_button = QPushButton(self)  # only for the requester's own request
        self.withdraw_button.setObjectName("withdrawButton")
        for button in (self.approve_button, self.reject_button, self.cancel_button,
                       self.withdraw_button):
            # No button is ever the default: Enter must never approve.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.cancel_button.clicked.connect(self.reject)
        self.withdraw_button.clicked.connect(self.withdraw)

        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)
        # Everything but the buttons scrolls, so the dialog fits a small screen and the
        # buttons stay in view.
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.headline)
        body.addWidget(self.state_label)
        body.addSpacing(6)
        body.addWidget(self.particulars, 1)
        body.addWidget(self.attachments, 2)
        body.addWidget(self.hint)
        body.addWidget(self.reason_label)
        body.addWidget(self.reason)
        body.addWidget(self.error)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("approvalScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.reason, self.reject_button)
        QWidget.setTabOrder(self.reject_button, self.approve_button)
        QWidget.setTabOrder(self.approve_button, self.cancel_button)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self.retranslate()
        if self.attachments.count():  # the particulars in full, the rest for the diff or plan
            body.setStretch(body.indexOf(self.particulars), 0)
            body.setStretch(body.indexOf(self.attachments), 1)
        self.fit_to(available_geometry(self))

    def fit_to(self, available: QRect) -> QSize:
        """As large as the request needs, within ``available`` (a screen's free area)."""
        if self.attachments.count():
            wanted = QSize(760, 860)
        else:  # as tall as the particulars need, with room for an error below the reason
            spare = self.fontMetrics().lineSpacing() * 2 + 12
            margins = self.layout().contentsMargins()
            wanted = QSize(680, self.body.sizeHint().height() + spare + margins.top()
                           + margins.bottom() + self.layout().spacing()
                           + self.cancel_button.sizeHint().height())
        return fit_to_screen(self, wanted, available)

    # ------------------------------------------------------------------ deciding
    def decide(self, approve: bool) -> None:
        if not self.flow.can_decide:
            return
        text = self.reason.toPlainText()
        problem = self.flow.check(text)
        if problem is not None:
            self._show_failure(problem)
            if problem.problem is DecisionProblem.REASON_MISSING:
                self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.error.hide()
        BackgroundOp(self, lambda: self.flow.decide(approve, text)).success(
            self._after_decision).failure(self._unexpected).run()
        self._update_controls()

    def withdraw(self) -> None:
        """The requester takes back their own request (the reason is optional)."""
        if not self.flow.can_withdraw:
            return
        self.error.hide()
        text = self.reason.toPlainText()
        BackgroundOp(self, lambda: self.flow.withdraw(text)).success(
            self._after_decision).failure(self._unexpected).run()
        self._update_controls()

    def _after_decision(self, failure: DecisionFailure | None) -> None:
        if failure is None:
            self.decided.emit(self.flow)
            self.done(QDialog.DialogCode.Accepted)
            return
        self._show_failure(failure)
        if self.flow.phase is Phase.DECIDED:
            self.decided.emit(self.flow)
        self._update_controls()

    def _unexpected(self, exc: BaseException) -> None:
        self._show_failure(DecisionFailure(DecisionProblem.FAILED, "", exc))
        self._update_controls()

    def _show_failure(self, failure: DecisionFailure) -> None:
        self._failure = failure
        self.error.setText(self._failure_text(failure))
        self.error.show()
        self.hint.hide()  # the error says it now
        self._update_controls()

    def _failure_text(self, failure: DecisionFailure) -> str:
        text = problem_text(failure)
        if failure.problem is DecisionProblem.DENIED and failure.denials:
            reasons = "; ".join(local_rule_text(en, ar) for en, ar in failure.denials)
            return f"{text} {reasons}"
        if failure.problem is DecisionProblem.FAILED and failure.error is not None:
            return f"{text} {error_text(failure.error)}"
        if failure.detail:
            return text + " " + fill(self.tr("Details: %1"), failure.detail)
        return text

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        """Escape / Cancel: close without deciding (not while a decision is under way)."""
        if self.flow.cancel():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.flow.phase is Phase.DECIDING:
            event.ignore()
            return
        self.flow.cancel()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter decides nothing; press Approve or Reject deliberately
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ drawing
    def _update_controls(self) -> None:
        deciding = self.flow.phase is Phase.DECIDING
        can = self.flow.can_decide
        self.approve_button.setEnabled(can)
        self.reject_button.setEnabled(can)
        withdrawable = self.flow.can_withdraw
        self.withdraw_button.setVisible(withdrawable or (deciding and self.flow.approver
                                                         == self.flow.request.requester))
        self.withdraw_button.setEnabled(withdrawable)
        self.reason.setReadOnly(not (can or withdrawable))
        self.cancel_button.setEnabled(not deciding)
        self.busy.setVisible(deciding)
        self.cancel_button.setText(self.tr("Cancel") if can or deciding else self.tr("Close"))

    def retranslate(self) -> None:
        flow = self.flow
        request = flow.result or flow.request
        self.setWindowTitle(self.tr("Approval request"))
        self.headline.setText(describe_action(request))
        state = flow.state()
        self.state_label.setText(fill(self.tr("State: %1"), state_name(state)))
        self.particulars.show_flow(flow)
        self.attachments.show_flow(flow)
        foreseen = flow.foreseen() if flow.phase is Phase.READY else None
        if foreseen not in HINTED:
            foreseen = None
        self.hint.setText(problem_text(foreseen) if foreseen is not None else "")
        self.hint.setVisible(foreseen is not None and self._failure is None)
        self.reason_label.setText(self.tr("Your &reason (required):"))
        self.reason.setPlaceholderText(self.tr("Why you approve or reject this request"))
        self.reason.setAccessibleName(self.tr("Reason for the decision"))
        align_to_reading_direction(self.reason)
        self.approve_button.setText(self.tr("&Approve"))
        self.approve_button.setToolTip(self.tr("Approve this request, signed with your key"))
        self.reject_button.setText(self.tr("Re&ject"))
        self.reject_button.setToolTip(self.tr("Reject this request, signed with your key"))
        self.withdraw_button.setText(self.tr("&Withdraw"))
        self.withdraw_button.setToolTip(self.tr("Withdraw your own request; nothing will be done"))
        self.busy.setAccessibleName(self.tr("Recording the decision"))
        failure = self._failure
        if failure is not None and self.error.isVisible():
            self.error.setText(self._failure_text(failure))
        if state is not ApprovalState.PENDING and flow.phase is Phase.READY and failure is None:
            self._show_failure(DecisionFailure(
                DecisionProblem.EXPIRED if state is ApprovalState.EXPIRED
                else DecisionProblem.NOT_PENDING))
        self._update_controls()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
