"""The Costs pane on 1,000,000 usage records (a year, priced by the books): the totals the
engine gives, a drill-down to the records behind a bar, CSV and PDF export, Arabic right to
left with reversed axes, the empty state; and the fast rollup the test uses equals the one
the projection builds from the real events."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtPdf import QPdfDocument  # reading the report back: not a module the console uses

from app.domain.bidi import strip_isolation
from app.domain.costs.usage import UsageRecord
from app.gui.costs.pane import RECORDS, CostsPane
from app.gui.costs.tables import amount, axis_label
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, Qt
from app.services.budgets import parse_budget
from app.store.engine import create_workspace_engine
from app.store.event_store import SqliteEventStore
from app.store.migrations import upgrade
from app.store.usage_rollup import SqlUsageRollup
from benchmarks.costs import append
from benchmarks.usage_rollup_data import usage_sums, write_rollup
from tests.gui.conftest import wait_until
from tests.gui.costs.conftest import YEAR, fill_year, price_books

D = Decimal


def load(pane: CostsPane, qtbot: Any, start: date, end: date) -> None:
    pane.set_period(start, end)
    wait_until(qtbot, lambda: not pane.loading and pane.board is not None
               and pane.board.start == start, 120_000)


def test_the_fast_rollup_equals_the_projection_s(tmp_path: Path) -> None:
    engine = create_workspace_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    upgrade(engine)
    try:
        store = SqliteEventStore(engine)
        append(store, 3000, seed=7)  # real events, folded by the projection
        SqlUsageRollup(store, "tenant-bench").rebuild()
        write_rollup(engine, "fast", usage_sums(3000, seed=7))
        ours = SqlUsageRollup(store, "fast").daily(*YEAR, ["platform", "tenant", "resource"])
        theirs = SqlUsageRollup(store, "tenant-bench").daily(
            *YEAR, ["platform", "tenant", "resource"])
        assert len(theirs) > 100 and ours == theirs
    finally:
        engine.dispose()


def test_a_year_of_a_million_records_shows_the_engine_s_figures(
        pane: CostsPane, qtbot: Any, million: Any) -> None:
    workspace = fill_year(pane, million)
    load(pane, qtbot, *YEAR)
    board = pane.board
    assert board is not None and not board.empty
    report = workspace.costs.report(*YEAR, by=["platform"])
    assert board.total.cost == report.total.cost and board.total.cost.amount > 0
    assert board.total.revenue == report.total.revenue and board.total.revenue.amount > 0
    assert [(g.dimensions, g.cost) for g in board.by_platform] == [
        (g.dimensions, g.cost) for g in report.groups]
    assert sum(u.records for u in board.unpriced) == sum(u.records for u in report.unpriced)
    # the engine's own counts: every record of the year is priced or said to be unpriced
    assert sum(n for _, n in million.values()) == 1_000_000
    assert pane.summary.isVisible() and pane.content.currentWidget() is pane.tabs
    assert "SAR" in pane.summary.text()
    cost_text = pane.summary.text()
    assert f"{board.total.cost.rounded().amount:,}" in cost_text
    # twelve monthly bars, stacked by the categories that cost something
    assert pane.spend_chart.x_axis is not None and pane.spend_chart.x_axis.count() == 12
    assert [s.label() for s in pane.spend_chart.sets] == ["AI", "Cloud"]
    monthly = {(c.bucket, c.category): c.cost for c in pane.spend_model.objects()}
    assert monthly[("2026-03", "cloud")] == workspace.costs.report(
        date(2026, 3, 1), date(2026, 4, 1), where={"category": "cloud"}).total.cost
    # unpriced usage is a warning with its reasons, never a silent zero
    assert pane.warning.isVisible() and "traffic is priced per server type" in pane.warning.text()
    assert pane.unpriced_model.rowCount() == len(board.unpriced) >= 2
    assert next(d.dimensions["resource"] for d in pane.drivers_model.objects()) == \
        workspace.costs.drivers(*YEAR, limit=1)[0].dimensions["resource"]


def test_a_bar_drills_down_to_its_days_and_records(pane: CostsPane, qtbot: Any,
                                                   million: Any) -> None:
    workspace = fill_year(pane, million)
    moment = datetime(2026, 3, 7, 9, tzinfo=UTC)
    workspace.usage.record([UsageRecord(
        "ai.tokens.input", D("1234"), "token", moment, moment + timedelta(hours=1), "import",
        "ai", "anthropic", "", "", "", "claude-sonnet-4-5")], "root")
    load(pane, qtbot, *YEAR)
    chart = pane.spend_chart
    bar, stack = pane.board.buckets().index("2026-03"), pane.board.categories().index("ai")
    pane.records_model.set_objects([])
    chart.series.clicked.emit(bar, chart.sets[stack])  # a click on the bar
    assert pane.tabs.currentIndex() == RECORDS
    days = [d.day for d in pane.days_model.objects()]
    assert days and all(d.startswith("2026-03") for d in days)
    row = days.index("2026-03-07")
    pane.days_table.setCurrentIndex(pane.days_model.index(row, 0))
    pane.records_model.set_objects([])
    qtbot.keyClick(pane.days_table, Qt.Key.Key_Return)  # the keyboard way
    wait_until(qtbot, lambda: pane.records_model.rowCount() > 0)
    shown = pane.records_model.objects()
    assert [(r.resource, r.quantity) for r in shown] == [("ai.tokens.input", 1234)]
    assert shown == workspace.costs.records(date(2026, 3, 7), {"category": "ai"})


def test_csv_and_pdf_exports(pane: CostsPane, qtbot: Any, million: Any,
                             tmp_path: Path) -> None:
    fill_year(pane, million)
    load(pane, qtbot, *YEAR)
    board = pane.board
    pane.export_csv(tmp_path / "costs.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "costs.csv").read_text())))
    total = next(r for r in rows if r["section"] == "total")
    assert total["cost"] == str(board.total.cost.rounded().amount)  # plain decimals
    assert total["currency"] == "SAR" and total["period"] == "2025-12-01..2026-11-30"
    spend = [r for r in rows if r["section"] == "spend"]
    assert len(spend) == 24 and sum(D(r["cost"]) for r in spend) == sum(
        c.cost.rounded().amount for c in pane.spend_model.objects())
    assert {r["section"] for r in rows} >= {"platform", "tenant", "driver", "unpriced"}
    assert pane.export_pdf(tmp_path / "costs.pdf") > 0
    text = pdf_text(tmp_path / "costs.pdf")
    assert "Costs report" in text
    assert f"{board.total.cost.rounded().amount:,}" in text


def labels_fit(chart: Any) -> bool:
    """Every label of the time axis is whole: as wide as a bar's room, or written upright."""
    from app.gui.qt import QFontMetrics

    metrics = QFontMetrics(chart.x_axis.labelsFont())
    room = chart.chart_.plotArea().width() / chart.x_axis.count()
    widest = max(metrics.horizontalAdvance(chart.x_axis.at(i))
                 for i in range(chart.x_axis.count()))
    return widest < room or chart.x_axis.labelsAngle() == -90


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    assert document.pageCount() > 0
    return "\n".join(document.getAllText(p).text() for p in range(document.pageCount()))


