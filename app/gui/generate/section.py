"""The Generate pane in the main window: its navigation entry (with its icon and Ctrl+5)
and its page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.nav_section import NavigationSection
from app.gui.qt import QListWidget, QObject, QStackedWidget
from app.gui.session import WorkspaceSession

if TYPE_CHECKING:
    from app.gui.generate.pane import GeneratePane

SHORTCUT = "Ctrl+5"
# Code brackets over a cog's base line: a platform made from a blueprint.
_ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none"
stroke="{colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
<path d="M8 6l-5 6 5 6"/><path d="M16 6l5 6-5 6"/><path d="M13.5 4l-3 16"/></svg>"""


class GenerateSection(NavigationSection):
    def __init__(self, session: WorkspaceSession, navigation: QListWidget,
                 stack: QStackedWidget, parent: QObject | None = None) -> None:
        super().__init__(navigation, stack, lambda: _generate_pane(session), self._texts,
                         _ICON, SHORTCUT, parent)

    def _texts(self) -> tuple[str, str, str]:
        return (self.tr("Generate"), self.tr("Generate and run platforms (%1)"),
                self.tr("&Generate"))

    @property
    def pane(self) -> GeneratePane:
        """The Generate pane, built on first use."""
        return self.page.pane()  # type: ignore[return-value]


def _generate_pane(session: WorkspaceSession) -> GeneratePane:
    from app.gui.generate.pane import GeneratePane

    return GeneratePane(session)
