"""A proposal's changes, drawn by the blueprint history's diff view: the same list of
changes named the way people speak of a blueprint, without the version choosers."""

from __future__ import annotations

import math

from app.domain.blueprint.diff import SemanticDiff
from app.gui.blueprints.history_view import DiffView
from app.gui.formatting import fill, format_number, language
from app.gui.qt import (
    QAbstractItemView,
    QListView,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextLayout,
    QTextOption,
    QWidget,
)


class WrappedLines(QStyledItemDelegate):
    """Rows as tall as their wrapped text really is: a line holding Arabic is drawn in the
    Arabic font, taller than the interface font's line, and the last line would be cut."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = option.widget
        if not isinstance(view, QAbstractItemView):
            return size
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        width = max(view.viewport().width() - 2 * margin, 50)
        layout = QTextLayout(str(index.data() or ""), option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WordWrap)
        text_option.setTextDirection(view.layoutDirection())
        layout.setTextOption(text_option)
        heights: list[float] = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            heights.append(line.height())
        layout.endLayout()
        if len(heights) < 2:
            return size
        # The style elides the last line unless more than half of one more line would fit.
        needed = sum(heights) + heights[-1] * 0.6 + 2 * margin + 2
        return QSize(size.width(), max(size.height(), math.ceil(needed)))


class ProposalDiffView(DiffView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changes.setObjectName("proposalChanges")
        # The card is narrower than the history: lay the wrapped lines out again on resize.
        self.changes.setResizeMode(QListView.ResizeMode.Adjust)
        self.changes.setItemDelegate(WrappedLines(self.changes))
        for widget in (self.old_label, self.old_version, self.new_label, self.new_version):
            widget.hide()

    def show_proposal_diff(self, diff: SemanticDiff | None) -> None:
        self.diff = diff
        self._fill()

    def _fill(self) -> None:
        self.changes.clear()
        diff = self.diff
        if diff is None:
            self.summary.setText("")
            return
        for change in diff.changes:
            text = change.describe(language())
            self.changes.addItem(text)
            self.changes.item(self.changes.count() - 1).setToolTip(text)
        if diff.empty:
            self.summary.setText(self.tr("The proposal changes nothing."))
        else:
            self.summary.setText(fill(self.tr("Changes proposed: %1"),
                                      format_number(len(diff.changes))))

    def retranslate(self) -> None:
        self.changes.setAccessibleName(self.tr("Proposed changes"))
        self._fill()
