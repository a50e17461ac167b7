"""What the environment costs as it is and as the plan leaves it: monthly and hourly, net
and gross, with the change — in the price list's currency, written the console's way."""

from __future__ import annotations

from decimal import Decimal

from app.domain.cloud.pricing import PlanCost, Price
from app.gui.deploy.texts import amount, delta
from app.gui.formatting import fill, ltr
from app.gui.qt import QEvent, QGridLayout, QGroupBox, QLabel, Qt, QWidget

ROWS = ("monthly_net", "monthly_gross", "hourly_net", "hourly_gross")
NOW, AFTER, CHANGE = 1, 2, 3


class CostsView(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planCosts")
        self.cost: PlanCost | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(9, 4, 9, 6)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        self.headings = [QLabel(self) for _ in range(3)]
        for column, label in enumerate(self.headings, start=1):
            label.setObjectName("costHeading")
            label.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, 0, column)
        self.row_titles: dict[str, QLabel] = {}
        # (row, column) -> the amount shown there
        self.cells: dict[tuple[str, int], QLabel] = {}
        for row, name in enumerate(ROWS, start=1):
            title = QLabel(self)
            self.row_titles[name] = title
            grid.addWidget(title, row, 0)
            for column in (NOW, AFTER, CHANGE):
                cell = QLabel(self)
                cell.setObjectName(f"cost_{name}_{column}")
                cell.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.cells[(name, column)] = cell
                grid.addWidget(cell, row, column)
        grid.setColumnStretch(4, 1)
        self.retranslate()

    def show_cost(self, cost: PlanCost | None) -> None:
        self.cost = cost
        self._fill()

    def _fill(self) -> None:
        cost = self.cost
        for name in ROWS:
            for column in (NOW, AFTER, CHANGE):
                self.cells[(name, column)].setText("")
        if cost is None:
            self.setTitle(self.tr("Costs"))
            return
        self.setTitle(fill(self.tr("Costs (%1, from the provider's price list)"),
                           ltr(cost.currency)))
        for name in ROWS:
            period, part = name.split("_")
            hourly = period == "hourly"
            before: Price = cost.before.hourly if hourly else cost.before.monthly
            after: Price = cost.after.hourly if hourly else cost.after.monthly
            old: Decimal = before.gross if part == "gross" else before.net
            new: Decimal = after.gross if part == "gross" else after.net
            texts = (amount(old, cost.currency, hourly), amount(new, cost.currency, hourly),
                     delta(new - old, cost.currency, hourly))
            for column, text in zip((NOW, AFTER, CHANGE), texts, strict=True):
                cell = self.cells[(name, column)]
                cell.setText(text)
                cell.setAccessibleName(fill(self.tr("%1, %2"), self.row_titles[name].text(),
                                            self.headings[column - 1].text()))

    def text(self) -> str:
        """The table as one reads it, row by row."""
        lines = []
        for name in ROWS:
            cells = [self.cells[(name, c)].text() for c in (NOW, AFTER, CHANGE)]
            lines.append(" | ".join([self.row_titles[name].text(), *cells]))
        return "\n".join(lines)

    def retranslate(self) -> None:
        for label, text in zip(self.headings, (self.tr("Now"), self.tr("After the plan"),
                                               self.tr("Change")), strict=True):
            label.setText(text)
        titles = {"monthly_net": self.tr("Monthly, net"),
                  "monthly_gross": self.tr("Monthly, gross (with VAT)"),
                  "hourly_net": self.tr("Hourly, net"),
                  "hourly_gross": self.tr("Hourly, gross (with VAT)")}
        for name, text in titles.items():
            self.row_titles[name].setText(text)
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
