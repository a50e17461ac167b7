"""Dialogs that fit the screen they open on, and windows whose title is not cut.

A dialog asks for the size its content would like, but never more than the screen it is on
can show (less the window manager's frame); what does not fit scrolls inside the dialog.
"""

from __future__ import annotations

from app.gui.qt import QFont, QFontMetrics, QGuiApplication, QRect, QSize, QWidget

# Fields for names (of people, blueprints, keys), bilingual or not: wide enough to read one.
NAME_FIELD_WIDTH = 280
# A window manager's borders and title bar around a window's own area.
FRAME = QSize(16, 48)
# The window buttons (close, maximise, minimise) and the icon beside a window's title.
TITLE_CHROME = 150


def available_geometry(widget: QWidget) -> QRect:
    """The part of the screen ``widget`` is on that windows may use."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(available: QRect) -> QSize:
    """The largest window (without its frame) that ``available`` shows whole."""
    return QSize(max(available.width() - FRAME.width(), 0),
                 max(available.height() - FRAME.height(), 0))


def fit_to_screen(widget: QWidget, wanted: QSize | None = None,
                  available: QRect | None = None) -> QSize:
    """Resize ``widget`` to ``wanted`` (its size hint when not given), within the screen:
    ``available`` (the screen it is on when not given). Returns the size given."""
    space = room(available if available is not None else available_geometry(widget))
    size = (wanted if wanted is not None else widget.sizeHint()).boundedTo(space)
    size = size.expandedTo(widget.minimumSizeHint().boundedTo(space))
    widget.setMaximumSize(space.expandedTo(widget.minimumSize()))
    widget.resize(size)
    return size


def title_width(widget: QWidget, title: str) -> int:
    """How wide a window must be for the window manager to show ``title`` whole (title
    bars often use a bold font)."""
    font = QFont(widget.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(title) + TITLE_CHROME


def keep_title_whole(widget: QWidget, at_least: int = 0) -> None:
    """Make ``widget`` at least as wide as its window title needs (and ``at_least``)."""
    widget.setMinimumWidth(max(at_least, title_width(widget, widget.windowTitle())))
