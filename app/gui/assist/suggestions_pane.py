"""Smart suggestions: review the chosen blueprint, read each category's score and each
suggestion's reasoning, and turn a suggestion that carries a change into a proposal for
the same Accept / Reject card. Past reviews stay listed and can be opened again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.gui.assist.proposals import ProposalView
from app.gui.assist.review_flow import (
    CategoryItem,
    ReviewView,
    SuggestionItem,
    from_past,
    from_review,
)
from app.gui.assist.reviews_model import REVIEW_ROLE, ReviewListModel
from app.gui.assist.texts import category_name, engine_name, local, note_text
from app.gui.assist.tint import tint
from app.gui.background import BackgroundOp
from app.gui.formatting import fill, format_number
from app.gui.messages import error_text
from app.gui.qt import (
    QAbstractItemView,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.domain.assist.proposal import Proposal
    from app.services.suggestions import PastReview, Review

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class SuggestionsPane(QWidget):
    proposal_ready = Signal(object)  # ProposalView
    reviewed = Signal(object)  # ReviewView
    listed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assistSuggestions")
        self.workspace: Workspace | None = None
        self.key: str | None = None
        self.offline = False
        self.review: ReviewView | None = None
        self.working = False
        self._message: Callable[[], str] = str
        self._message_kind = "info"
        self.model = ReviewListModel(self)
        self._build()
        self.retranslate()
        self._update_controls()

    def _build(self) -> None:
        self.review_button = QPushButton(self)
        self.review_button.setObjectName("runReview")
        self.review_button.setAutoDefault(False)
        self.review_button.clicked.connect(self.run_review)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.review_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.message, 3)
        self.past_label = QLabel(self)
        self.past = QTableView(self)
        self.past.setObjectName("pastReviews")
        self.past.setModel(self.model)
        self.past.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.past.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.past.setTabKeyNavigation(False)
        self.past.verticalHeader().hide()
        self.past.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.past.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._past_chosen(current.data(REVIEW_ROLE)))
        self.past_label.setBuddy(self.past)
        self.summary = QLabel(self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("reviewTree")
        self.tree.setColumnCount(2)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        self.tree.itemActivated.connect(lambda *_: self.propose_selected())
        self.summary.setBuddy(self.tree)
        self.details = QLabel(self)
        self.details.setObjectName("suggestionDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.propose_button = QPushButton(self)
        self.propose_button.setObjectName("proposeSuggestion")
        self.propose_button.setAutoDefault(False)
        self.propose_button.clicked.connect(self.propose_selected)
        current = QWidget(self)
        column = QVBoxLayout(current)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.tree, 3)
        column.addWidget(self.details, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.propose_button)
        column.addLayout(row)
        history = QWidget(self)
        past_column = QVBoxLayout(history)
        past_column.setContentsMargins(0, 0, 0, 0)
        past_column.addWidget(self.past_label)
        past_column.addWidget(self.past, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(current)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        for before, after in ((self.review_button, self.tree), (self.tree, self.propose_button),
                              (self.propose_button, self.past)):
            QWidget.setTabOrder(before, after)
        self.setFocusProxy(self.review_button)

    # ------------------------------------------------------------------ context
    def set_context(self, workspace: Workspace | None, key: str | None) -> None:
        self.workspace, self.key = workspace, key
        self.review = None
        self.working = False
        self.progress.hide()
        if key is None and workspace is not None:
            self._say(lambda: self.tr("Choose a blueprint to review."), "info")
        else:
            self._say(str, "info")
        self.model.set_reviews([])
        self._fill()
        self.reload()

    def reload(self) -> None:
        workspace, key = self.workspace, self.key
        self._update_controls()
        if workspace is None or key is None:
            return
        BackgroundOp(self, lambda: workspace.orchestrator.suggestions.reviews(key)).success(
            lambda found: self._listed(workspace, key, found)).failure(self._failed).run()

    def _listed(self, workspace: Workspace, key: str, found: list[PastReview]) -> None:
        if workspace is not self.workspace or key != self.key:
            return
        self.model.set_reviews([from_past(p, key) for p in found])
        if self.review is not None:
            row = self.model.row_of(self.review.id)
            if row >= 0:
                self.past.setCurrentIndex(self.model.index(row, 0))
        self.listed.emit()

    def _past_chosen(self, review: ReviewView | None) -> None:
        if review is not None and (self.review is None or review.id != self.review.id):
            self.show_review(review)

    # ------------------------------------------------------------------ reviewing
    def run_review(self) -> None:
        workspace, key, offline = self.workspace, self.key, self.offline
        if workspace is None or key is None or self.working:
            return
        self._working(True)
        self._say(lambda: self.tr("Reviewing…"), "info")
        suggestions = workspace.orchestrator.suggestions
        BackgroundOp(self, lambda: suggestions.review(key, offline=offline)) \
            .success(lambda review: self._reviewed(workspace, key, review)) \
            .failure(self._failed).finished(lambda: self._working(False)).run()

    def _reviewed(self, workspace: Workspace, key: str, review: Review) -> None:
        if workspace is not self.workspace or key != self.key:
            return
        view = from_review(review, workspace.current_user)
        self.show_review(view)
        self._say(lambda: self.tr("Review done."), "ok")
        self.reviewed.emit(view)
        self.reload()

    def show_review(self, review: ReviewView) -> None:
        self.review = review
        self._fill()

    def selected_suggestion(self) -> SuggestionItem | None:
        item = self.tree.currentItem()
        value = item.data(0, ITEM_ROLE) if item is not None else None
        return value if isinstance(value, SuggestionItem) else None

    def select_suggestion(self, suggestion_id: str) -> bool:
        for top in range(self.tree.topLevelItemCount()):
            category = self.tree.topLevelItem(top)
            if category is None:
                continue
            for index in range(category.childCount()):
                child = category.child(index)
                value = None if child is None else child.data(0, ITEM_ROLE)
                if child is not None and isinstance(value, SuggestionItem) \
                        and value.id == suggestion_id:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def propose_selected(self) -> None:
        workspace, key, review = self.workspace, self.key, self.review
        item = self.selected_suggestion()
        if workspace is None or key is None or review is None or item is None:
            return
        if not item.proposable or self.working:
            return
        self._working(True)
        self._say(lambda: self.tr("Preparing the proposal…"), "info")
        suggestions = workspace.orchestrator.suggestions
        BackgroundOp(self, lambda: suggestions.propose(key, review.id, item.id)) \
            .success(lambda proposal: self._proposed(workspace, key, proposal)) \
            .failure(self._failed).finished(lambda: self._working(False)).run()

    def _proposed(self, workspace: Workspace, key: str, proposal: Proposal) -> None:
        if workspace is not self.workspace or key != self.key:
            return
        self._say(lambda: self.tr("The proposal is on the card: accept or reject it."), "ok")
        self.proposal_ready.emit(ProposalView.of(proposal, key))

    def _failed(self, exc: BaseException) -> None:
        self._say(lambda: fill(self.tr("That did not work. %1"), error_text(exc)), "error")

    # ------------------------------------------------------------------ drawing
    def _working(self, working: bool) -> None:
        self.working = working
        self.progress.setVisible(working)
        self._update_controls()

    def _say(self, text: Callable[[], str], kind: str) -> None:
        self._message, self._message_kind = text, kind
        self.message.setText(text())
        tint(self.message, kind)

    def _fill(self) -> None:
        chosen = self.selected_suggestion()
        self.tree.clear()
        review = self.review
        if review is None:
            self.summary.setText(self.tr("No review shown. Run a review of the chosen blueprint."))
            self._show_details()
            return
        self.summary.setText(fill(self.tr("Review of version %1 by %2"),
                                  format_number(review.version),
                                  engine_name(review.engine, review.model)))
        for category in review.categories:
            top = QTreeWidgetItem(self.tree)
            top.setText(0, category_name(category.category))
            top.setText(1, fill(self.tr("%1 of 100"), format_number(category.score)))
            top.setToolTip(0, local(category.reasoning_en, category.reasoning_ar))
            top.setData(0, ITEM_ROLE, category)
            for suggestion in category.suggestions:
                child = QTreeWidgetItem(top)
                child.setText(0, local(suggestion.title_en, suggestion.title_ar))
                child.setText(1, self.tr("Can be proposed") if suggestion.proposable else "")
                child.setToolTip(0, local(suggestion.reasoning_en, suggestion.reasoning_ar))
                child.setData(0, ITEM_ROLE, suggestion)
            top.setExpanded(True)
        if chosen is None or not self.select_suggestion(chosen.id):
            self._show_details()

    def _show_details(self) -> None:
        item = self.tree.currentItem()
        value = item.data(0, ITEM_ROLE) if item is not None else None
        lines: list[str] = []
        if isinstance(value, CategoryItem):
            lines.append(fill(self.tr("%1: score %2 of 100"), category_name(value.category),
                              format_number(value.score)))
            lines.append(local(value.reasoning_en, value.reasoning_ar))
        elif isinstance(value, SuggestionItem):
            lines.append(local(value.title_en, value.title_ar))
            lines.append(local(value.reasoning_en, value.reasoning_ar))
            if not value.proposable:
                lines.append(self.tr("This suggestion carries no change to propose."))
        if self.review is not None:
            lines += [note_text(n) for n in self.review.notes]
        self.details.setText("\n".join(line for line in lines if line))
        self._update_controls()

    def _update_controls(self) -> None:
        ready = self.workspace is not None and self.key is not None and not self.working
        self.review_button.setEnabled(ready)
        item = self.selected_suggestion()
        self.propose_button.setEnabled(ready and item is not None and item.proposable)

    def retranslate(self) -> None:
        self.review_button.setText(self.tr("&Review this blueprint"))
        self.review_button.setToolTip(self.tr("Security, performance, compliance and best "
                                              "practice, each with a score"))
        self.propose_button.setText(self.tr("&Propose this change"))
        self.past_label.setText(self.tr("Pa&st reviews"))
        self.tree.setHeaderLabels([self.tr("Category and suggestion"), self.tr("Score")])
        self.tree.setAccessibleName(self.tr("Suggestions by category"))
        self.past.setAccessibleName(self.tr("Past reviews"))
        self.progress.setAccessibleName(self.tr("Reviewing"))
        self.model.retranslate()
        self.message.setText(self._message())
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            tint(self.message, self._message_kind)
        super().changeEvent(event)

