"""Outlines of check boxes, radio buttons and text fields show in both themes: their colour
has WCAG's 3:1 contrast for parts of a control against the window and the field, and the
pixels Qt actually draws around an unchecked box and an empty field have it too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.gui.qt import (
    QApplication,
    QCheckBox,
    QColor,
    QImage,
    QLineEdit,
    QPalette,
    QPlainTextEdit,
    QPoint,
    QRadioButton,
    QRect,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)
from app.gui.theme import SCHEMES, ThemeController, build_palette, contrast_ratio, control_border

UI_COMPONENT_CONTRAST = 3.0  # WCAG 2.1, 1.4.11 Non-text Contrast

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def themes(qapp: QApplication) -> Iterator[ThemeController]:
    controller = ThemeController(qapp)
    try:
        yield controller
    finally:
        controller.set_preference("light")
        controller.detach()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_outline_colour_has_3_to_1_contrast(scheme: str) -> None:
    palette = build_palette(scheme)
    border = control_border(palette)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        ratio = contrast_ratio(border, palette.color(role))
        assert ratio >= UI_COMPONENT_CONTRAST, (scheme, role, border.name(), ratio)


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#123456"), QColor("#123456")) == pytest.approx(1.0)


def strongest_contrast(image: QImage, area: QRect, background: QColor) -> float:
    return max(contrast_ratio(image.pixelColor(x, y), background)
               for x in range(area.left(), area.right() + 1)
               for y in range(area.top(), area.bottom() + 1))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_unchecked_boxes_and_empty_fields_show_their_outline(
    qtbot: Any, themes: ThemeController, scheme: str
) -> None:
    themes.set_preference(scheme)
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    box, radio, line, text = QCheckBox("Dry run"), QRadioButton("YAML"), QLineEdit(), QPlainTextEdit()
    for widget in (box, radio, line, text):
        column.addWidget(widget)
    host.resize(320, 240)
    host.show()
    qtbot.waitExposed(host)
    image = host.grab().toImage()
    palette = host.palette()
    window, base = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)

    for button, element in ((box, QStyle.SubElement.SE_CheckBoxIndicator),
                            (radio, QStyle.SubElement.SE_RadioButtonIndicator)):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        indicator = button.style().subElementRect(element, option, button)
        indicator.translate(button.mapTo(host, QPoint(0, 0)))
        # the outline stands out from the window around it and the box inside it
        assert strongest_contrast(image, indicator, window) >= UI_COMPONENT_CONTRAST, (scheme, button)
        assert strongest_contrast(image, indicator, base) >= UI_COMPONENT_CONTRAST, (scheme, button)
    for field in (line, text):
        top_left = field.mapTo(host, QPoint(0, 0))
        edge = QRect(top_left.x(), top_left.y() + field.height() // 2, 2, 1)  # its left edge
        assert strongest_contrast(image, edge, window) >= UI_COMPONENT_CONTRAST, (scheme, field)
        assert strongest_contrast(image, edge, base) >= UI_COMPONENT_CONTRAST, (scheme, field)
