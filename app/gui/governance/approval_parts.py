"""Parts of the approval dialog: the request's particulars and its attachments."""

from __future__ import annotations

from app.gui.fonts import monospace_font
from app.gui.formatting import fill, format_datetime, format_number, isolate, language
from app.gui.governance.approval_flow import (
    ApprovalDecisionFlow,
    attachments,
    context_items,
    rule_texts,
)
from app.gui.governance.texts import amount, countdown, role_name, state_name
from app.gui.qt import (
    QApplication,
    QColor,
    QFormLayout,
    QFrame,
    QLabel,
    QPalette,
    QPlainTextEdit,
    QScrollArea,
    QSize,
    QSyntaxHighlighter,
    Qt,
    QTabWidget,
    QTextCharFormat,
    QTextDocument,
    QVBoxLayout,
    QWidget,
)
from app.services.approvals import ApprovalState

RLM = "\u200f"  # right-to-left mark
LRM = "\u200e"  # left-to-right mark


def in_reading_direction(text: str) -> str:
    """Each line starts in the window's direction, so a line that begins with a name or
    a date (or a "why" typed in the other language) is aligned like the rest."""
    rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    mark = RLM if rtl else LRM
    return "\n".join(mark + line for line in text.split("\n"))


def align_to_reading_direction(edit: QPlainTextEdit) -> None:
    """Text typed in ``edit`` starts at the window's leading edge (a plain-text editor
    does not mirror its alignment by itself)."""
    rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    option = edit.document().defaultTextOption()
    option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
    edit.document().setDefaultTextOption(option)


def _value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the particulars can be read by keyboard
    return label


class RequestParticulars(QScrollArea):
    """What, why, the rule, approvers, requester, expiry, details and votes so far.

    Scrolls rather than squeezing a wrapped line away when the dialog is short."""

    ROWS = ("why", "rule", "approvers", "requester", "expires", "details", "votes", "request")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        column.addLayout(self.form)
        column.addStretch(1)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row in self.ROWS:
            name = QLabel(inner)
            value = _value_label(inner)
            value.setObjectName(f"approval_{row}")
            name.setBuddy(value)
            self.names[row] = name
            self.values[row] = value
            self.form.addRow(name, value)
        self.setWidget(inner)

    def sizeHint(self) -> QSize:
        """As tall as the particulars are at the width they have (or will have)."""
        width = self.viewport().width() if self.isVisible() else 640
        inner = self.widget()
        layout = inner.layout() if inner is not None else None
        if inner is None or layout is None:
            return super().sizeHint()
        layout.activate()
        height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else inner.sizeHint().height())
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth())

    def show_flow(self, flow: ApprovalDecisionFlow) -> None:
        request = flow.result or flow.request
        now = flow.clock()
        names = {
            "why": self.tr("Why:"),
            "rule": self.tr("Rule:"),
            "approvers": self.tr("Approvers:"),
            "requester": self.tr("Requested by:"),
            "expires": self.tr("Expires:"),
            "details": self.tr("Details:"),
            "votes": self.tr("Votes:"),
            "request": self.tr("Request:"),
        }
        for row, text in names.items():
            self.names[row].setText(text)
        v = self.values
        v["why"].setText(isolate(request.why))
        rules = rule_texts(request, language())
        v["rule"].setText("\n".join(fill(self.tr("%1 (rule %2)"), text, rule_id)
                                    for rule_id, text in rules) or self.tr("No rule named"))
        requirement = request.requirement
        roles = ", ".join(role_name(r) for r in requirement.approver_roles)
        counted = fill(self.tr("%1 — %2 of %Ln approvals so far", "", requirement.quorum), roles,
                       format_number(request.approvals))
        own = (self.tr("The requester may approve.") if requirement.requester_may_approve
               else self.tr("The requester may not approve."))
        v["approvers"].setText(f"{counted}\n{own}")
        v["requester"].setText(fill(self.tr("%1 on %2"), request.requester,
                                    format_datetime(request.requested_at)))
        when = format_datetime(request.expires_at)
        if request.state(now) is ApprovalState.PENDING:
            v["expires"].setText(fill(self.tr("%1, on %2"), countdown(request.expires_at, now), when))
        else:
            v["expires"].setText(fill(self.tr("%1 — now %2"), when, state_name(request.state(now))))
        details = context_items(request)
        v["details"].setText("\n".join(isolate(f"{key}: {value}") for key, value in details))
        self._show_row("details", bool(details))
        votes = [
            fill(self.tr("%1 approved: %2") if vote.approve else self.tr("%1 rejected: %2"),
                 vote.approver, vote.reason)
            for vote in request.votes
        ]
        v["votes"].setText("\n".join(votes) or self.tr("No votes yet"))
        v["request"].setText(isolate(request.id))
        for value in v.values():
            value.setText(in_reading_direction(value.text()))

    def _show_row(self, row: str, visible: bool) -> None:
        self.form.setRowVisible(self.ROWS.index(row), visible)


