"""Languages of the console: Qt translators, layout direction and Babel formatting.

``python -m app.gui.i18n build`` compiles translations/*.ts into .qm files (the build,
the test command and packaging run it); ``update`` refreshes the .ts sources from the
code with lupdate, keeping existing translations.

Counted phrases use Qt's plural forms: ``self.tr("%Ln files", "", n)``. Arabic has six
forms; English is the source language, yet "1 files" is wrong, so a small English
catalogue (webnova_en.ts) holds only the plural messages, with their two forms.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from app.gui import formatting
from app.gui.fonts import apply_console_font
from app.gui.qt import (
    QT_TRANSLATE_NOOP,
    QApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QtCore,
    QTranslator,
    Signal,
)
from app.paths import data_dir, install_root, translations_dir

log = logging.getLogger(__name__)

CATALOGUE = "webnova"
LANGUAGES = ("en", "ar")
SOURCE_LANGUAGE = "en"  # its catalogue holds only the plural forms of counted phrases
RIGHT_TO_LEFT = frozenset({"ar"})
AUTONYMS = {"en": "English", "ar": "العربية"}  # each language named in itself
# Qt's own standard buttons (message boxes, button boxes) take their text from the context
# "QPlatformTheme". Listed here so lupdate keeps them in our catalogue, which is searched
# before Qt's: the console's words (إلغاء, not Qt's ألغِ) on every button.
STANDARD_BUTTONS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
)


class TranslationMissingError(RuntimeError):
    """A language's compiled catalogue is absent and cannot be built here."""


# ---------------------------------------------------------------------- tools
def _qt_tool(name: str) -> Path | None:
    """lrelease / lupdate: shipped inside the PySide6 package, or on PATH."""
    package = Path(QtCore.__file__).resolve().parent
    for candidate in (package / name, package / f"{name}.exe"):
        if candidate.exists():
            return candidate
    for command in (f"pyside6-{name}", name):
        found = shutil.which(command)
        if found:
            return Path(found)
    return None


def sources() -> list[Path]:
    return sorted(translations_dir().glob(f"{CATALOGUE}_*.ts"))


def compile_catalogue(ts_file: Path, qm_file: Path) -> Path:
    tool = _qt_tool("lrelease")
    if tool is None:
        raise TranslationMissingError(
            f"cannot build {qm_file.name}: Qt's lrelease is not installed (it comes with PySide6)"
        )
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(tool), "-silent", str(ts_file), "-qm", str(qm_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not qm_file.exists():
        raise TranslationMissingError(
            f"lrelease failed on {ts_file.name}: {result.stderr.strip() or result.stdout.strip()}"
        )
    return qm_file


def build() -> list[Path]:
    """Compile every catalogue next to its source."""
    return [compile_catalogue(ts, ts.with_suffix(".qm")) for ts in sources()]


def update() -> list[Path]:
    """Refresh each .ts from the GUI sources (new strings appear as unfinished)."""
    tool = _qt_tool("lupdate")
    if tool is None:
        raise TranslationMissingError("Qt's lupdate is not installed (it comes with PySide6)")
    gui = install_root() / "app" / "gui"
    files = [str(p) for p in sorted(gui.rglob("*.py"))]
    updated = []
    for ts in sources():
        only_plurals = ["-pluralonly"] if ts.stem == f"{CATALOGUE}_{SOURCE_LANGUAGE}" else []
        subprocess.run(
            [str(tool), "-silent", "-no-obsolete", "-locations", "none", *only_plurals, *files,
             "-ts", str(ts)],
            check=True,
        )
        updated.append(ts)
    return updated


def catalogue_path(language: str) -> Path:
    """The compiled catalogue of ``language``, built on the fly when it is missing or
    older than its source (a source checkout); packaged builds ship it compiled."""
    name = f"{CATALOGUE}_{language}"
    ts_file = translations_dir() / f"{name}.ts"
    shipped = translations_dir() / f"{name}.qm"
    if shipped.exists() and (
        not ts_file.exists() or shipped.stat().st_mtime >= ts_file.stat().st_mtime
    ):
        return shipped
    if not ts_file.exists():
        raise TranslationMissingError(f"no translation for {language!r}: {shipped} is missing")
    if os.access(shipped.parent, os.W_OK):
        return compile_catalogue(ts_file, shipped)
    # a read-only install: build into the user's cache instead
    cached = data_dir() / "cache" / "translations" / f"{name}.qm"
    if cached.exists() and cached.stat().st_mtime >= ts_file.stat().st_mtime:
        return cached
    return compile_catalogue(ts_file, cached)


# ---------------------------------------------------------------------- runtime
class LanguageController(QObject):
    """Switches the console's language at runtime.

    Installing a translator makes Qt send LanguageChange to every widget (each one
    retranslates itself); the application's layout direction mirrors the whole window.
    """

    changed = Signal(str)

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._translators: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> None:
        """Switch to ``language``. Raises TranslationMissingError (and stays in the current
        language) when its catalogue cannot be found or built."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        translators = self._load(language)
        for old in self._translators:
            self._app.removeTranslator(old)
        self._translators = translators
        for translator in translators:
            self._app.installTranslator(translator)
        self.language = language
        apply_console_font(self._app, language)
        formatting.set_language(language)
        QLocale.setDefault(QLocale(language))
        direction = (
            Qt.LayoutDirection.RightToLeft
            if language in RIGHT_TO_LEFT
            else Qt.LayoutDirection.LeftToRight
        )
        self._app.setLayoutDirection(direction)
        self.changed.emit(language)

    def _load(self, language: str) -> list[QTranslator]:
        if language == SOURCE_LANGUAGE:
            return []  # its plural forms are always installed (install_source_plurals)
        translators = []
        own = QTranslator(self)
        path = catalogue_path(language)
        if not own.load(str(path)):
            raise TranslationMissingError(f"{path} is not a valid translation catalogue")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(self)
        if qtbase.load(f"qtbase_{language}", qt_dir):  # file dialogs, Qt's other texts
            translators.append(qtbase)
        else:
            log.info("Qt's own %s translations are not installed", language)
        # Installed last, so searched first (Qt asks the newest translator first): where
        # both know a text (STANDARD_BUTTONS), the console's own word wins.
        translators.append(own)
        return translators


def install_source_plurals(app: QApplication) -> QTranslator | None:
    """Install English's plural forms ("1 file", "2 files") for the application's life.
    Installed first, they are asked last: another language's catalogue, installed later,
    answers before them. Without them the source text shows, so a missing catalogue is
    logged, not refused."""
    try:
        path = catalogue_path(SOURCE_LANGUAGE)
    except TranslationMissingError as exc:
        log.warning("English plural forms unavailable: %s", exc)
        return None
    translator = QTranslator(app)
    if not translator.load(str(path)):
        log.warning("English plural forms unavailable: %s is not a catalogue", path)
        return None
    app.installTranslator(translator)
    return translator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.gui.i18n", description=__doc__)
    parser.add_argument("command", choices=("build", "update"))
    args = parser.parse_args(argv)
    try:
        done = build() if args.command == "build" else update()
    except (TranslationMissingError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in done:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
