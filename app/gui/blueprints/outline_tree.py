"""The tree of the blueprint's sections and items."""

from __future__ import annotations

from app.gui.blueprints.labels import section_name, value_name
from app.gui.blueprints.outline import OutlineNode, all_nodes, shape
from app.gui.formatting import fill, format_number, language
from app.gui.qt import (
    QEvent,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
    Signal,
)

NODE_ROLE = Qt.ItemDataRole.UserRole + 1


class OutlineTree(QTreeWidget):
    node_selected = Signal(str)  # node id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintOutline")
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.outline: tuple[OutlineNode, ...] = ()
        self._items: dict[str, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(self._current_changed)

    def set_outline(self, outline: tuple[OutlineNode, ...], selected: str | None) -> None:
        """Show ``outline``; the same shape is relabelled in place (no flicker, the
        selection and expansion stay), another shape is rebuilt."""
        same = shape(outline) == shape(self.outline)
        self.outline = outline
        if same and self._items:
            for node in all_nodes(outline):
                self._label(self._items[node.node_id], node)
            return
        expanded = {nid for nid, item in self._items.items() if item.isExpanded()}
        first = not self._items
        self.blockSignals(True)
        try:
            self.clear()
            self._items = {}
            for node in outline:
                self._add(node, None)
            for nid, item in self._items.items():
                item.setExpanded(nid in expanded or (first and nid.startswith("entities:")))
            self.select(selected)
        finally:
            self.blockSignals(False)

    def _add(self, node: OutlineNode, parent: QTreeWidgetItem | None) -> None:
        item = QTreeWidgetItem(self) if parent is None else QTreeWidgetItem(parent)
        item.setData(0, NODE_ROLE, node.node_id)
        self._label(item, node)
        self._items[node.node_id] = item
        for child in node.children:
            self._add(child, item)

    def _label(self, item: QTreeWidgetItem, node: OutlineNode) -> None:
        if not node.is_item:
            text = section_name(node.kind)
            if node.children or node.path:
                text = fill("%1 (%2)", text, format_number(len(node.children)))
            item.setText(0, text)
            item.setToolTip(0, section_name(node.kind))
            return
        if node.kind == "environment":
            text = value_name("name", node.name)
        elif node.kind == "integration":
            category, _, provider = node.name.partition(" · ")
            text = value_name("category", category) + (f" · {provider}" if provider else "")
        else:
            text = node.label(language()) or node.name or section_name(node.kind)
        item.setText(0, text)
        item.setToolTip(0, fill("%1: %2", section_name(node.kind), node.name))

    def refresh_labels(self) -> None:
        for node in all_nodes(self.outline):
            item = self._items.get(node.node_id)
            if item is not None:
                self._label(item, node)

    def select(self, node_id: str | None) -> None:
        item = self._items.get(node_id or "")
        if item is None and self.outline:
            item = self._items.get(self.outline[0].node_id)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def selected_id(self) -> str | None:
        item = self.currentItem()
        return item.data(0, NODE_ROLE) if item is not None else None

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.node_selected.emit(current.data(0, NODE_ROLE))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh_labels()
        super().changeEvent(event)