class DiffHighlighter(QSyntaxHighlighter):
    """Added lines green, removed lines red, hunk headers in the link colour."""

    def __init__(self, document: QTextDocument, dark: bool) -> None:
        super().__init__(document)
        self.added = QTextCharFormat()
        self.added.setForeground(QColor("#7ee2a8" if dark else "#1b7f3b"))
        self.removed = QTextCharFormat()
        self.removed.setForeground(QColor("#ff9b93" if dark else "#b3261e"))
        self.hunk = QTextCharFormat()
        self.hunk.setForeground(QColor("#8ab4f8" if dark else "#0b57d0"))

    def highlightBlock(self, text: str) -> None:
        if text.startswith("@@"):
            self.setFormat(0, len(text), self.hunk)
        elif text.startswith("+") and not text.startswith("+++"):
            self.setFormat(0, len(text), self.added)
        elif text.startswith("-") and not text.startswith("---"):
            self.setFormat(0, len(text), self.removed)


class AttachmentTabs(QTabWidget):
    """Diff, plan and cost, each on its own tab; hidden when nothing is attached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalAttachments")
        self.views: dict[str, QWidget] = {}

    def show_flow(self, flow: ApprovalDecisionFlow) -> None:
        current = self.currentIndex()
        self.clear()
        for view in self.views.values():
            view.deleteLater()
        self.views = {}
        for attachment in attachments(flow.request, language()):
            page = QWidget(self)
            layout = QVBoxLayout(page)
            layout.setContentsMargins(4, 4, 4, 4)
            if attachment.kind == "cost" and attachment.amount is not None:
                total = QLabel(page)
                total.setObjectName("approvalCost")
                total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                total.setText(fill(self.tr("Estimated cost: %1 a month"),
                                   amount(attachment.amount, attachment.currency)))
                layout.addWidget(total)
            text = QPlainTextEdit(page)
            text.setObjectName(f"attachment_{attachment.kind}")
            text.setReadOnly(True)
            text.setFont(monospace_font())
            text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            text.setTabChangesFocus(True)
            # Diffs, plans and JSON read left to right in either language; a plan written in
            # Arabic reads right to left.
            direction = (Qt.LayoutDirection.RightToLeft if attachment.right_to_left
                         else Qt.LayoutDirection.LeftToRight)
            text.setLayoutDirection(direction)
            option = text.document().defaultTextOption()
            option.setTextDirection(direction)
            text.document().setDefaultTextOption(option)
            if attachment.kind == "diff":
                dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
                DiffHighlighter(text.document(), dark)
            text.setPlainText(attachment.text)
            layout.addWidget(text, 1)
            self.views[attachment.kind] = text
            self.addTab(page, self._title(attachment.kind))
            text.setAccessibleName(self._title(attachment.kind))
        if 0 <= current < self.count():
            self.setCurrentIndex(current)
        self.setVisible(self.count() > 0)

    def _title(self, kind: str) -> str:
        titles = {"diff": self.tr("&Diff"), "plan": self.tr("&Plan"), "cost": self.tr("C&ost")}
        return titles.get(kind, kind)
