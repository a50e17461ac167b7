"""The Costs pane: what the owner's platforms cost and earn over a period, from the usage
rollup priced by the price books (``Workspace.costs``), in the owner's currency.

Spend over time stacked by category, cost and revenue per platform and tenant, the top cost
drivers, the margin where revenue is known, the month-end forecast, and the usage that could
not be priced (a warning with the reasons, never a silent zero). A bar or a table row (Enter)
drills down to the days behind it and the usage records of a day. Everything is loaded on
the workspace's database thread; the result is drawn a part per turn of the event loop, so
the window keeps answering while a year of usage loads. Export: CSV and a PDF report.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.costs.costing import CostSum
from app.domain.costs.usage import UsageRecord
from app.gui.background import BackgroundOp
from app.gui.collection_pause import without_collection
from app.gui.costs.charts import BarChartView
from app.gui.costs.dashboard import PRESETS, Dashboard, dashboard_csv, load_dashboard, period_of
from app.gui.costs.subscriptions import SubscriptionsTab
from app.gui.costs.tables import (
    BudgetsTable,
    DaysTable,
    DriversTable,
    GroupTable,
    MarginTable,
    RecordsTable,
    SpendCell,
    SpendTable,
    UnpricedTable,
    amount,
    axis_label,
    bucket_label,
    category_name,
    name_of,
)
from app.gui.empty_state import EmptyState
from app.gui.formatting import fill, format_number, language
from app.gui.messages import error_text
from app.gui.qt import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDate,
    QDateEdit,
    QEvent,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableView,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.session import WorkspaceSession
from app.gui.store_feed import follow
from app.gui.table_model import record_table

if TYPE_CHECKING:
    from app.bootstrap import Workspace

SPEND, GROUPS, DRIVERS, MARGIN, RECORDS, UNPRICED = range(6)


class CostsPane(QWidget):
    loaded = Signal()  # a dashboard is on screen (every part drawn)
    records_loaded = Signal()

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costsPane")
        self.session = session
        self.workspace: Workspace | None = None
        self.board: Dashboard | None = None
        self.loading = False
        self._generation = 0
        self._steps: list[Callable[[], None]] = []
        self.drill: tuple[str, str, str | None] | None = None  # dimension, value, bucket
        self.records_day: date | None = None
        self._build()
        self.subscriptions = SubscriptionsTab(self)
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.refresh, {"usage", "usage-cloud", "ai-usage", "prices"})
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.period_label = QLabel(self)
        self.preset = QComboBox(self)
        self.preset.setObjectName("costsPeriod")
        for _ in PRESETS:
            self.preset.addItem("")
        self.preset.setCurrentIndex(PRESETS.index("last_12_months"))
        self.period_label.setBuddy(self.preset)
        self.from_date, self.to_date = QDateEdit(self), QDateEdit(self)
        for edit, name in ((self.from_date, "costsFrom"), (self.to_date, "costsTo")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._custom_changed)
        self.currency_label = QLabel(self)
        self.currency_label.setObjectName("costsCurrency")
        self.refresh_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        self.csv_button.setObjectName("costsExportCsv")
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("costsExportPdf")
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(self._ask_csv)
        self.pdf_button.clicked.connect(self._ask_pdf)
        controls = QHBoxLayout()
        for widget in (self.period_label, self.preset, self.from_date, self.to_date,
                       self.currency_label):
            controls.addWidget(widget)
        controls.addStretch(1)
        for widget in (self.refresh_button, self.csv_button, self.pdf_button):
            controls.addWidget(widget)

        self.summary = QLabel(self)
        self.summary.setObjectName("costsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel(self)
        self.warning.setObjectName("costsUnpricedWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b45309; font-weight: bold;")
        self.warning.hide()
        self.status = QLabel(self)
        self.status.setObjectName("costsStatus")

        self.spend_chart = BarChartView(True, "spendChart", self)
        self.spend_chart.bar_clicked.connect(self._spend_clicked)
        self.spend_model = SpendTable(self)
        self.spend_table = self._table(self.spend_model, "spendTable", self._spend_row)
        self.budgets_model = BudgetsTable(self)
        self.budgets_table = self._table(self.budgets_model, "budgetsTable", None)
        self.platform_chart = BarChartView(False, "platformChart", self)
        self.platform_chart.bar_clicked.connect(self._platform_clicked)
        self.platform_model = GroupTable("platform")
        self.platform_table = self._table(self.platform_model, "platformTable",
                                          lambda row: self._group_row("platform", row))
        self.tenant_model = GroupTable("tenant")
        self.tenant_table = self._table(self.tenant_model, "tenantTable",
                                        lambda row: self._group_row("tenant", row))
        self.drivers_model = DriversTable(self)
        self.drivers_table = self._table(self.drivers_model, "driversTable", None)
        self.margin_model = MarginTable(self)
        self.margin_table = self._table(self.margin_model, "marginTable", None)
        self.unpriced_model = UnpricedTable(self)
        self.unpriced_table = self._table(self.unpriced_model, "unpricedTable", None)
        self.days_model = DaysTable(self)
        self.days_table = self._table(self.days_model, "daysTable", self._day_row)
        self.records_model = RecordsTable(self)
        self.records_table = self._table(self.records_model, "recordsTable", None)
        self.drill_label = QLabel(self)
        self.drill_label.setObjectName("drillLabel")
        self.drill_label.setWordWrap(True)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("costsTabs")
        spend = QSplitter(Qt.Orientation.Horizontal)
        chart_and_budgets = QSplitter(Qt.Orientation.Vertical)
        chart_and_budgets.addWidget(self.spend_chart)
        chart_and_budgets.addWidget(self.budgets_table)
        chart_and_budgets.setStretchFactor(0, 4)
        chart_and_budgets.setStretchFactor(1, 1)
        spend.addWidget(chart_and_budgets)
        spend.addWidget(self.spend_table)
        spend.setStretchFactor(0, 3)
        spend.setStretchFactor(1, 1)
        spend.setSizes([780, 360])
        groups = QSplitter(Qt.Orientation.Horizontal)
        groups.addWidget(self.platform_chart)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.platform_table)
        tables.addWidget(self.tenant_table)
        groups.addWidget(tables)
        groups.setSizes([560, 580])
        records = QWidget()
        column = QVBoxLayout(records)
        column.addWidget(self.drill_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.days_table)
        split.addWidget(self.records_table)
        split.setStretchFactor(1, 3)
        column.addWidget(split, 1)
        for page in (spend, groups, self.drivers_table, self.margin_table, records,
                     self.unpriced_table):
            self.tabs.addTab(page, "")
        self.empty = EmptyState(self, "costsEmpty")
        self.content = QStackedWidget(self)
        self.content.addWidget(self.tabs)
        self.content.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.status)
        layout.addWidget(self.content, 1)
        self.setFocusProxy(self.preset)
        self._preset_changed()

    def _table(self, model: object, name: str,
               activated: Callable[[int], None] | None) -> QTableView:
        table = record_table(self, model, name, {}, stretch=())  # type: ignore[arg-type]
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        if activated is not None:
            table.activated.connect(lambda index: activated(index.row()))
        return table

    # ------------------------------------------------------------------ period
    def period(self) -> tuple[date, date]:
        """``[start, end)`` chosen now."""
        preset = PRESETS[self.preset.currentIndex()]
        if preset != "custom":
            return period_of(preset, self._today())
        start = self.from_date.date().toPython()
        last = self.to_date.date().toPython()
        return start, max(last, start) + timedelta(days=1)

    def set_period(self, start: date, end: date) -> None:
        """A custom period ``[start, end)`` (loads it)."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(PRESETS.index("custom"))
        self.preset.blockSignals(False)
        self._set_dates(start, end)
        self._update_dates()
        self.refresh()

    def _today(self) -> date:
        return self.workspace.costs.today() if self.workspace is not None else date.today()

    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.from_date, start), (self.to_date, end - timedelta(days=1))):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _update_dates(self) -> None:
        custom = PRESETS[self.preset.currentIndex()] == "custom"
        self.from_date.setEnabled(custom)
        self.to_date.setEnabled(custom)

    def _preset_changed(self) -> None:
        if PRESETS[self.preset.currentIndex()] != "custom":
            self._set_dates(*self.period())
        self._update_dates()
        self.refresh()

    def _custom_changed(self) -> None:
        if PRESETS[self.preset.currentIndex()] == "custom":
            self.refresh()

    # ------------------------------------------------------------------ loading
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.board = None
        if PRESETS[self.preset.currentIndex()] != "custom":
            self._set_dates(*self.period())
        self.refresh()

    def shutdown(self) -> None:
        self.workspace = None
        self._generation += 1
        self._steps = []

    def refresh(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        self._generation += 1
        generation = self._generation
        self._steps = []
        start, end = self.period()
        self.loading = True
        self._show_status()
        costs, budgets = workspace.costs, workspace.budgets

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.loading = False
                self.status.setText(fill(self.tr("The costs could not be loaded: %1"),
                                         error_text(exc)))
                self.status.show()

        def load() -> Dashboard:
            return without_collection(lambda: load_dashboard(costs, start, end, budgets))

        BackgroundOp(self, lambda: workspace.runner.run(load)) \
            .success(lambda board: self._loaded(generation, board)).failure(failed).run()

    def _loaded(self, generation: int, board: Dashboard) -> None:
        if generation != self._generation:
            return  # a newer period or workspace was asked for meanwhile
        self.board = board
        # One part per turn of the event loop: the window stays responsive in between.
        self._steps = [self._draw_summary, self._draw_spend, self._draw_groups,
                       self._draw_tables, self._finish]
        self._next_step(generation)

    def _next_step(self, generation: int) -> None:
        if generation != self._generation or not self._steps:
            return
        self._steps.pop(0)()
        if self._steps:
            QTimer.singleShot(0, self, lambda: self._next_step(generation))

    def _finish(self) -> None:
        self.loading = False
        self._show_status()
        self.loaded.emit()

    def _show_status(self) -> None:
        self.status.setText(self.tr("Loading costs…") if self.loading else "")
        self.status.setVisible(self.loading)

    # ------------------------------------------------------------------ drawing
    def _rtl(self) -> bool:
        return QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _draw_summary(self) -> None:
        board = self.board
        if board is None:
            return
        self.currency_label.setText(fill(self.tr("Amounts in %1"), board.currency))
        self.content.setCurrentWidget(self.empty if board.empty else self.tabs)
        self.csv_button.setEnabled(not board.empty)
        self.pdf_button.setEnabled(not board.empty)
        self.empty.show_state(
            self.tr("No usage recorded in this period"),
            self.tr("Usage comes from the assistant, the cloud meter and imports: run "
                    "\u201cwebnova usage import FILE\u201d (CSV or JSON) or \u201cwebnova usage "
                    "meter\u201d, or choose another period."))
        self.summary.setText(self.summary_text(board))
        self.summary.setVisible(not board.empty)
        if board.unpriced:
            records = sum(u.records for u in board.unpriced)
            kinds = "; ".join(f"{u.resource} ({u.provider}): {u.reason.text(language())}"
                              for u in board.unpriced[:3])
            self.warning.setText(fill(self.tr(
                "%1 usage records could not be priced and are not in these totals: %2. "
                "See the Unpriced tab."), format_number(records), kinds))
        self.warning.setVisible(bool(board.unpriced))
        self.tabs.setTabVisible(UNPRICED, bool(board.unpriced))
        self.tabs.setTabVisible(MARGIN, bool(board.margin))

    def summary_text(self, board: Dashboard) -> str:
        total = board.total
        parts = [fill(self.tr("Cost %1"), amount(total.cost)),
                 fill(self.tr("Revenue %1"), amount(total.revenue)),
                 fill(self.tr("Margin %1"), amount(total.margin))]
        if board.forecast is not None:
            f = board.forecast
            parts.append(fill(self.tr("This month so far %1, by month end %2 at this pace"),
                              amount(f.spent), amount(f.forecast)))
        for budget in board.budgets:
            if budget.converted is not None:
                parts.append(fill(self.tr("Budget %1: %2 a month") if budget.state.budget.monthly
                                  else self.tr("Budget %1: %2 for its period"),
                                  budget.name, amount(budget.converted)))
        return " · ".join(parts)

    def _draw_spend(self) -> None:
        board = self.board
        if board is None or board.empty:
            return
        buckets, categories, spend = board.buckets(), board.categories(), board.spend()
        zero = 0.0
        sets = [(category_name(c), [float(spend[(b, c)].rounded().amount) if (b, c) in spend
                                    else zero for b in buckets]) for c in categories]
        title = (self.tr("Spend per month by category") if board.per_month
                 else self.tr("Spend per day by category"))
        lines = [(fill(self.tr("Budget %1"), b.name),
                  [None if v is None else float(v) for v in b.per_bar])
                 for b in board.budgets if b.converted is not None]
        forecast = board.forecast
        self.spend_chart.forecast_name = self.tr("Forecast to month end")
        if forecast is not None and board.per_month and forecast.period in buckets:
            lines.append((self.spend_chart.forecast_name,
                          [float(forecast.forecast.rounded().amount) if b == forecast.period
                           else None for b in buckets]))
        self.spend_chart.show_bars(title, [axis_label(b) for b in buckets], sets, self._rtl(),
                                   language(), lines)
        self.spend_model.set_objects([SpendCell(b, c, spend[(b, c)]) for b in buckets
                                      for c in categories if (b, c) in spend
                                      and spend[(b, c)].amount != 0])

    def _draw_groups(self) -> None:
        board = self.board
        if board is None or board.empty:
            return
        platforms = [s for s in board.by_platform if s.cost.amount or s.revenue.amount]
        self.platform_chart.show_bars(
            self.tr("Cost and revenue per platform"),
            [name_of("platform", s.dimensions["platform"]) for s in platforms],
            [(self.tr("Cost"), [float(s.cost.rounded().amount) for s in platforms]),
             (self.tr("Revenue"), [float(s.revenue.rounded().amount) for s in platforms])],
            self._rtl(), language())
        self._chart_platforms = platforms
        self.platform_model.set_objects(board.by_platform)
        self.tenant_model.set_objects(board.by_tenant)

    def _draw_tables(self) -> None:
        board = self.board
        if board is None:
            return
        self.drivers_model.set_objects(board.drivers)
        self.margin_model.set_objects(board.margin)
        self.unpriced_model.set_objects(board.unpriced)
        self.budgets_model.set_objects(board.budgets)
        self.budgets_table.setVisible(bool(board.budgets))

    # ------------------------------------------------------------------ drill-down
    def _spend_clicked(self, bar: int, stack: int) -> None:
        board = self.board
        if board is not None:
            self.drill_down("category", board.categories()[stack], board.buckets()[bar])

    def _spend_row(self, row: int) -> None:
        cell = self.spend_model.object_at(row)
        if cell is not None:
            self.drill_down("category", cell.category, cell.bucket)

    def _platform_clicked(self, bar: int, _set: int) -> None:
        platforms = getattr(self, "_chart_platforms", [])
        if 0 <= bar < len(platforms):
            self.drill_down("platform", platforms[bar].dimensions["platform"])

    def _group_row(self, dimension: str, row: int) -> None:
        model = self.platform_model if dimension == "platform" else self.tenant_model
        group: CostSum | None = model.object_at(row)
        if group is not None:
            self.drill_down(dimension, group.dimensions[dimension])

    def drill_down(self, dimension: str, value: str, bucket: str | None = None) -> None:
        """Show the days behind a bar or row, and the records of the first."""
        board = self.board
        if board is None:
            return
        self.drill = (dimension, value, bucket)
        days = board.days(dimension, value, bucket)
        shown = category_name(value) if dimension == "category" else name_of(dimension, value)
        where = bucket_label(bucket) if bucket else fill(
            self.tr("%1 to %2"), bucket_label(board.start.isoformat()),
            bucket_label((board.end - timedelta(days=1)).isoformat()))
        self.drill_label.setText(fill(self.tr("%1, %2: the days with usage; choose a day "
                                              "(Enter) for its usage records."), shown, where))
        self.days_model.set_objects(days)
        self.records_model.set_objects([])
        self.tabs.setCurrentIndex(RECORDS)
        if days:
            self.days_table.selectRow(0)
            self.days_table.setFocus()
            self._day_row(0)

    def _day_row(self, row: int) -> None:
        day = self.days_model.object_at(row)
        workspace, drill = self.workspace, self.drill
        if day is None or workspace is None or drill is None:
            return
        on = date.fromisoformat(day.day)
        self.records_day = on
        where = {drill[0]: drill[1]}
        costs = workspace.costs

        def shown(records: list[UsageRecord]) -> None:
            if self.records_day == on and self.drill == drill:
                self.records_model.set_objects(records)
                self.records_loaded.emit()

        BackgroundOp(self, lambda: workspace.runner.run(lambda: costs.records(on, where))) \
            .success(shown).run()

    # ------------------------------------------------------------------ export
    def export_csv(self, path: Path) -> None:
        if self.board is None:
            raise ValueError("no costs are loaded")
        from app.atomic_files import atomic_text_file

        with atomic_text_file(path) as out:
            out.write(dashboard_csv(self.board))

    def export_pdf(self, path: Path) -> int:
        """The report for the finance team; how many pages it has."""
        if self.board is None:
            raise ValueError("no costs are loaded")
        from app.gui.costs.report import write_report

        return write_report(self, self.board, path)

    def _ask_csv(self) -> None:
        self._ask(self.tr("Export costs as CSV"), "costs.csv", self.tr("CSV files (*.csv)"),
                  self.export_csv)

    def _ask_pdf(self) -> None:
        self._ask(self.tr("Export a PDF report"), "costs.pdf", self.tr("PDF files (*.pdf)"),
                  self.export_pdf)

    def _ask(self, title: str, name: str, kinds: str, write: Callable[[Path], object]) -> None:
        if self.board is None:
            return
        start, end = self.board.start, self.board.end - timedelta(days=1)
        suggested = name.replace(".", f"-{start.isoformat()}-{end.isoformat()}.")
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / suggested), kinds)
        if not chosen:
            return
        try:
            write(Path(chosen))
        except (OSError, ValueError) as exc:
            self.status.setText(fill(self.tr("The export could not be written: %1"),
                                     error_text(exc)))
            self.status.show()
            return
        self.status.setText(fill(self.tr("Written to %1"), chosen))
        self.status.show()

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.period_label.setText(self.tr("&Period:"))
        names = (self.tr("This month"), self.tr("Last month"), self.tr("Last 3 months"),
                 self.tr("Last 12 months"), self.tr("Custom"))
        for index, text in enumerate(names):
            self.preset.setItemText(index, text)
        self.from_date.setToolTip(self.tr("First day"))
        self.to_date.setToolTip(self.tr("Last day"))
        self.from_date.setAccessibleName(self.tr("First day"))
        self.to_date.setAccessibleName(self.tr("Last day"))
        self.refresh_button.setText(self.tr("Re&load"))
        self.csv_button.setText(self.tr("Export &CSV…"))
        self.pdf_button.setText(self.tr("Export P&DF…"))
        titles = (self.tr("Spend over time"), self.tr("Platforms and tenants"),
                  self.tr("Top cost drivers"), self.tr("Margin"), self.tr("Usage records"),
                  self.tr("Unpriced"))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        for model in (self.spend_model, self.budgets_model, self.platform_model, self.tenant_model,
                      self.drivers_model, self.margin_model, self.unpriced_model,
                      self.days_model, self.records_model):
            model.retranslate()
        if self.board is not None:
            self._steps = []
            for step in (self._draw_summary, self._draw_spend, self._draw_groups):
                step()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.LayoutDirectionChange):
            self.retranslate()
        super().changeEvent(event)

