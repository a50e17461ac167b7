"""A walk through every pane of the console in Arabic: what the owner reads is Arabic,
and numbers are written the Arabic way («٣٠٬٠٣٤», never "30,034")."""

from __future__ import annotations

import re
from typing import Any

from app.gui.formatting import FSI, LRI, PDI
from app.gui.qt import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    Qt,
    QTabBar,
    QTextEdit,
    QWidget,
)
from app.gui.shell import Shell
from tests.gui.conftest import append_events, wait_until

ENGLISH_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
ARABIC = re.compile("[\u0600-\u06ff]")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
ISOLATED = re.compile(f"[{LRI}\u2067{FSI}][^{PDI}]*{PDI}")  # values: names, paths, ids
URL = re.compile(r"\w+://\S+|\S+@\S+|\S*/\S*|(?:\w+\.)+\w+")  # URLs, paths, files
# Names that stay as they are in Arabic text: products, standards, formats, keys.
KEPT = {
    "WebNova", "PostgreSQL", "SQLite", "Hetzner", "Stripe", "Claude", "Anthropic", "CEL",
    "JSON", "YAML", "URL", "API", "HTTP", "HTTPS", "SQL", "Git", "git", "GDPR", "HIPAA", "PDPL",
    "PCI", "DSS", "SOC", "ISO", "NCA", "ECC", "SAR", "USD", "EUR", "US", "Ctrl", "Enter",
    "Shift", "Alt", "Tab", "Esc", "Delete", "Del", "F1", "F5", "F6", "s", "ms", "UTC", "ID",
    "id", "Ed25519", "SHA", "Python", "FastAPI", "SvelteKit", "OpenAPI", "Qt", "Noto", "Sans",
    "Arabic", "English", "Fusion", "clinic", "local",
}


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for each text a visible widget shows."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, text: str) -> None:
        if text:
            found.append((f"{type(widget).__name__} {widget.objectName()}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget, widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title())
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            add(widget, widget.placeholderText())
        elif isinstance(widget, QComboBox):
            add(widget, widget.currentText())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget, widget.tabText(index))
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            model = widget.model()
            for section in range(widget.count()):
                if model is not None and not widget.isSectionHidden(section):
                    add(widget, str(model.headerData(section, Qt.Orientation.Horizontal) or ""))
        add(widget, widget.toolTip())
    return found


def english_only(text: str) -> bool:
    """A text with English words and no Arabic (values, names and URLs aside)."""
    text = re.sub(r"<[^>]+>", " ", text)  # rich text tags
    text = URL.sub(" ", ISOLATED.sub(" ", text.replace("&", "")))
    if ARABIC.search(text):
        return False
    return any(word not in KEPT for word in WORD.findall(text))


def test_english_only_and_english_numbers_are_recognised() -> None:
    assert english_only("Refresh")
    assert not english_only("الإصدار 2 of 3")
    assert not english_only(f"مساحة العمل: {FSI}local{PDI}")
    assert not english_only("الاتصال بـ PostgreSQL")
    assert ENGLISH_GROUPED.search("1–100 من 30,034")
    assert not ENGLISH_GROUPED.search("١–١٠٠ من ٣٠٬٠٣٤")


def test_every_pane_in_arabic_is_arabic(shell: Shell, qtbot: Any, qapp: QApplication) -> None:
    window = shell.window
    workspace = shell.session.workspace
    assert workspace is not None
    append_events(workspace, 1_100)  # a count past a thousand: it is grouped
    workspace.blueprints.create_from_template_now("healthcare", "clinic", "owner")
    window.event_log.refresh()
    wait_until(qtbot, lambda: window.event_log.browser.total >= 1_100, 30_000)

    combo = window.settings.language_combo
    combo.setCurrentIndex(combo.findData("ar"))
    wait_until(qtbot, lambda: window.navigation.item(1).text() == "سجل الأحداث")

    english: list[str] = []
    grouped: list[str] = []

    def look(place: str) -> None:
        for _ in range(20):  # lazy panes build themselves on first show
            qapp.processEvents()
        qtbot.wait(50)
        for where, text in shown_texts(window):
            if ENGLISH_GROUPED.search(text):
                grouped.append(f"{place} / {where}: {text!r}")
            if english_only(text):
                english.append(f"{place} / {where}: {text!r}")

    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        look(window.navigation.item(row).text())

    # inside a blueprint: every part of the editor, every tab
    window.show_pane(window.stack.indexOf(window.blueprints_page))
    pane = window.blueprints
    pane.open_blueprint("clinic")
    wait_until(qtbot, lambda: pane.stack.currentWidget() is pane.editor)
    tree = pane.editor.surface.tree
    for index in range(tree.topLevelItemCount()):
        tree.setCurrentItem(tree.topLevelItem(index))
        look(f"clinic / {tree.topLevelItem(index).text(0)}")
    tabs = pane.editor.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        look(f"clinic / {tabs.tabText(index)}")
    assert not grouped, "numbers grouped the English way:\n" + "\n".join(sorted(set(grouped)))
    assert not english, "English left in Arabic:\n" + "\n".join(sorted(set(english)))
