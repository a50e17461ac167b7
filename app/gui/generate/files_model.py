"""The files of a generation as a folder tree: name, change kind (coloured, with a mark),
and the generation's reason as a tooltip."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain.codegen.merge import ChangeKind
from app.domain.codegen.results import FileChange, FileTreeNode, file_tree
from app.gui.formatting import isolate
from app.gui.generate.kinds import kind_colour, kind_icon
from app.gui.generate.texts import kind_name, reason_text
from app.gui.qt import (
    QAbstractItemModel,
    QApplication,
    QFont,
    QIcon,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStyle,
    Qt,
)

NAME, CHANGE = range(2)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the kind's value ("added", ...); "" for a folder

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class _Node:
    name: str
    path: str
    kind: ChangeKind | None
    parent: int  # the parent's id; -1 for top-level nodes
    row: int
    children: list[int] = field(default_factory=list)


class GenerationFilesModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._changes: dict[str, FileChange] = {}
        self._scheme = "light"

    # ------------------------------------------------------------------ content
    def set_changes(self, changes: tuple[FileChange, ...] | list[FileChange]) -> None:
        self.beginResetModel()
        self._changes = {c.path: c for c in changes}
        self._nodes = []
        self._top = self._add(file_tree(tuple(changes)), -1)
        self.endResetModel()

    def _add(self, tree: FileTreeNode, parent: int) -> list[int]:
        ids = []
        for row, child in enumerate(tree.children):
            node_id = len(self._nodes)
            self._nodes.append(_Node(child.name, child.path, child.kind, parent, row))
            self._nodes[node_id].children = self._add(child, node_id)
            ids.append(node_id)
        return ids

    def change(self, path: str) -> FileChange | None:
        return self._changes.get(path)

    def index_of(self, path: str) -> QModelIndex:
        for node_id, node in enumerate(self._nodes):
            if node.path == path:
                return self.createIndex(node.row, NAME, node_id)
        return QModelIndex()

    def set_scheme(self, scheme: str) -> None:
        self._scheme = scheme
        self.retranslate()

    def retranslate(self) -> None:
        if self._nodes:
            self._changed(self._top)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, NAME, CHANGE)

    def _changed(self, ids: list[int]) -> None:
        first, last = self._nodes[ids[0]], self._nodes[ids[-1]]
        self.dataChanged.emit(self.createIndex(first.row, NAME, ids[0]),
                              self.createIndex(last.row, CHANGE, ids[-1]))
        for node_id in ids:
            if self._nodes[node_id].children:
                self._changed(self._nodes[node_id].children)

    # ------------------------------------------------------------------ structure
    def _node(self, index: AnyIndex) -> _Node | None:
        if not index.isValid():
            return None
        node_id = index.internalId()
        return self._nodes[node_id] if 0 <= node_id < len(self._nodes) else None

    def index(self, row: int, column: int, parent: AnyIndex | None = None) -> QModelIndex:
        if parent is None:
            parent = QModelIndex()
        if parent.isValid() and parent.column() != NAME:
            return QModelIndex()
        node = self._node(parent)
        ids = node.children if node is not None else self._top
        if not (0 <= row < len(ids) and 0 <= column <= CHANGE):
            return QModelIndex()
        return self.createIndex(row, column, ids[row])

    def parent(self, index: AnyIndex | None = None) -> QModelIndex:  # type: ignore[override]
        if index is None:
            return QModelIndex()
        node = self._node(index)
        if node is None or node.parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[node.parent].row, NAME, node.parent)

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        if parent is None or not parent.isValid():
            return len(self._top)
        if parent.column() != NAME:
            return 0
        node = self._node(parent)
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 2

    def hasChildren(self, parent: AnyIndex | None = None) -> bool:
        return self.rowCount(parent) > 0

    # ------------------------------------------------------------------ data
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        if role == PATH_ROLE:
            return node.path
        if role == KIND_ROLE:
            return node.kind.value if node.kind is not None else ""
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return isolate(node.name)  # "0002_x.py" keeps its order in Arabic
            return kind_name(node.kind) if node.kind is not None else ""
        if node.kind is None:
            if role == Qt.ItemDataRole.DecorationRole and column == NAME:
                return _folder_icon()
            return None
        return self._file_data(node, node.kind, column, role)

    def _file_data(self, node: _Node, kind: ChangeKind, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == CHANGE:
            return kind_icon(kind, kind_colour(kind, self._scheme))
        if role == Qt.ItemDataRole.ForegroundRole and column == CHANGE:
            return kind_colour(kind, self._scheme)
        if role == Qt.ItemDataRole.FontRole and kind is ChangeKind.conflict:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            change = self._changes.get(node.path)
            reason = reason_text(change.reason) if change is not None and change.reason else ""
            return f"{node.path}\n{kind_name(kind)}" + (f" — {reason}" if reason else "")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == NAME:
            return self.tr("File")
        if section == CHANGE:
            return self.tr("Change")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _folder_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
