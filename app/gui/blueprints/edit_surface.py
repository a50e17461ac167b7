"""The editing surface: section tree, the selected node's form, the raw text and the
findings, all drawn from one :class:`EditorSession` and kept in step with it."""

from __future__ import annotations

from itertools import pairwise

from app.gui.blueprints.findings_view import FindingsView
from app.gui.blueprints.form import NodeForm
from app.gui.blueprints.form_spec import NODE_MODELS, new_item
from app.gui.blueprints.labels import section_name
from app.gui.blueprints.outline import (
    ITEM_KINDS,
    SECTIONS,
    OutlineNode,
    build_outline,
    find_node,
    node_for_path,
)
from app.gui.blueprints.outline_tree import OutlineTree
from app.gui.blueprints.raw_view import EditorUndoKeys, RawView
from app.gui.blueprints.session import EditorSession, LocatedFinding, resolve
from app.gui.blueprints.tiers_table import TiersEditor
from app.gui.formatting import fill, isolate, language
from app.gui.qt import (
    QAction,
    QEvent,
    QFrame,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

VALIDATION_DELAY_MS = 300
SECTION_OF_ITEM = {kind: section for section, kind in SECTIONS if kind}


class EditSurface(QWidget):
    changed = Signal()  # the session's state changed (text, dirty, undo, findings)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: EditorSession | None = None
        self.outline: tuple[OutlineNode, ...] = ()
        self.node_id = "identity:"
        self.form: NodeForm | TiersEditor | None = None
        self.undo_keys = EditorUndoKeys(self)
        self._build()
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATION_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        self.retranslate()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.tree = OutlineTree(self)
        self.tree.node_selected.connect(self._node_selected)
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("addItem")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = QMenu(self.add_button)
        self.add_button.setMenu(self.add_menu)
        self.add_menu.aboutToShow.connect(self._fill_add_menu)
        self.remove_action = QAction(self)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        self.tree.addAction(self.remove_action)
        self.remove_button = QToolButton(self)
        self.remove_button.setDefaultAction(self.remove_action)
        self.tree_label = QLabel(self)
        self.tree_label.setObjectName("sectionTitle")
        self.tree_label.setBuddy(self.tree)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tree_label)
        column.addWidget(self.tree, 1)
        column.addLayout(buttons)

        self.form_title = QLabel(self)
        self.form_title.setObjectName("sectionTitle")
        self.form_hint = QLabel(self)
        self.form_hint.setWordWrap(True)
        self.form_area = QScrollArea(self)
        self.form_area.setObjectName("nodeFormArea")
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        middle = QWidget(self)
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.form_title)
        column.addWidget(self.form_hint)
        column.addWidget(self.form_area, 1)

        self.raw = RawView(self)
        self.raw.text_committed.connect(self._text_committed)
        self.raw.format_requested.connect(self._format_requested)
        self.raw.text.installEventFilter(self.undo_keys)
        self.findings = FindingsView(self)
        self.findings.chosen.connect(self.go_to_finding)

        self.columns = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (left, middle, self.raw):
            self.columns.addWidget(widget)
        # The form gets the most room: its name fields must stay readable at 1024 wide.
        self.columns.setStretchFactor(0, 2)
        self.columns.setStretchFactor(1, 5)
        self.columns.setStretchFactor(2, 3)
        self.columns.setSizes([200, 500, 300])
        self.columns.setChildrenCollapsible(False)
        self.rows = QSplitter(Qt.Orientation.Vertical, self)
        self.rows.addWidget(self.columns)
        self.rows.addWidget(self.findings)
        self.rows.setStretchFactor(0, 4)
        self.rows.setStretchFactor(1, 1)
        self.rows.setSizes([480, 150])
        self.rows.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rows)

    # ------------------------------------------------------------------ session
    def set_session(self, session: EditorSession | None) -> None:
        self._validate_timer.stop()
        self.raw.stop()
        self.session = session
        self.node_id = "identity:"
        self.outline = ()
        self.tree.set_outline((), None)
        self._drop_form()
        if session is None:
            self.raw.show_text("", "yaml")
            self.findings.show_findings([])
            return
        self.refresh("open")

    def stop(self) -> None:
        self._validate_timer.stop()
        self.raw.stop()

    def refresh(self, origin: str) -> None:
        """Draw the session after a change from ``origin``: "form", "raw" or anything
        else (undo, redo, format, items added or removed, a version loaded)."""
        session = self.session
        if session is None:
            return
        if origin != "raw":
            self.raw.show_text(session.text, session.fmt)
        self.outline = build_outline(session.document)
        if find_node(self.outline, self.node_id) is None:
            self.node_id = self._parent_node(self.node_id)
        self.tree.set_outline(self.outline, self.node_id)
        if origin != "form":
            self._show_node(self.node_id)
        elif self.form is not None:
            self.form.set_document(session.document)
        self._update_form_state()
        self.findings.set_checking()
        self._validate_timer.start()
        self.changed.emit()

    def _parent_node(self, node_id: str) -> str:
        """Where to go when a node leaves the tree: its entity, else its section."""
        kind, _, path = node_id.partition(":")
        section = SECTION_OF_ITEM.get(kind)
        if kind in ("field", "relation"):
            entity = path.rsplit("/", 2)[0]
            if find_node(self.outline, f"entity:{entity}") is not None:
                return f"entity:{entity}"
            section = "entities"
        if section:
            return f"{section}:/{section}"
        return "identity:"

    # ------------------------------------------------------------------ forms
    def _node_selected(self, node_id: str) -> None:
        if node_id != self.node_id or self.form is None:
            self.node_id = node_id
            self._show_node(node_id)
            self._update_form_state()

    def select_node(self, node_id: str) -> None:
        self.tree.select(node_id)
        self._node_selected(node_id)

    def _drop_form(self) -> None:
        form, self.form = self.form, None
        if form is not None:
            self.form_area.takeWidget()
            # Kept parented until Qt deletes it on this thread: a form owned by Python
            # alone could be collected, and destroyed, on a database thread.
            form.setParent(self)
            form.hide()
            form.deleteLater()

    def _show_node(self, node_id: str) -> None:
        session = self.session
        node = find_node(self.outline, node_id)
        if session is None or node is None:
            self._drop_form()
            return
        form_path = node.path if node.is_item else ""
        if node.kind in NODE_MODELS:
            if self.form is not None and (self.form.kind, self.form.path) == (node.kind, form_path):
                self.form.load(session.document)
            else:
                self._drop_form()
                self.form = NodeForm(node.kind, form_path, session.document)
                self.form.edited.connect(self._form_edited)
                self.form.mark([located.finding for located in self.findings.findings])
                for child in self.form.findChildren(QWidget):
                    child.installEventFilter(self.undo_keys)
                self.form_area.setWidget(self.form)
                self._chain_tab_order()
        elif node.kind == "tiers":  # the section itself: every tier in one table
            if not isinstance(self.form, TiersEditor):
                self._drop_form()
                self.form = TiersEditor(session.document)
                self.form.edited.connect(self._form_edited)
                self.form.remove_requested.connect(self._remove_path)
                self.form.mark([located.finding for located in self.findings.findings])
                for child in self.form.findChildren(QWidget):
                    child.installEventFilter(self.undo_keys)
                self.form_area.setWidget(self.form)
                self._chain_tab_order()
            else:
                self.form.load(session.document)
        else:
            self._drop_form()
        self._describe_node(node)

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = [self.tree, self.add_button, self.remove_button]
        if self.form is not None:
            chain += self.form.editable_controls()
        chain += [self.raw.yaml_button, self.raw.json_button, self.raw.text, self.findings.list]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _describe_node(self, node: OutlineNode) -> None:
        if node.is_item:
            name = node.label(language()) or node.name
            # The section name comes first and sets the line's direction.
            self.form_title.setText(f"{section_name(node.kind)}: {isolate(name)}")
        else:
            self.form_title.setText(section_name(node.kind))

    def _update_form_state(self) -> None:
        session = self.session
        readable = session is not None and session.readable
        node = find_node(self.outline, self.node_id)
        if session is not None and not readable:
            hint = self.tr("The raw text cannot be read, so the forms show the last readable "
                           "document. Fix the text (see the problems below) or undo.")
        elif (node is not None and not node.is_item and node.kind not in NODE_MODELS
              and node.kind != "tiers"):
            items = len(node.children)
            hint = self.tr("%Ln items. Select one to edit it, or add a new one.", "", items)
        else:
            hint = ""
        self.form_hint.setText(hint)
        self.form_hint.setVisible(bool(hint))
        if self.form is not None:
            self.form.setEnabled(readable)
        self.add_button.setEnabled(readable and bool(self._additions()))
        self.remove_action.setEnabled(readable and node is not None and node.is_item)

    # ------------------------------------------------------------------ edits
    def _form_edited(self, path: str, value: object) -> None:
        session = self.session
        if session is not None and session.readable and session.edit(path, value):
            self.refresh("form")

    def _text_committed(self, text: str) -> None:
        session = self.session
        if session is not None and text != session.text:
            session.replace_text(text)
            self.refresh("raw")

    def _format_requested(self, fmt: str) -> None:
        session = self.session
        if session is None:
            return
        self.flush()
        if session.set_format(fmt):
            self.refresh("format")
        else:  # unreadable text stays as typed, in its format
            self.raw.show_text(session.text, session.fmt)

    def flush(self) -> None:
        """Take typed raw text into the session now."""
        self.raw.flush()

    def _additions(self) -> list[tuple[str, str, OutlineNode | None]]:
        """(item kind, list pointer, parent entity node) the selection allows adding."""
        node = find_node(self.outline, self.node_id)
        if node is None:
            return []
        if not node.is_item:
            kind = dict(SECTIONS).get(node.kind)
            return [(kind, f"/{node.kind}", None)] if kind else []
        if node.kind == "entity":
            return [("field", f"{node.path}/fields", node), ("relation", f"{node.path}/relations", node),
                    ("entity", "/entities", None)]
        if node.kind in ("field", "relation"):
            entity_path = node.path.rsplit("/", 2)[0]
            entity = find_node(self.outline, f"entity:{entity_path}")
            return [(node.kind, node.path.rsplit("/", 1)[0], entity)]
        return [(node.kind, f"/{ITEM_KINDS[node.kind]}", None)]

    def _fill_add_menu(self) -> None:
        self.add_menu.clear()
        for kind, list_path, parent in self._additions():
            action = self.add_menu.addAction(fill(self.tr("New %1"), section_name(kind)))
            action.triggered.connect(
                lambda _on=False, k=kind, p=list_path, e=parent: self.add_item(k, p, e)
            )

    def add_item(self, kind: str, list_path: str, parent: OutlineNode | None = None) -> str | None:
        session = self.session
        if session is None or not session.readable:
            return None
        self.flush()
        entity = resolve(session.document, parent.path) if parent is not None else None
        path = session.add_item(list_path, new_item(kind, session.document, entity))
        if path is None:
            return None
        self.node_id = f"{kind}:{path}"
        self.refresh("add")
        return path

    def _remove_path(self, path: str) -> None:
        session = self.session
        if session is not None and session.readable and session.remove_item(path):
            self.refresh("remove")

    def remove_selected(self) -> None:
        session = self.session
        node = find_node(self.outline, self.node_id)
        if session is None or node is None or not node.is_item or not session.readable:
            return
        self.flush()
        if session.remove_item(node.path):
            self.node_id = self._parent_node(f"{node.kind}:{node.path}")
            self.refresh("remove")

    # ------------------------------------------------------------------ findings
    def validate_now(self) -> list[LocatedFinding]:
        self._validate_timer.stop()
        found = self.session.validate() if self.session is not None else []
        self.findings.show_findings(found)
        if self.form is not None:
            self.form.mark([located.finding for located in found])
        return found

    def go_to_finding(self, located: LocatedFinding) -> None:
        node = node_for_path(self.outline, located.finding.path)
        if node is not None:
            self.select_node(node.node_id)
        if located.line is not None:
            self.raw.go_to(located.line, located.column or 1)

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.tree_label.setText(self.tr("S&ections"))
        self.tree.setAccessibleName(self.tr("Blueprint sections"))
        self.add_button.setText(self.tr("&Add"))
        self.add_button.setToolTip(self.tr("Add an item to the selected section"))
        self.add_button.setAccessibleName(self.tr("Add an item"))
        self.remove_action.setText(self.tr("Remo&ve"))
        self.remove_action.setToolTip(self.tr("Remove the selected item (Delete)"))
        self.form_area.setAccessibleName(self.tr("Form of the selected section"))
        node = find_node(self.outline, self.node_id)
        if node is not None:
            self._describe_node(node)
        self._update_form_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