def test_arabic_runs_right_to_left_with_reversed_axes(pane: CostsPane, qtbot: Any,
                                                     million: Any, tmp_path: Path) -> None:
    fill_year(pane, million)
    languages = LanguageController(QApplication.instance())
    try:
        languages.apply("ar")
        load(pane, qtbot, *YEAR)
        assert pane.layoutDirection() == Qt.LayoutDirection.RightToLeft
        chart = pane.spend_chart
        assert chart.mirrored  # time runs from right to left: the newest month leftmost
        assert chart.x_axis.at(0) == axis_label("2026-11") == "نوفمبر ٢٦"  # short: not cut
        assert chart.x_axis.at(11) == axis_label("2025-12")
        assert labels_fit(chart)
        # a click on the rightmost bar is the first month's
        chart.series.clicked.emit(11, chart.sets[0])
        assert [d.day[:7] for d in pane.days_model.objects()][:1] == ["2025-12"]
        assert chart.y_axis.alignment() == Qt.AlignmentFlag.AlignRight
        assert pane.tabs.tabText(0) != "Spend over time"
        assert "٬" in pane.summary.text() or "٫" in pane.summary.text()  # Arabic separators
        assert any("٠" <= ch <= "٩" for ch in chart.x_axis.at(0))
        # unpriced usage says why in Arabic (the engine's reason code, not its English)
        assert "تُسعَّر حركة البيانات حسب نوع الخادم وموقعه" in strip_isolation(pane.warning.text())
        assert "traffic is priced" not in pane.warning.text()
        reasons = [pane.unpriced_model.data(pane.unpriced_model.index(r, 5))
                   for r in range(pane.unpriced_model.rowCount())]
        assert any("تُسعَّر حركة البيانات" in strip_isolation(r) for r in reasons)
        pane.tabs.setCurrentIndex(0)
        assert not pane.window().grab().isNull()
        assert pane.export_pdf(tmp_path / "ar.pdf") > 0
        assert any("٠" <= ch <= "٩" for ch in pdf_text(tmp_path / "ar.pdf"))
    finally:
        languages.apply("en")
    wait_until(qtbot, lambda: not pane.spend_chart.mirrored)
    assert pane.spend_chart.x_axis.at(0) == "Dec 25"
    assert labels_fit(pane.spend_chart)


