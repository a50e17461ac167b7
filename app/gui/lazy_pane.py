"""A page of the main window that builds its pane the first time it is shown.

Start-up pays only for the pane on screen: the navigation entry, its shortcut and its
menu action exist at once, while the pane's module is imported and its widgets built on
the first visit (or the first time something asks for the pane, such as a test or an
"explain this" request from another pane)."""

from __future__ import annotations

from collections.abc import Callable

from app.gui.qt import QShowEvent, QVBoxLayout, QWidget, Signal


class LazyPane(QWidget):
    built = Signal(QWidget)  # the pane, once, right after it is made

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._pane: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._pane is not None

    def pane(self) -> QWidget:
        if self._pane is None:
            pane = self._factory()
            self._pane = pane
            self._layout.addWidget(pane)
            pane.show()  # reparented, a widget stays hidden until shown again
            self._layout.activate()  # and laid out now, not on a later turn of the loop
            self.setFocusProxy(pane)
            self.built.emit(pane)
        return self._pane

    def showEvent(self, event: QShowEvent) -> None:
        self.pane()
        super().showEvent(event)

    def shutdown(self) -> None:
        """Shut the pane down if it was ever built (it holds timers and background work)."""
        if self._pane is not None:
            stop = getattr(self._pane, "shutdown", None)
            if callable(stop):
                stop()
