"""Light and dark themes: follow the operating system, or the owner's choice.

Palettes and a few accent colours live in resources/themes/*.json; the small stylesheet
in resources/themes/console.qss only styles what a palette cannot (banners, states).
"""

from __future__ import annotations

import json
import logging
from functools import cache
from string import Template
from typing import Any

from app.gui.qt import (
    QApplication,
    QColor,
    QObject,
    QPainter,
    QPalette,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    Qt,
    QWidget,
    Signal,
)
from app.paths import resources_dir

log = logging.getLogger(__name__)

PREFERENCES = ("system", "light", "dark")
SCHEMES = ("light", "dark")


@cache
def theme_data(scheme: str) -> dict[str, Any]:
    if scheme not in SCHEMES:
        raise ValueError(f"no theme {scheme!r}")
    path = resources_dir() / "themes" / f"{scheme}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def build_palette(scheme: str) -> QPalette:
    spec = theme_data(scheme)["palette"]
    palette = QPalette()
    for group, roles in (
        (QPalette.ColorGroup.All, {k: v for k, v in spec.items() if k != "disabled"}),
        (QPalette.ColorGroup.Disabled, spec.get("disabled", {})),
    ):
        for role_name, colour in roles.items():
            palette.setColor(group, getattr(QPalette.ColorRole, role_name), QColor(colour))
    return palette


def build_stylesheet(scheme: str) -> str:
    template = (resources_dir() / "themes" / "console.qss").read_text(encoding="utf-8")
    return Template(template).substitute(theme_data(scheme)["accents"])


def accent(scheme: str, name: str) -> QColor:
    return QColor(theme_data(scheme)["accents"][name])


# Where the outline of a field or an indicator sits between the field's text colour (1.0)
# and its background (0.0): far enough from both to show, in either theme, at the 3:1
# contrast WCAG asks of the parts of a control (1.4.11).
CONTROL_BORDER_WEIGHT = 0.6
BORDERED = frozenset({
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
    QStyle.PrimitiveElement.PE_Frame,  # text edits, lists and tables
})


def control_border(palette: QPalette, group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> QColor:
    """The outline colour of check boxes, radio buttons and text fields on ``palette``."""
    text = palette.color(group, QPalette.ColorRole.Text)
    base = palette.color(group, QPalette.ColorRole.Base)
    weight = CONTROL_BORDER_WEIGHT
    return QColor.fromRgbF(*(t * weight + b * (1 - weight) for t, b in zip(
        (text.redF(), text.greenF(), text.blueF()), (base.redF(), base.greenF(), base.blueF()),
        strict=True)))


def contrast_ratio(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class ConsoleStyle(QProxyStyle):
    """Fusion, with outlines that show in the dark theme too.

    Fusion draws the outline of a check box, a radio button or a text field a little
    darker than the window colour: on a dark window that is black on black, and an
    unchecked box or an empty field disappears. Here those outlines get
    :func:`control_border` instead (Fusion takes its outline from the window colour, so the
    option's window colour is set to the one that yields it)."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    @staticmethod
    def _outlined(option: QStyleOption) -> QStyleOption:
        made = type(option)(option)  # type: ignore[call-arg]
        palette = QPalette(option.palette)
        border = control_border(palette, palette.currentColorGroup())
        hue, saturation, value, alpha = border.getHsvF()
        # Fusion's outline is window.darker(140): the window colour that yields the border
        palette.setColor(QPalette.ColorRole.Window,
                         QColor.fromHsvF(hue, saturation, min(1.0, value * 1.4), alpha))
        made.palette = palette
        return made

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element in BORDERED:
            option = self._outlined(option)
        super().drawPrimitive(element, option, painter, widget)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        if control == QStyle.ComplexControl.CC_SpinBox:
            option = self._outlined(option)  # type: ignore[assignment]
        super().drawComplexControl(control, option, painter, widget)


class ThemeController(QObject):
    """Applies a palette to the whole application and keeps following the OS when the
    preference is "system"."""

    changed = Signal(str)  # the scheme now shown: "light" or "dark"

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.preference = "system"
        self.scheme = ""
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(self._on_os_scheme)

    def detach(self) -> None:
        self._app.styleHints().colorSchemeChanged.disconnect(self._on_os_scheme)

    def os_scheme(self) -> str:
        scheme = self._app.styleHints().colorScheme()
        return "dark" if scheme == Qt.ColorScheme.Dark else "light"

    def set_preference(self, preference: str) -> None:
        if preference not in PREFERENCES:
            raise ValueError(f"unknown theme preference {preference!r}")
        self.preference = preference
        self._apply(self.os_scheme() if preference == "system" else preference)

    def _on_os_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self.preference == "system":
            self._apply(self.os_scheme())

    def _apply(self, scheme: str) -> None:
        if scheme == self.scheme:
            return
        self.scheme = scheme
        self._app.setPalette(build_palette(scheme))
        self._app.setStyleSheet(build_stylesheet(scheme))
        log.debug("theme: %s (preference %s)", scheme, self.preference)
        self.changed.emit(scheme)
