"""Part of the Audit pane: the table of entries and, beside it, the entry opened from it.

Enter or a double-click on a row opens the entry (the keyboard moves into it); while it is
open, choosing another row shows that one; Escape or Close hides it and gives the keyboard
back to the table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.gui.governance.audit_detail import AuditEntryDetail
from app.gui.governance.audit_model import AuditTableModel
from app.gui.qt import QApplication, QModelIndex, QSplitter, Qt, QTableView, QWidget

if TYPE_CHECKING:
    from app.bootstrap import Workspace


class AuditDetailSplit(QSplitter):
    def __init__(self, table: QTableView, model: AuditTableModel,
                 workspace: Callable[[], Workspace | None], parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.table, self.model, self.workspace = table, model, workspace
        self.detail = AuditEntryDetail(self)
        self.detail.close_requested.connect(self.close_detail)
        self.detail.hide()
        self.setChildrenCollapsible(False)
        self.addWidget(table)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 1)
        table.activated.connect(self.open_detail)  # Enter or double-click
        table.selectionModel().currentRowChanged.connect(self._current_changed)

    def open_detail(self, index: QModelIndex) -> None:
        entry = self.model.entry_at(index.row())
        workspace = self.workspace()
        if entry is None or workspace is None:
            return
        if self.detail.isHidden():  # the table keeps the rest of the width
            side = self.detail.sizeHint().width()
            self.setSizes([max(self.width() - side, side), side])
        self.detail.show_entry(workspace, entry)
        self.detail.show()
        self.detail.scroll.setFocus()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry_at(current.row()) if current.isValid() else None
        if self.detail.isVisible() and entry is not None and entry != self.detail.entry:
            self.open_detail(current)
            self.table.setFocus()  # the arrow keys keep moving through the rows

    def close_detail(self) -> None:
        had_focus = self.detail.isAncestorOf(QApplication.focusWidget())
        self.detail.hide()
        self.detail.clear()
        if had_focus:
            self.table.setFocus()
