"""Reading Qt Linguist catalogues in tests, and asking lupdate which strings a package has."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from app.gui import i18n
from app.paths import install_root, translations_dir

ARABIC_CATALOGUE = translations_dir() / "webnova_ar.ts"


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    """Each (context, source) of a .ts file with its <message> element."""
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def translation_texts(message: ET.Element) -> list[str]:
    """A message's translation: one text, or one per plural form of a counted phrase."""
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def strings_of(package: str, tmp_path: Path) -> dict[tuple[str, str], ET.Element]:
    """What lupdate finds in the modules of ``app/gui/<package>`` ("" for the shell's own).

    lupdate ships with PySide6-Essentials, which the console requires: its absence is a
    broken installation, reported as a failure."""
    tool = i18n._qt_tool("lupdate")
    assert tool is not None, "pyside6-lupdate not found: reinstall PySide6-Essentials"
    fresh = tmp_path / "fresh.ts"
    folder = install_root() / "app" / "gui" / package if package else install_root() / "app" / "gui"
    sources = sorted(folder.glob("*.py"))
    subprocess.run(
        [str(tool), "-silent", *map(str, sources), "-ts", str(fresh)], check=True, timeout=60
    )
    return messages(fresh)
