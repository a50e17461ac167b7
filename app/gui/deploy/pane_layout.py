"""The Deploy pane's widgets and their places: the environments on the left; on the right,
for the chosen one, the heading, the plan form, Plan and the controls that act on the plan,
the environment's own actions, the problem line, and tabs — the plan (its summary, tree of
steps and costs) first. Kept apart from :mod:`app.gui.deploy.pane`, which gives them life."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.deploy.costs import CostsView
from app.gui.deploy.environment_list import EnvironmentList
from app.gui.deploy.plan_form import PlanForm
from app.gui.deploy.plan_tree import PlanTree
from app.gui.empty_state import EmptyState
from app.gui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.gui.deploy.pane import DeployPane


def build_pane(pane: DeployPane) -> None:
    pane.title = QLabel(pane)
    pane.title.setObjectName("paneTitle")
    pane.environments_label = QLabel(pane)
    pane.environments = EnvironmentList(pane)
    pane.environments_label.setBuddy(pane.environments)
    pane.environments.chosen.connect(pane._environment_chosen)
    pane.no_platforms = EmptyState(pane, "deployNoPlatforms")
    left = QWidget(pane)
    column = QVBoxLayout(left)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(pane.environments_label)
    column.addWidget(pane.environments, 1)
    column.addWidget(pane.no_platforms, 1)

    pane.heading = QLabel(pane)
    pane.heading.setObjectName("deployHeading")
    pane.heading.setWordWrap(True)
    pane.heading.setTextFormat(Qt.TextFormat.PlainText)
    pane.no_accounts = EmptyState(pane, "deployNoAccounts")
    pane.no_accounts.action_clicked.connect(pane.open_settings)
    pane.form = PlanForm(lambda: pane.workspace.name if pane.workspace else "", pane)
    pane.form.changed.connect(pane._choices_changed)
    pane.plan_button = QPushButton(pane)
    pane.plan_button.setObjectName("planButton")
    pane.plan_button.setDefault(True)
    pane.plan_button.clicked.connect(pane.plan)
    pane.progress = QProgressBar(pane)
    pane.progress.setObjectName("planProgress")
    pane.progress.setRange(0, 0)  # busy: a plan's reads have no known length
    pane.progress.setTextVisible(False)
    pane.progress.setMaximumWidth(160)
    pane.progress_label = QLabel(pane)
    pane.progress_label.setWordWrap(True)
    pane.progress_label.setTextFormat(Qt.TextFormat.PlainText)
    # Controls that act on the plan on screen (the apply wiring adds them).
    pane.plan_actions = QHBoxLayout()
    actions = QHBoxLayout()
    actions.addWidget(pane.plan_button)
    actions.addLayout(pane.plan_actions)
    actions.addWidget(pane.progress)
    actions.addWidget(pane.progress_label, 1)
    pane.error = QLabel(pane)
    pane.error.setObjectName("paneError")
    pane.error.setWordWrap(True)
    pane.error.setTextFormat(Qt.TextFormat.PlainText)
    pane.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    pane.error.hide()
    pane.summary = QLabel(pane)
    pane.summary.setObjectName("planSummary")
    pane.summary.setWordWrap(True)
    pane.summary.setTextFormat(Qt.TextFormat.PlainText)
    pane.tree = PlanTree(pane)
    pane.costs = CostsView(pane)
    right = QWidget(pane)
    details = QVBoxLayout(right)
    details.setContentsMargins(0, 0, 4, 0)
    details.addWidget(pane.heading)
    details.addWidget(pane.no_accounts, 1)
    details.addWidget(pane.form)
    details.addLayout(actions)
    details.addWidget(pane.error)
    # The plan, and beside it (added by the apply wiring) the history and the drift found.
    plan_page = QWidget(pane)
    plan_column = QVBoxLayout(plan_page)
    plan_column.setContentsMargins(0, 4, 0, 0)
    plan_column.addWidget(pane.summary)
    plan_column.addWidget(pane.tree, 1)
    plan_column.addWidget(pane.costs)
    pane.tabs = QTabWidget(pane)
    pane.tabs.setObjectName("deployTabs")
    pane.tabs.addTab(plan_page, "")
    pane.environment_actions = QHBoxLayout()
    details.addLayout(pane.environment_actions)
    details.addWidget(pane.tabs, 1)
    pane.details_layout = details

    pane.splitter = QSplitter(Qt.Orientation.Horizontal, pane)
    pane.splitter.setObjectName("deploySplitter")
    pane.splitter.setChildrenCollapsible(False)
    # On a small screen the plan scrolls rather than shrinking its steps out of sight.
    pane.tree.setMinimumHeight(pane.tree.fontMetrics().height() * 12)
    pane.details = QScrollArea(pane)
    pane.details.setObjectName("deployDetails")
    pane.details.setWidgetResizable(True)
    pane.details.setFrameShape(QFrame.Shape.NoFrame)
    pane.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    pane.details.setWidget(right)
    pane.splitter.addWidget(left)
    pane.splitter.addWidget(pane.details)
    pane.splitter.setStretchFactor(0, 2)
    pane.splitter.setStretchFactor(1, 3)
    pane.splitter.setSizes([400, 600])  # two fifths to the environments, at any width
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(pane.title)
    layout.addWidget(pane.splitter, 1)
    QWidget.setTabOrder(pane.environments, pane.form.account)
    QWidget.setTabOrder(pane.form.account, pane.form.location)
    QWidget.setTabOrder(pane.form.location, pane.form.ssh_from)
    QWidget.setTabOrder(pane.form.ssh_from, pane.plan_button)
    QWidget.setTabOrder(pane.plan_button, pane.tree)
    pane.setFocusProxy(pane.environments)

