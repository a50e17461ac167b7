"""The Costs pane's Subscriptions tab: what the platforms' tiers earn at Stripe over the pane's
period — MRR at its end, churn, money received and, per platform, the margin (received minus
cost) — from the Stripe events the console has read (``Workspace.revenue``).

Loaded on the workspace's database thread whenever the pane has loaded a period; "Read new
Stripe events" asks Stripe (off the GUI thread too) and loads again. With no Stripe events
read, the tab says how to connect a platform (``webnova billing connect``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain.billing.revenue import PlatformRevenue
from app.domain.costs.money import Money
from app.domain.numerals import number
from app.gui.background import BackgroundOp
from app.gui.costs.tables import amount
from app.gui.empty_state import EmptyState
from app.gui.formatting import fill, language
from app.gui.messages import error_text
from app.gui.qt import (
    QAbstractItemView,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.table_model import TRAILING, ObjectTableModel, record_table

if TYPE_CHECKING:
    from app.gui.costs.pane import CostsPane

translate = QCoreApplication.translate


@dataclass(frozen=True)
class TierRow:
    platform: str
    tier: str | None  # None: the platform's total
    mrr: Money
    churn: Decimal | None
    received: Money
    margin: Money | None = None


def rows_of(results: list[PlatformRevenue]) -> list[TierRow]:
    rows: list[TierRow] = []
    for result in results:
        zero = Money.zero(result.currency)
        rows.extend(TierRow(result.platform, t.tier, t.mrr, t.churn, t.received or zero)
                    for t in result.tiers)
        rows.append(TierRow(result.platform, None, result.mrr, result.churn, result.received,
                            result.margin))
    return rows


class SubscriptionsTable(ObjectTableModel):
    COLUMNS = ("platform", "tier", "mrr", "churn", "received", "margin")

    def format_row(self, item: TierRow) -> tuple[str, ...]:
        tier = (translate("SubscriptionsTab", "All tiers") if item.tier is None
                else item.tier or translate("SubscriptionsTab", "(other prices)"))
        churn = "" if item.churn is None else number(item.churn * 100, language(), "0.0") + "%"
        return (item.platform, tier, amount(item.mrr), churn, amount(item.received),
                "" if item.margin is None else amount(item.margin))

    def titles(self) -> tuple[str, ...]:
        return (translate("SubscriptionsTab", "Platform"), translate("SubscriptionsTab", "Tier"),
                translate("SubscriptionsTab", "MRR"), translate("SubscriptionsTab", "Churn"),
                translate("SubscriptionsTab", "Received"), translate("SubscriptionsTab", "Margin"))

    def alignment(self, column: int) -> int | None:
        return TRAILING if column >= 2 else None


class SubscriptionsTab(QWidget):
    loaded = Signal()

    def __init__(self, pane: CostsPane) -> None:
        super().__init__(pane.tabs)
        self.setObjectName("subscriptionsTab")
        self.pane = pane
        self.results: list[PlatformRevenue] = []
        self.loading = False
        self._generation = 0
        self.model = SubscriptionsTable(self)
        self.table = record_table(self, self.model, "subscriptionsTable", {}, stretch=())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.note = QLabel(self)
        self.note.setObjectName("subscriptionsNote")
        self.note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("subscriptionsStatus")
        self.status.setWordWrap(True)
        self.read_button = QPushButton(self)
        self.read_button.setObjectName("subscriptionsRead")
        self.read_button.clicked.connect(self.read_stripe)
        self.empty = EmptyState(self, "subscriptionsEmpty")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.read_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.table)
        pane.tabs.addTab(self, "")
        pane.loaded.connect(self.refresh)
        self.retranslate()

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        workspace = self.pane.workspace
        if workspace is None:
            return
        self._generation += 1
        generation = self._generation
        start, end = self.pane.period()
        self.loading = True

        def load() -> list[PlatformRevenue]:
            return list(workspace.revenue.received(start, end, with_cost=True).values())

        BackgroundOp(self, lambda: workspace.runner.run(load)) \
            .success(lambda results: self._loaded(generation, results)) \
            .failure(lambda exc: self._failed(generation, exc)).run()

    def read_stripe(self) -> None:
        workspace = self.pane.workspace
        if workspace is None:
            return
        self.read_button.setEnabled(False)
        self.status.setText(self.tr("Reading new events from Stripe…"))

        def read() -> int:
            revenue = workspace.revenue
            return sum(revenue.read_now(p).recorded for p in revenue.connected())

        def done(count: int) -> None:
            self.read_button.setEnabled(True)
            self.status.setText(fill(self.tr("%1 new Stripe events read."),
                                     number(count, language())))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.read_button.setEnabled(True)
            self.status.setText(fill(self.tr("Stripe could not be read: %1"), error_text(exc)))

        BackgroundOp(self, lambda: workspace.runner.run(read)).success(done).failure(failed).run()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            self.status.setText(fill(self.tr("The subscriptions could not be loaded: %1"),
                                     error_text(exc)))
            self.loaded.emit()

    def _loaded(self, generation: int, results: list[PlatformRevenue]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.results = results
        self.model.set_objects(rows_of(results))
        self.stack.setCurrentWidget(self.table if results else self.empty)
        self.loaded.emit()

    # ------------------------------------------------------------------ language
    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        tabs = self.pane.tabs
        tabs.setTabText(tabs.indexOf(self), self.tr("Subscriptions"))
        self.read_button.setText(self.tr("&Read new Stripe events"))
        self.note.setText(self.tr(
            "MRR at the period's end; churn: the share of the subscriptions paying at its start "
            "that were cancelled within it; received: invoices paid at Stripe, in the owner's "
            "currency; margin: received minus the platform's cost."))
        self.empty.show_state(
            self.tr("No Stripe events have been read yet"),
            self.tr("Connect a platform's Stripe account with 'webnova billing connect "
                    "--platform KEY', then read its events here or with 'webnova billing "
                    "revenue'."))
        self.model.retranslate()
