"""The Event Log pane: the workspace's events, filtered and paged, loaded in the
background so the window never waits for the database."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from app.gui.background import BackgroundOp
from app.gui.event_log_flow import EventLogBrowser, PageRequest
from app.gui.event_log_model import ACTOR, POSITION, STREAM, TENANT, TIME, TYPE, EventTableModel
from app.gui.event_log_parts import EventDetails, PageBar
from app.gui.formatting import fill
from app.gui.live_text import show_text
from app.gui.messages import error_text
from app.gui.qt import (
    QAction,
    QComboBox,
    QEvent,
    QGridLayout,
    QItemSelectionModel,
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPushButton,
    QSplitter,
    Qt,
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
    from app.domain.events import RecordedEvent
    from app.services.ports import EventPage

HEAD_POLL_MS = 2000
SEARCH_DELAY_MS = 300


class EventLogPane(QWidget):
    page_shown = Signal()  # a loaded page is on screen

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventLogPane")
        self.browser = EventLogBrowser()
        self.workspace: Workspace | None = None
        self._known_head = -1
        self._checking_head = False
        self.model = EventTableModel(self)
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self._head_timer = QTimer(self)
        self._head_timer.setInterval(HEAD_POLL_MS)
        self._head_timer.timeout.connect(self.check_for_new_events)
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.check_for_new_events)
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.search = QLineEdit(self)
        self.search.setObjectName("eventSearch")
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        self.type_filter = QComboBox(self)
        self.type_filter.setObjectName("typeFilter")
        self.type_label = QLabel(self)
        self.type_label.setBuddy(self.type_filter)
        self.tenant_filter = QComboBox(self)
        self.tenant_filter.setObjectName("tenantFilter")
        self.tenant_label = QLabel(self)
        self.tenant_label.setBuddy(self.tenant_filter)
        for combo in (self.type_filter, self.tenant_filter):
            combo.addItem("", "")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(12)
        self.refresh_button = QPushButton(self)
        # Two rows, so no label is squeezed at 1024 px or in Arabic's longer words: the search
        # and Refresh, then the type and tenant filters.
        filters = QGridLayout()
        filters.addWidget(self.search_label, 0, 0)
        filters.addWidget(self.search, 0, 1, 1, 4)
        filters.addWidget(self.refresh_button, 0, 5)
        filters.addWidget(self.type_label, 1, 0)
        filters.addWidget(self.type_filter, 1, 1)
        filters.addWidget(self.tenant_label, 1, 2)
        filters.addWidget(self.tenant_filter, 1, 3)
        filters.setColumnStretch(4, 1)

        self.table = record_table(
            self, self.model, "eventTable",
            {POSITION: 64, TIME: 150, TENANT: 80, ACTOR: 80}, stretch=(TYPE, STREAM))
        self.table.selectionModel().currentRowChanged.connect(self._show_details)

        self.details = EventDetails(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([720, 320])
        self.splitter.setChildrenCollapsible(False)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("paneError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.pages = PageBar(self)
        self.pages.first.connect(self.first_page)
        self.pages.previous.connect(self.previous_page)
        self.pages.next.connect(self.next_page)
        self.pages.last.connect(self.last_page)
        self.pages.newest.connect(self.show_newest)
        self.addActions(self.pages.page_actions())  # page shortcuts work anywhere in the pane

        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self._focus_search)
        self.addAction(self.find_action)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.error_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.pages)

        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.type_filter.currentIndexChanged.connect(self._filter_changed)
        self.tenant_filter.currentIndexChanged.connect(self._filter_changed)
        self.refresh_button.clicked.connect(self.refresh)
        chain = [self.search, self.type_filter, self.tenant_filter, self.refresh_button]
        chain += [self.table, self.details.text, *self.pages.buttons]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.browser = EventLogBrowser()
        self._known_head = -1
        self._search_timer.stop()
        for widget in (self.search, self.type_filter, self.tenant_filter):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.type_filter, self.tenant_filter):
            while combo.count() > 1:
                combo.removeItem(1)
            combo.setCurrentIndex(0)
        for widget in (self.search, self.type_filter, self.tenant_filter):
            widget.blockSignals(False)
        self.model.set_events([])
        self.details.show_event(None)
        self.error_label.hide()
        if workspace is None:
            self._head_timer.stop()
            self._update_controls()
            return
        self._head_timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Reload the shown page and the filter choices."""
        if self.workspace is None:
            return
        self._load_filter_values()
        self._load(self.browser.reload())

    def shutdown(self) -> None:
        self._head_timer.stop()
        self._search_timer.stop()
        self.workspace = None

    # ------------------------------------------------------------------ loading
    def _load(self, request: PageRequest | None) -> None:
        workspace = self.workspace
        if request is None or workspace is None:
            self._update_controls()
            return

        async def work() -> tuple[int, EventPage]:
            # Head first: a page read after it holds at least the events up to it.
            head = await workspace.runner.run(workspace.store.head_position)
            page = await workspace.events.page(request.event_filter, request.offset, request.limit)
            return head, page

        BackgroundOp(self, work).success(
            lambda result: self._loaded(workspace, request, *result)
        ).failure(lambda exc: self._load_failed(workspace, request, exc)).run()
        self._update_controls()

    def _loaded(
        self, workspace: Workspace, request: PageRequest, head: int, page: EventPage
    ) -> None:
        if workspace is not self.workspace or not self.browser.accept(request, page, head):
            return
        follow = self.browser.clamp()
        if follow is not None:
            self._load(follow)
            return
        selected = self.selected_event()
        self.model.set_events(self.browser.events)
        row = self.model.row_of(selected.position) if selected else -1
        if row >= 0:
            self.select_row(row)
        else:
            self.details.show_event(None)
        self._known_head = max(self._known_head, head)
        self.error_label.hide()
        self._update_controls()
        self.page_shown.emit()

    def _load_failed(self, workspace: Workspace, request: PageRequest, exc: BaseException) -> None:
        if workspace is self.workspace and self.browser.fail(request):
            self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        show_text(self.error_label,
                  lambda: fill(self.tr("The events could not be loaded. %1"), error_text(exc)))
        self.error_label.show()
        self._update_controls()

    def _load_filter_values(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        store = workspace.store

        def values() -> tuple[list[str], list[str]]:
            return store.distinct_values("type"), store.distinct_values("tenant_id")

        def show(result: tuple[list[str], list[str]]) -> None:
            if workspace is self.workspace:
                self._fill_choices(self.type_filter, result[0])
                self._fill_choices(self.tenant_filter, result[1])

        def failed(exc: BaseException) -> None:
            if workspace is self.workspace:
                self._show_error(exc)

        BackgroundOp(self, lambda: workspace.runner.run(values)).success(show).failure(failed).run()

    @staticmethod
    def _fill_choices(combo: QComboBox, values: list[str]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(value, value)
        index = combo.findData(chosen) if chosen else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def check_for_new_events(self) -> None:
        """Called every few seconds: has anything been appended since the page loaded?"""
        workspace = self.workspace
        if workspace is None or self._checking_head or not self.isVisible():
            return
        self._checking_head = True

        def arrived(head: int) -> None:
            if workspace is not self.workspace:
                return
            if head != self._known_head:
                self._known_head = head
                self._load_filter_values()
            self._load(self.browser.head_moved(head))

        def failed(exc: BaseException) -> None:
            if workspace is self.workspace:
                self._show_error(exc)

        def done() -> None:
            self._checking_head = False

        BackgroundOp(self, lambda: workspace.runner.run(workspace.store.head_position)).success(
            arrived
        ).failure(failed).finished(done).run()

    # ------------------------------------------------------------------ filtering, paging
    def apply_search(self) -> None:
        self._search_timer.stop()
        self._load(self.browser.set_filter(text=self.search.text()))

    def _filter_changed(self) -> None:
        self._load(
            self.browser.set_filter(
                event_type=self.type_filter.currentData() or "",
                tenant_id=self.tenant_filter.currentData() or "",
            )
        )

    def first_page(self) -> None:
        self._load(self.browser.first())

    def previous_page(self) -> None:
        self._load(self.browser.previous())

    def next_page(self) -> None:
        self._load(self.browser.next())

    def last_page(self) -> None:
        self._load(self.browser.last())

    def show_newest(self) -> None:
        self._load(self.browser.first() or self.browser.reload())

    def select_row(self, row: int) -> None:
        # Not QTableView.selectRow: right to left, it looks for a column past the
        # viewport's edge and selects nothing.
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
        )

    def selected_event(self) -> RecordedEvent | None:
        return self.model.event_at(self.table.currentIndex().row())

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_event(self.model.event_at(current.row()))

    # ------------------------------------------------------------------ drawing
    def _update_controls(self) -> None:
        self.refresh_button.setEnabled(self.workspace is not None)
        self.pages.show_state(self.browser, self.workspace is not None)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Event Log"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Type, stream or actor"))
        self.search.setAccessibleName(self.tr("Search events"))
        self.type_label.setText(self.tr("T&ype:"))
        self.type_filter.setItemText(0, self.tr("All types"))
        self.type_filter.setAccessibleName(self.tr("Event type"))
        self.tenant_label.setText(self.tr("Te&nant:"))
        self.tenant_filter.setItemText(0, self.tr("All tenants"))
        self.tenant_filter.setAccessibleName(self.tr("Tenant"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Load the newest events (F5)"))
        self.table.setAccessibleName(self.tr("Events"))
        self.find_action.setText(self.tr("Find"))
        self.model.retranslate()
        self._update_controls()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