def test_no_usage_says_how_to_record_some(pane: CostsPane, qtbot: Any) -> None:
    price_books(pane.workspace)
    load(pane, qtbot, date(2026, 1, 1), date(2026, 2, 1))
    assert pane.content.currentWidget() is pane.empty
    assert "webnova usage import" in pane.empty.text() and "usage meter" in pane.empty.text()
    assert not pane.csv_button.isEnabled() and not pane.warning.isVisible()




def test_budgets_are_lines_over_the_spend_chart_and_a_table(pane: CostsPane, qtbot: Any,
                                                            million: Any, tmp_path: Path) -> None:
    workspace = fill_year(pane, million)
    # 1,000 EUR a month on Hetzner, drawn in the owner's SAR (4 SAR to the euro);
    # 3,100 SAR for the 31 days of March 2026 only
    workspace.budgets.set(parse_budget({"name": "cloud", "amount": "1000", "currency": "EUR",
                                        "scope": {"provider": "hetzner"}}), "root")
    workspace.budgets.set(parse_budget({"name": "launch", "amount": "3100", "currency": "SAR",
                                        "period": {"from": "2026-03-01", "to": "2026-03-31"}}),
                          "root")
    load(pane, qtbot, *YEAR)
    lines = {strip_isolation(line.name()): line for line in pane.spend_chart.lines}
    assert set(lines) >= {"Budget cloud", "Budget launch"}
    cloud = lines["Budget cloud"].points()
    assert len(cloud) == 24 and {p.y() for p in cloud} == {4000.0}  # every month's bar
    march = pane.board.buckets().index("2026-03")
    assert [(round(p.x(), 2), p.y()) for p in lines["Budget launch"].points()] == [
        (march - 0.45, 3100.0), (march + 0.45, 3100.0)]
    assert pane.spend_chart.y_axis.max() >= 4000
    # the table: the current period's spend, forecast and crossings, as the service says
    states = {s.budget.name: s for s in workspace.budgets.states()}
    assert pane.budgets_model.rowCount() == 2 and pane.budgets_table.isVisibleTo(pane)
    row = [pane.budgets_model.data(pane.budgets_model.index(0, c)) for c in range(7)]
    assert row[0] == "cloud" and row[1] == "provider=hetzner"
    assert row[4] == amount(states["cloud"].forecast.spent)
    assert row[5] == amount(states["cloud"].forecast.forecast)
    assert "Budget cloud: SAR4,000.00 a month" in strip_isolation(pane.summary.text())
    pane.export_csv(tmp_path / "costs.csv")
    rows = [r for r in csv.DictReader(io.StringIO((tmp_path / "costs.csv").read_text()))
            if r["section"] == "budget"]
    assert [(r["group"], r["cost"], r["currency"]) for r in rows] == [
        ("cloud", "4000.00", "SAR"), ("launch", "3100.00", "SAR")]
    assert "1000 EUR per month provider=hetzner" in rows[0]["note"]
    assert pane.export_pdf(tmp_path / "costs.pdf") > 0
    text = pdf_text(tmp_path / "costs.pdf")
    assert "launch" in text and "cloud" in text
