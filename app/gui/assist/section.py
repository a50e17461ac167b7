"""The Assistant in the main window: its navigation entry (with its icon and Ctrl+4), its
page, and :func:`explain_this`, which any pane calls to have the assistant explain a
blueprint node, a compliance finding or a constitution rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.blueprint.findings import Finding
from app.gui.lazy_pane import LazyPane
from app.gui.nav_section import NavigationSection
from app.gui.qt import QListWidget, QObject, QStackedWidget, QWidget
from app.gui.session import WorkspaceSession

if TYPE_CHECKING:
    from app.gui.assist.pane import AssistantPane

SHORTCUT = "Ctrl+4"
PAGE_NAME = "assistantPage"
# A speech bubble with a spark: the assistant. Drawn in the theme's text colour.
_ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none"
stroke="{colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5
4v-4h0A2.5 2.5 0 0 1 4 13.5z"/>
<path d="M12 6.5l1.1 2.4 2.4 1.1-2.4 1.1L12 13.5l-1.1-2.4L8.5 10l2.4-1.1z"/></svg>"""


class AssistantSection(NavigationSection):
    def __init__(self, session: WorkspaceSession, navigation: QListWidget,
                 stack: QStackedWidget, parent: QObject | None = None) -> None:
        super().__init__(navigation, stack, lambda: self._build(session), self._texts, _ICON,
                         SHORTCUT, parent)
        self.page.setObjectName(PAGE_NAME)

    def _texts(self) -> tuple[str, str, str]:
        return self.tr("Assistant"), self.tr("Assistant (%1)"), self.tr("&Assistant")

    def _build(self, session: WorkspaceSession) -> AssistantPane:
        from app.gui.assist.pane import AssistantPane

        pane = AssistantPane(session)
        pane.show_requested.connect(self.show_pane)
        return pane

    @property
    def pane(self) -> AssistantPane:
        """The Assistant pane, built on first use."""
        return self.page.pane()  # type: ignore[return-value]

    def explain(self, blueprint_key: str, target: str | Finding) -> bool:
        return self.pane.explain(blueprint_key, target)


def explain_this(widget: QWidget, blueprint_key: str, target: str | Finding) -> bool:
    """Ask the assistant of ``widget``'s window to explain ``target`` of ``blueprint_key``
    (a JSON Pointer such as "/entities/0", an entity name, a Finding, a compliance check
    id or a constitution rule id); the Assistant pane comes up with the answer streaming
    in. False when the window has no assistant or it is busy."""
    window = widget.window()
    page = window.findChild(LazyPane, PAGE_NAME)
    pane = page.pane() if page is not None else window.findChild(QWidget, "assistantPane")
    if pane is None:
        return False
    return bool(pane.explain(blueprint_key, target))  # type: ignore[attr-defined]
