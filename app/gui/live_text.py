"""Text that follows the language: a label shows what a function renders, and renders it
again when the language changes, so a message shown before a switch does not stay in the
old language."""

from __future__ import annotations

from collections.abc import Callable

from app.gui.qt import QEvent, QLabel, QObject

_ATTRIBUTE = "_webnova_live_text"


class _Renderer(QObject):
    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.label = label
        self.render: Callable[[], str] = str
        self.shown = ""  # what it last rendered; a text set since then is left alone
        label.installEventFilter(self)

    def show(self) -> None:
        self.shown = self.render()
        self.label.setText(self.shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.label and event.type() == QEvent.Type.LanguageChange
                and self.label.text() == self.shown):
            self.show()
        return False


def show_text(label: QLabel, render: Callable[[], str]) -> None:
    """Set ``label`` to ``render()`` now and after every language change (until another
    text is set on it)."""
    renderer = getattr(label, _ATTRIBUTE, None)
    if renderer is None:
        renderer = _Renderer(label)
        setattr(label, _ATTRIBUTE, renderer)
    renderer.render = render
    renderer.show()
