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

from app.gui.qt import QApplication, QColor, QObject, QPalette, Qt, Signal
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
