"""Telling the owner a budget threshold was crossed: when the live feed brings a
``BudgetThresholdCrossed`` event (recorded by ``webnova budgets check``, ``usage import``,
``usage meter`` or another console), a tray notification in the console's language —
or, where the desktop has no system tray, the same in-window notice approvals use."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.gui.formatting import fill, language
from app.gui.governance.alerts import MESSAGE_MS, ApprovalAlerts
from app.gui.qt import QCoreApplication, QObject, QSystemTrayIcon

if TYPE_CHECKING:
    from app.domain.events import RecordedEvent

CROSSED = "BudgetThresholdCrossed"  # app.services.budgets.CROSSED, without loading services
translate = QCoreApplication.translate


def _money(amount: object, currency: str) -> str:
    from app.domain.costs.money import Money, format_money  # Babel's currencies: not at start-up

    return format_money(Money(Decimal(str(amount)), currency), language())


def crossing_title() -> str:
    return translate("BudgetAlerts", "Budget warning")


def crossing_text(data: Mapping[str, Any]) -> str:
    currency = str(data.get("currency", ""))
    budget, period = str(data.get("budget", "")), str(data.get("period", ""))
    if data.get("kind") == "forecast":
        return fill(translate("BudgetAlerts",
                              "Budget %1 (%2): at this pace %3 will be spent, past the budget "
                              "of %4"),
                    budget, period, _money(data.get("forecast", 0), currency),
                    _money(data.get("amount", 0), currency))
    return fill(translate("BudgetAlerts", "Budget %1 (%2): %3 percent reached, %4 of %5 spent"),
                budget, period, int(data.get("threshold", 0)),
                _money(data.get("spent", 0), currency), _money(data.get("amount", 0), currency))


class BudgetAlerts(QObject):
    """Announces each crossing once, as the feed delivers it (the feed follows the store
    from its head, so crossings recorded before the console opened are not repeated)."""

    def __init__(self, alerts: ApprovalAlerts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.alerts = alerts

    def recorded(self, events: tuple[RecordedEvent, ...]) -> None:
        for event in events:
            if event.type == CROSSED:
                self.announce(event.data)

    def announce(self, data: Mapping[str, Any]) -> None:
        alerts = self.alerts
        if alerts.tray_ready() and QSystemTrayIcon.supportsMessages():
            assert alerts.tray is not None
            title, text = crossing_title(), crossing_text(data)
            alerts.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)
            alerts.shown.append((title, text))
            return
        alerts.notice.emit(lambda: f"{crossing_title()}: {crossing_text(data)}")
