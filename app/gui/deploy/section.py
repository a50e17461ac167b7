"""The Deploy pane in the main window: its navigation entry (after Generate, with its icon
and Ctrl+Shift+D — the digits are taken by the panes before and after it) and its page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.gui.nav_section import NavigationSection
from app.gui.qt import QListWidget, QObject, QStackedWidget
from app.gui.session import WorkspaceSession

if TYPE_CHECKING:
    from app.gui.deploy.pane import DeployPane

SHORTCUT = "Ctrl+Shift+D"
# A cloud with an arrow rising into it: a platform put on the owner's cloud.
_ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none"
stroke="{colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
<path d="M7 18h-.5a4.5 4.5 0 0 1-.6-8.96A6 6 0 0 1 17.6 8.5 4.5 4.5 0 0 1 17.5 18H17"/>
<path d="M12 21v-8"/><path d="M9 15.5l3-3 3 3"/></svg>"""


class DeploySection(NavigationSection):
    def __init__(self, session: WorkspaceSession, navigation: QListWidget,
                 stack: QStackedWidget, open_settings: Callable[[], None] | None = None,
                 open_approvals: Callable[[], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(navigation, stack,
                         lambda: _deploy_pane(session, open_settings, open_approvals),
                         self._texts, _ICON, SHORTCUT, parent)

    def _texts(self) -> tuple[str, str, str]:
        return (self.tr("Deploy"), self.tr("Plan platform environments on your cloud (%1)"),
                self.tr("Dep&loy"))

    @property
    def pane(self) -> DeployPane:
        """The Deploy pane, built on first use."""
        return self.page.pane()  # type: ignore[return-value]


def _deploy_pane(session: WorkspaceSession, open_settings: Callable[[], None] | None,
                 open_approvals: Callable[[], None] | None) -> DeployPane:
    from app.gui.deploy.pane import DeployPane

    pane = DeployPane(session)
    if open_settings is not None:
        pane.open_settings.connect(open_settings)
    if open_approvals is not None:
        pane.open_approvals.connect(open_approvals)
    return pane
