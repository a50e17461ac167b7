"""The Releases tab's widgets and their places: "Reach servers at" with its problem line,
the releases table, the release to deploy, Deploy with the controls added beside it and
Check health, the health and state lines, and the step log. Kept apart from
:mod:`app.gui.deploy.releases_tab`, which gives them life."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.deploy.reach_field import ReachField
from app.gui.deploy.release_log import ReleaseLog
from app.gui.deploy.release_views import ReleaseTable
from app.gui.qt import QComboBox, QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout

if TYPE_CHECKING:
    from app.gui.deploy.releases_tab import ReleasesTab


def build_tab(tab: ReleasesTab) -> None:
    tab.reach_box = ReachField(tab)
    tab.reach_field = tab.reach_box.field
    tab.reach_error = tab.reach_box.error
    tab.table = ReleaseTable(tab)
    tab.choice = QComboBox(tab)
    tab.choice.setObjectName("releaseChoice")
    tab.deploy_button = QPushButton(tab)
    tab.deploy_button.setObjectName("deployReleaseButton")
    tab.deploy_button.clicked.connect(tab.deploy)
    tab.health_button = QPushButton(tab)
    tab.health_button.setObjectName("checkHealthButton")
    tab.health_button.clicked.connect(tab.check_health)
    tab.open_approvals = QPushButton(tab)
    tab.open_approvals.clicked.connect(tab.pane.open_approvals)
    tab.open_approvals.hide()
    tab.choice_label = QLabel(tab)
    tab.choice_label.setBuddy(tab.choice)
    tab.release_actions = QHBoxLayout()
    chooser = QHBoxLayout()
    chooser.addWidget(tab.choice_label)
    chooser.addWidget(tab.choice, 1)
    row = QHBoxLayout()
    row.addWidget(tab.deploy_button)
    row.addLayout(tab.release_actions)
    row.addWidget(tab.health_button)
    row.addWidget(tab.open_approvals)
    row.addStretch(1)
    tab.health_label = QLabel(tab)
    tab.health_label.setObjectName("releaseHealth")
    tab.health_label.setWordWrap(True)
    tab.health_label.setTextFormat(Qt.TextFormat.PlainText)
    tab.message = QLabel(tab)
    tab.message.setObjectName("releaseMessage")
    tab.message.setWordWrap(True)
    tab.message.setTextFormat(Qt.TextFormat.PlainText)
    tab.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    tab.log = ReleaseLog(tab)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(tab.reach_box)
    layout.addWidget(tab.table, 1)
    layout.addLayout(chooser)
    layout.addLayout(row)
    layout.addWidget(tab.health_label)
    layout.addWidget(tab.message)
    layout.addWidget(tab.log)
    tab.choice.currentIndexChanged.connect(lambda _i: tab._update())
