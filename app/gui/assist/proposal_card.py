"""The proposal card: what the assistant understood, the diff, the findings, and the
owner's Accept / Reject. Neither button is a default: a decision is always a deliberate
click or key press. The card draws and forwards input; the pane carries the decision out.
"""

from __future__ import annotations

from collections.abc import Callable

from app.gui.assist.diff_view import ProposalDiffView
from app.gui.assist.proposals import ProposalView
from app.gui.assist.texts import (
    domain_text,
    engine_name,
    frameworks_text,
    intent_name,
    local,
    region_text,
)
from app.gui.assist.tint import tint
from app.gui.blueprints.findings_view import FindingsView
from app.gui.blueprints.session import LocatedFinding
from app.gui.formatting import fill
from app.gui.qt import (
    QEvent,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

OPEN, DECIDING, DONE = "open", "deciding", "done"
UNLIMITED = 16_777_215  # Qt's QWIDGETSIZE_MAX


class ProposalCard(QFrame):
    accept_requested = Signal(object)  # ProposalView
    reject_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view: ProposalView | None = None
        self.state = OPEN
        self._status: Callable[[], str] = str
        self._build()
        self.retranslate()
        self.hide()

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("proposalTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.engine = QLabel(self)
        self.engine.setObjectName("proposalEngine")
        self.engine.setWordWrap(True)
        # What was understood and why: scrolls when long (Arabic runs taller), so the diff
        # keeps its room.
        self.about = QWidget(self)
        self.facts = QFormLayout()
        self.facts.setContentsMargins(0, 0, 0, 0)
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for name in ("intent", "domain", "frameworks", "region"):
            label, value = QLabel(self.about), QLabel(self.about)
            value.setObjectName(f"proposal_{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[name], self.values[name] = label, value
            self.facts.addRow(label, value)
        self.rationale = QLabel(self.about)
        self.rationale.setObjectName("proposalRationale")
        self.rationale.setWordWrap(True)
        self.rationale.setTextFormat(Qt.TextFormat.PlainText)
        self.rationale.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about = QVBoxLayout(self.about)
        about.setContentsMargins(0, 0, 0, 0)
        about.addLayout(self.facts)
        about.addWidget(self.rationale)
        about.addStretch(1)
        self.about_scroll = QScrollArea(self)
        self.about_scroll.setWidget(self.about)
        self.about_scroll.setWidgetResizable(True)
        self.about_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.about_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.diff = ProposalDiffView(self)
        diff_layout = self.diff.layout()
        if diff_layout is not None:
            diff_layout.setContentsMargins(0, 0, 0, 0)
        self.findings = FindingsView(self)
        self.lists = QSplitter(Qt.Orientation.Vertical, self)
        self.lists.setChildrenCollapsible(False)
        self.lists.addWidget(self.about_scroll)
        self.lists.addWidget(self.diff)
        self.lists.addWidget(self.findings)
        for index, stretch in enumerate((3, 4, 2)):
            self.lists.setStretchFactor(index, stretch)
        self.status = QLabel(self)
        self.status.setObjectName("proposalStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.accept_button = QPushButton(self)
        self.accept_button.setObjectName("acceptProposal")
        self.reject_button = QPushButton(self)
        self.reject_button.setObjectName("rejectProposal")
        for button in (self.accept_button, self.reject_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.accept_button.clicked.connect(self._accept)
        self.reject_button.clicked.connect(self._reject)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeProposal")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.engine)
        layout.addWidget(self.lists, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.diff.changes, self.findings.list)
        QWidget.setTabOrder(self.findings.list, self.reject_button)
        QWidget.setTabOrder(self.reject_button, self.accept_button)
        QWidget.setTabOrder(self.accept_button, self.close_button)

    # ------------------------------------------------------------------ content
    def show_proposal(self, view: ProposalView) -> None:
        self.view = view
        self.state = OPEN
        self._status = str
        self.status.hide()
        self.diff.show_proposal_diff(view.diff)
        self.findings.show_findings([LocatedFinding(f) for f in view.findings])
        # Without findings only their summary line ("No problems found") stays.
        self.findings.list.setVisible(bool(view.findings))
        self.findings.setMaximumHeight(UNLIMITED if view.findings
                                       else self.findings.summary.sizeHint().height())
        self._fill()
        self._update_buttons()
        self.show()

    def clear(self) -> None:
        self.view = None
        self.state = OPEN
        self._status = str
        self.status.hide()
        self._update_buttons()
        self.diff.show_proposal_diff(None)
        self.findings.show_findings([])
        self.hide()

    def set_deciding(self, text: Callable[[], str]) -> None:
        self.state = DECIDING
        self._set_status("info", text)

    def set_decided(self, kind: str, text: Callable[[], str]) -> None:
        """``kind``: "ok" (accepted or rejected), "waiting", "error"; the proposal is
        settled and its buttons stay off."""
        self.state = DONE
        self._set_status(kind, text)

    def set_failed(self, text: Callable[[], str]) -> None:
        """The decision could not be made (e.g. the database); it can be tried again."""
        self.state = OPEN
        self._set_status("error", text)

    def set_waiting(self, text: Callable[[], str]) -> None:
        self.state = DECIDING
        self._set_status("waiting", text)

    def _set_status(self, kind: str, text: Callable[[], str]) -> None:
        self._status = text
        tint(self.status, kind)
        self.status.setText(text())
        self.status.setAccessibleName(self.tr("Decision"))
        self.status.show()
        self._update_buttons()

    def _update_buttons(self) -> None:
        enabled = self.view is not None and self.state == OPEN
        self.accept_button.setEnabled(enabled)
        self.reject_button.setEnabled(enabled)
        # Once decided, the card can be put away; the outcome stays in the conversation.
        self.close_button.setVisible(self.state == DONE)

    def _accept(self) -> None:
        if self.view is not None and self.state == OPEN:
            self.accept_requested.emit(self.view)

    def _reject(self) -> None:
        if self.view is not None and self.state == OPEN:
            self.reject_requested.emit(self.view)

    def _fill(self) -> None:
        view = self.view
        if view is None:
            return
        if view.creates:
            self.title.setText(fill(self.tr("Proposal: a new platform, %1"), view.key))
        else:
            self.title.setText(fill(self.tr("Proposal for blueprint %1"), view.key))
        self.engine.setText(fill(self.tr("Proposed by %1; nothing is applied until you accept."),
                                 engine_name(view.engine, view.model)))
        summary = view.summary
        self.values["intent"].setText(intent_name(view.intent))
        self.values["domain"].setText(domain_text(summary.get("domain")))
        self.values["frameworks"].setText(frameworks_text(summary.get("frameworks") or []))
        self.values["region"].setText(region_text(summary.get("region")))
        self.rationale.setText(local(view.rationale_en, view.rationale_ar))

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.labels["intent"].setText(self.tr("Intent:"))
        self.labels["domain"].setText(self.tr("Domain:"))
        self.labels["frameworks"].setText(self.tr("Frameworks:"))
        self.labels["region"].setText(self.tr("Region:"))
        self.accept_button.setText(self.tr("&Accept"))
        self.accept_button.setToolTip(self.tr("Write this change as a new blueprint version, as "
                                              "you, under the constitution"))
        self.reject_button.setText(self.tr("Re&ject"))
        self.reject_button.setToolTip(self.tr("Discard this proposal; nothing changes"))
        self.close_button.setText(self.tr("C&lose"))
        self.setAccessibleName(self.tr("Proposal"))
        self._fill()
        if self._status is not str:
            self.status.setText(self._status())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange and self._status is not str:
            tint(self.status, str(self.status.property("kind")))
        super().changeEvent(event)
