"""The Costs pane's charts (QtCharts): spend over time stacked by category, and cost against
revenue per platform. In a right-to-left language the charts mirror as the window does:
time runs from right to left (the bars in reverse order: QtCharts cannot reverse a category
axis) and the value axis stands on the
right; numbers on the value axis are written with the language's digits.

A click on a bar emits ``bar_clicked(bar index, set index)`` (the index of the bar as given,
mirrored or not); the pane turns it into a
drill-down (tables beside the charts offer the same with the keyboard)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.gui.qt import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QColor,
    QFontMetrics,
    QLineSeries,
    QLocale,
    QPainter,
    QResizeEvent,
    QStackedBarSeries,
    Qt,
    QValueAxis,
    QWidget,
    Signal,
)

# Colours per stack (category); distinguishable in light and dark themes.
LINE_COLOURS = ("#111827", "#b91c1c", "#7c3aed", "#0f766e")  # budgets, the forecast
PALETTE = ("#3b82c4", "#e08a2e", "#4caf7a", "#9b6cc4", "#c9504b", "#6b7785")


def nice_ceiling(value: Decimal) -> float:
    """The value axis' top: 1, 2 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1.0
    step = Decimal(10) ** (len(str(int(value))) - 1)
    for factor in (1, 2, 5, 10):
        if value <= step * factor:
            return float(step * factor)
    return float(value)


class BarChartView(QChartView):
    """A chart of bar sets over categories (bars), mirrored in right-to-left languages."""

    bar_clicked = Signal(int, int)  # bar (category) index, set index

    def __init__(self, stacked: bool, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.stacked = stacked
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_ = QChart()
        self.chart_.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.chart_.setBackgroundRoundness(0)
        self.setChart(self.chart_)
        self.setMinimumHeight(220)
        self.series: QBarSeries | QStackedBarSeries | None = None
        self.x_axis: QBarCategoryAxis | None = None
        self.y_axis: QValueAxis | None = None
        self.lines: list[QLineSeries] = []
        self.forecast_name = ""  # the line drawn dashed
        self.sets: list[QBarSet] = []
        self.labels: list[str] = []
        self.mirrored = False  # bars drawn from right to left
        self.bar_count = 0

    def show_bars(self, title: str, bars: Sequence[str], sets: Sequence[tuple[str, list[float]]],
                  right_to_left: bool, language: str,
                  lines: Sequence[tuple[str, Sequence[float | None]]] = ()) -> None:
        """Draw ``sets`` (name, one value per bar) over ``bars``; ``lines`` are steps over
        the bars (budgets, the forecast: name, one value per bar or None where none)."""
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        chart.setLocale(QLocale(QLocale.Language.Arabic if language == "ar"
                                else QLocale.Language.English))
        chart.setLocalizeNumbers(True)
        # QtCharts does not reverse a category axis: in right to left the bars are given last
        # first, so the first one stands on the right, where a right-to-left reader starts.
        self.mirrored = right_to_left
        if right_to_left:
            bars = list(bars)[::-1]
            sets = [(name, list(values)[::-1]) for name, values in sets]
            lines = [(name, list(values)[::-1]) for name, values in lines]
        series = QStackedBarSeries() if self.stacked else QBarSeries()
        self.sets = []
        top = Decimal(0)
        for index, (name, values) in enumerate(sets):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(PALETTE[index % len(PALETTE)]))
            bar_set.append([float(v) for v in values])
            series.append(bar_set)
            self.sets.append(bar_set)
        for bar in range(len(bars)):
            heights = [Decimal(str(values[bar])) for _, values in sets if bar < len(values)]
            top = max(top, sum(heights) if self.stacked else max(heights, default=Decimal(0)))
        for _, steps in lines:
            for step in steps:
                if step is not None:
                    top = max(top, Decimal(str(step)))
        series.clicked.connect(self._clicked)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(list(bars))
        self.labels = list(bars)
        y_axis = QValueAxis()
        y_axis.setRange(0, nice_ceiling(top))
        y_axis.setLabelFormat("%.0f")
        y_axis.setTickCount(6)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignRight if right_to_left
                      else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        self.lines = []
        for index, (name, steps) in enumerate(lines):
            line = QLineSeries()
            line.setName(name)
            pen = line.pen()
            pen.setWidth(2)
            pen.setColor(QColor(LINE_COLOURS[index % len(LINE_COLOURS)]))
            if name == self.forecast_name:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            for bar, step in enumerate(steps):
                if step is not None:
                    line.append(bar - 0.45, step)
                    line.append(bar + 0.45, step)
            chart.addSeries(line)
            value_x = QValueAxis()
            value_x.setRange(-0.5, len(bars) - 0.5)
            value_x.setVisible(False)
            chart.addAxis(value_x, Qt.AlignmentFlag.AlignBottom)
            line.attachAxis(value_x)
            line.attachAxis(y_axis)
            self.lines.append(line)
        chart.legend().setVisible(len(sets) > 1 or bool(lines))
        self.series, self.x_axis, self.y_axis = series, x_axis, y_axis
        self.bar_count = len(bars)
        self.fit_labels()

    def fit_labels(self) -> None:
        """Labels stand upright when the widest is wider than a bar's room (days, or Arabic
        month names in a narrow chart), so none is cut."""
        if self.x_axis is None or not self.labels:
            return
        metrics = QFontMetrics(self.x_axis.labelsFont())
        widest = max(metrics.horizontalAdvance(label) for label in self.labels)
        room = self.chart_.plotArea().width() or self.width() * 0.8
        upright = widest + 6 > room / len(self.labels)
        self.x_axis.setLabelsAngle(-90 if upright else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_labels()

    def _clicked(self, index: int, bar_set: QBarSet) -> None:
        if bar_set in self.sets:
            bar = self.bar_count - 1 - index if self.mirrored else index
            self.bar_clicked.emit(bar, self.sets.index(bar_set))
