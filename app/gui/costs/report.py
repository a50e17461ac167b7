"""The Costs pane's PDF report for the finance team (Qt's PDF writer): title, period,
totals, the charts as drawn on screen, and the tables. In Arabic the whole document runs
right to left, with the amounts and dates the console writes."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from app.gui.costs.dashboard import Dashboard
from app.gui.costs.tables import (
    BudgetsTable,
    amount,
    bucket_label,
    category_name,
    name_of,
    quantity,
)
from app.gui.formatting import fill, language, strip_isolation
from app.gui.qt import (
    QApplication,
    QCoreApplication,
    QImage,
    QMarginsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QSize,
    Qt,
    QTextDocument,
    QUrl,
)

if TYPE_CHECKING:
    from app.gui.costs.charts import BarChartView
    from app.gui.costs.pane import CostsPane

CHART_SIZE = QSize(1400, 640)
translate = QCoreApplication.translate


def chart_image(view: BarChartView) -> QImage:
    """The chart drawn at a printable size, whatever its size on screen."""
    image = QImage(CHART_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    shown = view.size()
    view.resize(CHART_SIZE)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.render(painter)
    painter.end()
    view.resize(shown)
    return image


def _table(headers: list[str], rows: list[list[str]], numeric_from: int) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td{' class=n' if i >= numeric_from else ''}>{escape(c)}</td>"
                         for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table cellspacing=0 cellpadding=4 width=100%><tr>{head}</tr>{body}</table>"


def _heading(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"


def _line(text: str) -> str:
    return f"<p>{escape(strip_isolation(text))}</p>"


def report_html(pane: CostsPane, board: Dashboard, rtl: bool) -> str:
    last = board.end - timedelta(days=1)
    period = fill(translate("CostsPane", "%1 to %2"), bucket_label(board.start.isoformat()),
                  bucket_label(last.isoformat()))
    align = "left" if rtl else "right"
    cost, revenue = translate("CostsPane", "Cost"), translate("CostsPane", "Revenue")
    margin, spend_title = translate("CostsPane", "Margin"), translate("CostsPane", "Spend over time")
    parts = [f"<html><head><style>body {{ font-size: 10pt; }} th {{ background: #e5e7eb; }} "
             f"td.n {{ text-align: {align}; }} h1 {{ font-size: 18pt; }} "
             f"h2 {{ font-size: 13pt; }}</style></head><body dir={'rtl' if rtl else 'ltr'}>",
             f"<h1>{escape(translate('CostsPane', 'Costs report'))}</h1>",
             _line(fill(translate("CostsPane", "Period: %1"), period)),
             _line(fill(translate("CostsPane", "Amounts in %1"), board.currency)),
             f"<p><b>{escape(strip_isolation(pane.summary_text(board)))}</b></p>"]
    if board.unpriced:
        records = quantity(sum(u.records for u in board.unpriced))
        parts.append(_line(fill(translate(
            "CostsPane", "%1 usage records could not be priced and are not in these totals."),
            records)))
    parts += [_heading(spend_title), "<p><img src='chart://spend' width=640></p>"]
    if board.budgets:
        budgets = BudgetsTable()
        parts.append(_table(list(budgets.titles()),
                            [list(budgets.format_row(b)) for b in board.budgets], 3))
    parts += [
              _heading(translate("CostsPane", "Platforms and tenants")),
              "<p><img src='chart://platforms' width=640></p>"]
    for dimension, groups in (("platform", board.by_platform), ("tenant", board.by_tenant)):
        title = (translate("CostsPane", "Platform") if dimension == "platform"
                 else translate("CostsPane", "Tenant"))
        parts.append(_table([title, cost, revenue, margin], [
            [name_of(dimension, g.dimensions[dimension]), amount(g.cost), amount(g.revenue),
             amount(g.margin)] for g in groups], 1))
        parts.append("<br>")
    parts.append(_heading(translate("CostsPane", "Top cost drivers")))
    parts.append(_table(
        [translate("CostsPane", "Category"), translate("CostsPane", "Provider"),
         translate("CostsPane", "Resource"), translate("CostsPane", "Kind"), cost],
        [[category_name(d.dimensions["category"]), d.dimensions["provider"],
          d.dimensions["resource"], d.dimensions["sku"], amount(d.cost)] for d in board.drivers],
        4))
    spend = board.spend()
    parts.append(_heading(spend_title))
    parts.append(_table(
        [translate("CostsPane", "Period"), translate("CostsPane", "Category"), cost],
        [[bucket_label(b), category_name(c), amount(spend[(b, c)])] for b in board.buckets()
         for c in board.categories() if (b, c) in spend and spend[(b, c)].amount != 0], 2))
    if board.unpriced:
        parts.append(_heading(translate("CostsPane", "Unpriced")))
        parts.append(_table(
            [translate("CostsPane", "Resource"), translate("CostsPane", "Provider"),
             translate("CostsPane", "Records"), translate("CostsPane", "Why it has no price")],
            [[u.resource, u.provider, quantity(u.records), u.reason.text(language())]
             for u in board.unpriced], 2))
    parts.append("</body></html>")
    return "".join(parts)


def write_report(pane: CostsPane, board: Dashboard, path: Path) -> int:
    """Write the report to ``path`` (replacing it); how many pages it has."""
    rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    document = QTextDocument()
    document.setDefaultFont(pane.font())
    if rtl:
        option = document.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight)
        document.setDefaultTextOption(option)
    for name, view in (("spend", pane.spend_chart), ("platforms", pane.platform_chart)):
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart://{name}"),
                             chart_image(view))
    document.setHtml(report_html(pane, board, rtl))
    partial = path.with_name(path.name + ".partial")
    writer = QPdfWriter(str(partial))
    writer.setTitle(translate("CostsPane", "Costs report"))
    writer.setCreator("WebNova Console")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document.print_(writer)
    pages = document.pageCount()
    del writer  # finishes the file
    partial.replace(path)
    return pages
