"""The Costs pane in the main window: its navigation entry (after Deploy, with its icon and
Ctrl+Shift+C) and its page, built on the first visit (QtCharts is imported then)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.nav_section import NavigationSection
from app.gui.qt import QListWidget, QObject, QStackedWidget
from app.gui.session import WorkspaceSession

if TYPE_CHECKING:
    from app.gui.costs.pane import CostsPane

SHORTCUT = "Ctrl+Shift+C"
# Three rising bars on a base line: spend over time.
_ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none"
stroke="{colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
<path d="M3 20h18"/><path d="M6 20v-6"/><path d="M11 20v-10"/><path d="M16 20v-14"/>
<path d="M19.5 4.5l-3 1.5"/></svg>"""


class CostsSection(NavigationSection):
    def __init__(self, session: WorkspaceSession, navigation: QListWidget,
                 stack: QStackedWidget, parent: QObject | None = None) -> None:
        super().__init__(navigation, stack, lambda: _costs_pane(session), self._texts, _ICON,
                         SHORTCUT, parent)

    def _texts(self) -> tuple[str, str, str]:
        return (self.tr("Costs"), self.tr("What your platforms cost and earn (%1)"),
                self.tr("C&osts"))

    @property
    def pane(self) -> CostsPane:
        """The Costs pane, built on first use."""
        return self.page.pane()  # type: ignore[return-value]


def _costs_pane(session: WorkspaceSession) -> CostsPane:
    from app.gui.costs.pane import CostsPane

    return CostsPane(session)
